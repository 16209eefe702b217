"""The before/after tables of docs/validation.md ("Rerun with the fitted parameters"), pinned
to the commands that produce them.

These are not claims about history (tests/models/test_crisis_history.py and the formation
case tests assert what history shows): they keep the documented numbers from drifting from
the code. The judgement-defaults row of July 1914 is pinned in test_crisis_documented.py and
NATO 1949's in test_formation_nato1949.py; this module pins the rows under the parameter set
estimated on 1816-1945 (``crisis-1816-1945``) and the rows the table adds. If a deliberate
change moves them, rerun the commands of docs/validation.md and update the table and these
values together.
"""

from __future__ import annotations

import fnmatch

import numpy as np
import pytest

from foedus.models.crisis import analyze
from foedus.scenarios import build_case, load_scenario
from foedus.scenarios.parameter_sets import load_parameter_set
from foedus.verdict.registry import registered_assessors

FITTED = "crisis-1816-1945"
#: The same corpus fitted with shared obligations (6 December 2026): the default's crisis part.
SHARED = "crisis-1816-1945-shared"


def _case(scenario: str, parameters: str):
    return build_case(load_scenario(scenario), parameters)


def test_the_fitted_set_moves_only_crisis_parameters():
    """Why the formation and alignment rows are the same under both sets: the fitted set
    holds crisis parameters only, and neither family declares (or reads - the verdict
    machinery checks undeclared parameters on every run) any of them."""
    fitted = load_parameter_set(FITTED)
    assert fitted.values and all(name.startswith("crisis_") for name in fitted.values)
    declared = {spec.family: spec.parameters for spec in registered_assessors()}
    for family in ("formation", "alignment"):
        for name in fitted.values:
            assert not any(fnmatch.fnmatch(name, p) for p in declared[family]), (family, name)
    for scenario in ("nato-1949", "europe-1936"):
        judgement, fit = _case(scenario, "judgement"), _case(scenario, FITTED)
        differ = {k for k in set(judgement.parameters) | set(fit.parameters)
                  if judgement.parameters.get(k) != fit.parameters.get(k)}
        assert differ and all(k.startswith("crisis_") for k in differ), scenario


def test_europe_1936_is_the_same_under_both_sets():
    from foedus.analysis.alignment import analyze as align

    runs = [align(_case("europe-1936", p), rng=0, draws=0) for p in ("judgement", FITTED)]
    assert runs[0].best.energy == runs[1].best.energy
    assert list(runs[0].best.labels) == list(runs[1].best.labels)


#: July 1914 under each fitted set: scores, P(fight on the side each state fought on), the
#: reliability check. Commands: ``foedus crisis july-1914 --draws 2000 --seed 1914 --without
#: none --parameters NAME`` (``python docs/validation-crisis/july_1914_tables.py NAME``).
JULY = {
    FITTED: {"right_mid": 6, "loss_mid": 2.01, "right": 5, "loss": 2.32, "deterred": 0.39,
             "fights": {"DEU": 0.13, "RUS": 0.02, "FRA": 0.02, "GBR": 0.01, "MNE": 0.03},
             "check": 0.02},
    SHARED: {"right_mid": 6, "loss_mid": 1.99, "right": 5, "loss": 2.30, "deterred": 0.38,
             "fights": {"DEU": 0.20, "RUS": 0.02, "FRA": 0.02, "GBR": 0.01, "MNE": 0.02},
             "check": 0.01},
}


@pytest.mark.parametrize("parameters", list(JULY))
def test_july_1914_under_the_fitted_sets(parameters):
    want = JULY[parameters]
    res = analyze(_case("july-1914", parameters), draws=2000, rng=1914, without=())
    s = res.history_summary.iloc[0]
    assert round(s.placed_right_mid * 12) == want["right_mid"]
    assert s.log_loss_mid == pytest.approx(want["loss_mid"], abs=0.005)
    assert round(s.placed_right * 12) == want["right"]
    assert s.log_loss == pytest.approx(want["loss"], abs=0.005)
    assert s.p_deterred == pytest.approx(want["deterred"], abs=0.005) and not s.deterrence_flag
    states = res.states.set_index("iso3")
    for iso3, value in want["fights"].items():    # P(fight on the side it fought on)
        column = "p_fight_aggressor" if iso3 == "DEU" else "p_fight_target"
        assert states.loc[iso3, column] == pytest.approx(value, abs=0.005), iso3
    assert res.checks.iloc[0].model_mean == pytest.approx(want["check"], abs=0.005)


@pytest.mark.slow
@pytest.mark.parametrize(("parameters", "p_deterred"), [("judgement", 0.844),
                                                        (FITTED, 0.80),
                                                        (SHARED, 0.795)])
