"""Reference implementation of the crisis kernel: the same equations with plain Python loops.

Slow and float64; it exists so that the tests can check the vectorised kernel
(:func:`foedus.models.crisis.kernel.solve_equilibrium`) against an independent, readable
transcription of ``docs/models/crisis.md`` on small cases.

References
----------
McKelvey, R. D., & Palfrey, T. R. (1995). Quantal response equilibria for normal form games.
Games and Economic Behavior 10(1), 6-38. https://doi.org/10.1006/game.1995.1023
"""

from __future__ import annotations

import math

import numpy as np

from foedus.models.crisis.inputs import CrisisInputs
from foedus.models.crisis.kernel import _FLOOR, _P, STAGES

__all__ = ["solve_equilibrium_loop"]


def solve_equilibrium_loop(inputs: CrisisInputs, theta: np.ndarray, *, tol: float = 1e-12,
                           max_iter: int = 5000, damping: float = 0.8,
                           q0: np.ndarray | None = None) -> np.ndarray:
    """Reference implementation: the same equations with explicit Python loops (float64).

    Slow; for tests on small cases. Returns ``q`` with shape ``(D, n, 4)``.

    Examples
    --------
    >>> from foedus.models.crisis.inputs import _toy_inputs
    >>> from foedus.models.crisis.kernel import solve_equilibrium, theta_array
    >>> from foedus.models.crisis.params import CRISIS_PARAMETERS
    >>> theta = theta_array({p.name: p.default.center() for p in CRISIS_PARAMETERS}, 1)
    >>> fast = solve_equilibrium(_toy_inputs(), theta, dtype=np.float64).q
    >>> slow = solve_equilibrium_loop(_toy_inputs(), theta)
    >>> bool(np.abs(fast - slow).max() < 1e-6)
    True
    """
    inp = inputs
    n = inp.n
    dec = [i for i in range(n) if inp.deciding[i]]
    agg = [i for i in range(n) if inp.aggressors[i]]
    t = inp.target
    out = np.zeros((theta.shape[1], n, 4))
    for d in range(theta.shape[1]):
        p = {name: float(theta[k, d]) for name, k in _P.items()}
        q = {i: [0.25, 0.25, 0.25, 0.25] for i in dec}
        if q0 is not None:
            for j, i in enumerate(dec):
                q[i] = [float(x) for x in q0[d, j]]
        lam = p["crisis_precision"]
        for scale in STAGES:
            p["crisis_precision"] = lam * scale
            for _ in range(max_iter):
                new = {i: _loop_response(inp, p, q, i, dec, agg, t) for i in dec}
                change = max((abs(new[i][a] - q[i][a]) for i in dec for a in range(4)),
                             default=0.0)
                for i in dec:
                    q[i] = [q[i][a] + damping * (new[i][a] - q[i][a]) for a in range(4)]
                if change < tol:
                    break
        for i in range(n):
            if inp.aggressors[i]:
                out[d, i, 3] = 1.0
            elif i == t:
                out[d, i, 0] = 1.0
            elif i in q:
                out[d, i] = q[i]
            else:
                out[d, i, 2] = 1.0
    return out


def _loop_csf(x, y, m):
    x, y = max(x, _FLOOR), max(y, _FLOOR)
    return 1.0 / (1.0 + math.exp(m * (math.log(y) - math.log(x))))


def _loop_response(inp, p, q, i, dec, agg, t):
    kap, lpol, s_c, s_h, s_k = (p["crisis_consultation_weight"], p["crisis_political_weight"],
                                p["crisis_support_capability"], p["crisis_support_honour"],
                                p["crisis_support_cost"])
    k = {j: inp.projected[t, j] for j in range(inp.n)}
    contrib = {j: q[j][0] + s_c * q[j][1] for j in dec}
    C_T = k[t] + sum(contrib[j] * k[j] for j in dec)
    C_A = sum(k[a] for a in agg) + sum(q[j][3] * k[j] for j in dec)
    X0 = max(C_T - contrib[i] * k[i], _FLOOR)
    Y0 = max(C_A - q[i][3] * k[i], _FLOOR)
    m = p["crisis_decisiveness"]
    pO, pF = _loop_csf(X0, Y0, m), _loop_csf(X0 + k[i], Y0, m)
    pS, pA = _loop_csf(X0 + s_c * k[i], Y0, m), 1.0 - _loop_csf(Y0 + k[i], X0, m)
    stake = (p["crisis_affinity_weight"] * 0.5 * inp.affinity_gap[i]
             + p["crisis_hit_weight"] * inp.hit[i]
             + sum(inp.threat[i, a] for a in agg)
             + sum(q[j][3] * inp.threat[i, j] for j in dec))
    cap = max(inp.capability[i], _FLOOR)
    za = sum(inp.projected[i, a] for a in agg) + sum(q[j][3] * inp.projected[i, j] for j in dec)
    zt = inp.projected[i, t] + sum(contrib[j] * inp.projected[i, j] for j in dec)
    RA = 0.5 * (za / (za + cap) + Y0 / (Y0 + k[i]))
    RT = 0.5 * (zt / (zt + cap) + X0 / (X0 + k[i]))
    weights = (1.0, kap, kap * lpol)
    mats = (inp.ties_defense, inp.ties_consult_treaty, inp.ties_consult_political)
    pull_F = p["crisis_chain_weight"] * sum(
        w * M[i, j] * (q[j][0] + s_h * q[j][1])
        for w, M in zip(weights, mats) for j in dec if inp.hit[j] == 0)
    none = 1.0
    for j in dec:
        none *= 1.0 - min(q[j][0], 0.999999)
    pull_A = p["crisis_chain_weight"] * (1.0 - none) * sum(
        w * M[i, a] for w, M in zip(weights, mats) for a in agg)
    legal = max(inp.defense_treaty[i], kap * inp.consult_treaty[i],
                kap * lpol * inp.consult_political[i])
    honour = (p["crisis_obligation_weight"]
              + p["crisis_reputation_weight"] * inp.reputation[i]) * legal
    econ = p["crisis_trade_cost"] * (inp.exposure[i]
                                     + p["crisis_coercion_exposure"] * inp.coercion[i])
    dom = p["crisis_domestic_weight"] * inp.domestic[i]
    c0 = p["crisis_entry_cost"]
    neutral = p["crisis_obligation_weight"] * inp.neutrality_aggressor[i]
    bal = p["crisis_balance_weight"] * stake
    b, g_w = p["crisis_spoils_weight"], p["crisis_war_cost"]
    uF = (2 * stake * (pF - pO) + bal + b * (2 * pF - 1) - g_w * RA - econ - dom - c0 + honour
          + pull_F - neutral)
    uS = (2 * stake * (pS - pO) + s_h * bal + s_c * b * (2 * pS - 1)
          - s_k * (g_w * RA + econ + dom + c0 + neutral) + s_h * (honour + pull_F))
    uA = (2 * stake * (pA - pO) - bal + b * (1 - 2 * pA) - g_w * RT
          + (p["crisis_obligation_weight"] + p["crisis_reputation_weight"] * inp.reputation[i])
          * inp.offense_aggressor[i] - honour - p["crisis_trade_cost"] * inp.exposure_target[i]
          - dom - c0 + pull_A)
    lam = p["crisis_precision"]
    us = [lam * uF, lam * uS, 0.0, lam * uA]
    top = max(us)
    e = [math.exp(u - top) for u in us]
    total = sum(e)
    return [x / total for x in e]
