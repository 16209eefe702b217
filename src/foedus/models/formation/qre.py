r"""A logit quantal-response membership equilibrium: the solution concept that scales.

Each state of a game accepts membership with a logit probability and is admitted if no member
vetoes it (McKelvey & Palfrey 1995, as in the crisis model):

.. math::

    z_i = \mathrm{adm}_i\,\Lambda\big(\lambda\,\Delta_i(z)\big), \qquad
    \Delta_i = V_i(z;\ i\ \text{in}) - \pi_i\,V_i(z;\ i\ \text{out}), \qquad
    \mathrm{adm}_i = \prod_{k \ne i} \big(1 - \tilde z_{ik}\,(1 - \Lambda(\lambda D_{ki}))\big)

with :math:`\Lambda` the logistic function, :math:`V` the values of
:mod:`foedus.models.formation.utility` evaluated at the *expected* profile (mean field: every
sum over co-members weighted by their membership probabilities, every "some co-member binds
me" event by one minus the product of the complements), :math:`\pi_i` the probability that the
design survives i's refusal, :math:`D_{ki}` member k's gain from admitting i (unanimity; 1
under open admission). A state decides conditionally on the design existing with it (it is
pivotal only then; Austen-Smith & Banks 1996): co-members enter with
:math:`\tilde z_{ik} = z_k / P(\text{at least one other member})`, founders and incumbents with
1. For two states this is exact: a bilateral pact forms with probability
:math:`\Lambda(\lambda V_i)\,\Lambda(\lambda V_j)`.

The fixed point is found by damped iteration, traced from :math:`\lambda/4` to :math:`\lambda`
(homotopy, as in the crisis kernel); everything is vectorised over a
:class:`~foedus.models.formation.batch.GameBatch` - many cases under one parameter vector, or
one case under many draws.

References
----------
McKelvey, R. D., & Palfrey, T. R. (1995). Quantal response equilibria for normal form games.
Games and Economic Behavior 10(1): 6-38. doi:10.1006/game.1995.1023
Austen-Smith, D., & Banks, J. S. (1996). Information aggregation, rationality, and the
Condorcet jury theorem. American Political Science Review 90(1): 34-45.
Signorino, C. S. (1999). Strategic interaction and the statistical analysis of international
conflict. American Political Science Review 93(2): 279-297. doi:10.2307/2585396
Walker, H. F., & Ni, P. (2011). Anderson acceleration for fixed-point iterations. SIAM Journal
on Numerical Analysis 49(4): 1715-1735. doi:10.1137/10079074X (``method="anderson"``)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from foedus.errors import ParameterError
from foedus.models.formation.batch import GameBatch, stack_games
from foedus.models.formation.game import FormationGame
from foedus.models.formation.params import FORMATION_PARAMETERS, FormationDraws
from foedus.models.formation.utility import TERMS
from foedus.models.solvers._jit import HAVE_NUMBA, njit, numba

_prange = numba.prange if HAVE_NUMBA else range

__all__ = ["METHODS", "STAGES", "QREResult", "fixed_point_map", "mean_field", "solve_game",
           "solve_qre"]

STAGES = (0.25, 0.5, 1.0)
#: Fixed-point methods of :func:`solve_qre`: damped iteration (the default) or Anderson
#: acceleration of the same map (Walker & Ni 2011), for tight tolerances in estimation.
METHODS = ("damped", "anderson")
#: Traced from a cold start, ``method="anderson"`` runs the damped iteration to this
#: tolerance (exactly the default path) and only then accelerates: started cold, Anderson's
#: extrapolation can land on another equilibrium of a game that has several (a test shows
#: one), and the likelihood is defined by the damped homotopy's selection.
ANDERSON_SWITCH = 1e-6
_EPS = 1e-12
P = {name: k for k, name in enumerate(FORMATION_PARAMETERS)}


def _col(theta: np.ndarray, name: str, extra: int = 0) -> np.ndarray:
    return theta[(slice(None), P[name]) + (None,) * extra]


def _logistic(x: np.ndarray) -> np.ndarray:
    """Numerically stable logistic function (accurate in relative terms for x << 0)."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _harm(x, capability, threat, power):
    """sum_a theta (cap / (x + cap)) ** power; x (B, ..., N) with capability (B, N, A)."""
    extra = x.ndim - 2
    cap = capability.reshape(capability.shape[:1] + (1,) * extra + capability.shape[1:])
    th = threat.reshape(cap.shape)
    pw = power.reshape((-1,) + (1,) * (x.ndim))
    total = x[..., None] + cap
    with np.errstate(divide="ignore", invalid="ignore"):
        q = np.where(total > 0, cap / np.where(total > 0, total, 1.0), 0.0)
    return (th * q ** pw).sum(axis=-1)


