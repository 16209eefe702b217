"""The result every solver returns: a partition, its value, and how it was obtained."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

__all__ = ["SolveResult", "cut_value", "relative_gap"]


def cut_value(weights: np.ndarray, labels: np.ndarray) -> float:
    """Exact objective ``sum_{i<j} W_ij [labels_i != labels_j]`` of one labelling.

    Examples
    --------
    >>> import numpy as np
    >>> W = np.array([[0, 2, -1], [2, 0, 3], [-1, 3, 0]])
    >>> cut_value(W, np.array([0, 0, 1]))
    2
    """
    labels = np.asarray(labels)
    diff = labels[:, None] != labels[None, :]
    total = (weights * diff).sum()
    half = total // 2 if np.issubdtype(weights.dtype, np.integer) else total / 2.0
    return half.item()


def relative_gap(value: float, bound: float | None) -> float | None:
    """HiGHS-style relative gap ``(value - bound) / max(|value|, 1e-9)`` (0 when proven)."""
    if bound is None:
        return None
    return float(max(value - bound, 0.0) / max(abs(value), 1e-9))


@dataclass(frozen=True)
class SolveResult:
    """Minimum of ``sum_{i<j} W_ij d_ij`` over partitions into at most ``k`` coalitions.

    Attributes
    ----------
    labels : numpy.ndarray
        Coalition label (0, 1, ...) of each actor; actor 0 is in coalition 0.
    value : float
        Objective of ``labels`` (recomputed exactly from the weights).
    method : str
        ``"enumerate"``, ``"milp"``, ``"anneal"`` or ``"blocks"`` (biconnected decomposition
        with a method per block, listed in ``details``).
    proven_optimal : bool
        True when ``value`` is certified to be the global minimum.
    bound : float or None
        A proven lower bound on the minimum (equal to ``value`` when proven optimal).
    gap : float or None
        ``(value - bound) / |value|``; None when no bound is known.
    runtime : float
        Wall-clock seconds.
    details : dict
        Solver-specific information (kernel, configurations evaluated, MILP status, ...).
    """

    labels: np.ndarray
    value: float
    method: str
    proven_optimal: bool
    bound: float | None
    gap: float | None
    runtime: float
    details: dict = field(default_factory=dict)
