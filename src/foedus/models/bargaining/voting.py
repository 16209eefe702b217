"""Voting, coalitions and probabilistic Condorcet elections: KTAB's ``kmodel`` primitives.

Pure functions over NumPy arrays. Every sum and product is accumulated in KTAB's order (a
plain loop over the summed index, vectorised over the others) so that results agree with KTAB
bit for bit, not only to rounding: KTAB rounds bargains to four decimals and picks the most
probable bargain, so a last-bit difference could, rarely, change a position.

Sources: KTAB ``kmodel/libsrc/kmodel.cpp`` (``Model::vote``, ``Model::vProb``,
``Model::coalitions``, ``Model::probCE2``, ``condPCE``, ``markovIncentivePCE``,
``markovUniformPCE``, ``Model::bigRfromProb``, ``Model::estNRA``) and
``smp/libsrc/smp.cpp`` (``SMPModel::bsUtil``, ``SMPModel::bvDiff``). Equations:
``docs/models/bargaining.md``.

References
----------
Wise, B., Lester, L., Efird, B. (2015-2019). KAPSARC Toolkit for Behavioral Analysis (KTAB),
https://github.com/KAPSARC/KTAB (MIT licence); Efird, B. et al. (2016), "Interactive
Policy Simulation with KTAB", KAPSARC discussion paper KS-1655-DP049A.
"""

from __future__ import annotations

import numpy as np

from foedus.errors import ParameterError
from foedus.models.bargaining._kernels import coalitions_kernel
from foedus.models.bargaining.params import (
    BigRAdjust,
    BigRRange,
    PCEModel,
    VictoryProbModel,
    VotingRule,
)

__all__ = [
    "BLOCK_ELEMENTS", "COALITION_FLOOR", "accumulate", "big_r_from_prob", "bs_util", "bv_diff", "coalitions", "condorcet_pce",
    "estimate_risk", "sequential_sum", "victory_probability", "vote",
]

COALITION_FLOOR = 1e-8   # KTAB Model::coalitions: minC, also on the diagonal
_BINARY_STEP = 1e-8      # KTAB Model::vote: sTol of the binary response
_PROP_BIN_WEIGHT = 0.2   # KTAB Model::vote: rbp
_PROP_CUBIC_WEIGHT = 0.5  # KTAB Model::vote: rpc
_BINARY_VP_THRESHOLD = 1.10  # KTAB Model::vProb: thresh of the Binary victory model
_BINARY_VP_MIN = 1e-6        # KTAB Model::vProb: minX


def sequential_sum(terms: np.ndarray, start: np.ndarray | float = 0.0) -> np.ndarray:
    """``start + terms[0] + terms[1] + ...`` accumulated left to right along axis 0.

    NumPy's ``sum`` uses pairwise summation along contiguous axes; KTAB adds in a plain loop.

    Examples
    --------
    >>> float(sequential_sum(np.array([1e16, 1.0, -1e16])))
    0.0
    """
    acc = np.asarray(start, dtype=float) + 0.0
    for term in terms:
        acc = acc + term
    return acc


def vote(rule: VotingRule, weight, u_first, u_second) -> np.ndarray:
    """Strength with which a voter of ``weight`` backs option 1 over option 2.

    KTAB ``Model::vote``: with ``du = u_first - u_second``, Binary ``w*clip(du/1e-8)``,
    PropBin ``w*(0.8 du + 0.2 bin)``, Prop ``w*du``, PropCbc ``w*(0.5 du + 0.5 du^3)``,
    Cubic ``w*du^3``, ASymProsp ``w*du`` for losses and ``2 w du / 3`` for gains.

    Examples
    --------
    >>> float(vote(VotingRule.PROPORTIONAL, 2.0, 0.75, 0.5))
    0.5
    >>> float(vote(VotingRule.ASYM_PROSPECT, 3.0, 0.75, 0.5)), float(vote(VotingRule.ASYM_PROSPECT, 3.0, 0.5, 0.75))
    (0.5, -0.75)
    """
    w = np.asarray(weight, dtype=float)
    du = np.asarray(u_first, dtype=float) - np.asarray(u_second, dtype=float)
    if rule is VotingRule.PROPORTIONAL:
        return w * du
    if rule is VotingRule.BINARY or rule is VotingRule.PROP_BIN:
        binary = np.clip(du / _BINARY_STEP, -1.0, 1.0)
        if rule is VotingRule.BINARY:
            return w * binary
        return w * ((1 - _PROP_BIN_WEIGHT) * du + _PROP_BIN_WEIGHT * binary)
    cubic = du * du * du
    if rule is VotingRule.PROP_CUBIC:
        return w * ((1 - _PROP_CUBIC_WEIGHT) * du + _PROP_CUBIC_WEIGHT * cubic)
    if rule is VotingRule.CUBIC:
        return w * cubic
    if rule is VotingRule.ASYM_PROSPECT:
        w, du = np.broadcast_arrays(w, du)
        return np.where(du < 0.0, w * du, np.where(du > 0.0, (2.0 * w * du) / 3.0, 0.0))
    raise ParameterError(f"unknown voting rule {rule!r}")  # pragma: no cover


