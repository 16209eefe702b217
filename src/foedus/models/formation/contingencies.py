"""Contingencies of a membership game: the scenario's crises, or derived from the world.

A scenario names its crises; a historical case (an ATOP alliance, a dyad-year) has none. For
those the contingencies are derived by one rule, stated in ``docs/models/formation.md``:
every invited state is attacked, on its own territory, by every adversary of the case that
threatens it (threat > 0 in the interests layer), and the contingency's likelihood is that
threat - the same likelihood a scenario crisis gets. The adversaries of a case without crises
are the states of its world that are not invited (:func:`derived_adversaries`).

References
----------
Walt, S. M. (1987). The Origins of Alliances. Cornell University Press (threat).
Snyder, G. H. (1984). The security dilemma in alliance politics. World Politics 36(4):
461-495. doi:10.2307/2010183 (contingencies as the source of entrapment).
"""

from __future__ import annotations

from dataclasses import dataclass

from foedus.world.agreements import Asset
from foedus.world.crisis import Crisis, CrisisKind, Hit
from foedus.world.geography import Geography, Place

__all__ = [
    "CONTINGENCY_MODES",
    "Contingencies",
    "allied_pairs",
    "derive_contingencies",
    "derived_adversaries",
    "home_place",
]

CONTINGENCY_MODES = ("auto", "scenario", "derived")
#: Threats below this are treated as no threat when contingencies are derived (numerical
#: zero: the hostility noisy-or and the loss-of-strength gradient leave tiny positive values).
MIN_THREAT = 1e-6


@dataclass(frozen=True)
class Contingencies:
    """The crises a game is evaluated on, the geography to resolve them, and how they arose."""

    crises: tuple[Crisis, ...]
    geography: Geography
    mode: str          # "scenario" or "derived"


def allied_pairs(agreements) -> set[tuple[str, str]]:
    """Unordered pairs (both orders) with a treaty defence provision in force."""
    pairs = set()
    for a in agreements:
        if a.legal_force.value != "treaty":
            continue
        for p in a.provisions:
            if p.obligation.value == "defense":
                pairs.add((p.obligor, p.beneficiary))
                pairs.add((p.beneficiary, p.obligor))
    return pairs


def derived_adversaries(case, states, interests, allied=None) -> tuple[str, ...]:
    """States of the case's world that are not invited and threaten some invited state that
    is not their treaty ally (a treaty ally is not an adversary of the state it is allied to).

    Examples
    --------
    >>> from foedus.scenarios import build_case, load_scenario
    >>> from foedus.interests import compute_interests
    >>> case = build_case(load_scenario("seato-1954"))
    >>> derived_adversaries(case, case.design("manila-pact").invited,
    ...                     compute_interests(case.world))
    ('CHN', 'VNM', 'RUS')
    """
    if allied is None:
        allied = allied_pairs(case.world.agreements_in_force())
    out = []
    for a in interests.states:
        if a in states:
            continue
        j = interests.index(a)
        if any(interests.threat[interests.index(s), j] > MIN_THREAT and (s, a) not in allied
               for s in states if s in interests.states):
            out.append(a)
    return tuple(out)


def home_place(geography: Geography, state: str) -> str | None:
    """The place a state administers that is not inside another place it administers (its
    home territory in the scenario's geography), or ``None``."""
    own = [p for p in geography.places.values() if p.administered_by == state]
    for place in own:
        if not any(geography.administrator(parent) == state for parent in place.within):
            return place.id
    return own[0].id if own else None


def derive_contingencies(case, states, adversaries, interests, allied=None) -> Contingencies:
    """One contingency per (invited state, adversary threatening it that is not its treaty
    ally): an attack on its territory. Places the scenario's geography lacks are added as
    synthetic home territories (inside no treaty area, so that area-limited clauses do not
    cover them).

    Examples
    --------
    >>> from foedus.scenarios import build_case, load_scenario
    >>> from foedus.interests import compute_interests
    >>> case = build_case(load_scenario("seato-1954"))
    >>> ints = compute_interests(case.world)
    >>> c = derive_contingencies(case, ("THA", "PHL"), ("CHN", "VNM"), ints)
    >>> c.mode, c.crises[0].aggressors, c.crises[0].target, c.crises[0].location
    ('derived', ('CHN',), 'THA', 'thailand')
    """
    if allied is None:
        allied = allied_pairs(case.world.agreements_in_force())
    geography = case.world.geography
    extra: list[Place] = []
    crises: list[Crisis] = []
    for target in states:
        if target not in interests.states:
            continue
        t = interests.index(target)
        place = home_place(geography, target)
        if place is None:
            place = f"territory:{target}"
            extra.append(Place(place, f"territory of {target}", (), target, (),
                               "synthetic home territory (derived contingency)"))
        for a in adversaries:
            if a not in interests.states:
                continue
            threat = float(interests.threat[t, interests.index(a)])
            if threat <= MIN_THREAT or (target, a) in allied:
                continue
            crises.append(Crisis(
                id=f"derived:{a}->{target}", name=f"{a} attacks {target}",
                kind=CrisisKind.INVASION, aggressors=(a,), target=target, location=place,
                hits=(Hit(target, Asset.TERRITORY, place),),
                source="derived contingency (docs/models/formation.md: every invited state "
                       "attacked by every adversary that threatens it)"))
    if extra:
        geography = Geography.from_places([*geography.places.values(), *extra])
    return Contingencies(tuple(crises), geography, "derived")
