"""What landscape alignment says about the flagship's claims (issue #3).

* AC15 (no shared strategy towards China): do the prospective members of the bloc (USA, JPN,
  AUS, KOR, PHL, IND, NZL, TWN) land on one side of the two-bloc minimum? Checked at the
  central weights and over weight draws; where the answer flips inside the support of a
  weight, the verdict names that weight and the value at which it flips.
* AC35 (Japan and South Korea natural partners): are JPN and KOR on the same side, and how
  often over the draws?
* AC47 (states handle China and North Korea differently): how many of the region's other
  states land on the side opposite China and North Korea?

Alignment measures revealed alignment (alliances, UN votes, disputes, regime), not trust or
strategy, and each assessment says so; AC43 (historical distrust) is left to the interests
layer.
"""

from __future__ import annotations

import numpy as np

from foedus.verdict.registry import ClaimAssessment, Verdict, register_assessor

CANDIDATES = ("USA", "JPN", "AUS", "KOR", "PHL", "IND", "NZL", "TWN")
DRAWS = 40
_CAVEAT = ("landscape alignment of revealed ties (ATOP, UN votes, MIDs, rivalry, regime, "
           "contiguity, trade) with CINC sizes; it measures alignment, not strategy or trust")


def _together(labels: dict, members) -> bool:
    return len({labels[m] for m in members}) == 1


def _flip_point(case, weight: str, members, *, together_at_centre: bool):
    """Smallest change of one weight (others central) at which ``members`` change from
    together to split or back; ``None`` if it never flips inside the weight's support."""
    from foedus.analysis.alignment import analyze
    from foedus.models.alignment.params import central_weights
    from foedus.scenarios.distributions import Point
    from foedus.scenarios.parameters import known_parameters

    low, high = known_parameters()[weight].default.support()
    centre = float(central_weights()[weight])
    grid = sorted(np.linspace(low, high, 21), key=lambda v: abs(v - centre))
    base = dict(case.parameters)
    names = {n: Point(value=float(v), source="verdict sweep")
             for n, v in central_weights(base).items()}
    for value in grid:
        names[weight] = Point(value=float(value), source="verdict sweep")
        probe = case.with_parameters(names)
        result = analyze(probe, rng=0, draws=0)
        labels = dict(zip(result.best.actors, result.best.labels))
        if _together(labels, members) != together_at_centre:
            return float(value)
    return None


@register_assessor("alignment", ["AC15", "AC35", "AC47"])
def assess_alignment(case, rng: np.random.Generator) -> list[ClaimAssessment]:
    from foedus.analysis.alignment import analyze
    from foedus.models.alignment.params import central_weights

    present = [c for c in CANDIDATES if c in case.world.states]
    if len(present) < 2:
        return []
    result = analyze(case, rng=rng, draws=DRAWS)
    labels = dict(zip(result.best.actors, result.best.labels))
    stability = result.stability.set_index("actor")
    out = []

    # AC15 --------------------------------------------------------------------------
    together = _together(labels, present)
    sides = {s: [c for c in present if labels[c] == s] for s in sorted(set(labels.values()))}
    split = "; ".join(", ".join(v) for v in sides.values() if v)
    flips = {}
    for weight in ("alignment_weight_un_voting", "alignment_weight_alliance",
                   "alignment_weight_regime"):
        value = _flip_point(case, weight, present, together_at_centre=together)
        if value is not None:
            flips[weight] = value
    numbers = {"candidates_together_at_centre": float(together)}
    state = "share one bloc" if together else f"split: {split}"
    if flips:
        centre = central_weights()
        weight, value = min(flips.items(), key=lambda kv: abs(kv[1] - float(centre[kv[0]])))
        verdict, parameter, threshold = Verdict.DEPENDS, weight, value
        side = "down" if value < float(centre[weight]) else "up"
        evidence = (f"At the central weights the candidates {state}; this flips when {weight} "
                    f"goes {side} from {float(centre[weight]):.3g} to {value:.3g} (others "
                    f"central; scanned over its range in 21 steps). {_CAVEAT}.")
    else:
        verdict = Verdict.CONTRADICTED if together else Verdict.SUPPORTED
        parameter = threshold = None
        evidence = (f"Two-bloc minimum: the candidates {state}, at every value of the "
                    f"UN-voting, alliance and regime weights in their ranges (others central). "
                    f"{_CAVEAT}.")
    out.append(ClaimAssessment("AC15", "alignment", verdict, evidence, parameter, threshold,
                               numbers))

    # AC35 --------------------------------------------------------------------------
    if "JPN" in labels and "KOR" in labels:
        same = labels["JPN"] == labels["KOR"]
        share = float(stability.loc["KOR", "agreement_with_best"]) if result.draws else np.nan
        verdict = Verdict.SUPPORTED if same else Verdict.CONTRADICTED
        out.append(ClaimAssessment(
            "AC35", "alignment", verdict,
            f"JPN and KOR are {'on the same side' if same else 'on opposite sides'} of the "
            f"two-bloc minimum (propensity {result.propensity.loc['JPN', 'KOR']:.2f}); "
            f"over {result.draws} weight draws KOR's placement agrees with the minimum "
            f"{share:.0%} of the time. {_CAVEAT}.",
            numbers={"propensity_jpn_kor": float(result.propensity.loc["JPN", "KOR"]),
                     "kor_agreement_with_best": share}))

    # AC47 --------------------------------------------------------------------------
    if "CHN" in labels:
        others = [c for c in labels if c not in ("CHN", "PRK", "RUS")]
        against = [c for c in others if labels[c] != labels["CHN"]]
        with_china = [c for c in others if labels[c] == labels["CHN"]]
        out.append(ClaimAssessment(
            "AC47", "alignment", Verdict.SUPPORTED if with_china else Verdict.CONTRADICTED,
            f"{len(against)} of {len(others)} other states land opposite China "
            f"({', '.join(against)}); {', '.join(with_china) or 'none'} land on China's side, "
            f"i.e. they align differently. {_CAVEAT}.",
            numbers={"opposite_china": float(len(against)), "with_china":
                     float(len(with_china))}))
    return out
