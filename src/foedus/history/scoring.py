"""Out-of-sample scores of probabilistic predictions: log loss, Brier, AUC, reliability.

Definitions (``docs/validation-history.md`` states them with the tables):

- **Log loss** (binary): ``-mean(y log p + (1 - y) log(1 - p))``; **multinomial log loss**:
  ``-mean(log P[i, y_i])``. Probabilities are clipped to ``[1e-12, 1 - 1e-12]`` so that a
  confident miss costs about 27.6 nats instead of infinity.
- **Brier score** (binary): ``mean((p - y)^2)``; **multi-class Brier** (Brier 1950):
  ``mean(sum_k (P[i, k] - 1[y_i = k])^2)``, between 0 and 2.
- **AUC**: the probability that a randomly drawn event case gets a higher predicted
  probability than a randomly drawn non-event case, ties counting one half (the
  Mann-Whitney statistic; Hanley & McNeil 1982). Undefined (NaN) with one class only.
- **Reliability table**: cases grouped by predicted probability (ten equal-width bins, or
  quantile bins), each bin's mean prediction beside its observed frequency with a Wilson 95%
  interval; the expected calibration error (ECE) is the case-weighted mean absolute gap.

Differences between two predictors on the same cases get confidence intervals from a
**cluster bootstrap** (cases resampled by whole clusters - disputes, alliances - with
replacement; Cameron, Gelbach & Miller 2008), seeded with a :class:`numpy.random.Generator`.

References
----------
Brier, G. W. (1950). Verification of forecasts expressed in terms of probability. Monthly
Weather Review 78(1), 1-3. https://doi.org/10.1175/1520-0493(1950)078<0001:VOFEIT>2.0.CO;2
Hanley, J. A., & McNeil, B. J. (1982). The meaning and use of the area under a receiver
operating characteristic (ROC) curve. Radiology 143(1), 29-36.
https://doi.org/10.1148/radiology.143.1.7063747
Gneiting, T., & Raftery, A. E. (2007). Strictly proper scoring rules, prediction, and
estimation. JASA 102(477), 359-378. https://doi.org/10.1198/016214506000001437
Cameron, A. C., Gelbach, J. B., & Miller, D. L. (2008). Bootstrap-based improvements for
inference with clustered errors. Review of Economics and Statistics 90(3), 414-427.
https://doi.org/10.1162/rest.90.3.414
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from foedus.errors import FoedusError

__all__ = [
    "EPS", "BootstrapDifference", "auc", "brier_score", "cluster_bootstrap_difference",
    "expected_calibration_error", "log_loss", "multiclass_brier_score",
    "multinomial_log_loss", "reliability_table", "score_binary", "score_multiclass",
]

#: Probabilities are clipped to [EPS, 1 - EPS] before taking logs.
EPS = 1e-12


def _binary(y, p) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(y, dtype=float).ravel()
    p = np.asarray(p, dtype=float).ravel()
    if y.shape != p.shape:
        raise FoedusError(f"scoring: {y.size} outcomes but {p.size} predictions")
    if y.size == 0:
        raise FoedusError("scoring: no cases to score")
    if not np.all((y == 0) | (y == 1)):
        raise FoedusError("scoring: binary outcomes must be 0 or 1")
    if not np.all(np.isfinite(p)) or np.any((p < 0) | (p > 1)):
        raise FoedusError("scoring: predicted probabilities must lie in [0, 1]")
    return y, p


def _multiclass(y, probs) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(y).ravel()
    probs = np.atleast_2d(np.asarray(probs, dtype=float))
    if probs.shape[0] != y.size:
        raise FoedusError(f"scoring: {y.size} outcomes but {probs.shape[0]} prediction rows")
    if y.size == 0:
        raise FoedusError("scoring: no cases to score")
    if not np.issubdtype(y.dtype, np.integer) or y.min() < 0 or y.max() >= probs.shape[1]:
        raise FoedusError(f"scoring: class labels must be integers 0..{probs.shape[1] - 1}")
    if not np.all(np.isfinite(probs)) or np.any(probs < 0) or \
            not np.allclose(probs.sum(axis=1), 1.0, atol=1e-6):
        raise FoedusError("scoring: each row of class probabilities must be >= 0 and sum to 1")
    return y.astype(np.int64), probs


def log_loss(y, p) -> float:
    """Binary log loss (mean negative log-likelihood, nats per case).

    Examples
    --------
    >>> round(log_loss([1, 0], [0.5, 0.5]), 4)
    0.6931
    >>> log_loss([1, 0, 1], [0.9, 0.2, 0.7]) < log_loss([1, 0, 1], [0.5, 0.5, 0.5])
    True
    """
    y, p = _binary(y, p)
    p = np.clip(p, EPS, 1 - EPS)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log1p(-p)))


def multinomial_log_loss(y, probs) -> float:
    """Multinomial log loss ``-mean(log P[i, y_i])`` (nats per case).

    Examples
    --------
    >>> round(multinomial_log_loss([0, 2], [[1/3, 1/3, 1/3], [1/3, 1/3, 1/3]]), 4)
    1.0986
    """
    y, probs = _multiclass(y, probs)
    return float(-np.mean(np.log(np.clip(probs[np.arange(y.size), y], EPS, 1.0))))


def brier_score(y, p) -> float:
    """Binary Brier score ``mean((p - y)^2)``.

    Examples
    --------
    >>> brier_score([1, 0], [0.5, 0.5])
    0.25
    """
    y, p = _binary(y, p)
    return float(np.mean((p - y) ** 2))


def multiclass_brier_score(y, probs) -> float:
    """Multi-class Brier score ``mean(sum_k (P[i, k] - 1[y_i = k])^2)`` (Brier 1950).

    Examples
    --------
    >>> round(multiclass_brier_score([0], [[0.5, 0.25, 0.25]]), 4)
    0.375
    """
    y, probs = _multiclass(y, probs)
    onehot = np.zeros_like(probs)
    onehot[np.arange(y.size), y] = 1.0
    return float(np.mean(np.sum((probs - onehot) ** 2, axis=1)))


def _weighted_auc(score_index: np.ndarray, n_scores: int, y: np.ndarray,
                  weights: np.ndarray) -> np.ndarray:
    """AUC for each row of ``weights`` (R, n); ``score_index`` ranks distinct scores."""
    weights = np.atleast_2d(weights)
    pos = y == 1
    out = np.empty(weights.shape[0])
    for r, w in enumerate(weights):
        wpos = np.bincount(score_index[pos], weights=w[pos], minlength=n_scores)
        wneg = np.bincount(score_index[~pos], weights=w[~pos], minlength=n_scores)
        total_pos, total_neg = wpos.sum(), wneg.sum()
        if total_pos <= 0 or total_neg <= 0:
            out[r] = np.nan
            continue
        below = np.cumsum(wneg) - wneg
        out[r] = float(np.sum(wpos * (below + 0.5 * wneg)) / (total_pos * total_neg))
    return out


def auc(y, p) -> float:
    """Area under the ROC curve (Mann-Whitney, ties count one half); NaN with one class.

    Examples
    --------
    >>> auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    0.75
    >>> auc([0, 1], [0.5, 0.5])
    0.5
    """
    y, p = _binary(y, p)
    distinct, index = np.unique(p, return_inverse=True)
    return float(_weighted_auc(index, distinct.size, y, np.ones((1, y.size)))[0])


def _wilson(successes: np.ndarray, n: np.ndarray, z: float = 1.959964):
    with np.errstate(invalid="ignore", divide="ignore"):
        phat = successes / n
        denom = 1 + z ** 2 / n
        centre = (phat + z ** 2 / (2 * n)) / denom
        half = z * np.sqrt(phat * (1 - phat) / n + z ** 2 / (4 * n ** 2)) / denom
    return centre - half, centre + half


def reliability_table(y, p, bins: int = 10, strategy: str = "uniform") -> pd.DataFrame:
    """Calibration table: mean prediction and observed frequency per probability bin.

    Parameters
    ----------
    y, p : array-like
        Binary outcomes and predicted probabilities.
    bins : int
        Number of bins.
    strategy : {"uniform", "quantile"}
        Equal-width bins on [0, 1], or bins holding equal numbers of cases.

    Returns
    -------
    pandas.DataFrame
        One row per non-empty bin: ``bin_low, bin_high, n, mean_predicted, observed,
        observed_low, observed_high`` (Wilson 95% interval of the observed frequency).

    Examples
    --------
    >>> t = reliability_table([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9], bins=2)
    >>> t[["n", "mean_predicted", "observed"]].to_numpy().tolist()
    [[2.0, 0.15000000000000002, 0.0], [2.0, 0.8500000000000001, 1.0]]
    """
    y, p = _binary(y, p)
    if bins < 1:
        raise FoedusError("reliability_table: bins must be at least 1")
    if strategy == "uniform":
        edges = np.linspace(0.0, 1.0, bins + 1)
    elif strategy == "quantile":
        edges = np.unique(np.quantile(p, np.linspace(0.0, 1.0, bins + 1)))
        edges[0], edges[-1] = 0.0, 1.0
    else:
        raise FoedusError(f"reliability_table: strategy {strategy!r}: choose uniform or quantile")
    which = np.clip(np.searchsorted(edges, p, side="right") - 1, 0, edges.size - 2)
    k = edges.size - 1
    n = np.bincount(which, minlength=k).astype(float)
    events = np.bincount(which, weights=y, minlength=k)
    sum_p = np.bincount(which, weights=p, minlength=k)
    keep = n > 0
    low, high = _wilson(events[keep], n[keep])
    return pd.DataFrame({
        "bin_low": edges[:-1][keep], "bin_high": edges[1:][keep], "n": n[keep],
        "mean_predicted": sum_p[keep] / n[keep], "observed": events[keep] / n[keep],
        "observed_low": low, "observed_high": high,
    })


def expected_calibration_error(y, p, bins: int = 10) -> float:
    """Case-weighted mean ``|mean prediction - observed frequency|`` over equal-width bins.

    Examples
    --------
    >>> expected_calibration_error([0, 1], [0.0, 1.0])
    0.0
    """
    table = reliability_table(y, p, bins=bins)
    return float(np.sum(table["n"] * (table["mean_predicted"] - table["observed"]).abs())
                 / table["n"].sum())


def score_binary(y, p) -> dict[str, float]:
    """Every binary score at once: ``n, events, log_loss, brier, auc, ece, mean_predicted``.

    Examples
    --------
    >>> s = score_binary([0, 1, 1, 0], [0.2, 0.7, 0.6, 0.4])
    >>> s["n"], s["events"], s["auc"]
    (4, 2, 1.0)
    """
    y, p = _binary(y, p)
    return {"n": int(y.size), "events": int(y.sum()), "log_loss": log_loss(y, p),
            "brier": brier_score(y, p), "auc": auc(y, p),
            "ece": expected_calibration_error(y, p), "mean_predicted": float(p.mean())}


def score_multiclass(y, probs) -> dict[str, float]:
    """Multinomial log loss and multi-class Brier: ``n, log_loss, brier``.

    Examples
    --------
    >>> score_multiclass([0, 1], [[0.5, 0.5], [0.5, 0.5]])["brier"]
    0.5
    """
    y, probs = _multiclass(y, probs)
    return {"n": int(y.size), "log_loss": multinomial_log_loss(y, probs),
            "brier": multiclass_brier_score(y, probs)}


@dataclass(frozen=True)
class BootstrapDifference:
    """``metric(a) - metric(b)`` on the same cases, with a cluster-bootstrap interval."""

    metric: str
    estimate: float
    low: float
    high: float
    level: float
    replicates: int
    clusters: int

    def excludes_zero(self) -> bool:
        """Whether the interval lies wholly on one side of zero."""
        return bool(self.low > 0 or self.high < 0)


def _per_case_loss(metric: str, y: np.ndarray, p: np.ndarray) -> np.ndarray:
    if p.ndim == 2:          # multi-class
        if metric == "log_loss":
            return -np.log(np.clip(p[np.arange(y.size), y], EPS, 1.0))
        onehot = np.zeros_like(p)
        onehot[np.arange(y.size), y] = 1.0
        return np.sum((p - onehot) ** 2, axis=1)
    if metric == "log_loss":
        q = np.clip(p, EPS, 1 - EPS)
        return -(y * np.log(q) + (1 - y) * np.log1p(-q))
    return (p - y) ** 2


def cluster_bootstrap_difference(y, p_a, p_b, clusters, metric: str = "log_loss", *,
                                 replicates: int = 1000, level: float = 0.95,
                                 rng: np.random.Generator) -> BootstrapDifference:
    """Difference in a score between two predictors, with a cluster-bootstrap interval.

    Whole clusters (all third parties of one dispute, all candidates of one alliance) are
    drawn with replacement, ``replicates`` times; the interval is the percentile interval of
    ``metric(a) - metric(b)``. A negative log-loss or Brier difference favours ``a``; a
    positive AUC difference favours ``a``.

    Parameters
    ----------
    y : array-like
        Outcomes: 0/1 for a binary event, or integer class labels when ``p_a`` and ``p_b``
        are ``(n, K)`` class probabilities (log loss and Brier only).
    p_a, p_b : array-like
        Predictions of the two predictors for the same cases.
    clusters : array-like
        Cluster label of every case.
    metric : {"log_loss", "brier", "auc"}
    replicates, level : int, float
    rng : numpy.random.Generator
        Seeded generator (same seed, same interval).

    Examples
    --------
    >>> import numpy as np
    >>> y = np.array([0, 1, 0, 1, 1, 0])
    >>> good, bad = np.array([.1, .9, .2, .8, .7, .3]), np.full(6, .5)
    >>> d = cluster_bootstrap_difference(y, good, bad, [1, 1, 2, 2, 3, 3],
    ...                                  rng=np.random.default_rng(0), replicates=200)
    >>> d.estimate < 0 and d.high < 0
    True
    """
    if metric not in ("log_loss", "brier", "auc"):
        raise FoedusError(f"bootstrap: metric {metric!r}: choose log_loss, brier or auc")
    p_a, p_b = np.asarray(p_a, dtype=float), np.asarray(p_b, dtype=float)
    if p_a.shape != p_b.shape:
        raise FoedusError("bootstrap: the two predictors must predict the same cases")
    if p_a.ndim == 2:
        if metric == "auc":
            raise FoedusError("bootstrap: AUC needs a binary event, not class probabilities")
        y, p_a = _multiclass(y, p_a)
        _, p_b = _multiclass(y, p_b)
    else:
        y, p_a = _binary(y, p_a)
        _, p_b = _binary(y, p_b)
    labels, cluster_index = np.unique(np.asarray(clusters), return_inverse=True)
    g = labels.size
    if g < 2:
        raise FoedusError("bootstrap: need at least two clusters")
    counts = rng.multinomial(g, np.full(g, 1.0 / g), size=replicates).astype(float)
    if metric == "auc":
        a_distinct, a_index = np.unique(p_a, return_inverse=True)
        b_distinct, b_index = np.unique(p_b, return_inverse=True)
        ones = np.ones((1, y.size))
        estimate = float(_weighted_auc(a_index, a_distinct.size, y, ones)[0]
                         - _weighted_auc(b_index, b_distinct.size, y, ones)[0])
        weights = counts[:, cluster_index]
        draws = (_weighted_auc(a_index, a_distinct.size, y, weights)
                 - _weighted_auc(b_index, b_distinct.size, y, weights))
    else:
        loss = _per_case_loss(metric, y, p_a) - _per_case_loss(metric, y, p_b)
        sums = np.bincount(cluster_index, weights=loss, minlength=g)
        sizes = np.bincount(cluster_index, minlength=g).astype(float)
        estimate = float(loss.mean())
        draws = (counts @ sums) / (counts @ sizes)
    tail = (1 - level) / 2
    low, high = np.nanquantile(draws, [tail, 1 - tail])
    return BootstrapDifference(metric, estimate, float(low), float(high), level, replicates, g)