def _pair_security_numpy(in_minus, out_minus, G, AB, capability, threat, power, h0):
    def sec(x):
        return h0[:, None, :] - _harm(x, capability, threat, power)

    return (sec(in_minus), sec(in_minus + G.transpose(0, 2, 1)), sec(out_minus),
            sec(out_minus - AB.transpose(0, 2, 1)))


@njit(parallel=True, fastmath=True)
def _pair_security_kernel(in_minus, out_minus, G, AB, cap, thr, power, h0):  # pragma: no cover
    B, N, _ = in_minus.shape
    A = cap.shape[2]
    a = np.empty((B, N, N))
    b = np.empty((B, N, N))
    c = np.empty((B, N, N))
    d = np.empty((B, N, N))
    for r in _prange(B):
        p = power[r]
        for i in range(N):
            for k in range(N):
                x1 = in_minus[r, i, k]
                x2 = x1 + G[r, k, i]
                x3 = out_minus[r, i, k]
                x4 = x3 - AB[r, k, i]
                h1 = h2 = h3 = h4 = 0.0
                for m in range(A):
                    ck = cap[r, k, m]
                    tk = thr[r, k, m]
                    if ck <= 0.0 or tk == 0.0:
                        continue
                    h1 += tk * (ck / (x1 + ck)) ** p
                    h2 += tk * (ck / (x2 + ck)) ** p
                    h3 += tk * (ck / (x3 + ck)) ** p
                    h4 += tk * (ck / (x4 + ck)) ** p
                a[r, i, k] = h0[r, k] - h1
                b[r, i, k] = h0[r, k] - h2
                c[r, i, k] = h0[r, k] - h3
                d[r, i, k] = h0[r, k] - h4
    return a, b, c, d


def _pair_security(in_minus, out_minus, G, AB, capability, threat, power, h0):
    """Security of every state k (axis 2) under each toggled state i (axis 1): as a member
    without / with i, as an outsider without / with i."""
    if HAVE_NUMBA:
        return _pair_security_kernel(
            np.ascontiguousarray(in_minus), np.ascontiguousarray(out_minus),
            np.ascontiguousarray(G), np.ascontiguousarray(AB),
            np.ascontiguousarray(capability), np.ascontiguousarray(threat),
            np.ascontiguousarray(power, dtype=float), np.ascontiguousarray(h0))
    return _pair_security_numpy(in_minus, out_minus, G, AB, capability, threat, power, h0)


@dataclass(frozen=True)
class QREResult:
    """The quantal-response membership equilibrium of every row of a batch.

    ``membership[b, i]`` is the probability that state i is a member given that the design
    exists with it (the quantity the likelihood of a formed alliance uses); ``p_member`` the
    unconditional probability, ``p_exists`` the probability that the design exists at all.
    ``terms[t][b, i]`` decompose :math:`\\Delta_i` (join rather than stay out) at the solution.
    """

    batch: GameBatch
    membership: np.ndarray     # (B, N)
    accept: np.ndarray         # (B, N) logit acceptance Lambda(lambda Delta)
    admission: np.ndarray      # (B, N)
    p_member: np.ndarray       # (B, N)
    p_exists: np.ndarray       # (B,)
    delta: np.ndarray          # (B, N)
    terms: dict[str, np.ndarray]
    iterations: int
    converged: np.ndarray      # (B,) bool
    residual: float


