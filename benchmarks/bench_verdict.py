"""Speed of the verdict machinery on the flagship (run on demand).

    python benchmarks/bench_verdict.py [--rows 400] [--loop 40]

For one claim of each family with a measure (formation AC10, crisis AC50, alignment AC15) the
claim's measure is evaluated on ``rows`` parameter vectors of the joint flip search's
one-parameter grids in two ways, timed in the same run:

* ``batched``: one call of the measure's ``evaluate`` hook with every row (the models'
  vectorised evaluation: one equilibrium solve over all rows per game);
* ``loop``: one call per row, on the first ``loop`` rows (extrapolated to all rows).

Then the joint flip search of each claim is timed with the ``quick`` and ``full`` budgets
(evaluations and seconds). Ratios compare the two ways in the same run, not against a stored
baseline.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from foedus.scenarios import build_case, load_scenario
from foedus.verdict import BUDGETS, ParameterRows, joint_flip, registered_assessors
from foedus.verdict.facts import memo_case
from foedus.verdict.space import ParameterSpace

CLAIMS = {"formation": "AC10", "crisis": "AC50", "alignment": "AC15"}


def _grid_rows(space: ParameterSpace, n: int) -> np.ndarray:
    rows = []
    for j in space.free:
        for v in np.linspace(space.low[j], space.high[j], 21):
            x = space.centre.copy()
            x[j] = v
            rows.append(x)
    return np.array(rows)[:n]


def main(n_rows: int = 400, n_loop: int = 40, seed: int = 20241215) -> None:
    case = build_case(load_scenario("asian-nato-2024"))
    specs = {s.family: s for s in registered_assessors()}
    print(f"{'family':<10} {'claim':<6} {'rows':>5} {'batched s':>10} {'loop s (est.)':>14} "
          f"{'ratio':>7}")
    measures = {}
    for family, claim in CLAIMS.items():
        rng = np.random.default_rng([seed, len(family)])
        found = [a for a in specs[family].assessor(case, rng) if a.claim_id == claim
                 and a.measure is not None]
        m = found[0].measure
        base = memo_case(case)
        space = ParameterSpace.for_case(base, m.draws.names)
        rows = _grid_rows(space, n_rows)
        m.evaluate(base, ParameterRows(m.draws.names, rows[:2]))          # warm the caches
        start = time.perf_counter()
        batched = m.evaluate(base, ParameterRows(m.draws.names, rows))
        t_batch = time.perf_counter() - start
        fresh = memo_case(build_case(case.scenario))
        m.evaluate(fresh, ParameterRows(m.draws.names, rows[:1]))
        start = time.perf_counter()
        looped = [m.evaluate(fresh, ParameterRows(m.draws.names, rows[k:k + 1]))[0]
                  for k in range(min(n_loop, len(rows)))]
        t_loop = (time.perf_counter() - start) * len(rows) / max(len(looped), 1)
        assert np.allclose(batched[:len(looped)], looped), "batched and looped disagree"
        print(f"{family:<10} {claim:<6} {len(rows):>5} {t_batch:>10.2f} {t_loop:>14.2f} "
              f"{t_loop / t_batch:>7.1f}")
        measures[family] = (m, base, space)
    print(f"\n{'family':<10} {'claim':<6} {'budget':<6} {'evaluations':>11} {'seconds':>8} "
          "flip")
    for family, (m, base, space) in measures.items():
        target = not bool(m.evaluate(base, ParameterRows(m.draws.names, space.centre[None]))[0]
                          > 0.5)
        for budget in ("quick", "full"):
            start = time.perf_counter()
            flip = joint_flip(lambda x, m=m, base=base: m.evaluate(
                base, ParameterRows(m.draws.names, x)), space, target_holds=target,
                budget=BUDGETS[budget], rng=np.random.default_rng(seed),
                candidates=m.draws.values, candidate_values=m.values)
            print(f"{family:<10} {CLAIMS[family]:<6} {budget:<6} {flip.evaluations:>11} "
                  f"{time.perf_counter() - start:>8.1f} {flip.describe()[:90]}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=400)
    parser.add_argument("--loop", type=int, default=40)
    args = parser.parse_args()
    main(args.rows, args.loop)
