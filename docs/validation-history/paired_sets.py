"""Paired comparison of two crisis parameter sets scored in two runs on the same cases.

    python docs/validation-history/paired_sets.py RUN_A SET_A RUN_B SET_B [--seed 20241215]

RUN_A and RUN_B are ``--out`` directories of ``foedus validate history --model crisis`` over the
same split and direction; SET_A and SET_B the predictor names (``crisis[NAME]``). The cases are
matched on their ids (a run that covers different cases is refused); the differences A - B
in log loss (three classes), Brier score and AUC (target's side, originator's side, either side) get a cluster
bootstrap by dispute (1,000 replicates, ``foedus.history.scoring.cluster_bootstrap_difference``).
Used for the joint-democracy term (docs/validation-history.md): nothing is fitted here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from foedus.history.scoring import cluster_bootstrap_difference

COLUMNS = ["p_stayed_out", "p_target_side", "p_originator_side"]


def _load(run: str, predictor: str) -> pd.DataFrame:
    table = pd.read_csv(Path(run) / "predictions.csv.gz")
    out = table[table.predictor == predictor]
    if out.empty:
        sys.exit(f"{run}: no predictor {predictor} (has {sorted(table.predictor.unique())})")
    return out.set_index("case_id").sort_index()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("run_a")
    ap.add_argument("set_a")
    ap.add_argument("run_b")
    ap.add_argument("set_b")
    ap.add_argument("--seed", type=int, default=20241215)
    args = ap.parse_args(argv)
    a = _load(args.run_a, f"crisis[{args.set_a}]")
    b = _load(args.run_b, f"crisis[{args.set_b}]")
    if not a.index.equals(b.index) or not (a.y.to_numpy() == b.y.to_numpy()).all():
        sys.exit("the two runs do not cover the same cases with the same outcomes")
    y, clusters = a.y.to_numpy(), a.cluster.to_numpy()
    rows = []
    targets = {
        "classes": (y, a[COLUMNS].to_numpy(), b[COLUMNS].to_numpy()),
        "joined_target_side": ((y == 1).astype(int), a.p_target_side.to_numpy(),
                               b.p_target_side.to_numpy()),
        "joined_originator_side": ((y == 2).astype(int), a.p_originator_side.to_numpy(),
                                   b.p_originator_side.to_numpy()),
        "joined_either": ((y > 0).astype(int), 1 - a.p_stayed_out.to_numpy(),
                          1 - b.p_stayed_out.to_numpy()),
    }
    for target, (yy, pa, pb) in targets.items():
        for metric in ("log_loss", "brier", "auc"):
            if target == "classes" and metric == "auc":
                continue
            d = cluster_bootstrap_difference(yy, pa, pb, clusters, metric,
                                             rng=np.random.default_rng(args.seed))
            rows.append({"target": target, "metric": metric, "a": args.set_a, "b": args.set_b,
                         "difference": round(d.estimate, 4), "low": round(d.low, 4),
                         "high": round(d.high, 4)})
    print(pd.DataFrame(rows).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
