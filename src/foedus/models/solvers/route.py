"""One entry point that routes a partition problem to the right solver.

``method="auto"`` (the default):

1. small instances (at most 2^22 configurations) are enumerated whole;
2. otherwise the pair graph (pairs with ``W_ij != 0``) is split into connected components and
   biconnected blocks. The objective is a sum over blocks and each block's labelling can be
   relabelled freely, so blocks are solved independently and glued at their cut vertices
   (a bridge is never frustrated; isolated actors join coalition 0);
3. each block is enumerated when that is cheap (two blocs, at most 22 actors, or at most 31
   actors and at least a quarter of the pairs nonzero), otherwise solved by MILP started from
   an annealing incumbent, within what is left of ``time_limit``.

The result is proven optimal when every block is.
"""

from __future__ import annotations

import time
from collections import deque

import networkx as nx
import numpy as np

from foedus.errors import ParameterError
from foedus.models.solvers.anneal import anneal_minimum
from foedus.models.solvers.enumeration import canonical_labels, enumerate_minimum
from foedus.models.solvers.milp import milp_minimum
from foedus.models.solvers.result import SolveResult, cut_value, relative_gap

__all__ = ["METHODS", "biconnected_blocks", "solve"]

METHODS = ("auto", "enumerate", "milp", "anneal")
_WHOLE_ENUMERATION = 2**22


def _configurations(n: int, k: int) -> float:
    return 2.0 ** (n - 1) if k == 2 else float(k) ** (n - 1)


def biconnected_blocks(weights: np.ndarray) -> list[list[int]]:
    """Blocks of the pair graph in an order where each block meets earlier ones in <= 1 actor.

    Isolated actors are returned as one-actor blocks.

    Examples
    --------
    >>> import numpy as np
    >>> W = np.zeros((5, 5), dtype=int)
    >>> for i, j in [(0, 1), (1, 2), (0, 2), (2, 3)]:
    ...     W[i, j] = W[j, i] = 1
    >>> biconnected_blocks(W)
    [[0, 1, 2], [2, 3], [4]]
    """
    graph = nx.Graph()
    graph.add_nodes_from(range(weights.shape[0]))
    i, j = np.nonzero(np.triu(weights, 1))
    graph.add_edges_from(zip(i.tolist(), j.tolist()))
    ordered: list[list[int]] = []
    for component in sorted(nx.connected_components(graph), key=min):
        if len(component) == 1:
            ordered.append(sorted(component))
            continue
        blocks = [sorted(b) for b in nx.biconnected_components(graph.subgraph(component))]
        blocks.sort(key=lambda b: (-len(b), b))
        by_node: dict[int, list[int]] = {}
        for index, block in enumerate(blocks):
            for v in block:
                by_node.setdefault(v, []).append(index)
        seen, queue = {0}, deque([0])
        while queue:  # breadth-first over the block-cut tree
            index = queue.popleft()
            ordered.append(blocks[index])
            for v in blocks[index]:
                for other in by_node[v]:
                    if other not in seen:
                        seen.add(other)
                        queue.append(other)
    return ordered


def _solve_block(w, k, rng, deadline, restarts, sweeps, milp_only=False):
    n = w.shape[0]
    if n <= 2:
        return enumerate_minimum(w, k=k)
    dense = np.count_nonzero(w) / (n * (n - 1))
    cheap = _configurations(n, k) <= 2**21 or (k == 2 and (n <= 22 or (n <= 31 and dense >= 0.25)))
    if cheap and not milp_only:
        return enumerate_minimum(w, k=k)
    # a short annealing run gives HiGHS a good incumbent; the MILP does the proving
    start = anneal_minimum(w, k=k, rng=rng, restarts=min(restarts, 8), sweeps=min(sweeps, 250))
    return milp_minimum(
        w, k=k, time_limit=deadline - time.perf_counter(), start_labels=start.labels
    )


def _solve_blocks(weights, k, rng, time_limit, restarts, sweeps, start, milp_only):
    n = weights.shape[0]
    labels = np.full(n, -1, dtype=np.int64)
    deadline = start + time_limit
    proven, bound, used = True, 0, {}
    for block in biconnected_blocks(weights):
        idx = np.asarray(block)
        res = _solve_block(weights[np.ix_(idx, idx)], k, rng, deadline, restarts, sweeps, milp_only)
        used[res.method] = used.get(res.method, 0) + 1
        proven &= res.proven_optimal
        bound = None if bound is None or res.bound is None else bound + res.bound
        local = res.labels.copy()
        anchors = [p for p, v in enumerate(block) if labels[v] >= 0]
        if anchors:  # swap two coalition labels so the shared actor keeps its coalition
            p = anchors[0]
            want, have = labels[block[p]], local[p]
            a, b = local == want, local == have
            local[a], local[b] = have, want
        labels[idx] = local
    labels = canonical_labels(labels)
    value = cut_value(weights, labels)
    if proven:
        bound = value
    return SolveResult(
        labels=labels,
        value=value,
        method="milp" if "milp" in used else "enumerate",
        proven_optimal=proven,
        bound=bound,
        gap=0.0 if proven else relative_gap(value, bound),
        runtime=time.perf_counter() - start,
        details={"decomposition": "biconnected blocks", "blocks_by_method": used},
    )


def solve(
    weights: np.ndarray,
    *,
    k: int = 2,
    method: str = "auto",
    rng: np.random.Generator | int | None = None,
    time_limit: float = 60.0,
    restarts: int = 128,
    sweeps: int = 250,
) -> SolveResult:
    """Minimise ``sum_{i<j} W_ij d_ij`` over partitions into at most ``k`` coalitions.

    Parameters
    ----------
    weights : (n, n) array
        Checked symmetric, zero-diagonal float64 or int64 matrix.
    k : int, default 2
        Largest number of coalitions.
    method : {"auto", "enumerate", "milp", "anneal"}
        ``"enumerate"`` evaluates every configuration; ``"milp"`` decomposes into blocks and
        solves each by MILP (HiGHS) from an annealing start; ``"anneal"`` returns the best of
        ``restarts`` annealing runs (not proven); ``"auto"`` is described in the module notes.
    rng : numpy.random.Generator or int, optional
        Randomness for the annealing (used by ``"anneal"``, ``"milp"`` and ``"auto"``).
    time_limit : float, default 60
        Seconds allowed to the MILP; on expiry the best solution and its gap are returned.
    restarts, sweeps : int
        Annealing effort.

    Returns
    -------
    SolveResult

    Examples
    --------
    >>> import numpy as np
    >>> W = np.array([[0, 2, -1], [2, 0, 3], [-1, 3, 0]])
    >>> solve(W).value, solve(W, method="milp").proven_optimal
    (0, True)
    """
    if method not in METHODS:
        raise ParameterError(f"method must be one of {', '.join(METHODS)}; got {method!r}")
    if not np.isfinite(time_limit) or time_limit <= 0:
        raise ParameterError(f"time_limit must be a positive number of seconds, got {time_limit}")
    start = time.perf_counter()
    rng = np.random.default_rng(rng)
    n = weights.shape[0]
    if method == "enumerate":
        return enumerate_minimum(weights, k=k)
    if method == "anneal":
        return anneal_minimum(weights, k=k, rng=rng, restarts=restarts, sweeps=sweeps)
    if method == "auto" and _configurations(n, k) <= _WHOLE_ENUMERATION:
        return enumerate_minimum(weights, k=k)
    milp_only = method == "milp"
    return _solve_blocks(weights, k, rng, time_limit, restarts, sweeps, start, milp_only)
