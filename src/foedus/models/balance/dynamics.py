"""Local triad dynamics on a complete signed network (Antal, Krapivsky & Redner 2005).

At each step a triangle is picked uniformly at random. If it is balanced nothing happens. If it
has one negative edge, with probability ``p`` that edge becomes positive, otherwise one of its
two positive edges (chosen at random) becomes negative. If all three edges are negative, one
of them (chosen at random) becomes positive. A finite network always ends in a balanced
absorbing state (one or two mutually hostile, internally friendly groups); for ``p < 1/2`` the
time to get there grows exponentially with the number of nodes, hence ``max_steps``.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import comb

import numpy as np
import pandas as pd

from foedus.errors import ParameterError
from foedus.models.balance.scores import balanced_partition
from foedus.models.balance.signed import signed_adjacency, to_graph

__all__ = ["TriadDynamicsResult", "triad_dynamics"]


@dataclass(frozen=True, eq=False)
class TriadDynamicsResult:
    """Final state and trajectory of a local-triad-dynamics run.

    Attributes
    ----------
    nodes : tuple
        Node labels.
    adjacency : numpy.ndarray
        Final signs (+1/-1 on every pair).
    steps : int
        Triangle updates performed (balanced picks included).
    balanced : bool
        Whether the run ended in a balanced state (else ``max_steps`` was reached).
    unbalanced_triangles : int
        Unbalanced triangles in the final state.
    trajectory : pandas.DataFrame
        ``step, unbalanced_triangles, positive_fraction`` every ``record_every`` steps.
    p : float
        Probability that an unbalanced one-negative triangle turns friendly.
    """

    nodes: tuple
    adjacency: np.ndarray
    steps: int
    balanced: bool
    unbalanced_triangles: int
    trajectory: pd.DataFrame
    p: float

    @property
    def graph(self):
        """Final signed network as a networkx graph (edge attribute ``sign``)."""
        return to_graph(self.adjacency, self.nodes)

    @property
    def partition(self):
        """The final two groups if balanced (second group may be empty), else None."""
        return balanced_partition(self.adjacency, weight="sign") if self.balanced else None

    def to_frame(self) -> pd.DataFrame:
        """The trajectory."""
        return self.trajectory.copy()


def _unbalanced_count(sign: np.ndarray) -> int:
    n = sign.shape[0]
    balance_sum = int(np.trace(sign @ sign @ sign)) // 6  # balanced minus unbalanced
    return (comb(n, 3) - balance_sum) // 2


def _initial_state(network, n, initial_positive, fill, weight, rng):
    if network is None:
        if n is None or n < 3:
            raise ParameterError("give a signed network or n >= 3 nodes for a random start")
        if not 0 <= initial_positive <= 1:
            raise ParameterError("initial_positive must be a probability in [0, 1]")
        upper = np.triu(np.where(rng.random((n, n)) < initial_positive, 1, -1), 1)
        return (upper + upper.T).astype(np.int64), tuple(range(n))
    adjacency, nodes = signed_adjacency(network, weight=weight)
    sign = np.sign(adjacency).astype(np.int64)
    off = ~np.eye(len(nodes), dtype=bool)
    if np.any(sign[off] == 0):
        if fill not in (1, -1):
            raise ParameterError(
                "local triad dynamics needs every pair signed; pass fill=1 or "
                "fill=-1 to sign the missing pairs"
            )
        sign[off & (sign == 0)] = fill
    if len(nodes) < 3:
        raise ParameterError("local triad dynamics needs at least three nodes")
    return sign, nodes


def triad_dynamics(
    network=None,
    *,
    n: int | None = None,
    p: float = 0.5,
    initial_positive: float = 0.5,
    fill: int | None = None,
    weight: str = "sign",
    rng: np.random.Generator | int | None = None,
    max_steps: int = 1_000_000,
    record_every: int | None = None,
) -> TriadDynamicsResult:
    """Run Antal-Krapivsky-Redner local triad dynamics until balance or ``max_steps``.

    Parameters
    ----------
    network : networkx.Graph, pandas.DataFrame or array, optional
        Complete signed network to start from (see :func:`signed_adjacency`).
    n : int, optional
        Without ``network``: number of nodes of a random complete start.
    p : float, default 0.5
        Probability that a triangle with one negative edge resolves by making it positive.
    initial_positive : float, default 0.5
        Share of positive edges in the random start.
    fill : {1, -1}, optional
        Sign given to missing pairs of an incomplete ``network``.
    weight : str, default "sign"
        Edge attribute / column with the sign.
    rng : numpy.random.Generator or int, optional
        Source of randomness; the same seed gives the same run.
    max_steps : int, default 1,000,000
        Stop after this many triangle updates.
    record_every : int, optional
        Trajectory resolution (default: about 1,000 rows).

    Returns
    -------
    TriadDynamicsResult

    References
    ----------
    .. [1] Antal, T., Krapivsky, P. L. & Redner, S. (2005). Dynamics of social balance on
       networks. Physical Review E 72, 036121. doi:10.1103/PhysRevE.72.036121
    .. [2] Antal, T., Krapivsky, P. L. & Redner, S. (2006). Social balance on networks: the
       dynamics of friendship and enmity. Physica D 224, 130-136.
       doi:10.1016/j.physd.2006.09.028

    Examples
    --------
    >>> res = triad_dynamics(n=8, p=0.6, rng=1)
    >>> res.balanced, res.unbalanced_triangles
    (True, 0)
    """
    if not 0 <= p <= 1:
        raise ParameterError(f"p must be a probability in [0, 1], got {p}")
    if max_steps < 0:
        raise ParameterError("max_steps must be >= 0")
    rng = np.random.default_rng(rng)
    sign, nodes = _initial_state(network, n, initial_positive, fill, weight, rng)
    size = sign.shape[0]
    record_every = record_every or max(1, max_steps // 1000)
    unbalanced = _unbalanced_count(sign)
    rows = [(0, unbalanced, float((sign > 0).sum() - 0) / (size * (size - 1)))]
    step = 0

    def flip(a, b):
        products = sign[a, b] * sign[a] * sign[b]
        products[[a, b]] = 0
        bad = int((products < 0).sum())
        sign[a, b] = sign[b, a] = -sign[a, b]
        return (size - 2) - 2 * bad

    while unbalanced > 0 and step < max_steps:
        batch = rng.integers(size, size=(4096, 3))
        coins = rng.random((4096, 2))
        for (i, j, k), (c1, c2) in zip(batch.tolist(), coins.tolist()):
            if i == j or j == k or i == k:
                continue
            step += 1
            edges = ((i, j), (j, k), (i, k))
            negative = [e for e in edges if sign[e] < 0]
            if len(negative) == 1:
                if c1 < p:
                    unbalanced += flip(*negative[0])
                else:
                    positive = [e for e in edges if sign[e] > 0]
                    unbalanced += flip(*positive[int(c2 * 2)])
            elif len(negative) == 3:
                unbalanced += flip(*negative[int(c2 * 3)])
            if step % record_every == 0:
                rows.append((step, unbalanced, float((sign > 0).sum()) / (size * (size - 1))))
            if unbalanced == 0 or step >= max_steps:
                break
    if rows[-1][0] != step:
        rows.append((step, unbalanced, float((sign > 0).sum()) / (size * (size - 1))))
    return TriadDynamicsResult(
        nodes=nodes,
        adjacency=sign,
        steps=step,
        balanced=unbalanced == 0,
        unbalanced_triangles=int(unbalanced),
        trajectory=pd.DataFrame(
            rows, columns=["step", "unbalanced_triangles", "positive_fraction"]
        ),
        p=float(p),
    )
