"""The historical batch: many different crises at one parameter vector (issue 10 part 1,
item 5; serves issue 9's scorer).

The batch kernel must give, crisis by crisis, what the per-crisis solver and the plain-loop
reference give; the likelihood must be the sum of the log-probabilities of what was
observed; the gradient must agree with finite differences of independent evaluations; the
corpus calibration of the entry cost must reach the observed rate.
"""

from __future__ import annotations

import numpy as np
import pytest

from foedus.errors import ParameterError
from foedus.models.crisis import (
    CrisisBatch,
    attack_log_probability,
    calibrate_entry_cost,
    centre_theta,
    log_likelihood,
    log_likelihood_gradient,
    parameter_names,
    sample_parameters,
    solve_equilibrium,
    solve_equilibrium_loop,
)
from foedus.models.crisis.batch import outcome_probabilities
from foedus.models.crisis.inputs import _random_inputs
from foedus.models.crisis.kernel import FA, FT, SA, SO, ST

P = {name: k for k, name in enumerate(parameter_names())}
ACTIONS_OBSERVED = ("fight_target", "fight_aggressor", "did_not_fight")


@pytest.fixture(scope="module")
def crises():
    rng = np.random.default_rng(11)
    sizes = [3, 4, 6, 9, 13, 17, 26, 35, 5, 8]
    return [_random_inputs(rng, n, f"c{k}", co_targets=int(k % 3 == 0 and n > 4))
            for k, n in enumerate(sizes)]


@pytest.fixture(scope="module")
def batch(crises):
    return CrisisBatch.from_inputs(crises)


@pytest.fixture(scope="module")
def records(batch):
    rng = np.random.default_rng(5)
    return [{s: str(rng.choice(ACTIONS_OBSERVED, p=[0.15, 0.1, 0.75])) for s in states
             if rng.random() < 0.8} for states in batch.slot_states]


@pytest.mark.parametrize("backend", ["numpy", "numba"])
def test_batch_equals_the_per_crisis_loop(crises, batch, backend):
    theta, _, _ = sample_parameters({}, 2, np.random.default_rng(3))
    sol = batch.solve(theta, backend=backend)
    for b, inp in enumerate(crises):
        one = solve_equilibrium(inp, theta, dtype=np.float64, backend=backend)
        np.testing.assert_allclose(sol.q[b], one.q[:, inp.slots], atol=1e-8)
        np.testing.assert_allclose(sol.p_attack[b], one.p_attack, atol=1e-9)
        np.testing.assert_allclose(sol.p_target[b], one.p_target, atol=1e-9)
    assert sol.converged.all()


def test_batch_agrees_with_the_plain_loop_reference(crises, batch):
    theta = centre_theta()
    sol = batch.solve(theta)
    for b, inp in enumerate(crises[:5]):
        q, attack = solve_equilibrium_loop(inp, theta[:, None])
        np.testing.assert_allclose(sol.q[b][0], q[0, inp.slots], atol=1e-7)
        np.testing.assert_allclose(sol.p_attack[b, 0], attack[0], atol=1e-7)


def test_numba_and_numpy_backends_agree(batch):
    theta = centre_theta()
    a = batch.solve(theta, backend="numba")
    b = batch.solve(theta, backend="numpy")
    for qa, qb in zip(a.q, b.q):
        np.testing.assert_allclose(qa, qb, atol=1e-8)


def test_log_likelihood_is_the_sum_of_observed_log_probabilities(batch, records):
    obs = batch.observations(records)
    theta = centre_theta()
    sol = batch.solve(theta)
    total = 0.0
    for b, record in enumerate(records):
        states = batch.slot_states[b]
        for state, action in record.items():
            q = sol.q[b][0, states.index(state)]
            p = {"fight_target": q[FT], "fight_aggressor": q[FA],
                 "did_not_fight": q[ST] + q[SO] + q[SA]}[action]
            total += np.log(p)
    assert log_likelihood(theta, batch, obs) == pytest.approx(total, rel=1e-10)
    per_case = log_likelihood(theta, batch, obs, per_case=True)
    assert per_case.shape == (batch.size, 1) and per_case.sum() == pytest.approx(total)
    assert obs.count == sum(len(r) for r in records)


def test_several_parameter_columns_at_once(batch, records):
    obs = batch.observations(records)
    theta, _, _ = sample_parameters({}, 3, np.random.default_rng(9))
    together = log_likelihood(theta, batch, obs)
    apart = [log_likelihood(theta[:, k], batch, obs) for k in range(3)]
    np.testing.assert_allclose(together, apart, rtol=1e-10)


def test_gradient_matches_finite_differences_of_independent_evaluations(batch, records):
    obs = batch.observations(records)
    theta = centre_theta()
    free = [P["crisis_entry_cost"], P["crisis_stake_weight"], P["crisis_precision"],
            P["crisis_resolve_dispersion"]]
    value, grad = log_likelihood_gradient(theta, batch, obs, free=free)
    assert value == pytest.approx(log_likelihood(theta, batch, obs), rel=1e-9)
    for k in free:
        h = 1e-4 * max(1.0, abs(theta[k]))
        up, down = theta.copy(), theta.copy()
        up[k] += h
        down[k] -= h
        fd = (log_likelihood(up, batch, obs, tol=1e-12)
              - log_likelihood(down, batch, obs, tol=1e-12)) / (2 * h)
        assert grad[k] == pytest.approx(fd, rel=1e-4, abs=1e-5)
    others = np.setdiff1d(np.arange(theta.size), free)
    assert np.all(grad[others] == 0.0)


