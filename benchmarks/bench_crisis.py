"""Crisis model benchmark (on demand): python benchmarks/bench_crisis.py [CRISES [DRAWS]]

1. **Likelihood of a historical batch** - what issue 9's scorer evaluates many times: the
   log-likelihood of observed third-party actions over CRISES synthetic disputes (default
   2,400, sizes drawn like militarized disputes: 3-60 states, median ~10) at one parameter
   vector, through :func:`foedus.models.crisis.log_likelihood` on a
   :class:`~foedus.models.crisis.CrisisBatch` (compiled kernel, and NumPy), beside a plain
   loop over the same crises (the per-crisis solver called once per crisis) and the
   pure-Python reference on a subset (extrapolated per crisis). Prints evaluations per second
   and the ratios, and the time of one gradient (central differences over 15 free
   parameters, warm-started) - the unit of a quasi-Newton fit.
2. **Monte Carlo of one crisis** - DRAWS draws (default 20,000) of a 10-state crisis through
   :func:`foedus.models.crisis.simulate`, compiled and NumPy (float32).

Baselines are measured in the same run on the same inputs; the machine is shared, so compare
ratios, not absolute times. The crises are synthetic (random capabilities, distances,
threats, affinities, exposures and commitments, seeded): no data files needed.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from foedus.models.crisis import (
    CrisisBatch,
    centre_theta,
    log_likelihood,
    log_likelihood_gradient,
    parameter_names,
    sample_parameters,
    simulate,
    solve_equilibrium,
    solve_equilibrium_loop,
)
from foedus.models.crisis.batch import outcome_probabilities
from foedus.models.crisis.compiled import HAVE_NUMBA
from foedus.models.crisis.inputs import _random_inputs

FREE = ("crisis_precision", "crisis_stake_weight", "crisis_affinity_weight",
        "crisis_hit_weight", "crisis_spoils_weight", "crisis_war_cost", "crisis_entry_cost",
        "crisis_trade_cost", "crisis_domestic_weight", "crisis_obligation_weight",
        "crisis_reputation_weight", "crisis_chain_weight", "crisis_consultation_weight",
        "crisis_political_weight", "crisis_decisiveness")


def disputes(n: int, seed: int = 0):
    """Synthetic disputes with MID-like sizes and MID-like observed actions."""
    rng = np.random.default_rng(seed)
    sizes = np.clip(np.round(rng.lognormal(np.log(10), 0.7, n)).astype(int), 3, 60)
    inputs = [_random_inputs(rng, int(s), f"d{k}", co_targets=int(rng.random() < 0.1))
              for k, s in enumerate(sizes)]
    actions = ["fight_target", "fight_aggressor", "did_not_fight"]
    records = [{s: str(rng.choice(actions, p=[0.04, 0.02, 0.94]))
                for s in np.array(inp.states)[inp.slots]} for inp in inputs]
    return inputs, records


def _timed(f, repeats=1):
    best, out = np.inf, None
    for _ in range(repeats):
        start = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - start)
    return best, out


def loop_log_likelihood(inputs, records, theta, backend):
    """The plain loop: one per-crisis solve after another."""
    total = 0.0
    codes = {"fight_target": 0, "fight_aggressor": 4, "did_not_fight": 5}
    for inp, record in zip(inputs, records):
        eq = solve_equilibrium(inp, theta, dtype=np.float64, tol=1e-10, backend=backend)
        states = list(inp.states)
        idx = [states.index(s) for s in record]
        c = np.array([codes[a] for a in record.values()])
        total += np.log(outcome_probabilities(eq.q[:, idx], c)).sum()
    return total


def bench_likelihood(n: int) -> None:
    inputs, records = disputes(n)
    slots = sum(int(i.slots.sum()) for i in inputs)
    print(f"historical batch: {n:,} synthetic disputes, {slots:,} third states "
          f"(numba {'installed' if HAVE_NUMBA else 'absent'})")
    t_build, batch = _timed(lambda: CrisisBatch.from_inputs(inputs))
    obs = batch.observations(records)
    theta = centre_theta()
    print(f"  build the batch once: {t_build:.2f} s")
    rows = {}
    backends = ["numba", "numpy"] if HAVE_NUMBA else ["numpy"]
    if HAVE_NUMBA:
        log_likelihood(theta, CrisisBatch.from_inputs(inputs[:3]), CrisisBatch.from_inputs(
            inputs[:3]).observations(records[:3]))                  # compile outside timing
    for backend in backends:
        rows[f"batch ({backend})"] = _timed(
            lambda b=backend: log_likelihood(theta, batch, obs, backend=b))
    for backend in backends:
        rows[f"plain loop, per-crisis solver ({backend})"] = _timed(
            lambda b=backend: loop_log_likelihood(inputs, records, theta[:, None], b))
    sub = max(1, n // 100)
    t_ref, _ = _timed(lambda: [solve_equilibrium_loop(inp, theta[:, None])
                               for inp in inputs[:sub]])
    t_ref_all = t_ref * slots / sum(int(i.slots.sum()) for i in inputs[:sub])
    values = {k: v[1] for k, v in rows.items()}
    spread = max(values.values()) - min(values.values())
    fastest = min(t for t, _ in rows.values())
    print(f"  log-likelihood {next(iter(values.values())):.4f} (all implementations within "
          f"{spread:.1e})")
    print(f"  {'implementation':<44}{'seconds':>9}{'evals/s':>10}{'x fastest':>11}")
    for name, (t, _) in rows.items():
        print(f"  {name:<44}{t:9.2f}{1 / t:10.3f}{t / fastest:11.1f}")
    print(f"  {'pure-Python reference (extrapolated from ' + str(sub) + ')':<44}"
          f"{t_ref_all:9.1f}{1 / t_ref_all:10.4f}{t_ref_all / fastest:11.0f}")
    names = parameter_names()
    free = [names.index(p) for p in FREE]
    t_grad, _ = _timed(lambda: log_likelihood_gradient(theta, batch, obs, free=free))
    print(f"  value + gradient over {len(free)} free parameters (central differences, warm "
          f"starts): {t_grad:.2f} s = {t_grad / fastest:.1f} likelihood evaluations")
    print(f"  a quasi-Newton fit of 60 iterations would take about "
          f"{60 * t_grad / 60:.1f} min on these {n:,} disputes")


def bench_monte_carlo(draws: int) -> None:
    rng = np.random.default_rng(1)
    inp = _random_inputs(rng, 10, "mc")
    theta, _, _ = sample_parameters({}, draws, np.random.default_rng(2))
    print(f"Monte Carlo: one 10-state crisis x {draws:,} draws (simulate: equilibrium, "
          "realised coalitions, outcomes)")
    backends = ["numba", "numpy"] if HAVE_NUMBA else ["numpy"]
    if HAVE_NUMBA:
        simulate(inp, theta[:, :4], np.random.default_rng(0), backend="numba")
    times = {}
    for backend in backends:
        times[backend], _ = _timed(
            lambda b=backend: simulate(inp, theta, np.random.default_rng(3), backend=b))
    fastest = min(times.values())
    for backend, t in times.items():
        print(f"  {backend:<8}{t:8.2f} s {draws / t:12,.0f} draws/s {t / fastest:6.2f} x fastest")


def main(crises: int = 2400, draws: int = 20_000) -> None:
    bench_likelihood(crises)
    bench_monte_carlo(draws)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2400,
         int(sys.argv[2]) if len(sys.argv) > 2 else 20_000)
