"""The membership game of one design: the arrays every state's value is computed from.

:func:`build_game` turns a :class:`~foedus.scenarios.build.Case`, one of its designs and the
interests layer into a :class:`FormationGame`: for every state of the game (the invited
states and, for an accession, the incumbent members), what each would newly commit to each
other, the interest each has in the others' security, the ad hoc support each can expect
without a treaty, the contingencies in which each would newly be bound (by treaty or only
politically), its stake in each, its exposure to the adversaries, its distrust of each new
partner, the provisions that cost or give it autonomy, the institutional commitments it newly
takes on, and its domestic obstacles. Nothing here is specific to a country: states differ
only through data and sourced scenario facts (``docs/models/formation.md``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from foedus.errors import FoedusError
from foedus.models.formation.contingencies import (
    CONTINGENCY_MODES,
    Contingencies,
    allied_pairs,
    derive_contingencies,
    derived_adversaries,
)
from foedus.world.agreements import LegalForce, Obligation
from foedus.world.obligations import casus_foederis

__all__ = ["ADMISSION_RULES", "DOMESTIC_FACTS", "FormationError", "FormationGame", "build_game",
           "design_adversaries", "interest_matrix"]

ADMISSION_RULES = ("unanimity", "open")

#: State facts read by the domestic-feasibility term (0/1 flags or shares, each sourced).
#: ``legislative_support`` (the share of the ratifying chamber on record for the treaty or its
#: principle before the scenario date; Putnam 1988, Martin 2000) replaces
#: ``government_seat_share`` where a scenario records it.
DOMESTIC_FACTS = ("constitutional_limit_collective_defence", "ratification_threshold",
                  "legislative_support", "government_seat_share")

#: Standing institutional commitments counted by the institutions cost (each one unit).
INSTITUTIONS = ("access_rights", "intelligence_sharing", "technology_sharing",
                "standing_exercises")


class FormationError(FoedusError):
    """A design cannot be analysed as a membership game (with the reason and the fix)."""


@dataclass(frozen=True)
class FormationGame:
    """Everything the membership values of one design are computed from.

    Arrays are indexed by the game's states (``states``, length n: the invited states, then
    any incumbent not invited), the adversaries (``adversaries``, length m), the
    contingencies (``crises``, length C) and the design's new or enlarged agreements (G).
    Row ``i`` of a pair array is the state whose value is computed, column ``k`` the other.
    ``fixed`` names the incumbents of an accession (always members; they may veto).
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
    base_allied_interest: np.ndarray  # (n,) same, weighted by their interest in i (game states)
    adhoc: np.ndarray            # (n,)   sum over game states k of iota_ki * C_ik
    interest: np.ndarray         # (n,n)  iota_ik: i's interest in k's security
    new_treaty: np.ndarray       # (n,n)  C_ik if k newly owes i treaty defence
    new_political: np.ndarray    # (n,n)  C_ik if k newly owes i only a political commitment
    abandon: np.ndarray          # (n,n)  iota_ki * C_ik if k is a new partner of i
    adversary_capability: np.ndarray  # (n,m) adversary capability projected to i
    threat: np.ndarray           # (n,m)  threat adversary poses to i
    entrapment_pairs: np.ndarray  # (C,n,n) i newly bound by treaty to defend k in crisis c
    entrapment_outside: np.ndarray  # (C,n) ... to defend a party outside the game
    political_pairs: np.ndarray   # (C,n,n) i newly bound only politically to k in crisis c
    political_outside: np.ndarray  # (C,n)
    entrapment_cost: np.ndarray  # (C,n)  threat x (1 - stake) x war cost of c for i; the
    #                                     contingency's likelihood multiplies it by the
    #                                     probability that the target is attacked, q**tau
    stake: np.ndarray            # (C,n)
    crisis_target: np.ndarray    # (C,) index of the target among the game's states, or -1
    crisis_power: np.ndarray     # (C,) the aggressors' capability projected to the target
    crisis_target_own: np.ndarray     # (C,) target's own capability (used if not in the game)
    crisis_target_allied: np.ndarray  # (C,) its baseline treaty allies' capability
    crisis_aggressor: np.ndarray  # (C,) index of a single aggressor among the adversaries, or -1
    exposure: np.ndarray         # (n,m)
    coercion_history: np.ndarray  # (n,m)
    distrust: np.ndarray         # (n,n)  max(0, -affinity) towards new partners
    dependence: np.ndarray       # (n,n)  C_ik towards new partners; diagonal: i's own
    autonomy: np.ndarray         # (n,)
    domestic: np.ndarray         # (n,)   domestic obstacle to a binding clause
    new_defence_obligation: np.ndarray  # (n,n) i newly owes k treaty defence
    shared_base_control: np.ndarray     # (n,n) i's bases on k's soil come under shared control
    foreign_forces: np.ndarray          # (n,n) k's forces newly on i's soil
    basing_rights: np.ndarray           # (n,n) i's forces newly on k's soil
    foreign_command: np.ndarray  # (n,)   share of command ceded
    leadership: np.ndarray       # (n,)   share of leadership held
    institution_party: np.ndarray  # (G,n) party to agreement g (incumbents included)
    institution_new: np.ndarray    # (G,n) newly party to g
    institution_count: np.ndarray  # (G,)  standing institutional commitments of g
    fixed: tuple[str, ...] = ()
    contingencies: str = "scenario"
    provenance: dict[str, str] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.states)

    @property
    def founders_mask(self) -> int:
        return sum(1 << self.states.index(s) for s in self.founders)

    @property
    def fixed_mask(self) -> int:
        return sum(1 << self.states.index(s) for s in self.fixed)

    @property
    def deciders(self) -> tuple[str, ...]:
        """The states that choose whether to join (every state but the incumbents)."""
        return tuple(s for s in self.states if s not in self.fixed)

    def index(self, iso3: str) -> int:
        return self.states.index(iso3)

    def members(self, mask: int) -> tuple[str, ...]:
        return tuple(s for k, s in enumerate(self.states) if mask >> k & 1)

    def mask(self, members) -> int:
        return sum(1 << self.states.index(s) for s in members)

    def valid(self, mask: int) -> bool:
        """Whether the design exists in profile ``mask`` (an accession exists from the
        incumbents on: the incumbents alone are the baseline)."""
        if self.fixed:
            return (mask & self.fixed_mask) == self.fixed_mask
        f = self.founders_mask
        return (mask & f) == f and mask.bit_count() >= 2

    def collapse(self, mask: int) -> int:
        """``mask`` if the design exists in it, else the empty profile (no alliance)."""
        return mask if self.valid(mask) else 0


