"""Render run results: rich tables in the terminal, JSON and CSV files on disk."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pandas as pd
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from foedus.analysis.run import RunResult
from foedus.analysis.sections import SectionResult

#: Terminal presentation of the states table: (column, header, format). Every headline
#: figure has one unit (``foedus.scenarios.build.HEADLINE_UNITS``), named in its header.
STATE_COLUMNS = [
    ("iso3", "state", "{}"), ("cinc", "CINC", "{:.4f}"), ("cinc_year", "yr", "{}"),
    ("milex", "milex US$ m", "{:,.0f}"), ("milex_year", "yr", "{}"),
    ("milex_source", "milex source", "{}"), ("gdp", "GDP US$ m", "{:,.0f}"),
    ("gdp_year", "yr", "{}"), ("gdp_source", "GDP source", "{}"),
    ("gdp_ppp", "GDP PPP 2017 intl$ m", "{:,.0f}"), ("gdp_ppp_year", "yr", "{}"),
    ("regime", "V-Dem", "{:.2f}"), ("regime_year", "yr", "{}"),
]
#: The units line printed under the states table.
STATE_UNITS = ("Units: CINC share of system capabilities; milex and GDP in millions of current "
               "US$ (GDP from the World Bank, else implied by SIPRI's milex and its share of "
               "GDP); GDP PPP in millions of 2017 international $ (Fariss et al.); V-Dem "
               "electoral democracy 0-1. 'yr' is the year of the value shown.")


def _fmt(value, fmt: str) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return "-"
    try:
        return fmt.format(value)
    except (ValueError, TypeError):
        return str(value)


def frame_table(frame: pd.DataFrame, title: str | None = None,
                columns: list[tuple[str, str, str]] | None = None, max_rows: int = 60) -> Table:
    table = Table(title=title, show_lines=False, header_style="bold", title_justify="left")
    columns = columns or [(c, c, "{}") for c in frame.columns]
    for _, header, _ in columns:
        table.add_column(Text(str(header)), overflow="fold")
    # cells are data, never markup: "crisis[fitted]" must not lose its "[fitted]"
    for values in frame.head(max_rows).to_dict("records"):
        table.add_row(*[Text(_fmt(values.get(col), fmt)) for col, _, fmt in columns])
    if len(frame) > max_rows:
        table.caption = f"{len(frame) - max_rows} more rows in the CSV output (--out)"
    return table


def print_section(console: Console, section: SectionResult) -> None:
    console.rule(f"[bold]{section.title}")
    for line in section.summary:
        console.print(f"  {escape(line)}")
    for name in section.display or tuple(section.tables):
        frame = section.tables[name]
        if section.id == "states" and name == "states":
            frame = frame.assign(milex_source=frame.milex_source.str.split(":").str[0],
                                 gdp_source=frame.gdp_source.str.split(":").str[0])
            console.print(frame_table(frame, columns=STATE_COLUMNS))
            console.print(f"  [dim]{STATE_UNITS}[/dim]", highlight=False)
        else:
            console.print(frame_table(frame))
    for note in section.notes:
        console.print(f"  [dim]{escape(note)}[/dim]")


def print_run(console: Console, result: RunResult) -> None:
    p = result.provenance
    console.print(f"[bold]foedus {p.foedus_version}[/bold] - scenario [bold]{p.scenario_id}[/bold]"
                  f" ({p.scenario_file}, sha256 {p.scenario_sha256[:12]}), seed {p.seed}, "
                  f"parameter set {p.parameter_set or 'judgement'}")
    for section in result.sections:
        print_section(console, section)


def _jsonable(value):
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return None if np.isnan(value) else float(value)
    if value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def write_run(result: RunResult, out: Path) -> list[Path]:
    """Write ``run.json`` (provenance and every table) and one CSV per table into ``out``.

    The files are written into a temporary folder beside ``out`` and moved into place only
    once all of them are written, so that a failed write leaves nothing half-way.
    """
    from foedus.interfaces.cli.options import atomic_folder

    names = []
    doc = {"provenance": dataclasses.asdict(result.provenance), "sections": []}
    with atomic_folder(out) as tmp:
        for section in result.sections:
            entry = {"id": section.id, "title": section.title,
                     "summary": list(section.summary), "notes": list(section.notes),
                     "tables": {}}
            for name, frame in section.tables.items():
                filename = f"{section.id}__{name}.csv"
                frame.to_csv(tmp / filename, index=False)
                names.append(filename)
                entry["tables"][name] = json.loads(frame.to_json(
                    orient="records", date_format="iso", default_handler=_jsonable))
            doc["sections"].append(entry)
        (tmp / "run.json").write_text(json.dumps(doc, indent=1, default=_jsonable),
                                      encoding="utf-8")
        names.append("run.json")
    return [out / name for name in names]
