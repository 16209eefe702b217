"""Who pays under each design? The burden model applied to a scenario's designs (issue #5.3).

For a :class:`~foedus.scenarios.build.Case` and one of its designs this module builds the
inputs of :func:`foedus.models.burden.alliance_equilibrium` and reads its results back:

* **Members** (:func:`alliance_members`). If the design adds or changes a treaty with defence
  provisions among three or more states (a collective-defence agreement: ``asian-nato``,
  ``ip-treaty-organisation``), the alliance is the members of that agreement (or agreements).
  Otherwise (status quo, minilateral lattice) it is the **hub-and-spoke network**: the invited
  states connected to the hub through treaty defence provisions in force
  under the design, read as an undirected graph among the invited states (so New Zealand
  belongs through ANZUS's Australia-New Zealand obligations although the US-New Zealand leg is
  suspended; India and Taiwan, with no treaty defence provision in force, do not).
* **Incomes** (:func:`member_incomes`): World Bank GDP, current US$ (``wdi_gdp_usd_current``,
  its data year shown). A member without a World Bank figure (Taiwan) takes the GDP implied by
  SIPRI, ``sipri_milex_usd_current / sipri_milex_share_gdp`` (current US$, SIPRI's own GDP
  series, a year later than the World Bank figure); Fariss et al.'s PPP estimate is never mixed
  in, because it is in another unit. A member with neither is excluded with a note.
* **Spill-ins** (:func:`design_spill_in`): ``s_ij = covered_ij exp(-d_ij / decay_km)`` with
  ``d_ij`` the capital-to-capital distance (``world.relations``) and ``covered_ij = 1`` when
  ``j`` owes ``i`` a treaty defence provision under the design (any article, any scope).
* **Floors** (:data:`FLOORS`): NATO's 2006 2% guideline, Japan's 2%-by-FY2027 plan (Japan only)
  and the 3.5% core-defence part of NATO's 2025 Hague target, each with its source.

The parameters (security weight, private share, decay distance) are judgements registered
with the scenario layer (``burden_security_weight``, ``burden_private_share``,
``burden_spill_in_decay_km``); a scenario's ``parameters:`` block sets their distributions.
Results are computed at the central values (:func:`central_parameters`), with an optional
interval over seeded draws (:func:`design_intervals`). Documentation: ``docs/models/burden.md``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import pandas as pd

from foedus.errors import DataError, ParameterError
from foedus.models.burden import (
    BurdenEquilibrium,
    BurdenParams,
    FloorEffect,
    alliance_equilibrium,
    spending_floor_effect,
    spill_in_matrix,
)
from foedus.models.burden.parameters import PARAMETERS
from foedus.scenarios.build import Case
from foedus.world.agreements import Obligation
from foedus.world.design import Design

__all__ = [
    "FLOORS",
    "DesignBurden",
    "DesignInputs",
    "NoAlliance",
    "SpendingFloor",
    "alliance_members",
    "central_parameters",
    "design_burden",
    "design_inputs",
    "design_intervals",
    "design_spill_in",
    "designs_burden",
    "member_incomes",
    "sample_parameters",
    "solve_design",
]

# ------------------------------------------------------------------------- parameters
# (registered with the scenario layer in foedus.models.burden.parameters)
def _distributions(case: Case) -> dict:
    declared = case.parameters
    return {name: declared.get(name, info.default) for name, info in PARAMETERS.items()}


def central_parameters(case: Case) -> dict[str, float]:
    """Central value of each burden parameter: the scenario's distribution, else the default.

    The centre is the distribution's ``center()``: a triangular's mode, a uniform's midpoint.
    """
    return {name: float(dist.center()) for name, dist in _distributions(case).items()}


def sample_parameters(case: Case, rng: np.random.Generator, size: int) -> pd.DataFrame:
    """``size`` joint draws of the burden parameters (independent), one column each."""
    if int(size) < 1:
        raise ParameterError(f"size must be a positive integer, got {size}")
    return pd.DataFrame({name: dist.sample(rng, int(size))
                         for name, dist in _distributions(case).items()})


def _params(values: Mapping[str, float]) -> tuple[BurdenParams, float]:
    return (BurdenParams(security_weight=float(values["burden_security_weight"]),
                         private_share=float(values["burden_private_share"])),
            float(values["burden_spill_in_decay_km"]))


# ------------------------------------------------------------------------- spending floors
@dataclass(frozen=True)
class SpendingFloor:
    """A minimum defence burden: ``share`` of GDP for the members in ``applies_to`` (all if empty)."""

    id: str
    label: str
    share: float
    source: str
    applies_to: tuple[str, ...] = ()
    note: str = ""
    short: str = ""

    def shares(self, members: Sequence[str]) -> np.ndarray:
        """Floor of each member as a share of its GDP (0 where it does not apply)."""
        return np.array([self.share if not self.applies_to or m in self.applies_to else 0.0
                         for m in members])


FLOORS: tuple[SpendingFloor, ...] = (
    SpendingFloor(
        "nato-2006-2pct", "NATO 2% guideline (2006)", 0.02,
        "NATO, 'Funding NATO' (nato.int): 'In 2006, NATO Defence Ministers agreed to commit a "
        "minimum of 2% of their Gross Domestic Product (GDP) to defence spending'; reaffirmed "
        "at the Wales Summit, 2014.",
        note="applied to every member as if the bloc adopted NATO's guideline",
        short="2%"),
    SpendingFloor(
        "japan-fy2027-2pct", "Japan 2% of GDP by FY2027", 0.02,
        "Government of Japan, National Security Strategy, 16 Dec 2022: the budget for the "
        "fundamental reinforcement of defence capabilities and complementary initiatives to "
        "reach 2% of the current GDP in FY2027 (JIIA Strategic Annual Report 2022, ch. 5).",
        applies_to=("JPN",),
        note="Japan only; Japan's 2% counts related spending (e.g. coast guard) that SIPRI's "
             "military expenditure excludes",
        short="JPN 2%"),
    SpendingFloor(
        "nato-2025-core-3.5pct", "NATO Hague target, core defence 3.5% (2035)", 0.035,
        "The Hague Summit Declaration, NATO, 25 Jun 2025, para. 3: Allies allocate at least "
        "3.5% of GDP annually, on the agreed definition of NATO defence expenditure, to core "
        "defence requirements by 2035, and up to 1.5% to defence- and security-related "
        "spending (5% in all).",
        note="only the 3.5% core part: the 1.5% of related spending (infrastructure, "
             "resilience) is not military expenditure in this model",
        short="3.5%"),
)


# ------------------------------------------------------------------------- inputs
def _design(case: Case, design: Design | str) -> Design:
    if isinstance(design, Design):
        return design
    try:
        return case.design(design)
    except KeyError:
        raise ParameterError(f"no design {design!r} in the scenario (choose from "
                             f"{', '.join(d.id for d in case.designs)})") from None


def alliance_members(case: Case, design: Design | str, *, hub: str | None = None
                     ) -> tuple[tuple[str, ...], str]:
    """The alliance's members under ``design`` and the rule that chose them.

    Returns ``(members, rule)``: the members of the design's own collective-defence
    agreement(s) (added or changed treaties with defence provisions among three or more
    states), else the invited states connected to ``hub`` through treaty defence provisions
    in force under the design (undirected). Members are in scenario order.

    Examples
    --------
    >>> from foedus.scenarios import build_case, load_scenario
    >>> case = build_case(load_scenario("asian-nato-2024"))
    >>> alliance_members(case, "status-quo")[0]
    ('USA', 'JPN', 'AUS', 'KOR', 'PHL', 'NZL')
    >>> alliance_members(case, "ishiba")[0]
    ('USA', 'JPN', 'AUS', 'KOR', 'PHL', 'IND', 'NZL', 'TWN')
    """
    d = _design(case, design)
    agreements = case.agreements(d)
    own = {a.id for a in d.add} | {c.id for c in d.change}
    collective = []
    for a in agreements:
        if a.id not in own or a.legal_force.value != "treaty":
            continue
        parties = {s for p in a.provisions_of(Obligation.DEFENSE)
                   for s in (p.obligor, p.beneficiary)}
        if len(parties) >= 3:
            collective.append(a)
    order = list(case.world.states)
    if collective:
        chosen = {m for a in collective for m in a.members}
        rule = ("members of the design's collective-defence agreement "
                + ", ".join(a.id for a in collective))
        return tuple(s for s in order if s in chosen), rule
    invited = set(d.invited) or set(order)
    graph = nx.Graph()
    graph.add_nodes_from(s for s in order if s in invited)
    graph.add_edges_from((a, b) for a, b in case.world.defense_pairs(agreements)
                         if a in invited and b in invited)
    if hub is None:
        # the invited state with the most treaty defence partners (scenario order breaks ties)
        hub = max((s for s in order if s in invited), key=lambda s: graph.degree(s))
    elif hub not in invited:
        raise ParameterError(f"the hub {hub!r} is not invited under design {d.id!r}")
    chosen = nx.node_connected_component(graph, hub)
    rule = (f"invited states linked to {hub} by treaty defence provisions in force "
            "(hub-and-spoke network)")
    return tuple(s for s in order if s in chosen), rule


def member_incomes(case: Case, members: Sequence[str]) -> pd.DataFrame:
    """GDP (current US$) and observed defence burden of each member, with years and sources.

    Columns: ``member, gdp, gdp_year, gdp_source, observed_burden, observed_year,
    observed_source, milex, included, note``. ``gdp`` is the World Bank figure; without one,
    the GDP implied by SIPRI (military expenditure / share of GDP); without either the member
    is not ``included``. ``observed_burden`` is SIPRI's military expenditure share of GDP.
    """
    rows = []
    for m in members:
        ind = case.world.states[m].indicators
        wdi = ind.get("wdi_gdp_usd_current")
        milex = ind.get("sipri_milex_usd_current")
        share = ind.get("sipri_milex_share_gdp")
        row = {"member": m, "gdp": np.nan, "gdp_year": pd.NA, "gdp_source": "no data",
               "observed_burden": share.value if share else np.nan,
               "observed_year": share.data_year if share else pd.NA,
               "observed_source": "sipri_milex_share_gdp" if share else "no data",
               "milex": milex.value * 1e6 if milex else np.nan, "included": True, "note": ""}
        if wdi is not None and wdi.value > 0:
            row.update(gdp=wdi.value, gdp_year=wdi.data_year, gdp_source="wdi_gdp_usd_current")
        elif milex is not None and share is not None and share.value > 0:
            row.update(gdp=milex.value * 1e6 / share.value, gdp_year=milex.data_year,
                       gdp_source="sipri_implied",
                       note="no World Bank GDP: GDP implied by SIPRI (milex / share of GDP), "
                            "current US$; Fariss et al. PPP GDP not used (different unit)")
        else:
            row.update(included=False, note="no GDP in current US$: excluded")
        rows.append(row)
    return pd.DataFrame(rows)


def _distance(case: Case, members: Sequence[str]) -> np.ndarray:
    table = case.world.relations.table
    sub = table[table["indicator"] == "capital_distance_km"]
    wide = sub.pivot_table(index="iso3_a", columns="iso3_b", values="value", aggfunc="first")
    d = wide.reindex(index=list(members), columns=list(members)).to_numpy(dtype=float, copy=True)
    np.fill_diagonal(d, 0.0)
    missing = [(a, b) for i, a in enumerate(members) for j, b in enumerate(members)
               if np.isnan(d[i, j])]
    if missing:
        raise DataError(f"no capital distance for {missing[:3]}; add a dyad fact "
                        "capital_distance_km to the scenario")
    return d


def _covered(case: Case, design: Design, members: Sequence[str]) -> np.ndarray:
    pairs = case.world.defense_pairs(case.agreements(design))
    return np.array([[1.0 if i == j or (j, i) in pairs else 0.0 for j in members]
                     for i in members])


def design_spill_in(case: Case, design: Design | str, members: Sequence[str], *,
                    decay_km: float) -> np.ndarray:
    """Spill-in matrix of ``members`` under ``design`` (rows protected, columns spender).

    ``s_ij = covered_ij exp(-d_ij / decay_km)``: ``d_ij`` the capital distance, ``covered_ij``
    1 when ``j`` owes ``i`` a treaty defence provision under the design.
    """
    d = _design(case, design)
    return spill_in_matrix(_distance(case, members), decay_km=decay_km,
                           covered=_covered(case, d, members))


# ------------------------------------------------------------------------- results
@dataclass(frozen=True)
class DesignBurden:
    """The burden model on one design: inputs, equilibrium and the effect of each floor.

    Attributes
    ----------
    design : str
    rule : str
        How the members were chosen.
    inputs : DataFrame
        :func:`member_incomes` for every candidate member (excluded ones included, flagged).
    equilibrium : BurdenEquilibrium
    floors : dict of str -> FloorEffect
    parameters : dict
        The parameter values used.
    """

    design: str
    rule: str
    inputs: pd.DataFrame
    equilibrium: BurdenEquilibrium
    floors: dict[str, FloorEffect] = field(default_factory=dict)
    parameters: dict = field(default_factory=dict)

    @property
    def members(self) -> tuple[str, ...]:
        return self.equilibrium.members

    @property
    def excluded(self) -> tuple[str, ...]:
        return tuple(self.inputs.loc[~self.inputs["included"], "member"])

    @property
    def largest_member(self) -> str:
        """The member with the largest income (Olson & Zeckhauser's "large" member)."""
        return self.equilibrium.largest_member

    def observed_share_of_total(self, member: str | None = None) -> float:
        """``member``'s share of the members' observed (SIPRI) military expenditure.

        Default: the largest member (by income), whose disproportionate share is the
        prediction of Olson & Zeckhauser (1966).
        """
        member = self.largest_member if member is None else member
        used = self.inputs[self.inputs["included"]]
        return float(used.loc[used["member"] == member, "milex"].sum() / used["milex"].sum())

    def to_frame(self) -> pd.DataFrame:
        """One row per member: GDP, model and observed burden, shares, floors."""
        eq = self.equilibrium.to_frame()
        inputs = self.inputs[self.inputs["included"]].set_index("member")
        out = pd.DataFrame({
            "design": self.design, "member": eq["member"], "gdp": eq["income"],
            "gdp_year": inputs.loc[eq["member"], "gdp_year"].to_numpy(),
            "gdp_source": inputs.loc[eq["member"], "gdp_source"].to_numpy(),
            "model_spending": eq["spending"], "model_burden": eq["burden"],
            "model_spending_share": eq["spending_share"], "income_share": eq["income_share"],
            "excess_burden": eq["excess_burden"], "pareto_burden": eq["pareto_burden"],
            "free_riding": eq["free_riding"],
            "observed_burden": inputs.loc[eq["member"], "observed_burden"].to_numpy(),
            "observed_year": inputs.loc[eq["member"], "observed_year"].to_numpy(),
        })
        milex = inputs.loc[eq["member"], "milex"].to_numpy()
        out["observed_spending_share"] = milex / np.nansum(milex)
        for floor_id, effect in self.floors.items():
            share = effect.floor_share
            out[f"floor__{floor_id}"] = share
            out[f"constrained_model__{floor_id}"] = effect.constrained
            out[f"below_floor_observed__{floor_id}"] = (share > 0) & (
                out["observed_burden"].to_numpy() < share - 1e-12)
            out[f"burden_after__{floor_id}"] = effect.after.burden
        return out

    def summary(self) -> dict:
        eq = self.equilibrium
        row = {"design": self.design, "members": " ".join(self.members),
               "n_members": len(self.members), "rule": self.rule,
               "largest_member": eq.largest_member,
               "largest_share_model": eq.share_of_total(eq.largest_member),
               "largest_share_observed": self.observed_share_of_total(),
               "free_riding_index": eq.free_riding_index, "spending_gap": eq.spending_gap,
               "converged": eq.converged and all(f.after.converged for f in self.floors.values())}
        frame = self.to_frame()
        for floor_id, effect in self.floors.items():
            row[f"constrained_model__{floor_id}"] = " ".join(effect.constrained_members)
            below = frame.loc[frame[f"below_floor_observed__{floor_id}"], "member"]
            row[f"below_floor_observed__{floor_id}"] = " ".join(below)
            row[f"largest_share_after__{floor_id}"] = effect.after.share_of_total(
                eq.largest_member)
        return row


class NoAlliance(DataError):
    """A design whose alliance has fewer than two members with GDP data."""


@dataclass(frozen=True)
class DesignInputs:
    """What the burden model needs from one design, independent of the parameters."""

    design: str
    rule: str
    inputs: pd.DataFrame
    members: tuple[str, ...]
    incomes: np.ndarray
    distance_km: np.ndarray
    covered: np.ndarray

    def key(self) -> tuple:
        """Designs with equal keys give identical equilibria (e.g. status quo and lattice)."""
        return (self.members, self.incomes.tobytes(), self.covered.tobytes())


def design_inputs(case: Case, design: Design | str, *, hub: str | None = None) -> DesignInputs:
    """Members (:func:`alliance_members`), incomes, distances and coverage of ``design``."""
    d = _design(case, design)
    candidates, rule = alliance_members(case, d, hub=hub)
    inputs = member_incomes(case, candidates)
    used = inputs[inputs["included"]]
    members = tuple(used["member"])
    if len(members) < 2:
        raise NoAlliance(f"design {d.id!r}: fewer than two members with GDP "
                         f"({' '.join(members) or 'none'}); there is no burden to share")
    return DesignInputs(d.id, rule, inputs, members, used["gdp"].to_numpy(dtype=float),
                        _distance(case, members), _covered(case, d, members))


def solve_design(inputs: DesignInputs, values: Mapping[str, float], *,
                 floors: Sequence[SpendingFloor] = FLOORS, cache: dict | None = None
                 ) -> DesignBurden:
    """The equilibrium and floor effects of prepared ``inputs`` at parameter ``values``.

    ``cache`` (a dict kept by the caller) reuses the solution of designs whose members,
    incomes and coverage are identical.
    """
    params, decay_km = _params(values)
    key = (inputs.key(), params, decay_km, tuple(f.id for f in floors))
    if cache is not None and key in cache:
        eq, effects = cache[key]
    else:
        spill = spill_in_matrix(inputs.distance_km, decay_km=decay_km, covered=inputs.covered)
        eq = alliance_equilibrium(inputs.incomes, spill, members=inputs.members, params=params)
        effects = {f.id: spending_floor_effect(eq, f.shares(inputs.members)) for f in floors}
        if cache is not None:
            cache[key] = (eq, effects)
    return DesignBurden(inputs.design, inputs.rule, inputs.inputs, eq, dict(effects),
                        dict(values))


def design_burden(case: Case, design: Design | str, *, values: Mapping[str, float] | None = None,
                  floors: Sequence[SpendingFloor] = FLOORS, hub: str | None = None) -> DesignBurden:
    """Equilibrium spending, burden shares, free riding and floor effects under one design.

    Parameters
    ----------
    case : Case
    design : Design or str
    values : mapping, optional
        ``burden_security_weight``, ``burden_private_share``, ``burden_spill_in_decay_km``;
        default :func:`central_parameters`.
    floors : sequence of SpendingFloor
        Default :data:`FLOORS`.
    hub : str
        Hub of the hub-and-spoke rule; default: the invited state with the most treaty
        defence partners under the design (the first in scenario order on a tie).

    Returns
    -------
    DesignBurden

    Examples
    --------
    >>> from foedus.scenarios import build_case, load_scenario
    >>> case = build_case(load_scenario("asian-nato-2024"))
    >>> result = design_burden(case, "ishiba-no-taiwan")
    >>> result.members
    ('USA', 'JPN', 'AUS', 'KOR', 'PHL', 'IND', 'NZL')
    >>> result.equilibrium.converged
    True

    References
    ----------
    Olson, M. and Zeckhauser, R. (1966). An economic theory of alliances. *Review of Economics
    and Statistics* 48(3): 266-279. DOI 10.2307/1927082.

    Sandler, T. (1977). Impurity of defense: an application to the economics of alliances.
    *Kyklos* 30(3): 443-460. DOI 10.1111/j.1467-6435.1977.tb02203.x.
    """
    values = dict(central_parameters(case) if values is None else values)
    return solve_design(design_inputs(case, design, hub=hub), values, floors=floors)


def designs_burden(case: Case, *, designs: Sequence[str] | None = None,
                   values: Mapping[str, float] | None = None,
                   floors: Sequence[SpendingFloor] = FLOORS) -> list[DesignBurden]:
    """:func:`design_burden` for every design (or those named), in scenario order.

    Without ``designs``, designs whose alliance has fewer than two members (e.g. a design that
    removes the only treaty) are left out; compare the ids of the results with the scenario's.
    Naming such a design raises :class:`NoAlliance`.
    """
    values = dict(central_parameters(case) if values is None else values)
    cache: dict = {}
    return [solve_design(inputs, values, floors=floors, cache=cache)
            for inputs in _prepared(case, designs)]


def _prepared(case: Case, designs: Sequence[str] | None) -> list[DesignInputs]:
    if designs:
        return [design_inputs(case, i) for i in designs]
    out = []
    for d in case.designs:
        try:
            out.append(design_inputs(case, d))
        except NoAlliance:
            continue
    return out


def summary_frame(results: Sequence[DesignBurden]) -> pd.DataFrame:
    """One row per design (see :meth:`DesignBurden.summary`)."""
    return pd.DataFrame([r.summary() for r in results])


def members_frame(results: Sequence[DesignBurden]) -> pd.DataFrame:
    """One row per design and member (see :meth:`DesignBurden.to_frame`)."""
    return pd.concat([r.to_frame() for r in results], ignore_index=True)


def floors_frame(floors: Sequence[SpendingFloor] = FLOORS) -> pd.DataFrame:
    """The spending floors with their sources."""
    return pd.DataFrame([{"floor": f.id, "short": f.short, "label": f.label, "share_gdp": f.share,
                          "applies_to": " ".join(f.applies_to) or "all members",
                          "note": f.note, "source": f.source} for f in floors])


def design_intervals(case: Case, rng: np.random.Generator, *, draws: int = 100,
                     designs: Sequence[str] | None = None,
                     quantiles: tuple[float, float] = (0.05, 0.95)) -> pd.DataFrame:
    """The largest member's share of the model total and the free-riding index over draws.

    One row per design: the central value and the ``quantiles`` over ``draws`` seeded joint
    draws of the burden parameters (:func:`sample_parameters`; floors are not re-solved).
    """
    sample = sample_parameters(case, rng, draws).to_dict("records")
    central = central_parameters(case)
    cache: dict = {}
    lo, hi = quantiles
    rows = []
    for prepared in _prepared(case, designs):
        design_id = prepared.design
        point = solve_design(prepared, central, floors=(), cache=cache).equilibrium
        runs = [solve_design(prepared, v, floors=(), cache=cache).equilibrium for v in sample]
        largest = point.largest_member
        shares = [eq.share_of_total(largest) for eq in runs]
        fri = [eq.free_riding_index for eq in runs]
        rows.append({"design": design_id, "draws": int(draws), "largest_member": largest,
                     "largest_share_model": point.share_of_total(largest),
                     f"largest_share_q{lo:g}": float(np.quantile(shares, lo)),
                     f"largest_share_q{hi:g}": float(np.quantile(shares, hi)),
                     "free_riding_index": point.free_riding_index,
                     f"free_riding_q{lo:g}": float(np.quantile(fri, lo)),
                     f"free_riding_q{hi:g}": float(np.quantile(fri, hi)),
                     "converged": all(eq.converged for eq in runs)})
    return pd.DataFrame(rows)


def plot_burden_size(results: Sequence[DesignBurden]):
    """Burden against size: model burden per design and observed burden, GDP on a log scale.

    Needs matplotlib (no pyplot: no global state). Returns a ``matplotlib.figure.Figure``.
    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10, 5))
    ax = fig.subplots()
    markers = "osD^vP*X"
    frame = members_frame(results)
    for k, (design, block) in enumerate(frame.groupby("design", sort=False)):
        ax.scatter(block["gdp"], block["model_burden"] * 100, marker=markers[k % len(markers)],
                   label=f"model: {design}", alpha=0.8)
    observed = frame.drop_duplicates("member")
    ax.scatter(observed["gdp"], observed["observed_burden"] * 100, color="black", marker="x",
               label="observed (SIPRI)", zorder=3)
    for row in observed.itertuples():
        ax.annotate(row.member, (row.gdp, row.observed_burden * 100), fontsize=8,
                    xytext=(3, 3), textcoords="offset points")
    for f in FLOORS:
        if not f.applies_to:
            ax.axhline(f.share * 100, color="grey", lw=0.8, ls="--")
            ax.annotate(f.label, (observed["gdp"].max(), f.share * 100), fontsize=7,
                        color="grey", ha="right", xytext=(0, 2), textcoords="offset points")
    ax.set_ylim(bottom=0, top=max(ax.get_ylim()[1], max(f.share for f in FLOORS) * 100 + 0.3))
    ax.set_xscale("log")
    ax.set_xlabel("GDP (current US$, log scale)")
    ax.set_ylabel("defence burden (% of GDP)")
    ax.set_title("Burden against size: model equilibrium per design and observed")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    return fig

