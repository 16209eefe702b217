"""The equilibrium of one crisis for many parameter draws (the Monte Carlo's solver).

:func:`solve_equilibrium` solves one (crisis, design) - or several designs and counterfactuals
of the same crisis, on the same draws - for every column of ``theta`` with the vectorised
kernel (:func:`foedus.models.crisis.kernel.solve_rows`), in cache-sized chunks of draws, and
returns an :class:`Equilibrium` per input in world state order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from foedus.errors import ParameterError
from foedus.models.crisis.inputs import CrisisInputs
from foedus.models.crisis.kernel import FA, FT, SO, STAGES, check_theta, solve_rows
from foedus.models.crisis.padded import Padded

__all__ = ["Equilibrium", "solve_equilibrium"]


@dataclass(frozen=True)
class Equilibrium:
    """Equilibrium of one crisis for every draw.

    ``q[d, i, a]``: probability that state ``i`` takes action ``ACTIONS[a]`` in draw ``d``
    (aggressors: 1 on ``fight_aggressor``; the target and co-targets: 1 on ``fight_target``;
    excluded states: 1 on ``stay_out``). Per draw: ``p_deterred`` is the prior probability
    that the aggressor's type does not attack (``1 - p_attack``); ``rho_mean`` the
    posterior-mean resolve of the types that attack; ``p_target`` the target side's chance
    of prevailing against them, anticipating the equilibrium coalitions; ``capability_target``
    and ``capability_aggressor`` the expected coalitions at the theatre (the aggressor side
    at the posterior-mean resolve); ``posterior`` and ``rho`` the type posterior given an
    attack (D, 9) and the types' resolve.
    """

    q: np.ndarray
    p_attack: np.ndarray
    rho_mean: np.ndarray
    p_target: np.ndarray
    capability_target: np.ndarray
    capability_aggressor: np.ndarray
    posterior: np.ndarray
    rho: np.ndarray
    iterations: int
    converged: np.ndarray
    max_change: float

    @property
    def p_deterred(self) -> np.ndarray:
        return 1.0 - self.p_attack


def solve_equilibrium(inputs: CrisisInputs | Sequence[CrisisInputs], theta: np.ndarray, *,
                      q0: np.ndarray | None = None, dtype=np.float32, tol: float | None = None,
                      max_iter: int = 400, damping: float = 0.8, chunk: int = 4096,
                      stages: Sequence[float] = STAGES, backend: str = "auto"
                      ) -> Equilibrium | list[Equilibrium]:
    """Logit QRE of the crisis game for every draw (columns of ``theta``).

    Parameters
    ----------
    inputs : CrisisInputs or sequence of CrisisInputs
        Static facts of one crisis under one design; or several designs / counterfactuals of
        the *same* crisis (same states and parties), solved together on the same draws.
    theta : ndarray, shape (P, D) or (P,)
        Parameter draws in :func:`~foedus.models.crisis.params.parameter_names` order.
    q0 : ndarray, shape (D, nd, 5), optional
        Starting profile of the slots (states neither aggressor nor target, world order;
        single input only). The solver traces the equilibrium from ``lambda / 4`` to
        ``lambda`` (:data:`~foedus.models.crisis.kernel.STAGES`), so the result does not
        depend on the start where the first stage has a unique equilibrium.
    dtype : numpy dtype
        ``float32`` (default: fast, probabilities to ~1e-5) or ``float64``.
    tol : float, optional
        Stop when no probability moves by more than ``tol`` in an iteration (default 2e-5
        in float32, 1e-10 in float64).
    max_iter, damping, chunk : int, float, int
        Iteration cap per stage, damping of the fixed-point map, draws per cache-sized block.
    stages : sequence of float
        Fractions of ``lambda`` traced in turn; ``(1.0,)`` solves at full precision directly
        (for a warm start already on the branch).
    backend : {"auto", "numba", "numpy"}
        See :func:`~foedus.models.crisis.kernel.solve_rows`.

    Returns
    -------
    Equilibrium, or a list of them (one per input) for a sequence.

    Examples
    --------
    >>> from foedus.models.crisis.inputs import _toy_inputs
    >>> from foedus.models.crisis.params import centre_theta
    >>> theta = np.repeat(centre_theta()[:, None], 2, axis=1)
    >>> eq = solve_equilibrium(_toy_inputs(), theta)
    >>> eq.q.shape, bool(np.allclose(eq.q.sum(axis=2), 1, atol=1e-5))
    ((2, 6, 5), True)
    >>> both = solve_equilibrium([_toy_inputs(), _toy_inputs().without(["USA"])], theta)
    >>> float(both[1].q[0, 2, 2])
    1.0

    References
    ----------
    McKelvey & Palfrey (1995), doi:10.1006/game.1995.1023; Fearon (2002),
    doi:10.1080/03050620210390.
    """
    theta = check_theta(theta)
    single = isinstance(inputs, CrisisInputs)
    jobs = [inputs] if single else list(inputs)
    if not jobs:
        return []
    first = jobs[0]
    for job in jobs[1:]:
        if (job.states != first.states or not np.array_equal(job.targets, first.targets)
                or not np.array_equal(job.aggressors, first.aggressors)):
            raise ParameterError("a batch must hold designs or counterfactuals of one crisis")
    if q0 is not None and len(jobs) > 1:
        raise ParameterError("q0 is supported for a single input only")
    pad = Padded.from_inputs(jobs)
    J, D, n, nd = len(jobs), theta.shape[1], first.n, pad.N
    slots = np.flatnonzero(first.slots)
    parts = []
    for start in range(0, D, chunk):      # every job of a chunk of draws in one batch
        stop = min(D, start + chunk)
        d = stop - start
        parts.append(solve_rows(
            pad, np.repeat(np.arange(J), d), np.tile(theta[:, start:stop], J),
            q0=None if q0 is None else q0[start:stop], dtype=dtype, tol=tol,
            max_iter=max_iter, damping=damping, stages=stages, backend=backend))
    results = []
    for j in range(J):
        cat = {}
        for key in parts[0]:
            if key == "iterations":
                continue
            pieces = []
            for start, part in zip(range(0, D, chunk), parts):
                d = min(D, start + chunk) - start
                pieces.append(part[key][j * d:(j + 1) * d])
            cat[key] = np.concatenate(pieces)
        q = np.zeros((D, n, 5), dtype=dtype)
        q[:, jobs[j].aggressors, FA] = 1.0
        q[:, jobs[j].targets, FT] = 1.0
        q[:, slots] = cat["q"][:, :nd]
        forced = slots[pad.forced[j, :nd]]
        q[:, forced] = 0.0
        q[:, forced, SO] = 1.0
        results.append(Equilibrium(
            q=q, p_attack=cat["p_attack"], rho_mean=cat["rho_mean"], p_target=cat["p_target"],
            capability_target=cat["C_T"], capability_aggressor=cat["Y"],
            posterior=cat["posterior"], rho=cat["rho"],
            iterations=int(max(part["iterations"].max(initial=0) for part in parts)),
            converged=cat["converged"], max_change=float(cat["change"].max(initial=0.0))))
    return results[0] if single else results
