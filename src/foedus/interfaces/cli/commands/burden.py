"""``foedus burden``: who pays under each design, and the size-burden test (issue #5).

``foedus burden [SCENARIO] [--design ID] [--out DIR] [--plot FILE]`` runs the burden model on
a scenario's designs (``foedus burden designs`` is the same command spelled out);
``foedus burden test --alliance NATO --years 1960-2023`` runs the Olson-Zeckhauser rank test
on the shipped data.
"""

from __future__ import annotations

import re
from typing import Annotated

import pandas as pd
import typer
from typer.core import TyperGroup

from foedus.errors import ParameterError
from foedus.interfaces.cli.options import (
    OutDir,
    OutFile,
    Parameters,
    PlotFile,
    Seed,
    draws_option,
)

DEFAULT_COMMAND = "designs"


class _DefaultToDesigns(TyperGroup):
    """A group whose first argument, when it is not a subcommand, goes to ``designs``."""

    def parse_args(self, ctx, args):
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h")):
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)


burden_app = typer.Typer(cls=_DefaultToDesigns, no_args_is_help=False,
                         help="Burden sharing: who pays under each design; the size-burden test.")


def parse_years(text: str) -> list[int]:
    """``"1960-2023"`` -> 1960..2023; ``"1964"`` -> [1964]; ``"1964,1990-1992"`` works too.

    Examples
    --------
    >>> parse_years("1990-1992,2000")
    [1990, 1991, 1992, 2000]
    """
    years: set[int] = set()
    for part in text.split(","):
        match = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?", part)
        if not match:
            raise ParameterError(f"--years {text!r}: write a year or a range, e.g. 1960-2023")
        first, last = int(match[1]), int(match[2] or match[1])
        if last < first:
            raise ParameterError(f"--years {text!r}: the range {first}-{last} is reversed")
        years.update(range(first, last + 1))
    return sorted(years)


def _pct(value) -> str:
    return "-" if pd.isna(value) else f"{value:.2%}"


@burden_app.command(DEFAULT_COMMAND)
def designs(
    scenario: Annotated[str | None, typer.Argument(
        help="Scenario file or shipped name (default: the flagship).")] = None,
    design: Annotated[list[str] | None, typer.Option(help="Design id(s); default all.")] = None,
    out: OutDir = None,
    plot: PlotFile = None,
    draws: Annotated[int, draws_option(
        "burden", 40, "Parameter draws for the intervals (0: central values only)",
        minimum=0)] = 40,
    seed: Seed = 20241215,
    parameters: Parameters = None,
) -> None:
    """Equilibrium spending, burden shares, free riding and spending floors per design."""
    import numpy as np

    from foedus.analysis import burden_designs as bd
    from foedus.interfaces.cli.main import _check_ids, _load_case, console
    from foedus.interfaces.cli.render import frame_table

    case = _load_case(scenario, parameters)
    _check_ids(design, [d.id for d in case.designs], "design")
    values = bd.central_parameters(case)
    results = bd.designs_burden(case, designs=design, values=values)
    if not results:
        raise ParameterError("no design of this scenario has an alliance of two or more "
                             "members with GDP data")
    summary, members = bd.summary_frame(results), bd.members_frame(results)
    console.print(
        f"[bold]Burden sharing[/bold] - {case.scenario.id}: security weight "
        f"{values['burden_security_weight']:g}, private share {values['burden_private_share']:g},"
        f" spill-in decay {values['burden_spill_in_decay_km']:,.0f} km (central values of the "
        "scenario's distributions; judgements, see docs/models/burden.md)", highlight=False)
    floor_ids = [f.id for f in bd.FLOORS]
    short = {f.id: f.short or f.id for f in bd.FLOORS}
    for r in results:
        frame = members[members["design"] == r.design]
        shown = pd.DataFrame({
            "member": frame["member"],
            "GDP (US$ bn)": (frame["gdp"] / 1e9).map("{:,.0f}".format),
            "GDP yr": frame["gdp_year"],
            "GDP source": frame["gdp_source"].str.replace("_gdp_usd_current", ""),
            "burden model": frame["model_burden"].map(_pct),
            "burden observed": frame["observed_burden"].map(_pct),
            "share model": frame["model_spending_share"].map(_pct),
            "share observed": frame["observed_spending_share"].map(_pct),
            "free riding": frame["free_riding"].map("{:+.2f}".format),
            "floor binds (model)": [
                " ".join(short[f] for f in floor_ids if row[f"constrained_model__{f}"]) or "-"
                for _, row in frame.iterrows()],
            "below floor (observed)": [
                " ".join(short[f] for f in floor_ids if row[f"below_floor_observed__{f}"]) or "-"
                for _, row in frame.iterrows()],
        })
        console.print(frame_table(shown, title=f"{r.design}: {r.rule}"))
    overview = summary[["design", "n_members", "largest_member", "largest_share_model",
                        "largest_share_observed", "free_riding_index"]].rename(columns={
        "n_members": "members", "largest_member": "largest member",
        "largest_share_model": "its share model", "largest_share_observed": "its share observed",
        "free_riding_index": "free-riding index"})
    for f in floor_ids:
        overview[f"its share, floor {short[f]}"] = summary[f"largest_share_after__{f}"]
    for column in overview.columns[3:]:
        overview[column] = overview[column].map(
            "{:.3f}".format if column == "free-riding index" else _pct)
    console.print(frame_table(overview, title="Per design (model at central values)"))
    tables = {"summary": summary, "members": members, "floors": bd.floors_frame()}
    if draws > 0:
        intervals = bd.design_intervals(case, np.random.default_rng(seed), draws=draws,
                                        designs=design)
        tables["intervals"] = intervals
        console.print(frame_table(intervals.round(3), title=f"Intervals over {draws} parameter "
                                  f"draws (seed {seed}; 5% and 95% quantiles)"))
    console.print(frame_table(bd.floors_frame()[["short", "floor", "share_gdp", "applies_to",
                                                 "source"]], title="Spending floors"))
    notes = pd.concat([r.inputs for r in results]).drop_duplicates("member")
    for row in notes[notes["note"] != ""].itertuples():
        console.print(f"[dim]{row.member}: {row.note}[/dim]", highlight=False)
    requested = design or [d.id for d in case.designs]
    for skipped in [d for d in requested if d not in set(summary["design"])]:
        console.print(f"[dim]{skipped}: fewer than two alliance members, not modelled[/dim]",
                      highlight=False)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        for name, frame in tables.items():
            frame.to_csv(out / f"burden__{name}.csv", index=False)
        console.print(f"wrote {len(tables)} CSV files to {out}")
    if plot is not None:
        bd.plot_burden_size(results).savefig(plot, dpi=150)
        console.print(f"wrote {plot}")


