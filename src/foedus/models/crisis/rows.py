"""Third parties as rows: the crisis model on a corpus of (dispute, third state) records.

The history scorer (issue 9) holds the intervention corpus as one row per dispute and third
party, with the class each third party took. :class:`ThirdPartyRows` aligns such rows with a
:class:`~foedus.models.crisis.batch.CrisisBatch` (row ``r`` is slot ``slot[r]`` of crisis
``crisis[r]``), supports ``take(positions)`` so that a split selects its rows without
rebuilding cases, and :func:`rows_probabilities` / :func:`rows_log_likelihood` give the
class probabilities and the log-likelihood of the observed classes for one or many parameter
vectors - the interface of ``foedus.history.adapters.LikelihoodModel``.

The MID coding: a third party fought for the target (side B), fought for the originator
(side A, the aggressor), or did not fight - support without fighting is not recorded, so its
probability is pooled with staying out: P(did not fight) = P(support the target) + P(stay
out) + P(support the aggressor).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from foedus.errors import ParameterError
from foedus.models.crisis.batch import CrisisBatch
from foedus.models.crisis.inputs import CrisisInputs, crisis_inputs
from foedus.models.crisis.kernel import FA, FT, SA, SO, ST, check_theta
from foedus.scenarios.build import Case

__all__ = ["MID_CLASSES", "NOT_IDENTIFIED", "ThirdPartyRows", "rows_log_likelihood",
           "rows_log_likelihood_loop", "rows_probabilities"]

#: Default class order (the scorer's intervention classes: stayed out, target side,
#: originator side).
MID_CLASSES = ("did_not_fight", "fight_target", "fight_aggressor")
_COLUMNS = {"did_not_fight": (ST, SO, SA), "fight_target": (FT,), "fight_aggressor": (FA,),
            "support_target": (ST,), "stay_out": (SO,), "support_aggressor": (SA,)}

#: Parameters the MID intervention corpus cannot inform (hold them at their registered
#: centre when fitting on it), with the reason.
NOT_IDENTIFIED = {
    "crisis_support_entry_cost": "MID does not record support without fighting (pooled with "
                                 "staying out)",
    "crisis_support_risk": "MID does not record support without fighting",
    "crisis_support_honour": "MID does not record support without fighting",
    "crisis_support_capability": "MID does not record support without fighting",
    "crisis_hit_weight": "in a dispute case only the targets are hit; no third state is",
    "crisis_trade_cost": "bilateral trade exposure is missing for historical dyads",
    "crisis_coercion_exposure": "coercion histories are scenario facts, absent from the corpus",
    "crisis_domestic_weight": "domestic constraints are scenario facts, absent from the corpus",
    "crisis_political_weight": "ATOP codes treaties only (no political commitments)",
    "crisis_aggressor_loss": "every dispute is an attack: the aggressor's parameters need "
                             "cases without an attack",
    "crisis_aggressor_cost": "every dispute is an attack (see crisis_aggressor_loss)",
    "crisis_resolve_dispersion": "every dispute is an attack (see crisis_aggressor_loss)",
}


@dataclass(frozen=True, eq=False)
class ThirdPartyRows:
    """Rows ``(crisis, third state)`` aligned with a crisis batch.

    Examples
    --------
    >>> from foedus.models.crisis.inputs import _toy_inputs
    >>> rows = ThirdPartyRows.from_inputs([_toy_inputs(1), _toy_inputs(2)],
    ...                                   [(1, "USA"), (0, "JPN"), (1, "X1")])
    >>> len(rows), rows.take([2, 0]).keys
    (3, ((1, 'X1'), (1, 'USA')))
    """

    batch: CrisisBatch
    crisis: np.ndarray
    slot: np.ndarray
    keys: tuple

    def __len__(self) -> int:
        return self.crisis.size

    @classmethod
    def from_inputs(cls, inputs: Sequence[CrisisInputs], rows: Sequence[tuple[int, str]]
                    ) -> ThirdPartyRows:
        """``rows``: ``(position of the crisis in inputs, ISO3 of the third state)``."""
        batch = CrisisBatch.from_inputs(inputs)
        slots = [{s: i for i, s in enumerate(states)} for states in batch.slot_states]
        crisis, slot = np.empty(len(rows), dtype=np.int64), np.empty(len(rows), dtype=np.int64)
        for r, (b, state) in enumerate(rows):
            if state not in slots[b]:
                raise ParameterError(f"crisis {batch.crises[b]}: {state} is not a third state "
                                     "of the crisis (an aggressor, a target, or absent)")
            crisis[r], slot[r] = b, slots[b][state]
        return cls(batch, crisis, slot, tuple(tuple(r) for r in rows))

    @classmethod
    def from_cases(cls, cases: Iterable[tuple[Hashable, Case]],
                   rows: Sequence[tuple[Hashable, str]], *, design: str = "status-quo"
                   ) -> ThirdPartyRows:
        """Rows ``(case key, ISO3)`` over ``(key, case)`` pairs - e.g. the dispute cases of
        ``foedus.history`` keyed by MID number - each case's first crisis under ``design``."""
        position, inputs = {}, []
        for key, case in cases:
            position[key] = len(inputs)
            inputs.append(crisis_inputs(case, case.crises[0], design))
        missing = sorted({str(k) for k, _ in rows} - {str(k) for k in position})
        if missing:
            raise ParameterError(f"rows name cases that were not given: {', '.join(missing[:5])}")
        out = cls.from_inputs(inputs, [(position[k], s) for k, s in rows])
        return cls(out.batch, out.crisis, out.slot, tuple(tuple(r) for r in rows))

    def take(self, positions) -> ThirdPartyRows:
        """The rows at ``positions`` (a split), over the crises they need."""
        positions = np.asarray(positions, dtype=np.int64).ravel()
        used, local = np.unique(self.crisis[positions], return_inverse=True)
        return ThirdPartyRows(self.batch.take(used), local.astype(np.int64),
                              self.slot[positions], tuple(self.keys[p] for p in positions))


