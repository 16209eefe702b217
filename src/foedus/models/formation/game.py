"""The membership game of one design: the arrays a state's calculus is computed from.

:func:`build_game` turns a :class:`~foedus.scenarios.build.Case`, one of its designs and the
interests layer into a :class:`FormationGame`: for every invited state, what each co-member
would newly commit to it (and it to them), the contingencies in which it would newly be bound
to fight, its stake in each, its exposure to the adversaries, its distrust of each co-member,
the design's provisions that cost or give it autonomy, and its domestic obstacles. Nothing
here is specific to a country: states differ only through data and sourced scenario facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from foedus.errors import FoedusError
from foedus.world.agreements import LegalForce, Obligation
from foedus.world.obligations import casus_foederis

__all__ = ["ADMISSION_RULES", "FormationGame", "build_game", "design_adversaries"]

ADMISSION_RULES = ("unanimity", "open")

#: State facts read by the domestic-feasibility term (0/1 flags or shares, each sourced).
#: ``legislative_support`` (the share of the ratifying chamber on record for the treaty or its
#: principle before the scenario date; Putnam 1988, Martin 2000) replaces
#: ``government_seat_share`` where a scenario records it.
DOMESTIC_FACTS = ("constitutional_limit_collective_defence", "ratification_threshold",
                  "legislative_support", "government_seat_share")


class FormationError(FoedusError):
    """A design cannot be analysed as a membership game (with the reason and the fix)."""


@dataclass(frozen=True)
class FormationGame:
    """Everything the membership utilities of one design are computed from.

    Arrays are indexed by the invited states (``states``, length n), the adversaries
    (``adversaries``, length m) and the contingencies (``crises``, length C). Row ``i`` of a
    pair array is the state whose utility is computed, column ``k`` the co-member.
    """

    design: str
    states: tuple[str, ...]
    adversaries: tuple[str, ...]
    crises: tuple[str, ...]
    founders: tuple[str, ...]
    admission: str
    binding: bool
    own: np.ndarray              # (n,)   own capability projected at home
    base_allied: np.ndarray      # (n,)   capability of baseline treaty allies projected to i
    new_treaty: np.ndarray       # (n,n)  capability of k projected to i, if k newly owes i defence
    new_political: np.ndarray    # (n,n)  same for a new political (consultation) commitment only
    adversary_capability: np.ndarray  # (n,m) adversary capability projected to i
    threat: np.ndarray           # (n,m)  threat adversary poses to i
    entrapment_pairs: np.ndarray  # (C,n,n) i newly bound to defend k in crisis c
    entrapment_outside: np.ndarray  # (C,n) i newly bound to defend a non-invited party in c
    entrapment_cost: np.ndarray  # (C,n)  likelihood x (1 - stake) x war cost of c for i
    stake: np.ndarray            # (C,n)
    exposure: np.ndarray         # (n,m)
    coercion_history: np.ndarray  # (n,m)
    distrust: np.ndarray         # (n,n)  max(0, -affinity), co-members party to a common agreement
    dependence: np.ndarray       # (n,n)  capability of k projected to i (diagonal: i's own) that
    #                                     would stand in i's defence: weights of the distrust term
    autonomy: np.ndarray         # (n,)
    domestic: np.ndarray         # (n,)   domestic obstacle to a binding clause
    new_defence_obligation: np.ndarray  # (n,n) i newly owes k treaty defence
    shared_base_control: np.ndarray     # (n,n) i's bases on k's soil come under shared control
    foreign_forces: np.ndarray          # (n,n) k's forces newly on i's soil
    basing_rights: np.ndarray           # (n,n) i's forces newly on k's soil
    foreign_command: np.ndarray  # (n,)   share of command ceded
    leadership: np.ndarray       # (n,)   share of leadership held
    provenance: dict[str, str] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.states)

    @property
    def founders_mask(self) -> int:
        return sum(1 << self.states.index(s) for s in self.founders)

    def index(self, iso3: str) -> int:
        return self.states.index(iso3)

    def members(self, mask: int) -> tuple[str, ...]:
        return tuple(s for k, s in enumerate(self.states) if mask >> k & 1)

    def mask(self, members) -> int:
        return sum(1 << self.states.index(s) for s in members)


def design_adversaries(case) -> tuple[str, ...]:
    """The states a scenario's alliances are aimed at: the aggressors of its crises."""
    seen: list[str] = []
    for crisis in case.crises:
        for a in crisis.aggressors:
            if a not in seen:
                seen.append(a)
    return tuple(seen)


