"""Where a conclusion flips: one-at-a-time scans of the formation parameters.

For a yes/no conclusion computed from parameter draws, :func:`flip_thresholds` holds every
parameter at its central value, moves one parameter over a grid, and reports the value nearest
the central one at which the conclusion changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from foedus.models.formation.params import FORMATION_PARAMETERS, FormationDraws

__all__ = ["SCANNED", "Flip", "flip_thresholds", "read_flips", "scan_draws", "scan_range"]

#: The parameters a scan moves: every formation parameter but the QRE's precision, which the
#: stable-profile solution does not use.
SCANNED = tuple(name for name in FORMATION_PARAMETERS if name != "formation_precision")


@dataclass(frozen=True)
class Flip:
    """``parameter`` flips the conclusion at ``threshold`` (central value ``central``)."""

    parameter: str
    central: float
    threshold: float | None
    holds_at_central: bool

    @property
    def distance(self) -> float:
        if self.threshold is None:
            return np.inf
        scale = max(abs(self.central), 1e-9)
        return abs(self.threshold - self.central) / scale


def scan_range(name: str, central: float) -> tuple[float, float]:
    """The range scanned for a parameter: [0, 1] for probabilities, else [0, 4 x central]."""
    from foedus.scenarios.parameters import known_parameters

    info = known_parameters().get(name)
    if info is not None and info.domain == "probability":
        return 0.0, 1.0
    return 0.0, max(4.0 * central, 1e-6)


def flip_thresholds(evaluate: Callable[[FormationDraws], np.ndarray], central: FormationDraws,
                    *, parameters=SCANNED, points: int = 41,
                    ranges: Mapping[str, tuple[float, float]] | None = None) -> list[Flip]:
    """For each parameter, the value nearest its centre at which ``evaluate`` changes.

    ``evaluate`` maps draws (one row per parameter vector) to one boolean per row. Results are
    sorted with the nearest flip (relative to the central value) first.

    Examples
    --------
    >>> from foedus.models.formation.params import central_parameters
    >>> rho = FORMATION_PARAMETERS.index("treaty_reliability")
    >>> flips = flip_thresholds(lambda d: d.values[:, rho] > 0.5, central_parameters(),
    ...                         parameters=["treaty_reliability"])
    >>> round(flips[0].threshold, 1), flips[0].holds_at_central
    (0.5, False)
    """
    draws, spans = scan_draws(central, parameters=parameters, points=points, ranges=ranges)
    return read_flips(np.asarray(evaluate(draws), dtype=bool), spans, central)


def scan_draws(central: FormationDraws, *, parameters=SCANNED, points: int = 41,
               ranges: Mapping[str, tuple[float, float]] | None = None):
    """Row 0 the central draw, then one block of ``points`` rows per scanned parameter.

    Examples
    --------
    >>> from foedus.models.formation.params import central_parameters
    >>> draws, spans = scan_draws(central_parameters(), parameters=["treaty_reliability"],
    ...                           points=5)
    >>> len(draws), spans[0][0]
    (6, 'treaty_reliability')
    """
    base = central.values[0]
    rows, spans = [base[None, :]], []
    for name in parameters:
        k = FORMATION_PARAMETERS.index(name)
        low, high = (ranges or {}).get(name) or scan_range(name, base[k])
        grid = np.linspace(low, high, points)
        block = np.repeat(base[None, :], points, axis=0)
        block[:, k] = grid
        rows.append(block)
        spans.append((name, k, grid))
    return FormationDraws(np.vstack(rows)), spans


def read_flips(result: np.ndarray, spans, central: FormationDraws) -> list[Flip]:
    """The flips of a boolean conclusion evaluated on :func:`scan_draws` rows."""
    base = central.values[0]
    at_central = bool(result[0])
    out, start = [], 1
    for name, k, grid in spans:
        verdicts = result[start:start + len(grid)]
        start += len(grid)
        changed = np.nonzero(verdicts != at_central)[0]
        threshold = None
        if changed.size:
            # the flip nearest the centre: midpoint between the grid points either side
            best = changed[np.argmin(np.abs(grid[changed] - base[k]))]
            neighbour = best - 1 if grid[best] > base[k] else best + 1
            neighbour = min(max(neighbour, 0), len(grid) - 1)
            threshold = float(0.5 * (grid[best] + grid[neighbour]))
        out.append(Flip(name, float(base[k]), threshold, at_central))
    return sorted(out, key=lambda f: f.distance)
