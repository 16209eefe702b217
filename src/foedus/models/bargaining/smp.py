"""KTAB's Spatial Model of Politics (SMP): challenges, bargains and probabilistic elections.

Each turn (KTAB ``SMPState::doBCN``):

1. every actor's utility for every position (salience-weighted distance from its ideal,
   curved by a risk attitude inferred from how likely its own position is to win a
   probabilistic Condorcet election among all positions);
2. every actor i estimates, for every other actor j, the probability that i's position beats
   j's in a contest joined by third parties, and the expected gain of challenging j; it
   targets the j with the largest gain, if positive;
3. the pair interpolates a bargain (each dimension weighted by squared salience and squared
   victory probability under KTAB's default), and the bargain joins both actors' queues;
4. each actor's queue (its status quo and every bargain it is part of) is put to a
   probabilistic Condorcet election among all actors; the actor adopts its side of the most
   probable bargain (deterministic) or of a drawn one (stochastic);
5. ideals move toward positions through the accommodation matrix.

The run stops by KTAB's rule (:class:`~foedus.models.bargaining.params.StopRule`). Arithmetic
follows KTAB's order of operations (``smp.cpp``, ``smpbcn.cpp``; commit 3b5b063), including
two KTAB quirks kept for parity and documented in ``docs/models/bargaining.md``: the
receiver's "probability" used by the InitRcvrInterp and PWCompInterp bargain models is its
expected gain, and the power-weighted compromise weights the receiver by the initiator's
capability.

References
----------
KAPSARC Toolkit for Behavioral Analysis (KTAB), https://github.com/KAPSARC/KTAB, MIT licence;
Wise, B. P. (2016). "SMP: the Spatial Model of Politics in KTAB", KTAB documentation
(``examples/smp/SMPTutorial.pdf``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from foedus.models.bargaining._kernels import best_challenges_kernel
from foedus.models.bargaining.params import (
    BargainModel,
    InterVecBargain,
    SMPSwitches,
    StateTransitions,
    StopRule,
    ThirdPartyCommit,
)
from foedus.models.bargaining.problem import SpatialProblem
from foedus.models.bargaining.voting import (
    BLOCK_ELEMENTS,
    accumulate,
    big_r_from_prob,
    bs_util,
    bv_diff,
    coalitions,
    condorcet_pce,
    estimate_risk,
    sequential_sum,
    vote,
)

__all__ = [
    "Assessment",
    "TurnRecord",
    "assess_state",
    "challenge_estimates",
    "interpolate",
    "smp_turn",
]

_CHALLENGE_FLOOR = 1e-10   # KTAB SMPState::probEduChlg: minCltn
_MIN_SIGNIFICANT_GAIN = 1e-5  # KTAB SMPState::bestChallenge: minSigEDU
_POSITION_TOLERANCE = 1e-3  # KTAB SMPModel::posTol (equivalent positions)


@dataclass(frozen=True)
class Assessment:
    """What every actor makes of one state (KTAB ``setAllAUtil`` and ``pDist``).

    ``distance[i, j]``: salience-weighted distance from i's ideal to j's position;
    ``risk[i]``: inferred risk attitude R_i; ``position_probability[i]``: probability that
    the position i holds wins the state's probabilistic Condorcet election (KTAB's
    ``prob`` lines); ``unique``: indices of the actors holding the distinct positions and
    ``unique_probability`` the election's probability of each of them.
    """

    distance: np.ndarray
    risk: np.ndarray
    position_probability: np.ndarray
    unique: np.ndarray
    unique_probability: np.ndarray = field(default_factory=lambda: np.empty(0))


def _state_distance(ideal: np.ndarray, position: np.ndarray, salience: np.ndarray) -> np.ndarray:
    return bv_diff(ideal[:, None, :] - position[None, :, :], salience[:, None, :])


def own_utility(assessment: Assessment, switches: SMPSwitches) -> np.ndarray:
    """``aUtil[i](i, j)``: actor i's own estimate of its utility for j's position."""
    r = estimate_risk(assessment.risk, assessment.risk, switches.big_r_adjust)
    return bs_util(assessment.distance, r[:, None])


def _unique_positions(position: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """KTAB ``ueIndices`` over ``equivNdx`` (Euclidean distance below 1e-3 on [0, 1])."""
    n = position.shape[0]
    diff = position[:, None, :] - position[None, :, :]
    norm = np.sqrt(sequential_sum(np.moveaxis(diff * diff, -1, 0)))
    close = norm < _POSITION_TOLERANCE
    uniques: list[int] = []
    for i in range(n):
        if not any(close[i, k] for k in uniques):
            uniques.append(i)
    return np.array(uniques, dtype=int), close


def assess_state(problem: SpatialProblem, position: np.ndarray, ideal: np.ndarray,
                 switches: SMPSwitches, compiled: bool = True) -> Assessment:
    """Distances, inferred risk attitudes and position probabilities of one state.

    KTAB ``SMPState::setAllAUtil`` (risk from a PCE among all positions with risk-neutral
    utilities, capability as voting weight) and ``SMPState::pDist(-1)`` with
    ``State::posProb`` (PCE among the unique positions with each actor's own risk-aware
    utilities).
    """
    cap = problem.capability
    distance = _state_distance(ideal, position, problem.salience)
    neutral = bs_util(distance, np.zeros((position.shape[0], 1)))
    strength = coalitions(switches.voting_rule, cap, neutral, compiled)
    p_positions, _ = condorcet_pce(switches.pce_model, switches.victory_prob_model, strength)
    risk = big_r_from_prob(p_positions, switches.big_r_range)
    unique, close = _unique_positions(position)
    partial = Assessment(distance, risk, np.empty(0), unique, np.empty(0))
    own = own_utility(partial, switches)
    strength_u = coalitions(switches.voting_rule, cap, own[:, unique], compiled)
    p_unique, _ = condorcet_pce(switches.pce_model, switches.victory_prob_model, strength_u)
    # State::posProb: the last unique position equivalent to actor i's
    last = np.array([max(k for k, u in enumerate(unique) if close[i, u])
                     for i in range(position.shape[0])])
    return Assessment(distance, risk, p_unique[last], unique, p_unique)


def challenge_estimates(problem: SpatialProblem, assessment: Assessment, switches: SMPSwitches,
                        h, k, i, j) -> tuple[np.ndarray, np.ndarray]:
    """h's estimate of P(i beats j) and of k's expected gain from i challenging j.

    KTAB ``SMPState::probEduChlg``; ``h, k, i, j`` are broadcastable integer index arrays.
    The principals vote with weight salience x capability; every third party n joins the
    side it prefers in the "little" contest (i : j) with the principals' contributions
    (``vProbLittle``), weighing the three-position states of KTAB's third-party commitment
    rule (``thirdPartyVoteSU``). With ``s_j`` the receiver's total salience, the challenge is
    worth ``(1 - s_j) U(i wins) + s_j [P U(i wins) + (1 - P) U(j wins)] - U(status quo)``.
    """
    d, risk = assessment.distance, assessment.risk
    adjust, rule = switches.big_r_adjust, switches.voting_rule
    cap = problem.capability
    sal = sequential_sum(problem.salience.T)  # KBase::sum(vSal), dimension by dimension
    h, k, i, j = np.broadcast_arrays(*(np.asarray(x) for x in (h, k, i, j)))
    r_h = risk[h]

    def util(row, col):
        return bs_util(d[row, col], estimate_risk(r_h, risk[row], adjust))

    u_ii, u_ij, u_ji, u_jj = util(i, i), util(i, j), util(j, i), util(j, j)
    u_ki, u_kj = util(k, i), util(k, j)
    eu_sq = u_ki + u_kj
    u_win, u_lose = u_ki + u_ki, u_kj + u_kj
    s_j = sal[j]
    contrib_i = vote(rule, sal[i] * cap[i], u_ii, u_ij)
    contrib_j = vote(rule, s_j * cap[j], u_ji, u_jj)
    c_ij = (_CHALLENGE_FLOOR + np.where(contrib_i > 0.0, contrib_i, 0.0)
            + np.where(contrib_j > 0.0, contrib_j, 0.0))
    c_ji = (_CHALLENGE_FLOOR + np.where(contrib_i < 0.0, -contrib_i, 0.0)
            + np.where(contrib_j < 0.0, -contrib_j, 0.0))
    base_ij, base_ji = c_ij, c_ji
    commit = switches.third_party_commit
    n_actors = problem.n_actors
    block = max(1, BLOCK_ELEMENTS // max(1, c_ij.size))
    for start in range(0, n_actors, block):
        n = np.arange(start, min(start + block, n_actors)).reshape((-1,) + (1,) * c_ij.ndim)
        third = (i != n) & (j != n)
        r_hn = estimate_risk(r_h, risk[n], adjust)
        u_ni = bs_util(d[n, i], r_hn)
        u_nj = bs_util(d[n, j], r_hn)
        u_nn = bs_util(d[n, n], r_hn)
        w_n = sal[n] * cap[n]
        little = vote(rule, w_n, u_ni, u_nj)
        c_ni = base_ij + np.where(little > 0.0, little, 0.0)
        c_nj = base_ji + np.where(little < 0.0, -little, 0.0)
        p_in = c_ni / (c_ni + c_nj)
        p_jn = 1.0 - p_in
        v_n = vote(rule, w_n, *_third_party_states(commit, p_in, p_jn, u_ni, u_nj, u_nn))
        c_ij = accumulate(np.where(third & (v_n > 0.0), v_n, 0.0), c_ij)
        c_ji = accumulate(np.where(third & (v_n < 0.0), -v_n, 0.0), c_ji)
    p_ij = c_ij / (c_ij + c_ji)
    p_ji = c_ji / (c_ij + c_ji)
    eu_contest = p_ij * u_win + p_ji * u_lose
    eu_challenge = (1 - s_j) * u_win + s_j * eu_contest
    return p_ij, eu_challenge - eu_sq


def _third_party_states(commit: ThirdPartyCommit, p_ik, p_jk, u_ki, u_kj, u_kk):
    """KTAB ``Actor::thirdPartyVoteSU``: expected utilities of joining i or j."""
    if commit is ThirdPartyCommit.FULL_COMMIT:
        ik_beats_j, j_beats_ik = u_ki + u_ki + u_ki, u_kj + u_kj + u_kj
        i_beats_jk, jk_beats_i = u_ki + u_ki + u_ki, u_kj + u_kj + u_kj
    elif commit is ThirdPartyCommit.SEMI_COMMIT:
        ik_beats_j, j_beats_ik = u_ki + u_ki + u_kk, u_kj + u_kj + u_kj
        i_beats_jk, jk_beats_i = u_ki + u_ki + u_ki, u_kj + u_kj + u_kk
    else:
        ik_beats_j, j_beats_ik = u_ki + u_ki + u_kk, u_kj + u_kj + u_kk
        i_beats_jk, jk_beats_i = u_ki + u_ki + u_kk, u_kj + u_kj + u_kk
    join_i = (p_ik * ik_beats_j) + (p_jk * j_beats_ik)
    join_j = (p_ik * i_beats_jk) + (p_jk * jk_beats_i)
    return join_i, join_j


def _round4(x: float) -> float:
    return math.trunc(0.5 + (x * 10000.0)) / 10000.0


def interpolate(method: InterVecBargain, pos_i, sal_i, prob_i: float, pos_j, sal_j,
                prob_j: float) -> tuple[np.ndarray, np.ndarray]:
    """Positions actor i and actor j would adopt in a bargain (KTAB ``interpolateBrgn``).

    S1P1 and S2P2 take, per dimension, the average of the two positions weighted by
    ``s^n p^m`` (n = m = 1 or 2) plus 1e-6 for the actor's own position, rounded to four
    decimals (both actors end at the same point up to that rounding); S2PMax moves the
    weaker side toward the stronger by the probability difference weighted by squared
    salience.

    Examples
    --------
    >>> bi, bj = interpolate(InterVecBargain.S2P2, [0.2], [0.5], 0.75, [0.8], [0.5], 0.25)
    >>> float(bi[0]), float(bj[0])
    (0.26, 0.26)
    """
    out_i, out_j = [], []
    for t_ik, s_ik, t_jk, s_jk in zip(pos_i, sal_i, pos_j, sal_j, strict=True):
        t_ik, s_ik, t_jk, s_jk = float(t_ik), float(s_ik), float(t_jk), float(s_jk)
        if method is InterVecBargain.S2PMAX:
            d_i = (prob_j - prob_i) if prob_j > prob_i else 0.0
            d_j = (prob_i - prob_j) if prob_i > prob_j else 0.0
            s_i2, s_j2 = s_ik * s_ik, s_jk * s_jk
            dik = (d_i * s_j2) / ((d_i * s_j2) + 1e-6 + ((1 - d_i) * s_i2))
            djk = (d_j * s_i2) / ((d_j * s_i2) + 1e-6 + ((1 - d_j) * s_j2))
            out_i.append(t_ik + dik * (t_jk - t_ik))
            out_j.append(t_jk + djk * (t_ik - t_jk))
            continue
        power = 1.0 if method is InterVecBargain.S1P1 else 2.0
        w_ik = (s_ik ** power) * (prob_i ** power)   # C pow(), as KTAB
        w_jk = (s_jk ** power) * (prob_j ** power)
        out_i.append(_round4(((w_ik + 1e-6) * t_ik + w_jk * t_jk) / (w_ik + 1e-6 + w_jk)))
        out_j.append(_round4((w_ik * t_ik + (1e-6 + w_jk) * t_jk) / (w_ik + 1e-6 + w_jk)))
    return np.array(out_i), np.array(out_j)


@dataclass(frozen=True)
class TurnRecord:
    """Everything one turn produced (turn t takes state t to state t + 1)."""

    target: np.ndarray          # best target of each actor (-1: none)
    gain: np.ndarray            # its expected gain (nan: none)
    p_win: np.ndarray           # initiator's estimate of P(it beats its target)
    bargains: list              # dicts: initiator, receiver, kind, pos_init, pos_rcvr, gain
    queues: list                # per actor: indices into bargains
    queue_probabilities: list   # per actor: PCE probabilities over its queue
    chosen: np.ndarray          # per actor: index into bargains
    position: np.ndarray        # the new positions (state t + 1)


def _best_challenges(problem, assessment, switches, compiled):
    """P(i beats j) and i's expected gain from challenging j, from i's perspective."""
    n = problem.n_actors
    if compiled and best_challenges_kernel is not None:
        return best_challenges_kernel(
            np.ascontiguousarray(assessment.distance), assessment.risk,
            sequential_sum(problem.salience.T), problem.capability,
            switches.big_r_adjust.code, switches.voting_rule.code,
            switches.third_party_commit.code)
    idx = np.arange(n)
    return challenge_estimates(problem, assessment, switches, idx[:, None], idx[:, None],
                               idx[:, None], idx[None, :])


def _bargains_of_turn(problem, state_pos, assessment, switches, compiled=True):
    n = problem.n_actors
    idx = np.arange(n)
    p_win, gain = _best_challenges(problem, assessment, switches, compiled)
    masked = np.where(np.eye(n, dtype=bool), -np.inf, gain)
    target = np.argmax(masked, axis=1)
    best = masked[idx, target]
    has = (best > _MIN_SIGNIFICANT_GAIN) & (best > 0.0)
    target = np.where(has, target, -1)
    sal_sum = sequential_sum(problem.salience.T)
    model = switches.bargain_model
    if model is not BargainModel.INIT_ONLY_INTERP and has.any():
        ii, jj = idx[has], target[has]
        _, receiver_gain = challenge_estimates(problem, assessment, switches, jj, ii, ii, jj)
        receiver_gain_of = dict(zip(ii.tolist(), receiver_gain.tolist(), strict=True))
    bargains: list[dict] = []
    queues: list[list[int]] = [[] for _ in range(n)]
    sal, ivb = problem.salience, switches.inter_vec_bargain
    for i in range(n):
        bargains.append({"initiator": i, "receiver": i, "kind": "status quo",
                         "pos_init": state_pos[i], "pos_rcvr": state_pos[i], "gain": 0.0})
        queues[i].append(len(bargains) - 1)
        if not has[i]:
            continue
        j = int(target[i])
        p_ij = float(p_win[i, j])
        init_i, init_j = interpolate(ivb, state_pos[i], sal[i], p_ij, state_pos[j], sal[j],
                                     1 - p_ij)
        g = float(best[i])
        if model is BargainModel.INIT_ONLY_INTERP:
            bargains.append({"initiator": i, "receiver": j, "kind": "initiator",
                             "pos_init": init_i, "pos_rcvr": init_j, "gain": g})
            queues[i].append(len(bargains) - 1)
            queues[j].append(len(bargains) - 1)
            continue
        p_j = receiver_gain_of[i]  # KTAB uses the receiver's expected gain here (see module doc)
        rcvr_i, rcvr_j = interpolate(ivb, state_pos[i], sal[i], p_j, state_pos[j], sal[j],
                                     1 - p_j)
        if model is BargainModel.INIT_RCVR_INTERP:
            for kind, b_i, b_j in (("initiator", init_i, init_j), ("receiver", rcvr_i, rcvr_j)):
                bargains.append({"initiator": i, "receiver": j, "kind": kind,
                                 "pos_init": b_i, "pos_rcvr": b_j, "gain": g})
            first = len(bargains) - 2
            queues[i] += [first, first + 1]
            queues[j] += [first, first + 1]
            continue
        w_i = problem.capability[i] * sal_sum[i]
        w_j = problem.capability[i] * sal_sum[j]  # KTAB: initiator's capability (see module doc)
        bargains.append({"initiator": i, "receiver": j, "kind": "compromise",
                         "pos_init": (w_i * init_i + w_j * rcvr_i) / (w_i + w_j),
                         "pos_rcvr": (w_i * init_j + w_j * rcvr_j) / (w_i + w_j), "gain": g})
        queues[i].append(len(bargains) - 1)
        queues[j].append(len(bargains) - 1)
    # KTAB appends bargains to a queue as initiators are processed; serially that puts the
    # bargains targeting k from initiators before k ahead of k's own status quo.
    for k in range(n):
        queues[k].sort(key=lambda b: (bargains[b]["initiator"], b))
    return target, np.where(has, best, np.nan), p_win[idx, np.maximum(target, 0)], bargains, queues


def _bargain_utilities(problem, ideal, assessment, switches, bargains):
    """``u[a, b]``: actor a's utility of the state after bargain b (``brgnStateUtil``)."""
    n = problem.n_actors
    own = own_utility(assessment, switches)
    sq_util = sequential_sum(own.T) / n
    moves = [b for b in bargains if b["initiator"] != b["receiver"]]
    out = np.empty((n, len(bargains)))
    is_sq = np.array([b["initiator"] == b["receiver"] for b in bargains])
    out[:, is_sq] = sq_util[:, None]
    if moves:
        init = np.array([b["initiator"] for b in moves])
        rcvr = np.array([b["receiver"] for b in moves])
        p_init = np.stack([b["pos_init"] for b in moves])
        p_rcvr = np.stack([b["pos_rcvr"] for b in moves])
        sal = problem.salience[:, None, :]

        def pos_util(points):  # SMPActor::posUtil: actor a's own risk attitude, not estimated
            dist = bv_diff(ideal[:, None, :] - points[None, :, :], sal)
            return bs_util(dist, assessment.risk[:, None])

        acc = pos_util(p_init) + pos_util(p_rcvr)
        for m in range(n):
            keep = (init != m) & (rcvr != m)
            acc = acc + np.where(keep[None, :], own[:, m][:, None], 0.0)
        out[:, ~is_sq] = acc / n
    return out


