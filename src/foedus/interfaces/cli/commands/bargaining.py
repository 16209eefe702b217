"""``foedus bargain``: what a negotiation would settle on (issue 12).

``foedus bargain [SCENARIO] [--negotiation ID] [--model smp|eu] [--draws N] [--seed S]
[--out DIR] [--ktab FILE]`` forecasts a scenario's negotiation (the flagship: the design of an
Asian collective-defence pact) with KTAB's spatial model or Scholz et al.'s expected-utility
model, with intervals over the uncertain positions and saliences, the design nearest to the
forecast, whether a collective-defence outcome is reached and whose positions decide it.
With ``--ktab FILE`` it runs a KTAB input file (CSV or XML) instead, with the file's switches.
``--write-section`` and ``--write-ktab`` convert between the two formats.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import numpy as np
import pandas as pd
import typer

from foedus.errors import ParameterError
from foedus.interfaces.cli.options import (
    MAX_SEED,
    OutDir,
    Parameters,
    atomic_folder,
    check_out_file,
    draws_option,
)

DEFAULT_SEED = 20241215


def _check_seed(value: int | None) -> int | None:
    if value is not None and not 0 <= value <= MAX_SEED:
        raise typer.BadParameter(f"{value} is not a seed; use an integer from 0 to {MAX_SEED}")
    return value


def _check_processes(value: int) -> int:
    if not 1 <= value <= 512:
        raise typer.BadParameter(f"{value} processes; use 1 to 512")
    return value


def _check_ktab_in(value: Path | None) -> Path | None:
    if value is None:
        return None
    if value.is_dir():
        raise typer.BadParameter(f"{value} is a folder; give a KTAB file (.csv or .xml)")
    if not value.exists():
        raise typer.BadParameter(f"{value}: no such file")
    if not value.is_file():
        raise typer.BadParameter(f"{value} is not a regular file")
    return value


def _check_section_out(value: Path | None) -> Path | None:
    return check_out_file(value, (".yaml", ".yml"))


def _check_ktab_out(value: Path | None) -> Path | None:
    return check_out_file(value, (".csv", ".xml"))


def _switches(base, values: list[str] | None):
    if not values:
        return base
    changes = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep:
            raise ParameterError(f"--switch {item!r}: write NAME=VALUE, e.g. VotingRule=PropCbc")
        changes[name.strip()] = value.strip()
    return base.from_ktab({**base.to_ktab(), **changes})


def _write(out: Path, tables: dict[str, pd.DataFrame]) -> list[Path]:
    """Write ``tables`` as ``bargain__NAME.csv`` into ``out``, all or nothing."""
    written = []
    with atomic_folder(out) as tmp:
        for name, frame in tables.items():
            frame.to_csv(tmp / f"bargain__{name}.csv", index=False)
            written.append(out / f"bargain__{name}.csv")
    return written


def _run_ktab(path: Path, model: str, seed: int | None, switch: list[str] | None,
              out: Path | None, write_section: Path | None) -> None:
    from foedus.interfaces.cli.main import console
    from foedus.interfaces.cli.render import frame_table
    from foedus.models.bargaining import read_ktab, run_eu, run_smp
    from foedus.models.bargaining.convert import ktab_to_negotiation, negotiation_yaml

    ktab = read_ktab(path)
    problem = ktab.problem
    if write_section is not None:
        write_section.parent.mkdir(parents=True, exist_ok=True)
        write_section.write_text(negotiation_yaml(ktab_to_negotiation(ktab)), encoding="utf-8")
        console.print(f"wrote the negotiations section to {write_section}")
    if model == "eu":
        rows, tables = [], {}
        for k, dim in enumerate(problem.dimensions):
            result = run_eu(problem.actors, problem.capability, problem.position[:, k] * 100,
                            problem.salience[:, k], scale=(0.0, 100.0))
            tables[f"eu_{k}"] = result.to_frame().assign(dimension=dim)
            summary = result.summary_frame()
            rows.append({"dimension": dim, "mean round 0": summary["weighted_mean"].iloc[0],
                         "mean final": summary["weighted_mean"].iloc[-1],
                         "median voter final": summary["median_voter"].iloc[-1]})
        console.print(frame_table(pd.DataFrame(rows).round(2), title=(
            f"{problem.name or path.name}: expected-utility model (Scholz et al. 2011), "
            "10 rounds per dimension")))
        if out is not None:
            tables = {"eu_positions": pd.concat(tables.values(), ignore_index=True)}
            console.print(f"wrote {len(_write(out, tables))} CSV files to {out}")
        return
    switches = _switches(ktab.switches, switch)
    run_seed = (ktab.seed if seed is None else seed) % 2**63
    result = run_smp(problem, switches, seed=run_seed)
    console.print(f"[bold]{problem.name or path.name}[/bold]: {problem.n_actors} actors, "
                  f"{problem.n_dimensions} dimension(s); KTAB switches {switches}; "
                  f"{result.n_turns} turns"
                  + (f" (seed {result.seed})" if result.seed is not None else ""),
                  highlight=False)
    final = pd.DataFrame(result.final_positions.round(2), columns=problem.dimensions)
    final.insert(0, "actor", problem.actors)
    final["P(win) final"] = result.position_probability[-1].round(4)
    console.print(frame_table(final, title="Final positions (0-100) and probability that each "
                                           "position prevails"))
    changes = ", ".join(f"{x:.4f}" for x in result.fractional_change)
    console.print(f"Fractional change compared to the first turn: {changes}", highlight=False)
    console.print(f"Expected outcome (0-100): {np.round(result.outcome(), 2).tolist()}",
                  highlight=False)
    if out is not None:
        tables = {"positions": result.positions_frame(),
                  "probabilities": result.probabilities_frame(),
                  "bargains": result.bargains_frame(), "changes": result.changes_frame()}
        console.print(f"wrote {len(_write(out, tables))} CSV files to {out}")


def bargain(
    scenario: Annotated[str | None, typer.Argument(
        help="Scenario file or shipped name (default: the flagship).")] = None,
    negotiation: Annotated[str | None, typer.Option(
        help="Negotiation id (default: the scenario's first).")] = None,
    model: Annotated[str | None, typer.Option(
        help="smp (KTAB's spatial model) or eu (Scholz et al.'s expected-utility model); "
             "default: the negotiation's.")] = None,
    draws: Annotated[int, draws_option(
        "bargain", 200, "Draws of the uncertain positions and saliences (0: central values "
        "only)", minimum=0)] = 200,
    seed: Annotated[int | None, typer.Option(
        help=f"Seed of the draws and of stochastic steps (0 to {MAX_SEED}; default "
             f"{DEFAULT_SEED}; with --ktab, the file's seed).", callback=_check_seed)] = None,
    out: OutDir = None,
    ktab: Annotated[Path | None, typer.Option(
        help="Run a KTAB input file (CSV or XML) instead of a scenario negotiation.",
        callback=_check_ktab_in)] = None,
    switch: Annotated[list[str] | None, typer.Option(
        help="Override a KTAB switch, e.g. --switch VotingRule=PropCbc (repeatable).")] = None,
    processes: Annotated[int, typer.Option(
        help="Worker processes for the draws (1 to 512; same numbers as serial).",
        callback=_check_processes)] = 1,
    write_section: Annotated[Path | None, typer.Option(
        help="With --ktab: write the file as a scenario `negotiations:` section (.yaml).",
        callback=_check_section_out)] = None,
    write_ktab: Annotated[Path | None, typer.Option(
        help="Write the negotiation's central values as a KTAB file (.csv or .xml).",
        callback=_check_ktab_out)] = None,
    parameters: Parameters = None,
) -> None:
    """What would a negotiation settle on? Forecast, intervals, nearest design, who decides."""
    from foedus.interfaces.cli.main import _load_case, console
    from foedus.interfaces.cli.render import frame_table
    from foedus.models.bargaining.convert import negotiation_to_ktab
    from foedus.models.bargaining.negotiation import analyze

    if model is not None and model not in ("smp", "eu"):
        raise ParameterError(f"--model {model}: choose smp or eu")
    if ktab is not None:
        if scenario is not None or negotiation is not None or parameters is not None:
            raise ParameterError("--ktab runs a KTAB file: give no scenario, --negotiation or "
                                 "--parameters")
        _run_ktab(ktab, model or "smp", seed, switch, out, write_section)
        return
    if write_section is not None:
        raise ParameterError("--write-section converts a KTAB file: use it with --ktab FILE")
    case = _load_case(scenario, parameters)
    seed = DEFAULT_SEED if seed is None else seed
    if write_ktab is not None:
        write_ktab.parent.mkdir(parents=True, exist_ok=True)
        negotiation_to_ktab(case, negotiation, write_ktab, seed=seed)
        console.print(f"wrote the negotiation's central values to {write_ktab}")
    switches = None
    if switch:
        from foedus.models.bargaining.negotiation import negotiation_spec

        switches = _switches(negotiation_spec(case, negotiation).switches, switch)
    result = analyze(case, negotiation, model=model, draws=draws, seed=seed,
                     processes=processes, switches=switches)
    _print_negotiation(console, frame_table, result, seed)
    if out is not None:
        tables = {"forecast": result.forecast_frame(), "designs": result.design_frame(),
                  "sensitivity": result.sensitivity_frame(), "draws": result.to_frame(),
                  "inputs": result.inputs, "central_positions": result.positions_frame()}
        console.print(f"wrote {len(_write(out, tables))} CSV files to {out}")


def _print_negotiation(console, frame_table, result, seed) -> None:
    spec = result.spec
    model = ("KTAB's spatial model of politics, switches " + str(spec.switches)
             if result.model == "smp" else "expected-utility model (Scholz et al. 2011), "
                                           "issue by issue")
    console.print(f"[bold]{spec.name}[/bold] ({spec.id}): {len(spec.actors)} actors, "
                  f"{len(spec.issues)} issues; {model}; capability {spec.capability_source}; "
                  f"{result.draws} draws of positions and saliences (seed {seed})",
                  highlight=False)
    forecast = result.forecast_frame()
    shown = pd.DataFrame({
        "issue": forecast["issue"], "forecast": forecast["forecast"].round(1),
        "median": forecast["median"].round(1),
        "5-95%": [f"{a:.1f}-{b:.1f}" if np.isfinite(a) else "-"
                  for a, b in zip(forecast["q05"], forecast["q95"], strict=True)],
        "nearest anchor (central run)": forecast["nearest_anchor"]})
    console.print(frame_table(shown, title="Forecast per issue (0-100; central run, and over "
                                           "the draws)"))
    designs = result.design_frame()
    if len(designs):
        designs = designs.assign(share_of_draws=designs["share_of_draws"].map(
            lambda v: "-" if pd.isna(v) else f"{v:.0%}"))
        console.print(frame_table(designs, title="Design nearest to the forecast"))
    p = result.collective_defence_probability()
    if p is not None:
        k, threshold = spec.collective
        console.print(f"Collective defence ({spec.issue_ids[k]} >= {threshold:g}) reached in "
                      f"{p:.0%} of draws; central forecast {result.central_outcome[k]:.1f}",
                      highlight=False)
    sens = result.sensitivity_frame()
    if len(sens):
        top = sens.groupby("issue", sort=False).head(3)
        console.print(frame_table(top.round(3), title="Whose positions decide the forecast "
                                                      "(standardised regression coefficients)"))
    if result.model == "smp":
        central = result.central
        final = pd.DataFrame(central.final_positions.round(1), columns=spec.issue_ids)
        final.insert(0, "actor", spec.actors)
        console.print(frame_table(final, title=f"Central run: positions after "
                                               f"{central.n_turns} turns"))


def register(app: typer.Typer) -> None:
    """Add ``foedus bargain`` to the main app."""
    app.command("bargain")(bargain)
