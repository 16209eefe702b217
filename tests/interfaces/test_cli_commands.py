"""Every CLI subcommand runs (the README's commands included)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from foedus.interfaces.cli.main import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def invoke(*args: str):
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_run_flagship_prints_states_and_obligation_map():
    out = invoke("run")
    assert "asian-nato-2024" in out
    assert "States and key figures" in out and "Who is obliged?" in out
    assert "taiwan-invasion" in out and "minilateral-lattice" in out


def test_run_writes_json_and_csv(tmp_path):
    invoke("run", "--out", str(tmp_path))
    doc = json.loads((tmp_path / "run.json").read_text())
    assert doc["provenance"]["scenario_id"] == "asian-nato-2024"
    assert len(doc["provenance"]["scenario_sha256"]) == 64
    sections = {s["id"] for s in doc["sections"]}
    assert {"states", "obligations"} <= sections
    obligations = pd.read_csv(tmp_path / "obligations__obligations.csv")
    senkaku = obligations[(obligations.crisis == "senkaku-seizure")
                          & (obligations.design == "status-quo")
                          & (obligations.obligation == "defense")]
    assert senkaku[["obligor", "agreement", "article"]].values.tolist() == [
        ["USA", "usa-jpn-1960", "Art. V"]]
    states = pd.read_csv(tmp_path / "states__states.csv")
    assert {"cinc_year", "milex_source", "gdp_year"} <= set(states.columns)


def test_same_seed_same_numbers(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    invoke("run", "--out", str(a), "--seed", "7")
    invoke("run", "--out", str(b), "--seed", "7")
    for csv in sorted(a.glob("*.csv")):
        assert csv.read_bytes() == (b / csv.name).read_bytes(), csv.name


def test_obligations_command():
    out = invoke("obligations", "--crisis", "second-thomas-shoal", "--design", "status-quo")
    assert "usa-phl-1951" in out


def test_scenario_commands(tmp_path):
    assert "valid" in invoke("scenario", "validate", "asian-nato-2024")
    assert "Agreements" in invoke("scenario", "show", "asian-nato-2024")
    assert "asian-nato-2024" in invoke("scenario", "list")
    schema = json.loads(invoke("scenario", "schema"))
    assert "crises" in schema["properties"]
    invoke("scenario", "schema", "--out", str(tmp_path / "s.json"))
    assert json.loads((tmp_path / "s.json").read_text())["title"] == "ScenarioModel"


def test_data_and_cite_commands():
    assert "cow_nmc" in invoke("data", "list")
    assert "Correlates of War" in invoke("data", "describe", "cow_nmc")
    assert "foedus" in invoke("data", "versions")
    out = invoke("cite")
    assert "foedus" in out and "ATOP" in out


def test_shipped_scenario_copy_validates_from_a_file(tmp_path):
    from importlib import resources

    text = (resources.files("foedus.scenarios") / "library" / "asian-nato-2024.yaml").read_text()
    path = tmp_path / "copy.yaml"
    path.write_text(text)
    assert "valid" in invoke("scenario", "validate", str(path))


def test_console_script_runs_the_flagship():
    proc = subprocess.run([sys.executable, "-m", "foedus.interfaces.cli.main", "run",
                           "--section", "obligations"], check=False, capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stderr
    assert "Who is obliged?" in proc.stdout


def test_readme_quick_start_is_two_commands_and_ci_runs_the_second():
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"## Quick start.*?```(?:bash|sh)?\n(.*?)```", readme, re.DOTALL).group(1)
    commands = [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
    assert len(commands) == 2
    assert commands[0].endswith("foedus run")
    ci = (ROOT / ".ci" / "run").read_text()
    assert commands[1].strip() in ci


def test_executors_give_identical_numbers(flagship):
    from foedus.analysis.run import run_case

    serial = run_case(flagship, seed=11, only=["obligations", "burden", "alignment"],
                      executor="serial")
    forked = run_case(flagship, seed=11, only=["obligations", "burden", "alignment"],
                      executor="processes")
    for a, b in zip(serial.sections, forked.sections, strict=True):
        assert a.id == b.id
        for name, frame in a.tables.items():
            pd.testing.assert_frame_equal(frame, b.tables[name])
