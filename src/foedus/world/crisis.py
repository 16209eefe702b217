"""Crises: who attacks whom, where, and which territories, forces or vessels are hit."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from foedus.world.agreements import Asset


class ThirdPartyAction(StrEnum):
    """What a state that is neither an aggressor nor a target did (or may do) in a crisis.

    The five choices of the crisis model, plus ``did_not_fight`` for sources that record only
    belligerence (the Correlates of War MID data code who joined which side militarily, not
    who supported a side without fighting): it stands for support of either side or staying
    out.
    """

    FIGHT_TARGET = "fight_target"
    SUPPORT_TARGET = "support_target"
    STAY_OUT = "stay_out"
    SUPPORT_AGGRESSOR = "support_aggressor"
    FIGHT_AGGRESSOR = "fight_aggressor"
    DID_NOT_FIGHT = "did_not_fight"


class CrisisKind(StrEnum):
    INVASION = "invasion"
    BLOCKADE = "blockade"
    STRIKE = "strike"
    SEIZURE = "seizure"
    GREY_ZONE = "grey_zone"


@dataclass(frozen=True, slots=True)
class Hit:
    """An attack on one state's asset at one place (e.g. US forces at Kadena, Okinawa)."""

    state: str
    asset: Asset
    place: str
    description: str = ""

    def describe(self) -> str:
        return f"{self.state} {self.asset.value.replace('_', ' ')} at {self.place}"


@dataclass(frozen=True, slots=True)
class Observed:
    """What a third state actually did in a historical crisis, with its source."""

    state: str
    action: ThirdPartyAction
    source: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Crisis:
    """A contingency: aggressors, the target, its kind, location and the hits it involves.

    The target is the state whose territory or assets are the object of the aggression;
    ``hits`` lists every state asset attacked (the target's and any third state's, such as
    US forces in Japan in a Taiwan invasion), which is what treaty triggers look at.
    ``co_targets`` are states on the target's side from the outset (e.g. the other
    originators on side B of a militarized interstate dispute): like the target they do not
    decide, they fight on its side. ``observed`` records, for a historical crisis, what third
    states actually did (an outcome to compare predictions with - never an input of a model);
    ``happened`` marks a crisis that happened without such records (its P(deterred) is still
    reported with its flag).
    """

    id: str
    name: str
    kind: CrisisKind
    aggressors: tuple[str, ...]
    target: str
    location: str
    hits: tuple[Hit, ...]
    source: str = ""
    description: str = ""
    co_targets: tuple[str, ...] = ()
    observed: tuple[Observed, ...] = ()
    happened: bool = False

    @property
    def historical(self) -> bool:
        """Whether the crisis happened: marked ``happened``, or what third states did is
        recorded (``observed``)."""
        return self.happened or bool(self.observed)

    def observed_actions(self) -> dict[str, ThirdPartyAction]:
        """State -> what it did, for a historical crisis (empty otherwise)."""
        return {o.state: o.action for o in self.observed}

    @property
    def targets(self) -> tuple[str, ...]:
        """The target and the co-targets, in that order."""
        return (self.target, *(s for s in self.co_targets if s != self.target))

    @property
    def states_hit(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(h.state for h in self.hits))

    @property
    def parties(self) -> tuple[str, ...]:
        """Aggressors, targets and every state hit, in order of appearance."""
        return tuple(dict.fromkeys(self.aggressors + self.targets + self.states_hit))
