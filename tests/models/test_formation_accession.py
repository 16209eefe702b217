"""The NATO accession cases (docs/validation-formation.md): scenarios built from the data at
their dates, outcomes that match the ATOP member file, and the accession game they make."""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pytest

from foedus.scenarios import build_case, load_scenario

ORIGINAL = ["USA", "CAN", "GBR", "FRA", "BEL", "NLD", "LUX", "NOR", "DNK", "ISL", "ITA", "PRT"]
# scenario, incumbents, candidates, who acceded (ATOP v4.01 member file, alliance 3180),
# the ATOP entry date of the newcomers
CASES = {
    "nato-accession-1951": (ORIGINAL, ["GRC", "TUR", "SWE", "IRL", "CHE", "FIN", "ESP"],
                            ["GRC", "TUR"], dt.date(1951, 10, 22)),
    "nato-accession-1955": (ORIGINAL + ["GRC", "TUR"], ["DEU", "SWE", "IRL", "CHE", "FIN", "ESP"],
                            ["DEU"], dt.date(1954, 10, 23)),
    "nato-accession-1981": (ORIGINAL + ["GRC", "TUR", "DEU"],
                            ["ESP", "SWE", "IRL", "CHE", "FIN", "AUT"], ["ESP"],
                            dt.date(1981, 12, 10)),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def accession(request):
    with warnings.catch_warnings():
        warnings.simplefilter("error")               # every judgement carries a source
        return request.param, build_case(load_scenario(request.param), "judgement")


def test_scenarios_are_built_from_the_data_of_their_year(accession):
    name, case = accession
    incumbents, candidates, _, _ = CASES[name]
    year = case.world.date.year
    for state in incumbents + candidates:
        cinc = case.world.states[state].indicators["nmc_cinc"]
        assert cinc.data_year == year and cinc.value > 0, state
    treaty = case.world.agreement("north-atlantic-treaty")
    assert list(treaty.members) == incumbents
    design = case.design("enlargement")
    assert list(design.invited) == candidates and design.rules.admission_rule == "unanimity"
    assert not case.crises                          # contingencies come from the rule


def test_the_recorded_outcome_matches_the_atop_member_file(accession):
    """Written in each scenario's header before the model was run on it."""
    from foedus.data.crosswalk import iso3_to_ccode
    from foedus.data.registry import load

    name, case = accession
    _, candidates, joined, entry = CASES[name]
    rows = load("atop_members")
    rows = rows[rows["atopid"] == 3180]
    for state in candidates:
        code = iso3_to_ccode(state, year=case.world.date.year)
        mine = rows[rows["member"] == code]
        dates = {dt.date(int(r.yrent), int(r.moent), int(r.dayent)) for r in mine.itertuples()}
        if state in joined:
            assert entry in dates, state
        else:
            assert all(d.year > case.world.date.year for d in dates), state   # not then


def test_no_fact_records_an_answer(accession):
    _, case = accession
    for state in case.world.states.values():
        for name, indicator in state.indicators.items():
            if indicator.source.startswith("scenario"):
                assert name in {"nonalignment_doctrine", "ratification_threshold",
                                "government_seat_share"}, name


def test_the_accession_game_has_incumbents_and_derived_contingencies(accession):
    from foedus.interests import compute_interests
    from foedus.models.formation import build_game

    name, case = accession
    incumbents, candidates, _, _ = CASES[name]
    game = build_game(case, "enlargement", compute_interests(case.world))
    assert list(game.fixed) == incumbents and game.deciders == tuple(candidates)
    assert game.founders == () and game.admission == "unanimity"
    assert game.contingencies == "derived" and game.adversaries == ("RUS",)
    # every contingency is an attack by the adversary on a state of the treaty
    assert all(c.startswith("derived:RUS->") for c in game.crises)
    usa = game.index("USA")
    baseline = case.world.defense_pairs()
    for newcomer in candidates:
        # the US would newly owe it defence - unless it already does (US-Spain 1976)
        new = game.new_treaty[game.index(newcomer), usa] > 0
        assert new == (("USA", newcomer) not in baseline), newcomer


def test_a_run_is_reproducible_and_incumbents_are_always_members(accession):
    from foedus.models.formation import analyze_design

    name, case = accession
    incumbents = CASES[name][0]
    a = analyze_design(case, "enlargement", draws=40, rng=np.random.default_rng(1))
    b = analyze_design(case, "enlargement", draws=40, rng=np.random.default_rng(1))
    assert a.to_frame().equals(b.to_frame())
    p = dict(zip(a.states, a.join_probability))
    assert all(p[s] == 1.0 for s in incumbents)


@pytest.mark.slow
@pytest.mark.parametrize("name,seed", [("nato-accession-1951", 1951),
                                       ("nato-accession-1955", 1955),
                                       ("nato-accession-1981", 1981)])
def test_documented_validation_numbers(name, seed):
    """docs/validation-formation.md (`foedus join-cases --draws 2000`): no newcomer accedes at
    the judgement defaults (version 4)."""
    from foedus.models.formation import analyze

    case = build_case(load_scenario(name), "judgement")
    r = analyze(case, designs=["enlargement"], draws=2000,
                rng=np.random.default_rng(seed)).design("enlargement")
    p = dict(zip(r.states, r.join_probability))
    assert r.p_forms <= 0.002
    assert all(p[s] <= 0.002 for s in CASES[name][1])
