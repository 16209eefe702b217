"""Render run results: rich tables in the terminal, JSON and CSV files on disk."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pandas as pd
from rich.console import Console
from rich.table import Table

from foedus.analysis.run import RunResult
from foedus.analysis.sections import SectionResult

#: Terminal presentation of the states table: (column, header, format).
STATE_COLUMNS = [
    ("iso3", "state", "{}"), ("cinc", "CINC", "{:.4f}"), ("cinc_year", "yr", "{}"),
    ("milex", "milex", "{:,.0f}"), ("milex_unit", "unit", "{}"), ("milex_year", "yr", "{}"),
    ("milex_source", "milex source", "{}"), ("gdp", "GDP", "{:,.3g}"), ("gdp_year", "yr", "{}"),
    ("gdp_source", "GDP source", "{}"), ("regime", "regime", "{:.2f}"),
    ("regime_source", "regime source", "{}"),
]


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
        table.add_column(header, overflow="fold")
    for values in frame.head(max_rows).to_dict("records"):
        table.add_row(*[_fmt(values.get(col), fmt) for col, _, fmt in columns])
    if len(frame) > max_rows:
        table.caption = f"{len(frame) - max_rows} more rows in the CSV output (--out)"
    return table


def print_section(console: Console, section: SectionResult) -> None:
    console.rule(f"[bold]{section.title}")
    for line in section.summary:
        console.print(f"  {line}")
    for name in section.display or tuple(section.tables):
        frame = section.tables[name]
        if section.id == "states" and name == "states":
            frame = frame.assign(milex_source=frame.milex_source.str.split(":").str[0],
                                 gdp_source=frame.gdp_source.str.split(":").str[0],
                                 regime_source=frame.regime_source.str.split(":").str[-1])
            console.print(frame_table(frame, columns=STATE_COLUMNS))
        else:
            console.print(frame_table(frame))
    for note in section.notes:
        console.print(f"  [dim]{note}[/dim]")


def print_run(console: Console, result: RunResult) -> None:
    p = result.provenance
    console.print(f"[bold]foedus {p.foedus_version}[/bold] - scenario [bold]{p.scenario_id}[/bold]"
                  f" ({p.scenario_file}, sha256 {p.scenario_sha256[:12]}), seed {p.seed}")
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
    """Write ``run.json`` (provenance and every table) and one CSV per table into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    doc = {"provenance": dataclasses.asdict(result.provenance), "sections": []}
    for section in result.sections:
        entry = {"id": section.id, "title": section.title, "summary": list(section.summary),
                 "notes": list(section.notes), "tables": {}}
        for name, frame in section.tables.items():
            path = out / f"{section.id}__{name}.csv"
            frame.to_csv(path, index=False)
            written.append(path)
            entry["tables"][name] = json.loads(frame.to_json(orient="records", date_format="iso",
                                                             default_handler=_jsonable))
        doc["sections"].append(entry)
    path = out / "run.json"
    path.write_text(json.dumps(doc, indent=1, default=_jsonable), encoding="utf-8")
    written.append(path)
    return written
