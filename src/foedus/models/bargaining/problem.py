"""The input of a spatial bargaining model: actors, issues, capabilities, positions, saliences.

One frozen object, checked at the door. Positions and saliences are on KTAB's internal unit
scale ([0, 1]); ``scale`` (100 for KTAB files and foedus negotiations) is only how positions are
shown. KTAB files hold positions and saliences on 0-100 and the readers divide by ``100.0``
exactly as KTAB does, so the numbers the models see are bit for bit KTAB's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from foedus.errors import ParameterError

__all__ = ["MIN_ACTORS", "SpatialProblem"]

MIN_ACTORS = 3  # KTAB Model::minNumActor


def _frozen(array) -> np.ndarray:
    out = np.array(array, dtype=float)
    out.setflags(write=False)
    return out


@dataclass(frozen=True, eq=False)
class SpatialProblem:
    """Actors bargaining over one or more issue dimensions.

    Parameters
    ----------
    actors : sequence of str
        Unique actor names.
    dimensions : sequence of str
        Issue names (one per dimension).
    capability : (n,) array
        Influence of each actor (any positive scale; KTAB's "Power"/"Influence").
    position : (n, d) array
        Advocated positions on the unit scale [0, 1] (KTAB divides its 0-100 inputs by 100).
    salience : (n, d) array
        Share of each actor's attention per dimension, in [0, 1], at most 1 per actor and
        positive for at least one dimension.
    accommodation : (n, n) array, optional
        KTAB's ideal-adjustment matrix ``A``: after each turn actor i's ideal point becomes
        ``sum_j A_ij x_j + (1 - sum_j A_ij) ideal_i``. Default: the identity (ideals follow
        positions, KTAB's "cynical" default).
    ideal : (n, d) array, optional
        Initial ideal points (default: the positions).
    name, description : str
    descriptions : sequence of str, optional
        One per actor.
    scale : float, default 100
        Factor by which positions are shown (KTAB shows and stores positions x 100).

    Examples
    --------
    >>> p = SpatialProblem(["A", "B", "C"], ["tax"], [1, 2, 3], [[0.1], [0.5], [0.9]],
    ...                    [[0.5], [0.5], [1.0]])
    >>> p.n_actors, p.n_dimensions
    (3, 1)
    >>> SpatialProblem(["A", "B", "A"], ["tax"], [1, 2, 3], [[0.1], [0.5], [0.9]],
    ...                [[0.5], [0.5], [1.0]])
    Traceback (most recent call last):
    ...
    foedus.errors.ParameterError: actors: duplicate actor 'A'
    """

    actors: tuple[str, ...]
    dimensions: tuple[str, ...]
    capability: np.ndarray
    position: np.ndarray
    salience: np.ndarray
    accommodation: np.ndarray | None = None
    ideal: np.ndarray | None = None
    name: str = ""
    description: str = ""
    descriptions: tuple[str, ...] = ()
    scale: float = 100.0
    sources: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "actors", tuple(str(a) for a in self.actors))
        set_(self, "dimensions", tuple(str(d) for d in self.dimensions))
        n, d = len(self.actors), len(self.dimensions)
        seen: set[str] = set()
        for a in self.actors:
            if not a.strip():
                raise ParameterError("actors: an actor has an empty name")
            if a in seen:
                raise ParameterError(f"actors: duplicate actor {a!r}")
            seen.add(a)
        if n < MIN_ACTORS:
            raise ParameterError(f"actors: need at least {MIN_ACTORS} actors (as KTAB), got {n}")
        if d < 1:
            raise ParameterError("dimensions: need at least one issue dimension")
        cap = _frozen(self.capability)
        pos = _frozen(self.position)
        sal = _frozen(self.salience)
        if cap.shape != (n,):
            raise ParameterError(f"capability: expected {n} values (one per actor), got shape "
                                 f"{cap.shape}")
        for label, arr in (("position", pos), ("salience", sal)):
            if arr.shape != (n, d):
                raise ParameterError(f"{label}: expected shape ({n}, {d}) (actors x "
                                     f"dimensions), got {arr.shape}")
            if not np.all(np.isfinite(arr)):
                raise ParameterError(f"{label}: every value must be a finite number")
        if not np.all(np.isfinite(cap)) or np.any(cap <= 0):
            bad = self.actors[int(np.argmax(~(np.isfinite(cap) & (cap > 0))))]
            raise ParameterError(f"capability of {bad!r}: must be a positive number (KTAB's "
                                 "vote rejects non-positive weights)")
        self._check_unit(pos, "position", "position")
        self._check_unit(sal, "salience", "salience")
        totals = sal.sum(axis=1)
        for i, a in enumerate(self.actors):
            if totals[i] > 1.0 + 1e-9:
                raise ParameterError(f"salience of {a!r}: total {totals[i]:.4g} exceeds 1 "
                                     "(100% of attention)")
            if totals[i] <= 0.0:
                raise ParameterError(f"salience of {a!r}: every dimension is 0; give at least "
                                     "one dimension a positive salience")
        set_(self, "capability", cap)
        set_(self, "position", pos)
        set_(self, "salience", sal)
        if self.accommodation is None:
            acc = _frozen(np.eye(n))
        else:
            acc = _frozen(self.accommodation)
            if acc.shape != (n, n) or not np.all(np.isfinite(acc)):
                raise ParameterError(f"accommodation: expected a finite ({n}, {n}) matrix")
            if np.any(acc < 0) or np.any(acc > 1) or np.any(acc.sum(axis=1) > 1 + 1e-10):
                raise ParameterError("accommodation: entries must lie in [0, 1] and each row "
                                     "sum to at most 1")
        set_(self, "accommodation", acc)
        ideal = pos if self.ideal is None else _frozen(self.ideal)
        if ideal.shape != (n, d):
            raise ParameterError(f"ideal: expected shape ({n}, {d}), got {ideal.shape}")
        self._check_unit(ideal, "ideal", "ideal")
        set_(self, "ideal", ideal)
        descriptions = tuple(str(x) for x in self.descriptions) or ("",) * n
        if len(descriptions) != n:
            raise ParameterError(f"descriptions: expected {n}, got {len(descriptions)}")
        set_(self, "descriptions", descriptions)
        if not (np.isfinite(self.scale) and self.scale > 0):
            raise ParameterError("scale must be positive")

    def _check_unit(self, arr: np.ndarray, label: str, what: str) -> None:
        bad = np.argwhere((arr < 0.0) | (arr > 1.0))
        if len(bad):
            i, k = bad[0]
            raise ParameterError(
                f"{label} of {self.actors[i]!r} on {self.dimensions[k]!r}: {arr[i, k] * 100:g} "
                f"is outside 0-100 (the {what} scale)")

    @property
    def n_actors(self) -> int:
        return len(self.actors)

    @property
    def n_dimensions(self) -> int:
        return len(self.dimensions)

    @property
    def identity_accommodation(self) -> bool:
        """True when ideals simply follow positions (KTAB's default)."""
        return bool(np.array_equal(self.accommodation, np.eye(self.n_actors)))

    def replace(self, **changes) -> SpatialProblem:
        """A copy with some fields changed (checked again)."""
        values = {f: getattr(self, f) for f in self.__dataclass_fields__}
        if "position" in changes and "ideal" not in changes and self.ideal is self.position:
            values["ideal"] = None
        values.update(changes)
        return SpatialProblem(**values)

    def weighted_mean(self) -> np.ndarray:
        """Capability-and-salience weighted mean position per dimension (unit scale)."""
        w = self.capability[:, None] * self.salience
        return (w * self.position).sum(axis=0) / w.sum(axis=0)
