"""The verdict on the flagship: every claim is listed, the real assessors keep their contract.

No test here requires any claim of the analysed article to come out supported (or any other
verdict): the models must be free to disagree with the article. The machinery's rules are
tested on constructed cases in ``test_verdict_machinery.py``.
"""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from foedus.verdict import (
    ClaimAssessment,
    Verdict,
    assess_claims,
    combined_verdict,
    registry,
)
from foedus.verdict.claims import load_claims, load_testable
from foedus.verdict.verdict import COLUMNS

#: The claims the brief requires the flagship verdict to cover with a model output.
REQUIRED = ["AC09", "AC10", "AC15", "AC17", "AC19", "AC59", "AC43", "AC45",
            "AC48", "AC49", "AC50", "AC51", "AC52"]
VERDICTS = {v.value for v in Verdict}


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory):
    """``foedus verdict`` on the flagship, once (no flip search: the search is tested on
    constructed cases, and with a search in the slow test below)."""
    from foedus.interfaces.cli.main import app

    out_file = tmp_path_factory.mktemp("verdict") / "verdict.csv"
    result = CliRunner().invoke(app, ["verdict", "--search", "off", "--out", str(out_file)],
                                catch_exceptions=False)
    table = pd.read_csv(out_file, dtype=str, keep_default_na=False)
    table["p"] = pd.to_numeric(table.p, errors="coerce")
    return result, table


def test_verdict_cli_lists_every_claim_and_writes_the_table(flagship, cli_run):
    result, table = cli_run
    assert result.exit_code == 0, result.output
    claims = load_claims(flagship.scenario)
    assert set(table.claim_id) == set(claims.id)
    assert list(table.columns) == COLUMNS
    assert set(table.verdict) <= VERDICTS
    for claim in claims.id:
        assert claim in result.output
    assert "Not testable by the models" in result.output and "deciding facts" in result.output


def test_required_claims_have_a_model_assessment(cli_run):
    _, table = cli_run
    for claim in REQUIRED:
        rows = table[(table.claim_id == claim) & (table.family != "")]
        assert len(rows), claim
        assert all(len(e) > 20 for e in rows.evidence), claim


def test_the_flagship_assessors_keep_their_declared_contract(cli_run):
    """Every fact read is declared, no undeclared parameter moves a result, and each
    measure's evaluate hook reproduces the assessor's own numbers."""
    _, table = cli_run
    assert set(table.problems) == {""}, sorted(set(table.problems))
    measured = table[table.basis.isin(["tested", "assumed", "by construction"])]
    assert len(measured) >= len(REQUIRED)
    assert set(table.basis) <= {"tested", "assumed", "by construction", "data", "untestable",
                                "not audited"}
    assert measured.p.between(0, 1).all()
    facts = {f for cell in table.facts_read for f in cell.split("; ") if f}
    assert "IND nonalignment_doctrine" in facts        # read by the interests layer


def test_testable_claims_file_names_only_known_claims(flagship):
    claims = set(load_claims(flagship.scenario).id)
    testable = load_testable(flagship.scenario)
    assert set(testable.claim_id) <= claims
    assert set(REQUIRED) <= set(testable.claim_id)


def test_claims_spoken_to_by_several_families_are_kept_together(flagship, monkeypatch):
    monkeypatch.setattr(registry, "_ASSESSORS", list(registry.registered_assessors()))

    @registry.register_assessor("dummy", ["AC09"])
    def dummy(case, rng):
        return [ClaimAssessment("AC09", "dummy", Verdict.CONTRADICTED, "a test assessor")]

    result = assess_claims(flagship, seed=1, families=["obligations", "dummy"], search="off")
    rows = result.table[result.table.claim_id == "AC09"]
    assert list(rows.family) == ["dummy", "obligations"]
    positions = rows.index.to_list()
    assert positions[1] - positions[0] == 1      # adjacent in the table
    assert result.summary().set_index("claim_id").loc["AC09", "verdict"] == "mixed"


def test_combined_verdict():
    assert combined_verdict(["not testable by the models"]) == "not testable by the models"
    assert combined_verdict(["supported", "not testable by the models"]) == "supported"
    assert combined_verdict(["depends on an assumption", "supported"]) == "mixed"
    assert combined_verdict(["by construction", "by construction"]) == "by construction"


def test_a_claims_file_can_be_passed(flagship, tmp_path):
    path = tmp_path / "claims.csv"
    pd.DataFrame({"id": ["AC09", "XX01"], "claim": ["no new treaty", "untested"]}).to_csv(
        path, index=False)
    result = assess_claims(flagship, claims_path=path, families=["obligations"])
    assert set(result.table.claim_id) == {"AC09", "XX01"}
    assert result.table.set_index("claim_id").loc["XX01", "family"] == ""


def test_verdict_cli_without_claims_file():
    from foedus.interfaces.cli.main import app

    result = CliRunner().invoke(app, ["verdict", "nato-1949"], catch_exceptions=False)
    assert result.exit_code == 0 and "no claims file" in result.output


@pytest.mark.parametrize("args, message", [
    (["--search", "thorough"], "--search thorough"),
    (["--parameters", "no-such-set"], "no-such-set"),
])
def test_verdict_cli_bad_options_give_one_line(args, message):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "foedus.interfaces.cli.main", "verdict", *args],
                          check=False, capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and message in lines[0]


@pytest.mark.slow
def test_verdict_with_a_flip_search_on_the_flagship(flagship):
    """Every measured assessment gets a flip or a statement of what was searched."""
    result = assess_claims(flagship, search="quick")
    measured = result.table[result.table.basis.isin(["tested", "assumed", "by construction"])]
    assert (measured.flip != "").all()
    assert set(result.table.problems) == {""}