@burden_app.command("test")
def size_test(
    alliance: Annotated[str, typer.Option(help="Alliance name (NATO, Warsaw Pact).")] = "NATO",
    years: Annotated[str, typer.Option(help="Years, e.g. 1960-2023 or 1964,1990-1999.")
                     ] = "1960-2023",
    atopid: Annotated[int | None, typer.Option(help="ATOP id of another alliance.")] = None,
    out: OutFile = None,
    plot: PlotFile = None,
    plot_year: Annotated[int | None, typer.Option(
        help="Year of the scatter (default: the last year with a correlation resting on at "
             "least 80% of the members).")] = None,
) -> None:
    """Spearman rank correlation of members' GDP and defence burden, year by year."""
    from foedus.interfaces.cli.main import console
    from foedus.interfaces.cli.render import frame_table
    from foedus.models.burden.history import alliance_burden_test

    result = alliance_burden_test(alliance, years=parse_years(years), atopid=atopid)
    table = result.to_frame()
    columns = [("year", "year", "{}"), ("n_members", "members", "{}"), ("n_used", "used", "{}"),
               ("rho", "rho", "{:.3f}"), ("p_value", "p (two-sided)", "{:.3f}"),
               ("p_value_greater", "p (rho>0)", "{:.3f}"), ("milex_sources", "milex", "{}"),
               ("gdp_sources", "GDP", "{}"), ("note", "note", "{}")]
    console.print(frame_table(table, title=f"{alliance}: size (GDP) against defence burden, "
                              "Spearman rank correlation", columns=columns, max_rows=200))
    significant = table[table["p_value"] < 0.05]["year"].tolist()
    console.print(f"significant at 5% (two-sided) in {len(significant)} of "
                  f"{int(table['rho'].notna().sum())} years"
                  + (f": {', '.join(map(str, significant))}" if significant else ""),
                  highlight=False)
    if out is not None:
        table.to_csv(out, index=False)
        console.print(f"wrote {out}")
    if plot is not None:
        if plot_year is None:
            full = table[table["rho"].notna() & (table["n_used"] >= 0.8 * table["n_members"])]
            plot_year = int(full["year"].max()) if not full.empty else None
        result.plot(year=plot_year).savefig(plot, dpi=150)
        console.print(f"wrote {plot}")


def register(app: typer.Typer) -> None:
    """Add ``foedus burden`` to the main app."""
    app.add_typer(burden_app, name="burden")
