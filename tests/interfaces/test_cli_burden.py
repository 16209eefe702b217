"""Every ``foedus burden`` command runs and writes what it promises (issue #5 item 4).

Expected values: NATO 1964, rho = 0.644 with 14 members used (docs/validation-burden.md,
computed from the shipped ATOP / COW NMC / WDI data); flagship membership as in
tests/models/test_burden_designs.py.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from foedus.errors import ParameterError
from foedus.interfaces.cli.commands.burden import parse_years
from foedus.interfaces.cli.main import app

runner = CliRunner()


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_burden_flagship_default_command(tmp_path):
    plot = tmp_path / "burden.png"
    out = invoke("burden", "--draws", "2", "--out", str(tmp_path / "csv"), "--plot", str(plot))
    for design in ("status-quo", "ishiba", "ishiba-no-taiwan", "nato-style-no-taiwan",
                   "minilateral-lattice"):
        assert design in out
    assert "Spending floors" in out and "Hague Summit Declaration" in out
    assert plot.stat().st_size > 10_000 and plot.read_bytes()[:4] == b"\x89PNG"
    summary = pd.read_csv(tmp_path / "csv" / "burden__summary.csv")
    assert summary["design"].tolist()[0] == "status-quo"
    assert {"largest_share_model", "largest_share_observed", "free_riding_index",
            "constrained_model__nato-2006-2pct"} <= set(summary.columns)
    members = pd.read_csv(tmp_path / "csv" / "burden__members.csv")
    assert set(members.loc[members.design == "ishiba", "member"]) == {
        "USA", "JPN", "AUS", "KOR", "PHL", "IND", "NZL", "TWN"}
    intervals = pd.read_csv(tmp_path / "csv" / "burden__intervals.csv")
    assert (intervals["draws"] == 2).all()
    assert len(pd.read_csv(tmp_path / "csv" / "burden__floors.csv")) == 3


def test_burden_designs_spelled_out_one_design():
    out = invoke("burden", "designs", "asian-nato-2024", "--design", "status-quo",
                 "--draws", "0")
    assert "hub-and-spoke" in out and "ishiba" not in out


def test_burden_unknown_design_is_an_error():
    with pytest.raises(Exception, match="no such design"):
        runner.invoke(app, ["burden", "--design", "nope"], catch_exceptions=False)


def test_burden_test_nato(tmp_path):
    csv, png = tmp_path / "nato.csv", tmp_path / "nato.png"
    out = invoke("burden", "test", "--alliance", "NATO", "--years", "1960-2023",
                 "--out", str(csv), "--plot", str(png))
    assert "significant at 5%" in out
    table = pd.read_csv(csv)
    assert table["year"].tolist() == list(range(1960, 2024))
    row = table.set_index("year").loc[1964]
    assert row["n_used"] == 14 and row["rho"] == pytest.approx(0.644, abs=5e-4)
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_burden_test_bad_years():
    assert parse_years("1964,1990-1991") == [1964, 1990, 1991]
    with pytest.raises(ParameterError, match="e.g. 1960-2023"):
        parse_years("19x0")
    with pytest.raises(ParameterError, match="reversed"):
        parse_years("2000-1990")


def test_run_has_burden_section():
    out = invoke("run", "--section", "burden")
    assert "Who pays?" in out and "free-riding index" in out and "below 2%" in out


def test_validate_checks_burden_parameter_domains(tmp_path):
    """The CLI registers burden_* so a private share above 1 is refused with its line."""
    from foedus.errors import ScenarioError

    flagship = Path(__file__).resolve().parents[2] / "src" / "foedus" / "scenarios" / \
        "library" / "asian-nato-2024.yaml"
    bad = tmp_path / "bad.yaml"
    bad.write_text(flagship.read_text().replace("    high: 0.6\n", "    high: 1.6\n", 1))
    with pytest.raises(ScenarioError, match="burden_private_share"):
        runner.invoke(app, ["scenario", "validate", str(bad)], catch_exceptions=False)
