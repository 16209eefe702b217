"""``foedus align`` and ``foedus balance``: landscape alignment and structural balance (issue #3).

``foedus align [SCENARIO] [--world] [--year Y] [--draws N] [--seed S] [--size IND] [--out DIR]
[--plot FILE]``
prints the two-bloc landscape minimum of a scenario's states (or, with ``--world``, of every
state in the system in ``--year``), its second-best minima and the stability of each state's
placement under the propensity-weight draws. ``foedus balance [SCENARIO] [--region ...]
[--years 1990-2018] [--out CSV]`` prints the structural balance of the region's signed network
(ATOP defence pacts +, MIDs in ten years and rivalries -) year by year.
"""

from typing import Annotated

import numpy as np
import typer

from foedus.errors import FoedusError
from foedus.interfaces.cli.options import (
    OutDir,
    OutFile,
    Parameters,
    PlotFile,
    Seed,
    check_choices,
    draws_option,
    positive_seconds,
)


def _years(text: str) -> list[int]:
    try:
        if "-" in text:
            first, last = (int(x) for x in text.split("-", 1))
            return list(range(first, last + 1))
        return [int(x) for x in text.split(",")]
    except ValueError:
        raise typer.BadParameter(f"years must look like 1990-2018 or 1990,2000; got {text!r}")


def register(app: typer.Typer) -> None:
    from foedus.interfaces.cli.main import ScenarioArg

    @app.command()
    def align(
        scenario: ScenarioArg = None,
        world: Annotated[bool, typer.Option("--world", help="Every state in the system.")
                         ] = False,
        year: Annotated[int | None, typer.Option(help="Year for --world (default: latest "
                                                      "with capability data).")] = None,
        draws: Annotated[int | None, draws_option(
            "align", 50, "Weight draws for stability (3 with --world)", minimum=0)] = None,
        seed: Seed = 20241215,
        time_limit: Annotated[float, typer.Option(help="Seconds per exact solve.",
                                                  callback=positive_seconds)] = 60.0,
        size: Annotated[str, typer.Option(help="State indicator used as actor size.")
                        ] = "nmc_cinc",
        out: OutDir = None,
        plot: PlotFile = None,
        parameters: Parameters = None,
    ) -> None:
        """Two-bloc landscape alignment: who lands with whom, alternatives, stability."""
        from foedus.analysis.alignment import analyze, analyze_world
        from foedus.data.indicators import latest_year
        from foedus.interfaces.cli.main import _load_case, console
        from foedus.interfaces.cli.render import frame_table

        rng = np.random.default_rng(seed)
        if world:
            from foedus.data.indicators import STATE_INDICATORS

            check_choices([size], STATE_INDICATORS, "--size", "state indicator of the data")
            chosen = year or latest_year("cow_nmc")
            n = 3 if draws is None else draws
            result = analyze_world(chosen, rng=rng, draws=n, time_limit=time_limit, size=size)
        else:
            case = _load_case(scenario, parameters)
            check_choices([size], sorted({name for s in case.world.states.values()
                                          for name in s.indicators}),
                          "--size", "indicator of the scenario's states")
            result = analyze(case, rng=rng, draws=50 if draws is None else draws,
                             time_limit=time_limit, size=size)
        best = result.best
        console.print(f"[bold]{result.label}[/bold]: {len(best.actors)} states, "
                      f"{result.origin} propensities, energy {best.energy:.6g}, "
                      f"{best.method}, " + ("proven optimal" if best.proven_optimal else
                                            f"gap {best.gap:.2%}") +
                      f", {best.runtime:.1f} s")
        for i, side in enumerate(best.partition):
            console.print(f"  coalition {i} ({len(side)}): {', '.join(side)}")
        provenance = result.details.get("provenance", {})
        console.print("inputs: " + "; ".join(f"{k}: {v}" for k, v in provenance.items()
                                             if k != "weights"))
        frame = result.to_frame()
        console.print(frame_table(frame.sort_values("size", ascending=False).head(40).round(4),
                                  title="States (largest 40)"))
        if result.alternatives.empty:
            console.print("No other local minimum.")
        else:
            console.print(frame_table(result.alternatives.round(6),
                                      title="Second-best minima"))
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            frame.to_csv(out / "alignment.csv", index=False)
            result.alternatives.to_csv(out / "alignment_alternatives.csv", index=False)
            result.propensity.to_csv(out / "propensity.csv")
            console.print(f"wrote {out}/alignment.csv, alignment_alternatives.csv, "
                          "propensity.csv")
        if plot is not None:
            result.plot(plot)
            console.print(f"wrote {plot}")

    @app.command()
    def balance(
        scenario: ScenarioArg = None,
        region: Annotated[list[str] | None, typer.Option(
            help="ISO3 codes (default: the scenario's states).")] = None,
        years: Annotated[str, typer.Option(help="Years, e.g. 1990-2018.")] = "1990-2018",
        seed: Seed = 0,
        out: OutFile = None,
    ) -> None:
        """Structural balance of a region's alliance/dispute network over time."""
        from foedus.analysis.alignment import balance_series
        from foedus.data.crosswalk import crosswalk
        from foedus.data.indicators import latest_year
        from foedus.interfaces.cli.main import _load_case, console
        from foedus.interfaces.cli.render import frame_table

        known = set(crosswalk()["iso3"])
        for code in region or []:
            if code not in known:
                raise FoedusError(f"--region {code}: not an ISO3 code known to the COW-ISO3 "
                                  "crosswalk (e.g. USA, JPN, CHN)")
        chosen_years = _years(years)
        first, last = 1816, latest_year("atop_ddyr")
        outside = [y for y in chosen_years if not first <= y <= last]
        if outside:
            raise FoedusError(f"--years {years}: the signed network needs ATOP and MID data, "
                              f"{first}-{last}; {outside[0]} is outside")
        states = list(region) if region else list(_load_case(scenario).world.iso3s)
        table = balance_series(states, chosen_years, rng=seed)
        console.print(frame_table(table.drop(columns="partition").round(3),
                                  title="Signed network: ATOP defence +, MID (10 y)/rivalry -"))
        if out is not None:
            out.parent.mkdir(parents=True, exist_ok=True)
            table.to_csv(out, index=False)
            console.print(f"wrote {out}")
