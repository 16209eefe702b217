"""Alignment applications: two-bloc landscape alignment of a scenario's region or of the whole
state system, its second-best minima, its stability under the propensity-weight uncertainty,
and the signed-network balance of a region over time.

Entry point :func:`analyze` (a scenario's states) and :func:`analyze_world` (every COW system
member in a year); :func:`balance_series` for the balance of a region year by year. Models
are in :mod:`foedus.models.alignment` and :mod:`foedus.models.balance`; this module only
assembles inputs from the data, samples the weights and summarises.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import pandas as pd

from foedus.errors import ParameterError
from foedus.models.alignment import AlignmentResult, local_minima, minimise
from foedus.models.alignment.params import central_weights, sample_weights
from foedus.models.alignment.propensity import (
    alignment_inputs,
    compose_propensity,
    dyadic_components,
    world_indicators,
)

__all__ = ["AlignmentAnalysis", "analyze", "analyze_world", "balance_series", "system_world"]

#: Coalition colours for plots (coalition 0, 1, ...).
COALITION_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e")

_CENSUS_MAX = 24      # exact census of local minima up to this many actors


@dataclass(frozen=True)
class AlignmentAnalysis:
    """A two-bloc landscape alignment with its alternatives and its stability.

    Attributes
    ----------
    label : str
        Scenario id or ``world-<year>``.
    sizes : Series
        Actor sizes (``size`` indicator).
    propensity : DataFrame
        Propensities at the central weights (or hand-written).
    origin : str
        ``"data"`` or ``"scenario"`` (hand-written propensities).
    best : AlignmentResult
        The global minimum at the central weights.
    alternatives : DataFrame
        Other local minima: ``rank, energy, gap_to_best, basin_share, partition, moved``
        (exact census for up to 24 actors; otherwise the minima reached by steepest descent
        from 400 random starting alignments, ``basin_share`` then being the share of starts
        that end there, marked ``exact = False``).
    stability : DataFrame
        Per actor: ``switch_cost`` (energy increase if it alone changed sides at the central
        weights), ``modal_partners`` (the partner set it lands with most often over the
        weight draws), ``modal_share`` (share of draws with exactly that set) and
        ``agreement_with_best`` (mean share of other actors whose same/opposite-side relation
        to it is as in ``best``).
    draws : int
        Number of weight draws (0 for hand-written propensities).
    runtime : float
        Seconds.
    splits : DataFrame
        The distinct two-bloc minima over the weight draws: ``partition, share``.
    details : dict
        ``draws_proven``, ``draw_solve_seconds``, ``best_basin_share_sampled`` (world) and
        ``provenance`` (data set and data years of every input, the central weights).
    """

    label: str
    sizes: pd.Series
    propensity: pd.DataFrame
    origin: str
    best: AlignmentResult
    alternatives: pd.DataFrame
    stability: pd.DataFrame
    draws: int
    runtime: float
    splits: pd.DataFrame = field(default_factory=pd.DataFrame)
    details: dict = field(default_factory=dict)

    @property
    def actors(self) -> tuple[str, ...]:
        return tuple(self.best.actors)

    def to_frame(self) -> pd.DataFrame:
        """One row per actor: ``actor, coalition, size, frustration`` and the stability.

        Examples
        --------
        >>> import numpy as np
        >>> from foedus.scenarios import build_case, load_scenario
        >>> a = analyze(build_case(load_scenario("asian-nato-2024")), draws=2,
        ...             rng=np.random.default_rng(0))
        >>> list(a.to_frame().columns)[:4]
        ['actor', 'coalition', 'size', 'frustration']
        """
        frame = self.best.to_frame()
        return frame.merge(self.stability, on="actor", how="left")

    def to_networkx(self) -> nx.Graph:
        """Actors as nodes (``coalition``, ``size``), nonzero propensities as edges
        (``propensity``, ``sign``, ``within``: both ends in one coalition)."""
        graph = nx.Graph(label=self.label, energy=self.best.energy)
        labels = dict(zip(self.best.actors, self.best.labels))
        for actor in self.best.actors:
            graph.add_node(actor, coalition=int(labels[actor]), size=float(self.sizes[actor]))
        p = self.propensity.to_numpy()
        names = list(self.propensity.index)
        for i, j in zip(*np.nonzero(np.triu(p, 1))):
            a, b = names[i], names[j]
            graph.add_edge(a, b, propensity=float(p[i, j]), sign=int(np.sign(p[i, j])),
                           within=bool(labels[a] == labels[b]))
        return graph

    def plot(self, path, *, top_edges: int = 400, label_top: int = 40):
        """Draw the network coloured by coalition (node area ~ size) and save it to ``path``."""
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        graph = self.to_networkx()
        size = self.sizes.to_dict()
        # draw the pairs that weigh most in the energy (|s_i s_j p_ij|); lay out on the
        # strongest positive propensities, so that friends sit together
        edges = sorted(graph.edges(data=True),
                       key=lambda e: -abs(e[2]["propensity"]) * size[e[0]] * size[e[1]])
        edges = edges[:top_edges]
        positive = sorted((e for e in graph.edges(data=True) if e[2]["propensity"] > 0),
                          key=lambda e: -e[2]["propensity"])[:5000]
        layout_graph = nx.Graph()
        layout_graph.add_nodes_from(graph.nodes)
        layout_graph.add_weighted_edges_from((a, b, d["propensity"]) for a, b, d in positive)
        pos = nx.spring_layout(layout_graph, seed=1, weight="weight")
        fig, ax = plt.subplots(figsize=(9, 7))
        for a, b, d in edges:
            xs, ys = zip(pos[a], pos[b])
            ax.plot(xs, ys, color="0.6" if d["sign"] > 0 else "#e377c2",
                    lw=0.4 + 1.2 * min(abs(d["propensity"]), 2) / 2,
                    ls="-" if d["sign"] > 0 else ":", alpha=0.5, zorder=1)
        sizes = self.sizes.reindex(list(graph.nodes)).to_numpy()
        area = 40 + 2400 * sizes / max(sizes.max(), 1e-12)
        colours = [COALITION_COLOURS[graph.nodes[n]["coalition"] % len(COALITION_COLOURS)]
                   for n in graph.nodes]
        xy = np.array([pos[n] for n in graph.nodes])
        ax.scatter(xy[:, 0], xy[:, 1], s=area, c=colours, edgecolors="k", zorder=2)
        biggest = set(self.sizes.sort_values(ascending=False).index[:label_top])
        for n in graph.nodes:
            if n in biggest:
                ax.annotate(n, pos[n], ha="center", va="center", fontsize=7, zorder=3)
        ax.set_title(f"{self.label}: two-bloc landscape alignment (E = {self.best.energy:.4g})")
        ax.axis("off")
        fig.tight_layout()
        fig.savefig(path, dpi=120)
        plt.close(fig)
        return path


# ----------------------------------------------------------------------------- helpers


def _canonical(labels: np.ndarray) -> np.ndarray:
    labels = np.asarray(labels)
    return (labels != labels[0]).astype(np.int8)


def _partition_text(names, labels) -> str:
    labels = _canonical(labels)
    return " | ".join(", ".join(n for n, g in zip(names, labels) if g == side) or "-"
                      for side in (0, 1))


def _descend(weights: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Steepest single-actor descent of the two-bloc cut (the landscape dynamics)."""
    spins = np.where(np.asarray(labels) == 0, 1.0, -1.0)
    fields = weights @ spins
    while True:
        delta = spins * fields           # change of the cut when actor i switches
        i = int(np.argmin(delta))
        if delta[i] >= -1e-12 * max(1.0, np.abs(weights).max()):
            return (spins < 0).astype(np.int8)
        fields -= 2.0 * spins[i] * weights[:, i]
        spins[i] = -spins[i]


