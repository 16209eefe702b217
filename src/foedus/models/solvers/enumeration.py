"""Exhaustive minimisation of ``sum_{i<j} W_ij d_ij`` over all partitions (small n).

Two blocs (k = 2) use a blocked enumeration. Write ``sigma_i = +-1`` for the side of actor i,
fix the last actor on side +1 and split the others into a *low* block (the first ``b`` actors)
and a *high* block. Then ``Q(sigma) = sum_{i<j} W_ij sigma_i sigma_j`` is
``T[low] + Q_H(high) + sum_{i in low} sigma_i f_i(high)`` where the table ``T`` (all 2^b low
configurations) is computed once and the linear term is built for each high configuration by
doubling. The inner loop is one table read, two additions and a running maximum per
configuration, written lane-wise so that LLVM vectorises it (AVX2/AVX-512); the high block is walked in binary order with ``f``
and ``Q_H`` recomputed from scratch for each step, so there is no accumulated rounding.
The cut is ``(sum_{i<j} W_ij - Q) / 2``. Every one of the ``2^(n-1)`` configurations is
evaluated, so the minimum is proven.

k >= 3 coalitions use an odometer over labelled configurations with incremental fields
(compiled) or chunked one-hot evaluation (NumPy).

The kernels run in float64 or int64, never float32.
"""

from __future__ import annotations

import math
import time

import numpy as np

from foedus.errors import ParameterError
from foedus.models.solvers._jit import HAVE_NUMBA, njit
from foedus.models.solvers.result import SolveResult, cut_value

__all__ = [
    "MAX_ENUMERATION_CONFIGS",
    "canonical_labels",
    "enumerate_minimum",
    "evaluate_cuts",
    "naive_gray_minimum",
]

#: Largest number of configurations ``enumerate_minimum`` accepts (about a minute on one core).
MAX_ENUMERATION_CONFIGS = 2**36


def canonical_labels(labels) -> np.ndarray:
    """Relabel coalitions in order of first appearance (actor 0 is in coalition 0).

    Examples
    --------
    >>> canonical_labels([2, 2, 0, 1]).tolist()
    [0, 0, 1, 2]
    """
    labels = np.asarray(labels)
    out = np.empty(labels.shape[0], dtype=np.int64)
    seen: dict = {}
    for i, lab in enumerate(labels.tolist()):
        out[i] = seen.setdefault(lab, len(seen))
    return out


