r"""The value of a membership profile to every state, term by term (``docs/models/formation.md``).

For a profile :math:`S` (the states that join) every state :math:`i` of the game, member or
not, has the value

.. math::

    V_i(S) = \mathrm{Sec}_i(S) + \eta \sum_{k \ne i} \iota_{ik}\,\mathrm{Sec}_k(S)
             - \mathbb 1[i \in S]\,\mathrm{Cost}_i(S),
    \qquad V_i(S) = 0 \text{ if the design does not exist in } S,

with :math:`\mathrm{Sec}_i(S) = H_i(X_i^0) - H_i(X_i(S))` the fall in expected harm
:math:`H_i(X) = \sum_a \theta_{ia}\,q_{ia}(X)^{1+\tau}`, :math:`q = P/(X+P)` the probability
that adversary a prevails against i's expected defenders X (ratio-form contest; the adversary
attacks with probability :math:`q^\tau`), and

.. math::

    X_i(S) = X_i^0 + \mathbb 1[i\in S]\sum_{k \in S}\big[\rho(c^T_{ik} - \rho_0\,\iota_{ki}c^T_{ik})
             + \omega\rho(c^P_{ik} - \rho_0\,\iota_{ki}c^P_{ik})\big]
             - \mathbb 1[i\notin S]\,\rho_0 \sum_{k \in S\setminus F} \iota_{ki} C_{ik}\,
             \mathrm{partner}_{ik},

:math:`X_i^0 = C_{ii} + \rho B_i + \rho_0 \sum_k \iota_{ki}C_{ik} - \rho\rho_0 BI_i` (support is the
noisy-or of ad hoc interest and treaty obligation; F the incumbents of an accession). The cost
of membership sums entrapment (treaty and, at weight :math:`\omega`, political), coercion,
distrust, the domestic obstacle and the autonomy items (including standing institutional
commitments).

Three implementations share these equations: :func:`profile_table` + :func:`value_terms`
(vectorised over profiles and draws), :func:`profile_terms` (plain loops, the reference), and
the compiled kernel of :mod:`foedus.models.formation.equilibrium`.

References
----------
Walt, S. M. (1987). The Origins of Alliances. Cornell University Press.
Altfeld, M. F., & Bueno de Mesquita, B. (1979). Choosing sides in wars. International Studies
Quarterly 23(1): 87-112. doi:10.2307/2600275
Morrow, J. D. (1991). Alliances and asymmetry. American Journal of Political Science 35(4):
904-933. doi:10.2307/2111499
Snyder, G. H. (1984). The security dilemma in alliance politics. World Politics 36(4):
461-495. doi:10.2307/2010183
Leeds, B. A. (2003). Do alliances deter aggression? American Journal of Political Science
47(3): 427-439. doi:10.1111/1540-5907.00031
Hirshleifer, J. (1989). Conflict and rent-seeking success functions. Public Choice 63(2):
101-112. doi:10.1007/BF00153394
Kydd, A. H. (2005). Trust and Mistrust in International Relations. Princeton University Press.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from foedus.models.formation.game import FormationGame
from foedus.models.formation.params import FORMATION_PARAMETERS, FormationDraws

__all__ = ["TERMS", "VALUE_TERMS", "ProfileTable", "attack_probability", "decision_terms", "harm",
           "profile_table",
           "profile_terms", "value_terms", "values"]

#: The terms of a state's value of a profile (positive = good for it).
VALUE_TERMS = ("security", "allies", "entrapment", "coercion", "autonomy", "distrust",
               "domestic")
#: The terms of a decision to join rather than stay out (``abandonment``: the fall in the
#: state's own security it avoids by joining).
TERMS = ("security", "abandonment", "allies", "entrapment", "coercion", "autonomy", "distrust",
         "domestic")

P = {name: k for k, name in enumerate(FORMATION_PARAMETERS)}


@dataclass(frozen=True)
class ProfileTable:
    """Draw-independent sums for every profile (rows) and state (columns).

    Row ``m`` describes profile ``masks[m]`` as it is: column ``i`` is a member when bit ``i``
    is set (``member``), an outsider otherwise.
    """

    masks: np.ndarray        # (M,) int64
    member: np.ndarray       # (M, n) bool
    valid: np.ndarray        # (M,) bool: the design exists
    treaty: np.ndarray       # (M, n) members: sum of new treaty contributions
    treaty_adhoc: np.ndarray  # (M, n) same weighted by the contributor's interest
    political: np.ndarray    # (M, n)
    political_adhoc: np.ndarray
    abandoned: np.ndarray    # (M, n) outsiders: ad hoc support of new partners lost
    bound: np.ndarray        # (M, C, n) members newly bound by treaty in contingency c
    bound_political: np.ndarray  # (M, C, n) members bound only politically
    distrust: np.ndarray     # (M, n) members: dependence-weighted distrust of new partners
    defence_obligation: np.ndarray  # (M, n) 0/1
    shared_base: np.ndarray  # (M, n) 0/1
    foreign_forces: np.ndarray  # (M, n) 0/1
    basing_rights: np.ndarray   # (M, n) 0/1
    institutions: np.ndarray    # (M, n) standing institutional commitments newly taken on


def _bits(masks: np.ndarray, n: int) -> np.ndarray:
    return ((masks[:, None] >> np.arange(n)[None, :]) & 1).astype(bool)


def valid_masks(game: FormationGame, masks: np.ndarray) -> np.ndarray:
    """Whether the design exists in each profile."""
    if game.fixed:
        f = game.fixed_mask
        return (masks & f) == f
    f = game.founders_mask
    size = _bits(masks, game.n).sum(axis=1)
    return ((masks & f) == f) & (size >= 2)


def profile_table(game: FormationGame, masks: np.ndarray | None = None) -> ProfileTable:
    """Co-member sums for ``masks`` (default: all ``2**n`` profiles).

    Examples
    --------
    >>> from foedus.models.formation.testing import random_game
    >>> t = profile_table(random_game(3, seed=0))
    >>> t.member.shape, bool(t.treaty[0].any())
    ((8, 3), False)
    """
    n = game.n
    masks = np.arange(1 << n, dtype=np.int64) if masks is None else np.asarray(masks, np.int64)
    member = _bits(masks, n)
    z = member.astype(float)
    out = 1.0 - z
    others = z                                          # co-members of a member: others in S
    notfixed = z * np.array([s not in game.fixed for s in game.states], dtype=float)

    def members_sum(pair: np.ndarray) -> np.ndarray:
        return z * (others @ pair.T)

    def any_of(pair: np.ndarray) -> np.ndarray:
        return z * ((others @ pair.T) > 0)

    adhoc_t = game.interest.T * game.new_treaty
    adhoc_p = game.interest.T * game.new_political
    if game.crises:
        bound = (np.einsum("mk,cik->mci", others, game.entrapment_pairs.astype(float)) > 0) \
            | game.entrapment_outside[None]
        bound_p = ((np.einsum("mk,cik->mci", others, game.political_pairs.astype(float)) > 0)
                   | game.political_outside[None]) & ~bound
        bound = bound * z[:, None, :]
        bound_p = bound_p * z[:, None, :]
    else:
        bound = bound_p = np.zeros((len(masks), 0, n))
    # distrust, weighted by each new partner's share of the capability defending the state
    own = np.diag(game.dependence)
    allies = game.dependence * (1.0 - np.eye(n))
    weighted = others @ (game.distrust * allies).T
    total = own[None, :] + others @ allies.T
    with np.errstate(divide="ignore", invalid="ignore"):
        distrust = z * np.where(total > 0, weighted / total, 0.0)
    # institutions: agreements newly joined that have another party in the profile
    if len(game.institution_count):
        present = others @ game.institution_party.T.astype(float)          # (M, G)
        other_present = (present[:, :, None] - game.institution_party[None].astype(float)
                         * z[:, None, :]) > 0                                 # (M, G, n)
        institutions = z * (other_present * (game.institution_count[:, None]
                                             * game.institution_new)[None]).sum(axis=1)
    else:
        institutions = np.zeros((len(masks), n))
    return ProfileTable(
        masks, member, valid_masks(game, masks),
        members_sum(game.new_treaty), members_sum(adhoc_t),
        members_sum(game.new_political), members_sum(adhoc_p),
        out * (notfixed @ game.abandon.T), bound.astype(float), bound_p.astype(float), distrust,
        any_of(game.new_defence_obligation), any_of(game.shared_base_control),
        any_of(game.foreign_forces), any_of(game.basing_rights), institutions)


def harm(x: np.ndarray, capability: np.ndarray, threat: np.ndarray, power) -> np.ndarray:
    """Expected harm :math:`\\sum_a \\theta_{ia}\\,q_{ia}^{1+\\tau}` for defenders ``x`` (..., n),
    adversary capability and threat (n, m) and ``power`` = 1 + tau (broadcastable to x).

    Examples
    --------
    >>> import numpy as np
    >>> float(harm(np.array([1.0]), np.array([[1.0]]), np.array([[0.5]]), 2.0)[0])
    0.125
    """
    x = np.asarray(x, float)[..., None]
    power = np.asarray(power, float)[..., None]
    total = x + capability
    with np.errstate(divide="ignore", invalid="ignore"):
        q = np.where(total > 0, capability / np.where(total > 0, total, 1.0), 0.0)
    return (threat * q ** power).sum(axis=-1)


def _draw(p: np.ndarray, name: str, extra: int) -> np.ndarray:
    return p[(slice(None), P[name]) + (None,) * extra]


def baseline_defenders(game: FormationGame, p: np.ndarray) -> np.ndarray:
    """(D, n) expected defenders :math:`X_i^0` at the baseline."""
    rho, rho0 = _draw(p, "treaty_reliability", 1), _draw(p, "formation_adhoc_support", 1)
    return (game.own[None] + rho * game.base_allied[None] + rho0 * game.adhoc[None]
            - rho * rho0 * game.base_allied_interest[None])


def value_terms(game: FormationGame, table: ProfileTable, draws: FormationDraws
                ) -> dict[str, np.ndarray]:
    """Every term of :math:`V_i(S_m)`, shape ``(D, M, n)`` each (signed; zero where the design
    does not exist).

    Examples
    --------
    >>> from foedus.models.formation.testing import random_game
    >>> from foedus.models.formation.params import central_parameters
    >>> g = random_game(3, seed=0)
    >>> terms = value_terms(g, profile_table(g), central_parameters())
    >>> sorted(terms) == sorted(VALUE_TERMS) and terms["security"].shape == (1, 8, 3)
    True
    """
    p = draws.values
    rho, omega = _draw(p, "treaty_reliability", 2), _draw(p, "formation_political_weight", 2)
    rho0, eta = _draw(p, "formation_adhoc_support", 2), _draw(p, "formation_ally_security_weight", 2)
    power = 1.0 + _draw(p, "formation_deterrence_weight", 2)
    x0 = baseline_defenders(game, p)[:, None, :]                              # (D,1,n)
    x = x0 + rho * (table.treaty[None] - rho0 * table.treaty_adhoc[None]) \
        + omega * rho * (table.political[None] - rho0 * table.political_adhoc[None]) \
        - rho0 * table.abandoned[None]
    h0 = harm(x0, game.adversary_capability, game.threat, power)
    security = h0 - harm(x, game.adversary_capability, game.threat, power)
    likely = attack_probability(game, x, p)                                    # (D, M, C)
    allies = eta * (security @ game.interest.T)
    z = table.member[None].astype(float)
    visibility = 1.0 if game.binding else omega
    weight = 1.0 + game.autonomy
    autonomy = z * weight * (
        _draw(p, "formation_value_leadership", 2) * game.leadership
        + _draw(p, "formation_value_basing_rights", 2) * table.basing_rights[None]
        - _draw(p, "formation_cost_collective_defence", 2) * table.defence_obligation[None]
        - _draw(p, "formation_cost_foreign_command", 2) * game.foreign_command
        - _draw(p, "formation_cost_shared_base_control", 2) * table.shared_base[None]
        - _draw(p, "formation_cost_foreign_forces", 2) * table.foreign_forces[None]
        - _draw(p, "formation_cost_institution", 2) * table.institutions[None])
    terms = {
        "security": security,
        "allies": allies,
        "entrapment": -_draw(p, "formation_entrapment_weight", 2) * rho
        * (np.einsum("mci,ci,dmc->dmi", table.bound, game.entrapment_cost, likely)
           + omega * np.einsum("mci,ci,dmc->dmi", table.bound_political, game.entrapment_cost,
                               likely)),
        "coercion": -z * coercion_cost(game, p)[:, None, :],
        "autonomy": autonomy,
        "distrust": -_draw(p, "formation_distrust_weight", 2) * visibility * table.distrust[None],
        "domestic": -_draw(p, "formation_domestic_weight", 2) * game.domestic
        * table.defence_obligation[None],
    }
    valid = table.valid[None, :, None]
    return {t: np.where(valid, np.broadcast_to(v, security.shape), 0.0) for t, v in terms.items()}


def attack_probability(game: FormationGame, x: np.ndarray, p: np.ndarray) -> np.ndarray:
    """(D, M, C) probability that each contingency's target is attacked, :math:`q^\tau`, with
    q the aggressors' probability of prevailing against the target's defenders in each profile
    (``x``: (D, M, n) defenders of the game's states; a target outside the game keeps its
    baseline defenders). This is the deterrence of the security term applied to the
    contingencies: a deterred attack entraps nobody (Snyder 1984; Leeds 2003)."""
    C = len(game.crises)
    if not C:
        return np.zeros(x.shape[:2] + (0,))
    rho = _draw(p, "treaty_reliability", 2)
    tau = _draw(p, "formation_deterrence_weight", 2)
    outside = game.crisis_target_own[None, None, :] + rho * game.crisis_target_allied[None, None, :]
    target = np.clip(game.crisis_target, 0, None)
    defenders = np.where(game.crisis_target[None, None, :] >= 0, x[:, :, target],
                         np.broadcast_to(outside, x.shape[:2] + (C,)))
    power = game.crisis_power[None, None, :]
    total = defenders + power
    with np.errstate(divide="ignore", invalid="ignore"):
        q = np.where(total > 0, power / np.where(total > 0, total, 1.0), 0.0)
    return q ** tau


def coercion_cost(game: FormationGame, p: np.ndarray) -> np.ndarray:
    """(D, n) expected coercion cost of joining (independent of who else joins)."""
    prob = np.clip(p[:, P["formation_coercion_base_rate"], None, None]
                   + p[:, P["formation_coercion_history_uplift"], None, None]
                   * game.coercion_history[None], 0.0, 1.0)
    visibility = 1.0 if game.binding else p[:, P["formation_political_weight"], None]
    return p[:, P["formation_coercion_weight"], None] * visibility * \
        (game.exposure[None] * prob).sum(axis=2)


def values(game: FormationGame, table: ProfileTable, draws: FormationDraws) -> np.ndarray:
    """:math:`V_i(S_m)`, shape ``(D, M, n)``."""
    terms = value_terms(game, table, draws)
    return sum(terms[t] for t in VALUE_TERMS)


def decision_terms(game: FormationGame, draws: FormationDraws, mask: int | None = None
                   ) -> dict[str, np.ndarray]:
    """Each state's reasons to join rather than stay out, facing profile ``mask`` (default:
    every state of the game joins - the full proposal). Shape ``(D, n)`` per term of
    :data:`TERMS`; their sum is :math:`V_i(S \\cup i) - V_i(S \\setminus i)`, the latter
    replaced by no alliance when the design does not exist without i.

    Examples
    --------
    >>> from foedus.models.formation.testing import random_game
    >>> from foedus.models.formation.params import central_parameters
    >>> t = decision_terms(random_game(3, seed=0), central_parameters())
    >>> sorted(t) == sorted(TERMS) and t["security"].shape == (1, 3)
    True
    """
    n = game.n
    full = (1 << n) - 1 if mask is None else int(mask)
    inside = [full | 1 << i for i in range(n)]
    outside = [game.collapse(full & ~(1 << i)) for i in range(n)]
    ti = value_terms(game, profile_table(game, np.array(inside)), draws)
    to = value_terms(game, profile_table(game, np.array(outside)), draws)
    cols = np.arange(n)
    out = {t: ti[t][:, cols, cols] - (0.0 if t == "security" else to[t][:, cols, cols])
           for t in VALUE_TERMS}
    out["abandonment"] = -to["security"][:, cols, cols]
    fixed = np.array([s in game.fixed for s in game.states])
    return {t: np.where(fixed[None], 0.0, out[t]) for t in TERMS}


# ----------------------------------------------------------------------------- reference
def profile_terms(game: FormationGame, row: np.ndarray, members, i: int) -> dict[str, float]:
    """The terms of :math:`V_i(S)` for one draw ``row`` and profile ``members`` (plain loops).

    This is the reference implementation: explicit loops, no precomputation. ``i`` may be a
    member or not.

    Examples
    --------
    >>> from foedus.models.formation.testing import random_game
    >>> from foedus.models.formation.params import central_parameters
    >>> g = random_game(3, seed=0)
    >>> t = profile_terms(g, central_parameters().values[0], {0, 1, 2}, 0)
    >>> sorted(t) == sorted(VALUE_TERMS)
    True
    """
    v = {name: float(row[k]) for name, k in P.items()}
    members = set(members)
    mask = sum(1 << k for k in members)
    if not game.valid(mask):
        return dict.fromkeys(VALUE_TERMS, 0.0)
    n = game.n
    rho, omega, rho0 = (v["treaty_reliability"], v["formation_political_weight"],
                        v["formation_adhoc_support"])
    power = 1.0 + v["formation_deterrence_weight"]

    def defenders(k: int) -> tuple[float, float]:
        x0 = (game.own[k] + rho * game.base_allied[k] + rho0 * game.adhoc[k]
              - rho * rho0 * game.base_allied_interest[k])
        x = x0
        if k in members:
            for j in members:
                if j != k:
                    x += rho * game.new_treaty[k, j] * (1 - rho0 * game.interest[j, k])
                    x += omega * rho * game.new_political[k, j] * (1 - rho0 * game.interest[j, k])
        else:
            for j in members:
                if game.states[j] not in game.fixed:
                    x -= rho0 * game.abandon[k, j]
        return x0, x

    def security(k: int) -> float:
        x0, x = defenders(k)
        total = 0.0
        for a in range(len(game.adversaries)):
            cap = game.adversary_capability[k, a]
            q0 = cap / (x0 + cap) if x0 + cap > 0 else 0.0
            q = cap / (x + cap) if x + cap > 0 else 0.0
            total += game.threat[k, a] * (q0 ** power - q ** power)
        return total

    own = security(i)
    allies = sum(v["formation_ally_security_weight"] * game.interest[i, k] * security(k)
                 for k in range(n) if k != i)

    def likely(c: int) -> float:
        t = int(game.crisis_target[c])
        x = defenders(t)[1] if t >= 0 else \
            game.crisis_target_own[c] + rho * game.crisis_target_allied[c]
        power_c = game.crisis_power[c]
        q = power_c / (x + power_c) if x + power_c > 0 else 0.0
        return q ** v["formation_deterrence_weight"]
    terms = {"security": own, "allies": allies}
    if i not in members:
        terms.update(dict.fromkeys(VALUE_TERMS[2:], 0.0))
        return terms
    others = [k for k in members if k != i]
    entrapment = political = 0.0
    for c in range(len(game.crises)):
        bound = game.entrapment_outside[c, i] or any(game.entrapment_pairs[c, i, k]
                                                     for k in others)
        loose = game.political_outside[c, i] or any(game.political_pairs[c, i, k]
                                                     for k in others)
        entrapment += game.entrapment_cost[c, i] * bound * likely(c)
        political += game.entrapment_cost[c, i] * (loose and not bound) * likely(c)
    coercion = 0.0
    for a in range(len(game.adversaries)):
        prob = min(1.0, v["formation_coercion_base_rate"]
                   + v["formation_coercion_history_uplift"] * game.coercion_history[i, a])
        coercion += game.exposure[i, a] * prob
    visibility = 1.0 if game.binding else omega
    coercion *= v["formation_coercion_weight"] * visibility

    def any_of(pair):
        return float(any(pair[i, k] > 0 for k in others))

    institutions = 0.0
    for g in range(len(game.institution_count)):
        if game.institution_new[g, i] and any(game.institution_party[g, k] for k in others):
            institutions += game.institution_count[g]
    autonomy = (1.0 + game.autonomy[i]) * (
        v["formation_value_leadership"] * game.leadership[i]
        + v["formation_value_basing_rights"] * any_of(game.basing_rights)
        - v["formation_cost_collective_defence"] * any_of(game.new_defence_obligation)
        - v["formation_cost_foreign_command"] * game.foreign_command[i]
        - v["formation_cost_shared_base_control"] * any_of(game.shared_base_control)
        - v["formation_cost_foreign_forces"] * any_of(game.foreign_forces)
        - v["formation_cost_institution"] * institutions)
    total = game.dependence[i, i] + sum(game.dependence[i, k] for k in others)
    distrust = sum(game.dependence[i, k] * game.distrust[i, k] for k in others) / total \
        if total > 0 else 0.0
    terms.update({
        "entrapment": -v["formation_entrapment_weight"] * rho * (entrapment + omega * political),
        "coercion": -coercion,
        "autonomy": autonomy,
        "distrust": -v["formation_distrust_weight"] * visibility * distrust,
        "domestic": -v["formation_domestic_weight"] * game.domestic[i]
        * any_of(game.new_defence_obligation),
    })
    return terms


def profile_value(game: FormationGame, row: np.ndarray, members, i: int) -> float:
    """:math:`V_i(S)` by the reference loops."""
    return float(sum(profile_terms(game, row, members, i).values()))
