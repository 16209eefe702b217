"""``foedus validate history`` and ``foedus fit``: models scored against baselines on history,
and their parameters estimated on a training era (issue 9).

``foedus validate history [--model crisis|formation|outcome] [--split era|decade]
[--parameters NAME|FILE] [--seed S] [--bootstrap B] [--out DIR]`` prints, per corpus and
split, the out-of-sample scores of each model beside the base rate, the logit and the
gradient-boosted baseline, the acceptance test of issue 9 and the bootstrap intervals of the
differences; ``--out`` writes the tables and every per-case prediction as CSV.

``foedus fit crisis|formation --train 1816-1945 [--seed S] [--prior registered|wide]
[--out FILE]`` estimates the
model's identified parameters on the training era (posterior mode, Laplace intervals),
prints them with the likelihood evaluations per second (vectorised kernel beside a plain
Python loop over the same cases) and writes the fitted parameter set with its provenance.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Annotated

import typer

from foedus.interfaces.cli.options import OutDir, Parameters, Seed, atomic_folder, check_out_file

validate_app = typer.Typer(no_args_is_help=True,
                           help="Validate models out of sample (history corpora).")
fit_app = typer.Typer(no_args_is_help=True,
                      help="Estimate model parameters by likelihood on a training era.")

MODELS = ("crisis", "formation", "outcome")
FIT_MODELS = ("crisis", "formation")


def _code_version() -> str:
    import subprocess

    import foedus

    version = f"foedus {foedus.__version__}"
    try:
        here = Path(__file__).resolve().parent
        commit = subprocess.run(["git", "-C", str(here), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, timeout=5, check=False)
        if commit.returncode == 0 and commit.stdout.strip():
            version += f" (git {commit.stdout.strip()})"
    except (OSError, subprocess.SubprocessError):
        pass
    return version


def _write_tables(frames: dict, out: Path) -> list[Path]:
    """Write every table into ``out`` only once all are rendered (nothing half-way)."""
    with atomic_folder(Path(out)) as staging:
        for name, frame in frames.items():
            compression = "gzip" if name.endswith(".gz") else None
            frame.to_csv(staging / name, index=False, compression=compression)
    return [Path(out) / name for name in frames]


def _check_yaml(value: Path | None) -> Path | None:
    return check_out_file(value, (".yaml", ".yml"))


Prior = Annotated[str, typer.Option(
    help="Prior of the estimated parameters: registered (the registered judgement "
         "distributions; default) or wide (a diagnostic: uniform on wide, physically "
         "meaningful ranges - weights and costs 0-10, precision 0.01-20; "
         "foedus.history.priors). The written set records which.")]
ParameterFile = Annotated[Path | None, typer.Option(
    help="Write the fitted parameter set to this YAML file.", callback=_check_yaml)]


def _fmt(frame, columns=("log_loss", "brier", "auc", "ece")):
    import pandas as pd

    frame = frame.copy()
    for c in columns:
        if c in frame:
            frame[c] = frame[c].map(lambda v: "-" if pd.isna(v) else f"{v:.4f}")
    return frame


@validate_app.command("history")
def validate_history(
    model: Annotated[list[str] | None, typer.Option(
        help="crisis (intervention corpus), formation (alliance members and dyad-years) or "
             "outcome (dispute outcomes); default all.")] = None,
    split: Annotated[str, typer.Option(
        help="era (1816-1945 <-> 1946-2014, both ways) or decade (leave one decade out).")
    ] = "era",
    parameters: Parameters = None,
    seed: Seed = 20241215,
    bootstrap: Annotated[int, typer.Option(
        min=0, help="Cluster-bootstrap replicates of the model-minus-baseline differences.")
    ] = 1000,
    reverse: Annotated[bool, typer.Option(
        help="With --split era, also train on 1946-2014 and test on 1816-1945.")] = True,
    forward: Annotated[bool, typer.Option(
        help="With --split era, train on 1816-1945 and test on 1946-2014 (--no-forward "
             "--reverse: the reverse direction only).")] = True,
    refit: Annotated[bool, typer.Option(
        help="Fit each model on each split's training era (--no-refit: score the judgement "
             "defaults, the calibration and --parameters only).")] = True,
    draws: Annotated[int, typer.Option(
        min=1, max=1000, help="Draws of a parameter set's distributions per prediction.")
    ] = 16,
    corpus: Annotated[list[str] | None, typer.Option(
        help="Only these corpora of the chosen models (intervention, formation-members, "
             "formation-dyads, outcome); default every corpus.")] = None,
    out: OutDir = None,
) -> None:
    """Score every model against the base rate, logit and gradient boosting, out of sample.

    Each model is scored under the judgement defaults, fitted on each split's training era,
    calibrated where the family offers a calibration, and under ``--parameters`` if given;
    ``--out`` writes the tables and every per-case prediction."""
    import warnings

    from foedus.errors import FoedusError, UnconvergedWarning
    from foedus.history.pipeline import build_validation
    from foedus.history.splits import SPLITS, make_splits
    from foedus.history.validate import acceptance, validate
    from foedus.interfaces.cli.main import console
    from foedus.interfaces.cli.render import frame_table

    chosen = list(model or MODELS)
    for name in chosen:
        if name not in MODELS:
            raise FoedusError(f"--model {name}: unknown model (choose {', '.join(MODELS)})")
    if split not in SPLITS:
        raise FoedusError(f"--split {split}: unknown split (choose {' or '.join(SPLITS)})")
    if split == "era" and not forward and not reverse:
        raise FoedusError("--no-forward --no-reverse: no era split left to score (drop one "
                          "of them)")
    parameter_set = None
    if parameters is not None:
        from foedus.scenarios.parameter_sets import load_parameter_set

        parameter_set = load_parameter_set(parameters)
    tasks, models = build_validation(chosen, parameter_set=parameter_set, refit=refit,
                                     draws=draws, corpora=corpus)
    splits = {t.corpus: [s for s in make_splits(split, t.frame["year"].to_numpy(),
                                                 both_ways=reverse)
                         if forward or s.name != "era"]
              for t in tasks}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UnconvergedWarning)
        report = validate(tasks, splits, models, seed=seed, bootstrap=bootstrap,
                          bootstrap_splits=("era", "era-reverse"))
    unconverged = []
    for w in caught:
        if issubclass(w.category, UnconvergedWarning):
            unconverged.append(str(w.message))
        else:
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    table = report.table()
    for (corpus_name, split_name), group in table.groupby(["corpus", "split"], sort=False):
        title = f"{corpus_name} - {split_name} ({group.train.iloc[0]} -> {group.test.iloc[0]})"
        console.print(frame_table(_fmt(group.drop(columns=["corpus", "split", "train",
                                                           "test"])), title=title,
                                  max_rows=200))
    if split == "era":
        verdicts = acceptance(report)
        if len(verdicts):
            console.print(frame_table(_fmt(verdicts, ("log_loss", "logit_log_loss", "auc",
                                                      "boosted_auc")),
                                      title="Acceptance (issue 9): beats the logit in log loss, "
                                            "AUC within 0.03 of gradient boosting"))
        if len(report.differences):
            diffs = report.differences
            diffs = diffs[diffs.baseline.isin(["logit", "boosted"])]
            console.print(frame_table(diffs[["corpus", "split", "target", "model", "baseline",
                                             "metric", "difference", "low", "high"]]
                                      .round(4), title="Model minus baseline (cluster "
                                                       "bootstrap 95% interval)", max_rows=200))
    for message in unconverged:
        console.print(f"note: {message}")
    if out is not None:
        written = _write_tables({"scores.csv": table, "predictions.csv.gz": report.predictions,
                                 "reliability.csv": report.reliability,
                                 "differences.csv": report.differences,
                                 "acceptance.csv": acceptance(report) if split == "era"
                                 else table.iloc[0:0], "timings.csv": report.timings}, out)
        console.print(f"wrote {len(written)} files to {out}")


_SET_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _fit_command(which: str, train: str, seed: int, starts: int, out: Path | None,
                 name: str | None, loop_evaluations: int, prior: str = "registered") -> None:
    from foedus.errors import FoedusError
    from foedus.history.parameter_file import fitted_parameter_document, write_parameter_file
    from foedus.history.pipeline import fit_model
    from foedus.history.priors import check_prior
    from foedus.history.splits import parse_era
    from foedus.interfaces.cli.main import console
    from foedus.interfaces.cli.render import frame_table

    if name is not None and out is None:
        raise FoedusError("--name names the parameter set written by --out: give --out FILE "
                          "too (or drop --name)")
    if name is not None and not _SET_NAME.fullmatch(name):
        raise FoedusError(f"--name {name!r}: a set name is letters, digits, '.', '_' or '-', "
                          "starting with a letter or digit (e.g. crisis-1816-1945)")
    check_prior(prior)
    era = parse_era(train)
    outcome = fit_model(which, era, seed=seed, starts=starts,
                        loop_evaluations=loop_evaluations, prior=prior)
    fit = outcome.fit
    wide = prior != "registered"
    console.print(frame_table(fit.to_frame().round(4), title=f"{which}: fitted on "
                              f"{era[0]}-{era[1]}" + (" under the WIDE diagnostic prior"
                                                      if wide else "") +
                              f" (n={fit.n_cases}, log-likelihood "
                              f"{fit.log_likelihood:.1f}; at the prior centre "
                              f"{fit.log_likelihood_centre:.1f})", max_rows=100))
    console.print(f"likelihood evaluations per second: vectorised {fit.evaluations_per_second:.1f}"
                  + (f", plain-Python loop {outcome.loop_rate:.2f} (ratio "
                     f"{fit.evaluations_per_second / outcome.loop_rate:.0f}x)"
                     if outcome.loop_rate else "")
                  + f"; {fit.evaluations} evaluations in {fit.seconds:.1f} s")
    if out is not None:
        command = f"foedus fit {which} --train {era[0]}-{era[1]} --seed {seed}" + (
            f" --starts {starts}" if starts != 2 else "") + (
            f" --prior {prior}" if wide else "")
        provenance = {"command": command, "model": which, "train": f"{era[0]}-{era[1]}",
                      "corpus": outcome.corpus, "data": outcome.data_versions,
                      "date": _dt.date.today().isoformat(), "code_version": _code_version()}
        set_name = name or Path(out).stem
        doc = fitted_parameter_document(
            fit, name=set_name, description=f"{which} model parameters estimated on the "
            f"{outcome.corpus} corpus, {era[0]}-{era[1]} ({fit.n_cases} cases)" + (
                " under the wide diagnostic prior (foedus.history.priors), not the "
                "registered judgement ranges" if wide else ""),
            provenance=provenance, prior=prior)
        write_parameter_file(doc, out)
        console.print(f"wrote {out}")


@fit_app.command("crisis")
def fit_crisis(
    train: Annotated[str, typer.Option(help="Training era, e.g. 1816-1945.")] = "1816-1945",
    seed: Seed = 20241215,
    starts: Annotated[int, typer.Option(min=0, help="Extra starts from prior draws.")] = 2,
    out: ParameterFile = None,
    name: Annotated[str | None, typer.Option(help="Name of the set (default: file stem).")
                    ] = None,
    loop_evaluations: Annotated[int, typer.Option(
        min=0, help="Evaluations of the plain-Python loop timed for comparison.")] = 1,
    prior: Prior = "registered",
) -> None:
    """Estimate the crisis model on the intervention corpus of the training era."""
    _fit_command("crisis", train, seed, starts, out, name, loop_evaluations, prior)


@fit_app.command("formation")
def fit_formation(
    train: Annotated[str, typer.Option(help="Training era, e.g. 1816-1945.")] = "1816-1945",
    seed: Seed = 20241215,
    starts: Annotated[int, typer.Option(min=0, help="Extra starts from prior draws.")] = 2,
    out: ParameterFile = None,
    name: Annotated[str | None, typer.Option(help="Name of the set (default: file stem).")
                    ] = None,
    loop_evaluations: Annotated[int, typer.Option(
        min=0, help="Evaluations of the plain-Python loop timed for comparison.")] = 1,
    prior: Prior = "registered",
) -> None:
    """Estimate the formation model on the alliance-membership corpus of the training era."""
    _fit_command("formation", train, seed, starts, out, name, loop_evaluations, prior)


def register(app: typer.Typer) -> None:
    """Add ``foedus validate`` and ``foedus fit`` to the command line."""
    app.add_typer(validate_app, name="validate")
    app.add_typer(fit_app, name="fit")
