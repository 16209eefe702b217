"""First-order sensitivity ranking of Monte Carlo outputs to the sampled parameters.

For each parameter ``X_k`` and output ``Y`` the first-order index is the correlation ratio
``S_k = Var(E[Y | X_k]) / Var(Y)``, estimated from the Monte Carlo sample itself by sorting
on ``X_k`` and averaging ``Y`` within equal-count bins (the "given data" estimator; Plischke,
Borgonovo & Smith 2013). It needs no extra model runs; full Sobol indices (with interactions)
can come later through the analysis layer.

References
----------
Plischke, E., Borgonovo, E., & Smith, C. L. (2013). Global sensitivity measures from given
data. European Journal of Operational Research 226(3), 536-550.
https://doi.org/10.1016/j.ejor.2012.11.047
Saltelli, A., et al. (2008). Global Sensitivity Analysis: The Primer. Wiley.
"""

from __future__ import annotations

import itertools

import numpy as np

__all__ = ["first_order_indices"]


def first_order_indices(x: np.ndarray, y: np.ndarray, bins: int | None = None) -> np.ndarray:
    """First-order indices of ``y`` (D,) or (D, K) for each row of ``x`` (P, D).

    Returns an array (P,) or (P, K); rows of constant parameters, and outputs without
    variance, give 0. The small-sample bias ``(bins - 1) / (D - 1)`` is subtracted and the
    result clipped to [0, 1].

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = rng.random((2, 4000))
    >>> y = 3 * x[0] + 0.1 * rng.random(4000)
    >>> s = first_order_indices(x, y)
    >>> bool(s[0] > 0.9 and s[1] < 0.05)
    True
    """
    x = np.atleast_2d(np.asarray(x, dtype=float))
    y = np.asarray(y, dtype=float)
    squeeze = y.ndim == 1
    y2 = y[:, None] if squeeze else y
    D = y2.shape[0]
    bins = bins or int(max(2, min(32, np.sqrt(D) / 2)))
    var = y2.var(axis=0)
    out = np.zeros((x.shape[0], y2.shape[1]))
    edges = np.linspace(0, D, bins + 1).astype(int)
    mean = y2.mean(axis=0)
    for k, row in enumerate(x):
        if np.ptp(row) == 0:
            continue
        ys = y2[np.argsort(row, kind="stable")]
        between = np.zeros(y2.shape[1])
        for a, b in itertools.pairwise(edges):
            if b > a:
                between += (b - a) * (ys[a:b].mean(axis=0) - mean) ** 2
        between /= D
        with np.errstate(invalid="ignore", divide="ignore"):
            s = np.where(var > 0, between / var - (bins - 1) / (D - 1), 0.0)
        out[k] = np.clip(s, 0.0, 1.0)
    return out[:, 0] if squeeze else out
