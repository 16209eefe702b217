"""``foedus run``: every registered section on one case, with provenance."""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass

import numpy as np

import foedus
from foedus.analysis.sections import SectionResult, registered_sections
from foedus.scenarios.build import Case


@dataclass(frozen=True)
class Provenance:
    foedus_version: str
    scenario_id: str
    scenario_file: str
    scenario_sha256: str
    seed: int
    run_at: str


@dataclass(frozen=True)
class RunResult:
    provenance: Provenance
    sections: tuple[SectionResult, ...]

    def section(self, section_id: str) -> SectionResult:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)


def section_rng(seed: int, section_id: str) -> np.random.Generator:
    """The generator a section receives for a run seeded with ``seed``."""
    return np.random.default_rng(np.random.SeedSequence([seed, zlib.crc32(section_id.encode())]))


def run_case(case: Case, *, seed: int = 20241215, only: list[str] | None = None) -> RunResult:
    """Run every registered section (or those in ``only``) with a seeded generator.

    Each section gets its own generator seeded from ``(seed, crc32(section id))`` so that
    adding or skipping a section never changes another section's numbers.
    """
    specs = [s for s in registered_sections() if not only or s.id in only]
    sections = tuple(spec.provider(case, section_rng(seed, spec.id)) for spec in specs)
    scenario = case.scenario
    provenance = Provenance(foedus.__version__, scenario.id, scenario.path, scenario.sha256,
                            seed, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    return RunResult(provenance, sections)
