"""``foedus verdict``: what the models say about each claim of a scenario.

``foedus verdict [SCENARIO] [--family F] [--seed S] [--out FILE] [--claims FILE]`` runs every
model family's registered assessors and prints, claim by claim, the model output that bears
on it and whether it is supported, contradicted or depends on an assumption (with the
parameter and threshold at which it flips); claims no model can test are listed as such.
"""


import textwrap
from pathlib import Path
from typing import Annotated

import typer

from foedus.interfaces.cli.options import OutFile, Parameters, Seed, check_choices

COLOURS = {"supported": "green", "contradicted": "red", "depends on an assumption": "yellow",
           "mixed": "magenta", "not testable by the models": "dim"}


def register(app: typer.Typer) -> None:
    from foedus.interfaces.cli.main import ScenarioArg

    @app.command()
    def verdict(
        scenario: ScenarioArg = None,
        family: Annotated[list[str] | None, typer.Option(help="Only these model families.")
                          ] = None,
        seed: Seed = 20241215,
        out: OutFile = None,
        claims: Annotated[Path | None, typer.Option(help="A claims CSV other than the one "
                                                            "shipped beside the scenario.")
                          ] = None,
        show_untestable: Annotated[bool, typer.Option("--all", help="Print the text of the "
                                                                    "untestable claims too.")
                                   ] = False,
        parameters: Parameters = None,
    ) -> None:
        """Claim by claim: supported, contradicted, or depends on an assumption (and which)."""
        from foedus.errors import FoedusError
        from foedus.interfaces.cli.main import _load_case, console
        from foedus.verdict import assess_claims
        from foedus.verdict.registry import registered_assessors

        check_choices(family, sorted({s.family for s in registered_assessors()}), "--family",
                      "model family with claims")
        if claims is not None and not claims.is_file():
            raise FoedusError(f"--claims {claims}: no such file (a CSV with columns id, claim)")
        case = _load_case(scenario, parameters)
        result = assess_claims(case, seed=seed, families=family, claims_path=claims)
        table = result.table
        if table.empty:
            console.print(f"{case.scenario.id}: no claims file beside the scenario (expected "
                          f"{case.scenario.id}.claims.csv with columns id, claim); pass --claims")
            return
        tested = table[table.family != ""]
        summary = result.summary().set_index("claim_id")
        console.print(f"[bold]Verdict on the claims of {case.scenario.id}[/bold] (seed {seed})")
        for claim_id, group in tested.groupby("claim_id", sort=True):
            overall = summary.loc[claim_id, "verdict"]
            colour = COLOURS.get(overall, "white")
            console.print(f"\n[bold]{claim_id}[/bold] [{colour}]{overall}[/{colour}]  "
                          f"{group.claim.iloc[0]}", highlight=False, soft_wrap=True)
            proposition = next((p for p in group.proposition if p), "")
            if proposition:
                console.print(f"  [dim]tested: {proposition}[/dim]", highlight=False)
            for row in group.itertuples():
                c = COLOURS.get(row.verdict, "white")
                flip = (f" [flips: {row.parameter} = {row.threshold:.3g}]"
                        if row.parameter and row.threshold == row.threshold
                        and row.threshold is not None else
                        f" [assumption: {row.parameter}]" if row.parameter else "")
                body = textwrap.fill(f"{row.family}: [{c}]{row.verdict}[/{c}] - {row.evidence}"
                                     f"{flip}", width=150, initial_indent="  - ",
                                     subsequent_indent="    ")
                console.print(body, highlight=False)
        untestable = table[table.family == ""]
        console.print(f"\n[bold]Not testable by the models[/bold] ({len(untestable)} claims): "
                      + " ".join(untestable.claim_id), highlight=False)
        if show_untestable:
            for row in untestable.itertuples():
                console.print(f"  {row.claim_id}: {row.claim}", highlight=False)
        counts = summary.verdict.value_counts()
        console.print("\n" + ", ".join(f"{v}: {n}" for v, n in counts.items()), highlight=False)
        if out is not None:
            table.to_csv(out, index=False)
            console.print(f"wrote {out}")