def _choose(p: np.ndarray, switches: SMPSwitches, rng: np.random.Generator | None) -> int:
    if switches.state_transitions is StateTransitions.DETERMINISTIC:
        return int(np.argmax(np.abs(p)))   # KBase::ndxMaxAbs: first maximum
    if rng is None:
        raise ValueError("stochastic state transitions need a random generator")
    cumulative = np.cumsum(p)
    draw = rng.random() * cumulative[-1]
    return int(min(np.searchsorted(cumulative, draw, side="right"), len(p) - 1))


def smp_turn(problem: SpatialProblem, position: np.ndarray, ideal: np.ndarray,
             assessment: Assessment, switches: SMPSwitches,
             rng: np.random.Generator | None = None, compiled: bool = True) -> TurnRecord:
    """One turn of the SMP from a state and its assessment (KTAB ``SMPState::doBCN``).

    With stochastic transitions the actors draw their bargains in actor order from ``rng``
    (KTAB draws in thread order, which is why its stochastic runs do not repeat).
    ``compiled=False`` forces the NumPy path (same numbers; for tests and machines without
    numba).
    """
    target, gain, p_win, bargains, queues = _bargains_of_turn(problem, position, assessment,
                                                             switches, compiled)
    utilities = _bargain_utilities(problem, ideal, assessment, switches, bargains)
    cap = problem.capability
    probabilities: list[np.ndarray] = [np.empty(0)] * problem.n_actors
    by_size: dict[int, list[int]] = {}
    for k, queue in enumerate(queues):
        by_size.setdefault(len(queue), []).append(k)
    for actors in by_size.values():
        index = np.array([queues[k] for k in actors])          # (group, size)
        u = utilities[:, index]                                 # (voters, group, size)
        strength = coalitions(switches.voting_rule, cap, u, compiled)
        if switches.pce_model.value == "Conditional":
            p, _ = condorcet_pce(switches.pce_model, switches.victory_prob_model, strength)
        else:
            p = np.stack([condorcet_pce(switches.pce_model, switches.victory_prob_model, s)[0]
                          for s in strength])
        for row, k in enumerate(actors):
            probabilities[k] = p[row]
    chosen = np.empty(problem.n_actors, dtype=int)
    new_position = position.copy()
    for k in range(problem.n_actors):
        b = queues[k][_choose(probabilities[k], switches, rng)]
        chosen[k] = b
        bargain = bargains[b]
        if bargain["initiator"] == bargain["receiver"]:
            continue
        new_position[k] = bargain["pos_init"] if bargain["initiator"] == k else bargain["pos_rcvr"]
    return TurnRecord(target, gain, p_win, bargains, queues, probabilities, chosen,
                      new_position)


def new_ideals(accommodation: np.ndarray, position: np.ndarray, ideal: np.ndarray) -> np.ndarray:
    """Ideals after a turn (KTAB ``SMPState::newIdeals``)."""
    weighted = sequential_sum(accommodation.T[:, :, None] * position[:, None, :])
    total = np.minimum(sequential_sum(accommodation.T), 1.0)
    return weighted + (1.0 - total)[:, None] * ideal


def state_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Sum over actors of the Euclidean distance moved (KTAB ``SMPModel::stateDist``)."""
    diff = a - b
    per_actor = np.sqrt(sequential_sum(np.moveaxis(diff * diff, -1, 0)))
    return float(sequential_sum(per_actor))


def should_stop(rule: StopRule, iteration: int, d01: float, d_last: float) -> tuple[bool, float]:
    """KTAB ``smpStopFn``: (stop?, fractional change compared to the first step)."""
    ratio = d_last / (d01 + rule.min_sig_delta)
    done = iteration >= rule.max_iterations or (iteration >= rule.min_iterations
                                                 and ratio < rule.min_delta_ratio)
    return done, ratio
