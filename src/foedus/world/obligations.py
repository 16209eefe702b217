"""Casus foederis resolution: who is obliged to do what, under which article, in a crisis.

For a crisis and a set of agreements in force, every directed provision is checked against
every hit of the crisis. A defence provision binds its obligor when an attack on the
beneficiary matches the provision's trigger (asset, area, administering state, named
adversary). Because the check runs over *all* hits, obligations triggered only indirectly
come out exactly: an attack on US forces in Japan activates Art. V of the 1960 US-Japan
treaty for Japan, and - as an armed attack on US forces in the Pacific area - Art. IV/V of
ANZUS for Australia and of the 1951 US-Philippines treaty for the Philippines.

The resolution is deterministic and purely legal: it says who *is obliged*, not who would
act (that is the crisis model's question).

References
----------
Leeds, B. A., Ritter, J. M., Mitchell, S. M., & Long, A. G. (2002). Alliance Treaty
Obligations and Provisions, 1815-1944. International Interactions 28(3), 237-260.
https://doi.org/10.1080/03050620213653 (obligation types and their conditions).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from foedus.world.agreements import Agreement, Event, Obligation, Provision, Trigger
from foedus.world.crisis import Crisis, Hit
from foedus.world.geography import Geography

COLUMNS = [
    "crisis", "design", "obligor", "obligation", "beneficiary", "agreement", "agreement_name",
    "article", "legal_force", "status", "qualifier", "trigger", "activated_by", "direct",
]


@dataclass(frozen=True, slots=True)
class ObligationRow:
    """One activated obligation."""

    crisis: str
    design: str
    obligor: str
    obligation: Obligation
    beneficiary: str
    agreement: str
    agreement_name: str
    article: str
    legal_force: str
    status: str            # "activated" or, for non-aggression, "breached"
    qualifier: str
    trigger: str
    activated_by: str      # the hits (or crisis location) that activated it
    direct: bool           # beneficiary is the crisis target (or a co-target)


@dataclass(frozen=True)
class ObligationMap:
    """All obligations a crisis activates under one design.

    Use :meth:`to_frame` for a tidy table, :meth:`obliged` for the set of obligors.
    """

    crisis: str
    design: str
    rows: tuple[ObligationRow, ...]

    def to_frame(self) -> pd.DataFrame:
        frame = pd.DataFrame([_asdict(r)
                              for r in self.rows], columns=COLUMNS)
        frame["obligation"] = frame["obligation"].astype(str)
        return frame

    def obliged(
        self,
        obligation: Obligation = Obligation.DEFENSE,
        *,
        legal_force: str | None = "treaty",
        beneficiary: str | None = None,
    ) -> frozenset[str]:
        """States obliged to ``obligation`` (by default: defence under a treaty)."""
        return frozenset(
            r.obligor
            for r in self.rows
            if r.obligation is obligation
            and (legal_force is None or r.legal_force == legal_force)
            and (beneficiary is None or r.beneficiary == beneficiary)
            and r.status == "activated"
        )

    def articles(self, obligor: str, obligation: Obligation = Obligation.DEFENSE) -> list[str]:
        """'agreement article' labels under which ``obligor`` owes ``obligation``."""
        return [f"{r.agreement} {r.article}" for r in self.rows
                if r.obligor == obligor and r.obligation is obligation]


def _asdict(row: ObligationRow) -> dict:
    return {name: getattr(row, name) for name in COLUMNS}


def hit_matches(trigger: Trigger, hit: Hit, crisis: Crisis, geography: Geography,
                beneficiary: str) -> bool:
    """Whether an attack (``hit``) on ``beneficiary`` satisfies ``trigger``'s conditions.

    Examples
    --------
    >>> from foedus.world.geography import Place
    >>> from foedus.world.agreements import Asset
    >>> from foedus.world.crisis import CrisisKind
    >>> geo = Geography.from_places([Place("pacific", "Pacific"),
    ...     Place("okinawa", "Okinawa", within=("pacific",), administered_by="JPN")])
    >>> hit = Hit("USA", Asset.FORCES, "okinawa")
    >>> crisis = Crisis("c", "c", CrisisKind.STRIKE, ("CHN",), "USA", "okinawa", (hit,))
    >>> hit_matches(Trigger(administered_by="JPN"), hit, crisis, geo, "USA")
    True
    >>> hit_matches(Trigger(administered_by="beneficiary"), hit, crisis, geo, "USA")
    False
    """
    if hit.state != beneficiary or hit.asset not in trigger.assets:
        return False
    if trigger.area and not geography.within_any(hit.place, trigger.area):
        return False
    if trigger.administered_by is not None:
        required = beneficiary if trigger.administered_by == "beneficiary" else trigger.administered_by
        if geography.administrator(hit.place) != required:
            return False
    return not (trigger.aggressors and not set(trigger.aggressors) & set(crisis.aggressors))


def _activation(provision: Provision, crisis: Crisis, geography: Geography) -> str | None:
    """What activates ``provision`` in ``crisis`` (a description), or ``None``."""
    trigger = provision.trigger
    beneficiary = provision.beneficiary
    if provision.obligation is Obligation.NONAGGRESSION:
        if provision.obligor in crisis.aggressors and beneficiary in crisis.states_hit:
            return f"{provision.obligor} attacks {beneficiary}"
        return None
    if provision.obligor in crisis.aggressors:
        return None  # an aggressor's pledges to its victims or their allies are not activated
    if provision.obligation is Obligation.OFFENSE:
        if beneficiary in crisis.aggressors and (
            not trigger.area or geography.within_any(crisis.location, trigger.area)
        ):
            return f"{beneficiary} is an aggressor"
        return None
    if trigger.event is Event.INVOLVEMENT:
        if beneficiary in crisis.parties:
            role = "aggressor" if beneficiary in crisis.aggressors else "attacked"
            return f"{beneficiary} is a party ({role})"
        return None
    hits = [h.describe() for h in crisis.hits
            if hit_matches(trigger, h, crisis, geography, beneficiary)]
    if hits:
        return "; ".join(hits)
    if trigger.event is Event.THREAT and trigger.crisis_area and geography.within_any(
        crisis.location, trigger.crisis_area
    ):
        return f"crisis at {crisis.location}"
    return None


def casus_foederis(
    agreements: Iterable[Agreement],
    crisis: Crisis,
    geography: Geography,
    date: dt.date,
    *,
    design: str = "status-quo",
) -> ObligationMap:
    """Resolve which obligations ``crisis`` activates among the agreements in force on ``date``.

    Parameters
    ----------
    agreements : iterable of Agreement
        The agreements of the design being examined (in force or not: those not in force on
        ``date`` are skipped).
    crisis : Crisis
    geography : Geography
        Places referenced by the crisis and the agreements' triggers.
    date : datetime.date
        The date at which agreements must be in force.
    design : str
        Label of the design, carried into the result.

    Returns
    -------
    ObligationMap
        One row per activated (obligor, obligation, beneficiary, agreement, article).

    Examples
    --------
    >>> import datetime as dt
    >>> from foedus.world.agreements import Agreement, AgreementKind, Asset, Provision, Trigger
    >>> from foedus.world.crisis import CrisisKind
    >>> from foedus.world.geography import Place
    >>> geo = Geography.from_places([Place("pacific", "Pacific"),
    ...     Place("luzon", "Luzon", within=("pacific",), administered_by="PHL")])
    >>> treaty = Agreement("usa-phl", "MDT", AgreementKind.TREATY_ALLIANCE, ("USA", "PHL"),
    ...     (Provision(Obligation.DEFENSE, "USA", "PHL", "Art. IV", Trigger(area=("pacific",))),),
    ...     in_force=dt.date(1952, 8, 27))
    >>> crisis = Crisis("c", "c", CrisisKind.INVASION, ("CHN",), "PHL", "luzon",
    ...     (Hit("PHL", Asset.TERRITORY, "luzon"),))
    >>> sorted(casus_foederis([treaty], crisis, geo, dt.date(2024, 12, 15)).obliged())
    ['USA']
    """
    seen: dict[tuple, ObligationRow] = {}
    for agreement in agreements:
        if not agreement.is_in_force(date):
            continue
        for provision in agreement.provisions:
            activated_by = _activation(provision, crisis, geography)
            if activated_by is None:
                continue
            key = (provision.obligor, provision.obligation, provision.beneficiary,
                   agreement.id, provision.article)
            if key in seen:
                continue
            seen[key] = ObligationRow(
                crisis=crisis.id,
                design=design,
                obligor=provision.obligor,
                obligation=provision.obligation,
                beneficiary=provision.beneficiary,
                agreement=agreement.id,
                agreement_name=agreement.name,
                article=provision.article,
                legal_force=agreement.legal_force.value,
                status="breached" if provision.obligation is Obligation.NONAGGRESSION
                else "activated",
                qualifier=provision.qualifier,
                trigger=provision.trigger.describe(),
                activated_by=activated_by,
                direct=provision.beneficiary in crisis.targets,
            )
    order = {o: i for i, o in enumerate(Obligation)}
    rows = sorted(seen.values(), key=lambda r: (order[r.obligation], r.obligor, r.beneficiary,
                                                r.agreement, r.article))
    return ObligationMap(crisis.id, design, tuple(rows))
