"""``foedus align`` and ``foedus balance`` run end to end."""

import pytest
from typer.testing import CliRunner

from foedus.interfaces.cli.main import app

runner = CliRunner()


def test_align_flagship(tmp_path):
    result = runner.invoke(app, ["align", "--draws", "2", "--out", str(tmp_path),
                                 "--plot", str(tmp_path / "net.png")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "alignment.csv").exists() and (tmp_path / "net.png").exists()
    assert "coalition 0" in result.output


def test_align_europe1936():
    result = runner.invoke(app, ["align", "europe-1936"])
    assert result.exit_code == 0, result.output
    assert "scenario propensities" in result.output


def test_balance(tmp_path):
    out = tmp_path / "balance.csv"
    result = runner.invoke(app, ["balance", "--years", "2000-2001", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_balance_bad_years():
    result = runner.invoke(app, ["balance", "--years", "abc"])
    assert result.exit_code != 0


@pytest.mark.slow
def test_align_world(tmp_path):
    result = runner.invoke(app, ["align", "--world", "--year", "2014", "--draws", "0",
                                 "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "world-2014" in result.output and (tmp_path / "alignment.csv").exists()


def test_run_section_when_every_state_ends_in_one_bloc(tmp_path):
    """Three allies with no rival: the minimum is one bloc (found by the fuzzer: the run
    section indexed a second side that did not exist)."""
    path = tmp_path / "allies.yaml"
    path.write_text("id: allies\ntitle: three allies\ndate: '2024-12-15'\nstates:\n"
                    "- iso3: USA\n- iso3: JPN\n- iso3: PHL\nplaces: []\nagreements: []\n"
                    "designs: []\ncrises: []\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(path), "--section", "alignment"])
    assert result.exit_code == 0, result.output
    assert "one bloc" in result.output


def test_run_section_names_a_state_without_size_data(tmp_path):
    """The Philippines in 1914 has no CINC: the section says so; the run goes on (found by
    the fuzzer: `validate` accepted the file and `run` refused it)."""
    path = tmp_path / "early.yaml"
    path.write_text("id: early\ntitle: before independence\ndate: '1914-07-28'\nstates:\n"
                    "- iso3: USA\n- iso3: JPN\n- iso3: PHL\nplaces: []\nagreements: []\n"
                    "designs: []\ncrises: []\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(path), "--section", "alignment"])
    assert result.exit_code == 0, result.output
    assert "Not computed" in result.output and "PHL" in result.output


def test_run_with_no_third_state_in_a_crisis(tmp_path):
    """Two states, one the aggressor and one the target: the crisis section says nobody
    decides instead of failing (found by the fuzzer)."""
    path = tmp_path / "duel.yaml"
    path.write_text("id: duel\ntitle: two states\ndate: '2024-12-15'\nstates:\n- iso3: USA\n"
                    "- iso3: JPN\nplaces:\n- id: p0\n  name: Place 0\n  source: test\n"
                    "agreements: []\ndesigns: []\ncrises:\n- id: c0\n  name: Crisis 0\n"
                    "  kind: invasion\n  aggressors: [JPN]\n  target: USA\n  location: p0\n"
                    "  hits:\n  - {state: USA, asset: territory, place: p0}\n  source: test\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["run", str(path), "--section", "crisis"])
    assert result.exit_code == 0, result.output
    assert "No third state decides" in result.output
