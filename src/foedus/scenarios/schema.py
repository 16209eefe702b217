"""The scenario file format (YAML), as pydantic models; JSON Schema via :func:`json_schema`.

A scenario names its date, states, places, the agreements in force (written out, or by
reference to ATOP), proposed designs, crises, and model parameters as distributions. Every
value set by judgement carries a ``source:``; the loader warns where one is missing.
See ``docs/scenario-format.md`` for a worked example.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from foedus.scenarios.distributions import Distribution
from foedus.scenarios.negotiations import NegotiationEntry
from foedus.world.agreements import AgreementKind, Asset, Event, Obligation
from foedus.world.crisis import CrisisKind, ThirdPartyAction

ISO3 = str  # checked against the crosswalk by the loader (with suggestions)


class _Model(BaseModel):
    # NaN and infinity are never a figure a scenario can mean: refused everywhere
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              allow_inf_nan=False)


class Fact(_Model):
    """A figure set in the scenario (overriding or supplementing the data), with its source."""

    value: float
    unit: str = ""
    year: int | None = None
    source: str | None = None


class StateEntry(_Model):
    iso3: ISO3 = Field(description="ISO 3166 alpha-3 code (or a scenario code with `ccode`).")
    ccode: int | None = Field(None, description="COW code; needed only for states with no ISO3.")
    name: str | None = None
    facts: dict[str, Fact] = Field(default_factory=dict)
    prefer: dict[str, str] = Field(
        default_factory=dict,
        description="Per headline figure, which data set to use, e.g. {milex: cow_nmc}.")
    notes: str = ""
    source: str | None = None


class DyadEntry(_Model):
    """Sourced facts about a pair of states (e.g. a coercion-history flag, a trade share the
    data lack). ``directed: false`` (default) applies each fact in both directions."""

    a: ISO3
    b: ISO3
    directed: bool = False
    facts: dict[str, Fact] = Field(min_length=1)
    notes: str = ""


class PlaceEntry(_Model):
    id: str
    name: str
    within: list[str] = Field(default_factory=list)
    administered_by: ISO3 | None = None
    claimed_by: list[ISO3] = Field(default_factory=list)
    source: str | None = None


class TriggerEntry(_Model):
    event: Event = Event.ARMED_ATTACK
    assets: list[Asset] | None = None
    area: list[str] = Field(default_factory=list)
    administered_by: str | None = None
    aggressors: list[ISO3] = Field(default_factory=list)
    crisis_area: list[str] = Field(default_factory=list)


class ProvisionEntry(_Model):
    """A directed provision; ``from``/``to`` lists expand to every ordered pair (a != b)."""

    obligation: Obligation
    from_: list[ISO3] | Literal["all"] = Field("all", alias="from")
    to: list[ISO3] | Literal["all"] = "all"
    article: str
    trigger: TriggerEntry = TriggerEntry()
    qualifier: str = ""


class BasingEntry(_Model):
    host: ISO3
    user: ISO3


class InstitutionsEntry(_Model):
    integrated_command: bool = False
    nuclear_sharing: bool = False
    basing: list[BasingEntry] = Field(default_factory=list)
    access_rights: bool = False
    intelligence_sharing: bool = False
    technology_sharing: bool = False
    standing_exercises: bool = False
    bodies: str = ""


class AgreementEntry(_Model):
    id: str
    name: str
    kind: AgreementKind
    members: list[ISO3]
    provisions: list[ProvisionEntry] = Field(default_factory=list)
    signed: dt.date | None = None
    in_force: dt.date | None = None
    ended: dt.date | None = None
    atop_id: int | None = None
    provisions_from_atop: bool = Field(
        False, description="Build the provisions from the shipped ATOP member file.")
    institutions: InstitutionsEntry = InstitutionsEntry()
    status_note: str = ""
    confidence: str = ""
    source: str | None = None


class AgreementChangeEntry(_Model):
    id: str
    members: list[ISO3] | None = None
    provisions: list[ProvisionEntry] | None = None
    add_provisions: list[ProvisionEntry] = Field(default_factory=list)
    note: str = ""


class DesignRulesEntry(_Model):
    """Governance of a design; the categorical fields are what models read, the notes are
    for people."""

    leadership: list[ISO3] = Field(default_factory=list)
    command: Literal["national", "integrated"] = Field(
        "national", description="national: each member commands its own forces; integrated: "
                                "a combined command (led by `leadership`).")
    command_note: str = ""
    base_control: Literal["host", "shared"] = Field(
        "host", description="Who controls bases used by a foreign member: the host, or shared.")
    base_control_note: str = ""
    forces_abroad: list[BasingEntry] = Field(default_factory=list)
    burden_sharing: str = ""
    admission_rule: Literal["unanimity", "open"] = Field(
        "unanimity", description="unanimity: every member may veto a newcomer; open: any "
                                 "invited state may join.")
    admission_note: str = ""


class DesignEntry(_Model):
    id: str
    name: str
    description: str = ""
    invited: list[ISO3] = Field(default_factory=list)
    add: list[AgreementEntry] = Field(default_factory=list)
    change: list[AgreementChangeEntry] = Field(default_factory=list)
    remove: list[str] = Field(default_factory=list)
    rules: DesignRulesEntry = DesignRulesEntry()
    caveats: list[str] = Field(default_factory=list)
    source: str | None = None


class HitEntry(_Model):
    state: ISO3
    asset: Asset
    place: str
    description: str = ""


class ObservedEntry(_Model):
    """What a third state did in a historical crisis: an outcome to compare with, never an
    input of a model."""

    action: ThirdPartyAction
    source: str = Field(min_length=1, description="Where the record comes from.")
    note: str = ""


class CrisisEntry(_Model):
    id: str
    name: str
    kind: CrisisKind
    aggressors: list[ISO3] = Field(min_length=1)
    target: ISO3
    co_targets: list[ISO3] = Field(
        default_factory=list,
        description="States on the target's side from the outset (they fight, not decide).")
    location: str
    hits: list[HitEntry] = Field(min_length=1)
    observed: dict[ISO3, ObservedEntry] = Field(
        default_factory=dict,
        description="For a crisis that happened: what each third state did (fight_target, "
                    "support_target, stay_out, support_aggressor, fight_aggressor, or "
                    "did_not_fight where the record does not say), with its source.")
    happened: bool = Field(
        default=False,
        description="The crisis happened (the aggressor acted), whether or not what third "
                    "states did is recorded under `observed`: P(deterred) is then reported "
                    "with its flag. A crisis with `observed` records happened.")
    description: str = ""
    source: str | None = None


class ScenarioModel(_Model):
    """The whole scenario file."""

    id: str
    title: str
    date: dt.date
    description: str = ""
    sources: dict[str, str] = Field(
        default_factory=dict, description="Bibliography: key -> full reference.")
    states: list[StateEntry] = Field(min_length=1)
    dyads: list[DyadEntry] = Field(default_factory=list)
    places: list[PlaceEntry] = Field(default_factory=list)
    agreements: list[AgreementEntry] = Field(default_factory=list)
    designs: list[DesignEntry] = Field(default_factory=list)
    crises: list[CrisisEntry] = Field(default_factory=list)
    parameters: dict[str, Distribution] = Field(default_factory=dict)
    parameter_set: str | None = Field(
        None, description="A named parameter set (shipped name, or a file relative to this "
                          "scenario) under the scenario's own `parameters:`; `foedus ... "
                          "--parameters` overrides it.")
    negotiations: list[NegotiationEntry] = Field(
        default_factory=list, description="Bargaining over a design (docs/models/bargaining.md).")
    capability: Literal["cinc", "milex", "milstock", "nmc_weighted", "gdp_gdppc"] | None = \
        Field(None, description="The capability measure every model uses "
                                "(docs/models/interests.md): cinc, milex, milstock, nmc_weighted "
                                "or gdp_gdppc; default: foedus's, chosen by the dispute-outcome "
                                "scores.")

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not value or any(c.isspace() for c in value):
            raise ValueError("expected a slug without spaces, e.g. asian-nato-2024")
        return value


def json_schema() -> dict:
    """The JSON Schema of the scenario format (for editors and validators).

    Examples
    --------
    >>> json_schema()["title"]
    'ScenarioModel'
    """
    return ScenarioModel.model_json_schema(by_alias=True)
