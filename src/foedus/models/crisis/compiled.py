"""The kernel's fixed-point iteration compiled with numba, one row (crisis x parameter vector)
at a time.

Same equations, same update (damped Jacobi: every response computed from the previous
profile), same homotopy stages as the NumPy path in :mod:`foedus.models.crisis.kernel`; each
row stops as soon as its own profile has converged, and padding slots are skipped, so a
batch of crises of very different sizes costs what its real slots cost. Used when numba is
installed (``pip install foedus[numba]``); the NumPy path gives the same fixed points
(tested) without it.
"""

from __future__ import annotations

import math
import weakref

import numpy as np

from foedus.models.crisis.kernel import _P, RETRIES, TYPE_NODES, TYPE_WEIGHTS
from foedus.models.crisis.padded import FLOOR, Padded
from foedus.models.solvers._jit import HAVE_NUMBA, njit

__all__ = ["HAVE_NUMBA", "solve_rows_compiled"]

# parameter rows (compile-time constants for numba)
LAM, W_S, W_AFF, W_HIT, B = (_P[k] for k in ("crisis_precision", "crisis_stake_weight",
                                             "crisis_affinity_weight", "crisis_hit_weight",
                                             "crisis_spoils_weight"))
G_W, C0, CS, S_K, G_E = (_P[k] for k in ("crisis_war_cost", "crisis_entry_cost",
                                         "crisis_support_entry_cost", "crisis_support_risk",
                                         "crisis_trade_cost"))
E_C, DELTA, OMEGA, REP, CHI = (_P[k] for k in ("crisis_coercion_exposure",
                                               "crisis_domestic_weight",
                                               "crisis_obligation_weight",
                                               "crisis_reputation_weight",
                                               "crisis_chain_weight"))
KAP, LPOL, S_C, S_H, M = (_P[k] for k in ("crisis_consultation_weight",
                                          "crisis_political_weight",
                                          "crisis_support_capability", "crisis_support_honour",
                                          "crisis_decisiveness"))
L_A, C_A, SIG, GAM_G = (_P[k] for k in ("crisis_aggressor_loss", "crisis_aggressor_cost",
                                        "crisis_resolve_dispersion",
                                        "crisis_guarantor_dilution"))
NODES = np.ascontiguousarray(TYPE_NODES, dtype=np.float64)
WEIGHTS = np.ascontiguousarray(TYPE_WEIGHTS, dtype=np.float64)


