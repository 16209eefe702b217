"""The World: states, dyadic relations and agreements at a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

import networkx as nx
import numpy as np
import pandas as pd

from foedus.world.agreements import Agreement, Obligation
from foedus.world.geography import Geography
from foedus.world.state import State

RELATION_COLUMNS = ["iso3_a", "iso3_b", "indicator", "value", "unit", "data_year", "source"]


@dataclass(frozen=True)
class Relations:
    """Directed dyadic indicators (trade, distance, UN-vote distance, disputes, alliances).

    Stored as a tidy table ``iso3_a, iso3_b, indicator, value, unit, data_year, source``;
    symmetric indicators appear in both directions.
    """

    table: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=RELATION_COLUMNS))

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    @property
    def indicators(self) -> list[str]:
        return sorted(self.table["indicator"].unique())

    @property
    def empty(self) -> bool:
        """True when there is no dyadic figure at all."""
        return self.table.empty

    def rows(self, indicator: str) -> pd.DataFrame:
        """The rows of one indicator (every pair that has a figure, with its provenance)."""
        return self.table[self.table.indicator == indicator]

    def value(self, a: str, b: str, indicator: str) -> float | None:
        """The value for the ordered pair (a, b), or ``None`` when there is no figure."""
        rows = self.table[(self.table.iso3_a == a) & (self.table.iso3_b == b)
                          & (self.table.indicator == indicator)]
        return None if rows.empty else float(rows["value"].iloc[0])

    @cached_property
    def _pairs(self) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Per indicator: the first non-missing value of each ordered pair (computed once)."""
        t = self.table
        value = pd.to_numeric(t["value"], errors="coerce")
        keep = pd.DataFrame({"indicator": t["indicator"], "a": t["iso3_a"], "b": t["iso3_b"],
                             "v": value}).dropna(subset=["v"])
        keep = keep.drop_duplicates(subset=["indicator", "a", "b"], keep="first")
        return {str(name): (g["a"].to_numpy(), g["b"].to_numpy(), g["v"].to_numpy(float))
                for name, g in keep.groupby("indicator", sort=False)}

    def matrix(self, indicator: str, order: Sequence[str], fill: float = np.nan) -> np.ndarray:
        """An ``len(order) x len(order)`` array of ``indicator`` (row a, column b): the first
        non-missing value of each ordered pair, ``fill`` where there is none.

        Examples
        --------
        >>> table = pd.DataFrame({"iso3_a": ["A", "A", "B"], "iso3_b": ["B", "B", "A"],
        ...                       "indicator": "d", "value": [np.nan, 2.0, 3.0]})
        >>> Relations(table).matrix("d", ["A", "B"], fill=0.0).tolist()
        [[0.0, 2.0], [3.0, 0.0]]
        """
        index = {s: k for k, s in enumerate(order)}
        out = np.full((len(index), len(index)), np.nan)
        if indicator in self._pairs:
            a, b, value = self._pairs[indicator]
            ia = np.fromiter((index.get(x, -1) for x in a), dtype=np.int64, count=a.size)
            ib = np.fromiter((index.get(x, -1) for x in b), dtype=np.int64, count=b.size)
            ok = (ia >= 0) & (ib >= 0)
            out[ia[ok], ib[ok]] = value[ok]
        out[np.isnan(out)] = fill
        return out


@dataclass(frozen=True)
class World:
    """States, their relations and the agreements in force (baseline) at ``date``."""

    date: dt.date
    states: Mapping[str, State]
    agreements: tuple[Agreement, ...]
    geography: Geography
    relations: Relations = field(default_factory=Relations)
    #: The capability measure the interests layer uses (``foedus.interests.capability``;
    #: ``None``: the default measure); set by a scenario's ``capability:``.
    capability: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "states", MappingProxyType(dict(self.states)))

    @property
    def iso3s(self) -> tuple[str, ...]:
        return tuple(self.states)

    def agreements_in_force(self) -> tuple[Agreement, ...]:
        return tuple(a for a in self.agreements if a.is_in_force(self.date))

    def agreement(self, agreement_id: str) -> Agreement:
        for a in self.agreements:
            if a.id == agreement_id:
                return a
        raise KeyError(agreement_id)

    def states_frame(self) -> pd.DataFrame:
        """Tidy state-indicator table for all states (``iso3, indicator, value, ...``)."""
        frames = [s.to_frame() for s in self.states.values()]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    def provisions_frame(self, agreements: Sequence[Agreement] | None = None) -> pd.DataFrame:
        """Tidy directed provisions table (one row per obligor, beneficiary, obligation)."""
        rows = []
        for a in agreements if agreements is not None else self.agreements_in_force():
            for p in a.provisions:
                rows.append({"agreement": a.id, "kind": a.kind.value,
                             "legal_force": a.legal_force.value, "obligor": p.obligor,
                             "beneficiary": p.beneficiary, "obligation": p.obligation.value,
                             "article": p.article, "trigger": p.trigger.describe()})
        return pd.DataFrame(rows, columns=["agreement", "kind", "legal_force", "obligor",
                                           "beneficiary", "obligation", "article", "trigger"])

    def to_networkx(self, agreements: Sequence[Agreement] | None = None) -> nx.MultiDiGraph:
        """A directed multigraph: nodes are states (with indicator values as attributes),
        edges are provisions (``obligation``, ``agreement``, ``article``, ``legal_force``).

        Examples
        --------
        >>> from foedus.world.geography import Geography
        >>> w = World(dt.date(2024, 1, 1), {}, (), Geography.from_places([]))
        >>> w.to_networkx().number_of_nodes()
        0
        """
        graph = nx.MultiDiGraph(date=self.date.isoformat())
        for iso3, state in self.states.items():
            graph.add_node(iso3, name=state.name, ccode=state.ccode,
                           **{k: v.value for k, v in state.indicators.items()})
        for a in agreements if agreements is not None else self.agreements_in_force():
            for p in a.provisions:
                graph.add_edge(p.obligor, p.beneficiary, key=f"{a.id}:{p.obligation}:{p.article}",
                               obligation=p.obligation.value, agreement=a.id,
                               article=p.article, legal_force=a.legal_force.value)
        return graph

    def defense_pairs(self, agreements: Sequence[Agreement] | None = None) -> set[tuple[str, str]]:
        """Directed (obligor, beneficiary) pairs with a treaty defence provision."""
        return {
            (p.obligor, p.beneficiary)
            for a in (agreements if agreements is not None else self.agreements_in_force())
            if a.legal_force.value == "treaty"
            for p in a.provisions_of(Obligation.DEFENSE)
        }
