"""Frustration index (line index of balance) of a signed network, computed exactly.

An edge is *frustrated* by a two-group partition when it is positive and joins the groups, or
negative and lies inside one. The frustration index ``L(G)`` is the minimum number (total
absolute weight, for weighted signs) of frustrated edges over all two-group partitions
(Harary 1959; Aref, Mason & Wilson 2020). With ``W`` the signed adjacency,
``L = min_X sum_{i<j} W_ij d_ij(X) + sum_{i<j, W_ij<0} |W_ij|``: the two-bloc objective of
:mod:`foedus.models.solvers` plus a constant, so the landscape solvers compute it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from foedus.models.balance.signed import signed_adjacency
from foedus.models.solvers.route import solve

__all__ = ["BalanceResult", "frustration_balance", "frustration_index"]


def _scalar(value):
    return value.item() if isinstance(value, np.generic) else value


@dataclass(frozen=True, eq=False)
class BalanceResult:
    """Exact (or heuristic) frustration index with its optimal partition.

    Attributes
    ----------
    nodes : tuple
        Node labels in matrix order.
    labels : numpy.ndarray
        Group (0 or 1) of each node; the first node is in group 0.
    frustration_index : float
        Number (or total |weight|) of frustrated edges under ``labels``.
    frustrated_edges : tuple of (node, node)
        The frustrated edges.
    n_edges : int
        Number of edges.
    total_weight : float
        Sum of |weight| over edges (equals ``n_edges`` for +1/-1 signs).
    method : str
        ``"enumerate"``, ``"milp"`` or ``"anneal"``.
    proven_optimal : bool
        Whether ``frustration_index`` is certified minimal.
    bound : float or None
        Proven lower bound on the frustration index.
    gap : float or None
        ``(frustration_index - bound) / frustration_index``.
    runtime : float
        Wall-clock seconds.
    details : dict
        Solver details.
    """

    nodes: tuple
    labels: np.ndarray
    frustration_index: float
    frustrated_edges: tuple
    n_edges: int
    total_weight: float
    method: str
    proven_optimal: bool
    bound: float | None
    gap: float | None
    runtime: float
    details: dict = field(default_factory=dict)

    @property
    def partition(self) -> tuple[tuple, tuple]:
        """The two groups as tuples of node labels."""
        return tuple(tuple(v for v, g in zip(self.nodes, self.labels) if g == k) for k in (0, 1))

    @property
    def frustration_balance(self) -> float:
        """Aref & Wilson's normalised score ``1 - L / (m / 2)`` (1 = balanced; NaN if no edge)."""
        if self.total_weight == 0:
            return float("nan")
        return 1.0 - self.frustration_index / (self.total_weight / 2.0)

    def to_frame(self) -> pd.DataFrame:
        """One row per node: ``node, group``."""
        return pd.DataFrame({"node": list(self.nodes), "group": self.labels})


def frustration_index(
    network,
    *,
    weight: str = "sign",
    method: str = "auto",
    rng: np.random.Generator | int | None = None,
    time_limit: float = 60.0,
    restarts: int = 128,
    sweeps: int = 250,
) -> BalanceResult:
    """Frustration index of a signed network: fewest edges to flip or delete for balance.

    Parameters
    ----------
    network : networkx.Graph, pandas.DataFrame or array
        Signed network (see :func:`signed_adjacency`).
    weight : str, default "sign"
        Edge attribute / column with the sign (or signed weight).
    method : {"auto", "enumerate", "milp", "anneal"}, default "auto"
        ``"auto"`` splits the network into biconnected blocks, enumerates small or dense
        blocks and solves the others by MILP (HiGHS) from an annealing start.
    rng : numpy.random.Generator or int, optional
        Randomness for the annealing.
    time_limit : float, default 60
        Seconds for the MILP; on expiry the best partition and the gap are returned.
    restarts, sweeps : int
        Annealing effort (``method="anneal"``).

    Returns
    -------
    BalanceResult

    References
    ----------
    .. [1] Harary, F. (1959). On the measurement of structural balance. Behavioral Science
       4(4), 316-323. doi:10.1002/bs.3830040405
    .. [2] Aref, S., Mason, A. J. & Wilson, M. C. (2020). A modeling and computational study
       of the frustration index in signed networks. Networks 75(1), 95-110.
       doi:10.1002/net.21907

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[0, 1, 1], [1, 0, -1], [1, -1, 0]])  # one unbalanced triangle
    >>> res = frustration_index(A)
    >>> res.frustration_index, res.proven_optimal, len(res.frustrated_edges)
    (1, True, 1)
    """
    adjacency, nodes = signed_adjacency(network, weight=weight)
    res = solve(
        adjacency,
        k=2,
        method=method,
        rng=rng,
        time_limit=time_limit,
        restarts=restarts,
        sweeps=sweeps,
    )
    upper = np.triu(adjacency, 1)
    offset = -upper[upper < 0].sum()
    labels = res.labels
    apart = labels[:, None] != labels[None, :]
    frustrated = ((upper > 0) & apart) | ((upper < 0) & ~apart)
    i, j = np.nonzero(frustrated)
    return BalanceResult(
        nodes=nodes,
        labels=labels,
        frustration_index=_scalar(res.value + offset),
        frustrated_edges=tuple((nodes[a], nodes[b]) for a, b in zip(i, j)),
        n_edges=int(np.count_nonzero(upper)),
        total_weight=_scalar(np.abs(upper).sum()),
        method=res.method,
        proven_optimal=res.proven_optimal,
        bound=None if res.bound is None else _scalar(res.bound + offset),
        gap=None
        if res.bound is None
        else (
            0.0
            if res.proven_optimal
            else float((res.value - res.bound) / max(res.value + offset, 1e-9))
        ),
        runtime=res.runtime,
        details=dict(res.details),
    )


def frustration_balance(network, *, weight: str = "sign", **solver_options) -> float:
    """Frustration-based balance score ``1 - L(G) / (m / 2)`` (Aref & Wilson 2018).

    ``m`` is the number of edges (total |weight| for weighted signs); 1 means balanced.
    Extra keyword arguments go to :func:`frustration_index`.

    References
    ----------
    .. [1] Aref, S. & Wilson, M. C. (2018). Measuring partial balance in signed networks.
       Journal of Complex Networks 6(4), 566-595. doi:10.1093/comnet/cnx044

    Examples
    --------
    >>> import numpy as np
    >>> frustration_balance(np.array([[0, 1, 1], [1, 0, -1], [1, -1, 0]]))
    0.33333333333333337
    """
    return frustration_index(network, weight=weight, **solver_options).frustration_balance
