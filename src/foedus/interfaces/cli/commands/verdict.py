"""``foedus verdict``: what the models say about each claim of a scenario.

``foedus verdict [SCENARIO] [--parameters NAME|FILE ...] [--family F] [--seed S]
[--search full|quick|off] [--out FILE] [--claims FILE] [--all]`` runs every model family's
registered assessors under each parameter set and prints, claim by claim: the verdict under
each set (supported, contradicted, depends on an assumption, assumed - not tested, by
construction, not testable), the facts that decide it, and the smallest joint change of
parameters that reverses it.
"""


import textwrap
from pathlib import Path
from typing import Annotated

import typer

from foedus.interfaces.cli.options import OutFile, Seed, check_choices

COLOURS = {"supported": "green", "contradicted": "red", "depends on an assumption": "yellow",
           "mixed": "magenta", "assumed, not tested": "cyan", "by construction": "blue",
           "not testable by the models": "dim"}


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, width=150, initial_indent=indent,
                         subsequent_indent=" " * len(indent))


def register(app: typer.Typer) -> None:
    from foedus.interfaces.cli.main import ScenarioArg

    @app.command()
    def verdict(
        scenario: ScenarioArg = None,
        parameters: Annotated[list[str] | None, typer.Option(
            "--parameters", metavar="NAME|FILE",
            help="Parameter set(s) to compare side by side, by shipped name or file (repeat "
                 "the option); default: judgement, the scenario's `parameter_set:` and the "
                 "project's default set.")] = None,
        family: Annotated[list[str] | None, typer.Option(help="Only these model families.")
                          ] = None,
        seed: Seed = 20241215,
        search: Annotated[str, typer.Option(help="Joint flip search: full, quick or off.")
                          ] = "full",
        out: OutFile = None,
        claims: Annotated[Path | None, typer.Option(help="A claims CSV other than the one "
                                                            "shipped beside the scenario.")
                          ] = None,
        show_untestable: Annotated[bool, typer.Option("--all", help="Print the text of the "
                                                                    "untestable claims too.")
                                   ] = False,
    ) -> None:
        """Claim by claim: the verdict per parameter set, the deciding facts, tested or
        assumed (or by construction), and the smallest joint parameter change that flips it."""
        from rich.markup import escape

        from foedus.errors import FoedusError
        from foedus.interfaces.cli.main import _load_case, console
        from foedus.scenarios.parameter_sets import load_parameter_set
        from foedus.verdict import BUDGETS, compare_parameter_sets, default_parameter_sets
        from foedus.verdict.registry import registered_assessors

        check_choices([search], list(BUDGETS), "--search", "flip search")
        check_choices(family, sorted({s.family for s in registered_assessors()}), "--family",
                      "model family with claims")
        if claims is not None and not claims.is_file():
            raise FoedusError(f"--claims {claims}: no such file (a CSV with columns id, claim)")
        sets = [load_parameter_set(p) for p in parameters] if parameters else None
        case = _load_case(scenario, None)
        result = compare_parameter_sets(case.scenario, sets or default_parameter_sets(
            case.scenario), seed=seed, families=family, claims_path=claims, search=search)
        table = result.table
        if table.empty:
            console.print(f"{case.scenario.id}: no claims file beside the scenario (expected "
                          f"{case.scenario.id}.claims.csv with columns id, claim); pass --claims")
            return
        sets = result.parameter_sets
        side = result.side_by_side().set_index("claim_id")
        console.print(f"[bold]Verdict on the claims of {case.scenario.id}[/bold] (seed {seed}; "
                      f"parameter sets: {', '.join(sets)}; flip search: {result.search})")
        tested = table[table.family != ""]
        for claim_id, group in tested.groupby("claim_id", sort=True):
            verdicts = "  ".join(
                f"{s}: [{COLOURS.get(side.loc[claim_id, s], 'white')}]{side.loc[claim_id, s]}"
                f"[/{COLOURS.get(side.loc[claim_id, s], 'white')}]" for s in sets)
            if len(sets) > 1:
                verdicts += f"  - supported under: {side.loc[claim_id, 'supported_under']}"
            console.print(f"\n[bold]{claim_id}[/bold] {verdicts}", highlight=False)
            console.print(_wrap(group.claim.iloc[0], "  "), highlight=False, markup=False)
            proposition = next((p for p in group.proposition if p), "")
            if proposition:
                console.print(f"[dim]{escape(_wrap('tested: ' + proposition, '  '))}[/dim]",
                              highlight=False)
            for row in group.itertuples():
                c = COLOURS.get(row.verdict, "white")
                label = escape(f"{row.family}" + (f" ({row.aspect})" if row.aspect else "")
                               + (f" [{row.parameter_set}]" if len(sets) > 1 else ""))
                console.print(_wrap(f"{label}: [{c}]{row.verdict}[/{c}] - {escape(row.evidence)}",
                                    "  - "), highlight=False)
                details = [row.basis + (f": {row.basis_reason}" if row.basis_reason else "")]
                details.append("deciding facts: " + (row.deciding_facts or "none"))
                if row.influencing_facts:
                    details.append("facts that move it without deciding: "
                                   + row.influencing_facts)
                if row.flip and not row.basis_reason.endswith(row.flip):
                    details.append("flip: " + row.flip)
                for d in details:      # plain text: facts carry "[why it is circular]"
                    console.print(_wrap(d, "      "), highlight=False, markup=False)
        problems = sorted({p for cell in table.problems if cell for p in cell.split("; ")})
        if problems:
            console.print("\n[bold red]Declaration problems[/bold red]")
            for p in problems:
                console.print(_wrap(p, "  - "), highlight=False, markup=False)
        untestable = side[~side.index.isin(tested.claim_id)]
        console.print(f"\n[bold]Not testable by the models[/bold] ({len(untestable)} claims): "
                      + " ".join(untestable.index), highlight=False)
        if show_untestable:
            text = dict(zip(table.claim_id, table.claim))
            for claim_id in untestable.index:
                console.print(f"  {claim_id}: {text[claim_id]}", highlight=False)
        for s in sets:
            counts = side[s].value_counts()
            console.print(f"\n{s}: " + ", ".join(f"{v}: {n}" for v, n in counts.items()),
                          highlight=False)
        if len(sets) > 1:
            both = side.supported_under.value_counts()
            console.print("supported under: " + ", ".join(f"{k}: {n}" for k, n in both.items()),
                          highlight=False)
        if out is not None:
            table.to_csv(out, index=False)
            console.print(f"wrote {out}")
