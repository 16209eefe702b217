"""Assemble a :class:`~foedus.world.World` from a scenario and the shipped data.

This is the one place where the scenario layer meets the data layer: it looks up each
state's indicators for the latest data year not after the scenario date, adds the scenario's
sourced facts, derives dyadic relations, and builds the agreements (written out, or from
ATOP when a scenario asks for it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import pandas as pd

from foedus.data.crosswalk import crosswalk, iso3_to_ccode
from foedus.data.indicators import dyad_year, state_year
from foedus.scenarios import convert
from foedus.scenarios.loader import Scenario
from foedus.scenarios.parameter_sets import (
    DEFAULT_PARAMETER_SET,
    ParameterSet,
    load_parameter_set,
)
from foedus.world.agreements import Agreement, Obligation, Provision, Trigger
from foedus.world.crisis import Crisis
from foedus.world.design import Design
from foedus.world.state import Indicator, State
from foedus.world.world import Relations, World

#: Headline figures and the indicators they are taken from, in order of preference, each
#: converted to the figure's one unit (:data:`HEADLINE_UNITS`); a candidate that cannot be
#: converted is not a candidate (PPP GDP is its own figure, ``gdp_ppp``, never a fallback
#: for GDP at exchange rates). A scenario can name a preferred data set per figure
#: (``prefer: {milex: cow_nmc}``) or set the figure itself as a sourced fact in its unit.
HEADLINE: dict[str, tuple[str, ...]] = {
    "cinc": ("nmc_cinc",),
    "milex": ("sipri_milex_usd_current", "nmc_milex"),
    "milex_share_gdp": ("sipri_milex_share_gdp",),
    "gdp": ("wdi_gdp_usd_current", "sipri_implied_gdp"),
    "gdp_ppp": ("fariss_gdp",),
    "population": ("wdi_population", "nmc_tpop"),
    "regime": ("democracy_v2x_polyarchy",),
}
#: The one unit of each headline figure.
HEADLINE_UNITS: dict[str, str] = {
    "cinc": "share of system capabilities (0-1)",
    "milex": "millions of current US$",
    "milex_share_gdp": "fraction of GDP",
    "gdp": "millions of current US$",
    "gdp_ppp": "millions of 2017 international $ (PPP)",
    "population": "people",
    "regime": "V-Dem electoral democracy index (0-1)",
}
#: Factor from a candidate indicator's unit to its figure's unit (1 where they agree).
_TO_HEADLINE_UNIT: dict[str, float] = {
    "nmc_milex": 1e-3,                 # thousands -> millions of current US$
    "wdi_gdp_usd_current": 1e-6,       # current US$ -> millions of current US$
    "nmc_tpop": 1e3,                   # thousands of people -> people
}


@dataclass(frozen=True)
class Case:
    """Everything a model needs from one scenario: the world, designs, crises, parameters."""

    scenario: Scenario
    world: World
    designs: tuple[Design, ...]
    crises: tuple[Crisis, ...]
    parameter_set: ParameterSet | None = None
    overrides: Mapping[str, Any] | None = None

    @property
    def parameters(self) -> Mapping[str, Any]:
        """Parameter distributions the models use for this case: the parameter set's values
        (if any), replaced by the scenario's own ``parameters:``, replaced by ``overrides``
        (sweeps and counterfactuals, see :meth:`with_parameters`); every parameter absent
        from all three takes its registered default in the model that samples it."""
        merged = dict(self.parameter_set.values) if self.parameter_set is not None else {}
        merged.update(self.scenario.model.parameters)
        merged.update(self.overrides or {})
        return merged

    def with_parameters(self, overrides: Mapping[str, Any]) -> Case:
        """The same case with ``overrides`` (name -> distribution) taking precedence over the
        parameter set and the scenario (e.g. a sensitivity sweep).

        Examples
        --------
        >>> from foedus.scenarios import load_scenario
        >>> from foedus.scenarios.distributions import Point
        >>> case = build_case(load_scenario("nato-1949"))
        >>> probe = case.with_parameters({"treaty_reliability": Point(value=0.5)})
        >>> probe.parameters["treaty_reliability"].center(), probe.world is case.world
        (0.5, True)
        """
        return replace(self, overrides={**(self.overrides or {}), **overrides})

    @property
    def parameter_set_name(self) -> str:
        return self.parameter_set.name if self.parameter_set is not None else \
            DEFAULT_PARAMETER_SET

    def design(self, design_id: str) -> Design:
        for d in self.designs:
            if d.id == design_id:
                return d
        raise KeyError(design_id)

    def crisis(self, crisis_id: str) -> Crisis:
        for c in self.crises:
            if c.id == crisis_id:
                return c
        raise KeyError(crisis_id)

    def agreements(self, design: Design | str) -> tuple[Agreement, ...]:
        """The agreements in force on the scenario date under ``design``."""
        d = self.design(design) if isinstance(design, str) else design
        return tuple(a for a in d.apply(self.world.agreements) if a.is_in_force(self.world.date))


@lru_cache(maxsize=1)
def _alliance_tables() -> tuple[dict[int, frozenset[int]], dict[int, list[tuple[int, int]]], int, int]:
    """Cached inputs of :func:`alliance_record`: allied years per ccode (ATOP v5.1 defence
    pacts in either direction), state-system spells per ccode (COW), the last year of the
    state list, and the last ATOP year."""
    from foedus.data import load

    ddyr = load("atop_ddyr")
    pacts = ddyr[ddyr["atop_defense"] == 1]
    both = pd.concat([pacts[["ccode1", "year"]].rename(columns={"ccode1": "ccode"}),
                      pacts[["ccode2", "year"]].rename(columns={"ccode2": "ccode"})])
    allied = {int(c): frozenset(int(y) for y in years)
              for c, years in both.groupby("ccode")["year"]}
    states = load("cow_states")
    spells: dict[int, list[tuple[int, int]]] = {}
    for row in states.itertuples(index=False):
        spells.setdefault(int(row.ccode), []).append((int(row.styear), int(row.endyear)))
    return allied, spells, int(states["endyear"].max()), int(ddyr["year"].max())


#: Length (years) of the alliance-record window: see ``docs/models/interests.md``.
ALLIANCE_RECORD_WINDOW = 20


@lru_cache(maxsize=65536)
def alliance_record(ccode: int, year: int, *, window: int = ALLIANCE_RECORD_WINDOW,
                    since: int | None = None) -> Indicator | None:
    """Share of the years of a window before ``year`` in which the state had at least one
    defence pact (ATOP v5.1 directed dyad-year, either direction), counting only the years it
    was a member of the state system (COW; spells ending with the list are still ongoing).

    The window is the ``window`` years ending ``E = min(year - 1, last ATOP year)``: the last
    complete year before the case that ATOP covers (the case year itself may hold pacts made
    after the case date). ``since`` replaces it by the fixed span ``since .. min(year, last
    ATOP year)`` (the rule before the windows were made relative to the case date).

    Returns ``None`` when the state has no system-member year in the window.

    Examples
    --------
    >>> alliance_record(750, 2024).value   # India: no defence pact 1999-2018 in ATOP
    0.0
    >>> alliance_record(740, 2024).unit
    'share of years 1999-2018 with a defence pact'
    """
    allied, spells, list_end, atop_end = _alliance_tables()
    if since is None:
        last = min(year - 1, atop_end)
        first = last - window + 1
    else:
        last, first = min(year, atop_end), since
    years: set[int] = set()
    for start, end in spells.get(ccode, []):
        end = last if end == list_end else min(end, last)
        years |= set(range(max(start, first), end + 1))
    if not years:
        return None
    share = len(allied.get(ccode, frozenset()) & years) / len(years)
    return Indicator("atop_alliance_record", share,
                     f"share of years {first}-{last} with a defence pact", last, "atop_ddyr")


def _states(scenario: Scenario) -> dict[str, State]:
    model = scenario.model
    year = model.date.year
    names = crosswalk().drop_duplicates("iso3").set_index("iso3")["name"].to_dict()
    known = [s.iso3 for s in model.states if s.ccode is None]
    table = _state_table(tuple(known), year) if known else pd.DataFrame(
        columns=["iso3", "indicator", "value", "unit", "data_year", "source"])
    by_state = {iso3: frame for iso3, frame in table.groupby("iso3")}
    states: dict[str, State] = {}
    for position, entry in enumerate(model.states):
        ccode = entry.ccode if entry.ccode is not None else iso3_to_ccode(entry.iso3, year=year)
        indicators: dict[str, Indicator] = {}
        frame = by_state.get(entry.iso3)
        if frame is not None:
            for row in frame.itertuples(index=False):
                indicators[row.indicator] = Indicator(row.indicator, float(row.value), row.unit,
                                                      int(row.data_year), row.source)
        record = alliance_record(ccode, year) if ccode is not None else None
        if record is not None:
            indicators[record.name] = record
        for name, fact in entry.facts.items():
            if name in HEADLINE:
                continue  # a headline figure set by the scenario (below)
            indicators[name] = Indicator(name, fact.value, fact.unit, fact.year,
                                         f"scenario: {fact.source or 'no source given'}")
        for figure in entry.prefer:
            if figure not in HEADLINE:
                raise scenario.error(("states", position, "prefer", figure),
                                     f"not a headline figure; use one of {', '.join(HEADLINE)}")
        derived = _derived_candidates(indicators)
        for figure, candidates in HEADLINE.items():
            fact = entry.facts.get(figure)
            if fact is not None:
                cited = fact.source or "no source given"
                indicators[figure] = Indicator(figure, fact.value, HEADLINE_UNITS[figure],
                                               fact.year, f"scenario: {cited}")
                continue
            chosen = _headline_candidate(figure, indicators, derived, entry.prefer.get(figure))
            if chosen is None and figure in entry.prefer:
                offered = sorted({indicators[c].source for c in candidates if c in indicators})
                raise scenario.error(
                    ("states", position, "prefer", figure),
                    f"data set {entry.prefer[figure]!r} has no {figure} figure for {entry.iso3} "
                    f"up to {year}; available: {', '.join(offered) or 'none'}")
            if chosen is not None:
                indicators[figure] = _headline_indicator(figure, chosen)
        states[entry.iso3] = State(entry.iso3, ccode, entry.name or names.get(entry.iso3, entry.iso3),
                                   indicators)
    return states


def _headline_candidate(figure: str, indicators: Mapping[str, Indicator],
                        derived: Mapping[str, Indicator],
                        preferred_source: str | None) -> Indicator | None:
    return _choose({**indicators, **derived}, HEADLINE[figure], preferred_source)


def _headline_indicator(figure: str, chosen: Indicator) -> Indicator:
    value, unit = _common_unit(chosen)
    return Indicator(figure, value, unit, chosen.data_year, f"{chosen.source}:{chosen.name}")


def headline(indicators: Mapping[str, Indicator],
             prefer: Mapping[str, str] | None = None) -> dict[str, Indicator]:
    """The headline figures (:data:`HEADLINE`) a state's data indicators give, as
    :func:`build_case` chooses them for a state without headline facts (each in its figure's
    unit; ``prefer`` restricts a figure to one data set). Shared with ``foedus.history``."""
    derived = _derived_candidates(indicators)
    out: dict[str, Indicator] = {}
    for figure in HEADLINE:
        chosen = _headline_candidate(figure, indicators, derived, (prefer or {}).get(figure))
        if chosen is not None:
            out[figure] = _headline_indicator(figure, chosen)
    return out


def _choose(indicators: Mapping[str, Indicator], candidates: Sequence[str],
            preferred_source: str | None) -> Indicator | None:
    """The first available candidate indicator, restricted to ``preferred_source`` if given."""
    available = [indicators[c] for c in candidates if c in indicators
                 and (preferred_source is None or indicators[c].source == preferred_source)]
    return available[0] if available else None


@lru_cache(maxsize=16)
def _state_table(iso3s: tuple[str, ...], year: int) -> pd.DataFrame:
    """:func:`state_year`, cached: validating then running a case, or a sweep over one case,
    builds the same world several times in one process (callers never modify the table)."""
    return state_year(list(iso3s), year)


@lru_cache(maxsize=16)
def _dyad_table(iso3s: tuple[str, ...], year: int) -> pd.DataFrame:
    """:func:`dyad_year`, cached like :func:`_state_table`."""
    return dyad_year(list(iso3s), year)


def _derived_candidates(indicators: Mapping[str, Indicator]) -> dict[str, Indicator]:
    """Headline candidates computed from two indicators of one data set: GDP in current US$
    implied by SIPRI (military expenditure / its share of GDP, SIPRI's own GDP series; the
    burden model uses the same figure where the World Bank has none)."""
    milex = indicators.get("sipri_milex_usd_current")
    share = indicators.get("sipri_milex_share_gdp")
    if milex is None or share is None or not share.value > 0 or \
            milex.data_year != share.data_year:
        return {}
    return {"sipri_implied_gdp": Indicator(
        "sipri_implied_gdp", milex.value / share.value, "millions of current US$",
        milex.data_year, "sipri_milex")}


def _common_unit(indicator: Indicator) -> tuple[float, str]:
    """A candidate's value in its headline figure's unit (:data:`HEADLINE_UNITS`).

    Examples
    --------
    >>> _common_unit(Indicator("nmc_milex", 2049000.0, "thousands of current US$", 2001,
    ...                        "cow_nmc"))
    (2049.0, 'millions of current US$')
    """
    figure = next(f for f, candidates in HEADLINE.items() if indicator.name in candidates)
    return indicator.value * _TO_HEADLINE_UNIT.get(indicator.name, 1.0), HEADLINE_UNITS[figure]


def _relations(states: dict[str, State], model) -> Relations:
    """Data-derived dyadic indicators, with the scenario's sourced dyad facts on top."""
    year = model.date.year
    iso3s = [iso3 for iso3, s in states.items() if s.ccode is not None]
    table = _dyad_table(tuple(iso3s), year).reset_index(drop=True) if len(iso3s) >= 2 else \
        Relations().table
    facts = []
    for dyad in model.dyads:
        pairs = [(dyad.a, dyad.b)] if dyad.directed else [(dyad.a, dyad.b), (dyad.b, dyad.a)]
        for a, b in pairs:
            for name, fact in dyad.facts.items():
                facts.append({"iso3_a": a, "iso3_b": b, "indicator": name, "value": fact.value,
                              "unit": fact.unit, "data_year": fact.year,
                              "source": f"scenario: {fact.source or 'no source given'}"})
    if facts:
        overrides = pd.DataFrame(facts)
        keys = set(zip(overrides.iso3_a, overrides.iso3_b, overrides.indicator))
        keep = [k not in keys for k in zip(table.iso3_a, table.iso3_b, table.indicator)]
        table = pd.concat([table[keep], overrides], ignore_index=True)
    return Relations(table)


