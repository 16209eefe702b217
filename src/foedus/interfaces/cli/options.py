"""Options shared by the ``foedus`` commands, each validated before any work starts.

A command declares its options with the types below (``Seed``, ``draws_option(...)``,
``OutDir``, ``OutFile``, ``PlotFile``, ``Parameters``) and loads its case with
:func:`load_case`; every bad value is refused at parse time with one line
(``error: Invalid value for '--seed': ...``, exit status 2), before a scenario is read or a
file is written.
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated

import typer

from foedus.errors import FoedusError

__all__ = ["MAX_DRAWS", "MAX_SEED", "OutDir", "OutFile", "Parameters", "PlotFile", "Seed",
           "atomic_folder", "check_choices", "check_out_dir", "check_out_file",
           "draws_option", "load_case", "positive_seconds"]

#: Largest seed accepted (a non-negative 64-bit integer, so it survives CSV and JSON).
MAX_SEED = 2**63 - 1
#: Most Monte Carlo draws per command (memory grows linearly with the draws; these keep a
#: run of the flagship within a few GB).
MAX_DRAWS = {"crisis": 1_000_000, "join": 200_000, "burden": 10_000, "align": 10_000,
             "bargain": 10_000}
#: File types matplotlib writes (checked without importing matplotlib).
PLOT_SUFFIXES = (".png", ".pdf", ".svg", ".svgz", ".eps", ".ps", ".jpg", ".jpeg", ".tif",
                 ".tiff", ".webp", ".pgf")


def _check_seed(value: int | None) -> int | None:
    if value is not None and not 0 <= value <= MAX_SEED:
        raise typer.BadParameter(f"{value} is not a seed; use an integer from 0 to {MAX_SEED}")
    return value


def draws_option(command: str, default: int, help: str, minimum: int = 1):
    """An ``--draws`` option bounded by ``minimum`` and ``MAX_DRAWS[command]``."""
    maximum = MAX_DRAWS[command]

    def check(value: int | None) -> int | None:
        if value is not None and not minimum <= value <= maximum:
            raise typer.BadParameter(f"{value} draws; use {minimum} to {maximum:,} "
                                     f"(the maximum of foedus {command})")
        return value

    return typer.Option(help=f"{help} ({minimum} to {maximum:,}; default {default}).",
                        callback=check)


def check_out_dir(value: Path | None) -> Path | None:
    """An output folder: an existing folder, or a path whose nearest existing parent is a
    writable folder (the missing folders are created when the results are written)."""
    if value is None:
        return None
    if value.exists() and not value.is_dir():
        raise typer.BadParameter(f"{value} is a file; give a folder (it is created if "
                                 "missing)")
    _check_creatable(value)
    return value


def check_out_file(value: Path | None, suffixes: Iterable[str] = ()) -> Path | None:
    """An output file: not a folder, with a writable (or creatable) parent folder and, if
    ``suffixes`` are given, one of them."""
    if value is None:
        return None
    if value.is_dir():
        raise typer.BadParameter(f"{value} is a folder; give a file name")
    if value.exists() and not value.is_file():
        raise typer.BadParameter(f"{value} is not a regular file")
    suffixes = tuple(suffixes)
    if suffixes and value.suffix.lower() not in suffixes:
        raise typer.BadParameter(f"{value}: unknown file type {value.suffix or '(none)'!r}; "
                                 f"use one of {', '.join(suffixes)}")
    _check_creatable(value.parent if str(value.parent) else Path("."))
    return value


def _check_creatable(path: Path) -> None:
    existing = path.absolute()
    while not existing.exists():
        if existing.parent == existing:
            break
        existing = existing.parent
    if not existing.is_dir():
        raise typer.BadParameter(f"{path}: {existing} is not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise typer.BadParameter(f"{path}: the folder {existing} is not writable")


def _check_plot(value: Path | None) -> Path | None:
    return check_out_file(value, PLOT_SUFFIXES)


def _check_file(value: Path | None) -> Path | None:
    return check_out_file(value)


def positive_seconds(value: float) -> float:
    if not (math.isfinite(value) and value > 0):
        raise typer.BadParameter(f"{value} seconds; give a positive, finite number")
    return value


Seed = Annotated[int, typer.Option(help=f"Seed of the random draws (0 to {MAX_SEED}).",
                                   callback=_check_seed)]
OutDir = Annotated[Path | None, typer.Option(
    help="Write the tables here (a folder, created if missing).", callback=check_out_dir)]
OutFile = Annotated[Path | None, typer.Option(help="Write the table as CSV.",
                                              callback=_check_file)]
PlotFile = Annotated[Path | None, typer.Option(
    help=f"Save a plot ({', '.join(s[1:] for s in PLOT_SUFFIXES[:4])}, ...).",
    callback=_check_plot)]
Parameters = Annotated[str | None, typer.Option(
    "--parameters", metavar="NAME|FILE",
    help="Parameter set: a shipped name (`foedus scenario parameters --sets`) or a file; "
         "default: the scenario's `parameter_set:`, else the default set.")]


def check_choices(given: Iterable[str] | None, valid: Iterable[str], option: str,
                  what: str) -> None:
    """Refuse a value of ``option`` that is not in ``valid``, listing the valid ones."""
    valid = list(valid)
    for value in given or []:
        if value not in valid:
            raise FoedusError(f"{option} {value}: no such {what} (choose from "
                              f"{', '.join(valid) or 'none'})")


def load_case(scenario: str | None, parameters: str | None = None, *,
              warn: Callable[[str], None] | None = None):
    """Load, validate and build a scenario's case with its parameter set.

    The set is ``parameters`` (a command's ``--parameters``), else the scenario's
    ``parameter_set:``, else :data:`~foedus.scenarios.parameter_sets.DEFAULT_PARAMETER_SET`.
    Warnings (missing sources, facts no model reads) go to ``warn``.
    """
    import warnings

    from foedus.interfaces.cli.main import FLAGSHIP
    from foedus.scenarios import build_case, load_scenario
    from foedus.scenarios.build import check_case
    from foedus.scenarios.parameter_sets import load_parameter_set

    if scenario is not None and not scenario.strip():
        raise FoedusError("the scenario is an empty name; give a file or a shipped name "
                          "(`foedus scenario list`), or leave it out for the flagship")
    chosen_set = load_parameter_set(parameters) if parameters is not None else None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loaded = load_scenario(scenario or FLAGSHIP)
    for w in caught:
        if warn is not None:
            warn(str(w.message))
    case = build_case(loaded, parameter_set=chosen_set)
    check_case(case)
    return case


class atomic_folder:
    """Write into a temporary folder beside ``out`` and move the files into ``out`` only
    when the block succeeds, so that a failed run leaves nothing behind.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_folder(root / "new" / "out") as tmp:
    ...     _ = (tmp / "a.csv").write_text("x\\n")
    >>> sorted(p.name for p in (root / "new" / "out").iterdir())
    ['a.csv']
    """

    def __init__(self, out: Path):
        self.out = Path(out)
        self.tmp: Path | None = None

    def __enter__(self) -> Path:
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            self.tmp = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.", dir=self.out.parent))
        except OSError as exc:
            raise FoedusError(f"{self.out}: cannot write here ({exc.strerror})") from None
        return self.tmp

    def __exit__(self, kind, value, traceback) -> bool:
        assert self.tmp is not None
        try:
            if kind is None:
                try:
                    self.out.mkdir(parents=True, exist_ok=True)
                    for path in sorted(self.tmp.iterdir()):
                        os.replace(path, self.out / path.name)
                except OSError as exc:
                    raise FoedusError(f"{self.out}: cannot write here ({exc.strerror})"
                                      ) from None
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)
        if isinstance(value, OSError):
            raise FoedusError(f"{self.out}: cannot write the results ({value.strerror})"
                              ) from None
        return False
