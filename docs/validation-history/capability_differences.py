"""Cluster-bootstrap differences of the capability predictors (docs/validation-history.md,
"The NMC components with weights estimated on the outcomes").

    python docs/validation-history/capability_differences.py DECADE_DIR ERA_DIR --out CSV

DECADE_DIR and ERA_DIR are the ``--out`` directories of ``foedus validate capability
--split decade`` and ``--split era``; the script reads their ``predictions.csv.gz`` and
prints, for each split family (the pooled leave-one-decade-out predictions, the era split
and its reverse), the three-class log-loss difference of each pair with a 95% percentile
interval over 2,000 bootstrap replicates of whole disputes (seed 20241215).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from foedus.history.scoring import cluster_bootstrap_difference

PAIRS = [("outcome-components", "outcome-cinc"), ("outcome-components", "cinc_ratio"),
         ("outcome-components", "outcome-gdp_gdppc"), ("outcome-components", "base_rate"),
         ("outcome-components", "logit"), ("components_logit", "cinc_ratio"),
         ("components_boosted", "cinc_ratio"), ("components_boosted", "logit"),
         ("components_boosted", "boosted"), ("components_boosted", "outcome-components")]
CLASSES = ["p_A", "p_B", "p_stalemate"]


def differences(predictions: pd.DataFrame, family: str) -> list[dict]:
    by = {name: group.sort_values("case_id").reset_index(drop=True)
          for name, group in predictions.groupby("predictor")}
    rows = []
    for a, b in PAIRS:
        if a not in by or b not in by:
            continue
        left, right = by[a], by[b]
        if not (left["case_id"].to_numpy() == right["case_id"].to_numpy()).all():
            raise SystemExit(f"{a} and {b} were not scored on the same disputes")
        result = cluster_bootstrap_difference(
            left["y"].to_numpy(), left[CLASSES].to_numpy(), right[CLASSES].to_numpy(),
            left["cluster"].to_numpy(), "log_loss", replicates=2000,
            rng=np.random.default_rng(20241215))
        rows.append({"split": family, "model": a, "baseline": b, "n": len(left),
                     "log_loss_difference": round(result.estimate, 4),
                     "low": round(result.low, 4), "high": round(result.high, 4)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("decade", type=Path)
    parser.add_argument("era", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    rows = []
    decade = pd.read_csv(args.decade / "predictions.csv.gz")
    rows += differences(decade, "decade")
    era = pd.read_csv(args.era / "predictions.csv.gz")
    for split in ("era", "era-reverse"):
        rows += differences(era[era["split"] == split], split)
    table = pd.DataFrame(rows)
    print(table.to_string(index=False))
    if args.out is not None:
        table.to_csv(args.out, index=False)


if __name__ == "__main__":
    main()
