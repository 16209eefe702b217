"""Rebuild foedus's package data from the original files in ``../shared/data``.

Usage (from the repository root)::

    python data-raw/build_package_data.py            # every data set
    python data-raw/build_package_data.py cow_nmc    # one or more by name
    python data-raw/build_package_data.py --out DIR  # write elsewhere (determinism check)

Reads ``<repo>/../shared/data`` (relative to this file), writes
``src/foedus/data/files/<name>.csv.gz`` and ``<name>.yaml`` for every data set. Output is
deterministic: rows sorted by the key columns, gzip with ``mtime=0`` and no file name, so a
rebuild is byte-identical. Needs pandas, pyyaml and pycountry.
"""

from __future__ import annotations

import gzip
import io
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT / ".." / "shared" / "data"
OUT = ROOT / "src" / "foedus" / "data" / "files"

sys.path.insert(0, str(HERE))
from build_crosswalk import build_crosswalk
from metadata import DESCRIPTIONS

sys.path.insert(0, str(ROOT / "src"))
from foedus.data._formats import years_to_spells


def read(rel: str, **kwargs) -> pd.DataFrame:
    return pd.read_csv(SHARED / rel, **kwargs)


def integral_to_int(frame: pd.DataFrame) -> pd.DataFrame:
    """Store whole-number float columns as nullable integers (``1.0`` -> ``1``)."""
    frame = frame.copy()
    for column in frame.columns:
        values = frame[column]
        if values.dtype.kind == "f":
            finite = values.dropna()
            if len(finite) and np.all(np.mod(finite, 1) == 0) and finite.abs().max() < 2**53:
                frame[column] = values.astype("Int64")
    return frame


def write_csv_gz(frame: pd.DataFrame, path: Path) -> None:
    text = frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(text)
    path.write_bytes(buffer.getvalue())


# ---------------------------------------------------------------- one builder per data set
def nmc() -> pd.DataFrame:
    return read("cow_nmc/nmc_v7_0.csv")


def wdi() -> pd.DataFrame:
    import pycountry

    gdp = read("wdi_gdp_population/wdi_gdp_current_usd.csv")
    pop = read("wdi_gdp_population/wdi_population_total.csv")
    cols = {"Country Name": "wdi_name", "Country Code": "iso3", "Year": "year"}
    gdp = gdp.rename(columns={**cols, "Value": "gdp_usd_current"})
    pop = pop.rename(columns={**cols, "Value": "population"})
    both = gdp.merge(pop, on=["iso3", "year"], how="outer", suffixes=("", "_pop"))
    both["wdi_name"] = both["wdi_name"].fillna(both.pop("wdi_name_pop"))
    keep = both["iso3"].map(lambda c: c == "XKX" or pycountry.countries.get(alpha_3=c) is not None)
    return both.loc[keep, ["iso3", "wdi_name", "year", "gdp_usd_current", "population"]]


def atop_alliances() -> pd.DataFrame:
    frame = read("atop/atop_v4_01_alliance.csv")
    added = ["hinst", "minst", "milorg", "milinst", "pubtreat", "formorg", "formal"]
    frame = frame.drop(columns=added)
    frame["version"] = 4.01  # stored as 4.0100002 (float32 round trip) in the replication copy
    return frame


def sipri() -> pd.DataFrame:
    """The shared subset, with two corrections documented in the description's caveats."""
    frame = read("sipri_milex/sipri_milex_indopacific_subset_1988_2024.csv")
    # 0.0 in the current-US$ column (North Korea 1988-2014, Russia 1988-1990 and 1992) stands
    # where SIPRI has no figure: the constant-price and share columns are empty in those rows.
    frame["milex_current_usd_m"] = frame["milex_current_usd_m"].mask(
        frame["milex_current_usd_m"] == 0)
    # North Korea: SIPRI publishes no figures; the subset's current-US$ column alone has values
    # for 2015-2018 (no constant-price or share values) - not SIPRI data we can vouch for.
    frame.loc[frame["iso3"] == "PRK", "milex_current_usd_m"] = np.nan
    return frame