def test_observed_probabilities_collapse_support_into_did_not_fight():
    q = np.array([[[0.1, 0.2, 0.3, 0.15, 0.25], [0.5, 0.1, 0.2, 0.1, 0.1]]])
    codes = np.array([5, -1])
    p = outcome_probabilities(q, codes)
    assert p[0, 0] == pytest.approx(0.65) and p[0, 1] == 1.0


def test_observations_refuse_what_they_cannot_align(batch):
    records = [{} for _ in range(batch.size)]
    with pytest.raises(ParameterError, match="not a third state"):
        batch.observations([{"S0": "fight_target"}] + records[1:])      # S0 is the aggressor
    with pytest.raises(ParameterError, match="unknown action"):
        batch.observations([{batch.slot_states[0][0]: "joined"}] + records[1:])
    with pytest.raises(ParameterError, match="records for"):
        batch.observations(records[:-1])


def test_attack_log_probability_is_log_of_one_minus_p_deterred(crises, batch):
    theta = centre_theta()
    out = attack_log_probability(theta, batch)
    assert out.shape == (batch.size,) and np.all(out <= 0)
    one = solve_equilibrium(crises[2], theta, dtype=np.float64)
    assert out[2] == pytest.approx(np.log(1 - one.p_deterred[0]), abs=1e-9)


def test_entry_cost_calibration_reaches_the_observed_rate(batch, records):
    obs = batch.observations(records)
    theta = centre_theta()
    # the toy batch was built on the model before shared obligations (gamma_g = 0); at the
    # prior centre (0.5) its dense commitments bring the observed rate below entry cost 0
    theta[P["crisis_guarantor_dilution"]] = 0.0
    calibrated, cal = calibrate_entry_cost(batch, obs, theta)
    assert not cal.at_bound[0]
    assert cal.predicted_rate[0] == pytest.approx(cal.observed_rate, abs=1e-3)
    assert calibrated[P["crisis_entry_cost"]] == pytest.approx(cal.entry_cost[0])
    # more fighting observed -> a lower entry cost
    more = [{s: ("fight_target" if a == "did_not_fight" and k % 2 == 0 else a)
             for k, (s, a) in enumerate(r.items())} for r in records]
    _, cal_more = calibrate_entry_cost(batch, batch.observations(more), theta)
    assert cal_more.entry_cost[0] < cal.entry_cost[0]


def test_calibration_reports_an_unreachable_rate(batch):
    nobody = [dict.fromkeys(states, "did_not_fight") for states in batch.slot_states]
    theta = centre_theta()
    _, cal = calibrate_entry_cost(batch, batch.observations(nobody), theta,
                                  bounds=(0.0, 2.0))
    assert cal.at_bound[0] and cal.entry_cost[0] == 2.0


def test_corpus_rows_align_take_and_score(crises, batch, records):
    """Rows (crisis, third state) as the history scorer holds them: probabilities are the
    batch's, a split's rows score alike, and the plain loop gives the same likelihood."""
    from foedus.models.crisis import (
        MID_CLASSES,
        NOT_IDENTIFIED,
        ThirdPartyRows,
        rows_log_likelihood,
        rows_log_likelihood_loop,
        rows_probabilities,
    )

    pairs = [(b, s) for b, r in enumerate(records) for s in r]
    y = np.array([MID_CLASSES.index(records[b][s]) for b, s in pairs])
    rows = ThirdPartyRows.from_inputs(crises, pairs)
    theta = centre_theta()
    p = rows_probabilities(theta, rows)
    sol = batch.solve(theta)
    b, s = pairs[7]
    q = sol.q[b][0, batch.slot_states[b].index(s)]
    np.testing.assert_allclose(p[0, 7], [q[ST] + q[SO] + q[SA], q[FT], q[FA]], atol=1e-12)
    total = rows_log_likelihood(theta, rows, y)[0]
    assert total == pytest.approx(log_likelihood(theta, batch, batch.observations(records)))
    assert rows_log_likelihood_loop(theta, rows, y) == pytest.approx(total, rel=1e-9)
    split = np.arange(0, len(pairs), 3)
    sub = rows.take(split)
    np.testing.assert_allclose(rows_probabilities(theta, sub)[0], p[0, split], atol=1e-12)
    assert set(NOT_IDENTIFIED) < set(parameter_names())


def test_corpus_rows_from_cases():
    from foedus.models.crisis import ThirdPartyRows, rows_probabilities
    from foedus.scenarios import build_case, load_scenario

    case = build_case(load_scenario("july-1914"))
    rows = ThirdPartyRows.from_cases([("mid-july", case)], [("mid-july", "RUS"),
                                                            ("mid-july", "ITA")])
    assert rows_probabilities(centre_theta(), rows).shape == (1, 2, 3)
    with pytest.raises(ParameterError, match="not a third state"):
        ThirdPartyRows.from_cases([("x", case)], [("x", "AUT")])
