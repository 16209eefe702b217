"""Cached, vectorised look-ups over the shipped data, shared by the corpora and the cases.

Dates are integers ``yyyymmdd`` (``19390901``), which order like dates; ``OPEN_END`` marks a
spell still running at the end of its data. Every look-up takes NumPy arrays of equal length
(one query per element) and returns arrays aligned with them, so a corpus of hundreds of
thousands of rows is served by a few merges. The rules they implement are in
``docs/history-corpus.md`` (section 1).
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from foedus.data import load
from foedus.history import rules

OPEN_END = 99991231
LIST_END_YEAR = 2016  # COW state list v2016: a spell ending then is still running
EARTH_RADIUS_KM = 6371.0


def ymd(year, month=1, day=1) -> np.ndarray:
    """Integer dates ``yyyymmdd`` from year, month and day arrays (or scalars).

    Examples
    --------
    >>> int(ymd(1939, 9, 1))
    19390901
    """
    return (np.asarray(year, dtype=np.int64) * 10000 + np.asarray(month, dtype=np.int64) * 100
            + np.asarray(day, dtype=np.int64))


def _iso_to_int(series: pd.Series) -> np.ndarray:
    return series.str.replace("-", "", regex=False).str[:8].astype(np.int64).to_numpy()


def pair_key(a, b) -> np.ndarray:
    """One int64 per ordered pair of COW codes (codes are below 1000)."""
    return np.asarray(a, np.int64) * 1000 + np.asarray(b, np.int64)


def reduce_rows(rows: np.ndarray, values: np.ndarray, n: int, how: str) -> np.ndarray:
    """Aggregate ``values`` by target row (``max``, ``min`` or ``sum``); NaN where a row has
    no value (``sum``: 0)."""
    values = np.asarray(values, float)
    if how == "sum":
        out = np.zeros(n)
        np.add.at(out, rows, values)
        return out
    start = -np.inf if how == "max" else np.inf
    out = np.full(n, start)
    (np.fmax if how == "max" else np.fmin).at(out, rows, values)
    out[np.isinf(out) & (out == start)] = np.nan
    return out


def _pair_lookup(a, b, key, spells: pd.DataFrame, columns: list[str], agg: str,
                 closed_end: bool = True) -> dict[str, np.ndarray]:
    """Aggregate ``columns`` of the spells of pair (a_k, b_k) that contain ``key_k``.

    ``spells`` has columns ``pair`` (:func:`pair_key`), ``start``, ``end`` and ``columns``; a
    spell contains ``key`` when ``start <= key <= end`` (``closed_end``) or
    ``start <= key < end``. Returns one array per column, in query order (NaN where no spell
    contains the key).
    """
    n = len(a)
    query = pd.DataFrame({"pair": pair_key(a, b), "key": np.asarray(key, np.int64),
                          "row": np.arange(n)})
    merged = query.merge(spells, on="pair", how="inner")
    k = merged["key"].to_numpy()
    inside = (merged["start"].to_numpy() <= k) & (
        (k <= merged["end"].to_numpy()) if closed_end else (k < merged["end"].to_numpy()))
    rows = merged["row"].to_numpy()[inside]
    return {c: reduce_rows(rows, merged[c].to_numpy(float)[inside], n, agg) for c in columns}


def _with_pair(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(pair=pair_key(frame["a"], frame["b"]))


# ----------------------------------------------------------------------------- state system
def _spells(name: str) -> pd.DataFrame:
    t = load(name)
    end = ymd(t["endyear"], t["endmonth"], t["endday"])
    return pd.DataFrame({"ccode": t["ccode"].to_numpy(np.int64),
                         "start": ymd(t["styear"], t["stmonth"], t["stday"]),
                         "end": np.where(t["endyear"] >= LIST_END_YEAR, OPEN_END, end),
                         "first_year": t["styear"].to_numpy(np.int64),
                         "last_year": np.where(t["endyear"] >= LIST_END_YEAR, 9999,
                                               t["endyear"]).astype(np.int64)})


@functools.cache
def state_spells() -> pd.DataFrame:
    """COW state-system spells: ``ccode, start, end`` (integer dates; open at the list end)."""
    return _spells("cow_states")


@functools.cache
def major_spells() -> pd.DataFrame:
    """COW major-power spells: ``ccode, start, end``, ``first_year``, ``last_year``."""
    return _spells("cow_majors")


def _on(spells: pd.DataFrame, ccodes, dates) -> np.ndarray:
    q = pd.DataFrame({"ccode": np.asarray(ccodes, np.int64), "key": np.asarray(dates, np.int64),
                      "row": np.arange(len(ccodes))})
    m = q.merge(spells, on="ccode")
    hit = m.loc[(m["start"] <= m["key"]) & (m["key"] <= m["end"]), "row"].to_numpy()
    out = np.zeros(len(ccodes), dtype=bool)
    out[hit] = True
    return out


def in_system(ccodes, dates) -> np.ndarray:
    """Whether each state is a COW system member on each date."""
    return _on(state_spells(), ccodes, dates)


def is_major(ccodes, dates) -> np.ndarray:
    """Whether each state is a COW major power on each date."""
    return _on(major_spells(), ccodes, dates)


def members_on(dates) -> pd.DataFrame:
    """Every (query, state) with the state in the system on the query's date.

    Returns a frame ``query, ccode`` (``query`` = position in ``dates``), sorted.
    """
    dates = np.asarray(dates, np.int64)
    unique, inverse = np.unique(dates, return_inverse=True)
    spells = state_spells()
    start, end = spells["start"].to_numpy(), spells["end"].to_numpy()
    inside = (start[None, :] <= unique[:, None]) & (unique[:, None] <= end[None, :])
    query, spell = np.nonzero(inside[inverse])
    out = pd.DataFrame({"query": query, "ccode": spells["ccode"].to_numpy()[spell]})
    return out.sort_values(["query", "ccode"], kind="mergesort").reset_index(drop=True)


@functools.cache
def state_years() -> pd.DataFrame:
    """``(ccode, year)`` for every year a membership spell overlaps (the peacesciencer rule),
    1816-2016."""
    s = state_spells()
    first = s["first_year"].to_numpy()
    last = np.minimum(s["last_year"].to_numpy(), rules.DYAD_YEAR_LAST)
    lengths = last - first + 1
    ccode = np.repeat(s["ccode"].to_numpy(), lengths)
    year = np.concatenate([np.arange(f, l + 1) for f, l in zip(first, last, strict=True)])
    return pd.DataFrame({"ccode": ccode, "year": year}).drop_duplicates().reset_index(drop=True)


@functools.cache
def major_years() -> pd.DataFrame:
    """``(ccode, year)`` for every year a major-power spell overlaps, 1816-2016."""
    s = major_spells()
    last = np.minimum(s["last_year"].to_numpy(), rules.DYAD_YEAR_LAST)
    first = s["first_year"].to_numpy()
    ccode = np.repeat(s["ccode"].to_numpy(), last - first + 1)
    year = np.concatenate([np.arange(f, l + 1) for f, l in zip(first, last, strict=True)])
    return pd.DataFrame({"ccode": ccode, "year": year}).drop_duplicates().reset_index(drop=True)


# ----------------------------------------------------------------------------- geography
@functools.cache
def contiguity_spells() -> pd.DataFrame:
    """Directed contiguity spells of the counted types: ``a, b, start, end, conttype`` (a
    spell runs from the first day of its start month to the last day of its end month)."""
    t = load("cow_contiguity")
    t = t[t["conttype"].isin(rules.CONTIGUITY_TYPES)]
    start = _iso_to_int(t["stdate"]) // 100 * 100 + 1
    end = _iso_to_int(t["enddate"]) // 100 * 100 + 31
    one = pd.DataFrame({"a": t["ccode1"].to_numpy(np.int64), "b": t["ccode2"].to_numpy(np.int64),
                        "start": start, "end": end, "conttype": t["conttype"].to_numpy(np.int64),
                        "first_year": start // 10000, "last_year": end // 10000})
    mirror = one.rename(columns={"a": "b", "b": "a"})
    both = pd.concat([one, mirror], ignore_index=True).drop_duplicates(
        ["a", "b", "start", "end", "conttype"]).reset_index(drop=True)
    return _with_pair(both)


def contiguity_on(a, b, dates) -> np.ndarray:
    """Lowest COW contiguity type (1-5) of ``a``-``b`` in force on each date; 0 if none."""
    out = _pair_lookup(a, b, dates, contiguity_spells(), ["conttype"], "min")["conttype"]
    return np.nan_to_num(out, nan=0).astype(np.int64)


def contiguity_in_year(a, b, years) -> np.ndarray:
    """Lowest contiguity type of a spell overlapping each year; 0 if none."""
    spells = contiguity_spells().drop(columns=["start", "end"]).rename(
        columns={"first_year": "start", "last_year": "end"})
    out = _pair_lookup(a, b, years, spells, ["conttype"], "min")["conttype"]
    return np.nan_to_num(out, nan=0).astype(np.int64)


@functools.cache
def _mindist_spells() -> pd.DataFrame:
    t = load("cshapes_mindist")
    one = pd.DataFrame({"a": t["ccode1"].to_numpy(np.int64), "b": t["ccode2"].to_numpy(np.int64),
                        "start": t["year_start"].to_numpy(np.int64),
                        "end": t["year_end"].to_numpy(np.int64),
                        "mindist_km": t["mindist_km"].to_numpy(float)})
    return _with_pair(pd.concat([one, one.rename(columns={"a": "b", "b": "a"})],
                                ignore_index=True))


def mindist(a, b, years) -> np.ndarray:
    """CShapes minimum distance (km) of each pair on 1 January of each year (NaN if none)."""
    return _pair_lookup(a, b, years, _mindist_spells(), ["mindist_km"], "min")["mindist_km"]


@functools.cache
def _capitals() -> pd.DataFrame:
    t = load("cow_capitals")
    out = pd.DataFrame({"ccode": t["ccode"].to_numpy(np.int64), "start": _iso_to_int(t["stdate"]),
                        "lat": np.radians(t["lat"].to_numpy(float)),
                        "lng": np.radians(t["lng"].to_numpy(float))})
    return out.sort_values(["start"], kind="mergesort").reset_index(drop=True)


def _capital_coordinates(ccodes, dates) -> tuple[np.ndarray, np.ndarray]:
    """Latitude and longitude (radians) of the capital with the latest start on or before
    each date (NaN when none)."""
    q = pd.DataFrame({"ccode": np.asarray(ccodes, np.int64), "key": np.asarray(dates, np.int64),
                      "row": np.arange(len(ccodes))}).sort_values("key", kind="mergesort")
    m = pd.merge_asof(q, _capitals(), left_on="key", right_on="start", by="ccode",
                      direction="backward").sort_values("row")
    return m["lat"].to_numpy(float), m["lng"].to_numpy(float)


def capital_distance(a, b, dates) -> np.ndarray:
    """Great-circle distance (km) between the capitals of ``a`` and ``b`` on each date."""
    lat_a, lng_a = _capital_coordinates(a, dates)
    lat_b, lng_b = _capital_coordinates(b, dates)
    h = (np.sin((lat_a - lat_b) / 2) ** 2
         + np.cos(lat_a) * np.cos(lat_b) * np.sin((lng_a - lng_b) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


# ----------------------------------------------------------------------------- state-year data
def _latest(table: pd.DataFrame, column: str, ccodes, years) -> tuple[np.ndarray, np.ndarray]:
    """Value of ``column`` for each (ccode, year) at the latest data year <= year with a
    value, and that data year (0 where none)."""
    right = table[["ccode", "year", column]].dropna(subset=[column])
    right = right.assign(data_year=right["year"]).sort_values("year", kind="mergesort")
    q = pd.DataFrame({"ccode": np.asarray(ccodes, np.int64), "year": np.asarray(years, np.int64),
                      "row": np.arange(len(ccodes))}).sort_values("year", kind="mergesort")
    m = pd.merge_asof(q, right[["ccode", "year", column, "data_year"]], on="year", by="ccode",
                      direction="backward").sort_values("row")
    return m[column].to_numpy(float), m["data_year"].fillna(0).to_numpy(np.int64)


@functools.cache
def _nmc() -> pd.DataFrame:
    return load("cow_nmc")


@functools.cache
def _democracy() -> pd.DataFrame:
    return load("democracy")


def cinc(ccodes, years) -> tuple[np.ndarray, np.ndarray]:
    """COW NMC 7.0 CINC at the latest year <= year with a value, and that year."""
    return _latest(_nmc(), "cinc", ccodes, years)


def polity2(ccodes, years) -> tuple[np.ndarray, np.ndarray]:
    """Polity5 polity2 at the latest year <= year with a value, and that year."""
    return _latest(_democracy(), "polity2", ccodes, years)


def democracy(ccodes, years) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Polity2, the democracy flag (polity2 >= 6; NaN where polity2 is missing), data year."""
    score, year = polity2(ccodes, years)
    flag = np.where(np.isnan(score), np.nan, (score >= rules.DEMOCRACY_POLITY2).astype(float))
    return score, flag, year


