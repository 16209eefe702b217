"""Timing of the formation model's solvers and likelihoods (run on demand).

    python benchmarks/bench_formation.py [--draws 2000] [--sizes 8 12 16] [--cases 300]
                                         [--dyads 100000] [--only exhaustive qre dyads]

Three parts, each timed against a plain-Python baseline measured in the same run (ratios):

* ``exhaustive``: every stable profile of random games of n = 8, 12, 16 states (one founder,
  unanimity, three crises, two adversaries) under ``--draws`` parameter draws - the compiled
  kernel (Gray-code order, lazy values), the vectorised NumPy path and the plain loops
  (``stable_profiles_loop``) on subsets of the draws, checked against each other on the draws
  they share;
* ``qre``: the alliance-case log-likelihood (quantal-response equilibrium of every case under
  one parameter vector) on ``--cases`` random games of 10-40 states, batched against one case
  at a time (``alliance_log_likelihood_loop``); evaluations per second, cold and warm-started;
* ``dyads``: the dyad-year log-likelihood (bilateral closed form) on ``--dyads`` synthetic pairs
  built from one real world (SEATO 1954's, every pair repeated), vectorised against the
  plain-Python loop over dyads, sides and adversaries on a subset.

Times of subsets are extrapolated to the full size; "agrees" compares the results they share.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

from foedus.models.formation import FormationDraws, sample_parameters, stable_profiles
from foedus.models.formation.testing import random_game
from foedus.models.solvers._jit import HAVE_NUMBA


def _timed(func, *args, **kwargs):
    start = time.perf_counter()
    out = func(*args, **kwargs)
    return time.perf_counter() - start, out


def exhaustive(sizes, n_draws, seed=0) -> None:
    draws = sample_parameters(n_draws, np.random.default_rng(seed))
    print(f"\n[exhaustive] cores: {os.cpu_count()}, numba: {HAVE_NUMBA}, draws: {n_draws}")
    print(f"{'n':>3} {'method':<9} {'draws':>7} {'seconds':>9} {'profiles/s':>13} "
          f"{'est. s, all draws':>18} {'x loop':>8} {'agrees':>7}")
    for n in sizes:
        game = random_game(n, seed=seed + n, founders=(0,))
        profiles = 1 << (n - 1)
        subsets = {"compiled": n_draws,
                   "numpy": min(n_draws, max(2, 2_000_000 // profiles // 8)),
                   "loop": max(1, min(10, 20_000 // profiles))}
        if HAVE_NUMBA:
            stable_profiles(game, FormationDraws(draws.values[:2]), method="compiled")
        reference, rates = None, {}
        for method, size in subsets.items():
            if (method == "compiled" and not HAVE_NUMBA) or (method == "numpy" and n > 20):
                continue
            sub = FormationDraws(draws.values[:size])
            seconds, result = _timed(stable_profiles, game, sub, method=method)
            reference = result.profiles if reference is None else reference
            k = min(len(reference), len(result.profiles))
            rates[method] = size * profiles / seconds
            print(f"{n:>3} {method:<9} {size:>7} {seconds:>9.3f} {rates[method]:>13,.0f} "
                  f"{seconds * n_draws / size:>18,.1f} {'':>8} "
                  f"{reference[:k] == result.profiles[:k]!s:>7}")
        for method, rate in rates.items():
            if method != "loop" and "loop" in rates:
                print(f"{n:>3} {method:<9} speed-up over the loop: {rate / rates['loop']:,.0f}x")


def qre(n_cases, seed=0) -> None:
    from foedus.models.formation.batch import stack_games
    from foedus.models.formation.likelihood import (
        AllianceData,
        alliance_log_likelihood,
        alliance_log_likelihood_loop,
    )

    rng = np.random.default_rng(seed)
    sizes = rng.integers(10, 41, n_cases)
    games = [random_game(int(n), seed=seed + k, founders=(), crises=0, adversaries=3)
             for k, n in enumerate(sizes)]
    build, batch = _timed(stack_games, games)
    observed = np.full(batch.present.shape, np.nan)
    for b, g in enumerate(games):
        observed[b, :g.n] = rng.uniform(size=g.n) < 0.4
    data = AllianceData(batch, observed, tuple(str(k) for k in range(n_cases)))
    theta = sample_parameters(1, np.random.default_rng(seed)).values[0]
    print(f"\n[qre] {n_cases} alliance cases of 10-40 states (mean {sizes.mean():.1f}), "
          f"{int(np.isfinite(observed).sum())} scored states; batch built in {build:.2f} s")
    cold, (_ll, solution) = _timed(alliance_log_likelihood, theta, data, return_solution=True)
    theta2 = theta * (1 + 0.01 * rng.standard_normal(theta.shape))
    warm, _ll2 = _timed(alliance_log_likelihood, theta2, data, z0=solution.membership,
                       stages=(1.0,))
    few = max(1, n_cases // 20)
    sub = AllianceData(stack_games(games[:few]), observed[:few, :max(g.n for g in games[:few])],
                       data.labels[:few])
    loop, ll_loop = _timed(alliance_log_likelihood_loop, theta, sub)
    ll_sub = alliance_log_likelihood(theta, sub)
    loop_all = loop * n_cases / few
    print(f"batched, cold (homotopy): {cold:8.2f} s  {1 / cold:8.3f} evaluations/s  "
          f"({solution.iterations} iterations, converged {solution.converged.mean():.0%})")
    print(f"batched, warm start:      {warm:8.2f} s  {1 / warm:8.3f} evaluations/s")
    print(f"plain loop over cases:    {loop_all:8.2f} s  {1 / loop_all:8.3f} evaluations/s  "
          f"(measured on {few} cases, extrapolated)")
    print(f"ratio loop / batched cold: {loop_all / cold:.1f}x, / warm: {loop_all / warm:.1f}x; "
          f"agrees on the subset: {np.isclose(ll_loop, ll_sub, rtol=1e-6)}")


def dyads(n_dyads, seed=0) -> None:
    import dataclasses

    from foedus.interests import compute_interests
    from foedus.models.formation.likelihood import (
        dyad_batch,
        dyad_log_likelihood,
        dyad_log_likelihood_loop,
    )
    from foedus.scenarios import build_case, load_scenario

    case = build_case(load_scenario("seato-1954"))
    ints = compute_interests(case.world)
    states = [s for s in ints.states]
    pairs = [(a, b) for i, a in enumerate(states) for b in states[i + 1:]]
    base = dyad_batch(case.world, ints, pairs, adversaries=5)
    reps = int(np.ceil(n_dyads / len(pairs)))
    index = np.tile(np.arange(len(pairs)), reps)[:n_dyads]
    fields = {f.name: getattr(base, f.name) for f in dataclasses.fields(base)}
    big = dataclasses.replace(base, **{
        k: (tuple(np.asarray(v, dtype=object)[index]) if isinstance(v, tuple) else v[index])
        for k, v in fields.items()})
    onset = (np.random.default_rng(seed).uniform(size=n_dyads) < 0.005).astype(float)
    theta = sample_parameters(1, np.random.default_rng(seed)).values[0]
    vec, _ll = _timed(dyad_log_likelihood, theta, big, onset)
    few = min(n_dyads, 2000)
    small = dataclasses.replace(base, **{
        k: (tuple(np.asarray(v, dtype=object)[index[:few]]) if isinstance(v, tuple)
            else v[index[:few]]) for k, v in fields.items()})
    loop, ll_loop = _timed(dyad_log_likelihood_loop, theta, small, onset[:few])
    ll_small = dyad_log_likelihood(theta, small, onset[:few])
    loop_all = loop * n_dyads / few
    print(f"\n[dyads] {n_dyads:,} dyad-years (pairs of SEATO 1954's world, 5 adversaries a side)")
    print(f"vectorised: {vec:8.3f} s  {1 / vec:10.2f} evaluations/s")
    print(f"plain loop: {loop_all:8.3f} s  {1 / loop_all:10.4f} evaluations/s  (measured on "
          f"{few:,} dyads, extrapolated)")
    print(f"ratio {loop_all / vec:,.0f}x; agrees on the subset: "
          f"{np.isclose(ll_loop, ll_small, rtol=1e-9)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=2000)
    parser.add_argument("--sizes", type=int, nargs="+", default=[8, 12, 16])
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--dyads", type=int, default=100_000)
    parser.add_argument("--only", nargs="+", default=["exhaustive", "qre", "dyads"],
                        choices=["exhaustive", "qre", "dyads"])
    args = parser.parse_args()
    if "exhaustive" in args.only:
        exhaustive(tuple(args.sizes), args.draws)
    if "qre" in args.only:
        qre(args.cases)
    if "dyads" in args.only:
        dyads(args.dyads)
