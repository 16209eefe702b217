"""The shipped historical cases of the formation model, their recorded outcomes, and scores.

Each case is a scenario of the library whose design offers an alliance to the states that
joined it and to candidates that stayed out; the outcome (who joined) is the record, written
in the scenario's header with its sources before the model was run on it
(``docs/validation-formation.md``). :func:`score_design` compares a
:class:`~foedus.models.formation.analysis.DesignResult` with the record: the share of scored
states placed right (P(join) > 0.5 for a member, < 0.5 for a state that stayed out), the
Brier score, the log loss (probabilities clipped to [0.01, 0.99]) and the AUC. Incumbents of
an accession are not scored (their membership is not a decision).

References
----------
Brier, G. W. (1950). Verification of forecasts expressed in terms of probability. Monthly
Weather Review 78(1): 1-3.
Hanley, J. A., & McNeil, B. J. (1982). The meaning and use of the area under a receiver
operating characteristic (ROC) curve. Radiology 143(1): 29-36.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["CLIP", "HISTORICAL_CASES", "HistoricalCase", "base_rate_scores", "score_design"]

#: Probabilities are clipped to [CLIP, 1 - CLIP] in the log loss (a model's 0 or 1 would make
#: one miss infinitely costly).
CLIP = 0.01


@dataclass(frozen=True)
class HistoricalCase:
    """A shipped scenario, the design that offers the alliance, and who joined (the record)."""

    scenario: str
    design: str
    joined: tuple[str, ...]
    source: str
    seed: int


HISTORICAL_CASES: tuple[HistoricalCase, ...] = (
    HistoricalCase("nato-1949", "north-atlantic-treaty",
                   ("USA", "CAN", "GBR", "FRA", "BEL", "NLD", "LUX", "NOR", "DNK", "ISL", "ITA",
                    "PRT"),
                   "North Atlantic Treaty signatories, 4 April 1949 (ATOP 3180 member file)", 1949),
    HistoricalCase("seato-1954", "manila-pact",
                   ("USA", "GBR", "FRA", "AUS", "NZL", "PHL", "THA", "PAK"),
                   "Manila Pact signatories, 8 September 1954 (ATOP 3260; FRUS 1952-54 XIII "
                   "doc. 1168)", 1954),
    HistoricalCase("nato-accession-1951", "enlargement", ("GRC", "TUR"),
                   "ATOP 3180: Greece and Turkey enter 22 October 1951", 1951),
    HistoricalCase("nato-accession-1955", "enlargement", ("DEU",),
                   "ATOP 3180: the Federal Republic enters 23 October 1954 (accession 6 May 1955)",
                   1955),
    HistoricalCase("nato-accession-1981", "enlargement", ("ESP",),
                   "ATOP 3180: Spain enters 10 December 1981", 1981),
)


def _auc(p: np.ndarray, y: np.ndarray) -> float:
    """Probability that a random member is ranked above a random non-member (ties count
    half); NaN if either class is empty."""
    pos, neg = p[y == 1], p[y == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    greater = (pos[:, None] > neg[None, :]).mean()
    ties = (pos[:, None] == neg[None, :]).mean()
    return float(greater + 0.5 * ties)


def score_design(result, joined) -> dict:
    """Scores of one design's membership probabilities against the record ``joined``.

    Besides the per-state scores: ``p_record``, the probability that the stable outcome is
    exactly the record (the members are the states that joined, with the incumbents of an
    accession), and ``likeliest``, the most probable stable member set without the
    incumbents (``"(none)"`` when it has no new member).

    Examples
    --------
    >>> import numpy as np
    >>> from types import SimpleNamespace
    >>> r = SimpleNamespace(states=("A", "B", "C"), join_probability=np.array([0.9, 0.2, 0.6]),
    ...                     game=None, p_forms=0.9)
    >>> s = score_design(r, ["A", "C"])
    >>> s["placed_right"], s["n_scored"], s["auc"]
    (3, 3, 1.0)
    >>> r.member_sets = {("A", "C"): 0.7, (): 0.3}
    >>> s = score_design(r, ["A", "C"])
    >>> s["p_record"], s["likeliest"]
    (0.7, 'A C')
    """
    fixed = set(getattr(result.game, "fixed", ()) or ())
    states = [s for s in result.states if s not in fixed]
    p = np.array([float(result.join_probability[result.states.index(s)]) for s in states])
    y = np.array([1.0 if s in set(joined) else 0.0 for s in states])
    clipped = np.clip(p, CLIP, 1.0 - CLIP)
    placed = (p > 0.5) == (y == 1)
    sets = {tuple(sorted(m)): float(q) for m, q in
            (getattr(result, "member_sets", None) or {}).items()}
    record = tuple(sorted(set(joined) | fixed))
    likeliest = max(sets, key=sets.get) if sets else ()
    return {"n_scored": len(states), "joined": int(y.sum()),
            "placed_right": int(placed.sum()), "share_right": float(placed.mean()),
            "brier": float(((p - y) ** 2).mean()),
            "log_loss": float(-(y * np.log(clipped) + (1 - y) * np.log(1 - clipped)).mean()),
            "auc": _auc(p, y), "p_forms": float(result.p_forms),
            "p_record": float(sets.get(record, 0.0)),
            "likeliest": " ".join(s for s in likeliest if s not in fixed) or "(none)",
            "missed": tuple(s for s, ok in zip(states, placed) if not ok)}


def base_rate_scores(frames: pd.DataFrame) -> dict:
    """Brier and log loss of predicting, for every scored state, the pooled share that joined
    (an in-sample constant: a demanding baseline for a model with judgement parameters)."""
    rate = frames["joined"].sum() / frames["n_scored"].sum()
    y_total, n_total = frames["joined"].sum(), frames["n_scored"].sum()
    brier = (y_total * (1 - rate) ** 2 + (n_total - y_total) * rate ** 2) / n_total
    r = np.clip(rate, CLIP, 1 - CLIP)
    log_loss = -(y_total * np.log(r) + (n_total - y_total) * np.log(1 - r)) / n_total
    return {"rate": float(rate), "brier": float(brier), "log_loss": float(log_loss)}
