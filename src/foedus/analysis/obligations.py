"""Obligation maps for every crisis under every design of a case."""

from __future__ import annotations

import pandas as pd

from foedus.scenarios.build import Case
from foedus.world.agreements import Obligation
from foedus.world.obligations import ObligationMap, casus_foederis


def obligation_maps(case: Case, *, designs: list[str] | None = None,
                    crises: list[str] | None = None) -> list[ObligationMap]:
    """One :class:`ObligationMap` per (design, crisis), in scenario order."""
    out = []
    for design in case.designs:
        if designs and design.id not in designs:
            continue
        agreements = case.agreements(design)
        for crisis in case.crises:
            if crises and crisis.id not in crises:
                continue
            out.append(casus_foederis(agreements, crisis, case.world.geography, case.world.date,
                                      design=design.id))
    return out


def obligations_frame(maps: list[ObligationMap]) -> pd.DataFrame:
    """All activated obligations as one tidy table."""
    frames = [m.to_frame() for m in maps]
    return pd.concat(frames, ignore_index=True) if frames else ObligationMap("", "", ()).to_frame()


def obligation_summary(maps: list[ObligationMap]) -> pd.DataFrame:
    """Per (crisis, design): who must defend (treaty), who must consult, who is bound to stay
    neutral, and which non-aggression pledges the aggressor breaches."""
    rows = []
    for m in maps:
        defend = m.obliged(Obligation.DEFENSE)
        consult_treaty = m.obliged(Obligation.CONSULTATION)
        consult_political = m.obliged(Obligation.CONSULTATION, legal_force="political")
        neutral = m.obliged(Obligation.NEUTRALITY, legal_force=None)
        breaches = sorted({f"{r.agreement}" for r in m.rows if r.status == "breached"})
        rows.append({
            "crisis": m.crisis,
            "design": m.design,
            "must_defend": ", ".join(sorted(defend)) or "-",
            "n_defend": len(defend),
            "must_consult_treaty": ", ".join(sorted(consult_treaty)) or "-",
            "consult_political": ", ".join(sorted(consult_political - consult_treaty)) or "-",
            "must_stay_neutral": ", ".join(sorted(neutral)) or "-",
            "nonaggression_breached": ", ".join(breaches) or "-",
        })
    return pd.DataFrame(rows)
