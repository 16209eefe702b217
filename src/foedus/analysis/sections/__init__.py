"""The sections of ``foedus run``: each model family registers one.

A section provider is a function ``(case, rng) -> SectionResult``. ``foedus run`` calls every
registered provider in order and hands the results to the interfaces (terminal, JSON/CSV,
report). Adding a model family means adding one module to this package
(``foedus/analysis/sections/<family>.py``) that decorates its provider with
:func:`register_section`; modules here are discovered at run time, nothing else changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from foedus.scenarios.build import Case


@dataclass(frozen=True)
class SectionResult:
    """What one section contributes: a title, a few lines of findings, and tidy tables."""

    id: str
    title: str
    summary: tuple[str, ...] = ()
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    display: tuple[str, ...] = ()   # names of the tables to show in the terminal (default all)
    notes: tuple[str, ...] = ()


Provider = Callable[[Case, np.random.Generator], SectionResult]


@dataclass(frozen=True)
class SectionSpec:
    id: str
    title: str
    order: int
    provider: Provider
    cost: float = 0.0  # rough seconds, to start the longest sections first in parallel runs


_SECTIONS: dict[str, SectionSpec] = {}


def register_section(id: str, title: str, order: int, cost: float = 0.0
                     ) -> Callable[[Provider], Provider]:
    """Decorator registering a ``foedus run`` section (lower ``order`` is shown first;
    ``cost``, rough seconds, lets a parallel run start the longest sections first)."""

    def decorate(provider: Provider) -> Provider:
        _SECTIONS[id] = SectionSpec(id, title, order, provider, cost)
        return provider

    return decorate


def registered_sections() -> list[SectionSpec]:
    """All sections, in run order (importing the model families registers theirs)."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.id))