@lru_cache(maxsize=1)
def _atop_members() -> pd.DataFrame:
    from foedus.data import load

    return load("atop_members")


#: ATOP member-file obligation columns, the world-model obligation, and the prefix of the
#: condition columns (``defcoadv`` = defence conditional on a specific adversary, ...).
ATOP_FLAGS = (("defense", Obligation.DEFENSE, "defco"), ("offense", Obligation.OFFENSE, "offco"),
              ("neutral", Obligation.NEUTRALITY, "neuco"),
              ("nonagg", Obligation.NONAGGRESSION, ""),
              ("consul", Obligation.CONSULTATION, "conco"))


def member_row_provisions(atop_id: int, rows, code_of: Mapping[int, str],
                          members: Sequence[str]) -> tuple[Provision, ...]:
    """Directed provisions of ATOP member rows (``itertuples`` of the v4.01 member file).

    Each row's obligor (``code_of[row.member]``; rows of states not in ``code_of`` are
    skipped) owes each coded obligation to every other state of ``members``; conditions are
    carried in the qualifier. Shared by :func:`atop_provisions` and ``foedus.history``.
    """
    out: list[Provision] = []
    for row in rows:
        obligor = code_of.get(int(row.member))
        if obligor is None:
            continue
        for column, obligation, prefix in ATOP_FLAGS:
            if int(getattr(row, column) or 0) != 1:
                continue
            conditions = [name for name in ("adv", "loc", "con")
                          if prefix and int(getattr(row, prefix + name, 0) or 0) == 1]
            qualifier = (f"ATOP v4.01 member coding; conditions coded: {', '.join(conditions)}"
                         if conditions else "ATOP v4.01 member coding")
            out.extend(Provision(obligation, obligor, beneficiary, f"ATOP {atop_id}", Trigger(),
                                 qualifier) for beneficiary in members if beneficiary != obligor)
    return tuple(out)


