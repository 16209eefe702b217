"""Predictions against what happened, for crises that did (scenario ``observed:`` records).

For a historical crisis the model's predictive probabilities (mean over the parameter draws)
are scored against each third state's recorded action: the share of states *placed right*
(the most probable action is the one taken) and the *log loss* (mean of ``-log p`` of what
happened), in two codings - the MID coding every record supports (fought for the target,
fought for the aggressor, did not fight: support either side or stay out) and the five
actions where the record distinguishes them. P(deterred) is reported for every crisis that
happened (``observed`` records or ``happened: true``) and flagged: the aggressor did attack, so a high prior probability that its type is deterred says the model found the
attack surprising (``docs/models/crisis.md``, deterrence and selection).

References
----------
Brier, G. W. (1950); Good, I. J. (1952) - proper scoring rules (log loss).
Fearon, J. D. (2002). Selection effects and deterrence. International Interactions 28(1),
5-29. https://doi.org/10.1080/03050620210390
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from foedus.models.crisis.kernel import ACTIONS
from foedus.world.crisis import Crisis, ThirdPartyAction

__all__ = ["DETERRENCE_FLAG", "MID_CLASSES", "score_crisis"]

#: P(deterred) at or above this on a crisis that happened is flagged.
DETERRENCE_FLAG = 0.5
#: The MID coding: who fought for which side (support and staying out are "did not fight").
MID_CLASSES = ("fought for the target", "fought for the aggressor", "did not fight")
_MID_OF_ACTION = {"fight_target": 0, "fight_aggressor": 1, "support_target": 2,
                  "stay_out": 2, "support_aggressor": 2, "did_not_fight": 2}


def _mid_probabilities(row) -> np.ndarray:
    return np.array([row["p_fight_target"], row["p_fight_aggressor"],
                     row["p_support_target"] + row["p_stay_out"] + row["p_support_aggressor"]])


def score_crisis(states: pd.DataFrame, crisis: Crisis, p_deterred: float,
                 floor: float = 1e-6) -> tuple[pd.DataFrame, dict]:
    """Score one historical crisis.

    Parameters
    ----------
    states : DataFrame
        Rows of :attr:`CrisisResult.states` for this crisis, its baseline design and the
        ``as designed`` variant (columns ``iso3``, ``p_<action>``).
    crisis : Crisis
        With ``observed`` records.
    p_deterred : float
        The model's P(deterred) for the crisis (mean over draws).
    floor : float
        Probabilities are floored here in the log loss.

    Returns
    -------
    per_state : DataFrame
        One row per recorded state: observed action, its probability, the most probable
        action, and whether it was placed right - in the MID coding and, where the record
        has them, the five actions.
    summary : dict
        States scored, share placed right and log loss (MID coding; five actions over the
        states recorded that finely), the share a "nobody fights" forecast would place
        right, P(deterred) and its flag. A crisis that happened without ``observed``
        records (``happened``) has no state scored (the scores are NaN) but keeps
        P(deterred) and its flag.

    Examples
    --------
    >>> from foedus.world.crisis import CrisisKind, Hit, Observed
    >>> from foedus.world.agreements import Asset
    >>> c = Crisis("c", "c", CrisisKind.INVASION, ("A",), "B", "x", (Hit("B", Asset.TERRITORY, "x"),),
    ...            observed=(Observed("C", ThirdPartyAction.FIGHT_TARGET),))
    >>> row = {"iso3": "C", "p_fight_target": 0.6, "p_support_target": 0.1, "p_stay_out": 0.2,
    ...        "p_support_aggressor": 0.05, "p_fight_aggressor": 0.05}
    >>> table, summary = score_crisis(pd.DataFrame([row]), c, p_deterred=0.7)
    >>> summary["placed_right_mid"], summary["deterrence_flag"]
    (1.0, True)
    >>> _, summary = score_crisis(pd.DataFrame([row]), Crisis(
    ...     "c", "c", CrisisKind.INVASION, ("A",), "B", "x", (Hit("B", Asset.TERRITORY, "x"),),
    ...     happened=True), p_deterred=0.3)
    >>> summary["states_scored"], summary["deterrence_flag"]
    (0, False)
    """
    by_state = states.set_index("iso3")
    rows = []
    for record in crisis.observed:
        if record.state not in by_state.index:
            continue
        r = by_state.loc[record.state]
        mid = _mid_probabilities(r)
        observed_mid = _MID_OF_ACTION[record.action.value]
        five = np.array([r[f"p_{a}"] for a in ACTIONS])
        fine = record.action is not ThirdPartyAction.DID_NOT_FIGHT
        p_five = float(five[ACTIONS.index(record.action.value)]) if fine else float("nan")
        rows.append({
            "crisis": crisis.id, "iso3": record.state, "observed": record.action.value,
            "source": record.source,
            "observed_mid": MID_CLASSES[observed_mid],
            "predicted_mid": MID_CLASSES[int(np.argmax(mid))],
            "p_observed_mid": float(mid[observed_mid]),
            "right_mid": bool(int(np.argmax(mid)) == observed_mid),
            "predicted": ACTIONS[int(np.argmax(five))],
            "p_observed": p_five,
            "right": bool(int(np.argmax(five)) == ACTIONS.index(record.action.value))
            if fine else None,
        })
    table = pd.DataFrame(rows)
    nan = float("nan")
    summary = {"crisis": crisis.id, "states_scored": len(table), "p_deterred": p_deterred,
               "deterrence_flag": bool(p_deterred >= DETERRENCE_FLAG),
               "placed_right_mid": nan, "log_loss_mid": nan, "nobody_fights_right_mid": nan,
               "states_five_actions": 0, "placed_right": nan, "log_loss": nan}
    if table.empty:     # a crisis that happened without records of what third states did
        return table, summary
    fine = table[table.observed != ThirdPartyAction.DID_NOT_FIGHT.value]
    summary.update({
        "placed_right_mid": float(table.right_mid.mean()),
        "log_loss_mid": float(-np.log(np.maximum(table.p_observed_mid, floor)).mean()),
        "nobody_fights_right_mid": float((table.observed_mid == MID_CLASSES[2]).mean()),
        "states_five_actions": len(fine),
        "placed_right": float(fine.right.astype(float).mean()) if len(fine) else float("nan"),
        "log_loss": float(-np.log(np.maximum(fine.p_observed, floor)).mean())
        if len(fine) else float("nan"),
    })
    return table, summary
