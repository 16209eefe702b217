"""The ``foedus run`` section of the crisis model: who would fight, who would help, and is the
aggressor deterred?

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


@register_section("crisis", TITLE, order=40, cost=1.1)
def crisis_section(case: Case, rng: np.random.Generator) -> SectionResult:
    from foedus.models.crisis import analyze, baseline_design

    if not case.crises:
        return SectionResult("crisis", TITLE, ("The scenario has no crises.",))
    baseline = baseline_design(case)
    res = analyze(case, draws=DRAWS, rng=rng, sensitivity=False, tol=TOL)
    states = res.states[(res.states.variant == "as designed") & (res.states.role == "decides")]
    if states.empty:
        note = ("No third state decides in any crisis: every state of the scenario is an "
                "aggressor or a target. `foedus crisis` gives the outcome probabilities.")
        return SectionResult("crisis", TITLE, (note,))
    designs = list(dict.fromkeys(res.states.design))
    choices = states[states.design == baseline][
        ["crisis", "iso3", "p_fight_target", "p_support_target", "p_stay_out",
         "p_support_aggressor", "p_fight_aggressor"]]
    # show only states that matter (some choice other than staying out at 5% or more)
    choices = choices[(choices.p_stay_out <= 0.95)].round(2).reset_index(drop=True)
    fight = states.pivot_table(index=["crisis", "iso3"], columns="design",
                               values="p_fight_target", sort=False)[designs]
    fight = fight[(fight >= 0.05).any(axis=1)].round(2).reset_index()
    fight.columns.name = None
    effects = res.design_effects(baseline)
    deterred_table = effects.pivot_table(index=["crisis", "variant"], columns="design",
                                         values="p_deterred", sort=False)[designs]
    deterred_table = deterred_table.round(2).reset_index()
    deterred_table.columns.name = None
    check = res.checks.iloc[0]
    summary = [
        (f"The five choices of each state under the {baseline} (fight for or support the target, "
         f"stay out, support or fight for the aggressor), P(fight for the target) under each "
         f"design, and P(deterred); {DRAWS} draws, parameters {res.parameter_set}. "
         "`foedus crisis` gives intervals, coalitions and the parameters that drive them."),
    ]
    if check.obliged_units:
        summary.append(
            f"Check: treaty-obliged states fight at {check.model_mean:.0%} in the baseline, "
            f"against the era's record {check.prior_mean:.0%} (treaty_reliability): "
            f"{check.note}.")
    for s in res.history_summary.itertuples(index=False):
        if not s.states_scored:
            summary.append(
                f"{s.crisis} happened (no record of what third states did): P(deterred) "
                f"{s.p_deterred:.0%}"
                f"{' - flagged: the aggressor attacked' if s.deterrence_flag else ''}.")
            continue
        summary.append(
            f"{s.crisis} happened: {s.placed_right_mid:.0%} of {s.states_scored} states placed "
            f"right (MID coding; log loss {s.log_loss_mid:.2f}); P(deterred) "
            f"{s.p_deterred:.0%}{' - flagged: the aggressor attacked' if s.deterrence_flag else ''}.")
    return SectionResult(
        "crisis", TITLE, tuple(summary),
        {"choices": choices, "p_fight_target": fight, "p_deterred": deterred_table,
         "states": res.states, "outcomes": effects, "coalitions": res.coalitions,
         "checks": res.checks, "history": res.history,
         "history_summary": res.history_summary},
        display=("choices", "p_fight_target", "p_deterred"),
        notes=(("p_deterred: prior probability that the aggressor's type (its private resolve) "
                "does not attack, anticipating the equilibrium coalition; 'without USA': the US "
                "forced to stay out (docs/models/crisis.md)."),),
    )
