"""Bilateral trade indicators from the only bilateral data shipped: US, Japan and South Korea
goods trade with China, 2001-2019 (reporter-side national statistics).

* Years are calendar years with all 12 months reported (monthly values summed).
* ``A -> CHN`` values are the reporter's own figures; ``CHN -> A`` values mirror them (China's
  exports to the US = US imports from China as recorded by the US Census Bureau).
* Units: the US reports million US$, Korea thousand US$ (converted here to million US$), Japan
  thousand yen (kept in yen: no exchange rate is shipped, so no shares for Japan pairs).
* ``trade_exports_a_to_b_share_total`` divides by A's total exports in COW Trade 4.0 (to
  2014); ``trade_share_gdp`` divides A's exports + imports with B by A's WDI GDP (current US$).
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from foedus.data.registry import load

USD_MILLION = "millions of current US$"
JPY_THOUSAND = "thousands of current JPY"
TO_MILLION_USD = {"million USD (current)": 1.0, "thousand USD (current)": 1e-3}
COW = {"USA": 2, "JPN": 740, "KOR": 732, "CHN": 710}


@functools.lru_cache(maxsize=1)
def annual() -> pd.DataFrame:
    """Directed annual table: iso3_a, iso3_b, year, exports, imports, unit, usd (bool)."""
    t = load("china_trade_monthly")
    t["year"] = t["month"].str[:4].astype(int)
    g = t.groupby(["reporter_iso3", "year"]).agg(
        months=("month", "size"), exports=("exports_to_china", "sum"),
        imports=("imports_from_china", "sum"), unit=("unit", "first")).reset_index()
    g = g[g["months"] == 12]
    factor = g["unit"].map(TO_MILLION_USD)
    g["usd"] = factor.notna()
    g["exports"] = np.where(g["usd"], g["exports"] * factor, g["exports"])
    g["imports"] = np.where(g["usd"], g["imports"] * factor, g["imports"])
    g["unit"] = np.where(g["usd"], USD_MILLION, JPY_THOUSAND)
    out = g.rename(columns={"reporter_iso3": "iso3_a"}).assign(iso3_b="CHN")
    mirror = out.rename(columns={"iso3_a": "iso3_b", "iso3_b": "iso3_a",
                                 "exports": "imports", "imports": "exports"})
    cols = ["iso3_a", "iso3_b", "year", "exports", "imports", "unit", "usd"]
    return pd.concat([out[cols], mirror[cols]], ignore_index=True).sort_values("year")


@functools.lru_cache(maxsize=1)
def _first_year() -> int:
    return int(annual()["year"].min())


def _with_denominator(table: pd.DataFrame, name: str) -> pd.DataFrame:
    table = table[table["usd"]]
    if name == "trade_exports_a_to_b_share_total":
        cow = load("cow_trade")
        cow = cow.assign(iso3_a=cow["ccode"].map({v: k for k, v in COW.items()}))
        table = table.merge(cow[["iso3_a", "year", "exports"]].dropna(), on=["iso3_a", "year"],
                            suffixes=("", "_total"))
        return table.assign(value=table["exports"] / table["exports_total"])
    wdi = load("wdi")[["iso3", "year", "gdp_usd_current"]].dropna()
    table = table.merge(wdi.rename(columns={"iso3": "iso3_a"}), on=["iso3_a", "year"])
    return table.assign(value=(table["exports"] + table["imports"]) * 1e6
                        / table["gdp_usd_current"])


def _rows(ctx, name: str) -> pd.DataFrame:
    table = annual()
    if ctx.year < _first_year() or not set(COW).intersection(ctx.codes):
        return table.iloc[:0].assign(value=pd.Series(dtype=float))
    table = table[table["iso3_a"].isin(ctx.codes) & table["iso3_b"].isin(ctx.codes)
                  & (table["year"] <= ctx.year)]
    if table.empty:
        return table.assign(value=pd.Series(dtype=float))
    if name == "trade_exports_a_to_b":
        table = table.assign(value=table["exports"])
    elif name == "trade_imports_a_from_b":
        table = table.assign(value=table["imports"])
    else:
        table = _with_denominator(table, name)
    return table.sort_values("year").drop_duplicates(["iso3_a", "iso3_b"], keep="last")


def _positions(ctx, rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    where = {code: k for k, code in enumerate(ctx.codes)}
    return rows["iso3_a"].map(where).to_numpy(int), rows["iso3_b"].map(where).to_numpy(int)


def bilateral(ctx, name: str) -> tuple[np.ndarray, np.ndarray]:
    """N x N values and data years for one trade indicator (NaN where no data)."""
    values = np.full((ctx.n, ctx.n), np.nan)
    years = np.zeros((ctx.n, ctx.n), dtype=np.int64)
    rows = _rows(ctx, name)
    if rows.empty:
        return values, years
    i, j = _positions(ctx, rows)
    values[i, j] = rows["value"].to_numpy(float)
    years[i, j] = rows["year"].to_numpy()
    return values, years


def units(ctx) -> np.ndarray:
    """N x N units of the level indicators (million US$ or thousand JPY)."""
    out = np.full((ctx.n, ctx.n), USD_MILLION, dtype=object)
    rows = _rows(ctx, "trade_exports_a_to_b")
    if rows.empty:
        return out
    i, j = _positions(ctx, rows)
    out[i, j] = rows["unit"].to_numpy(object)
    return out
