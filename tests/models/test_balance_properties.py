"""Property-based and unit tests for the balance model (invariants; no external values)."""

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foedus.errors import ParameterError
from foedus.models.balance import (
    balance_scores,
    balanced_partition,
    frustration_index,
    is_balanced,
    signed_adjacency,
    to_graph,
    triad_dynamics,
    triangle_balance,
    walk_balance,
)


@st.composite
def signed_graphs(draw, n_max=14):
    n = draw(st.integers(3, n_max))
    density = draw(st.floats(0.2, 1.0))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    mask = np.triu(rng.random((n, n)) < density, 1)
    upper = np.where(mask, rng.choice([-1, 1], size=(n, n)), 0)
    return upper + upper.T, rng


@settings(max_examples=50, deadline=None)
@given(signed_graphs())
def test_frustration_index_exact_methods_agree_and_are_invariant(case):
    a, rng = case
    ref = frustration_index(a, method="enumerate")
    assert frustration_index(a, method="milp", rng=0).frustration_index == ref.frustration_index
    assert frustration_index(a, rng=0).frustration_index == ref.frustration_index
    assert frustration_index(a, method="anneal", rng=0).frustration_index >= ref.frustration_index
    perm = rng.permutation(a.shape[0])
    assert frustration_index(a[np.ix_(perm, perm)]).frustration_index == ref.frustration_index
    assert len(ref.frustrated_edges) == ref.frustration_index
    assert ref.frustration_index <= (a < 0).sum() // 2  # everyone in one group
    assert ref.frustration_index <= np.count_nonzero(a) // 4  # a random split averages m/2
    assert (ref.frustration_index == 0) == is_balanced(a)
    signs = np.where(rng.random(a.shape[0]) < 0.5, -1, 1)
    gauge = a * np.outer(signs, signs)  # switching a vertex set preserves the index
    assert frustration_index(gauge).frustration_index == ref.frustration_index


@settings(max_examples=30, deadline=None)
@given(signed_graphs(n_max=10))
def test_scores_are_in_range_and_one_when_balanced(case):
    a, rng = case
    scores = balance_scores(a)
    for value in scores.dropna():
        assert 0 <= value <= 1 + 1e-12
    groups = rng.integers(2, size=a.shape[0])
    balanced = np.abs(a) * np.where(groups[:, None] == groups[None, :], 1, -1)
    assert is_balanced(balanced)
    assert walk_balance(balanced) == pytest.approx(1.0)
    assert frustration_index(balanced).frustration_index == 0
    tb = triangle_balance(balanced)
    assert np.isnan(tb) or tb == 1.0


def test_input_forms_agree_and_bad_inputs_fail_clearly():
    edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"], "sign": [1, 1, -1]})
    graph = nx.from_pandas_edgelist(edges, edge_attr="sign")
    a, nodes = signed_adjacency(edges)
    for form in (edges, graph, a):
        assert frustration_index(form).frustration_index == 1
    assert sorted(to_graph(a, nodes).edges(data="sign")) == [
        ("a", "b", 1),
        ("a", "c", -1),
        ("b", "c", 1),
    ]
    with pytest.raises(ParameterError, match="undirected"):
        frustration_index(nx.DiGraph(graph))
    with pytest.raises(ParameterError, match="no 'weight'"):
        frustration_index(graph, weight="weight")
    with pytest.raises(ParameterError, match="conflicting"):
        signed_adjacency(pd.concat([edges, edges.assign(sign=-edges["sign"])]))
    with pytest.raises(ParameterError, match="self-loop"):
        signed_adjacency(pd.DataFrame({"source": ["a"], "target": ["a"], "sign": [1]}))
    with pytest.raises(ParameterError, match="columns"):
        signed_adjacency(edges.drop(columns="sign"))
    with pytest.raises(ParameterError, match="fill"):
        triad_dynamics(edges.iloc[:2])


def test_weighted_frustration_index():
    a = np.array([[0, 2.5, 1.0], [2.5, 0, -0.5], [1.0, -0.5, 0]])
    res = frustration_index(a)
    assert res.frustration_index == pytest.approx(0.5)
    assert res.frustration_balance == pytest.approx(1 - 0.5 / 2.0)


def test_balanced_partition_of_a_disconnected_network():
    a = np.zeros((5, 5), dtype=int)
    a[0, 1] = a[1, 0] = -1
    a[2, 3] = a[3, 2] = 1
    assert balanced_partition(a) == ((0, 2, 3, 4), (1,))


def test_triad_dynamics_reproducible_and_absorbing():
    first = triad_dynamics(n=12, p=0.5, rng=42)
    second = triad_dynamics(n=12, p=0.5, rng=42)
    assert first.steps == second.steps
    np.testing.assert_array_equal(first.adjacency, second.adjacency)
    assert first.balanced and is_balanced(first.adjacency)
    assert first.partition is not None
    traj = first.to_frame()
    assert traj["unbalanced_triangles"].iloc[-1] == 0 and traj["step"].iloc[-1] == first.steps
    for seed in range(5):
        res = triad_dynamics(n=10, p=0.7, initial_positive=0.3, rng=seed)
        assert res.balanced and frustration_index(res.adjacency).frustration_index == 0
    capped = triad_dynamics(n=30, p=0.0, initial_positive=0.0, rng=1, max_steps=10)
    assert capped.steps == 10 and not capped.balanced and capped.partition is None