def _energy(weights: np.ndarray, labels: np.ndarray) -> float:
    d = labels[:, None] != labels[None, :]
    return float((weights * d).sum())       # ordered pairs: E = 2 * cut


def _sampled_alternatives(names, weights, best_labels, rng, *, samples: int = 400,
                          keep: int = 5) -> tuple[pd.DataFrame, float]:
    """Local minima reached by the landscape dynamics (steepest descent) from ``samples``
    uniformly random starting alignments; ``basin_share`` is the share of starts ending at
    each (a Monte Carlo estimate of its basin). Returns the minima other than ``best`` and
    the estimated basin share of ``best`` itself."""
    n = len(names)
    best = _canonical(best_labels)
    found: dict[bytes, list] = {}
    for _ in range(samples):
        local = _canonical(_descend(weights, rng.integers(0, 2, n).astype(np.int8)))
        key = local.tobytes()
        if key not in found:
            found[key] = [_energy(weights, local), local, 0]
        found[key][2] += 1
    best_share = found.pop(best.tobytes(), [0, 0, 0])[2] / samples
    rows = sorted(found.values(), key=lambda t: t[0])[:keep]

    def moved(lab):
        diff = lab != best
        return ", ".join(np.asarray(names)[diff if diff.sum() <= n / 2 else ~diff])

    frame = pd.DataFrame([{"energy": e, "basin_share": c / samples,
                           "partition": _partition_text(names, lab), "moved": moved(lab),
                           "exact": False} for e, lab, c in rows],
                         columns=["energy", "basin_share", "partition", "moved", "exact"])
    return frame, best_share


