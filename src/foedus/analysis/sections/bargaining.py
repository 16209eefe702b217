"""The ``foedus run`` section of the bargaining family: what design the negotiation settles on.

KTAB's spatial model of politics on the scenario's first negotiation, with ``RUN_DRAWS`` draws
of the uncertain positions and saliences (``foedus bargain --draws`` for more, the
expected-utility model, other negotiations and the full tables).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from foedus.analysis.sections import SectionResult, register_section
from foedus.scenarios.build import Case

SECTION_ID = "bargaining"
TITLE = "What would a negotiation settle on? (spatial bargaining)"
RUN_DRAWS = 40
NOTE = ("Positions without a sourced statement span the whole issue scale; see the scenario's "
        "`negotiations:` sources.")


@register_section(SECTION_ID, TITLE, order=50, cost=6.0)
def bargaining_section(case: Case, rng: np.random.Generator) -> SectionResult:
    from foedus.models.bargaining.negotiation import analyze

    if not case.scenario.model.negotiations:
        return SectionResult(SECTION_ID, TITLE, ("The scenario has no `negotiations:` section.",))
    seed = int(rng.integers(2**31))
    result = analyze(case, draws=RUN_DRAWS, seed=seed)
    spec = result.spec
    forecast = result.forecast_frame()
    table = pd.DataFrame({
        "issue": forecast["name"], "forecast (0-100)": forecast["forecast"].round(1),
        "5-95% over draws": [f"{a:.0f}-{b:.0f}" for a, b in zip(forecast["q05"], forecast["q95"],
                                                                strict=True)],
        "what it means": forecast["nearest_anchor"].str.split(": ", n=1).str[1]})
    lines = [(f"{spec.name}: KTAB's spatial model ({spec.switches!r}), {len(spec.actors)} "
              f"actors, capability {spec.capability_source}; {result.draws} draws of the "
              f"uncertain positions and saliences (seed {seed}); `foedus bargain` for more.")]
    designs = result.design_frame()
    if len(designs):
        best = designs.sort_values("share_of_draws", ascending=False).iloc[0]
        lines.append(f"Design nearest to the forecast: {best['design']} in "
                     f"{best['share_of_draws']:.0%} of draws.")
    p = result.collective_defence_probability()
    if p is not None:
        k, threshold = spec.collective
        lines.append(f"A collective-defence outcome ({spec.issue_ids[k]} >= {threshold:g}) is "
                     f"reached in {p:.0%} of draws.")
    deciders = result.decisive_actors(2)
    if deciders:
        lines.append("Whose positions decide it: " + "; ".join(
            f"{issue}: {', '.join(actors)}" for issue, actors in deciders.items()))
    return SectionResult(SECTION_ID, TITLE, tuple(lines),
                         {"forecast": table, "designs": designs,
                          "sensitivity": result.sensitivity_frame(),
                          "central_positions": result.positions_frame()},
                         display=("forecast",),
                         notes=(NOTE,))
