"""Census of all local minima and their basins of attraction under one-actor moves.

A configuration is a *local minimum* when no single actor can move to another coalition and
lower the objective. From any other configuration the move rule is steepest descent: the actor
and destination coalition giving the largest decrease move (ties: lowest actor index, then
lowest coalition label). The *basin* of a minimum is the set of configurations whose descent
path ends there. Every configuration is visited, so the census is exact.

For k = 2 configurations are counted with the last actor fixed to coalition 0, so each two-bloc
partition is counted once (2^(n-1) in all, as in Axelrod & Bennett 1993). For k >= 3 all k^n
labelled configurations are counted and the minima are reported once per partition, with the
basins of its relabellings added together.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from foedus.errors import ParameterError
from foedus.models.solvers._jit import HAVE_NUMBA, njit
from foedus.models.solvers.enumeration import canonical_labels
from foedus.models.solvers.result import cut_value

__all__ = ["Census", "local_minima_census"]

#: Largest census sizes accepted (memory: one byte per configuration plus a stack for k = 2).
MAX_CENSUS_N_TWO_BLOCS = 30
MAX_CENSUS_CONFIGS_KWAY = 2**22


@dataclass(frozen=True)
class Census:
    """All local minima with their objective values and basin sizes.

    ``labels[r]`` is the r-th minimum (canonical labels), ``values[r]`` its objective and
    ``basin_sizes[r]`` the number of configurations (out of ``n_configurations``) that descend
    to it. Rows are sorted by value, then labels.
    """

    labels: tuple
    values: np.ndarray
    basin_sizes: np.ndarray
    n_configurations: int
    kernel: str
    runtime: float


def _tolerance(w: np.ndarray) -> float:
    if np.issubdtype(w.dtype, np.integer):
        return 0.0
    return 1e-9 * max(1.0, float(np.abs(w).max())) * w.shape[0]


@njit
def _successors_two_blocs(w, tol):  # pragma: no cover - compiled
    n = w.shape[0]
    m = n - 1
    total = 2**m
    succ = np.empty(total, dtype=np.uint8)
    sig = np.ones(n, dtype=w.dtype)
    h = np.zeros(n, dtype=w.dtype)
    for i in range(n):
        for j in range(n):
            h[i] += w[i, j]
    code = 0
    for t in range(total):
        if t > 0:
            j = 0
            while not (t >> j) & 1:
                j += 1
            s_old = sig[j]
            sig[j] = -s_old
            row = w[j]  # symmetric: a contiguous row instead of a strided column
            for i in range(n):
                h[i] -= 2 * row[i] * s_old
            code ^= 1 << j
        best_i = 255
        best_v = -tol
        for i in range(n):
            g = sig[i] * h[i]  # change of the cut if actor i switches sides
            if g < best_v:
                best_v = g
                best_i = i
        succ[code] = best_i
    return succ


@njit
def _basins_two_blocs(succ, n):  # pragma: no cover - compiled
    # follow each configuration's descent path until a configuration whose minimum is known,
    # then label the whole path: one successor read per configuration
    m = n - 1
    total = 2**m
    full = total - 1
    owner = np.full(total, -1, dtype=np.int32)
    path = np.empty(total, dtype=np.uint32)
    roots = np.empty(min(65536, total), dtype=np.int64)
    found = 0
    for c in range(total):
        if owner[c] >= 0:
            continue
        depth = 0
        x = c
        while owner[x] < 0 and succ[x] != 255:
            path[depth] = x
            depth += 1
            i = succ[x]
            x = x ^ (1 << i) if i < m else x ^ full
        if owner[x] < 0:  # a new local minimum
            if found == roots.size:
                grown = np.empty(2 * roots.size, dtype=np.int64)
                grown[:found] = roots[:found]
                roots = grown
            roots[found] = x
            owner[x] = found
            found += 1
        label = owner[x]
        for d in range(depth):
            owner[path[d]] = label
    sizes = np.bincount(owner, minlength=found)
    return roots[:found].copy(), sizes


def _roots_by_pointer_jumping(succ: np.ndarray) -> np.ndarray:
    root = succ.copy()
    while True:
        nxt = root[root]
        if np.array_equal(nxt, root):
            return root
        root = nxt


def _two_blocs_numpy(w: np.ndarray, tol: float, chunk: int = 2**15):
    n = w.shape[0]
    m = n - 1
    total = 2**m
    succ = np.empty(total, dtype=np.int64)
    for start in range(0, total, chunk):
        codes = np.arange(start, min(start + chunk, total), dtype=np.int64)
        bits = np.zeros((codes.size, n), dtype=np.int64)
        bits[:, :m] = (codes[:, None] >> np.arange(m)) & 1
        signs = (1 - 2 * bits).astype(w.dtype)
        gains = signs * (signs @ w)
        arg = np.argmin(gains, axis=1)
        improves = gains[np.arange(codes.size), arg] < -tol
        flip = np.where(arg < m, np.left_shift(1, np.minimum(arg, m - 1)), total - 1)
        succ[start : start + codes.size] = np.where(improves, codes ^ flip, codes)
    roots, sizes = np.unique(_roots_by_pointer_jumping(succ), return_counts=True)
    return roots, sizes


def _kway_numpy(w: np.ndarray, k: int, tol: float, chunk: int = 2**13):
    n = w.shape[0]
    total = k**n
    powers = k ** np.arange(n, dtype=np.int64)
    succ = np.empty(total, dtype=np.int64)
    for start in range(0, total, chunk):
        codes = np.arange(start, min(start + chunk, total), dtype=np.int64)
        labs = (codes[:, None] // powers) % k
        fields = np.stack([(labs == g).astype(w.dtype) @ w for g in range(k)], axis=2)
        own = np.take_along_axis(fields, labs[:, :, None], axis=2)
        delta = (own - fields).reshape(codes.size, n * k)  # actor-major, then label
        arg = np.argmin(delta, axis=1)
        improves = delta[np.arange(codes.size), arg] < -tol
        actor, label = np.divmod(arg, k)
        moved = codes + (label - labs[np.arange(codes.size), actor]) * powers[actor]
        succ[start : start + codes.size] = np.where(improves, moved, codes)
    roots, sizes = np.unique(_roots_by_pointer_jumping(succ), return_counts=True)
    merged: dict = {}
    for root, size in zip(roots.tolist(), sizes.tolist()):
        key = tuple(canonical_labels((root // powers) % k).tolist())
        merged[key] = merged.get(key, 0) + size
    return merged


#: The default census kernel is NumPy up to 2**NUMBA_MIN_CENSUS_BITS two-bloc configurations.
NUMBA_MIN_CENSUS_BITS = 18


def local_minima_census(weights: np.ndarray, *, k: int = 2, use_numba: bool | None = None):
    """Every local minimum of ``sum_{i<j} W_ij d_ij`` with its basin size.

    Parameters
    ----------
    weights : (n, n) array
        Checked symmetric, zero-diagonal float64 or int64 matrix.
    k : int, default 2
        Largest number of coalitions.
    use_numba : bool, optional
        Force the compiled (True) or pure-NumPy (False) census for k = 2.

    Returns
    -------
    Census

    Examples
    --------
    >>> import numpy as np
    >>> W = np.array([[0, -1, 2], [-1, 0, -1], [2, -1, 0]])
    >>> census = local_minima_census(W)
    >>> [lab.tolist() for lab in census.labels], census.values.tolist(), census.basin_sizes.tolist()
    ([[0, 1, 0]], [-2], [4])
    """
    start = time.perf_counter()
    n = weights.shape[0]
    tol = _tolerance(weights)
    if use_numba is None:
        # below ~2^18 configurations NumPy is faster than loading the compiled kernels
        use_numba = HAVE_NUMBA and k == 2 and n - 1 > NUMBA_MIN_CENSUS_BITS
    else:
        use_numba = use_numba and HAVE_NUMBA
    if n == 1:
        found = {(0,): 1}
        total, kernel = 1, "trivial"
    elif k == 2:
        if n > MAX_CENSUS_N_TWO_BLOCS:
            raise ParameterError(
                f"a census of 2^{n - 1} configurations is too large; use n <= "
                f"{MAX_CENSUS_N_TWO_BLOCS} or minimise() for the global minimum only"
            )
        if use_numba:
            roots, sizes = _basins_two_blocs(_successors_two_blocs(weights, tol), n)
            kernel = "numba-gray"
        else:
            roots, sizes = _two_blocs_numpy(weights, tol)
            kernel = "numpy-chunks"
        bits = (np.asarray(roots)[:, None] >> np.arange(n)) & 1
        bits[:, n - 1] = 0
        found = {tuple(canonical_labels(b).tolist()): int(s) for b, s in zip(bits, sizes)}
        total = 2 ** (n - 1)
    else:
        if k**n > MAX_CENSUS_CONFIGS_KWAY:
            raise ParameterError(
                f"a census of {k}^{n} labelled configurations is too large; reduce n or k"
            )
        found = _kway_numpy(weights, k, tol)
        total, kernel = k**n, "numpy-chunks"
    if sum(found.values()) != total:  # every configuration must reach exactly one minimum
        raise RuntimeError("census basins do not cover all configurations")  # pragma: no cover
    keys = list(found)
    values = np.array([cut_value(weights, np.array(key)) for key in keys])
    order = sorted(range(len(keys)), key=lambda r: (values[r], keys[r]))
    return Census(
        labels=tuple(np.array(keys[r], dtype=np.int64) for r in order),
        values=values[order],
        basin_sizes=np.array([found[keys[r]] for r in order], dtype=np.int64),
        n_configurations=total,
        kernel=kernel,
        runtime=time.perf_counter() - start,
    )
