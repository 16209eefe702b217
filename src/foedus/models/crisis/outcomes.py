"""Outcomes of one crisis per draw: realised coalitions, the balance of forces, who prevails,
and whether the aggressor is deterred.

Per draw ``d`` the realised action of each state is drawn from its equilibrium probabilities;
the coalition capabilities at the crisis are the loss-of-strength projected CINC of the
target side (fighters in full, supporters by the share ``sigma_c``) and of the aggressor side;
the probability that the aggressor prevails is the ratio-form contest success function.
Deterrence compares the aggressor's expected value of attacking, *anticipating* the
equilibrium coalition (the expected coalition of the QRE), with not attacking (0):

    EV_attack = p_A - (1 - p_A) L_a - c_a,    deterred  <=>  EV_attack < 0.

References
----------
Huth, P. K. (1988). Extended deterrence and the outbreak of war. American Political Science
Review 82(2), 423-443. https://doi.org/10.2307/1957394
Fearon, J. D. (1995). Rationalist explanations for war. International Organization 49(3),
379-414. https://doi.org/10.1017/S0020818300033324
Hirshleifer, J. (1989). Public Choice 63(2), 101-112. https://doi.org/10.1007/BF00153394
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from foedus.models.crisis.inputs import CrisisInputs
from foedus.models.crisis.kernel import Equilibrium, csf
from foedus.models.crisis.params import parameter_names

__all__ = ["CrisisDraws", "realise"]

_P = {name: k for k, name in enumerate(parameter_names())}


@dataclass(frozen=True)
class CrisisDraws:
    """Per-draw results of one crisis under one design.

    ``actions[d, i]`` indexes :data:`~foedus.models.crisis.kernel.ACTIONS`;
    ``p_aggressor_anticipated`` is the aggressor's probability of prevailing against the
    expected coalition (what deterrence compares); ``p_aggressor_realised`` uses the coalition
    realised in the draw; ``balance`` is the target side's share of the realised capability.
    """

    inputs: CrisisInputs
    equilibrium: Equilibrium
    actions: np.ndarray
    capability_target: np.ndarray
    capability_aggressor: np.ndarray
    balance: np.ndarray
    p_aggressor_realised: np.ndarray
    p_aggressor_anticipated: np.ndarray
    ev_attack: np.ndarray
    deterred: np.ndarray


def realise(inputs: CrisisInputs, eq: Equilibrium, theta: np.ndarray,
            rng: np.random.Generator) -> CrisisDraws:
    """Draw each state's action from ``eq.q`` and compute the draw's outcomes.

    Examples
    --------
    >>> from foedus.models.crisis.inputs import _toy_inputs
    >>> from foedus.models.crisis.kernel import solve_equilibrium, theta_array
    >>> from foedus.models.crisis.params import CRISIS_PARAMETERS
    >>> theta = theta_array({p.name: p.default.center() for p in CRISIS_PARAMETERS}, 50)
    >>> toy = _toy_inputs()
    >>> out = realise(toy, solve_equilibrium(toy, theta), theta, np.random.default_rng(1))
    >>> bool(np.all(out.actions[:, 0] == 3)), bool(np.all(out.actions[:, 1] == 0))
    (True, True)
    """
    q = eq.q
    D, n, _ = q.shape
    u = rng.random((D, n), dtype=np.float32)
    qF, qS, qA = q[:, :, 0], q[:, :, 1], q[:, :, 3]
    fight = u < qF
    support = (u >= qF) & (u < qF + qS)
    aggressor = u >= 1.0 - qA
    aggressor &= ~(fight | support)
    actions = np.full((D, n), 2, dtype=np.int8)
    actions[fight] = 0
    actions[support] = 1
    actions[aggressor] = 3
    k = inputs.projected[inputs.target]
    s_c = theta[_P["crisis_support_capability"]]
    cap_t = fight @ k + s_c * (support @ k)
    cap_a = aggressor @ k
    m = theta[_P["crisis_decisiveness"]]
    p_real = 1.0 - csf(cap_t, cap_a, m)
    p_anticipated = 1.0 - eq.p_target
    loss, cost = theta[_P["crisis_aggressor_loss"]], theta[_P["crisis_aggressor_cost"]]
    ev = p_anticipated - (1.0 - p_anticipated) * loss - cost
    total = cap_t + cap_a
    balance = np.divide(cap_t, total, out=np.full(D, 0.5), where=total > 0)
    return CrisisDraws(inputs, eq, actions, cap_t, cap_a, balance, p_real, p_anticipated, ev,
                       ev < 0.0)