def _conditioning(batch: GameBatch, z: np.ndarray):
    """Co-member weights of each state's decision (B, N_i, N_k) and the probability that the
    design survives its refusal (B, N)."""
    present, fixed, founder = batch.present, batch.fixed, batch.founder
    special = fixed | founder
    decider = present & ~special
    zc = np.clip(np.where(decider, z, 0.0), 0.0, 1.0 - 1e-9)
    log1m = np.log1p(-zc)
    others_log = log1m.sum(axis=1)[:, None] - log1m            # log prod over k != i
    none_other = np.exp(others_log)                               # P(no other decider in)
    n_founders = founder.sum(axis=1)[:, None] - founder
    accession = fixed.any(axis=1)[:, None]
    need = ~accession & (n_founders == 0)
    p_any = np.where(need, -np.expm1(others_log), 1.0)
    p_any = np.maximum(p_any, _EPS)
    ratio = zc / (1.0 - zc)
    sum_ratio = ratio.sum(axis=1)[:, None] - ratio
    two = 1.0 - none_other - none_other * sum_ratio              # P(>= 2 other deciders)
    keep = np.where(accession, 1.0,
                    np.where(founder, 0.0,
                             np.where(n_founders >= 2, 1.0,
                                      np.where(n_founders == 1, -np.expm1(others_log),
                                               np.clip(two / p_any, 0.0, 1.0)))))
    keep = np.where(founder & ~accession, 0.0, keep)
    weight = np.where(special, 1.0, z)[:, None, :] / p_any[:, :, None]
    Z = np.clip(np.where(special[:, None, :], 1.0, weight), 0.0, 1.0) * present[:, None, :]
    n = Z.shape[1]
    Z[:, np.arange(n), np.arange(n)] = 0.0
    return Z, keep * present


class _Costs:
    """Cost components of membership for every state (axis 1) under conditioning ``Z``, and
    the same with one other state (axis 2) forced out (``off``) or in (``on``). ``pair_t`` and
    ``pair_p`` are the pair-form entrapment costs and ``general`` the contingencies' costs,
    each already weighted by the probability that the target is attacked."""

    def __init__(self, batch: GameBatch, Z: np.ndarray, pair_t, pair_p, general):
        self.b = batch
        self.Z = Z
        self.pair_t, self.pair_p, self.general = pair_t, pair_p, general
        self.log1m = np.log1p(-np.clip(Z, 0.0, 1.0 - 1e-12))
        diag = np.arange(Z.shape[1])
        self.log1m[:, diag, diag] = 0.0

    def _linear(self, e):
        base = (self.Z * e).sum(axis=2)
        off = base[:, :, None] - self.Z * e
        return base, off, off + e

    def _any(self, x):
        x = (x > 0).astype(float)
        L = (x * self.log1m).sum(axis=2)
        off = L[:, :, None] - x * self.log1m
        base, p_off = 1.0 - np.exp(L), 1.0 - np.exp(off)
        return base, p_off, np.where(x > 0, 1.0, p_off)

    def components(self):
        """name -> (base (B,N), off (B,N,N), on (B,N,N))."""
        b, Z = self.b, self.Z
        out = {"pair_t": self._linear(self.pair_t), "pair_p": self._linear(self.pair_p)}
        # general contingencies: P(bound) = 1 - (1 - outside) prod_k (1 - Z p)
        C = b.entrapment_cost.shape[1]
        if C:
            lt = np.einsum("bcik,bik->bci", b.entrapment_pairs.astype(float), self.log1m)
            lp = np.einsum("bcik,bik->bci", b.political_pairs.astype(float), self.log1m)
            pt = b.entrapment_pairs.transpose(0, 2, 3, 1)          # (B, N_i, N_k, C)
            pp = b.political_pairs.transpose(0, 2, 3, 1)
            lt_off = lt.transpose(0, 2, 1)[:, :, None, :] - pt * self.log1m[..., None]
            lp_off = lp.transpose(0, 2, 1)[:, :, None, :] - pp * self.log1m[..., None]
            ot = b.entrapment_outside.transpose(0, 2, 1)             # (B, N, C)
            op = b.political_outside.transpose(0, 2, 1)
            cost = self.general                                          # (B, N, C)

            def bound(log_prod, outside):
                return 1.0 - (1.0 - outside) * np.exp(log_prod)

            BT = bound(lt.transpose(0, 2, 1), ot)
            BP = bound(lp.transpose(0, 2, 1), op)
            BT_off, BP_off = bound(lt_off, ot[:, :, None]), bound(lp_off, op[:, :, None])
            BT_on, BP_on = np.where(pt, 1.0, BT_off), np.where(pp, 1.0, BP_off)
            c2 = cost[:, :, None, :]
            out["gen_t"] = ((cost * BT).sum(-1), (c2 * BT_off).sum(-1), (c2 * BT_on).sum(-1))
            out["gen_p"] = ((cost * BP * (1 - BT)).sum(-1),
                            (c2 * BP_off * (1 - BT_off)).sum(-1),
                            (c2 * BP_on * (1 - BT_on)).sum(-1))
        n = Z.shape[1]
        dep = b.dependence.copy()
        own = dep[:, np.arange(n), np.arange(n)].copy()
        dep[:, np.arange(n), np.arange(n)] = 0.0
        num = self._linear(dep * b.distrust)
        den = self._linear(dep)
        out["distrust"] = tuple(_ratio(nu, own[:, :, None] if k else own, de)
                                for k, (nu, de) in enumerate(zip(num, den)))
        for name in ("new_defence_obligation", "shared_base_control", "foreign_forces",
                     "basing_rights"):
            out[name] = self._any(getattr(b, name))
        if b.institution_count.shape[1]:
            party = b.institution_party.astype(float)                 # (B, G, N)
            L = np.einsum("bgk,bik->big", party, self.log1m)          # (B, N_i, G)
            L_off = L[:, :, None, :] - party.transpose(0, 2, 1)[:, None, :, :] \
                * self.log1m[..., None]
            weight = (b.institution_count[:, None, :] * b.institution_new.transpose(0, 2, 1))
            p_off = 1.0 - np.exp(L_off)
            p_on = np.where(party.transpose(0, 2, 1)[:, None, :, :] > 0, 1.0, p_off)
            out["institutions"] = ((weight * (1.0 - np.exp(L))).sum(-1),
                                   (weight[:, :, None, :] * p_off).sum(-1),
                                   (weight[:, :, None, :] * p_on).sum(-1))
        return out


