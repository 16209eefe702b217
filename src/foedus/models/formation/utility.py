r"""The utility of joining a design, term by term (equations in ``docs/models/formation.md``).

For invited state :math:`i` and the set :math:`S` of other states that join,

.. math::

    U_i(S) = \underbrace{\sum_a \theta_{ia}\,[d_{ia}(X_i(S)) - d_{ia}(X_i^0)]}_{\text{security}}
       - \underbrace{\varepsilon\,E_i(S)}_{\text{entrapment}}
       - \underbrace{\kappa\,K_i}_{\text{coercion}}
       - \underbrace{\delta \sum_{k \in S} \sigma_{ik}(S) \max(0, -A_{ik})}_{\text{distrust}}
       - \underbrace{\varphi\,H_i}_{\text{domestic}}
       + \underbrace{(1 + a_i)\,[\text{gains}_i(S) - \text{costs}_i(S)]}_{\text{autonomy}}

with :math:`d(X) = X / (X + P_{ia})` the ratio-form contest success function (Tullock 1980;
Hirshleifer 1989) of i's defenders against adversary a's capability projected to i, and
:math:`X_i(S) = X_i^0 + \rho\,\sum_{k\in S}(c^{T}_{ik} + \omega c^{P}_{ik})`, and
:math:`\sigma_{ik}(S) = C_{ik} / (C_{ii} + \sum_{j \in S} C_{ij})` co-member k's share of the
capability that would defend i (Snyder's dependence; Kydd 2005 on mistrust). A state outside
the design keeps the baseline, utility 0.

Three implementations share these equations: :func:`mask_table` + :func:`term_arrays`
(vectorised over every membership profile and every draw), :func:`member_terms` (a
straightforward loop over one state and one profile, the reference), and the compiled kernel of
:mod:`foedus.models.formation.equilibrium`.

References
----------
Walt, S. M. (1987). The Origins of Alliances. Cornell University Press.
Morrow, J. D. (1991). Alliances and asymmetry. American Journal of Political Science 35(4):
904-933. doi:10.2307/2111499
Snyder, G. H. (1984). The security dilemma in alliance politics. World Politics 36(4):
461-495. doi:10.2307/2010183
Hirshleifer, J. (1989). Conflict and rent-seeking success functions. Public Choice 63(2):
101-112. doi:10.1007/BF00153394
Snyder, G. H. (1997). Alliance Politics. Cornell University Press.
Kydd, A. H. (2005). Trust and Mistrust in International Relations. Princeton University Press.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from foedus.models.formation.game import FormationGame
from foedus.models.formation.params import FORMATION_PARAMETERS, FormationDraws

__all__ = ["TERMS", "MaskTable", "mask_table", "member_terms", "term_arrays", "utilities"]

#: The terms of the calculus, in display order (positive = favours joining).
TERMS = ("security", "entrapment", "coercion", "autonomy", "distrust", "domestic")

P = {name: k for k, name in enumerate(FORMATION_PARAMETERS)}


@dataclass(frozen=True)
class MaskTable:
    """Draw-independent sums over co-members for every profile (rows) and state (columns).

    Row ``m`` and column ``i`` describe state ``i`` in profile ``S_m | {i}`` (its co-members
    are the members of ``S_m`` other than ``i``).
    """

    masks: np.ndarray        # (M,) int64
    bits: np.ndarray         # (M, n) bool
    treaty: np.ndarray       # (M, n) sum of new treaty contributions
    political: np.ndarray    # (M, n) sum of new political contributions
    entrapment: np.ndarray   # (M, n) sum over crises of cost x newly bound
    distrust: np.ndarray     # (M, n) capability-share-weighted distrust of the co-members
    defence_obligation: np.ndarray  # (M, n) 0/1
    shared_base: np.ndarray  # (M, n) 0/1
    foreign_forces: np.ndarray  # (M, n) 0/1
    basing_rights: np.ndarray   # (M, n) 0/1


def _bits(masks: np.ndarray, n: int) -> np.ndarray:
    return ((masks[:, None] >> np.arange(n)[None, :]) & 1).astype(bool)


def mask_table(game: FormationGame, masks: np.ndarray | None = None) -> MaskTable:
    """Co-member sums for ``masks`` (default: all ``2**n`` profiles).

    Examples
    --------
    >>> from foedus.models.formation.testing import random_game
    >>> t = mask_table(random_game(3, seed=0))
    >>> t.bits.shape
    (8, 3)
    """
    n = game.n
    masks = np.arange(1 << n, dtype=np.int64) if masks is None else np.asarray(masks, np.int64)
    bits = _bits(masks, n)
    others = bits.astype(float)

    def any_of(pair: np.ndarray) -> np.ndarray:
        return (others @ pair.T > 0).astype(float)

    if game.crises:
        bound = (np.einsum("mk,cik->mci", others, game.entrapment_pairs.astype(float)) > 0) \
            | game.entrapment_outside[None]
        entrapment = (bound * game.entrapment_cost[None]).sum(axis=1)
    else:
        entrapment = np.zeros((len(masks), n))
    return MaskTable(masks, bits, others @ game.new_treaty.T, others @ game.new_political.T,
                     entrapment, _weighted_distrust(game, others),
                     any_of(game.new_defence_obligation),
                     any_of(game.shared_base_control), any_of(game.foreign_forces),
                     any_of(game.basing_rights))


def _weighted_distrust(game: FormationGame, others: np.ndarray) -> np.ndarray:
    """(M, n) distrust of the co-members, each weighted by its share of the capability that
    would defend the state (its own included): :math:`\\sum_k \\sigma_{ik}(S) D_{ik}`."""
    n = game.n
    own = np.diag(game.dependence)
    allies = game.dependence * (1.0 - np.eye(n))
    weighted = others @ (game.distrust * allies).T                      # (M, n)
    total = own[None, :] + others @ allies.T
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(total > 0, weighted / total, 0.0)


def _coercion(game: FormationGame, p: np.ndarray) -> np.ndarray:
    """(D, n) expected coercion cost of joining (independent of who else joins)."""
    prob = np.clip(p[:, P["formation_coercion_base_rate"], None, None]
                   + p[:, P["formation_coercion_history_uplift"], None, None]
                   * game.coercion_history[None], 0.0, 1.0)
    visibility = 1.0 if game.binding else p[:, P["formation_political_weight"], None]
    return p[:, P["formation_coercion_weight"], None] * visibility * \
        (game.exposure[None] * prob).sum(axis=2)


def term_arrays(game: FormationGame, table: MaskTable, draws: FormationDraws
                ) -> dict[str, np.ndarray]:
    """Every term of :math:`U_i(S_m \\cup \\{i\\})`, shape ``(D, M, n)`` each (signed).

    Examples
    --------
    >>> from foedus.models.formation.testing import random_game
    >>> from foedus.models.formation.params import central_parameters
    >>> g = random_game(3, seed=0)
    >>> terms = term_arrays(g, mask_table(g), central_parameters())
    >>> sorted(terms) == sorted(TERMS) and terms["security"].shape == (1, 8, 3)
    True
    """
    p = draws.values
    rho = p[:, P["treaty_reliability"], None, None]
    omega = p[:, P["formation_political_weight"], None, None]
    x0 = game.own[None, None, :] + rho * game.base_allied[None, None, :]      # (D,1,n)
    x = x0 + rho * (table.treaty[None] + omega * table.political[None])   # (D,M,n)
    security = np.zeros_like(x)
    for a in range(len(game.adversaries)):
        cap = game.adversary_capability[:, a]
        with np.errstate(divide="ignore", invalid="ignore"):
            gain = np.where(x + cap > 0, x / (x + cap), 1.0) - \
                np.where(x0 + cap > 0, x0 / (x0 + cap), 1.0)
        security += game.threat[:, a] * gain
    weight = 1.0 + game.autonomy
    autonomy = weight * (
        p[:, P["formation_value_leadership"], None, None] * game.leadership
        + p[:, P["formation_value_basing_rights"], None, None] * table.basing_rights[None]
        - p[:, P["formation_cost_collective_defence"], None, None]
        * table.defence_obligation[None]
        - p[:, P["formation_cost_foreign_command"], None, None] * game.foreign_command
        - p[:, P["formation_cost_shared_base_control"], None, None] * table.shared_base[None]
        - p[:, P["formation_cost_foreign_forces"], None, None] * table.foreign_forces[None])
    shape = security.shape
    visibility = 1.0 if game.binding else omega
    return {
        "security": security,
        "entrapment": -p[:, P["formation_entrapment_weight"], None, None] * rho
        * table.entrapment[None],
        "coercion": np.broadcast_to(-_coercion(game, p)[:, None, :], shape),
        "autonomy": np.broadcast_to(autonomy, shape),
        "distrust": -p[:, P["formation_distrust_weight"], None, None] * visibility
        * table.distrust[None],
        "domestic": np.broadcast_to(
            -p[:, P["formation_domestic_weight"], None, None] * game.domestic
            * float(game.binding), shape),
    }


def utilities(game: FormationGame, table: MaskTable, draws: FormationDraws) -> np.ndarray:
    """:math:`U_i(S_m \\cup \\{i\\})`, shape ``(D, M, n)``."""
    terms = term_arrays(game, table, draws)
    return sum(terms[t] for t in TERMS)


def member_terms(game: FormationGame, values: np.ndarray, members: frozenset[int] | set[int],
                 i: int) -> dict[str, float]:
    """The terms of state ``i``'s utility with co-members ``members`` (plain loops).

    This is the reference implementation (and the one best-response dynamics use): one draw
    ``values`` (a row of :attr:`FormationDraws.values`), explicit loops, no precomputation.

    Examples
    --------
    >>> from foedus.models.formation.testing import random_game
    >>> from foedus.models.formation.params import central_parameters
    >>> g = random_game(3, seed=0)
    >>> t = member_terms(g, central_parameters().values[0], {0, 1, 2}, 0)
    >>> sorted(t) == sorted(TERMS)
    True
    """
    v = {name: float(values[k]) for name, k in P.items()}
    others = [k for k in members if k != i]
    rho, omega = v["treaty_reliability"], v["formation_political_weight"]
    x0 = game.own[i] + rho * game.base_allied[i]
    x = x0
    for k in others:
        x += rho * (game.new_treaty[i, k] + omega * game.new_political[i, k])
    security = 0.0
    for a in range(len(game.adversaries)):
        cap = game.adversary_capability[i, a]
        after = x / (x + cap) if x + cap > 0 else 1.0
        before = x0 / (x0 + cap) if x0 + cap > 0 else 1.0
        security += game.threat[i, a] * (after - before)
    entrapment = 0.0
    for c in range(len(game.crises)):
        bound = game.entrapment_outside[c, i] or any(game.entrapment_pairs[c, i, k]
                                                     for k in others)
        entrapment += game.entrapment_cost[c, i] * bound
    coercion = 0.0
    for a in range(len(game.adversaries)):
        prob = min(1.0, v["formation_coercion_base_rate"]
                   + v["formation_coercion_history_uplift"] * game.coercion_history[i, a])
        coercion += game.exposure[i, a] * prob
    coercion *= v["formation_coercion_weight"] * (1.0 if game.binding else omega)

    def any_of(pair):
        return float(any(pair[i, k] > 0 for k in others))

    autonomy = (1.0 + game.autonomy[i]) * (
        v["formation_value_leadership"] * game.leadership[i]
        + v["formation_value_basing_rights"] * any_of(game.basing_rights)
        - v["formation_cost_collective_defence"] * any_of(game.new_defence_obligation)
        - v["formation_cost_foreign_command"] * game.foreign_command[i]
        - v["formation_cost_shared_base_control"] * any_of(game.shared_base_control)
        - v["formation_cost_foreign_forces"] * any_of(game.foreign_forces))
    total = game.dependence[i, i] + sum(game.dependence[i, k] for k in others)
    distrust = sum(game.dependence[i, k] * game.distrust[i, k] for k in others) / total \
        if total > 0 else 0.0
    return {
        "security": security,
        "entrapment": -v["formation_entrapment_weight"] * rho * entrapment,
        "coercion": -coercion,
        "autonomy": autonomy,
        "distrust": -v["formation_distrust_weight"] * (1.0 if game.binding else omega) * distrust,
        "domestic": -v["formation_domestic_weight"] * game.domestic[i] * float(game.binding),
    }
