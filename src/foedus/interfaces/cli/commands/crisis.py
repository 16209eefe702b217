"""``foedus crisis``: who would fight, per crisis and design, with uncertainty (issue #4).

``foedus crisis [SCENARIO] [--crisis ID] [--design NAME] [--draws N] [--seed S]
[--without ISO3] [--out DIR]`` runs the crisis Monte Carlo and prints, per crisis, P(fight)
of every deciding state under each design (with 5-95% intervals when one design is shown),
the outcomes (P(deterred), P(aggressor prevails), balance of forces) with the US (or any
``--without`` state) removed as a counterfactual, the most frequent coalitions, the
calibration to the historical record and the parameters that drive each result.
"""

from __future__ import annotations

from typing import Annotated

import pandas as pd
import typer

from foedus.interfaces.cli.options import (
    OutDir,
    Parameters,
    Seed,
    check_choices,
    draws_option,
)


def _pct(value) -> str:
    return "-" if pd.isna(value) else f"{value:.0%}"


def crisis(
    scenario: Annotated[str | None, typer.Argument(
        help="Scenario file or shipped name (default: the flagship).")] = None,
    crisis_id: Annotated[list[str] | None, typer.Option(
        "--crisis", help="Crisis id(s); default all.")] = None,
    design: Annotated[list[str] | None, typer.Option(help="Design id(s); default all.")] = None,
    draws: Annotated[int, draws_option("crisis", 1000, "Monte Carlo draws of the parameters",
                                       minimum=2)] = 1000,
    seed: Seed = 20241215,
    without: Annotated[list[str] | None, typer.Option(
        help="Counterfactual: this state stays out (default USA; 'none' for no counterfactual)."
    )] = None,
    calibrate: Annotated[bool, typer.Option(
        help="Calibrate the war-entry cost to the scenario's treaty_reliability prior.")] = True,
    out: OutDir = None,
    parameters: Parameters = None,
) -> None:
    """Who would fight? P(fight / support / stay out / side with the aggressor) per state,
    P(deterred) and the balance of forces, for every crisis and design."""
    from rich.progress import Progress

    from foedus.errors import ParameterError
    from foedus.interfaces.cli.main import _check_ids, _load_case, console
    from foedus.interfaces.cli.render import frame_table
    from foedus.models.crisis import analyze

    case = _load_case(scenario, parameters)
    _check_ids(crisis_id, [c.id for c in case.crises], "crisis")
    _check_ids(design, [d.id for d in case.designs], "design")
    if not case.crises:
        raise ParameterError(f"{case.scenario.path}: the scenario has no crises; add one under "
                             "`crises:` to run the crisis model")
    counterfactuals = ("USA",) if without is None else tuple(w for w in without if w != "none")
    check_choices([w for w in counterfactuals if without is not None], list(case.world.states),
                  "--without", "state in the scenario (or 'none')")
    counterfactuals = tuple(w for w in counterfactuals if w in case.world.states)
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("crisis Monte Carlo", total=None)

        def progress(done, total, label):
            bar.update(task, total=total, completed=done, description=label)

        res = analyze(case, crises=crisis_id, designs=design, draws=draws, rng=seed,
                      without=counterfactuals, calibrate=calibrate, progress=progress)
    console.print(f"[bold]Who would fight?[/bold] - {case.scenario.id}: {draws} draws, seed "
                  f"{seed}; equilibria converged in {res.converged:.1%} of draws "
                  "(docs/models/crisis.md)", highlight=False)
    cal = res.calibration_table.iloc[0]
    console.print(
        f"Calibration: treaty-obliged states fight at {cal.model_mean:.0%} "
        f"[{cal.model_p05:.0%}, {cal.model_p95:.0%}] in the baseline against the prior "
        f"{cal.prior_mean:.0%} [{cal.prior_p05:.0%}, {cal.prior_p95:.0%}] "
        f"({cal.obliged_units} obliged units; entry cost c0* = {cal.entry_cost:.2f}). "
        f"{cal.note}", highlight=False)
    designs_run = list(dict.fromkeys(res.states.design))
    for c in dict.fromkeys(res.states.crisis):
        states = res.states[(res.states.crisis == c) & (res.states.variant == "as designed")
                            & (res.states.role == "decides")]
        if len(designs_run) == 1:
            shown = pd.DataFrame({
                "state": states.iso3,
                "obliged": states.obliged.map({True: "yes", False: ""}),
                "P(fight)": [f"{a:.0%} [{b:.0%}-{d:.0%}]" for a, b, d in
                             zip(states.p_fight, states.p_fight_p05, states.p_fight_p95)],
                "P(support)": states.p_support.map(_pct),
                "P(stay out)": states.p_stay_out.map(_pct),
                "P(side with aggressor)": states.p_aggressor.map(_pct),
            })
        else:
            wide = states.pivot_table(index="iso3", columns="design", values="p_fight",
                                      sort=False)[designs_run]
            obliged = states.pivot_table(index="iso3", columns="design", values="obliged",
                                         aggfunc="max", sort=False)[designs_run]
            shown = pd.DataFrame({"state": wide.index})
            for d in designs_run:
                shown[d] = [f"{v:.0%}{'*' if o else ''}" for v, o in
                            zip(wide[d], obliged[d])]
        console.print(frame_table(shown, title=f"{c}: P(fight) per state"
                                  + ("" if len(designs_run) == 1 else
                                     " and design (* = treaty-obliged)")))
        outcome = res.design_effects(designs_run[0]).query("crisis == @c")
        console.print(frame_table(pd.DataFrame({
            "design": outcome.design, "variant": outcome.variant,
            "P(deterred)": outcome.p_deterred.map(_pct),
            f"vs {designs_run[0]}": outcome.delta_p_deterred.map("{:+.0%}".format),
            "P(aggressor prevails)": outcome.p_aggressor_prevails.map(_pct),
            "target side's share of force": [f"{a:.0%} [{b:.0%}-{d:.0%}]" for a, b, d in zip(
                outcome.balance_target_share, outcome.balance_p05, outcome.balance_p95)],
            "expected fighters": outcome.expected_fighters.map("{:.1f}".format)}),
            title=f"{c}: outcomes"))
        top = res.coalitions[(res.coalitions.crisis == c)
                             & (res.coalitions.variant == "as designed")
                             & (res.coalitions["rank"] <= 3)]
        console.print(frame_table(top[["design", "rank", "fight", "support", "aggressor_side",
                                       "share"]].assign(share=top.share.map(_pct)),
                                  title=f"{c}: most frequent coalitions (deciding states)"))
    if not res.sensitivity.empty:
        first = res.sensitivity[res.sensitivity["rank"] == 1]
        drivers = (first.groupby("parameter").size().sort_values(ascending=False)
                   .rename("measures where it ranks first").reset_index())
        console.print(frame_table(drivers, title="What drives the results (first-order "
                                  "sensitivity; full table with --out)"))
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        tables = {"states": res.states, "outcomes": res.design_effects(designs_run[0]),
                  "coalitions": res.coalitions, "sensitivity": res.sensitivity,
                  "calibration": res.calibration_table, "parameters": res.parameters}
        for name, frame in tables.items():
            frame.to_csv(out / f"crisis__{name}.csv", index=False)
        console.print(f"wrote {len(tables)} tables to {out}")


def register(app: typer.Typer) -> None:
    """Add ``foedus crisis`` to the command line."""
    app.command("crisis")(crisis)