def _deterred_pairs(batch: GameBatch, x_target, tau):
    """Pair-form entrapment (B, N_i, N_k) with each contingency (aggressor a against target k)
    weighted by (cap / (X_k + cap)) ** tau, X_k = k's defenders seen from row i."""
    e_t, e_p = batch.entrapment_pair, batch.political_pair
    if not (e_t.any() or e_p.any()):
        return e_t.sum(axis=3), e_p.sum(axis=3)
    if HAVE_NUMBA:
        return _deterred_pairs_kernel(np.ascontiguousarray(e_t), np.ascontiguousarray(e_p),
                                      np.ascontiguousarray(batch.capability),
                                      np.ascontiguousarray(x_target),
                                      np.ascontiguousarray(tau, dtype=float))
    cap = batch.capability[:, None, :, :]                              # (B, 1, N_k, A)
    total = x_target[..., None] + cap
    with np.errstate(divide="ignore", invalid="ignore"):
        q = np.where(total > 0, cap / np.where(total > 0, total, 1.0), 0.0)
    f = q ** tau[:, None, None, None]
    return (e_t * f).sum(axis=3), (e_p * f).sum(axis=3)


@njit(parallel=True, fastmath=True)
def _deterred_pairs_kernel(e_t, e_p, cap, x_target, tau):  # pragma: no cover
    """The loop form of :func:`_deterred_pairs`: terms with no cost are skipped."""
    B, N, _, A = e_t.shape
    out_t = np.zeros((B, N, N))
    out_p = np.zeros((B, N, N))
    for r in _prange(B):
        t = tau[r]
        for i in range(N):
            for k in range(N):
                x = x_target[r, i, k]
                st = 0.0
                sp = 0.0
                for a in range(A):
                    et = e_t[r, i, k, a]
                    ep = e_p[r, i, k, a]
                    if et == 0.0 and ep == 0.0:
                        continue
                    c = cap[r, k, a]
                    total = x + c
                    q = c / total if total > 0.0 else 0.0
                    f = q ** t
                    st += et * f
                    sp += ep * f
                out_t[r, i, k] = st
                out_p[r, i, k] = sp
    return out_t, out_p


def _deterred_general(batch: GameBatch, theta, x_target, x_own, tau):
    """General contingencies' costs (B, N_i, C), each weighted by the probability that its
    target is attacked given the target's defenders seen from row i."""
    C = batch.entrapment_cost.shape[1]
    cost = batch.entrapment_cost.transpose(0, 2, 1)
    if not C:
        return cost
    n = x_target.shape[1]
    diag = np.arange(n)
    seen = x_target.copy()
    seen[:, diag, diag] = x_own[:, diag, diag]                        # a state is its own target
    t = batch.crisis_target                                            # (B, C)
    inside = np.take_along_axis(seen, np.clip(t, 0, None)[:, None, :].repeat(n, 1), axis=2)
    outside = batch.crisis_target_own + _col(theta, "treaty_reliability", 1) \
        * batch.crisis_target_allied
    defenders = np.where(t[:, None, :] >= 0, inside, outside[:, None, :])
    power = batch.crisis_power[:, None, :]
    total = defenders + power
    with np.errstate(divide="ignore", invalid="ignore"):
        q = np.where(total > 0, power / np.where(total > 0, total, 1.0), 0.0)
    return cost * q ** tau[:, None, None]