def _admission(rule: str) -> str:
    if rule in ("unanimity", "open"):
        return rule
    raise FormationError(f"admission rule {rule!r} is not understood; use 'unanimity' "
                         "(members may veto a newcomer) or 'open'")


def _new_agreements(case, design):
    """The design's agreements that are new or changed relative to the baseline."""
    baseline = {a.id: a for a in case.world.agreements_in_force()}
    return [a for a in case.agreements(design) if baseline.get(a.id) != a], baseline


def _defence_rows(case, agreements, crisis) -> set[tuple[str, str]]:
    """(obligor, beneficiary) pairs of treaty defence obligations ``crisis`` activates."""
    omap = casus_foederis(agreements, crisis, case.world.geography, case.world.date)
    return {(r.obligor, r.beneficiary) for r in omap.rows
            if r.obligation is Obligation.DEFENSE and r.legal_force == "treaty"}


def build_game(case, design, interests, *, adversaries: tuple[str, ...] | None = None,
               cache: dict | None = None) -> FormationGame:
    """The membership game of ``design`` (a :class:`~foedus.world.design.Design` or its id).

    Parameters
    ----------
    case : foedus.scenarios.build.Case
    design : Design or str
    interests : foedus.interests.Interests
        Computed on ``case.world``.
    adversaries : tuple of str, optional
        The states the design is aimed at (default: the aggressors of the scenario's crises).
    cache : dict, optional
        Reused across calls for the same case and design (e.g. one game per sample of the
        interests layer) to keep the legal resolution of each crisis, which does not depend
        on the interests.

    Returns
    -------
    FormationGame

    Examples
    --------
    >>> from foedus.scenarios import build_case, load_scenario
    >>> from foedus.interests import compute_interests
    >>> case = build_case(load_scenario("asian-nato-2024"))
    >>> game = build_game(case, "ishiba", compute_interests(case.world))
    >>> game.states[:3], game.founders, game.admission
    (('USA', 'JPN', 'AUS'), ('USA', 'JPN'), 'unanimity')
    """
    d = case.design(design) if isinstance(design, str) else design
    states = tuple(d.invited)
    if len(states) < 2:
        raise FormationError(f"design {d.id!r} invites {len(states)} state(s); a membership "
                             "game needs at least two under `invited:`")
    missing = [s for s in states if s not in interests.states]
    if missing:
        raise FormationError(f"design {d.id!r} invites {', '.join(missing)}, not states of the "
                             "scenario; add them under `states:`")
    adv = tuple(a for a in (adversaries if adversaries is not None else design_adversaries(case))
                if a in interests.states and a not in states)
    if not adv:
        raise FormationError(f"design {d.id!r}: no adversary to deter; add a crisis with "
                             "`aggressors:` outside the invited states")
    n = len(states)
    idx = [interests.index(s) for s in states]
    aidx = [interests.index(a) for a in adv]
    pos = {s: k for k, s in enumerate(states)}
    projected = interests.projected_capability

    new_agreements, baseline = _new_agreements(case, d)
    base_defence = case.world.defense_pairs(tuple(baseline.values()))
    base_basing = {pair for a in baseline.values() for pair in a.institutions.basing}

    own = np.array([projected[i, i] for i in idx])
    # summed in a fixed order (a set's order follows the hash seed, and float sums depend on
    # the order: the outputs must be identical bytes across processes)
    base_allied = np.array([sum(projected[idx[r], interests.index(k)]
                                for (k, b) in sorted(base_defence)
                                if b == s and k in interests.states)
                            for r, s in enumerate(states)])
    new_treaty = np.zeros((n, n))
    new_political = np.zeros((n, n))
    new_obligation = np.zeros((n, n))
    for a in new_agreements:
        for p in a.provisions:
            if p.obligor not in pos or p.beneficiary not in pos:
                continue
            i, k = pos[p.beneficiary], pos[p.obligor]
            cap = projected[idx[i], idx[k]]
            if (p.obligation is Obligation.DEFENSE and a.legal_force is LegalForce.TREATY
                    and (p.obligor, p.beneficiary) not in base_defence):
                new_treaty[i, k] = cap
                new_obligation[k, i] = 1.0
            elif p.obligation in (Obligation.CONSULTATION, Obligation.DEFENSE):
                new_political[i, k] = max(new_political[i, k], cap)
    new_political[new_treaty > 0] = 0.0
    binding = bool(new_obligation.any())

    threat = interests.threat[np.ix_(idx, aidx)]
    adversary_capability = projected[np.ix_(idx, aidx)]

    # entrapment: contingencies in which a member would newly be bound to fight
    crises = tuple(c.id for c in case.crises)
    C = len(crises)
    pairs = np.zeros((C, n, n), dtype=bool)
    outside = np.zeros((C, n), dtype=bool)
    stake = np.zeros((C, n))
    war_cost = np.zeros((C, n))
    for c, crisis in enumerate(case.crises):
        key = (id(case), d.id, crisis.id)
        if cache is not None and key in cache:
            new_rows = cache[key]
        else:
            new_rows = _defence_rows(case, new_agreements, crisis) - \
                _defence_rows(case, tuple(baseline.values()), crisis)
            if cache is not None:
                cache[key] = new_rows
        for obligor, beneficiary in new_rows:
            if obligor not in pos:
                continue
            if beneficiary in pos:
                pairs[c, pos[obligor], pos[beneficiary]] = True
            else:
                outside[c, pos[obligor]] = True
        hit = {h.state for h in crisis.hits}
        aggr = [interests.index(a) for a in crisis.aggressors if a in interests.states]
        target = interests.index(crisis.target) if crisis.target in interests.states else None
        for r, s in enumerate(states):
            i = idx[r]
            if s in hit or s == crisis.target:
                stake[c, r] = 1.0
            elif target is not None and aggr:
                # the share of the target's threat from this aggressor that i shares: a
                # contingency against a common adversary is i's own fight (Snyder 1984)
                shared = max(interests.threat[i, a] for a in aggr)
                faced = max(interests.threat[target, a] for a in aggr)
                stake[c, r] = min(1.0, shared / faced) if faced > 0 else 0.0
            agg_cap = sum(projected[i, a] for a in aggr)
            war_cost[c, r] = agg_cap / (agg_cap + projected[i, i]) if agg_cap > 0 else 0.0
    # each crisis weighted by the threat its aggressor poses to its target (its likelihood,
    # in the units of the security term), shared among crises with the same target/aggressor
    likelihood = np.zeros(C)
    for c, crisis in enumerate(case.crises):
        if crisis.target in interests.states:
            t = interests.index(crisis.target)
            likelihood[c] = max((interests.threat[t, interests.index(a)]
                                 for a in crisis.aggressors if a in interests.states), default=0.0)
        variants = sum(1 for other in case.crises if other.target == crisis.target
                       and set(other.aggressors) == set(crisis.aggressors))
        likelihood[c] /= variants
    entrapment_cost = likelihood[:, None] * (1.0 - stake) * war_cost

    exposure = interests.exposure[np.ix_(idx, aidx)]
    history = interests.coercion[np.ix_(idx, aidx)]
    distrust = np.clip(-interests.affinity[np.ix_(idx, idx)], 0.0, None)
    np.fill_diagonal(distrust, 0.0)
    autonomy = interests.autonomy[idx].astype(float)

    domestic = np.zeros(n)
    for r, s in enumerate(states):
        st = case.world.states[s]
        limit = st.value("constitutional_limit_collective_defence") or 0.0
        threshold = st.value("ratification_threshold")
        support = st.value("legislative_support")
        seats = support if support is not None else st.value("government_seat_share")
        shortfall = max(0.0, threshold - seats) if threshold is not None and seats is not None \
            else 0.0
        domestic[r] = float(limit) + shortfall

    # autonomy items (Morrow): provisions relative to the baseline
    rules = d.rules
    leaders = [s for s in rules.leadership if s in pos]
    leadership = np.zeros(n)
    foreign_command = np.zeros(n)
    integrated = any(a.institutions.integrated_command for a in new_agreements) or \
        rules.command == "integrated"
    for r, s in enumerate(states):
        if leaders and s in leaders:
            leadership[r] = 1.0 / len(leaders)
        if integrated:
            foreign_command[r] = (1.0 - 1.0 / len(leaders)) if s in leaders else 1.0
    design_basing = {pair for a in new_agreements for pair in a.institutions.basing}
    design_basing |= {(host, guest) for guest, host in rules.forces_abroad}
    shared = rules.base_control == "shared"
    foreign_forces = np.zeros((n, n))
    basing_rights = np.zeros((n, n))
    shared_base = np.zeros((n, n))
    for host, user in design_basing:
        if host not in pos or user not in pos or host == user:
            continue
        if (host, user) not in base_basing:
            foreign_forces[pos[host], pos[user]] = 1.0
            basing_rights[pos[user], pos[host]] = 1.0
        elif shared:
            shared_base[pos[user], pos[host]] = 1.0

    # a state that is party to none of the design's new agreements has nothing to join
    partner = np.zeros((n, n))
    for a in new_agreements:
        inside = [pos[s] for s in a.members if s in pos]
        for r in inside:
            for k in inside:
                if r != k:
                    partner[r, k] = 1.0
    party = partner.any(axis=1)
    distrust = distrust * partner
    # what each co-member would contribute to i's defence (Snyder's dependence): its capability
    # projected to i; i's own on the diagonal (the distrust term weights by shares of this)
    dependence = projected[np.ix_(idx, idx)] * partner
    dependence[np.diag_indices(n)] = own
    exposure = exposure * party[:, None]
    domestic = domestic * party
    leadership = leadership * party
    foreign_command = foreign_command * party

    founders = tuple(s for s in leaders if party[pos[s]])
    provenance = {
        "security": "interests.projected_capability (loss-of-strength), interests.threat; new "
                    "commitments from the design's provisions vs the baseline's treaties",
        "entrapment": "casus_foederis on each scenario crisis, design vs baseline; stake = "
                      "share of the target's threat from the aggressor that the state shares "
                      "(interests.threat)",
        "coercion": "interests.exposure and interests.coercion (scenario coercion_history)",
        "distrust": "interests.affinity, weighted by each co-member's share of the capability "
                    "defending the state (interests.projected_capability)",
        "autonomy": "interests.autonomy; design rules (leadership, command, base control, "
                    "forces abroad) and institutions (basing)",
        "domestic": "scenario state facts " + ", ".join(DOMESTIC_FACTS),
    }
    return FormationGame(
        design=d.id, states=states, adversaries=adv, crises=crises, founders=founders,
        admission=_admission(rules.admission_rule), binding=binding, own=own,
        base_allied=base_allied, new_treaty=new_treaty, new_political=new_political,
        adversary_capability=adversary_capability, threat=threat, entrapment_pairs=pairs,
        entrapment_outside=outside, entrapment_cost=entrapment_cost, stake=stake,
        exposure=exposure, coercion_history=history, distrust=distrust,
        dependence=dependence, autonomy=autonomy,
        domestic=domestic, new_defence_obligation=new_obligation,
        shared_base_control=shared_base, foreign_forces=foreign_forces,
        basing_rights=basing_rights, foreign_command=foreign_command, leadership=leadership,
        provenance=provenance)
