"""Validation of the burden-sharing equilibrium against closed forms and known qualitative results.

Provenance of expected values:
- Symmetric equilibrium of n identical members: from the first-order condition of
  U = (1-a) ln(I-q) + a[t ln q + (1-t) ln(q + (n-1) s q)], solved for symmetric q
  (derivation in docs/models/burden.md, section "Closed forms"); for t = 0, s = 1 it is the
  Olson & Zeckhauser (1966) pure public-good Nash equilibrium with Cobb-Douglas utility.
- Heterogeneous members, full spill-ins, t = 0: Bergstrom, Blume & Varian (1986, J. Public Econ.
  29: 25-49), Theorem 3 / Cobb-Douglas example: the richest contribute, q_i = I_i - (1-a)Q/a.
- "The larger spends a larger share of income": Olson & Zeckhauser (1966, REStat 48: 266-279),
  section II, the disproportionality (exploitation) result.
- Zero spill-in behaves as if alone: with s_ij = 0 the member's FOC is (1-a)/(I-q) = a/q, so
  q = a I (stand-alone demand of a Cobb-Douglas consumer).
- Lindahl benchmark with full spill-ins: q_i = a I_i (Lindahl prices tau_i = a I_i / Q sum to
  one at Q = a sum I); derivation in docs/models/burden.md.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foedus.errors import ParameterError
from foedus.models.burden import (
    BurdenParams,
    alliance_equilibrium,
    identical_members_spending,
    public_good_equilibrium,
    spending_floor_effect,
    spill_in_matrix,
)


@pytest.mark.parametrize("n", [2, 5, 12])
@pytest.mark.parametrize("spill", [1.0, 0.5, 0.1])
@pytest.mark.parametrize("theta", [0.0, 0.3, 0.8])
@pytest.mark.parametrize("method", ["auto", "best-response"])
def test_identical_members_match_closed_form(n, spill, theta, method):
    params = BurdenParams(security_weight=0.05, private_share=theta)
    s = np.full((n, n), spill)
    np.fill_diagonal(s, 1.0)
    eq = alliance_equilibrium(np.full(n, 100.0), s, params=params, method=method)
    expected = identical_members_spending(n, 100.0, spill=spill, params=params)
    assert eq.converged
    np.testing.assert_allclose(eq.spending, expected, rtol=1e-8)


def test_identical_members_closed_form_hand_value():
    # t = 0, s = 1: q = a I / (1 + (n - 1)(1 - a)); n = 4, a = 0.1, I = 100 -> 10 / 3.7
    q = identical_members_spending(4, 100.0, params=BurdenParams(security_weight=0.1))
    assert q == pytest.approx(10 / 3.7, rel=1e-12)


@pytest.mark.parametrize("method", ["principal-pivoting", "best-response"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_heterogeneous_full_spill_matches_bbv(method, seed):
    rng = np.random.default_rng(seed)
    incomes = rng.lognormal(0.0, 1.0, size=15)
    params = BurdenParams(security_weight=0.2)
    eq = alliance_equilibrium(incomes, params=params, method=method)
    assert eq.converged
    np.testing.assert_allclose(
        eq.spending, public_good_equilibrium(incomes, params=params), rtol=1e-7, atol=1e-10
    )


@pytest.mark.parametrize("theta", [0.0, 0.2, 0.6])
@pytest.mark.parametrize("spill", [1.0, 0.6])
def test_larger_member_spends_larger_share_of_income(theta, spill):
    params = BurdenParams(security_weight=0.1, private_share=theta)
    s = [[1.0, spill], [spill, 1.0]]
    eq = alliance_equilibrium([10.0, 2.0], s, members=["BIG", "SMALL"], params=params)
    assert eq.converged
    assert eq.burden[0] > eq.burden[1]
    assert eq.largest_member == "BIG"
    assert eq.largest_member_excess_burden > 0


def test_two_member_interior_values_by_hand():
    # a = 0.5, incomes 3 and 2: both contribute; Q = 5 / (1 + 2) = 5/3; q = I - Q (BBV 1986).
    eq = alliance_equilibrium([3.0, 2.0], params=BurdenParams(security_weight=0.5))
    np.testing.assert_allclose(eq.spending, [3 - 5 / 3, 2 - 5 / 3], rtol=1e-12)


@pytest.mark.parametrize("theta", [0.0, 0.5])
def test_zero_spill_in_member_behaves_as_if_alone(theta):
    params = BurdenParams(security_weight=0.04, private_share=theta)
    s = np.array([[1.0, 0.9, 0.0], [0.9, 1.0, 0.0], [0.0, 0.0, 1.0]])
    eq = alliance_equilibrium([50.0, 20.0, 7.0], s, params=params)
    assert eq.spending[2] == pytest.approx(0.04 * 7.0, rel=1e-10)
    # and the isolated member changes nothing for the others
    pair = alliance_equilibrium([50.0, 20.0], s[:2, :2], params=params)
    np.testing.assert_allclose(eq.spending[:2], pair.spending, rtol=1e-9)


def test_purely_private_defence_gives_stand_alone_spending():
    params = BurdenParams(security_weight=0.03, private_share=1.0)
    eq = alliance_equilibrium([9.0, 3.0, 1.0], params=params)
    np.testing.assert_allclose(eq.spending, eq.stand_alone_spending, rtol=1e-9)
    assert eq.free_riding_index == pytest.approx(0.0, abs=1e-9)


def test_lindahl_benchmark_full_spill():
    eq = alliance_equilibrium([9.0, 3.0, 1.0], params=BurdenParams(security_weight=0.1))
    np.testing.assert_allclose(eq.pareto_spending, [0.9, 0.3, 0.1], rtol=1e-12)
    assert eq.spending.sum() < eq.pareto_spending.sum()
    assert 0 < eq.free_riding_index < 1
    assert eq.spending_gap > 0


def test_numerical_pareto_approaches_lindahl():
    s = np.full((3, 3), 1 - 1e-9)
    np.fill_diagonal(s, 1.0)
    eq = alliance_equilibrium([9.0, 3.0, 1.0], s, params=BurdenParams(security_weight=0.1))
    assert eq.pareto_converged
    np.testing.assert_allclose(eq.pareto_spending.sum(), 1.3, rtol=1e-4)


def test_no_spill_in_means_no_free_riding():
    eq = alliance_equilibrium([5.0, 1.0], np.eye(2), params=BurdenParams(security_weight=0.05))
    np.testing.assert_allclose(eq.spending, eq.pareto_spending, rtol=1e-6)
    assert eq.free_riding_index == pytest.approx(0.0, abs=1e-6)


def test_asymmetric_spill_in_converges_and_reports():
    rng = np.random.default_rng(7)
    s = rng.uniform(0, 1, size=(8, 8))
    np.fill_diagonal(s, 1.0)
    for theta in (0.0, 0.4):
        eq = alliance_equilibrium(
            rng.lognormal(size=8), s, params=BurdenParams(security_weight=0.05, private_share=theta)
        )
        assert eq.converged, eq.method
        assert eq.residual < 1e-9
        assert eq.summary()["converged"] is True


def test_scale_invariance():
    params = BurdenParams(security_weight=0.03, private_share=0.2)
    small = alliance_equilibrium([3.0, 1.0, 0.5], params=params)
    big = alliance_equilibrium([3e12, 1e12, 5e11], params=params)
    np.testing.assert_allclose(big.spending, small.spending * 1e12, rtol=1e-8)


@settings(max_examples=25, deadline=None)
@given(
    incomes=st.lists(st.floats(0.1, 100.0), min_size=2, max_size=7),
    theta=st.sampled_from([0.0, 0.3]),
    seed=st.integers(0, 10_000),
)
def test_permuting_members_permutes_spending(incomes, theta, seed):
    """Relabelling the members relabels the equilibrium. The spill-ins are built as the model
    builds them (spill_in_matrix: exponential decay with distance, here between random points
    of a plane), for which the equilibrium is unique (docs/models/burden.md, Limits); for
    arbitrary weights it need not be (next test)."""
    rng = np.random.default_rng(seed)
    n = len(incomes)
    xy = rng.uniform(0, 5000, size=(n, 2))
    distance = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    s = spill_in_matrix(distance, decay_km=float(rng.uniform(500, 5000)))
    params = BurdenParams(security_weight=0.1, private_share=theta)
    eq = alliance_equilibrium(incomes, s, params=params)
    perm = rng.permutation(n)
    eq_p = alliance_equilibrium(np.asarray(incomes)[perm], s[np.ix_(perm, perm)], params=params)
    assert eq.unique is (True if theta == 0 else None)
    assert eq.converged and eq_p.converged
    np.testing.assert_allclose(eq_p.spending, eq.spending[perm], rtol=1e-6, atol=1e-9)


def test_several_equilibria_are_flagged():
    """Arbitrary spill-in weights can make the game have several equilibria (found by
    Hypothesis: incomes [1, 56, 42, 1, 48, 14, 23], a = 0.1, symmetric uniform weights): the
    two member orders return two different profiles, each an exact Nash equilibrium, and the
    result says the equilibrium is not known to be unique."""
    incomes = np.array([1.0, 56.0, 42.0, 1.0, 48.0, 14.0, 23.0])
    rng = np.random.default_rng(342)
    n = incomes.size
    s = rng.uniform(0, 1, size=(n, n))
    s = (s + s.T) / 2
    np.fill_diagonal(s, 1.0)
    params = BurdenParams(security_weight=0.1)
    eq = alliance_equilibrium(incomes, s, params=params)
    perm = rng.permutation(n)
    eq_p = alliance_equilibrium(incomes[perm], s[np.ix_(perm, perm)], params=params)
    assert eq.unique is False and eq_p.unique is False
    assert eq.summary()["unique"] is False
    a = params.security_weight
    for e in (eq, eq_p):
        q = e.spending
        # best response to the others (t = 0): q_i = max(0, a I_i - (1 - a) sum_{j!=i} s_ij q_j)
        others = e.spill_in @ q - q
        np.testing.assert_allclose(q, np.maximum(0.0, a * e.incomes - (1 - a) * others),
                                   atol=1e-9 * incomes.sum())
    assert not np.allclose(eq_p.spending, eq.spending[perm], rtol=1e-6)


def test_floor_constrains_small_members_and_crowds_out_the_largest():
    eq = alliance_equilibrium(
        [20.0, 5.0, 4.0, 1.0],
        members=["USA", "JPN", "KOR", "PHL"],
        params=BurdenParams(security_weight=0.03),
    )
    effect = spending_floor_effect(eq, 0.02)
    assert set(effect.constrained_members) == {"JPN", "KOR", "PHL"}
    assert np.all(effect.after.burden >= 0.02 - 1e-12)
    assert effect.after.spending[0] <= eq.spending[0]
    frame = effect.to_frame()
    assert list(frame["constrained"]) == [False, True, True, True]
    assert effect.summary()["n_constrained"] == 3


def test_zero_floor_changes_nothing():
    eq = alliance_equilibrium([20.0, 5.0, 4.0], params=BurdenParams(security_weight=0.03))
    effect = spending_floor_effect(eq, 0.0)
    np.testing.assert_allclose(effect.after.spending, eq.spending, rtol=1e-12)
    assert not effect.constrained.any()


def test_per_member_floor():
    eq = alliance_equilibrium(
        [20.0, 5.0], members=["USA", "JPN"], params=BurdenParams(security_weight=0.03)
    )
    effect = spending_floor_effect(eq, [0.0, 0.02])
    assert effect.constrained_members == ("JPN",)


def test_to_frame_and_share_of_total():
    eq = alliance_equilibrium([20.0, 5.0], members=["USA", "JPN"])
    frame = eq.to_frame()
    assert list(frame["member"]) == ["USA", "JPN"]
    assert frame["spending_share"].sum() == pytest.approx(1.0)
    assert eq.share_of_total("USA") == pytest.approx(frame["spending_share"].iloc[0])
    with pytest.raises(ParameterError):
        eq.share_of_total("CHN")


def test_spill_in_matrix_from_distance_and_scope():
    d = np.array([[0, 2000, 9000], [2000, 0, 8000], [9000, 8000, 0]])
    covered = np.array([[1, 1, 1], [1, 1, 0], [1, 1, 1]])
    s = spill_in_matrix(d, decay_km=4000, covered=covered)
    assert np.allclose(np.diag(s), 1)
    assert s[0, 1] == pytest.approx(np.exp(-0.5))
    assert s[1, 2] == 0.0
    eq = alliance_equilibrium([20.0, 5.0, 4.0], s)
    assert eq.converged


@pytest.mark.parametrize(
    "kwargs",
    [
        {"incomes": [1.0, -1.0]},
        {"incomes": []},
        {"incomes": [1.0, 2.0], "spill_in": [[0.5, 1], [1, 1]]},
        {"incomes": [1.0, 2.0], "spill_in": [[1, 2], [1, 1]]},
        {"incomes": [1.0, 2.0], "spill_in": [[1, 1, 1]]},
        {"incomes": [1.0, 2.0], "members": ["A", "A"]},
        {"incomes": [1.0, 2.0], "floors": 1.0},
        {"incomes": [1.0, 2.0], "method": "newton"},
    ],
)
def test_impossible_inputs_raise_parameter_error(kwargs):
    incomes = kwargs.pop("incomes")
    with pytest.raises(ParameterError):
        alliance_equilibrium(incomes, **kwargs)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"security_weight": 0.0},
        {"security_weight": 1.0},
        {"private_share": -0.1},
        {"private_share": 1.5},
    ],
)
def test_params_validation(kwargs):
    with pytest.raises(ParameterError):
        BurdenParams(**kwargs)


def test_floor_validation_and_closed_form_guards():
    eq = alliance_equilibrium([2.0, 1.0])
    with pytest.raises(ParameterError):
        spending_floor_effect(eq, 1.2)
    with pytest.raises(ParameterError):
        public_good_equilibrium([2.0, 1.0], params=BurdenParams(private_share=0.5))
    with pytest.raises(ParameterError):
        identical_members_spending(0, 1.0)
    with pytest.raises(ParameterError):
        spill_in_matrix([[0, 1], [1, 0]], decay_km=0)


def test_floor_scenarios_table():
    from foedus.models.burden import floor_scenarios

    eq = alliance_equilibrium([20.0, 5.0, 4.0], members=["USA", "JPN", "KOR"])
    table = floor_scenarios(eq, {"none": 0.0, "2pct": 0.02, "jpn-only": [0.0, 0.02, 0.0]})
    assert len(table) == 9
    counts = table.groupby("scenario")["constrained"].sum().to_dict()
    assert counts == {"none": 0, "2pct": 2, "jpn-only": 1}
    assert table["converged"].all()
