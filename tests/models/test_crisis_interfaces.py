"""The crisis model's interfaces run: ``foedus crisis`` (five choices), its ``foedus run``
section and its verdict assessors."""

from __future__ import annotations

import numpy as np
import pandas as pd
from typer.testing import CliRunner

from foedus.interfaces.cli.main import app
from foedus.models.crisis import ACTIONS

runner = CliRunner()


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_crisis_command_one_crisis_one_design(tmp_path):
    out = invoke("crisis", "--crisis", "taiwan-invasion", "--design", "status-quo",
                 "--draws", "24", "--seed", "3", "--out", str(tmp_path))
    assert "taiwan-invasion: what each state would do" in out and "Check:" in out
    for header in ("fight for target", "support target", "stay out", "support aggressor",
                   "fight for aggressor"):
        assert header in out
    assert "without USA" in out
    states = pd.read_csv(tmp_path / "crisis__states.csv")
    assert set(states.design) == {"status-quo"}
    assert {f"p_{a}" for a in ACTIONS} | {"p_fight_target_p05", "p_fight_target_p95"} <= set(
        states.columns)
    for name in ("outcomes", "coalitions", "sensitivity", "checks", "parameters"):
        assert (tmp_path / f"crisis__{name}.csv").exists()


def test_crisis_command_all_designs_and_the_1914_scenario():
    out = invoke("crisis", "--crisis", "senkaku-seizure", "--draws", "16")
    assert "ishiba" in out and "* = treaty-obliged" in out
    out = invoke("crisis", "july-1914", "--draws", "16", "--without", "none")
    assert "austria-serbia-1914" in out and "RUS" in out
    assert "happened: predictions against what each state did" in out
    assert "placed right" in out and "P(deterred)" in out


def test_crisis_command_rejects_unknown_ids():
    result = runner.invoke(app, ["crisis", "--crisis", "nope", "--draws", "10"])
    assert result.exit_code != 0 and "no such crisis" in str(result.exception)


def test_run_section(flagship):
    from foedus.analysis.sections.crisis import crisis_section

    section = crisis_section(flagship, np.random.default_rng(0))
    assert set(section.display) == {"choices", "p_fight_target", "p_deterred"}
    deterred = section.tables["p_deterred"]
    assert set(deterred.variant) == {"as designed", "without USA"}
    assert deterred.drop(columns=["crisis", "variant"]).stack().between(0, 1).all()
    choices = section.tables["choices"]
    assert {f"p_{a}" for a in ACTIONS} <= set(choices.columns)


def test_run_section_on_a_historical_scenario():
    from foedus.analysis.sections.crisis import crisis_section
    from foedus.scenarios import build_case, load_scenario

    section = crisis_section(build_case(load_scenario("july-1914")),
                             np.random.default_rng(0))
    assert any("happened" in line and "P(deterred)" in line for line in section.summary)
    assert len(section.tables["history"]) == 12


def test_verdict_assessors(flagship):
    from foedus.verdict.assessors.crisis import assess_crisis

    out = {a.claim_id: a for a in assess_crisis(flagship, np.random.default_rng(1))}
    assert {"AC30", "AC31", "AC41", "AC48", "AC49", "AC50", "AC51", "AC52"} == set(out)
    assert out["AC48"].verdict.value == "not testable by the models"
    for a in (a for a in out.values() if a.claim_id != "AC48"):
        assert a.family == "crisis" and 0.0 <= a.numbers["p"] <= 1.0
        assert (a.parameter is not None) == (a.verdict.value == "depends on an assumption")
