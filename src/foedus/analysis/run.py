"""``foedus run``: every registered section on one case, with provenance.

Where the sections execute is chosen here, never in the models: in-process (``serial``) or in
forked worker processes (``processes``, one per core), which share the built case by fork and
return their tables. Each section draws from its own seeded generator, so both executors give
identical numbers.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import zlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Literal

import numpy as np

import foedus
from foedus.analysis.sections import SectionResult, registered_sections
from foedus.errors import FoedusError
from foedus.scenarios.build import Case


@dataclass(frozen=True)
class Provenance:
    foedus_version: str
    scenario_id: str
    scenario_file: str
    scenario_sha256: str
    seed: int
    run_at: str
    parameter_set: str = ""


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


Executor = Literal["auto", "serial", "processes"]

# The case a forked worker reads (set in the parent just before the workers are forked).
_WORKER_CASE: Case | None = None


def _run_in_worker(section_id: str, seed: int) -> SectionResult:
    spec = next(s for s in registered_sections() if s.id == section_id)
    assert _WORKER_CASE is not None
    return spec.provider(_WORKER_CASE, section_rng(seed, section_id))


def _choose_executor(executor: Executor, n_sections: int) -> str:
    if executor != "auto":
        return executor
    forced = os.environ.get("FOEDUS_EXECUTOR")
    if forced in ("serial", "processes"):
        return forced
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    return "processes" if can_fork and (os.cpu_count() or 1) > 1 and n_sections > 2 else "serial"


def run_case(case: Case, *, seed: int = 20241215, only: list[str] | None = None,
             executor: Executor = "serial") -> RunResult:
    """Run every registered section (or those in ``only``) with a seeded generator.

    Each section gets its own generator seeded from ``(seed, crc32(section id))`` so that
    adding or skipping a section never changes another section's numbers, and the executor
    never changes them either: ``serial`` (the default for the Python API, safe in notebooks,
    whose kernels run threads that forking does not mix well with), forked ``processes`` where
    the platform can fork, or ``auto`` (what ``foedus run`` uses: processes when there are
    several cores and sections; the environment variable ``FOEDUS_EXECUTOR`` overrides it).
    """
    global _WORKER_CASE
    known = [s.id for s in registered_sections()]
    unknown = [s for s in only or [] if s not in known]
    if unknown:
        raise FoedusError(f"unknown section {', '.join(unknown)} (choose from "
                          f"{', '.join(known)})")
    if executor not in ("auto", "serial", "processes"):
        raise FoedusError(f"executor {executor!r}: choose auto, serial or processes")
    specs = [s for s in registered_sections() if not only or s.id in only]
    if _choose_executor(executor, len(specs)) == "serial":
        sections = tuple(spec.provider(case, section_rng(seed, spec.id)) for spec in specs)
    else:
        _WORKER_CASE = case
        try:
            workers = min(os.cpu_count() or 1, len(specs))
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")
                                     ) as pool:
                futures = {spec.id: pool.submit(_run_in_worker, spec.id, seed)
                           for spec in sorted(specs, key=lambda s: -s.cost)}
                sections = tuple(futures[spec.id].result() for spec in specs)
        finally:
            _WORKER_CASE = None
    scenario = case.scenario
    provenance = Provenance(foedus.__version__, scenario.id, scenario.path, scenario.sha256,
                            seed, run_timestamp(), case.parameter_set_name)
    return RunResult(provenance, sections)


def run_timestamp() -> str:
    """When the run happened (UTC, to the second); ``SOURCE_DATE_EPOCH`` (the
    reproducible-builds convention) fixes it, so that two runs can be compared byte for byte.

    Examples
    --------
    >>> import os
    >>> os.environ["SOURCE_DATE_EPOCH"] = "0"
    >>> run_timestamp()
    '1970-01-01T00:00:00+00:00'
    >>> del os.environ["SOURCE_DATE_EPOCH"]
    """
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if fixed.isdigit():
        moment = dt.datetime.fromtimestamp(int(fixed), dt.UTC)
    else:
        moment = dt.datetime.now(dt.UTC)
    return moment.isoformat(timespec="seconds")
