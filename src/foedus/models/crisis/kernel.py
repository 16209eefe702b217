"""The decision kernel: the crisis game's logit quantal-response equilibrium, vectorised.

Every deciding state ``i`` chooses among five actions (:data:`ACTIONS`): fight for the target,
support the target without fighting, stay out, support the aggressor without fighting, fight
for the aggressor, with logit probabilities

    q_i(a) = exp(lambda U_i(a; q_-i)) / sum_b exp(lambda U_i(b; q_-i)).

The aggressor's resolve is private (log resolve ~ Normal(0, sigma_rho^2), a 9-point
Gauss-Hermite grid of types); each type attacks with the logit probability of its expected
value of attacking against the coalition the attack would meet, and the third states - who
see the attack, not the type - judge the war at the resolve of the types that attack (the
posterior mean). The fixed point ``q = softmax(lambda U(q))`` is found by damped iteration
along a homotopy in the precision (lambda/4 ... lambda) from the uniform profile, for many
rows at once (a row is one crisis at one parameter vector: Monte Carlo draws of one crisis,
or the crises of a historical batch). Utilities are evaluated at the expected coalitions and
the posterior-mean resolve (mean field). Equations: ``docs/models/crisis.md``.

References
----------
McKelvey, R. D., & Palfrey, T. R. (1995). Quantal response equilibria for normal form games.
Games and Economic Behavior 10(1), 6-38. https://doi.org/10.1006/game.1995.1023
Signorino, C. S. (1999). Strategic interaction and the statistical analysis of international
conflict. American Political Science Review 93(2), 279-297. https://doi.org/10.2307/2585396
Altfeld, M. F., & Bueno de Mesquita, B. (1979). Choosing sides in wars. International
Studies Quarterly 23(1), 87-112. https://doi.org/10.2307/2600275
Fearon, J. D. (1994). Signaling versus the balance of power and interests. Journal of
Conflict Resolution 38(2), 236-269. https://doi.org/10.1177/0022002794038002004
Fearon, J. D. (2002). Selection effects and deterrence. International Interactions 28(1),
5-29. https://doi.org/10.1080/03050620210390
Hirshleifer, J. (1989). Conflict and rent-seeking success functions. Public Choice 63(2),
101-112. https://doi.org/10.1007/BF00153394
Olson, M., & Zeckhauser, R. (1966). An economic theory of alliances. Review of Economics
and Statistics 48(3), 266-279. https://doi.org/10.2307/1927082 (shared obligations)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.polynomial.hermite_e import hermegauss

from foedus.errors import ParameterError
from foedus.models.crisis.padded import FLOOR, Padded
from foedus.models.crisis.params import parameter_names

__all__ = ["ACTIONS", "RETRIES", "STAGES", "TYPE_NODES", "TYPE_WEIGHTS", "csf", "solve_rows",
           "theta_array"]

#: Homotopy in the precision: the equilibrium is traced from lambda/4 (where it is unique
#: for the parameter ranges shipped) to lambda, each stage warm-started from the previous,
#: so the solver follows the principal branch whatever the starting profile.
STAGES = (0.25, 0.5, 0.75, 1.0)
STAGE_TOL = 1e-4
#: A stage that has not converged after ``max_iter`` iterations (a cycle) restarts with half
#: the damping step, up to this many attempts in all (0.8, 0.4, 0.2 by default).
RETRIES = 3
#: Action order along the last axis of ``q`` (the values of ``foedus.world.ThirdPartyAction``).
ACTIONS = ("fight_target", "support_target", "stay_out", "support_aggressor", "fight_aggressor")
FT, ST, SO, SA, FA = range(5)
#: The aggressor's types: log resolve = sigma_rho * TYPE_NODES with prior TYPE_WEIGHTS
#: (probabilists' Gauss-Hermite rule, 9 points: exact for polynomials of degree 17).
TYPE_NODES, _w = hermegauss(9)
TYPE_WEIGHTS = _w / _w.sum()
_P = {name: k for k, name in enumerate(parameter_names())}


def theta_array(values: dict[str, np.ndarray | float], draws: int | None = None) -> np.ndarray:
    """Stack parameter values (arrays of draws or scalars) into a ``(P, D)`` array.

    Examples
    --------
    >>> from foedus.models.crisis.params import CRISIS_PARAMETERS
    >>> centre = {p.name: p.default.center() for p in CRISIS_PARAMETERS}
    >>> theta_array(centre, draws=3).shape
    (24, 3)
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