def design_adversaries(case) -> tuple[str, ...]:
    """The states a scenario's alliances are aimed at: the aggressors of its crises."""
    seen: list[str] = []
    for crisis in case.crises:
        for a in crisis.aggressors:
            if a not in seen:
                seen.append(a)
    return tuple(seen)


def interest_matrix(affinity: np.ndarray, threat: np.ndarray) -> np.ndarray:
    """:math:`\\iota_{ik}`, the interest of i in k's security: the noisy-or of affinity and
    shared threat (the share of k's threat that i faces too), zero on the diagonal.

    Examples
    --------
    >>> import numpy as np
    >>> iota = interest_matrix(np.array([[1.0, 0.5], [0.5, 1.0]]),
    ...                        np.array([[0.2], [0.4]]))
    >>> [round(float(x), 2) for x in iota[0]], [round(float(x), 2) for x in iota[1]]
    ([0.0, 0.75], [1.0, 0.0])
    """
    positive = np.clip(affinity, 0.0, 1.0)
    total = threat.sum(axis=1)                                           # (n,) k's threat
    common = np.minimum(threat[:, None, :], threat[None, :, :]).sum(axis=2)   # (i,k)
    with np.errstate(divide="ignore", invalid="ignore"):
        shared = np.where(total[None, :] > 0, common / total[None, :], 0.0)
    iota = 1.0 - (1.0 - positive) * (1.0 - np.clip(shared, 0.0, 1.0))
    np.fill_diagonal(iota, 0.0)
    return iota


