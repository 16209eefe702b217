"""Scores, splits and baselines: known answers cross-checked with scikit-learn, invariants.

Known answers: scikit-learn's ``log_loss``, ``brier_score_loss`` and ``roc_auc_score``
(Pedregosa et al. 2011) compute the same definitions independently; the AUC example of
Hanley & McNeil (1982) is reproduced by hand (Mann-Whitney count).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foedus.errors import FoedusError
from foedus.history.baselines import BaseRate, BoostedBaseline, LogitBaseline
from foedus.history.scoring import (
    auc,
    brier_score,
    cluster_bootstrap_difference,
    log_loss,
    multiclass_brier_score,
    multinomial_log_loss,
    reliability_table,
)
from foedus.history.splits import SplitError, decade_splits, make_splits, parse_era

sklearn_metrics = pytest.importorskip("sklearn.metrics")


def _random_binary(seed: int, n: int = 300):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    p = np.clip(rng.beta(2, 2, n) * 0.6 + 0.4 * y * rng.uniform(size=n), 0.001, 0.999)
    return y, p


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_binary_metrics_match_scikit_learn(seed):
    y, p = _random_binary(seed)
    assert log_loss(y, p) == pytest.approx(sklearn_metrics.log_loss(y, p), rel=1e-10)
    assert brier_score(y, p) == pytest.approx(sklearn_metrics.brier_score_loss(y, p), rel=1e-10)
    assert auc(y, p) == pytest.approx(sklearn_metrics.roc_auc_score(y, p), rel=1e-10)


def test_auc_with_ties_matches_scikit_learn():
    rng = np.random.default_rng(5)
    y = rng.integers(0, 2, 500)
    p = np.round(rng.uniform(size=500) * 0.5 + 0.3 * y, 1)   # many ties
    assert auc(y, p) == pytest.approx(sklearn_metrics.roc_auc_score(y, p), rel=1e-12)


def test_multiclass_metrics_match_scikit_learn():
    rng = np.random.default_rng(3)
    probs = rng.dirichlet([1, 1, 1], size=200)
    y = np.array([rng.choice(3, p=row) for row in probs])
    assert multinomial_log_loss(y, probs) == pytest.approx(
        sklearn_metrics.log_loss(y, probs, labels=[0, 1, 2]), rel=1e-10)
    onehot = np.eye(3)[y]
    assert multiclass_brier_score(y, probs) == pytest.approx(
        np.mean(np.sum((probs - onehot) ** 2, axis=1)))


def test_auc_hand_count():
    # 2 events, 3 non-events: pairs won 5 of 6 -> 5/6
    assert auc([1, 1, 0, 0, 0], [0.9, 0.4, 0.5, 0.3, 0.1]) == pytest.approx(5 / 6)


def test_bad_inputs_are_one_line_errors():
    with pytest.raises(FoedusError, match="binary outcomes"):
        log_loss([0, 2], [0.5, 0.5])
    with pytest.raises(FoedusError, match=r"\[0, 1\]"):
        brier_score([0, 1], [0.5, 1.5])
    with pytest.raises(FoedusError, match="sum to 1"):
        multinomial_log_loss([0], [[0.5, 0.6]])
    with pytest.raises(FoedusError, match="no cases"):
        auc([], [])


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000))
def test_auc_is_invariant_to_monotone_transforms_and_flips(seed):
    y, p = _random_binary(seed, n=60)
    if np.unique(y).size < 2:
        return
    assert auc(y, p) == pytest.approx(auc(y, p ** 3), abs=1e-12)
    assert auc(y, 1 - p) == pytest.approx(1 - auc(y, p), abs=1e-12)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 12))
def test_reliability_table_accounts_for_every_case(seed, bins):
    y, p = _random_binary(seed, n=80)
    table = reliability_table(y, p, bins=bins)
    assert table["n"].sum() == y.size
    assert (table["observed"] * table["n"]).sum() == pytest.approx(y.sum())
    assert ((table.observed_low <= table.observed + 1e-12)
            & (table.observed <= table.observed_high + 1e-12)).all()
    quantile = reliability_table(y, p, bins=bins, strategy="quantile")
    assert quantile["n"].sum() == y.size


def test_bootstrap_is_seeded_and_brackets_the_estimate():
    y, p = _random_binary(7, n=400)
    clusters = np.arange(400) // 4
    worse = np.full(400, y.mean())
    for metric in ("log_loss", "brier", "auc"):
        a = cluster_bootstrap_difference(y, p, worse, clusters, metric, replicates=300,
                                         rng=np.random.default_rng(11))
        b = cluster_bootstrap_difference(y, p, worse, clusters, metric, replicates=300,
                                         rng=np.random.default_rng(11))
        assert a == b
        assert a.low <= a.estimate <= a.high
        assert a.excludes_zero()          # the informative predictor is clearly better
    assert a.estimate > 0                 # AUC difference favours the informative one


def test_bootstrap_of_identical_predictors_is_zero():
    y, p = _random_binary(8, n=100)
    d = cluster_bootstrap_difference(y, p, p, np.arange(100) // 5, replicates=50,
                                     rng=np.random.default_rng(0))
    assert d.estimate == 0 and d.low == 0 and d.high == 0


def test_splits_and_era_errors():
    years = np.array([1816, 1850, 1945, 1946, 2014])
    era, reverse = make_splits("era", years)
    assert era.train_mask(years).tolist() == [True, True, True, False, False]
    assert era.test_mask(years).tolist() == [False, False, False, True, True]
    assert reverse.train_mask(years).tolist() == era.test_mask(years).tolist()
    decades = decade_splits(years)
    d1940 = next(s for s in decades if s.test == (1940, 1949))
    assert d1940.train_mask(years).tolist() == [True, True, False, False, True]
    assert d1940.test_mask(years).tolist() == [False, False, True, True, False]
    with pytest.raises(SplitError, match="unknown split"):
        make_splits("century", years)
    with pytest.raises(SplitError, match="expected a period"):
        parse_era("1816 to 1945")
    with pytest.raises(SplitError, match="outside the corpus"):
        make_splits("era", np.array([1816, 1900]))


def test_base_rate_is_jeffreys_smoothed_training_frequency():
    b = BaseRate(n_classes=3).fit(None, np.array([0] * 8 + [1] * 2))
    assert b.rates_.tolist() == pytest.approx([8.5 / 11.5, 2.5 / 11.5, 0.5 / 11.5])


def test_logit_recovers_group_frequencies():
    # with one binary covariate the (nearly unpenalised) logit MLE equals the group rates
    rng = np.random.default_rng(2)
    x = rng.integers(0, 2, 3000).astype(float)
    y = (rng.uniform(size=3000) < np.where(x == 1, 0.55, 0.08)).astype(int)
    m = LogitBaseline().fit(pd.DataFrame({"x": x}), y)
    p = m.predict_proba(pd.DataFrame({"x": [0.0, 1.0]}))[:, 1]
    assert p[0] == pytest.approx(y[x == 0].mean(), abs=2e-3)
    assert p[1] == pytest.approx(y[x == 1].mean(), abs=2e-3)


def test_logit_handles_missing_covariates_with_indicators():
    x = np.array([1.0, np.nan, 0.0, 2.0, np.nan, 1.0] * 20)
    y = np.array([1, 0, 0, 1, 0, 1] * 20)
    m = LogitBaseline().fit(pd.DataFrame({"x": x}), y)
    assert "missing_x" in m.coefficients().index
    assert np.isfinite(m.predict_proba(pd.DataFrame({"x": [np.nan]}))).all()


def test_boosted_tunes_inside_training_and_is_seeded():
    rng = np.random.default_rng(4)
    X = pd.DataFrame({"a": rng.normal(size=800), "b": rng.normal(size=800)})
    y = (rng.uniform(size=800) < 1 / (1 + np.exp(-(X.a * X.b * 2)))).astype(int)
    groups = np.arange(800) // 8
    m1 = BoostedBaseline(random_state=3).fit(X, y, groups)
    m2 = BoostedBaseline(random_state=3).fit(X, y, groups)
    assert m1.best_params_ == m2.best_params_
    assert np.array_equal(m1.predict_proba(X), m2.predict_proba(X))
    assert len(m1.cv_log_loss_) == 4
