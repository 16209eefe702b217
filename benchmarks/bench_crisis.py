"""Crisis Monte Carlo benchmark (on demand: python benchmarks/bench_crisis.py [DRAWS [REPEATS]]).

10 states x 20 crises x 1,000,000 draws (default; pass a smaller DRAWS for a quick run) through
the public API - :func:`foedus.models.crisis.simulate` on prepared :class:`CrisisInputs`
(equilibrium of every draw, realised coalitions, contest outcome and deterrence) - beside a
tuned pure-NumPy kernel of the same arithmetic (``reference_kernel`` below: float32, in-place,
cache-sized chunks, the same homotopy stages, tolerance, convergence checks and active-set
compaction, no generality: one crisis, no counterfactual slots, no batching), measured in the
same run on the same draws. Reports seconds, evaluations per second (one evaluation = one
crisis in one draw) and the ratio API / kernel (target <= 1.25).

The crises are synthetic (random capabilities, distances, threats, affinities, exposures and
alliance ties, seeded) so that the benchmark needs no data files.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from foedus.models.crisis import CrisisInputs, sample_parameters, simulate
from foedus.models.crisis.kernel import STAGE_TOL, STAGES, _Static
from foedus.models.crisis.params import parameter_names

N_STATES, N_CRISES = 10, 20
P = {name: k for k, name in enumerate(parameter_names())}


def synthetic_crisis(rng: np.random.Generator, k: int) -> CrisisInputs:
    n = N_STATES
    cap = rng.dirichlet(np.ones(n) * 0.7)
    xy = rng.uniform(0, 10000, size=(n, 2))
    dist = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    projected = cap[None, :] ** np.log10(dist / 800.0 + 10.0 - np.e)
    threat = rng.uniform(0, 1, (n, n)) * projected / (projected + cap[:, None])
    np.fill_diagonal(threat, 0)
    agg = np.zeros(n, dtype=bool)
    agg[0] = True
    deciding = ~agg
    deciding[1] = False
    ties = (rng.random((n, n)) < 0.2).astype(float)
    np.fill_diagonal(ties, 0)
    zeros = np.zeros(n)
    return CrisisInputs(
        crisis=f"c{k}", design="status-quo", states=tuple(f"S{i}" for i in range(n)),
        aggressors=agg, target=1, deciding=deciding, capability=cap, projected=projected,
        threat=threat, affinity_gap=rng.uniform(-1, 1, n), hit=zeros.copy(),
        exposure=rng.uniform(0, 0.2, n), coercion=(rng.random(n) < 0.2).astype(float),
        exposure_target=rng.uniform(0, 0.05, n), domestic=(rng.random(n) < 0.2).astype(float),
        reputation=rng.uniform(0.5, 1, n), defense_treaty=ties[:, 1].copy(),
        consult_treaty=(rng.random(n) < 0.3).astype(float), consult_political=zeros.copy(),
        offense_aggressor=zeros.copy(), neutrality_aggressor=zeros.copy(),
        ties_defense=ties, ties_consult_treaty=ties * 0, ties_consult_political=ties * 0)


def _csf_into(lo, ly, m, out):
    np.subtract(ly, lo, out=out)
    out *= m
    np.exp(out, out=out)
    out += 1.0
    np.reciprocal(out, out=out)


def _stage(st, th, q, tol, lam_scale, damping=0.8, max_iter=400, check=4):
    """One homotopy stage for one chunk: q = (qF, qS, qA) in place, compacting converged rows."""
    f32 = np.float32
    c = lambda name: th[P[name]].astype(f32)[:, None]
    kap, kl = c("crisis_consultation_weight"), c("crisis_consultation_weight") * c(
        "crisis_political_weight")
    omega, rho, g_e, c0 = (c("crisis_obligation_weight"), c("crisis_reputation_weight"),
                           c("crisis_trade_cost"), c("crisis_entry_cost"))
    dom = c("crisis_domestic_weight") * st.domestic
    honour = (omega + rho * st.reputation) * np.maximum(
        np.maximum(st.defense, kap * st.consult_t), kl * st.consult_p)
    arrs = [c("crisis_precision") * f32(lam_scale), c("crisis_balance_weight"),
            c("crisis_spoils_weight"), c("crisis_war_cost"), c("crisis_chain_weight"), kap, kl,
            c("crisis_support_capability"), c("crisis_support_cost"),
            c("crisis_support_honour"), c("crisis_decisiveness"),
            c("crisis_affinity_weight") * (0.5 * st.gap) + c("crisis_hit_weight") * st.hit
            + st.th_agg, honour,
            g_e * (st.exposure + c("crisis_coercion_exposure") * st.coercion) + dom + c0,
            omega * st.neutral,
            (omega + rho * st.reputation) * st.offense - honour - g_e * st.exposure_target
            - dom - c0,
            st.ties_agg[0] + kap * st.ties_agg[1] + kl * st.ties_agg[2], *q]
    d, nd = q[0].shape
    out = [np.empty((d, nd), f32) for _ in range(3)]
    rows = np.arange(d)
    k, it = st.k, 0
    while rows.size:
        (lam, w_bal, b, g_w, chi, kap, kl, s_c, s_k, s_h, m, stake0, honour, fixed_F, neutral,
         aggr_fixed, tie_agg, qF, qS, qA) = arrs
        a = rows.size
        cT, X0, Y0, stake, RA, RT, lX0, lY0, tmp, uF, uS, uA, pO, pF, pS, pA = (
            np.empty((a, nd), f32) for _ in range(16))
        while True:
            it += 1
            np.multiply(qS, s_c, out=cT)
            cT += qF
            C_T = cT @ k
            C_T += st.k_target
            C_A = qA @ k
            C_A += st.k_aggressor
            np.multiply(cT, k, out=X0)
            np.subtract(C_T[:, None], X0, out=X0)
            np.maximum(X0, 1e-9, out=X0)
            np.multiply(qA, k, out=Y0)
            np.subtract(C_A[:, None], Y0, out=Y0)
            np.maximum(Y0, 1e-9, out=Y0)
            np.log(X0, out=lX0)
            np.log(Y0, out=lY0)
            np.matmul(qA, st.Th_dd_T, out=stake)
            stake += stake0
            np.matmul(qA, st.P_dd_T, out=RA)
            RA += st.P_agg
            np.add(RA, st.cap, out=tmp)
            RA /= tmp
            np.add(Y0, k, out=tmp)
            np.divide(Y0, tmp, out=tmp)
            RA += tmp
            RA *= 0.5
            np.matmul(cT, st.P_dd_T, out=RT)
            RT += st.P_tgt
            np.add(RT, st.cap, out=tmp)
            RT /= tmp
            np.add(X0, k, out=tmp)
            np.divide(X0, tmp, out=tmp)
            RT += tmp
            RT *= 0.5
            _csf_into(lX0, lY0, m, pO)
            np.add(X0, k, out=pF)
            np.log(pF, out=pF)
            _csf_into(pF, lY0, m, pF)
            np.multiply(s_c, k, out=pS)
            pS += X0
            np.log(pS, out=pS)
            _csf_into(pS, lY0, m, pS)
            np.add(Y0, k, out=pA)
            np.log(pA, out=pA)
            _csf_into(pA, lX0, m, pA)
            np.subtract(1.0, pA, out=pA)
            np.multiply(qS, s_h, out=tmp)
            tmp += qF
            G = tmp @ st.ties_T
            pull_F = G[:, :nd]
            pull_F += kap * G[:, nd:2 * nd]
            pull_F += kl * G[:, 2 * nd:]
            pull_F *= chi
            np.minimum(qF, 0.999999, out=tmp)
            np.negative(tmp, out=tmp)
            np.log1p(tmp, out=tmp)
            pull_A = -np.expm1(tmp.sum(axis=1, keepdims=True)) * chi * tie_agg
            stake *= 2.0
            np.subtract(pF, pO, out=uF)
            uF *= stake
            np.subtract(pS, pO, out=uS)
            uS *= stake
            np.subtract(pA, pO, out=uA)
            uA *= stake
            stake *= 0.5 * w_bal
            uF += stake
            uA -= stake
            stake *= s_h
            uS += stake
            pF *= 2.0
            pF -= 1.0
            pF *= b
            uF += pF
            pS *= 2.0
            pS -= 1.0
            pS *= b
            pS *= s_c
            uS += pS
            pA *= 2.0
            pA -= 1.0
            pA *= b
            uA -= pA
            RA *= g_w
            uF -= RA
            uF -= fixed_F
            uF -= neutral
            RA += fixed_F
            RA += neutral
            RA *= s_k
            uS -= RA
            pull_F += honour
            uF += pull_F
            pull_F *= s_h
            uS += pull_F
            RT *= g_w
            uA -= RT
            uA += aggr_fixed
            uA += pull_A
            uF *= lam
            uS *= lam
            uA *= lam
            np.maximum(uF, uS, out=tmp)
            np.maximum(tmp, uA, out=tmp)
            np.maximum(tmp, 0.0, out=tmp)
            uF -= tmp
            uS -= tmp
            uA -= tmp
            np.exp(uF, out=uF)
            np.exp(uS, out=uS)
            np.exp(uA, out=uA)
            np.negative(tmp, out=tmp)
            np.exp(tmp, out=tmp)
            tmp += uF
            tmp += uS
            tmp += uA
            np.reciprocal(tmp, out=tmp)
            uF *= tmp
            uS *= tmp
            uA *= tmp
            uF -= qF
            uS -= qS
            uA -= qA
            checking = it % check == 0 or it >= max_iter
            if checking:
                np.abs(uF, out=tmp)
                change = tmp.max(axis=1)
                np.abs(uS, out=tmp)
                np.maximum(change, tmp.max(axis=1), out=change)
                np.abs(uA, out=tmp)
                np.maximum(change, tmp.max(axis=1), out=change)
            uF *= damping
            uS *= damping
            uA *= damping
            qF += uF
            qS += uS
            qA += uA
            if checking:
                done = change < tol
                if it >= max_iter:
                    done[:] = True
                if done.all() or done.mean() > 0.25:
                    break
        for o, qq in zip(out, (qF, qS, qA)):
            o[rows[done]] = qq[done]
        keep = ~done
        if not keep.any():
            break
        rows = rows[keep]
        arrs = [x[keep] for x in arrs]
    return out


def reference_kernel(inp: CrisisInputs, theta: np.ndarray, rng: np.random.Generator,
                     chunk: int = 4096, tol: float = 2e-5):
    """Equilibrium + realised outcomes of one crisis, the arithmetic of ``simulate``."""
    st = _Static(inp, np.float32)
    D = theta.shape[1]
    p_real = np.empty(D)
    deterred = np.empty(D, dtype=bool)
    k64 = inp.projected[inp.target]
    for start in range(0, D, chunk):
        th = theta[:, start:start + chunk]
        d = th.shape[1]
        q = [np.full((d, st.nd), 0.25, np.float32) for _ in range(3)]
        for s, scale in enumerate(STAGES, start=1):
            q = _stage(st, th, q, tol if s == len(STAGES) else max(tol, STAGE_TOL), scale)
        qF, qS, qA = q
        s_c, m = th[P["crisis_support_capability"]], th[P["crisis_decisiveness"]]
        C_T = (qF + qS * s_c[:, None].astype(np.float32)) @ st.k + st.k_target
        C_A = qA @ st.k + st.k_aggressor
        p_ant = 1.0 / (1.0 + np.exp(m * (np.log(np.maximum(C_T, 1e-9))
                                         - np.log(np.maximum(C_A, 1e-9)))))
        ev = p_ant - (1 - p_ant) * th[P["crisis_aggressor_loss"]] - th[P["crisis_aggressor_cost"]]
        deterred[start:start + d] = ev < 0
        u = rng.random((d, st.nd), dtype=np.float32)
        fight = u < qF
        support = (u >= qF) & (u < qF + qS)
        aggr = u > 1.0 - qA
        kd = k64[st.dec]
        cap_t = fight @ kd + s_c * (support @ kd) + k64[inp.target]
        cap_a = aggr @ kd + k64[inp.aggressors].sum()
        p_real[start:start + d] = 1.0 / (1.0 + np.exp(m * (np.log(np.maximum(cap_t, 1e-9))
                                                           - np.log(np.maximum(cap_a, 1e-9)))))
    return p_real, deterred


def main(draws: int = 1_000_000, seed: int = 0, repeats: int = 1) -> None:
    rng = np.random.default_rng(seed)
    crises = [synthetic_crisis(rng, k) for k in range(N_CRISES)]
    theta, _, _ = sample_parameters({}, draws, np.random.default_rng(seed + 1))
    evaluations = N_CRISES * draws
    print(f"{N_STATES} states x {N_CRISES} crises x {draws:,} draws = {evaluations:,} "
          "crisis-draw evaluations (float32)")
    total = {"kernel": 0.0, "api": 0.0}
    for k, inp in enumerate(crises):     # interleaved crisis by crisis: fair under varying load
        for label in ("kernel", "api"):
            times = []
            for _ in range(repeats):
                r = np.random.default_rng([seed, k])
                start = time.perf_counter()
                if label == "api":
                    simulate(inp, theta, r)
                else:
                    reference_kernel(inp, theta, r)
                times.append(time.perf_counter() - start)
            total[label] += min(times)
        print(f"  crisis {k + 1:2d}/{N_CRISES}: kernel {total['kernel']:8.1f} s, "
              f"api {total['api']:8.1f} s (cumulative)", flush=True)
    for label in ("kernel", "api"):
        print(f"  {label:<7}{total[label]:9.1f} s  {evaluations / total[label]:12,.0f} "
              "evaluations/s")
    print(f"ratio API / tuned kernel: {total['api'] / total['kernel']:.2f} (target <= 1.25)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000,
         repeats=int(sys.argv[2]) if len(sys.argv) > 2 else 1)
