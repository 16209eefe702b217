"""Claims the legal layer (agreements and their provisions) speaks to.

AC09: the exercises, access, technology and minilateral arrangements that entered into force
recently among the states the scenario's alliances are meant for (every agreement with no
aggressor of a scenario crisis among its members) create no treaty obligation to defend
anyone.
"""

from __future__ import annotations

import datetime as dt

from foedus.verdict.registry import ClaimAssessment, Verdict, register_assessor
from foedus.world.agreements import LegalForce, Obligation

#: Arrangements entering into force from this date on count as "recent" for AC09.
RECENT = dt.date(2022, 1, 1)


@register_assessor("obligations", ("AC09",), parameters=())
def assess_obligations(case, rng) -> list[ClaimAssessment]:
    """AC09 from the agreements in force on the scenario date."""
    adversaries = {a for c in case.crises for a in c.aggressors}
    recent = [a for a in case.world.agreements_in_force()
              if a.in_force is not None and a.in_force >= RECENT
              and not adversaries.intersection(a.members)]
    if not recent:
        return []
    binding = [a.id for a in recent if a.legal_force is LegalForce.TREATY
               and a.provisions_of(Obligation.DEFENSE)]
    kinds = sorted({a.kind.value for a in recent})
    evidence = (f"{len(recent)} arrangements without {'/'.join(sorted(adversaries))} in force "
                f"since {RECENT.isoformat()} "
                f"({', '.join(kinds)}); with a treaty defence provision: "
                f"{', '.join(binding) if binding else 'none'}")
    return [ClaimAssessment("AC09", "obligations",
                            Verdict.CONTRADICTED if binding else Verdict.SUPPORTED, evidence,
                            numbers={"recent": len(recent), "binding": len(binding)},
                            from_data=True)]