def check_theta(theta: np.ndarray) -> np.ndarray:
    """``theta`` as a float ``(P, D)`` array (a ``(P,)`` vector becomes one column)."""
    theta = np.asarray(theta, dtype=float)
    if theta.ndim == 1:
        theta = theta[:, None]
    if theta.ndim != 2 or theta.shape[0] != len(_P):
        raise ParameterError(f"theta must have shape ({len(_P)},) or ({len(_P)}, draws), got "
                             f"{theta.shape}")
    if not np.all(np.isfinite(theta)):
        raise ParameterError("theta has non-finite values")
    return theta


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
    own = np.maximum(own, FLOOR)
    other = np.maximum(other, FLOOR)
    return 1.0 / (1.0 + np.exp(decisiveness * (np.log(other) - np.log(own))))


def _csf_logs(log_own, log_other, m):
    return 1.0 / (1.0 + np.exp(m * (log_other - log_own)))


class _Rows:
    """Which padded crisis each row solves, and the matrix products that follow from it.

    ``shared``: one crisis for every row (Monte Carlo draws) - products are GEMMs;
    ``groups``: rows sorted by crisis with many rows each - one GEMM per crisis;
    ``per_row``: about one row per crisis (a historical batch) - batched mat-vec products.
    """

    def __init__(self, pad: Padded, case_of_row: np.ndarray, dtype):
        self.pad, self.dtype = pad, dtype
        self.case = np.asarray(case_of_row)
        R = self.case.size
        if pad.C == 1:
            self.mode = "shared"
        elif R >= 8 * pad.C and np.all(np.diff(self.case) >= 0):
            self.mode = "groups"
        else:
            self.mode = "per_row"
        self._gather()

    def _gather(self):
        pad, dt = self.pad, self.dtype
        if self.mode == "shared":
            self.M = {"threat": pad.threat[0].T.astype(dt), "projected": pad.projected[0].T.astype(dt),
                      **{f"ties{k}": pad.ties[0, k].T.astype(dt) for k in pad.tie_kinds}}
        elif self.mode == "per_row":
            self.M = {"threat": pad.threat[self.case].astype(dt),
                      "projected": pad.projected[self.case].astype(dt),
                      **{f"ties{k}": pad.ties[self.case, k].astype(dt) for k in pad.tie_kinds}}
        else:
            self.bounds = np.searchsorted(self.case, np.arange(self.pad.C + 1))
            self.M = {"threat": np.ascontiguousarray(np.swapaxes(pad.threat, 1, 2), dtype=dt),
                      "projected": np.ascontiguousarray(np.swapaxes(pad.projected, 1, 2), dtype=dt),
                      **{f"ties{k}": np.ascontiguousarray(np.swapaxes(pad.ties[:, k], 1, 2),
                                                          dtype=dt) for k in pad.tie_kinds}}

    def vec(self, name: str) -> np.ndarray:
        """A per-slot static vector, (R, N) or (1, N) when shared."""
        x = getattr(self.pad, name)
        return (x[:1] if self.mode == "shared" else x[self.case]).astype(self.dtype)

    def keep(self, keep: np.ndarray) -> None:
        self.case = self.case[keep]
        if self.mode == "per_row":
            self.M = {k: v[keep] for k, v in self.M.items()}
        elif self.mode == "groups":
            self.bounds = np.searchsorted(self.case, np.arange(self.pad.C + 1))

    def mv(self, x: np.ndarray, name: str) -> np.ndarray:
        """``y[r, i] = sum_j x[r, j] M[case(r), i, j]``."""
        M = self.M[name]
        if self.mode == "shared":
            return x @ M
        if self.mode == "per_row":
            return np.matmul(M, x[:, :, None])[:, :, 0]
        out = np.empty_like(x)
        for c in range(self.pad.C):
            lo, hi = self.bounds[c], self.bounds[c + 1]
            if hi > lo:
                np.matmul(x[lo:hi], M[c], out=out[lo:hi])
        return out