def evaluate_cuts(weights: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Objective ``sum_{i<j} W_ij d_ij`` for many labellings at once (pure NumPy).

    Parameters
    ----------
    weights : (n, n) array
        Symmetric, zero diagonal, float64 or int64.
    labels : (m, n) int array
        One labelling per row.

    Examples
    --------
    >>> import numpy as np
    >>> W = np.array([[0, 2, -1], [2, 0, 3], [-1, 3, 0]])
    >>> evaluate_cuts(W, np.array([[0, 0, 0], [0, 0, 1], [0, 1, 1]])).tolist()
    [0, 2, 1]
    """
    labels = np.atleast_2d(labels)
    same = np.zeros(labels.shape[0], dtype=weights.dtype)
    for g in range(int(labels.max()) + 1 if labels.size else 0):
        z = (labels == g).astype(weights.dtype)
        same += ((z @ weights) * z).sum(axis=1)
    total = weights.sum() - same
    return total // 2 if np.issubdtype(weights.dtype, np.integer) else total / 2.0


# --------------------------------------------------------------------------- two blocs


def _low_table(w_low: np.ndarray) -> np.ndarray:
    """``Q_L`` for all ``2^b`` configurations of the low block; bit i set means sigma_i = -1."""
    b = w_low.shape[0]
    codes = np.arange(2**b, dtype=np.int64)
    signs = (1 - 2 * ((codes[:, None] >> np.arange(b)) & 1)).astype(w_low.dtype)
    quad = ((signs @ w_low) * signs).sum(axis=1)
    return quad // 2 if np.issubdtype(w_low.dtype, np.integer) else quad / 2.0


def _linear_terms(f: np.ndarray) -> np.ndarray:
    """``sum_i sigma_i f_i`` for all sign patterns of ``f`` (bit i set means sigma_i = -1)."""
    out = np.array([f.sum()], dtype=f.dtype)
    for value in f:
        out = np.concatenate([out, out - 2 * value])
    return out


@njit
def _low_table_kernel(w_low):  # pragma: no cover - compiled
    # doubling over actors: a configuration with bit i set is the one without it plus the
    # change of flipping actor i, whose field involves only actors below i (those above are +1)
    b = w_low.shape[0]
    table = np.empty(2**b, dtype=w_low.dtype)
    total = w_low[0, 0] * 0
    for i in range(b):
        for j in range(i + 1, b):
            total += w_low[i, j]
    table[0] = total
    for i in range(b):
        above = w_low[0, 0] * 0
        for j in range(i + 1, b):
            above += w_low[i, j]
        for g in range(2**i):
            field = above
            for j in range(i):
                field += w_low[i, j] * (1 - 2 * ((g >> j) & 1))
            table[g + 2**i] = table[g] - 2 * field
    return table


@njit(fastmath=True)
def _blocked_kernel(w, table, b, b1):  # pragma: no cover - compiled
    n = w.shape[0]
    nh = n - 1 - b
    nb2 = b - b1
    sig = np.ones(n, dtype=w.dtype)
    f = np.empty(b, dtype=w.dtype)
    lin1 = np.empty(2**b1, dtype=w.dtype)
    lin2 = np.empty(2**nb2, dtype=w.dtype)
    lanes = np.empty(2**b1, dtype=w.dtype)
    best = table[0] - 1
    for i in range(n):
        for j in range(n):
            best -= abs(w[i, j])
    best_hi = -1
    best_lo = -1
    for hi in range(2**nh):
        for t in range(nh):
            sig[b + t] = 1 - 2 * ((hi >> t) & 1)
        qh = w[0, 0] * 0
        for i in range(b, n):
            for j in range(i + 1, n):
                qh += w[i, j] * sig[i] * sig[j]
        for i in range(b):
            acc = w[0, 0] * 0
            for j in range(b, n):
                acc += w[i, j] * sig[j]
            f[i] = acc
        lin1[0] = 0
        for i in range(b1):
            lin1[0] += f[i]
        size = 1
        for i in range(b1):
            for g in range(size):
                lin1[size + g] = lin1[g] - 2 * f[i]
            size *= 2
        lin2[0] = qh
        for i in range(b1, b):
            lin2[0] += f[i]
        size = 1
        for i in range(b1, b):
            for g in range(size):
                lin2[size + g] = lin2[g] - 2 * f[i]
            size *= 2
        for u in range(2**b1):
            lanes[u] = best
        for gh in range(2**nb2):
            c = lin2[gh]
            base = gh << b1
            for gl in range(2**b1):  # one lane per low-low configuration: vectorises (AVX)
                v = table[base + gl] + lin1[gl] + c
                old = lanes[gl]
                lanes[gl] = max(old, v)
        top = lanes.max()
        if top > best:
            best = top
            best_hi = hi
            arg = -1
            bv = table[0] - 1
            for i in range(n):
                for j in range(n):
                    bv -= abs(w[i, j])
            for gh in range(2**nb2):
                c = lin2[gh]
                base = gh << b1
                for gl in range(2**b1):
                    v = table[base + gl] + lin1[gl] + c
                    if v > bv:
                        bv = v
                        arg = base + gl
            best_lo = arg
    return best_hi, best_lo


def _blocked_numpy(w, table, b):
    n = w.shape[0]
    nh = n - 1 - b
    sig = np.ones(n, dtype=w.dtype)
    best, best_hi, best_lo = None, 0, 0
    w_hh = w[b:, b:]
    w_lh = w[:b, b:]
    for hi in range(2**nh):
        sig[b : n - 1] = 1 - 2 * ((hi >> np.arange(nh)) & 1)
        sh = sig[b:]
        qh = (sh @ w_hh @ sh) // 2 if np.issubdtype(w.dtype, np.integer) else sh @ w_hh @ sh / 2
        values = table + _linear_terms(w_lh @ sh)
        arg = int(np.argmax(values))
        if best is None or values[arg] + qh > best:
            best, best_hi, best_lo = values[arg] + qh, hi, arg
    return best_hi, best_lo


def _two_bloc_minimum(w: np.ndarray, use_numba: bool) -> tuple[np.ndarray, str]:
    n = w.shape[0]
    if n == 1:
        return np.zeros(1, dtype=np.int64), "trivial"
    m = n - 1
    # NumPy: a low table of about half the actors keeps both the table and the Python loop
    # over the high configurations small (n = 18: 8,192 entries x 16 passes)
    b = min(m, 16) if use_numba else min(m, max(10, (m + 1) // 2 + 4))
    table = _low_table_kernel(np.ascontiguousarray(w[:b, :b])) if use_numba else None
    if table is None:
        table = _low_table(w[:b, :b])
    if use_numba:
        b1 = min(b, 8)
        if b1 < 3:  # the vectorised inner loop needs at least eight low configurations
            return canonical_labels(naive_gray_minimum(w)), "numba-gray"
        hi, lo = _blocked_kernel(w, table, b, b1)
        kernel = "numba-blocked"
    else:
        hi, lo = _blocked_numpy(w, table, b)
        kernel = "numpy-blocked"
    bits = np.concatenate(
        [(lo >> np.arange(b)) & 1, (hi >> np.arange(m - b)) & 1, np.zeros(1, dtype=np.int64)]
    )
    return canonical_labels(bits.astype(np.int64)), kernel


# --------------------------------------------------------------------------- naive Gray code


@njit
def _naive_gray_kernel(w):  # pragma: no cover - compiled
    n = w.shape[0]
    m = n - 1
    sig = np.ones(n, dtype=w.dtype)
    h = np.zeros(n, dtype=w.dtype)
    for i in range(n):
        for j in range(n):
            h[i] += w[i, j]
    cut = w[0, 0] * 0
    best = cut
    best_code = 0
    code = 0
    for t in range(1, 2**m):
        j = 0
        while not (t >> j) & 1:
            j += 1
        cut += sig[j] * h[j]
        s_old = sig[j]
        sig[j] = -s_old
        for i in range(n):
            h[i] -= 2 * w[i, j] * s_old
        code ^= 1 << j
        if cut < best:
            best = cut
            best_code = code
    return best_code


def naive_gray_minimum(weights: np.ndarray) -> np.ndarray:
    """Two-bloc minimum by a textbook Gray-code walk with O(n) field updates per step.

    Kept as the baseline the benchmarks compare against (compiled with numba when present,
    otherwise a slow pure-Python loop). Use :func:`enumerate_minimum` instead.
    """
    n = weights.shape[0]
    if HAVE_NUMBA:
        code = _naive_gray_kernel(weights)
    else:  # chunked NumPy evaluation
        best, code = None, 0
        for start in range(0, 2 ** (n - 1), 2**16):
            codes = np.arange(start, min(start + 2**16, 2 ** (n - 1)), dtype=np.int64)
            values = evaluate_cuts(weights, (codes[:, None] >> np.arange(n)) & 1)
            arg = int(np.argmin(values))
            if best is None or values[arg] < best:
                best, code = values[arg], int(codes[arg])
    return canonical_labels((code >> np.arange(n)) & 1)


# --------------------------------------------------------------------------- k >= 3


@njit
def _kway_kernel(w, k):  # pragma: no cover - compiled
    n = w.shape[0]
    lab = np.zeros(n, dtype=np.int64)
    h = np.zeros((n, k), dtype=w.dtype)
    for i in range(n):
        for j in range(n):
            h[i, 0] += w[i, j]
    cut = w[0, 0] * 0
    best = cut
    best_lab = lab.copy()
    total = k ** (n - 1)
    for _ in range(1, total):
        i = 0
        while True:  # odometer over actors 0..n-2; actor n-1 stays in coalition 0
            a = lab[i]
            bnew = a + 1 if a + 1 < k else 0
            cut += h[i, a] - h[i, bnew]
            for j in range(n):
                h[j, a] -= w[i, j]  # symmetric: contiguous row
                h[j, bnew] += w[i, j]
            lab[i] = bnew
            if bnew != 0:
                break
            i += 1
        if cut < best:
            best = cut
            best_lab[:] = lab
    return best_lab


def _kway_numpy(w: np.ndarray, k: int, chunk: int = 2**16) -> np.ndarray:
    n = w.shape[0]
    total = k ** (n - 1)
    powers = k ** np.arange(n - 1, dtype=np.int64)
    best, best_lab = None, None
    for start in range(0, total, chunk):
        codes = np.arange(start, min(start + chunk, total), dtype=np.int64)
        labs = np.zeros((codes.size, n), dtype=np.int64)
        labs[:, : n - 1] = (codes[:, None] // powers) % k
        values = evaluate_cuts(w, labs)
        arg = int(np.argmin(values))
        if best is None or values[arg] < best:
            best, best_lab = values[arg], labs[arg]
    return best_lab


#: Below this many configurations the default kernel is NumPy (see :func:`enumerate_minimum`).
NUMBA_MIN_CONFIGS = 2**22


def enumerate_minimum(weights: np.ndarray, *, k: int = 2, use_numba: bool | None = None):
    """Global minimum of ``sum_{i<j} W_ij d_ij`` by evaluating every configuration.

    Parameters
    ----------
    weights : (n, n) array
        Checked symmetric, zero-diagonal float64 or int64 matrix.
    k : int, default 2
        Largest number of coalitions.
    use_numba : bool, optional
        Force the compiled (True) or pure-NumPy (False) kernel; default: numba if installed
        and the problem has more than ``NUMBA_MIN_CONFIGS`` configurations.

    Returns
    -------
    SolveResult
        ``proven_optimal`` is always True.

    Examples
    --------
    >>> import numpy as np
    >>> W = np.array([[0, 2, -1], [2, 0, 3], [-1, 3, 0]])
    >>> res = enumerate_minimum(W)
    >>> res.labels.tolist(), res.value, res.proven_optimal
    ([0, 0, 0], 0, True)
    """
    start = time.perf_counter()
    n = weights.shape[0]
    configs = k ** (n - 1) if k > 2 else 2 ** max(n - 1, 0)
    if use_numba is None:
        # Small problems are instant in NumPy; loading compiled kernels (even from numba's
        # cache) costs ~0.2 s each, more than it saves below ~4 million configurations.
        use_numba = HAVE_NUMBA and configs > NUMBA_MIN_CONFIGS
    else:
        use_numba = use_numba and HAVE_NUMBA
    if configs > MAX_ENUMERATION_CONFIGS:
        raise ParameterError(
            f"enumeration of {configs:.3g} configurations is too large; use method='milp'"
        )
    if k == 2 or n <= 2:
        labels, kernel = _two_bloc_minimum(weights, use_numba)
    elif use_numba:
        labels, kernel = canonical_labels(_kway_kernel(weights, k)), "numba-odometer"
    else:
        labels, kernel = canonical_labels(_kway_numpy(weights, k)), "numpy-chunks"
    value = cut_value(weights, labels)
    if k > 2:  # configurations counted once per labelling of actors 0..n-2
        configs = math.prod([k] * (n - 1))
    return SolveResult(
        labels=labels,
        value=value,
        method="enumerate",
        proven_optimal=True,
        bound=value,
        gap=0.0,
        runtime=time.perf_counter() - start,
        details={"kernel": kernel, "configurations": configs},
    )