@njit(fastmath=False)
def _rows_kernel(k, cap, th_a, th_t, home_a, home_t, gap, hit, exp_a, coer_a, exp_t, coer_t,
                 dom, rep, log_m_t, log_m_a, legal, neutral, ties_agg, threat, projected,
                 edge_start, edge_count, edge_j, edge_kind, edge_val, k_agg, k_tgt, forced,
                 n_slots, case, theta, q, stages, tol, stage_tol, max_iter, damping,
                 converged, change_out, iterations):
    R = case.shape[0]
    N = k.shape[1]
    G = NODES.shape[0]
    eT = np.empty(N)
    eA = np.empty(N)
    log_none = np.empty(N)
    new = np.empty((N, 4))
    fixed = np.empty((N, 4))
    stake0 = np.empty(N)
    tie_a = np.empty(N)
    wk = np.empty(4)
    rhos = np.empty(G)
    start_q = np.empty((N, 4))
    for r in range(R):
        c = case[r]
        n = n_slots[c]
        th = theta[:, r]
        s_c, s_h, s_k, m = th[S_C], th[S_H], th[S_K], th[M]
        for g in range(G):
            rhos[g] = math.exp(th[SIG] * NODES[g])
        wk[0], wk[1], wk[2], wk[3] = 1.0, th[LPOL], th[KAP], th[KAP] * th[LPOL]
        for i in range(n):
            commit_t = 0.0
            commit_a = 0.0
            for kind in range(4):
                commit_t = max(commit_t, wk[kind] * legal[c, i, 0, kind])
                commit_a = max(commit_a, wk[kind] * legal[c, i, 1, kind])
            # shared obligations: m^-gamma_g, m the guarantors of the side
            commit_t *= math.exp(-th[GAM_G] * log_m_t[c, i])
            commit_a *= math.exp(-th[GAM_G] * log_m_a[c, i])
            honour = th[OMEGA] + th[REP] * rep[c, i]
            net = honour * (commit_t - commit_a)
            n_t = th[OMEGA] * neutral[c, i, 0]
            n_a = th[OMEGA] * neutral[c, i, 1]
            econ_a = th[G_E] * (exp_a[c, i] + th[E_C] * coer_a[c, i])
            econ_t = th[G_E] * (exp_t[c, i] + th[E_C] * coer_t[c, i])
            d = th[DELTA] * dom[c, i]
            fixed[i, 0] = -th[C0] - d - econ_a + net - n_a
            fixed[i, 1] = -th[CS] - econ_a + s_h * (net - n_a)
            fixed[i, 2] = -th[CS] - econ_t + s_h * (-net - n_t)
            fixed[i, 3] = -th[C0] - d - econ_t - net - n_t
            stake0[i] = (th_a[c, i] - th_t[c, i] + th[W_AFF] * 0.5 * gap[c, i]
                         + th[W_HIT] * hit[c, i])
            t = 0.0
            for kind in range(4):
                t += wk[kind] * ties_agg[c, i, kind]
            tie_a[i] = t
        for s in range(stages.shape[0]):
            final = s == stages.shape[0] - 1
            lam = th[LAM] * stages[s]
            tol_s = tol if final else max(tol, stage_tol)
            it = 0
            change = 0.0
            step = damping
            for i in range(n):
                for a in range(4):
                    start_q[i, a] = q[r, i, a]
            while True:
                it += 1
                c_t = k_tgt[c]
                j_a = 0.0
                total_none = 0.0
                for j in range(n):
                    eT[j] = q[r, j, 0] + s_c * q[r, j, 1]
                    eA[j] = q[r, j, 3] + s_c * q[r, j, 2]
                    c_t += eT[j] * k[c, j]
                    j_a += eA[j] * k[c, j]
                    log_none[j] = math.log1p(-min(q[r, j, 0], 0.999999))
                    total_none += log_none[j]
                mass = 0.0
                mass_rho = 0.0
                log_ct = math.log(max(c_t, FLOOR))
                for g in range(G):
                    rho = rhos[g]
                    y = max(rho * k_agg[c] + j_a, FLOOR)
                    p_agg = 1.0 / (1.0 + math.exp(m * (log_ct - math.log(y))))
                    ev = p_agg - ((1.0 - p_agg) * th[L_A] + th[C_A]) / rho
                    attack = 0.5 * (1.0 + math.tanh(0.5 * lam * ev))
                    mass += WEIGHTS[g] * attack
                    mass_rho += WEIGHTS[g] * attack * rho
                rho_mean = mass_rho / max(mass, 1e-300)
                y_all = rho_mean * k_agg[c] + j_a
                for i in range(n):
                    if forced[c, i]:
                        continue
                    ki = k[c, i]
                    x0 = max(c_t - eT[i] * ki, FLOOR)
                    y0 = max(y_all - eA[i] * ki, FLOOR)
                    p_ft = 1.0 / (1.0 + math.exp(m * (math.log(y0) - math.log(x0 + ki))))
                    p_fa = 1.0 / (1.0 + math.exp(m * (math.log(y0 + ki) - math.log(x0))))
                    stake = stake0[i]
                    z_a = home_a[c, i]
                    z_t = home_t[c, i]
                    for j in range(n):
                        stake += (q[r, j, 3] - q[r, j, 0]) * threat[c, i, j]
                        z_a += eA[j] * projected[c, i, j]
                        z_t += eT[j] * projected[c, i, j]
                    pull_t = 0.0
                    pull_a = 0.0
                    first = edge_start[c, i]
                    for e in range(first, first + edge_count[c, i]):
                        j = edge_j[c, e]
                        w = wk[edge_kind[c, e]] * edge_val[c, e]
                        pull_t += w * (q[r, j, 0] + s_h * q[r, j, 1])
                        pull_a += w * (q[r, j, 3] + s_h * q[r, j, 2])
                    countered = -math.expm1(total_none - log_none[i])
                    pull = th[CHI] * (math.exp(-(pull_a + countered * tie_a[i]))
                                      - math.exp(-pull_t))
                    side = th[W_S] * stake + pull
                    war_a = 0.5 * (z_a / (z_a + cap[c, i]) + y0 / (y0 + ki))
                    war_t = 0.5 * (z_t / (z_t + cap[c, i]) + x0 / (x0 + ki))
                    gw = th[G_W]
                    u0 = side + th[B] * (2.0 * p_ft - 1.0) - gw * war_a + fixed[i, 0]
                    u1 = s_h * side - s_k * gw * war_a + fixed[i, 1]
                    u2 = -s_h * side - s_k * gw * war_t + fixed[i, 2]
                    u3 = -side + th[B] * (1.0 - 2.0 * p_fa) - gw * war_t + fixed[i, 3]
                    u0 *= lam
                    u1 *= lam
                    u2 *= lam
                    u3 *= lam
                    top = max(max(max(u0, u1), max(u2, u3)), 0.0)
                    e0 = math.exp(u0 - top)
                    e1 = math.exp(u1 - top)
                    e2 = math.exp(u2 - top)
                    e3 = math.exp(u3 - top)
                    total = e0 + e1 + e2 + e3 + math.exp(-top)
                    new[i, 0] = e0 / total
                    new[i, 1] = e1 / total
                    new[i, 2] = e2 / total
                    new[i, 3] = e3 / total
                change = 0.0
                for i in range(n):
                    if forced[c, i]:
                        continue
                    for a in range(4):
                        delta = new[i, a] - q[r, i, a]
                        change = max(change, abs(delta))
                        q[r, i, a] += step * delta
                if change < tol_s:
                    break
                if it % max_iter == 0:
                    if it >= RETRIES * max_iter:
                        break
                    # no convergence (a cycle): restart the stage with half the step
                    step *= 0.5
                    for i in range(n):
                        for a in range(4):
                            q[r, i, a] = start_q[i, a]
            iterations[r] += it
            if final:
                change_out[r] = change
                converged[r] = change < tol


