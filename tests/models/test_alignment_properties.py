"""Property-based and unit tests for the alignment model and the shared solver stack.

Expected values here are invariants (no external source needed): relabelling actors or
coalitions never changes an energy; every reported local minimum is stable under every single
move and the basins partition the configuration space; all exact solvers agree.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foedus.errors import ParameterError
from foedus.models.alignment import (
    frustration,
    landscape_energy,
    landscape_table,
    local_minima,
    minimise,
)
from foedus.models.solvers.anneal import anneal_minimum
from foedus.models.solvers.census import local_minima_census
from foedus.models.solvers.enumeration import (
    enumerate_minimum,
    evaluate_cuts,
    naive_gray_minimum,
)
from foedus.models.solvers.milp import milp_minimum
from foedus.models.solvers.result import cut_value
from foedus.models.solvers.route import solve


@st.composite
def instances(draw, n_min=2, n_max=9, integer=True):
    n = draw(st.integers(n_min, n_max))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    if integer:
        sizes = rng.integers(0, 20, n)
        upper = np.triu(rng.integers(-3, 4, (n, n)), 1)
    else:
        sizes = rng.uniform(0, 5, n)
        upper = np.triu(rng.normal(size=(n, n)), 1)
    return sizes, upper + upper.T, rng


@settings(max_examples=60, deadline=None)
@given(instances(), st.integers(2, 4))
def test_relabelling_actors_or_coalitions_never_changes_energy(case, k):
    sizes, p, rng = case
    n = len(sizes)
    config = rng.integers(k, size=n)
    energy = landscape_energy(config, sizes, p)
    perm = rng.permutation(n)
    assert landscape_energy(config[perm], sizes[perm], p[np.ix_(perm, perm)]) == energy
    relabel = rng.permutation(k)
    assert landscape_energy(relabel[config], sizes, p) == energy
    assert landscape_energy([f"c{c}" for c in config], sizes, p) == energy
    np.testing.assert_array_equal(
        frustration(config[perm], sizes[perm], p[np.ix_(perm, perm)]),
        frustration(config, sizes, p)[perm],
    )


@settings(max_examples=40, deadline=None)
@given(instances(n_max=10), st.integers(2, 3))
def test_every_local_minimum_is_stable_and_basins_cover_everything(case, k):
    sizes, p, _ = case
    n = len(sizes)
    if k**n > 2**16:
        k = 2
    res = local_minima(sizes, p, k=k)
    assert res.basin_sizes.sum() == res.n_configurations
    for labels, energy in zip(res.labels, res.energies):
        assert landscape_energy(labels, sizes, p) == energy
        for i in range(n):
            for g in range(k):
                moved = labels.copy()
                moved[i] = g
                assert landscape_energy(moved, sizes, p) >= energy
    assert res.global_minimum == minimise(sizes, p, k=k, method="enumerate").energy


@settings(max_examples=25, deadline=None)
@given(instances(n_max=11))
def test_census_matches_landscape_table_flags(case):
    sizes, p, _ = case
    res = local_minima(sizes, p)
    table = landscape_table(sizes, p)
    assert sorted(table.loc[table["local_min"], "energy"]) == sorted(res.energies.tolist())


@settings(max_examples=30, deadline=None)
@given(instances(n_max=10), st.booleans())
def test_exact_solvers_agree_on_random_instances(case, integer):
    sizes, p, _ = case
    w = np.outer(sizes, sizes) * p
    if not integer:
        w = w.astype(np.float64) * 0.37
    values = {
        "enumerate": enumerate_minimum(w).value,
        "enumerate_numpy": enumerate_minimum(w, use_numba=False).value,
        "milp": milp_minimum(w).value,
        "route_milp": solve(w, method="milp", rng=0).value,
    }
    ref = values["enumerate"]
    assert all(np.isclose(v, ref, rtol=1e-9, atol=1e-9) for v in values.values()), values
    assert anneal_minimum(w, rng=0, restarts=8, sweeps=100).value >= ref - 1e-9


@settings(max_examples=15, deadline=None)
@given(instances(n_max=7))
def test_exact_solvers_agree_for_three_coalitions(case):
    sizes, p, _ = case
    w = np.outer(sizes, sizes) * p
    ref = enumerate_minimum(w, k=3).value
    assert enumerate_minimum(w, k=3, use_numba=False).value == ref
    assert milp_minimum(w, k=3).value == ref
    codes = np.arange(3 ** len(sizes))
    labels = (codes[:, None] // 3 ** np.arange(len(sizes))) % 3
    assert evaluate_cuts(w, labels).min() == ref


def test_numpy_census_matches_compiled_census():
    rng = np.random.default_rng(5)
    for n in (6, 11, 14):
        upper = np.triu(rng.normal(size=(n, n)), 1)
        w = upper + upper.T
        a = local_minima_census(w)
        b = local_minima_census(w, use_numba=False)
        assert [x.tolist() for x in a.labels] == [x.tolist() for x in b.labels]
        assert a.basin_sizes.tolist() == b.basin_sizes.tolist()


def test_float64_enumeration_is_exact_at_n_26_where_float32_is_not_safe():
    """Regression for the float32 failure mode (wrong minimum at n >= 26, issue #3): large
    integer-valued weights; int64, float64 and the naive Gray-code walk must agree exactly."""
    rng = np.random.default_rng(26)
    n = 26
    upper = np.triu(rng.integers(-(10**6), 10**6, (n, n)), 1)
    w = upper + upper.T
    res_int = enumerate_minimum(w)
    res_float = enumerate_minimum(w.astype(np.float64))
    assert res_int.value == res_float.value
    assert res_int.labels.tolist() == res_float.labels.tolist()
    assert res_int.labels.tolist() == naive_gray_minimum(w).tolist()


def test_anneal_is_reproducible_and_reports_not_proven():
    rng = np.random.default_rng(0)
    upper = np.triu(rng.normal(size=(40, 40)), 1)
    w = upper + upper.T
    a = anneal_minimum(w, rng=11, restarts=4, sweeps=50)
    b = anneal_minimum(w, rng=11, restarts=4, sweeps=50)
    assert a.labels.tolist() == b.labels.tolist() and a.value == b.value
    assert a.method == "anneal" and not a.proven_optimal and a.gap > 0
    c = anneal_minimum(w, rng=11, restarts=4, sweeps=50, use_numba=False)
    assert c.method == "anneal" and c.value >= c.bound
    for i in range(40):  # both backends end in a local minimum
        for res in (a, c):
            moved = res.labels.copy()
            moved[i] = 1 - moved[i]
            assert cut_value(w, moved) >= res.value - 1e-9


def test_milp_time_limit_reports_gap_or_proof():
    rng = np.random.default_rng(3)
    upper = np.triu(rng.normal(size=(45, 45)), 1)
    w = upper + upper.T
    res = milp_minimum(w, time_limit=0.5)
    assert res.proven_optimal or (res.bound is not None and res.gap > 0)
    assert res.bound is None or res.bound <= res.value + 1e-9


def test_result_objects_and_frames():
    p = np.array([[0, 2, -1], [2, 0, -2], [-1, -2, 0]])
    res = minimise([1, 1, 2], p, actors=["A", "B", "C"])
    frame = res.to_frame()
    assert list(frame.columns) == ["actor", "coalition", "size", "frustration"]
    assert frame["frustration"].sum() == res.energy
    with pytest.raises(AttributeError):
        res.energy = 0
    census = local_minima([1, 1, 2], p, actors="ABC").to_frame()
    assert census.loc[0, "partition"] == "A, B | C" and census.loc[0, "basin_share"] == 1.0


@pytest.mark.parametrize(
    "sizes, propensity, match",
    [
        ([1, 2], [[0, 1], [2, 0]], "symmetric"),
        ([1, 2], [[1, 1], [1, 0]], "zero diagonal"),
        ([1, -2], [[0, 1], [1, 0]], ">= 0"),
        ([1, 2, 3], [[0, 1], [1, 0]], "3 entries"),
        ([1, 2], [[0, np.nan], [np.nan, 0]], "NaN"),
        ([1, 2], [[0, 1, 1], [1, 0, 1]], "square"),
    ],
)
def test_bad_inputs_raise_one_line_parameter_errors(sizes, propensity, match):
    with pytest.raises(ParameterError, match=match) as info:
        minimise(sizes, propensity)
    assert "\n" not in str(info.value)


def test_bad_options_raise_parameter_errors():
    p = [[0, 1], [1, 0]]
    with pytest.raises(ParameterError, match="method"):
        minimise([1, 1], p, method="magic")
    with pytest.raises(ParameterError, match="k"):
        minimise([1, 1], p, k=1)
    with pytest.raises(ParameterError, match="time_limit"):
        minimise([1, 1], p, time_limit=0)
    with pytest.raises(ParameterError, match="config"):
        landscape_energy([0, 1, 1], [1, 1], p)
