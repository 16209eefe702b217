"""What landscape alignment says about the flagship's claims (issue #3).

Each claim is a yes/no reading of the two-bloc minimum of landscape energy at a vector of
alignment weights; its measure is that indicator, evaluated on ``DRAWS`` weight draws (the
verdict) and at any other weights (the joint flip search).

* AC15 (no shared strategy towards China): the prospective members of the bloc (USA, JPN,
  AUS, KOR, PHL, IND, NZL, TWN) do not all land on one side of the two-bloc minimum.
* AC35 (Japan and South Korea natural partners): JPN and KOR are on the same side.
* AC47 (states handle China and North Korea differently): at least one of the region's other
  states lands on China's side.

Alignment measures revealed alignment (alliances, UN votes, disputes, regime), not trust or
strategy, and each assessment says so; AC43 (historical distrust) is left to the interests
layer.
"""

from __future__ import annotations

import numpy as np

from foedus.verdict.registry import (
    ClaimAssessment,
    Measure,
    ParameterRows,
    measure_verdict,
    register_assessor,
)

CANDIDATES = ("USA", "JPN", "AUS", "KOR", "PHL", "IND", "NZL", "TWN")
DRAWS = 40
_CAVEAT = ("landscape alignment of revealed ties (ATOP, UN votes, MIDs, rivalry, regime, "
           "contiguity, trade) with CINC sizes; it measures alignment, not strategy or trust")


class _Alignments:
    """The two-bloc minimum at each row of alignment weights, cached per (case, rows)."""

    def __init__(self):
        self._raw: dict = {}
        self._cache: dict = {}

    def labels(self, case, rows: ParameterRows) -> list[dict[str, int]]:
        import pandas as pd

        from foedus.models.alignment import minimise
        from foedus.models.alignment.propensity import alignment_inputs, world_indicators

        key = (id(case), rows.digest())
        if key not in self._cache:
            names = list(case.world.iso3s)
            if id(case) not in self._raw:
                self._raw[id(case)] = (case, world_indicators(case.world, names))
            raw = self._raw[id(case)][1]
            out = []
            for values in rows.values:
                weights = pd.Series(dict(zip(rows.names, values)))
                sizes, propensity, _ = alignment_inputs(case.world, weights, order=names,
                                                        raw=raw)
                best = minimise(sizes, propensity, k=2, rng=np.random.default_rng(0))
                out.append(dict(zip(best.actors, (int(x) for x in best.labels))))
            self._cache[key] = (case, out)
        return self._cache[key][1]


def _split(labels: dict, members) -> float:
    return float(len({labels[m] for m in members}) > 1)


@register_assessor("alignment", ["AC15", "AC35", "AC47"], parameters=["alignment_*"])
def assess_alignment(case, rng: np.random.Generator) -> list[ClaimAssessment]:
    from foedus.models.alignment.params import (
        ALIGNMENT_PARAMETERS,
        central_weights,
        sample_weights,
    )

    present = [c for c in CANDIDATES if c in case.world.states]
    if len(present) < 2:
        return []
    params = dict(case.parameters)
    table = sample_weights(DRAWS, rng, params)
    draws = ParameterRows(ALIGNMENT_PARAMETERS, table[list(ALIGNMENT_PARAMETERS)].to_numpy())
    centre = ParameterRows(ALIGNMENT_PARAMETERS,
                           central_weights(params)[list(ALIGNMENT_PARAMETERS)].to_numpy())
    solver = _Alignments()
    at_centre = solver.labels(case, centre)[0]
    out = []

    def measure(reading) -> Measure:
        def evaluate(c, rows):
            return np.array([reading(x) for x in solver.labels(c, rows)])
        return Measure(draws, evaluate(case, draws), evaluate)

    def sides(labels, states):
        groups = {}
        for s in states:
            groups.setdefault(labels[s], []).append(s)
        return "; ".join(", ".join(v) for v in groups.values())

    m = measure(lambda lab: _split(lab, present))
    together = not _split(at_centre, present)
    out.append(ClaimAssessment(
        "AC15", "alignment", measure_verdict(m.p),
        f"the candidates are split in {m.p:.0%} of {DRAWS} weight draws; at the central "
        f"weights they {'share one bloc' if together else 'split: ' + sides(at_centre, present)}."
        f" {_CAVEAT}.", numbers={"p": m.p}, measure=m))
    if {"JPN", "KOR"} <= set(at_centre):
        m = measure(lambda lab: 1.0 - _split(lab, ("JPN", "KOR")))
        same = at_centre["JPN"] == at_centre["KOR"]
        out.append(ClaimAssessment(
            "AC35", "alignment", measure_verdict(m.p),
            f"JPN and KOR are on the same side in {m.p:.0%} of {DRAWS} weight draws "
            f"({'same side' if same else 'opposite sides'} at the central weights). {_CAVEAT}.",
            numbers={"p": m.p}, measure=m))
    if "CHN" in at_centre:
        others = [c for c in at_centre if c not in ("CHN", "PRK", "RUS")]
        m = measure(lambda lab: float(any(lab[c] == lab["CHN"] for c in others)))
        with_china = [c for c in others if at_centre[c] == at_centre["CHN"]]
        out.append(ClaimAssessment(
            "AC47", "alignment", measure_verdict(m.p),
            f"some of the {len(others)} other states land on China's side in {m.p:.0%} of "
            f"{DRAWS} weight draws; at the central weights: "
            f"{', '.join(with_china) or 'none'} (they align differently). {_CAVEAT}.",
            numbers={"p": m.p}, measure=m))
    return out

