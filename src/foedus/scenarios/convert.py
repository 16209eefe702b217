"""Turn validated scenario entries into world-model objects (no I/O)."""

from __future__ import annotations

from collections.abc import Sequence

from foedus.scenarios.schema import (
    AgreementEntry,
    CrisisEntry,
    DesignEntry,
    ProvisionEntry,
    ScenarioModel,
    TriggerEntry,
)
from foedus.world.agreements import (
    ALL_ASSETS,
    Agreement,
    Institutions,
    Provision,
    Trigger,
)
from foedus.world.crisis import Crisis, Hit, Observed
from foedus.world.design import AgreementChange, Design, DesignRules
from foedus.world.geography import Geography, Place

STATUS_QUO = "status-quo"


def geography(model: ScenarioModel) -> Geography:
    return Geography.from_places(
        Place(p.id, p.name, tuple(p.within), p.administered_by, tuple(p.claimed_by),
              p.source or "")
        for p in model.places
    )


def trigger(entry: TriggerEntry) -> Trigger:
    return Trigger(
        event=entry.event,
        assets=frozenset(entry.assets) if entry.assets else ALL_ASSETS,
        area=tuple(entry.area),
        administered_by=entry.administered_by,
        aggressors=tuple(entry.aggressors),
        crisis_area=tuple(entry.crisis_area),
    )


def provisions(entries: Sequence[ProvisionEntry], members: Sequence[str]) -> tuple[Provision, ...]:
    """Expand provision entries (``from``/``to`` lists or ``all``) to directed provisions."""
    out: list[Provision] = []
    for entry in entries:
        obligors = list(members) if entry.from_ == "all" else entry.from_
        beneficiaries = list(members) if entry.to == "all" else entry.to
        t = trigger(entry.trigger)
        out.extend(
            Provision(entry.obligation, a, b, entry.article, t, entry.qualifier)
            for a in obligors for b in beneficiaries if a != b
        )
    return tuple(out)


def agreement(entry: AgreementEntry, extra: Sequence[Provision] = ()) -> Agreement:
    inst = entry.institutions
    return Agreement(
        id=entry.id,
        name=entry.name,
        kind=entry.kind,
        members=tuple(entry.members),
        provisions=provisions(entry.provisions, entry.members) + tuple(extra),
        signed=entry.signed,
        in_force=entry.in_force,
        ended=entry.ended,
        atop_id=entry.atop_id,
        institutions=Institutions(
            integrated_command=inst.integrated_command,
            nuclear_sharing=inst.nuclear_sharing,
            basing=tuple((b.host, b.user) for b in inst.basing),
            access_rights=inst.access_rights,
            intelligence_sharing=inst.intelligence_sharing,
            technology_sharing=inst.technology_sharing,
            standing_exercises=inst.standing_exercises,
            bodies=inst.bodies,
        ),
        status_note=entry.status_note,
        source=entry.source or "",
        confidence=entry.confidence,
    )


def design(entry: DesignEntry, baseline: dict[str, Agreement]) -> Design:
    changes = []
    for change in entry.change:
        members = tuple(change.members) if change.members is not None else baseline[change.id].members
        changes.append(AgreementChange(
            id=change.id,
            members=tuple(change.members) if change.members is not None else None,
            provisions=provisions(change.provisions, members) if change.provisions is not None
            else None,
            add_provisions=provisions(change.add_provisions, members),
            note=change.note,
        ))
    rules = entry.rules
    return Design(
        id=entry.id,
        name=entry.name,
        description=entry.description,
        add=tuple(agreement(a) for a in entry.add),
        change=tuple(changes),
        remove=tuple(entry.remove),
        rules=DesignRules(
            leadership=tuple(rules.leadership),
            command=rules.command,
            base_control=rules.base_control,
            forces_abroad=tuple((b.user, b.host) for b in rules.forces_abroad),
            burden_sharing=rules.burden_sharing,
            admission_rule=rules.admission_rule,
            notes=tuple(n for n in (rules.command_note, rules.base_control_note,
                                    rules.admission_note) if n),
        ),
        invited=tuple(entry.invited),
        caveats=tuple(entry.caveats),
        source=entry.source or "",
    )


def designs(model: ScenarioModel, baseline: Sequence[Agreement]) -> tuple[Design, ...]:
    """The scenario's designs, with an implicit status quo first if none is declared."""
    table = {a.id: a for a in baseline}
    out = [design(d, table) for d in model.designs]
    if not any(d.is_status_quo for d in out):
        out.insert(0, Design(STATUS_QUO, "Status quo", "The baseline agreements unchanged."))
    return tuple(out)


def crisis(entry: CrisisEntry) -> Crisis:
    return Crisis(
        id=entry.id,
        name=entry.name,
        kind=entry.kind,
        aggressors=tuple(entry.aggressors),
        target=entry.target,
        co_targets=tuple(entry.co_targets),
        location=entry.location,
        hits=tuple(Hit(h.state, h.asset, h.place, h.description) for h in entry.hits),
        source=entry.source or "",
        description=entry.description,
        observed=tuple(Observed(state, o.action, o.source, o.note)
                       for state, o in entry.observed.items()),
        happened=entry.happened,
    )


def crises(model: ScenarioModel) -> tuple[Crisis, ...]:
    return tuple(crisis(c) for c in model.crises)
