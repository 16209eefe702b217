"""The ``foedus run`` section of the formation model: who would join which design, and why."""

from __future__ import annotations

import numpy as np
import pandas as pd

from foedus.analysis.sections import SectionResult, register_section
from foedus.scenarios.build import Case

#: Parameter draws used by ``foedus run`` (``foedus join --draws`` for more), split among
#: samples of the interests layer's weights.
RUN_DRAWS = 500
RUN_INTEREST_SAMPLES = 5


@register_section("formation", "Who would join? (alliance formation)", order=45,
                  cost=0.6)
def formation_section(case: Case, rng: np.random.Generator) -> SectionResult:
    from foedus.models.formation import analyze

    games = [d for d in case.designs if not d.is_status_quo and len(d.invited) >= 2]
    if not games:
        return SectionResult("formation", "Who would join? (alliance formation)",
                             ("No design adds an agreement to join; nothing to compute.",))
    result = analyze(case, designs=[d.id for d in games], draws=RUN_DRAWS, rng=rng,
                     interest_samples=RUN_INTEREST_SAMPLES, skip_invalid=True)
    skipped = tuple(f"{d}: not analysed - {why}" for d, why in result.skipped.items())
    games = [d for d in games if d.id not in result.skipped]
    if not games:
        return SectionResult("formation", "Who would join? (alliance formation)",
                             ("No design could be analysed as a membership game.",),
                             notes=skipped)
    comparison = result.comparison()
    states = result.to_frame()
    why = states.pivot(index="state", columns="design", values="decided_by")
    joins = states.pivot(index="state", columns="design", values="p_join")
    order = list(dict.fromkeys(s for d in games for s in d.invited))
    table = pd.DataFrame(index=order)
    for d in games:
        table[d.id] = [f"{joins.loc[s, d.id]:.0%} ({why.loc[s, d.id]})"
                       if s in joins.index and pd.notna(joins.loc[s, d.id]) else "-"
                       for s in order]
    table = table.reset_index(names="state")
    lines = [f"{row.design}: {row.expected_members:.1f} of {row.invited} expected members, "
             f"P(forms) {row.p_forms:.0%}, likeliest: {row.most_likely_members}"
             for row in comparison.itertuples()]
    return SectionResult(
        "formation", "Who would join? (alliance formation)",
        ((f"P(join) per invited state over {RUN_DRAWS} parameter draws ({RUN_INTEREST_SAMPLES} "
          "samples of the interests layer); in brackets the term "
         "of its calculus that decides its answer to the full proposal "
         "(docs/models/formation.md; `foedus join` for the details)."), *lines),
        {"join": table, "designs": comparison, "states": states,
         "member_sets": pd.concat([d.sets_frame(20) for d in result.designs],
                                  ignore_index=True)},
        display=("join",),
        notes=skipped,
    )
