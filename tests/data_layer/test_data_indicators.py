"""state_year / dyad_year / latest_year against values read from the original files.

Every expected value names the original file and line in ../shared/data it was copied from
(the tests read only the package data).
"""

from __future__ import annotations

import math
import time
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foedus.data import load
from foedus.data.crosswalk import crosswalk
from foedus.data.indicators import dyad_year, latest_year, state_year
from foedus.errors import DataError, UnknownCountryError


def _value(table, iso3, indicator):
    row = table[(table["iso3"] == iso3) & (table["indicator"] == indicator)]
    assert len(row) == 1, (iso3, indicator)
    return row.iloc[0]


def _dyad(table, a, b, indicator):
    row = table[(table["iso3_a"] == a) & (table["iso3_b"] == b) & (table["indicator"] == indicator)]
    assert len(row) == 1, (a, b, indicator)
    return row.iloc[0]


# cow_nmc/nmc_v7_0.csv: line 208 (2,2022), 14723 (710,2022), 15224 (740,2022), 15300 (750,2022)
CINC_2022 = {"USA": 0.12356574, "CHN": 0.23409663, "JPN": 0.024713842, "IND": 0.099396847}


def test_cinc_last_nmc_year():
    table = state_year(list(CINC_2022), 2022, indicators=["nmc_cinc"])
    for iso3, cinc in CINC_2022.items():
        row = _value(table, iso3, "nmc_cinc")
        assert row["value"] == pytest.approx(cinc, rel=1e-12)
        assert row["data_year"] == 2022 and row["source"] == "cow_nmc"


def test_data_year_is_latest_not_after_the_scenario_year():
    later = state_year(["USA"], 2024, indicators=["nmc_cinc"])
    assert _value(later, "USA", "nmc_cinc")["data_year"] == 2022
    assert _value(later, "USA", "nmc_cinc")["value"] == pytest.approx(CINC_2022["USA"])
    early = state_year(["USA", "GBR", "RUS"], 1949, indicators=["nmc_cinc", "nmc_milex"])
    assert set(early["data_year"]) == {1949}
    assert latest_year("cow_nmc") == 2022
    # a date or ISO string is reduced to its year
    assert state_year(["USA"], date(2024, 12, 15), indicators=["nmc_cinc"]).equals(later)
    assert state_year(["USA"], "2024-12-15", indicators=["nmc_cinc"]).equals(later)


# sipri_milex/sipri_milex_indopacific_subset_1988_2024.csv, year 2023, column
# milex_const2023_usd_m: lines 37 USA, 407 JPN, 740 AUS, 370 KOR, 666 PHL, 444 IND, 777 NZL,
# 296 TWN, 259 CHN
SIPRI_2023 = {"USA": 916014.7, "JPN": 48189.108621390515, "AUS": 32387.98979774595,
              "KOR": 47801.863038878735, "PHL": 5142.604807858252, "IND": 82293.33216258115,
              "NZL": 3029.024714665751, "TWN": 16344.564791689403, "CHN": 296821.37759150215}


def test_sipri_2023_flagship_states_and_no_north_korea():
    table = state_year([*SIPRI_2023, "PRK"], 2023)
    for iso3, milex in SIPRI_2023.items():
        row = _value(table, iso3, "sipri_milex_usd_const2023")
        assert row["value"] == pytest.approx(milex, rel=1e-12)
        assert row["data_year"] == 2023 and row["unit"] == "millions of constant 2023 US$"
    # SIPRI publishes no figures for North Korea (line 333 is empty)
    assert not table[(table["iso3"] == "PRK") & (table["source"] == "sipri_milex")].shape[0]


def test_taiwan_gaps_are_missing_rows_not_zeros():
    table = state_year(["TWN"], 2020)
    assert not (table["source"] == "wdi").any()  # the World Bank does not report Taiwan
    assert (table["source"] == "fariss_gdppop").any()


