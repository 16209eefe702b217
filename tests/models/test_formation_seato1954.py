"""The SEATO 1954 out-of-sample case (docs/validation-formation.md)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from foedus.scenarios import build_case, load_scenario

# ATOP v4.01 member file, alliance 3260 (COW 2, 200, 220, 770, 800, 840, 900, 920, entry
# 8 September 1954); FRUS 1952-54 XIII part 2, doc. 1168 (the eight signatories at Manila)
SIGNATORIES = ["USA", "GBR", "FRA", "AUS", "NZL", "PHL", "THA", "PAK"]
# approached and stayed out: SMH 5 August 1954 (India, Indonesia rejected the proposal);
# Irish DFA report of 4 April 1955 (India, Burma, Indonesia did not sign); absent from ATOP 3260
STAYED_OUT = ["IND", "IDN", "MMR", "LKA"]


@pytest.fixture(scope="module")
def case1954():
    with warnings.catch_warnings():
        warnings.simplefilter("error")               # every judgement carries a source
        return build_case(load_scenario("seato-1954"), "judgement")


def test_scenario_is_built_from_1954_data(case1954):
    world = case1954.world
    assert world.date.isoformat() == "1954-09-07"
    assert world.states["USA"].indicators["cinc"].data_year == 1954
    assert world.states["VNM"].ccode == 816 and world.states["VNM"].indicators["cinc"].value > 0
    design = case1954.design("manila-pact")
    assert list(design.invited) == SIGNATORIES + STAYED_OUT
    in_force = {a.id for a in world.agreements_in_force()}
    assert {"anzus-1951", "usa-phl-1951", "nato-1949", "uk-ceylon-1947"} <= in_force
    assert "manila-pact" not in in_force


def test_the_expected_outcome_matches_the_atop_member_file():
    from foedus.data.crosswalk import iso3_to_ccode
    from foedus.data.registry import load

    members = load("atop_members")
    coded = set(members.loc[members["atopid"] == 3260, "member"].astype(int))
    assert coded == {iso3_to_ccode(s, year=1954) for s in SIGNATORIES}


def test_no_fact_records_an_answer_to_the_invitation(case1954):
    for state in case1954.world.states.values():
        assert not any(i.source.startswith("scenario") for i in state.indicators.values())


def test_the_us_commitment_is_limited_to_communist_aggression(case1954):
    from foedus.interests import compute_interests
    from foedus.models.formation import build_game

    game = build_game(case1954, "manila-pact", compute_interests(case1954.world))
    assert set(game.adversaries) == {"VNM", "CHN", "RUS"}
    assert game.founders == ("USA",) and game.admission == "unanimity" and game.binding


@pytest.mark.slow
def test_documented_validation_numbers(case1954):
    """The table of docs/validation-formation.md (version 4; `foedus join-cases --draws 2000`:
    2,000 draws, seed 1954, 20 samples of the interests layer)."""
    from foedus.models.formation import analyze

    r = analyze(case1954, designs=["manila-pact"], draws=2000,
                rng=np.random.default_rng(1954)).design("manila-pact")
    p = dict(zip(r.states, np.round(r.join_probability, 3)))
    assert r.p_forms == pytest.approx(0.455, abs=0.002)
    for state, value in {"USA": 0.455, "GBR": 0.135, "AUS": 0.35, "THA": 0.088, "IND": 0.231,
                         "LKA": 0.0}.items():
        assert p[state] == pytest.approx(value, abs=0.002), state
