"""Validation of the balance model on Gahuku-Gama, pre-WWI Europe and 51 CoW networks.

Sources of expected values (copies under tests/data/validation/, see each PROVENANCE.md):

* gahuku_gama_tribes/reference_scores.csv: balance scores 0.8676471 (triangles), 0.3575761
  (walk), 0.7586207 (frustration) printed in the README of the R package signnet for its
  ``tribes`` data (Read 1954), and frustration index 7 (exhaustive search over all 2^15
  bipartitions, research step; consistent with Aref & Wilson 2018).
* prewwi_balance_antal2006/: 1907 blocs {GB, Fr, Ru} vs {Ge, AH, It} (Antal, Krapivsky &
  Redner 2006, final panel of their figure); the 1882 and 1890 panels as transcribed in
  prewwi_edges_transcribed.csv, whose README derives 2 unbalanced complete triangles in each
  (1882: GB-AH-Fr, GB-Ru-Fr; 1890: GB-AH-Ru, GB-AH-Fr).
* cow_doreian_mrvar/README.md: exact frustration index of each of the 51 Correlates-of-War
  signed networks (signnet ``cowList``; Doreian & Mrvar 2015), computed in the research step by
  HiGHS with proven optimality and cross-checked by CBC, CP-SAT and annealing.
"""

import re
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from foedus.models.balance import (
    balance_scores,
    balanced_partition,
    frustration_index,
    is_balanced,
    triad_dynamics,
    triangle_census,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "validation"


def test_gahuku_gama_scores_and_frustration_index():
    edges = pd.read_csv(DATA / "gahuku_gama_tribes" / "tribes_edges.csv")
    ref = pd.read_csv(DATA / "gahuku_gama_tribes" / "reference_scores.csv", index_col="measure")
    scores = balance_scores(edges)
    assert scores["triangles"] == pytest.approx(0.8676471, abs=1e-6)
    assert scores["walk"] == pytest.approx(0.3575761, abs=1e-6)
    assert scores["frustration"] == pytest.approx(0.7586207, abs=1e-6)
    census = triangle_census(edges)
    assert (len(census), int(census["balanced"].sum())) == (68, 59)  # 59/68 in the reference
    for method in ("enumerate", "milp", "anneal"):
        res = frustration_index(edges, method=method, rng=3)
        assert res.frustration_index == 7 == int(ref.loc["frustration_index_L", "value"]), method
        assert len(res.frustrated_edges) == 7
    assert frustration_index(edges).proven_optimal
    graph = nx.from_pandas_edgelist(edges, edge_attr="sign")
    assert frustration_index(graph).frustration_index == 7


def _prewwi(year):
    rows = pd.read_csv(DATA / "prewwi_balance_antal2006" / "prewwi_edges_transcribed.csv")
    rows = rows[rows["year"] == year].rename(columns={"country_a": "source", "country_b": "target"})
    return rows[["source", "target", "sign"]]


def _prewwi_1907():
    blocs = pd.read_csv(DATA / "prewwi_balance_antal2006" / "prewwi_1907_blocs.csv")
    bloc = dict(zip(blocs["code"], blocs["bloc_1907"]))
    codes = list(bloc)
    pairs = [(a, b) for i, a in enumerate(codes) for b in codes[i + 1 :]]
    return pd.DataFrame(  # the two-bloc end state: friends within, enemies across
        [(a, b, 1 if bloc[a] == bloc[b] else -1) for a, b in pairs],
        columns=["source", "target", "sign"],
    ), bloc


def test_prewwi_1907_is_balanced_with_entente_vs_triple_alliance():
    edges, _bloc = _prewwi_1907()
    groups = {frozenset(g) for g in balanced_partition(edges)}
    assert groups == {frozenset({"GB", "Fr", "Ru"}), frozenset({"Ge", "AH", "It"})}
    res = frustration_index(edges)
    assert res.frustration_index == 0 and res.proven_optimal
    assert int((~triangle_census(edges)["balanced"]).sum()) == 0


@pytest.mark.parametrize(
    "year, unbalanced",
    [
        (1882, {("GB", "AH", "Fr"), ("GB", "Ru", "Fr")}),
        (1890, {("GB", "AH", "Ru"), ("GB", "AH", "Fr")}),
    ],
)
def test_prewwi_transcribed_panels_unbalanced_triangles(year, unbalanced):
    census = triangle_census(_prewwi(year))
    bad = {
        frozenset(t)
        for t in census.loc[~census["balanced"], ["a", "b", "c"]].itertuples(index=False)
    }
    assert bad == {frozenset(t) for t in unbalanced}
    assert not is_balanced(_prewwi(year))


@pytest.mark.parametrize("year", [1882, 1890])
def test_local_triad_dynamics_from_prewwi_panels_ends_balanced(year):
    """Antal et al. (2005): a finite complete network always reaches a balanced state.
    The transcribed panels are incomplete; missing pairs are filled as hostile (-1)."""
    for seed in range(5):
        res = triad_dynamics(_prewwi(year), fill=-1, p=0.5, rng=seed)
        assert res.balanced and res.unbalanced_triangles == 0
        assert is_balanced(res.adjacency)
        assert int((~triangle_census(res.adjacency)["balanced"]).sum()) == 0


def _cow_reference():
    table = {}
    for line in (DATA / "cow_doreian_mrvar" / "README.md").read_text().splitlines():
        match = re.match(r"\| (cow_\S+\.csv) \| (\d+) \| (\d+) \| (\d+) \|", line)
        if match:
            table[match.group(1)] = tuple(int(match.group(g)) for g in (2, 3, 4))
    assert len(table) == 51
    return table


COW = _cow_reference()


def test_cow_all_51_exact_frustration_index_proven():
    for name, (nodes, edges, expected) in COW.items():
        network = pd.read_csv(DATA / "cow_doreian_mrvar" / name)
        res = frustration_index(network, rng=0)
        assert (len(res.nodes), res.n_edges) == (nodes, edges), name
        assert res.frustration_index == expected, name
        assert res.proven_optimal and res.gap == 0.0, name


@pytest.mark.slow
def test_cow_all_51_heuristic_equals_exact():
    for name, (_, _, expected) in COW.items():
        network = pd.read_csv(DATA / "cow_doreian_mrvar" / name)
        res = frustration_index(network, method="anneal", rng=0)
        assert res.frustration_index == expected, name
        assert not res.proven_optimal


@pytest.mark.parametrize("name", list(COW)[::10])
def test_cow_heuristic_equals_exact_sample(name):
    """Fast subset (every 10th window) of the slow all-51 heuristic check."""
    network = pd.read_csv(DATA / "cow_doreian_mrvar" / name)
    assert frustration_index(network, method="anneal", rng=0).frustration_index == COW[name][2]


def test_cow_milp_route_agrees_on_a_sample():
    for name in list(COW)[::17]:
        network = pd.read_csv(DATA / "cow_doreian_mrvar" / name)
        res = frustration_index(network, method="milp", rng=1)
        assert res.frustration_index == COW[name][2] and res.proven_optimal
        assert np.isclose(res.bound, COW[name][2])
