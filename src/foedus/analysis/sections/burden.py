"""The burden-sharing section of ``foedus run``: who pays under each design (issue #5).

Central parameter values only and no floor re-solved (the equilibrium without floors says who
spends below 2% of GDP) so that the section stays fast (about 0.2 s); ``foedus burden`` gives
who each floor constrains once the others re-optimise, and intervals over parameter draws.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from foedus.analysis import burden_designs as bd
from foedus.analysis.sections import SectionResult, register_section
from foedus.scenarios.build import Case

SECTION_ID = "burden"
TITLE = "Who pays? (burden sharing)"
FLOOR = bd.FLOORS[0]  # NATO 2% guideline (2006)


@register_section(SECTION_ID, TITLE, order=60, cost=1.0)
def burden_section(case: Case, rng: np.random.Generator) -> SectionResult:
    values = bd.central_parameters(case)
    results = bd.designs_burden(case, values=values, floors=())
    if not results:
        nothing = "No design has an alliance of two or more members with GDP data."
        return SectionResult(SECTION_ID, TITLE, (nothing,))
    summary = bd.summary_frame(results)
    members = bd.members_frame(results)
    below = members.assign(
        model=members["model_burden"] < FLOOR.share,
        observed=members["observed_burden"] < FLOOR.share)

    def who(column: str) -> list[str]:
        return [" ".join(below.loc[(below["design"] == d) & below[column], "member"]) or "-"
                for d in summary["design"]]

    headline = pd.DataFrame({
        "design": summary["design"],
        "members": summary["members"],
        "largest member": summary["largest_member"],
        "its share (model)": summary["largest_share_model"].map("{:.1%}".format),
        "its share (observed)": summary["largest_share_observed"].map("{:.1%}".format),
        "free-riding index": summary["free_riding_index"].map("{:.3f}".format),
        "below 2% (model)": who("model"),
        "below 2% (observed)": who("observed"),
    })
    inputs = pd.concat([r.inputs.assign(design=r.design) for r in results], ignore_index=True)
    notes = [f"{row.member}: {row.note}" for row in
             inputs.drop_duplicates("member").itertuples() if row.note]
    observed_year = inputs["observed_year"].dropna()
    year = int(observed_year.max()) if len(observed_year) else "n/a"
    model_line = (
        "Nash equilibrium of the joint-product alliance model at central parameters (security "
        f"weight {values['burden_security_weight']:g}, private share "
        f"{values['burden_private_share']:g}, spill-in decay "
        f"{values['burden_spill_in_decay_km']:,.0f} km; judgements, see docs/models/burden.md). "
        "The largest member's (by GDP) share of the members' total defence spending, free-riding index (share of the "
        "Pareto benchmark withheld), and who spends below 2% of GDP (NATO's 2006 guideline) "
        f"in the model's equilibrium and in SIPRI data ({year})."
    )
    more_line = ("`foedus burden` adds who each floor constrains (NATO 2%, Japan's FY2027 plan, "
                 "NATO's 2025 3.5%) and intervals over parameter draws.")
    return SectionResult(
        SECTION_ID, TITLE, (model_line, more_line),
        {"designs": headline, "summary": summary, "members": members,
         "floors": bd.floors_frame((FLOOR,))},
        display=("designs",),
        notes=tuple(notes) + tuple(f"members, {rule}: {', '.join(designs)}" for rule, designs
                                   in _by_rule(results).items())
        + tuple(f"{d.id}: fewer than two alliance members, not modelled" for d in case.designs
                if d.id not in set(summary["design"])),
    )


def _by_rule(results) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in results:
        rule = r.rule.split(" agreement ")[0] + " agreement" if "agreement " in r.rule else r.rule
        out.setdefault(rule, []).append(r.design)
    return out