def mindist() -> pd.DataFrame:
    frame = read("cshapes_mindist/cow_mindist.csv.gz").rename(columns={"mindist": "mindist_km"})
    return years_to_spells(frame, ["ccode1", "ccode2"], "mindist_km")


def unga() -> pd.DataFrame:
    frame = read("unga_ideal_points/ideal_points_all_jun2024.csv.gz")
    frame.insert(2, "year", frame["session"] + 1945)
    return frame


#: COW codes of the states in the FAS stockpile series (names as the OWID file spells them).
NUCLEAR_CCODES = {"United States": 2, "United Kingdom": 200, "France": 220, "Russia": 365,
                  "South Africa": 560, "Israel": 666, "China": 710, "North  Korea": 731,
                  "India": 750, "Pakistan": 770}


def nuclear_stockpiles() -> pd.DataFrame:
    """FAS warhead stockpiles 1945-2023 (OWID's compilation), stored in ``data-raw/raw``.

    The copy in ``data-raw/raw`` is the country rows of the stored file (the "World" total
    rows are left out); a name without a COW code is an error, not a silent drop.
    """
    frame = pd.read_csv(HERE / "raw" / "owid_fas_nuclear_stockpiles.csv")
    unknown = sorted(set(frame["country_name"]) - set(NUCLEAR_CCODES))
    if unknown:
        raise ValueError(f"nuclear_stockpiles: no COW code for {unknown}")
    frame.insert(0, "ccode", frame["country_name"].map(NUCLEAR_CCODES))
    frame = frame.rename(columns={"nuclear_weapons_stockpile": "stockpile"})
    frame["country_name"] = frame["country_name"].str.replace(r"\s+", " ", regex=True)
    frame["nuclear_weapons"] = (frame["stockpile"] > 0).astype(int)
    return frame[["ccode", "country_name", "year", "stockpile", "nuclear_weapons"]]


BUILDERS: dict[str, tuple[Callable[[], pd.DataFrame], list[str]]] = {
    "cow_nmc": (nmc, ["ccode", "year"]),
    "cow_states": (lambda: read("cow_states/cow_states_2016.csv"), ["ccode", "styear"]),
    "cow_majors": (lambda: read("cow_states/cow_majors_2016.csv"), ["ccode", "styear"]),
    "cow_iso3": (lambda: build_crosswalk(SHARED), ["ccode"]),
    "atop_ddyr": (lambda: read("atop/atop_v5_1_ddyr.csv.gz"), ["ccode1", "ccode2", "year"]),
    "atop_members": (lambda: read("atop/atop_v4_01_member.csv"), ["atopid", "member", "phase",
                                                                  "yrent"]),
    "atop_alliances": (atop_alliances, ["atopid"]),
    "alliance_depth": (lambda: read("alliance_depth_benson_clinton/benson_clinton_scores.csv"),
                       ["atopid"]),
    "sipri_milex": (sipri, ["iso3", "year"]),
    "wdi": (wdi, ["iso3", "year"]),
    "fariss_gdppop": (lambda: read("gdp_pop_simulated/cw_gdppop.csv"), ["ccode", "year"]),
    "democracy": (lambda: read("democracy/cw_democracy.csv"), ["ccode", "year"]),
    "cow_trade": (lambda: read("cow_trade/cow_trade_national_v4.csv"), ["ccode", "year"]),
    "china_trade_monthly": (
        lambda: read("china_bilateral_trade_monthly/us_jp_kr_china_trade_monthly_2001_2019.csv"),
        ["reporter_iso3", "month"]),
    "cow_contiguity": (lambda: read("cow_contiguity/cow_contdir_v3_2.csv"),
                       ["ccode1", "ccode2", "stdate"]),
    "cow_mid_dyadyears": (lambda: read("cow_mid/cow_mid_dirdisps_v5.csv"),
                          ["ccode1", "ccode2", "year", "dispnum"]),
    "cow_mid_disputes": (lambda: read("cow_mid/cow_mid_disps_v5.csv"), ["dispnum"]),
    "cshapes_mindist": (mindist, ["ccode1", "ccode2", "year_start"]),
    "cow_capitals": (lambda: read("cow_capitals/cow_capitals.csv"), ["ccode", "stdate"]),
    "rivalries_tss": (lambda: read("rivalries/tss_rivalries.csv"), ["tssr_id"]),
    "rivalries_td": (lambda: read("rivalries/td_rivalries.csv"), ["rivalryno"]),
    "unga_ideal_points": (unga, ["ccode", "session"]),
    "nuclear_stockpiles": (nuclear_stockpiles, ["ccode", "year"]),
}

