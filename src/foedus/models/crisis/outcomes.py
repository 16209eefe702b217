"""Outcomes of one crisis per draw: realised coalitions, the balance of forces, who prevails,
and whether the aggressor is deterred.

Per draw ``d`` the realised action of each state is drawn from its equilibrium probabilities,
and the aggressor's resolve from the posterior of the types that attack. The coalition
capabilities at the crisis are the loss-of-strength projected CINC of each side (fighters in
full, supporters by the share ``sigma_c``); the balance of forces is the target side's share
of them; the probability that the aggressor prevails is the ratio-form contest success
function with the aggressor's capability scaled by its resolve. Deterrence (Fearon 1994,
2002): the aggressor's type is private, so P(deterred) is the prior probability of the
types that would not attack, anticipating the equilibrium coalition; for a crisis that
happened it measures how surprising the attack is to the model, not whether it occurred.

References
----------
Fearon, J. D. (1994). Signaling versus the balance of power and interests. Journal of
Conflict Resolution 38(2), 236-269. https://doi.org/10.1177/0022002794038002004
Fearon, J. D. (2002). Selection effects and deterrence. International Interactions 28(1),
5-29. https://doi.org/10.1080/03050620210390
Hirshleifer, J. (1989). Public Choice 63(2), 101-112. https://doi.org/10.1007/BF00153394
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from foedus.models.crisis.equilibrium import Equilibrium
from foedus.models.crisis.inputs import CrisisInputs
from foedus.models.crisis.kernel import FA, FT, SA, ST, csf
from foedus.models.crisis.params import parameter_names

__all__ = ["CrisisDraws", "realise"]

_P = {name: k for k, name in enumerate(parameter_names())}


@dataclass(frozen=True)
class CrisisDraws:
    """Per-draw results of one crisis under one design.

    ``actions[d, i]`` indexes :data:`~foedus.models.crisis.kernel.ACTIONS`; ``resolve[d]``
    is the aggressor's resolve drawn from the posterior of the types that attack;
    ``p_aggressor_anticipated`` the aggressor side's chance against the expected coalition
    (over the attacking types), ``p_aggressor_realised`` against the coalition realised in
    the draw; ``balance`` the target side's share of the realised capability;
    ``p_deterred`` the prior probability that the aggressor's type is deterred.
    """

    inputs: CrisisInputs
    equilibrium: Equilibrium
    actions: np.ndarray
    resolve: np.ndarray
    capability_target: np.ndarray
    capability_aggressor: np.ndarray
    balance: np.ndarray
    p_aggressor_realised: np.ndarray
    p_aggressor_anticipated: np.ndarray
    p_deterred: np.ndarray


def realise(inputs: CrisisInputs, eq: Equilibrium, theta: np.ndarray,
            rng: np.random.Generator) -> CrisisDraws:
    """Draw each state's action from ``eq.q`` and the aggressor's type from its posterior,
    and compute the draw's outcomes.

    Examples
    --------
    >>> from foedus.models.crisis.inputs import _toy_inputs
    >>> from foedus.models.crisis.equilibrium import solve_equilibrium
    >>> from foedus.models.crisis.params import centre_theta
    >>> theta = np.repeat(centre_theta()[:, None], 50, axis=1)
    >>> toy = _toy_inputs()
    >>> out = realise(toy, solve_equilibrium(toy, theta), theta, np.random.default_rng(1))
    >>> bool(np.all(out.actions[:, 0] == 4)), bool(np.all(out.actions[:, 1] == 0))
    (True, True)
    """
    q = eq.q.astype(float)
    D, n, _ = q.shape
    u = rng.random((D, n))
    cumulative = np.cumsum(q, axis=2)
    actions = (u[:, :, None] >= cumulative[:, :, :-1]).sum(axis=2).astype(np.int8)
    v = rng.random(D)
    type_index = (v[:, None] >= np.cumsum(eq.posterior, axis=1)[:, :-1]).sum(axis=1)
    resolve = eq.rho[np.arange(D), type_index]
    k = inputs.projected[inputs.target]
    s_c = theta[_P["crisis_support_capability"]]
    own = (actions == FT) & ~inputs.aggressors
    cap_t = (own @ k) + s_c * ((actions == ST) @ k)
    joiners = (actions == FA) & ~inputs.aggressors
    k_agg = k[inputs.aggressors].sum()
    cap_a = k_agg + joiners @ k + s_c * ((actions == SA) @ k)
    m = theta[_P["crisis_decisiveness"]]
    p_real = 1.0 - csf(cap_t, cap_a + (resolve - 1.0) * k_agg, m)
    total = cap_t + cap_a
    balance = np.divide(cap_t, total, out=np.full(D, 0.5), where=total > 0)
    return CrisisDraws(inputs, eq, actions, resolve, cap_t, cap_a, balance, p_real,
                       1.0 - eq.p_target, eq.p_deterred)


_ = (FA, SA)