_EDGE_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _edges(pad: Padded):
    """The chain-ganging ties as edge lists per crisis and slot (computed once per Padded):
    start and count per (crisis, slot) into (crisis, edge) arrays of the neighbour, the kind
    of tie and its value. Ties are sparse: a slot's pull costs its ties, not all slots."""
    if pad in _EDGE_CACHE:
        return _EDGE_CACHE[pad]
    C, N = pad.C, pad.N
    start = np.zeros((C, N), dtype=np.int64)
    count = np.zeros((C, N), dtype=np.int64)
    lists = []
    for c in range(C):
        kind, i, j = np.nonzero(pad.ties[c])
        order = np.lexsort((j, kind, i))
        kind, i, j = kind[order], i[order], j[order]
        count[c] = np.bincount(i, minlength=N)[:N]
        start[c] = np.concatenate([[0], np.cumsum(count[c])[:-1]])
        lists.append((j, kind, pad.ties[c][kind, i, j]))
    width = max(1, max((len(x[0]) for x in lists), default=0))
    edge_j = np.zeros((C, width), dtype=np.int64)
    edge_kind = np.zeros((C, width), dtype=np.int64)
    edge_val = np.zeros((C, width))
    for c, (j, kind, val) in enumerate(lists):
        edge_j[c, :j.size], edge_kind[c, :j.size], edge_val[c, :j.size] = j, kind, val
    _EDGE_CACHE[pad] = out = (start, count, edge_j, edge_kind, edge_val)
    return out


def solve_rows_compiled(pad: Padded, case_of_row: np.ndarray, theta_rows: np.ndarray,
                        q: np.ndarray, stages, tol: float, stage_tol: float, max_iter: int,
                        damping: float):
    """Run the compiled iteration in place on ``q`` (R, N, 4: fight and support for the
    target, support and fight for the aggressor). Returns converged, change, iterations."""
    R = case_of_row.size
    converged = np.ones(R, dtype=np.bool_) if pad.N == 0 else np.zeros(R, dtype=np.bool_)
    change = np.zeros(R)
    iterations = np.zeros(R, dtype=np.int64)
    if pad.N == 0:
        return converged, change, iterations
    f = lambda x: np.ascontiguousarray(x, dtype=np.float64)
    edges = _edges(pad)
    _rows_kernel(f(pad.k), f(pad.cap), f(pad.threat_aggressors), f(pad.threat_targets),
                 f(pad.home_aggressors), f(pad.home_targets), f(pad.gap), f(pad.hit),
                 f(pad.exposure), f(pad.coercion), f(pad.exposure_target),
                 f(pad.coercion_target), f(pad.domestic), f(pad.reputation),
                 f(pad.log_guarantors_target), f(pad.log_guarantors_aggressor), f(pad.legal),
                 f(pad.neutrality), f(pad.ties_aggressors), f(pad.threat), f(pad.projected),
                 *edges, f(pad.k_aggressors), f(pad.k_targets), np.ascontiguousarray(pad.forced),
                 np.asarray(pad.n_slots, dtype=np.int64),
                 np.ascontiguousarray(case_of_row, dtype=np.int64), f(theta_rows), q,
                 np.asarray(stages, dtype=np.float64), float(tol), float(stage_tol),
                 int(max_iter), float(damping), converged, change, iterations)
    return converged, change, iterations
