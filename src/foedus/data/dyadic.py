"""Directed dyad indicators as N x N matrices (used by :func:`foedus.data.indicators.dyad_year`).

Every function takes a :class:`Context` (the states, their COW codes, the scenario year) and
the indicator name and returns ``(values, data_years)``: two N x N arrays, row = state A,
column = state B; ``NaN`` in ``values`` means "no row". All work is vectorised with numpy.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from foedus.data.registry import load

EARTH_RADIUS_KM = 6371.0
CONTIGUITY_END, MID_END, RIVALRY_END, ATOP_END = 2016, 2014, 2020, 2018
CONTIGUITY_START, MID_START, RIVALRY_START, ATOP_START = 1816, 1816, 1494, 1815
LIST_END = 2016  # COW state list v2016: members at its end count as ongoing
ATOP_FLAGS = ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]


@dataclass(frozen=True)
class Context:
    codes: list[str]
    ccodes: np.ndarray
    year: int

    @property
    def n(self) -> int:
        return len(self.codes)

    def positions(self, ccodes: pd.Series | np.ndarray) -> np.ndarray:
        """Index of each COW code among the context's states (-1 if absent)."""
        order = np.argsort(self.ccodes)
        sorted_codes = self.ccodes[order]
        values = np.asarray(ccodes, dtype=np.int64)
        found = np.searchsorted(sorted_codes, values)
        found = np.clip(found, 0, len(sorted_codes) - 1)
        hit = sorted_codes[found] == values
        return np.where(hit, order[found], -1)

    def pair_positions(self, frame: pd.DataFrame, a: str = "ccode1", b: str = "ccode2"):
        i, j = self.positions(frame[a]), self.positions(frame[b])
        keep = (i >= 0) & (j >= 0)
        return i[keep], j[keep], keep


def _full(n: int, value: float, year: int) -> tuple[np.ndarray, np.ndarray]:
    return np.full((n, n), value, dtype=float), np.full((n, n), year, dtype=np.int64)


@functools.cache
def _spells() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    states = load("cow_states")
    end = states["endyear"].to_numpy(np.int64)
    return (states["ccode"].to_numpy(np.int64), states["styear"].to_numpy(np.int64),
            np.where(end >= LIST_END, 9999, end))


def _zeros_for_members(ctx: Context, year: int, first: int) -> tuple[np.ndarray, np.ndarray]:
    """0 for pairs of COW system members in ``year``, NaN for others (absence is not 0 there).

    Before the data set's ``first`` year everything is NaN.
    """
    if year < first:
        return _full(ctx.n, np.nan, 0)
    ccode, start, end = _spells()
    alive = set(ccode[(start <= year) & (end >= year)].tolist())
    member = np.array([c in alive for c in ctx.ccodes.tolist()])
    values = np.where(member[:, None] & member[None, :], 0.0, np.nan)
    return values, np.full((ctx.n, ctx.n), year, dtype=np.int64)


