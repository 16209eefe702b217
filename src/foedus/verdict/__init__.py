"""foedus.verdict: what the models say about each claim of a scenario (``foedus verdict``)."""

from foedus.verdict.registry import (
    AssessorSpec,
    ClaimAssessment,
    Verdict,
    register_assessor,
    registered_assessors,
)
from foedus.verdict.verdict import VerdictResult, assess_claims, combined_verdict

__all__ = ["AssessorSpec", "ClaimAssessment", "Verdict", "VerdictResult", "assess_claims",
           "combined_verdict", "register_assessor", "registered_assessors"]
