"""Benchmarks of the history scoring and estimation (run on demand, never in the tests).

    python benchmarks/bench_history_scoring.py [--quick] [--only metrics,scoring,fit]

Every target is printed as a ratio against a baseline measured in the same process:

* metrics: AUC and the cluster bootstrap of a log-loss and an AUC difference (1000
  replicates, 50,000 cases in 5,000 clusters) against scikit-learn's ``roc_auc_score`` and a
  plain loop that resamples clusters and rescored each replicate;
* scoring: ``validate`` of every model on every corpus on the era split (both ways), budget
  120 s, printed beside the time of the logit baseline alone on the same tasks;
* fit: ``fit_model("crisis" | "formation", 1816-1945)``, budget 900 s, with the
  likelihood evaluations per second of the vectorised kernel beside a plain-Python loop over
  the same cases.

Corpora or model interfaces not available in this version are reported and skipped.
"""

from __future__ import annotations

import argparse
import time

import numpy as np


def clock(func, *args, **kwargs):
    start = time.perf_counter()
    out = func(*args, **kwargs)
    return out, time.perf_counter() - start


def bench_metrics(quick: bool) -> None:
    from sklearn.metrics import roc_auc_score

    from foedus.history.scoring import auc, cluster_bootstrap_difference

    print("\n== metrics: AUC and cluster bootstrap ==")
    rng = np.random.default_rng(0)
    n, g = (10_000, 1_000) if quick else (50_000, 5_000)
    y = rng.integers(0, 2, n)
    p_a = np.clip(0.3 + 0.3 * y + rng.normal(0, 0.2, n), 0.01, 0.99)
    p_b = np.clip(0.5 + rng.normal(0, 0.2, n), 0.01, 0.99)
    clusters = rng.integers(0, g, n)
    ours, t_ours = clock(auc, y, p_a)
    theirs, t_theirs = clock(roc_auc_score, y, p_a)
    print(f"AUC: {ours:.6f} vs scikit-learn {theirs:.6f}; time ratio sklearn/ours "
          f"{t_theirs / t_ours:.2f}")
    replicates = 200 if quick else 1000
    for metric in ("log_loss", "auc"):
        _, t_fast = clock(cluster_bootstrap_difference, y, p_a, p_b, clusters, metric,
                          replicates=replicates, rng=np.random.default_rng(1))
        loop_reps = max(replicates // 20, 5)
        start = time.perf_counter()
        members = [np.flatnonzero(clusters == c) for c in range(g)]
        boot = np.random.default_rng(1)
        for _ in range(loop_reps):
            pick = np.concatenate([members[c] for c in boot.integers(0, g, g)])
            if metric == "auc":
                roc_auc_score(y[pick], p_a[pick]) - roc_auc_score(y[pick], p_b[pick])
            else:
                ya, a, b = y[pick], p_a[pick], p_b[pick]
                np.mean(-(ya * np.log(a) + (1 - ya) * np.log(1 - a))) - np.mean(
                    -(ya * np.log(b) + (1 - ya) * np.log(1 - b)))
        t_loop = (time.perf_counter() - start) * replicates / loop_reps
        print(f"bootstrap {metric}: {replicates} replicates in {t_fast:.2f} s; plain loop "
              f"(extrapolated from {loop_reps}) {t_loop:.2f} s; ratio {t_loop / t_fast:.1f}x")


def _tasks():
    from foedus.errors import FoedusError
    from foedus.history.pipeline import build_validation
    from foedus.history.tasks import MODEL_CORPORA

    tasks, predictors = [], {}
    for model in MODEL_CORPORA:
        try:
            t, p = build_validation([model])
        except FoedusError as exc:
            print(f"skip {model}: {exc}")
            continue
        tasks += t
        predictors.update(p)
    return tasks, predictors


def bench_scoring(quick: bool) -> None:
    from foedus.history.splits import make_splits
    from foedus.history.validate import validate

    print("\n== scoring every model on every corpus (era split, both ways) ==")
    (tasks, predictors), t_build = clock(_tasks)
    if not tasks:
        print("no corpus available")
        return
    print(f"corpora built in {t_build:.1f} s: "
          + ", ".join(f"{t.corpus} {len(t):,}" for t in tasks))
    splits = {t.corpus: make_splits("era", t.frame["year"].to_numpy()) for t in tasks}
    _, t_logit = clock(validate, tasks, splits, None, baselines=("logit",), bootstrap=0)
    report, t_all = clock(validate, tasks, splits, predictors,
                          bootstrap=200 if quick else 1000)
    print(f"every model and baseline with bootstrap: {t_all:.1f} s (budget 120 s: "
          f"{'met' if t_all <= 120 else 'MISSED'}); logit alone {t_logit:.1f} s; ratio "
          f"{t_all / t_logit:.1f}x")
    timing = report.timings.groupby(["corpus", "predictor"])[["fit_seconds",
                                                            "predict_seconds"]].sum()
    print(timing.round(2).to_string())


def bench_fit(quick: bool, models=("crisis", "formation")) -> None:
    from foedus.errors import FoedusError
    from foedus.history.pipeline import fit_model

    print("\n== fit on 1816-1945 (budget 900 s) ==")
    for model in models:
        try:
            outcome, seconds = clock(fit_model, model, (1816, 1945), seed=1,
                                     starts=0 if quick else 2, loop_evaluations=1)
        except FoedusError as exc:
            print(f"skip {model}: {exc}")
            continue
        fit = outcome.fit
        loop = outcome.loop_rate
        print(f"{model}: {seconds:.1f} s ({'met' if seconds <= 900 else 'MISSED'}), n="
              f"{fit.n_cases}, {fit.evaluations} likelihood evaluations; per second: "
              f"vectorised {fit.evaluations_per_second:.1f}"
              + (f", plain loop {loop:.3f}, ratio {fit.evaluations_per_second / loop:.0f}x"
                 if loop else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default="metrics,scoring,fit")
    args = parser.parse_args()
    only = set(args.only.split(","))
    if "metrics" in only:
        bench_metrics(args.quick)
    if "scoring" in only:
        bench_scoring(args.quick)
    if "fit" in only:
        bench_fit(args.quick)


if __name__ == "__main__":
    main()