def _ratio(num, own, den):
    total = own + den
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(total > 0, num / np.where(total > 0, total, 1.0), 0.0)


def _assemble(batch: GameBatch, theta: np.ndarray, comps: dict, which: int) -> dict:
    """Signed cost terms (entrapment, coercion, autonomy, distrust, domestic) of membership
    from components ``which`` (0 base (B,N), 1 off / 2 on (B,N,N))."""
    extra = 0 if which == 0 else 1

    def c(name):
        return _col(theta, name, 1 + extra)

    def state(x):                                   # per-state array (B, N) -> broadcast
        return x if which == 0 else x[:, :, None]

    def get(name):
        return comps[name][which] if name in comps else 0.0

    rho, omega = c("treaty_reliability"), c("formation_political_weight")
    vis = np.where(state(batch.binding[:, None] * np.ones_like(batch.own)) > 0, 1.0, omega)
    entrap = get("pair_t") + get("gen_t")
    loose = get("pair_p") + get("gen_p")
    prob = np.clip(_col(theta, "formation_coercion_base_rate", 2)
                   + _col(theta, "formation_coercion_history_uplift", 2)
                   * batch.coercion_history, 0.0, 1.0)
    coercion = _col(theta, "formation_coercion_weight", 1) * (batch.exposure * prob).sum(-1)
    coercion = np.where(batch.binding[:, None], coercion,
                        coercion * _col(theta, "formation_political_weight", 1))
    o = get("new_defence_obligation")
    autonomy = state(1.0 + batch.autonomy) * (
        c("formation_value_leadership") * state(batch.leadership)
        + c("formation_value_basing_rights") * get("basing_rights")
        - c("formation_cost_collective_defence") * o
        - c("formation_cost_foreign_command") * state(batch.foreign_command)
        - c("formation_cost_shared_base_control") * get("shared_base_control")
        - c("formation_cost_foreign_forces") * get("foreign_forces")
        - c("formation_cost_institution") * get("institutions"))
    return {
        "entrapment": -c("formation_entrapment_weight") * rho * (entrap + omega * loose),
        "coercion": -state(coercion) * np.ones_like(autonomy),
        "autonomy": autonomy,
        "distrust": -c("formation_distrust_weight") * vis * get("distrust"),
        "domestic": -c("formation_domestic_weight") * state(batch.domestic) * o,
    }


def mean_field(batch: GameBatch, theta: np.ndarray, z: np.ndarray):
    """:math:`\\Delta_i` (B, N), its terms, and members' gains from admitting each state
    :math:`D_{ki}` (B, N_k, N_i), at membership probabilities ``z``."""
    present = batch.present
    rho = _col(theta, "treaty_reliability", 2)
    omega = _col(theta, "formation_political_weight", 2)
    rho0 = _col(theta, "formation_adhoc_support", 2)
    eta = _col(theta, "formation_ally_security_weight", 1)
    power = 1.0 + _col(theta, "formation_deterrence_weight")
    adhoc_t = batch.interest.transpose(0, 2, 1)                 # iota_ki at [i, k]
    G = rho * batch.new_treaty * (1 - rho0 * adhoc_t) + omega * rho * batch.new_political \
        * (1 - rho0 * adhoc_t)
    AB = rho0 * batch.abandon
    r1 = _col(theta, "treaty_reliability", 1)
    a1 = _col(theta, "formation_adhoc_support", 1)
    x0 = batch.own + r1 * batch.base_allied + a1 * batch.adhoc \
        - r1 * a1 * batch.base_allied_interest
    h0 = _harm(x0, batch.capability, batch.threat, power)
    Z, keep = _conditioning(batch, z)

    in_minus = x0[:, None, :] + np.einsum("bij,bkj->bik", Z, G)
    out_minus = x0[:, None, :] - np.einsum("bij,bkj->bik", Z, AB)
    s_in_minus, s_in_plus, s_out_minus, s_out_plus = _pair_security(
        in_minus, out_minus, G, AB, batch.capability, batch.threat, power, h0)
    n = Z.shape[1]
    diag = np.arange(n)
    own_in, own_out = s_in_minus[:, diag, diag], s_out_minus[:, diag, diag]
    sbar_in = Z * s_in_plus + (1 - Z) * s_out_plus
    sbar_out = Z * s_in_minus + (1 - Z) * s_out_minus
    sbar_in[:, diag, diag] = own_in
    sbar_out[:, diag, diag] = own_out
    diff = sbar_in - keep[:, :, None] * sbar_out                 # (B, N_i toggled, N_j)
    allies = eta * np.einsum("bij,bij->bi", batch.interest, diff)
    # contingencies weighted by the probability that their target is attacked (q ** tau),
    # the target's defenders being those it has as a member with the deciding state in
    tau = _col(theta, "formation_deterrence_weight")
    pair_t, pair_p = _deterred_pairs(batch, in_minus + G.transpose(0, 2, 1), tau)
    general = _deterred_general(batch, theta, in_minus + G.transpose(0, 2, 1), in_minus, tau)
    costs = _Costs(batch, Z, pair_t, pair_p, general).components()
    member = _assemble(batch, theta, costs, 0)
    terms = {"security": own_in, "abandonment": -keep * own_out, "allies": allies, **member}
    delta = sum(terms[t] for t in TERMS)
    # members' gains from admitting i: own security, their stake in others, their costs
    allies_k = eta[:, :, None] * np.einsum("bkj,bij->bki", batch.interest, diff)
    own_k = (s_in_plus - keep[:, :, None] * s_in_minus).transpose(0, 2, 1)
    off = _assemble(batch, theta, costs, 1)
    on = _assemble(batch, theta, costs, 2)
    cost_k = sum(on[t] - keep[:, None, :] * off[t] for t in on)
    D = own_k + allies_k + cost_k
    mask = present[:, :, None] & present[:, None, :]
    return delta * present, {t: v * present for t, v in terms.items()}, np.where(mask, D, 0.0)


