"""Reference implementation of the crisis kernel: the same equations with plain Python loops.

Slow and float64; it exists so that the tests can check the vectorised kernel
(:func:`foedus.models.crisis.kernel.solve_rows`, used by :func:`solve_equilibrium` and the
historical batch) against an independent, readable transcription of ``docs/models/crisis.md``
on small cases, state by state and action by action.

References
----------
McKelvey, R. D., & Palfrey, T. R. (1995). Quantal response equilibria for normal form games.
Games and Economic Behavior 10(1), 6-38. https://doi.org/10.1006/game.1995.1023
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from foedus.models.crisis.inputs import CrisisInputs
from foedus.models.crisis.kernel import _P, STAGES, TYPE_NODES, TYPE_WEIGHTS
from foedus.models.crisis.padded import FLOOR

__all__ = ["payoff_terms", "solve_equilibrium_loop"]


def solve_equilibrium_loop(inputs: CrisisInputs, theta: np.ndarray, *, tol: float = 1e-12,
                           max_iter: int = 5000, damping: float = 0.8,
                           q0: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Reference implementation: the same equations with explicit Python loops (float64).

    Slow; for tests on small cases. Returns ``q`` with shape ``(D, n, 5)`` and P(attack)
    with shape ``(D,)``.

    Examples
    --------
    >>> from foedus.models.crisis.inputs import _toy_inputs
    >>> from foedus.models.crisis.equilibrium import solve_equilibrium
    >>> from foedus.models.crisis.params import centre_theta
    >>> theta = centre_theta()[:, None]
    >>> fast = solve_equilibrium(_toy_inputs(), theta, dtype=np.float64)
    >>> q, p_attack = solve_equilibrium_loop(_toy_inputs(), theta)
    >>> bool(np.abs(fast.q - q).max() < 1e-6), bool(abs(fast.p_attack[0] - p_attack[0]) < 1e-6)
    (True, True)
    """
    inp = inputs
    n = inp.n
    slots = [i for i in range(n) if not inp.aggressors[i] and not inp.targets[i]]
    dec = [i for i in slots if inp.deciding[i]]
    out = np.zeros((theta.shape[1], n, 5))
    attack_out = np.zeros(theta.shape[1])
    for d in range(theta.shape[1]):
        p = {name: float(theta[k, d]) for name, k in _P.items()}
        q = {i: [0.2] * 5 for i in dec}
        if q0 is not None:
            for j, i in enumerate(slots):
                if i in q:
                    q[i] = [float(x) for x in q0[d, j]]
        lam = p["crisis_precision"]
        for scale in STAGES:
            p["crisis_precision"] = lam * scale
            for _ in range(max_iter):
                new = {i: _loop_response(inp, p, q, i, dec) for i in dec}
                change = max((abs(new[i][a] - q[i][a]) for i in dec for a in range(5)),
                             default=0.0)
                for i in dec:
                    q[i] = [q[i][a] + damping * (new[i][a] - q[i][a]) for a in range(5)]
                if change < tol:
                    break
        p["crisis_precision"] = lam
        attack_out[d] = _types(inp, p, q, dec)[0]
        for i in range(n):
            if inp.aggressors[i]:
                out[d, i, 4] = 1.0
            elif inp.targets[i]:
                out[d, i, 0] = 1.0
            elif i in q:
                out[d, i] = q[i]
            else:
                out[d, i, 2] = 1.0
    return out, attack_out


def _loop_csf(x, y, m):
    x, y = max(x, FLOOR), max(y, FLOOR)
    return 1.0 / (1.0 + math.exp(m * (math.log(y) - math.log(x))))


def _theatre(inp, j):
    return inp.projected[inp.target, j]


def _types(inp, p, q, dec):
    """P(attack) and the posterior-mean resolve of the types that attack."""
    s_c = p["crisis_support_capability"]
    c_t = sum(_theatre(inp, t) for t in range(inp.n) if inp.targets[t])
    c_t += sum((q[j][0] + s_c * q[j][1]) * _theatre(inp, j) for j in dec)
    joiners = sum((q[j][4] + s_c * q[j][3]) * _theatre(inp, j) for j in dec)
    k_agg = sum(_theatre(inp, a) for a in range(inp.n) if inp.aggressors[a])
    total, weighted = 0.0, 0.0
    for x, w in zip(TYPE_NODES, TYPE_WEIGHTS):
        rho = math.exp(p["crisis_resolve_dispersion"] * x)
        p_agg = _loop_csf(rho * k_agg + joiners, c_t, p["crisis_decisiveness"])
        ev = p_agg - ((1 - p_agg) * p["crisis_aggressor_loss"] + p["crisis_aggressor_cost"]) / rho
        attack = 1.0 / (1.0 + math.exp(-p["crisis_precision"] * ev))
        total += w * attack
        weighted += w * attack * rho
    return total, weighted / total


