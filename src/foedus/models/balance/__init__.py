"""Structural balance of signed networks (Heider; Cartwright & Harary; Aref, Mason & Wilson).

* :func:`frustration_index` -- exact line index of balance with its optimal partition;
* :func:`triangle_balance`, :func:`walk_balance`, :func:`frustration_balance`,
  :func:`balance_scores` -- the three balance scores;
* :func:`is_balanced`, :func:`balanced_partition`, :func:`triangle_census`;
* :func:`triad_dynamics` -- Antal-Krapivsky-Redner local triad dynamics.

Networks may be networkx graphs (edge attribute ``sign``), edge lists
(``source, target, sign``) or signed adjacency matrices. See ``docs/models/balance.md``.
"""

from foedus.models.balance.dynamics import TriadDynamicsResult, triad_dynamics
from foedus.models.balance.frustration import (
    BalanceResult,
    frustration_balance,
    frustration_index,
)
from foedus.models.balance.scores import (
    balance_scores,
    balanced_partition,
    is_balanced,
    triangle_balance,
    triangle_census,
    walk_balance,
)
from foedus.models.balance.signed import signed_adjacency, to_graph

__all__ = [
    "BalanceResult",
    "TriadDynamicsResult",
    "balance_scores",
    "balanced_partition",
    "frustration_balance",
    "frustration_index",
    "is_balanced",
    "signed_adjacency",
    "to_graph",
    "triad_dynamics",
    "triangle_balance",
    "triangle_census",
    "walk_balance",
]
