"""Places and areas: where an attack happens and which treaty areas contain it.

A scenario declares its places (territories, seas, treaty areas) with the areas they lie
within and the state that administers them. Treaty scope ("the Pacific area", "territories
under the administration of Japan") is then decided by containment, never by code that knows
a particular country.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Place:
    """A named place or area.

    Parameters
    ----------
    id : str
        Identifier used in scenarios (``"senkaku"``, ``"pacific_area"``).
    name : str
        Human-readable name.
    within : tuple of str
        Ids of the areas that directly contain this place (a place may lie in several).
    administered_by : str or None
        ISO3 code of the state that administers the place, if any.
    claimed_by : tuple of str
        ISO3 codes of states that claim it (beyond the administrator).
    source : str
        Where the administrative status comes from.
    """

    id: str
    name: str
    within: tuple[str, ...] = ()
    administered_by: str | None = None
    claimed_by: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class Geography:
    """A set of places with a containment relation (a directed acyclic graph).

    Examples
    --------
    >>> geo = Geography.from_places([
    ...     Place("pacific", "Pacific area"),
    ...     Place("east_china_sea", "East China Sea", within=("pacific",)),
    ...     Place("senkaku", "Senkaku Islands", within=("east_china_sea",), administered_by="JPN"),
    ... ])
    >>> geo.is_within("senkaku", "pacific")
    True
    >>> geo.administrator("senkaku")
    'JPN'
    """

    places: Mapping[str, Place] = field(default_factory=dict)
    _ancestors: Mapping[str, frozenset[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_places(cls, places: Iterable[Place]) -> Geography:
        table = {p.id: p for p in places}
        ancestors: dict[str, frozenset[str]] = {}

        def walk(pid: str, trail: tuple[str, ...]) -> frozenset[str]:
            if pid in ancestors:
                return ancestors[pid]
            if pid in trail:
                raise ValueError(f"places form a cycle: {' -> '.join(trail + (pid,))}")
            result: set[str] = {pid}
            for parent in table[pid].within:
                if parent not in table:
                    raise KeyError(f"place {pid!r} lies within unknown place {parent!r}")
                result |= walk(parent, trail + (pid,))
            ancestors[pid] = frozenset(result)
            return ancestors[pid]

        for pid in table:
            walk(pid, ())
        return cls(MappingProxyType(table), MappingProxyType(ancestors))

    def __contains__(self, place_id: object) -> bool:
        return place_id in self.places

    def areas_of(self, place_id: str) -> frozenset[str]:
        """All areas containing ``place_id``, the place itself included."""
        return self._ancestors[place_id]

    def is_within(self, place_id: str, area_id: str) -> bool:
        """Whether ``place_id`` is ``area_id`` or lies (transitively) within it."""
        return area_id in self._ancestors[place_id]

    def within_any(self, place_id: str, areas: Iterable[str]) -> bool:
        """Whether ``place_id`` lies within at least one of ``areas``."""
        return not self._ancestors[place_id].isdisjoint(areas)

    def administrator(self, place_id: str) -> str | None:
        """The administering state of a place, inherited from the nearest containing area."""
        place = self.places[place_id]
        if place.administered_by is not None:
            return place.administered_by
        for parent in place.within:
            admin = self.administrator(parent)
            if admin is not None:
                return admin
        return None
