"""Headline figures: one stated unit each, the year shown is the year used (issue 11)."""

from __future__ import annotations

import pytest
from bad_inputs import BASE

from foedus.analysis.sections.core import states_table
from foedus.scenarios import build_case, load_scenario_text
from foedus.scenarios.build import HEADLINE, HEADLINE_UNITS


def test_every_headline_figure_has_one_unit(flagship):
    table = states_table(flagship)
    assert set(HEADLINE) == set(HEADLINE_UNITS)
    for figure, unit in HEADLINE_UNITS.items():
        units = set(table.loc[table[f"{figure}_source"] != "no data", f"{figure}_unit"])
        assert units <= {unit}, (figure, units)


def test_north_korea_milex_is_shown_with_the_year_it_is_from(flagship):
    prk = flagship.world.states["PRK"]
    milex = prk.indicators["milex"]
    # COW NMC v7.0 codes North Korea's milex to 2001 only (2,049,000 thousand US$ in 2001)
    assert (milex.value, milex.data_year, milex.source) == (2049.0, 2001, "cow_nmc:nmc_milex")
    assert milex.data_year == prk.indicators["nmc_milex"].data_year


def test_gdp_is_never_a_ppp_figure(flagship):
    table = states_table(flagship).set_index("iso3")
    # Taiwan and North Korea have no World Bank GDP: Taiwan's comes from SIPRI (milex / its
    # share of GDP, current US$), North Korea has none at exchange rates; PPP is its own column
    assert table.loc["TWN", "gdp_source"] == "sipri_milex:sipri_implied_gdp"
    twn = flagship.world.states["TWN"].indicators
    expected = twn["sipri_milex_usd_current"].value / twn["sipri_milex_share_gdp"].value
    assert table.loc["TWN", "gdp"] == pytest.approx(expected)
    assert table.loc["PRK", "gdp_source"] == "no data"
    assert table.loc["PRK", "gdp_ppp_unit"] == "millions of 2017 international $ (PPP)"
    usa = flagship.world.states["USA"].indicators
    assert table.loc["USA", "gdp"] == pytest.approx(usa["wdi_gdp_usd_current"].value / 1e6)


def test_a_headline_fact_sets_the_figure():
    # before: a `milex` fact was silently replaced by the data's figure
    text = BASE.replace("  - iso3: CHN\n", "  - iso3: CHN\n    facts:\n      milex: {value: "
                        "471000, unit: millions of current US$, year: 2024, source: test}\n", 1)
    chn = build_case(load_scenario_text(text, "t.yaml")).world.states["CHN"]
    assert (chn.indicators["milex"].value, chn.indicators["milex"].data_year) == (471000, 2024)
    assert chn.indicators["milex"].source == "scenario: test"
