"""Who would fight? The crisis model: five choices, a private-resolve aggressor, history.

For every crisis and design each third state chooses to fight for the target, support it
without fighting, stay out, support the aggressor without fighting, or fight for it; choices
form a logit quantal-response equilibrium whose payoffs combine the stake (through the change
each choice makes to the war's outcome), the costs of war and of support, economic coercion,
domestic constraints, commitments and the pull of allies. The aggressor's resolve is private:
P(deterred) is the prior probability that its type does not attack, and the coalition that
meets an attack is judged at the types that attack (Fearon 1994, 2002). Uncertainty by Monte
Carlo over the case's parameters; the level of war participation is estimated on historical
disputes (:func:`log_likelihood`, :func:`calibrate_entry_cost`), never on a scenario's own
crises. Equations, parameters and sources: ``docs/models/crisis.md``.

Public API:

- :func:`analyze` -> :class:`CrisisResult` (every crisis x design x counterfactual; crises
  that happened are scored against what happened).
- :func:`crisis_inputs` -> :class:`CrisisInputs`; :func:`simulate` -> :class:`CrisisDraws`;
  :func:`solve_equilibrium` (one crisis, many draws) and :func:`solve_equilibrium_loop`
  (plain loops, the reference).
- The historical batch: :class:`CrisisBatch` (many different crises), :func:`log_likelihood`,
  :func:`log_likelihood_gradient`, :func:`attack_log_probability`,
  :func:`calibrate_entry_cost`; corpus rows (dispute x third party) for the history scorer:
  :class:`ThirdPartyRows`, :func:`rows_probabilities`, :func:`rows_log_likelihood`,
  :func:`rows_log_likelihood_loop`, :data:`NOT_IDENTIFIED`.
- :func:`sample_parameters`, :func:`first_order_indices`, :func:`csf`, :func:`theta_array`,
  :func:`centre_theta`, :data:`CRISIS_PARAMETERS`, :data:`ACTIONS`.
"""

from foedus.models.crisis.batch import (
    BatchSolution,
    CrisisBatch,
    Observations,
    attack_log_probability,
    log_likelihood,
    log_likelihood_gradient,
)
from foedus.models.crisis.calibration import (
    Calibration,
    ReliabilityCheck,
    calibrate_entry_cost,
    obliged_fight_rate,
)
from foedus.models.crisis.equilibrium import Equilibrium, solve_equilibrium
from foedus.models.crisis.history import score_crisis
from foedus.models.crisis.inputs import CrisisInputs, crisis_inputs
from foedus.models.crisis.kernel import ACTIONS, csf, theta_array
from foedus.models.crisis.montecarlo import analyze, baseline_design, sample_parameters, simulate
from foedus.models.crisis.outcomes import CrisisDraws, realise
from foedus.models.crisis.params import CRISIS_PARAMETERS, centre_theta, parameter_names
from foedus.models.crisis.reference import solve_equilibrium_loop
from foedus.models.crisis.result import CrisisResult
from foedus.models.crisis.rows import (
    MID_CLASSES,
    NOT_IDENTIFIED,
    ThirdPartyRows,
    rows_log_likelihood,
    rows_log_likelihood_loop,
    rows_probabilities,
)
from foedus.models.crisis.sensitivity import first_order_indices

__all__ = [
    "ACTIONS", "CRISIS_PARAMETERS", "MID_CLASSES", "NOT_IDENTIFIED", "BatchSolution",
    "Calibration", "CrisisBatch", "CrisisDraws", "CrisisInputs", "CrisisResult", "Equilibrium",
    "Observations", "ReliabilityCheck", "ThirdPartyRows", "analyze", "attack_log_probability", "baseline_design",
    "calibrate_entry_cost", "centre_theta", "crisis_inputs", "csf", "first_order_indices",
    "log_likelihood", "log_likelihood_gradient", "obliged_fight_rate", "parameter_names",
    "realise", "rows_log_likelihood", "rows_log_likelihood_loop", "rows_probabilities",
    "sample_parameters", "score_crisis", "simulate", "solve_equilibrium",
    "solve_equilibrium_loop", "theta_array",
]
