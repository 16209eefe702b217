"""Many different crises at one parameter vector: the historical batch and its likelihood.

The history scorer evaluates the model on thousands of militarized disputes, each with its own
states (3 to 60), at the same parameters, many times over. :class:`CrisisBatch` holds the
static inputs of such a set of crises, bucketed by their number of decider slots and padded
within a bucket (:class:`~foedus.models.crisis.padded.Padded`); :meth:`CrisisBatch.solve`
finds every crisis's equilibrium in one vectorised (or compiled) pass, and
:func:`log_likelihood` scores what third states were observed to do.

Observed actions use the vocabulary of :class:`foedus.world.ThirdPartyAction`. The MID data
record who joined which side militarily, not support without fighting: code a MID third party
``fight_target`` (joined the target's side, side B), ``fight_aggressor`` (joined the
originator's side, side A) or ``did_not_fight`` - whose model probability is P(support the
target) + P(stay out) + P(support the aggressor).

References
----------
McKelvey, R. D., & Palfrey, T. R. (1995). Quantal response equilibria for normal form games.
Games and Economic Behavior 10(1), 6-38. https://doi.org/10.1006/game.1995.1023
Signorino, C. S. (1999). Strategic interaction and the statistical analysis of international
conflict. American Political Science Review 93(2), 279-297. https://doi.org/10.2307/2585396
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from foedus.errors import ParameterError
from foedus.models.crisis.inputs import CrisisInputs
from foedus.models.crisis.kernel import FA, FT, SA, SO, ST, STAGES, check_theta, solve_rows
from foedus.models.crisis.padded import Padded
from foedus.world.crisis import ThirdPartyAction

__all__ = ["BatchSolution", "CrisisBatch", "Observations", "attack_log_probability",
           "log_likelihood", "log_likelihood_gradient", "outcome_probabilities"]

#: Bucket capacities (decider slots) of a batch: crises are padded to the next capacity.
BUCKETS = (4, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512)
#: Observation codes: the five actions (their index in ACTIONS), then ``did_not_fight``.
DID_NOT_FIGHT = 5
MISSING = -1
_CODES = {ThirdPartyAction.FIGHT_TARGET: FT, ThirdPartyAction.SUPPORT_TARGET: ST,
          ThirdPartyAction.STAY_OUT: SO, ThirdPartyAction.SUPPORT_AGGRESSOR: SA,
          ThirdPartyAction.FIGHT_AGGRESSOR: FA, ThirdPartyAction.DID_NOT_FIGHT: DID_NOT_FIGHT}


@dataclass(frozen=True, eq=False)
class Observations:
    """Observed actions aligned with a batch: ``codes[b][i]`` for slot ``i`` of crisis ``b``
    (an action index, :data:`DID_NOT_FIGHT`, or :data:`MISSING`)."""

    codes: tuple[np.ndarray, ...]

    @property
    def count(self) -> int:
        return int(sum((c >= 0).sum() for c in self.codes))


@dataclass(frozen=True, eq=False)
class BatchSolution:
    """Equilibria of every crisis of a batch at each parameter column.

    ``q[b]`` is ``(K, n_b, 5)`` over crisis ``b``'s slots (``CrisisBatch.slot_states[b]``);
    ``p_attack``, ``p_target``, ``rho_mean`` and ``converged`` are ``(B, K)``;
    ``iterations`` the most iterations any row took.
    """

    q: tuple[np.ndarray, ...]
    p_attack: np.ndarray
    p_target: np.ndarray
    rho_mean: np.ndarray
    converged: np.ndarray
    iterations: int

    @property
    def p_deterred(self) -> np.ndarray:
        return 1.0 - self.p_attack


@dataclass(frozen=True, eq=False)
class CrisisBatch:
    """The static inputs of many crises, bucketed by size for the kernel.

    Build it once per corpus (:meth:`from_inputs`) and evaluate it at many parameter
    vectors. ``slot_states[b]`` names crisis ``b``'s decider slots (the states that are
    neither aggressor nor target, world order), ``crises[b]`` its id.

    Examples
    --------
    >>> from foedus.models.crisis.inputs import _toy_inputs
    >>> from foedus.models.crisis.params import centre_theta
    >>> batch = CrisisBatch.from_inputs([_toy_inputs(1), _toy_inputs(6)])
    >>> sol = batch.solve(centre_theta())
    >>> [q.shape for q in sol.q], sol.p_attack.shape
    ([(1, 3, 5), (1, 8, 5)], (2, 1))
    """

    crises: tuple[str, ...]
    slot_states: tuple[tuple[str, ...], ...]
    buckets: tuple[tuple[np.ndarray, Padded], ...]

    @classmethod
    def from_inputs(cls, inputs: Sequence[CrisisInputs], dtype=np.float64) -> CrisisBatch:
        sizes = np.array([int(inp.slots.sum()) for inp in inputs], dtype=np.int64)
        capacity = np.array([next((b for b in BUCKETS if b >= s), s) for s in sizes])
        buckets = []
        for cap in np.unique(capacity):
            members = np.flatnonzero(capacity == cap)
            buckets.append((members, Padded.from_inputs([inputs[b] for b in members],
                                                        size=int(cap), dtype=dtype)))
        return cls(crises=tuple(inp.crisis for inp in inputs),
                   slot_states=tuple(tuple(str(s) for s in np.array(inp.states)[inp.slots])
                                     for inp in inputs),
                   buckets=tuple(buckets))

    @property
    def size(self) -> int:
        return len(self.crises)

    def take(self, crises) -> CrisisBatch:
        """The batch of the crises at positions ``crises`` (unique), in that order.

        Examples
        --------
        >>> from foedus.models.crisis.inputs import _toy_inputs
        >>> batch = CrisisBatch.from_inputs([_toy_inputs(1), _toy_inputs(6), _toy_inputs(2)])
        >>> batch.take([2, 0]).slot_states[0]
        ('USA', 'JPN', 'X0', 'X1')
        """
        crises = [int(c) for c in np.asarray(crises).ravel()]
        position = {old: new for new, old in enumerate(crises)}
        if len(position) != len(crises):
            raise ParameterError("take: crisis positions must be unique")
        buckets = []
        for members, pad in self.buckets:
            local = [k for k, m in enumerate(members) if int(m) in position]
            if local:
                buckets.append((np.array([position[int(members[k])] for k in local]),
                                pad.take(np.array(local))))
        return CrisisBatch(tuple(self.crises[c] for c in crises),
                           tuple(self.slot_states[c] for c in crises), tuple(buckets))

    def observations(self, observed: Sequence[Mapping[str, str | ThirdPartyAction]]
                     ) -> Observations:
        """Align per-crisis records ``{iso3: action}`` with the batch's slots.

        States not in a record count as missing (not scored); a recorded state that is not a
        slot of its crisis (an aggressor, a target, or absent) is refused.
        """
        if len(observed) != self.size:
            raise ParameterError(f"observed has {len(observed)} records for {self.size} crises")
        codes = []
        for b, record in enumerate(observed):
            slots = {s: i for i, s in enumerate(self.slot_states[b])}
            row = np.full(len(slots), MISSING, dtype=np.int64)
            for state, action in record.items():
                if state not in slots:
                    raise ParameterError(f"crisis {self.crises[b]}: observed state {state} is "
                                         "not a third state of the crisis")
                try:
                    row[slots[state]] = _CODES[ThirdPartyAction(action)]
                except ValueError:
                    raise ParameterError(
                        f"crisis {self.crises[b]}: unknown action {action!r} for {state} "
                        f"(choose from {', '.join(a.value for a in ThirdPartyAction)})") from None
            codes.append(row)
        return Observations(tuple(codes))

    def solve(self, theta: np.ndarray, *, q0: BatchSolution | None = None,
              tol: float | None = 1e-10, stages: Sequence[float] = STAGES,
              max_iter: int = 400, damping: float = 0.8, backend: str = "auto"
              ) -> BatchSolution:
        """Every crisis's equilibrium at each column of ``theta`` ((P,) or (P, K)).

        ``q0`` warm-starts from an earlier solution (with ``stages=(1.0,)`` it continues that
        solution to nearby parameters: finite-difference gradients, calibration).
        """
        theta = check_theta(theta)
        K = theta.shape[1]
        q = [np.empty((K, len(s), 5)) for s in self.slot_states]
        p_attack, p_target, rho_mean = (np.empty((self.size, K)) for _ in range(3))
        converged = np.empty((self.size, K), dtype=bool)
        iterations = 0
        for members, pad in self.buckets:
            C = members.size
            # columns in chunks that keep the NumPy path's per-row matrices near 64 MB
            per_call = max(1, min(K, (1 << 23) // max(1, C * pad.N * pad.N * 6)))
            for k0 in range(0, K, per_call):
                k1 = min(K, k0 + per_call)
                k = k1 - k0
                case_of_row = np.repeat(np.arange(C), k)
                theta_rows = np.tile(theta[:, k0:k1], C)
                start = None
                if q0 is not None:
                    start = np.zeros((C * k, pad.N, 5))
                    for c, b in enumerate(members):
                        start[c * k:(c + 1) * k, :q0.q[b].shape[1]] = q0.q[b][k0:k1]
                out = solve_rows(pad, case_of_row, theta_rows, q0=start, dtype=np.float64,
                                 tol=tol, max_iter=max_iter, damping=damping, stages=stages,
                                 backend=backend)
                iterations = max(iterations, int(out["iterations"].max(initial=0)))
                for c, b in enumerate(members):
                    rows = slice(c * k, (c + 1) * k)
                    q[b][k0:k1] = out["q"][rows, :q[b].shape[1]]
                    p_attack[b, k0:k1] = out["p_attack"][rows]
                    p_target[b, k0:k1] = out["p_target"][rows]
                    rho_mean[b, k0:k1] = out["rho_mean"][rows]
                    converged[b, k0:k1] = out["converged"][rows]
        return BatchSolution(tuple(q), p_attack, p_target, rho_mean, converged, iterations)


def outcome_probabilities(q: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Probability of each observed code under ``q`` (..., n, 5); missing slots give 1."""
    p = np.ones(q.shape[:-1])
    for code in range(5):
        mask = codes == code
        p[..., mask] = q[..., mask, code]
    mask = codes == DID_NOT_FIGHT
    p[..., mask] = q[..., mask, ST] + q[..., mask, SO] + q[..., mask, SA]
    return p


