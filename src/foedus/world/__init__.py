"""The world model: states, relations, agreements, designs, crises and their obligations.

Frozen, typed objects with no I/O. Build a :class:`World` from a scenario with
:func:`foedus.scenarios.build_world`.
"""

from foedus.world.agreements import (
    Agreement,
    AgreementKind,
    Asset,
    Event,
    Institutions,
    LegalForce,
    Obligation,
    Provision,
    Trigger,
    collective_provisions,
)
from foedus.world.crisis import Crisis, CrisisKind, Hit, Observed, ThirdPartyAction
from foedus.world.design import AgreementChange, Design, DesignRules
from foedus.world.geography import Geography, Place
from foedus.world.obligations import ObligationMap, casus_foederis
from foedus.world.state import Indicator, State
from foedus.world.world import Relations, World

__all__ = [
    "Agreement", "AgreementChange", "AgreementKind", "Asset", "Crisis", "CrisisKind", "Design",
    "DesignRules", "Event", "Geography", "Hit", "Indicator", "Institutions", "LegalForce",
    "Obligation", "ObligationMap", "Observed", "Place", "Provision", "Relations", "State",
    "ThirdPartyAction", "Trigger", "World", "casus_foederis", "collective_provisions",
]