def _admission(rule: str) -> str:
    if rule in ADMISSION_RULES:
        return rule
    raise FormationError(f"admission rule {rule!r} is not understood; use 'unanimity' "
                         "(members may veto a newcomer) or 'open'")


def _new_agreements(case, design):
    """The design's agreements that are new or changed relative to the baseline."""
    baseline = {a.id: a for a in case.world.agreements_in_force()}
    return [a for a in case.agreements(design) if baseline.get(a.id) != a], baseline


def _incumbents(new_agreements, baseline, world_states) -> list[str]:
    """Members of baseline agreements that the design enlarges (an accession)."""
    out: list[str] = []
    for a in new_agreements:
        old = baseline.get(a.id)
        if old is not None and set(a.members) - set(old.members):
            out.extend(m for m in old.members if m in world_states and m not in out)
    return out


def _rows(case, agreements, crisis, geography, political: bool) -> set[tuple[str, str]]:
    """(obligor, beneficiary) pairs that ``crisis`` activates: treaty defence, or (political)
    defence without treaty force and consultation."""
    omap = casus_foederis(agreements, crisis, geography, case.world.date)
    if political:
        return {(r.obligor, r.beneficiary) for r in omap.rows
                if r.obligation is Obligation.CONSULTATION
                or (r.obligation is Obligation.DEFENSE and r.legal_force != "treaty")}
    return {(r.obligor, r.beneficiary) for r in omap.rows
            if r.obligation is Obligation.DEFENSE and r.legal_force == "treaty"}


def _for_target(agreements, target):
    """The agreements with only the provisions owed to ``target`` (derived contingencies hit
    only the target, so no other provision can be activated)."""
    return tuple(replace(a, provisions=tuple(p for p in a.provisions if p.beneficiary == target))
                 for a in agreements)


def _contingencies(case, states, adversaries, interests, derived, allied) -> Contingencies:
    if not derived:
        return Contingencies(tuple(case.crises), case.world.geography, "scenario")
    return derive_contingencies(case, states, adversaries, interests, allied)


