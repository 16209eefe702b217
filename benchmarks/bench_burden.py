"""Timing of the burden-sharing solvers (run on demand: python benchmarks/bench_burden.py).

Reports, for alliances of 10-200 members with random incomes and symmetric random spill-ins,
the wall time of the Nash solver (principal pivoting for t = 0, best response for t > 0) and of
the Pareto benchmark, with the solver's convergence diagnostics.
"""

from __future__ import annotations

import time

import numpy as np

from foedus.models.burden import BurdenParams, alliance_equilibrium


def main(sizes=(10, 30, 100, 200), seed=0) -> None:
    rng = np.random.default_rng(seed)
    print("n   t    method               converged  iterations  residual   seconds")
    for n in sizes:
        incomes = rng.lognormal(0.0, 1.5, size=n)
        s = rng.uniform(0, 1, size=(n, n))
        s = (s + s.T) / 2
        np.fill_diagonal(s, 1.0)
        for t in (0.0, 0.3):
            start = time.perf_counter()
            eq = alliance_equilibrium(incomes, s, params=BurdenParams(0.03, t))
            took = time.perf_counter() - start
            print(
                f"{n:<4}{t:<5}{eq.method:<21}{eq.converged!s:<11}{eq.iterations:<12}"
                f"{eq.residual:<11.1e}{took:.3f}"
            )


if __name__ == "__main__":
    main()