def _loop_terms(inp, p, q, i, dec) -> dict[str, list[float]]:
    """State ``i``'s payoff terms for the five actions (staying out is 0 in every term)."""
    n = inp.n
    kap, lpol = p["crisis_consultation_weight"], p["crisis_political_weight"]
    s_c, s_h, s_k = (p["crisis_support_capability"], p["crisis_support_honour"],
                     p["crisis_support_risk"])
    m, omega = p["crisis_decisiveness"], p["crisis_obligation_weight"]
    weights = (1.0, lpol, kap, kap * lpol)
    agg = [a for a in range(n) if inp.aggressors[a]]
    tgt = [t for t in range(n) if inp.targets[t]]
    k = {j: _theatre(inp, j) for j in range(n)}
    side_t = {j: q[j][0] + s_c * q[j][1] for j in dec}      # contribution to the target side
    side_a = {j: q[j][4] + s_c * q[j][3] for j in dec}      # and to the aggressor side
    _, rho_mean = _types(inp, p, q, dec)
    c_t = sum(k[t] for t in tgt) + sum(side_t[j] * k[j] for j in dec)
    c_a = rho_mean * sum(k[a] for a in agg) + sum(side_a[j] * k[j] for j in dec)
    x0 = max(c_t - side_t[i] * k[i], FLOOR)
    y0 = max(c_a - side_a[i] * k[i], FLOOR)
    p_fight_t = _loop_csf(x0 + k[i], y0, m)       # target side's chance if i fights for it
    p_fight_a = _loop_csf(x0, y0 + k[i], m)       # ... if i fights for the aggressor
    # the stake, once: the value of the side taken - threat of the aggressors and their
    # fighters less that of the targets and their fighters, affinity, being hit
    stake = (sum(inp.threat[i, a] for a in agg) - sum(inp.threat[i, t] for t in tgt)
             + sum((q[j][4] - q[j][0]) * inp.threat[i, j] for j in dec)
             + p["crisis_affinity_weight"] * 0.5 * inp.affinity_gap[i]
             + p["crisis_hit_weight"] * inp.hit[i])
    value = p["crisis_stake_weight"] * stake
    chi = p["crisis_chain_weight"]
    # chain-ganging: the weighted allies expected on each side (and the aggressor itself once
    # a third state counter-attacks it); saturating: 1 - exp(-sum)
    allies_t = allies_a = 0.0
    for kind, w in enumerate(weights):
        for j in dec:
            if inp.hit[j] > 0:
                continue            # an activated commitment already counts an ally hit
            allies_t += w * inp.ties[kind, i, j] * (q[j][0] + s_h * q[j][1])
            allies_a += w * inp.ties[kind, i, j] * (q[j][4] + s_h * q[j][3])
    none_fights = 1.0
    for j in dec:
        if j != i:
            none_fights *= 1.0 - min(q[j][0], 0.999999)
    allies_a += (1.0 - none_fights) * sum(w * inp.ties[kind, i, a]
                                          for kind, w in enumerate(weights) for a in agg)
    pull = chi * ((1.0 - math.exp(-allies_t)) - (1.0 - math.exp(-allies_a)))
    cap = max(inp.capability[i], FLOOR)
    home_a = sum(inp.projected[i, a] for a in agg) + sum(side_a[j] * inp.projected[i, j]
                                                        for j in dec)
    home_t = sum(inp.projected[i, t] for t in tgt) + sum(side_t[j] * inp.projected[i, j]
                                                        for j in dec)
    war_a = 0.5 * (home_a / (home_a + cap) + y0 / (y0 + k[i]))
    war_t = 0.5 * (home_t / (home_t + cap) + x0 / (x0 + k[i]))
    # shared obligations: m guarantors of a side (deciding third parties with an activated
    # commitment of any kind to it) each carry m^-gamma_g of the obligation
    guarantors = [sum(1 for j in dec if any(inp.legal[j, side, kind] > 0 for kind in range(4)))
                  for side in (0, 1)]
    commit = [max(w * inp.legal[i, side, kind] for kind, w in enumerate(weights))
              * max(guarantors[side], 1) ** -p["crisis_guarantor_dilution"]
              for side in (0, 1)]
    honour = omega + p["crisis_reputation_weight"] * inp.reputation[i]
    obligation = honour * (commit[0] - commit[1])
    neutral_t, neutral_a = omega * inp.neutrality[i, 0], omega * inp.neutrality[i, 1]
    econ_a = p["crisis_trade_cost"] * (inp.exposure[i] + p["crisis_coercion_exposure"]
                                       * inp.coercion[i])
    econ_t = p["crisis_trade_cost"] * (inp.exposure_target[i] + p["crisis_coercion_exposure"]
                                       * inp.coercion_target[i])
    dom = p["crisis_domestic_weight"] * inp.domestic[i]
    c0, cs = p["crisis_entry_cost"], p["crisis_support_entry_cost"]
    b, g_w = p["crisis_spoils_weight"], p["crisis_war_cost"]
    #           fight target      support target     out  support aggr.     fight aggressor
    return {
        "stake": [value, s_h * value, 0.0, -s_h * value, -value],
        "alliance pull": [pull, s_h * pull, 0.0, -s_h * pull, -pull],
        "commitments": [obligation, s_h * obligation, 0.0, -s_h * obligation, -obligation],
        "neutrality pledges": [-neutral_a, -s_h * neutral_a, 0.0, -s_h * neutral_t,
                               -neutral_t],
        "spoils": [b * (2 * p_fight_t - 1), 0.0, 0.0, 0.0, b * (1 - 2 * p_fight_a)],
        "war cost": [-g_w * war_a, -s_k * g_w * war_a, 0.0, -s_k * g_w * war_t, -g_w * war_t],
        "entry cost": [-c0, -cs, 0.0, -cs, -c0],
        "domestic constraint": [-dom, 0.0, 0.0, 0.0, -dom],
        "economic coercion": [-econ_a, -econ_a, 0.0, -econ_t, -econ_t],
    }


