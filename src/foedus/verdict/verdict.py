"""The verdict: what every model family says about every claim of a scenario.

:func:`assess_claims` runs, for one case (one parameter set), each assessor registered
(:mod:`foedus.verdict.registry`) for the claim ids of the scenario's claims file, each with its
own generator seeded from ``(seed, crc32(family))``, audits it (:mod:`foedus.verdict.audit`:
declarations, deciding facts, tested or assumed, joint flips) and returns one row per (claim,
family); claims no assessor speaks to are listed as not testable, never faked.
:func:`compare_parameter_sets` does the same under several parameter sets (the judgement
defaults, fitted sets) and puts the verdicts side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from foedus.errors import FoedusError
from foedus.verdict.audit import ClaimAudit, _Variants, audit_family
from foedus.verdict.claims import load_claims, load_testable
from foedus.verdict.facts import memo_case
from foedus.verdict.flips import BUDGETS, SearchBudget
from foedus.verdict.registry import Verdict, registered_assessors
from foedus.verdict.sources import load_source_index

__all__ = ["COLUMNS", "VerdictResult", "assess_claims", "combined_verdict",
           "compare_parameter_sets", "default_parameter_sets"]

COLUMNS = ["claim_id", "family", "aspect", "parameter_set", "verdict", "model_verdict", "p",
           "basis", "basis_reason", "deciding_facts", "influencing_facts", "flip", "flip_size",
           "flip_values", "flip_distance", "flip_searched", "claim", "proposition", "evidence", "facts_read",
           "problems"]


def combined_verdict(verdicts: Sequence[str]) -> str:
    """One verdict per claim from its families' verdicts.

    Examples
    --------
    >>> combined_verdict(["supported", "supported"])
    'supported'
    >>> combined_verdict(["supported", "contradicted"])
    'mixed'
    """
    tested = [v for v in verdicts if v != Verdict.UNTESTABLE.value]
    if not tested:
        return Verdict.UNTESTABLE.value
    if all(v == tested[0] for v in tested):
        return tested[0]
    return "mixed"


def default_parameter_sets(scenario=None) -> list:
    """The parameter sets ``foedus verdict`` compares by default: the judgement defaults, the
    set ``scenario`` names (``parameter_set:``) and the project's default set
    (``DEFAULT_PARAMETER_SET``), each once.

    Examples
    --------
    >>> default_parameter_sets()[0]
    'judgement'
    """
    from foedus.scenarios.parameter_sets import DEFAULT_PARAMETER_SET, JUDGEMENT

    out = [JUDGEMENT]
    named = getattr(getattr(scenario, "model", None), "parameter_set", None)
    if named:
        from foedus.scenarios.loader import resolve_parameter_set

        out.append(resolve_parameter_set(named, scenario.path))
    out.append(DEFAULT_PARAMETER_SET)
    return list(dict.fromkeys(out))


@dataclass(frozen=True)
class VerdictResult:
    """Every audited assessment of every claim (``table``), per parameter set."""

    scenario: str
    seed: int
    table: pd.DataFrame
    search: str = "full"

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    @property
    def parameter_sets(self) -> list[str]:
        return list(dict.fromkeys(self.table.parameter_set)) if len(self.table) else []

    def summary(self, parameter_set: str | None = None) -> pd.DataFrame:
        """One row per claim: its combined verdict (under ``parameter_set``, default the
        first) and the families that spoke to it."""
        sets = self.parameter_sets
        chosen = parameter_set or (sets[0] if sets else None)
        table = self.table[self.table.parameter_set == chosen] if chosen else self.table
        rows = []
        for claim_id, group in table.groupby("claim_id", sort=True):
            rows.append({"claim_id": claim_id, "verdict": combined_verdict(list(group.verdict)),
                         "families": " ".join(sorted({f for f in group.family if f}))})
        return pd.DataFrame(rows, columns=["claim_id", "verdict", "families"])

    def side_by_side(self) -> pd.DataFrame:
        """One row per claim: the combined verdict under each parameter set, and under which
        sets the models support the claim as a tested result (``supported_under``)."""
        sets = self.parameter_sets
        frames = [self.summary(s).set_index("claim_id")["verdict"].rename(s) for s in sets]
        if not frames:
            return pd.DataFrame(columns=["claim_id", "supported_under"])
        out = pd.concat(frames, axis=1)

        def under(row) -> str:
            yes = [s for s in sets if row[s] == Verdict.SUPPORTED.value]
            if not yes:
                return "none"
            return "all" if len(yes) == len(sets) and len(sets) > 1 else " ".join(yes)

        out["supported_under"] = out.apply(under, axis=1)
        return out.reset_index()


def _row(audit: ClaimAudit, parameter_set: str, text: dict, testable) -> dict:
    a, flip = audit.assessment, audit.flip
    return {"claim_id": a.claim_id, "family": a.family, "aspect": a.aspect,
            "parameter_set": parameter_set, "verdict": audit.verdict.value,
            "model_verdict": audit.model_verdict.value, "p": audit.p, "basis": audit.basis,
            "basis_reason": audit.basis_reason,
            "deciding_facts": "; ".join(audit.deciding),
            "influencing_facts": "; ".join(audit.influencing),
            "flip": flip.describe() if flip is not None else "",
            "flip_size": flip.size if flip is not None else None,
            "flip_values": "; ".join(f"{n}={b:.6g}" for n, _, b in flip.changes)
            if flip is not None and flip.found else "",
            "flip_distance": flip.distance if flip is not None and flip.found else None,
            "flip_searched": flip.searched if flip is not None else "",
            "claim": text.get(a.claim_id, ""),
            "proposition": testable["proposition"].get(a.claim_id, "")
            if a.claim_id in testable.index else "",
            "evidence": a.evidence, "facts_read": "; ".join(audit.facts_read),
            "problems": "; ".join(audit.problems)}


def assess_claims(case, *, seed: int = 20241215, families: Sequence[str] | None = None,
                  claims_path=None, search: str | SearchBudget = "full") -> VerdictResult:
    """Run and audit every registered assessor on ``case``; list the claims nobody can test.

    Parameters
    ----------
    case : foedus.scenarios.build.Case
        Its parameter set names the ``parameter_set`` column.
    seed : int
        Each family's generator is seeded with ``(seed, crc32(family))``.
    families : sequence of str, optional
        Only these families (default all).
    claims_path : path, optional
        A claims file other than the one shipped beside the scenario.
    search : {"full", "quick", "off"} or SearchBudget
        How hard the joint flip search looks (:data:`foedus.verdict.flips.BUDGETS`).

    Examples
    --------
    >>> from foedus.scenarios import build_case, load_scenario
    >>> r = assess_claims(build_case(load_scenario("asian-nato-2024")), families=["none"])
    >>> set(r.table.verdict) == {"not testable by the models"}
    True
    """
    budget = search if isinstance(search, SearchBudget) else _budget(search)
    claims = load_claims(case.scenario, claims_path)
    testable = load_testable(case.scenario).set_index("claim_id")
    text = dict(zip(claims.id, claims.claim))
    known = set(text)
    name = case.parameter_set_name
    if not known:                      # no claims to judge: run nothing
        return VerdictResult(case.scenario.id, seed, pd.DataFrame(columns=COLUMNS), budget.name)
    sources = load_source_index(case.scenario, claims)
    variants = _Variants(memo_case(case))
    rows: list[dict] = []
    spoken: set[str] = set()
    for spec in registered_assessors():
        if families and spec.family not in families:
            continue
        if not known.intersection(spec.claim_ids):
            continue
        for audit in audit_family(spec, case, seed=seed, known=known, sources=sources,
                                  budget=budget, variants=variants):
            spoken.add(audit.assessment.claim_id)
            rows.append(_row(audit, name, text, testable))
    for claim_id in sorted(known - spoken):
        rows.append({**{c: "" for c in COLUMNS}, "claim_id": claim_id, "parameter_set": name,
                     "verdict": Verdict.UNTESTABLE.value,
                     "model_verdict": Verdict.UNTESTABLE.value, "basis": "untestable",
                     "p": float("nan"), "flip_size": None, "flip_distance": None,
                     "claim": text[claim_id],
                     "evidence": "no model family registered for this claim"})
    table = pd.DataFrame(rows, columns=COLUMNS)
    table = table.sort_values(["claim_id", "family", "aspect"], kind="stable").reset_index(drop=True)
    return VerdictResult(case.scenario.id, seed, table, budget.name)


def _budget(search: str) -> SearchBudget:
    if search not in BUDGETS:
        raise FoedusError(f"search {search!r}: use one of {', '.join(BUDGETS)}")
    return BUDGETS[search]


def compare_parameter_sets(scenario, parameter_sets: Sequence | None = None, *,
                           seed: int = 20241215, families: Sequence[str] | None = None,
                           claims_path=None, search: str | SearchBudget = "full"
                           ) -> VerdictResult:
    """:func:`assess_claims` under each parameter set (names, files or
    :class:`~foedus.scenarios.parameter_sets.ParameterSet`; default
    :func:`default_parameter_sets`), one table with a ``parameter_set`` column.

    The same seed is used under every set, so the draws differ only through the
    distributions.
    """
    from foedus.scenarios.build import build_case
    from foedus.scenarios.parameter_sets import ParameterSet, load_parameter_set

    chosen = list(parameter_sets) if parameter_sets else default_parameter_sets(scenario)
    loaded = [s if isinstance(s, ParameterSet) else load_parameter_set(s) for s in chosen]
    names = [s.name for s in loaded]
    if len(set(names)) != len(names):
        raise FoedusError(f"parameter sets named twice: {', '.join(names)}; pass each once")
    results = [assess_claims(build_case(scenario, parameter_set=s), seed=seed,
                             families=families, claims_path=claims_path, search=search)
               for s in loaded]
    table = pd.concat([r.table for r in results], ignore_index=True)
    return VerdictResult(scenario.id, seed, table, results[0].search if results else "full")