def _census_alternatives(sizes, propensity, best_labels, keep: int = 5) -> pd.DataFrame:
    census = local_minima(sizes, propensity)
    names = list(census.actors)
    best = _canonical(best_labels)
    rows = []
    total = census.n_configurations
    for lab, energy, basin in zip(census.labels, census.energies, census.basin_sizes):
        lab = _canonical(lab)
        if (lab == best).all():
            continue
        moved = np.asarray(names)[lab != best]
        rows.append({"energy": float(energy), "basin_share": float(basin) / total,
                     "partition": _partition_text(names, lab),
                     "moved": ", ".join(moved), "exact": True})
    rows.sort(key=lambda r: r["energy"])
    return pd.DataFrame(rows[:keep], columns=["energy", "basin_share", "partition", "moved",
                                              "exact"])


def _finish_alternatives(frame: pd.DataFrame, best_energy: float) -> pd.DataFrame:
    frame = frame.copy()
    frame.insert(0, "rank", np.arange(2, len(frame) + 2))
    frame.insert(2, "gap_to_best", frame["energy"] - best_energy)
    return frame


def _stability(names, label_draws: list[np.ndarray], best_labels) -> pd.DataFrame:
    names = list(names)
    best = _canonical(best_labels)
    same_best = best[:, None] == best[None, :]
    rows = []
    draws = np.array([_canonical(x) for x in label_draws]) if label_draws else None
    for i, actor in enumerate(names):
        if draws is None:
            rows.append({"actor": actor, "modal_partners": "", "modal_share": np.nan,
                         "agreement_with_best": np.nan})
            continue
        same = draws == draws[:, [i]]           # (D, n): who is with actor i in each draw
        sets = Counter(tuple(np.nonzero(row)[0]) for row in same)
        modal, count = sets.most_common(1)[0]
        agree = (same == same_best[i][None, :]).mean(axis=1)
        partners = [names[j] for j in modal if j != i]
        rows.append({"actor": actor, "modal_partners": ", ".join(partners) or "(alone)",
                     "modal_share": count / len(draws),
                     "agreement_with_best": float(agree.mean())})
    return pd.DataFrame(rows)


_USED = ("atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul",
         "unga_idealpoint_distance", "mid_count_10y", "rivalry", "contiguity", "trade_share_gdp")


def _provenance(world, names, size: str, origin: str, weights) -> dict:
    """Where the inputs came from: data set and data years per indicator, weights used."""
    names = set(names)
    table = world.relations.table
    table = table[table.iso3_a.isin(names) & table.iso3_b.isin(names)]
    out = {"date": str(world.date), "origin": origin}
    if origin == "scenario":
        hand = table[table.indicator.astype(str).str.startswith("propensity")]
        out["propensity"] = f"{len(hand) // 2} hand-written dyad facts (scenario dyads:)"
    else:
        for name in _USED + ("democracy_v2x_polyarchy",):
            rows = table[table.indicator == name]
            if name == "unga_idealpoint_distance":
                from foedus.models.alignment.propensity import UN_MAX_AGE

                rows = rows[rows.data_year >= world.date.year - UN_MAX_AGE]
            if name == "democracy_v2x_polyarchy":
                rows = pd.DataFrame([{"source": s.indicators[name].source,
                                      "data_year": s.indicators[name].data_year}
                                     for c, s in world.states.items()
                                     if c in names and name in s.indicators])
            if len(rows):
                out[name] = (f"{rows['source'].iloc[0]}, data years "
                             f"{int(rows.data_year.min())}-{int(rows.data_year.max())}")
        out["weights"] = {k: float(v) for k, v in dict(weights).items()}
    years = [s.indicators[size].data_year for c, s in world.states.items()
             if c in names and size in s.indicators]
    out["size"] = f"{size}, data years {min(years)}-{max(years)}" if years else size
    return out


