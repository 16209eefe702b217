"""The formation family's interface to the history scorer: games solved in size buckets give
the numbers of one padded batch, and the predictions are the likelihood's probabilities."""

from __future__ import annotations

import numpy as np
import pytest

from foedus.history.families import (
    SOLVER,
    AllianceBatch,
    _formation_log_likelihood,
    _formation_per_case,
    _formation_predict,
    size_buckets,
)
from foedus.models.formation.batch import stack_games
from foedus.models.formation.likelihood import AllianceData, alliance_log_likelihood
from foedus.models.formation.params import sample_parameters
from foedus.models.formation.testing import random_game


@pytest.fixture(scope="module")
def solved():
    sizes = [2, 5, 3, 7]                               # two size buckets: (2, 3) and (5, 7)
    games = [random_game(n, seed=10 + k, crises=1, founders=(0,) if n > 3 else ())
             for k, n in enumerate(sizes)]
    rng = np.random.default_rng(4)
    row_case, row_slot = [], []
    for c, g in enumerate(games):
        for s in range(g.n):
            if s not in g.fixed and g.states[s] not in g.founders:
                row_case.append(c)
                row_slot.append(s)
    order = rng.permutation(len(row_case))           # corpus rows in any order
    alliances = AllianceBatch(games, [f"g{k}" for k in range(len(games))],
                              np.array(row_case)[order], np.array(row_slot)[order])
    y = rng.integers(0, 2, len(order))
    theta = sample_parameters(1, np.random.default_rng(1)).values.T    # (P, 1)
    padded = stack_games(games)
    observed = np.full(padded.present.shape, np.nan)
    observed[alliances.row_case, alliances.row_slot] = y
    data = AllianceData(padded, observed, tuple(alliances.labels))
    expected = alliance_log_likelihood(theta[:, 0], data, per_case=True, **SOLVER)
    damped = alliance_log_likelihood(theta[:, 0], data, per_case=True)
    return {"alliances": alliances, "y": y, "theta": theta, "padded": expected,
            "padded_damped": damped,
            "per_case": _formation_per_case(theta, alliances, y),
            "proba": _formation_predict(theta, alliances)}


def test_buckets_partition_the_games_and_bound_the_size_ratio():
    sizes = np.random.default_rng(0).integers(2, 60, 200)
    buckets = size_buckets(sizes)
    together = np.sort(np.concatenate(buckets))
    assert together.tolist() == list(range(200))
    for b in buckets:
        assert sizes[b].max() <= 1.5 * sizes[b].min()


def test_bucketed_likelihood_equals_one_padded_batch(solved):
    assert len(solved["alliances"].buckets()) == 2
    np.testing.assert_allclose(solved["per_case"][:, 0], solved["padded"], rtol=1e-10,
                               atol=1e-10)
    assert solved["per_case"].sum() < 0


def test_predictions_are_the_likelihoods_probabilities(solved):
    y, proba = solved["y"], solved["proba"]
    assert proba.shape == (1, y.size, 2)
    np.testing.assert_allclose(proba.sum(axis=-1), 1.0)
    p = np.clip(proba[..., 1], 1e-12, 1 - 1e-12)
    from_predictions = np.where(y > 0, np.log(p), np.log1p(-p)).sum(axis=1)
    # predictions are the damped path's memberships (tolerance 1e-6, the documented scores)
    np.testing.assert_allclose(from_predictions, solved["padded_damped"].sum(), rtol=1e-9)


def test_take_keeps_the_rows_and_their_games(solved):
    alliances, y = solved["alliances"], solved["y"]
    keep = np.flatnonzero(alliances.row_case == 1)
    part = alliances.take(keep)
    assert len(part.games) == 1
    np.testing.assert_allclose(_formation_log_likelihood(solved["theta"], part, y[keep]),
                               solved["per_case"][1], rtol=1e-10)


def test_corpus_alliances_are_offered_to_every_invited_state():
    # scored as founded, a candidate that stayed out is party to nothing and has nothing to
    # join (membership probability 0 by construction): the scores would read the outcome
    # from the member list. Every scored row must be a party of its game.
    from foedus.history.pipeline import _with_batch, model_interface
    from foedus.history.tasks import build_task

    task = build_task("formation-members")
    frame = task.frame
    sizes = frame.groupby("cluster").y.agg(["size", "sum"])
    mixed = sizes[(sizes["sum"] > 0) & (sizes["sum"] < sizes["size"])].sort_values("size")
    clusters = mixed.index[:4].tolist()          # the smallest alliances with non-joiners
    _, build_batch = model_interface("formation-members")
    sub = _with_batch(task.subset(np.isin(frame.cluster.to_numpy(), clusters)), build_batch)
    y = sub.frame.y.to_numpy()
    assert (y == 0).any() and (y == 1).any()
    for idx, rows, data in sub.payload.data(y):
        scored = np.isfinite(data.observed)
        assert data.batch.party[scored].all()