def _power(strength: np.ndarray, model: VictoryProbModel) -> np.ndarray:
    if model is VictoryProbModel.SQUARE:
        return strength * strength
    if model is VictoryProbModel.QUARTIC:
        return strength * strength * strength * strength
    if model is VictoryProbModel.OCTIC:
        quartic = strength * strength * strength * strength
        return quartic * quartic
    return strength


def victory_probability(model: VictoryProbModel, strength_1, strength_2
                        ) -> tuple[np.ndarray, np.ndarray]:
    """P(side 1 wins), P(side 2 wins) from coalition strengths (KTAB ``Model::vProb``).

    Linear ``s1/(s1+s2)``; Square, Quartic and Octic raise the strengths to the 2nd, 4th and
    8th power first; Binary gives certainty beyond a 10% advantage and interpolates linearly
    inside it.

    Examples
    --------
    >>> p1, p2 = victory_probability(VictoryProbModel.SQUARE, 2.0, 1.0)
    >>> float(p1), float(p2)
    (0.8, 0.2)
    >>> [round(float(p), 3) for p in victory_probability(VictoryProbModel.BINARY, 1.05, 1.0)]
    [0.756, 0.244]
    """
    s1 = np.asarray(strength_1, dtype=float)
    s2 = np.asarray(strength_2, dtype=float)
    if model is VictoryProbModel.BINARY:
        t = _BINARY_VP_THRESHOLD
        with np.errstate(invalid="ignore", divide="ignore"):
            r12 = s1 / (s1 + s2)
            p12 = (r12 * (t + 1.0) - 1.0) / (t - 1.0)
        x1 = np.where(s1 >= t * s2, 1.0, np.where(s2 >= t * s1, _BINARY_VP_MIN, p12))
        x2 = np.where(s1 >= t * s2, _BINARY_VP_MIN, np.where(s2 >= t * s1, 1.0, 1 - p12))
    else:
        x1, x2 = _power(s1, model), _power(s2, model)
    total = x1 + x2
    return x1 / total, x2 / total


def victory_matrix(model: VictoryProbModel, strength: np.ndarray) -> np.ndarray:
    """Square matrix of P(option i beats option j) from coalition strengths ``c[i, j]``.

    KTAB fills the lower triangle from ``(c_ij, c_ji)`` and the upper triangle with the
    complement; the diagonal is 1/2.
    """
    n = strength.shape[-1]
    lower_i, lower_j = np.tril_indices(n, -1)
    p = np.full(strength.shape, 0.5)
    p1, p2 = victory_probability(model, strength[..., lower_i, lower_j],
                                 strength[..., lower_j, lower_i])
    p[..., lower_i, lower_j] = p1
    p[..., lower_j, lower_i] = p2
    return p


def accumulate(terms: np.ndarray, start) -> np.ndarray:
    """``start + terms[0] + terms[1] + ...`` left to right along axis 0, vectorised.

    The same numbers as :func:`sequential_sum` (``cumsum`` accumulates in order), in one call.
    """
    terms = np.asarray(terms, dtype=float)
    first = np.broadcast_to(np.asarray(start, dtype=float), terms.shape[1:])[None]
    return np.cumsum(np.concatenate([first, terms]), axis=0)[-1]


BLOCK_ELEMENTS = 1 << 20  # elements per vectorised block (bounds memory; numbers unchanged)


