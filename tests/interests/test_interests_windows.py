"""The interests layer's time windows are relative to the case date (docs/models/interests.md).

Expected values are re-derived here from the shipped raw tables (MID 5.0 dyad-years, ATOP 5.1
dyad-years, COW states), not copied from the code under test.
"""

from __future__ import annotations

import numpy as np
import pytest

from foedus.data import load
from foedus.data.dyadic import mid_window
from foedus.data.indicators import dyad_year
from foedus.scenarios.build import alliance_record


def _pair_disputes(a: int, b: int, first: int, last: int) -> int:
    t = load("cow_mid_dyadyears")
    t = t[(t.ccode1 == a) & (t.ccode2 == b) & t.year.between(first, last)]
    return int(t["dispnum"].nunique())


@pytest.mark.parametrize("year", [1870, 1914, 1939, 1990, 2024])
def test_mid_windows_end_before_the_case_year(year):
    for name, width in (("mid_count_prior_10y", 10), ("mid_count_prior_20y", 20)):
        first, last = mid_window(name, year)
        assert last == min(year - 1, 2014)
        assert last - first + 1 == width


def test_1914_case_does_not_count_the_1914_disputes():
    # UK-Germany: the 1914 war disputes are in MID 5.0 for 1914; a case dated in 1914 must not
    # see them (they may come after the case date)
    table = dyad_year(["GBR", "DEU"], 1914, indicators=["mid_count_prior_10y", "mid_count_10y"])
    prior = table[(table.iso3_a == "GBR") & (table.indicator == "mid_count_prior_10y")]
    same_year = table[(table.iso3_a == "GBR") & (table.indicator == "mid_count_10y")]
    assert float(prior["value"].iloc[0]) == _pair_disputes(200, 255, 1904, 1913)
    assert int(prior["data_year"].iloc[0]) == 1913
    assert float(same_year["value"].iloc[0]) == _pair_disputes(200, 255, 1905, 1914)
    assert _pair_disputes(200, 255, 1914, 1914) > 0   # the look-ahead the window removes


def test_flagship_hostility_window_is_unchanged():
    # the data end in 2014, so for 2024 the prior 10-year window is 2005-2014 as before
    t = dyad_year(["USA", "CHN"], 2024, indicators=["mid_count_prior_10y", "mid_count_10y"])
    values = t[t.iso3_a == "USA"].set_index("indicator")["value"]
    assert values["mid_count_prior_10y"] == values["mid_count_10y"]


def _record_by_hand(ccode: int, year: int, width: int = 20) -> float:
    ddyr = load("atop_ddyr")
    pacts = ddyr[(ddyr.atop_defense == 1) & ((ddyr.ccode1 == ccode) | (ddyr.ccode2 == ccode))]
    allied = set(pacts["year"].tolist())
    last = min(year - 1, 2018)
    states = load("cow_states")
    years = set()
    for row in states[states.ccode == ccode].itertuples():
        end = last if row.endyear == 2016 else min(row.endyear, last)
        years |= set(range(max(row.styear, last - width + 1), end + 1))
    return len(allied & years) / len(years)


@pytest.mark.parametrize("ccode, year", [(200, 1914), (255, 1914), (2, 1949), (740, 2024),
                                         (713, 2024), (365, 1936)])
def test_alliance_record_is_the_twenty_years_before_the_case(ccode, year):
    record = alliance_record(ccode, year)
    assert record.value == pytest.approx(_record_by_hand(ccode, year))
    assert record.data_year == min(year - 1, 2018)


def test_pre_1946_states_get_a_record_not_the_old_default():
    # before the change every pre-1946 state had no record since 1946 (autonomy 0.5 for all
    # in July 1914); now the great powers' pre-war alliance records differ
    values = {c: alliance_record(c, 1914).value for c in (200, 220, 255, 300, 365)}
    assert len(set(np.round(list(values.values()), 6))) > 1
    assert values[255] == 1.0     # Germany: Dual/Triple Alliance in force 1894-1913


def test_alliance_record_none_for_a_state_with_no_year_in_the_window():
    assert alliance_record(2, 1816) is None      # no ATOP year before 1816 in the window
