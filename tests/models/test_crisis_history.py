"""Crises that happened: the scenario records what third states did, the model is scored
against it, and P(deterred) is flagged (issue 10: "every historical case reports P(deterred)
with a flag where the aggressor attacked").

History, with its sources (src/foedus/scenarios/library/july-1914.yaml, ``observed:``;
Strachan 2001, ch. 1 and 7; Clark 2012, ch. 12): by 31 August 1914 Germany was at war beside
Austria-Hungary; Russia, France, Britain, Montenegro and Japan were at war against it; Italy,
Romania, Greece, Bulgaria and the United States stayed out; the Ottoman Empire supported
Germany without fighting. These tests assert relations history shows, under the registered
judgement defaults; the documented numbers are pinned in test_crisis_documented.py.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import pytest

from foedus.errors import FoedusError
from foedus.models.crisis import analyze, score_crisis
from foedus.scenarios import build_case, load_scenario
from foedus.world import Crisis, CrisisKind, Hit, Observed, ThirdPartyAction
from foedus.world.agreements import Asset


@pytest.fixture(scope="module")
def july():
    case = build_case(load_scenario("july-1914"))
    return case, analyze(case, draws=400, rng=1914, without=(), sensitivity=False)


def test_the_scenario_records_what_happened():
    case = build_case(load_scenario("july-1914"))
    crisis = case.crisis("austria-serbia-1914")
    did = crisis.observed_actions()
    assert crisis.historical and len(did) == 12
    assert did["DEU"] is ThirdPartyAction.FIGHT_AGGRESSOR
    assert {s for s, a in did.items() if a is ThirdPartyAction.FIGHT_TARGET} == {
        "RUS", "FRA", "GBR", "MNE", "JPN"}
    assert all(o.source for o in crisis.observed)


def test_germany_is_the_likeliest_to_fight_for_austria(july):
    _, res = july
    s = res.states.set_index("iso3")
    deciders = s[s.role == "decides"]
    assert deciders.p_fight_aggressor.idxmax() == "DEU"
    assert s.loc["DEU", "p_fight_aggressor"] > s.loc["DEU", "p_fight_target"]


def test_the_entente_leans_to_serbia_italy_and_romania_do_not(july):
    """Russia and France backed Serbia; Italy and Romania, despite their treaties with
    Austria-Hungary and Germany, stayed out: the Entente's P(fight or support for Serbia)
    exceeds theirs, and neither Italy nor Romania is more likely than not to fight at all."""
    _, res = july
    s = res.states.set_index("iso3")
    backing = s.p_fight_target + s.p_support_target
    assert backing[["RUS", "FRA"]].min() > backing[["ITA", "ROU"]].max()
    fights = s.p_fight_target + s.p_fight_aggressor
    assert (fights[["ITA", "ROU"]] < 0.5).all()


def test_every_historical_case_reports_p_deterred_with_its_flag(july):
    _, res = july
    summary = res.history_summary.iloc[0]
    outcome = res.outcomes.iloc[0]
    assert outcome.historical
    assert summary.p_deterred == pytest.approx(outcome.p_deterred)
    assert summary.deterrence_flag == (summary.p_deterred >= 0.5) == outcome.deterrence_flag
    assert outcome.log_p_attack == pytest.approx(np.log(1 - outcome.p_deterred))
    assert summary.states_scored == 12
    assert 0.0 <= summary.placed_right_mid <= 1.0 and summary.log_loss_mid > 0


def test_hypothetical_crises_are_not_scored(flagship):
    res = analyze(flagship, crises=["senkaku-seizure"], designs=["status-quo"], draws=8,
                  rng=1, without=(), sensitivity=False)
    assert res.history.empty and res.history_summary.empty
    assert not res.outcomes.historical.any() and not res.outcomes.deterrence_flag.any()


def _crisis(*observed):
    return Crisis("c", "c", CrisisKind.INVASION, ("A",), "B", "x",
                  (Hit("B", Asset.TERRITORY, "x"),), observed=tuple(observed))


def _row(iso3, ft, st, so, sa, fa):
    return {"iso3": iso3, "p_fight_target": ft, "p_support_target": st, "p_stay_out": so,
            "p_support_aggressor": sa, "p_fight_aggressor": fa}


def test_scoring_in_both_codings():
    crisis = _crisis(Observed("C", ThirdPartyAction.SUPPORT_TARGET, "s"),
                     Observed("D", ThirdPartyAction.FIGHT_AGGRESSOR, "s"),
                     Observed("E", ThirdPartyAction.DID_NOT_FIGHT, "s"))
    states = pd.DataFrame([_row("C", 0.3, 0.4, 0.2, 0.05, 0.05),
                           _row("D", 0.1, 0.1, 0.2, 0.2, 0.4),
                           _row("E", 0.6, 0.1, 0.1, 0.1, 0.1)])
    table, summary = score_crisis(states, crisis, p_deterred=0.2)
    t = table.set_index("iso3")
    # C supported the target: right on the five choices; in the MID coding it did not fight
    # (0.65) and the likeliest MID class is "did not fight" (0.65 > 0.3)
    assert t.loc["C", "right"] and t.loc["C", "right_mid"]
    assert t.loc["C", "p_observed_mid"] == pytest.approx(0.65)
    # D fought for the aggressor, its likeliest choice (0.4); but not fighting at all (0.5)
    # is likelier in the MID coding: the codings can disagree
    assert t.loc["D", "right"] and not t.loc["D", "right_mid"]
    assert not t.loc["E", "right_mid"] and np.isnan(t.loc["E", "p_observed"])
    assert summary["placed_right_mid"] == pytest.approx(1 / 3)
    assert summary["states_five_actions"] == 2 and summary["placed_right"] == 1.0
    expected = -np.mean(np.log([0.65, 0.4, 0.3]))
    assert summary["log_loss_mid"] == pytest.approx(expected)
    assert summary["nobody_fights_right_mid"] == pytest.approx(2 / 3)
    assert not summary["deterrence_flag"]


def _scenario(tmp_path, observed: str):
    text = textwrap.dedent(f"""\
        id: obs-test
        title: t
        date: 2000-01-01
        states: [{{iso3: USA}}, {{iso3: CAN}}, {{iso3: MEX}}]
        places: [{{id: x, name: x, administered_by: CAN, source: test}}]
        crises:
          - id: c
            name: c
            kind: invasion
            aggressors: [USA]
            target: CAN
            location: x
            hits: [{{state: CAN, asset: territory, place: x}}]
            source: test
            observed: {observed}
        """)
    path = tmp_path / "s.yaml"
    path.write_text(text)
    return path


@pytest.mark.parametrize(("observed", "message"), [
    ("{USA: {action: stay_out, source: s}}", "not a third state"),
    ("{MEX: {action: joined, source: s}}", "observed"),
    ("{MEX: {action: stay_out}}", "source"),
])
def test_bad_observed_records_are_refused_with_one_line(tmp_path, observed, message):
    with pytest.raises(FoedusError, match=message):
        load_scenario(_scenario(tmp_path, observed))


def test_a_good_observed_record_loads(tmp_path):
    case = build_case(load_scenario(_scenario(
        tmp_path, "{MEX: {action: did_not_fight, source: MID 5.0}}")))
    assert case.crisis("c").observed_actions() == {"MEX": ThirdPartyAction.DID_NOT_FIGHT}
