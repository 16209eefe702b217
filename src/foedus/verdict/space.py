"""The parameter space a claim is searched over: centre and range of every parameter.

The distribution of a parameter is the one the models use for the case (parameter set <
scenario < overrides, else the registered default). Its *range* is the distribution's
support; an unbounded support (a normal distribution) is cut to the central 99.9% interval
(mean +- 3.29 sd), intersected with the parameter's domain. The *centre* is the
distribution's centre (mode or mean). Distances between parameter vectors are normalised
L1 distances: the sum over parameters of ``|x - centre| / (high - low)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from foedus.scenarios.distributions import DOMAIN_BOUNDS
from foedus.verdict.registry import ParameterRows

__all__ = ["ParameterSpace", "parameter_range"]

#: Half-width of the central 99.9% interval of a normal distribution, in standard deviations.
NORMAL_HALF_WIDTH = 3.29


def parameter_range(dist, domain: str = "real") -> tuple[float, float]:
    """The range searched for one distribution (its support, bounded as described above).

    Examples
    --------
    >>> from foedus.scenarios.distributions import Normal, Uniform
    >>> parameter_range(Uniform(dist="uniform", low=0.5, high=2.0))
    (0.5, 2.0)
    >>> low, high = parameter_range(Normal(dist="normal", mean=0.3, sd=0.2), "probability")
    >>> low, round(high, 3)
    (0.0, 0.958)
    """
    low, high = dist.support()
    if not np.isfinite(low) or not np.isfinite(high):
        mean, sd = float(getattr(dist, "mean", dist.center())), float(getattr(dist, "sd", 0.0))
        low = max(low, mean - NORMAL_HALF_WIDTH * sd)
        high = min(high, mean + NORMAL_HALF_WIDTH * sd)
    d_low, d_high, _ = DOMAIN_BOUNDS.get(domain, DOMAIN_BOUNDS["real"])
    return float(max(low, d_low)), float(min(high, d_high))


@dataclass(frozen=True)
class ParameterSpace:
    """Centre and range of each parameter of a measure (``names`` in column order)."""

    names: tuple[str, ...]
    centre: np.ndarray
    low: np.ndarray
    high: np.ndarray

    @classmethod
    def for_case(cls, case, names: Sequence[str]) -> ParameterSpace:
        """The space of ``names`` under ``case.parameters`` (registered defaults otherwise).

        Examples
        --------
        >>> from foedus.scenarios import build_case, load_scenario
        >>> s = ParameterSpace.for_case(build_case(load_scenario("nato-1949"), "judgement"),
        ...                             ["formation_entrapment_weight"])
        >>> float(s.centre[0]), float(s.low[0]), float(s.high[0])
        (1.25, 0.5, 2.0)
        """
        from foedus.scenarios.parameters import known_parameters

        registry = known_parameters()
        given = case.parameters
        centre, low, high = [], [], []
        for name in names:
            info = registry.get(name)
            dist = given.get(name) or (info.default if info is not None else None)
            if dist is None:
                raise KeyError(f"parameter {name!r} is not registered")
            lo, hi = parameter_range(dist, info.domain if info is not None else "real")
            centre.append(min(max(float(dist.center()), lo), hi))
            low.append(lo)
            high.append(hi)
        return cls(tuple(names), np.array(centre), np.array(low), np.array(high))

    @property
    def span(self) -> np.ndarray:
        return self.high - self.low

    @property
    def free(self) -> np.ndarray:
        """Indices of the parameters that can move (a point distribution cannot)."""
        return np.flatnonzero(self.span > 0)

    def rows(self, values) -> ParameterRows:
        return ParameterRows(self.names, values)

    def distance(self, values: np.ndarray) -> np.ndarray:
        """Normalised L1 distance of each row from the centre (fixed parameters count 0)."""
        v = np.atleast_2d(values)
        span = np.where(self.span > 0, self.span, 1.0)
        return (np.abs(v - self.centre) / span).sum(axis=1)

    def changed(self, values: np.ndarray, tol: float = 1e-12) -> np.ndarray:
        """(N, K) mask of the parameters that differ from the centre."""
        v = np.atleast_2d(values)
        return np.abs(v - self.centre) > tol * np.maximum(1.0, np.abs(self.centre))
