"""Statistical baselines a model must beat out of sample: base rate, logit, gradient boosting.

All three are fitted on the training cases only and predict class probabilities for the
test cases (binary events are two classes):

- :class:`BaseRate` - the training era's class frequencies, with a Jeffreys prior
  (``(count + 1/2) / (n + K/2)``) so that a class never seen in training is not given
  probability zero.
- :class:`LogitBaseline` - a (multinomial) logistic regression on the covariates the
  literature uses, standardised on the training cases, with a light ridge penalty
  (``C = 100``: a penalty of ``||beta||^2 / 200`` against a log-likelihood summed over
  thousands of cases - negligible, but it keeps the estimates finite under separation).
  Missing covariates are set to their training median, with a missingness indicator for
  every covariate that has missing training values.
- :class:`BoostedBaseline` - scikit-learn's ``HistGradientBoostingClassifier`` (the best
  off-the-shelf black box for tabular data) on the same covariates (missing values handled
  natively), ``random_state`` fixed, L2 regularisation 1; its hyperparameters (tree size
  and leaf size) are chosen by grouped K-fold cross-validation on the training cases only
  (folds by cluster: a dispute's or an alliance's cases stay in one fold), scored by log
  loss; the number of boosting rounds by early stopping on a training-only validation part.

scikit-learn is an optional dependency (``pip install foedus[history]``).

References
----------
Leeds, B. A. (2003). Do alliances deter aggression? AJPS 47(3), 427-439.
https://doi.org/10.1111/1540-5907.00031 (defence pact, contiguity, capability ratio, joint
democracy as covariates of intervention).
Gibler, D. M., & Wolford, S. (2006). Alliances, then democracy. JCR 50(1), 129-153.
https://doi.org/10.1177/0022002705281360 (covariates of alliance onset in dyad-years).
Ke, G. et al. (2017). LightGBM: a highly efficient gradient boosting decision tree. NeurIPS 30
(the histogram algorithm of scikit-learn's HistGradientBoosting).
Pedregosa, F. et al. (2011). Scikit-learn: machine learning in Python. JMLR 12, 2825-2830.
"""

from __future__ import annotations

from itertools import product

import numpy as np
import pandas as pd

from foedus.errors import FoedusError

__all__ = ["BASELINES", "BaseRate", "BoostedBaseline", "LogitBaseline", "make_baseline"]

#: Baseline names in the order the tables show them.
BASELINES = ("base_rate", "logit", "boosted")


def _sklearn():
    try:
        import sklearn  # noqa: F401
    except ImportError:  # pragma: no cover - the test extra installs it
        raise FoedusError("the logit and gradient-boosted baselines need scikit-learn: "
                          "pip install 'foedus[history]'") from None


def _labels(y, n_classes: int) -> np.ndarray:
    y = np.asarray(y).ravel()
    if y.size == 0:
        raise FoedusError("baseline: no training cases")
    if not np.issubdtype(y.dtype, np.integer) or y.min() < 0 or y.max() >= n_classes:
        raise FoedusError(f"baseline: class labels must be integers 0..{n_classes - 1}")
    return y.astype(np.int64)


def _full_proba(model, proba: np.ndarray, n_classes: int) -> np.ndarray:
    """Columns of ``proba`` placed at their class index (classes absent in training -> 0)."""
    out = np.zeros((proba.shape[0], n_classes))
    out[:, np.asarray(model.classes_, dtype=int)] = proba
    return out


class BaseRate:
    """Class frequencies of the training cases (Jeffreys-smoothed).

    Examples
    --------
    >>> import numpy as np
    >>> b = BaseRate(n_classes=2).fit(None, np.array([0, 0, 0, 1]))
    >>> b.predict_proba(np.zeros((2, 0)))[0].round(3).tolist()
    [0.7, 0.3]
    """

    name = "base_rate"

    def __init__(self, *, n_classes: int = 2):
        self.n_classes = n_classes

    def fit(self, X, y, groups=None) -> BaseRate:
        y = _labels(y, self.n_classes)
        counts = np.bincount(y, minlength=self.n_classes).astype(float)
        self.rates_ = (counts + 0.5) / (counts.sum() + 0.5 * self.n_classes)
        return self

    def predict_proba(self, X) -> np.ndarray:
        n = len(X)
        return np.tile(self.rates_, (n, 1))


