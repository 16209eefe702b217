"""Diagnostic: which part of the membership QRE ranks founders above non-joining candidates?
(docs/validation-history.md, "Why the formation model does not rank who joins").

For the candidates of the alliance corpus in one era, the membership QRE is solved at the
point estimate of a parameter set (its distributions' centres; no draws) and the prediction
``z = admission x accept`` is taken apart:

* ``accept`` = Lambda(lambda Delta): the candidate's own choice given the others';
* ``admission``: the probability that every co-member consents (unanimity; 1 if open);
* the terms of Delta (security, abandonment, allies, entrapment, ...), each on its own.

Each is scored by its AUC for "founding member" (the ranking: the level does not matter) and
``z`` by its log loss as well. The same games are then solved with the admission rule set to
``open`` (no co-member can veto), everything else unchanged: whether the consent term helps
or hurts the ranking. The parameters are not refitted for the variant, so its log loss mixes
the structure with a level fitted under the other rule; its AUC is the comparison.

Usage (from the repository root, foedus installed)::

    python docs/validation-history/formation_terms.py --era 1816-1945 \
        --parameters formation-1816-1945 --out OUT.csv

``--era`` selects the corpus rows by alliance year (inclusive). Nothing is fitted here.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

from foedus.history import cases as history_cases
from foedus.history.families import _alliance_batch
from foedus.history.scoring import auc, log_loss
from foedus.history.splits import SplitError, check_era, parse_era
from foedus.history.tasks import build_task
from foedus.models.formation.params import FORMATION_PARAMETERS, central_parameters
from foedus.models.formation.qre import solve_qre
from foedus.scenarios.parameter_sets import load_parameter_set


def solve_rows(batch, theta, n_rows: int, *, open_admission: bool = False) -> pd.DataFrame:
    """Per corpus row: membership, acceptance, admission, Delta and its terms."""
    columns: dict[str, np.ndarray] = {}

    def put(name, r, values):
        columns.setdefault(name, np.full(n_rows, np.nan))[r] = values

    for idx, stacked in batch.buckets():
        if open_admission:
            stacked = dataclasses.replace(stacked, unanimity=np.zeros_like(stacked.unanimity))
        sol = solve_qre(stacked, theta, method="damped")
        position = np.full(len(batch.games), -1)
        position[idx] = np.arange(idx.size)
        r = np.flatnonzero(position[batch.row_case] >= 0)
        g, s = position[batch.row_case[r]], batch.row_slot[r]
        put("z", r, sol.membership[g, s])
        put("accept", r, sol.accept[g, s])
        put("admission", r, sol.admission[g, s])
        put("delta", r, sol.delta[g, s])
        for term, values in sol.terms.items():
            put(term, r, values[g, s])
    return pd.DataFrame(columns)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--era", default="1816-1945")
    parser.add_argument("--parameters", default="formation-1816-1945")
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    task = build_task("formation-members")
    try:
        first, last = parse_era(args.era, option="--era")
        check_era((first, last), task.frame["year"].to_numpy(), option="--era", what="alliance")
    except SplitError as exc:
        sys.exit(str(exc))
    frame = task.frame[task.frame["year"].between(first, last)].reset_index(drop=True)
    batch, keep = _alliance_batch(dataclasses.replace(task, frame=frame), history_cases)
    rows = frame[keep].reset_index(drop=True)
    values = load_parameter_set(args.parameters).values
    theta = central_parameters({k: v for k, v in values.items()
                                if k in FORMATION_PARAMETERS}).values[0]
    y = rows["y"].to_numpy()
    print(f"era {first}-{last}: {len(rows):,} candidates ({int(y.sum())} founders) in "
          f"{len(batch.games)} alliances; parameters {args.parameters} at their centres")

    table = []
    for rule, open_admission in (("as built (unanimity)", False), ("open", True)):
        parts = solve_rows(batch, theta, len(rows), open_admission=open_admission)
        z = np.clip(parts["z"].to_numpy(), 1e-12, 1 - 1e-12)
        table.append({"admission rule": rule, "what": "z = admission x accept",
                      "auc": auc(y, z), "log_loss": log_loss(y, z),
                      "mean_founders": z[y == 1].mean(), "mean_others": z[y == 0].mean()})
        for name in parts.columns.drop("z"):
            x = parts[name].to_numpy()
            # a term is a value, not a probability: its AUC by rank (scikit-learn)
            table.append({"admission rule": rule, "what": name, "auc": roc_auc_score(y, x),
                          "log_loss": np.nan, "mean_founders": x[y == 1].mean(),
                          "mean_others": x[y == 0].mean()})
        if not open_admission:
            kept = rows.assign(**{f"model_{c}": parts[c] for c in parts.columns})
    out = pd.DataFrame(table)
    with pd.option_context("display.width", 120, "display.float_format", "{:.4f}".format):
        print(out.to_string(index=False))
        distance = kept["log_capdist_members"].fillna(kept["log_capdist_members"].median())
        kept["distance quintile"] = pd.qcut(distance, 5).astype(str)
        print("\nby quintile of log capital distance to the founders (as built):")
        print(kept.groupby("distance quintile")[["y", "model_z", "model_accept",
                                                  "model_admission", "model_security",
                                                  "model_entrapment"]].mean().to_string())
    if args.out:
        out.to_csv(args.out, index=False)
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