def _step(batch, theta, z, lam):
    delta, terms, D = mean_field(batch, theta, z)
    accept = _logistic(lam[:, None] * delta)
    Z, _ = _conditioning(batch, z)
    veto = 1.0 - Z * (1.0 - _logistic(lam[:, None, None] * D.transpose(0, 2, 1)))
    admission = np.where(batch.unanimity[:, None], np.prod(veto, axis=2), 1.0)
    # a state party to none of the design's agreements has nothing to join
    new = np.where(batch.fixed, 1.0, admission * accept) * batch.party
    return new, accept, admission, delta, terms


def fixed_point_map(batch: GameBatch, theta: np.ndarray, z: np.ndarray) -> np.ndarray:
    """The map whose fixed point is the QRE at full precision: ``z -> F(z; theta)`` (B, N),
    ``theta`` (B, P). Its Jacobians in ``z`` and ``theta`` give the likelihood's gradient by
    the implicit function theorem (:mod:`foedus.models.formation.likelihood`)."""
    return _step(batch, theta, z, _col(theta, "formation_precision"))[0]


def solve_qre(batch: GameBatch, theta: np.ndarray, *, z0: np.ndarray | None = None,
              stages=STAGES, damping: float = 0.7, tol: float = 1e-6,
              max_iter: int = 300, method: str = "damped", memory: int = 6) -> QREResult:
    """The membership QRE of every row of ``batch`` under parameters ``theta``.

    Parameters
    ----------
    batch : GameBatch
    theta : ndarray, shape (B, P) or (P,)
        Parameters in :data:`~foedus.models.formation.params.FORMATION_PARAMETERS` order
        (``formation_precision`` is lambda).
    z0 : ndarray (B, N), optional
        Starting membership probabilities (a warm start, e.g. the previous solution of a
        likelihood search; pass ``stages=(1.0,)`` with it to skip the homotopy).
    stages : sequence of float
        Fractions of lambda traced in turn (default :data:`STAGES`).
    damping, tol, max_iter : float, float, int
        Weight of the new iterate, convergence tolerance on z, iteration cap per stage.
    method : {"damped", "anderson"}
        ``damped`` (the default) iterates the map with a per-row damped step.
        ``anderson`` runs the same damped homotopy to :data:`ANDERSON_SWITCH` and then
        polishes the last stage by extrapolating from the last ``memory`` iterates (Anderson
        acceleration, Walker & Ni 2011): the equilibrium the damped path selects, to a
        tolerance near machine precision in a few dozen steps (estimation). With ``z0``
        (or a single stage) it accelerates from the start: a warm start from a nearby
        equilibrium.

    Examples
    --------
    >>> from foedus.models.formation.testing import random_game
    >>> from foedus.models.formation.params import central_parameters
    >>> from foedus.models.formation.batch import stack_games
    >>> res = solve_qre(stack_games([random_game(4, seed=1)]), central_parameters().values)
    >>> res.membership.shape, bool(res.converged.all())
    ((1, 4), True)
    """
    theta = np.atleast_2d(np.asarray(theta, dtype=float))
    if theta.shape[1] != len(FORMATION_PARAMETERS):
        raise ParameterError(f"theta must have {len(FORMATION_PARAMETERS)} columns "
                             f"(FORMATION_PARAMETERS order), got shape {theta.shape}")
    if theta.shape[0] == 1 and batch.size > 1:
        theta = np.repeat(theta, batch.size, axis=0)
    if theta.shape[0] != batch.size:
        raise ParameterError(f"theta has {theta.shape[0]} rows for a batch of {batch.size}")
    lam_full = _col(theta, "formation_precision")
    z = np.where(batch.fixed, 1.0, 0.5) * batch.party if z0 is None else \
        np.array(z0, dtype=float, copy=True)
    if method not in METHODS:
        raise ParameterError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    iterations = 0
    for k, scale in enumerate(stages):
        lam = lam_full * scale
        if method == "anderson" and (z0 is not None or len(stages) == 1):
            # a warm start at full precision: accelerated from the previous equilibrium
            iterations += _anderson(batch, theta, z, lam, damping, tol, max_iter, memory)
            continue
        iterations += _iterate(batch, theta, z, lam, damping,
                               max(tol, ANDERSON_SWITCH) if method == "anderson" else tol,
                               max_iter)
        if method == "anderson" and k == len(stages) - 1 and tol < ANDERSON_SWITCH:
            iterations += _anderson(batch, theta, z, lam, damping, tol, max_iter, memory)
    new, accept, admission, delta, terms = _step(batch, theta, z, lam_full)
    residual = np.abs(new - z).max(axis=1)
    p_exists, p_member = _existence(batch, new)
    return QREResult(batch, new, accept, admission, p_member, p_exists, delta, terms,
                     iterations, residual < max(tol, 1e-5), float(residual.max()))


