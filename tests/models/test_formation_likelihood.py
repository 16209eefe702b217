"""Log-likelihoods for the estimation on history: batched equals plain loops, the bilateral
closed form equals the game, bad input is one clear error."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from foedus.errors import FoedusError, ParameterError
from foedus.models.formation import build_game, central_parameters, sample_parameters
from foedus.models.formation.batch import stack_games
from foedus.models.formation.likelihood import (
    AllianceData,
    alliance_data,
    alliance_log_likelihood,
    alliance_log_likelihood_loop,
    dyad_batch,
    dyad_log_likelihood,
    dyad_log_likelihood_loop,
    dyad_probability,
    dyad_values,
    offered_design,
)
from foedus.models.formation.testing import random_game
from foedus.models.formation.utility import profile_value
from foedus.scenarios import build_case, load_scenario
from foedus.world.agreements import (
    Agreement,
    AgreementKind,
    Obligation,
    Trigger,
    collective_provisions,
)
from foedus.world.design import Design


@pytest.fixture(scope="module")
def seato():
    return build_case(load_scenario("seato-1954"))


@pytest.fixture(scope="module")
def seato_interests(seato):
    from foedus.interests import compute_interests

    return compute_interests(seato.world)


def test_alliance_likelihood_batched_equals_the_loop():
    games = [random_game(4, seed=1), random_game(3, seed=2, founders=(0,)),
             random_game(5, seed=3, fixed=(0,))]
    y = np.array([[1, 1, 0, 0, np.nan], [1, 0, 1, np.nan, np.nan],
                  [np.nan, 1, 0, 1, 0]])
    data = AllianceData(stack_games(games), y, ("a", "b", "c"))
    theta = sample_parameters(1, np.random.default_rng(5)).values[0]
    batched = alliance_log_likelihood(theta, data)
    assert batched == pytest.approx(alliance_log_likelihood_loop(theta, data), rel=1e-6)
    per_case = alliance_log_likelihood(theta, data, per_case=True)
    assert per_case.shape == (3,) and per_case.sum() == pytest.approx(batched)


def test_the_offered_design_lets_candidates_join(seato):
    """A case that records only the signatories as parties is offered to every invited state,
    so that the candidates have something to decide (and the member list is not read)."""
    d = seato.design("manila-pact")
    signed = dataclasses.replace(d, add=(d.add[0].without_member("IND").without_member("LKA"),))
    offered = offered_design(seato, signed)
    treaty = offered.add[0]
    assert set(treaty.members) == set(d.invited)
    assert treaty.obliges("IND", "USA", Obligation.DEFENSE)      # the shared obligation
    assert treaty.obliges("GBR", "LKA", Obligation.DEFENSE)      # members' obligations extended
    assert offered_design(seato, d).add[0] == d.add[0]         # already offered to everyone


def test_alliance_data_from_a_case_scores_the_invited(seato):
    members = ["USA", "GBR", "FRA", "AUS", "NZL", "PHL", "THA", "PAK"]
    data = alliance_data([(seato, "manila-pact", members)])
    assert data.n_scored == 12 and np.nansum(data.observed) == 8
    ll = alliance_log_likelihood(central_parameters().values[0], data)
    assert np.isfinite(ll) and ll < 0
    with pytest.raises(FoedusError, match="not states of design"):
        alliance_data([(seato, "manila-pact", ["USA", "XXX"])])


def _pact(case, a, b):
    return Design(id="pact", name="pact", invited=(a, b), add=(Agreement(
        "p", "p", AgreementKind.PROPOSED_TREATY, (a, b),
        collective_provisions((a, b), Obligation.DEFENSE, "1", Trigger()),
        in_force=case.world.date),))


PAIRS = [("THA", "PHL"), ("IND", "PAK"), ("AUS", "IDN"), ("USA", "THA"), ("GBR", "LKA")]


def test_the_bilateral_closed_form_is_the_two_state_game(seato, seato_interests):
    """P(pact) = Lambda(lambda V_a) Lambda(lambda V_b) with V the values of the same game
    build_game makes of a bilateral defence pact with derived contingencies."""
    no_crises = dataclasses.replace(seato, crises=())
    dyads = dyad_batch(seato.world, seato_interests, PAIRS, adversaries=50)
    for seed in range(3):
        theta = sample_parameters(1, np.random.default_rng(seed)).values[0]
        values = dyad_values(theta, dyads)
        for n, (a, b) in enumerate(PAIRS):
            game = build_game(no_crises, _pact(seato, a, b), seato_interests)
            expected = [profile_value(game, theta, {0, 1}, i) for i in range(2)]
            assert values[n] == pytest.approx(expected, abs=1e-12)
    assert dyads.already_allied[PAIRS.index(("GBR", "LKA"))].all()     # UK-Ceylon 1947


def test_dyad_likelihood_batched_equals_the_loop(seato, seato_interests):
    dyads = dyad_batch(seato.world, seato_interests, PAIRS, adversaries=3)
    onset = np.array([1, 0, 0, 1, 0])
    theta = sample_parameters(1, np.random.default_rng(9)).values[0]
    assert dyad_log_likelihood(theta, dyads, onset) == \
        pytest.approx(dyad_log_likelihood_loop(theta, dyads, onset))
    p = dyad_probability(theta, dyads)
    assert np.all((p > 0) & (p < 1))
    per = dyad_log_likelihood(theta, dyads, onset, per_dyad=True)
    floor = np.log(1e-12)                     # the likelihood's documented probability floor
    assert per == pytest.approx(np.where(onset > 0, np.maximum(np.log(p), floor),
                                         np.log1p(-p)))


def test_bad_input_is_one_clear_error(seato, seato_interests):
    dyads = dyad_batch(seato.world, seato_interests, PAIRS[:2])
    theta = central_parameters().values[0]
    with pytest.raises(FoedusError, match="one 0/1 per dyad-year"):
        dyad_log_likelihood(theta, dyads, [1, 0, 1])
    with pytest.raises(ParameterError, match="FORMATION_PARAMETERS"):
        dyad_values(theta[:3], dyads)
    with pytest.raises(ParameterError, match="non-negative"):
        dyad_values(-theta, dyads)
    with pytest.raises(FoedusError, match="XXX"):
        dyad_batch(seato.world, seato_interests, [("THA", "XXX")])


def test_corpus_rows_keep_their_alignment_under_take(seato, seato_interests):
    """The scorer's interface: rows (case, state) and (a, b, year), probabilities (D, rows, 2)
    and log-likelihoods (D,), consistent with each other and under take()."""
    from foedus.models.formation.rows import (
        dyad_rows,
        dyad_rows_log_likelihood,
        dyad_rows_probabilities,
        member_rows,
        members_log_likelihood,
        members_probabilities,
    )

    signed = ("USA", "GBR", "FRA", "AUS", "NZL", "PHL", "THA", "PAK")
    keys = [(1, s) for s in ("THA", "IND", "USA", "LKA")]
    rows = member_rows(keys, lambda k: (seato, "manila-pact", signed))
    theta = sample_parameters(3, np.random.default_rng(2)).values.T           # (P, 3)
    probs = members_probabilities(theta, rows)
    assert probs.shape == (3, 4, 2) and np.allclose(probs.sum(axis=2), 1)
    y = np.array([1, 0, 1, 0])
    ll = members_log_likelihood(theta, rows, y)
    assert ll == pytest.approx(np.log(np.where(y == 1, probs[..., 1], probs[..., 0])).sum(1),
                               rel=1e-5)
    sub = rows.take([1, 3])
    assert members_probabilities(theta, sub)[:, :, 1] == pytest.approx(probs[:, [1, 3], 1],
                                                                       abs=1e-5)
    world = (seato.world, seato_interests)
    drows = dyad_rows([("THA", "PHL", 1954), ("IND", "PAK", 1954)], lambda year: world)
    dp = dyad_rows_probabilities(theta, drows)
    assert dp.shape == (3, 2, 2)
    dll = dyad_rows_log_likelihood(theta, drows, np.array([1, 0]))
    assert dll == pytest.approx(np.log(dp[:, 0, 1]) + np.log(dp[:, 1, 0]))
    assert dyad_rows_probabilities(theta, drows.take([1]))[:, 0] == pytest.approx(dp[:, 1])