def build_game(case, design, interests, *, adversaries: tuple[str, ...] | None = None,
               cache: dict | None = None, contingencies: str = "auto") -> FormationGame:
    """The membership game of ``design`` (a :class:`~foedus.world.design.Design` or its id).

    Parameters
    ----------
    case : foedus.scenarios.build.Case
    design : Design or str
    interests : foedus.interests.Interests
        Computed on ``case.world``.
    adversaries : tuple of str, optional
        The states the design is aimed at (default: the aggressors of the scenario's crises;
        for a case without crises, the states of its world that are not in the game and
        threaten one of its states).
    cache : dict, optional
        Reused across calls for the same case and design (e.g. one game per sample of the
        interests layer) to keep the legal resolution of each crisis.
    contingencies : {"auto", "scenario", "derived"}
        ``auto``: the scenario's crises if it has any, else derived ones (every invited
        state attacked by every adversary that threatens it).

    Returns
    -------
    FormationGame

    Examples
    --------
    >>> from foedus.scenarios import build_case, load_scenario
    >>> from foedus.interests import compute_interests
    >>> case = build_case(load_scenario("asian-nato-2024"))
    >>> game = build_game(case, "ishiba", compute_interests(case.world))
    >>> game.states[:3], game.founders, game.admission, game.fixed
    (('USA', 'JPN', 'AUS'), ('USA', 'JPN'), 'unanimity', ())
    """
    d = case.design(design) if isinstance(design, str) else design
    invited = tuple(d.invited)
    new_agreements, baseline = _new_agreements(case, d)
    incumbents = _incumbents(new_agreements, baseline, interests.states)
    states = invited + tuple(s for s in incumbents if s not in invited)
    if len(states) < 2:
        raise FormationError(f"design {d.id!r} invites {len(invited)} state(s); a membership "
                             "game needs at least two under `invited:`")
    missing = [s for s in states if s not in interests.states]
    if missing:
        raise FormationError(f"design {d.id!r} invites {', '.join(missing)}, not states of the "
                             "scenario; add them under `states:`")
    if contingencies not in CONTINGENCY_MODES:
        raise FormationError(f"contingencies {contingencies!r} not understood; use "
                             f"{', '.join(CONTINGENCY_MODES)}")
    derived = contingencies == "derived" or (contingencies == "auto" and not case.crises)
    allied = allied_pairs(case.world.agreements_in_force())
    if adversaries is None:
        adversaries = derived_adversaries(case, states, interests, allied) if derived \
            else design_adversaries(case)
    adv = tuple(a for a in adversaries if a in interests.states and a not in states)
    if not adv:
        raise FormationError(f"design {d.id!r}: no adversary to deter; add a crisis with "
                             "`aggressors:` outside the invited states (or, for a case without "
                             "crises, a state that threatens an invited one)")
    n = len(states)
    idx = [interests.index(s) for s in states]
    aidx = [interests.index(a) for a in adv]
    pos = {s: k for k, s in enumerate(states)}
    projected = interests.projected_capability
    cap = projected[np.ix_(idx, idx)]                  # cap[i, k]: k's capability at i
    threat = interests.threat[np.ix_(idx, aidx)].copy()
    if derived:
        # in a case without crises the adversaries come from the data: a state's treaty ally
        # is not its adversary (docs/models/formation.md, derived contingencies)
        for r, s_ in enumerate(states):
            for c_, a in enumerate(adv):
                if (s_, a) in allied:
                    threat[r, c_] = 0.0
    adversary_capability = projected[np.ix_(idx, aidx)]
    affinity = interests.affinity[np.ix_(idx, idx)]
    iota = interest_matrix(affinity, threat)

    base_defence = case.world.defense_pairs(tuple(baseline.values()))
    base_basing = {pair for a in baseline.values() for pair in a.institutions.basing}
    own = np.diag(cap).copy()
    # a treaty ally that threatens the state (an adversary of the design) does not defend it;
    # summed in a fixed order (a set's order follows the hash seed, and float sums depend on
    # the order: the outputs must be identical bytes across processes)
    threatens = {(states[r], a) for r in range(n) for c_, a in enumerate(adv)
                 if threat[r, c_] > 1e-6}
    base_allied = np.array([sum(projected[idx[r], interests.index(k)]
                                for (k, b) in sorted(base_defence)
                                if b == s and k in interests.states and (s, k) not in threatens)
                            for r, s in enumerate(states)])
    base_mask = np.zeros((n, n))
    for k, b in base_defence:
        if k in pos and b in pos:
            base_mask[pos[b], pos[k]] = 1.0                # k owes b: row b, column k
    support = iota.T * cap                                  # iota_ki * C_ik
    base_allied_interest = (support * base_mask).sum(axis=1)
    adhoc = support.sum(axis=1)

    new_treaty = np.zeros((n, n))
    new_political = np.zeros((n, n))
    new_obligation = np.zeros((n, n))
    for a in new_agreements:
        for p in a.provisions:
            if p.obligor not in pos or p.beneficiary not in pos or \
                    (p.obligor, p.beneficiary) in base_defence:
                continue
            i, k = pos[p.beneficiary], pos[p.obligor]
            if p.obligation is Obligation.DEFENSE and a.legal_force is LegalForce.TREATY:
                new_treaty[i, k] = cap[i, k]
                new_obligation[k, i] = 1.0
            elif p.obligation in (Obligation.CONSULTATION, Obligation.DEFENSE):
                new_political[i, k] = cap[i, k]
    new_political[new_treaty > 0] = 0.0
    binding = bool(new_obligation.any())

    # who is newly a partner of whom (parties to a new agreement, or newly to an enlarged one)
    G = len(new_agreements)
    party = np.zeros((G, n), dtype=bool)
    newly = np.zeros((G, n), dtype=bool)
    count = np.zeros(G)
    partner = np.zeros((n, n))
    for g, a in enumerate(new_agreements):
        old = baseline.get(a.id)
        old_members = set(old.members) if old is not None else set()
        count[g] = sum(bool(getattr(a.institutions, name)) for name in INSTITUTIONS)
        for s in a.members:
            if s in pos:
                party[g, pos[s]] = True
                newly[g, pos[s]] = s not in old_members
        inside = [pos[s] for s in a.members if s in pos]
        for r in inside:
            for k in inside:
                if r != k and not (states[r] in old_members and states[k] in old_members):
                    partner[r, k] = 1.0
    fixed = tuple(s for s in incumbents)
    is_fixed = np.array([s in fixed for s in states])
    party_new = newly.any(axis=0) if G else np.zeros(n, dtype=bool)
    abandon = support * partner

    # contingencies: the scenario's crises, or derived from the world
    cont = _contingencies(case, states, adv, interests, derived, allied)
    crises = tuple(c.id for c in cont.crises)
    C = len(crises)
    pairs = np.zeros((C, n, n), dtype=bool)
    outside = np.zeros((C, n), dtype=bool)
    ppairs = np.zeros((C, n, n), dtype=bool)
    poutside = np.zeros((C, n), dtype=bool)
    stake = np.zeros((C, n))
    war_cost = np.zeros((C, n))
    likelihood = np.zeros(C)
    crisis_target = np.full(C, -1, dtype=np.int64)
    crisis_power = np.zeros(C)
    crisis_own = np.zeros(C)
    crisis_allied = np.zeros(C)
    crisis_aggressor = np.full(C, -1, dtype=np.int64)
    base_list = tuple(baseline.values())
    for c, crisis in enumerate(cont.crises):
        key = (id(case), d.id, cont.mode, crisis.id)
        if cache is not None and key in cache:
            treaty_rows, political_rows = cache[key]
        else:
            new_set, old_set = (new_agreements, base_list) if cont.mode == "scenario" else \
                (_for_target(new_agreements, crisis.target), _for_target(base_list, crisis.target))
            treaty_rows = _rows(case, new_set, crisis, cont.geography, False) - \
                _rows(case, old_set, crisis, cont.geography, False)
            political_rows = _rows(case, new_set, crisis, cont.geography, True) - \
                _rows(case, old_set, crisis, cont.geography, True) - \
                _rows(case, old_set, crisis, cont.geography, False)
            if cache is not None:
                cache[key] = (treaty_rows, political_rows)
        for rows, inner, out in ((treaty_rows, pairs, outside), (political_rows, ppairs, poutside)):
            for obligor, beneficiary in rows:
                if obligor not in pos:
                    continue
                if beneficiary in pos:
                    inner[c, pos[obligor], pos[beneficiary]] = True
                else:
                    out[c, pos[obligor]] = True
        hit = {h.state for h in crisis.hits} | set(crisis.targets)
        aggr = [interests.index(a) for a in crisis.aggressors if a in interests.states]
        target = interests.index(crisis.target) if crisis.target in interests.states else None

        def felt(i, a):          # threat i feels from a (none from a treaty ally if derived)
            if derived and (interests.states[i], interests.states[a]) in allied:
                return 0.0
            return float(interests.threat[i, a])

        faced = max((felt(target, a) for a in aggr), default=0.0) if target is not None else 0.0
        for r, s in enumerate(states):
            i = idx[r]
            if s in hit:
                stake[c, r] = 1.0
            elif target is not None and aggr:
                # i's interest in the target against this aggressor: the noisy-or of affinity
                # and the share of the target's threat that i shares (Snyder 1984)
                shared = max(felt(i, a) for a in aggr)
                share = min(1.0, shared / faced) if faced > 0 else 0.0
                liking = min(1.0, max(0.0, float(interests.affinity[i, target])))
                stake[c, r] = 1.0 - (1.0 - liking) * (1.0 - share)
            agg_cap = sum(projected[i, a] for a in aggr)
            war_cost[c, r] = agg_cap / (agg_cap + projected[i, i]) if agg_cap > 0 else 0.0
        variants = sum(1 for other in cont.crises if other.target == crisis.target
                       and set(other.aggressors) == set(crisis.aggressors))
        likelihood[c] = faced / variants
        if target is not None:
            crisis_target[c] = pos.get(crisis.target, -1)
            crisis_power[c] = sum(projected[target, a] for a in aggr)
            crisis_own[c] = projected[target, target]
            crisis_allied[c] = sum(projected[target, interests.index(k)]
                                   for (k, b) in sorted(base_defence)
                                   if b == crisis.target and k in interests.states
                                   and k not in crisis.aggressors)
        inside = [adv.index(a) for a in crisis.aggressors if a in adv]
        if len(crisis.aggressors) == 1 and inside:
            crisis_aggressor[c] = inside[0]
    ppairs &= ~pairs
    poutside &= ~outside
    entrapment_cost = likelihood[:, None] * (1.0 - stake) * war_cost

    exposure = interests.exposure[np.ix_(idx, aidx)] * (party_new & ~is_fixed)[:, None]
    history = interests.coercion[np.ix_(idx, aidx)]
    distrust = np.clip(-affinity, 0.0, None) * partner
    np.fill_diagonal(distrust, 0.0)
    dependence = cap * partner
    dependence[np.diag_indices(n)] = own
    autonomy = interests.autonomy[idx].astype(float)

    domestic = np.zeros(n)
    for r, s in enumerate(states):
        st = case.world.states[s]
        limit = st.value("constitutional_limit_collective_defence") or 0.0
        threshold = st.value("ratification_threshold")
        recorded = st.value("legislative_support")
        seats = recorded if recorded is not None else st.value("government_seat_share")
        shortfall = max(0.0, threshold - seats) if threshold is not None and seats is not None \
            else 0.0
        domestic[r] = float(limit) + shortfall

    # autonomy items (Morrow): provisions relative to the baseline
    rules = d.rules
    leaders = [s for s in rules.leadership if s in pos and s not in fixed]
    leadership = np.zeros(n)
    foreign_command = np.zeros(n)
    integrated = any(a.institutions.integrated_command for a in new_agreements) or \
        rules.command == "integrated"
    for r, s in enumerate(states):
        if not party_new[r] or s in fixed:
            continue
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

    founders = () if fixed else tuple(s for s in leaders if party_new[pos[s]])
    provenance = {
        "security": "interests.projected_capability (loss-of-strength), interests.threat; new "
                    "commitments from the design's provisions vs the baseline's treaties; ad hoc "
                    "support weighted by interest (affinity, shared threat)",
        "abandonment": "ad hoc support of new partners lost by a state that stays out",
        "allies": "interest (noisy-or of interests.affinity and shared interests.threat) in "
                  "every other state's security",
        "entrapment": f"casus_foederis on each {cont.mode} contingency, design vs baseline "
                      "(treaty, and political at the political weight); stake = interest in "
                      "the target against the aggressor",
        "coercion": "interests.exposure and interests.coercion (scenario coercion_history)",
        "distrust": "interests.affinity towards new partners, weighted by each one's share of "
                    "the capability defending the state",
        "autonomy": "interests.autonomy; design rules (leadership, command, base control, "
                    "forces abroad) and institutions (basing, access, intelligence, "
                    "technology, exercises)",
        "domestic": "scenario state facts " + ", ".join(DOMESTIC_FACTS),
    }
    return FormationGame(
        design=d.id, states=states, adversaries=adv, crises=crises, founders=founders,
        admission=_admission(rules.admission_rule), binding=binding, own=own,
        base_allied=base_allied, base_allied_interest=base_allied_interest, adhoc=adhoc,
        interest=iota, new_treaty=new_treaty, new_political=new_political, abandon=abandon,
        adversary_capability=adversary_capability, threat=threat, entrapment_pairs=pairs,
        entrapment_outside=outside, political_pairs=ppairs, political_outside=poutside,
        entrapment_cost=entrapment_cost, stake=stake, crisis_target=crisis_target,
        crisis_power=crisis_power, crisis_target_own=crisis_own,
        crisis_target_allied=crisis_allied, crisis_aggressor=crisis_aggressor, exposure=exposure,
        coercion_history=history, distrust=distrust, dependence=dependence,
        autonomy=autonomy, domestic=domestic, new_defence_obligation=new_obligation,
        shared_base_control=shared_base, foreign_forces=foreign_forces,
        basing_rights=basing_rights, foreign_command=foreign_command, leadership=leadership,
        institution_party=party, institution_new=newly, institution_count=count,
        fixed=fixed, contingencies=cont.mode, provenance=provenance)
