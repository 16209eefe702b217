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