YEAR_COLUMNS = {  # how coverage is computed: (first-year column, last-year column)
    "cow_states": ("styear", "endyear"), "cow_majors": ("styear", "endyear"),
    "cow_iso3": ("first_year", "last_year"), "atop_members": ("yrent", "yrent"),
    "atop_alliances": ("begyr", "begyr"), "cow_mid_disputes": ("styear", "styear"),
    "cshapes_mindist": ("year_start", "year_end"), "rivalries_tss": ("start", "end"),
    "rivalries_td": ("styear", "endyear"),
}


def coverage(name: str, frame: pd.DataFrame) -> str:
    if name == "alliance_depth":
        return f"{frame['atopid'].nunique()} ATOP alliances"
    if name == "china_trade_monthly":
        return f"{frame['month'].min()} to {frame['month'].max()}"
    if name in ("cow_contiguity", "cow_capitals"):
        return f"{frame['stdate'].min()[:4]}-{frame['enddate'].max()[:4]}"
    first, last = YEAR_COLUMNS.get(name, ("year", "year"))
    years = pd.concat([frame[first], frame[last]])
    years = years[years > 0]
    return f"{int(years.min())}-{int(years.max())}"


def build_one(name: str, out: Path = OUT) -> Path:
    builder, keys = BUILDERS[name]
    frame = builder()
    frame = frame.sort_values(keys, kind="mergesort").reset_index(drop=True)
    if frame.duplicated(keys).any():
        raise ValueError(f"{name}: duplicate keys {keys}")
    frame = integral_to_int(frame)
    path = out / f"{name}.csv.gz"
    write_csv_gz(frame, path)
    meta = dict(DESCRIPTIONS[name])
    description = {
        "name": name,
        "title": meta["title"],
        "version": meta["version"],
        "source": meta["source"],
        "citation": meta["citation"],
        "terms": meta["terms"],
        "coverage": coverage(name, frame),
        "rows": len(frame),
        "columns": meta["columns"],
        "build": f"data-raw/build_package_data.py (builder '{name}'); keys {keys}",
        "caveats": meta["caveats"],
    }
    missing = [c for c in meta["columns"] if c not in frame.columns and ".." not in c
               and not c.startswith("(")]
    if missing:
        raise ValueError(f"{name}: described columns not in data: {missing}")
    text = yaml.safe_dump(description, sort_keys=False, allow_unicode=True, width=100)
    (out / f"{name}.yaml").write_text(text, encoding="utf-8")
    return path


def main(only: Iterable[str] | None = None, out: Path = OUT) -> None:
    if not SHARED.is_dir():
        raise SystemExit(f"original data not found at {SHARED}")
    out.mkdir(parents=True, exist_ok=True)
    names = list(only) if only else list(BUILDERS)
    unknown = sorted(set(names) - set(BUILDERS))
    if unknown:
        raise SystemExit(f"unknown data set(s) {unknown}; valid: {', '.join(BUILDERS)}")
    for name in names:
        path = build_one(name, out)
        print(f"{name:22s} {path.stat().st_size / 1e6:6.2f} MB")
    total = sum(p.stat().st_size for p in out.glob("*.csv.gz"))
    print(f"total shipped data: {total / 1e6:.2f} MB")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="data sets to build (default: all)")
    parser.add_argument("--out", type=Path, default=OUT, help="output folder")
    args = parser.parse_args()
    main(args.names or None, args.out.resolve())
