"""Mechanics of the crisis model (issue 10, part 1): properties of the equations.

Expected behaviours are properties of the model's equations (docs/models/crisis.md), checked
draw by draw on the flagship scenario and on small synthetic crises; no expected value here
is tuned to a result.
"""

from __future__ import annotations

import dataclasses
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foedus.interests import compute_interests
from foedus.models.crisis import (
    ACTIONS,
    CRISIS_PARAMETERS,
    analyze,
    centre_theta,
    crisis_inputs,
    csf,
    parameter_names,
    sample_parameters,
    simulate,
    solve_equilibrium,
    solve_equilibrium_loop,
    theta_array,
)
from foedus.models.crisis.inputs import _random_inputs, _toy_inputs
from foedus.models.crisis.kernel import FA, FT, SA, SO, ST, TYPE_NODES, TYPE_WEIGHTS
from foedus.world import ThirdPartyAction

P = {name: k for k, name in enumerate(parameter_names())}


@pytest.fixture(scope="module")
def interests(flagship):
    return compute_interests(flagship.world)


@pytest.fixture(scope="module")
def theta():
    th, _, _ = sample_parameters({}, 48, np.random.default_rng(7))
    return th


def _with(theta, **values):
    out = np.array(theta, dtype=float, copy=True)
    for name, value in values.items():
        out[P[name]] = value
    return out


def test_actions_are_the_five_of_the_issue():
    assert ACTIONS == ("fight_target", "support_target", "stay_out", "support_aggressor",
                       "fight_aggressor")
    assert set(ACTIONS) < {a.value for a in ThirdPartyAction}


def test_probabilities_are_a_distribution(theta):
    q = solve_equilibrium(_toy_inputs(), theta).q
    assert np.all(q >= -1e-6)
    np.testing.assert_allclose(q.sum(axis=2), 1.0, atol=1e-5)


def test_type_prior_is_a_standard_normal_rule():
    """The 9-point Gauss-Hermite rule integrates the log-resolve prior exactly up to degree
    17: weights sum to 1, mean 0, variance 1, E[exp(s x)] = exp(s^2 / 2)."""
    assert TYPE_WEIGHTS.sum() == pytest.approx(1.0)
    assert TYPE_WEIGHTS @ TYPE_NODES == pytest.approx(0.0, abs=1e-12)
    assert TYPE_WEIGHTS @ TYPE_NODES**2 == pytest.approx(1.0)
    assert TYPE_WEIGHTS @ np.exp(0.5 * TYPE_NODES) == pytest.approx(np.exp(0.125), rel=1e-9)


def test_obligation_raises_p_fight_for_the_target(theta):
    """Same state, same interests: with an activated treaty commitment to the target side its
    P(fight for the target) is higher in every draw than without."""
    toy = _toy_inputs()
    jpn = toy.index("JPN")
    free = replace(toy, legal=toy.legal.copy())
    free.legal[jpn] = 0.0
    obliged = replace(toy, legal=toy.legal.copy())
    obliged.legal[jpn, 0, 0] = 1.0
    q_obliged = solve_equilibrium(obliged, theta, dtype=np.float64).q[:, jpn, FT]
    q_free = solve_equilibrium(free, theta, dtype=np.float64).q[:, jpn, FT]
    assert np.all(q_obliged > q_free)