def _iterate(batch: GameBatch, theta, z, lam, damping, tol, max_iter) -> int:
    """Damped fixed-point iteration of every row of ``batch`` at precision ``lam``, in place
    on ``z``. Each row keeps its own step (halved when its change grows, so that oscillating
    rows settle; restored gradually), and rows stop as they converge: the sub-batch of rows
    still moving is rebuilt whenever it has shrunk by a fifth. Returns the iterations run."""
    rows = np.arange(batch.size)
    sub, sub_theta, sub_lam = batch, theta, lam
    step = np.full(batch.size, damping)
    last = np.full(batch.size, np.inf)
    live = np.ones(batch.size, dtype=bool)
    for iteration in range(1, max_iter + 1):
        new = _step(sub, sub_theta, z[rows], sub_lam)[0]
        change = np.abs(new - z[rows]).max(axis=1)
        moving = live[rows]
        grow = change > last[rows]
        step[rows] = np.where(grow, np.maximum(0.5 * step[rows], 0.05),
                              np.minimum(1.2 * step[rows], damping))
        s = step[rows][:, None]
        z[rows] = np.where(moving[:, None], (1 - s) * z[rows] + s * new, z[rows])
        last[rows] = change
        live[rows] &= change >= tol
        if not live.any():
            return iteration
        still = rows[live[rows]]
        if len(still) <= 0.8 * len(rows):
            rows = still
            sub, sub_theta, sub_lam = batch.take(rows), theta[rows], lam[rows]
    return max_iter