# ----------------------------------------------------------------------------- dyadic data
@functools.cache
def _rivalry_spells() -> pd.DataFrame:
    t = load("rivalries_tss")
    one = pd.DataFrame({"a": t["ccode1"].to_numpy(np.int64), "b": t["ccode2"].to_numpy(np.int64),
                        "start": t["start"].to_numpy(np.int64),
                        "end": t["end"].to_numpy(np.int64), "rivalry": 1.0})
    return _with_pair(pd.concat([one, one.rename(columns={"a": "b", "b": "a"})],
                                ignore_index=True))


def rivalry(a, b, years) -> np.ndarray:
    """1 if a Thompson-Sakuwa-Suhas strategic rivalry is active in the year, else 0."""
    out = _pair_lookup(a, b, years, _rivalry_spells(), ["rivalry"], "max")["rivalry"]
    return np.nan_to_num(out, nan=0).astype(np.int64)


@functools.cache
def _ideal_points() -> pd.DataFrame:
    t = load("unga_ideal_points")
    return t[["ccode", "year", "IdealPointAll"]].dropna().drop_duplicates(["ccode", "year"])


def un_distance(a, b, years) -> tuple[np.ndarray, np.ndarray]:
    """|ideal point a - ideal point b| in the latest session year <= year in which both voted
    (taken as the earlier of the two states' latest voting years), and that year (0 if none)."""
    points = _ideal_points()
    _, year_a = _latest(points, "IdealPointAll", a, years)
    _, year_b = _latest(points, "IdealPointAll", b, years)
    common = np.minimum(year_a, year_b)
    indexed = points.set_index(["ccode", "year"])["IdealPointAll"]
    keys_a = pd.MultiIndex.from_arrays([np.asarray(a, np.int64), common])
    keys_b = pd.MultiIndex.from_arrays([np.asarray(b, np.int64), common])
    va = indexed.reindex(keys_a).to_numpy(float)
    vb = indexed.reindex(keys_b).to_numpy(float)
    value = np.abs(va - vb)
    return value, np.where(np.isnan(value), 0, common).astype(np.int64)


