"""Exact mixed-integer programmes for ``min sum_{i<j} W_ij d_ij``, solved with HiGHS.

Two coalitions (the frustration-index models of Aref, Mason & Wilson 2020, generalised to
real weights). One binary ``x_i`` per actor (its side) and one *continuous* ``d_ij`` in [0, 1]
per pair with ``W_ij != 0``; only the inequalities that can bind are written:

* ``W_ij > 0`` (the objective pushes ``d_ij`` down): ``d_ij >= x_i - x_j``, ``d_ij >= x_j - x_i``;
* ``W_ij < 0`` (pushes ``d_ij`` up): ``d_ij <= x_i + x_j``, ``d_ij <= 2 - x_i - x_j``.

For binary x the optimal d equals ``|x_i - x_j|``, so d need not be declared integer. Speed-ups
(as in Aref et al. 2020): the actor of highest degree is fixed to side 0 (removing the swap
symmetry); for every *unbalanced* triangle (negative product of the signs of W) the valid
inequality "at least one of its three pairs is frustrated" is added; and a heuristic labelling
is passed to HiGHS as a starting incumbent.

k >= 3 coalitions: binaries ``x_ig`` (actor i in coalition g, ``sum_g x_ig = 1``, ``x_ig = 0``
for g > i to break label symmetry) and a continuous "same coalition" ``s_ij`` per pair,
``s_ij <= 1 - x_ig + x_jg`` for W > 0 and ``s_ij >= x_ig + x_jg - 1`` for W < 0, all g.

:func:`plain_milp_minimum` is the textbook baseline the benchmarks compare against: binary x and
binary d, two inequalities per pair, no symmetry fixing, no cuts, no starting point.
"""

from __future__ import annotations

import contextlib
import math
import os
import time

import numpy as np

from foedus.models.solvers.enumeration import canonical_labels
from foedus.models.solvers.result import SolveResult, cut_value, relative_gap

__all__ = ["milp_minimum", "plain_milp_minimum", "unbalanced_triangles"]

_BANNER_SHOWN = False


@contextlib.contextmanager
def _quiet_stdout():
    """Swallow the copyright banner highspy prints on its first construction in a process."""
    global _BANNER_SHOWN
    if _BANNER_SHOWN:
        yield
        return
    _BANNER_SHOWN = True
    try:
        fd = os.dup(1)
    except OSError:  # pragma: no cover - no stdout
        yield
        return
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            yield
    finally:
        os.dup2(fd, 1)
        os.close(fd)


def _new_highs(time_limit: float, integral: bool, threads: int | None):
    import highspy

    with _quiet_stdout():
        h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(max(time_limit, 0.01)))
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 0.999 if integral else 1e-9)
    h.setOptionValue("random_seed", 0)
    if threads is not None:
        h.setOptionValue("threads", int(threads))
    return h


