"""The level of war participation, fitted where it can be: on crises whose outcome is known.

Calibration-in-the-large (Steyerberg 2019) of the fixed cost of entering a war ``c_0``
(``crisis_entry_cost``, the model's intercept): on a pool of historical crises with observed
third-party actions - the dispute corpus, never a scenario's own hypothetical crises - choose
``c_0`` so that the model's expected number of third states that fight (for either side)
equals the number observed to fight. Everything else (who fights, for which side, who only
supports) follows from the payoffs. :func:`calibrate_entry_cost` is pure and vectorised over
the pool and over parameter columns; the history scorer calls it (or estimates ``c_0`` with
the other parameters by likelihood, :func:`foedus.models.crisis.log_likelihood`).

The era's published rate of alliance fulfilment (Leeds, Long & Mitchell 2000: 74.5% in
1816-1944; Berkemeier & Fuhrmann 2018: 66% before 1945, 22% after) stays a *check*:
:func:`obliged_fight_rate` reports how often treaty-obliged states fight in a scenario's
baseline against its ``treaty_reliability`` prior; it fits nothing.

References
----------
Steyerberg, E. W. (2019). Clinical Prediction Models, 2nd ed. (calibration-in-the-large).
Springer. https://doi.org/10.1007/978-3-030-16399-0
Leeds, B. A., Long, A. G., & Mitchell, S. M. (2000). Reevaluating alliance reliability:
specific threats, specific promises. Journal of Conflict Resolution 44(5), 686-699.
https://doi.org/10.1177/0022002700044005006
Berkemeier, M., & Fuhrmann, M. (2018). Reassessing the fulfillment of alliance commitments in
war. Research & Politics 5(2). https://doi.org/10.1177/2053168018779767
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from foedus.models.crisis.batch import CrisisBatch, Observations
from foedus.models.crisis.equilibrium import Equilibrium
from foedus.models.crisis.inputs import CrisisInputs
from foedus.models.crisis.kernel import FA, FT, check_theta
from foedus.models.crisis.params import parameter_names

__all__ = ["Calibration", "ReliabilityCheck", "calibrate_entry_cost", "obliged_fight_rate"]

ROW = parameter_names().index("crisis_entry_cost")


@dataclass(frozen=True)
class Calibration:
    """Result of :func:`calibrate_entry_cost` (arrays over the parameter columns)."""

    entry_cost: np.ndarray        # (K,) the calibrated c_0
    observed_rate: float          # share of recorded third states that fought
    predicted_rate: np.ndarray    # (K,) the model's expected share at the calibrated c_0
    units: int                    # recorded third states in the pool
    at_bound: np.ndarray          # (K,) the observed rate was out of reach inside ``bounds``
    steps: int


def _fight_share(batch: CrisisBatch, obs: Observations, theta: np.ndarray,
                 backend: str) -> np.ndarray:
    sol = batch.solve(theta, backend=backend, tol=1e-9)
    total = np.zeros(theta.shape[1])
    for q, codes in zip(sol.q, obs.codes):
        seen = codes >= 0
        total += (q[:, seen, FT] + q[:, seen, FA]).sum(axis=1)
    return total / max(obs.count, 1)


def calibrate_entry_cost(batch: CrisisBatch, observed: Observations, theta: np.ndarray, *,
                         bounds: tuple[float, float] = (0.0, 12.0), tol: float = 1e-4,
                         max_steps: int = 40, backend: str = "auto"
                         ) -> tuple[np.ndarray, Calibration]:
    """Choose ``crisis_entry_cost`` so that as many third states fight as were observed to.

    Parameters
    ----------
    batch : CrisisBatch
        Historical crises (:class:`~foedus.models.crisis.batch.CrisisBatch`).
    observed : Observations
        What their third states did (:meth:`CrisisBatch.observations`); a state fought if
        recorded ``fight_target`` or ``fight_aggressor``.
    theta : ndarray, shape (P,) or (P, K)
        Parameter vector(s); their ``crisis_entry_cost`` row is replaced.
    bounds, tol, max_steps
        Search interval for ``c_0``; tolerance on the share that fights; step cap (regula
        falsi with the Illinois modification, all columns at once; the share decreases in
        ``c_0``).
    backend : str
        Kernel backend (``auto``, ``numba``, ``numpy``).

    Returns
    -------
    theta_calibrated : ndarray, same shape as ``theta``
    calibration : Calibration

    Examples
    --------
    >>> from foedus.models.crisis.inputs import _random_inputs
    >>> from foedus.models.crisis.params import centre_theta
    >>> rng = np.random.default_rng(0)
    >>> batch = CrisisBatch.from_inputs([_random_inputs(rng, 8, f"c{k}") for k in range(6)])
    >>> records = [{s: ("fight_target" if k == 0 else "did_not_fight")
    ...             for k, s in enumerate(states)} for states in batch.slot_states]
    >>> th, cal = calibrate_entry_cost(batch, batch.observations(records), centre_theta())
    >>> bool(abs(cal.predicted_rate[0] - cal.observed_rate) < 1e-3)
    True
    """
    vector = np.ndim(theta) == 1
    theta = check_theta(theta).copy()
    fought = sum(int(np.isin(codes, (FT, FA)).sum()) for codes in observed.codes)
    rate = fought / max(observed.count, 1)
    K = theta.shape[1]

    def excess(c0: np.ndarray) -> np.ndarray:
        theta[ROW] = c0
        return _fight_share(batch, observed, theta, backend) - rate

    a, b = np.full(K, bounds[0]), np.full(K, bounds[1])
    fa, fb = excess(a), excess(b)
    at_bound = (fa <= 0) | (fb >= 0)
    c0 = np.where(fa <= 0, a, b)
    f = np.where(fa <= 0, fa, fb)
    side = np.zeros(K)
    steps = 0
    active = ~at_bound
    while active.any() and steps < max_steps:
        steps += 1
        guess = np.where(active, (a * fb - b * fa) / np.where(active, fb - fa, 1.0), c0)
        value = excess(guess)
        c0 = np.where(active, guess, c0)
        f = np.where(active, value, f)
        up = active & (value > 0)
        down = active & (value <= 0)
        fb = np.where(up & (side == 1), 0.5 * fb, fb)
        fa = np.where(down & (side == -1), 0.5 * fa, fa)
        a, fa = np.where(up, guess, a), np.where(up, value, fa)
        b, fb = np.where(down, guess, b), np.where(down, value, fb)
        side = np.where(up, 1, np.where(down, -1, side))
        active &= np.abs(value) >= tol
    theta[ROW] = c0
    out = theta[:, 0] if vector else theta
    return out, Calibration(c0, rate, f + rate, observed.count, at_bound, steps)


@dataclass(frozen=True)
class ReliabilityCheck:
    """How often treaty-obliged states fight in a baseline, against the era's prior."""

    prior_mean: float
    prior_p05: float
    prior_p95: float
    model_mean: float
    model_p05: float
    model_p95: float
    units: int
    note: str


