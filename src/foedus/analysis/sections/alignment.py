"""The ``foedus run`` section of landscape alignment: how would the region split in two?"""

from __future__ import annotations

import numpy as np

from foedus.analysis.sections import SectionResult, register_section
from foedus.scenarios.build import Case

#: Weight draws used by ``foedus run`` (``foedus align --draws`` for more).
RUN_DRAWS = 10


@register_section("alignment", "How would the region align? (landscape theory)", order=55,
                  cost=0.4)
def alignment_section(case: Case, rng: np.random.Generator) -> SectionResult:
    from foedus.analysis.alignment import analyze

    title = "How would the region align? (landscape theory)"
    if len(case.world.iso3s) < 3:
        return SectionResult("alignment", title, ("Fewer than three states; nothing to align.",))
    from foedus.errors import ParameterError
    from foedus.models.alignment.propensity import state_sizes

    try:
        state_sizes(case.world)
    except ParameterError as exc:   # e.g. a state outside the COW system in the scenario's year
        note = f"Not computed: {exc} (foedus align SCENARIO --size ... to choose one)."
        return SectionResult("alignment", title, (note,))
    result = analyze(case, rng=rng, draws=RUN_DRAWS)
    best = result.best
    sides = [", ".join(side) for side in best.partition if side]
    split = "  vs  ".join(sides) if len(sides) > 1 else f"{sides[0]} (one bloc: nobody splits off)"
    summary = [(f"Two-bloc minimum ({'proven' if best.proven_optimal else 'not proven'}, "
                f"{result.origin} propensities, sizes CINC): {split}")]
    if result.alternatives.empty:
        summary.append("No other local minimum: every starting alignment ends there.")
    else:
        alt = result.alternatives.iloc[0]
        summary.append(f"Second-best minimum (energy +{alt.gap_to_best:.3g}"
                       + (f", basin {alt.basin_share:.0%}" if np.isfinite(alt.basin_share)
                          else "") + f"): {alt.partition}")
    if result.draws:
        shaky = result.stability.sort_values("agreement_with_best").head(3)
        summary.append(f"Under {result.draws} draws of the propensity weights each state's "
                       f"modal partner set recurs in {result.stability.modal_share.min():.0%} "
                       "or more of draws; least stable (agreement with the minimum): " + ", ".join(
                           f"{r.actor} ({r.agreement_with_best:.0%})"
                           for r in shaky.itertuples()))
    table = result.to_frame()[["actor", "coalition", "size", "frustration", "modal_share",
                               "agreement_with_best"]].round(4)
    return SectionResult("alignment", title, tuple(summary),
                         tables={"alignment": table, "alignment_alternatives":
                                 result.alternatives.round(6)},
                         display=("alignment",),
                         notes=(("foedus align SCENARIO --world for the ~190-state system; "
                                 "foedus balance for the signed-network balance over time"),))
