"""Compiled kernels (numba) for the two O(n^3) steps of a SMP turn.

Each kernel performs exactly the floating-point operations of the NumPy path in
:mod:`foedus.models.bargaining.voting` and :mod:`foedus.models.bargaining.smp`, in the same
order, so both give identical numbers (tested). When numba is not installed the functions are
``None`` and the NumPy path runs.
"""

# ruff: noqa: PLR1730, FURB136  (the branches mirror KTAB line by line)
from __future__ import annotations

import numpy as np

from foedus.models.solvers._jit import HAVE_NUMBA, njit

__all__ = ["HAVE_NUMBA", "best_challenges_kernel", "coalitions_kernel"]

# integer codes = KTAB enum order (params.py)
_BINARY, _PROP_BIN, _PROP, _PROP_CUBIC, _CUBIC, _ASYM = range(6)
_NO_COMMIT, _SEMI_COMMIT, _FULL_COMMIT = range(3)
_NONE, _ONE_THIRD, _HALF, _TWO_THIRDS, _FULL = range(5)


@njit(inline="always")
def _vote(rule, w, u1, u2):
    du = u1 - u2
    if rule == _PROP:
        return w * du
    if rule == _BINARY or rule == _PROP_BIN:
        b = du / 1e-8
        if b > 1.0:
            b = 1.0
        if b < -1.0:
            b = -1.0
        if rule == _BINARY:
            return w * b
        return w * ((1 - 0.2) * du + 0.2 * b)
    cubic = du * du * du
    if rule == _PROP_CUBIC:
        return w * ((1 - 0.5) * du + 0.5 * cubic)
    if rule == _CUBIC:
        return w * cubic
    if du < 0.0:
        return w * du
    if du > 0.0:
        return (2.0 * w * du) / 3.0
    return 0.0


@njit(inline="always")
def _estimate(r_h, r_i, adjust):
    if adjust == _NONE:
        return r_h
    if adjust == _ONE_THIRD:
        return ((2.0 * r_h) + r_i) / 3.0
    if adjust == _HALF:
        return (r_h + r_i) / 2
    if adjust == _TWO_THIRDS:
        return (r_h + (2.0 * r_i)) / 3.0
    return r_i


@njit(inline="always")
def _bs(d, r):
    if d <= 1.0:
        return (1 - d) * (1 + d * r)
    return (1 - d) * (1 + r)


@njit(cache=True)
def _best_challenges(d, risk, sal, cap, adjust, rule, commit):  # pragma: no cover - compiled
    n = d.shape[0]
    p_out = np.full((n, n), np.nan)
    gain = np.full((n, n), -np.inf)
    for i in range(n):
        r_h = risk[i]
        r_hi = _estimate(r_h, risk[i], adjust)
        for j in range(n):
            if j == i:
                continue
            r_hj = _estimate(r_h, risk[j], adjust)
            u_ii = _bs(d[i, i], r_hi)
            u_ij = _bs(d[i, j], r_hi)
            u_ji = _bs(d[j, i], r_hj)
            u_jj = _bs(d[j, j], r_hj)
            eu_sq = u_ii + u_ij
            u_win = u_ii + u_ii
            u_lose = u_ij + u_ij
            s_j = sal[j]
            ci = _vote(rule, sal[i] * cap[i], u_ii, u_ij)
            cj = _vote(rule, s_j * cap[j], u_ji, u_jj)
            c_ij = 1e-10 + (ci if ci > 0.0 else 0.0) + (cj if cj > 0.0 else 0.0)
            c_ji = 1e-10 + (-ci if ci < 0.0 else 0.0) + (-cj if cj < 0.0 else 0.0)
            base_ij = c_ij
            base_ji = c_ji
            for m in range(n):
                if m == i or m == j:
                    continue
                r_hn = _estimate(r_h, risk[m], adjust)
                u_ni = _bs(d[m, i], r_hn)
                u_nj = _bs(d[m, j], r_hn)
                u_nn = _bs(d[m, m], r_hn)
                w_n = sal[m] * cap[m]
                little = _vote(rule, w_n, u_ni, u_nj)
                c_ni = base_ij + (little if little > 0.0 else 0.0)
                c_nj = base_ji + (-little if little < 0.0 else 0.0)
                p_in = c_ni / (c_ni + c_nj)
                p_jn = 1.0 - p_in
                if commit == _FULL_COMMIT:
                    a = u_ni + u_ni + u_ni
                    b = u_nj + u_nj + u_nj
                    c = u_ni + u_ni + u_ni
                    e = u_nj + u_nj + u_nj
                elif commit == _SEMI_COMMIT:
                    a = u_ni + u_ni + u_nn
                    b = u_nj + u_nj + u_nj
                    c = u_ni + u_ni + u_ni
                    e = u_nj + u_nj + u_nn
                else:
                    a = u_ni + u_ni + u_nn
                    b = u_nj + u_nj + u_nn
                    c = u_ni + u_ni + u_nn
                    e = u_nj + u_nj + u_nn
                join_i = (p_in * a) + (p_jn * b)
                join_j = (p_in * c) + (p_jn * e)
                v = _vote(rule, w_n, join_i, join_j)
                if v > 0.0:
                    c_ij = c_ij + v
                if v < 0.0:
                    c_ji = c_ji + (-v)
            p_ij = c_ij / (c_ij + c_ji)
            p_ji = c_ji / (c_ij + c_ji)
            eu_contest = p_ij * u_win + p_ji * u_lose
            eu_chlg = (1 - s_j) * u_win + s_j * eu_contest
            p_out[i, j] = p_ij
            gain[i, j] = eu_chlg - eu_sq
    return p_out, gain


@njit(cache=True)
def _coalitions(rule, w, u):  # pragma: no cover - compiled
    n_voters, n_batch, m = u.shape
    c = np.full((n_batch, m, m), 1e-8)
    for g in range(n_batch):
        for i in range(m):
            for j in range(i):
                cij = 1e-8
                cji = 1e-8
                for k in range(n_voters):
                    v = _vote(rule, w[k], u[k, g, i], u[k, g, j])
                    if v > 0.0:
                        cij = cij + v
                    if v < 0.0:
                        cji = cji + (-v)
                c[g, i, j] = cij
                c[g, j, i] = cji
    return c


best_challenges_kernel = _best_challenges if HAVE_NUMBA else None
coalitions_kernel = _coalitions if HAVE_NUMBA else None