def test_guarantors_share_an_obligation(theta):
    """Shared obligations (Olson & Zeckhauser 1966; docs/models/crisis.md): with m deciding
    guarantors of a side, each one's commitment term is m^-gamma_g of a lone guarantor's; a
    state forced to stay out is no guarantor; gamma_g = 0 is the model without the term."""
    from foedus.models.crisis.reference import payoff_terms

    toy = _toy_inputs()
    usa, jpn, x0 = toy.index("USA"), toy.index("JPN"), toy.index("X0")
    shared = replace(toy, legal=toy.legal.copy())
    shared.legal[jpn, 0, 0] = 1.0          # a treaty commitment to the target side
    shared.legal[x0, 0, 2] = 1.0           # a consultation pledge counts as a guarantor too
    shared.legal[x0, 1, 0] = 1.0           # and a lone guarantor of the aggressor side
    assert shared.guarantors.tolist() == [3, 1]
    assert shared.without(["X0"]).guarantors.tolist() == [2, 0]
    q = solve_equilibrium(shared, theta[:, :1], dtype=np.float64).q[0]

    def commitments(inp, gamma):
        th = _with(theta[:, 0], crisis_guarantor_dilution=gamma)
        terms = payoff_terms(inp, th, q).set_index(["iso3", "term"])
        return terms.xs("commitments", level="term")["fight_target"]

    for gamma in (0.3, 1.0):
        alone, three = commitments(toy, gamma), commitments(shared, gamma)
        full = commitments(shared, 0.0)
        assert three["USA"] == pytest.approx(alone["USA"] * 3.0**-gamma, rel=1e-12)
        assert three["JPN"] == pytest.approx(full["JPN"] * 3.0**-gamma, rel=1e-12)
        assert alone["USA"] == pytest.approx(commitments(toy, 0.0)["USA"], rel=1e-12)
    # the vectorised kernels read m from the padded arrays: they agree with the loop
    th = _with(theta[:, :3], crisis_guarantor_dilution=1.0)
    loop, _ = solve_equilibrium_loop(shared, th)
    for backend in ("numpy", "numba"):
        fast = solve_equilibrium(shared, th, dtype=np.float64, backend=backend)
        np.testing.assert_allclose(fast.q, loop, atol=1e-7)
    # sharing lowers each treaty guarantor's probability of fighting for the target
    lone = solve_equilibrium(shared, _with(theta, crisis_guarantor_dilution=0.0),
                             dtype=np.float64).q[:, [usa, jpn], FT]
    split = solve_equilibrium(shared, _with(theta, crisis_guarantor_dilution=1.0),
                              dtype=np.float64).q[:, [usa, jpn], FT]
    assert np.all(split < lone)


@pytest.mark.parametrize("state", ["AUS", "PHL"])
def test_obligation_raises_p_fight_in_the_flagship(flagship, interests, theta, state):
    base = crisis_inputs(flagship, "taiwan-invasion", "status-quo", interests=interests)
    k = base.index(state)
    assert base.legal[k, 0, 0] == 1.0
    free = replace(base, legal=base.legal.copy())
    free.legal[k, 0, 0] = 0.0
    with_ = solve_equilibrium(base, theta, dtype=np.float64).q[:, k, FT]
    without = solve_equilibrium(free, theta, dtype=np.float64).q[:, k, FT]
    assert np.all(with_ > without)


@pytest.mark.parametrize("state", ["AUS", "KOR", "JPN", "PHL"])
def test_exposure_to_the_aggressor_never_raises_p_fight(flagship, interests, theta, state):
    base = crisis_inputs(flagship, "taiwan-invasion", "status-quo", interests=interests)
    k = base.index(state)
    previous = None
    for exposure in (0.0, 0.05, 0.1, 0.2, 0.4, 0.8):
        varied = replace(base, exposure=base.exposure.copy())
        varied.exposure[k] = exposure
        p = solve_equilibrium(varied, theta, dtype=np.float64).q[:, k, FT]
        if previous is not None:
            assert np.all(p <= previous + 1e-9)
        previous = p


def test_removing_a_patron_never_raises_p_deterred(flagship, interests, theta):
    """Forcing the US to stay out never raises the prior probability that China's type is
    deterred, in any crisis against China under any design, draw by draw."""
    for crisis in flagship.crises:
        if "CHN" not in crisis.aggressors:
            continue
        for design in flagship.designs:
            inp = crisis_inputs(flagship, crisis, design.id, interests=interests)
            with_us, without = solve_equilibrium([inp, inp.without(["USA"])], theta,
                                                 dtype=np.float64)
            assert np.all(without.p_deterred <= with_us.p_deterred + 1e-9)
            assert np.all(without.p_target <= with_us.p_target + 1e-9)


