r"""Log-likelihoods of the formation model on historical cases, vectorised for estimation.

Two designs of the alliance-formation literature (``docs/history-corpus.md``):

* **Alliance cases** (an ATOP alliance with its members and the invited states that stayed
  out): each case is a membership game (its design adds the alliance to the agreements in
  force before it; contingencies are derived from the world when the case has none); the
  quantal-response equilibrium (:mod:`foedus.models.formation.qre`) gives each invited
  state's membership probability :math:`z_i` and the log-likelihood is
  :math:`\sum_{\text{cases}}\sum_i y_i\log z_i + (1-y_i)\log(1-z_i)`. Incumbents of an
  accession are not scored.
* **Dyad-years** (a politically relevant pair in a year; did a defence pact between them
  begin?): the two-state game has the closed form
  :math:`P(\text{pact}) = \Lambda(\lambda V_i)\,\Lambda(\lambda V_j)`, with :math:`V` the value
  of the bilateral pact to each (:mod:`foedus.models.formation.utility`): each gains the
  other's protection and its stake in the other's security, and pays entrapment in the
  other's contingencies (each attacked by each of its main adversaries), distrust, coercion
  and the autonomy cost of a new obligation. :func:`dyad_batch` builds the arrays for many
  pairs of one world at once.

Both functions take the parameter vector ``theta`` (``FORMATION_PARAMETERS`` order) and are
what a maximum-likelihood or Bayesian fit calls many times; plain-loop counterparts
(``*_loop``) are the references and the benchmark baselines.

References
----------
McKelvey, R. D., & Palfrey, T. R. (1995). Quantal response equilibria for normal form games.
Games and Economic Behavior 10(1): 6-38. doi:10.1006/game.1995.1023
Gibler, D. M., & Wolford, S. (2006). Alliances, then democracy. Journal of Conflict
Resolution 50(1): 129-153. doi:10.1177/0022002705281360 (dyad-year design of pact onset)
Leeds, B. A., Ritter, J. M., Mitchell, S. M., & Long, A. G. (2002). Alliance Treaty
Obligations and Provisions, 1815-1944. International Interactions 28(3): 237-260.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from foedus.errors import FoedusError, ParameterError
from foedus.models.formation.batch import GameBatch, stack_games
from foedus.models.formation.game import build_game
from foedus.models.formation.params import FORMATION_PARAMETERS
from foedus.models.formation.qre import STAGES, fixed_point_map, solve_qre

__all__ = [
    "AllianceData",
    "DyadBatch",
    "alliance_data",
    "alliance_log_likelihood",
    "alliance_log_likelihood_gradient",
    "alliance_log_likelihood_loop",
    "dyad_batch",
    "dyad_log_likelihood",
    "dyad_log_likelihood_loop",
    "dyad_probability",
    "dyad_values",
    "offered_design",
]

P = {name: k for k, name in enumerate(FORMATION_PARAMETERS)}
_FLOOR = 1e-12


def _theta(theta) -> np.ndarray:
    theta = np.asarray(theta, dtype=float)
    if theta.ndim != 1 or theta.shape[0] != len(FORMATION_PARAMETERS):
        raise ParameterError(f"theta must be a vector of {len(FORMATION_PARAMETERS)} values in "
                             "FORMATION_PARAMETERS order")
    if not np.all(np.isfinite(theta)) or np.any(theta < 0):
        raise ParameterError("theta must be finite and non-negative")
    return theta


def _bernoulli(p: np.ndarray, y: np.ndarray) -> np.ndarray:
    p = np.clip(p, _FLOOR, 1.0 - _FLOOR)
    return np.where(y > 0, np.log(p), np.log1p(-p))


# ----------------------------------------------------------------------------- alliances
def offered_design(case, design):
    """The design as offered to every invited state.

    A historical case records the alliance as it was founded: its agreement lists the states
    that joined, while the design invites the candidates that stayed out too. A state that is
    party to none of a design's agreements has nothing to join, so scoring such a case as it
    stands would read the outcome from the member list. The rule (``docs/models/formation.md``):
    every agreement the design adds or enlarges is extended to all invited states; each party's
    provisions are also owed to the invited non-parties, and each invited non-party owes every
    other invited state the obligations that all parties hold (with the first party's article
    and trigger). A design whose agreements already include every invited state is returned
    unchanged.

    Examples
    --------
    >>> from dataclasses import replace
    >>> from foedus.scenarios import build_case, load_scenario
    >>> case = build_case(load_scenario("seato-1954"))
    >>> d = case.design("manila-pact")
    >>> signed = replace(d, add=(d.add[0].without_member("IND").without_member("LKA"),))
    >>> sorted(set(offered_design(case, signed).add[0].members) - set(signed.add[0].members))
    ['IND', 'LKA']
    """
    from dataclasses import replace

    from foedus.world.agreements import Provision
    from foedus.world.design import AgreementChange

    d = case.design(design) if isinstance(design, str) else design
    invited = tuple(d.invited)

    def extend(members, provisions):
        members = tuple(members)
        outsiders = [s for s in invited if s not in members]
        if not outsiders:
            return members, provisions
        extra = [Provision(p.obligation, p.obligor, c, p.article, p.trigger, p.qualifier)
                 for p in provisions if p.beneficiary in members and p.obligor in members
                 for c in outsiders]
        by_type: dict = {}
        for p in provisions:
            if p.obligor in members:
                by_type.setdefault(p.obligation, {})[p.obligor] = p
        common = [kind for kind, owners in by_type.items() if set(owners) >= set(members)]
        everyone = members + tuple(outsiders)
        for kind in common:
            model = next(iter(by_type[kind].values()))
            extra += [Provision(kind, c, b, model.article, model.trigger, model.qualifier)
                      for c in outsiders for b in everyone if b != c]
        return everyone, tuple(provisions) + tuple(extra)

    added = []
    for a in d.add:
        members, provisions = extend(a.members, a.provisions)
        added.append(replace(a, members=members, provisions=provisions))
    baseline = {a.id: a for a in case.world.agreements}
    changes = []
    for ch in d.change:
        old = baseline.get(ch.id)
        members = ch.members if ch.members is not None else (old.members if old else ())
        provisions = (ch.provisions if ch.provisions is not None else
                      (old.provisions if old else ())) + ch.add_provisions
        members, provisions = extend(members, provisions)
        changes.append(AgreementChange(ch.id, members=members, provisions=provisions,
                                       note=ch.note))
    return replace(d, add=tuple(added), change=tuple(changes))


@dataclass(frozen=True)
class AllianceData:
    """Alliance cases ready for the likelihood: the padded games and the observed
    membership (``observed[b, i]``: 1 member, 0 invited and stayed out, NaN not scored)."""

    batch: GameBatch
    observed: np.ndarray
    labels: tuple[str, ...]

    @property
    def n_scored(self) -> int:
        return int(np.isfinite(self.observed).sum())


def alliance_data(entries: Iterable, *, interests=None, contingencies: str = "auto",
                  offer: bool = True) -> AllianceData:
    """Build :class:`AllianceData` from ``(case, design, members)`` entries.

    ``design`` is the id (or object) of the design that adds the alliance, ``members`` the
    states that joined. With ``offer`` (the default) the design is first offered to every
    invited state (:func:`offered_design`). The interests layer is computed at its central
    values for each case unless ``interests`` (a function ``case -> Interests``) is given.

    Examples
    --------
    >>> from foedus.scenarios import build_case, load_scenario
    >>> case = build_case(load_scenario("seato-1954"))
    >>> members = ["USA", "GBR", "FRA", "AUS", "NZL", "PHL", "THA", "PAK"]
    >>> data = alliance_data([(case, "manila-pact", members)])
    >>> data.n_scored, int(np.nansum(data.observed))
    (12, 8)
    """
    from foedus.models.formation.analysis import central_interests

    games, rows, labels = [], [], []
    for case, design, members in entries:
        ints = interests(case) if interests is not None else central_interests(case)
        if offer:
            design = offered_design(case, design)
        game = build_game(case, design, ints, contingencies=contingencies)
        members = set(members)
        unknown = members - set(game.states)
        if unknown:
            raise FoedusError(f"{case.scenario.id}: members {', '.join(sorted(unknown))} are "
                              f"not states of design {game.design!r}; invite them")
        rows.append([np.nan if s in game.fixed else float(s in members) for s in game.states])
        games.append(game)
        labels.append(f"{case.scenario.id}:{game.design}")
    batch = stack_games(games)
    observed = np.full(batch.present.shape, np.nan)
    for b, row in enumerate(rows):
        observed[b, :len(row)] = row
    return AllianceData(batch, observed, tuple(labels))


def alliance_log_likelihood(theta, data: AllianceData, *, z0: np.ndarray | None = None,
                            stages=STAGES, per_case: bool = False,
                            return_solution: bool = False, **solver):
    """Log-likelihood of the observed memberships under ``theta`` (vectorised over cases).

    Parameters
    ----------
    theta : ndarray (P,)
        Parameters in ``FORMATION_PARAMETERS`` order.
    data : AllianceData
    z0, stages :
        Warm start for a search (the ``membership`` of a previous solution, with
        ``stages=(1.0,)``); see :func:`~foedus.models.formation.qre.solve_qre`.
    per_case : bool
        Return the contribution of each case (B,) instead of the total.
    return_solution : bool
        Also return the :class:`~foedus.models.formation.qre.QREResult`.
    **solver :
        Passed to :func:`~foedus.models.formation.qre.solve_qre` (``method``, ``tol``,
        ``max_iter``, ...).

    Examples
    --------
    >>> from foedus.models.formation.params import central_parameters
    >>> from foedus.models.formation.testing import random_game
    >>> batch = stack_games([random_game(4, seed=1), random_game(3, seed=2)])
    >>> y = np.array([[1, 1, 0, 0], [1, 0, 1, np.nan]])
    >>> ll = alliance_log_likelihood(central_parameters().values[0], AllianceData(batch, y, ("a", "b")))
    >>> bool(ll < 0)
    True
    """
    theta = _theta(theta)
    solution = solve_qre(data.batch, theta[None, :], z0=z0, stages=stages, **solver)
    y = data.observed
    scored = np.isfinite(y)
    contribution = np.where(scored, _bernoulli(solution.membership, np.nan_to_num(y)), 0.0)
    value = contribution.sum(axis=1) if per_case else float(contribution.sum())
    return (value, solution) if return_solution else value


def _rows_in_chunks(batch: GameBatch, n_rows: int) -> int:
    """Rows of perturbed games per call so that a call's pair arrays stay near 4 million
    entries (B x N x N x A)."""
    N = batch.present.shape[1]
    A = max(batch.capability.shape[2], 1)
    return max(1, min(n_rows, int(4e6 // (N * N * A))))


def _map_many(batch: GameBatch, game_of_row: np.ndarray, theta_rows: np.ndarray,
              z_rows: np.ndarray) -> np.ndarray:
    """``F(z; theta)`` of many (game, theta, z) rows, evaluated in chunks."""
    out = np.empty_like(z_rows)
    step = _rows_in_chunks(batch, len(game_of_row))
    for start in range(0, len(game_of_row), step):
        part = slice(start, start + step)
        out[part] = fixed_point_map(batch.take(game_of_row[part]), theta_rows[part],
                                    z_rows[part])
    return out


def alliance_log_likelihood_gradient(theta, data: AllianceData, free=None, *,
                                     z0: np.ndarray | None = None, stages=STAGES,
                                     tol: float = 1e-12, max_iter: int = 500,
                                     central: bool = False, z_step: float | None = None,
                                     theta_step: float | None = None):
    r"""Log-likelihood of each case and its exact gradient, by the implicit function theorem.

    The equilibrium solves :math:`z^* = F(z^*; 	heta)`
    (:func:`~foedus.models.formation.qre.fixed_point_map`), so
    :math:`dz^*/d	heta = (I - F_z)^{-1} F_	heta` and, with :math:`g = \partial \ell /
    \partial z` at :math:`z^*`, :math:`d\ell/d	heta = w^	op F_	heta` where
    :math:`(I - F_z)^	op w = g` - one small linear system per case (the adjoint method).
    :math:`F_z` (B, N, N) and :math:`F_	heta` (B, N, k) are central differences *of the map*
    at the solution (no equilibrium is re-solved): ``2N + 2k`` map evaluations per case,
    against ``2k`` full solves for finite differences of the likelihood. The equilibrium is
    solved to ``tol`` by Anderson acceleration (:func:`~foedus.models.formation.qre.solve_qre`
    with ``method="anderson"``), from ``z0`` with ``stages`` if given (a warm start).

    Parameters
    ----------
    theta : ndarray (P,)
    data : AllianceData
    free : sequence of int, optional
        Rows of ``theta`` to differentiate (default: all).

    Returns
    -------
    per_case : ndarray (B,)
        Each case's log-likelihood.
    gradient : ndarray (B, P)
        Each case's gradient (zero in rows not in ``free``).
    solution : QREResult

    Examples
    --------
    >>> from foedus.models.formation.params import central_parameters
    >>> from foedus.models.formation.testing import random_game
    >>> batch = stack_games([random_game(4, seed=1), random_game(3, seed=2)])
    >>> y = np.array([[1, 1, 0, 0], [1, 0, 1, np.nan]])
    >>> data = AllianceData(batch, y, ("a", "b"))
    >>> theta = central_parameters().values[0]
    >>> ll, grad, _ = alliance_log_likelihood_gradient(theta, data, free=[18])
    >>> k, h = 18, 1e-5
    >>> up, down = theta.copy(), theta.copy()
    >>> up[k] += h; down[k] -= h
    >>> fd = (alliance_log_likelihood(up, data, method="anderson", tol=1e-13)
    ...       - alliance_log_likelihood(down, data, method="anderson", tol=1e-13)) / (2 * h)
    >>> bool(abs(grad[:, k].sum() - fd) < 1e-4 * max(1.0, abs(fd)))
    True
    """
    theta = _theta(theta)
    free = list(range(theta.size)) if free is None else [int(k) for k in free]
    batch = data.batch
    B, N = batch.present.shape
    solution = solve_qre(batch, theta[None, :], z0=z0, stages=stages, method="anderson",
                         tol=tol, max_iter=max_iter)
    z = solution.membership
    y = data.observed
    scored = np.isfinite(y)
    per_case = np.where(scored, _bernoulli(z, np.nan_to_num(y)), 0.0).sum(axis=1)
    gradient = np.zeros((B, theta.size))
    if not free:
        return per_case, gradient, solution
    # d ell / d z at the solution (zero where the likelihood's floor clips z)
    inside = (z > _FLOOR) & (z < 1.0 - _FLOOR) & scored
    zs = np.clip(z, _FLOOR, 1.0 - _FLOOR)
    g = np.where(inside, np.where(np.nan_to_num(y) > 0, 1.0 / zs, -1.0 / (1.0 - zs)), 0.0)
    z_step = (1e-6 if central else 1e-7) if z_step is None else z_step
    theta_step = (1e-6 if central else 1e-7) if theta_step is None else theta_step
    # F_z by differences of the map, one perturbed row per (case, state); a step never
    # leaves (0, 1)
    variable = batch.present & batch.party & ~batch.fixed & (z > 0.0) & (z < 1.0)
    # relative to z near 0 (memberships of 1e-7 occur): a step of z's own size would leave
    # the region where the map is linear
    room = np.minimum(z, 1.0 - z) if central else np.minimum(1e-4 * z, 0.5 * (1.0 - z))
    h = np.where(variable, np.minimum(z_step, (1e-3 if central else 1.0) * room), 0.0)
    cases, states = np.nonzero(h > 0)
    J = np.zeros((B, N, N))
    base = fixed_point_map(batch, np.repeat(theta[None, :], B, axis=0), z)
    if cases.size:
        M = cases.size
        hs = h[cases, states]
        up = z[cases].copy()
        up[np.arange(M), states] += hs
        if central:
            down = z[cases].copy()
            down[np.arange(M), states] -= hs
            mapped = _map_many(batch, np.concatenate([cases, cases]),
                               np.repeat(theta[None, :], 2 * M, axis=0),
                               np.concatenate([up, down]))
            J[cases, :, states] = (mapped[:M] - mapped[M:]) / (2 * hs[:, None])
        else:
            mapped = _map_many(batch, cases, np.repeat(theta[None, :], M, axis=0), up)
            J[cases, :, states] = (mapped - base[cases]) / hs[:, None]
    # F_theta by differences of the map (forward at a parameter's lower bound 0)
    k = len(free)
    ht = theta_step * np.maximum(np.abs(theta[free]), 1.0)
    down = np.where(central & (theta[free] - ht >= 0.0), ht, 0.0)
    sides = 2 if central else 1
    theta_rows = np.repeat(theta[None, :], sides * k * B, axis=0).reshape(sides, k, B, -1)
    for j, row in enumerate(free):
        theta_rows[0, j, :, row] += ht[j]
        if central:
            theta_rows[1, j, :, row] -= down[j]
    game_of_row = np.tile(np.arange(B), sides * k)
    mapped = _map_many(batch, game_of_row, theta_rows.reshape(sides * k * B, -1),
                       np.tile(z, (sides * k, 1))).reshape(sides, k, B, N)
    low = mapped[1] if central else base[None]
    F_theta = ((mapped[0] - low) / (ht + down)[:, None, None]).transpose(1, 2, 0)
    # adjoint: (I - F_z)^T w = g, d ell / d theta = F_theta^T w
    w = np.linalg.solve(np.eye(N)[None] - J.transpose(0, 2, 1), g[..., None])[..., 0]
    gradient[:, free] = np.einsum("bn,bnk->bk", w, F_theta)
    return per_case, gradient, solution


def alliance_log_likelihood_loop(theta, data: AllianceData) -> float:
    """The same log-likelihood, one case at a time (the plain-loop reference and benchmark
    baseline: no batching across cases)."""
    theta = _theta(theta)
    total = 0.0
    for b, game in enumerate(data.batch.games):
        solution = solve_qre(stack_games([game]), theta[None, :])
        y = data.observed[b, :game.n]
        for i in range(game.n):
            if np.isfinite(y[i]):
                p = min(max(float(solution.membership[0, i]), _FLOOR), 1.0 - _FLOOR)
                total += np.log(p) if y[i] > 0 else np.log1p(-p)
    return total


# ----------------------------------------------------------------------------- dyad-years
@dataclass(frozen=True)
class DyadBatch:
    """Arrays of N candidate bilateral pacts (side 0 = ``a``, side 1 = ``b``), each side
    facing up to K adversaries (padded with zero threat). Pair arrays are indexed
    ``[dyad, side]``; the partner of side s is side 1 - s."""

    a: tuple[str, ...]
    b: tuple[str, ...]
    year: np.ndarray           # (N,) int (the world's year)
    own: np.ndarray            # (N, 2) own capability at home
    partner: np.ndarray        # (N, 2) partner's capability projected to the side
    interest: np.ndarray       # (N, 2) side's interest in its partner's security
    base_allied: np.ndarray    # (N, 2) baseline treaty allies' capability at the side
    capability: np.ndarray     # (N, 2, K) adversaries' capability at the side
    threat: np.ndarray         # (N, 2, K)
    entrapment: np.ndarray     # (N, 2, K) for each adversary attacking the partner:
    #                            its threat x (1 - stake) x war cost for the side (weighted
    #                            by the probability that the partner is attacked, q**tau)
    distrust: np.ndarray       # (N, 2) max(0, -affinity) x partner's share of defenders
    coercion: np.ndarray       # (N, 2, K) exposure (trade/GDP) to each adversary
    coercion_history: np.ndarray
    autonomy: np.ndarray       # (N, 2)
    already_allied: np.ndarray  # (N, 2) the partner already owes the side treaty defence

    def __len__(self) -> int:
        return len(self.a)


def dyad_batch(world, interests, pairs: Sequence[tuple[str, str]], *, adversaries: int = 5
               ) -> DyadBatch:
    """The arrays of the bilateral-pact game for ``pairs`` of states of ``world``.

    Each side's adversaries are the ``adversaries`` states (other than the partner) that
    threaten it most (interests layer); the pair faces the union, and each side is attacked
    by each of its own (the derived-contingency rule of ``docs/models/formation.md``).
    Baseline allies are the treaty defence provisions in force in ``world``.

    Examples
    --------
    >>> from foedus.scenarios import build_case, load_scenario
    >>> from foedus.interests import compute_interests
    >>> case = build_case(load_scenario("seato-1954"))
    >>> d = dyad_batch(case.world, compute_interests(case.world), [("THA", "PHL")])
    >>> len(d), d.threat.shape[1:]
    (1, (2, 10))
    """
    index = {s: k for k, s in enumerate(interests.states)}
    missing = sorted({s for p in pairs for s in p if s not in index})
    if missing:
        raise FoedusError(f"dyad_batch: {', '.join(missing)} not in the interests' world")
    if adversaries < 1:
        raise ParameterError("adversaries must be at least 1")
    ia = np.array([index[a] for a, _ in pairs], dtype=int)
    ib = np.array([index[b] for _, b in pairs], dtype=int)
    side = np.stack([ia, ib], axis=1)                       # (N, 2)
    other = side[:, ::-1]
    proj = interests.projected_capability
    affinity = interests.affinity
    S = len(interests.states)
    allies = np.zeros((S, S))
    for obligor, beneficiary in world.defense_pairs():
        if obligor in index and beneficiary in index:
            allies[index[beneficiary], index[obligor]] = 1.0
    # a state's treaty ally is not its adversary (the derived-contingency rule)
    threat = np.where((allies + allies.T) > 0, 0.0, interests.threat)
    # the K most threatening states for each state (excluding itself)
    masked = threat.copy()
    np.fill_diagonal(masked, -1.0)
    k = min(adversaries, max(S - 2, 1))
    top = np.argsort(-masked, axis=1)[:, :k + 1]             # one spare in case it is the partner
    adv = np.zeros((len(pairs), 2 * k), dtype=int)
    valid = np.zeros((len(pairs), 2 * k), dtype=bool)
    for s in range(2):
        cand = top[side[:, s]]                                # (N, k+1)
        keep = cand != other[:, s][:, None]
        ordered = np.where(keep, cand, -1)
        for n_ in range(len(pairs)):
            chosen = [c for c in ordered[n_] if c >= 0][:k]
            adv[n_, s * k:s * k + len(chosen)] = chosen
            valid[n_, s * k:s * k + len(chosen)] = True
    # drop duplicates (an adversary of both sides) so it is counted once
    for n_ in range(len(pairs)):
        seen = set()
        for c in range(2 * k):
            if valid[n_, c]:
                if adv[n_, c] in seen:
                    valid[n_, c] = False
                seen.add(adv[n_, c])
    sides = side[:, :, None]
    cap = proj[sides, adv[:, None, :]] * valid[:, None, :]          # (N, 2, 2K)
    thr = threat[sides, adv[:, None, :]] * valid[:, None, :]
    thr = np.where(thr > 1e-6, thr, 0.0)
    own = proj[side, side]
    partner = proj[side, other]
    # interest: noisy-or of affinity and shared threat over the pair's adversaries
    common = np.minimum(thr[:, 0, :], thr[:, 1, :]).sum(axis=1)
    total = thr.sum(axis=2)                                    # (N, 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        shared = np.where(total[:, ::-1] > 0, common[:, None] / total[:, ::-1], 0.0)
    liking = np.clip(affinity[side, other], 0.0, 1.0)
    iota = 1.0 - (1.0 - liking) * (1.0 - np.clip(shared, 0.0, 1.0))
    # baseline allies and existing ties
    base = (allies * proj).sum(axis=1)[side]
    already = allies[side, other]
    # entrapment of side s in the contingencies of its partner (attacked by the partner's own
    # adversaries): likelihood = the partner's threat; stake = noisy-or(affinity, threat share)
    entrap = np.zeros((len(pairs), 2, 2 * k))
    for s in range(2):
        faced = threat[other[:, s][:, None], adv] * valid         # the partner attacked
        faced = np.where(faced > 1e-6, faced, 0.0)
        mine = threat[side[:, s][:, None], adv] * valid
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(faced > 0, np.minimum(1.0, mine / np.where(faced > 0, faced, 1)),
                             0.0)
        stake = 1.0 - (1.0 - liking[:, s][:, None]) * (1.0 - share)
        p_adv = proj[side[:, s][:, None], adv]
        war = np.where(p_adv > 0, p_adv / (p_adv + own[:, s][:, None]), 0.0)
        entrap[:, s] = faced * (1.0 - stake) * war
    distrust = np.clip(-affinity[side, other], 0.0, None) * partner / (own + partner)
    exposure = interests.exposure[sides, adv[:, None, :]] * valid[:, None, :]
    history = interests.coercion[sides, adv[:, None, :]] * valid[:, None, :]
    return DyadBatch(
        a=tuple(a for a, _ in pairs), b=tuple(b for _, b in pairs),
        year=np.full(len(pairs), world.date.year), own=own, partner=partner,
        interest=iota, base_allied=base, capability=cap, threat=thr, entrapment=entrap,
        distrust=np.nan_to_num(distrust), coercion=exposure, coercion_history=history,
        autonomy=interests.autonomy[side], already_allied=already)


def _harm(x, cap, thr, power):
    total = x[..., None] + cap
    with np.errstate(divide="ignore", invalid="ignore"):
        q = np.where(total > 0, cap / np.where(total > 0, total, 1.0), 0.0)
    return (thr * q ** power).sum(axis=-1)


def dyad_values(theta, dyads: DyadBatch) -> np.ndarray:
    """(N, 2) value of the bilateral pact to each side, :math:`V_i(\\{i, j\\})`.

    Examples
    --------
    >>> from foedus.models.formation.params import central_parameters
    >>> from foedus.scenarios import build_case, load_scenario
    >>> from foedus.interests import compute_interests
    >>> case = build_case(load_scenario("seato-1954"))
    >>> d = dyad_batch(case.world, compute_interests(case.world), [("THA", "PHL")])
    >>> dyad_values(central_parameters().values[0], d).shape
    (1, 2)
    """
    t = _theta(theta)
    rho, omega = t[P["treaty_reliability"]], t[P["formation_political_weight"]]
    rho0, eta = t[P["formation_adhoc_support"]], t[P["formation_ally_security_weight"]]
    power = 1.0 + t[P["formation_deterrence_weight"]]
    partner_iota = dyads.interest[:, ::-1]                 # the partner's interest in the side
    adhoc = partner_iota * dyads.partner
    allied = dyads.already_allied
    x0 = dyads.own + rho * dyads.base_allied + rho0 * adhoc - rho * rho0 * adhoc * allied
    new = (1.0 - allied) * rho * dyads.partner * (1.0 - rho0 * partner_iota)
    sec = _harm(x0, dyads.capability, dyads.threat, power) - \
        _harm(x0 + new, dyads.capability, dyads.threat, power)
    # the partner's contingencies, each as likely as the partner (now allied) is attacked
    x_partner = (x0 + new)[:, ::-1]
    cap = dyads.capability[:, ::-1, :]
    total = x_partner[..., None] + cap
    with np.errstate(divide="ignore", invalid="ignore"):
        q = np.where(total > 0, cap / np.where(total > 0, total, 1.0), 0.0)
    entrapment = (dyads.entrapment * q ** t[P["formation_deterrence_weight"]]).sum(axis=2)
    allies = eta * dyads.interest * sec[:, ::-1]
    prob = np.clip(t[P["formation_coercion_base_rate"]] + t[P["formation_coercion_history_uplift"]]
                   * dyads.coercion_history, 0.0, 1.0)
    coercion = t[P["formation_coercion_weight"]] * (dyads.coercion * prob).sum(axis=2)
    obligation = 1.0 - allied[:, ::-1]                      # the side newly owes its partner
    cost = (t[P["formation_entrapment_weight"]] * rho * entrapment * obligation
            + coercion + t[P["formation_distrust_weight"]] * dyads.distrust
            + (1.0 + dyads.autonomy) * t[P["formation_cost_collective_defence"]] * obligation)
    del omega
    return sec + allies - cost


def dyad_probability(theta, dyads: DyadBatch) -> np.ndarray:
    """(N,) probability that the bilateral pact begins: :math:`\\Lambda(\\lambda V_a)
    \\Lambda(\\lambda V_b)`."""
    return np.exp(_log_pact(theta, dyads))


def _log_pact(theta, dyads):
    lam = _theta(theta)[P["formation_precision"]]
    x = lam * dyad_values(theta, dyads)
    log_sig = -np.logaddexp(0.0, -x)                        # stable log Lambda(x)
    return log_sig.sum(axis=1)


def dyad_log_likelihood(theta, dyads: DyadBatch, onset, *, per_dyad: bool = False):
    """Log-likelihood of pact onsets (``onset``: 1 if a defence pact between the two began in
    the year, else 0), vectorised over dyad-years.

    Examples
    --------
    >>> from foedus.models.formation.params import central_parameters
    >>> from foedus.scenarios import build_case, load_scenario
    >>> from foedus.interests import compute_interests
    >>> case = build_case(load_scenario("seato-1954"))
    >>> d = dyad_batch(case.world, compute_interests(case.world), [("THA", "PHL"), ("IND", "PAK")])
    >>> bool(dyad_log_likelihood(central_parameters().values[0], d, [1, 0]) < 0)
    True
    """
    y = np.asarray(onset, dtype=float)
    if y.shape != (len(dyads),):
        raise FoedusError(f"onset has shape {y.shape}; expected ({len(dyads)},) - one 0/1 per "
                          "dyad-year")
    log_p = np.maximum(_log_pact(theta, dyads), np.log(_FLOOR))
    contribution = np.where(y > 0, log_p, np.log(-np.expm1(np.minimum(log_p, -_FLOOR))))
    return contribution if per_dyad else float(contribution.sum())


def dyad_log_likelihood_loop(theta, dyads: DyadBatch, onset) -> float:
    """The same log-likelihood by plain loops over dyads, sides and adversaries (reference
    and benchmark baseline)."""
    t = {name: float(v) for name, v in zip(FORMATION_PARAMETERS, _theta(theta))}
    rho, rho0 = t["treaty_reliability"], t["formation_adhoc_support"]
    power = 1.0 + t["formation_deterrence_weight"]
    total = 0.0
    for n in range(len(dyads)):
        secs, values = [0.0, 0.0], [0.0, 0.0]
        xs = []
        for s in range(2):
            piota = dyads.interest[n, 1 - s]
            adhoc = piota * dyads.partner[n, s]
            allied = dyads.already_allied[n, s]
            x0 = dyads.own[n, s] + rho * dyads.base_allied[n, s] + rho0 * adhoc \
                - rho * rho0 * adhoc * allied
            x = x0 + (1 - allied) * rho * dyads.partner[n, s] * (1 - rho0 * piota)
            xs.append((x0, x))
        for s in range(2):
            x0, x = xs[s]
            h0 = h1 = 0.0
            for k in range(dyads.threat.shape[2]):
                cap, thr = dyads.capability[n, s, k], dyads.threat[n, s, k]
                if cap > 0:
                    h0 += thr * (cap / (x0 + cap)) ** power
                    h1 += thr * (cap / (x + cap)) ** power
            secs[s] = h0 - h1
        for s in range(2):
            entrapment = 0.0
            x_partner = xs[1 - s][1]
            for k in range(dyads.threat.shape[2]):
                cap = dyads.capability[n, 1 - s, k]
                if cap > 0:
                    entrapment += dyads.entrapment[n, s, k] * (cap / (x_partner + cap)) ** \
                        t["formation_deterrence_weight"]
            coercion = 0.0
            for k in range(dyads.threat.shape[2]):
                prob = min(1.0, t["formation_coercion_base_rate"]
                           + t["formation_coercion_history_uplift"]
                           * dyads.coercion_history[n, s, k])
                coercion += dyads.coercion[n, s, k] * prob
            obligation = 1.0 - dyads.already_allied[n, 1 - s]
            cost = (t["formation_entrapment_weight"] * rho * entrapment * obligation
                    + t["formation_coercion_weight"] * coercion
                    + t["formation_distrust_weight"] * dyads.distrust[n, s]
                    + (1 + dyads.autonomy[n, s]) * t["formation_cost_collective_defence"]
                    * obligation)
            values[s] = secs[s] + t["formation_ally_security_weight"] * dyads.interest[n, s] \
                * secs[1 - s] - cost
        log_p = 0.0
        for v in values:
            x = t["formation_precision"] * v
            log_p += -np.logaddexp(0.0, -x)
        log_p = max(log_p, np.log(_FLOOR))
        total += log_p if onset[n] else np.log(-np.expm1(min(log_p, -_FLOOR)))
    return total