def atop_provisions(atop_id: int, members: Sequence[str], date: dt.date) -> tuple[Provision, ...]:
    """Provisions of ATOP alliance ``atop_id`` as coded at member level (v4.01).

    ATOP codes each member's obligations towards the alliance, not towards one partner, so a
    member coded ``defense=1`` owes defence to every other listed member; conditions are
    carried in the qualifier (``defcoloc`` = location condition, ``defcoadv`` = specific
    adversary). Write the provisions out in the scenario when the text's exact scope matters.
    """
    table = _atop_members()
    rows = table[table["atopid"] == atop_id]
    by_ccode = {iso3_to_ccode(m, year=date.year): m for m in members}
    return member_row_provisions(atop_id, rows.itertuples(index=False), by_ccode, members)


def build_case(scenario: Scenario, parameter_set: ParameterSet | str | None = None) -> Case:
    """The World, designs and crises of ``scenario`` (data looked up at its date).

    ``parameter_set`` (a :class:`~foedus.scenarios.parameter_sets.ParameterSet`, the name of
    a shipped set or a file) supplies parameter distributions under the scenario's own;
    without one, the set the scenario names (``parameter_set:``), else
    :data:`~foedus.scenarios.parameter_sets.DEFAULT_PARAMETER_SET`.
    """
    if parameter_set is None:
        from foedus.scenarios.loader import resolve_parameter_set

        named = scenario.model.parameter_set
        parameter_set = (resolve_parameter_set(named, scenario.path) if named is not None
                         else DEFAULT_PARAMETER_SET)
    if not isinstance(parameter_set, ParameterSet):
        parameter_set = load_parameter_set(parameter_set)
    model = scenario.model
    states = _states(scenario)
    agreements = []
    for entry in model.agreements:
        extra = ()
        if entry.provisions_from_atop and entry.atop_id is not None:
            extra = atop_provisions(entry.atop_id, entry.members, model.date)
        agreements.append(convert.agreement(entry, extra))
    world = World(
        date=model.date,
        states=states,
        agreements=tuple(agreements),
        geography=convert.geography(model),
        relations=_relations(states, model),
        capability=model.capability,
    )
    return Case(scenario, world, convert.designs(model, world.agreements), convert.crises(model),
                parameter_set)


def check_case(case: Case) -> None:
    """The dry build behind ``foedus scenario validate``: every design applied to the
    baseline and every crisis resolved under every design (casus foederis), so that a case
    every command can start from is one that validates.

    Examples
    --------
    >>> from foedus.scenarios import load_scenario
    >>> check_case(build_case(load_scenario("nato-1949")))
    """
    from foedus.world.obligations import casus_foederis

    for design in case.designs:
        agreements = case.agreements(design)
        for crisis in case.crises:
            casus_foederis(agreements, crisis, case.world.geography, case.world.date)


def build_world(scenario: Scenario) -> World:
    """The :class:`World` of ``scenario``."""
    return build_case(scenario).world
