"""Registry: load, describe, list_datasets, citation_text, and loading full official files.

These tests read only the package data (never ../shared).
"""

from __future__ import annotations

import gzip
from importlib import resources

import pandas as pd
import pytest

import foedus
from foedus.data import citation_text, describe, list_datasets, load
from foedus.errors import DataError

NAMES = set(list_datasets()["name"])


def test_expected_data_sets_are_shipped():
    expected = {"cow_nmc", "cow_states", "cow_majors", "cow_iso3", "atop_ddyr", "atop_members",
                "atop_alliances", "alliance_depth", "sipri_milex", "wdi", "fariss_gdppop",
                "democracy", "cow_trade", "china_trade_monthly", "cow_contiguity",
                "cow_mid_dyadyears", "cow_mid_disputes", "cshapes_mindist", "cow_capitals",
                "rivalries_tss", "rivalries_td", "unga_ideal_points"}
    assert expected <= NAMES
    # COW Formal Alliances are not shipped (maintainer's request to peacesciencer; use ATOP)
    assert not any("cow_alliance" in name for name in NAMES)


@pytest.mark.parametrize("name", sorted(NAMES))
def test_every_data_set_has_a_complete_description(name):
    d = describe(name)
    assert d.name == name
    for text in (d.title, d.version, d.citation, d.terms, d.coverage, d.build):
        assert isinstance(text, str) and text.strip()
    assert {"repo", "path", "commit", "original"} <= set(d.source)
    assert d.rows == len(load(name))
    assert d.columns


def test_shipped_data_stay_small():
    files = resources.files("foedus.data") / "files"
    total = sum(p.stat().st_size for p in files.iterdir() if p.name.endswith(".csv.gz"))
    assert total < 15e6


def test_load_returns_a_copy():
    first = load("cow_majors")
    first.loc[:, "ccode"] = -1
    assert (load("cow_majors")["ccode"] > 0).all()


def test_unknown_data_set_is_one_clear_line():
    with pytest.raises(DataError) as info:
        load("nmc")
    message = str(info.value)
    assert "\n" not in message
    assert "'nmc'" in message and "cow_nmc" in message and "sipri_milex" in message
    with pytest.raises(DataError):
        describe("cow_alliance")


def test_citation_text_names_foedus_and_every_data_set():
    text = citation_text()
    assert text.startswith("foedus developers. 2026.")
    assert foedus.__version__ in text
    for name in NAMES:
        assert f"- {name} (" in text
    one = foedus.cite("atop_ddyr")
    assert "Leeds" in one and "cow_nmc" not in one


def test_sipri_description_keeps_the_ten_percent_rule():
    assert "10 %" in describe("sipri_milex").terms


def test_load_full_official_nmc_file(tmp_path):
    # The official COW layout (NMC-70-abridged.csv): stateabb, ccode, year, six components,
    # cinc, version; -9 = missing. Values: the USA 2022 row of NMC 7.0.
    official = tmp_path / "NMC-70-abridged.csv"
    official.write_text(
        "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc,version\n"
        "USA,2,2022,838814000,1360,80535,3436075,344775,119142,0.12356574,2021\n"
        "TAW,713,2022,15825000,-9,20801,30283,23420,18266,0.006048009,2021\n")
    frame = load("cow_nmc", path=official)
    assert list(frame.columns) == list(load("cow_nmc").columns)
    assert frame.loc[0, "cinc"] == pytest.approx(0.12356574)
    assert pd.isna(frame.loc[1, "milper"])


def test_load_full_official_atop_ddyr_file(tmp_path):
    # ATOP 5.1 atop5_1ddyr layout: stateA, stateB, year, defense ... consul (+ other columns).
    official = tmp_path / "atop5_1ddyr.csv.gz"
    with gzip.open(official, "wt") as handle:
        handle.write("stateA,stateB,year,atopally,defense,offense,neutral,nonagg,consul,"
                     "shareob\n2,740,1960,1,1,0,0,1,1,1\n740,2,1960,1,0,0,0,1,1,1\n")
    frame = load("atop_ddyr", path=official)
    assert list(frame.columns) == list(load("atop_ddyr").columns)
    assert frame["atop_defense"].tolist() == [1, 0]


def test_load_full_mindist_file_becomes_spells(tmp_path):
    official = tmp_path / "mindist.csv"
    official.write_text("ccode1,ccode2,year,mindist\n2,20,2000,0\n2,20,2001,0\n20,2,2001,0\n"
                        "2,20,2002,5.5\n")
    frame = load("cshapes_mindist", path=official)
    assert frame[["year_start", "year_end", "mindist_km"]].values.tolist() == [
        [2000, 2001, 0.0], [2002, 2002, 5.5]]


def test_load_path_with_wrong_columns_is_clear(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    with pytest.raises(DataError, match="lacks columns"):
        load("cow_nmc", path=bad)
    with pytest.raises(DataError, match="not found"):
        load("cow_nmc", path=tmp_path / "missing.csv")
