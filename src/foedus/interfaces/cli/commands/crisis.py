"""``foedus crisis``: who would fight, per crisis and design, with uncertainty.

``foedus crisis [SCENARIO] [--crisis ID] [--design NAME] [--draws N] [--seed S]
[--without ISO3] [--out DIR]`` runs the crisis Monte Carlo and prints, per crisis, the five
choice probabilities of every deciding state (with 5-95% intervals for fighting when one
design is shown, P(fight for the target) per design otherwise), the outcomes (P(deterred),
P(aggressor prevails), balance of forces) with the US (or any ``--without`` state) removed as
a counterfactual, the most frequent coalitions, the reliability check against the era's
record, for a crisis that happened the score against what happened with P(deterred)
flagged, and the parameters that drive each result.
"""

from __future__ import annotations

from typing import Annotated

import pandas as pd
import typer

from foedus.interfaces.cli.options import (
    OutDir,
    Parameters,
    Seed,
    atomic_folder,
    check_choices,
    draws_option,
)

#: Column headers of the five choices.
CHOICES = (("p_fight_target", "fight for target"), ("p_support_target", "support target"),
           ("p_stay_out", "stay out"), ("p_support_aggressor", "support aggressor"),
           ("p_fight_aggressor", "fight for aggressor"))


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
    out: OutDir = None,
    parameters: Parameters = None,
) -> None:
    """Who would fight? The five choices of every third state (fight for or support the
    target, stay out, support or fight for the aggressor), P(deterred) and the balance of
    forces, for every crisis and design."""
    from rich.progress import Progress

    from foedus.errors import ParameterError
    from foedus.interfaces.cli.main import _check_ids, _load_case, console
    from foedus.interfaces.cli.render import frame_table
    from foedus.models.crisis import analyze, baseline_design

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
                      without=counterfactuals, progress=progress)
    console.print(f"[bold]Who would fight?[/bold] - {case.scenario.id}: {draws} draws, seed "
                  f"{seed}, parameters {res.parameter_set}; equilibria converged in "
                  f"{res.converged:.1%} of draws (docs/models/crisis.md)", highlight=False)
    check = res.checks.iloc[0]
    if check.obliged_units:
        console.print(
            f"Check: treaty-obliged states fight at {check.model_mean:.0%} "
            f"[{check.model_p05:.0%}, {check.model_p95:.0%}] in the {check.baseline} against "
            f"the era's record {check.prior_mean:.0%} [{check.prior_p05:.0%}, "
            f"{check.prior_p95:.0%}] (treaty_reliability; {check.obliged_units} obliged units): "
            f"{check.note}.", highlight=False)
    designs_run = list(dict.fromkeys(res.states.design))
    for c in dict.fromkeys(res.states.crisis):
        _print_crisis(console, frame_table, res, c, designs_run)
    if not res.history_summary.empty:
        _print_history(console, frame_table, res)
    scored = set(res.history_summary.get("crisis", ()))
    for c in dict.fromkeys(res.states.crisis):
        if case.crisis(c).historical and c not in scored:
            base = baseline_design(case)
            console.print(f"{c} happened: it is scored against the record, with P(deterred) "
                          f"and its flag, under the baseline design only (add --design "
                          f"{base}).", highlight=False)
    if not res.sensitivity.empty:
        first = res.sensitivity[res.sensitivity["rank"] == 1]
        drivers = (first.groupby("parameter").size().sort_values(ascending=False)
                   .rename("measures where it ranks first").reset_index())
        console.print(frame_table(drivers, title="What drives the results (first-order "
                                  "sensitivity; full table with --out)"))
    if out is not None:
        tables = {"states": res.states, "outcomes": res.design_effects(designs_run[0]),
                  "coalitions": res.coalitions, "sensitivity": res.sensitivity,
                  "checks": res.checks, "parameters": res.parameters,
                  "history": res.history, "history_summary": res.history_summary}
        with atomic_folder(out) as folder:       # nothing written half-way
            for name, frame in tables.items():
                frame.to_csv(folder / f"crisis__{name}.csv", index=False)
        console.print(f"wrote {len(tables)} tables to {out}")


