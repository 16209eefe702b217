"""The ``negotiations:`` section of a scenario: who bargains over which issues, from where.

A negotiation lists issues (dimensions scaled 0-100 with labelled ends), the actors (states of
the scenario, or domestic actors declared in the negotiation with a source), each actor's
position on every issue and its salience (share of attention) as sourced values or
distributions, and optionally where the scenario's designs sit on the issues. Capability comes
from the world (COW CINC by default) unless a domestic actor states its own. Models read a
negotiation through :mod:`foedus.models.bargaining.negotiation`; the format is documented in
``docs/scenario-format.md`` and ``docs/models/bargaining.md``.

Example::

    negotiations:
      - id: pact-design
        name: Design of the pact
        issues:
          - {id: depth, name: Depth of the obligation, low: no obligation,
             high: NATO Art. 5 with integrated command, source: ...}
        actors:
          - id: JPN
            positions: {depth: {value: 100, source: "Ishiba, Hudson Institute, 2024-09-25"}}
            salience: {depth: {dist: uniform, low: 0.2, high: 0.6, source: ...}}
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from foedus.scenarios.distributions import Distribution, check_in_domain

__all__ = ["CAPABILITY_INDICATORS", "DesignPointEntry", "DomesticActorEntry", "IssueEntry",
           "NegotiationActorEntry", "NegotiationEntry", "check_negotiations"]

#: World indicators a negotiation may take state capability from (headline figures).
CAPABILITY_INDICATORS = ("cinc", "milex", "gdp")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _as_point(value: Any) -> Any:
    """``{value: 80, source: ...}`` (no ``dist``) means a point value."""
    if isinstance(value, dict) and "dist" not in value and "value" in value:
        return {"dist": "point", **value}
    return value


class IssueEntry(_Model):
    """One issue dimension, scaled 0-100 between two labelled ends."""

    id: str
    name: str
    low: str = Field(description="What a position of 0 means.")
    high: str = Field(description="What a position of 100 means.")
    anchors: dict[float, str] = Field(
        default_factory=dict, description="Labelled intermediate points, e.g. {50: ...}.")
    source: str | None = None


class NegotiationActorEntry(_Model):
    """An actor's position on every issue and its salience (share of attention)."""

    id: str = Field(description="ISO3 of a scenario state, or a domestic actor's id.")
    positions: dict[str, Distribution] = Field(
        description="Issue id -> position on 0-100 (a sourced value or distribution).")
    salience: dict[str, Distribution] = Field(
        default_factory=dict,
        description="Issue id -> share of attention in [0, 1]. Issues left out share the "
                    "attention the stated ones leave, uniformly at random (flat Dirichlet).")
    emphasis: str | None = Field(
        None, description="Issue the actor is on record as caring about most (it gets the "
                          "largest share of the unstated attention).")
    emphasis_source: str | None = None
    notes: str = ""

    @model_validator(mode="before")
    @classmethod
    def _points(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key in ("positions", "salience"):
                if isinstance(data.get(key), dict):
                    data = {**data, key: {k: _as_point(v) for k, v in data[key].items()}}
        return data


class DomesticActorEntry(_Model):
    """An actor that is not a state: a party, a legislature, an agency, a KTAB actor.

    Its capability is either a sourced ``share`` of its state's capability (which the state
    then loses) or a sourced ``capability`` of its own.
    """

    id: str
    name: str
    state: str | None = Field(None, description="ISO3 of the state it belongs to, if any.")
    share: Distribution | None = None
    capability: Distribution | None = None
    source: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _points(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = {**data, **{k: _as_point(data[k]) for k in ("share", "capability")
                               if k in data}}
        return data


class DesignPointEntry(_Model):
    """Where a scenario design sits on the issues it settles (0-100 per issue)."""

    design: str
    position: dict[str, float]
    source: str | None = None


class CollectiveDefenceEntry(_Model):
    """Which outcomes count as collective defence: ``issue`` at or above ``threshold``."""

    issue: str
    threshold: float = Field(ge=0, le=100)
    source: str | None = None


class NegotiationEntry(_Model):
    """One negotiation (see the module docstring)."""

    id: str
    name: str
    description: str = ""
    model: Literal["smp", "eu"] = "smp"
    switches: dict[str, str] = Field(
        default_factory=dict, description="KTAB model switches by KTAB name "
                                          "(VotingRule: Prop, ...); default KTAB's defaults.")
    capability: Literal["cinc", "milex", "gdp"] = Field(
        "cinc", description="World indicator giving each state's capability.")
    issues: list[IssueEntry] = Field(min_length=1)
    actors: list[NegotiationActorEntry] = Field(min_length=3)
    domestic_actors: list[DomesticActorEntry] = Field(default_factory=list)
    designs: list[DesignPointEntry] = Field(default_factory=list)
    collective_defence: CollectiveDefenceEntry | None = None
    source: str | None = None


Fail = Callable[[tuple, str], None]


def check_negotiations(model, fail: Fail, suggest: Callable[[str, Any], str]) -> list[tuple]:
    """Cross-check the negotiations of a validated scenario model.

    ``fail(loc, message)`` raises a :class:`~foedus.errors.ScenarioError` at ``loc``; returns
    the locations of values without a ``source:`` (for the loader's warnings).
    """
    from foedus.errors import ParameterError
    from foedus.models.bargaining.params import SMPSwitches

    states = {s.iso3 for s in model.states}
    designs = {d.id for d in model.designs}
    unsourced: list[tuple] = []
    seen_negotiations: set[str] = set()
    for n, neg in enumerate(model.negotiations):
        base = ("negotiations", n)
        if neg.id in seen_negotiations:
            fail(base + ("id",), f"duplicate negotiation id {neg.id!r}")
        seen_negotiations.add(neg.id)
        try:
            SMPSwitches.from_ktab(neg.switches)
        except ParameterError as exc:
            fail(base + ("switches",), str(exc))
        issue_ids: list[str] = []
        for i, issue in enumerate(neg.issues):
            if issue.id in issue_ids:
                fail(base + ("issues", i, "id"), f"duplicate issue id {issue.id!r}")
            issue_ids.append(issue.id)
            for value in issue.anchors:
                if not 0 <= value <= 100:
                    fail(base + ("issues", i, "anchors"), f"anchor {value:g} is outside 0-100")
        if neg.model == "eu" and len(issue_ids) > 1:
            pass  # the EU model runs issue by issue
        domestic: dict[str, DomesticActorEntry] = {}
        for d, entry in enumerate(neg.domestic_actors):
            loc = base + ("domestic_actors", d)
            if entry.id in domestic or entry.id in states:
                fail(loc + ("id",), f"domestic actor id {entry.id!r} is already used")
            domestic[entry.id] = entry
            if entry.state is not None and entry.state not in states:
                fail(loc + ("state",), f"state {entry.state!r} is not in this scenario's "
                                       f"`states:` list{suggest(entry.state, states)}")
            if (entry.share is None) == (entry.capability is None):
                fail(loc, "give exactly one of `share` (of its state's capability) or "
                          "`capability`")
            if entry.share is not None:
                if entry.state is None:
                    fail(loc + ("share",), "a `share` needs the `state` it is a share of")
                _domain(fail, loc + ("share",), entry.share, "probability")
            if entry.capability is not None:
                _domain(fail, loc + ("capability",), entry.capability, "positive")
            if not entry.source:
                fail(loc + ("source",), "a domestic actor needs a `source:` saying why it is "
                                        "an actor and where its capability comes from")
        actor_ids: set[str] = set()
        for a, actor in enumerate(neg.actors):
            loc = base + ("actors", a)
            if actor.id in actor_ids:
                fail(loc + ("id",), f"duplicate actor {actor.id!r}")
            actor_ids.add(actor.id)
            if actor.id not in states and actor.id not in domestic:
                known = sorted(states | set(domestic))
                fail(loc + ("id",), f"{actor.id!r} is neither a state of this scenario nor a "
                                    "domestic actor declared under `domestic_actors:`"
                                    f"{suggest(actor.id, known)}")
            for issue in issue_ids:
                if issue not in actor.positions:
                    fail(loc + ("positions",), f"no position on issue {issue!r}; give a sourced "
                                               "value, or `{dist: uniform, low: 0, high: 100}` "
                                               "with a note that none was found")
            for key in actor.positions:
                if key not in issue_ids:
                    fail(loc + ("positions", key), f"unknown issue {key!r}"
                                                   f"{suggest(key, issue_ids)}")
                dist = actor.positions[key]
                low, high = dist.support()
                if low < 0 or high > 100:
                    fail(loc + ("positions", key), f"support [{low:g}, {high:g}] leaves the "
                                                   "issue scale 0-100")
                if not dist.source:
                    unsourced.append(loc + ("positions", key))
            lower = 0.0
            for key, dist in actor.salience.items():
                if key not in issue_ids:
                    fail(loc + ("salience", key), f"unknown issue {key!r}"
                                                  f"{suggest(key, issue_ids)}")
                _domain(fail, loc + ("salience", key), dist, "probability")
                lower += dist.support()[0]
                if not dist.source:
                    unsourced.append(loc + ("salience", key))
            if lower > 1.0 + 1e-9:
                fail(loc + ("salience",), f"the stated saliences need at least {lower:g} of the "
                                          "actor's attention; the total must stay <= 1")
            if actor.emphasis is not None:
                if actor.emphasis not in issue_ids:
                    fail(loc + ("emphasis",), f"unknown issue {actor.emphasis!r}")
                if actor.emphasis in actor.salience:
                    fail(loc + ("emphasis",), "the emphasised issue already has a stated "
                                              "salience; drop one of the two")
                if not actor.emphasis_source:
                    fail(loc + ("emphasis_source",), "an emphasis needs a source")
        for d in domestic:
            if d not in actor_ids:
                fail(base + ("domestic_actors",), f"domestic actor {d!r} takes no part; add it "
                                                  "under `actors:` or remove it")
        for p, point in enumerate(neg.designs):
            loc = base + ("designs", p)
            if point.design not in designs:
                fail(loc + ("design",), f"unknown design {point.design!r}"
                                        f"{suggest(point.design, designs)}")
            for key, value in point.position.items():
                if key not in issue_ids:
                    fail(loc + ("position", key), f"unknown issue {key!r}")
                if not 0 <= value <= 100:
                    fail(loc + ("position", key), f"{value:g} is outside 0-100")
        if neg.collective_defence is not None and neg.collective_defence.issue not in issue_ids:
            fail(base + ("collective_defence", "issue"),
                 f"unknown issue {neg.collective_defence.issue!r}")
    return unsourced


def _domain(fail: Fail, loc: tuple, dist, domain: str) -> None:
    try:
        check_in_domain(dist, domain)
    except ValueError as exc:
        fail(loc, str(exc))
