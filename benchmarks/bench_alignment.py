"""Benchmarks for the alignment / balance solver stack (run on demand, never in the tests).

    python benchmarks/bench_alignment.py [--quick] [--only exhaustive,census,cow,dense,world,world-real]

Every target is printed as a ratio against a baseline measured in the same process:

* exhaustive: two-bloc minimum for n = 28..32, configurations per second of the blocked
  kernel beside a naive Gray-code kernel (O(n) field update per step, numba) and a pure-NumPy
  evaluation (chunks of sign vectors times W), target >= 6.5e8 configurations/s/core;
* census: full local-minimum census with basins, n = 24..28, against a naive census (energy
  table by Gray walk, then every neighbour looked up, then pointer chasing), target: not slower;
* cow: frustration index of all 51 CoW networks, against the plain binary MILP on HiGHS (one
  0/1 variable per node and per edge, two inequalities per edge), target <= 0.5x its time;
* dense: complete signed graph, n = 28, against the same plain MILP, target >= 100x faster;
* world: synthetic ~190-state landscape, target: proven optimum or gap <= 0.1% in <= 60 s;
* world-real: the data-derived world propensities (every COW state with capability data,
  foedus.models.alignment.propensity) at the central weights and at weight draws, same target.

The data are read from tests/data/validation (copies with provenance); nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import numba
import numpy as np
import pandas as pd

from foedus.models.alignment import minimise
from foedus.models.balance import frustration_index, signed_adjacency
from foedus.models.solvers.census import local_minima_census
from foedus.models.solvers.enumeration import enumerate_minimum, evaluate_cuts, naive_gray_minimum
from foedus.models.solvers.milp import plain_milp_minimum

COW = Path(__file__).resolve().parents[1] / "tests" / "data" / "validation" / "cow_doreian_mrvar"


def random_weights(n, seed=0, integer=False):
    rng = np.random.default_rng(seed)
    upper = np.triu(rng.integers(-100, 101, (n, n)) if integer else rng.normal(size=(n, n)), 1)
    return upper + upper.T


def clock(func, *args, **kwargs):
    start = time.perf_counter()
    out = func(*args, **kwargs)
    return out, time.perf_counter() - start


def bench_exhaustive(quick):
    print("\n== exhaustive two-bloc minimum (configurations/s, one core) ==")
    enumerate_minimum(random_weights(20))  # compile both weight types
    enumerate_minimum(random_weights(20, integer=True))
    naive_gray_minimum(random_weights(12))
    naive_n = 24 if quick else 28
    w = random_weights(naive_n, seed=naive_n)
    _, t_naive = clock(naive_gray_minimum, w)
    naive_rate = 2 ** (naive_n - 1) / t_naive
    sample = 2**18
    codes = np.arange(sample, dtype=np.int64)
    print(f"naive Gray-code kernel (numba), n={naive_n}: {naive_rate:.3g} configs/s")
    for n in range(28, 30 if quick else 33):
        for integer in (False, True):
            w = random_weights(n, seed=n, integer=integer)
            t_fast = min(clock(enumerate_minimum, w)[1] for _ in range(3))  # best of 3
            rate = 2 ** (n - 1) / t_fast
            bits = (codes[:, None] >> np.arange(n)) & 1
            _, t_np = clock(evaluate_cuts, w, bits)
            np_rate = sample / t_np
            kind = "int64" if integer else "float64"
            print(
                f"n={n} {kind:7s} blocked {rate:.3g}/s ({t_fast:.2f} s)  "
                f"x{rate / naive_rate:.1f} vs naive Gray  x{rate / np_rate:.0f} vs NumPy "
                f"({np_rate:.3g}/s)  target 6.5e8: {'met' if rate >= 6.5e8 else 'MISSED'}"
            )


def _naive_census_kernel():
    @numba.njit(cache=True)
    def kernel(w):
        n = w.shape[0]
        m = n - 1
        total = 2**m
        energy = np.empty(total)
        sig = np.ones(n)
        h = w.sum(axis=1).astype(np.float64)
        cut = 0.0
        code = 0
        energy[0] = 0.0
        for t in range(1, total):
            j = 0
            while not (t >> j) & 1:
                j += 1
            cut += sig[j] * h[j]
            s = sig[j]
            sig[j] = -s
            for i in range(n):
                h[i] -= 2 * w[i, j] * s
            code ^= 1 << j
            energy[code] = cut
        succ = np.empty(total, dtype=np.int64)
        for c in range(total):
            best = energy[c]
            succ[c] = c
            for i in range(n):
                nb = c ^ (1 << i) if i < m else c ^ (total - 1)
                if energy[nb] < best - 1e-9:
                    best = energy[nb]
                    succ[c] = nb
        root = np.empty(total, dtype=np.int64)
        for c in range(total):
            r = c
            while succ[r] != r:
                r = succ[r]
            root[c] = r
        return root

    return kernel


def bench_census(quick):
    print("\n== local-minimum census with basins ==")
    naive = _naive_census_kernel()
    naive(random_weights(8))
    local_minima_census(random_weights(8))
    for n in range(24, 26 if quick else 29):
        w = random_weights(n, seed=100 + n)
        res, t_fast = clock(local_minima_census, w)
        roots, t_naive = clock(naive, w)
        agree = np.unique(roots).size == len(res.labels)
        print(
            f"n={n}: census {t_fast:.2f} s ({len(res.labels)} minima), naive {t_naive:.2f} s, "
            f"speed-up x{t_naive / t_fast:.1f}, same minima count: {agree}"
        )


def _cow_networks():
    for path in sorted(COW.glob("cow_*.csv")):
        yield path.name, pd.read_csv(path)


def bench_cow(quick):
    print("\n== frustration index, 51 CoW networks ==")
    frustration_index(pd.read_csv(COW / "cow_1946-1949.csv"))  # compile
    ours = plain = 0.0
    for name, edges in list(_cow_networks())[:: 5 if quick else 1]:
        res, t_ours = clock(frustration_index, edges, rng=0)
        a, _ = signed_adjacency(edges)
        base, t_plain = clock(plain_milp_minimum, a, time_limit=600)
        index_plain = base.value + int((np.triu(a, 1) < 0).sum())
        assert index_plain == res.frustration_index and res.proven_optimal
        ours += t_ours
        plain += t_plain
        print(f"{name}: L={res.frustration_index} ours {t_ours:.2f} s  plain MILP {t_plain:.2f} s")
    print(
        f"total: ours {ours:.1f} s, plain MILP {plain:.1f} s, ratio {ours / plain:.3f} "
        f"(target <= 0.5: {'met' if ours <= 0.5 * plain else 'MISSED'})"
    )


def bench_dense(quick):
    print("\n== dense complete signed graph, n = 28 ==")
    rng = np.random.default_rng(28)
    upper = np.triu(rng.choice([-1, 1], size=(28, 28)), 1)
    a = upper + upper.T
    frustration_index(a[:20, :20])
    res, t_ours = clock(frustration_index, a)
    limit = 60 if quick else 600
    base, t_plain = clock(plain_milp_minimum, a, time_limit=limit)
    index_plain = base.value + int((np.triu(a, 1) < 0).sum())
    bound = (
        ""
        if base.proven_optimal
        else f" (hit {limit} s limit, gap {base.gap:.3f}: ratio is a lower bound)"
    )
    print(
        f"ours ({res.method}) L={res.frustration_index} in {t_ours:.2f} s; plain MILP "
        f"L={index_plain} in {t_plain:.1f} s{bound}; speed-up x{t_plain / t_ours:.0f} "
        f"(target >= 100: {'met' if t_plain >= 100 * t_ours else 'MISSED'})"
    )


def world_instance(n=190, degree=12, noise=0.15, seed=0):
    """Synthetic world: two planted blocs, ~degree ties per state, a share of ties flipped,
    sizes lognormal (like capability shares), propensities in {-2, -1, 1, 2}."""
    rng = np.random.default_rng(seed)
    bloc = rng.integers(2, size=n)
    sizes = np.round(rng.lognormal(0, 1.2, n) * 10).astype(np.int64) + 1
    p = np.zeros((n, n), dtype=np.int64)
    for i in range(n):
        for j in rng.choice(n, size=degree // 2, replace=False):
            if i != j:
                sign = 1 if bloc[i] == bloc[j] else -1
                sign = -sign if rng.random() < noise else sign
                p[i, j] = p[j, i] = sign * int(rng.integers(1, 3))
    return sizes, p


def bench_world(quick):
    print("\n== world scale (~190 states), time limit 60 s ==")
    for degree, noise in [(12, 0.15)] + ([] if quick else [(20, 0.2), (30, 0.25)]):
        sizes, p = world_instance(degree=degree, noise=noise)
        res, t = clock(minimise, sizes, p, time_limit=60, rng=0)
        gap = res.gap if res.gap is not None else float("nan")
        ok = (res.proven_optimal or gap <= 1e-3) and t <= 60
        print(
            f"n=190 pairs={int(np.count_nonzero(p) // 2)} noise={noise}: E={res.energy} "
            f"{res.method} proven={res.proven_optimal} gap={gap:.2e} in {t:.1f} s "
            f"(target: {'met' if ok else 'MISSED'})"
        )


def bench_world_real(quick):
    from foedus.analysis.alignment import system_world
    from foedus.models.alignment.params import central_weights, sample_weights
    from foedus.models.alignment.propensity import alignment_inputs, world_indicators

    print("\n== world scale, real data-derived propensities, time limit 60 s ==")
    for year in [2022] + ([] if quick else [2014]):
        world = system_world(year)
        names = list(world.iso3s)
        raw = world_indicators(world, names)
        draws = [central_weights()] + [w for _, w in sample_weights(
            1 if quick else 3, np.random.default_rng(year)).iterrows()]
        for k, weights in enumerate(draws):
            sizes, p, _ = alignment_inputs(world, weights, order=names, raw=raw)
            res, t = clock(minimise, sizes, p, time_limit=60, rng=0)
            gap = res.gap if res.gap is not None else float("nan")
            ok = (res.proven_optimal or gap <= 1e-3) and t <= 60
            label = "central" if k == 0 else f"draw {k}"
            pairs = int(np.count_nonzero(np.triu(p.to_numpy(), 1)))
            print(f"{year} {label}: n={len(names)} pairs={pairs} E={res.energy:.6g} "
                  f"{res.method} proven={res.proven_optimal} gap={gap:.2e} in {t:.1f} s "
                  f"(target: {'met' if ok else 'MISSED'}); blocs "
                  f"{'/'.join(str(len(b)) for b in res.partition)}")


BENCHES = {
    "exhaustive": bench_exhaustive,
    "census": bench_census,
    "cow": bench_cow,
    "dense": bench_dense,
    "world": bench_world,
    "world-real": bench_world_real,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, subset of CoW")
    parser.add_argument("--only", default=",".join(BENCHES), help="comma-separated sections")
    args = parser.parse_args()
    print(f"numba {numba.__version__}, cores visible {os.cpu_count()}, single-threaded kernels")
    for name in args.only.split(","):
        BENCHES[name.strip()](args.quick)


if __name__ == "__main__":
    main()
