"""Paired comparison of two predictors scored in two runs on the same cases.

    python docs/validation-history/paired_sets.py RUN_A PRED_A RUN_B PRED_B \
        [--split era|era-reverse] [--seed 20241215]

RUN_A and RUN_B are ``--out`` directories of ``foedus validate history`` over the same corpus
and direction; PRED_A and PRED_B are predictor names as the runs print them
(``crisis[crisis-1816-1945]``, ``formation[fitted]``); a bare set name ``NAME`` means
``crisis[NAME]``. ``--split`` keeps one direction of a run that holds both. The cases are
matched on their ids (runs that cover different cases are refused); the differences A - B
get a cluster bootstrap by the corpus's clusters (1,000 replicates,
``foedus.history.scoring.cluster_bootstrap_difference``): on the intervention corpus log loss
and Brier score of the three classes and log loss, Brier and AUC of each side and of either
side; on a binary corpus (dyad-years, members) log loss, Brier and AUC of the event.
Used for the joint-democracy term, the dyad-year opportunity term and shared obligations
(docs/validation-history.md): nothing is fitted here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from foedus.history.scoring import cluster_bootstrap_difference

INTERVENTION = ["p_stayed_out", "p_target_side", "p_originator_side"]


def _load(run: str, predictor: str, split: str | None) -> pd.DataFrame:
    table = pd.read_csv(Path(run) / "predictions.csv.gz")
    if split is not None:
        table = table[table["split"] == split]
    out = table[table.predictor == predictor]
    if out.empty:
        sys.exit(f"{run}: no predictor {predictor}"
                 f"{f' in split {split}' if split else ''} "
                 f"(has {sorted(table.predictor.unique())})")
    if split is None and out["split"].nunique() > 1:
        sys.exit(f"{run}: {predictor} is scored in {sorted(out['split'].unique())}; "
                 "choose one with --split")
    return out.set_index("case_id").sort_index()


def _targets(a: pd.DataFrame, b: pd.DataFrame) -> dict:
    y = a.y.to_numpy()
    if all(c in a.columns for c in INTERVENTION) and a[INTERVENTION].notna().all().all():
        return {
            "classes": (y, a[INTERVENTION].to_numpy(), b[INTERVENTION].to_numpy()),
            "joined_target_side": ((y == 1).astype(int), a.p_target_side.to_numpy(),
                                   b.p_target_side.to_numpy()),
            "joined_originator_side": ((y == 2).astype(int), a.p_originator_side.to_numpy(),
                                       b.p_originator_side.to_numpy()),
            "joined_either": ((y > 0).astype(int), 1 - a.p_stayed_out.to_numpy(),
                              1 - b.p_stayed_out.to_numpy()),
        }
    probs = [c for c in a.columns if c.startswith("p_") and a[c].notna().all()]
    if len(probs) != 2:
        sys.exit(f"cannot tell the event from the probability columns {probs}")
    event = probs[1]
    return {event[2:]: (y.astype(int), a[event].to_numpy(), b[event].to_numpy())}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("run_a")
    ap.add_argument("pred_a")
    ap.add_argument("run_b")
    ap.add_argument("pred_b")
    ap.add_argument("--split", default=None)
    ap.add_argument("--seed", type=int, default=20241215)
    args = ap.parse_args(argv)
    names = [p if "[" in p else f"crisis[{p}]" for p in (args.pred_a, args.pred_b)]
    a = _load(args.run_a, names[0], args.split)
    b = _load(args.run_b, names[1], args.split)
    if not a.index.equals(b.index) or not (a.y.to_numpy() == b.y.to_numpy()).all():
        sys.exit("the two runs do not cover the same cases with the same outcomes")
    clusters = a.cluster.to_numpy()
    rows = []
    for target, (yy, pa, pb) in _targets(a, b).items():
        for metric in ("log_loss", "brier", "auc"):
            if target == "classes" and metric == "auc":
                continue
            d = cluster_bootstrap_difference(yy, pa, pb, clusters, metric,
                                             rng=np.random.default_rng(args.seed))
            rows.append({"target": target, "metric": metric, "a": names[0], "b": names[1],
                         "difference": round(d.estimate, 6), "low": round(d.low, 6),
                         "high": round(d.high, 6)})
    print(pd.DataFrame(rows).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
