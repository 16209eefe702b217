"""Leave-one-decade-out for the crisis model on the intervention corpus, fold by fold.

    python docs/validation-history/crisis_decades.py OUT [--decades 1810s,1950s] [--seed S]
    python docs/validation-history/crisis_decades.py OUT --pool

Every decade with cases is a fold: the crisis model is fitted (posterior mode under the
registered priors, ``foedus.history.fit.fit_posterior_mode``) on every other year and
predicts the decade; the base rate, the logit and gradient boosting are fitted on the same
training cases (``foedus.history.validate.validate``, the scorer of ``foedus validate
history``). Each fold is written to ``OUT/fold-<decade>/`` as soon as it ends (a run can be
split across processes with ``--decades`` and resumed: a fold already written is skipped).
``--pool`` stacks the folds' predictions into ``OUT/pooled/predictions.csv.gz`` (split
``decade-pooled``, the layout of a ``foedus validate history --out`` run, so that
``paired_sets.py OUT/pooled crisis[fitted] OUT/pooled logit`` compares them) and prints
the pooled scores and the per-fold table.

Warm start (the one departure from ``--split decade --refit``, for time: a fit from the
prior centre on 70,000 cases takes 15 minutes, 21 folds five hours): the first optimisation
of a fold starts at the estimates of the shipped set fitted with the same model on an era
that does not contain the fold's test decade - `crisis-1816-1945-shared` for a decade from
1946, `crisis-1946-2014-shared` for a decade before - so no number estimated on the test
decade enters the fold; the 1940s straddle both eras and start at the prior centre; the objective, the priors and the identification rule are those of
every fit. ``--starts`` adds optimisations from seeded prior draws (default 0).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from foedus.history.adapters import FittedPredictor
from foedus.history.pipeline import _with_batch, model_interface
from foedus.history.scoring import auc, multinomial_log_loss
from foedus.history.splits import decade_splits, parse_era
from foedus.history.tasks import build_task
from foedus.history.validate import validate
from foedus.scenarios.parameter_sets import load_parameter_set

CORPUS = "intervention"
WARM = ("crisis-1816-1945-shared", "crisis-1946-2014-shared")
BASELINES = ("base_rate", "logit", "boosted")
CLASSES = ["p_stayed_out", "p_target_side", "p_originator_side"]


def warm_start(test: tuple[int, int]) -> tuple[str, tuple[tuple[str, float], ...]]:
    """The shipped set whose training era does not overlap ``test``, as start values."""
    for name in WARM:
        s = load_parameter_set(name)
        lo, hi = parse_era(str(s.provenance["train"]), option="provenance.train")
        if hi < test[0] or lo > test[1]:
            return name, tuple((k, float(d.center())) for k, d in s.values.items()
                               if getattr(d, "dist", None) != "point")
    return "prior centre", ()      # a decade that straddles both eras (the 1940s): cold start


def run_folds(out: Path, decades: list[str] | None, seed: int, starts: int) -> None:
    adapter, build_batch = model_interface(CORPUS)
    task = _with_batch(build_task(CORPUS), build_batch)
    splits = decade_splits(task.frame["year"].to_numpy())
    if decades:
        unknown = set(decades) - {s.name.removeprefix("decade-") for s in splits}
        if unknown:
            raise SystemExit(f"--decades: no fold {sorted(unknown)} (folds: "
                             f"{', '.join(s.name.removeprefix('decade-') for s in splits)})")
        splits = [s for s in splits if s.name.removeprefix("decade-") in decades]
    for split in splits:
        folder = out / f"fold-{split.name.removeprefix('decade-')}"
        if (folder / "predictions.csv.gz").exists():
            print(f"{split.name}: already written, skipped")
            continue
        source, start = warm_start(split.test)
        predictor = FittedPredictor(adapter, starts=starts, start=start)
        began = time.perf_counter()
        report = validate([task], [split], {CORPUS: [predictor]}, seed=seed,
                          baselines=BASELINES, bootstrap=0)
        folder.mkdir(parents=True, exist_ok=True)
        fit = report.fitted[(CORPUS, split.name, predictor.name)]
        pd.DataFrame({"parameter": list(fit.estimate), "estimate": list(fit.estimate.values())}
                     ).assign(warm_start=source, log_likelihood=fit.log_likelihood,
                              evaluations=fit.evaluations, converged=fit.converged
                              ).to_csv(folder / "fit.csv", index=False)
        report.scores.to_csv(folder / "scores.csv", index=False)
        report.timings.to_csv(folder / "timings.csv", index=False)
        report.predictions.to_csv(folder / "predictions.csv.gz", index=False)
        print(f"{split.name}: {len(report.predictions) // (len(BASELINES) + 1)} cases, warm "
              f"start {source}, {fit.evaluations} evaluations, {time.perf_counter() - began:.0f} s")
        sys.stdout.flush()


def pool(out: Path) -> None:
    folds = sorted(out.glob("fold-*/predictions.csv.gz"))
    if not folds:
        raise SystemExit(f"{out}: no fold written yet")
    table = pd.concat([pd.read_csv(f) for f in folds], ignore_index=True)
    per_fold = table.groupby(["split", "predictor"]).apply(
        lambda g: multinomial_log_loss(g.y.to_numpy(), g[CLASSES].to_numpy()),
        include_groups=False).unstack("predictor")
    counts = table[table.predictor == "logit"].groupby("split").agg(
        cases=("y", "size"), joined=("y", lambda y: int((y > 0).sum())))
    print(f"{len(folds)} folds; log loss (3 classes) per fold:")
    print(pd.concat([counts, per_fold.round(4)], axis=1).to_string())
    pooled = table.assign(split="decade-pooled")
    folder = out / "pooled"
    folder.mkdir(exist_ok=True)
    pooled.to_csv(folder / "predictions.csv.gz", index=False)
    rows = []
    for name, g in pooled.groupby("predictor"):
        y = g.y.to_numpy()
        rows.append({"predictor": name, "cases": len(g),
                     "log_loss": multinomial_log_loss(y, g[CLASSES].to_numpy()),
                     "auc_target_side": auc((y == 1).astype(int), g.p_target_side.to_numpy()),
                     "auc_either": auc((y > 0).astype(int), 1 - g.p_stayed_out.to_numpy())})
    print("\npooled over the folds:")
    print(pd.DataFrame(rows).round(4).to_string(index=False))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--decades", default=None, help="comma-separated folds, e.g. 1810s,1950s")
    ap.add_argument("--seed", type=int, default=20241215)
    ap.add_argument("--starts", type=int, default=0)
    ap.add_argument("--pool", action="store_true")
    args = ap.parse_args(argv)
    if args.pool:
        pool(args.out)
    else:
        run_folds(args.out, args.decades.split(",") if args.decades else None, args.seed,
                  args.starts)
    return 0


if __name__ == "__main__":
    np.seterr(all="ignore")
    sys.exit(main())