def rows_probabilities(theta: np.ndarray, rows: ThirdPartyRows,
                       classes: Sequence[str] = MID_CLASSES, **solve_options) -> np.ndarray:
    """Class probabilities of every row for each parameter column: ``(D, n, K)``.

    Examples
    --------
    >>> from foedus.models.crisis.inputs import _toy_inputs
    >>> from foedus.models.crisis.params import centre_theta
    >>> rows = ThirdPartyRows.from_inputs([_toy_inputs(2)], [(0, "USA"), (0, "X0")])
    >>> p = rows_probabilities(centre_theta(), rows)
    >>> p.shape, bool(np.allclose(p.sum(axis=2), 1.0))
    ((1, 2, 3), True)
    """
    unknown = [c for c in classes if c not in _COLUMNS]
    if unknown:
        raise ParameterError(f"unknown classes {unknown} (choose from {', '.join(_COLUMNS)})")
    theta = check_theta(theta)
    sol = rows.batch.solve(theta, **solve_options)
    out = np.empty((theta.shape[1], len(rows), len(classes)))
    for b in np.unique(rows.crisis):
        mine = np.flatnonzero(rows.crisis == b)
        q = sol.q[b][:, rows.slot[mine]]                      # (D, m, 5)
        for k, name in enumerate(classes):
            out[:, mine, k] = q[:, :, list(_COLUMNS[name])].sum(axis=2)
    return out


def rows_log_likelihood(theta: np.ndarray, rows: ThirdPartyRows, y: np.ndarray,
                        classes: Sequence[str] = MID_CLASSES, floor: float = 1e-300,
                        **solve_options) -> np.ndarray:
    """Log-likelihood of the observed classes ``y`` (indices into ``classes``) for each
    parameter column: ``(D,)``.

    Examples
    --------
    >>> from foedus.models.crisis.inputs import _toy_inputs
    >>> from foedus.models.crisis.params import centre_theta
    >>> rows = ThirdPartyRows.from_inputs([_toy_inputs(2)], [(0, "USA"), (0, "X0")])
    >>> bool(rows_log_likelihood(centre_theta(), rows, np.array([1, 0]))[0] < 0)
    True
    """
    y = np.asarray(y, dtype=np.int64)
    p = rows_probabilities(theta, rows, classes, **solve_options)
    chosen = p[:, np.arange(len(rows)), y]
    return np.log(np.maximum(chosen, floor)).sum(axis=1)


def rows_log_likelihood_loop(theta: np.ndarray, rows: ThirdPartyRows, y: np.ndarray,
                             classes: Sequence[str] = MID_CLASSES,
                             backend: str = "auto") -> float:
    """The same log-likelihood at one parameter vector by a plain loop over the crises (each
    solved on its own): the baseline the batch is timed against."""
    theta = check_theta(theta)[:, :1]
    y = np.asarray(y, dtype=np.int64)
    total = 0.0
    for b in np.unique(rows.crisis):
        mine = np.flatnonzero(rows.crisis == b)
        single = ThirdPartyRows(rows.batch.take([b]), np.zeros(mine.size, dtype=np.int64),
                                rows.slot[mine], tuple(rows.keys[m] for m in mine))
        total += float(rows_log_likelihood(theta, single, y[mine], classes,
                                           backend=backend)[0])
    return total