def _columns(theta_rows: np.ndarray, dtype) -> dict[str, np.ndarray]:
    return {name: theta_rows[k].astype(dtype)[:, None] for name, k in _P.items()}


def _static_terms(rows: _Rows, p: dict) -> dict[str, np.ndarray]:
    """Per-row terms that do not depend on the others' choices."""
    v = rows.vec
    legal = rows.pad.legal[:1] if rows.mode == "shared" else rows.pad.legal[rows.case]
    neutral = rows.pad.neutrality[:1] if rows.mode == "shared" else rows.pad.neutrality[rows.case]
    tie_agg = (rows.pad.ties_aggressors[:1] if rows.mode == "shared"
               else rows.pad.ties_aggressors[rows.case])
    kap, lpol = p["crisis_consultation_weight"], p["crisis_political_weight"]
    weights = [np.ones_like(kap), lpol, kap, kap * lpol]          # (R, 1) each
    dt = rows.dtype
    # shared obligations: each guarantor's commitment scaled by m^-gamma_g (m guarantors of
    # the side)
    gamma_g = p["crisis_guarantor_dilution"]
    shares = (np.exp(-gamma_g * v("log_guarantors_target")),
              np.exp(-gamma_g * v("log_guarantors_aggressor")))
    commit = [shares[side] * np.max(np.stack([w * legal[:, :, side, k].astype(dt)
                                              for k, w in enumerate(weights)]), axis=0)
              for side in (0, 1)]
    honour = p["crisis_obligation_weight"] + p["crisis_reputation_weight"] * v("reputation")
    net_obligation = honour * (commit[0] - commit[1])
    neutral_t = p["crisis_obligation_weight"] * neutral[:, :, 0].astype(dt)
    neutral_a = p["crisis_obligation_weight"] * neutral[:, :, 1].astype(dt)
    coercion_a = p["crisis_trade_cost"] * (v("exposure") + p["crisis_coercion_exposure"]
                                           * v("coercion"))
    coercion_t = p["crisis_trade_cost"] * (v("exposure_target") + p["crisis_coercion_exposure"]
                                           * v("coercion_target"))
    domestic = p["crisis_domestic_weight"] * v("domestic")
    c0, cs, s_h = (p["crisis_entry_cost"], p["crisis_support_entry_cost"],
                   p["crisis_support_honour"])
    ties_to_aggressors = sum(w * tie_agg[:, :, k].astype(dt) for k, w in enumerate(weights))
    stake0 = (v("threat_aggressors") - v("threat_targets")
              + p["crisis_affinity_weight"] * 0.5 * v("gap") + p["crisis_hit_weight"] * v("hit"))
    return {
        "fixed_FT": -c0 - domestic - coercion_a + net_obligation - neutral_a,
        "fixed_ST": -cs - coercion_a + s_h * (net_obligation - neutral_a),
        "fixed_SA": -cs - coercion_t + s_h * (-net_obligation - neutral_t),
        "fixed_FA": -c0 - domestic - coercion_t - net_obligation - neutral_t,
        "stake0": stake0,
        "tie_agg": ties_to_aggressors,
        "tie_w": {k: weights[k] for k in rows.pad.tie_kinds},
        "k": v("k"), "cap": v("cap"), "home_a": v("home_aggressors"),
        "home_t": v("home_targets"),
    }