def test_the_stake_enters_once(theta):
    """The stake (threat, affinity, being hit) enters one payoff term: the value of the side
    taken, w_s * s for fighting for the target, a share sigma_h for support, mirrored for the
    aggressor's side (docs/models/crisis.md). Changing a state's affinity with the target
    changes that term and no other, at a given profile."""
    from foedus.models.crisis.reference import payoff_terms

    toy = _toy_inputs()
    k = toy.index("JPN")
    th = theta[:, 0]
    q = solve_equilibrium(toy, th, dtype=np.float64).q[0]
    other = replace(toy, affinity_gap=toy.affinity_gap.copy())
    other.affinity_gap[k] += 0.6
    a = payoff_terms(toy, th, q).set_index(["iso3", "term"])
    b = payoff_terms(other, th, q).set_index(["iso3", "term"])
    diff = (b - a).loc["JPN"]
    assert (diff.drop(index="stake").abs().to_numpy() < 1e-12).all()
    step = th[P["crisis_stake_weight"]] * th[P["crisis_affinity_weight"]] * 0.5 * 0.6
    s_h = th[P["crisis_support_honour"]]
    np.testing.assert_allclose(diff.loc["stake", list(ACTIONS)],
                               [step, s_h * step, 0.0, -s_h * step, -step], atol=1e-12)
    # the terms add up to the equilibrium choice
    lam = th[P["crisis_precision"]]
    u = a.loc["JPN"][list(ACTIONS)].sum().to_numpy()
    np.testing.assert_allclose(np.exp(lam * u) / np.exp(lam * u).sum(), q[k], atol=1e-8)


def test_support_is_the_choice_of_a_constrained_stakeholder():
    """A state with a stake in the target's survival but a domestic bar on using force abroad
    supports without fighting; lift the bar and it fights (the choices have their own
    terms: the constraint binds fighting only)."""
    theta = centre_theta()[:, None]
    toy = _toy_inputs()
    k = toy.index("JPN")
    stake = replace(toy, affinity_gap=toy.affinity_gap.copy(), threat=toy.threat.copy(),
                    legal=toy.legal.copy(), domestic=toy.domestic.copy())
    stake.affinity_gap[k], stake.threat[k, 0] = 2.0, 0.95
    stake.legal[k, 0, 0] = 1.0
    stake.domestic[k] = 1.0
    theta = _with(theta, crisis_domestic_weight=[3.0])
    constrained = solve_equilibrium(stake, theta, dtype=np.float64).q[0, k]
    assert int(np.argmax(constrained)) == ST
    free = replace(stake, domestic=stake.domestic * 0.0)
    assert int(np.argmax(solve_equilibrium(free, theta, dtype=np.float64).q[0, k])) == FT


def test_a_state_threatened_by_the_target_side_backs_the_aggressor():
    theta = centre_theta()[:, None]
    toy = _toy_inputs()
    k = toy.index("X1")
    hostile = replace(toy, affinity_gap=toy.affinity_gap.copy(), threat=toy.threat.copy())
    hostile.affinity_gap[k], hostile.threat[k, 0], hostile.threat[k, 1] = -2.0, 0.0, 0.95
    q = solve_equilibrium(hostile, theta, dtype=np.float64).q[0, k]
    assert q[SA] + q[FA] > q[ST] + q[FT]
    neutral = solve_equilibrium(toy, theta, dtype=np.float64).q[0, k]
    assert q[SA] + q[FA] > neutral[SA] + neutral[FA]


def test_the_types_that_attack_are_the_resolved_ones(flagship, interests, theta):
    """Selection (Fearon 2002): the attack is likelier the more resolved the type, so the
    posterior-mean resolve of the types that attack is at least the prior mean."""
    inp = crisis_inputs(flagship, "taiwan-invasion", "ishiba", interests=interests)
    eq = solve_equilibrium(inp, theta, dtype=np.float64)
    prior_mean = np.exp(0.5 * theta[P["crisis_resolve_dispersion"]] ** 2)
    assert np.all(eq.rho_mean >= prior_mean - 1e-9)
    assert np.all((eq.p_deterred >= 0) & (eq.p_deterred <= 1))


