"""The claims the bargaining family (what would a negotiation settle on?) speaks to.

KTAB's spatial model runs on the scenario's first negotiation at central values and on
``DRAWS`` draws of the uncertain positions, saliences and domestic shares. Each claim becomes
a per-draw proposition; its share ``p`` over the draws gives the verdict: supported when
``p >= 0.9``, contradicted when ``p <= 0.1``, otherwise it depends on an assumption - the actor
whose drawn position explains most of the spread (standardised regression coefficients) and,
for AC10, the position at which the central forecast crosses the collective-defence threshold.

- AC10 (the pact cannot be put into practice now): the negotiated depth of the obligation stays
  below the scenario's collective-defence threshold.
- AC14 (Washington has no reason to accept such terms): bargaining does not bring the United
  States to within ``NEAR`` points of Ishiba's design on leadership and on base control.
- AC19 (bilateral ties are more pragmatic than collective defence): the negotiated design is
  nearest to a design without a collective-defence clause (the lattice or the status quo).

Claims are assessed only where the scenario has what they need (a negotiation, a
collective-defence threshold, the designs' positions, the US as an actor).
"""

from __future__ import annotations

import numpy as np

from foedus.verdict.registry import ClaimAssessment, Verdict, register_assessor

FAMILY = "bargaining"
DRAWS = 100
SUPPORT, CONTRADICT = 0.9, 0.1
NEAR = 25.0
ISHIBA = "ishiba"
CLAIMS = ("AC10", "AC14", "AC19")


def _verdict(p: float) -> Verdict:
    if p >= SUPPORT:
        return Verdict.SUPPORTED
    if p <= CONTRADICT:
        return Verdict.CONTRADICTED
    return Verdict.DEPENDS


def _decider(result, issue: str) -> str | None:
    frame = result.sensitivity_frame()
    frame = frame[(frame["issue"] == issue) & (frame["input"] == "position")]
    return None if frame.empty else str(frame.iloc[0]["actor"])


@register_assessor(FAMILY, CLAIMS)
def assess_bargaining(case, rng: np.random.Generator) -> list[ClaimAssessment]:
    from foedus.models.bargaining.negotiation import analyze, nearest_design, scan_position

    if not case.scenario.model.negotiations:
        return []
    result = analyze(case, draws=DRAWS, seed=int(rng.integers(2**31)))
    spec = result.spec
    out: list[ClaimAssessment] = []
    where = f"{spec.name} ({len(spec.actors)} actors, {result.draws} draws)"
    if spec.collective is not None:
        k, threshold = spec.collective
        issue = spec.issue_ids[k]
        below = result.outcomes[:, k] < threshold
        p = float(np.mean(below))
        verdict = _verdict(p)
        parameter = crossing = None
        if verdict is Verdict.DEPENDS:
            actor = _decider(result, issue)
            if actor is not None:
                parameter = f"position of {actor} on {issue}"
                scan = scan_position(spec, actor, issue)
                above = scan[scan[issue] >= threshold]
                crossing = float(above["value"].iloc[0]) if len(above) else None
        out.append(ClaimAssessment(
            "AC10", FAMILY, verdict,
            f"bargaining ({where}): negotiated {issue} {result.central_outcome[k]:.0f}/100 at "
            f"central values (5-95% {np.quantile(result.outcomes[:, k], 0.05):.0f}-"
            f"{np.quantile(result.outcomes[:, k], 0.95):.0f}); below the collective-defence "
            f"threshold {threshold:g} in {p:.0%} of draws",
            parameter=parameter, threshold=crossing, numbers={"p_below_threshold": p}))
        no_defence = {d for d, point in spec.design_points.items()
                      if k in point and point[k] < threshold}
        if no_defence:
            nearest = [nearest_design(x, spec.design_points)[0] for x in result.outcomes]
            p19 = float(np.mean([n in no_defence for n in nearest]))
            counts = {d: nearest.count(d) / len(nearest) for d in spec.design_points}
            shown = ", ".join(f"{d} {v:.0%}" for d, v in sorted(counts.items(),
                                                               key=lambda kv: -kv[1]) if v > 0)
            out.append(ClaimAssessment(
                "AC19", FAMILY, _verdict(p19),
                f"bargaining ({where}): the negotiated design is nearest to one without a "
                f"collective-defence clause ({', '.join(sorted(no_defence))}) in {p19:.0%} of "
                f"draws; nearest design: {shown}",
                parameter=None if _verdict(p19) is not Verdict.DEPENDS else
                f"position of {_decider(result, issue)} on {issue}",
                numbers={"p_no_defence_design": p19}))
    point = spec.design_points.get(ISHIBA, {})
    terms = [spec.issue_ids.index(i) for i in ("leadership", "base_control")
             if i in spec.issue_ids and spec.issue_ids.index(i) in point]
    if "USA" in spec.actors and terms and result.final_positions is not None:
        us = spec.actors.index("USA")
        distance = np.abs(result.final_positions[:, us, terms]
                          - np.array([point[k] for k in terms]))
        reached = np.all(distance <= NEAR, axis=1)
        p14 = float(1.0 - np.mean(reached))
        final = result.central.final_positions[us, terms]
        out.append(ClaimAssessment(
            "AC14", FAMILY, _verdict(p14),
            f"bargaining ({where}): the US ends at "
            + ", ".join(f"{spec.issue_ids[k]} {v:.0f}" for k, v in zip(terms, final,
                                                                       strict=True))
            + f" at central values against Ishiba's {', '.join(f'{point[k]:g}' for k in terms)};"
            f" it ends within {NEAR:g} points of Ishiba's terms on all of them in "
            f"{1 - p14:.0%} of draws",
            parameter=None if _verdict(p14) is not Verdict.DEPENDS else
            f"position of {_decider(result, spec.issue_ids[terms[0]])} on "
            f"{spec.issue_ids[terms[0]]}",
            numbers={"p_us_not_at_ishiba_terms": p14}))
    return out
