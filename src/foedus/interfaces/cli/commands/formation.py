"""``foedus join``: who would join which design, and why (the formation model, issue #6).

``foedus join [SCENARIO] [--design ID] [--draws N] [--seed S] [--out DIR]`` draws the
formation parameters, finds every stable membership profile of every draw, and prints the
probability that each invited state joins, the likeliest member sets, the security each state
gains, and the term of its calculus that decided its choice.
"""


from typing import Annotated

import numpy as np
import typer

from foedus.interfaces.cli.options import OutDir, Parameters, Seed, draws_option

TERM_COLUMNS = ["security", "entrapment", "coercion", "autonomy", "distrust", "domestic"]


def register(app: typer.Typer) -> None:
    from foedus.interfaces.cli.main import ScenarioArg

    @app.command()
    def join(
        scenario: ScenarioArg = None,
        design: Annotated[list[str] | None, typer.Option(help="Design id(s) (default: all).")
                          ] = None,
        draws: Annotated[int, draws_option("join", 2000, "Monte Carlo draws of the parameters")
                         ] = 2000,
        seed: Seed = 20241215,
        interest_samples: Annotated[int, typer.Option(
            min=1, help="Samples of the interests layer's weights (1: central values).")] = 20,
        out: OutDir = None,
        parameters: Parameters = None,
    ) -> None:
        """Who would join each design, which member sets are stable, and why."""
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        from foedus.interfaces.cli.main import _check_ids, _load_case, console
        from foedus.interfaces.cli.render import frame_table
        from foedus.models.formation import analyze

        case = _load_case(scenario, parameters)
        _check_ids(design, [d.id for d in case.designs], "design")
        chosen = design or [d.id for d in case.designs]
        n_games = sum(1 for d in chosen if not case.design(d).is_status_quo)
        with Progress("[progress.description]{task.description}", BarColumn(),
                      MofNCompleteColumn(), TimeElapsedColumn(), console=console,
                      transient=True) as progress:
            task = progress.add_task("stable profiles", total=draws * max(n_games, 1))
            result = analyze(case, designs=chosen, draws=draws,
                             rng=np.random.default_rng(seed), interest_samples=interest_samples,
                             progress=lambda k: progress.advance(task, k))
        console.print(f"[bold]{case.scenario.id}[/bold]: {draws} parameter draws over "
                      f"{min(interest_samples, draws)} samples of the interests layer, seed "
                      f"{seed}; P(join) weights each draw's stable profiles equally")
        console.print(frame_table(result.comparison().round(3), title="Designs compared"))
        for d in result.designs:
            if d.status_quo:
                continue
            frame = d.to_frame()
            shown = frame[["state", "p_join", "security_gained", "p_accepts_proposal",
                           *[f"term_{t}" for t in TERM_COLUMNS], "decided_by",
                           "decided_share"]].rename(columns=lambda c: c.replace("term_", ""))
            console.print(frame_table(shown.round(3), title=f"{d.design}: {d.name}"))
            console.print(frame_table(d.sets_frame(5).round(3)[["members", "probability"]],
                                      title=f"{d.design}: likeliest member sets"))
            stable = "; ".join(" ".join(m) or "(no alliance)" for m in d.central_stable)
            console.print(f"  [dim]stable at central parameters: {stable}. {' '.join(d.notes)}."
                          " Terms: mean over draws facing the full proposal (everyone "
                          "invited joins).[/dim]", highlight=False)
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            result.comparison().to_csv(out / "formation_designs.csv", index=False)
            result.to_frame().to_csv(out / "formation_states.csv", index=False)
            import pandas as pd

            pd.concat([d.sets_frame(50) for d in result.designs], ignore_index=True).to_csv(
                out / "formation_member_sets.csv", index=False)
            console.print(f"wrote 3 CSV files to {out}")