def _symmetric(i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.concatenate([i, j]), np.concatenate([j, i])


@functools.lru_cache(maxsize=1)
def _contiguity() -> pd.DataFrame:
    t = load("cow_contiguity")
    t["start"] = t["stdate"].str[:4].astype(int)
    t["end"] = t["enddate"].str[:4].astype(int)
    return t[t["conttype"] > 0]


def contiguity(ctx: Context, name: str):
    """COW contiguity type in force in ``min(year, 2016)``; 0 = not contiguous."""
    eff = min(ctx.year, CONTIGUITY_END)
    values, years = _zeros_for_members(ctx, eff, CONTIGUITY_START)
    t = _contiguity()
    t = t[(t["start"] <= eff) & (t["end"] >= eff)]
    i, j, keep = ctx.pair_positions(t)
    found = np.full((ctx.n, ctx.n), 99.0)
    np.minimum.at(found, (i, j), t["conttype"].to_numpy(dtype=float)[keep])
    values = np.where(found < 99.0, found, values)
    return values, years


def _latest_spell(ctx: Context, table: pd.DataFrame, start: str, end: str, value: str):
    t = table[table[start] <= ctx.year].sort_values(start, kind="mergesort")
    values, years = _full(ctx.n, np.nan, 0)
    i, j, keep = ctx.pair_positions(t)
    v = t[value].to_numpy(dtype=float)[keep]
    y = np.minimum(t[end].to_numpy(dtype=np.int64)[keep], ctx.year)
    i, j = _symmetric(i, j)
    values[i, j] = np.concatenate([v, v])  # later (sorted) spells overwrite earlier ones
    years[i, j] = np.concatenate([y, y])
    return values, years


@functools.lru_cache(maxsize=1)
def _mindist() -> pd.DataFrame:
    return load("cshapes_mindist").sort_values("year_start", kind="mergesort")


def mindist(ctx: Context, name: str):
    """CShapes minimum distance (km) in the latest spell starting at or before ``year``."""
    return _latest_spell(ctx, _mindist(), "year_start", "year_end", "mindist_km")


@functools.lru_cache(maxsize=1)
def _capitals() -> pd.DataFrame:
    t = load("cow_capitals")
    t["start"] = t["stdate"].str[:4].astype(int)
    t["end"] = t["enddate"].str[:4].astype(int)
    return t.sort_values(["start", "stdate"], kind="mergesort")


def capital_distance(ctx: Context, name: str):
    """Great-circle distance between capitals (haversine, R = 6371.0 km)."""
    t = _capitals()
    t = t[t["start"] <= ctx.year]
    pos = ctx.positions(t["ccode"])
    t, pos = t[pos >= 0], pos[pos >= 0]
    lat, lng = np.full(ctx.n, np.nan), np.full(ctx.n, np.nan)
    last = np.zeros(ctx.n, dtype=np.int64)
    lat[pos] = np.radians(t["lat"].to_numpy())  # sorted by start: the latest capital wins
    lng[pos] = np.radians(t["lng"].to_numpy())
    last[pos] = np.minimum(t["end"].to_numpy(), ctx.year)
    dlat = lat[:, None] - lat[None, :]
    dlng = lng[:, None] - lng[None, :]
    h = np.sin(dlat / 2) ** 2 + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.sin(dlng / 2) ** 2
    values = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return values, np.minimum(last[:, None], last[None, :])


@functools.lru_cache(maxsize=1)
def _ideal_points() -> pd.DataFrame:
    t = load("unga_ideal_points")
    return t.pivot_table(index="year", columns="ccode", values="IdealPointAll", aggfunc="first")


def unga_distance(ctx: Context, name: str):
    """|ideal point A - ideal point B| in the latest session year <= year where both voted."""
    wide = _ideal_points()
    wide = wide.loc[wide.index <= ctx.year].reindex(columns=ctx.ccodes)
    points = wide.to_numpy(dtype=float)
    values, years = _full(ctx.n, np.nan, 0)
    if points.shape[0] == 0:
        return values, years
    both = ~np.isnan(points)[:, :, None] & ~np.isnan(points)[:, None, :]
    t_last = points.shape[0] - 1 - np.argmax(both[::-1], axis=0)
    has = both.any(axis=0)
    cols = np.arange(ctx.n)
    a = points[t_last, cols[:, None]]
    b = points[t_last, cols[None, :]]
    values = np.where(has, np.abs(a - b), np.nan)
    years = np.where(has, wide.index.to_numpy()[t_last], 0)
    return values, years


#: Windows (years) of the case-relative dispute counts: they end in the last complete year
#: before the case that the MID data cover (see ``docs/models/interests.md``).
PRIOR_WINDOWS = {"mid_count_prior_10y": 10, "mid_count_prior_20y": 20}


def mid_window(name: str, year: int) -> tuple[int, int]:
    """First and last year of the window of MID-count indicator ``name`` for a case in ``year``.

    ``mid_count_10y``: the ten years ending ``min(year, 2014)``; ``mid_count_since_1946``: 1946
    to ``min(year, 2014)``; ``mid_count_prior_<W>y``: the ``W`` years ending
    ``E = min(year - 1, 2014)``, the last complete year before the case that MID 5.0 covers.

    Examples
    --------
    >>> mid_window("mid_count_prior_20y", 2024), mid_window("mid_count_prior_10y", 1914)
    ((1995, 2014), (1904, 1913))
    """
    if name in PRIOR_WINDOWS:
        last = min(year - 1, MID_END)
        return last - PRIOR_WINDOWS[name] + 1, last
    last = min(year, MID_END)
    return (last - 9 if name == "mid_count_10y" else 1946), last


@functools.lru_cache(maxsize=1)
def _mid_arrays() -> tuple[np.ndarray, np.ndarray]:
    """Year and (pair, dispute) key of every directed dispute-dyad-year."""
    t = load("cow_mid_dyadyears")
    key = (t["ccode1"].to_numpy(np.int64) * 1000 + t["ccode2"].to_numpy(np.int64)) * 10000 \
        + t["dispnum"].to_numpy(np.int64)
    return t["year"].to_numpy(np.int64), key


def mid_count(ctx: Context, name: str):
    """Distinct MIDs between A and B ongoing in the indicator's window (:func:`mid_window`)."""
    first, eff = mid_window(name, ctx.year)
    if eff < first or eff < MID_START:
        return _full(ctx.n, np.nan, 0)
    values, years = _zeros_for_members(ctx, eff, MID_START)
    year, key = _mid_arrays()
    pair = np.unique(key[(year >= first) & (year <= eff)]) // 10000   # one per (pair, dispute)
    i, j = ctx.positions(pair // 1000), ctx.positions(pair % 1000)
    keep = (i >= 0) & (j >= 0)
    i, j = i[keep], j[keep]
    counts = np.zeros((ctx.n, ctx.n))
    np.add.at(counts, (i, j), 1.0)
    return np.where(counts > 0, counts, values), years


@functools.lru_cache(maxsize=1)
def _rivalries() -> pd.DataFrame:
    return load("rivalries_tss")[["ccode1", "ccode2", "start", "end"]]


def rivalry(ctx: Context, name: str):
    """1 if a Thompson-Sakuwa-Suhas strategic rivalry is active in ``min(year, 2020)``."""
    eff = min(ctx.year, RIVALRY_END)
    values, years = _zeros_for_members(ctx, eff, RIVALRY_START)
    t = _rivalries()
    t = t[(t["start"] <= eff) & (t["end"] >= eff)]
    i, j, _ = ctx.pair_positions(t)
    i, j = _symmetric(i, j)
    values[i, j] = 1.0
    return values, years


@functools.lru_cache(maxsize=1)
def _atop() -> pd.DataFrame:
    t = load("atop_ddyr")
    t["any"] = t[ATOP_FLAGS].max(axis=1)
    return t


def atop_flag(ctx: Context, name: str):
    """Directed ATOP 5.1 obligation of A toward B in ``min(year, 2018)``; 0 if none."""
    eff = min(ctx.year, ATOP_END)
    values, years = _zeros_for_members(ctx, eff, ATOP_START)
    t = _atop_by_year().get(eff, _atop().iloc[:0])
    i, j, keep = ctx.pair_positions(t)
    values[i, j] = t[name].to_numpy(dtype=float)[keep]
    return values, years


@functools.lru_cache(maxsize=1)
def _atop_by_year() -> dict[int, pd.DataFrame]:
    return {int(year): group for year, group in _atop().groupby("year")}


@functools.lru_cache(maxsize=1)
def _atop_any() -> pd.DataFrame:
    t = _atop()
    return t.loc[t["any"] > 0, ["ccode1", "ccode2", "year"]]


def atop_years(ctx: Context, name: str):
    """Number of years up to ``min(year, 2018)`` with any ATOP obligation of A toward B."""
    eff = min(ctx.year, ATOP_END)
    values, years = _zeros_for_members(ctx, eff, ATOP_START)
    t = _atop_any()
    t = t[t["year"] <= eff]
    i, j, _ = ctx.pair_positions(t)
    counts = np.zeros((ctx.n, ctx.n))
    np.add.at(counts, (i, j), 1.0)
    return np.where(counts > 0, counts, values), years


def _trade(ctx: Context, name: str):
    from foedus.data import trade

    return trade.bilateral(ctx, name)


def _trade_unit(ctx: Context) -> np.ndarray:
    from foedus.data import trade

    return trade.units(ctx)


INDICATORS = {
    "contiguity": (contiguity, "COW contiguity type (0 none, 1 land/river .. 5 <=400 mi water)",
                   "cow_contiguity"),
    "mindist_km": (mindist, "km", "cshapes_mindist"),
    "capital_distance_km": (capital_distance, "km", "cow_capitals"),
    "unga_idealpoint_distance": (unga_distance, "ideal-point units", "unga_ideal_points"),
    "mid_count_10y": (mid_count, "disputes", "cow_mid_dyadyears"),
    "mid_count_since_1946": (mid_count, "disputes", "cow_mid_dyadyears"),
    "mid_count_prior_10y": (mid_count, "disputes", "cow_mid_dyadyears"),
    "mid_count_prior_20y": (mid_count, "disputes", "cow_mid_dyadyears"),
    "rivalry": (rivalry, "0/1", "rivalries_tss"),
    **{flag: (atop_flag, "0/1", "atop_ddyr") for flag in ATOP_FLAGS},
    "atop_years_allied": (atop_years, "years", "atop_ddyr"),
    "trade_exports_a_to_b": (_trade, _trade_unit, "china_trade_monthly"),
    "trade_imports_a_from_b": (_trade, _trade_unit, "china_trade_monthly"),
    "trade_exports_a_to_b_share_total": (_trade, "fraction of A's total exports",
                                         "china_trade_monthly+cow_trade"),
    "trade_share_gdp": (_trade, "fraction of A's GDP", "china_trade_monthly+wdi"),
}