@pytest.fixture(scope="module")
def corpus_alliances():
    """The smallest alliances of 1816-1945 with members and non-joiners, as the fit sees
    them."""
    from foedus.history.pipeline import _with_batch, model_interface
    from foedus.history.tasks import build_task

    task = build_task("formation-members")
    frame = task.frame[task.frame.year <= 1945]
    sizes = frame.groupby("cluster").y.agg(["size", "sum"])
    mixed = sizes[(sizes["sum"] > 0) & (sizes["sum"] < sizes["size"])].sort_values("size")
    clusters = mixed.index[:6].tolist()
    adapter, build_batch = model_interface("formation-members")
    sub = _with_batch(task.subset(np.isin(task.frame.cluster.to_numpy(), clusters)),
                      build_batch)
    from foedus.history.adapters import registered_priors

    priors = registered_priors(adapter.names)
    theta = np.array([float(priors[n].center()) for n in adapter.names])
    return adapter, sub, sub.frame.y.to_numpy().astype(np.int64), theta


def test_fit_path_equals_the_damped_likelihood_on_corpus_alliances(corpus_alliances):
    # the fit's path (damped homotopy polished by Anderson, parameter vectors batched as
    # rows) gives the likelihood of the damped iteration run to round-off
    _, sub, y, centre = corpus_alliances
    thetas = np.column_stack([centre, sample_parameters(2, np.random.default_rng(3)).values.T])
    fast = _formation_per_case(thetas, sub.payload, y)
    for d in range(thetas.shape[1]):
        old = np.zeros(len(sub.payload.games))
        for idx, _, data in sub.payload.data(y):
            old[idx] = alliance_log_likelihood(thetas[:, d], data, per_case=True, tol=1e-15,
                                               max_iter=20000)
        np.testing.assert_allclose(fast[:, d], old, rtol=1e-8, atol=1e-8)


def test_fit_gradient_equals_differences_on_corpus_alliances(corpus_alliances):
    adapter, sub, y, centre = corpus_alliances
    names = adapter.names
    free = [k for k, n in enumerate(names) if n not in adapter.not_identified]
    gradient = adapter.gradient_for(sub.payload, y)
    value, grad = gradient(centre, free)
    assert value == pytest.approx(float(_formation_log_likelihood(centre[:, None],
                                                                  sub.payload, y)[0]),
                                  rel=1e-10)
    for k in (names.index("formation_precision"), names.index("treaty_reliability")):
        h = 1e-5 * max(1.0, abs(centre[k]))
        cols = np.column_stack([centre, centre])
        cols[k, 0] += h
        cols[k, 1] -= h
        up, down = _formation_log_likelihood(cols, sub.payload, y)
        assert grad[k] == pytest.approx((up - down) / (2 * h), rel=1e-4, abs=1e-6)


def test_unconverged_solves_are_reported_never_silent(solved, monkeypatch):
    """Predictions that rest on equilibrium solves stopped at their iteration cap raise an
    UnconvergedWarning that counts them (the CLI prints it as a note); converged solves raise
    nothing."""
    import dataclasses
    import warnings

    from foedus.errors import UnconvergedWarning
    from foedus.models.formation import qre

    theta = solved["theta"]
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnconvergedWarning)
        clean = _formation_predict(theta, solved["alliances"])
    real = qre.solve_qre

    def capped(*args, **kwargs):
        sol = real(*args, **kwargs)
        flags = np.asarray(sol.converged).copy()
        flags[0] = False
        return dataclasses.replace(sol, converged=flags)

    monkeypatch.setattr(qre, "solve_qre", capped)
    with pytest.warns(UnconvergedWarning, match=r"formation model: \d+ of \d+ .*iteration cap"):
        flagged = _formation_predict(theta, solved["alliances"])
    np.testing.assert_array_equal(flagged, clean)      # reported, the numbers unchanged


def test_unconverged_crisis_solves_are_reported(monkeypatch):
    """The crisis family's predictions say so too when an equilibrium stopped at its cap."""
    import dataclasses
    import warnings

    from foedus.errors import UnconvergedWarning
    from foedus.history.families import DisputeBatch, _crisis_predict
    from foedus.models.crisis.batch import CrisisBatch
    from foedus.models.crisis.inputs import _toy_inputs
    from foedus.models.crisis.montecarlo import sample_parameters as crisis_draws

    batch = DisputeBatch([_toy_inputs()], np.array([0, 0]), np.array([0, 1]))
    theta, _, _ = crisis_draws({}, 3, np.random.default_rng(2))
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnconvergedWarning)
        clean = _crisis_predict(theta, batch)
    real = CrisisBatch.solve

    def capped(self, *args, **kwargs):
        sol = real(self, *args, **kwargs)
        flags = np.asarray(sol.converged).copy()
        flags[0, 0] = False
        return dataclasses.replace(sol, converged=flags)

    monkeypatch.setattr(CrisisBatch, "solve", capped)
    with pytest.warns(UnconvergedWarning, match=r"crisis model: 1 of 3 "):
        flagged = _crisis_predict(theta, batch)
    np.testing.assert_array_equal(flagged, clean)