def test_berlin_blockade_is_flagged(parameters, p_deterred):
    # foedus crisis nato-1949 --crisis berlin-blockade --draws 2000 --seed 1949
    #     --without none --parameters NAME
    res = analyze(_case("nato-1949", parameters), crises=["berlin-blockade"], draws=2000,
                  rng=1949, without=())
    s = res.history_summary.iloc[0]
    assert s.states_scored == 0 and s.deterrence_flag
    assert s.p_deterred == pytest.approx(p_deterred, abs=0.005)


#: The flagship under each fitted set: (P(deterred), P(aggressor prevails)) per (crisis,
#: design, variant), P(fight for the target) per (crisis, design, state) as designed, and the
#: reliability check. Command: ``foedus crisis --draws 2000 --seed 20241215 --parameters NAME``.
FLAGSHIP = {
    FITTED: ({("taiwan-blockade", "status-quo", "as designed"): (0.33, 0.92),
              ("taiwan-blockade", "ishiba", "as designed"): (0.36, 0.89),
              ("taiwan-invasion", "status-quo", "as designed"): (0.43, 0.85),
              ("senkaku-seizure", "status-quo", "as designed"): (0.42, 0.85),
              ("senkaku-seizure", "ishiba", "without USA"): (0.40, 0.87),
              ("dprk-attack-rok", "status-quo", "as designed"): (0.77, 0.43)},
             {("taiwan-invasion", "status-quo", "USA"): 0.35,
              ("taiwan-invasion", "status-quo", "JPN"): 0.28,
              ("senkaku-seizure", "status-quo", "USA"): 0.08,
              ("senkaku-seizure", "ishiba", "AUS"): 0.03}, 0.04),
    SHARED: ({("taiwan-blockade", "status-quo", "as designed"): (0.33, 0.92),
              ("taiwan-blockade", "ishiba", "as designed"): (0.35, 0.90),
              ("taiwan-invasion", "status-quo", "as designed"): (0.396, 0.87),
              ("senkaku-seizure", "ishiba", "without USA"): (0.39, 0.87),
              ("dprk-attack-rok", "status-quo", "as designed"): (0.735, 0.48)},
             {("taiwan-invasion", "status-quo", "USA"): 0.23,
              ("taiwan-invasion", "status-quo", "JPN"): 0.164,
              ("senkaku-seizure", "status-quo", "USA"): 0.067,
              ("senkaku-seizure", "ishiba", "AUS"): 0.02}, 0.025),
}


@pytest.mark.slow
@pytest.mark.parametrize("parameters", list(FLAGSHIP))
def test_flagship_under_the_fitted_sets(parameters):
    pinned, fight, check = FLAGSHIP[parameters]
    res = analyze(_case("asian-nato-2024", parameters), draws=2000, rng=20241215,
                  sensitivity=False)
    o = res.outcomes.set_index(["crisis", "design", "variant"])
    for key, (deterred, prevails) in pinned.items():
        assert o.loc[key, "p_deterred"] == pytest.approx(deterred, abs=0.005), key
        assert o.loc[key, "p_aggressor_prevails"] == pytest.approx(prevails, abs=0.005), key
    s = res.states[(res.states.variant == "as designed")].set_index(["crisis", "design", "iso3"])
    for key, value in fight.items():
        assert s.loc[key, "p_fight_target"] == pytest.approx(value, abs=0.005), key
    assert res.checks.iloc[0].model_mean == pytest.approx(check, abs=0.005)
    assert np.isclose(res.converged, 1.0)


@pytest.mark.slow
def test_formation_cases_under_the_fitted_set():
    # foedus join-cases --draws 2000 --parameters crisis-1816-1945 (identical under judgement)
    from foedus.models.formation import analyze as join
    from foedus.models.formation.cases import HISTORICAL_CASES, score_design

    pinned = {  # case: (P(forms), placed right, log loss, P(record))
        "nato-1949": (0.725, 14, 0.857, 0.0), "seato-1954": (0.455, 4, 1.191, 0.0),
        "nato-accession-1951": (0.0, 5, 1.323, 0.0),
        "nato-accession-1955": (0.0, 5, 0.776, 0.0),
        "nato-accession-1981": (0.001, 5, 0.776, 0.0)}
    right = scored = 0
    for spec in HISTORICAL_CASES:
        result = join(_case(spec.scenario, FITTED), designs=[spec.design], draws=2000,
                      rng=np.random.default_rng(spec.seed), interest_samples=20)
        s = score_design(result.design(spec.design), spec.joined)
        forms, placed, loss, record = pinned[spec.scenario]
        assert s["p_forms"] == pytest.approx(forms, abs=0.0005), spec.scenario
        assert s["placed_right"] == placed and s["p_record"] == pytest.approx(record)
        assert s["log_loss"] == pytest.approx(loss, abs=0.0005), spec.scenario
        right, scored = right + s["placed_right"], scored + s["n_scored"]
    assert (right, scored) == (33, 48)
