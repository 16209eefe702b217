"""The flagship scenario against its fact base (shipped copy of shared/data/indo-pacific)."""

from __future__ import annotations

import datetime as dt
from importlib import resources

import pandas as pd
import pytest

from foedus.world import Obligation

NOT_IN_FORCE = ("terminated", "signed, not in force", "post-article", "under negotiation",
                "negotiations reported", "announced", "decided, not implemented")


@pytest.fixture(scope="module")
def factbase() -> pd.DataFrame:
    path = resources.files("foedus.scenarios") / "library" / "asian-nato-2024.factbase.csv"
    with resources.as_file(path) as p:
        return pd.read_csv(p)


def test_every_arrangement_of_the_fact_base_is_in_the_scenario(flagship, factbase):
    arrangements = factbase[factbase.kind != "event"]
    scenario_ids = {a.id for a in flagship.world.agreements}
    assert set(arrangements.id) == scenario_ids


def test_in_force_status_matches_the_fact_base(flagship, factbase):
    # The fact base's status_2024_12 column records the status at the scenario date.
    arrangements = factbase[factbase.kind != "event"]
    expected = {r.id for r in arrangements.itertuples()
                if not r.status_2024_12.startswith(NOT_IN_FORCE)}
    in_force = {a.id for a in flagship.world.agreements_in_force()}
    assert in_force == expected
    assert {"usa-roc-1954", "rus-prk-2000", "jpn-phl-raa-2024"}.isdisjoint(in_force)


def test_atop_ids_match_the_fact_base(flagship, factbase):
    for row in factbase.dropna(subset=["atop_id"]).itertuples():
        assert flagship.world.agreement(row.id).atop_id == int(row.atop_id)


def test_kinds_match_the_fact_base(flagship, factbase):
    for row in factbase[factbase.kind != "event"].itertuples():
        assert flagship.world.agreement(row.id).kind.value == row.kind


def test_directed_defence_flags_match_the_fact_base(flagship):
    # fb:usa-jpn-1960 defense "USA->JPN=1;JPN->USA=0" (ATOP4 3375) - Japan's Art. V pledge
    # is limited to attacks in Japanese-administered territory, so it is written with that
    # trigger, never as a general pledge to defend the US.
    treaty = flagship.world.agreement("usa-jpn-1960")
    usa = [p for p in treaty.provisions_of(Obligation.DEFENSE) if p.obligor == "USA"]
    jpn = [p for p in treaty.provisions_of(Obligation.DEFENSE) if p.obligor == "JPN"]
    assert usa and all(p.trigger.administered_by == "JPN" for p in usa)
    assert jpn and all(p.trigger.administered_by == "JPN" for p in jpn)
    # fb:anzus-1951 defense "USA->NZL=0;NZL->USA=0"
    anzus = flagship.world.agreement("anzus-1951")
    assert not anzus.obliges("USA", "NZL", Obligation.DEFENSE)
    assert not anzus.obliges("NZL", "USA", Obligation.DEFENSE)
    assert anzus.obliges("AUS", "NZL", Obligation.DEFENSE)


def test_designs_and_crises_required_by_the_issue(flagship):
    assert {d.id for d in flagship.designs} >= {"status-quo", "ishiba", "nato-style-no-taiwan",
                                                "minilateral-lattice"}
    ishiba = flagship.design("ishiba")
    assert ishiba.rules.leadership == ("USA", "JPN")
    assert ishiba.rules.base_control == "shared" and ishiba.rules.command == "integrated"
    assert ("JPN", "USA") in ishiba.rules.forces_abroad  # Japanese forces on US soil (Guam)
    assert "TWN" in ishiba.add[0].members
    assert any("AC48" in c for c in ishiba.caveats)
    kinds = {c.id: c.kind.value for c in flagship.crises}
    assert kinds == {"taiwan-blockade": "blockade", "taiwan-invasion": "invasion",
                     "senkaku-seizure": "seizure", "second-thomas-shoal": "grey_zone",
                     "dprk-attack-rok": "invasion"}
    invasion = flagship.crisis("taiwan-invasion")
    assert ("USA", "forces", "okinawa") in {(h.state, h.asset.value, h.place) for h in invasion.hits}


def test_north_korea_military_expenditure_says_where_it_comes_from(flagship):
    # SIPRI publishes no figure for North Korea; the scenario prefers COW NMC and says so.
    prk = flagship.world.states["PRK"]
    assert "sipri_milex_usd_current" not in prk.indicators
    assert prk.indicators["milex"].source == "cow_nmc:nmc_milex"
    entry = next(s for s in flagship.scenario.model.states if s.iso3 == "PRK")
    assert "SIPRI publishes no" in entry.source


def test_figures_take_the_latest_year_not_after_the_date(flagship):
    usa = flagship.world.states["USA"]
    assert usa.indicators["nmc_cinc"].data_year == 2022      # NMC v7.0 ends in 2022
    assert usa.indicators["sipri_milex_usd_current"].data_year == 2024
    assert all(i.data_year is None or i.data_year <= 2024 for s in flagship.world.states.values()
               for i in s.indicators.values())


def test_scenario_loads_without_source_warnings(flagship):
    assert flagship.scenario.warnings == ()


def test_world_is_a_networkx_graph(flagship):
    graph = flagship.world.to_networkx()
    assert graph.has_edge("USA", "JPN")
    assert graph.nodes["USA"]["nmc_cinc"] == flagship.world.states["USA"].value("nmc_cinc")
    assert flagship.world.date == dt.date(2024, 12, 15)