def coalitions(rule: VotingRule, weights: np.ndarray, utilities: np.ndarray,
               compiled: bool = True) -> np.ndarray:
    """Coalition strengths ``c[..., i, j]`` backing option i against option j.

    KTAB ``Model::coalitions``: for each pair i > j every voter k casts
    ``v = vote(w_k, u[k, i], u[k, j])``; positive votes add to ``c_ij``, negative ones (sign
    flipped) to ``c_ji``; each strength starts at 1e-8, which is also the diagonal.

    Parameters
    ----------
    weights : (n_voters,) array
    utilities : (n_voters, ..., n_options) array
        ``utilities[k, ..., i]``: voter k's utility of option i; leading batch axes after the
        first are broadcast (one election per batch entry).
    compiled : bool, default True
        Use the numba kernel when numba is installed (same numbers).

    Examples
    --------
    >>> c = coalitions(VotingRule.PROPORTIONAL, np.array([1.0, 2.0]),
    ...                np.array([[0.9, 0.5], [0.2, 0.6]]))
    >>> c.round(6).tolist()
    [[0.0, 0.4], [0.8, 0.0]]
    """
    u = np.asarray(utilities, dtype=float)
    w = np.asarray(weights, dtype=float)
    n_options = u.shape[-1]
    if compiled and coalitions_kernel is not None:
        batch = u.shape[1:-1]
        flat = np.ascontiguousarray(u.reshape((u.shape[0], -1, n_options)))
        return coalitions_kernel(rule.code, w, flat).reshape(batch + (n_options, n_options))
    lower = np.tril(np.ones((n_options, n_options), dtype=bool), -1)
    acc = np.full(u.shape[1:-1] + (n_options, n_options), COALITION_FLOOR)
    per_voter = max(1, acc.size)
    block = max(1, BLOCK_ELEMENTS // per_voter)
    for start in range(0, u.shape[0], block):
        ub = u[start:start + block]
        wb = w[start:start + block].reshape((-1,) + (1,) * (ub.ndim + 0))
        v = vote(rule, wb, ub[..., :, None], ub[..., None, :])
        positive = np.where(lower & (v > 0.0), v, 0.0)
        negative = np.where(lower & (v < 0.0), -v, 0.0)
        acc = accumulate(positive + np.swapaxes(negative, -1, -2), acc)
    return acc


def _conditional(victory: np.ndarray) -> np.ndarray:
    p = np.ones(victory.shape[:-1])
    for j in range(victory.shape[-1]):
        p = p * victory[..., j]
    total = sequential_sum(np.moveaxis(p, -1, 0))
    return p / total[..., None]


def _markov_incentive(strength: np.ndarray, victory: np.ndarray) -> np.ndarray:
    n = strength.shape[-1]
    incentive = strength * victory + np.eye(n) * 1e-10
    column_total = sequential_sum(incentive)  # sum over the challenger k of incentive[k, j]
    challenge = incentive / column_total[None, :]
    p = np.full(n, 1.0 / n)
    change = 1.0
    iterations = 0
    while 1e-8 < change:
        ct = p[:, None] * challenge.T            # ct[i, j] = p_i * P[j -> i]
        flows = victory * (ct + ct.T)
        q = sequential_sum(flows.T)              # q_i = sum_j victory_ij (ct_ij + ct_ji)
        change = float(np.max(np.abs(q - p)))
        p = (p + q) / 2.0
        iterations += 1
        if iterations >= 1000:
            raise ParameterError("Markov-incentive Condorcet election did not converge in "
                                 "1000 iterations (KTAB asserts the same limit)")
    return p


def _markov_uniform(victory: np.ndarray) -> np.ndarray:
    n = victory.shape[-1]
    p = np.full(n, 1.0 / n)
    change = 1.0
    iterations = 0
    while 1e-6 < change:
        q = sequential_sum((victory * (p[:, None] + p[None, :])).T) / n
        change = float(np.max(np.abs(q - p)))
        p = (p + q) / 2.0
        iterations += 1
        if iterations >= 1000:
            raise ParameterError("Markov-uniform Condorcet election did not converge in "
                                 "1000 iterations (KTAB asserts the same limit)")
    return p


def condorcet_pce(pce: PCEModel, vp_model: VictoryProbModel, strength: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Probabilistic Condorcet election: (option probabilities, victory matrix).

    KTAB ``Model::probCE2``. Conditional: ``p_i`` proportional to ``prod_j P[i > j]``;
    Markov-incentive: the stationary distribution of a challenge process in which option i
    challenges the favourite j in proportion to ``c_ij P[i > j]``; Markov-uniform: challenges
    equally likely. A batch of elections (leading axes) is allowed for the Conditional model.

    Examples
    --------
    >>> c = np.array([[1e-8, 3.0], [1.0, 1e-8]])
    >>> p, victory = condorcet_pce(PCEModel.CONDITIONAL, VictoryProbModel.LINEAR, c)
    >>> [round(float(x), 4) for x in p]
    [0.75, 0.25]
    """
    victory = victory_matrix(vp_model, strength)
    if pce is PCEModel.CONDITIONAL:
        return _conditional(victory), victory
    if strength.ndim != 2:
        out = np.stack([condorcet_pce(pce, vp_model, s)[0]
                        for s in strength.reshape((-1,) + strength.shape[-2:])])
        return out.reshape(strength.shape[:-1]), victory
    if pce is PCEModel.MARKOV_INCENTIVE:
        return _markov_incentive(strength, victory), victory
    return _markov_uniform(victory), victory


def big_r_from_prob(p: np.ndarray, big_r_range: BigRRange) -> np.ndarray:
    """Risk attitudes inferred from the probabilities of the actors' positions.

    KTAB ``Model::bigRfromProb``: the actor whose position is most likely gets ``+1``, the
    least likely ``0`` (Min), ``-1/2`` (Mid) or ``-1`` (Max), linearly in between. When every
    position is equally likely KTAB divides by zero; foedus returns risk neutrality (0).

    Examples
    --------
    >>> big_r_from_prob(np.array([0.2, 0.4, 0.6]), BigRRange.MID).round(3).tolist()
    [-0.5, 0.25, 1.0]
    """
    p_min = min(1.0, float(np.min(p)))
    p_max = max(0.0, float(np.max(p)))
    spread = p_max - p_min
    if spread <= 0.0:
        return np.zeros_like(p)
    if big_r_range is BigRRange.MIN:
        return (p - p_min) / spread
    if big_r_range is BigRRange.MID:
        return (3 * p - (p_max + 2 * p_min)) / (2 * spread)
    return (2 * p - (p_max + p_min)) / spread


def estimate_risk(r_h, r_i, adjust: BigRAdjust):
    """Actor h's estimate of actor i's risk attitude (KTAB ``Model::estNRA``).

    Examples
    --------
    >>> float(estimate_risk(0.9, 0.0, BigRAdjust.ONE_THIRD))
    0.6
    """
    if adjust is BigRAdjust.NONE:
        return np.asarray(r_h, dtype=float) + 0.0 * np.asarray(r_i, dtype=float)
    if adjust is BigRAdjust.ONE_THIRD:
        return ((2.0 * r_h) + r_i) / 3.0
    if adjust is BigRAdjust.HALF:
        return (r_h + r_i) / 2
    if adjust is BigRAdjust.TWO_THIRDS:
        return (r_h + (2.0 * r_i)) / 3.0
    return np.asarray(r_i, dtype=float) + 0.0 * np.asarray(r_h, dtype=float)


def bs_util(distance, risk):
    """Utility of a position at salience-weighted ``distance`` (KTAB ``SMPModel::bsUtil``).

    ``(1 - d)(1 + d R)`` for ``d <= 1`` and ``(1 - d)(1 + R)`` beyond: concave for
    risk-averse actors (``R > 0``), convex for risk-acceptant ones.

    Examples
    --------
    >>> float(bs_util(0.5, 0.0)), float(bs_util(0.5, 1.0)), float(bs_util(0.5, -1.0))
    (0.5, 0.75, 0.25)
    """
    d = np.asarray(distance, dtype=float)
    r = np.asarray(risk, dtype=float)
    return np.where(d <= 1.0, (1 - d) * (1 + d * r), (1 - d) * (1 + r))


def bv_diff(difference: np.ndarray, salience: np.ndarray) -> np.ndarray:
    """Salience-weighted distance ``sqrt(sum (d_k s_k)^2 / sum s_k^2)`` over the last axis.

    KTAB ``SMPModel::bvDiff`` (the sums run over dimensions in order).

    Examples
    --------
    >>> round(float(bv_diff(np.array([0.3, 0.4]), np.array([1.0, 1.0])) ** 2), 12)
    0.125
    """
    ds = difference * salience
    numerator = sequential_sum(np.moveaxis(ds * ds, -1, 0))
    s = np.broadcast_to(salience, ds.shape)
    denominator = sequential_sum(np.moveaxis(s * s, -1, 0))
    return np.sqrt(numerator / denominator)
