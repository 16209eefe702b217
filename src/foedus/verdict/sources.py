"""Is a scenario fact an independent input, or the article's (or the claim's) own assertion?

A claim decided by a fact taken from the article under examination, or from the evidence of
the claim itself, is not tested by the model: the answer went in with the input. The rule,
from the claims file's columns and the facts' ``source:`` strings:

* A fact *cites a claim* when its ``source`` names a claim id of the claims file as a word
  (``claim AC17 record_check``, ``claims AC05 and AC60``).
* The *evidence keys* of a claim are the keys in its ``source`` column (``S2;S3;S4;S5``); of a
  fact, the keys of the claims file or fact base that occur as words in its ``source``, plus
  the ``source`` keys of every fact-base row it cites (``fb:<id>``, the ``id`` and ``source``
  columns of ``<scenario>.factbase.csv``) and of every claim it cites. ``K`` (background
  knowledge, not a document) is never shared evidence.

A fact is **circular for claim C** when (a) it cites C, (b) its evidence keys share a key with
C's, or (c) it cites another claim of the article (it is sourced to the article). A verdict
decided by a circular fact is reported as *assumed, not tested*, naming the fact and which of
(a)-(c) applies. Facts whose sources are independent references (a constitution, an election
commission, a data set) are tested inputs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

__all__ = ["SourceIndex", "load_source_index"]

#: Keys that mark background knowledge rather than a document.
NOT_EVIDENCE = frozenset({"K"})


def _keys(text: str) -> set[str]:
    return {k.strip() for k in str(text).replace(",", ";").split(";") if k.strip()}


@dataclass(frozen=True)
class SourceIndex:
    """The claims' and fact base's source keys, to classify facts against claims.

    Examples
    --------
    >>> import pandas as pd
    >>> claims = pd.DataFrame({"id": ["AC17", "AC10"], "source": ["S2;S3", "S11;S12"]})
    >>> index = SourceIndex.build(claims)
    >>> index.circular("fb:evt-x (S2) and claim AC17 record_check", "AC17")
    'cites claim AC17 itself and shares evidence S2, S3 with it'
    >>> index.circular("claim AC17 record_check", "AC10")
    'sourced to the article (cites claim AC17)'
    >>> index.circular("Constitution, Art. 9", "AC10")
    ''
    """

    claim_keys: dict[str, frozenset[str]]
    factbase_keys: dict[str, frozenset[str]]
    known_keys: frozenset[str]

    @classmethod
    def build(cls, claims: pd.DataFrame, factbase: pd.DataFrame | None = None) -> SourceIndex:
        claim_keys = {str(r.id): frozenset(_keys(getattr(r, "source", "")) - NOT_EVIDENCE)
                      for r in claims.itertuples(index=False)} if len(claims) else {}
        fb = {}
        if factbase is not None and {"id", "source"} <= set(factbase.columns):
            fb = {str(r.id): frozenset(_keys(r.source) - NOT_EVIDENCE)
                  for r in factbase.itertuples(index=False)}
        known = frozenset().union(*claim_keys.values(), *fb.values()) if (claim_keys or fb) \
            else frozenset()
        return cls(claim_keys, fb, known)

    def cited_claims(self, source: str) -> list[str]:
        return [c for c in self.claim_keys if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])",
                                                        source)]

    def evidence(self, source: str) -> set[str]:
        """The evidence keys of a fact's source string."""
        words = set(re.findall(r"[\w.-]+", source))
        keys = {k for k in self.known_keys if k in words}
        for row in re.findall(r"fb:([\w.-]+)", source):
            keys |= self.factbase_keys.get(row.rstrip("."), frozenset())
        for claim in self.cited_claims(source):
            keys |= self.claim_keys[claim]
        return keys

    def circular(self, source: str, claim_id: str) -> str:
        """Why a fact with ``source`` is circular for ``claim_id`` ('' when it is not)."""
        reasons = []
        cited = self.cited_claims(source)
        if claim_id in cited:
            reasons.append(f"cites claim {claim_id} itself")
        shared = sorted(self.evidence(source) & self.claim_keys.get(claim_id, frozenset()),
                        key=lambda k: (len(k), k))
        if shared:
            reasons.append(f"shares evidence {', '.join(shared)} with it")
        others = [c for c in cited if c != claim_id]
        if others and not reasons:
            reasons.append(f"sourced to the article (cites claim {', '.join(others)})")
        elif others:
            reasons.append(f"also cites claim {', '.join(others)}")
        return " and ".join(reasons)


def load_source_index(scenario, claims: pd.DataFrame) -> SourceIndex:
    """The :class:`SourceIndex` of a scenario: its claims and, when one ships beside it, its
    fact base (``<scenario>.factbase.csv`` with ``id`` and ``source`` columns)."""
    from foedus.verdict.claims import _read, _sibling

    path = _sibling(scenario, ".factbase.csv")
    factbase = _read(path, ["id", "source"], "a fact base") if path is not None else None
    return SourceIndex.build(claims, factbase)
