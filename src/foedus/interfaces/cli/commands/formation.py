"""``foedus join``: who would join which design, and why (the formation model, issue #6).

``foedus join [SCENARIO] [--design ID] [--draws N] [--seed S] [--solution stable|qre]
[--out DIR]`` draws the formation parameters, finds every stable membership profile of every
draw (or the quantal-response equilibrium), and prints the probability that each invited state
joins, the likeliest member sets, the security each state gains, and the term of its calculus
that decided its choice.
"""


from typing import Annotated

import numpy as np
import typer

from foedus.interfaces.cli.options import (
    OutDir,
    Parameters,
    Seed,
    atomic_folder,
    check_choices,
    draws_option,
    load_case,
)
from foedus.models.formation.utility import TERMS as TERM_COLUMNS


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
        solution: Annotated[str, typer.Option(
            help="stable: every stable member set of every draw (exhaustive); qre: the logit "
                 "quantal-response equilibrium (membership probabilities; any size)")
        ] = "stable",
        out: OutDir = None,
        parameters: Parameters = None,
    ) -> None:
        """Who would join each design, which member sets are stable, and why."""
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        from foedus.interfaces.cli.main import _check_ids, _load_case, console
        from foedus.interfaces.cli.render import frame_table
        from foedus.models.formation import analyze
        from foedus.models.formation.analysis import SOLUTIONS

        check_choices([solution], SOLUTIONS, "--solution", "solution concept")
        case = _load_case(scenario, parameters)
        _check_ids(design, [d.id for d in case.designs], "design")
        chosen = design or [d.id for d in case.designs]
        n_games = sum(1 for d in chosen if not case.design(d).is_status_quo)
        with Progress("[progress.description]{task.description}", BarColumn(),
                      MofNCompleteColumn(), TimeElapsedColumn(), console=console,
                      transient=True) as progress:
            task = progress.add_task("membership", total=draws * max(n_games, 1))
            result = analyze(case, designs=chosen, draws=draws,
                             rng=np.random.default_rng(seed), interest_samples=interest_samples,
                             progress=lambda k: progress.advance(task, k), solution=solution)
        how = ("P(join) weights each draw's stable profiles equally" if solution == "stable"
               else "P(join) from the quantal-response equilibrium of each draw")
        console.print(f"[bold]{case.scenario.id}[/bold]: {draws} parameter draws over "
                      f"{min(interest_samples, draws)} samples of the interests layer, seed "
                      f"{seed}; {how}")
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
            console.print(f"  [dim]{'stable' if solution == 'stable' else 'QRE members'} at "
                          f"central parameters: {stable}. {' '.join(d.notes)}. Terms: mean over "
                          "draws of joining rather than staying out, facing the full proposal "
                          "(everyone invited joins); abandonment = the loss avoided by not "
                          "staying out.[/dim]", highlight=False)
        if out is not None:
            import pandas as pd

            with atomic_folder(out) as folder:
                result.comparison().to_csv(folder / "formation_designs.csv", index=False)
                result.to_frame().to_csv(folder / "formation_states.csv", index=False)
                pd.concat([d.sets_frame(50) for d in result.designs], ignore_index=True).to_csv(
                    folder / "formation_member_sets.csv", index=False)
            console.print(f"wrote 3 CSV files to {out}")

    @app.command("join-cases")
    def join_cases(
        case: Annotated[list[str] | None, typer.Option(
            "--case", help="Historical case scenario id(s) (default: all shipped cases).")
        ] = None,
        draws: Annotated[int, draws_option("join", 2000,
                                           "Monte Carlo draws of the parameters per case")
                         ] = 2000,
        interest_samples: Annotated[int, typer.Option(
            min=1, help="Samples of the interests layer's weights (1: central values).")] = 20,
        solution: Annotated[str, typer.Option(help="stable or qre (see foedus join).")
                            ] = "stable",
        out: OutDir = None,
        parameters: Parameters = None,
    ) -> None:
        """Score the formation model on its historical cases (NATO 1949, SEATO 1954, the NATO
        accessions): who joined against P(join), each case with its own seed."""
        import pandas as pd

        from foedus.interfaces.cli.main import console
        from foedus.interfaces.cli.render import frame_table
        from foedus.models.formation import analyze
        from foedus.models.formation.analysis import SOLUTIONS
        from foedus.models.formation.cases import (
            HISTORICAL_CASES,
            base_rate_scores,
            score_design,
        )

        check_choices([solution], SOLUTIONS, "--solution", "solution concept")
        known = [c.scenario for c in HISTORICAL_CASES]
        check_choices(case, known, "--case", "historical case")
        rows, states = [], []
        for spec in HISTORICAL_CASES:
            if case and spec.scenario not in case:
                continue
            loaded = load_case(spec.scenario, parameters)
            result = analyze(loaded, designs=[spec.design], draws=draws,
                             rng=np.random.default_rng(spec.seed),
                             interest_samples=interest_samples, solution=solution)
            d = result.design(spec.design)
            score = score_design(d, spec.joined)
            rows.append({"case": spec.scenario, "seed": spec.seed, **{
                k: v for k, v in score.items() if k != "missed"},
                "missed": " ".join(score["missed"]) or "-"})
            frame = d.to_frame()
            frame["joined"] = frame.state.isin(spec.joined)
            frame["case"] = spec.scenario
            states.append(frame[~frame.state.isin(d.game.fixed)])
        table = pd.DataFrame(rows)
        base = base_rate_scores(table)
        pooled = {"case": "all (pooled)", "n_scored": int(table.n_scored.sum()),
                  "joined": int(table.joined.sum()),
                  "placed_right": int(table.placed_right.sum()),
                  "share_right": float(table.placed_right.sum() / table.n_scored.sum()),
                  "brier": float((table.brier * table.n_scored).sum() / table.n_scored.sum()),
                  "log_loss": float((table.log_loss * table.n_scored).sum()
                                    / table.n_scored.sum())}
        console.print(f"formation model on {len(rows)} historical case(s): {draws} draws each "
                      f"over {interest_samples} samples of the interests layer, solution "
                      f"{solution}; log loss clips probabilities to [0.01, 0.99]")
        console.print(frame_table(pd.concat([table, pd.DataFrame([pooled])],
                                            ignore_index=True).round(3), title="Cases"))
        console.print(f"  base rate {base['rate']:.3f} for every scored state: Brier "
                      f"{base['brier']:.3f}, log loss {base['log_loss']:.3f}", highlight=False)
        every = pd.concat(states, ignore_index=True)
        console.print(frame_table(every[["case", "state", "joined", "p_join", "decided_by",
                                         "decided_share"]].round(3), title="States"))
        if out is not None:
            with atomic_folder(out) as folder:
                table.to_csv(folder / "formation_cases.csv", index=False)
                every.to_csv(folder / "formation_case_states.csv", index=False)
            console.print(f"wrote 2 CSV files to {out}")