def _pass_model(h, cost, lower, upper, integer, rows, row_lower, row_upper, offset=0.0):
    import highspy

    lp = highspy.HighsLp()
    lp.num_col_ = len(cost)
    lp.num_row_ = len(rows)
    lp.col_cost_ = np.asarray(cost, dtype=np.float64)
    lp.col_lower_ = np.asarray(lower, dtype=np.float64)
    lp.col_upper_ = np.asarray(upper, dtype=np.float64)
    lp.row_lower_ = np.asarray(row_lower, dtype=np.float64)
    lp.row_upper_ = np.asarray(row_upper, dtype=np.float64)
    lp.offset_ = float(offset)
    starts, index, value = [0], [], []
    for cols, coefs in rows:
        index.extend(cols)
        value.extend(coefs)
        starts.append(len(index))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_ = len(cost)
    lp.a_matrix_.num_row_ = len(rows)
    lp.a_matrix_.start_ = np.asarray(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.asarray(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.asarray(value, dtype=np.float64)
    kinds = (highspy.HighsVarType.kContinuous, highspy.HighsVarType.kInteger)
    lp.integrality_ = [kinds[bool(flag)] for flag in integer]
    h.passModel(lp)


def unbalanced_triangles(weights: np.ndarray, *, balanced: bool = False) -> list:
    """Triangles ``i < j < l`` of nonzero pairs whose sign product is negative.

    With ``balanced=True`` the triangles with a positive sign product are returned instead.

    Examples
    --------
    >>> import numpy as np
    >>> W = np.array([[0, 1, 1], [1, 0, -1], [1, -1, 0]])
    >>> unbalanced_triangles(W)
    [(0, 1, 2)]
    """
    n = weights.shape[0]
    sign = np.sign(weights)
    nbrs = [set(np.nonzero(weights[i])[0].tolist()) for i in range(n)]
    out = []
    for i in range(n):
        for j in sorted(v for v in nbrs[i] if v > i):
            for l in sorted(v for v in nbrs[i] & nbrs[j] if v > j):
                if (sign[i, j] * sign[j, l] * sign[i, l] < 0) != balanced:
                    out.append((i, j, l))
    return out


def _finish(h, n_x, labels_from, weights, start, method, details):
    import highspy

    status = h.getModelStatus()
    info = h.getInfo()
    details = dict(details, status=h.modelStatusToString(status), nodes=int(info.mip_node_count))
    sol = np.asarray(h.getSolution().col_value)
    if sol.size < n_x or info.primal_solution_status == 0:
        raise RuntimeError(f"HiGHS found no solution: {details['status']}")  # pragma: no cover
    labels = canonical_labels(labels_from(sol))
    value = cut_value(weights, labels)
    integral = np.issubdtype(weights.dtype, np.integer)
    proven = status == highspy.HighsModelStatus.kOptimal
    bound = value if proven else float(info.mip_dual_bound)
    if integral and not proven and np.isfinite(bound):
        bound = math.ceil(bound - 1e-6)
    if not np.isfinite(bound):
        bound = None
    return SolveResult(
        labels=labels,
        value=value,
        method=method,
        proven_optimal=bool(proven),
        bound=bound,
        gap=0.0 if proven else relative_gap(value, bound),
        runtime=time.perf_counter() - start,
        details=details,
    )


def _pairs(weights):
    i, j = np.nonzero(np.triu(weights, 1))
    return list(zip(i.tolist(), j.tolist()))


# only "an unbalanced triangle has a frustrated pair": the other metric inequalities made
# the LPs slower than they tightened them on the benchmark instances
_FLIPS = [(1, 1, 1)]


def _two_bloc_model(weights, pairs, triangles, fix):
    n = weights.shape[0]
    col = {pair: n + e for e, pair in enumerate(pairs)}
    cost = [0.0] * n + [float(weights[p]) for p in pairs]
    lower = [0.0] * (n + len(pairs))
    upper = [1.0] * (n + len(pairs))
    if fix is not None:
        upper[fix] = 0.0
    rows, rlo, rup = [], [], []
    for (i, j), d in col.items():
        if weights[i, j] > 0:
            rows += [([d, i, j], [1, -1, 1]), ([d, i, j], [1, 1, -1])]
            rlo += [0, 0]
            rup += [np.inf, np.inf]
        else:
            rows += [([d, i, j], [1, -1, -1]), ([d, i, j], [1, 1, 1])]
            rlo += [-np.inf, -np.inf]
            rup += [0, 2]
    for a, b, c in triangles:
        # the four metric (triangle) inequalities of a two-group cut, in frustration form:
        # f_e = d_e on positive pairs, 1 - d_e on negative pairs; an odd (unbalanced)
        # triangle has at least one frustrated pair, an even one never exactly one
        edges = ((a, b), (b, c), (a, c))
        cols = [col[e] for e in edges]
        sgn = [1 if weights[e] > 0 else -1 for e in edges]
        negatives = sum(v < 0 for v in sgn)
        for flip in _FLIPS:
            # sum_{e not in S} f_e - sum_{e in S} f_e >= 1 - |S| cuts off only f = 1_S, so it
            # is valid when |S| and the number of negative pairs differ in parity
            if flip.count(-1) % 2 == negatives % 2:
                continue
            coefs = [fl * sg for fl, sg in zip(flip, sgn)]
            const = sum(fl * (0 if sg > 0 else 1) for fl, sg in zip(flip, sgn))
            rows.append((cols, coefs))
            rlo.append(1 - flip.count(-1) - const)
            rup.append(np.inf)
    return cost, lower, upper, rows, rlo, rup, col


def _two_bloc_start(labels, pairs, n):
    x = np.asarray(labels, dtype=np.float64)
    d = [abs(x[i] - x[j]) for i, j in pairs]
    return np.concatenate([x, np.asarray(d, dtype=np.float64)])


def milp_minimum(
    weights: np.ndarray,
    *,
    k: int = 2,
    time_limit: float = 60.0,
    start_labels=None,
    triangle_cuts: bool = True,
    max_triangle_cuts: int = 50_000,
    threads: int | None = None,
) -> SolveResult:
    """Exact minimum by mixed-integer programming (HiGHS): a proven optimum or a gap.

    Parameters
    ----------
    weights : (n, n) array
        Checked symmetric, zero-diagonal float64 or int64 matrix.
    k : int, default 2
        Largest number of coalitions.
    time_limit : float, default 60
        Seconds before HiGHS stops and reports its best solution and bound.
    start_labels : array of int, optional
        A labelling passed to HiGHS as the starting incumbent (e.g. from annealing).
    triangle_cuts : bool, default True
        Add the unbalanced-triangle inequalities (k = 2 only).
    max_triangle_cuts : int, default 50000
        Skip the triangle inequalities if there are more than this many.
    threads : int, optional
        HiGHS thread count.

    Returns
    -------
    SolveResult

    Examples
    --------
    >>> import numpy as np
    >>> W = np.array([[0, 2, -1], [2, 0, 3], [-1, 3, 0]])
    >>> res = milp_minimum(W)
    >>> res.value, res.proven_optimal, res.method
    (0, True, 'milp')
    """
    start = time.perf_counter()
    n = weights.shape[0]
    integral = bool(np.issubdtype(weights.dtype, np.integer))
    pairs = _pairs(weights)
    h = _new_highs(time_limit, integral, threads)
    details: dict = {"model": "two-bloc" if k == 2 else f"{k}-coalition", "pairs": len(pairs)}
    if k == 2:
        degree = (weights != 0).sum(axis=1)
        triangles = unbalanced_triangles(weights) if triangle_cuts else []
        if len(triangles) > max_triangle_cuts:
            triangles = []
        details["triangle_cuts"] = len(triangles)
        cost, lo, up, rows, rlo, rup, _ = _two_bloc_model(
            weights, pairs, triangles, int(np.argmax(degree))
        )
        _pass_model(h, cost, lo, up, [True] * n + [False] * len(pairs), rows, rlo, rup)
        if start_labels is not None:
            lab = np.asarray(start_labels)
            lab = (lab != lab[int(np.argmax(degree))]).astype(np.float64)
            sol = _two_bloc_start(lab, pairs, n)
            h.setSolution(len(sol), np.arange(len(sol), dtype=np.int32), sol)
        h.run()
        return _finish(
            h, n, lambda s: np.round(s[:n]).astype(np.int64), weights, start, "milp", details
        )
    nx_ = n * k
    cost = [0.0] * nx_ + [-float(weights[p]) for p in pairs]
    lower = [0.0] * (nx_ + len(pairs))
    upper = [1.0] * (nx_ + len(pairs))
    for i in range(n):
        for g in range(i + 1, k):
            upper[i * k + g] = 0.0
    rows, rlo, rup = [], [], []
    for i in range(n):
        rows.append((list(range(i * k, i * k + k)), [1.0] * k))
        rlo.append(1)
        rup.append(1)
    for e, (i, j) in enumerate(pairs):
        s = nx_ + e
        for g in range(k):
            if weights[i, j] > 0:
                rows.append(([s, i * k + g, j * k + g], [1, 1, -1]))
                rlo.append(-np.inf)
                rup.append(1)
            else:
                rows.append(([s, i * k + g, j * k + g], [1, -1, -1]))
                rlo.append(-1)
                rup.append(np.inf)
    offset = float(sum(weights[p] for p in pairs))
    _pass_model(h, cost, lower, upper, [True] * nx_ + [False] * len(pairs), rows, rlo, rup, offset)
    if start_labels is not None:
        lab = canonical_labels(start_labels)
        x = np.zeros(nx_)
        x[np.arange(n) * k + lab] = 1
        same = [float(lab[i] == lab[j]) for i, j in pairs]
        sol = np.concatenate([x, same])
        h.setSolution(len(sol), np.arange(len(sol), dtype=np.int32), sol)
    h.run()
    return _finish(
        h, nx_, lambda s: np.argmax(s[:nx_].reshape(n, k), axis=1), weights, start, "milp", details
    )


def plain_milp_minimum(weights: np.ndarray, *, time_limit: float = 60.0, threads=None):
    """Baseline two-bloc MILP: binary x per actor and binary d per pair, two inequalities each.

    This is the "plain" model (no symmetry fixing, no cuts, no starting incumbent) kept for the
    benchmarks. Use :func:`milp_minimum` instead.
    """
    start = time.perf_counter()
    n = weights.shape[0]
    pairs = _pairs(weights)
    h = _new_highs(time_limit, bool(np.issubdtype(weights.dtype, np.integer)), threads)
    cost, lo, up, rows, rlo, rup, _ = _two_bloc_model(weights, pairs, [], None)
    _pass_model(h, cost, lo, up, [True] * (n + len(pairs)), rows, rlo, rup)
    h.run()
    return _finish(
        h,
        n,
        lambda s: np.round(s[:n]).astype(np.int64),
        weights,
        start,
        "plain-milp",
        {"model": "plain binary XOR"},
    )