class _Design:
    """Median imputation with missingness indicators, then standardisation (training only)."""

    def fit(self, X: pd.DataFrame) -> _Design:
        X = pd.DataFrame(X).astype(float)
        self.columns_ = list(X.columns)
        self.medians_ = X.median().fillna(0.0)
        self.flagged_ = [c for c in self.columns_ if X[c].isna().any()]
        Z = self._raw(X)
        self.mean_ = Z.mean(axis=0)
        sd = Z.std(axis=0)
        self.sd_ = np.where(sd > 0, sd, 1.0)
        return self

    def _raw(self, X: pd.DataFrame) -> np.ndarray:
        X = pd.DataFrame(X).astype(float)[self.columns_]
        parts = [X.fillna(self.medians_).to_numpy()]
        if self.flagged_:
            parts.append(X[self.flagged_].isna().to_numpy(dtype=float))
        return np.hstack(parts)

    def transform(self, X: pd.DataFrame) -> np.ndarray:
        return (self._raw(X) - self.mean_) / self.sd_


class LogitBaseline:
    """Logistic regression (multinomial for K > 2) on standardised covariates, light ridge.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> X = pd.DataFrame({"pact": rng.integers(0, 2, 400).astype(float)})
    >>> y = (rng.uniform(size=400) < np.where(X.pact == 1, 0.6, 0.1)).astype(int)
    >>> m = LogitBaseline().fit(X, y)
    >>> p = m.predict_proba(pd.DataFrame({"pact": [0.0, 1.0]}))[:, 1]
    >>> bool(p[1] > p[0])
    True
    """

    name = "logit"

    def __init__(self, *, n_classes: int = 2, C: float = 100.0):
        self.n_classes = n_classes
        self.C = C

    def fit(self, X, y, groups=None) -> LogitBaseline:
        _sklearn()
        from sklearn.linear_model import LogisticRegression

        y = _labels(y, self.n_classes)
        self.design_ = _Design().fit(X)
        self.model_ = LogisticRegression(C=self.C, max_iter=2000)
        if np.unique(y).size < 2:
            self.model_ = BaseRate(n_classes=self.n_classes).fit(None, y)
            return self
        self.model_.fit(self.design_.transform(X), y)
        return self

    def predict_proba(self, X) -> np.ndarray:
        if isinstance(self.model_, BaseRate):
            return self.model_.predict_proba(np.zeros((len(X), 0)))
        proba = self.model_.predict_proba(self.design_.transform(X))
        return _full_proba(self.model_, proba, self.n_classes)

    def coefficients(self) -> pd.DataFrame:
        """Coefficients per standardised covariate (class 1 vs 0 for a binary model)."""
        names = list(self.design_.columns_) + [f"missing_{c}" for c in self.design_.flagged_]
        coef = np.atleast_2d(self.model_.coef_)
        return pd.DataFrame(coef.T, index=names,
                            columns=[f"class_{int(k)}" for k in self.model_.classes_][-len(coef):])


#: Hyperparameter grid searched by grouped cross-validation (training cases only).
BOOSTED_GRID = {"max_leaf_nodes": (7, 31), "min_samples_leaf": (20, 100),
                "l2_regularization": (1.0,)}