def test_state_year_shape_and_order():
    table = state_year(["jpn", "USA"], 2010)
    assert list(table.columns) == ["iso3", "ccode", "indicator", "value", "unit", "data_year",
                                   "source"]
    assert table["iso3"].iloc[0] == "JPN"
    assert not table.duplicated(["iso3", "indicator"]).any()
    assert (table["data_year"] <= 2010).all()


def test_atop_us_japan_1960_member_file_and_dyad_year():
    # atop/atop_v4_01_member.csv: alliance 3375, member 2 defense 1, member 740 defense 0
    members = load("atop_members").query("atopid == 3375").set_index("member")
    assert members.loc[2, "defense"] == 1 and members.loc[740, "defense"] == 0
    # atop/atop_v5_1_ddyr.csv.gz: (2, 740, 1960) atop_defense 1; (740, 2, 1960) atop_defense 0
    table = dyad_year(["USA", "JPN"], 1960)
    assert _dyad(table, "USA", "JPN", "atop_defense")["value"] == 1
    assert _dyad(table, "JPN", "USA", "atop_defense")["value"] == 0
    assert _dyad(table, "JPN", "USA", "atop_consul")["value"] == 1
    # after ATOP's last year the latest year (2018) is used and shown
    assert _dyad(dyad_year(["USA", "JPN"], 2024), "USA", "JPN", "atop_defense")["data_year"] == 2018


def test_symmetric_dyad_indicators_and_known_values():
    table = dyad_year(["USA", "CHN", "PRK", "JPN", "KOR"], 2020)
    # cow_contiguity/cow_contdir_v3_2.csv lines 1680/1707: 710-731 type 1 (land), 1948-2016
    assert _dyad(table, "CHN", "PRK", "contiguity")["value"] == 1
    assert _dyad(table, "PRK", "CHN", "contiguity")["data_year"] == 2016
    # line 1724: 740-732 type 4 (<=150 miles of water)
    assert _dyad(table, "JPN", "KOR", "contiguity")["value"] == 4
    assert _dyad(table, "USA", "JPN", "contiguity")["value"] == 0
    # rivalries/tss_rivalries.csv line 212: China-United States 2, 1996-2020
    assert _dyad(table, "USA", "CHN", "rivalry")["value"] == 1
    # line 117: China-United States 1 ended 1972; none active in 1980
    assert _dyad(dyad_year(["USA", "CHN"], 1980), "CHN", "USA", "rivalry")["value"] == 0
    for name in ("contiguity", "mindist_km", "capital_distance_km", "rivalry",
                 "unga_idealpoint_distance", "mid_count_10y"):
        part = table[table["indicator"] == name].set_index(["iso3_a", "iso3_b"])["value"]
        swapped = part.copy()
        swapped.index = swapped.index.swaplevel()
        assert part.sort_index().equals(swapped.sort_index()), name


def test_capital_distance_is_haversine_on_cow_capitals():
    # cow_capitals/cow_capitals.csv line 2 Washington D.C. 38.8950368,-77.0365427;
    # line 205 Tokyo 35.6768601,139.7638947 (spherical law of cosines, R = 6371.0 km)
    lat1, lon1, lat2, lon2 = map(math.radians, (38.8950368, -77.0365427, 35.6768601,
                                                139.7638947))
    expected = 6371.0 * math.acos(math.sin(lat1) * math.sin(lat2)
                                  + math.cos(lat1) * math.cos(lat2) * math.cos(lon2 - lon1))
    row = _dyad(dyad_year(["USA", "JPN"], 2024), "USA", "JPN", "capital_distance_km")
    assert row["value"] == pytest.approx(expected, rel=1e-9)
    assert 10_800 < row["value"] < 11_000  # Washington-Tokyo is about 10,900 km


def test_unga_distance_uses_latest_session():
    # unga_ideal_points/ideal_points_all_jun2024.csv.gz: line 78 USA session 78 2.500157;
    # line 9331 CHN session 78 -0.8006785 (session 78 = 2023)
    row = _dyad(dyad_year(["USA", "CHN"], 2024), "USA", "CHN", "unga_idealpoint_distance")
    assert row["value"] == pytest.approx(2.500157 + 0.8006785)
    assert row["data_year"] == 2023