def aggregates(k, kA, kT, qFT, qST, qSA, qFA, p, lam_scale: float = 1.0):
    """The coalitions and the aggressor's types at a profile (rows x slots).

    Returns the target side's capability ``C_T``, the aggressor side's joiners ``J_A``, the
    type posterior given an attack (R, G), the posterior-mean resolve, P(attack) and, per
    type, P(target side prevails).
    """
    s_c = p["crisis_support_capability"]
    eT = qFT + s_c * qST
    eA = qFA + s_c * qSA
    C_T = kT + np.sum(eT * k, axis=1, keepdims=True)
    J_A = np.sum(eA * k, axis=1, keepdims=True)
    rho = np.exp(p["crisis_resolve_dispersion"] * TYPE_NODES[None, :].astype(k.dtype))
    y = rho * kA + J_A
    m = p["crisis_decisiveness"]
    p_agg = csf(y, C_T, m)
    ev = p_agg - ((1.0 - p_agg) * p["crisis_aggressor_loss"] + p["crisis_aggressor_cost"]) / rho
    lam = p["crisis_precision"] * k.dtype.type(lam_scale)
    attack = 0.5 * (1.0 + np.tanh(0.5 * lam * ev))           # logistic, overflow-free
    joint = TYPE_WEIGHTS[None, :].astype(k.dtype) * attack
    p_attack = np.maximum(joint.sum(axis=1, keepdims=True), np.finfo(k.dtype).tiny)
    posterior = joint / p_attack
    rho_mean = np.sum(posterior * rho, axis=1, keepdims=True)
    return {"eT": eT, "eA": eA, "C_T": C_T, "J_A": J_A, "rho": rho, "posterior": posterior,
            "rho_mean": rho_mean, "p_attack": p_attack, "p_target_types": 1.0 - p_agg,
            "ev": ev}


def _responses(rows: _Rows, S: dict, kA, kT, q, p, lam_scale: float):
    """Logit responses of every slot to the profile ``q`` = (qFT, qST, qSA, qFA)."""
    qFT, qST, qSA, qFA = q
    k, dt = S["k"], rows.dtype
    agg = aggregates(k, kA, kT, qFT, qST, qSA, qFA, p, lam_scale)
    eT, eA = agg["eT"], agg["eA"]
    m = p["crisis_decisiveness"]
    Y = agg["rho_mean"] * kA + agg["J_A"]
    floor = dt(FLOOR)
    X_i = np.maximum(agg["C_T"] - eT * k, floor)
    Y_i = np.maximum(Y - eA * k, floor)
    # the target side's chance if the state fights for it / for the aggressor (spoils)
    pFT = _csf_logs(np.log(X_i + k), np.log(Y_i), m)
    pFA = _csf_logs(np.log(X_i), np.log(Y_i + k), m)
    # the stake, once: the value of the side a state takes (threat of each side's
    # belligerents, affinity, being hit)
    stake = S["stake0"] + rows.mv(qFA - qFT, "threat")
    value = p["crisis_stake_weight"] * stake
    # war costs: the enemy side against the state's own strength, at home and in the theatre
    z_a = S["home_a"] + rows.mv(eA, "projected")
    z_t = S["home_t"] + rows.mv(eT, "projected")
    war_a = 0.5 * (z_a / (z_a + S["cap"]) + Y_i / (Y_i + k))      # fighting the aggressor side
    war_t = 0.5 * (z_t / (z_t + S["cap"]) + X_i / (X_i + k))      # fighting the target side
    g_w, s_k, b = p["crisis_war_cost"], p["crisis_support_risk"], p["crisis_spoils_weight"]
    # chain-ganging: ties to states expected on each side
    s_h, chi = p["crisis_support_honour"], p["crisis_chain_weight"]
    pull_t = np.zeros_like(k)
    pull_a = np.zeros_like(k)
    for kind, w in S["tie_w"].items():
        pull_t = pull_t + w * rows.mv(qFT + s_h * qST, f"ties{kind}")
        pull_a = pull_a + w * rows.mv(qFA + s_h * qSA, f"ties{kind}")
    log_none = np.log1p(-np.minimum(qFT, dt(0.999999)))
    countered = -np.expm1(np.sum(log_none, axis=1, keepdims=True) - log_none)
    # saturating in the allies expected on each side (1 - prod(1 - x) ~ 1 - exp(-sum x))
    pull = chi * (np.exp(-(pull_a + countered * S["tie_agg"])) - np.exp(-pull_t))
    side = value + pull                       # what taking the target's side is worth
    uFT = side + b * (2.0 * pFT - 1.0) - g_w * war_a + S["fixed_FT"]
    uST = s_h * side - s_k * g_w * war_a + S["fixed_ST"]
    uSA = -s_h * side - s_k * g_w * war_t + S["fixed_SA"]
    uFA = -side + b * (1.0 - 2.0 * pFA) - g_w * war_t + S["fixed_FA"]
    lam = p["crisis_precision"] * dt(lam_scale)
    u = lam[:, :, None] * np.stack([uFT, uST, uSA, uFA], axis=2)
    top = np.maximum(u.max(axis=2), 0.0)
    e = np.exp(u - top[:, :, None])
    total = e.sum(axis=2) + np.exp(-top)
    return e / total[:, :, None]


