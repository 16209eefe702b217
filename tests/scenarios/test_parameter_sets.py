"""Parameter sets: loading, validation against the registry, precedence under the scenario."""

from __future__ import annotations

import pytest

from foedus.errors import ScenarioError
from foedus.scenarios import build_case, load_scenario
from foedus.scenarios.parameter_sets import (
    DEFAULT_PARAMETER_SET,
    JUDGEMENT,
    load_parameter_set,
    shipped_parameter_sets,
)


def write(tmp_path, text):
    path = tmp_path / "set.yaml"
    path.write_text(text)
    return path


def test_the_default_set_is_shipped_and_estimated_before_the_test_era():
    # the rule of docs/validation-history.md: the default is the set with the lowest
    # out-of-sample log loss on 1946-2014, so it must have been estimated on earlier years
    assert DEFAULT_PARAMETER_SET in shipped_parameter_sets()
    chosen = load_parameter_set(DEFAULT_PARAMETER_SET)
    if DEFAULT_PARAMETER_SET == JUDGEMENT:
        return
    # a combination of fitted sets carries each one's provenance and copies its values
    parts = chosen.provenance.get("combines") or [DEFAULT_PARAMETER_SET]
    combined = {}
    for part in parts:
        fitted = load_parameter_set(part)
        _first, last = (int(y) for y in str(fitted.provenance["train"]).split("-"))
        assert last < 1946
        assert fitted.provenance["n"] > 0
        assert fitted.provenance["command"].startswith("foedus fit")
        # a fitted set names only the parameters of the model it was estimated for
        model = fitted.provenance["model"]
        assert fitted.values and all(name.startswith(f"{model}_") or model == "formation"
                                     and name == "treaty_reliability" for name in fitted.values)
        combined.update(fitted.values)
    assert combined == chosen.values


def test_every_shipped_set_loads_against_the_registry():
    for name in shipped_parameter_sets():
        loaded = load_parameter_set(name)
        assert loaded.name == name


def test_judgement_stays_selectable():
    judged = build_case(load_scenario("july-1914"), parameter_set=JUDGEMENT)
    default = build_case(load_scenario("july-1914"))
    assert judged.parameter_set_name == JUDGEMENT
    assert default.parameter_set_name == DEFAULT_PARAMETER_SET
    chosen = load_parameter_set(DEFAULT_PARAMETER_SET).values
    declared = load_scenario("july-1914").model.parameters   # the scenario's own sourced values win
    for name, dist in chosen.items():
        if name in declared:
            assert default.parameters[name] == judged.parameters[name]
            continue
        assert default.parameters[name] == dist        # the default set's distribution ...
        assert name not in judged.parameters           # ... and none under judgement


def test_judgement_is_the_empty_set():
    assert JUDGEMENT in shipped_parameter_sets()
    assert load_parameter_set(JUDGEMENT).values == {}


def test_a_file_is_validated_and_loaded(tmp_path):
    path = write(tmp_path, "name: t\nprovenance: {command: test}\nparameters:\n"
                           "  crisis_precision: {dist: point, value: 3.5, source: t}\n"
                           "  crisis_war_cost: 1.5\n")
    pset = load_parameter_set(path)
    assert pset.name == "t" and pset.provenance == {"command": "test"}
    assert pset.values["crisis_precision"].center() == 3.5
    assert pset.values["crisis_war_cost"].center() == 1.5


@pytest.mark.parametrize("body, field, words", [
    ("parameters:\n  crisis_precison: 3\n", "parameters.crisis_precison", "crisis_precision"),
    ("parameters:\n  treaty_reliability: 1.5\n", "parameters.treaty_reliability", "outside"),
    ("parameters: 3\n", "parameters", "mapping"),
    ("parameters: {}\nextra: 1\n", "extra", "unknown field"),
    ("parameters:\n  crisis_precision: {dist: gamma, k: 1}\n", "parameters.crisis_precision",
     ""),
])
def test_bad_files_get_one_located_line(tmp_path, body, field, words):
    with pytest.raises(ScenarioError) as info:
        load_parameter_set(write(tmp_path, body))
    message = str(info.value)
    assert "\n" not in message and info.value.field == field and words in message


def test_unknown_name_lists_the_shipped_sets():
    with pytest.raises(ScenarioError) as info:
        load_parameter_set("no-such-set")
    assert JUDGEMENT in str(info.value)


def test_scenario_values_take_precedence_over_the_set(tmp_path):
    path = write(tmp_path, "parameters:\n  treaty_reliability: 0.9\n  crisis_war_cost: 1.1\n")
    case = build_case(load_scenario("asian-nato-2024"), parameter_set=path)
    scenario_value = load_scenario("asian-nato-2024").model.parameters["treaty_reliability"]
    assert case.parameters["treaty_reliability"] == scenario_value
    assert case.parameters["crisis_war_cost"].center() == 1.1
    assert build_case(load_scenario("asian-nato-2024")).parameter_set_name \
        == DEFAULT_PARAMETER_SET
