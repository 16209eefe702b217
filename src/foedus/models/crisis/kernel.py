"""The decision kernel: logit quantal-response equilibrium of the crisis game, vectorised.

Every deciding state ``i`` chooses among four actions - fight beside the target (F), support
without fighting (S), stay out (O), side with the aggressor (A) - with logit probabilities

    q_i(a) = exp(lambda U_i(a; q_-i)) / sum_b exp(lambda U_i(b; q_-i))

where the utilities depend on what the others are expected to do (the coalitions they form).
The fixed point ``q = softmax(lambda U(q))`` is a logit quantal-response equilibrium
(McKelvey & Palfrey 1995); it is found by damped fixed-point iteration from the uniform
profile, for every Monte Carlo draw at once. Utilities are evaluated at the *expected*
coalition (the mean-field approximation, exact for payoffs linear in the others' choices;
documented in ``docs/models/crisis.md``).

Two implementations compute the same arithmetic: :func:`solve_equilibrium` (NumPy, arrays of
draws x deciders, float32 by default, processed in cache-sized chunks with in-place
operations) and :func:`foedus.models.crisis.reference.solve_equilibrium_loop` (plain Python
loops in float64, the reference for the tests).

References
----------
McKelvey, R. D., & Palfrey, T. R. (1995). Quantal response equilibria for normal form games.
Games and Economic Behavior 10(1), 6-38. https://doi.org/10.1006/game.1995.1023
Signorino, C. S. (1999). Strategic interaction and the statistical analysis of international
conflict. American Political Science Review 93(2), 279-297. https://doi.org/10.2307/2585396
Altfeld, M. F., & Bueno de Mesquita, B. (1979). Choosing sides in wars. International
Studies Quarterly 23(1), 87-112. https://doi.org/10.2307/2600275
Hirshleifer, J. (1989). Conflict and rent-seeking success functions. Public Choice 63(2),
101-112. https://doi.org/10.1007/BF00153394
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from foedus.errors import ParameterError
from foedus.models.crisis.inputs import CrisisInputs
from foedus.models.crisis.params import parameter_names

__all__ = ["ACTIONS", "STAGES", "Equilibrium", "csf", "solve_equilibrium", "theta_array"]

#: Homotopy in the precision: the equilibrium is traced from lambda/4 (where it is unique
#: for the parameter ranges shipped) to lambda, each stage warm-started from the previous,
#: so the solver follows the principal branch whatever the starting profile.
STAGES = (0.25, 0.5, 0.75, 1.0)
STAGE_TOL = 1e-4
#: Action order along the last axis of ``q``.
ACTIONS = ("fight", "support", "stay_out", "aggressor")
_P = {name: k for k, name in enumerate(parameter_names())}
_FLOOR = 1e-9   # capability floor so that logs stay finite


def theta_array(values: dict[str, np.ndarray | float], draws: int | None = None) -> np.ndarray:
    """Stack parameter values (arrays of draws or scalars) into a ``(P, D)`` array.

    Examples
    --------
    >>> from foedus.models.crisis.params import CRISIS_PARAMETERS
    >>> centre = {p.name: p.default.center() for p in CRISIS_PARAMETERS}
    >>> theta_array(centre, draws=3).shape
    (21, 3)
    """
    names = parameter_names()
    missing = [n for n in names if n not in values]
    if missing:
        raise ParameterError(f"missing crisis parameters: {', '.join(missing)}")
    if draws is None:
        draws = max(np.size(values[n]) for n in names)
    out = np.empty((len(names), draws))
    for k, name in enumerate(names):
        out[k] = np.broadcast_to(np.asarray(values[name], dtype=float), (draws,))
    return out


def csf(own: np.ndarray, other: np.ndarray, decisiveness: float | np.ndarray = 1.0):
    """Probability that the side with capability ``own`` prevails: ratio-form contest success
    function ``own^m / (own^m + other^m)`` (Tullock 1980; Hirshleifer 1989).

    Examples
    --------
    >>> float(csf(np.array(3.0), np.array(1.0), 1.0))
    0.75
    >>> float(csf(np.array(1.0), np.array(1.0), 2.0))
    0.5
    """
    own = np.maximum(own, _FLOOR)
    other = np.maximum(other, _FLOOR)
    return 1.0 / (1.0 + np.exp(decisiveness * (np.log(other) - np.log(own))))


@dataclass(frozen=True)
class Equilibrium:
    """Equilibrium choice probabilities for every draw and state.

    ``q[d, i, a]``: probability that state ``i`` takes action ``ACTIONS[a]`` in draw ``d``
    (aggressors: 1 on ``aggressor``; the target: 1 on ``fight``; excluded states: 1 on
    ``stay_out``). ``capability_target`` and ``capability_aggressor`` are the expected
    coalition capabilities at the crisis (loss-of-strength projected) and ``p_target`` the
    contest success function between them, at the fixed point.
    """

    q: np.ndarray
    capability_target: np.ndarray
    capability_aggressor: np.ndarray
    p_target: np.ndarray
    iterations: int
    converged: np.ndarray
    max_change: float


class _Static:
    """Static arrays restricted to the deciding states, cast to the working dtype."""

    def __init__(self, inp: CrisisInputs, dtype):
        # slots: every state that is neither an aggressor nor the target; excluded states keep
        # their slot with their probabilities forced to "stay out"
        slots = ~inp.aggressors
        slots[inp.target] = False
        dec = np.flatnonzero(slots)
        agg = np.flatnonzero(inp.aggressors)
        t = inp.target
        f = lambda x: np.ascontiguousarray(x, dtype=dtype)
        self.dec, self.nd = dec, dec.size
        self.forced = ~inp.deciding[dec]
        self.k = f(inp.projected[t, dec])
        self.k_target = float(inp.projected[t, t])
        self.k_aggressor = float(inp.projected[t, agg].sum())
        self.cap = f(np.maximum(inp.capability[dec], _FLOOR))
        self.P_dd_T = f(inp.projected[np.ix_(dec, dec)].T)
        self.P_agg = f(inp.projected[np.ix_(dec, agg)].sum(axis=1))
        self.P_tgt = f(inp.projected[dec, t])
        self.Th_dd_T = f(inp.threat[np.ix_(dec, dec)].T)
        self.th_agg = f(inp.threat[np.ix_(dec, agg)].sum(axis=1))
        hit_cols = inp.hit[dec] > 0
        ties = []
        for m in (inp.ties_defense, inp.ties_consult_treaty, inp.ties_consult_political):
            sub = m[np.ix_(dec, dec)].copy()
            sub[:, hit_cols] = 0.0          # activated obligations already count these
            ties.append(sub.T)
        self.ties_T = f(np.concatenate(ties, axis=1))          # (nd, 3 nd)
        self.ties_agg = [f(m[np.ix_(dec, agg)].sum(axis=1))
                         for m in (inp.ties_defense, inp.ties_consult_treaty,
                                   inp.ties_consult_political)]
        self.gap = f(inp.affinity_gap[dec])
        self.hit = f(inp.hit[dec])
        self.exposure = f(inp.exposure[dec])
        self.coercion = f(inp.coercion[dec])
        self.exposure_target = f(inp.exposure_target[dec])
        self.domestic = f(inp.domestic[dec])
        self.reputation = f(inp.reputation[dec])
        self.defense = f(inp.defense_treaty[dec])
        self.consult_t = f(inp.consult_treaty[dec])
        self.consult_p = f(inp.consult_political[dec])
        self.offense = f(inp.offense_aggressor[dec])
        self.neutral = f(inp.neutrality_aggressor[dec])


def _chunk_solve(st: _Static, th: np.ndarray, q0, tol: float, max_iter: int, damping: float,
                 dtype, check: int = 4, lam_scale: float = 1.0, per_row: dict | None = None,
                 ties_list: list | None = None, job: np.ndarray | None = None):
    """Solve one chunk of draws; ``th`` is ``(P, d)``.

    Draws that have converged are written out and dropped from the working arrays (active-set
    compaction), so the few slowly converging draws do not hold up the rest.
    Returns qF, qS, qA (d, nd), C_T, C_A (d,), iterations, converged (d,), max change.
    """
    d, nd = th.shape[1], st.nd
    R = per_row or {}
    get = lambda name: R[name] if name in R else getattr(st, name)
    defense, consult_t, consult_p = get("defense"), get("consult_t"), get("consult_p")
    offense, neutral_v = get("offense"), get("neutral")
    ties_agg = [R.get(f"ties_agg{k}", st.ties_agg[k]) for k in range(3)]
    forced = get("forced")
    forced = forced if forced.any() else None
    col = lambda name: th[_P[name]].astype(dtype)[:, None]
    kappa, lpol = col("crisis_consultation_weight"), col("crisis_political_weight")
    omega, rho = col("crisis_obligation_weight"), col("crisis_reputation_weight")
    g_e, c0 = col("crisis_trade_cost"), col("crisis_entry_cost")
    dom = col("crisis_domestic_weight") * st.domestic
    legal = np.maximum(np.maximum(defense, kappa * consult_t), kappa * lpol * consult_p)
    honour = (omega + rho * st.reputation) * legal
    V = {   # per-draw arrays, compacted together
        "lam": col("crisis_precision") * dtype(lam_scale), "w_bal": col("crisis_balance_weight"),
        "b": col("crisis_spoils_weight"), "g_w": col("crisis_war_cost"),
        "chi": col("crisis_chain_weight"), "kappa": kappa, "kl": kappa * lpol,
        "s_c": col("crisis_support_capability"), "s_k": col("crisis_support_cost"),
        "s_h": col("crisis_support_honour"), "m": col("crisis_decisiveness"),
        "stake0": col("crisis_affinity_weight") * (0.5 * st.gap)
        + col("crisis_hit_weight") * st.hit + st.th_agg,
        "honour": honour,
        "fixed_F": g_e * (st.exposure + col("crisis_coercion_exposure") * st.coercion)
        + dom + c0,
        "neutral": omega * neutral_v,
        "aggr_fixed": (omega + rho * st.reputation) * offense - honour
        - g_e * st.exposure_target - dom - c0,
        "tie_agg": ties_agg[0] + kappa * ties_agg[1] + kappa * lpol * ties_agg[2],
    }
    row_forced = forced is not None and forced.ndim == 2
    if row_forced:
        V["forced"] = forced
    if job is not None:
        V["job"] = job
    if q0 is None:
        V["qF"] = np.full((d, nd), 0.25, dtype=dtype)
        V["qS"], V["qA"] = V["qF"].copy(), V["qF"].copy()
    else:
        for name, a in (("qF", 0), ("qS", 1), ("qA", 3)):
            V[name] = np.array(q0[..., a], dtype=dtype)
    if forced is not None:
        for name in ("qF", "qS", "qA"):
            V[name][forced if row_forced else (slice(None), forced)] = 0.0
    k = st.k
    floor = dtype(_FLOOR)
    out_q = np.empty((3, d, nd), dtype=dtype)
    converged = np.zeros(d, dtype=bool)
    rows = np.arange(d)
    it, worst = 0, 0.0
    while rows.size:
        a = rows.size
        lam, w_bal, b, g_w, chi = V["lam"], V["w_bal"], V["b"], V["g_w"], V["chi"]
        kap, kl, s_c, s_k, s_h, m = V["kappa"], V["kl"], V["s_c"], V["s_k"], V["s_h"], V["m"]
        stake0, honour, fixed_F = V["stake0"], V["honour"], V["fixed_F"]
        neutral, aggr_fixed, tie_agg = V["neutral"], V["aggr_fixed"], V["tie_agg"]
        qF, qS, qA = V["qF"], V["qS"], V["qA"]
        mask = None if forced is None else (V["forced"] if row_forced else (slice(None), forced))
        bounds = (None if job is None else
                  np.searchsorted(V["job"], np.arange(len(ties_list) + 1)))
        cT, X0, Y0, stake, RA, RT, lX0, lY0, tmp, uF, uS, uA, pO, pF, pS, pA = (
            np.empty((a, nd), dtype) for _ in range(16))
        done = None
        while True:
            it += 1
            # expected coalitions (mean field)
            np.multiply(qS, s_c, out=cT)
            cT += qF
            C_T = cT @ k
            C_T += st.k_target
            C_A = qA @ k
            C_A += st.k_aggressor
            np.multiply(cT, k, out=X0)
            np.subtract(C_T[:, None], X0, out=X0)
            np.maximum(X0, floor, out=X0)
            np.multiply(qA, k, out=Y0)
            np.subtract(C_A[:, None], Y0, out=Y0)
            np.maximum(Y0, floor, out=Y0)
            np.log(X0, out=lX0)
            np.log(Y0, out=lY0)
            # threat of the aggressor coalition -> stake
            np.matmul(qA, st.Th_dd_T, out=stake)
            stake += stake0
            # war costs: the enemy coalition against the state's own strength, at home and in
            # the theatre (both loss-of-strength projected), averaged
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
            # contest success: pO at (X0, Y0); pF at X0 + k; pS at X0 + s_c k; pA at Y0 + k
            _csf_logs(lX0, lY0, m, pO)
            np.add(X0, k, out=pF)
            np.log(pF, out=pF)
            _csf_logs(pF, lY0, m, pF)
            np.multiply(s_c, k, out=pS)
            pS += X0
            np.log(pS, out=pS)
            _csf_logs(pS, lY0, m, pS)
            np.add(Y0, k, out=pA)
            np.log(pA, out=pA)
            _csf_logs(pA, lX0, m, pA)
            np.subtract(1.0, pA, out=pA)
            # chain-ganging pulls
            np.multiply(qS, s_h, out=tmp)
            tmp += qF
            if bounds is None:
                G = tmp @ st.ties_T
            else:
                G = np.empty((a, 3 * nd), dtype)
                for j, ties in enumerate(ties_list):
                    lo, hi = bounds[j], bounds[j + 1]
                    if hi > lo:
                        np.matmul(tmp[lo:hi], ties, out=G[lo:hi])
            pull_F = G[:, :nd]
            pull_F += kap * G[:, nd:2 * nd]
            pull_F += kl * G[:, 2 * nd:]
            pull_F *= chi
            np.minimum(qF, 0.999999, out=tmp)
            np.negative(tmp, out=tmp)
            np.log1p(tmp, out=tmp)
            pull_A = -np.expm1(tmp.sum(axis=1, keepdims=True)) * chi * tie_agg
            # utilities relative to staying out
            stake *= 2.0
            np.subtract(pF, pO, out=uF)
            uF *= stake
            np.subtract(pS, pO, out=uS)
            uS *= stake
            np.subtract(pA, pO, out=uA)
            uA *= stake
            stake *= 0.5 * w_bal                      # now the balancing term
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
            # logit response (stable softmax against U_O = 0)
            uF *= lam
            uS *= lam
            uA *= lam
            top = np.maximum(uF, uS, out=tmp)
            np.maximum(top, uA, out=top)
            np.maximum(top, 0.0, out=top)
            uF -= top
            uS -= top
            uA -= top
            np.exp(uF, out=uF)
            np.exp(uS, out=uS)
            np.exp(uA, out=uA)
            np.negative(top, out=top)
            np.exp(top, out=top)           # exp(0 - top): stay out
            top += uF
            top += uS
            top += uA
            np.reciprocal(top, out=top)
            uF *= top
            uS *= top
            uA *= top
            uF -= qF
            uS -= qS
            uA -= qA
            if mask is not None:       # excluded states stay out: no move, no change
                uF[mask] = 0.0
                uS[mask] = 0.0
                uA[mask] = 0.0
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
                    worst = max(worst, float(change.max()))
                    done[:] = True
                    converged[rows] = change < tol
                    break
                converged[rows[done]] = True
                if done.any():
                    worst = max(worst, float(change[done].max()))
                if done.all() or done.mean() > 0.25:
                    break
        out_q[0, rows[done]] = qF[done]
        out_q[1, rows[done]] = qS[done]
        out_q[2, rows[done]] = qA[done]
        keep = ~done
        if not keep.any():
            break
        rows = rows[keep]
        V = {name: value[keep] for name, value in V.items()}
    qF, qS, qA = out_q
    cT = qF + qS * th[_P["crisis_support_capability"]].astype(dtype)[:, None]
    C_T = cT @ k + st.k_target
    C_A = qA @ k + st.k_aggressor
    return qF, qS, qA, C_T, C_A, it, converged, worst


def _csf_logs(lX, lY, m, out):
    np.subtract(lY, lX, out=out)
    out *= m
    np.exp(out, out=out)
    out += 1.0
    np.reciprocal(out, out=out)
    return out


_ROW_FIELDS = ("defense", "consult_t", "consult_p", "offense", "neutral", "forced")
_SHARED_FIELDS = ("k", "cap", "P_dd_T", "P_agg", "P_tgt", "Th_dd_T", "th_agg", "gap", "hit",
                  "exposure", "coercion", "exposure_target", "domestic", "reputation")


def solve_equilibrium(inputs: CrisisInputs | Sequence[CrisisInputs], theta: np.ndarray, *,
                      q0: np.ndarray | None = None, dtype=np.float32, tol: float | None = None,
                      max_iter: int = 400, damping: float = 0.8, chunk: int = 4096,
                      stages: Sequence[float] = STAGES) -> Equilibrium | list[Equilibrium]:
    """Logit QRE of the crisis game for every draw (columns of ``theta``).

    Parameters
    ----------
    inputs : CrisisInputs or sequence of CrisisInputs
        Static facts of one crisis under one design; or several designs / counterfactuals of
        the *same* crisis, solved together in one batch (same draws for each).
    theta : ndarray, shape (P, D)
        Parameter draws in :func:`~foedus.models.crisis.params.parameter_names` order.
    q0 : ndarray, shape (D, nd, 4), optional
        Starting profile of the states that are neither aggressor nor target (default:
        uniform; single input only). The solver traces the equilibrium from ``lambda / 4`` to
        ``lambda`` (:data:`STAGES`), so the result does not depend on the start where the
        first stage has a unique equilibrium.
    dtype : numpy dtype
        ``float32`` (default: fast, probabilities to ~1e-5) or ``float64``.
    tol : float, optional
        Stop when no probability moves by more than ``tol`` in an iteration (default 2e-5
        in float32, 1e-9 in float64).
    max_iter, damping, chunk : int, float, int
        Iteration cap per stage, damping of the fixed-point map, draws per cache-sized block.
    stages : sequence of float
        Fractions of ``lambda`` traced in turn (default :data:`STAGES`); ``(1.0,)`` solves at
        full precision directly - for a warm start already on the branch (the calibration
        continues each solution from the previous entry cost).

    Returns
    -------
    Equilibrium, or a list of them (one per input) for a sequence.

    Examples
    --------
    >>> from foedus.models.crisis.inputs import _toy_inputs
    >>> from foedus.models.crisis.params import CRISIS_PARAMETERS
    >>> theta = theta_array({p.name: p.default.center() for p in CRISIS_PARAMETERS}, 2)
    >>> eq = solve_equilibrium(_toy_inputs(), theta)
    >>> eq.q.shape, bool(np.allclose(eq.q.sum(axis=2), 1, atol=1e-5))
    ((2, 6, 4), True)
    >>> both = solve_equilibrium([_toy_inputs(), _toy_inputs().without(["USA"])], theta)
    >>> float(both[1].q[0, 2, 2])
    1.0

    References
    ----------
    McKelvey & Palfrey (1995), doi:10.1006/game.1995.1023.
    """
    theta = np.asarray(theta, dtype=float)
    if theta.ndim != 2 or theta.shape[0] != len(_P):
        raise ParameterError(f"theta must have shape ({len(_P)}, draws), got {theta.shape}")
    single = isinstance(inputs, CrisisInputs)
    jobs = [inputs] if single else list(inputs)
    if not jobs:
        return []
    tol = tol if tol is not None else (2e-5 if dtype == np.float32 else 1e-9)
    statics = [_Static(j, dtype) for j in jobs]
    st = statics[0]
    for other, job in zip(statics[1:], jobs[1:]):
        if (job.states != jobs[0].states or job.target != jobs[0].target
                or not np.array_equal(job.aggressors, jobs[0].aggressors)
                or not all(np.array_equal(getattr(other, f), getattr(st, f))
                           for f in _SHARED_FIELDS)):
            raise ParameterError("a batch must hold designs or counterfactuals of one crisis")
    J, D, n = len(jobs), theta.shape[1], jobs[0].n
    total = J * D
    theta_all = theta if J == 1 else np.tile(theta, J)
    job_all = None if J == 1 else np.repeat(np.arange(J), D)
    rows_all = None if J == 1 else {
        **{f: np.stack([getattr(x, f) for x in statics]) for f in _ROW_FIELDS},
        **{f"ties_agg{k}": np.stack([x.ties_agg[k] for x in statics]) for k in range(3)}}
    ties_list = None if J == 1 else [x.ties_T for x in statics]
    if q0 is not None and J > 1:
        raise ParameterError("q0 is supported for a single input only")
    qF_all, qS_all, qA_all = (np.zeros((total, st.nd), dtype) for _ in range(3))
    C_T, C_A = np.full(total, st.k_target), np.full(total, st.k_aggressor)
    converged = np.ones(total, dtype=bool)
    iterations, worst = 0, 0.0
    for start in range(0, total, chunk) if st.nd else ():
        stop = min(total, start + chunk)
        q0_chunk = None if q0 is None else q0[start:stop]
        per_row = job = None
        if J > 1:
            job = job_all[start:stop]
            per_row = {name: value[job] for name, value in rows_all.items()}
        it = 0
        for stage, scale in enumerate(stages, start=1):
            final = stage == len(stages)
            qF, qS, qA, cT, cA, it_stage, conv, change = _chunk_solve(
                st, theta_all[:, start:stop], q0_chunk, tol if final else max(tol, STAGE_TOL),
                max_iter, damping, dtype, lam_scale=scale, per_row=per_row,
                ties_list=ties_list, job=job)
            it += it_stage
            if not final:
                q0_chunk = np.stack([qF, qS, 1.0 - qF - qS - qA, qA], axis=-1)
        qF_all[start:stop], qS_all[start:stop], qA_all[start:stop] = qF, qS, qA
        C_T[start:stop], C_A[start:stop] = cT, cA
        converged[start:stop] = conv
        iterations = max(iterations, it)
        worst = max(worst, change)
    m = theta[_P["crisis_decisiveness"]]
    out = []
    for j, job_inputs in enumerate(jobs):
        rows = slice(j * D, (j + 1) * D)
        q = np.zeros((D, n, 4), dtype=dtype)
        q[:, job_inputs.aggressors, 3] = 1.0
        q[:, job_inputs.target, 0] = 1.0
        q[:, st.dec, 0] = qF_all[rows]
        q[:, st.dec, 1] = qS_all[rows]
        q[:, st.dec, 3] = qA_all[rows]
        q[:, st.dec, 2] = 1.0 - qF_all[rows] - qS_all[rows] - qA_all[rows]
        out.append(Equilibrium(q, C_T[rows], C_A[rows], csf(C_T[rows], C_A[rows], m),
                               iterations, converged[rows], worst))
    return out[0] if single else out
