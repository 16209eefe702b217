"""validate() and the model adapters end to end on a synthetic corpus with a known model.

The synthetic corpus is drawn from a three-choice logit whose utilities use registered
crisis parameter names (precision, entry cost, obligation weight) at known values, so the
fitted predictor must recover them and beat the base rate out of sample; predictions must
not depend on the test cases' outcomes (nothing is fitted or chosen on the test era).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from foedus.history.adapters import FittedPredictor, LikelihoodModel, ParameterSetPredictor
from foedus.history.splits import decade_splits, era_splits
from foedus.history.validate import ScoringTask, acceptance, validate

NAMES = ("crisis_precision", "crisis_entry_cost", "crisis_obligation_weight")
TRUTH = {"crisis_precision": 4.0, "crisis_entry_cost": 1.5, "crisis_obligation_weight": 1.2}


def _probs(theta, pact):
    lam, c0, omega = (np.asarray(theta)[k][:, None] for k in range(3))
    u_target = lam * (omega * pact[None, :] - c0)
    u_orig = lam * (-c0 - 0.3 + 0 * pact[None, :])
    u = np.stack([np.zeros_like(u_target), u_target, u_orig], axis=-1)    # (D, n, 3)
    u -= u.max(axis=-1, keepdims=True)
    e = np.exp(u)
    return e / e.sum(axis=-1, keepdims=True)


def _loglik(theta, pact, y):
    p = _probs(theta, pact)
    return np.log(p[:, np.arange(y.size), y]).sum(axis=1)


def _loop_seconds(theta, pact, y):
    import time

    start = time.perf_counter()
    total = 0.0
    for k in range(y.size):
        total += float(_loglik(np.asarray(theta)[:, None], pact[k:k + 1], y[k:k + 1])[0])
    return time.perf_counter() - start


TOY = LikelihoodModel("toy", NAMES, _loglik, _probs, loop_seconds=_loop_seconds)


def _task(seed=0, n=3000):
    rng = np.random.default_rng(seed)
    pact = rng.integers(0, 2, n).astype(float) * rng.uniform(0.5, 2.0, n)
    theta = np.array([[TRUTH[k]] for k in NAMES])
    p = _probs(theta, pact)[0]
    y = np.array([rng.choice(3, p=row) for row in p])
    frame = pd.DataFrame({"case_id": range(n), "cluster": np.arange(n) // 3,
                          "year": rng.integers(1816, 2015, n), "y": y,
                          "pact": pact, "noise": rng.normal(size=n)})
    return ScoringTask("toy", frame, ("stay", "target", "originator"),
                       {"joined_target_side": (1,), "joined_either": (1, 2)},
                       ("pact", "noise"), "synthetic", payload=pact)


def test_fitted_predictor_recovers_the_truth():
    task = _task()
    fit = FittedPredictor(TOY).fit(task, seed=1)
    for name in ("crisis_entry_cost", "crisis_obligation_weight"):
        assert fit.estimate[name] == pytest.approx(TRUTH[name], abs=4 * fit.se[name] + 0.05)


def test_validate_scores_model_and_baselines_with_bootstrap():
    task = _task()
    models = {"toy": [ParameterSetPredictor(TOY, None, draws=16), FittedPredictor(TOY)]}
    report = validate([task], era_splits(), models, seed=3, bootstrap=200,
                      baselines=("base_rate", "logit"))
    era = report.scores[(report.scores.split == "era")
                        & (report.scores.target == "joined_target_side")].set_index("predictor")
    assert era.at["toy[fitted]", "log_loss"] < era.at["base_rate", "log_loss"]
    assert era.at["toy[fitted]", "auc"] > 0.6
    diffs = report.differences
    assert set(diffs.metric) == {"log_loss", "brier", "auc"}
    fitted_vs_base = diffs[(diffs.model == "toy[fitted]") & (diffs.baseline == "base_rate")
                           & (diffs.target == "classes") & (diffs.metric == "log_loss")]
    assert (fitted_vs_base.high < 0).all()
    verdict = acceptance(report)
    assert set(verdict.model) == {"toy[judgement]", "toy[fitted]"}
    # every test case predicted once per predictor and split
    n_test = int(((task.frame.year >= 1946) & (task.frame.year <= 2014)).sum())
    era_predictions = report.predictions[(report.predictions.split == "era")]
    assert len(era_predictions) == 4 * n_test
    probs = era_predictions[["p_stay", "p_target", "p_originator"]].to_numpy()
    assert np.allclose(probs.sum(axis=1), 1.0)


def test_predictions_do_not_depend_on_test_outcomes():
    task = _task(seed=2, n=1500)
    relabelled = task.frame.copy()
    test = relabelled.year >= 1946
    relabelled.loc[test, "y"] = (relabelled.loc[test, "y"] + 1) % 3
    other = ScoringTask(task.corpus, relabelled, task.classes, task.events, task.covariates,
                        payload=task.payload)
    models = {"toy": [FittedPredictor(TOY)]}
    # the same code path fits every predictor (baselines included) on the training cases
    a = validate([task], era_splits()[:1], models, seed=0, bootstrap=0, baselines=("logit",))
    b = validate([other], era_splits()[:1], models, seed=0, bootstrap=0, baselines=("logit",))
    cols = ["p_stay", "p_target", "p_originator"]
    assert not np.array_equal(a.predictions.y.to_numpy(), b.predictions.y.to_numpy())
    assert np.array_equal(a.predictions[cols].to_numpy(), b.predictions[cols].to_numpy())


def test_leave_one_decade_out_covers_every_case_once():
    task = _task(seed=4, n=600)
    report = validate([task], decade_splits(task.frame.year), seed=0, bootstrap=0,
                      baselines=("base_rate",))
    assert len(report.predictions) == len(task)
    assert sorted(report.predictions.case_id) == sorted(task.frame.case_id)


def test_calibrated_predictor_applies_the_family_calibration_on_training_cases():
    from dataclasses import replace

    from foedus.history.adapters import CalibratedPredictor

    seen = {}

    def calibrate(theta, pact, y):
        # match the share that joined either side by a grid search on the entry cost
        seen["n"] = y.size
        grid = np.linspace(0.0, 3.0, 61)
        best = theta.copy()
        for d in range(theta.shape[1]):
            rates = []
            for c in grid:
                t = theta[:, d:d + 1].copy()
                t[1] = c
                rates.append(_probs(t, pact)[0][:, 1:].sum(axis=1).mean())
            best[1, d] = grid[int(np.argmin(np.abs(np.array(rates) - (y > 0).mean())))]
        return best

    toy = replace(TOY, calibrate=calibrate)
    task = _task(seed=3, n=1200)
    train = task.subset(task.frame.year.to_numpy() <= 1945)
    predictor = CalibratedPredictor(toy, draws=4)
    theta = predictor.fit(train, seed=0)
    assert seen["n"] == len(train)
    assert predictor.name == "toy[calibrated]"
    share = predictor.predict(theta, train)[:, 1:].sum(axis=1).mean()
    assert share == pytest.approx((train.frame.y > 0).mean(), abs=0.02)


def test_a_fitted_set_is_not_scored_on_the_years_it_was_estimated_on():
    from foedus.scenarios.distributions import Point
    from foedus.scenarios.parameter_sets import ParameterSet

    fitted = ParameterSet("toy-1816-1945", {k: Point(value=v) for k, v in TRUTH.items()},
                          provenance={"train": "1816-1945"})
    task = _task(seed=5, n=600)
    report = validate([task], era_splits(), {"toy": [ParameterSetPredictor(TOY, fitted, 2)]},
                      seed=0, bootstrap=20, baselines=("base_rate",))
    scored = set(zip(report.scores.split, report.scores.predictor))
    assert ("era", "toy[toy-1816-1945]") in scored
    assert ("era-reverse", "toy[toy-1816-1945]") not in scored
    assert ("era-reverse", "base_rate") in scored
