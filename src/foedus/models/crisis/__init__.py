"""Who would fight? Crisis and commitment Monte Carlo (issue #4).

For every crisis and design each state chooses to fight beside the target, support without
fighting, stay out, or side with the aggressor; choices form a logit quantal-response
equilibrium whose payoffs combine legal obligation, reputation, interests (threat, affinity,
proximity), the expected cost of war and of economic coercion, domestic constraints and what
the others do. Outcomes: coalitions, the balance of forces, who prevails and whether the
aggressor is deterred; uncertainty by Monte Carlo over the scenario's parameter
distributions; the level of treaty fulfilment calibrated to the historical record.
Equations, parameters and sources: ``docs/models/crisis.md``.

Public API:

- :func:`analyze` -> :class:`CrisisResult` (every crisis x design x counterfactual).
- :func:`crisis_inputs` -> :class:`CrisisInputs`; :func:`simulate` -> :class:`CrisisDraws`.
- :func:`solve_equilibrium` (vectorised, `kernel.py`) and :func:`solve_equilibrium_loop`
  (plain loops, `reference.py`).
- :func:`sample_parameters`, :func:`calibrate_entry_cost`, :func:`first_order_indices`,
  :func:`csf`, :func:`theta_array`, :data:`CRISIS_PARAMETERS`, :data:`ACTIONS`.
"""

from foedus.models.crisis.calibration import Calibration, calibrate_entry_cost, obliged_fight_rate
from foedus.models.crisis.inputs import CrisisInputs, crisis_inputs
from foedus.models.crisis.kernel import (
    ACTIONS,
    Equilibrium,
    csf,
    solve_equilibrium,
    theta_array,
)
from foedus.models.crisis.montecarlo import analyze, sample_parameters, simulate
from foedus.models.crisis.outcomes import CrisisDraws, realise
from foedus.models.crisis.params import CRISIS_PARAMETERS, parameter_names
from foedus.models.crisis.reference import solve_equilibrium_loop
from foedus.models.crisis.result import CrisisResult
from foedus.models.crisis.sensitivity import first_order_indices

__all__ = [
    "ACTIONS", "CRISIS_PARAMETERS", "Calibration", "CrisisDraws", "CrisisInputs",
    "CrisisResult", "Equilibrium", "analyze", "calibrate_entry_cost", "crisis_inputs", "csf",
    "first_order_indices", "obliged_fight_rate", "parameter_names", "realise",
    "sample_parameters", "simulate", "solve_equilibrium", "solve_equilibrium_loop",
    "theta_array",
]