def solve_rows(pad: Padded, case_of_row: np.ndarray, theta_rows: np.ndarray, *,
               q0: np.ndarray | None = None, dtype=np.float64, tol: float | None = None,
               max_iter: int = 400, damping: float = 0.8,
               stages: Sequence[float] = STAGES, check: int = 4,
               backend: str = "auto") -> dict[str, np.ndarray]:
    """Solve the QRE for every row: crisis ``case_of_row[r]`` of ``pad`` at ``theta_rows[:, r]``.

    Parameters
    ----------
    pad : Padded
    case_of_row : ndarray of int, shape (R,)
    theta_rows : ndarray, shape (P, R)
    q0 : ndarray, shape (R, N, 5), optional
        Starting profile (default uniform).
    dtype, tol, max_iter, damping, stages, check
        Working precision of the NumPy path (the compiled path works in float64); stop when
        no probability moves by more than ``tol`` (default 2e-5 in float32, 1e-10 in
        float64) in an iteration; iteration cap per stage; damping of the fixed-point map;
        the homotopy fractions of lambda; iterations between convergence checks (NumPy).
    backend : {"auto", "numba", "numpy"}
        ``auto``: the compiled iteration (:mod:`foedus.models.crisis.compiled`) when numba is
        installed, else NumPy. Both give the same fixed points to within ``tol``.

    Returns
    -------
    dict
        ``q`` (R, N, 5); per row ``p_attack``, ``rho_mean``, ``p_target`` (the target side's
        chance against the types that attack), ``C_T``, ``Y`` (the aggressor side's
        effective capability at the posterior-mean resolve), ``converged``, ``change``
        (last maximal move) and ``iterations``.
    """
    R, N = theta_rows.shape[1], pad.N
    tol = tol if tol is not None else (2e-5 if dtype == np.float32 else 1e-10)
    q = np.empty((4, R, N), dtype=dtype)
    if q0 is None:
        q[:] = 0.2
    else:
        q[:] = np.moveaxis(np.asarray(q0, dtype=dtype)[:, :, [FT, ST, SA, FA]], 2, 0)
    forced_all = pad.forced[case_of_row]
    q[:, forced_all] = 0.0
    from foedus.models.crisis.compiled import HAVE_NUMBA, solve_rows_compiled

    if backend not in ("auto", "numba", "numpy"):
        raise ParameterError(f"unknown backend {backend!r} (auto, numba, numpy)")
    if backend == "numba" and not HAVE_NUMBA:
        raise ParameterError("backend='numba' needs numba (pip install foedus[numba])")
    if backend == "numba" or (backend == "auto" and HAVE_NUMBA):
        work = np.ascontiguousarray(np.moveaxis(q, 0, 2), dtype=np.float64)
        converged, change_out, iterations = solve_rows_compiled(
            pad, case_of_row, theta_rows, work, stages, tol, STAGE_TOL, max_iter, damping)
        q = np.moveaxis(work, 2, 0).astype(dtype)
    else:
        converged = np.ones(R, dtype=bool) if N == 0 else np.zeros(R, dtype=bool)
        change_out = np.zeros(R)
        iterations = np.zeros(R, dtype=np.int64)
        for s, scale in enumerate(stages if N else ()):
            final = s == len(stages) - 1
            stage_tol = tol if final else max(tol, STAGE_TOL)
            start = q.copy()
            rows_left, step = np.arange(R), damping
            for _ in range(RETRIES):     # a stage that cycles restarts with half the step
                sub = start[:, rows_left].copy()
                conv = np.zeros(rows_left.size, dtype=bool)
                change = np.zeros(rows_left.size)
                its = np.zeros(rows_left.size, dtype=np.int64)
                _stage(pad, case_of_row[rows_left], theta_rows[:, rows_left], sub,
                       forced_all[rows_left], dtype, stage_tol, max_iter, step, scale, check,
                       conv, change, its)
                q[:, rows_left] = sub
                iterations[rows_left] += its
                if final:
                    converged[rows_left], change_out[rows_left] = conv, change
                rows_left, step = rows_left[~conv], 0.5 * step
                if not rows_left.size:
                    break
    out = np.empty((R, N, 5), dtype=dtype)
    out[:, :, FT], out[:, :, ST], out[:, :, SA], out[:, :, FA] = q
    out[:, :, SO] = 1.0 - q.sum(axis=0)
    p = _columns(theta_rows, np.float64)
    k = pad.k[case_of_row]
    kA, kT = pad.k_aggressors[case_of_row][:, None], pad.k_targets[case_of_row][:, None]
    qq = out.astype(np.float64)
    agg = aggregates(k, kA, kT, qq[:, :, FT], qq[:, :, ST], qq[:, :, SA], qq[:, :, FA], p)
    p_target = np.sum(agg["posterior"] * agg["p_target_types"], axis=1)
    return {"q": out, "p_attack": agg["p_attack"][:, 0], "rho_mean": agg["rho_mean"][:, 0],
            "p_target": p_target, "C_T": agg["C_T"][:, 0],
            "Y": (agg["rho_mean"] * kA + agg["J_A"])[:, 0], "posterior": agg["posterior"],
            "rho": agg["rho"], "converged": converged, "change": change_out,
            "iterations": iterations}


