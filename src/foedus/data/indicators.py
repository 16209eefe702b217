"""State-year and dyad-year indicators from the shipped data, for the states of a scenario.

The rule for time: a scenario's date selects its year; each indicator takes the **latest data
year not after that year** for which it has a value, and reports that year in ``data_year``
(so a 2024 scenario gets NMC values from 2022 and sees ``data_year == 2022``). Nothing is
interpolated or carried forward silently.

Dyadic indicators whose data set lists only positive cases (contiguity, ATOP obligations,
disputes, rivalries) are 0 for a pair of COW system members not listed, inside the data set's
years; their ``data_year`` is ``min(year, last year of the data set)``. A pair with a state
outside the COW system in that year (e.g. Japan 1945-1951) gets no such 0 row.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import date

import numpy as np
import pandas as pd

from foedus.data import dyadic
from foedus.data.crosswalk import iso3s_to_ccodes, normalise_iso3
from foedus.data.registry import _check_name, load
from foedus.errors import DataError

STATE_COLUMNS = ["iso3", "ccode", "indicator", "value", "unit", "data_year", "source"]
DYAD_COLUMNS = ["iso3_a", "iso3_b", "indicator", "value", "unit", "data_year", "source"]

# source data set -> (key column, {indicator: (column, unit)})
STATE_SOURCES: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {
    "cow_nmc": ("ccode", {
        "nmc_milex": ("milex", "thousands of current US$"),
        "nmc_milper": ("milper", "thousands of personnel"),
        "nmc_irst": ("irst", "thousands of tons"),
        "nmc_pec": ("pec", "thousands of coal-ton equivalents"),
        "nmc_tpop": ("tpop", "thousands of people"),
        "nmc_upop": ("upop", "thousands of people"),
        "nmc_cinc": ("cinc", "share of system capabilities (0-1)"),
    }),
    "sipri_milex": ("iso3", {
        "sipri_milex_usd_const2023": ("milex_const2023_usd_m", "millions of constant 2023 US$"),
        "sipri_milex_usd_current": ("milex_current_usd_m", "millions of current US$"),
        "sipri_milex_share_gdp": ("milex_share_gdp", "fraction of GDP"),
    }),
    "wdi": ("iso3", {
        "wdi_gdp_usd_current": ("gdp_usd_current", "current US$"),
        "wdi_population": ("population", "people"),
    }),
    "fariss_gdppop": ("ccode", {
        "fariss_gdp": ("pwtrgdp", "millions of 2017 international $ (PPP)"),
        "fariss_gdppc": ("mrgdppc", "2011 international $ (PPP) per person"),
        "fariss_population": ("pwtpop", "millions of people"),
    }),
    "democracy": ("ccode", {
        "democracy_polity2": ("polity2", "Polity5 score, -10..10"),
        "democracy_v2x_polyarchy": ("v2x_polyarchy", "V-Dem index, 0-1"),
        "democracy_euds": ("euds", "extended UDS (latent)"),
        "democracy_aeuds": ("aeuds", "extended UDS, 0 = democracy cut-point"),
    }),
    "cow_trade": ("ccode", {
        "cowtrade_imports": ("imports", "millions of current US$"),
        "cowtrade_exports": ("exports", "millions of current US$"),
    }),
    "nuclear_stockpiles": ("ccode", {
        "nuclear_stockpile": ("stockpile", "nuclear warheads in the stockpile (FAS)"),
        "nuclear_weapons": ("nuclear_weapons", "1 = holds a nuclear stockpile"),
    }),
    # derived from cow_nmc, sipri_milex and fariss_gdppop (foedus.interests.capability)
    "capability": ("ccode", {
        "capability_milex": ("milex", "share of system military expenditure (0-1)"),
        "capability_milstock": ("milstock", "share of system military capital stock (0-1)"),
        "capability_nmc_weighted": ("nmc_weighted", "outcome-weighted NMC share (0-1)"),
        "capability_gdp_gdppc": ("gdp_gdppc", "share of system GDP x GDP per capita (0-1)"),
    }),
}
#: State sources computed from shipped data sets rather than shipped as a file.
DERIVED_STATE_SOURCES = ("capability",)
STATE_INDICATORS = [i for _, specs in STATE_SOURCES.values() for i in specs]


def _as_year(year) -> int:
    """Accept an int, a ``date``/``datetime``/``Timestamp`` or an ISO date string."""
    if isinstance(year, str):
        return date.fromisoformat(year[:10]).year
    value = getattr(year, "year", year)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise DataError(f"year must be an integer year or a date, got {year!r}")
    return int(value)


def _resolve(iso3s: Sequence[str], year: int) -> tuple[list[str], list[int]]:
    if isinstance(iso3s, str):
        iso3s = [iso3s]
    codes = list(dict.fromkeys(normalise_iso3(c) for c in iso3s))
    ccodes = iso3s_to_ccodes(codes, year)
    seen: dict[int, str] = {}
    for code, ccode in zip(codes, ccodes, strict=True):
        if ccode in seen:
            raise DataError(f"{seen[ccode]} and {code} both denote COW state {ccode}; pass one")
        seen[ccode] = code
    return codes, ccodes


def _select(iso3s: Sequence[str] | None, known: Sequence[str], kind: str) -> list[str]:
    if iso3s is None:
        return list(known)
    chosen = [iso3s] if isinstance(iso3s, str) else list(iso3s)
    unknown = [i for i in chosen if i not in known]
    if unknown:
        raise DataError(f"unknown {kind} indicator(s) {unknown}; valid: {', '.join(known)}")
    return chosen


@functools.cache
def _long_state_table(source: str) -> pd.DataFrame:
    key, specs = STATE_SOURCES[source]
    if source == "capability":
        from foedus.interests.capability import shipped_panel

        table = shipped_panel()
    else:
        table = load(source)
    frames = []
    for indicator, (column, unit) in specs.items():
        part = table[[key, "year", column]].dropna(subset=[column])
        frames.append(pd.DataFrame({
            "key": part[key].to_numpy(), "year": part["year"].to_numpy(dtype=np.int64),
            "indicator": indicator, "value": part[column].to_numpy(dtype=float), "unit": unit}))
    return pd.concat(frames, ignore_index=True).sort_values(["year"], kind="mergesort")


def state_year(iso3s: Sequence[str], year, *, indicators: Sequence[str] | None = None
               ) -> pd.DataFrame:
    """Country indicators for ``iso3s`` at the latest data year not after ``year``.

    Parameters
    ----------
    iso3s : sequence of str
        ISO3 codes (any case).
    year : int or date
        Scenario year (a ``date`` or ISO date string is reduced to its year).
    indicators : sequence of str, optional
        Subset of :data:`STATE_INDICATORS` (default: all).

    Returns
    -------
    DataFrame
        Tidy, one row per (iso3, indicator) with a value: ``iso3, ccode, indicator, value,
        unit, data_year, source``. A state with no value in any year up to ``year`` has no row
        for that indicator (e.g. North Korea in SIPRI, Taiwan in WDI).

    Examples
    --------
    >>> from foedus.data.indicators import state_year
    >>> t = state_year(["USA", "TWN"], 2024, indicators=["nmc_cinc", "wdi_population"])
    >>> t[["iso3", "indicator", "data_year"]].values.tolist()
    [['USA', 'nmc_cinc', 2022], ['USA', 'wdi_population', 2024], ['TWN', 'nmc_cinc', 2022]]
    """
    year = _as_year(year)
    wanted = _select(indicators, STATE_INDICATORS, "state")
    codes, ccodes = _resolve(iso3s, year)
    frames = []
    for source, (key, specs) in STATE_SOURCES.items():
        if not any(i in wanted for i in specs):
            continue
        table = _long_state_table(source)
        keys = codes if key == "iso3" else ccodes
        part = table[table["key"].isin(keys) & (table["year"] <= year)
                     & table["indicator"].isin(wanted)]
        part = part.drop_duplicates(["key", "indicator"], keep="last")
        to_iso3 = dict(zip(keys, codes, strict=True))
        frames.append(pd.DataFrame({
            "iso3": part["key"].map(to_iso3).to_numpy(), "indicator": part["indicator"].to_numpy(),
            "value": part["value"].to_numpy(), "unit": part["unit"].to_numpy(),
            "data_year": part["year"].to_numpy(), "source": source}))
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=STATE_COLUMNS)
    out["ccode"] = out["iso3"].map(dict(zip(codes, ccodes, strict=True)))
    order = {c: i for i, c in enumerate(codes)}
    rank = {c: i for i, c in enumerate(wanted)}
    out = out.assign(_a=out["iso3"].map(order), _b=out["indicator"].map(rank))
    out = out.sort_values(["_a", "_b"]).drop(columns=["_a", "_b"]).reset_index(drop=True)
    out["ccode"] = out["ccode"].astype("int64")
    out["data_year"] = out["data_year"].astype("int64")
    return out[STATE_COLUMNS]


DYAD_INDICATORS: dict[str, tuple[Callable, str, str]] = dyadic.INDICATORS


def dyad_year(iso3s: Sequence[str], year, *, indicators: Sequence[str] | None = None
              ) -> pd.DataFrame:
    """Directed dyad indicators for every ordered pair of ``iso3s`` (a != b).

    Parameters
    ----------
    iso3s : sequence of str
        ISO3 codes (any case).
    year : int or date
        Scenario year.
    indicators : sequence of str, optional
        Subset of ``DYAD_INDICATORS`` (default: all): ``contiguity``, ``mindist_km``,
        ``capital_distance_km``, ``unga_idealpoint_distance``, ``mid_count_10y``,
        ``mid_count_since_1946``, ``mid_count_prior_10y``, ``mid_count_prior_20y`` (the
        10 or 20 complete years before ``year`` that MID 5.0 covers), ``rivalry``, ``atop_defense``, ``atop_offense``,
        ``atop_neutral``, ``atop_nonagg``, ``atop_consul``, ``atop_years_allied``, and the
        China bilateral trade indicators ``trade_exports_a_to_b``, ``trade_imports_a_from_b``,
        ``trade_exports_a_to_b_share_total``, ``trade_share_gdp`` (US, Japan, South Korea with
        China only; see ``docs/data.md``).

    Returns
    -------
    DataFrame
        Tidy, directed: ``iso3_a, iso3_b, indicator, value, unit, data_year, source``.

    Examples
    --------
    >>> from foedus.data.indicators import dyad_year
    >>> t = dyad_year(["USA", "JPN"], 1960, indicators=["atop_defense"])
    >>> t[["iso3_a", "iso3_b", "value"]].values.tolist()
    [['USA', 'JPN', 1.0], ['JPN', 'USA', 0.0]]
    """
    year = _as_year(year)
    wanted = _select(indicators, list(DYAD_INDICATORS), "dyad")
    codes, ccodes = _resolve(iso3s, year)
    n = len(codes)
    a_idx, b_idx = np.nonzero(~np.eye(n, dtype=bool))
    context = dyadic.Context(codes=codes, ccodes=np.asarray(ccodes, dtype=np.int64), year=year)
    iso = np.asarray(codes, dtype=object)
    frames = []
    for name in wanted:
        function, unit, source = DYAD_INDICATORS[name]
        values, years = function(context, name)
        values, years = values[a_idx, b_idx], years[a_idx, b_idx]
        keep = ~np.isnan(values)
        if not keep.any():
            continue
        units = unit if not callable(unit) else unit(context)[a_idx, b_idx][keep]
        frames.append(pd.DataFrame({
            "iso3_a": iso[a_idx[keep]], "iso3_b": iso[b_idx[keep]], "indicator": name,
            "value": values[keep], "unit": units, "data_year": years[keep].astype(np.int64),
            "source": source}))
    if not frames:
        return pd.DataFrame(columns=DYAD_COLUMNS)
    return pd.concat(frames, ignore_index=True)[DYAD_COLUMNS]


ATOP_V4_END = 2016  # ATOP 4.01: yrexit/endyr 0 = still in force at the end of the data


def _atop_v4_last(start: str, end: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda t: pd.concat([t[start], t[end].replace(0, ATOP_V4_END)])


def _date_year(column: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda t: t[column].str[:4].astype(int)


LAST_YEAR: dict[str, Callable[[pd.DataFrame], pd.Series]] = {
    "cow_states": lambda t: t["endyear"], "cow_majors": lambda t: t["endyear"],
    "cow_iso3": lambda t: t["last_year"],
    "atop_members": _atop_v4_last("yrent", "yrexit"),
    "atop_alliances": _atop_v4_last("begyr", "endyr"),
    "cow_mid_disputes": lambda t: t["styear"], "cshapes_mindist": lambda t: t["year_end"],
    "rivalries_tss": lambda t: t["end"], "rivalries_td": lambda t: t["endyear"],
    "china_trade_monthly": _date_year("month"), "cow_contiguity": _date_year("enddate"),
    "cow_capitals": _date_year("enddate"),
}


def latest_year(name: str) -> int:
    """Last year with data in a shipped data set.

    Examples
    --------
    >>> from foedus.data.indicators import latest_year
    >>> latest_year("cow_nmc"), latest_year("atop_ddyr"), latest_year("sipri_milex")
    (2022, 2018, 2024)
    """
    _check_name(name)
    table = load(name)
    if name in LAST_YEAR:
        return int(LAST_YEAR[name](table).max())
    if "year" not in table.columns:
        raise DataError(f"{name} has no year column (it is not a time series)")
    return int(table["year"].max())