def _print_crisis(console, frame_table, res, c, designs_run) -> None:
    states = res.states[(res.states.crisis == c) & (res.states.variant == "as designed")
                        & (res.states.role == "decides")]
    if len(designs_run) == 1:
        shown = pd.DataFrame({
            "state": states.iso3,
            "obliged": states.obliged.map({True: "yes", False: ""}),
            "fight for target": [f"{a:.0%} [{b:.0%}-{d:.0%}]" for a, b, d in zip(
                states.p_fight_target, states.p_fight_target_p05, states.p_fight_target_p95)],
            **{header: states[col].map(_pct) for col, header in CHOICES[1:]}})
        title = f"{c}: what each state would do (P per choice)"
    else:
        wide = states.pivot_table(index="iso3", columns="design", values="p_fight_target",
                                  sort=False)[designs_run]
        obliged = states.pivot_table(index="iso3", columns="design", values="obliged",
                                     aggfunc="max", sort=False)[designs_run]
        shown = pd.DataFrame({"state": wide.index})
        for d in designs_run:
            shown[d] = [f"{v:.0%}{'*' if o else ''}" for v, o in zip(wide[d], obliged[d])]
        title = (f"{c}: P(fight for the target) per state and design (* = treaty-obliged; "
                 "all five choices with --design or --out)")
    console.print(frame_table(shown, title=title))
    outcome = res.design_effects(designs_run[0]).query("crisis == @c")
    console.print(frame_table(pd.DataFrame({
        "design": outcome.design, "variant": outcome.variant,
        "P(deterred)": [_pct(p) + (" (!)" if f else "") for p, f in
                        zip(outcome.p_deterred, outcome.deterrence_flag)],
        f"vs {designs_run[0]}": outcome.delta_p_deterred.map("{:+.0%}".format),
        "P(aggressor prevails)": outcome.p_aggressor_prevails.map(_pct),
        "target side's share of force": [f"{a:.0%} [{b:.0%}-{d:.0%}]" for a, b, d in zip(
            outcome.balance_target_share, outcome.balance_p05, outcome.balance_p95)],
        "fighters for target": outcome.expected_fighters_target.map("{:.1f}".format),
        "for aggressor": outcome.expected_fighters_aggressor.map("{:.1f}".format),
        "supporters": outcome.expected_supporters.map("{:.1f}".format)}),
        title=f"{c}: outcomes (P(deterred): prior probability that the aggressor's type does "
              "not attack)"))
    top = res.coalitions[(res.coalitions.crisis == c)
                         & (res.coalitions.variant == "as designed")
                         & (res.coalitions["rank"] <= 3)]
    console.print(frame_table(top[["design", "rank", "fight_target", "support_target",
                                   "support_aggressor", "fight_aggressor", "share"]].assign(
        share=top.share.map(_pct)), title=f"{c}: most frequent coalitions (deciding states)"))


def _print_history(console, frame_table, res) -> None:
    from foedus.models.crisis.history import DETERRENCE_FLAG

    for s in res.history_summary.itertuples(index=False):
        flag = (f" FLAG: at or above {DETERRENCE_FLAG:.0%} although the aggressor attacked - "
                "the model needed an unusually resolved (or misinformed) aggressor to explain "
                "the attack" if s.deterrence_flag else "")
        if not s.states_scored:
            console.print(
                f"{s.crisis} happened (no record of what third states did, nothing to score): "
                f"P(deterred) {s.p_deterred:.0%}.{flag}", highlight=False)
            continue
        table = res.history[res.history.crisis == s.crisis]
        console.print(frame_table(pd.DataFrame({
            "state": table.iso3, "did": table.observed, "model's likeliest": table.predicted,
            "P(what it did)": table.p_observed.map(_pct),
            "MID coding right": table.right_mid.map({True: "yes", False: "no"}),
            "P (MID coding)": table.p_observed_mid.map(_pct)}),
            title=f"{s.crisis} happened: predictions against what each state did"))
        console.print(
            f"{s.crisis}: placed right {s.placed_right_mid:.0%} of {s.states_scored} states in "
            f"the MID coding (log loss {s.log_loss_mid:.2f}; 'nobody fights' would place "
            f"{s.nobody_fights_right_mid:.0%}), {s.placed_right:.0%} of "
            f"{s.states_five_actions} on the five choices (log loss {s.log_loss:.2f}); "
            f"P(deterred) {s.p_deterred:.0%}.{flag}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``foedus crisis`` to the command line."""
    app.command("crisis")(crisis)
