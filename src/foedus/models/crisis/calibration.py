"""Calibration of the war-entry cost to the historical rate at which allies honour treaties.

The rate at which treaty-obliged states fight is fixed by the record, not by the model's
judgement parameters: Leeds, Long & Mitchell (2000) find commitments honoured 74.5% of the
time in 1816-1944; Berkemeier & Fuhrmann (2018) 66% before 1945, 22% after, and 41% for
defence pacts over 1816-2003. The scenario's ``treaty_reliability`` distribution is that
prior for its era. Calibration-in-the-large then chooses the fixed cost of entering a war
``c_0`` (``crisis_entry_cost``, the model's intercept) so that the model's mean P(fight) over
every (crisis, design, obliged state) of the scenario equals the prior's mean, and carries
the prior's spread into the draws by shifting each draw's cost by the logit difference:

    c0_d = max(0, c0* - (logit r_d - logit rbar) / lambda_d),    r_d ~ treaty_reliability,

with ``c0*`` chosen so that the mean over draws of the obliged rate equals ``rbar``.
The calibration pool is the baseline: the agreements actually in force (the status-quo
design), because the historical rate describes real alliances; the designs then change
obligations and the model predicts what that does.

"Obliged" means an activated treaty defence obligation towards the target side, for a state
not itself attacked (a state whose own assets are hit fights in self-defence). The model
still decides *which* obliged states fight and how often non-obliged states fight
(interests, costs, coalitions); only the overall level is tied to history.

References
----------
Leeds, B. A., Long, A. G., & Mitchell, S. M. (2000). Reevaluating alliance reliability:
specific threats, specific promises. Journal of Conflict Resolution 44(5), 686-699.
https://doi.org/10.1177/0022002700044005006
Berkemeier, M., & Fuhrmann, M. (2018). Reassessing the fulfillment of alliance commitments in
war. Research & Politics 5(2). https://doi.org/10.1177/2053168018779767
Steyerberg, E. W. (2019). Clinical Prediction Models, 2nd ed. (calibration-in-the-large).
Springer. https://doi.org/10.1007/978-3-030-16399-0
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from foedus.models.crisis.inputs import CrisisInputs
from foedus.models.crisis.kernel import STAGES, solve_equilibrium
from foedus.models.crisis.params import parameter_names

__all__ = ["Calibration", "calibrate_entry_cost", "obliged_fight_rate"]

_P = {name: k for k, name in enumerate(parameter_names())}
ROW = _P["crisis_entry_cost"]


@dataclass(frozen=True)
class Calibration:
    """Result of calibrating ``c_0`` (``crisis_entry_cost``)."""

    target_mean: float
    entry_cost: float
    achieved: float
    units: int
    calibrated: bool
    note: str = ""
    achieved_p05: float = float("nan")
    achieved_p95: float = float("nan")
    sample: int = 0


def obliged_fight_rate(inputs: Sequence[CrisisInputs], theta: np.ndarray,
                       warm: dict | None = None, tol: float | None = None) -> np.ndarray:
    """Per draw: mean P(fight) over every obliged (crisis, design, state) unit.

    ``warm`` (optional dict) keeps each input's last equilibrium to start the next solve.

    Examples
    --------
    >>> from foedus.models.crisis.inputs import _toy_inputs
    >>> from foedus.models.crisis.kernel import theta_array
    >>> from foedus.models.crisis.params import CRISIS_PARAMETERS
    >>> theta = theta_array({p.name: p.default.center() for p in CRISIS_PARAMETERS}, 4)
    >>> obliged_fight_rate([_toy_inputs()], theta).shape
    (4,)
    """
    total = np.zeros(theta.shape[1])
    units = 0
    for k, inp in enumerate(inputs):
        mask = inp.obliged
        if not mask.any():
            continue
        q0 = None if warm is None or k not in warm else warm[k]
        # a warm start continues the previous solution (a homotopy in the entry cost)
        q = solve_equilibrium(inp, theta, q0=q0, tol=tol,
                              stages=STAGES if q0 is None else (1.0,)).q
        if warm is not None:
            slots = ~inp.aggressors
            slots[inp.target] = False
            warm[k] = q[:, slots, :]
        total += q[:, mask, 0].sum(axis=1)
        units += int(mask.sum())
    return total / units if units else np.full(theta.shape[1], np.nan)


def calibrate_entry_cost(inputs: Sequence[CrisisInputs], theta: np.ndarray,
                         reliability: np.ndarray, *, sample: int = 160,
                         bounds: tuple[float, float] = (0.0, 12.0), tol: float = 0.002,
                         max_steps: int = 20, solve_tol: float | None = None
                         ) -> tuple[np.ndarray, Calibration]:
    """Calibrate ``crisis_entry_cost`` so that obliged states fight at the prior's rate.

    Parameters
    ----------
    inputs : sequence of CrisisInputs
        Every (crisis, design) of the scenario (the calibration pool).
    theta : ndarray (P, D)
        Parameter draws; the entry-cost row is replaced in the returned copy.
    reliability : ndarray (D,)
        Draws of the prior rate (``treaty_reliability``).
    sample : int
        Draws used to find ``c0*`` (the first ``sample`` columns).
    bounds, tol, max_steps, solve_tol
        Search interval for ``c0*``, tolerance on the rate, step cap (regula falsi with the
        Illinois modification; the rate decreases monotonically in ``c0``), tolerance of
        the equilibrium solves.

    Returns
    -------
    theta_calibrated : ndarray (P, D)
    calibration : Calibration

    Examples
    --------
    >>> from foedus.models.crisis.inputs import _toy_inputs
    >>> from foedus.models.crisis.kernel import theta_array
    >>> from foedus.models.crisis.params import CRISIS_PARAMETERS
    >>> theta = theta_array({p.name: p.default.center() for p in CRISIS_PARAMETERS}, 8)
    >>> th, cal = calibrate_entry_cost([_toy_inputs()], theta, np.full(8, 0.4))
    >>> bool(abs(cal.achieved - 0.4) < 0.01)
    True
    """
    units = sum(int(inp.obliged.sum()) for inp in inputs)
    rbar = float(np.mean(reliability))
    if units == 0:
        return theta.copy(), Calibration(rbar, float("nan"), float("nan"), 0, False,
                                         "no treaty-obliged state in any crisis: uncalibrated")
    r = np.clip(reliability, 1e-4, 1 - 1e-4)
    shift = (np.log(r / (1 - r)) - np.log(rbar / (1 - rbar))) / theta[_P["crisis_precision"]]
    sub = theta[:, :sample].copy()
    sub_shift = shift[:sample]
    pool = [inp for inp in inputs if inp.obliged.any()]
    warm: dict = {}

    last: dict = {}

    def excess(c0: float) -> float:
        sub[ROW] = np.maximum(c0 - sub_shift, 0.0)
        last["rate"] = obliged_fight_rate(pool, sub, warm, solve_tol)
        return float(np.mean(last["rate"])) - rbar

    a, b = bounds
    fa, fb = excess(a), excess(b)
    note = ""
    if fa <= 0 or fb >= 0:
        c0 = a if fa <= 0 else b
        f = excess(c0)
        note = (f"prior mean {rbar:.2f} outside the reachable range "
                f"[{fb + rbar:.2f}, {fa + rbar:.2f}] for c0 in [{a:g}, {b:g}]; c0 at the bound")
    else:
        side = 0
        c0, f = a, fa
        for _ in range(max_steps):
            c0 = (a * fb - b * fa) / (fb - fa)
            f = excess(c0)
            if abs(f) < tol:
                break
            if f > 0:
                a, fa = c0, f
                if side == 1:
                    fb *= 0.5
                side = 1
            else:
                b, fb = c0, f
                if side == -1:
                    fa *= 0.5
                side = -1
    out = theta.copy()
    out[ROW] = np.maximum(c0 - shift, 0.0)
    lo, hi = np.quantile(last["rate"], [0.05, 0.95])
    return out, Calibration(rbar, float(c0), float(f + rbar), units, True, note, float(lo),
                            float(hi), sub.shape[1])