def obliged_fight_rate(inputs: Sequence[CrisisInputs], equilibria: Sequence[Equilibrium],
                       reliability: np.ndarray) -> ReliabilityCheck:
    """Mean P(fight for the target) over every treaty-obliged (crisis, state) unit of a
    baseline, per draw, against the ``treaty_reliability`` prior (a check, not a fit).

    "Obliged": an activated treaty commitment to the target side, for a state not itself hit.

    Examples
    --------
    >>> from foedus.models.crisis.inputs import _toy_inputs
    >>> from foedus.models.crisis.equilibrium import solve_equilibrium
    >>> from foedus.models.crisis.params import centre_theta
    >>> theta = np.repeat(centre_theta()[:, None], 4, axis=1)
    >>> check = obliged_fight_rate([_toy_inputs()], [solve_equilibrium(_toy_inputs(), theta)],
    ...                            np.full(4, 0.4))
    >>> check.units, 0.0 <= check.model_mean <= 1.0
    (1, True)
    """
    total, units = None, 0
    for inp, eq in zip(inputs, equilibria):
        mask = inp.obliged
        if not mask.any():
            continue
        part = eq.q[:, mask, FT].astype(float).sum(axis=1)
        total = part if total is None else total + part
        units += int(mask.sum())
    prior = np.asarray(reliability, dtype=float)
    lo, hi = np.quantile(prior, [0.05, 0.95])
    if not units:
        return ReliabilityCheck(float(prior.mean()), float(lo), float(hi), float("nan"),
                                float("nan"), float("nan"), 0,
                                "no treaty-obliged state in the baseline's crises")
    rate = total / units
    mlo, mhi = np.quantile(rate, [0.05, 0.95])
    inside = lo <= rate.mean() <= hi
    note = ("within the prior's 90% interval" if inside else
            "outside the prior's 90% interval: the model's level of war participation "
            "(crisis_entry_cost and the parameter set in use) disagrees with the era's record")
    return ReliabilityCheck(float(prior.mean()), float(lo), float(hi), float(rate.mean()),
                            float(mlo), float(mhi), units, note)
