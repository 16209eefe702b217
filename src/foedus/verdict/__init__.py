"""foedus.verdict: what the models say about each claim of a scenario (``foedus verdict``).

The registry (:mod:`foedus.verdict.registry`) is the contract between model families and
claims; :mod:`foedus.verdict.audit` checks each family's declared dependencies, finds the facts
that decide each claim, tells tested from assumed or by-construction results and searches
jointly for the smallest parameter change that reverses each verdict
(:mod:`foedus.verdict.flips`); :mod:`foedus.verdict.verdict` puts it together, per parameter
set and side by side.
"""

from foedus.verdict.flips import BUDGETS, Flip, SearchBudget, joint_flip
from foedus.verdict.registry import (
    AssessorSpec,
    ClaimAssessment,
    Measure,
    ParameterRows,
    Verdict,
    measure_verdict,
    register_assessor,
    registered_assessors,
)
from foedus.verdict.verdict import (
    VerdictResult,
    assess_claims,
    combined_verdict,
    compare_parameter_sets,
    default_parameter_sets,
)

__all__ = ["BUDGETS", "AssessorSpec", "ClaimAssessment", "Flip", "Measure", "ParameterRows",
           "SearchBudget", "Verdict", "VerdictResult", "assess_claims", "combined_verdict",
           "compare_parameter_sets", "default_parameter_sets", "joint_flip", "measure_verdict",
           "register_assessor", "registered_assessors"]
