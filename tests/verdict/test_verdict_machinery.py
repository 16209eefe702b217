"""The verdict machinery on constructed cases: toy assessors with known answers.

Each toy assessor reads a toy scenario's facts and two registered parameters, so the right
verdict, basis, deciding facts and flip are known by construction of the test:

* a claim decided by a fact sourced to the claim itself -> "assumed, not tested";
* a claim that holds for every parameter value -> "by construction";
* a claim that only two parameters together can reverse -> a two-parameter flip;
* an assessor reading a fact (or a parameter) it did not declare -> a declaration problem.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from foedus.scenarios import build_case, load_scenario_text
from foedus.verdict import (
    ClaimAssessment,
    Measure,
    ParameterRows,
    assess_claims,
    compare_parameter_sets,
    measure_verdict,
    registry,
)

A, B = "formation_entrapment_weight", "formation_coercion_weight"     # U(0.5, 2), U(1, 5)

TOY = """
id: toy-verdict
title: toy case for the verdict machinery
date: 2010-06-30
states:
  - iso3: USA
    facts:
      toy_flag: {value: 1, unit: flag, year: 2010, source: "claim XX01 record_check (S7)"}
      toy_level: {value: 0.8, unit: share, year: 2010, source: "an election commission"}
  - iso3: CAN
    facts:
      toy_hidden: {value: 1, unit: flag, year: 2010, source: "a statistical office"}
  - {iso3: GBR}
