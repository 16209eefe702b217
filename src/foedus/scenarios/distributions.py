"""Parameter distributions declared in scenarios (point, uniform, normal, triangular, beta).

Models never see these objects: the analysis layer samples them into plain arrays with a
seeded :class:`numpy.random.Generator`.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

Domain = Literal["real", "nonnegative", "positive", "probability"]
DOMAIN_BOUNDS: dict[str, tuple[float, float, bool]] = {
    # name: (low, high, low bound open?)
    "real": (-np.inf, np.inf, False),
    "nonnegative": (0.0, np.inf, False),
    "positive": (0.0, np.inf, True),
    "probability": (0.0, 1.0, False),
}


class _Dist(BaseModel):
    # every number finite (a normal's truncation bounds are omitted, not written as .inf)
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)
    source: str | None = None
    description: str = ""
    domain: Domain | None = None

    def support(self) -> tuple[float, float]:  # pragma: no cover - overridden
        raise NotImplementedError

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:  # pragma: no cover
        raise NotImplementedError

    def center(self) -> float:  # pragma: no cover - overridden
        raise NotImplementedError

    @model_validator(mode="after")
    def _check_domain(self):
        if self.domain is not None:
            check_in_domain(self, self.domain)
        return self


class Point(_Dist):
    """A fixed value."""

    dist: Literal["point"] = "point"
    value: float

    def support(self):
        return (self.value, self.value)

    def sample(self, rng, size):
        return np.full(size, self.value, dtype=float)

    def center(self):
        return self.value


class Uniform(_Dist):
    dist: Literal["uniform"]
    low: float
    high: float

    @model_validator(mode="after")
    def _order(self):
        if not self.low < self.high:
            raise ValueError(f"uniform needs low < high (got low={self.low}, high={self.high})")
        _check_width(self.low, self.high)
        return self

    def support(self):
        return (self.low, self.high)

    def sample(self, rng, size):
        return rng.uniform(self.low, self.high, size)

    def center(self):
        return 0.5 * (self.low + self.high)


class Normal(_Dist):
    """Normal, optionally truncated to [low, high] (sampled by rejection-free inversion)."""

    dist: Literal["normal"]
    mean: float
    sd: float = Field(gt=0)
    low: float = -np.inf
    high: float = np.inf

    @model_validator(mode="after")
    def _order(self):
        if not self.low < self.high:
            raise ValueError(f"normal truncation needs low < high (got {self.low}, {self.high})")
        a, b = (self.low - self.mean) / self.sd, (self.high - self.mean) / self.sd
        mass = 0.5 * (math.erfc(-b / math.sqrt(2.0)) - math.erfc(-a / math.sqrt(2.0)))
        if not mass > 1e-9:
            raise ValueError(f"normal(mean={self.mean:g}, sd={self.sd:g}) puts almost no "
                             f"probability in [{self.low:g}, {self.high:g}] (mass {mass:.2g});"
                             " move the mean or widen the truncation")
        return self

    def support(self):
        return (self.low, self.high)

    def sample(self, rng, size):
        from scipy.stats import truncnorm

        a, b = (self.low - self.mean) / self.sd, (self.high - self.mean) / self.sd
        return truncnorm.ppf(rng.uniform(size=size), a, b, loc=self.mean, scale=self.sd)

    def center(self):
        return min(max(self.mean, self.low), self.high)


class Triangular(_Dist):
    dist: Literal["triangular"]
    low: float
    mode: float
    high: float

    @model_validator(mode="after")
    def _order(self):
        if not (self.low <= self.mode <= self.high and self.low < self.high):
            raise ValueError("triangular needs low <= mode <= high and low < high "
                             f"(got {self.low}, {self.mode}, {self.high})")
        _check_width(self.low, self.high)
        return self

    def support(self):
        return (self.low, self.high)

    def sample(self, rng, size):
        return rng.triangular(self.low, self.mode, self.high, size)

    def center(self):
        return self.mode


class Beta(_Dist):
    """Beta(a, b) scaled to [low, high] (default [0, 1])."""

    dist: Literal["beta"]
    a: float = Field(gt=0)
    b: float = Field(gt=0)
    low: float = 0.0
    high: float = 1.0

    @model_validator(mode="after")
    def _order(self):
        if not self.low < self.high:
            raise ValueError(f"beta scaling needs low < high (got {self.low}, {self.high})")
        _check_width(self.low, self.high)
        return self

    def support(self):
        return (self.low, self.high)

    def sample(self, rng, size):
        return self.low + (self.high - self.low) * rng.beta(self.a, self.b, size)

    def center(self):
        return self.low + (self.high - self.low) * self.a / (self.a + self.b)


def _check_width(low: float, high: float) -> None:
    """Refuse a support too wide to sample in floating point (``high - low`` overflows)."""
    if not math.isfinite(high - low):
        raise ValueError(f"the range [{low:g}, {high:g}] is too wide to sample (its width "
                         "overflows); use bounds within +-1e300")


Distribution = Annotated[Point | Uniform | Normal | Triangular | Beta, Field(discriminator="dist")]


def check_in_domain(dist: _Dist, domain: str) -> None:
    """Raise ``ValueError`` if ``dist``'s support leaves ``domain``.

    Examples
    --------
    >>> check_in_domain(Point(value=0.4), "probability")
    >>> check_in_domain(Point(value=1.4), "probability")
    Traceback (most recent call last):
    ...
    ValueError: value 1.4 is outside [0, 1] (a probability)
    """
    low, high, open_low = DOMAIN_BOUNDS[domain]
    s_low, s_high = dist.support()
    bad = s_low < low or s_high > high or (open_low and s_low <= low)
    if bad:
        what = {"probability": "[0, 1] (a probability)", "nonnegative": "[0, inf)",
                "positive": "(0, inf)", "real": "(-inf, inf)"}[domain]
        shown = f"value {s_low:g}" if s_low == s_high else f"support [{s_low:g}, {s_high:g}]"
        raise ValueError(f"{shown} is outside {what}")
