"""Benchmarks of the history scoring and estimation (run on demand, never in the tests).

    python benchmarks/bench_history_scoring.py [--quick] [--only metrics,scoring,fit]
    python benchmarks/bench_history_scoring.py --quick --only formation   # its timings alone

Every target is printed as a ratio against a baseline measured in the same process:

* metrics: AUC and the cluster bootstrap of a log-loss and an AUC difference (1000
  replicates, 50,000 cases in 5,000 clusters) against scikit-learn's ``roc_auc_score`` and a
  plain loop that resamples clusters and rescored each replicate;
* scoring: ``validate`` of every model on every corpus on the era split (both ways), budget
  120 s, printed beside the time of the logit baseline alone on the same tasks; by default
  the models are scored at fixed parameters (judgement draws, the family's calibration, the
  project's default set: what ``foedus validate history --no-refit --parameters DEFAULT``
  runs); ``--refit`` adds a fit of each model on each training era;
* fit: ``fit_model("crisis", 1816-1945)``, budget 900 s, with the likelihood evaluations per
  second of the vectorised kernel beside a plain-Python loop over the same cases. For the
  formation model (``--formation-fit`` runs the full fit) it times, on 1816-1945, one
  evaluation of the plain per-alliance loop, of the damped vectorised path and of the fit's
  path (Anderson-polished, vectors batched as rows), one gradient by the implicit function
  theorem against ``2p + 1`` damped evaluations, and the fit time they imply at 50-150
  gradient calls.

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


def _tasks(refit: bool):
    from foedus.errors import FoedusError
    from foedus.history.pipeline import build_validation
    from foedus.history.tasks import MODEL_CORPORA
    from foedus.scenarios.parameter_sets import DEFAULT_PARAMETER_SET, load_parameter_set

    default = load_parameter_set(DEFAULT_PARAMETER_SET)
    tasks, predictors = [], {}
    for model in MODEL_CORPORA:
        try:
            t, p = build_validation([model], refit=refit, parameter_set=default)
        except FoedusError as exc:
            print(f"skip {model}: {exc}")
            continue
        tasks += t
        predictors.update(p)
    return tasks, predictors


def bench_scoring(quick: bool, refit: bool = False) -> None:
    from foedus.history.splits import make_splits
    from foedus.history.validate import validate

    print("\n== scoring every model on every corpus (era split, both ways"
          + (", with a fit per training era" if refit else ", fixed parameters") + ") ==")
    (tasks, predictors), t_build = clock(_tasks, refit)
    if not tasks:
        print("no corpus available")
        return
    print(f"corpora and model inputs built in {t_build:.1f} s: "
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


def _formation_evaluations(evaluations: int) -> None:
    """The formation likelihood on 1816-1945: seconds per evaluation and per gradient of the
    plain per-alliance loop, the damped vectorised path and the fit's path (damped homotopy
    polished by Anderson acceleration, parameter vectors batched as rows, gradient by the
    implicit function theorem), all measured in this run."""
    from foedus.history.adapters import registered_priors
    from foedus.history.families import SOLVER, _formation_per_case, _solve_columns
    from foedus.history.pipeline import _with_batch, model_interface
    from foedus.history.tasks import MODEL_CORPORA, build_task
    from foedus.models.formation.likelihood import alliance_log_likelihood

    corpus = MODEL_CORPORA["formation"][0]
    interface = model_interface(corpus)
    if interface is None:
        print("skip formation: no likelihood interface")
        return
    adapter, build_batch = interface
    task = build_task(corpus)
    years = task.frame["year"].to_numpy()
    train, t_build = clock(_with_batch, task.subset((years >= 1816) & (years <= 1945)),
                           build_batch)
    y = train.frame["y"].to_numpy().astype(np.int64)
    batch = train.payload
    priors = registered_priors(adapter.names)
    theta = np.array([[float(priors[n].center())] for n in adapter.names])
    free = [k for k, n in enumerate(adapter.names) if n not in adapter.not_identified]
    p = len(free)
    buckets = batch.data(y)

    def damped():   # the path before this benchmark's changes: one vector, tol 1e-6
        return sum(float(alliance_log_likelihood(theta[:, 0], d)) for _, _, d in buckets)

    damped()                                                           # JIT, stacking
    t_damped = float(np.mean([clock(damped)[1] for _ in range(evaluations)]))
    t_fit = float(np.mean([clock(_formation_per_case, theta, batch, y)[1]
                           for _ in range(evaluations)]))
    gradient = adapter.gradient_for(batch, y)
    t_grad = float(np.mean([clock(gradient, theta[:, 0], free)[1]
                            for _ in range(evaluations)]))
    draws = np.column_stack([theta[:, 0] * f for f in (1.0, 0.9, 1.1)])

    def traced(columns):
        cold = np.ones(columns.shape[1], dtype=bool)
        return [_solve_columns(columns, d, cold) for _, _, d in buckets]

    _, t_batched = clock(traced, draws)
    t_one = sum(clock(traced, draws[:, [d]])[1] for d in range(draws.shape[1]))
    loop = adapter.loop_seconds(theta[:, 0], batch, y) if adapter.loop_seconds else None
    fd_gradient = (2 * p + 1) * t_damped
    print(f"formation: n={len(train)} ({len(batch.games)} alliances), model inputs built in "
          f"{t_build:.1f} s; {p} free parameters")
    if loop:
        print(f"  plain per-alliance loop: {loop:.1f} s per evaluation (1.00x)")
    ratio = (lambda t: f" ({loop / t:.2f}x the loop)") if loop else (lambda t: "")
    print(f"  damped vectorised (tol 1e-6): {t_damped:.1f} s per evaluation{ratio(t_damped)}; "
          f"gradient by central differences = {2 * p + 1} evaluations = {fd_gradient:.0f} s")
    print(f"  fit path (damped to 1e-6, Anderson to {SOLVER['tol']:g}): {t_fit:.1f} s per "
          f"evaluation{ratio(t_fit)}; {draws.shape[1]} parameter vectors batched as rows "
          f"{t_batched:.1f} s against {t_one:.1f} s one at a time ({t_one / t_batched:.2f}x)")
    print(f"  gradient by the implicit function theorem: {t_grad:.1f} s "
          f"({fd_gradient / t_grad:.1f}x the central-difference gradient)")
    for calls in (50, 100, 150):
        print(f"  a fit of {calls} gradient calls: about {calls * t_grad / 60:.0f} min "
              f"(budget 15 min: {'met' if calls * t_grad <= 900 else 'MISSED'}); with "
              f"central differences {calls * fd_gradient / 3600:.1f} h")


def bench_fit(quick: bool, formation_fit: bool = False) -> None:
    from foedus.errors import FoedusError
    from foedus.history.pipeline import fit_model

    print("\n== fit on 1816-1945 (budget 900 s) ==")
    for model in ("crisis", "formation") if formation_fit else ("crisis",):
        try:
            outcome, seconds = clock(fit_model, model, (1816, 1945), seed=20241215,
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
    if not formation_fit:
        _formation_evaluations(1 if quick else 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default="metrics,scoring,fit")
    parser.add_argument("--refit", action="store_true",
                        help="scoring: also fit every model on every training era")
    parser.add_argument("--formation-fit", action="store_true",
                        help="fit: run the full formation fit (hours) instead of timing "
                             "its likelihood")
    args = parser.parse_args()
    only = set(args.only.split(","))
    if "metrics" in only:
        bench_metrics(args.quick)
    if "scoring" in only:
        bench_scoring(args.quick, args.refit)
    if "fit" in only:
        bench_fit(args.quick, args.formation_fit)
    elif "formation" in only:     # the formation likelihood's timings alone (no crisis fit)
        print("\n== formation likelihood on 1816-1945 ==")
        _formation_evaluations(1 if args.quick else 3)


if __name__ == "__main__":
    main()