def _stage(pad, case_of_row, theta_rows, q, forced_all, dtype, tol, max_iter, damping,
           scale, check, converged, change_out, iterations):
    """One homotopy stage for every row, in place; converged rows leave the working set."""
    rows_idx = np.arange(q.shape[1])
    rows = _Rows(pad, case_of_row, dtype)
    p = _columns(theta_rows, dtype)
    S = _static_terms(rows, p)
    kA = pad.k_aggressors[case_of_row][:, None].astype(dtype)
    kT = pad.k_targets[case_of_row][:, None].astype(dtype)
    work = q.copy()
    forced = forced_all
    it = 0
    while rows_idx.size:
        done = None
        while True:
            it += 1
            new = _responses(rows, S, kA, kT, tuple(work), p, scale)
            delta = np.moveaxis(new, 2, 0) - work
            delta[:, forced] = 0.0
            checking = it % check == 0 or it >= max_iter
            if checking:
                change = np.abs(delta).max(axis=(0, 2))
            work += damping * delta
            if checking:
                done = change < tol
                if it >= max_iter:
                    done[:] = True
                if done.all() or done.mean() > 0.25:
                    break
        q[:, rows_idx[done]] = work[:, done]
        iterations[rows_idx[done]] += it
        change_out[rows_idx[done]] = change[done]
        converged[rows_idx[done]] = change[done] < tol
        keep = ~done
        if not keep.any():
            break
        rows_idx = rows_idx[keep]
        work = work[:, keep]
        forced = forced[keep]
        kA, kT = kA[keep], kT[keep]
        p = {name: col[keep] for name, col in p.items()}
        rows.keep(keep)
        S = _static_terms(rows, p)