def _anderson(batch: GameBatch, theta, z, lam, damping, tol, max_iter, memory) -> int:
    """Anderson-accelerated iteration of every row of ``batch`` at precision ``lam``, in place
    on ``z`` (type II, Walker & Ni 2011, eq. 2.3 with mixing 1): each row's next iterate is
    ``F(z) - dG gamma`` with ``gamma`` the least-squares fit of its residual ``F(z) - z`` by
    the differences ``dF`` of its last ``memory`` residuals (``dG``: of its map values),
    clipped to [0, 1]. A row whose residual grows a thousandfold over its best restarts its
    history with a damped step; rows stop as they converge (sub-batch rebuilt when it has
    shrunk by a fifth). Returns the iterations run.

    Walker, H. F., & Ni, P. (2011). Anderson acceleration for fixed-point iterations. SIAM
    Journal on Numerical Analysis 49(4): 1715-1735. doi:10.1137/10079074X
    """
    B, N = z.shape
    m = max(int(memory), 1)
    dF, dG = np.zeros((B, m, N)), np.zeros((B, m, N))
    filled = np.zeros((B, m), dtype=bool)
    slot = np.zeros(B, dtype=int)
    started = np.zeros(B, dtype=bool)
    f_prev, g_prev = np.zeros((B, N)), np.zeros((B, N))
    best = np.full(B, np.inf)
    rows = np.arange(B)
    sub, sub_theta, sub_lam = batch, theta, lam
    eye = np.eye(m)
    for iteration in range(1, max_iter + 1):
        r = rows
        g = _step(sub, sub_theta, z[r], sub_lam)[0]
        f = g - z[r]
        change = np.abs(f).max(axis=1)
        done = change < tol
        restart = change > 1e3 * best[r]
        best[r] = np.minimum(best[r], change)
        update = started[r] & ~restart
        ru, k = r[update], slot[r[update]]
        dF[ru, k] = f[update] - f_prev[ru]
        dG[ru, k] = g[update] - g_prev[ru]
        filled[ru, k] = True
        slot[ru] = (k + 1) % m
        filled[r[restart]] = False
        slot[r[restart]] = 0
        started[r] = True
        f_prev[r], g_prev[r] = f, g
        mask = filled[r].astype(float)
        F, Gm = dF[r] * mask[:, :, None], dG[r] * mask[:, :, None]
        A = np.einsum("bin,bjn->bij", F, F)
        rhs = np.einsum("bin,bn->bi", F, f)
        scale = np.maximum(np.trace(A, axis1=1, axis2=2), 1e-300)
        A = A + (1e-10 * scale)[:, None, None] * eye + (1.0 - mask)[:, :, None] * eye
        gamma = np.linalg.solve(A, rhs[..., None])[..., 0] * mask
        new = np.where(mask.any(axis=1)[:, None], g - np.einsum("bi,bin->bn", gamma, Gm),
                       z[r] + damping * f)
        z[r] = np.where(done[:, None], z[r], np.clip(new, 0.0, 1.0))
        still = r[~done]
        if still.size == 0:
            return iteration
        if still.size <= 0.8 * r.size:
            rows = still
            sub, sub_theta, sub_lam = batch.take(rows), theta[rows], lam[rows]
    return max_iter


def _existence(batch: GameBatch, z: np.ndarray):
    """P(the design exists) and P(each state is a member), treating states as independent.

    A state's membership probability already includes its partners' consent (admission), so
    for a pair it is the probability that the pact forms; for a design with founders it is
    multiplied by the other founders' membership, and a sole founder's by the probability that
    somebody else joins.
    """
    present, fixed, founder = batch.present, batch.fixed, batch.founder
    decider = present & ~fixed & ~founder
    zd = np.clip(np.where(decider, z, 0.0), 0.0, 1.0 - 1e-12)
    log1m = np.log1p(-zd)
    none = np.exp(log1m.sum(axis=1))
    one = none * (zd / (1 - zd)).sum(axis=1)
    log_f = np.where(founder, np.log(np.maximum(z, _EPS)), 0.0)
    founders_in = np.exp(log_f.sum(axis=1))
    other_founders = np.exp(log_f.sum(axis=1)[:, None] - log_f)
    n_f = founder.sum(axis=1)
    accession = fixed.any(axis=1)
    pair = (present.sum(axis=1) == 2) & ~accession & (n_f == 0)
    size_ok = np.where(n_f >= 2, 1.0, np.where(n_f == 1, 1.0 - none, 1.0 - none - one))
    p_exists = np.where(accession, 1.0 - none,
                        np.where(pair, np.where(present, z, 1.0).min(axis=1),
                                 founders_in * size_ok))
    # a sole founder is a member of an existing design only if someone else joins it
    others_join = -np.expm1(log1m.sum(axis=1))[:, None] * np.ones_like(z)
    sole = founder & (n_f[:, None] == 1)
    member = z * np.where(accession[:, None], 1.0,
                          other_founders * np.where(sole, others_join, 1.0))
    return p_exists, np.where(fixed, 1.0, member) * present


def solve_game(game: FormationGame, draws: FormationDraws, **kwargs) -> QREResult:
    """The QRE of one game under every parameter draw (rows of the result).

    Examples
    --------
    >>> import numpy as np
    >>> from foedus.models.formation.testing import random_game
    >>> from foedus.models.formation.params import sample_parameters
    >>> res = solve_game(random_game(4, seed=1), sample_parameters(3, np.random.default_rng(0)))
    >>> res.membership.shape
    (3, 4)
    """
    batch = stack_games([game]).take(np.zeros(len(draws), dtype=int))
    return solve_qre(batch, draws.values, **kwargs)