def _loop_response(inp, p, q, i, dec):
    terms = _loop_terms(inp, p, q, i, dec)
    lam = p["crisis_precision"]
    us = [lam * sum(t[a] for t in terms.values()) for a in range(5)]
    top = max(us)
    e = [math.exp(u - top) for u in us]
    total = sum(e)
    return [x / total for x in e]


def payoff_terms(inputs: CrisisInputs, theta: np.ndarray, q: np.ndarray) -> pd.DataFrame:
    """Why each state chooses as it does: its payoff terms for each action at a profile.

    Parameters
    ----------
    inputs : CrisisInputs
    theta : ndarray, shape (P,)
        One parameter vector.
    q : ndarray, shape (n, 5)
        A profile of choice probabilities in world order (e.g. one draw of
        :attr:`Equilibrium.q`: the equilibrium, where the terms explain the choice).

    Returns
    -------
    DataFrame
        One row per (state, term) with a column per action: the utility relative to staying
        out is the column's sum, and ``q = softmax(lambda * sum)``.

    Examples
    --------
    >>> from foedus.models.crisis.inputs import _toy_inputs
    >>> from foedus.models.crisis.equilibrium import solve_equilibrium
    >>> from foedus.models.crisis.params import centre_theta
    >>> eq = solve_equilibrium(_toy_inputs(), centre_theta(), dtype=np.float64)
    >>> terms = payoff_terms(_toy_inputs(), centre_theta(), eq.q[0])
    >>> sorted(set(terms.iso3))
    ['JPN', 'USA', 'X0', 'X1']
    """
    from foedus.models.crisis.kernel import ACTIONS

    theta = np.asarray(theta, dtype=float).ravel()
    p = {name: float(theta[k]) for name, k in _P.items()}
    dec = [i for i in range(inputs.n) if inputs.deciding[i]]
    profile = {i: [float(x) for x in q[i]] for i in dec}
    rows = []
    for i in dec:
        for term, values in _loop_terms(inputs, p, profile, i, dec).items():
            rows.append({"iso3": inputs.states[i], "term": term,
                         **{a: v for a, v in zip(ACTIONS, values)}})
    return pd.DataFrame(rows)
