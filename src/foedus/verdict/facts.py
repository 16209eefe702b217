"""Scenario facts: listing them, switching them off, and recording which ones a model reads.

A *scenario fact* is a sourced value written in a scenario under ``states[].facts`` (a state
fact, e.g. India's ``nonalignment_doctrine``) or ``dyads[].facts`` (a dyad fact, e.g.
``coercion_history`` of Korea by China). Models read state facts through
``world.states[s].value(name)`` (or the state's ``indicators`` mapping) and dyad facts through
the relations table (``world.relations.matrix`` / ``.value``).

*Switching a fact off* (:func:`without_facts`) rebuilds the case from the scenario without
it: the state or dyad then has no such fact, exactly as in a scenario that never wrote it
(a flag counts as absent, a fact that replaced a data value gives the data value back).

*Recording reads* (:func:`recording_case`): the assessor runs on a copy of the case whose
states record every indicator looked up, and whose relations record the indicators asked
for by name; a model that reads the relations table directly is recorded as having possibly
read every dyad fact (the machinery then switches them off to see whether they matter).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import numpy as np

from foedus.world.world import Relations

__all__ = ["FactRef", "ReadLog", "memo_case", "recording_case", "scenario_facts",
           "without_facts"]


@dataclass(frozen=True, order=True)
class FactRef:
    """One scenario fact: ``kind`` ``"state"`` (``states = (iso3,)``) or ``"dyad"``
    (``states = (a, b)``; both directions when not ``directed``).

    Examples
    --------
    >>> str(FactRef("state", "nonalignment_doctrine", ("IND",)))
    'IND nonalignment_doctrine'
    >>> str(FactRef("dyad", "coercion_history", ("KOR", "CHN")))
    'KOR->CHN coercion_history'
    """

    kind: str
    name: str
    states: tuple[str, ...]
    directed: bool = True
    value: float = field(default=float("nan"), compare=False)
    source: str = field(default="", compare=False)

    def __str__(self) -> str:
        if self.kind == "state":
            return f"{self.states[0]} {self.name}"
        arrow = "->" if self.directed else "-"
        return f"{self.states[0]}{arrow}{self.states[1]} {self.name}"

    def pairs(self) -> tuple[tuple[str, str], ...]:
        """The ordered pairs a dyad fact applies to."""
        a, b = self.states
        return ((a, b),) if self.directed else ((a, b), (b, a))


def scenario_facts(scenario) -> list[FactRef]:
    """Every state and dyad fact written in ``scenario`` (a loaded scenario).

    Examples
    --------
    >>> from foedus.scenarios import load_scenario
    >>> facts = scenario_facts(load_scenario("asian-nato-2024"))
    >>> [str(f) for f in facts if f.states[0] == "IND"]
    ['IND nonalignment_doctrine']
    """
    model = scenario.model
    out = [FactRef("state", name, (s.iso3,), True, float(fact.value), fact.source or "")
           for s in model.states for name, fact in s.facts.items()]
    out += [FactRef("dyad", name, (d.a, d.b), bool(d.directed), float(fact.value),
                    fact.source or "")
            for d in model.dyads for name, fact in d.facts.items()]
    return out


def without_facts(case, facts: Iterable[FactRef]):
    """``case`` rebuilt from its scenario without ``facts`` (same parameter set, overrides).

    Examples
    --------
    >>> from foedus.scenarios import build_case, load_scenario
    >>> case = build_case(load_scenario("asian-nato-2024"))
    >>> off = without_facts(case, [FactRef("state", "nonalignment_doctrine", ("IND",))])
    >>> case.world.states["IND"].value("nonalignment_doctrine"), \\
    ...     off.world.states["IND"].value("nonalignment_doctrine")
    (1.0, None)
    """
    from foedus.scenarios.build import build_case

    drop = {(f.kind, f.name, f.states) for f in facts}
    if not drop:
        return case
    model = case.scenario.model
    states = [s.model_copy(update={"facts": {k: v for k, v in s.facts.items()
                                             if ("state", k, (s.iso3,)) not in drop}})
              for s in model.states]
    dyads = [d.model_copy(update={"facts": {k: v for k, v in d.facts.items()
                                            if ("dyad", k, (d.a, d.b)) not in drop}})
             for d in model.dyads]
    scenario = dataclasses.replace(case.scenario, model=model.model_copy(
        update={"states": states, "dyads": dyads}))
    rebuilt = build_case(scenario, parameter_set=case.parameter_set)
    return memo_case(dataclasses.replace(rebuilt, overrides=case.overrides))


@dataclass
class ReadLog:
    """What a model looked up while it ran on a recording case."""

    state: set[tuple[str, str]] = field(default_factory=set)       # (iso3, name)
    dyad: set[str] = field(default_factory=set)                    # indicator names
    table: bool = False                                            # relations table read

    def reads(self, facts: Iterable[FactRef]) -> tuple[list[FactRef], list[FactRef]]:
        """The facts surely read, and those possibly read (through the relations table)."""
        sure, maybe = [], []
        for f in facts:
            read = ((f.states[0], f.name) in self.state if f.kind == "state"
                    else f.name in self.dyad)
            if read:
                sure.append(f)
            elif f.kind == "dyad" and self.table:
                maybe.append(f)
        return sure, maybe


class _Indicators(Mapping):
    """A state's indicators that note every name looked up."""

    def __init__(self, data: Mapping, iso3: str, log: ReadLog):
        self._data, self._iso3, self._log = dict(data), iso3, log

    def __getitem__(self, name):
        self._log.state.add((self._iso3, name))
        return self._data[name]

    def __contains__(self, name) -> bool:
        self._log.state.add((self._iso3, name))
        return name in self._data

    def __iter__(self) -> Iterator:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


