"""Models as predictors on the history corpora: fitted on a training era, or at a fixed set.

A :class:`LikelihoodModel` is what a model family offers the history module: its parameter
names (the rows of ``theta``), the parameters its corpus cannot identify, a vectorised
log-likelihood of observed choices and the class probabilities it predicts, both over a
*batch* - the model's inputs for a set of cases, aligned with a
:class:`~foedus.history.validate.ScoringTask`'s rows (the task's ``payload``; a batch
supports ``take(positions)`` so that a split selects its cases without rebuilding them).

Two predictors wrap it for :func:`~foedus.history.validate.validate`:

- :class:`FittedPredictor` (``<model>[fitted]``): the posterior mode estimated on the
  training cases of each split (:func:`~foedus.history.fit.fit_posterior_mode`), plugged in
  to predict the test cases;
- :class:`CalibratedPredictor` (``<model>[calibrated]``): the judgement draws with the
  family's own calibration on the training cases (where the family offers one);
- :class:`ParameterSetPredictor` (``<model>[judgement]``, ``<model>[<set>]``): the
  parameter distributions of a set (the registered judgements, a shipped fitted set, a
  user's file), predictions averaged over seeded draws - the model as a user runs it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from foedus.errors import FoedusError
from foedus.history.fit import FitResult, LikelihoodSpec, fit_posterior_mode
from foedus.history.validate import ScoringTask

__all__ = ["CalibratedPredictor", "FittedPredictor", "LikelihoodModel", "ParameterSetPredictor",
           "registered_priors"]


def registered_priors(names, parameter_set=None) -> dict[str, Any]:
    """The distribution of every name: the parameter set's where it has one, else the
    registered default (judgement).

    Examples
    --------
    >>> registered_priors(["treaty_reliability"])["treaty_reliability"].dist
    'beta'
    """
    from foedus.scenarios.parameters import known_parameters

    registry = known_parameters()
    values = dict(getattr(parameter_set, "values", {}) or {})
    out = {}
    for name in names:
        if name in values:
            out[name] = values[name]
        elif name in registry:
            out[name] = registry[name].default
        else:
            raise FoedusError(f"parameter {name}: not registered (no prior)")
    return out


@dataclass(frozen=True)
class LikelihoodModel:
    """A model family's interface to estimation and scoring on a corpus.

    Parameters
    ----------
    name : str
        Model name (``crisis``, ``formation``).
    names : tuple of str
        Registered parameter names in the row order of ``theta``.
    log_likelihood : callable
        ``(theta (P, D), batch, y) -> (D,)`` log-likelihood of the observed classes.
    predict_proba : callable
        ``(theta (P, D), batch) -> (D, n, K)`` class probabilities per parameter vector.
    not_identified : mapping
        Parameters the corpus cannot inform, with the reason (held at their centre).
    gradient_for : callable, optional
        ``(batch, y) -> gradient`` where ``gradient(theta (P,), free rows)`` returns the
        log-likelihood and its gradient (the family's own, e.g. warm-started differences).
    calibrate : callable, optional
        ``(theta (P, D), batch, y) -> theta``: the family's own calibration of some
        parameters to the training cases (e.g. the crisis entry cost to the share of third
        parties that fought), for the ``<model>[calibrated]`` predictor.
    per_case : callable, optional
        ``(theta (P, D), batch, y) -> (B, D)``: the log-likelihood of each independent unit
        (dispute, alliance), for the BHHH information at the mode.
    loop_seconds : callable, optional
        ``(theta (P,), batch, y) -> seconds`` of one evaluation of the same likelihood by a
        plain-Python loop over the cases (the reference implementation), printed beside the
        vectorised rate.
    """

    name: str
    names: tuple[str, ...]
    log_likelihood: Callable[[np.ndarray, Any, np.ndarray], np.ndarray]
    predict_proba: Callable[[np.ndarray, Any], np.ndarray]
    not_identified: Mapping[str, str] = field(default_factory=dict)
    description: str = ""
    gradient_for: Callable[[Any, np.ndarray], Callable] | None = None
    loop_seconds: Callable[[np.ndarray, Any, np.ndarray], float] | None = None
    per_case: Callable[[np.ndarray, Any, np.ndarray], np.ndarray] | None = None
    calibrate: Callable[[np.ndarray, Any, np.ndarray], np.ndarray] | None = None

    def spec(self, task: ScoringTask, priors: Mapping[str, Any]) -> LikelihoodSpec:
        """The likelihood of a task's cases (its payload is the batch)."""
        if len(task) == 0:
            raise FoedusError(f"fit {self.name}: the training era has no cases")
        y = task.frame["y"].to_numpy().astype(np.int64)
        batch = task.payload
        gradient = self.gradient_for(batch, y) if self.gradient_for is not None else None
        per_case = (lambda theta: self.per_case(theta, batch, y)) \
            if self.per_case is not None else None
        return LikelihoodSpec(self.names, lambda theta: self.log_likelihood(theta, batch, y),
                              priors, len(task), self.not_identified,
                              f"{self.name} model on the {task.corpus} corpus", gradient,
                              per_case)


@dataclass(frozen=True)
class FittedPredictor:
    """The model at its posterior mode on each split's training cases.

    ``start`` (name, value) pairs warm-start the first optimisation (see
    :func:`~foedus.history.fit.fit_posterior_mode`); ``starts`` adds optimisations from seeded
    prior draws.
    """

    model: LikelihoodModel
    starts: int = 2
    kind: str = "model"
    start: tuple[tuple[str, float], ...] = ()

    @property
    def name(self) -> str:
        return f"{self.model.name}[fitted]"

    def fit(self, train: ScoringTask, seed: int) -> FitResult:
        priors = registered_priors(self.model.names)
        return fit_posterior_mode(self.model.spec(train, priors), seed=seed, starts=self.starts,
                                  start=dict(self.start) or None)

    def predict(self, state: FitResult, test: ScoringTask) -> np.ndarray:
        return np.asarray(self.model.predict_proba(state.theta(), test.payload))[0]


@dataclass(frozen=True)
class ParameterSetPredictor:
    """The model under a parameter set, predictions averaged over seeded draws."""

    model: LikelihoodModel
    parameter_set: Any = None
    draws: int = 16
    kind: str = "model"

    @property
    def name(self) -> str:
        label = getattr(self.parameter_set, "name", None) or "judgement"
        return f"{self.model.name}[{label}]"

    def training_era(self) -> tuple[int, int] | None:
        """The years the set was estimated on (its provenance ``train``), if any."""
        from foedus.history.splits import SplitError, parse_era

        train = dict(getattr(self.parameter_set, "provenance", {}) or {}).get("train")
        if not train:
            return None
        try:
            return parse_era(str(train), option="provenance.train")
        except SplitError:
            return None

    def applies_to(self, split) -> bool:
        """False when the set was estimated on years the split tests on (not out of
        sample)."""
        era = self.training_era()
        if era is None:
            return True
        return era[1] < split.test[0] or era[0] > split.test[1]

    def fit(self, train: ScoringTask, seed: int) -> np.ndarray:
        priors = registered_priors(self.model.names, self.parameter_set)
        rng = np.random.default_rng(seed)
        return np.vstack([np.asarray(priors[n].sample(rng, self.draws), dtype=float)
                          for n in self.model.names])

    def predict(self, state: np.ndarray, test: ScoringTask) -> np.ndarray:
        probs = np.asarray(self.model.predict_proba(state, test.payload))
        return probs.mean(axis=0)


@dataclass(frozen=True)
class CalibratedPredictor:
    """The judgement draws with the family's calibration applied on the training cases
    (``<model>[calibrated]``), predictions averaged over the draws."""

    model: LikelihoodModel
    draws: int = 16
    kind: str = "model"

    @property
    def name(self) -> str:
        return f"{self.model.name}[calibrated]"

    def fit(self, train: ScoringTask, seed: int) -> np.ndarray:
        theta = ParameterSetPredictor(self.model, None, self.draws).fit(train, seed)
        y = train.frame["y"].to_numpy().astype(np.int64)
        return np.asarray(self.model.calibrate(theta, train.payload, y), dtype=float)

    def predict(self, state: np.ndarray, test: ScoringTask) -> np.ndarray:
        return np.asarray(self.model.predict_proba(state, test.payload)).mean(axis=0)