class BoostedBaseline:
    """``HistGradientBoostingClassifier`` tuned by grouped CV inside the training cases.

    Parameters
    ----------
    n_classes : int
    random_state : int
        Fixed seed of the boosting (early-stopping split) and of the fold assignment.
    folds : int
        Grouped cross-validation folds used to choose the hyperparameters.
    grid : dict
        Candidate hyperparameters (default :data:`BOOSTED_GRID`).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> X = pd.DataFrame({"x": rng.normal(size=600)})
    >>> y = (rng.uniform(size=600) < 1 / (1 + np.exp(-2 * X.x))).astype(int)
    >>> m = BoostedBaseline(grid={"max_leaf_nodes": (7,), "min_samples_leaf": (20,),
    ...                           "l2_regularization": (0.0,)}).fit(X, y)
    >>> p = m.predict_proba(pd.DataFrame({"x": [-2.0, 2.0]}))[:, 1]
    >>> bool(p[1] > p[0])
    True
    """

    name = "boosted"

    def __init__(self, *, n_classes: int = 2, random_state: int = 0, folds: int = 3,
                 grid: dict | None = None):
        self.n_classes = n_classes
        self.random_state = random_state
        self.folds = folds
        self.grid = dict(BOOSTED_GRID if grid is None else grid)

    def _model(self, **params):
        from sklearn.ensemble import HistGradientBoostingClassifier

        return HistGradientBoostingClassifier(
            max_iter=300, learning_rate=0.1, early_stopping=True, validation_fraction=0.15,
            n_iter_no_change=15, random_state=self.random_state, **params)

    def fit(self, X, y, groups=None) -> BoostedBaseline:
        _sklearn()
        from threadpoolctl import threadpool_limits

        # one OpenMP thread: on a shared 2-core machine the threaded histogram builder is
        # an order of magnitude slower than one thread on corpora of this size
        with threadpool_limits(limits=1, user_api="openmp"):
            return self._fit(X, y, groups)

    def _fit(self, X, y, groups=None) -> BoostedBaseline:
        from sklearn.model_selection import GroupKFold

        y = _labels(y, self.n_classes)
        X = pd.DataFrame(X).astype(float)
        if np.unique(y).size < 2:
            self.model_ = BaseRate(n_classes=self.n_classes).fit(None, y)
            self.best_params_ = {}
            return self
        groups = np.arange(y.size) if groups is None else np.asarray(groups)
        candidates = [dict(zip(self.grid, values)) for values in product(*self.grid.values())]
        scores = np.zeros(len(candidates))
        n_groups = np.unique(groups).size
        if len(candidates) > 1 and n_groups >= self.folds:
            splitter = GroupKFold(n_splits=self.folds)
            for train, valid in splitter.split(X, y, groups):
                if np.unique(y[train]).size < 2:
                    continue
                for k, params in enumerate(candidates):
                    model = self._model(**params).fit(X.iloc[train], y[train])
                    proba = _full_proba(model, model.predict_proba(X.iloc[valid]),
                                        self.n_classes)
                    picked = np.clip(proba[np.arange(valid.size), y[valid]], 1e-12, 1.0)
                    scores[k] -= np.log(picked).sum()
        self.cv_log_loss_ = scores / y.size
        self.best_params_ = candidates[int(np.argmin(scores))]
        self.model_ = self._model(**self.best_params_).fit(X, y)
        return self

    def predict_proba(self, X) -> np.ndarray:
        if isinstance(self.model_, BaseRate):
            return self.model_.predict_proba(np.zeros((len(X), 0)))
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1, user_api="openmp"):
            proba = self.model_.predict_proba(pd.DataFrame(X).astype(float))
        return _full_proba(self.model_, proba, self.n_classes)


def make_baseline(name: str, *, n_classes: int, random_state: int = 0):
    """A fresh baseline by name (``base_rate``, ``logit`` or ``boosted``).

    Examples
    --------
    >>> make_baseline("logit", n_classes=3).n_classes
    3
    """
    if name == "base_rate":
        return BaseRate(n_classes=n_classes)
    if name == "logit":
        return LogitBaseline(n_classes=n_classes)
    if name == "boosted":
        return BoostedBaseline(n_classes=n_classes, random_state=random_state)
    raise FoedusError(f"baseline {name!r}: choose {', '.join(BASELINES)}")
