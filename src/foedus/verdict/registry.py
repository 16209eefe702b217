"""The registry through which each model family speaks to the claims of a scenario.

A model family registers an *assessor* for the claim ids it can test, together with a
declaration of what its results depend on::

    @register_assessor("formation", ["AC10", "AC17"],
                       state_facts=["nonalignment_doctrine"], dyad_facts=["coercion_history"],
                       parameters=["treaty_reliability", "formation_*", "interests_*"])
    def assess_formation(case, rng) -> list[ClaimAssessment]: ...

The assessor is a function ``(case, rng) -> list[ClaimAssessment]``. An assessment that rests
on the model's parameters carries a :class:`Measure`: the claim as a number in [0, 1] per
parameter vector (it holds where the number exceeds 1/2), its values on the assessor's own
Monte Carlo draws, and a hook that evaluates it at other parameter vectors or on another case
(the same scenario with a fact switched off). The verdict machinery
(:mod:`foedus.verdict.audit`) uses the hook to check the declaration, to find the facts that
decide each claim and to search jointly for the smallest change of parameters that reverses
it. Assessor modules live in ``foedus/verdict/assessors/<family>.py`` and are discovered at
run time, so adding a family touches no other family. The full contract is in
``docs/verdict.md``.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from foedus.errors import FoedusError
from foedus.scenarios.build import Case

__all__ = ["Assessor", "AssessorSpec", "ClaimAssessment", "Measure", "ParameterRows",
           "Verdict", "measure_verdict", "register_assessor", "registered_assessors"]

#: A claim is supported when it holds in at least this share of the draws, contradicted when
#: it holds in at most ``CONTRADICT``; in between it depends on an assumption.
SUPPORT, CONTRADICT = 0.9, 0.1


class Verdict(StrEnum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    DEPENDS = "depends on an assumption"
    ASSUMED = "assumed, not tested"
    BY_CONSTRUCTION = "by construction"
    UNTESTABLE = "not testable by the models"


def measure_verdict(p: float) -> Verdict:
    """The verdict from the share ``p`` of draws in which the claim holds.

    Examples
    --------
    >>> measure_verdict(0.95).value, measure_verdict(0.5).value, measure_verdict(0.0).value
    ('supported', 'depends on an assumption', 'contradicted')
    """
    if p >= SUPPORT:
        return Verdict.SUPPORTED
    if p <= CONTRADICT:
        return Verdict.CONTRADICTED
    return Verdict.DEPENDS


@dataclass(frozen=True)
class ParameterRows:
    """Parameter vectors, one row each: ``values[:, k]`` is parameter ``names[k]``.

    Examples
    --------
    >>> rows = ParameterRows(("a", "b"), [[1.0, 2.0], [3.0, 4.0]])
    >>> rows["b"].tolist(), len(rows)
    ([2.0, 4.0], 2)
    """

    names: tuple[str, ...]
    values: np.ndarray

    def __post_init__(self) -> None:
        v = np.atleast_2d(np.asarray(self.values, dtype=float))
        if v.shape[1] != len(self.names):
            raise ValueError(f"{v.shape[1]} columns for {len(self.names)} parameter names")
        object.__setattr__(self, "names", tuple(self.names))
        object.__setattr__(self, "values", v)

    def __len__(self) -> int:
        return self.values.shape[0]

    def __getitem__(self, name: str) -> np.ndarray:
        return self.values[:, self.names.index(name)]

    def take(self, index) -> ParameterRows:
        """The rows ``index`` (an index array or slice)."""
        return ParameterRows(self.names, self.values[index])

    def digest(self) -> bytes:
        """A key for caches: equal rows give equal digests."""
        import hashlib

        return hashlib.blake2b(self.values.tobytes() + "|".join(self.names).encode(),
                               digest_size=16).digest()


#: ``evaluate(case, rows) -> (len(rows),) values in [0, 1]`` of one claim's measure.
Evaluate = Callable[[Case, ParameterRows], np.ndarray]


@dataclass(frozen=True)
class Measure:
    """A claim as a number in [0, 1] per parameter vector; it holds where the number > 1/2.

    Attributes
    ----------
    draws : ParameterRows
        The Monte Carlo draws the verdict rests on (columns: every parameter the measure
        depends on, a subset of the assessor's declared parameters).
    values : ndarray (D,)
        The measure on ``draws`` for the case assessed.
    evaluate : callable
        ``evaluate(case, rows)``: the measure at other parameter vectors (same columns as
        ``draws``) and on another case of the same scenario (a fact switched off, other
        parameter distributions for the parameters not in the columns). It must reproduce
        ``values`` on ``(case, draws)``; the machinery checks that.
    structural : str
        Non-empty when the model makes the result one-sided whatever the parameters (a term
        that is signed or zero by the model's structure, found by the assessor from the
        model's own term arrays): the reason, in words. The claim is then reported as holding
        by construction.
    """

    draws: ParameterRows
    values: np.ndarray
    evaluate: Evaluate
    structural: str = ""

    def __post_init__(self) -> None:
        v = np.asarray(self.values, dtype=float).ravel()
        if v.shape[0] != len(self.draws):
            raise ValueError(f"{v.shape[0]} measure values for {len(self.draws)} draws")
        object.__setattr__(self, "values", v)

    @property
    def p(self) -> float:
        """Probability that the claim holds over the draws: the mean of the measure (a draw
        with several equally weighted outcomes counts the share in which it holds)."""
        return float(np.mean(self.values)) if len(self.values) else float("nan")


@dataclass(frozen=True)
class ClaimAssessment:
    """What one model output says about one claim.

    ``parameter`` and ``threshold`` may name, as evidence, the parameter a family's own
    sensitivity analysis ranks first; the verdict machinery replaces one-at-a-time flips by
    the joint flip search on ``measure``. An assessment without a measure is reported as the
    assessor gives it: with ``from_data`` when no model parameter enters it (read from the
    data or the legal layer), otherwise as *not audited* (its dependence on facts and
    parameters is unchecked).
    """

    claim_id: str
    family: str
    verdict: Verdict
    evidence: str
    parameter: str | None = None
    threshold: float | None = None
    numbers: dict[str, float] = field(default_factory=dict)
    measure: Measure | None = None
    aspect: str = ""           # e.g. "outcome" / "reason" when a family tests both
    from_data: bool = False    # without a measure: read from the data or the legal layer alone


Assessor = Callable[[Case, np.random.Generator], list[ClaimAssessment]]


@dataclass(frozen=True)
class AssessorSpec:
    """A registered assessor and its declaration.

    ``state_facts`` and ``dyad_facts`` name the scenario facts (``states[].facts`` and
    ``dyads[].facts``) the family's models read, for whichever states a scenario gives them;
    ``parameters`` the registered parameters its results depend on (``fnmatch`` patterns such
    as ``formation_*`` allowed).
    """

    family: str
    claim_ids: tuple[str, ...]
    assessor: Assessor
    state_facts: tuple[str, ...] = ()
    dyad_facts: tuple[str, ...] = ()
    parameters: tuple[str, ...] = ()

    def declared_parameters(self, known: Sequence[str]) -> tuple[str, ...]:
        """The registered parameter names the declaration covers, in registry order."""
        return tuple(n for n in known if any(fnmatch.fnmatchcase(n, p)
                                             for p in self.parameters))


_ASSESSORS: list[AssessorSpec] = []


def register_assessor(family: str, claim_ids: Sequence[str], *,
                      state_facts: Sequence[str] = (), dyad_facts: Sequence[str] = (),
                      parameters: Sequence[str] = ()) -> Callable[[Assessor], Assessor]:
    """Decorator: ``family``'s assessor speaks to ``claim_ids`` and declares its dependencies.

    Examples
    --------
    >>> spec_count = len(_ASSESSORS)
    >>> @register_assessor("doc-example", ["X1"], parameters=["treaty_reliability"])
    ... def example(case, rng):
    ...     return []
    >>> _ASSESSORS[-1].family, _ASSESSORS[-1].parameters
    ('doc-example', ('treaty_reliability',))
    >>> del _ASSESSORS[spec_count:]
    """
    if not family or not claim_ids:
        raise FoedusError("register_assessor needs a family name and at least one claim id")

    def decorate(assessor: Assessor) -> Assessor:
        _ASSESSORS.append(AssessorSpec(family, tuple(claim_ids), assessor, tuple(state_facts),
                                       tuple(dyad_facts), tuple(parameters)))
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
