"""The core sections of ``foedus run``: the states and the obligation map."""

from __future__ import annotations

import numpy as np
import pandas as pd

from foedus.analysis.obligations import obligation_maps, obligation_summary, obligations_frame
from foedus.analysis.sections import SectionResult, register_section
from foedus.scenarios.build import HEADLINE, Case


def states_table(case: Case) -> pd.DataFrame:
    """Headline figures per state (wide) with the data year and source of each."""
    rows = []
    for iso3, state in case.world.states.items():
        row: dict[str, object] = {"iso3": iso3, "ccode": state.ccode, "name": state.name}
        for figure in HEADLINE:
            indicator = state.indicators.get(figure)
            row[figure] = indicator.value if indicator else np.nan
            row[f"{figure}_year"] = indicator.data_year if indicator else pd.NA
            row[f"{figure}_source"] = indicator.source if indicator else "no data"
            row[f"{figure}_unit"] = indicator.unit if indicator else ""
        rows.append(row)
    return pd.DataFrame(rows)


@register_section("states", "States and key figures", order=10)
def states_section(case: Case, rng: np.random.Generator) -> SectionResult:
    table = states_table(case)
    gaps = [f"{r.iso3}: no {fig} figure" for r in table.itertuples()
            for fig in HEADLINE if getattr(r, f"{fig}_source") == "no data"]
    stale = [f"{r.iso3} {fig} is from {getattr(r, f'{fig}_year')}"
             for r in table.itertuples() for fig in ("milex", "gdp")
             if pd.notna(getattr(r, f"{fig}_year"))
             and case.world.date.year - int(getattr(r, f"{fig}_year")) > 5]
    summary = ((f"{len(table)} states at {case.world.date.isoformat()}; each figure is the "
                "latest data year not after the scenario date."),)
    return SectionResult("states", "States and key figures", summary + tuple(stale),
                         {"states": table, "indicators": case.world.states_frame()},
                         display=("states",), notes=tuple(gaps))


@register_section("obligations", "Who is obliged? (casus foederis)", order=20)
def obligations_section(case: Case, rng: np.random.Generator) -> SectionResult:
    maps = obligation_maps(case)
    summary_table = obligation_summary(maps)
    in_force = case.world.agreements_in_force()
    provisions = case.world.provisions_frame()
    order = [d.id for d in case.designs]
    if case.crises:
        defenders = (summary_table.pivot(index="crisis", columns="design", values="must_defend")
                     .reindex(index=[c.id for c in case.crises], columns=order).reset_index())
        defenders.columns.name = None
    else:  # nothing attacks anyone: no obligation is activated (the table says so, empty)
        defenders = pd.DataFrame(columns=["crisis", *order])
    return SectionResult(
        "obligations", "Who is obliged? (casus foederis)",
        (("States bound by a treaty to defend, per crisis (rows) and design (columns); the CSV "
          "output lists every obligation with its article, and `foedus obligations` prints "
          "it."),),
        {"defenders": defenders, "summary": summary_table, "obligations": obligations_frame(maps),
         "provisions": provisions,
         "agreements": pd.DataFrame([{"id": a.id, "name": a.name, "kind": a.kind.value,
                                       "legal_force": a.legal_force.value,
                                       "members": ";".join(a.members),
                                       "in_force": a.in_force, "atop_id": a.atop_id,
                                       "source": a.source} for a in in_force])},
        display=("defenders",),
        notes=(f"{len(in_force)} agreements in force at {case.world.date.isoformat()}.",),
    )
