"""Signed networks in, one checked signed adjacency matrix out."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from foedus.errors import ParameterError
from foedus.models.solvers._checks import as_weight_matrix

__all__ = ["signed_adjacency", "to_graph"]


def signed_adjacency(network, *, weight: str = "sign", nodes=None):
    """Signed adjacency matrix and node order of a signed network.

    Parameters
    ----------
    network : networkx.Graph, pandas.DataFrame or array
        An undirected networkx graph whose edges carry ``weight`` (e.g. ``sign`` = +1/-1);
        an edge list with columns ``source``, ``target`` and ``weight``; or a symmetric
        zero-diagonal matrix.
    weight : str, default "sign"
        Edge attribute or column holding the signed weight.
    nodes : sequence, optional
        Node order (and extra isolated nodes); default: order of appearance.

    Returns
    -------
    adjacency : numpy.ndarray
        Symmetric, zero diagonal; int64 for integer signs, else float64.
    nodes : tuple
        Node labels in matrix order.

    Examples
    --------
    >>> import pandas as pd
    >>> edges = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "sign": [1, -1]})
    >>> A, nodes = signed_adjacency(edges)
    >>> A.tolist(), nodes
    ([[0, 1, 0], [1, 0, -1], [0, -1, 0]], ('a', 'b', 'c'))
    """
    if isinstance(network, (nx.DiGraph, nx.MultiGraph)):
        raise ParameterError(
            "signed network must be an undirected simple graph; "
            "use network.to_undirected() and merge parallel edges first"
        )
    if isinstance(network, nx.Graph):
        missing = [e for e in network.edges(data=True) if weight not in e[2]]
        if missing:
            raise ParameterError(
                f"edge {missing[0][:2]} has no '{weight}' attribute; "
                f"give every edge a signed '{weight}'"
            )
        edges = pd.DataFrame(
            [(u, v, d[weight]) for u, v, d in network.edges(data=True)],
            columns=["source", "target", weight],
        )
        order = list(network.nodes) if nodes is None else list(nodes)
        return _from_edges(edges, weight, order)
    if isinstance(network, pd.DataFrame):
        for col in ("source", "target", weight):
            if col not in network.columns:
                raise ParameterError(
                    f"edge list needs columns source, target, {weight}; missing {col!r}"
                )
        order = nodes
        if order is None:
            order = list(dict.fromkeys(list(network["source"]) + list(network["target"])))
        return _from_edges(network, weight, list(order))
    adjacency = as_weight_matrix(network, name="signed adjacency")
    labels = tuple(range(adjacency.shape[0])) if nodes is None else tuple(nodes)
    if len(labels) != adjacency.shape[0]:
        raise ParameterError(f"nodes has {len(labels)} labels for {adjacency.shape[0]} rows")
    return adjacency, labels


def _from_edges(edges: pd.DataFrame, weight: str, order: list):
    index = {v: i for i, v in enumerate(order)}
    unknown = (set(edges["source"]) | set(edges["target"])) - set(index)
    if unknown:
        raise ParameterError(f"edges mention nodes not in nodes=: {sorted(map(str, unknown))[:5]}")
    values = pd.to_numeric(edges[weight], errors="coerce").to_numpy()
    if not np.all(np.isfinite(values)):
        raise ParameterError(f"column {weight!r} must be numeric and finite on every edge")
    integral = np.all(values == np.round(values))
    adjacency = np.zeros((len(order), len(order)), dtype=np.int64 if integral else np.float64)
    for u, v, w in zip(edges["source"], edges["target"], values):
        i, j = index[u], index[v]
        if i == j:
            raise ParameterError(f"self-loop on {u!r}; remove it (balance needs pairs)")
        if adjacency[i, j] not in (0, w):
            raise ParameterError(f"pair {u!r}-{v!r} has conflicting signs; keep one edge")
        adjacency[i, j] = adjacency[j, i] = w
    return adjacency, tuple(order)


def to_graph(adjacency: np.ndarray, nodes, *, weight: str = "sign") -> nx.Graph:
    """Undirected networkx graph with a ``weight`` attribute on every nonzero pair.

    Examples
    --------
    >>> import numpy as np
    >>> sorted(to_graph(np.array([[0, -1], [-1, 0]]), ["a", "b"]).edges(data="sign"))
    [('a', 'b', -1)]
    """
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    i, j = np.nonzero(np.triu(adjacency, 1))
    graph.add_edges_from(
        (nodes[a], nodes[b], {weight: adjacency[a, b].item()}) for a, b in zip(i, j)
    )
    return graph