def test_co_targets_fight_on_the_target_side_and_count_for_obligations(flagship, interests,
                                                                      theta):
    """A co-target does not decide, fights for the target, adds its capability to the target
    side, and a commitment to it is a commitment to the target side."""
    crisis = flagship.crisis("senkaku-seizure")
    joint = dataclasses.replace(crisis, id="joint", co_targets=("PHL",))
    inp = crisis_inputs(flagship, joint, "status-quo", interests=interests)
    solo = crisis_inputs(flagship, crisis, "status-quo", interests=interests)
    phl, usa = inp.index("PHL"), inp.index("USA")
    assert inp.targets[phl] and not inp.deciding[phl] and solo.deciding[phl]
    assert inp.legal[usa, 0, 0] == 1.0        # the US-Philippines treaty: target side
    eq = solve_equilibrium(inp, theta, dtype=np.float64)
    assert np.all(eq.q[:, phl, FT] == 1.0)
    k = inp.projected[inp.target]
    assert np.all(eq.capability_target >= k[inp.targets].sum() - 1e-12)
    assert inp.exposure_target[inp.index("KOR")] >= solo.exposure_target[inp.index("KOR")]


def test_fixed_point_is_found_from_different_starting_points(flagship, interests, theta):
    inp = crisis_inputs(flagship, "senkaku-seizure", "ishiba", interests=interests)
    nd = int(inp.slots.sum())
    reference = solve_equilibrium(inp, theta, dtype=np.float64)
    rng = np.random.default_rng(3)
    for _ in range(3):
        q0 = rng.dirichlet(np.ones(5), size=(theta.shape[1], nd))
        other = solve_equilibrium(inp, theta, dtype=np.float64, q0=q0)
        ok = other.converged & reference.converged
        assert ok.mean() > 0.95
        np.testing.assert_allclose(other.q[ok], reference.q[ok], atol=1e-6)


def test_same_seed_same_numbers(flagship):
    a = analyze(flagship, crises=["taiwan-blockade"], designs=["status-quo", "ishiba"],
                draws=48, rng=11)
    b = analyze(flagship, crises=["taiwan-blockade"], designs=["status-quo", "ishiba"],
                draws=48, rng=11)
    assert a.states.equals(b.states) and a.outcomes.equals(b.outcomes)
    assert a.coalitions.equals(b.coalitions)


@pytest.mark.parametrize("backend", ["numpy", "numba"])
def test_vectorised_and_loop_agree_on_small_cases(flagship, interests, theta, backend):
    rng = np.random.default_rng(2)
    cases = [_toy_inputs(), _random_inputs(rng, 6, co_targets=1),
             crisis_inputs(flagship, "dprk-attack-rok", "ishiba-no-taiwan",
                           interests=interests)]
    for inp in cases:
        small = theta[:, :3]
        loop, attack = solve_equilibrium_loop(inp, small)
        fast = solve_equilibrium(inp, small, dtype=np.float64, backend=backend)
        np.testing.assert_allclose(fast.q, loop, atol=1e-7)
        np.testing.assert_allclose(fast.p_attack, attack, atol=1e-7)
        np.testing.assert_allclose(solve_equilibrium(inp, small, backend=backend).q, loop,
                                   atol=2e-4)


def test_contest_success_function():
    """Ratio form (Hirshleifer 1989): equal capabilities give 1/2; doubling one side with
    m = 1 gives 2/3; the function is increasing in own capability."""
    assert float(csf(np.array(1.0), np.array(1.0), 1.7)) == pytest.approx(0.5)
    assert float(csf(np.array(2.0), np.array(1.0), 1.0)) == pytest.approx(2 / 3)
    x = np.linspace(0.01, 1, 50)
    assert np.all(np.diff(csf(x, np.full(50, 0.3), 1.3)) > 0)


