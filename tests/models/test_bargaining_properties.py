"""Invariants of the SMP (hypothesis): actor order, convexity of bargains, seeds."""

from __future__ import annotations

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from foedus.models.bargaining import SMPSwitches, SpatialProblem, StopRule, run_smp
from foedus.models.bargaining.smp import assess_state

unit = st.floats(0.0, 1.0, allow_nan=False)


@st.composite
def problems(draw, max_actors=7, max_dims=3):
    n = draw(st.integers(3, max_actors))
    d = draw(st.integers(1, max_dims))
    cap = draw(st.lists(st.floats(0.1, 100.0), min_size=n, max_size=n))
    pos = draw(st.lists(st.lists(unit, min_size=d, max_size=d), min_size=n, max_size=n))
    sal = draw(st.lists(st.lists(st.floats(0.05, 1.0), min_size=d, max_size=d),
                        min_size=n, max_size=n))
    sal = np.array(sal)
    sal = sal / np.maximum(1.0, sal.sum(axis=1, keepdims=True))
    return SpatialProblem([f"a{i}" for i in range(n)], [f"d{k}" for k in range(d)], cap, pos,
                          sal)


@settings(max_examples=40, deadline=None)
@given(problems(), st.randoms(use_true_random=False))
def test_permuting_actors_permutes_the_assessment(problem, random):
    """Risk attitudes always; position probabilities when no two positions are within KTAB's
    equivalence tolerance (1e-3), where the representative of a class depends on order."""
    gaps = np.linalg.norm(problem.position[:, None] - problem.position[None], axis=-1)
    assume(np.all(gaps[np.triu_indices(problem.n_actors, 1)] > 0.01))
    order = list(range(problem.n_actors))
    random.shuffle(order)
    permuted = SpatialProblem([problem.actors[i] for i in order], problem.dimensions,
                              problem.capability[order], problem.position[order],
                              problem.salience[order])
    switches = SMPSwitches()
    a = assess_state(problem, problem.position, problem.ideal, switches)
    b = assess_state(permuted, permuted.position, permuted.ideal, switches)
    np.testing.assert_allclose(a.risk[order], b.risk, atol=1e-9)
    np.testing.assert_allclose(a.position_probability[order], b.position_probability, atol=1e-9)


@settings(max_examples=25, deadline=None)
@given(problems())
def test_positions_stay_in_the_hull_of_the_starting_positions(problem):
    result = run_smp(problem, stop_rule=StopRule(max_iterations=15))
    low = problem.position.min(axis=0) - 5e-5   # bargains are rounded to 4 decimals
    high = problem.position.max(axis=0) + 5e-5
    assert np.all(result.positions >= low) and np.all(result.positions <= high)
    probabilities = result.position_probability
    assert np.all((probabilities >= 0) & (probabilities <= 1 + 1e-12))


@settings(max_examples=15, deadline=None)
@given(problems(max_actors=6), st.integers(0, 2**31))
def test_same_seed_same_stochastic_run(problem, seed):
    switches = SMPSwitches(state_transitions="Stochastic", pce_model="MarkovUniform")
    stop = StopRule(max_iterations=8)
    a = run_smp(problem, switches, stop, seed=seed)
    b = run_smp(problem, switches, stop, seed=seed)
    assert np.array_equal(a.positions, b.positions)


@settings(max_examples=15, deadline=None)
@given(problems(max_actors=6), st.sampled_from(["InitRcvrInterp", "PWCompInterp"]),
       st.sampled_from(["S1P1", "S2PMax"]), st.sampled_from(["Square", "Binary", "Octic"]))
def test_every_switch_runs(problem, bargain, interp, vp):
    switches = SMPSwitches(bargain_model=bargain, inter_vec_bargain=interp,
                           victory_prob_model=vp, big_r_range="Max", big_r_adjust="Full",
                           third_party_commit="NoCommit", voting_rule="PropBin")
    result = run_smp(problem, switches, StopRule(max_iterations=6))
    assert np.all(np.isfinite(result.positions))
