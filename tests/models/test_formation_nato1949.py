"""The NATO 1949 validation case (docs/validation-formation.md)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from foedus.scenarios import build_case, load_scenario

# docs/validation-formation.md: `foedus join-cases --draws 2000` (seed 1949, 20 samples of the
# interests layer), version 4
PINNED = {"p_forms": 0.725, "p_join": {"USA": 0.725, "GBR": 0.696, "NLD": 0.575, "ITA": 0.004,
                                       "PRT": 0.0, "SWE": 0.706, "FIN": 0.205, "IRL": 0.0}}

FOUNDERS = ["USA", "CAN", "GBR", "FRA", "BEL", "NLD", "LUX", "NOR", "DNK", "ISL", "ITA", "PRT"]
STAYED_OUT = ["SWE", "IRL", "CHE", "FIN", "ESP"]   # invited in the model, not in 1949


@pytest.fixture(scope="module")
def case1949():
    with warnings.catch_warnings():
        warnings.simplefilter("error")               # every judgement carries a source
        return build_case(load_scenario("nato-1949"), "judgement")


def test_scenario_is_built_from_1949_data(case1949):
    world = case1949.world
    assert world.date.isoformat() == "1949-04-03"
    assert world.states["USA"].indicators["cinc"].data_year == 1949
    design = case1949.design("north-atlantic-treaty")
    assert list(design.invited) == FOUNDERS + STAYED_OUT
    in_force = {a.id for a in world.agreements_in_force()}
    assert {"brussels-1948", "dunkirk-1947", "windsor-1899", "fcma-1948"} <= in_force
    assert "north-atlantic-treaty" not in in_force


def test_no_fact_records_an_answer_to_the_invitation(case1949):
    """Inputs are facts known before the invitations; none is a state's decision itself."""
    for state in case1949.world.states.values():
        for name, indicator in state.indicators.items():
            if indicator.source.startswith("scenario"):
                assert name in {"nonalignment_doctrine", "ratification_threshold",
                                "government_seat_share"}   # no legislative_support: see the doc


def test_model_runs_and_is_reproducible(case1949):
    from foedus.models.formation import analyze_design

    a = analyze_design(case1949, "north-atlantic-treaty", draws=60,
                       rng=np.random.default_rng(1949))
    b = analyze_design(case1949, "north-atlantic-treaty", draws=60,
                       rng=np.random.default_rng(1949))
    assert a.to_frame().equals(b.to_frame())
    assert a.game.founders == ("USA",) and a.game.admission == "unanimity"
    # the states with a neutrality doctrine and no recorded threat never join
    frame = a.to_frame().set_index("state")
    assert frame.loc[["IRL", "CHE"], "p_join"].eq(0).all()
    # the founder's decision rests on its stake in its allies' security (version 4)
    assert frame.loc["USA", "term_allies"] > frame.loc["USA", "term_security"]


@pytest.mark.slow
def test_documented_validation_numbers(case1949):
    """The table of docs/validation-formation.md (version 4; `foedus join-cases --draws 2000`:
    2,000 draws, seed 1949, 20 samples of the interests layer)."""
    from foedus.models.formation import analyze

    r = analyze(case1949, designs=["north-atlantic-treaty"], draws=2000,
                rng=np.random.default_rng(1949)).design("north-atlantic-treaty")
    p = dict(zip(r.states, np.round(r.join_probability, 3)))
    assert round(r.p_forms, 3) == pytest.approx(PINNED["p_forms"], abs=0.002)
    for state, value in PINNED["p_join"].items():
        assert p[state] == pytest.approx(value, abs=0.002), state
