"""The dispute-outcome model of the capability measures (foedus.history.outcome_model)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foedus.errors import FoedusError
from foedus.history.outcome_model import (
    OutcomeBatch,
    OutcomePredictor,
    fit_outcome,
    outcome_probabilities,
)


def _batch(rng: np.random.Generator, n: int, *, nuclear: bool = False) -> OutcomeBatch:
    """``n`` disputes, one or two originators a side, random capabilities and distances."""
    rows = []
    for case in range(n):
        for side in (0, 1):
            for k in range(rng.integers(1, 3)):
                rows.append({"case": case, "dispnum": case, "ccode": 10 * side + k,
                             "side": side,
                             "distance_km": 0.0 if (side == 1 and k == 0)
                             else float(rng.uniform(0, 8000)),
                             "cinc": float(rng.dirichlet([0.5, 0.5])[0]),
                             "nuclear": float(nuclear and rng.uniform() < 0.3)})
    return OutcomeBatch(np.arange(n), pd.DataFrame(rows))


def _draw(p: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    return (rng.uniform(size=(len(p), 1)) > np.cumsum(p, axis=1)).sum(axis=1)


def test_davidson_probabilities_by_hand():
    # A: 0.3 at home, B: 0.1 at home; a = 0, m = 1, nu = 1: odds sqrt(3) : 1/sqrt(3) : 1
    rows = pd.DataFrame({"case": [0, 0], "dispnum": [1, 1], "ccode": [2, 20], "side": [0, 1],
                         "distance_km": [0.0, 0.0], "cinc": [0.3, 0.1], "nuclear": [0.0, 0.0]})
    p = outcome_probabilities(np.array([0.0, 1.0, 0.0, 0.0, 0.0, np.log(800.0)]),
                              OutcomeBatch(np.array([1]), rows), "cinc", use_distance=False)
    odds = np.array([np.sqrt(3), 1 / np.sqrt(3), 1.0])
    np.testing.assert_allclose(p[0], odds / odds.sum())
    # the stalemate is most likely between equals
    rows.loc[0, "cinc"] = 0.1
    even = outcome_probabilities(np.array([0.0, 1.0, 0.0, 0.0, 0.0, 6.0]),
                                 OutcomeBatch(np.array([1]), rows), "cinc", use_distance=False)
    assert even[0, 2] > p[0, 2] and even[0, 0] == pytest.approx(even[0, 1])


def test_distance_weakens_the_side_that_projects():
    rows = pd.DataFrame({"case": [0, 0], "dispnum": [1, 1], "ccode": [2, 20], "side": [0, 1],
                         "distance_km": [0.0, 0.0], "cinc": [0.2, 0.2], "nuclear": [0.0, 0.0]})
    theta = np.array([0.0, 1.0, 0.0, 0.0, 0.0, np.log(800.0)])
    near = outcome_probabilities(theta, OutcomeBatch(np.array([1]), rows), "cinc")
    rows.loc[0, "distance_km"] = 9000.0
    far = outcome_probabilities(theta, OutcomeBatch(np.array([1]), rows), "cinc")
    assert far[0, 0] < near[0, 0] and far[0, 1] > near[0, 1]


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.floats(-2, 2), st.floats(0, 3), st.floats(-2, 2))
def test_probabilities_are_a_distribution_and_swapping_sides_mirrors(seed, a, m, g):
    rng = np.random.default_rng(seed)
    batch = _batch(rng, 5, nuclear=True)
    theta = np.array([a, m, g, 0.7, 0.3, np.log(900.0)])
    p = outcome_probabilities(theta, batch, "cinc")
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    assert (p > 0).all()
    swapped = OutcomeBatch(batch.dispnum, batch.rows.assign(side=1 - batch.rows["side"]))
    q = outcome_probabilities(theta * np.array([-1, 1, 1, 1, 1, 1]), swapped, "cinc")
    np.testing.assert_allclose(q[:, [1, 0, 2]], p, rtol=1e-10)


def test_maximum_likelihood_recovers_the_parameters_of_simulated_outcomes():
    rng = np.random.default_rng(7)
    batch = _batch(rng, 3000)
    truth = np.array([0.4, 1.3, 0.8, 0.0, 0.0, np.log(600.0)])
    y = _draw(outcome_probabilities(truth, batch, "cinc"), rng)
    fit = fit_outcome(batch, y, "cinc", seed=1, use_nuclear=False)
    assert fit.theta[0] == pytest.approx(0.4, abs=0.15)
    assert fit.theta[1] == pytest.approx(1.3, abs=0.2)
    assert fit.theta[2] == pytest.approx(0.8, abs=0.15)
    assert 200 < np.exp(fit.theta[5]) < 2000
    # better than the truth's likelihood or within optimiser noise of it
    p_true = outcome_probabilities(truth, batch, "cinc")
    assert fit.log_likelihood >= np.log(p_true[np.arange(y.size), y]).sum() - 1e-6


def test_nuclear_terms_without_variation_stay_at_zero():
    rng = np.random.default_rng(3)
    batch = _batch(rng, 200, nuclear=False)
    y = rng.integers(0, 3, 200)
    fit = fit_outcome(batch, y, "cinc", seed=0)
    assert fit.theta[3] == 0.0 and fit.theta[4] == 0.0


def test_same_seed_same_fit_and_take_keeps_cases():
    rng = np.random.default_rng(11)
    batch = _batch(rng, 300, nuclear=True)
    y = rng.integers(0, 3, 300)
    one = fit_outcome(batch, y, "cinc", seed=5)
    two = fit_outcome(batch, y, "cinc", seed=5)
    np.testing.assert_array_equal(one.theta, two.theta)
    part = batch.take(np.array([4, 2]))
    np.testing.assert_allclose(outcome_probabilities(one.theta, part, "cinc"),
                               outcome_probabilities(one.theta, batch, "cinc")[[4, 2]])


def test_bad_input_is_one_clear_error():
    batch = _batch(np.random.default_rng(0), 3)
    with pytest.raises(FoedusError, match="unknown capability measure 'gdp'"):
        fit_outcome(batch, np.array([0, 1, 2]), "gdp")
    with pytest.raises(FoedusError, match="no disputes"):
        fit_outcome(batch.take(np.array([], dtype=int)), np.array([], dtype=int), "cinc")
    assert OutcomePredictor("milex", use_distance=False).name == "outcome-milex-nodistance"


def _component_batch(rng: np.random.Generator, n: int) -> OutcomeBatch:
    """:func:`_batch` with six component shares per originator (about 10% missing) and the
    CINC column their mean, as NMC computes it."""
    from foedus.history.outcome_model import COMPONENT_COLUMNS

    batch = _batch(rng, n)
    shares = rng.dirichlet(np.full(2, 0.6), size=(len(batch.rows), 6))[:, :, 0]
    shares[rng.uniform(size=shares.shape) < 0.1] = np.nan
    shares[np.isnan(shares).all(axis=1), 0] = 0.2
    for k, column in enumerate(COMPONENT_COLUMNS):
        batch.rows[column] = shares[:, k]
    batch.rows["cinc"] = np.nanmean(shares, axis=1)
    return batch


def test_equal_component_weights_are_the_cinc_model():
    batch = _component_batch(np.random.default_rng(21), 40)
    theta = np.array([0.2, 0.9, 0.5, 0.0, 0.0, np.log(700.0)])
    np.testing.assert_allclose(
        outcome_probabilities(np.concatenate([theta, np.zeros(5)]), batch, "components"),
        outcome_probabilities(theta, batch, "cinc"), rtol=1e-12)
    # other weights give other probabilities
    moved = outcome_probabilities(np.concatenate([theta, [3.0, 0, 0, 0, 0]]), batch,
                                  "components")
    assert np.abs(moved - outcome_probabilities(theta, batch, "cinc")).max() > 1e-3


def test_component_weights_are_recovered_from_simulated_outcomes():
    from foedus.history.outcome_model import component_weights

    rng = np.random.default_rng(5)
    batch = _component_batch(rng, 3000)
    # the truth: iron and steel (the third component) carries 80% of the weight
    z = np.log(np.array([0.04, 0.04, 0.8, 0.04, 0.04, 0.04]) / 0.04)[1:]
    truth = np.concatenate([[0.3, 1.5, 0.5, 0.0, 0.0, np.log(900.0)], z])
    y = _draw(outcome_probabilities(truth, batch, "components"), rng)
    fit = fit_outcome(batch, y, "components", seed=3, use_nuclear=False, starts=2)
    weights = component_weights(fit.theta)
    assert int(np.argmax(weights)) == 2 and weights[2] > 0.5
    assert set(fit.to_dict()) >= {f"weight_{c}" for c in ("milex", "irst", "upop")}
    assert 50 <= fit.to_dict()["km_per_day"] <= 20000
    cinc = fit_outcome(batch, y, "cinc", seed=3, use_nuclear=False, starts=2)
    assert fit.log_likelihood > cinc.log_likelihood + 5     # CINC is the nested model
    with pytest.raises(FoedusError, match="needs 6 \\+ 5 parameters"):
        component_weights(np.zeros(7))
    with pytest.raises(FoedusError, match="measure 'cinc' takes 6 parameters, got 11"):
        outcome_probabilities(fit.theta, batch, "cinc")


def test_component_baselines_predict_from_the_components():
    from foedus.history.outcome_model import ComponentBaseline, component_features
    from foedus.history.validate import ScoringTask

    rng = np.random.default_rng(8)
    batch = _component_batch(rng, 800)
    truth = np.array([0.0, 2.0, 0.3, 0.0, 0.0, np.log(20000.0)])
    y = _draw(outcome_probabilities(truth, batch, "cinc"), rng)
    frame = pd.DataFrame({"case_id": np.arange(800).astype(str), "cluster": np.arange(800),
                          "year": np.full(800, 1900), "y": y})
    task = ScoringTask("outcome", frame, ("A", "B", "stalemate"), {"A_prevails": (0,)},
                       (), "synthetic", batch)
    features = component_features(batch, levels=True)
    assert features.shape == (800, 18) and features.filter(like="prop_").le(1).all().all()
    for learner in ("logit", "boosted"):
        predictor = ComponentBaseline(learner)
        p = predictor.predict(predictor.fit(task, seed=0), task)
        np.testing.assert_allclose(p.sum(axis=1), 1.0)
        stronger = features.filter(like="prop_").mean(axis=1).to_numpy() > 0.5
        assert p[stronger, 0].mean() > p[~stronger, 0].mean(), learner
        assert predictor.name == f"components_{learner}" and predictor.kind == "baseline"


def _task(seed: int = 4, n: int = 600):
    """A synthetic outcome task: two measures (the second a noisy copy of the first)."""
    from foedus.history.validate import ScoringTask

    rng = np.random.default_rng(seed)
    batch = _batch(rng, n)
    batch.rows["milex"] = np.clip(batch.rows["cinc"] * rng.lognormal(0, 0.5, len(batch.rows)),
                                  1e-6, None)
    truth = np.array([0.3, 1.5, 0.5, 0.0, 0.0, np.log(1500.0)])
    y = _draw(outcome_probabilities(truth, batch, "cinc"), rng)
    rows = batch.rows
    strength = np.stack([rows[rows.side == s].groupby("case")["cinc"].sum()
                         .reindex(range(n)).to_numpy() for s in (0, 1)])
    frame = pd.DataFrame({"case_id": np.arange(n).astype(str), "cluster": np.arange(n),
                          "year": rng.integers(1900, 1950, n), "y": y,
                          "capability_ratio_a": strength[0] / strength.sum(axis=0)})
    return ScoringTask("outcome", frame, ("A", "B", "stalemate"), {"A_prevails": (0,)},
                       ("capability_ratio_a",), "synthetic", batch)


def test_pooled_decade_scores_are_the_case_weighted_split_scores_and_rank_measures():
    from foedus.history.outcome_model import (
        CincRatioPredictor,
        choose_measure,
        outcome_predictors,
        pooled_scores,
    )
    from foedus.history.splits import decade_splits
    from foedus.history.validate import validate

    task = _task()
    models = [CincRatioPredictor(), *outcome_predictors(["cinc", "milex"], ablations=False)]
    report = validate([task], decade_splits(task.frame["year"]), {"outcome": models},
                      baselines=("base_rate",), bootstrap=0, seed=2)
    pooled = pooled_scores(report.predictions)
    assert set(pooled.split) == {"decade"}
    assert (pooled.n == len(task)).all()           # every dispute predicted once
    per_split = report.scores[report.scores.target == "classes"]
    for name, group in per_split.groupby("predictor"):
        weighted = (group.log_loss * group.n).sum() / group.n.sum()
        assert pooled.set_index("predictor").at[name, "log_loss"] == pytest.approx(weighted)
    ranking = choose_measure(pooled)
    assert sorted(ranking.measure) == ["cinc", "milex"]
    assert ranking.log_loss.is_monotonic_increasing
    # the outcomes were drawn from the CINC model: the noisy copy must not do better
    assert ranking.measure.iloc[0] == "cinc"


def test_a_tie_keeps_cinc_and_no_scores_is_an_error():
    from foedus.history.outcome_model import choose_measure

    pooled = pd.DataFrame({"split": ["decade"] * 2, "predictor": ["outcome-gdp_gdppc",
                                                                   "outcome-cinc"],
                           "n": [50, 50], "log_loss": [0.70000, 0.70005]})
    assert choose_measure(pooled).measure.tolist() == ["cinc", "gdp_gdppc"]
    pooled.loc[0, "log_loss"] = 0.69
    assert choose_measure(pooled).measure.tolist() == ["gdp_gdppc", "cinc"]
    with pytest.raises(FoedusError, match="no outcome-model scores"):
        choose_measure(pooled, split="era")


def test_cinc_ratio_benchmark_uses_the_ratio_alone():
    from foedus.history.outcome_model import CincRatioPredictor

    task = _task(seed=9, n=400)
    predictor = CincRatioPredictor()
    state = predictor.fit(task, seed=0)
    p = predictor.predict(state, task)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    stronger = task.frame.capability_ratio_a.to_numpy() > 0.5
    assert p[stronger, 0].mean() > p[~stronger, 0].mean()
    assert predictor.kind == "baseline"


@pytest.mark.parametrize("args,needle", [
    (("--measure", "gdp"), ("--measure gdp: unknown capability measure (choose cinc, milex, "
                            "milstock, gdp_gdppc, components)")),
    (("--split", "century"), "--split century: unknown split"),
    (("--measure", "nmc_weighted"), "--measure nmc_weighted: its weights were estimated"),
])
def test_cli_bad_input_is_one_line_and_exit_2(monkeypatch, capsys, tmp_path, args, needle):
    import sys

    from foedus.interfaces.cli.main import main

    out = tmp_path / "out"
    monkeypatch.setattr(sys, "argv", ["foedus", "validate", "capability", *args,
                                      "--out", str(out)])
    with pytest.raises(SystemExit) as exc:
        main()
    stderr = capsys.readouterr().err
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert exc.value.code == 2
    assert len(lines) == 1 and lines[0].startswith("error:") and needle in lines[0], stderr
    assert not out.exists()


def test_scenario_capability_option_refuses_an_unknown_measure(tmp_path):
    from foedus.interests.capability import measure

    with pytest.raises(FoedusError, match="capability measure 'gdp': choose cinc, milex, "
                                          "milstock, nmc_weighted, gdp_gdppc"):
        measure("gdp")


@pytest.mark.skipif(not hasattr(__import__("foedus.history", fromlist=["x"]), "outcome"),
                    reason="the outcome corpus is not available in this version")
def test_the_real_task_holds_hand_checked_disputes():
    """MID 258 (1939): Poland (290) side A, Germany (255) side B, contiguous; MID 5.0 codes
    side A's victory (class A). MID 4 (1946, Corfu channel): Albania (339) side A against
    Britain (200), a stalemate; Britain is the target, at home. Capabilities are the NMC rows
    of the onset year."""
    from foedus.data import load
    from foedus.history.outcome_model import capability_task

    task = capability_task()
    frame = task.frame.set_index("case_id")
    rows = task.payload.rows
    nmc = load("cow_nmc").set_index(["ccode", "year"])["cinc"]
    assert frame.loc["258", "y"] == 0 and frame.loc["258", "year"] == 1939
    mid258 = rows[rows.dispnum == 258].set_index("ccode")
    assert mid258.side.to_dict() == {255: 1, 290: 0}
    assert (mid258.distance_km == 0).all()
    assert mid258.loc[290, "cinc"] == pytest.approx(nmc[(290, 1939)])
    assert mid258.loc[255, "cinc"] == pytest.approx(nmc[(255, 1939)])
    assert frame.loc["4", "y"] == 2
    mid4 = rows[rows.dispnum == 4].set_index("ccode")
    assert mid4.loc[200, "distance_km"] == 0 and mid4.loc[339, "distance_km"] > 1000
    # every measure exists for every originator of every kept dispute (the common cases)
    assert not rows[["cinc", "milex", "milstock", "gdp_gdppc"]].isna().any().any()
    assert len(task) == len(np.unique(rows.case))


@pytest.mark.slow
def test_on_the_real_disputes_the_components_nest_cinc():
    """On the 1,609 disputes of the capability task the components model starts at CINC's
    equal weights, so its maximum likelihood cannot be below the CINC model's (the gain is
    not evidence; the out-of-sample scores are, docs/validation-history.md)."""
    from foedus.history.outcome_model import capability_task, component_weights

    task = capability_task()
    y = task.frame["y"].to_numpy()
    cinc = fit_outcome(task.payload, y, "cinc", seed=0)
    components = fit_outcome(task.payload, y, "components", seed=0)
    assert components.log_likelihood >= cinc.log_likelihood - 1e-6
    weights = component_weights(components.theta)
    assert weights.sum() == pytest.approx(1.0) and (weights >= 0).all()
