"""The ``foedus`` command line (typer + rich).

Every command turns a :class:`foedus.errors.FoedusError`, and every bad option or argument,
into one ``error:`` line on stderr and exit status 2, before any work starts and without
writing anything; scenario warnings are printed as ``warning:`` lines. Options shared by
the commands (seeds, draws, output paths, ``--parameters``) live in
:mod:`foedus.interfaces.cli.options`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from foedus.errors import FoedusError
from foedus.interfaces.cli.options import (
    OutFile,
    Parameters,
    Seed,
    check_choices,
    check_out_dir,
    load_case,
)

FLAGSHIP = "asian-nato-2024"

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="foedus - a lab for modelling alliance systems.")
scenario_app = typer.Typer(no_args_is_help=True, help="Validate, show and describe scenario files.")
data_app = typer.Typer(no_args_is_help=True, help="The data sets shipped with foedus.")
app.add_typer(scenario_app, name="scenario")
app.add_typer(data_app, name="data")

console = Console(width=160, emoji=False)   # "file.yaml:100:" is a line number, not an emoji
err_console = Console(stderr=True, width=160, emoji=False)

ScenarioArg = Annotated[str | None, typer.Argument(
    help="Scenario file, or the name of a shipped scenario (default: the flagship).")]


def _warn(message: str) -> None:
    err_console.print(f"[yellow]warning:[/yellow] {escape(message)}", highlight=False,
                      soft_wrap=True)


def _load_case(scenario: str | None, parameters: str | None = None):
    """The validated case of ``scenario`` (file or shipped name; default the flagship) with
    the parameter set ``parameters`` (see :func:`foedus.interfaces.cli.options.load_case`)."""
    return load_case(scenario, parameters, warn=_warn)


@app.command()
def run(
    scenario: ScenarioArg = None,
    out: Annotated[Path | None, typer.Option(
        help="Write run.json and one CSV per table into this folder (created if missing).",
        callback=check_out_dir)] = None,
    seed: Seed = 20241215,
    section: Annotated[list[str] | None, typer.Option(help="Run only these sections.")] = None,
    executor: Annotated[str, typer.Option(
        help="Where sections run: auto, serial or processes (same numbers either way).")
    ] = "auto",
    parameters: Parameters = None,
) -> None:
    """Run the full analysis of a scenario (no argument: the Asian NATO flagship)."""
    from foedus.analysis.run import run_case
    from foedus.analysis.sections import registered_sections
    from foedus.interfaces.cli.render import print_run, write_run

    check_choices([executor], ("auto", "serial", "processes"), "--executor", "executor")
    check_choices(section, [s.id for s in registered_sections()], "--section", "section")
    case = _load_case(scenario, parameters)
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
    out: OutFile = None,
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
        write_csv(frame, out)
        console.print(f"wrote {out}")


def write_csv(frame, out: Path) -> None:
    """Write one table as CSV, creating the folder; an OS error becomes one line."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        frame.to_csv(out, index=False)
    except OSError as exc:
        raise FoedusError(f"{out}: cannot write the table ({exc.strerror})") from None


def _check_ids(given: list[str] | None, valid: list[str], what: str) -> None:
    check_choices(given, valid, f"--{what}", f"{what} in the scenario")


@scenario_app.command("validate")
def scenario_validate(
    file: Annotated[str, typer.Argument(help="Scenario YAML file (or a shipped name).")],
    parameters: Parameters = None,
) -> None:
    """Check a scenario file as every command would use it: the file, the world built from
    the data, every design and every crisis; print its warnings; exit 2 on the first error."""
    case = _load_case(file, parameters)
    loaded, m = case.scenario, case.scenario.model
    sources = sum(1 for w in loaded.warnings if "no model reads" not in w)
    console.print(f"{loaded.path}: valid - {len(m.states)} states, {len(m.agreements)} "
                  f"agreements, {len(m.designs)} designs, {len(m.crises)} crises, parameter "
                  f"set {case.parameter_set_name}; {sources} source warnings, "
                  f"{len(loaded.warnings) - sources} unread facts", highlight=False)


@scenario_app.command("parameters")
def scenario_parameters(
    sets: Annotated[bool, typer.Option("--sets", help="List the shipped parameter sets.")
                    ] = False,
) -> None:
    """The model parameters a scenario or a parameter set may set (name, family, domain,
    default), or with --sets the shipped parameter sets."""
    import pandas as pd

    from foedus.interfaces.cli.render import frame_table
    from foedus.scenarios.parameter_sets import DEFAULT_PARAMETER_SET, shipped_parameter_sets
    from foedus.scenarios.parameters import known_parameters

    if sets:
        for name in shipped_parameter_sets():
            console.print(name + (" (default)" if name == DEFAULT_PARAMETER_SET else ""),
                          highlight=False)
        return
    rows = [{"name": p.name, "family": p.family, "domain": p.domain,
             "default": p.default.model_dump(exclude={"source", "description", "domain"},
                                             exclude_defaults=True),
             "meaning": p.description}
            for p in sorted(known_parameters().values(), key=lambda p: (p.family, p.name))]
    console.print(frame_table(pd.DataFrame(rows), max_rows=500))


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
def scenario_schema(out: OutFile = None) -> None:
    """Print (or write) the JSON Schema of the scenario format, for editors."""
    from foedus.scenarios import json_schema

    text = json.dumps(json_schema(), indent=2)
    if out is None:
        sys.stdout.write(text + "\n")
    else:
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            raise FoedusError(f"{out}: cannot write ({exc.strerror})") from None
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


def _error(message: str) -> None:
    err_console.print(f"[red]error:[/red] {escape(' '.join(message.split()))}",
                      highlight=False, soft_wrap=True)


def main() -> None:
    """Entry point: run the app, turning user errors into one line and exit status 2."""
    try:
        app(standalone_mode=False)
    except FoedusError as exc:
        _error(str(exc))
        sys.exit(2)
    except KeyboardInterrupt:
        _error("interrupted")
        sys.exit(130)
    except Exception as exc:
        # Usage errors of the (possibly vendored) click layer under typer: one line, like
        # every other error; duck-typed because typer >= 0.26 no longer exposes click itself.
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
            command = getattr(getattr(exc, "ctx", None), "command_path", "foedus")
            _error(f"{exc.format_message()} (see {command} --help)")
            sys.exit(exc.exit_code)
        if type(exc).__name__ == "Abort":
            sys.exit(1)
        raise
    # standalone_mode=False returns exit codes instead of raising SystemExit
    sys.exit(0)


if __name__ == "__main__":  # pragma: no cover
    main()