def _case_log_likelihood(sol: BatchSolution, obs: Observations, floor: float) -> np.ndarray:
    out = np.zeros((len(sol.q), sol.p_attack.shape[1]))
    for b, (q, codes) in enumerate(zip(sol.q, obs.codes)):
        if codes.size:
            out[b] = np.log(np.maximum(outcome_probabilities(q, codes), floor)).sum(axis=1)
    return out


def log_likelihood(theta: np.ndarray, batch: CrisisBatch, observed: Observations, *,
                   per_case: bool = False, floor: float = 1e-300, **solve_options):
    """Log-likelihood of the observed third-party actions at ``theta``.

    ``sum_b sum_i log P_b(observed action of i | theta)`` over every recorded third state of
    every crisis, the probabilities being the QRE of each crisis *given that the aggressor
    attacked* (the type posterior: see ``docs/models/crisis.md``, selection). The
    probability of the attack itself is :func:`attack_log_probability` (it identifies
    parameters only against cases without an attack).

    Parameters
    ----------
    theta : ndarray, shape (P,) or (P, K)
        Parameter vector(s) in :func:`~foedus.models.crisis.params.parameter_names` order.
    batch : CrisisBatch
    observed : Observations
        From :meth:`CrisisBatch.observations`.
    per_case : bool
        Return the ``(B, K)`` array of per-crisis log-likelihoods instead of the total.
    floor : float
        Probabilities are floored here before the log (a zero-probability record never gives
        minus infinity).
    **solve_options
        Passed to :meth:`CrisisBatch.solve` (``tol``, ``backend`` ...).

    Returns
    -------
    float, or ndarray (K,) for several columns, or (B, K) with ``per_case``.

    Examples
    --------
    >>> from foedus.models.crisis.inputs import _toy_inputs
    >>> from foedus.models.crisis.params import centre_theta
    >>> batch = CrisisBatch.from_inputs([_toy_inputs(2)])
    >>> obs = batch.observations([{"USA": "fight_target", "JPN": "did_not_fight"}])
    >>> float(log_likelihood(centre_theta(), batch, obs)) < 0
    True
    """
    theta_2d = check_theta(theta)
    sol = batch.solve(theta_2d, **solve_options)
    cases = _case_log_likelihood(sol, observed, floor)
    if per_case:
        return cases
    total = cases.sum(axis=0)
    return float(total[0]) if np.ndim(theta) == 1 else total


