"""Diagnostic: which covariate of the logit ranks "joined the originator's side", and does
the crisis model see it? (docs/validation-history.md, "Why the crisis model ranks joining
the originator's side poorly").

Train 1816-1945, test 1946-2014 (the era split), intervention corpus:

1. AUC of each class event (target's side, originator's side, either side) for the logit
   baseline (fitted here exactly as in ``foedus validate history``) and for every crisis
   predictor found in a ``foedus validate history --out DIR`` run's ``predictions.csv.gz``
   (``--predictions``), plus the shipped sets named with ``--set`` (predicted here with the
   same seeded draws as the validation run uses: 16 draws, the run's seed), and the sets
   named with ``--mode`` at their point estimate (no draws);
2. the logit refitted without each covariate (pairs for the two sides dropped together
   and each alone): the change of the test-era AUC and log loss of "joined the originator's
   side" and "joined either side";
3. the standardised coefficients of the logit's originator-side class.

Usage (run from the repository root, with foedus installed)::

    python docs/validation-history/originator_side.py \
        --predictions DIR/predictions.csv.gz --set crisis-1816-1945 --out OUT.csv

Nothing here is fitted on 1946-2014; the printout is a diagnostic, not a score of record.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
import pandas as pd

from foedus.history.baselines import LogitBaseline
from foedus.history.scoring import auc, log_loss, multinomial_log_loss
from foedus.history.tasks import INTERVENTION_COVARIATES, build_task

PAIRS = {
    "defence pact (both sides)": ("defense_target_side", "defense_originator_side"),
    "contiguity (both sides)": ("contiguous_target_side", "contiguous_originator_side"),
    "capital distance (both sides)": ("log_capdist_target", "log_capdist_originator"),
    "joint democracy (both sides)": ("joint_democracy_target", "joint_democracy_originator"),
    "rivalry (both sides)": ("rivalry_target_side", "rivalry_originator_side"),
}


def _events(probs: np.ndarray, y: np.ndarray) -> dict[str, float]:
    out = {}
    for name, cls in (("target", (1,)), ("originator", (2,)), ("either", (1, 2))):
        event = np.isin(y, cls).astype(int)
        p = probs[:, list(cls)].sum(axis=1)
        out[f"auc_{name}"] = auc(event, p)
        out[f"ll_{name}"] = log_loss(event, np.clip(p, 0.0, 1.0))
    out["ll_classes"] = multinomial_log_loss(y, probs)
    return out


def _logit(train, test, covariates) -> np.ndarray:
    model = LogitBaseline(n_classes=3).fit(train.frame[list(covariates)],
                                           train.frame["y"].to_numpy())
    return model.predict_proba(test.frame[list(covariates)]), model


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--predictions", help="predictions.csv.gz of a validation run")
    parser.add_argument("--set", action="append", default=[],
                        help="a parameter set to predict here (name or file)")
    parser.add_argument("--mode", action="append", default=[],
                        help="a fitted set to predict at its point estimate: every fitted "
                             "parameter at its mode, the others where the fit held them")
    parser.add_argument("--seed", type=int, default=20241215)
    parser.add_argument("--out", help="write the table as CSV")
    args = parser.parse_args(argv)

    task = build_task("intervention")
    years = task.frame["year"].to_numpy()
    train = task.subset(years <= 1945)
    test = task.subset(years >= 1946)
    y = test.frame["y"].to_numpy().astype(int)
    rows = []
    probs, logit = _logit(train, test, INTERVENTION_COVARIATES)
    full = _events(probs, y)
    rows.append({"predictor": "logit (all covariates)", **full})

    if args.predictions:
        pred = pd.read_csv(args.predictions)
        pred = pred[(pred.corpus == "intervention") & (pred.split == "era")]
        for name, group in pred.groupby("predictor", sort=False):
            if not name.startswith("crisis"):
                continue
            group = group.set_index("case_id").loc[test.frame["case_id"]]
            p = group[["p_stayed_out", "p_target_side", "p_originator_side"]].to_numpy()
            rows.append({"predictor": name, **_events(p, group["y"].to_numpy().astype(int))})
    if args.set or args.mode:
        from foedus.history.adapters import ParameterSetPredictor
        from foedus.history.pipeline import _with_batch, model_interface
        from foedus.scenarios.parameter_sets import load_parameter_set

        adapter, build_batch = model_interface("intervention")
        batch_test = _with_batch(test, build_batch)
        kept = batch_test.frame["y"].to_numpy().astype(int)
        for name in args.set:
            predictor = ParameterSetPredictor(adapter, load_parameter_set(name), 16)
            state = predictor.fit(train, args.seed)
            p = predictor.predict(state, batch_test)
            rows.append({"predictor": f"crisis[{name}] (predicted here)", **_events(p, kept)})
        for name in args.mode:
            chosen = load_parameter_set(name)
            held = {k: float(v["held_at"]) for k, v in
                    chosen.provenance["not_written_kept_at_registered_prior"].items()}
            values = {**held, **{k: float(d.center() if d.dist != "normal" else d.mean)
                                 for k, d in chosen.values.items()}}
            theta = np.array([[values[n]] for n in adapter.names])
            p = np.asarray(adapter.predict_proba(theta, batch_test.payload))[0]
            rows.append({"predictor": f"crisis[{name}] at its mode", **_events(p, kept)})

    for label, drop in [*PAIRS.items(), *((c, (c,)) for c in INTERVENTION_COVARIATES)]:
        keep = [c for c in INTERVENTION_COVARIATES if c not in drop]
        p, _ = _logit(train, test, keep)
        scores = _events(p, y)
        rows.append({"predictor": f"logit without {label}", **scores})
    table = pd.DataFrame(rows)
    for col in ("auc_originator", "auc_either", "ll_originator"):
        table[f"d_{col}"] = table[col] - full[col]
    pd.set_option("display.width", 200)
    pd.set_option("display.max_columns", 20)
    print(table[["predictor", "auc_target", "auc_originator", "auc_either", "ll_originator",
                 "ll_classes", "d_auc_originator", "d_auc_either", "d_ll_originator"]]
          .round(4).to_string(index=False))
    coef = logit.coefficients()
    print("\nlogit coefficients (standardised covariates; multinomial, per class):")
    print(coef.round(3).to_string())
    events = test.frame.assign(orig=(y == 2))
    print("\nshare of the 1946-2014 originator-side joiners / of all third parties with:")
    for c in ("defense_originator_side", "contiguous_originator_side", "rivalry_target_side",
              "major", "defense_target_side", "contiguous_target_side"):
        print(f"  {c}: {events.loc[events.orig, c].mean():.3f} / {events[c].mean():.3f}")
    if args.out:
        table.to_csv(args.out, index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
