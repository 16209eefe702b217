"""What ``foedus validate history`` and ``foedus fit`` run: corpora, model adapters, fits.

:func:`build_validation` assembles the scoring tasks of the chosen models with their
predictors (each model under the judgement defaults, fitted on each split's training era,
and under a given parameter set); :func:`fit_model` estimates a model on a training era.
The model families plug in through :func:`model_interface`, which returns the
:class:`~foedus.history.adapters.LikelihoodModel` of a family and the function that turns a
corpus task into the family's batch of inputs.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from foedus.errors import FoedusError
from foedus.history import cache
from foedus.history.adapters import (
    CalibratedPredictor,
    FittedPredictor,
    LikelihoodModel,
    ParameterSetPredictor,
)
from foedus.history.fit import fit_posterior_mode
from foedus.history.priors import check_prior, fit_priors, registered_centres
from foedus.history.splits import check_era
from foedus.history.tasks import MODEL_CORPORA, FitOutcome, build_task
from foedus.history.validate import ScoringTask

__all__ = ["DATA_VERSIONS", "build_validation", "fit_model", "model_interface"]

_LOG = logging.getLogger(__name__)

#: Versions of the data sets behind every corpus (recorded in fitted parameter files).
DATA_VERSIONS = {"cow_mid": "5.0", "atop_members": "4.01", "atop_ddyr": "5.1",
                 "cow_nmc": "7.0", "cow_contiguity": "3.2", "cow_states": "2016",
                 "polity5": "v2018", "rivalries_tss": "2022"}

#: Family interfaces: corpus -> factory returning (LikelihoodModel, batch builder).
_INTERFACES: dict[str, Callable[[], tuple[LikelihoodModel, Callable[[ScoringTask], Any]]]] = {}


def register_interface(corpus: str, factory) -> None:
    """Register how a model family is fitted and scored on a corpus."""
    _INTERFACES[corpus] = factory


def model_interface(corpus: str):
    """The model adapter and batch builder for a corpus, or ``None`` if no family offers one."""
    from foedus.history import families  # noqa: F401  (registers the families' interfaces)

    factory = _INTERFACES.get(corpus)
    return None if factory is None else factory()


def _rows_key(task: ScoringTask) -> str:
    """A hash of the task's rows (every column of its frame), for the model-input cache."""
    rows = pd.util.hash_pandas_object(task.frame, index=True).to_numpy()
    return hashlib.sha256(rows.tobytes() + task.corpus.encode()).hexdigest()[:16]


def _with_batch(task: ScoringTask, build_batch) -> ScoringTask:
    """The task with the family's batch as payload, restricted to the rows the family can
    model (``build_batch`` returns the batch of the kept rows and the boolean mask).

    The batch is cached in memory and on disk (:mod:`foedus.history.cache`), keyed on the
    task's rows and the source of every foedus module: building the world-model case of every
    dispute or alliance costs minutes, scoring it seconds."""

    def build():
        _LOG.info("building the model inputs of %d %s cases", len(task), task.corpus)
        return build_batch(task)

    batch, keep = cache.cached(f"batch-{task.corpus}-{_rows_key(task)}", build, code=True)
    keep = np.asarray(keep, dtype=bool)
    kept = task.subset(keep) if not keep.all() else task
    return ScoringTask(kept.corpus, kept.frame, kept.classes, kept.events, kept.covariates,
                       kept.description + (f" ({int((~keep).sum())} rows dropped: no decider "
                                           "slot or no game the model can pose in the "
                                           "world-model case)"
                                           if not keep.all() else ""), batch)


def build_validation(models: Sequence[str], *, parameter_set=None, draws: int = 16,
                     tasks: dict[str, ScoringTask] | None = None, refit: bool = True,
                     corpora: Sequence[str] | None = None):
    """Tasks and predictors for ``foedus validate history --model ...``.

    Every model is scored under the judgement defaults (``draws`` seeded draws), calibrated
    on each training era where its family offers a calibration, fitted on each training era
    (``refit``), and under ``parameter_set`` (only on splits whose test years it was not
    estimated on). ``corpora`` restricts the run to those corpora of the models (default:
    every corpus of each model). Returns ``(tasks, predictors by corpus)``; a corpus whose
    model family offers no likelihood interface yet is scored on the baselines only.
    """
    for model in models:
        if model not in MODEL_CORPORA:
            raise FoedusError(f"--model {model}: unknown model (choose "
                              f"{', '.join(MODEL_CORPORA)})")
    offered = [c for m in models for c in MODEL_CORPORA[m]]
    for corpus in corpora or ():
        if corpus not in offered:
            raise FoedusError(f"--corpus {corpus}: not a corpus of the models chosen (choose "
                              f"{', '.join(offered)})")
    out_tasks, predictors = [], {}
    for model in models:
        for corpus in MODEL_CORPORA[model]:
            if corpora and corpus not in corpora:
                continue
            task = (tasks or {}).get(corpus) or build_task(corpus)
            interface = model_interface(corpus)
            if interface is None:
                out_tasks.append(task)
                continue
            adapter, build_batch = interface
            task = _with_batch(task, build_batch)
            out_tasks.append(task)
            chosen = [ParameterSetPredictor(adapter, None, draws)]
            if adapter.calibrate is not None:
                chosen.append(CalibratedPredictor(adapter, draws))
            if refit:
                chosen.append(FittedPredictor(adapter))
            if parameter_set is not None and parameter_set.name != "judgement":
                chosen.append(ParameterSetPredictor(adapter, parameter_set, draws))
            predictors[task.corpus] = chosen
    return out_tasks, predictors


def fit_model(model: str, era: tuple[int, int], *, seed: int, starts: int = 2,
              loop_evaluations: int = 1, task: ScoringTask | None = None,
              prior: str = "registered") -> FitOutcome:
    """Estimate a model family on the training era of its (first) corpus.

    ``prior``: ``registered`` (the registered distributions) or ``wide`` (the diagnostic
    wide uniform priors of :mod:`foedus.history.priors` on the estimated parameters, the
    others held at their registered centre).
    """
    check_prior(prior)
    if model not in ("crisis", "formation"):
        raise FoedusError(f"fit {model}: unknown model (choose crisis or formation)")
    corpus = MODEL_CORPORA[model][0]
    task = task if task is not None else build_task(corpus)
    check_era(era, task.frame["year"].to_numpy(), option="--train")
    interface = model_interface(corpus)
    if interface is None:
        raise FoedusError(f"fit {model}: the {model} model offers no batch likelihood for the "
                          f"{corpus} corpus in this version of foedus")
    adapter, build_batch = interface
    years = task.frame["year"].to_numpy()
    train = task.subset((years >= era[0]) & (years <= era[1]))
    train = _with_batch(train, build_batch)
    estimated = [n for n in adapter.names if n not in adapter.not_identified]
    priors = fit_priors(adapter.names, prior, estimated)
    spec = adapter.spec(train, priors)
    if prior != "registered":
        spec = replace(spec, centres=registered_centres(adapter.names))
    fit = fit_posterior_mode(spec, seed=seed, starts=starts)
    loop_rate = None
    if adapter.loop_seconds is not None and loop_evaluations > 0:
        theta = fit.theta()[:, 0]
        y = train.frame["y"].to_numpy().astype(np.int64)
        seconds = [adapter.loop_seconds(theta, train.payload, y)
                   for _ in range(loop_evaluations)]
        loop_rate = 1.0 / float(np.mean(seconds))
    return FitOutcome(fit, corpus, dict(DATA_VERSIONS), loop_rate)
