"""State indicators, dyadic relations and ATOP agreements of historical cases, in bulk.

The values are those a user's scenario gets (``foedus.scenarios.build``): the same data-layer
indicator functions (``foedus.data.dyadic.INDICATORS``), the same state sources and headline
figures, the same ATOP member-level provisions. What differs is only the bookkeeping: the
relations of all the cases of one year are computed once for the union of their states and
sliced per case, and a state's indicators are computed once per (state, year).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from foedus.data import dyadic
from foedus.data.indicators import STATE_SOURCES, _long_state_table
from foedus.history import panels
from foedus.scenarios.build import ATOP_FLAGS, alliance_record, headline, member_row_provisions
from foedus.world.agreements import Agreement, AgreementKind
from foedus.world.state import Indicator
from foedus.world.world import Relations


def to_date(value: int) -> dt.date:
    """``yyyymmdd`` -> ``datetime.date`` (a day 31 of a shorter month becomes its last day)."""
    year, month, day = value // 10000, value // 100 % 100, value % 100
    for d in range(day, 27, -1) if day > 28 else (day,):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(f"not a date: {value}")


# ----------------------------------------------------------------------------- states
@functools.cache
def _indicator_tables() -> dict[str, tuple[str, str, pd.DataFrame]]:
    """Per state indicator: its source, key column and a sorted ``key, year, value, unit``
    table (the long tables of :func:`foedus.data.indicators.state_year`)."""
    out = {}
    for source, (key_column, specs) in STATE_SOURCES.items():
        table = _long_state_table(source)
        for indicator in specs:
            part = table[table["indicator"] == indicator]
            key = part["key"].astype(np.int64) if key_column == "ccode" else part["key"].astype(
                object)
            out[indicator] = (source, key_column, pd.DataFrame({
                "key": key.to_numpy(), "year": part["year"].to_numpy(np.int64),
                "value": part["value"].to_numpy(float), "unit": part["unit"].to_numpy(object),
                "data_year": part["year"].to_numpy(np.int64)}).sort_values(
                "year", kind="mergesort").reset_index(drop=True))
    return out


def state_indicators(keys: pd.DataFrame) -> dict[tuple[int, int], dict[str, Indicator]]:
    """Data indicators of each (ccode, year) in ``keys`` (columns ``ccode, year, code``) at
    the latest data year not after ``year``, as :func:`foedus.data.indicators.state_year`
    gives them, plus the alliance record and the headline figures."""
    keys = keys.drop_duplicates(["ccode", "year"]).sort_values("year", kind="mergesort")
    out: dict[tuple[int, int], dict[str, Indicator]] = {
        (int(c), int(y)): {} for c, y in zip(keys["ccode"], keys["year"], strict=True)}
    by_ccode = pd.DataFrame({"key": keys["ccode"].to_numpy(np.int64),
                             "year": keys["year"].to_numpy(np.int64),
                             "ccode": keys["ccode"].to_numpy(np.int64)})
    by_code = by_ccode.assign(key=keys["code"].to_numpy(object))
    for indicator, (source, key_column, right) in _indicator_tables().items():
        left = by_ccode if key_column == "ccode" else by_code
        merged = pd.merge_asof(left, right, on="year", by="key", direction="backward")
        merged = merged[merged["value"].notna()]
        for c, y, v, u, d in zip(merged["ccode"].tolist(), merged["year"].tolist(),
                                 merged["value"].tolist(), merged["unit"].tolist(),
                                 merged["data_year"].tolist(), strict=True):
            out[(c, y)][indicator] = Indicator(indicator, v, u, int(d), source)
    for (ccode, year), indicators in out.items():
        record = alliance_record(ccode, year)
        if record is not None:
            indicators[record.name] = record
        indicators.update(headline(indicators))
    return out


# ----------------------------------------------------------------------------- relations
class YearRelations:
    """The data-layer dyadic indicators of one year for a set of states, computed once."""

    def __init__(self, year: int, ccodes: Sequence[int], codes: Sequence[str]):
        self.year = year
        self.ccodes = np.asarray(ccodes, dtype=np.int64)
        self.index = {int(c): k for k, c in enumerate(self.ccodes)}
        ctx = dyadic.Context(codes=list(codes), ccodes=self.ccodes, year=year)
        self.values: list[np.ndarray] = []
        self.years: list[np.ndarray] = []
        self.units: list[np.ndarray | str] = []
        self.names: list[str] = []
        self.sources: list[str] = []
        for name, (function, unit, source) in dyadic.INDICATORS.items():
            values, years = function(ctx, name)
            self.names.append(name)
            self.values.append(values)
            self.years.append(years)
            self.units.append(unit(ctx) if callable(unit) else unit)
            self.sources.append(source)
        self.stack = np.stack(self.values)          # (k, n, n)
        self.year_stack = np.stack(self.years)
        self.unit_names = np.array([u if isinstance(u, str) else "" for u in self.units],
                                   dtype=object)
        self.unit_matrices = {k: np.asarray(u) for k, u in enumerate(self.units)
                              if not isinstance(u, str)}
        self.name_array = np.asarray(self.names, dtype=object)
        self.source_array = np.asarray(self.sources, dtype=object)

    def relations(self, ccodes: Sequence[int], codes: Sequence[str]) -> Relations:
        """The tidy relations table of the states ``ccodes`` (labelled ``codes``)."""
        idx = np.array([self.index[int(c)] for c in ccodes], dtype=np.int64)
        m = len(idx)
        sub = self.stack[:, idx[:, None], idx[None, :]]
        keep = ~np.isnan(sub)
        keep[:, np.arange(m), np.arange(m)] = False
        k, i, j = np.nonzero(keep)
        units = self.unit_names[k]
        for n, matrix in self.unit_matrices.items():
            mask = k == n
            if mask.any():
                units[mask] = matrix[idx[i[mask]], idx[j[mask]]]
        code_array = np.asarray(codes, dtype=object)
        # object columns: the labels are built here, so pandas' string inference (10x the
        # cost) buys nothing; values and comparisons are the same as a scenario's str columns
        table = pd.DataFrame({
            "iso3_a": pd.Series(code_array[i], dtype=object, copy=False),
            "iso3_b": pd.Series(code_array[j], dtype=object, copy=False),
            "indicator": pd.Series(self.name_array[k], dtype=object, copy=False),
            "value": sub[k, i, j],
            "unit": pd.Series(units, dtype=object, copy=False),
            "data_year": self.year_stack[k, idx[i], idx[j]],
            "source": pd.Series(self.source_array[k], dtype=object, copy=False)})
        return Relations(table)


# ----------------------------------------------------------------------------- agreements
@functools.cache
def _row_arrays() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rows = panels.atop_member_rows()    # sorted by atopid: agreements_on relies on it
    return (rows["atopid"].to_numpy(np.int64), rows["member"].to_numpy(np.int64),
            rows["entry"].to_numpy(np.int64), rows["exit"].to_numpy(np.int64))


def atop_rows_in_force(date: int, *, before: bool = False) -> pd.DataFrame:
    """ATOP v4.01 member rows in force on ``date`` (``before``: on the day before it)."""
    rows = panels.atop_member_rows()
    return rows[_in_force_mask(date, before)]


def _in_force_mask(date: int, before: bool) -> np.ndarray:
    _, _, entry, exit_ = _row_arrays()
    if before:
        return (entry < date) & (date <= exit_)
    return (entry <= date) & (date < exit_)


def agreements_on(date: int, code_of: dict[int, str], *, before: bool = False,
                  exclude: Iterable[int] = ()) -> tuple[Agreement, ...]:
    """One :class:`Agreement` per ATOP alliance in force on ``date`` (``before``: the day
    before) with at least two members among ``code_of`` (the world's states); its provisions
    are those of the member rows in force (:func:`foedus.scenarios.build.member_row_provisions`)."""
    atopids, members, _, _ = _row_arrays()
    in_force = np.flatnonzero(_in_force_mask(date, before))
    world = np.isin(members[in_force], np.fromiter(code_of, dtype=np.int64))
    excluded = set(exclude)
    founding = _founding_dates()
    out = []
    ids = atopids[in_force]
    cuts = np.flatnonzero(np.diff(ids)) + 1   # rows are sorted by alliance
    for block, inside in zip(np.split(in_force, cuts), np.split(world, cuts), strict=True):
        if len(block) == 0 or inside.sum() < 2:
            continue
        atopid = int(atopids[block[0]])
        if atopid in excluded:
            continue
        idx = block[inside]
        member_codes = tuple(dict.fromkeys(code_of[int(c)] for c in members[idx]))
        if len(member_codes) < 2:
            continue
        left_out = sorted(set(members[block].tolist()) - set(members[idx].tolist()))
        provisions = _provisions(atopid, tuple(idx.tolist()),
                                 tuple(code_of[int(c)] for c in members[idx]), member_codes)
        out.append(_agreement(atopid, member_codes, provisions, to_date(founding[atopid]),
                              left_out))
    return tuple(out)


@functools.lru_cache(maxsize=8192)
def _provisions(atopid: int, rows: tuple[int, ...], obligors: tuple[str, ...],
                members: tuple[str, ...]):
    """Provisions of member rows ``rows`` (obligor codes ``obligors``) among ``members``."""
    records = _records()
    code_of = {int(records[k].member): code for k, code in zip(rows, obligors, strict=True)}
    return member_row_provisions(atopid, [records[k] for k in rows], code_of, members)


def _agreement(atopid: int, members: tuple[str, ...], provisions, in_force: dt.date,
               left_out: Sequence[int]) -> Agreement:
    note = ("ATOP members not among the case's states (no provisions here): "
            + " ".join(map(str, left_out))) if left_out else ""
    return Agreement(id=f"atop-{atopid}", name=f"ATOP alliance {atopid}",
                     kind=AgreementKind.TREATY_ALLIANCE, members=members,
                     provisions=provisions, signed=in_force, in_force=in_force, atop_id=atopid,
                     status_note=note,
                     source="ATOP v4.01 member file (Leeds et al. 2002): member rows in force "
                            "on the case date")


@functools.cache
def _records() -> list:
    """The member rows as light records (the columns :func:`member_row_provisions` reads)."""
    rows = panels.atop_member_rows()
    columns = ["member", *(flag for flag, _, _ in ATOP_FLAGS)]
    columns += [prefix + c for _, _, prefix in ATOP_FLAGS if prefix for c in ("adv", "loc", "con")]
    frame = rows[columns].fillna(0)
    return list(frame.astype(np.int64).itertuples(index=False, name="MemberRow"))


def row_records(rows: pd.DataFrame) -> list:
    """Light records of a subset of :func:`foedus.history.panels.atop_member_rows`."""
    records = _records()
    return [records[k] for k in rows.index]


def atop_agreement(atopid: int, rows: pd.DataFrame, code_of: dict[int, str],
                   members: tuple[str, ...], *, in_force: dt.date) -> Agreement:
    """The world-model agreement of ATOP alliance ``atopid`` with the given member rows."""
    provisions = member_row_provisions(atopid, row_records(rows), code_of, members)
    return _agreement(atopid, members, provisions, in_force, ())


@functools.cache
def _founding_dates() -> dict[int, int]:
    rows = panels.atop_member_rows()
    return {int(k): int(v) for k, v in rows.groupby("atopid")["entry"].min().items()}


def hostile_to(parties: Sequence[int], candidates: Sequence[int], year: int) -> dict[int, list[int]]:
    """For each candidate, the parties it had a MID with (begun in the ten years before
    ``year``) or an active strategic rivalry with in ``year``."""
    parties, candidates = list(parties), [c for c in candidates if c not in set(parties)]
    if not parties or not candidates:
        return {}
    a = np.repeat(np.asarray(candidates, np.int64), len(parties))
    b = np.tile(np.asarray(parties, np.int64), len(candidates))
    years = np.full(len(a), year)
    hit = (panels.past_mids(a, b, years) > 0) | (panels.rivalry(a, b, years) > 0)
    out: dict[int, list[int]] = {}
    for x, y in zip(a[hit], b[hit], strict=True):
        out.setdefault(int(x), []).append(int(y))
    return out


__all__ = ["YearRelations", "agreements_on", "atop_agreement", "atop_rows_in_force",
           "hostile_to", "state_indicators", "to_date"]
