"""Static arrays of one or many crises, padded to a common number of decider slots.

The kernel (:mod:`foedus.models.crisis.kernel`) works on *rows*: one row is one crisis at one
parameter vector (a Monte Carlo draw of one crisis, or one crisis of a historical batch). A
:class:`Padded` holds the static facts of ``C`` crises restricted to their decider slots (every
state that is neither an aggressor nor a target), padded with inert slots (no capability,
forced to stay out) to a common size ``N``, so that many different crises are solved in one
vectorised pass. Slot order is world state order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from foedus.models.crisis.inputs import AGGRESSOR_SIDE, LEGAL_KINDS, TARGET_SIDE, CrisisInputs

__all__ = ["FLOOR", "Padded"]

FLOOR = 1e-9   # capability floor so that logs stay finite

#: Per-slot vectors, (C, N).
VECTORS = ("k", "cap", "threat_aggressors", "threat_targets", "home_aggressors",
           "home_targets", "gap", "hit", "exposure", "coercion", "exposure_target",
           "coercion_target", "domestic", "reputation", "log_guarantors_target",
           "log_guarantors_aggressor")


@dataclass(frozen=True, eq=False)
class Padded:
    """Decider-slot arrays of ``C`` crises padded to ``N`` slots (see the module docstring).

    Vectors are ``(C, N)``; ``legal`` is ``(C, N, 2, 4)`` (side, kind), ``neutrality``
    ``(C, N, 2)``, ``log_guarantors_target`` / ``_aggressor`` ``(C, N)`` the log of the
    number of guarantors of each side (the same in every real slot of a crisis),
    ``ties_aggressors`` ``(C, N, 4)`` (ties to the aggressors per kind);
    matrices are ``(C, N, N)`` with ``[c, i, j]`` = from slot ``i`` to slot ``j``:
    ``threat`` (threat j poses to i), ``projected`` (capability of j projected to i) and
    ``ties`` ``(C, 4, N, N)`` (chain-ganging ties, columns of states hit removed: activated
    commitments already count those). ``k_aggressors`` and ``k_targets`` ``(C,)`` are the
    parties' capabilities projected to the theatre; ``forced`` ``(C, N)`` marks slots that
    do not decide (excluded states and padding); ``n_slots`` ``(C,)`` the real slots.
    """

    k: np.ndarray
    cap: np.ndarray
    threat_aggressors: np.ndarray
    threat_targets: np.ndarray
    home_aggressors: np.ndarray
    home_targets: np.ndarray
    gap: np.ndarray
    hit: np.ndarray
    exposure: np.ndarray
    coercion: np.ndarray
    exposure_target: np.ndarray
    coercion_target: np.ndarray
    domestic: np.ndarray
    reputation: np.ndarray
    log_guarantors_target: np.ndarray
    log_guarantors_aggressor: np.ndarray
    legal: np.ndarray
    neutrality: np.ndarray
    ties_aggressors: np.ndarray
    threat: np.ndarray
    projected: np.ndarray
    ties: np.ndarray
    k_aggressors: np.ndarray
    k_targets: np.ndarray
    forced: np.ndarray
    n_slots: np.ndarray
    tie_kinds: tuple[int, ...]

    @property
    def C(self) -> int:
        return self.k.shape[0]

    @property
    def N(self) -> int:
        return self.k.shape[1]

    @classmethod
    def from_inputs(cls, inputs: Sequence[CrisisInputs], size: int | None = None,
                    dtype=np.float64) -> Padded:
        """Pad the decider slots of ``inputs`` to ``size`` (default: the largest).

        Examples
        --------
        >>> from foedus.models.crisis.inputs import _toy_inputs
        >>> pad = Padded.from_inputs([_toy_inputs(1), _toy_inputs(3)])
        >>> pad.C, pad.N, pad.forced[0].tolist()
        (2, 5, [False, False, False, True, True])
        """
        slot_lists = [np.flatnonzero(inp.slots) for inp in inputs]
        N = max((s.size for s in slot_lists), default=0) if size is None else size
        C = len(inputs)
        f = lambda shape: np.zeros(shape, dtype=dtype)
        out = {name: f((C, N)) for name in VECTORS}
        out["cap"][:] = 1.0
        out["reputation"][:] = 0.5
        legal, neutrality, ties_agg = f((C, N, 2, 4)), f((C, N, 2)), f((C, N, 4))
        threat, projected, ties = f((C, N, N)), f((C, N, N)), f((C, len(LEGAL_KINDS), N, N))
        k_agg, k_tgt = f(C), f(C)
        forced = np.ones((C, N), dtype=bool)
        n_slots = np.zeros(C, dtype=np.int64)
        for c, (inp, dec) in enumerate(zip(inputs, slot_lists)):
            m = dec.size
            if m > N:
                raise ValueError(f"crisis {inp.crisis} has {m} decider slots, more than {N}")
            n_slots[c] = m
            t, agg, tgt = inp.target, np.flatnonzero(inp.aggressors), np.flatnonzero(inp.targets)
            k_agg[c] = inp.projected[t, agg].sum()
            k_tgt[c] = inp.projected[t, tgt].sum()
            forced[c, :m] = ~inp.deciding[dec]
            vec = out
            vec["k"][c, :m] = inp.projected[t, dec]
            vec["cap"][c, :m] = np.maximum(inp.capability[dec], FLOOR)
            vec["threat_aggressors"][c, :m] = inp.threat[np.ix_(dec, agg)].sum(axis=1)
            vec["threat_targets"][c, :m] = inp.threat[np.ix_(dec, tgt)].sum(axis=1)
            vec["home_aggressors"][c, :m] = inp.projected[np.ix_(dec, agg)].sum(axis=1)
            vec["home_targets"][c, :m] = inp.projected[np.ix_(dec, tgt)].sum(axis=1)
            vec["gap"][c, :m] = inp.affinity_gap[dec]
            vec["hit"][c, :m] = inp.hit[dec]
            vec["exposure"][c, :m] = inp.exposure[dec]
            vec["coercion"][c, :m] = inp.coercion[dec]
            vec["exposure_target"][c, :m] = inp.exposure_target[dec]
            vec["coercion_target"][c, :m] = inp.coercion_target[dec]
            vec["domestic"][c, :m] = inp.domestic[dec]
            vec["reputation"][c, :m] = inp.reputation[dec]
            log_m = inp.log_guarantors
            vec["log_guarantors_target"][c, :m] = log_m[TARGET_SIDE]
            vec["log_guarantors_aggressor"][c, :m] = log_m[AGGRESSOR_SIDE]
            legal[c, :m] = inp.legal[dec]
            neutrality[c, :m] = inp.neutrality[dec]
            ties_agg[c, :m] = inp.ties[:, dec][:, :, agg].sum(axis=2).T
            threat[c, :m, :m] = inp.threat[np.ix_(dec, dec)]
            projected[c, :m, :m] = inp.projected[np.ix_(dec, dec)]
            sub = inp.ties[:, dec][:, :, dec].copy()
            sub[:, :, inp.hit[dec] > 0] = 0.0      # activated commitments count these
            ties[c, :, :m, :m] = sub
        kinds = tuple(k for k in range(len(LEGAL_KINDS)) if ties[:, k].any())
        return cls(**out, legal=legal, neutrality=neutrality, ties_aggressors=ties_agg,
                   threat=threat, projected=projected, ties=ties, k_aggressors=k_agg,
                   k_targets=k_tgt, forced=forced, n_slots=n_slots, tie_kinds=kinds)

    def take(self, cases: np.ndarray) -> Padded:
        """The padded arrays of the crises ``cases`` (an index array), in that order."""
        fields = {name: getattr(self, name)[cases] for name in (
            *VECTORS, "legal", "neutrality", "ties_aggressors", "threat", "projected", "ties",
            "k_aggressors", "k_targets", "forced", "n_slots")}
        return Padded(**fields, tie_kinds=self.tie_kinds)