def _run(label, sizes, propensity, origin, *, raw, scenario_parameters, rng, draws,
         method, time_limit, alternatives, provenance=None) -> AlignmentAnalysis:
    start = time.perf_counter()
    names = list(propensity.index)
    best = minimise(sizes, propensity, k=2, method=method, rng=rng, time_limit=time_limit)
    weights = np.outer(sizes.to_numpy(), sizes.to_numpy()) * propensity.to_numpy()
    best_basin = None
    if alternatives == "census" or (alternatives == "auto" and len(names) <= _CENSUS_MAX):
        alt = _census_alternatives(sizes, propensity, best.labels)
    else:
        alt, best_basin = _sampled_alternatives(names, weights, best.labels, rng)
    label_draws, proven, solve_times = [], [], []
    if origin == "data" and draws > 0:
        table = sample_weights(draws, rng, scenario_parameters)
        s = sizes.to_numpy()
        for _, w in table.iterrows():
            comps = dyadic_components(
                len(names), **raw, un_neutral_distance=w["alignment_un_neutral_distance"],
                mid_scale=w["alignment_mid_scale"], trade_scale=w["alignment_trade_scale"])
            p = compose_propensity(comps, w)
            result = minimise(pd.Series(s, index=names), pd.DataFrame(p, names, names), k=2,
                              method=method, rng=rng, time_limit=time_limit)
            label_draws.append(np.asarray(result.labels))
            proven.append(bool(result.proven_optimal))
            solve_times.append(result.runtime)
    stability = _stability(names, label_draws, best.labels)
    counts = Counter(_partition_text(names, x) for x in label_draws)
    splits = pd.DataFrame([{"partition": k, "share": v / len(label_draws)}
                           for k, v in counts.most_common()], columns=["partition", "share"])
    spins = np.where(_canonical(best.labels) == 0, 1.0, -1.0)
    stability.insert(1, "switch_cost", 2.0 * spins * (weights @ spins))
    return AlignmentAnalysis(
        label=label, sizes=sizes, propensity=propensity, origin=origin, best=best,
        alternatives=_finish_alternatives(alt, best.energy), stability=stability,
        draws=len(label_draws), runtime=time.perf_counter() - start, splits=splits,
        details={"draws_proven": int(sum(proven)), "draw_solve_seconds": solve_times,
                 "best_basin_share_sampled": best_basin, "provenance": provenance or {}})


def analyze(case, *, rng, draws: int = 20, states=None, size: str = "nmc_cinc",
            method: str = "auto", time_limit: float = 60.0,
            alternatives: str = "auto") -> AlignmentAnalysis:
    """Two-bloc landscape alignment of a scenario's states.

    Propensities are the scenario's hand-written ones if it has any, otherwise composed from
    the data (:mod:`foedus.models.alignment.propensity`) at the centre of the weight
    distributions; ``draws`` weight draws measure how stable each state's placement is.

    Parameters
    ----------
    case : foedus.scenarios.build.Case
    rng : numpy.random.Generator or int
    draws : int, default 20
        Weight draws for the stability table (ignored for hand-written propensities).
    states : sequence of str, optional
        Subset of the scenario's states (default all).
    size : str, default ``"nmc_cinc"``
        State indicator used as the actor size.
    method, time_limit
        Passed to :func:`foedus.models.alignment.minimise`.
    alternatives : {"auto", "census", "sampled"}
        Exact census of local minima (default up to 24 actors) or sampled descents.

    Returns
    -------
    AlignmentAnalysis

    Examples
    --------
    >>> import numpy as np
    >>> from foedus.scenarios import build_case, load_scenario
    >>> a = analyze(build_case(load_scenario("asian-nato-2024")), draws=3,
    ...             rng=np.random.default_rng(0))
    >>> a.best.proven_optimal, a.origin
    (True, 'data')

    References
    ----------
    .. [1] Axelrod, R. & Bennett, D. S. (1993). A landscape theory of aggregation. British
       Journal of Political Science 23(2), 211-233. doi:10.1017/S000712340000965X
    """
    rng = np.random.default_rng(rng)
    world = case.world
    names = list(states) if states is not None else list(world.iso3s)
    parameters = dict(case.parameters)
    weights = central_weights(parameters)
    raw = world_indicators(world, names)
    sizes, propensity, origin = alignment_inputs(world, weights, order=names, size=size,
                                                 raw=raw)
    return _run(case.scenario.model.id, sizes, propensity, origin, raw=raw,
                scenario_parameters=parameters, rng=rng, draws=draws, method=method,
                time_limit=time_limit, alternatives=alternatives,
                provenance=_provenance(world, names, size, origin, weights))


