"""Historical cases as world-model objects: each MID and each ATOP alliance becomes the
:class:`foedus.scenarios.build.Case` a user's scenario becomes.

``compute_interests(case.world)``, ``crisis_inputs(case, crisis)`` and ``casus_foederis`` run
on these cases exactly as on a scenario. Rules: ``docs/history-corpus.md`` (section 7). Nothing
is built by hand per case: every case comes from the corpora's tables and the shipped data.

Bulk builders (:func:`dispute_cases`, :func:`alliance_cases`) yield cases one at a time, year
by year, computing the dyadic relations of a year once for all its cases; a case holds its own
relations table, so iterate rather than keep thousands in memory.

References
----------
Palmer, G., et al. (2022). The MID5 dataset, 2011-2014. Conflict Management and Peace Science
39(4), 470-482. doi:10.1177/0738894221995743
Leeds, B. A., Ritter, J. M., Mitchell, S. M., & Long, A. G. (2002). Alliance treaty
obligations and provisions, 1815-1944. International Interactions 28(3), 237-260.
doi:10.1080/03050620213653
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from foedus.data.crosswalk import crosswalk
from foedus.errors import FoedusError
from foedus.history import corpus, formation, panels, rules
from foedus.history.cache import fingerprint
from foedus.history.participants import disputes, originators
from foedus.history.worlddata import (
    YearRelations,
    agreements_on,
    atop_agreement,
    atop_rows_in_force,
    hostile_to,
    row_records,
    state_indicators,
    to_date,
)
from foedus.scenarios.build import Case, member_row_provisions
from foedus.scenarios.convert import STATUS_QUO
from foedus.scenarios.loader import Scenario
from foedus.scenarios.schema import ScenarioModel, StateEntry
from foedus.world.agreements import Asset
from foedus.world.crisis import Crisis, CrisisKind, Hit
from foedus.world.design import AgreementChange, Design
from foedus.world.geography import Geography, Place
from foedus.world.state import State
from foedus.world.world import World

SOURCES = {
    "mid5": "Palmer, G., et al. (2022). The MID5 dataset, 2011-2014. Conflict Management and "
            "Peace Science 39(4), 470-482 (COW MID 5.0, shipped as package data).",
    "atop": "Leeds, B. A., Ritter, J., Mitchell, S., & Long, A. (2002). Alliance Treaty "
            "Obligations and Provisions, 1815-1944. International Interactions 28: 237-260 "
            "(ATOP v4.01 member and alliance files, v5.1 dyad-years; shipped).",
    "rules": "foedus docs/history-corpus.md (rules of the history corpora and cases).",
}


class HistoryError(FoedusError):
    """A historical case that does not exist in the corpora (with what to pass instead)."""


# ----------------------------------------------------------------------------- codes
@functools.cache
def _crosswalk() -> tuple[dict[int, str], dict[int, str]]:
    table = crosswalk()
    iso3 = {int(c): str(i) for c, i in zip(table["ccode"], table["iso3"], strict=True)
            if isinstance(i, str)}
    names = {int(c): str(n) for c, n in zip(table["ccode"], table["name"], strict=True)}
    return iso3, names


def state_code(ccode: int) -> str:
    """The world-model code of a COW state: its ISO3 code, or ``COW<ccode>`` if it has none.

    Examples
    --------
    >>> state_code(200), state_code(245), state_code(730)
    ('GBR', 'COW245', 'COW730')
    """
    return _crosswalk()[0].get(int(ccode), f"{rules.NO_ISO3_PREFIX}{int(ccode)}")


def _codes(ccodes: Sequence[int]) -> dict[int, str]:
    """Codes of the states of one case, unique (a shared ISO3 code falls back to COW<ccode>)."""
    out: dict[int, str] = {}
    used: set[str] = set()
    for c in ccodes:
        code = state_code(c)
        if code in used:
            code = f"{rules.NO_ISO3_PREFIX}{int(c)}"
        out[int(c)] = code
        used.add(code)
    return out


def _name(ccode: int) -> str:
    return _crosswalk()[1].get(int(ccode), f"COW state {ccode}")


# ----------------------------------------------------------------------------- specifications
class _CrisisSpec(NamedTuple):
    """A crisis of a case in COW codes (id and name are filled in from the codes if empty)."""

    id: str
    name: str
    kind: CrisisKind
    aggressors: tuple[int, ...]
    target: int
    co_targets: tuple[int, ...]
    source: str


@dataclass(frozen=True)
class _Spec:
    """What a case is made of, before the shared per-year data are attached."""

    key: str
    title: str
    description: str
    date: int
    states: tuple[int, ...]
    crises: tuple[_CrisisSpec, ...]
    baseline_before: bool
    exclude: tuple[int, ...] = ()
    design: tuple | None = None   # (kind, atopid, ...): see _design


_KIND = [(12, CrisisKind.GREY_ZONE), (13, CrisisKind.BLOCKADE), (15, CrisisKind.SEIZURE),
         (17, CrisisKind.STRIKE), (99, CrisisKind.INVASION)]


def _kind(hiact: int) -> CrisisKind:
    """A label from MID's highest action (a whole-dispute fact, not known at onset: no model
    may read it): <= 12 grey zone, 13 blockade, 14-15 occupation/seizure, 16-17 attack/clash,
    >= 18 declaration of war and war."""
    for bound, kind in _KIND:
        if hiact <= bound:
            return kind
    return CrisisKind.INVASION


@functools.cache
def _dispute_tables():
    inter = corpus.intervention()
    third = _group(inter["dispnum"].to_numpy(), inter["ccode"].to_numpy())
    out = corpus.outcome()
    targets = dict(zip(out["dispnum"].tolist(), out["target"].tolist(), strict=True))
    origin = originators()
    a = origin[origin["side"] == "A"]
    b = origin[origin["side"] == "B"]
    side_a = _group(a["dispnum"].to_numpy(), a["ccode"].to_numpy())
    side_b = _group(b["dispnum"].to_numpy(), b["ccode"].to_numpy())
    sides = {k: (side_a.get(k, ()), side_b.get(k, ())) for k in targets}
    return third, targets, sides, disputes().set_index("dispnum")


def _group(keys: np.ndarray, values: np.ndarray) -> dict[int, tuple[int, ...]]:
    """``{key: (values of that key, in order)}`` without a pandas group-by loop."""
    order = np.argsort(keys, kind="mergesort")
    keys, values = keys[order], values[order]
    cuts = np.flatnonzero(np.diff(keys)) + 1
    return {int(k[0]): tuple(v.tolist()) for k, v in zip(np.split(keys, cuts),
                                                         np.split(values, cuts), strict=True)
            if len(k)}


def _dispute_spec(dispnum: int) -> _Spec:
    third, targets, sides, table = _dispute_tables()
    if dispnum not in table.index:
        raise HistoryError(f"no MID {dispnum} in MID 5.0 (dispute numbers 2-{table.index.max()})"
                           "; see foedus.history.outcome() for the list")
    row = table.loc[dispnum]
    side_a, side_b = sides[dispnum]
    target = int(targets[dispnum])
    co_targets = tuple(c for c in side_b if c != target)
    states = tuple(dict.fromkeys((*side_a, target, *co_targets, *third.get(dispnum, ()))))
    crisis = _CrisisSpec(f"mid-{dispnum}", f"MID {dispnum} ({int(row['year'])})",
                         _kind(int(row["hiact"])), side_a, target, co_targets, "mid5")
    return _Spec(key=f"mid-{dispnum}", title=f"MID {dispnum}, onset {int(row['year'])}-"
                 f"{int(row['month']):02d}",
                 description=("Militarized interstate dispute (COW MID 5.0) at onset: side-A "
                              "originators as aggressors, side-B originators as target and "
                              "co-targets, third parties of the intervention risk set."),
                 date=int(row["onset_date"]), states=states, crises=(crisis,),
                 baseline_before=False)


@functools.cache
def _alliance_tables():
    a = corpus.formation_alliances()
    adv = formation.adversaries()
    return a, adv


def _alliance_spec(atopid: int) -> _Spec:
    a, adv = _alliance_tables()
    rows = a[a["atopid"] == atopid]
    if rows.empty:
        known = formation.defence_alliances()["atopid"]
        raise HistoryError(f"ATOP alliance {atopid} is not in formation corpus (a) (new ATOP "
                           f"alliances with a defence obligation: {len(known)} ids from "
                           f"{known.min()} to {known.max()}); see "
                           "foedus.history.formation_alliances()")
    founders = tuple(int(c) for c in rows.loc[rows["role"] == "founder", "ccode"])
    candidates = tuple(int(c) for c in rows.loc[rows["role"] == "candidate", "ccode"])
    date = int(rows["founding_date"].iloc[0])
    enemies = adv[adv["atopid"] == atopid]
    crises = []
    for x, targets in zip(enemies["ccode"], enemies["targets"], strict=True):
        for m in (int(t) for t in targets.split()):
            crises.append(_CrisisSpec("", "", CrisisKind.INVASION, (int(x),), m, (), "rules"))
    states = tuple(dict.fromkeys((*founders, *candidates, *(int(x) for x in enemies["ccode"]))))
    invited = tuple(c for c in (*founders, *candidates) if c not in set(enemies["ccode"]))
    return _Spec(key=f"atop-{atopid}", title=f"ATOP alliance {atopid} at its founding",
                 description=("Formation of an ATOP alliance with a defence obligation: baseline "
                              "= alliances in force the day before; the design adds the "
                              "alliance; invited = founders and non-adversary candidates."),
                 date=date, states=states, crises=tuple(crises), baseline_before=True,
                 exclude=(atopid,), design=("found", atopid, founders, invited))


def _accession_spec(atopid: int, ccode: int) -> _Spec:
    members = formation.alliance_members()
    row = members[(members["atopid"] == atopid) & (members["member"] == ccode)
                  & (members["role"] != "founder")]
    if row.empty:
        raise HistoryError(f"COW {ccode} did not accede to ATOP alliance {atopid} after its "
                           "founding; accessions are the rows with role 'accession' or "
                           "'succession' of foedus.history.formation_alliances()")
    date = int(row["first_entry"].iloc[0])
    before = atop_rows_in_force(date, before=True)
    existing = tuple(sorted(set(before.loc[before["atopid"] == atopid, "member"].astype(int))))
    existing = tuple(c for c in existing if c != ccode)
    a = formation.defence_alliances().set_index("atopid")
    named = [int(a.loc[atopid, c]) for c in ("statthr1", "statthr2")
             if atopid in a.index and int(a.loc[atopid, c]) > 0] if atopid in a.index else []
    parties = (ccode, *existing)
    named = [x for x in named if x not in parties
             and panels.in_system(np.array([x]), np.array([date]))[0]]
    if named:
        enemies = {x: list(parties) for x in named}
    else:
        everyone = panels.members_on(np.array([date]))["ccode"].tolist()
        enemies = hostile_to(parties, everyone, date // 10000)
    crises = tuple(_CrisisSpec("", "", CrisisKind.INVASION, (x,), m, (), "rules")
                   for x, targets in sorted(enemies.items()) for m in targets)
    states = tuple(dict.fromkeys((*existing, ccode, *enemies)))
    return _Spec(key=f"atop-{atopid}-accession-{ccode}",
                 title=f"Accession of COW {ccode} to ATOP alliance {atopid}",
                 description=("Accession to an ATOP alliance: baseline = alliances in force the "
                              "day before (with the alliance and its members); the design adds "
                              "the newcomer's obligations and the members' towards it."),
                 date=date, states=states, crises=crises, baseline_before=True,
                 design=("accede", atopid, ccode, existing))


# ----------------------------------------------------------------------------- assembly
def _assemble(spec: _Spec, relations: YearRelations, indicators: dict) -> Case:
    date = to_date(spec.date)
    year = spec.date // 10000
    code_of = _codes(spec.states)
    states = {code_of[c]: State(code_of[c], c, _name(c), indicators.get((c, year), {}))
              for c in spec.states}
    agreements = agreements_on(spec.date, code_of, before=spec.baseline_before,
                               exclude=spec.exclude)
    hit_states = sorted({c for crisis in spec.crises for c in (crisis.target, *crisis.co_targets)})
    places = [Place(f"territory-{code_of[c]}", f"Territory of {_name(c)}",
                    administered_by=code_of[c], source="the state's territory") for c in hit_states]
    geography = Geography.from_places(places)
    crises = tuple(Crisis(
        id=cid or f"{code_of[aggressors[0]]}-attacks-{code_of[target]}",
        name=name or f"{code_of[aggressors[0]]} attacks {code_of[target]} (an adversary of the "
                     "alliance: ATOP's named threat, or hostile to a party)", kind=kind,
        aggressors=tuple(code_of[x] for x in aggressors), target=code_of[target],
        co_targets=tuple(code_of[x] for x in co), location=f"territory-{code_of[target]}",
        hits=tuple(Hit(code_of[x], Asset.TERRITORY, f"territory-{code_of[x]}")
                   for x in (target, *co)),
        source=source, description="rules: docs/history-corpus.md section 7")
        for cid, name, kind, aggressors, target, co, source in spec.crises)
    world = World(date=date, states=states, agreements=agreements, geography=geography,
                  relations=relations.relations(list(spec.states),
                                                [code_of[c] for c in spec.states]))
    designs = (Design(STATUS_QUO, "Status quo", "The baseline agreements unchanged."),)
    if spec.design is not None:
        designs += (_design(spec, code_of, date),)
    scenario = _scenario(spec, code_of, date)
    return Case(scenario, world, designs, crises)


def _design(spec: _Spec, code_of: dict[int, str], date) -> Design:
    kind, atopid = spec.design[0], spec.design[1]
    rows = atop_rows_in_force(spec.date)
    rows = rows[rows["atopid"] == atopid]
    if kind == "found":
        founders, invited = spec.design[2], spec.design[3]
        members = tuple(code_of[c] for c in founders)
        founding_rows = rows[rows["member"].isin(list(founders)) & (rows["entry"] == spec.date)]
        agreement = atop_agreement(atopid, founding_rows, code_of, members, in_force=date)
        return Design(f"atop-{atopid}", f"ATOP alliance {atopid} as founded", add=(agreement,),
                      invited=tuple(code_of[c] for c in invited),
                      source="ATOP v4.01 founding member rows", description=spec.description)
    newcomer, existing = spec.design[2], spec.design[3]
    members = tuple(code_of[c] for c in (*existing, newcomer))
    new_rows = rows[rows["member"] == newcomer]
    old_rows = rows[rows["member"].isin(list(existing))]
    add = member_row_provisions(atopid, row_records(new_rows), code_of, members)
    add += member_row_provisions(atopid, row_records(old_rows), code_of, (code_of[newcomer],))
    change = AgreementChange(f"atop-{atopid}", members=members, add_provisions=add,
                             note=f"accession of {code_of[newcomer]} (ATOP member rows in force "
                                  "on the accession date)")
    return Design(f"atop-{atopid}-accession-{code_of[newcomer]}",
                  f"{code_of[newcomer]} accedes to ATOP alliance {atopid}", change=(change,),
                  invited=members, source="ATOP v4.01 member rows", description=spec.description)


def _scenario(spec: _Spec, code_of: dict[int, str], date) -> Scenario:
    model = ScenarioModel(
        id=spec.key, title=spec.title, date=date, description=spec.description,
        sources=dict(SOURCES),
        states=[StateEntry(iso3=code_of[c], ccode=c, name=_name(c)) for c in spec.states])
    digest = hashlib.sha256(f"{spec.key}|{fingerprint()}".encode()).hexdigest()
    return Scenario(model, f"foedus.history:{spec.key}", digest)


def _build(specs: Sequence[_Spec]) -> Iterator[tuple[_Spec, Case]]:
    by_year: dict[int, list[_Spec]] = {}
    for spec in specs:
        by_year.setdefault(spec.date // 10000, []).append(spec)
    keys = sorted({(c, year) for year, group in by_year.items() for s in group for c in s.states})
    indicators = state_indicators(pd.DataFrame({
        "ccode": [c for c, _ in keys], "year": [y for _, y in keys],
        "code": [state_code(c) for c, _ in keys]})) if keys else {}
    for year in sorted(by_year):
        group = by_year[year]
        ordered = sorted({c for s in group for c in s.states})
        relations = YearRelations(year, ordered, [state_code(c) for c in ordered])
        for spec in group:
            yield spec, _assemble(spec, relations, indicators)


# ----------------------------------------------------------------------------- public API
def dispute_case(dispnum: int) -> Case:
    """The case of MID ``dispnum`` at its onset, as world-model objects.

    Examples
    --------
    >>> from foedus.history import dispute_case
    >>> from foedus.world import casus_foederis
    >>> case = dispute_case(169)            # USSR - Poland, September 1939
    >>> crisis = case.crises[0]
    >>> crisis.aggressors, crisis.target
    (('RUS',), 'POL')
    >>> obligations = casus_foederis(case.agreements("status-quo"), crisis,
    ...                              case.world.geography, case.world.date)
    >>> "GBR" in obligations.obliged()
    True
    """
    return next(_build([_dispute_spec(int(dispnum))]))[1]


def alliance_case(atopid: int) -> Case:
    """The case of the founding of ATOP alliance ``atopid`` (formation corpus (a)).

    Examples
    --------
    >>> from foedus.history import alliance_case
    >>> case = alliance_case(2440)          # Anglo-Polish agreement, 6 April 1939
    >>> design = case.designs[1]
    >>> design.add[0].members, "DEU" in case.world.states
    (('GBR', 'POL'), True)
    """
    return next(_build([_alliance_spec(int(atopid))]))[1]


def accession_case(atopid: int, ccode: int) -> Case:
    """The case of COW state ``ccode`` acceding to ATOP alliance ``atopid``.

    Examples
    --------
    >>> from foedus.history import accession_case
    >>> case = accession_case(3180, 350)    # Greece joins NATO, October 1951
    >>> case.world.date.isoformat(), case.designs[1].change[0].members[-1]
    ('1951-10-22', 'GRC')
    """
    return next(_build([_accession_spec(int(atopid), int(ccode))]))[1]


def _system_spec(year: int, extra: Iterable[int] = ()) -> _Spec:
    if not rules.DYAD_YEAR_FIRST <= int(year) <= rules.DYAD_YEAR_LAST:
        raise HistoryError(f"system year {year}: outside the dyad-year corpus "
                           f"({rules.DYAD_YEAR_FIRST}-{rules.DYAD_YEAR_LAST})")
    date = int(year) * 10000 + 101
    members = panels.members_on(np.array([date]))["ccode"].astype(int).tolist()
    states = tuple(sorted(set(members) | {int(c) for c in extra}))
    return _Spec(key=f"system-{int(year)}", title=f"The state system on 1 January {int(year)}",
                 description=("Every COW system member on 1 January (and the states of the "
                              "year's corpus dyads that entered later in the year), with the "
                              "ATOP agreements in force that day: the world of the dyad-year "
                              "corpus (docs/history-corpus.md)."),
                 date=date, states=states, crises=(), baseline_before=False)


def system_case(year: int, extra: Iterable[int] = ()) -> Case:
    """The state system of ``year`` as a world-model case (no crisis, no design).

    Every COW system member on 1 January of ``year`` plus the states ``extra`` (COW codes:
    states of the year's corpus dyads that entered the system later in the year), with the
    ATOP agreements in force on 1 January - a pact that begins during the year is not yet
    there - and the state indicators of the year (latest data year not after it).

    Examples
    --------
    >>> from foedus.history import system_case
    >>> case = system_case(1950)
    >>> len(case.world.states), case.world.date.isoformat()
    (75, '1950-01-01')
    """
    return next(_build([_system_spec(int(year), extra)]))[1]


def system_cases(years: Mapping[int, Iterable[int]] | Iterable[int]
                 ) -> Iterator[tuple[int, Case]]:
    """``(year, case)`` of :func:`system_case` for each year (a mapping gives each year's
    extra states), in year order."""
    items = (years.items() if isinstance(years, Mapping)
             else ((int(y), ()) for y in years))
    specs = [_system_spec(int(y), extra) for y, extra in items]
    for spec, case in _build(specs):
        yield int(spec.key.split("-")[1]), case


def dispute_cases(dispnums: Iterable[int] | None = None) -> Iterator[tuple[int, Case]]:
    """``(dispnum, case)`` for every MID (or those given), year by year.

    Examples
    --------
    >>> from foedus.history import dispute_cases
    >>> [k for k, _ in dispute_cases([258, 169])]
    [258, 169]
    """
    numbers = corpus.outcome()["dispnum"].tolist() if dispnums is None else list(dispnums)
    specs = [_dispute_spec(int(k)) for k in numbers]
    for spec, case in _build(specs):
        yield int(spec.key.split("-")[1]), case


def alliance_cases(atopids: Iterable[int] | None = None) -> Iterator[tuple[int, Case]]:
    """``(atopid, case)`` for every alliance of formation corpus (a) (or those given)."""
    ids = formation.defence_alliances()["atopid"].tolist() if atopids is None else list(atopids)
    specs = [_alliance_spec(int(k)) for k in ids]
    for spec, case in _build(specs):
        yield int(spec.key.split("-")[1]), case
