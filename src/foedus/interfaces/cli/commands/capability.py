"""``foedus validate capability``: which capability measure predicts dispute outcomes.

``foedus validate capability [--measure cinc|milex|milstock|gdp_gdppc|components ...]
[--split era|decade]
[--seed S] [--bootstrap B] [--out DIR]`` fits the outcome model of
:mod:`foedus.history.outcome_model` under each measure on every split's training cases and
prints its out-of-sample scores beside the base rate, the logit and gradient boosting on the
literature's covariates, the CINC-ratio logit (``cinc_ratio``, Carroll & Kenkel's
benchmark) and the logit and boosting on the six NMC components of each side
(``components_logit``, ``components_boosted``), on the disputes where every measure exists;
the scores pooled per split, and with
``--split decade`` the ranking by the rule that chooses the default measure
(:func:`foedus.history.outcome_model.choose_measure`). ``--out`` writes the scores, pooled
scores, ranking, fitted parameters, bootstrap differences and per-case predictions.
"""

from __future__ import annotations

from typing import Annotated

import typer

from foedus.interfaces.cli.commands.history import _fmt, _write_tables, validate_app
from foedus.interfaces.cli.options import OutDir, Seed


@validate_app.command("capability")
def validate_capability(
    measure: Annotated[list[str] | None, typer.Option(
        help="cinc, milex, milstock, gdp_gdppc or components (the NMC components with "
             "estimated weights; repeatable); default all.")] = None,
    split: Annotated[str, typer.Option(
        help="era (1816-1945 <-> 1946-2014, both ways) or decade (leave one decade out).")
    ] = "era",
    ablations: Annotated[bool, typer.Option(
        help="Also score each measure without the loss-of-strength gradient and without the "
             "nuclear term.")] = False,
    seed: Seed = 20241215,
    bootstrap: Annotated[int, typer.Option(
        min=0, help="Cluster-bootstrap replicates of the model-minus-baseline differences "
                    "(era split).")] = 1000,
    out: OutDir = None,
) -> None:
    """Score the capability measures on dispute outcomes against the CINC-ratio logit."""
    import pandas as pd

    from foedus.errors import FoedusError
    from foedus.history.outcome_model import (
        OUTCOME_MEASURES,
        CincRatioPredictor,
        ComponentBaseline,
        capability_task,
        choose_measure,
        outcome_predictors,
        pooled_scores,
    )
    from foedus.history.splits import SPLITS, make_splits
    from foedus.history.validate import validate
    from foedus.interests.capability import MEASURES
    from foedus.interfaces.cli.main import console
    from foedus.interfaces.cli.render import frame_table

    chosen = list(measure or OUTCOME_MEASURES)
    for name in chosen:
        if name in MEASURES and MEASURES[name].outcome_weighted:
            raise FoedusError(f"--measure {name}: its weights were estimated on these "
                              "disputes (1816-1945), so it cannot be scored on them; use "
                              "--measure components (the weights estimated on each split's "
                              "training cases)")
        if name not in OUTCOME_MEASURES:
            raise FoedusError(f"--measure {name}: unknown capability measure (choose "
                              f"{', '.join(OUTCOME_MEASURES)})")
    if split not in SPLITS:
        raise FoedusError(f"--split {split}: unknown split (choose {' or '.join(SPLITS)})")
    task = capability_task()
    splits = make_splits(split, task.frame["year"].to_numpy())
    predictors = [CincRatioPredictor(), ComponentBaseline("logit"),
                  ComponentBaseline("boosted"), *outcome_predictors(chosen, ablations=ablations)]
    report = validate([task], splits, {"outcome": predictors},
                      seed=seed, bootstrap=bootstrap if split == "era" else 0)
    console.print(task.description)
    table = report.table()
    for split_name, group in table.groupby("split", sort=False):
        title = f"outcome - {split_name} ({group.train.iloc[0]} -> {group.test.iloc[0]})"
        console.print(frame_table(_fmt(group.drop(columns=["corpus", "split", "train",
                                                           "test"])), title=title,
                                  max_rows=200))
    fits = pd.DataFrame([{"split": key[1], "predictor": key[2], **state.to_dict()}
                         for key, state in report.fitted.items() if hasattr(state, "to_dict")])
    if len(fits):
        console.print(frame_table(fits.round(4), title="Estimates on each training era",
                                  max_rows=200))
    pooled = pooled_scores(report.predictions, task.classes)
    console.print(frame_table(_fmt(pooled, ("log_loss", "brier", "a_log_loss", "a_brier",
                                            "a_auc")),
                              title="Out-of-sample scores pooled per split (log loss and "
                                    "Brier on 3 classes; a_*: side A prevails)",
                              max_rows=200))
    ranking = None
    if split == "decade":
        ranking = choose_measure(pooled)
        console.print(frame_table(_fmt(ranking, ("log_loss",)),
                                  title="The rule for the default measure: pooled "
                                        "leave-one-decade-out log loss (ties go to CINC)"))
        console.print(f"best measure by the rule: {ranking.measure.iloc[0]}")
    if out is not None:
        tables = {"scores.csv": table, "pooled.csv": pooled, "fits.csv": fits}
        if ranking is not None:
            tables["ranking.csv"] = ranking
        written = _write_tables({**tables,
                                 "differences.csv": report.differences,
                                 "predictions.csv.gz": report.predictions,
                                 "reliability.csv": report.reliability,
                                 "timings.csv": report.timings}, out)
        console.print(f"wrote {len(written)} files to {out}")


def register(app: typer.Typer) -> None:
    """The command is added to ``foedus validate`` (registered by the history module)."""
