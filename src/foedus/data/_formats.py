"""Reading users' full official files into the shipped column layout, and spell helpers.

Each entry of :data:`OFFICIAL_FORMATS` says how a data set's official file (as published by its
maintainers) maps onto the columns foedus ships. Column names are matched case-insensitively.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from foedus.errors import DataError


def years_to_spells(frame: pd.DataFrame, keys: Sequence[str], value: str) -> pd.DataFrame:
    """Collapse runs of consecutive years with the same value into spells (lossless).

    Parameters
    ----------
    frame : DataFrame
        Has the ``keys`` columns, ``year`` and ``value``.
    keys : sequence of str
        Columns identifying a unit (e.g. ``["ccode1", "ccode2"]``).
    value : str
        Column whose runs are collapsed.

    Returns
    -------
    DataFrame
        ``keys + ["year_start", "year_end", value]``.

    Examples
    --------
    >>> f = pd.DataFrame({"a": [1, 1, 1], "year": [2000, 2001, 2003], "d": [5.0, 5.0, 5.0]})
    >>> years_to_spells(f, ["a"], "d")[["year_start", "year_end"]].values.tolist()
    [[2000, 2001], [2003, 2003]]
    """
    keys = list(keys)
    frame = frame.sort_values([*keys, "year"], kind="mergesort").reset_index(drop=True)
    new = frame["year"].ne(frame["year"].shift() + 1) | frame[value].ne(frame[value].shift())
    for key in keys:
        new |= frame[key].ne(frame[key].shift())
    spell = new.cumsum()
    out = frame.groupby(spell, sort=False).agg(
        **{k: (k, "first") for k in keys},
        year_start=("year", "first"), year_end=("year", "last"), **{value: (value, "first")})
    return out.reset_index(drop=True)


def spells_to_years(frame: pd.DataFrame) -> pd.DataFrame:
    """Expand ``year_start``/``year_end`` spells back into one row per year.

    Examples
    --------
    >>> s = pd.DataFrame({"a": [1], "year_start": [2000], "year_end": [2002], "d": [5.0]})
    >>> spells_to_years(s)["year"].tolist()
    [2000, 2001, 2002]
    """
    lengths = (frame["year_end"] - frame["year_start"] + 1).to_numpy()
    rows = frame.loc[frame.index.repeat(lengths)].reset_index(drop=True)
    offset = np.arange(len(rows)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    rows.insert(len(rows.columns) - 1, "year", rows["year_start"].to_numpy() + offset)
    return rows.drop(columns=["year_start", "year_end"])


@dataclass(frozen=True)
class OfficialFormat:
    """How an official file maps onto the shipped columns."""

    rename: dict[str, str] = field(default_factory=dict)  # official (any case) -> shipped
    missing_codes: tuple[float, ...] = ()
    transform: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    note: str = ""


def _mindist_transform(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    lo = frame[["ccode1", "ccode2"]].min(axis=1)
    hi = frame[["ccode1", "ccode2"]].max(axis=1)
    frame["ccode1"], frame["ccode2"] = lo, hi
    frame = frame.drop_duplicates(["ccode1", "ccode2", "year"])
    return years_to_spells(frame, ["ccode1", "ccode2"], "mindist_km")


def _unga_transform(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.loc[:, [c for c in frame.columns if not str(c).startswith("Unnamed")]]
    if "year" not in frame.columns:
        frame.insert(2, "year", frame["session"] + 1945)
    return frame


def _wdi_transform(frame: pd.DataFrame) -> pd.DataFrame:
    # The datasets/gdp or datasets/population layout: Country Name, Country Code, Year, Value.
    frame = frame.rename(columns={"Country Name": "wdi_name", "Country Code": "iso3",
                                  "Year": "year"})
    gdp = frame["Value"].median() > 1e9  # GDP in US$ vs persons; a crude but clear rule
    frame = frame.rename(columns={"Value": "gdp_usd_current" if gdp else "population"})
    other = "population" if gdp else "gdp_usd_current"
    frame[other] = np.nan
    return frame[["iso3", "wdi_name", "year", "gdp_usd_current", "population"]]


ATOP_DDYR = {"statea": "ccode1", "stateb": "ccode2", "year": "year",
             **{k: f"atop_{k}" for k in ("defense", "offense", "neutral", "nonagg", "consul")}}

OFFICIAL_FORMATS: dict[str, OfficialFormat] = {
    "cow_nmc": OfficialFormat(missing_codes=(-9,), note="NMC-70-abridged.csv (or v6.0)"),
    "cow_trade": OfficialFormat(missing_codes=(-9,), note="COW National_COW_4.0.csv"),
    "cow_states": OfficialFormat(note="COW states2016.csv"),
    "cow_majors": OfficialFormat(note="COW majors2016.csv"),
    "atop_ddyr": OfficialFormat(rename=ATOP_DDYR, note="ATOP atop5_1ddyr.csv"),
    "atop_members": OfficialFormat(note="ATOP atop5_1m.csv / atop4_01m.csv"),
    "atop_alliances": OfficialFormat(note="ATOP atop5_1a.csv / atop4_01a.csv"),
    "cshapes_mindist": OfficialFormat(rename={"mindist": "mindist_km"},
                                      transform=_mindist_transform,
                                      note="dyad-year minimum distances (ccode1, ccode2, year, "
                                           "mindist)"),
    "unga_ideal_points": OfficialFormat(transform=_unga_transform,
                                        note="IdealpointestimatesAll_Jun2024.csv"),
    "wdi": OfficialFormat(transform=_wdi_transform,
                          note="datasets/gdp or datasets/population csv (one indicator)"),
    "cow_mid_dyadyears": OfficialFormat(note="directed dispute-dyad-year csv"),
}


def read_official(name: str, path: str | os.PathLike, columns: Sequence[str]) -> pd.DataFrame:
    """Read a full official file for ``name`` and return it with the shipped ``columns``."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{name}: file not found: {path}")
    fmt = OFFICIAL_FORMATS.get(name, OfficialFormat())
    if path.suffix.lower() == ".dta":
        frame = pd.read_stata(path, convert_categoricals=False)
    else:
        frame = pd.read_csv(path, low_memory=False)
    if fmt.transform is not None and name in ("wdi", "unga_ideal_points"):
        frame = fmt.transform(frame)
    wanted = {c.lower(): c for c in columns}
    renames = {}
    for column in frame.columns:
        low = str(column).lower()
        target = fmt.rename.get(low) or wanted.get(low)
        if target is not None and target not in renames.values():
            renames[column] = target
    frame = frame.rename(columns=renames)
    if fmt.transform is not None and name not in ("wdi", "unga_ideal_points"):
        frame = fmt.transform(frame)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(
            f"{name}: {path.name} lacks columns {missing}; expected the official layout "
            f"({fmt.note or 'same columns as the shipped file'})")
    frame = frame.loc[:, list(columns)]
    for code in fmt.missing_codes:
        numeric = frame.select_dtypes("number").columns
        frame[numeric] = frame[numeric].mask(frame[numeric] == code)
    return frame.reset_index(drop=True)