def log_likelihood_gradient(theta: np.ndarray, batch: CrisisBatch, observed: Observations, *,
                            free: Sequence[int] | None = None, step: float = 1e-5,
                            floor: float = 1e-300, backend: str = "auto",
                            tol: float = 1e-12) -> tuple[float, np.ndarray]:
    """The log-likelihood at ``theta`` (P,) and its gradient by central differences.

    The equilibrium at ``theta`` is traced along the homotopy; each perturbed equilibrium
    continues it (warm start at full precision), so every evaluation is on the same branch
    and the objective is smooth in ``theta`` - suitable for a quasi-Newton fit. ``free``
    lists the parameter rows to differentiate (default all); the others get 0. The step is
    relative (``step * max(1, |theta_k|)``).

    Examples
    --------
    >>> from foedus.models.crisis.inputs import _toy_inputs
    >>> from foedus.models.crisis.params import centre_theta
    >>> batch = CrisisBatch.from_inputs([_toy_inputs(2)])
    >>> obs = batch.observations([{"USA": "fight_target", "JPN": "did_not_fight"}])
    >>> value, grad = log_likelihood_gradient(centre_theta(), batch, obs, free=[0, 6])
    >>> grad.shape, bool(grad[6] != 0)
    ((24,), True)
    """
    theta = check_theta(theta)[:, 0]
    free = list(range(theta.size)) if free is None else list(free)
    base = batch.solve(theta, tol=tol, backend=backend)
    value = float(_case_log_likelihood(base, observed, floor).sum())
    grad = np.zeros(theta.size)
    if not free:
        return value, grad
    h = step * np.maximum(1.0, np.abs(theta[free]))
    columns = np.repeat(theta[:, None], 2 * len(free), axis=1)
    for j, k in enumerate(free):
        columns[k, 2 * j] += h[j]
        columns[k, 2 * j + 1] -= h[j]
    warm = BatchSolution(tuple(np.repeat(q, 2 * len(free), axis=0) for q in base.q),
                         base.p_attack, base.p_target, base.rho_mean, base.converged,
                         base.iterations)
    sol = batch.solve(columns, q0=warm, tol=tol, stages=(1.0,), backend=backend)
    values = _case_log_likelihood(sol, observed, floor).sum(axis=0)
    grad[free] = (values[0::2] - values[1::2]) / (2.0 * h)
    return value, grad


def attack_log_probability(theta: np.ndarray, batch: CrisisBatch, **solve_options
                           ) -> np.ndarray:
    """Per crisis, log P(the aggressor attacks) at ``theta``: ``(B,)`` (or ``(B, K)``).

    P(attack) is the prior probability that the aggressor's type attacks, against the
    coalition the attack would meet (``1 - P(deterred)``; ``docs/models/crisis.md``). Every
    historical dispute is an attack, so this term alone is maximised by making attacks
    certain: it identifies the aggressor's parameters only with cases where no attack
    happened (e.g. politically relevant dyads without a dispute).

    Examples
    --------
    >>> from foedus.models.crisis.inputs import _toy_inputs
    >>> from foedus.models.crisis.params import centre_theta
    >>> batch = CrisisBatch.from_inputs([_toy_inputs(2)])
    >>> bool(attack_log_probability(centre_theta(), batch)[0] < 0)
    True
    """
    sol = batch.solve(theta, **solve_options)
    out = np.log(sol.p_attack)
    return out[:, 0] if np.ndim(theta) == 1 else out
