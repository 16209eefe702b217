"""Designs: proposed alliance architectures as changes to the baseline set of agreements."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from foedus.world.agreements import Agreement, Provision


@dataclass(frozen=True, slots=True)
class DesignRules:
    """The governance of a design (what its advocates and critics argue about)."""

    leadership: tuple[str, ...] = ()
    command: str = "national"        # "national" or "integrated" (a combined command)
    base_control: str = "host"       # "host" or "shared" control of bases used by a foreign member
    forces_abroad: tuple[tuple[str, str], ...] = ()  # (guest, host): guest's forces on host's soil
    burden_sharing: str = ""         # free text, e.g. "2% GDP floor"
    admission_rule: str = "unanimity"  # "unanimity" (members may veto a newcomer) or "open"
    notes: tuple[str, ...] = ()      # the scenario's explanations of the choices above


@dataclass(frozen=True, slots=True)
class AgreementChange:
    """A change to one baseline agreement: new members and/or new provisions."""

    id: str
    members: tuple[str, ...] | None = None
    provisions: tuple[Provision, ...] | None = None
    add_provisions: tuple[Provision, ...] = ()
    note: str = ""

    def apply(self, agreement: Agreement) -> Agreement:
        provisions = agreement.provisions if self.provisions is None else self.provisions
        return replace(
            agreement,
            members=agreement.members if self.members is None else self.members,
            provisions=provisions + self.add_provisions,
        )


@dataclass(frozen=True, slots=True)
class Design:
    """A named architecture: agreements to add, change or remove relative to the baseline."""

    id: str
    name: str
    description: str = ""
    add: tuple[Agreement, ...] = ()
    change: tuple[AgreementChange, ...] = ()
    remove: tuple[str, ...] = ()
    rules: DesignRules = DesignRules()
    invited: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()
    source: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def is_status_quo(self) -> bool:
        return not (self.add or self.change or self.remove)

    def apply(self, baseline: Iterable[Agreement]) -> tuple[Agreement, ...]:
        """The agreements in force under this design.

        Raises ``KeyError`` if a change or removal names an agreement that is not in the
        baseline (the scenario loader turns this into a clear error earlier).
        """
        agreements = {a.id: a for a in baseline}
        for agreement_id in self.remove:
            if agreement_id not in agreements:
                raise KeyError(agreement_id)
            del agreements[agreement_id]
        for change in self.change:
            if change.id not in agreements:
                raise KeyError(change.id)
            agreements[change.id] = change.apply(agreements[change.id])
        for agreement in self.add:
            agreements[agreement.id] = agreement
        return tuple(agreements.values())