def system_world(year: int):
    """A :class:`~foedus.world.World` of every state with COW capability data in ``year``
    (no agreements; relations from the shipped dyad-year data).

    Examples
    --------
    >>> w = system_world(2010)
    >>> len(w.iso3s) > 180
    True
    """
    from foedus.data import load
    from foedus.data.crosswalk import ccode_to_iso3
    from foedus.data.indicators import dyad_year, state_year
    from foedus.world.geography import Geography
    from foedus.world.state import Indicator, State
    from foedus.world.world import Relations, World

    nmc = load("cow_nmc")
    if year > int(nmc["year"].max()) or year < int(nmc["year"].min()):
        raise ParameterError(f"COW NMC has capability data for {int(nmc['year'].min())}-"
                             f"{int(nmc['year'].max())}; choose a year in that range")
    ccodes = sorted(int(c) for c in nmc.loc[nmc["year"] == year, "ccode"].unique())
    iso3s = [ccode_to_iso3(c) for c in ccodes]
    table = state_year(iso3s, year)
    states = {}
    for iso3, ccode in zip(iso3s, ccodes):
        rows = table[table.iso3 == iso3]
        indicators = {r.indicator: Indicator(r.indicator, float(r.value), r.unit,
                                             int(r.data_year), r.source)
                      for r in rows.itertuples()}
        states[iso3] = State(iso3, ccode, iso3, indicators)
    relations = Relations(dyad_year(iso3s, year).reset_index(drop=True))
    return World(date=dt.date(year, 12, 31), states=states, agreements=(),
                 geography=Geography.from_places([]), relations=relations)


def analyze_world(year: int, *, rng, draws: int = 4, size: str = "nmc_cinc",
                  time_limit: float = 60.0, scenario_parameters=None) -> AlignmentAnalysis:
    """Two-bloc landscape alignment of the whole state system in ``year`` (~190 states).

    The global minimum at the central weights is solved exactly (block decomposition, MILP
    with an annealing start, ``time_limit`` seconds); second-best minima are those reached by
    the landscape dynamics from 400 random starting alignments (a sample, not a census);
    ``draws`` weight draws give the stability of each state's placement.

    Examples
    --------
    >>> import numpy as np
    >>> a = analyze_world(2010, draws=0, rng=np.random.default_rng(0))  # doctest: +SKIP
    """
    rng = np.random.default_rng(rng)
    world = system_world(year)
    names = list(world.iso3s)
    weights = central_weights(scenario_parameters)
    raw = world_indicators(world, names)
    sizes, propensity, origin = alignment_inputs(world, weights, order=names, size=size,
                                                 raw=raw)
    return _run(f"world-{year}", sizes, propensity, origin, raw=raw,
                scenario_parameters=scenario_parameters, rng=rng, draws=draws,
                method="auto", time_limit=time_limit, alternatives="sampled",
                provenance=_provenance(world, names, size, origin, weights))


# ----------------------------------------------------------------------------- balance


