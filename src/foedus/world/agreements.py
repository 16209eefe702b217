"""Agreements as directed provisions with trigger conditions (ATOP-style, text-exact scope).

Each provision binds one *obligor* towards one *beneficiary* (so asymmetric treaties such as
the 1960 US-Japan treaty are exact) to one of the five ATOP obligations, under a
:class:`Trigger` that says which events activate it. Non-treaty arrangements (access
agreements, intelligence pacts, minilateral groupings, exercises, domestic laws) are
agreements too, with at most political consultation commitments and never a defence
obligation.

References
----------
Leeds, B. A., Ritter, J. M., Mitchell, S. M., & Long, A. G. (2002). Alliance Treaty
Obligations and Provisions, 1815-1944. International Interactions 28(3), 237-260.
https://doi.org/10.1080/03050620213653
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Obligation(StrEnum):
    """The five ATOP obligation types."""

    DEFENSE = "defense"
    OFFENSE = "offense"
    NEUTRALITY = "neutrality"
    NONAGGRESSION = "nonaggression"
    CONSULTATION = "consultation"


class AgreementKind(StrEnum):
    """Kinds of arrangement (those of the Indo-Pacific fact base, plus ``proposed_treaty``)."""

    TREATY_ALLIANCE = "treaty_alliance"
    TREATY_FRIENDSHIP = "treaty_friendship"
    PROPOSED_TREATY = "proposed_treaty"
    DOMESTIC_LAW = "domestic_law"
    POLITICAL_ARRANGEMENT = "political_arrangement"
    POLITICAL_DECLARATION = "political_declaration"
    INSTITUTIONAL_AGREEMENT = "institutional_agreement"
    ACCESS_SOFA = "access_sofa"
    LOGISTICS = "logistics"
    INTEL_SHARING = "intel_sharing"
    COMMAND_STRUCTURE = "command_structure"
    MINILATERAL = "minilateral"
    EXERCISE = "exercise"


TREATY_KINDS = frozenset(
    {AgreementKind.TREATY_ALLIANCE, AgreementKind.TREATY_FRIENDSHIP, AgreementKind.PROPOSED_TREATY}
)


class LegalForce(StrEnum):
    """How binding a provision is: a ratified treaty, or a political commitment."""

    TREATY = "treaty"
    POLITICAL = "political"


class Event(StrEnum):
    """What activates a provision.

    ``armed_attack``
        An attack on the beneficiary's assets (territory, forces, vessels, aircraft)
        matching the trigger's filters.
    ``threat``
        As ``armed_attack`` (any asset), or a crisis located in one of ``crisis_area``.
    ``involvement``
        The beneficiary is a party to the crisis, as aggressor or as a state hit.
    """

    ARMED_ATTACK = "armed_attack"
    THREAT = "threat"
    INVOLVEMENT = "involvement"


class Asset(StrEnum):
    """What an attack hits."""

    TERRITORY = "territory"
    FORCES = "forces"
    PUBLIC_VESSELS = "public_vessels"
    AIRCRAFT = "aircraft"


ALL_ASSETS = frozenset(Asset)


@dataclass(frozen=True, slots=True)
class Trigger:
    """The condition (casus foederis) under which a provision binds.

    Parameters
    ----------
    event : Event
        Kind of activating event.
    assets : frozenset of Asset
        Which of the beneficiary's assets count when attacked.
    area : tuple of str
        The attacked asset must be within one of these places (empty: anywhere).
    administered_by : str or None
        ``"beneficiary"`` (the place must be administered by the beneficiary), an ISO3 code
        (administered by that state, e.g. ``"JPN"`` for US-Japan Art. V), or ``None``.
    aggressors : tuple of str
        Named adversaries; empty means any attacker.
    crisis_area : tuple of str
        For ``threat``: a crisis located in one of these areas also activates the provision.
    """

    event: Event = Event.ARMED_ATTACK
    assets: frozenset[Asset] = ALL_ASSETS
    area: tuple[str, ...] = ()
    administered_by: str | None = None
    aggressors: tuple[str, ...] = ()
    crisis_area: tuple[str, ...] = ()

    def describe(self) -> str:
        """A short human-readable account of the condition."""
        parts = [self.event.value.replace("_", " ")]
        if self.event is not Event.INVOLVEMENT and self.assets != ALL_ASSETS:
            parts.append("on " + "/".join(sorted(a.value for a in self.assets)))
        if self.area:
            parts.append("in " + "/".join(self.area))
        if self.administered_by:
            parts.append(f"administered by {self.administered_by}")
        if self.aggressors:
            parts.append("by " + "/".join(self.aggressors))
        if self.crisis_area:
            parts.append("or crisis in " + "/".join(self.crisis_area))
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Provision:
    """One directed obligation: ``obligor`` owes ``obligation`` to ``beneficiary``."""

    obligation: Obligation
    obligor: str
    beneficiary: str
    article: str
    trigger: Trigger = Trigger()
    qualifier: str = ""


@dataclass(frozen=True, slots=True)
class Institutions:
    """Institutional depth of an agreement (cf. Leeds & Anac 2005; Benson & Clinton 2016)."""

    integrated_command: bool = False
    nuclear_sharing: bool = False
    basing: tuple[tuple[str, str], ...] = ()  # (host, user) pairs: user's forces on host's soil
    access_rights: bool = False
    intelligence_sharing: bool = False
    technology_sharing: bool = False
    standing_exercises: bool = False
    bodies: str = ""


@dataclass(frozen=True, slots=True)
class Agreement:
    """An arrangement between states, with its provisions, dates and institutions."""

    id: str
    name: str
    kind: AgreementKind
    members: tuple[str, ...]
    provisions: tuple[Provision, ...] = ()
    signed: dt.date | None = None
    in_force: dt.date | None = None
    ended: dt.date | None = None
    atop_id: int | None = None
    institutions: Institutions = Institutions()
    status_note: str = ""
    source: str = ""
    confidence: str = ""
    attributes: tuple[tuple[str, str], ...] = field(default=())

    @property
    def legal_force(self) -> LegalForce:
        """Treaties bind legally; everything else is at most a political commitment."""
        return LegalForce.TREATY if self.kind in TREATY_KINDS else LegalForce.POLITICAL

    def is_in_force(self, date: dt.date) -> bool:
        """Whether the agreement is in force on ``date`` (in force, and not ended by then)."""
        if self.in_force is None or self.in_force > date:
            return False
        return self.ended is None or self.ended > date

    def provisions_of(self, obligation: Obligation) -> tuple[Provision, ...]:
        return tuple(p for p in self.provisions if p.obligation is obligation)

    def obliges(self, obligor: str, beneficiary: str, obligation: Obligation) -> bool:
        """Whether any provision binds ``obligor`` to ``beneficiary`` for ``obligation``."""
        return any(
            p.obligor == obligor and p.beneficiary == beneficiary and p.obligation is obligation
            for p in self.provisions
        )

    def without_member(self, iso3: str) -> Agreement:
        """The same agreement with ``iso3`` and its provisions removed (counterfactuals)."""
        return replace(
            self,
            members=tuple(m for m in self.members if m != iso3),
            provisions=tuple(
                p for p in self.provisions if iso3 not in (p.obligor, p.beneficiary)
            ),
        )


def collective_provisions(
    members: tuple[str, ...],
    obligation: Obligation,
    article: str,
    trigger: Trigger,
    qualifier: str = "",
) -> tuple[Provision, ...]:
    """Expand a collective clause ("an attack on one is an attack on all") to directed pairs.

    Examples
    --------
    >>> ps = collective_provisions(("USA", "JPN", "AUS"), Obligation.DEFENSE, "Art. 5", Trigger())
    >>> len(ps), ps[0].obligor, ps[0].beneficiary
    (6, 'USA', 'JPN')
    """
    return tuple(
        Provision(obligation, a, b, article, trigger, qualifier)
        for a in members
        for b in members
        if a != b
    )
