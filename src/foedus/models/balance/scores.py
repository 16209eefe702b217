"""Structural-balance scores of a signed network: triangles, walks, and exact balance tests.

* triangle balance: share of triangles whose sign product is positive (Cartwright & Harary
  1956);
* walk balance: ``K = tr exp(A) / tr exp(|A|)``, closed walks weighted by 1/length!
  (Estrada & Benzi 2014; Estrada 2019), computed from eigenvalues with a log-sum-exp so that
  large networks do not overflow;
* frustration balance ``1 - L/(m/2)`` lives in :mod:`foedus.models.balance.frustration`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from foedus.models.balance.frustration import frustration_balance
from foedus.models.balance.signed import signed_adjacency

__all__ = [
    "balance_scores",
    "balanced_partition",
    "is_balanced",
    "triangle_balance",
    "triangle_census",
    "walk_balance",
]


def triangle_census(network, *, weight: str = "sign") -> pd.DataFrame:
    """Every triangle with its three signs and whether it is balanced.

    Returns
    -------
    pandas.DataFrame
        Columns ``a, b, c, sign_ab, sign_bc, sign_ac, balanced`` (``a < b < c`` in node order).

    Examples
    --------
    >>> import numpy as np
    >>> triangle_census(np.array([[0, 1, 1], [1, 0, -1], [1, -1, 0]]))["balanced"].tolist()
    [False]
    """
    adjacency, nodes = signed_adjacency(network, weight=weight)
    sign = np.sign(adjacency).astype(np.int64)
    n = sign.shape[0]
    rows = []
    for i in range(n):
        nbr_i = np.nonzero(sign[i])[0]
        for j in nbr_i[nbr_i > i]:
            for k in np.nonzero(sign[i] * sign[j])[0]:
                if k > j:
                    rows.append((nodes[i], nodes[j], nodes[k], sign[i, j], sign[j, k], sign[i, k]))
    frame = pd.DataFrame(rows, columns=["a", "b", "c", "sign_ab", "sign_bc", "sign_ac"])
    frame["balanced"] = (frame["sign_ab"] * frame["sign_bc"] * frame["sign_ac"]) > 0
    return frame


def triangle_balance(network, *, weight: str = "sign") -> float:
    """Share of balanced triangles (NaN when the network has no triangle).

    References
    ----------
    .. [1] Cartwright, D. & Harary, F. (1956). Structural balance: a generalization of
       Heider's theory. Psychological Review 63(5), 277-293. doi:10.1037/h0046049

    Examples
    --------
    >>> import numpy as np
    >>> triangle_balance(np.array([[0, 1, 1], [1, 0, -1], [1, -1, 0]]))
    0.0
    """
    census = triangle_census(network, weight=weight)
    return float(census["balanced"].mean()) if len(census) else float("nan")


def walk_balance(network, *, weight: str = "sign") -> float:
    """Walk-based balance ``tr exp(A) / tr exp(|A|)`` (1 = balanced).

    References
    ----------
    .. [1] Estrada, E. & Benzi, M. (2014). Walk-based measure of balance in signed networks:
       detecting lack of balance in social networks. Physical Review E 90, 042802.
       doi:10.1103/PhysRevE.90.042802
    .. [2] Estrada, E. (2019). Rethinking structural balance in signed social networks.
       Discrete Applied Mathematics 268, 70-90. doi:10.1016/j.dam.2019.04.019

    Examples
    --------
    >>> import numpy as np
    >>> round(walk_balance(np.array([[0, 1], [1, 0]])), 6)
    1.0
    """
    adjacency, _ = signed_adjacency(network, weight=weight)
    a = adjacency.astype(np.float64)
    signed = np.linalg.eigvalsh(a)
    unsigned = np.linalg.eigvalsh(np.abs(a))
    from scipy.special import logsumexp  # lazy: slow to import
    return float(np.exp(logsumexp(signed) - logsumexp(unsigned)))


def balanced_partition(network, *, weight: str = "sign"):
    """The two groups of a balanced network, or None if it is not balanced.

    Two-colours each connected component (positive edge: same group, negative: opposite);
    isolated nodes join the first group.

    Examples
    --------
    >>> import numpy as np
    >>> balanced_partition(np.array([[0, 1, -1], [1, 0, -1], [-1, -1, 0]]))
    ((0, 1), (2,))
    """
    adjacency, nodes = signed_adjacency(network, weight=weight)
    n = adjacency.shape[0]
    group = np.full(n, -1)
    for root in range(n):
        if group[root] >= 0:
            continue
        group[root] = 0
        stack = [root]
        while stack:
            i = stack.pop()
            for j in np.nonzero(adjacency[i])[0]:
                want = group[i] if adjacency[i, j] > 0 else 1 - group[i]
                if group[j] < 0:
                    group[j] = want
                    stack.append(j)
                elif group[j] != want:
                    return None
    return tuple(tuple(nodes[i] for i in range(n) if group[i] == g) for g in (0, 1))


def is_balanced(network, *, weight: str = "sign") -> bool:
    """True when the nodes split into two groups with all positive edges inside groups and all
    negative edges between them (Cartwright & Harary's structure theorem).

    Examples
    --------
    >>> import numpy as np
    >>> is_balanced(np.array([[0, 1, 1], [1, 0, -1], [1, -1, 0]]))
    False
    """
    return balanced_partition(network, weight=weight) is not None


def balance_scores(network, *, weight: str = "sign", **solver_options) -> pd.Series:
    """The three balance scores: ``triangles``, ``walk`` and ``frustration``.

    Examples
    --------
    >>> import numpy as np
    >>> balance_scores(np.array([[0, 1, -1], [1, 0, -1], [-1, -1, 0]])).tolist()
    [1.0, 1.0, 1.0]
    """
    return pd.Series(
        {
            "triangles": triangle_balance(network, weight=weight),
            "walk": walk_balance(network, weight=weight),
            "frustration": frustration_balance(network, weight=weight, **solver_options),
        }
    )
