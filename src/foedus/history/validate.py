"""Every model against the statistical baselines, on every corpus, out of sample.

A :class:`ScoringTask` is a corpus prepared for scoring: one row per case with its year, its
cluster (the dispute or alliance it belongs to), its observed class and the literature's
covariates. A *predictor* - a baseline or a model adapter - is fitted on the training cases
of a :class:`~foedus.history.splits.Split` and predicts class probabilities for its test
cases. :func:`validate` runs every predictor on every split in one run and returns a
:class:`ValidationReport`: the scores (multinomial log loss and Brier on the classes; log
loss, Brier, AUC and ECE on every binary event), the per-case predictions, reliability
tables, and cluster-bootstrap intervals for the differences between each model and each
baseline.

A model adapter follows the protocol of :class:`Predictor`: ``name``, ``fit(train, seed)``
returning a fitted state, and ``predict(state, test)`` returning ``(n, K)`` probabilities;
an optional ``applies_to(split)`` returning False skips it on a split (a parameter set
estimated on years that the split tests on would not be scored out of sample).
Adapters for the crisis and formation models live in :mod:`foedus.history.adapters`.

References
----------
See :mod:`foedus.history.scoring` (metrics and bootstrap) and
:mod:`foedus.history.baselines` (baselines).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import pandas as pd

from foedus.errors import FoedusError
from foedus.history.baselines import BASELINES, make_baseline
from foedus.history.scoring import (
    cluster_bootstrap_difference,
    reliability_table,
    score_binary,
    score_multiclass,
)
from foedus.history.splits import Split

__all__ = ["CLASSES_TARGET", "Predictor", "ScoringTask", "ValidationReport", "acceptance",
           "baseline_predictor", "validate"]

#: The target name of the multi-class scores (as opposed to a binary event).
CLASSES_TARGET = "classes"


@dataclass(frozen=True)
class ScoringTask:
    """A corpus prepared for scoring.

    Parameters
    ----------
    corpus : str
        Corpus name (``intervention``, ``formation-members``, ``formation-dyads``,
        ``outcome``).
    frame : pandas.DataFrame
        One row per case with columns ``case_id``, ``cluster``, ``year``, ``y`` (integer
        class) and the covariates.
    classes : tuple of str
        Class names, indexed by ``y``.
    events : mapping
        Binary events scored besides the classes: name -> class indices counted as event.
    covariates : tuple of str
        Columns the baselines use.
    description : str
        The corpus and the outcome coding, for the report.
    payload : object
        What a model adapter needs besides the frame (e.g. world-model cases), aligned with
        the frame's rows; :meth:`subset` slices it with the same positions when it supports
        ``take(positions)``.
    """

    corpus: str
    frame: pd.DataFrame
    classes: tuple[str, ...]
    events: Mapping[str, tuple[int, ...]]
    covariates: tuple[str, ...]
    description: str = ""
    payload: Any = None

    def __post_init__(self) -> None:
        required = {"case_id", "cluster", "year", "y", *self.covariates}
        missing = sorted(required - set(self.frame.columns))
        if missing:
            raise FoedusError(f"corpus {self.corpus}: missing columns {', '.join(missing)}")
        y = self.frame["y"].to_numpy()
        if y.size and (y.min() < 0 or y.max() >= len(self.classes)):
            raise FoedusError(f"corpus {self.corpus}: y must index the classes "
                              f"{', '.join(self.classes)}")

    @property
    def n_classes(self) -> int:
        return len(self.classes)

    def __len__(self) -> int:
        return len(self.frame)

    def subset(self, mask: np.ndarray) -> ScoringTask:
        """The task restricted to the cases where ``mask`` is true."""
        positions = np.flatnonzero(mask)
        payload = self.payload.take(positions) if hasattr(self.payload, "take") \
            else self.payload
        return ScoringTask(self.corpus, self.frame.iloc[positions].reset_index(drop=True),
                           self.classes, self.events, self.covariates, self.description,
                           payload)

    def event_labels(self, event: str) -> np.ndarray:
        """0/1 outcome of a binary event."""
        return np.isin(self.frame["y"].to_numpy(), self.events[event]).astype(int)


class Predictor(Protocol):
    """A baseline or a model adapter."""

    name: str
    kind: str   # "baseline" or "model"

    def fit(self, train: ScoringTask, seed: int) -> Any: ...

    def predict(self, state: Any, test: ScoringTask) -> np.ndarray: ...


@dataclass(frozen=True)
class _BaselinePredictor:
    name: str
    kind: str = "baseline"

    def fit(self, train: ScoringTask, seed: int):
        model = make_baseline(self.name, n_classes=train.n_classes, random_state=seed)
        return model.fit(train.frame[list(train.covariates)], train.frame["y"].to_numpy(),
                         groups=train.frame["cluster"].to_numpy())

    def predict(self, state, test: ScoringTask) -> np.ndarray:
        return state.predict_proba(test.frame[list(test.covariates)])


def baseline_predictor(name: str) -> Predictor:
    """The baseline ``name`` (``base_rate``, ``logit``, ``boosted``) as a predictor.

    Examples
    --------
    >>> baseline_predictor("logit").kind
    'baseline'
    """
    if name not in BASELINES:
        raise FoedusError(f"baseline {name!r}: choose {', '.join(BASELINES)}")
    return _BaselinePredictor(name)


@dataclass(frozen=True)
class ValidationReport:
    """Scores, per-case predictions, reliability tables and bootstrap differences."""

    scores: pd.DataFrame
    predictions: pd.DataFrame
    reliability: pd.DataFrame
    differences: pd.DataFrame
    timings: pd.DataFrame
    fitted: Mapping[tuple[str, str, str], Any] = field(default_factory=dict)

    def table(self, target: str | None = None) -> pd.DataFrame:
        """The scores as a wide table: one row per corpus, split, target and predictor."""
        frame = self.scores if target is None else self.scores[self.scores.target == target]
        columns = ["corpus", "split", "train", "test", "target", "predictor", "kind", "n",
                   "events", "log_loss", "brier", "auc", "ece"]
        return frame[[c for c in columns if c in frame.columns]].reset_index(drop=True)


def _score_rows(task: ScoringTask, probs: np.ndarray, base: dict) -> list[dict]:
    rows = []
    y = task.frame["y"].to_numpy().astype(np.int64)
    multi = score_multiclass(y, probs)
    rows.append({**base, "target": CLASSES_TARGET, "n": multi["n"], "events": np.nan,
                 "log_loss": multi["log_loss"], "brier": multi["brier"], "auc": np.nan,
                 "ece": np.nan})
    for event, members in task.events.items():
        p = np.clip(probs[:, list(members)].sum(axis=1), 0.0, 1.0)
        s = score_binary(task.event_labels(event), p)
        rows.append({**base, "target": event, **s})
    return rows


def validate(tasks: Sequence[ScoringTask], splits: Mapping[str, Sequence[Split]] | Sequence[Split],
             models: Mapping[str, Sequence[Predictor]] | None = None, *, seed: int = 0,
             baselines: Sequence[str] = BASELINES, bootstrap: int = 1000,
             bootstrap_splits: Sequence[str] = ("era",)) -> ValidationReport:
    """Score models and baselines on every task and split, in one run.

    Parameters
    ----------
    tasks : sequence of ScoringTask
    splits : sequence of Split, or mapping corpus -> splits
        The same splits for every corpus, or per corpus (decades differ by corpus).
    models : mapping corpus -> predictors, optional
        Model adapters per corpus (a corpus without a model is scored on baselines only).
    seed : int
        Seeds the boosted baseline, the model fits and the bootstrap.
    bootstrap : int
        Cluster-bootstrap replicates of each model-minus-baseline difference (0: none).
    bootstrap_splits : sequence of str
        Split names for which differences are bootstrapped (default: the era split).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from foedus.history.splits import era_splits
    >>> rng = np.random.default_rng(0)
    >>> years = rng.integers(1816, 2015, 400)
    >>> x = rng.normal(size=400)
    >>> frame = pd.DataFrame({"case_id": range(400), "cluster": range(400), "year": years,
    ...                       "x": x, "y": (rng.uniform(size=400) < 1 / (1 + np.exp(-x)))
    ...                       .astype(int)})
    >>> task = ScoringTask("toy", frame, ("no", "yes"), {"yes": (1,)}, ("x",))
    >>> report = validate([task], era_splits(), baselines=("base_rate", "logit"),
    ...                   bootstrap=0)
    >>> sorted(set(report.scores.predictor))
    ['base_rate', 'logit']
    """
    models = dict(models or {})
    score_rows, prediction_frames, reliability_frames, diff_rows, timing_rows = [], [], [], [], []
    fitted = {}
    rng = np.random.default_rng(seed)
    for task in tasks:
        task_splits = splits[task.corpus] if isinstance(splits, Mapping) else splits
        predictors = [baseline_predictor(b) for b in baselines] + list(models.get(task.corpus, []))
        years = task.frame["year"].to_numpy()
        for split in task_splits:
            train = task.subset(split.train_mask(years))
            test = task.subset(split.test_mask(years))
            if len(train) == 0 or len(test) == 0:
                continue
            base = {"corpus": task.corpus, "split": split.name,
                    "train": f"{split.train[0]}-{split.train[1]}" if split.train_exclude is None
                    else f"all but {split.test[0]}-{split.test[1]}",
                    "test": f"{split.test[0]}-{split.test[1]}"}
            probs_by = {}
            for predictor in predictors:
                applies = getattr(predictor, "applies_to", None)
                if applies is not None and not applies(split):
                    continue
                started = time.perf_counter()
                state = predictor.fit(train, seed)
                fit_seconds = time.perf_counter() - started
                probs = np.asarray(predictor.predict(state, test), dtype=float)
                if probs.shape != (len(test), task.n_classes):
                    raise FoedusError(f"{predictor.name} on {task.corpus}: predicted shape "
                                      f"{probs.shape}, expected ({len(test)}, "
                                      f"{task.n_classes})")
                timing_rows.append({**base, "predictor": predictor.name,
                                    "fit_seconds": fit_seconds,
                                    "predict_seconds": time.perf_counter() - started
                                    - fit_seconds})
                fitted[(task.corpus, split.name, predictor.name)] = state
                probs_by[predictor.name] = probs
                row_base = {**base, "predictor": predictor.name, "kind": predictor.kind}
                score_rows.extend(_score_rows(test, probs, row_base))
                pred = test.frame[["case_id", "cluster", "year", "y"]].copy()
                pred.insert(0, "predictor", predictor.name)
                pred.insert(0, "split", split.name)
                pred.insert(0, "corpus", task.corpus)
                for k, cls in enumerate(task.classes):
                    pred[f"p_{cls}"] = probs[:, k]
                prediction_frames.append(pred)
                for event, members in task.events.items():
                    table = reliability_table(test.event_labels(event),
                                              np.clip(probs[:, list(members)].sum(axis=1), 0, 1))
                    table.insert(0, "event", event)
                    table.insert(0, "predictor", predictor.name)
                    table.insert(0, "split", split.name)
                    table.insert(0, "corpus", task.corpus)
                    reliability_frames.append(table)
            if bootstrap and split.name in bootstrap_splits:
                diff_rows.extend(_differences(test, predictors, probs_by, base, bootstrap, rng))
    return ValidationReport(
        scores=pd.DataFrame(score_rows), predictions=pd.concat(prediction_frames,
                                                               ignore_index=True)
        if prediction_frames else pd.DataFrame(),
        reliability=pd.concat(reliability_frames, ignore_index=True)
        if reliability_frames else pd.DataFrame(),
        differences=pd.DataFrame(diff_rows), timings=pd.DataFrame(timing_rows), fitted=fitted)


def _differences(test: ScoringTask, predictors, probs_by, base, replicates, rng) -> list[dict]:
    rows = []
    models = [p.name for p in predictors if p.kind == "model" and p.name in probs_by]
    baselines = [p.name for p in predictors if p.kind == "baseline" and p.name in probs_by]
    y = test.frame["y"].to_numpy().astype(np.int64)
    clusters = test.frame["cluster"].to_numpy()
    if np.unique(clusters).size < 2:
        return rows
    for model in models:
        for baseline in baselines:
            pa, pb = probs_by[model], probs_by[baseline]
            targets = [(CLASSES_TARGET, y, pa, pb)] + [
                (event, test.event_labels(event), pa[:, list(m)].sum(axis=1).clip(0, 1),
                 pb[:, list(m)].sum(axis=1).clip(0, 1)) for event, m in test.events.items()]
            for target, labels, a, b in targets:
                metrics = ("log_loss", "brier") if target == CLASSES_TARGET else \
                    ("log_loss", "brier", "auc")
                for metric in metrics:
                    if metric == "auc" and np.unique(labels).size < 2:
                        continue
                    d = cluster_bootstrap_difference(labels, a, b, clusters, metric,
                                                     replicates=replicates, rng=rng)
                    rows.append({**base, "target": target, "model": model,
                                 "baseline": baseline, "metric": metric,
                                 "difference": d.estimate, "low": d.low, "high": d.high,
                                 "replicates": d.replicates, "clusters": d.clusters})
    return rows


def acceptance(report: ValidationReport, *, split: str = "era",
               auc_margin: float = 0.03) -> pd.DataFrame:
    """Issue 9's acceptance test per corpus, model and binary event on one split.

    A model passes on a target when its log loss is below the logit baseline's and its AUC
    is no more than ``auc_margin`` below the gradient-boosted baseline's.
    """
    s = report.scores[report.scores.split == split]
    rows = []
    for (corpus, target), group in s.groupby(["corpus", "target"], sort=False):
        by = group.set_index("predictor")
        for model in group[group.kind == "model"].predictor:
            row = {"corpus": corpus, "split": split, "target": target, "model": model,
                   "log_loss": by.at[model, "log_loss"],
                   "logit_log_loss": by.at["logit", "log_loss"] if "logit" in by.index
                   else np.nan,
                   "auc": by.at[model, "auc"],
                   "boosted_auc": by.at["boosted", "auc"] if "boosted" in by.index else np.nan}
            row["beats_logit"] = bool(row["log_loss"] < row["logit_log_loss"])
            row["auc_within_margin"] = bool(row["auc"] >= row["boosted_auc"] - auc_margin) \
                if np.isfinite(row["auc"]) else None
            rows.append(row)
    return pd.DataFrame(rows)
