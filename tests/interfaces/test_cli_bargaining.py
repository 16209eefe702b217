"""``foedus bargain``: scenario negotiations, KTAB files, conversions, bad input (exit 2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from foedus.interfaces.cli.main import app

DATA = Path(__file__).resolve().parents[1] / "data" / "ktab" / "inputs"
runner = CliRunner()


def invoke(*args: str):
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_bargain_flagship_prints_forecast_designs_and_deciders(tmp_path):
    out = invoke("bargain", "--draws", "6", "--seed", "4", "--out", str(tmp_path))
    assert "Forecast per issue" in out and "obligation_depth" in out
    assert "Design nearest to the forecast" in out and "minilateral-lattice" in out
    assert "Collective defence (obligation_depth >= 67)" in out
    forecast = pd.read_csv(tmp_path / "bargain__forecast.csv")
    assert len(forecast) == 5
    assert (tmp_path / "bargain__sensitivity.csv").exists()
    assert len(pd.read_csv(tmp_path / "bargain__draws.csv")) == 6 * 5


def test_bargain_ktab_file_and_switch(tmp_path):
    out = invoke("bargain", "--ktab", str(DATA / "dummyData_3Dim.csv"), "--out", str(tmp_path))
    assert "10 turns" in out and "0.9999" in out
    positions = pd.read_csv(tmp_path / "bargain__positions.csv")
    assert positions.turn.max() == 10
    out = invoke("bargain", "--ktab", str(DATA / "dummyData_3Dim.csv"), "--switch",
                 "PCEModel=MarkovIncentive")
    assert "MarkovIncentive" in out


def test_bargain_ktab_expected_utility_model():
    out = invoke("bargain", "--ktab", str(DATA / "SOE-Policy.csv"), "--model", "eu")
    assert "expected-utility model" in out


def test_conversions_both_ways(tmp_path):
    section = tmp_path / "section.yaml"
    invoke("bargain", "--ktab", str(DATA / "SOE-Pol-Comp.csv"), "--write-section", str(section))
    assert section.read_text().startswith("negotiations:")
    ktab = tmp_path / "flagship.xml"
    invoke("bargain", "--draws", "0", "--write-ktab", str(ktab))
    assert "<ModelParameters>" in ktab.read_text()
    out = invoke("bargain", "--ktab", str(ktab))
    assert "9 actors" in out


def _fails(*args: str) -> str:
    """Run the CLI's entry point in this process: exit status 2 and one `error:` line."""
    import contextlib
    import io

    from foedus.interfaces.cli import main as cli

    stderr = io.StringIO()
    code = 0
    old = sys.argv
    sys.argv = ["foedus", *args]
    try:
        with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
            cli.main()
    except SystemExit as exc:
        code = exc.code
    finally:
        sys.argv = old
    assert code == 2, stderr.getvalue()
    lines = [line for line in stderr.getvalue().splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), stderr.getvalue()
    return lines[0]


def test_bad_input_in_a_real_process_gives_no_traceback(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<Scenario><prngSeed>1")
    proc = subprocess.run([sys.executable, "-m", "foedus.interfaces.cli.main", "bargain",
                           "--ktab", str(bad)], capture_output=True, text=True, check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("error:") and "not well-formed XML" in proc.stderr


def test_bad_ktab_input_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Toy,desc,3,1,\nActor,Description,Power,Pos,Sal,\nA,a,1,20,50,\n"
                   "B,b,1,x,50,\nC,c,1,30,50,\n")
    line = _fails("bargain", "--ktab", str(bad))
    assert "bad.csv:row 4: position 'Pos' of actor 'B': 'x' is not a number" in line
    assert "empty" in _fails("bargain", "--ktab", str(_empty(tmp_path)))


def _empty(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    return path


def test_unknown_switch_value_and_model_exit_2():
    assert "VotingRule: unknown value 'Plurality'" in _fails(
        "bargain", "--ktab", str(DATA / "dummyData_3Dim.csv"), "--switch", "VotingRule=Plurality")
    assert "unknown KTAB model switch 'Voting'" in _fails(
        "bargain", "--ktab", str(DATA / "dummyData_3Dim.csv"), "--switch", "Voting=Prop")
    assert "--model mdp: choose smp or eu" in _fails("bargain", "--model", "mdp")
    assert "unknown negotiation 'x'" in _fails("bargain", "--negotiation", "x", "--draws", "0")


def test_options_are_checked_before_any_work(tmp_path):
    afile = tmp_path / "a.txt"
    afile.write_text("x")
    assert "draws" in _fails("bargain", "--draws", "-1")
    assert "draws" in _fails("bargain", "--draws", "1000000000")
    assert "seed" in _fails("bargain", "--seed", "-2")
    assert "processes" in _fails("bargain", "--processes", "0")
    assert "is a file" in _fails("bargain", "--out", str(afile))
    assert "file type" in _fails("bargain", "--write-ktab", str(tmp_path / "x.json"))
    assert "file type" in _fails("bargain", "--ktab", str(DATA / "dummyData_3Dim.csv"),
                                 "--write-section", str(tmp_path / "x.csv"))
    assert "no such file" in _fails("bargain", "--ktab", str(tmp_path / "none.csv"))
    assert "folder" in _fails("bargain", "--ktab", str(tmp_path))
    assert "no such parameter-set" in _fails("bargain", "--parameters", "nope", "--draws", "0")
    assert not any(tmp_path.iterdir()) or sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_parameters_option_is_accepted():
    out = invoke("bargain", "--draws", "0", "--parameters", "judgement")
    assert "Forecast per issue" in out
