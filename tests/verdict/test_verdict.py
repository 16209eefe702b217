"""The verdict: every claim is listed; testable ones get a verdict from a registered family."""

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

#: The claims the brief requires the flagship verdict to cover with a model output.
REQUIRED = ["AC09", "AC10", "AC15", "AC17", "AC19", "AC59", "AC43", "AC45",
            "AC48", "AC49", "AC50", "AC51", "AC52"]


@pytest.fixture(scope="module")
def verdict(flagship):
    return assess_claims(flagship, seed=11)


def test_every_claim_is_listed_once_or_more(flagship, verdict):
    claims = load_claims(flagship.scenario)
    assert set(verdict.table.claim_id) == set(claims.id)
    untestable = verdict.table[verdict.table.family == ""]
    assert set(untestable.verdict) == {Verdict.UNTESTABLE.value}


def test_required_claims_have_a_model_verdict(verdict):
    table = verdict.table
    for claim in REQUIRED:
        rows = table[(table.claim_id == claim) & (table.family != "")]
        assert len(rows), claim
        assert all(len(e) > 20 for e in rows.evidence), claim
    assert set(table.verdict) <= {v.value for v in Verdict}


def test_headline_verdicts_on_the_flagship(verdict):
    """The models' reading of the headline theses (see docs/verdict.md for the numbers)."""
    summary = verdict.summary().set_index("claim_id").verdict
    assert summary["AC09"] == "supported"       # no new treaty defence link since 2022
    assert summary["AC10"] == "supported"       # Ishiba's eight-member pact is not stable
    assert summary["AC17"] == "supported"       # India joins no binding design
    formation = verdict.table[verdict.table.family == "formation"].set_index("claim_id")
    assert formation.loc["AC48", "verdict"] == "not testable by the models"   # about intent


def test_testable_claims_file_names_only_known_claims(flagship):
    claims = set(load_claims(flagship.scenario).id)
    testable = load_testable(flagship.scenario)
    assert set(testable.claim_id) <= claims
    assert set(REQUIRED) <= set(testable.claim_id)


def test_claims_spoken_to_by_several_families_are_kept_together(flagship, monkeypatch):
    monkeypatch.setattr(registry, "_ASSESSORS", list(registry.registered_assessors()))

    @registry.register_assessor("dummy", ["AC17"])
    def dummy(case, rng):
        return [ClaimAssessment("AC17", "dummy", Verdict.CONTRADICTED, "a test assessor")]

    result = assess_claims(flagship, seed=1, families=["formation", "dummy"])
    rows = result.table[result.table.claim_id == "AC17"]
    assert list(rows.family) == ["dummy", "formation"]
    positions = rows.index.to_list()
    assert positions[1] - positions[0] == 1      # adjacent in the table
    assert result.summary().set_index("claim_id").loc["AC17", "verdict"] == "mixed"


def test_combined_verdict():
    assert combined_verdict(["not testable by the models"]) == "not testable by the models"
    assert combined_verdict(["supported", "not testable by the models"]) == "supported"
    assert combined_verdict(["depends on an assumption", "supported"]) == "mixed"


def test_a_claims_file_can_be_passed(flagship, tmp_path):
    path = tmp_path / "claims.csv"
    pd.DataFrame({"id": ["AC17", "XX01"], "claim": ["India stays out", "untested"]}).to_csv(
        path, index=False)
    result = assess_claims(flagship, claims_path=path, families=["formation"])
    assert set(result.table.claim_id) == {"AC17", "XX01"}
    assert result.table.set_index("claim_id").loc["XX01", "family"] == ""


def test_verdict_cli_prints_claims_and_untestable(tmp_path):
    from foedus.interfaces.cli.main import app

    out_file = tmp_path / "verdict.csv"
    result = CliRunner().invoke(app, ["verdict", "--out", str(out_file)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "AC17" in result.output and "Not testable by the models" in result.output
    assert "flips" in result.output or "assumption" in result.output
    assert len(pd.read_csv(out_file)) >= 61


def test_verdict_cli_without_claims_file():
    from foedus.interfaces.cli.main import app

    result = CliRunner().invoke(app, ["verdict", "nato-1949"], catch_exceptions=False)
    assert result.exit_code == 0 and "no claims file" in result.output
