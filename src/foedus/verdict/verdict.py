"""The verdict: what every model family says about every claim of a scenario.

:func:`assess_claims` runs each assessor registered (``foedus.verdict.registry``) for the claim
ids of the scenario's claims file, each with its own generator seeded from
``(seed, crc32(family))``, and returns one row per (claim, family); claims no assessor speaks
to are listed as not testable, never faked. Claims spoken to by several families are kept
together (rows sorted by claim id).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from foedus.errors import FoedusError
from foedus.verdict.claims import load_claims, load_testable
from foedus.verdict.registry import ClaimAssessment, Verdict, registered_assessors

__all__ = ["VerdictResult", "assess_claims", "combined_verdict"]

COLUMNS = ["claim_id", "family", "verdict", "claim", "proposition", "evidence", "parameter",
           "threshold"]


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


@dataclass(frozen=True)
class VerdictResult:
    """Every assessment of every claim (``table``) and the per-claim summary."""

    scenario: str
    seed: int
    table: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    def summary(self) -> pd.DataFrame:
        """One row per claim: its combined verdict and the families that spoke to it."""
        rows = []
        for claim_id, group in self.table.groupby("claim_id", sort=True):
            rows.append({"claim_id": claim_id, "verdict": combined_verdict(list(group.verdict)),
                         "families": " ".join(sorted({f for f in group.family if f}))})
        return pd.DataFrame(rows, columns=["claim_id", "verdict", "families"])


def assess_claims(case, *, seed: int = 20241215, families: Sequence[str] | None = None,
                  claims_path=None) -> VerdictResult:
    """Run every registered assessor on ``case`` and list the claims nobody can test.

    Parameters
    ----------
    case : foedus.scenarios.build.Case
    seed : int
        Each family's generator is seeded with ``(seed, crc32(family))``.
    families : sequence of str, optional
        Only these families (default all).
    claims_path : path, optional
        A claims file other than the one shipped beside the scenario.

    Examples
    --------
    >>> from foedus.scenarios import build_case, load_scenario
    >>> r = assess_claims(build_case(load_scenario("asian-nato-2024")), families=["none"])
    >>> set(r.table.verdict) == {"not testable by the models"}
    True
    """
    claims = load_claims(case.scenario, claims_path)
    testable = load_testable(case.scenario).set_index("claim_id")
    text = dict(zip(claims.id, claims.claim))
    known = set(text)
    if not known:                      # no claims to judge: run nothing
        return VerdictResult(case.scenario.id, seed, pd.DataFrame(columns=COLUMNS))
    rows: list[dict] = []
    spoken: set[str] = set()
    for spec in registered_assessors():
        if families and spec.family not in families:
            continue
        if not known.intersection(spec.claim_ids):
            continue
        rng = np.random.default_rng(np.random.SeedSequence([seed, zlib.crc32(spec.family.encode())]))
        try:
            found: list[ClaimAssessment] = spec.assessor(case, rng)
        except FoedusError as exc:
            found = [ClaimAssessment(c, spec.family, Verdict.UNTESTABLE,
                                     f"the {spec.family} model could not run: {exc}")
                     for c in spec.claim_ids if c in known]
        for a in found:
            if a.claim_id not in known:
                continue
            spoken.add(a.claim_id)
            rows.append({"claim_id": a.claim_id, "family": a.family, "verdict": a.verdict.value,
                         "claim": text.get(a.claim_id, ""),
                         "proposition": testable["proposition"].get(a.claim_id, "")
                         if a.claim_id in testable.index else "",
                         "evidence": a.evidence, "parameter": a.parameter or "",
                         "threshold": a.threshold})
    for claim_id in sorted(known - spoken):
        rows.append({"claim_id": claim_id, "family": "", "verdict": Verdict.UNTESTABLE.value,
                     "claim": text[claim_id], "proposition": "",
                     "evidence": "no model family registered for this claim",
                     "parameter": "", "threshold": None})
    table = pd.DataFrame(rows, columns=COLUMNS)
    table = table.sort_values(["claim_id", "family"], kind="stable").reset_index(drop=True)
    return VerdictResult(case.scenario.id, seed, table)