"""


@pytest.fixture(scope="module")
def toy_case():
    import warnings

    with warnings.catch_warnings():      # the toy facts are read by the toy assessors only
        warnings.simplefilter("ignore")
        return build_case(load_scenario_text(TOY, "toy.yaml"), "judgement")   # registered centres


@pytest.fixture
def claims_file(tmp_path):
    path = tmp_path / "claims.csv"
    pd.DataFrame({"id": ["XX01", "XX02", "XX03", "XX04", "XX05"],
                  "claim": ["flag claim", "always", "two together", "hidden", "untested"],
                  "source": ["S7", "S8", "S9", "S10", ""]}).to_csv(path, index=False)
    return path


@pytest.fixture
def toy_registry(monkeypatch):
    """An empty registry for toy assessors (the real ones are not run)."""
    monkeypatch.setattr(registry, "_ASSESSORS", [])
    monkeypatch.setattr(registry, "registered_assessors", lambda: list(registry._ASSESSORS))
    from foedus.verdict import verdict as verdict_module

    monkeypatch.setattr(verdict_module, "registered_assessors",
                        lambda: list(registry._ASSESSORS))
    return registry


def _draws(case, rng, n=64) -> ParameterRows:
    from foedus.scenarios.parameters import known_parameters

    registry_ = known_parameters()
    cols = [np.asarray((case.parameters.get(p) or registry_[p].default).sample(rng, n))
            for p in (A, B)]
    return ParameterRows((A, B), np.column_stack(cols))


def _assessment(claim, family, case, rng, reading) -> ClaimAssessment:
    draws = _draws(case, rng)

    def evaluate(c, rows):
        return np.asarray(reading(c, rows), dtype=float)

    values = evaluate(case, draws)
    m = Measure(draws, values, evaluate)
    return ClaimAssessment(claim, family, measure_verdict(m.p), f"toy measure for {claim}",
                           measure=m)


def _fact(case, iso3, name) -> float:
    return case.world.states[iso3].value(name) or 0.0


def test_a_claim_decided_by_a_fact_sourced_to_it_is_assumed(toy_case, claims_file,
                                                            toy_registry):
    @toy_registry.register_assessor("toy", ["XX01"], state_facts=["toy_flag"],
                                    parameters=[A, B])
    def toy(case, rng):
        # holds wherever the flag is set, whatever the parameters
        return [_assessment("XX01", "toy", case, rng,
                            lambda c, rows: np.full(len(rows), _fact(c, "USA", "toy_flag")))]

    row = assess_claims(toy_case, claims_path=claims_file, search="quick").table \
        .set_index("claim_id").loc["XX01"]
    assert row.model_verdict == "supported"
    assert row.verdict == "assumed, not tested" and row.basis == "assumed"
    assert "USA toy_flag" in row.deciding_facts and "cites claim XX01 itself" in row.basis_reason
    assert "shares evidence S7" in row.basis_reason
    assert row.problems == ""


def test_an_independently_sourced_deciding_fact_leaves_the_claim_tested(toy_case, claims_file,
                                                                        toy_registry):
    @toy_registry.register_assessor("toy", ["XX03"], state_facts=["toy_level"],
                                    parameters=[A, B])
    def toy(case, rng):
        # holds when the level is high and the entrapment weight is below 1.8
        return [_assessment("XX03", "toy", case, rng,
                            lambda c, rows: (_fact(c, "USA", "toy_level") > 0.5)
                            & (rows[A] < 1.8))]

    row = assess_claims(toy_case, claims_path=claims_file, search="quick").table \
        .set_index("claim_id").loc["XX03"]
    assert row.basis == "tested" and row.verdict == "supported"
    assert row.deciding_facts == "USA toy_level"          # decides, but is not circular
    assert row.flip.startswith("fails if formation_entrapment_weight 1.25 -> 1.8")


def test_a_claim_that_holds_for_every_parameter_value_is_by_construction(toy_case, claims_file,
                                                                         toy_registry):
    @toy_registry.register_assessor("toy", ["XX02"], parameters=[A, B])
    def toy(case, rng):
        # A + B is at least 1.5 everywhere in the ranges: the claim "A + B > 1" cannot fail
        return [_assessment("XX02", "toy", case, rng, lambda c, rows: rows[A] + rows[B] > 1.0)]

    row = assess_claims(toy_case, claims_path=claims_file, search="quick").table \
        .set_index("claim_id").loc["XX02"]
    assert row.model_verdict == "supported" and row.verdict == "by construction"
    assert "no combination within the ranges" in row.flip
    assert row.flip_size == -1


def test_a_structurally_signed_measure_is_by_construction_even_with_a_flip(toy_case,
                                                                           claims_file,
                                                                           toy_registry):
    @toy_registry.register_assessor("toy", ["XX02"], parameters=[A, B])
    def toy(case, rng):
        a = _assessment("XX02", "toy", case, rng, lambda c, rows: rows[A] < 1.9)
        m = a.measure
        signed = Measure(m.draws, m.values, m.evaluate, structural="the term is never positive")
        return [ClaimAssessment("XX02", "toy", a.verdict, a.evidence, measure=signed)]

    row = assess_claims(toy_case, claims_path=claims_file, search="quick").table \
        .set_index("claim_id").loc["XX02"]
    assert row.verdict == "by construction" and row.basis_reason == "the term is never positive"
    assert row.flip_size == 1                       # the flip is still reported


def test_a_two_parameter_flip_is_found_where_no_single_parameter_flips(toy_case, claims_file,
                                                                       toy_registry):
    @toy_registry.register_assessor("toy", ["XX03"], parameters=[A, B])
    def toy(case, rng):
        # fails only when both weights are high (top tenth of each range)
        return [_assessment("XX03", "toy", case, rng,
                            lambda c, rows: ~((rows[A] > 1.85) & (rows[B] > 4.6)))]

    row = assess_claims(toy_case, claims_path=claims_file, search="quick").table \
        .set_index("claim_id").loc["XX03"]
    assert row.flip_size == 2 and "neither alone" in row.flip
    assert A in row.flip and B in row.flip
    # the reported values do reverse the claim, and are close to the true boundary
    changes = {k: float(v) for k, v in (x.split("=") for x in row.flip_values.split("; "))}
    assert 1.85 < changes[A] < 1.9 and 4.6 < changes[B] < 4.75


def test_an_undeclared_fact_read_is_caught(toy_case, claims_file, toy_registry):
    @toy_registry.register_assessor("toy", ["XX04"], parameters=[A, B])
    def toy(case, rng):
        return [_assessment("XX04", "toy", case, rng,
                            lambda c, rows: np.full(len(rows), _fact(c, "CAN", "toy_hidden")))]

    row = assess_claims(toy_case, claims_path=claims_file, search="off").table \
        .set_index("claim_id").loc["XX04"]
    assert "reads undeclared fact CAN toy_hidden" in row.problems
    assert row.deciding_facts == "CAN toy_hidden"       # still found and reported


def test_an_undeclared_parameter_is_caught(toy_case, claims_file, toy_registry):
    other = "formation_distrust_weight"

    @toy_registry.register_assessor("toy", ["XX04"], parameters=[A, B])
    def toy(case, rng):
        def reading(c, rows):
            from foedus.scenarios.parameters import known_parameters

            dist = c.parameters.get(other) or known_parameters()[other].default
            return (rows[A] < 1.9) & (dist.center() < 0.3)
        return [_assessment("XX04", "toy", case, rng, reading)]

    row = assess_claims(toy_case, claims_path=claims_file, search="off").table \
        .set_index("claim_id").loc["XX04"]
    assert f"undeclared parameter {other}" in row.problems


def test_a_hook_that_does_not_reproduce_its_measure_is_caught(toy_case, claims_file,
                                                              toy_registry):
    @toy_registry.register_assessor("toy", ["XX04"], parameters=[A, B])
    def toy(case, rng):
        a = _assessment("XX04", "toy", case, rng, lambda c, rows: rows[A] < 1.9)
        m = a.measure
        wrong = Measure(m.draws, 1.0 - m.values, m.evaluate)
        return [ClaimAssessment("XX04", "toy", a.verdict, a.evidence, measure=wrong)]

    row = assess_claims(toy_case, claims_path=claims_file, search="off").table \
        .set_index("claim_id").loc["XX04"]
    assert "does not reproduce" in row.problems


def test_untestable_claims_and_claims_without_a_measure(toy_case, claims_file, toy_registry):
    from foedus.verdict import Verdict

    @toy_registry.register_assessor("toy", ["XX01", "XX02", "XX03"])
    def toy(case, rng):
        return [ClaimAssessment("XX01", "toy", Verdict.SUPPORTED, "read from the legal layer",
                                from_data=True),
                ClaimAssessment("XX02", "toy", Verdict.UNTESTABLE, "an intention"),
                ClaimAssessment("XX03", "toy", Verdict.SUPPORTED, "a model run, no measure")]

    table = assess_claims(toy_case, claims_path=claims_file).table.set_index("claim_id")
    assert table.loc["XX01", "basis"] == "data" and table.loc["XX01", "verdict"] == "supported"
    assert table.loc["XX02", "basis"] == "untestable"
    assert table.loc["XX03", "basis"] == "not audited"
    assert table.loc["XX03", "verdict"] == "supported"
    assert table.loc["XX05", "evidence"] == "no model family registered for this claim"


def test_parameter_sets_side_by_side(toy_case, claims_file, toy_registry, tmp_path):
    @toy_registry.register_assessor("toy", ["XX03"], parameters=[A, B])
    def toy(case, rng):
        return [_assessment("XX03", "toy", case, rng, lambda c, rows: rows[A] < 1.0)]

    fitted = tmp_path / "fitted.yaml"
    fitted.write_text(f"name: fitted\nparameters:\n  {A}: {{dist: uniform, low: 0.5, "
                      "high: 0.7, source: test}\n")
    result = compare_parameter_sets(toy_case.scenario, ["judgement", str(fitted)],
                                    claims_path=claims_file, search="quick")
    assert result.parameter_sets == ["judgement", "fitted"]
    side = result.side_by_side().set_index("claim_id")
    assert side.loc["XX03", "judgement"] == "depends on an assumption"
    # under the fitted set the whole range is below 1: no value reverses the claim
    assert side.loc["XX03", "fitted"] == "by construction"
    assert side.loc["XX03", "supported_under"] == "none"
    rows = result.table[result.table.claim_id == "XX03"].set_index("parameter_set")
    assert rows.loc["judgement", "flip_size"] == 1 and rows.loc["fitted", "flip_size"] == -1


def test_parameter_sets_named_twice_are_refused(toy_case):
    from foedus.errors import FoedusError

    with pytest.raises(FoedusError, match="named twice"):
        compare_parameter_sets(toy_case.scenario, ["judgement", "judgement"])


def test_the_interests_layer_declares_every_fact_it_reads(flagship):
    from foedus.interests import compute_interests
    from foedus.interests.indicators import DYAD_READS, STATE_READS
    from foedus.verdict.facts import recording_case

    case, log = recording_case(flagship)
    compute_interests(case.world)
    assert {name for _, name in log.state} <= set(STATE_READS)
    assert log.dyad <= set(DYAD_READS) and not log.table


def test_the_cli_prints_per_claim_the_sets_it_holds_under_and_its_basis(
        toy_registry, claims_file, tmp_path):
    """`foedus verdict --parameters A --parameters B`: per claim the verdict under each set,
    the sets under which it is supported, the basis (tested / assumed / by construction)
    and the deciding facts, on a constructed case whose answers are known."""
    from typer.testing import CliRunner

    from foedus.interfaces.cli.main import app

    @toy_registry.register_assessor("toy", ["XX01", "XX03"], state_facts=["toy_flag"],
                                    parameters=[A, B])
    def toy(case, rng):
        return [_assessment("XX01", "toy", case, rng,
                            lambda c, rows: np.full(len(rows), _fact(c, "USA", "toy_flag"))),
                _assessment("XX03", "toy", case, rng, lambda c, rows: rows[A] < 0.78)]

    scenario = tmp_path / "toy.yaml"
    scenario.write_text(TOY)
    fitted = tmp_path / "fitted.yaml"
    fitted.write_text(f"name: fitted\nparameters:\n  {A}: {{dist: uniform, low: 0.5, "
                      "high: 0.8, source: test}\n")
    result = CliRunner().invoke(app, ["verdict", str(scenario), "--claims", str(claims_file),
                                      "--parameters", "judgement", "--parameters", str(fitted),
                                      "--search", "quick"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    # XX03 holds in 19% of the judgement range of A and 93% of the fitted one
    assert ("XX03 judgement: depends on an assumption fitted: supported - supported under: "
            "fitted") in text
    assert "toy [judgement]: depends on an assumption" in text
    assert "tested deciding facts: none" in text
    # XX01 is decided by USA's toy_flag, sourced to the claim itself: assumed under both sets
    assert "XX01 judgement: assumed, not tested fitted: assumed, not tested - supported " \
           "under: none" in text
    assert "assumed: decided by USA toy_flag (cites claim XX01 itself" in text
    assert "deciding facts: USA toy_flag" in text
    assert "toy [judgement]: depends on an assumption" in text   # not eaten as markup
    assert "supported under: " in text.split("Not testable by the models")[1]