class _MemoRelations(Relations):
    """Relations whose matrices are computed once (the table is immutable); optionally
    recording the indicators asked for and direct reads of the table."""

    def __init__(self, table, log: ReadLog | None = None):
        super().__init__(table)
        object.__setattr__(self, "_memo", {})
        object.__setattr__(self, "_log", log)
        object.__setattr__(self, "_quiet", False)

    def __getattribute__(self, name):
        if name == "table":
            log = object.__getattribute__(self, "_log")
            if log is not None and not object.__getattribute__(self, "_quiet"):
                log.table = True
        return object.__getattribute__(self, name)

    def _inside(self, method, *args):
        object.__setattr__(self, "_quiet", True)
        try:
            return method(*args)
        finally:
            object.__setattr__(self, "_quiet", False)

    def matrix(self, indicator, order, fill=np.nan):
        if self._log is not None:
            self._log.dyad.add(indicator)
        key = (indicator, tuple(order), repr(float(fill)))
        memo = self._memo
        if key not in memo:
            memo[key] = self._inside(super().matrix, indicator, order, fill)
        return memo[key].copy()

    def value(self, a, b, indicator):
        if self._log is not None:
            self._log.dyad.add(indicator)
        return self._inside(super().value, a, b, indicator)

    def rows(self, indicator):
        if self._log is not None:
            self._log.dyad.add(indicator)
        key = ("rows", indicator)
        memo = self._memo
        if key not in memo:
            memo[key] = self._inside(super().rows, indicator)
        return memo[key]

    @property
    def empty(self) -> bool:
        return self._inside(lambda: Relations.empty.fget(self))


def memo_case(case):
    """``case`` with relations that compute each matrix once (same numbers, faster repeats)."""
    if isinstance(case.world.relations, _MemoRelations):
        return case
    world = dataclasses.replace(case.world, relations=_MemoRelations(case.world.relations.table))
    return dataclasses.replace(case, world=world)


def recording_case(case):
    """A copy of ``case`` that records the facts read, and its :class:`ReadLog`.

    Examples
    --------
    >>> from foedus.scenarios import build_case, load_scenario
    >>> rec, log = recording_case(build_case(load_scenario("asian-nato-2024")))
    >>> rec.world.states["IND"].value("nonalignment_doctrine")
    1.0
    >>> ("IND", "nonalignment_doctrine") in log.state
    True
    """
    log = ReadLog()
    states = {}
    for iso3, state in case.world.states.items():
        copy = dataclasses.replace(state)
        object.__setattr__(copy, "indicators", _Indicators(state.indicators, iso3, log))
        states[iso3] = copy
    world = dataclasses.replace(case.world, states=states,
                                relations=_MemoRelations(case.world.relations.table, log))
    return dataclasses.replace(case, world=world), log
