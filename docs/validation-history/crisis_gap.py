"""Where the crisis model loses to the logit: the per-case log-loss difference of an
intervention run, summed by kind of third party, by decade and by the number of politically
relevant third parties in the dispute.

    foedus validate history --model crisis --split era --no-reverse --no-refit \
        --parameters crisis-1816-1945 --out DIR
    python docs/validation-history/crisis_gap.py DIR [PREDICTOR]

PREDICTOR defaults to ``crisis[crisis-1816-1945]``. The covariates are the intervention
corpus's (``foedus.history.tasks.build_task("intervention")``). See
docs/validation-history.md, "Where the crisis model loses to the logit".
"""

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from foedus.history.scoring import _per_case_loss
from foedus.history.tasks import build_task

COLS = ["p_stayed_out", "p_target_side", "p_originator_side"]

if len(sys.argv) not in (2, 3):
    sys.exit("usage: python crisis_gap.py DIR [PREDICTOR]")
model = sys.argv[2] if len(sys.argv) == 3 else "crisis[crisis-1816-1945]"
pred = pd.read_csv(Path(sys.argv[1]) / "predictions.csv.gz")
pred = pred[pred["split"] == "era"]


def case_loss(name):
    d = pred[pred["predictor"] == name].set_index("case_id")
    if d.empty:
        sys.exit(f"no predictions of {name!r} in {sys.argv[1]}")
    probs = d[COLS].to_numpy()
    y = d["y"].to_numpy().astype(int)
    return (pd.Series(_per_case_loss("log_loss", y, probs), d.index),
            1.0 - d["p_stayed_out"])


ll_model, p_model = case_loss(model)
ll_logit, p_logit = case_loss("logit")
f = build_task("intervention").frame.set_index("case_id").loc[ll_model.index]
ally_t, ally_o = f["defense_target_side"] > 0, f["defense_originator_side"] > 0
f["third party"] = np.select(
    [ally_t & ally_o, ally_t, ally_o,
     (f["contiguous_target_side"] + f["contiguous_originator_side"]) > 0],
    ["ally of both sides", "ally of the target's side", "ally of the originator's side",
     "contiguous, no defence pact"], "other (non-defence ATOP ally)")
f["third party"] += np.where(f["major"] > 0, " (major)", "")
f["decade"] = (f["year"] // 10) * 10
f["third parties in the dispute"] = pd.cut(f.groupby("cluster")["y"].transform("size"),
                                          [0, 20, 40, 60, 80, 1000])
f["gap"] = ll_model - ll_logit
f["joined"] = (f["y"] > 0).astype(float)
f["p_model"], f["p_logit"] = p_model, p_logit
total = f["gap"].sum()
print(f"{model} minus logit: {total / len(f):+.5f} nats per case over {len(f):,} cases "
      f"({total:.1f} in all)\n")
for key in ("third party", "third parties in the dispute", "decade"):
    g = f.groupby(key, observed=True).agg(
        n=("y", "size"), joined=("joined", "mean"), p_logit=("p_logit", "mean"),
        p_model=("p_model", "mean"), gap=("gap", "sum"))
    g["share of gap"] = g["gap"] / total
    print(g.round(4).to_string(), "\n")
g = f.groupby("y").agg(n=("y", "size"), gap=("gap", "sum"))
g["share of gap"] = g["gap"] / total
print(g.rename(index={0: "stayed out", 1: "target's side", 2: "originator's side"})
      .round(3).to_string())
