"""Compiled exhaustive stability search (numba; parallel over draws, values computed lazily).

The same equations as :func:`foedus.models.formation.utility.value_terms`, evaluated one
profile at a time with early exit: the security of every state at a profile is computed once
(``_security``), each state's value from it (``_value``), and a profile is abandoned at the
first member that would leave or outsider that would join and be admitted. Used by
:func:`foedus.models.formation.equilibrium.stable_profiles` for games of 10 states or more
when numba is installed; the NumPy path computes the same numbers (tests).
"""

from __future__ import annotations

import numpy as np

from foedus.models.formation.game import FormationGame
from foedus.models.formation.params import FORMATION_PARAMETERS
from foedus.models.formation.utility import coercion_cost
from foedus.models.solvers._jit import HAVE_NUMBA, njit, numba

__all__ = ["HAVE_NUMBA", "stable_search"]

_prange = numba.prange if HAVE_NUMBA else range
_NAMES = ("treaty_reliability", "formation_political_weight", "formation_adhoc_support",
          "formation_ally_security_weight", "formation_deterrence_weight",
          "formation_entrapment_weight", "formation_distrust_weight",
          "formation_domestic_weight", "formation_value_leadership",
          "formation_value_basing_rights", "formation_cost_collective_defence",
          "formation_cost_foreign_command", "formation_cost_shared_base_control",
          "formation_cost_foreign_forces", "formation_cost_institution")


@njit(inline="always")
def _valid(m, founders, fixed):  # pragma: no cover - jit
    if fixed != 0:
        return (m & fixed) == fixed
    if (m & founders) != founders:
        return False
    size = 0
    x = m
    while x:
        size += x & 1
        x >>= 1
    return size >= 2


@njit(fastmath=True)
def _harm(x, cap, theta, power, harm0, out):  # pragma: no cover - jit
    """out[i] = harm0[i] - sum_a theta[i, a] * (cap / (x + cap)) ** power."""
    for i in range(x.shape[0]):
        h = 0.0
        for a in range(cap.shape[1]):
            s = x[i] + cap[i, a]
            if s > 0.0 and cap[i, a] > 0.0:
                h += theta[i, a] * (cap[i, a] / s) ** power
        out[i] = harm0[i] - h


@njit
def _defenders(m, x0, G, AB, out):  # pragma: no cover - jit
    n = x0.shape[0]
    for i in range(n):
        x = x0[i]
        if (m >> i) & 1:
            for k in range(n):
                if k != i and (m >> k) & 1:
                    x += G[i, k]
        else:
            for k in range(n):
                if (m >> k) & 1:
                    x -= AB[i, k]
        out[i] = x


@njit
def _toggle(m, x, j, x0, G, AB, out):  # pragma: no cover - jit
    """Defenders at ``m ^ (1 << j)`` from the defenders ``x`` at ``m`` (O(n))."""
    n = x0.shape[0]
    joining = not (m >> j) & 1
    t = m ^ (1 << j)
    for k in range(n):
        if k == j:
            continue
        if (m >> k) & 1:
            out[k] = x[k] + G[k, j] if joining else x[k] - G[k, j]
        else:
            out[k] = x[k] - AB[k, j] if joining else x[k] + AB[k, j]
    v = x0[j]
    if joining:
        for k in range(n):
            if k != j and (t >> k) & 1:
                v += G[j, k]
    else:
        for k in range(n):
            if (t >> k) & 1:
                v -= AB[j, k]
    out[j] = v


@njit
def _likely(c, x, w, ctarget, cpower, cown, callied):  # pragma: no cover - jit
    """Probability that contingency c's target is attacked given its defenders (q**tau)."""
    t = ctarget[c]
    d = x[t] if t >= 0 else cown[c] + w[12] * callied[c]
    total = d + cpower[c]
    if total <= 0.0:
        return 1.0 if w[11] == 0.0 else 0.0
    return (cpower[c] / total) ** w[11]