def test_mid_counts_and_their_data_year():
    table = dyad_year(["USA", "CHN"], 2024, indicators=["mid_count_10y", "mid_count_since_1946"])
    assert set(table["data_year"]) == {2014}  # MID 5.0 ends 2014
    ever = _dyad(table, "USA", "CHN", "mid_count_since_1946")["value"]
    assert ever >= _dyad(table, "USA", "CHN", "mid_count_10y")["value"] >= 0
    assert ever > 0


def test_china_trade_annualised():
    # china_bilateral_trade_monthly README: US 2019 exports to China 106,481, imports 449,111
    # (million US$, sum of the 12 months)
    table = dyad_year(["USA", "CHN", "JPN"], 2024)
    assert _dyad(table, "USA", "CHN", "trade_exports_a_to_b")["value"] == pytest.approx(
        106481, abs=1)
    assert _dyad(table, "CHN", "USA", "trade_exports_a_to_b")["value"] == pytest.approx(
        449111, abs=1)
    assert _dyad(table, "JPN", "CHN", "trade_exports_a_to_b")["unit"] == "thousands of current JPY"
    share = _dyad(table, "USA", "CHN", "trade_share_gdp")
    assert 0 < share["value"] < 0.1 and share["data_year"] == 2019
    assert not ((table["iso3_a"] == "JPN") & (table["indicator"] == "trade_share_gdp")).any()


@settings(max_examples=15, deadline=None)
@given(st.permutations(["USA", "JPN", "CHN", "KOR", "AUS", "IND"]))
def test_dyad_values_do_not_depend_on_state_order(order):
    def keyed(codes):
        table = dyad_year(codes, 2015)
        return table.set_index(["iso3_a", "iso3_b", "indicator"])["value"].sort_index()

    assert keyed(list(order)).equals(keyed(["USA", "JPN", "CHN", "KOR", "AUS", "IND"]))


def test_world_scale_is_fast():
    table = crosswalk()
    codes = table.loc[table["last_year"] >= 2016, "iso3"].dropna().unique().tolist()
    start = time.perf_counter()
    dyads = dyad_year(codes, 2024)
    states = state_year(codes, 2024)
    assert time.perf_counter() - start < 10
    n = len(codes)
    assert (dyads["indicator"] == "contiguity").sum() == n * (n - 1)
    assert not (dyads["iso3_a"] == dyads["iso3_b"]).any()
    assert np.isfinite(dyads["value"]).all() and len(states) > 15 * n


def test_bad_input_is_one_clear_line():
    with pytest.raises(UnknownCountryError, match="ROK"):
        state_year(["ROK"], 2020)
    with pytest.raises(DataError) as info:
        dyad_year(["USA", "JPN"], 2020, indicators=["alliance"])
    assert "\n" not in str(info.value) and "atop_defense" in str(info.value)
    with pytest.raises(DataError, match="both denote COW state 345"):
        state_year(["SRB", "YUG"], 2000)


def test_latest_year():
    # last years stated in the shared READMEs
    assert latest_year("atop_ddyr") == 2018
    assert latest_year("sipri_milex") == 2024
    assert latest_year("cow_mid_dyadyears") == 2014
    assert latest_year("unga_ideal_points") == 2023
    with pytest.raises(DataError):
        latest_year("alliance_depth")


def test_no_zero_rows_for_non_members_or_before_the_data():
    # cow_states_2016.csv: Japan (740) not a member 1945-09-02..1952-04-28; USA and South Korea
    # (732, from 1949-01-01) are
    table = dyad_year(["USA", "JPN", "KOR"], 1949, indicators=["atop_defense", "contiguity"])
    assert set(zip(table["iso3_a"], table["iso3_b"], strict=True)) == {("USA", "KOR"),
                                                                       ("KOR", "USA")}
    assert dyad_year(["USA", "JPN"], 1800, indicators=["atop_defense"]).empty