def test_parties_and_excluded_states_are_fixed(flagship, interests, theta):
    inp = crisis_inputs(flagship, "taiwan-invasion", "status-quo", interests=interests,
                        excluded=["USA"])
    q = solve_equilibrium(inp, theta).q
    assert np.all(q[:, inp.index("CHN"), FA] == 1) and np.all(q[:, inp.index("TWN"), FT] == 1)
    assert np.all(q[:, inp.index("USA"), SO] == 1)


def test_parameters_are_registered_with_sources():
    from foedus.scenarios.parameters import known_parameters

    registry = known_parameters()
    for p in CRISIS_PARAMETERS:
        assert registry[p.name].family == "crisis" and p.source
    assert "crisis_balance_weight" not in registry       # the double count is gone
    assert theta_array({p.name: p.default.center() for p in CRISIS_PARAMETERS}, 2).shape == (
        len(CRISIS_PARAMETERS), 2)


def _permuted(inp, perm):
    """The same crisis with the states listed in another order."""
    out = {}
    for f in dataclasses.fields(inp):
        value = getattr(inp, f.name)
        if f.name == "ties":
            value = value[:, perm][:, :, perm]
        elif isinstance(value, np.ndarray) and value.ndim >= 1 and value.shape[0] == inp.n:
            value = value[np.ix_(perm, perm)] if (value.ndim == 2 and value.shape[1] == inp.n) \
                else value[perm]
        out[f.name] = value
    out["states"] = tuple(inp.states[k] for k in perm)
    out["target"] = int(np.flatnonzero(perm == inp.target)[0])
    return type(inp)(**out)


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 2**16), n=st.integers(4, 9))
def test_state_order_does_not_change_the_equilibrium(seed, n):
    """Listing the states in another order permutes the answer and changes nothing else."""
    rng = np.random.default_rng(seed)
    inp = _random_inputs(rng, n, co_targets=int(rng.integers(0, 2)))
    theta = centre_theta()[:, None]
    reference = solve_equilibrium(inp, theta, dtype=np.float64)
    perm = rng.permutation(n)
    other = solve_equilibrium(_permuted(inp, perm), theta, dtype=np.float64)
    np.testing.assert_allclose(other.q, reference.q[:, perm], atol=1e-8)
    np.testing.assert_allclose(other.p_attack, reference.p_attack, atol=1e-9)


def test_simulate_realises_actions_on_both_sides():
    theta, _, _ = sample_parameters({}, 400, np.random.default_rng(0))
    out = simulate(_toy_inputs(), theta, np.random.default_rng(1))
    assert set(np.unique(out.actions[:, 2:])) <= set(range(5))
    assert np.all((out.balance >= 0) & (out.balance <= 1))
    assert np.all(out.resolve > 0)
    _ = SA


@pytest.mark.parametrize("backend", ["numpy", "numba"])
def test_a_cycling_stage_restarts_with_a_shorter_step(backend):
    """Damped iteration at step 0.8 can cycle where coupling is strong (found on a random
    52-state crisis); the stage then restarts with half the step and converges, to the same
    fixed point on both backends."""
    from foedus.models.crisis.kernel import solve_rows
    from foedus.models.crisis.padded import Padded

    rng = np.random.default_rng(3)
    inp = _random_inputs(rng, int(rng.integers(20, 60)))
    theta, _, _ = sample_parameters({}, 64, np.random.default_rng(3))
    # the draw was found on the model before shared obligations: hold gamma_g at 0 there
    theta[P["crisis_guarantor_dilution"]] = 0.0
    pad = Padded.from_inputs([inp])
    out = solve_rows(pad, np.zeros(1, dtype=int), theta[:, [46]], max_iter=200, backend=backend)
    assert out["converged"][0] and out["iterations"][0] > 200       # a restart happened
    other = solve_rows(pad, np.zeros(1, dtype=int), theta[:, [46]], max_iter=200,
                       backend="numba" if backend == "numpy" else "numpy")
    np.testing.assert_allclose(out["q"], other["q"], atol=1e-8)
