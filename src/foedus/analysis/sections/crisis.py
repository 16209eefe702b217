"""The ``foedus run`` section of the crisis model: who would fight, and is China deterred?

A modest, vectorised Monte Carlo (``DRAWS`` draws) keeps ``foedus run`` fast; ``foedus
crisis`` runs the full analysis with more draws, intervals, coalitions and sensitivities.
"""

from __future__ import annotations

import numpy as np

from foedus.analysis.sections import SectionResult, register_section
from foedus.scenarios.build import Case

DRAWS = 128
TOL = 1e-3      # probabilities to 0.001: enough for a two-decimal table
TITLE = "Who would fight? (crisis Monte Carlo)"


def _baseline(case: Case) -> str:
    ids = [d.id for d in case.designs]
    return "status-quo" if "status-quo" in ids else ids[0]


@register_section("crisis", TITLE, order=40, cost=1.1)
def crisis_section(case: Case, rng: np.random.Generator) -> SectionResult:
    from foedus.models.crisis import analyze

    if not case.crises:
        return SectionResult("crisis", TITLE, ("The scenario has no crises.",))
    baseline = _baseline(case)
    res = analyze(case, draws=DRAWS, rng=rng, sensitivity=False, tol=TOL)
    states = res.states[(res.states.variant == "as designed") & (res.states.role == "decides")]
    designs = list(dict.fromkeys(res.states.design))
    fight = states.pivot_table(index=["crisis", "iso3"], columns="design", values="p_fight",
                               sort=False)[designs]
    # show only states that matter somewhere (P(fight) >= 5% under some design)
    fight = fight[(fight >= 0.05).any(axis=1)].round(2).reset_index()
    fight.columns.name = None
    effects = res.design_effects(baseline)
    deterred_table = effects.pivot_table(index=["crisis", "variant"], columns="design",
                                         values="p_deterred", sort=False)[designs]
    deterred_table = deterred_table.round(2).reset_index()
    deterred_table.columns.name = None
    cal = res.calibration_table.iloc[0]
    summary = (
        (f"P(fight) of each state (rows) under each design (columns), {DRAWS} draws; "
        "`foedus crisis` gives intervals, coalitions and the parameters that drive them."),
        (f"Calibrated: treaty-obliged states fight at {cal.model_mean:.0%} in the baseline, "
        f"against the historical prior {cal.prior_mean:.0%} (treaty_reliability)."),
    )
    return SectionResult(
        "crisis", TITLE, summary,
        {"p_fight": fight, "p_deterred": deterred_table, "states": res.states,
         "outcomes": effects, "coalitions": res.coalitions,
         "calibration": res.calibration_table},
        display=("p_fight", "p_deterred"),
        notes=(("p_deterred: probability the aggressor's expected value of attacking, "
               "anticipating the equilibrium coalition, is negative; 'without USA': the US "
               "forced to stay out (docs/models/crisis.md)."),),
    )