@njit
def _cost(m, i, w, coercion, K, x):  # pragma: no cover - jit
    """Cost of membership of i in m (positive = cost); w holds the draw's weights, K the
    game's cost arrays as bit masks (see :func:`stable_search`), x the defenders at m."""
    (ent, pent, ent_out, pent_out, cost, dep, dis, obl, shared, forces, basing, lead,
     command, weight, domestic, party, new, count, ctarget, cpower, cown, callied) = K
    others = m & ~(1 << i)
    entrap = 0.0
    loose = 0.0
    for c in range(cost.shape[0]):
        if ent_out[c, i] or (others & ent[c, i]) != 0:
            entrap += cost[c, i] * _likely(c, x, w, ctarget, cpower, cown, callied)
        elif pent_out[c, i] or (others & pent[c, i]) != 0:
            loose += cost[c, i] * _likely(c, x, w, ctarget, cpower, cown, callied)
    total = dep[i, i]
    weighted = 0.0
    n = dep.shape[0]
    for k in range(n):
        if (others >> k) & 1:
            total += dep[i, k]
            weighted += dep[i, k] * dis[i, k]
    distrust = weighted / total if total > 0 else 0.0
    o = 1.0 if (others & obl[i]) != 0 else 0.0
    q = 1.0 if (others & shared[i]) != 0 else 0.0
    f = 1.0 if (others & forces[i]) != 0 else 0.0
    r = 1.0 if (others & basing[i]) != 0 else 0.0
    inst = 0.0
    for g in range(count.shape[0]):
        if new[g, i] and (others & party[g]) != 0:
            inst += count[g]
    # w: 0 eps*rho, 1 omega, 2 delta*visibility, 3 phi, 4 pi_L, 5 pi_R, 6 pi_CD, 7 pi_C,
    #    8 pi_B, 9 pi_F, 10 pi_I, 11 tau, 12 rho
    autonomy = weight[i] * (w[4] * lead[i] + w[5] * r - w[6] * o - w[7] * command[i]
                            - w[8] * q - w[9] * f - w[10] * inst)
    return (w[0] * (entrap + w[1] * loose) + coercion[i] + w[2] * distrust
            + w[3] * domestic[i] * o - autonomy)


@njit
def _value(m, i, sec, x, eta, iota, w, coercion, K):  # pragma: no cover - jit
    v = sec[i]
    for k in range(sec.shape[0]):
        if k != i:
            v += eta * iota[i, k] * sec[k]
    if (m >> i) & 1:
        v -= _cost(m, i, w, coercion, K, x)
    return v


@njit(parallel=True)
def _search(params, coercion_all, own, base, base_i, adhoc, iota, T, TI, Q, QI, ABN, cap,
            theta, K, founders, fixed, free, unanimity, binding, max_found):  # pragma: no cover
    D = params.shape[0]
    n = own.shape[0]
    counts = np.zeros(D, dtype=np.int64)
    found = -np.ones((D, max_found), dtype=np.int64)
    for d in _prange(D):
        pr = params[d]
        rho, omega, rho0, eta, tau = pr[0], pr[1], pr[2], pr[3], pr[4]
        power = 1.0 + tau
        vis = 1.0 if binding else omega
        w = np.array([pr[5] * rho, omega, pr[6] * vis, pr[7], pr[8], pr[9], pr[10], pr[11],
                      pr[12], pr[13], pr[14], tau, rho])
        co = coercion_all[d]
        G = rho * (T - rho0 * TI) + omega * rho * (Q - rho0 * QI)
        AB = rho0 * ABN
        x0 = own + rho * base + rho0 * adhoc - rho * rho0 * base_i
        harm0 = np.zeros(n)
        zero = np.zeros(n)
        _harm(x0, cap, theta, power, zero, harm0)
        for i in range(n):
            harm0[i] = -harm0[i]
        xa = np.zeros(n)
        xb = np.zeros(n)
        sa = np.zeros(n)
        sb = np.zeros(n)
        forms = False
        last = -1
        # enumerate only the profiles that contain the founders and incumbents: Gray-code
        # order over the other states, so that each profile differs from the previous one by
        # one state and its defenders are updated in O(n) (from scratch every 1024 steps)
        F = free.shape[0]
        m = founders | fixed
        _defenders(m, x0, G, AB, xa)
        for step in range(1 << F):
            if step > 0:
                changed = step ^ (step >> 1) ^ ((step - 1) ^ ((step - 1) >> 1))
                bit = 0
                while not (changed >> bit) & 1:
                    bit += 1
                j = free[bit]
                if step & 1023 == 0:
                    m = m ^ (1 << j)
                    _defenders(m, x0, G, AB, xa)
                else:
                    _toggle(m, xa, j, x0, G, AB, xb)
                    xa[:] = xb
                    m = m ^ (1 << j)
            if not _valid(m, founders, fixed):
                continue
            _harm(xa, cap, theta, power, harm0, sa)
            if fixed == 0 and not forms:
                # a coalition in which every member gains upsets "no alliance"
                gain = True
                for i in range(n):
                    if (m >> i) & 1 and _value(m, i, sa, xa, eta, iota, w, co, K) <= 0.0:
                        gain = False
                        break
                forms = gain
            ok = True
            for r in range(-1, n):
                # the member that made the previous profile unstable is tried first (Gray-code
                # neighbours share most members)
                i = last if r < 0 else r
                if i < 0 or (r >= 0 and r == last):
                    continue
                if not (m >> i) & 1 or (fixed >> i) & 1:
                    continue
                vi = _value(m, i, sa, xa, eta, iota, w, co, K)
                left = m & ~(1 << i)
                vl = 0.0
                left_valid = _valid(left, founders, fixed)
                if left_valid:
                    _toggle(m, xa, i, x0, G, AB, xb)
                    _harm(xb, cap, theta, power, harm0, sb)
                    vl = _value(left, i, sb, xb, eta, iota, w, co, K)
                if vi <= vl:
                    ok = False
                    last = i
                    break
                if unanimity and not (founders >> i) & 1:
                    # every other member consents to i's membership
                    for k in range(n):
                        if k == i or not (m >> k) & 1:
                            continue
                        vk_left = _value(left, k, sb, xb, eta, iota, w, co, K) \
                            if left_valid else 0.0
                        if _value(m, k, sa, xa, eta, iota, w, co, K) < vk_left:
                            ok = False
                            break
                    if not ok:
                        last = i
                        break
            if not ok:
                continue
            for j in range(n):
                if (m >> j) & 1:
                    continue
                mj = m | (1 << j)
                _toggle(m, xa, j, x0, G, AB, xb)
                _harm(xb, cap, theta, power, harm0, sb)
                if _value(mj, j, sb, xb, eta, iota, w, co, K) <= _value(m, j, sa, xa, eta, iota, w,
                                                                        co, K):
                    continue
                vetoed = False
                if unanimity:
                    for k in range(n):
                        if (m >> k) & 1 and _value(mj, k, sb, xb, eta, iota, w, co, K) < _value(
                                m, k, sa, xa, eta, iota, w, co, K):
                            vetoed = True
                            break
                if not vetoed:
                    ok = False
                    break
            if ok:
                if counts[d] < max_found:
                    found[d, counts[d]] = m
                counts[d] += 1
        if fixed == 0 and not forms:
            # "no alliance" is stable: shift the profiles found and put it first
            for k in range(min(counts[d], max_found - 1), 0, -1):
                found[d, k] = found[d, k - 1]
            found[d, 0] = 0
            counts[d] += 1
    return counts, found