def signed_network(iso3s, year: int, *, hostility: str = "mid_or_rivalry") -> pd.DataFrame:
    """Signed edge list of ``iso3s`` in ``year``: +1 for an ATOP defence pact (either
    direction), -1 for a MID in the previous ten years or an active rivalry; a pair with both
    is ambivalent and left out (counted by :func:`balance_series`).

    Examples
    --------
    >>> e = signed_network(["USA", "JPN", "CHN"], 2010)
    >>> e[["source", "target", "sign"]].values.tolist()
    [['USA', 'JPN', 1], ['USA', 'CHN', -1], ['JPN', 'CHN', -1]]
    """
    from foedus.data.indicators import dyad_year

    t = dyad_year(iso3s, year, indicators=["atop_defense", "mid_count_10y", "rivalry"])
    names = [c for c in iso3s if c in set(t.iso3_a)]
    wide = {}
    for ind in ("atop_defense", "mid_count_10y", "rivalry"):
        sub = t[t.indicator == ind]
        m = sub.pivot_table(index="iso3_a", columns="iso3_b", values="value", aggfunc="first")
        m = m.reindex(index=names, columns=names).fillna(0).to_numpy()
        wide[ind] = np.maximum(m, m.T)
    positive = wide["atop_defense"] > 0
    negative = (wide["mid_count_10y"] > 0) | (wide["rivalry"] > 0)
    rows = []
    for i, j in zip(*np.triu_indices(len(names), 1)):
        if positive[i, j] or negative[i, j]:
            sign = 0 if positive[i, j] and negative[i, j] else (1 if positive[i, j] else -1)
            rows.append({"source": names[i], "target": names[j], "sign": sign})
    return pd.DataFrame(rows, columns=["source", "target", "sign"])


def _known(code: str, year: int) -> bool:
    """Whether the crosswalk resolves ``code`` to a COW state for ``year``."""
    from foedus.data.crosswalk import iso3_to_ccode
    from foedus.errors import FoedusError

    try:
        iso3_to_ccode(code, year=year)
    except FoedusError:
        return False
    return True


def balance_series(iso3s, years, *, rng=0) -> pd.DataFrame:
    """Structural balance of a region's signed network, year by year.

    Returns one row per year: ``year, states, positive, negative, ambivalent,
    frustration_index, proven, triangles, walk, frustration`` (balance scores of
    :func:`foedus.models.balance.balance_scores`) and the best two-group ``partition``.

    Examples
    --------
    >>> t = balance_series(["USA", "JPN", "KOR", "CHN", "PRK", "RUS"], [2000, 2010])
    >>> [(int(y), float(f)) for y, f in zip(t.year, t.frustration_index)]
    [(2000, 2.0), (2010, 2.0)]

    References
    ----------
    .. [1] Cartwright, D. & Harary, F. (1956). Structural balance: a generalization of
       Heider's theory. Psychological Review 63(5), 277-293. doi:10.1037/h0046049
    .. [2] Aref, S., Mason, A. J. & Wilson, M. C. (2020). A modeling and computational study
       of the frustration index in signed networks. Networks 75(1), 95-110.
       doi:10.1002/net.21907
    """
    from foedus.errors import DataError
    from foedus.models.balance import balance_scores, frustration_index

    rng = np.random.default_rng(rng)
    rows = []
    for year in years:
        members = [code for code in iso3s if _known(code, int(year))]
        try:
            edges = signed_network(members, int(year))
        except DataError:
            edges = pd.DataFrame(columns=["source", "target", "sign"])
        signed = edges[edges.sign != 0]
        graph = nx.Graph()
        graph.add_nodes_from(members)
        graph.add_edges_from((r.source, r.target, {"sign": int(r.sign)})
                             for r in signed.itertuples())
        row = {"year": int(year), "states": len(members),
               "positive": int((signed.sign > 0).sum()), "negative": int((signed.sign < 0).sum()),
               "ambivalent": int((edges.sign == 0).sum())}
        if signed.empty:
            row.update(frustration_index=0.0, proven=True, triangles=np.nan, walk=np.nan,
                       frustration=np.nan, partition="")
        else:
            result = frustration_index(graph, rng=rng)
            scores = balance_scores(graph)
            parts = result.partition
            row.update(frustration_index=float(result.frustration_index),
                       proven=bool(result.proven_optimal), triangles=float(scores["triangles"]),
                       walk=float(scores["walk"]), frustration=float(scores["frustration"]),
                       partition=" | ".join(", ".join(map(str, g)) for g in parts))
        rows.append(row)
    return pd.DataFrame(rows)
