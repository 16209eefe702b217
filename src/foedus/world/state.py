"""States with yearly attributes, each carrying its data year and source."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import pandas as pd


@dataclass(frozen=True, slots=True)
class Indicator:
    """One figure about a state (or dyad) with its provenance.

    ``data_year`` is the year the figure describes (the latest one not after the scenario
    date); ``source`` names the data set (e.g. ``cow_nmc``) or, for a scenario fact, the
    citation written in the scenario.
    """

    name: str
    value: float
    unit: str
    data_year: int | None
    source: str


@dataclass(frozen=True)
class State:
    """A state: ISO3 code (primary key), COW ``ccode``, name and its indicators.

    Examples
    --------
    >>> s = State("JPN", 740, "Japan", {"nmc_cinc": Indicator("nmc_cinc", 0.02, "share", 2022, "cow_nmc")})
    >>> s.value("nmc_cinc")
    0.02
    >>> s.value("polity2") is None
    True
    """

    iso3: str
    ccode: int | None
    name: str
    indicators: Mapping[str, Indicator] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "indicators", MappingProxyType(dict(self.indicators)))

    def value(self, name: str) -> float | None:
        """The value of an indicator, or ``None`` if the state has no figure for it."""
        indicator = self.indicators.get(name)
        return None if indicator is None else indicator.value

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: one row per indicator with value, unit, data year and source."""
        rows = [
            {"iso3": self.iso3, "ccode": self.ccode, "indicator": i.name, "value": i.value,
             "unit": i.unit, "data_year": i.data_year, "source": i.source}
            for i in self.indicators.values()
        ]
        return pd.DataFrame(rows, columns=["iso3", "ccode", "indicator", "value", "unit",
                                           "data_year", "source"])
