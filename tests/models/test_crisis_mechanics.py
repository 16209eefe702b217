"""Mechanics of the crisis model (issue #4 acceptance criteria).

Expected behaviours are properties of the model's equations (docs/models/crisis.md), checked
draw by draw on the flagship scenario and on a small synthetic crisis; no expected value here
is tuned to a result.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from foedus.interests import compute_interests
from foedus.models.crisis import (
    ACTIONS,
    CRISIS_PARAMETERS,
    analyze,
    crisis_inputs,
    csf,
    sample_parameters,
    simulate,
    solve_equilibrium,
    solve_equilibrium_loop,
    theta_array,
)
from foedus.models.crisis.inputs import _toy_inputs


@pytest.fixture(scope="module")
def interests(flagship):
    return compute_interests(flagship.world)


@pytest.fixture(scope="module")
def theta():
    th, _, _ = sample_parameters({}, 64, np.random.default_rng(7))
    return th


def test_actions_are_the_four_of_the_issue():
    assert ACTIONS == ("fight", "support", "stay_out", "aggressor")


def test_probabilities_are_a_distribution(theta):
    q = solve_equilibrium(_toy_inputs(), theta).q
    assert np.all(q >= -1e-6)
    np.testing.assert_allclose(q.sum(axis=2), 1.0, atol=1e-5)


def test_binding_obligation_with_strong_interest_fights_more(theta):
    """Same state, same interests: with a treaty defence obligation P(fight) is higher in
    every draw than without it."""
    toy = _toy_inputs()
    jpn = toy.index("JPN")
    strong = replace(toy, affinity_gap=toy.affinity_gap.copy(), threat=toy.threat.copy())
    strong.affinity_gap[jpn] = 1.0
    strong.threat[jpn, 0] = 0.95
    obliged = replace(strong, defense_treaty=strong.defense_treaty.copy())
    obliged.defense_treaty[jpn] = 1.0
    free = replace(strong, defense_treaty=strong.defense_treaty.copy())
    free.defense_treaty[jpn] = 0.0
    q_obliged = solve_equilibrium(obliged, theta, dtype=np.float64).q[:, jpn, 0]
    q_free = solve_equilibrium(free, theta, dtype=np.float64).q[:, jpn, 0]
    assert np.all(q_obliged > q_free)


@pytest.mark.parametrize("state", ["AUS", "KOR", "JPN", "PHL"])
def test_trade_exposure_never_raises_p_fight(flagship, interests, theta, state):
    base = crisis_inputs(flagship, "taiwan-invasion", "status-quo", interests=interests)
    k = base.index(state)
    previous = None
    for exposure in (0.0, 0.05, 0.1, 0.2, 0.4, 0.8):
        varied = replace(base, exposure=base.exposure.copy())
        varied.exposure[k] = exposure
        p = solve_equilibrium(varied, theta, dtype=np.float64).q[:, k, 0]
        if previous is not None:
            assert np.all(p <= previous + 1e-9)
        previous = p


def test_removing_the_us_never_raises_p_deterred_against_china(flagship, interests, theta):
    for crisis in flagship.crises:
        if "CHN" not in crisis.aggressors:
            continue
        for design in flagship.designs:
            inp = crisis_inputs(flagship, crisis, design.id, interests=interests)
            rng = np.random.default_rng(0)
            with_us = simulate(inp, theta, rng, dtype=np.float64)
            without = simulate(inp.without(["USA"]), theta, rng, dtype=np.float64)
            assert np.all(without.p_aggressor_anticipated
                          >= with_us.p_aggressor_anticipated - 1e-9)
            assert np.all(without.deterred <= with_us.deterred)


def test_fixed_point_is_found_from_different_starting_points(flagship, interests, theta):
    inp = crisis_inputs(flagship, "senkaku-seizure", "ishiba", interests=interests)
    nd = int(inp.deciding.sum())
    reference = solve_equilibrium(inp, theta, dtype=np.float64).q
    rng = np.random.default_rng(3)
    for _ in range(3):
        q0 = rng.dirichlet(np.ones(4), size=(theta.shape[1], nd))
        other = solve_equilibrium(inp, theta, dtype=np.float64, q0=q0)
        assert other.converged.all()
        np.testing.assert_allclose(other.q, reference, atol=1e-6)


def test_same_seed_same_numbers(flagship):
    a = analyze(flagship, crises=["taiwan-blockade"], designs=["status-quo", "ishiba"],
                draws=64, rng=11)
    b = analyze(flagship, crises=["taiwan-blockade"], designs=["status-quo", "ishiba"],
                draws=64, rng=11)
    assert a.states.equals(b.states) and a.outcomes.equals(b.outcomes)
    assert a.coalitions.equals(b.coalitions)


def test_vectorised_and_loop_agree_on_small_cases(flagship, interests, theta):
    cases = [_toy_inputs(), crisis_inputs(flagship, "dprk-attack-rok", "ishiba-no-taiwan",
                                          interests=interests)]
    for inp in cases:
        small = theta[:, :4]
        loop = solve_equilibrium_loop(inp, small)
        np.testing.assert_allclose(solve_equilibrium(inp, small, dtype=np.float64).q, loop,
                                   atol=1e-7)
        np.testing.assert_allclose(solve_equilibrium(inp, small).q, loop, atol=2e-4)


def test_contest_success_function():
    """Ratio form (Hirshleifer 1989): equal capabilities give 1/2; doubling one side with
    m = 1 gives 2/3; the function is increasing in own capability."""
    assert float(csf(np.array(1.0), np.array(1.0), 1.7)) == pytest.approx(0.5)
    assert float(csf(np.array(2.0), np.array(1.0), 1.0)) == pytest.approx(2 / 3)
    x = np.linspace(0.01, 1, 50)
    assert np.all(np.diff(csf(x, np.full(50, 0.3), 1.3)) > 0)


def test_aggressors_and_target_are_fixed(flagship, interests, theta):
    inp = crisis_inputs(flagship, "taiwan-invasion", "status-quo", interests=interests)
    q = solve_equilibrium(inp, theta).q
    assert np.all(q[:, inp.index("CHN"), 3] == 1) and np.all(q[:, inp.index("TWN"), 0] == 1)


def test_excluded_state_stays_out(flagship, interests, theta):
    inp = crisis_inputs(flagship, "taiwan-invasion", "status-quo", interests=interests,
                        excluded=["USA"])
    assert np.all(solve_equilibrium(inp, theta).q[:, inp.index("USA"), 2] == 1)


def test_parameters_are_registered_with_sources():
    from foedus.scenarios.parameters import known_parameters

    registry = known_parameters()
    for p in CRISIS_PARAMETERS:
        assert registry[p.name].family == "crisis" and p.source
    assert theta_array({p.name: p.default.center() for p in CRISIS_PARAMETERS}, 2).shape == (
        len(CRISIS_PARAMETERS), 2)


def _permuted(inp, perm):
    """The same crisis with the states listed in another order."""
    from dataclasses import fields

    out = {}
    for f in fields(inp):
        value = getattr(inp, f.name)
        if isinstance(value, np.ndarray) and value.ndim == 1:
            value = value[perm]
        elif isinstance(value, np.ndarray) and value.ndim == 2:
            value = value[np.ix_(perm, perm)]
        out[f.name] = value
    out["states"] = tuple(inp.states[k] for k in perm)
    out["target"] = int(np.flatnonzero(perm == inp.target)[0])
    return type(inp)(**out)


def test_state_order_does_not_change_the_equilibrium(flagship, interests, theta):
    """Listing the states in another order permutes the answer and changes nothing else."""
    inp = crisis_inputs(flagship, "taiwan-invasion", "ishiba", interests=interests)
    reference = solve_equilibrium(inp, theta[:, :16], dtype=np.float64).q
    rng = np.random.default_rng(5)
    for _ in range(2):
        perm = rng.permutation(inp.n)
        q = solve_equilibrium(_permuted(inp, perm), theta[:, :16], dtype=np.float64).q
        np.testing.assert_allclose(q, reference[:, perm], atol=1e-7)
