"""The registry through which each model family speaks to the claims of a scenario.

A model family registers an *assessor* for the claim ids it can test: a function
``(case, rng) -> list[ClaimAssessment]``. ``foedus verdict`` runs every assessor registered for
the scenario's claims and lists the claims nobody can test as untestable. Assessor modules live
in ``foedus/verdict/assessors/<family>.py`` and are discovered at run time, so adding a family
touches no other family.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from foedus.scenarios.build import Case


class Verdict(StrEnum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    DEPENDS = "depends on an assumption"
    UNTESTABLE = "not testable by the models"


@dataclass(frozen=True)
class ClaimAssessment:
    """What one model output says about one claim.

    ``parameter`` and ``threshold`` name, for a verdict that depends on an assumption, the
    parameter and the value at which the verdict flips.
    """

    claim_id: str
    family: str
    verdict: Verdict
    evidence: str
    parameter: str | None = None
    threshold: float | None = None
    numbers: dict[str, float] = field(default_factory=dict)


Assessor = Callable[[Case, np.random.Generator], list[ClaimAssessment]]


@dataclass(frozen=True)
class AssessorSpec:
    family: str
    claim_ids: tuple[str, ...]
    assessor: Assessor


_ASSESSORS: list[AssessorSpec] = []


def register_assessor(family: str, claim_ids: Sequence[str]) -> Callable[[Assessor], Assessor]:
    """Decorator: ``family``'s assessor speaks to ``claim_ids``."""

    def decorate(assessor: Assessor) -> Assessor:
        _ASSESSORS.append(AssessorSpec(family, tuple(claim_ids), assessor))
        return assessor

    return decorate


def registered_assessors() -> list[AssessorSpec]:
    """All assessors (importing every module of ``foedus.verdict.assessors``)."""
    import importlib
    import pkgutil

    from foedus.verdict import assessors

    for module in pkgutil.iter_modules(assessors.__path__):
        importlib.import_module(f"{assessors.__name__}.{module.name}")
    return list(_ASSESSORS)
