"""Historical cases are the world-model objects a user's scenario becomes.

The reference for "exactly as for a user's scenario" is the scenario path itself: a scenario
file naming the same states and date, loaded and built by ``foedus.scenarios``. Expected
obligations come from the ATOP v4.01 member file (package data ``atop_members``): ATOP 2440
(Anglo-Polish agreement; phase 2 from 25 August to 27 September 1939) codes Britain's defence
obligation to Poland; ATOP 3180 (NATO) codes every member's defence obligation.
"""

from __future__ import annotations

import datetime as dt

import pytest

from foedus.errors import FoedusError
from foedus.history import (
    accession_case,
    alliance_case,
    dispute_case,
    dispute_cases,
    formation_alliances,
    intervention,
    intervention_outside,
    state_code,
)
from foedus.interests import compute_interests
from foedus.models.crisis.inputs import crisis_inputs
from foedus.models.formation.game import build_game
from foedus.scenarios import build_case
from foedus.scenarios.build import atop_provisions
from foedus.scenarios.loader import load_scenario_text
from foedus.world import Obligation, casus_foederis


@pytest.fixture(scope="module")
def poland_1939():
    return dispute_case(169)


def test_dispute_case_states_are_originators_and_the_risk_set(poland_1939):
    third = intervention()
    third = third[third["dispnum"] == 169]
    expected = {state_code(c) for c in third["ccode"]} | {"RUS", "POL"}
    assert set(poland_1939.world.states) == expected
    crisis = poland_1939.crises[0]
    assert crisis.aggressors == ("RUS",) and crisis.target == "POL"
    assert [h.state for h in crisis.hits] == ["POL"]
    assert poland_1939.world.date == dt.date(1939, 9, 1)


def test_britain_is_obliged_to_poland_as_atop_codes(poland_1939):
    crisis = poland_1939.crises[0]
    obligations = casus_foederis(poland_1939.agreements("status-quo"), crisis,
                                 poland_1939.world.geography, poland_1939.world.date)
    rows = obligations.to_frame()
    british = rows[(rows.obligor == "GBR") & (rows.beneficiary == "POL")
                   & (rows.obligation == "defense")]
    assert british["agreement"].tolist() == ["atop-2440"]
    assert {"GBR", "FRA"} <= set(obligations.obliged(Obligation.DEFENSE, beneficiary="POL"))


def test_the_interests_and_crisis_layers_run_on_the_case(poland_1939):
    interests = compute_interests(poland_1939.world)
    inputs = crisis_inputs(poland_1939, poland_1939.crises[0], interests=interests)
    assert inputs.states == poland_1939.world.iso3s
    obliged = {inputs.states[k] for k in range(inputs.n) if inputs.obliged[k]}
    assert "GBR" in obliged
    assert not inputs.deciding[inputs.index("RUS")] and not inputs.deciding[inputs.index("POL")]


def test_case_data_equal_the_scenario_path(poland_1939):
    world = poland_1939.world
    lines = ["id: same-states", "title: the same states as MID 169", "date: 1939-09-01",
             "states:"] + [f"  - {{iso3: {code}}}" for code in world.iso3s]
    reference = build_case(load_scenario_text("\n".join(lines) + "\n")).world
    for code, state in world.states.items():
        mine = {k: (v.value, v.data_year, v.source) for k, v in state.indicators.items()}
        theirs = {k: (v.value, v.data_year, v.source)
                  for k, v in reference.states[code].indicators.items()}
        assert mine == theirs, code
    key = ["iso3_a", "iso3_b", "indicator"]
    mine = world.relations.table.astype({c: str for c in key}).set_index(key).sort_index()
    theirs = reference.relations.table.astype({c: str for c in key}).set_index(key).sort_index()
    assert mine.index.equals(theirs.index)
    assert (mine["value"] == theirs["value"]).all()
    assert (mine["data_year"] == theirs["data_year"]).all()


def test_agreement_provisions_are_atops_member_coding():
    case = alliance_case(2440)
    design = case.design("atop-2440")
    added = design.add[0]
    # the founding phase (6 April 1939) is the only phase in force on the founding date, so its
    # provisions are those of atop_provisions restricted to that phase's rows
    from_scenario_path = set(atop_provisions(2440, ("GBR", "POL"), dt.date(1939, 4, 6)))
    assert set(added.provisions) <= from_scenario_path
    assert {(p.obligor, p.beneficiary, p.obligation.value) for p in added.provisions} == {
        ("GBR", "POL", "defense"), ("POL", "GBR", "defense")}
    assert "atop-2440" not in {a.id for a in case.world.agreements}
    assert "DEU" in case.world.states and "DEU" not in design.invited   # the named threat
    assert {"GBR", "POL"} <= set(design.invited)


def test_the_formation_game_builds_on_an_alliance_case():
    case = alliance_case(2440)
    game = build_game(case, "atop-2440", compute_interests(case.world))
    assert "DEU" in game.adversaries
    assert game.binding


def test_accession_case_adds_the_newcomer_with_obligations_both_ways():
    case = accession_case(3180, 350)          # Greece to NATO, 22 October 1951
    assert case.world.date == dt.date(1951, 10, 22)
    nato = {a.id: a for a in case.world.agreements}["atop-3180"]
    assert "GRC" not in nato.members and "USA" in nato.members
    design = case.designs[1]
    changed = design.apply(case.world.agreements)
    nato_after = {a.id: a for a in changed}["atop-3180"]
    assert "GRC" in nato_after.members
    assert nato_after.obliges("USA", "GRC", Obligation.DEFENSE)
    assert nato_after.obliges("GRC", "USA", Obligation.DEFENSE)


def test_outside_joiners_are_not_states_of_the_case():
    outside = intervention_outside()
    row = outside[outside["reason"] == "no risk-set criterion"].iloc[0]
    case = dispute_case(int(row["dispnum"]))
    assert state_code(int(row["ccode"])) not in case.world.states


def test_bulk_builder_gives_the_same_cases_as_one_at_a_time():
    ids = [258, 169, 1685, 2]
    bulk = dict(dispute_cases(ids))
    assert set(bulk) == set(ids)
    single = dispute_case(258)
    assert bulk[258].world.iso3s == single.world.iso3s
    assert bulk[258].crises == single.crises
    assert bulk[258].world.agreements == single.world.agreements
    assert bulk[258].world.relations.table.equals(single.world.relations.table)


def test_states_without_iso3_get_a_cow_code():
    table = formation_alliances()
    row = table[(table["role"] == "founder") & (table["ccode"] == 245)].iloc[0]   # Bavaria
    case = alliance_case(int(row["atopid"]))
    assert "COW245" in case.world.states
    assert case.world.states["COW245"].ccode == 245


@pytest.mark.parametrize("call, message", [
    (lambda: dispute_case(5), "no MID 5"),
    (lambda: alliance_case(1005), r"not in formation corpus \(a\)"),
    (lambda: accession_case(3180, 2), "did not accede")])
def test_unknown_cases_give_one_clear_line(call, message):
    with pytest.raises(FoedusError, match=message) as info:
        call()
    assert "\n" not in str(info.value)


def test_readme_history_example_runs():
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    block = re.search(r"Two centuries of alliance decisions.*?```python\n(.*?)```", readme,
                      re.DOTALL).group(1)
    namespace: dict = {}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102 - the README's own code
    assert "intervention" in namespace
