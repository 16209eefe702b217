"""Timing of the exhaustive stability search of the formation model (run on demand).

    python benchmarks/bench_formation.py [--draws 10000] [--sizes 8 12 16]

For random games of n = 8, 12, 16 invited states (one founder, unanimity, three crises, two
adversaries) and 10,000 parameter draws, every one of the 2**n membership profiles of every
draw is checked for internal and external stability. Three implementations are timed in the
same run and checked against each other on the draws they share:

* ``compiled``: the numba kernel (parallel over draws, lazy utilities with early exit) on all
  draws;
* ``numpy``: vectorised over profiles and draws (utilities of every profile, then the checks),
  on a subset of draws when n is large;
* ``loop``: the straightforward implementation - for each draw, each profile, each state, the
  utility from its terms in plain Python (``stable_profiles_loop``) - on a few draws.

Profiles/s = draws x 2**n / seconds; times for the subsets are also extrapolated to all draws.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

from foedus.models.formation import FormationDraws, sample_parameters, stable_profiles
from foedus.models.formation.testing import random_game
from foedus.models.solvers._jit import HAVE_NUMBA


def _time(game, draws, method):
    start = time.perf_counter()
    result = stable_profiles(game, draws, method=method)
    return time.perf_counter() - start, result.profiles


def main(sizes=(8, 12, 16), n_draws=10_000, seed=0) -> None:
    draws = sample_parameters(n_draws, np.random.default_rng(seed))
    print(f"cores: {os.cpu_count()}, numba: {HAVE_NUMBA}, draws: {n_draws}")
    print(f"{'n':>3} {'method':<9} {'draws':>7} {'seconds':>10} {'profiles/s':>14} "
          f"{'est. s for all draws':>21} {'agrees':>7}")
    for n in sizes:
        game = random_game(n, seed=seed + n, founders=(0,))
        subsets = {"compiled": n_draws,
                   "numpy": min(n_draws, max(4, 4_000_000 // (1 << n) // 8)),
                   "loop": max(1, min(20, 40_000 // (1 << n)))}
        if HAVE_NUMBA:
            stable_profiles(game, FormationDraws(draws.values[:2]), method="compiled")  # compile
        reference = None
        for method, size in subsets.items():
            if method == "compiled" and not HAVE_NUMBA:
                continue
            sub = FormationDraws(draws.values[:size])
            seconds, profiles = _time(game, sub, method)
            if reference is None:
                reference = profiles
            k = min(len(reference), len(profiles))
            agrees = reference[:k] == profiles[:k]
            rate = size * (1 << n) / seconds
            print(f"{n:>3} {method:<9} {size:>7} {seconds:>10.3f} {rate:>14,.0f} "
                  f"{seconds * n_draws / size:>21,.1f} {agrees!s:>7}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--sizes", type=int, nargs="+", default=[8, 12, 16])
    args = parser.parse_args()
    main(tuple(args.sizes), args.draws)
