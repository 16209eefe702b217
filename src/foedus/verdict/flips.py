"""Joint flip search: the smallest change of parameters that reverses a claim.

A claim's measure ``m(x)`` holds at the parameter vector ``x`` when ``m(x) > 1/2``. From the
centre ``x0`` of the parameter space (:class:`~foedus.verdict.space.ParameterSpace`) we look for
a vector ``x`` inside the ranges at which the claim goes the other way, and among those the
*smallest*: fewest parameters changed first, then the smallest normalised L1 distance
``sum_j |x_j - x0_j| / (high_j - low_j)``.

The search (:func:`joint_flip`), all of it in batched calls of the measure:

1. *One parameter* (exact on a grid): every free parameter alone on a grid of
   ``single_points`` values over its range; the flipping grid value nearest the centre is
   refined by bisection towards the centre (``refine_steps`` halvings).
2. *Two parameters* (exact on a grid), only if no single parameter flips the claim: every
   pair on a ``pair_points`` x ``pair_points`` grid; the nearest flipping points are shrunk
   towards the centre coordinate by coordinate.
3. *Three or more*, only if no pair does: candidate points - the Monte Carlo draws already
   evaluated, ``random_points`` scrambled-Sobol points of the box and its corners (all of
   them up to 10 free parameters, else ``random_points`` random ones) - and the flipping
   ones are reduced by a multistart greedy descent: at each step, for every candidate, every
   changed parameter is tried back at its centre and halfway to it, and the move that keeps
   the flip and shortens the distance most is taken (resets first). The result is an upper
   bound on the smallest combination; steps 1-2 prove (on their grids) that none of one or
   two parameters exists.

If nothing flips, the claim cannot be reversed by any parameter values the search visited,
and the report says what was searched.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from foedus.verdict.space import ParameterSpace

__all__ = ["BUDGETS", "Flip", "SearchBudget", "joint_flip"]


@dataclass(frozen=True)
class SearchBudget:
    """How hard :func:`joint_flip` searches (see the module docstring)."""

    name: str = "full"
    single_points: int = 21
    pair_points: int = 7
    random_points: int = 128
    refine_steps: int = 8
    starts: int = 12
    max_corners: int = 10       # enumerate every corner of the box up to this many parameters


#: Named budgets: ``full`` (the default of ``foedus verdict``), ``quick`` (tests, previews),
#: ``off`` (no search).
BUDGETS = {
    "full": SearchBudget(),
    "quick": SearchBudget("quick", single_points=9, pair_points=3, random_points=32,
                          refine_steps=5, starts=4, max_corners=6),
    "off": SearchBudget("off", 0, 0, 0, 0, 0, 0),
}


@dataclass(frozen=True)
class Flip:
    """The smallest reversal found (``changes`` is None when none was found)."""

    target_holds: bool
    holds_at_centre: bool
    changes: tuple[tuple[str, float, float], ...] | None
    distance: float
    searched: str
    evaluations: int
    exact_up_to: int            # combinations of this many parameters were searched exhaustively

    @property
    def found(self) -> bool:
        return self.changes is not None

    @property
    def size(self) -> int:
        return len(self.changes) if self.changes is not None else -1

    def describe(self) -> str:
        """One line: the combination and its values, or what was searched.

        Examples
        --------
        >>> f = Flip(False, True, (("a", 1.0, 0.25), ("b", 2.0, 3.0)), 0.9, "a grid", 40, 2)
        >>> f.describe()
        'fails if a 1 -> 0.25 and b 2 -> 3 together (neither alone; distance 0.9)'
        """
        verb = "holds" if self.target_holds else "fails"
        if self.changes is None:
            return f"no combination within the ranges makes it {verb[:-1]} (searched: {self.searched})"
        if not self.changes:
            return f"already {verb} at the central values"
        parts = " and ".join(f"{n} {a:.3g} -> {b:.3g}" for n, a, b in self.changes)
        if len(self.changes) == 1:
            return f"{verb} if {parts} (others central; distance {self.distance:.2g})"
        note = ("neither alone" if len(self.changes) == 2 and self.exact_up_to >= 2 else
                f"no smaller combination up to {self.exact_up_to} parameters"
                if self.exact_up_to >= 1 else "smallest found")
        return f"{verb} if {parts} together ({note}; distance {self.distance:.2g})"


def _grid(low: float, high: float, points: int, centre: float) -> np.ndarray:
    grid = np.linspace(low, high, max(points, 2))
    return grid[np.abs(grid - centre) > 1e-12 * max(1.0, abs(centre))]


def joint_flip(evaluate: Callable[[np.ndarray], np.ndarray], space: ParameterSpace, *,
               target_holds: bool, budget: SearchBudget = BUDGETS["full"],
               rng: np.random.Generator | None = None, candidates: np.ndarray | None = None,
               candidate_values: np.ndarray | None = None) -> Flip:
    """The smallest change of parameters at which the claim's truth becomes ``target_holds``.

    Parameters
    ----------
    evaluate : callable
        ``(N, K) parameter values -> (N,) measure`` (the claim holds where > 1/2).
    space : ParameterSpace
    target_holds : bool
        The verdict sought: True to make the claim hold, False to make it fail.
    budget : SearchBudget
    rng : numpy.random.Generator
        Seeds the quasi-random points and random corners.
    candidates, candidate_values : ndarray, optional
        Points already evaluated (the Monte Carlo draws) and their measure.

    Examples
    --------
    A claim that fails only when two parameters are both high (neither alone suffices):

    >>> import numpy as np
    >>> s = ParameterSpace(("a", "b", "c"), np.array([0.5, 0.5, 0.5]), np.zeros(3), np.ones(3))
    >>> f = joint_flip(lambda x: ~((x[:, 0] > 0.8) & (x[:, 1] > 0.8)), s, target_holds=False,
    ...                rng=np.random.default_rng(0))
    >>> f.size, [n for n, _, _ in f.changes], round(f.distance, 2)
    (2, ['a', 'b'], 0.6)
    """
    rng = rng if rng is not None else np.random.default_rng(0)
    x0 = space.centre.astype(float)
    free = [int(j) for j in space.free]
    count = {"n": 0}

    def hits(x: np.ndarray) -> np.ndarray:
        x = np.atleast_2d(x)
        if not len(x):
            return np.zeros(0, dtype=bool)
        count["n"] += len(x)
        return (np.asarray(evaluate(x), dtype=float).ravel() > 0.5) == target_holds

    at_centre = bool(hits(x0[None])[0])
    holds0 = at_centre == target_holds
    if at_centre:
        return Flip(target_holds, holds0, (), 0.0, "the centre", count["n"], 0)
    described: list[str] = []

    def result(x: np.ndarray | None, exact: int) -> Flip:
        searched = ", ".join(described) + f"; {count['n']} evaluations"
        if x is None:
            return Flip(target_holds, holds0, None, float("nan"), searched, count["n"], exact)
        x = np.asarray(x, dtype=float).ravel()
        changed = np.flatnonzero(space.changed(x)[0])
        changes = tuple((space.names[j], float(x0[j]), float(x[j])) for j in changed)
        return Flip(target_holds, holds0, changes, float(space.distance(x)[0]), searched,
                    count["n"], exact)

    if budget.single_points <= 0 or not free:
        described.append("no search" if not free else "search off")
        return result(None, 0)

    # 1. one parameter at a time, exact on the grid, refined by bisection
    rows, owner = [], []
    for j in free:
        for v in _grid(space.low[j], space.high[j], budget.single_points, x0[j]):
            x = x0.copy()
            x[j] = v
            rows.append(x)
            owner.append(j)
    rows_a, owner_a = np.array(rows), np.array(owner)
    ok = hits(rows_a)
    described.append(f"each of {len(free)} parameters alone ({budget.single_points}-point grid)")
    inner, outer, which = [], [], []
    for j in free:
        mine = np.flatnonzero((owner_a == j) & ok)
        if not mine.size:
            continue
        best = mine[np.argmin(np.abs(rows_a[mine, j] - x0[j]))]
        v = rows_a[best, j]
        side = np.flatnonzero((owner_a == j) & (np.sign(rows_a[:, j] - x0[j]) == np.sign(v - x0[j]))
                              & (np.abs(rows_a[:, j] - x0[j]) < abs(v - x0[j])))
        start = rows_a[side[np.argmax(np.abs(rows_a[side, j] - x0[j]))], j] if side.size else x0[j]
        inner.append(start)
        outer.append(v)
        which.append(j)
    if which:
        inner_a, outer_a = np.array(inner), np.array(outer)
        for _ in range(budget.refine_steps):
            mid = 0.5 * (inner_a + outer_a)
            trial = np.repeat(x0[None], len(which), axis=0)
            trial[np.arange(len(which)), which] = mid
            flipped = hits(trial)
            outer_a = np.where(flipped, mid, outer_a)
            inner_a = np.where(flipped, inner_a, mid)
        best_x, best_d = None, np.inf
        for k, j in enumerate(which):
            x = x0.copy()
            x[j] = outer_a[k]
            d = float(space.distance(x)[0])
            if d < best_d:
                best_x, best_d = x, d
        return result(best_x, 1)

    # 2. every pair, exact on a grid, shrunk towards the centre
    if budget.pair_points >= 2 and len(free) >= 2:
        rows = []
        for i, j in itertools.combinations(free, 2):
            gi = _grid(space.low[i], space.high[i], budget.pair_points, x0[i])
            gj = _grid(space.low[j], space.high[j], budget.pair_points, x0[j])
            a, b = np.meshgrid(gi, gj, indexing="ij")
            block = np.repeat(x0[None], a.size, axis=0)
            block[:, i] = a.ravel()
            block[:, j] = b.ravel()
            rows.append(block)
        pair_rows = np.vstack(rows)
        ok = hits(pair_rows)
        described.append(f"every pair ({budget.pair_points}x{budget.pair_points} grid)")
        if ok.any():
            found = pair_rows[ok]
            found = found[np.argsort(space.distance(found), kind="stable")][:budget.starts]
            return result(_reduce(found, x0, space, hits, budget.refine_steps), 2)
        exact = 2
    else:
        exact = 1

    # 3. larger combinations: candidates, then multistart greedy reduction
    pool, flipped = [], []
    if candidates is not None and candidate_values is not None and len(candidates):
        pool.append(np.asarray(candidates, float))
        flipped.append((np.asarray(candidate_values, float) > 0.5) == target_holds)
        described.append(f"{len(candidates)} Monte Carlo draws")
    box = _box_points(space, free, budget, rng)
    if len(box):
        pool.append(box)
        flipped.append(hits(box))
        described.append(f"{len(box)} quasi-random points and corners of the box")
    if not pool:
        return result(None, exact)
    points, ok = np.vstack(pool), np.concatenate(flipped)
    if not ok.any():
        return result(None, exact)
    found = points[ok]
    found = found[np.lexsort((space.distance(found), space.changed(found).sum(axis=1)))]
    described.append(f"greedy reduction from {min(len(found), budget.starts)} starts")
    return result(_reduce(found[:max(budget.starts, 1)], x0, space, hits, budget.refine_steps),
                  exact)


def _box_points(space: ParameterSpace, free: list[int], budget: SearchBudget,
                rng: np.random.Generator) -> np.ndarray:
    """Scrambled-Sobol points of the free sub-box and its corners (centre elsewhere)."""
    from scipy.stats import qmc

    k = len(free)
    if budget.random_points <= 0 or k == 0:
        return np.zeros((0, len(space.names)))
    low, high = space.low[free], space.high[free]
    m = int(np.ceil(np.log2(max(budget.random_points, 2))))
    unit = qmc.Sobol(d=k, scramble=True, seed=rng).random_base2(m)[:budget.random_points]
    if k <= budget.max_corners:
        corners = np.array(list(itertools.product((0.0, 1.0), repeat=k)))
    else:
        corners = rng.integers(0, 2, size=(budget.random_points, k)).astype(float)
    unit = np.vstack([unit, corners])
    out = np.repeat(space.centre[None], len(unit), axis=0)
    out[:, free] = low + unit * (high - low)
    return out


def _reduce(found: np.ndarray, x0: np.ndarray, space: ParameterSpace,
            hits: Callable[[np.ndarray], np.ndarray], steps: int) -> np.ndarray:
    """Greedy descent of flipping points towards the centre; the best point reached (fewest
    changes, then distance).

    First, repeatedly, every changed coordinate of every candidate is tried back at its
    centre and the reset that keeps the flip and shortens the distance most is taken; then
    each remaining changed coordinate is bisected between the centre and its value (the
    others held), twice over all coordinates.
    """
    current = np.array(found, dtype=float)
    active = np.ones(len(current), dtype=bool)
    while active.any():
        trials, owner = [], []
        for c in np.flatnonzero(active):
            for j in np.flatnonzero(space.changed(current[c])[0]):
                reset = current[c].copy()
                reset[j] = x0[j]
                trials.append(reset)
                owner.append(c)
        if not trials:
            break
        trials_a, owner_a = np.array(trials), np.array(owner)
        ok = hits(trials_a)
        gain = space.distance(current[owner_a]) - space.distance(trials_a)
        moved = np.zeros(len(current), dtype=bool)
        for c in np.unique(owner_a[ok]):
            mine = np.flatnonzero((owner_a == c) & ok)
            current[c] = trials_a[mine[np.argmax(gain[mine])]]
            moved[c] = True
        active &= moved
    for _ in range(2):
        for j in range(len(x0)):
            rows = np.flatnonzero(space.changed(current)[:, j])
            if not rows.size:
                continue
            inner = np.full(rows.size, x0[j])
            outer = current[rows, j].copy()
            for _ in range(steps):
                mid = 0.5 * (inner + outer)
                trial = current[rows].copy()
                trial[:, j] = mid
                ok = hits(trial)
                outer = np.where(ok, mid, outer)
                inner = np.where(ok, inner, mid)
            current[rows, j] = outer
    order = np.lexsort((space.distance(current), space.changed(current).sum(axis=1)))
    return current[order[0]][None]
