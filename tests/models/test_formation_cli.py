"""``foedus join`` and the formation section of ``foedus run``."""

from __future__ import annotations

import pandas as pd
from typer.testing import CliRunner

from foedus.interfaces.cli.main import app

runner = CliRunner()


def test_join_prints_designs_states_and_reasons(tmp_path):
    result = runner.invoke(app, ["join", "asian-nato-2024", "--design", "ishiba", "--design",
                                 "minilateral-lattice", "--draws", "60", "--out",
                                 str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Designs compared" in result.output and "decided_by" in result.output
    states = pd.read_csv(tmp_path / "formation_states.csv")
    assert set(states.design) == {"ishiba", "minilateral-lattice"}
    assert {"p_join", "security_gained", "decided_by"} <= set(states.columns)


def test_join_rejects_an_unknown_design():
    result = runner.invoke(app, ["join", "--design", "nope", "--draws", "5"])
    assert result.exit_code != 0


def test_run_has_the_formation_section(flagship):
    from foedus.analysis.run import run_case

    section = run_case(flagship, only=["formation"]).section("formation")
    assert "join" in section.tables
    table = section.tables["join"]
    assert list(table.columns) == ["state", "ishiba", "ishiba-no-taiwan",
                                   "ishiba-taiwan-protocol", "nato-style-no-taiwan",
                                   "minilateral-lattice"]
    again = run_case(flagship, only=["formation"]).section("formation")
    assert again.tables["states"].equals(section.tables["states"])


def test_run_section_skips_designs_without_an_adversary():
    import textwrap

    import numpy as np

    from foedus.analysis.sections.formation import formation_section
    from foedus.scenarios import build_case
    from foedus.scenarios.loader import load_scenario_text

    text = textwrap.dedent("""
        id: no-crisis
        title: A design with nobody to deter
        date: 2024-12-15
        states: [{iso3: USA}, {iso3: JPN}]
        designs:
          - id: pact
            name: Pact
            invited: [USA, JPN]
            add:
              - {id: p, name: P, kind: proposed_treaty, members: [USA, JPN],
                 in_force: 2024-12-15, source: test}
            source: test
    """)
    case = build_case(load_scenario_text(text, "no-crisis.yaml"))
    section = formation_section(case, np.random.default_rng(0))
    assert any("no adversary" in note for note in section.notes)


def test_join_with_the_qre_solution(tmp_path):
    result = runner.invoke(app, ["join", "nato-accession-1951", "--draws", "8",
                                 "--interest-samples", "1", "--solution", "qre", "--out",
                                 str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "quantal-response" in result.output
    states = pd.read_csv(tmp_path / "formation_states.csv")
    assert states.set_index("state").loc["USA", "p_join"] == 1.0     # an incumbent


def test_join_rejects_an_unknown_solution():
    result = runner.invoke(app, ["join", "--solution", "nash", "--draws", "5"])
    assert result.exit_code != 0 and "--solution nash" in str(result.exception)


def test_join_cases_scores_the_historical_cases(tmp_path):
    result = runner.invoke(app, ["join-cases", "--case", "nato-accession-1981", "--draws",
                                 "10", "--interest-samples", "1", "--out", str(tmp_path)],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    table = pd.read_csv(tmp_path / "formation_cases.csv")
    assert list(table.case) == ["nato-accession-1981"]
    assert table.n_scored.iloc[0] == 6 and table.joined.iloc[0] == 1     # Spain
    assert {"share_right", "brier", "log_loss", "auc"} <= set(table.columns)
    bad = runner.invoke(app, ["join-cases", "--case", "nato-1999", "--draws", "5"])
    assert bad.exit_code != 0 and "no such historical case" in str(bad.exception)