@functools.cache
def _dyad_dispute_years() -> pd.DataFrame:
    """Each (pair, dispute) with the year the two first face each other in it (both orders)."""
    t = load("cow_mid_dyadyears")
    g = t.groupby(["ccode1", "ccode2", "dispnum"], as_index=False)["year"].min()
    return _with_pair(g.rename(columns={"ccode1": "a", "ccode2": "b"}))[["pair", "year"]]


def past_mids(a, b, years, window: int = rules.PAST_MID_YEARS) -> np.ndarray:
    """Number of MIDs in which ``a`` and ``b`` first faced each other in the ``window`` years
    before each year (``year - window .. year - 1``)."""
    q = pd.DataFrame({"pair": pair_key(a, b), "key": np.asarray(years, np.int64),
                      "row": np.arange(len(a))})
    m = q.merge(_dyad_dispute_years(), on="pair")
    m = m[(m["year"] >= m["key"] - window) & (m["year"] <= m["key"] - 1)]
    counts = np.zeros(len(a), dtype=np.int64)
    np.add.at(counts, m["row"].to_numpy(), 1)
    return counts


# ----------------------------------------------------------------------------- ATOP 4.01
def _atop_dates(t: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Entry and exit dates of member rows (missing entry day -> last day of the month;
    missing exit day -> first; ``yrexit = 0`` -> open)."""
    entry_day = t["dayent"].fillna(31).replace(0, 31)
    exit_day = t["dayexit"].fillna(1).replace(0, 1)
    entry = ymd(t["yrent"], t["moent"], entry_day)
    exit_ = np.where(t["yrexit"] == 0, OPEN_END, ymd(t["yrexit"], t["moexit"], exit_day))
    return entry, exit_


@functools.cache
def atop_member_rows() -> pd.DataFrame:
    """ATOP v4.01 member rows with integer ``entry`` and ``exit`` dates (exit = first day not
    in force, open rows ``OPEN_END``) and the five obligation flags."""
    t = load("atop_members")
    entry, exit_ = _atop_dates(t)
    out = t.assign(entry=entry, exit=exit_)
    for column in rules.ATOP_OBLIGATIONS:
        out[column] = out[column].fillna(0).astype(np.int64)
    return out.sort_values("atopid", kind="mergesort").reset_index(drop=True)


def atop_missing_days() -> dict[str, int]:
    """How many member rows had no entry or exit day (read conservatively)."""
    t = load("atop_members")
    return {"entry": int(t["dayent"].isna().sum() + (t["dayent"] == 0).sum()),
            "exit": int(((t["yrexit"] > 0) & (t["dayexit"].isna() | (t["dayexit"] == 0))).sum())}


@functools.cache
def atop_tie_spells() -> pd.DataFrame:
    """Directed ATOP ties: ``a`` (obligor), ``b``, ``atopid``, ``start``, ``end`` (the overlap
    of the two members' rows of one phase) and a's five obligation flags plus ``any``."""
    rows = atop_member_rows()
    keep = ["atopid", "phase", "member", "entry", "exit", *rules.ATOP_OBLIGATIONS]
    r = rows[keep]
    pairs = r.merge(r[["atopid", "phase", "member", "entry", "exit"]], on=["atopid", "phase"],
                    suffixes=("", "_b"))
    pairs = pairs[pairs["member"] != pairs["member_b"]]
    start = np.maximum(pairs["entry"].to_numpy(), pairs["entry_b"].to_numpy())
    end = np.minimum(pairs["exit"].to_numpy(), pairs["exit_b"].to_numpy())
    flags = pairs[list(rules.ATOP_OBLIGATIONS)].to_numpy(np.int64)
    out = pd.DataFrame({"a": pairs["member"].to_numpy(np.int64),
                        "b": pairs["member_b"].to_numpy(np.int64),
                        "atopid": pairs["atopid"].to_numpy(np.int64), "start": start, "end": end})
    for k, column in enumerate(rules.ATOP_OBLIGATIONS):
        out[column] = flags[:, k]
    out["any"] = flags.max(axis=1)
    return out[out["start"] < out["end"]].reset_index(drop=True)


@functools.cache
def _atop_both_directions() -> pd.DataFrame:
    spells = atop_tie_spells()[["a", "b", "start", "end", "defense", "any"]]
    both = pd.concat([spells, spells.rename(columns={"a": "b", "b": "a"})], ignore_index=True)
    return _with_pair(both).drop(columns=["a", "b"])


def atop_ties_on(a, b, dates, *, strictly_before: bool = False) -> pd.DataFrame:
    """ATOP ties between ``a`` and ``b`` in force on each date, either direction.

    Returns columns ``defense`` (a defence obligation either way) and ``any`` (any of the five),
    0/1 per query. With ``strictly_before`` the tie must be in force on the day before the
    date (entry before the date, exit not before it).
    """
    n = len(a)
    both = _atop_both_directions()
    if strictly_before:
        both = both.assign(start=both["start"] + 1)  # in force on day D-1 <=> entry < D <= exit
        found = _pair_lookup(a, b, dates, both, ["defense", "any"], "max", closed_end=True)
    else:
        found = _pair_lookup(a, b, dates, both, ["defense", "any"], "max", closed_end=False)
    return pd.DataFrame({c: np.nan_to_num(v, nan=0).astype(np.int64)
                         for c, v in found.items()}, index=np.arange(n))


@functools.cache
def _atop_directed() -> pd.DataFrame:
    return _with_pair(atop_tie_spells())


def atop_defense_directed_on(a, b, dates) -> np.ndarray:
    """1 if ``a`` owes ``b`` defence (ATOP 4.01) on each date."""
    found = _pair_lookup(a, b, dates, _atop_directed(), ["defense"], "max", closed_end=False)
    return np.nan_to_num(found["defense"], nan=0).astype(np.int64)


# ----------------------------------------------------------------------------- ATOP 5.1
@functools.cache
def atop_defense_years() -> pd.DataFrame:
    """Non-directed dyad-years (``ccode1 < ccode2``) with an ATOP 5.1 defence obligation in
    either direction (``defense``) or any obligation (``any``)."""
    t = load("atop_ddyr")
    lo = np.minimum(t["ccode1"], t["ccode2"])
    hi = np.maximum(t["ccode1"], t["ccode2"])
    flags = t[["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]]
    out = pd.DataFrame({"ccode1": lo, "ccode2": hi, "year": t["year"],
                        "defense": t["atop_defense"].to_numpy(np.int64),
                        "any": flags.max(axis=1).to_numpy(np.int64)})
    return out.groupby(["ccode1", "ccode2", "year"], as_index=False)[["defense", "any"]].max()
