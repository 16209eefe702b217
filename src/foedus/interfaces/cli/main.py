"""The ``foedus`` command line (typer + rich).

Every command turns a :class:`foedus.errors.FoedusError` into one line on stderr and exit
status 2; scenario source warnings are printed as ``warning:`` lines.
"""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from foedus.errors import FoedusError

FLAGSHIP = "asian-nato-2024"

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="foedus - a lab for modelling alliance systems.")
scenario_app = typer.Typer(no_args_is_help=True, help="Validate, show and describe scenario files.")
data_app = typer.Typer(no_args_is_help=True, help="The data sets shipped with foedus.")
app.add_typer(scenario_app, name="scenario")
app.add_typer(data_app, name="data")

console = Console(width=160)
err_console = Console(stderr=True, width=160)

ScenarioArg = Annotated[str | None, typer.Argument(
    help="Scenario file, or the name of a shipped scenario (default: the flagship).")]


def _load_case(scenario: str | None):
    from foedus.scenarios import build_case, load_scenario

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loaded = load_scenario(scenario or FLAGSHIP)
    for w in caught:
        err_console.print(f"[yellow]warning:[/yellow] {w.message}", highlight=False)
    return build_case(loaded)


@app.command()
def run(
    scenario: ScenarioArg = None,
    out: Annotated[Path | None, typer.Option(help="Write run.json and CSV tables here.")] = None,
    seed: Annotated[int, typer.Option(help="Seed for every stochastic section.")] = 20241215,
    section: Annotated[list[str] | None, typer.Option(help="Run only these sections.")] = None,
    executor: Annotated[str, typer.Option(
        help="Where sections run: auto, serial or processes (same numbers either way).")
    ] = "auto",
) -> None:
    """Run the full analysis of a scenario (no argument: the Asian NATO flagship)."""
    from foedus.analysis.run import run_case
    from foedus.interfaces.cli.render import print_run, write_run

    if executor not in ("auto", "serial", "processes"):
        raise FoedusError(f"--executor {executor}: choose auto, serial or processes")
    case = _load_case(scenario)
    result = run_case(case, seed=seed, only=section, executor=executor)
    print_run(console, result)
    if out is not None:
        written = write_run(result, out)
        console.print(f"wrote {len(written)} files to {out}")


@app.command()
def obligations(
    scenario: ScenarioArg = None,
    crisis: Annotated[list[str] | None, typer.Option(help="Crisis id(s).")] = None,
    design: Annotated[list[str] | None, typer.Option(help="Design id(s).")] = None,
    out: Annotated[Path | None, typer.Option(help="Write the table as CSV.")] = None,
) -> None:
    """Every obligation each crisis activates, article by article."""
    from foedus.analysis.obligations import obligation_maps, obligations_frame
    from foedus.interfaces.cli.render import frame_table

    case = _load_case(scenario)
    _check_ids(crisis, [c.id for c in case.crises], "crisis")
    _check_ids(design, [d.id for d in case.designs], "design")
    frame = obligations_frame(obligation_maps(case, designs=design, crises=crisis))
    columns = ["crisis", "design", "obligor", "obligation", "beneficiary", "agreement", "article",
               "legal_force", "status", "activated_by"]
    console.print(frame_table(frame[columns], max_rows=400))
    if out is not None:
        frame.to_csv(out, index=False)
        console.print(f"wrote {out}")


def _check_ids(given: list[str] | None, valid: list[str], what: str) -> None:
    for value in given or []:
        if value not in valid:
            raise FoedusError(f"--{what} {value}: no such {what} in the scenario "
                              f"(choose from {', '.join(valid)})")


@scenario_app.command("validate")
def scenario_validate(file: Annotated[str, typer.Argument(help="Scenario YAML file.")]) -> None:
    """Check a scenario file; print its warnings; exit 2 on the first error."""
    from foedus.scenarios import load_scenario

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loaded = load_scenario(file)
    for w in caught:
        err_console.print(f"[yellow]warning:[/yellow] {w.message}", highlight=False)
    m = loaded.model
    console.print(f"{loaded.path}: valid - {len(m.states)} states, {len(m.agreements)} agreements, "
                  f"{len(m.designs)} designs, {len(m.crises)} crises, "
                  f"{len(loaded.warnings)} source warnings")


