"""``--parameters NAME|FILE`` on every command that runs a model, and ``parameter_set:``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scenarios"))
from bad_inputs import BASE, run_cli

from foedus.interfaces.cli.options import load_case

SET = """\
name: probe
description: a test set
provenance: {command: hand-written for the test}
parameters:
  treaty_reliability: {dist: beta, a: 9, b: 1, source: test}
  burden_private_share: 0.3
"""


@pytest.fixture
def files(tmp_path):
    (tmp_path / "probe.yaml").write_text(SET)
    scenario = tmp_path / "case.yaml"
    scenario.write_text(BASE.replace(
        "parameters:\n  treaty_reliability: {dist: beta, a: 2, b: 8, source: test}\n", "")
        + "parameter_set: probe.yaml\n")
    return tmp_path


def test_a_scenario_names_its_set_relative_to_itself(files):
    case = load_case(str(files / "case.yaml"))
    assert case.parameter_set_name == "probe"
    assert case.parameters["treaty_reliability"].center() == pytest.approx(0.9)


def test_the_command_line_set_wins_over_the_scenario_s(files):
    case = load_case(str(files / "case.yaml"), "judgement")
    assert case.parameter_set_name == "judgement"
    assert "treaty_reliability" not in case.parameters


def test_scenario_parameters_win_over_the_set(files):
    case = load_case("nato-1949", str(files / "probe.yaml"))
    assert case.parameters["burden_private_share"].center() == pytest.approx(0.3)


def test_default_set_is_one_constant():
    from foedus.scenarios.parameter_sets import DEFAULT_PARAMETER_SET

    assert load_case("nato-1949").parameter_set_name == DEFAULT_PARAMETER_SET


@pytest.mark.parametrize("command", [["run", "--section", "states"], ["crisis", "--draws", "2"],
                                     ["join", "--draws", "2", "--interest-samples", "1"],
                                     ["burden", "--draws", "0"], ["align", "--draws", "0"],
                                     ["verdict", "--family", "obligations"],
                                     ["scenario", "validate"]])
def test_every_model_command_takes_parameters(files, command):
    args = [*command[:1], *(command[1:2] if command[0] == "scenario" else []),
            str(files / "case.yaml"), *(command[1:] if command[0] != "scenario" else []),
            "--parameters", str(files / "probe.yaml")]
    result = run_cli(*args)
    assert not result.crash, result.crash
    assert result.code == 0, result.stderr
    bad = run_cli(*args[:-1], str(files / "nope.yaml"))
    assert bad.code == 2 and "no such parameter-set" in bad.error_lines[0]


def test_run_records_the_set(files, tmp_path):
    out = tmp_path / "out"
    result = run_cli("run", str(files / "case.yaml"), "--section", "states", "--out", str(out))
    assert result.code == 0, result.stderr
    assert json.loads((out / "run.json").read_text())["provenance"]["parameter_set"] == "probe"
