"""Plain re-derivations of the corpus rules from the shipped raw tables, for the tests.

Deliberately simple (loops over raw rows, ``datetime.date``), sharing no code with
``foedus.history``: a test that compares the two checks the rules, not one implementation
against itself. Rules: docs/history-corpus.md.
"""

from __future__ import annotations

import datetime as dt
import functools
import math

from foedus.data import load

OPEN = dt.date(9999, 12, 31)


def _date(y, m=1, d=1) -> dt.date:
    y, m = int(y), int(m)
    d = int(d)
    while True:
        try:
            return dt.date(y, m, d)
        except ValueError:
            d -= 1


@functools.cache
def states() -> list[tuple[int, dt.date, dt.date]]:
    t = load("cow_states")
    return [(int(r.ccode), _date(r.styear, r.stmonth, r.stday),
             OPEN if r.endyear >= 2016 else _date(r.endyear, r.endmonth, r.endday))
            for r in t.itertuples()]


def in_system(ccode: int, day: dt.date) -> bool:
    return any(c == ccode and s <= day <= e for c, s, e in states())


def system(day: dt.date) -> set[int]:
    return {c for c, s, e in states() if s <= day <= e}


@functools.cache
def majors() -> list[tuple[int, dt.date, dt.date]]:
    t = load("cow_majors")
    return [(int(r.ccode), _date(r.styear, r.stmonth, r.stday),
             OPEN if r.endyear >= 2016 else _date(r.endyear, r.endmonth, r.endday))
            for r in t.itertuples()]


def is_major(ccode: int, day: dt.date) -> bool:
    return any(c == ccode and s <= day <= e for c, s, e in majors())


@functools.cache
def contiguity() -> dict[frozenset, list[tuple[dt.date, dt.date, int]]]:
    out: dict[frozenset, list] = {}
    for r in load("cow_contiguity").itertuples():
        if not 1 <= r.conttype <= 5:
            continue
        start = dt.date(int(r.stdate[:4]), int(r.stdate[5:7]), 1)
        end_month = dt.date(int(r.enddate[:4]), int(r.enddate[5:7]), 1)
        nxt = dt.date(end_month.year + (end_month.month == 12), end_month.month % 12 + 1, 1)
        out.setdefault(frozenset((int(r.ccode1), int(r.ccode2))), []).append(
            (start, nxt - dt.timedelta(days=1), int(r.conttype)))
    return out


def contiguous(a: int, b: int, day: dt.date) -> int:
    """Lowest type in force on ``day``; 0 if none."""
    types = [t for s, e, t in contiguity().get(frozenset((a, b)), []) if s <= day <= e]
    return min(types) if types else 0


@functools.cache
def mindists() -> dict[frozenset, list[tuple[int, int, float]]]:
    out: dict[frozenset, list] = {}
    for r in load("cshapes_mindist").itertuples():
        out.setdefault(frozenset((int(r.ccode1), int(r.ccode2))), []).append(
            (int(r.year_start), int(r.year_end), float(r.mindist_km)))
    return out


def mindist(a: int, b: int, year: int) -> float:
    values = [v for s, e, v in mindists().get(frozenset((a, b)), []) if s <= year <= e]
    return min(values) if values else math.nan


@functools.cache
def atop_rows() -> list[dict]:
    """Member rows with entry / exit dates (missing entry day: month end; exit day: 1st)."""
    rows = []
    for r in load("atop_members").to_dict("records"):
        entry_day = r["dayent"] if not math.isnan(r["dayent"]) and r["dayent"] else 31
        entry = _date(r["yrent"], r["moent"], entry_day)
        if r["yrexit"] == 0:
            exit_ = OPEN
        else:
            exit_day = r["dayexit"] if not math.isnan(r["dayexit"]) and r["dayexit"] else 1
            exit_ = _date(r["yrexit"], r["moexit"], exit_day)
        rows.append({**r, "entry": entry, "exit": exit_})
    return rows


def atop_tie(a: int, b: int, day: dt.date, *, before: bool = False,
             obligation: str | None = None) -> bool:
    """An ATOP tie between a and b (either direction) in force on ``day`` (or the day before:
    entry < day <= exit); ``obligation`` restricts it to one obligation."""
    obligations = ("defense", "offense", "neutral", "nonagg", "consul")
    by_phase: dict[tuple, list[dict]] = {}
    for r in atop_rows():
        if r["member"] in (a, b):
            by_phase.setdefault((r["atopid"], r["phase"]), []).append(r)
    for rows in by_phase.values():
        for ra in rows:
            for rb in rows:
                if ra["member"] == rb["member"]:
                    continue
                start, end = max(ra["entry"], rb["entry"]), min(ra["exit"], rb["exit"])
                ok = (start < day <= end) if before else (start <= day < end)
                if not ok:
                    continue
                flags = [obligation] if obligation else list(obligations)
                if any(int(ra[f] or 0) == 1 for f in flags):
                    return True
    return False


def participants(dispnum: int) -> dict[int, dict]:
    """Participant -> side, orig, join year (first side, first year)."""
    rows = load("cow_mid_dyadyears")
    rows = rows[rows["dispnum"] == dispnum]
    first: dict[int, tuple] = {}
    for r in rows.itertuples():
        key = (int(r.year), int(r.sidea1))
        if r.ccode1 not in first or key < first[r.ccode1][:2]:
            first[int(r.ccode1)] = (int(r.year), int(r.sidea1), int(r.orig1))
    return {c: {"join_year": y, "side": "A" if s == 1 else "B", "orig": o}
            for c, (y, s, o) in first.items()}


def onset(dispnum: int) -> dt.date:
    d = load("cow_mid_disputes")
    r = d[d["dispnum"] == dispnum].iloc[0]
    return dt.date(int(r["styear"]), int(r["stmon"]), 1)