@scenario_app.command("show")
def scenario_show(file: Annotated[str, typer.Argument(help="Scenario file or shipped name.")] = FLAGSHIP
                  ) -> None:
    """Summarise a scenario: states, agreements in force, designs and crises."""
    import pandas as pd

    from foedus.interfaces.cli.render import frame_table

    case = _load_case(file)
    m = case.scenario.model
    console.print(f"[bold]{m.title}[/bold] ({m.id}, {m.date.isoformat()})")
    console.print(m.description.strip())
    agreements = pd.DataFrame([{"id": a.id, "kind": a.kind.value, "members": " ".join(a.members),
                                "in force": "yes" if a.is_in_force(case.world.date) else "no",
                                "provisions": len(a.provisions)} for a in case.world.agreements])
    console.print(frame_table(agreements, title="Agreements", max_rows=200))
    designs = pd.DataFrame([{"id": d.id, "name": d.name, "adds": " ".join(a.id for a in d.add),
                             "removes": " ".join(d.remove), "caveats": len(d.caveats)}
                            for d in case.designs])
    console.print(frame_table(designs, title="Designs"))
    crises = pd.DataFrame([{"id": c.id, "kind": c.kind.value, "aggressors": " ".join(c.aggressors),
                            "target": c.target, "hits": "; ".join(h.describe() for h in c.hits)}
                           for c in case.crises])
    console.print(frame_table(crises, title="Crises"))


@scenario_app.command("schema")
def scenario_schema(out: Annotated[Path | None, typer.Option(help="Write to this file.")] = None
                    ) -> None:
    """Print (or write) the JSON Schema of the scenario format, for editors."""
    from foedus.scenarios import json_schema

    text = json.dumps(json_schema(), indent=2)
    if out is None:
        sys.stdout.write(text + "\n")
    else:
        out.write_text(text + "\n", encoding="utf-8")
        console.print(f"wrote {out}")


@scenario_app.command("list")
def scenario_list() -> None:
    """The scenarios shipped with foedus."""
    from foedus.scenarios import shipped_scenarios

    for name in shipped_scenarios():
        console.print(name)


@data_app.command("list")
def data_list() -> None:
    """Every shipped data set with its version, coverage and terms."""
    from foedus.data import list_datasets
    from foedus.interfaces.cli.render import frame_table

    console.print(frame_table(list_datasets(), max_rows=100))


@data_app.command("versions")
def data_versions() -> None:
    """The version of foedus and of every shipped data set (what a result rests on)."""
    import foedus
    from foedus.data import list_datasets
    from foedus.interfaces.cli.render import frame_table

    console.print(f"foedus {foedus.__version__}")
    console.print(frame_table(list_datasets()[["name", "version", "coverage"]], max_rows=100))


@data_app.command("describe")
def data_describe(name: str) -> None:
    """Source, citation, terms and columns of one data set."""
    from foedus.data import describe

    d = describe(name)
    for field in ("name", "title", "version", "source", "citation", "terms", "coverage", "rows",
                  "build", "caveats"):
        console.print(f"[bold]{field}[/bold]: {getattr(d, field, '')}", highlight=False)
    for column, meaning in dict(d.columns).items():
        console.print(f"  {column}: {meaning}", highlight=False)


@app.command()
def cite(dataset: Annotated[str | None, typer.Argument(help="One data set (default: all).")] = None
         ) -> None:
    """How to cite foedus and the data sets it ships."""
    import foedus

    console.print(foedus.cite(dataset), highlight=False, soft_wrap=True)


def _register_family_commands() -> None:
    """Add the commands of every module in ``foedus.interfaces.cli.commands``.

    A model family adds its CLI by dropping a module there with a ``register(app)``
    function (e.g. ``foedus align``); this file does not change.
    """
    import importlib
    import pkgutil

    from foedus.interfaces.cli import commands

    for module in pkgutil.iter_modules(commands.__path__):
        importlib.import_module(f"{commands.__name__}.{module.name}").register(app)


_register_family_commands()


def main() -> None:
    """Entry point: run the app, turning user errors into one line and exit status 2."""
    try:
        app(standalone_mode=False)
    except FoedusError as exc:
        err_console.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        sys.exit(2)
    except Exception as exc:
        # Usage errors of the (possibly vendored) click layer under typer: print them the way
        # click does; duck-typed because typer >= 0.26 no longer exposes click itself.
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):
            exc.show()
            sys.exit(exc.exit_code)
        if type(exc).__name__ == "Abort":
            sys.exit(1)
        raise
    # standalone_mode=False returns exit codes instead of raising SystemExit
    sys.exit(0)


if __name__ == "__main__":  # pragma: no cover
    main()