def stable_search(game: FormationGame, params: np.ndarray, max_found: int
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Counts and masks (``-1`` padded) of the stable profiles of every draw."""
    index = [FORMATION_PARAMETERS.index(name) for name in _NAMES]
    p = np.ascontiguousarray(params[:, index])
    coercion = np.ascontiguousarray(coercion_cost(game, params))
    notfixed = np.array([s not in game.fixed for s in game.states], dtype=float)
    iota_t = game.interest.T
    f64 = np.ascontiguousarray

    def pair(x):
        return f64(np.asarray(x, dtype=float))

    dep_k = pair(game.dependence)
    cost = pair(game.entrapment_cost) if game.crises else np.zeros((0, game.n))
    bit = 1 << np.arange(game.n, dtype=np.int64)

    def masks(x):                      # (..., n) truthy -> (...,) int64 bit masks
        return f64((np.asarray(x) > 0).astype(np.int64) @ bit)

    K = (masks(game.entrapment_pairs), masks(game.political_pairs),
         f64(game.entrapment_outside.astype(np.bool_)),
         f64(game.political_outside.astype(np.bool_)), cost, dep_k, pair(game.distrust),
         masks(game.new_defence_obligation), masks(game.shared_base_control),
         masks(game.foreign_forces), masks(game.basing_rights), pair(game.leadership),
         pair(game.foreign_command), pair(1.0 + game.autonomy), pair(game.domestic),
         masks(game.institution_party), f64(game.institution_new.astype(np.bool_)),
         pair(game.institution_count), f64(game.crisis_target.astype(np.int64)),
         pair(game.crisis_power), pair(game.crisis_target_own),
         pair(game.crisis_target_allied))
    base = game.founders_mask | game.fixed_mask
    free = np.array([k for k in range(game.n) if not base >> k & 1], dtype=np.int64)
    counts, found = _search(
        p, coercion, pair(game.own), pair(game.base_allied), pair(game.base_allied_interest),
        pair(game.adhoc), pair(game.interest), pair(game.new_treaty),
        pair(iota_t * game.new_treaty), pair(game.new_political),
        pair(iota_t * game.new_political), pair(game.abandon * notfixed[None, :]),
        pair(game.adversary_capability), pair(game.threat), K, game.founders_mask,
        game.fixed_mask, free, game.admission == "unanimity", game.binding, max_found)
    return counts, found
