"""Stable membership profiles: exhaustive search and best-response dynamics.

A profile is the set :math:`S` of the game's states that join. Every state has a value
:math:`V_i(S)` of every profile, member or not (:mod:`foedus.models.formation.utility`);
:math:`V = 0` where the design does not exist (founders missing, or fewer than two members).
Stability is internal and external stability (d'Aspremont et al. 1983) in a game with
externalities (Yi 1997), with the design's admission rule:

* every member (not an incumbent of an accession) prefers to stay:
  :math:`V_i(S) > V_i(S \\setminus i)`, where :math:`S \\setminus i` is "no alliance" (value 0)
  if the design does not exist without i; and, under unanimity, every other member consents to
  its membership: :math:`V_k(S) \\ge V_k(S \\setminus i)` (founders excepted);
* no outsider both wants to join and is admitted: for :math:`j \\notin S`, either
  :math:`V_j(S \\cup j) \\le V_j(S)`, or (unanimity) some member :math:`k` is worse off,
  :math:`V_k(S \\cup j) < V_k(S)`, and vetoes it;
* "no alliance" is stable when no coalition in which the design exists would all gain by
  forming it (a coalitional deviation from the status quo: the design is put to every
  invited state at once, as at a treaty conference; Hart & Kurz 1983).
  In an accession the incumbents alone are the baseline ("no accession"), stable under the
  external condition.

:func:`stable_profiles` enumerates the profiles (vectorised, or a compiled kernel for large
games); :func:`best_response` follows one deviation at a time; :func:`stable_profiles_loop`
is a straightforward loop kept as the reference and the benchmark baseline.

References
----------
d'Aspremont, C., Jacquemin, A., Gabszewicz, J. J., & Weymark, J. A. (1983). On the stability
of collusive price leadership. Canadian Journal of Economics 16(1): 17-25. doi:10.2307/134972
Yi, S.-S. (1997). Stable coalition structures with externalities. Games and Economic
Behavior 20(2): 201-237.
Hart, S., & Kurz, M. (1983). Endogenous formation of coalitions. Econometrica 51(4):
1047-1064.
Barrett, S. (1994). Self-enforcing international environmental agreements. Oxford Economic
Papers 46: 878-894. doi:10.1093/oep/46.Supplement_1.878
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from foedus.errors import FoedusError
from foedus.models.formation import kernel
from foedus.models.formation.game import FormationGame
from foedus.models.formation.params import FormationDraws
from foedus.models.formation.utility import profile_table, profile_value, values

__all__ = [
    "MAX_EXHAUSTIVE",
    "StableProfiles",
    "best_response",
    "canonical_masks",
    "founding_groups",
    "stable_profiles",
    "stable_profiles_loop",
]

#: Above this many states exhaustive search is refused (2**24 profiles).
MAX_EXHAUSTIVE = 24


def founding_groups(game: FormationGame) -> list[int]:
    """The coalitions that could create the design from nothing: every profile in which it
    exists (none for an accession, whose baseline already has the incumbents).

    Examples
    --------
    >>> from foedus.models.formation.testing import random_game
    >>> founding_groups(random_game(3, founders=(0, 1)))
    [3, 7]
    >>> founding_groups(random_game(3, founders=(0,)))
    [3, 5, 7]
    """
    if game.fixed:
        return []
    return [m for m in range(1, 1 << game.n) if game.valid(m)]


def canonical_masks(game: FormationGame) -> np.ndarray:
    """The profiles that can be outcomes: no alliance and every profile in which the design
    exists (for an accession: every profile containing the incumbents).

    Examples
    --------
    >>> from foedus.models.formation.testing import random_game
    >>> canonical_masks(random_game(3, founders=(0,))).tolist()
    [0, 3, 5, 7]
    >>> canonical_masks(random_game(3, fixed=(0, 1))).tolist()
    [3, 7]
    """
    return np.array([m for m in range(1 << game.n) if game.valid(m) or
                     (m == 0 and not game.fixed)], dtype=np.int64)


@dataclass(frozen=True)
class StableProfiles:
    """The stable profiles of each draw (``profiles[d]`` is a tuple of masks)."""

    game: FormationGame
    profiles: tuple[tuple[int, ...], ...]
    truncated: bool = False

    def members(self, mask: int) -> tuple[str, ...]:
        return self.game.members(mask)

    def join_probability(self) -> np.ndarray:
        """Per state, the share of draws in which it is a member, each draw's stable profiles
        weighted equally (a draw with no stable profile counts as no alliance; incumbents of
        an accession are members in every draw)."""
        n = self.game.n
        out = np.zeros(n)
        base = self.game.fixed_mask
        for masks in self.profiles:
            for m in masks or (base,):
                out += ((m >> np.arange(n)) & 1) / max(len(masks), 1)
        return out / max(len(self.profiles), 1)

    def distribution(self) -> dict[int, float]:
        """Probability of each member set (mask) under the same equal weighting."""
        out: dict[int, float] = {}
        base = self.game.fixed_mask
        for masks in self.profiles:
            for m in masks or (base,):
                out[m] = out.get(m, 0.0) + 1.0 / max(len(masks), 1) / len(self.profiles)
        return dict(sorted(out.items(), key=lambda kv: -kv[1]))


# ----------------------------------------------------------------------------- NumPy path
def free_states(game: FormationGame) -> np.ndarray:
    """Positions of the states whose membership varies across canonical profiles (neither
    founders nor incumbents)."""
    base = game.founders_mask | game.fixed_mask
    return np.array([k for k in range(game.n) if not base >> k & 1], dtype=np.int64)


def subspace_masks(game: FormationGame) -> np.ndarray:
    """Every profile containing the founders and incumbents, row ``g`` holding the free states
    of the bits of ``g`` (so that adding or removing a free state is a bit operation on g)."""
    free = free_states(game)
    g = np.arange(1 << len(free), dtype=np.int64)
    bits = (g[:, None] >> np.arange(len(free))) & 1
    return (game.founders_mask | game.fixed_mask) + (bits << free).sum(axis=1)


def _stable_numpy(game: FormationGame, table, value: np.ndarray) -> np.ndarray:
    """Boolean (D, 1 + 2**F) stability: column 0 "no alliance" (founding games), then the
    profiles of :func:`subspace_masks`, from the values of those profiles."""
    free = free_states(game)
    member, valid = table.member, table.valid
    rows_all = np.arange(len(table.masks))
    D = value.shape[0]
    stable = np.zeros((D, len(table.masks)), dtype=bool)
    stable[:, valid] = True
    position = {int(k): b for b, k in enumerate(free)}
    for i in range(game.n):
        if game.fixed_mask >> i & 1:
            continue
        rows = np.nonzero(member[:, i] & valid)[0]
        if not rows.size:
            continue
        if i in position:
            left = rows & ~(1 << position[i])
            without = np.where(valid[left][None, :, None], value[:, left, :], 0.0)
            stay = value[:, rows, i] > without[:, :, i]
            if game.admission == "unanimity":
                # every other member consents to i's membership
                others = member[None, rows, :].copy()
                others[:, :, i] = False
                stay &= ~((value[:, rows, :] < without) & others).any(axis=2)
        else:                                   # a founder's departure ends the design
            stay = value[:, rows, i] > 0.0
        stable[:, rows] &= stay
    for j, b in position.items():
        rows = np.nonzero(~member[:, j] & valid)[0]
        if not rows.size:
            continue
        joined = rows | (1 << b)
        want = value[:, joined, j] > value[:, rows, j]
        if game.admission == "unanimity":
            worse = (value[:, joined, :] < value[:, rows, :]) & member[None, rows, :]
            want &= ~worse.any(axis=2)
        stable[:, rows] &= ~want
    empty = np.zeros((D, 1), dtype=bool)
    if not game.fixed:
        rows = rows_all[valid]
        gain = np.all((value[:, rows, :] > 0) | ~member[None, rows, :], axis=2)
        empty[:, 0] = ~gain.any(axis=1)
    return np.concatenate([empty, stable], axis=1)


def stable_profiles(game: FormationGame, draws: FormationDraws, *, method: str = "auto",
                    max_found: int = 64, chunk: int = 256) -> StableProfiles:
    """All stable profiles of every draw, by exhaustive search over the ``2**n`` profiles.

    Parameters
    ----------
    game : FormationGame
    draws : FormationDraws
    method : {"auto", "numpy", "compiled", "loop"}
        ``auto`` uses the compiled kernel when numba is installed and ``n >= 10``.
    max_found : int
        Profiles kept per draw by the compiled kernel (``truncated`` tells if more existed).

    Examples
    --------
    >>> from foedus.models.formation.testing import random_game
    >>> from foedus.models.formation.params import central_parameters
    >>> g = random_game(4, seed=2)
    >>> a = stable_profiles(g, central_parameters(), method="numpy").profiles
    >>> b = stable_profiles(g, central_parameters(), method="loop").profiles
    >>> a == b
    True
    """
    if game.n > MAX_EXHAUSTIVE:
        raise FoedusError(f"{game.n} states: exhaustive search over 2**{game.n} profiles "
                          f"is refused above {MAX_EXHAUSTIVE}; use best_response() or the QRE "
                          "solution (foedus.models.formation.qre)")
    if method == "auto":
        method = "compiled" if kernel.HAVE_NUMBA and len(free_states(game)) >= 10 else "numpy"
    if method == "loop":
        return StableProfiles(game, tuple(stable_profiles_loop(game, row)
                                          for row in draws.values))
    if method == "compiled":
        if not kernel.HAVE_NUMBA:
            raise FoedusError("method='compiled' needs numba (pip install foedus[numba])")
        counts, found = kernel.stable_search(game, draws.values, max_found)
        profiles = tuple(tuple(sorted(int(m) for m in row[:min(c, max_found)]))
                         for c, row in zip(counts, found))
        return StableProfiles(game, profiles, bool((counts > max_found).any()))
    if method != "numpy":
        raise FoedusError(f"unknown method {method!r}; choose auto, numpy, compiled or loop")
    masks = subspace_masks(game)
    if len(masks) > 1 << 20:
        raise FoedusError(f"{len(masks):,} profiles are too many for the NumPy search; install "
                          "numba (pip install foedus[numba]) or use the QRE solution")
    table = profile_table(game, masks)
    labels = np.concatenate([[0], masks])
    out: list[tuple[int, ...]] = []
    chunk = max(1, min(chunk, (1 << 21) // (len(masks) * game.n)))
    for start in range(0, len(draws), chunk):
        sub = FormationDraws(draws.values[start:start + chunk])
        stable = _stable_numpy(game, table, values(game, table, sub))
        out.extend(tuple(sorted(int(m) for m in labels[np.nonzero(row)[0]])) for row in stable)
    return StableProfiles(game, tuple(out))


# ----------------------------------------------------------------------------- loops
class _Values:
    """V_i(mask) by the reference loops, memoised for one draw."""

    def __init__(self, game: FormationGame, row: np.ndarray):
        self.game, self.row, self.memo = game, row, {}

    def __call__(self, mask: int, i: int) -> float:
        key = (mask, i)
        if key not in self.memo:
            members = {k for k in range(self.game.n) if mask >> k & 1}
            self.memo[key] = profile_value(self.game, self.row, members, i)
        return self.memo[key]


def _deviation(game: FormationGame, value: _Values, mask: int, order) -> int | None:
    """The profile after the first profitable deviation from ``mask`` (None if stable)."""
    if mask == 0 and not game.fixed:
        for g in founding_groups(game):
            if all(value(g, i) > 0 for i in range(game.n) if g >> i & 1):
                return g
        return None
    fixed = game.fixed_mask
    for i in order:
        if mask >> i & 1 and not fixed >> i & 1:
            left = game.collapse(mask & ~(1 << i))
            if value(mask, i) <= value(left, i):
                return left
            if game.admission == "unanimity" and not game.founders_mask >> i & 1 and any(
                    value(mask, k) < value(left, k)
                    for k in range(game.n) if mask >> k & 1 and k != i):
                return left                     # a member withdraws its consent
    for j in order:
        if mask >> j & 1:
            continue
        joined = mask | 1 << j
        if value(joined, j) <= value(mask, j):
            continue
        if game.admission == "unanimity" and any(
                value(joined, k) < value(mask, k) for k in range(game.n) if mask >> k & 1):
            continue
        return joined
    return None


def stable_profiles_loop(game: FormationGame, row: np.ndarray) -> tuple[int, ...]:
    """Stable profiles of one draw by plain loops (reference and benchmark baseline).

    Examples
    --------
    >>> from foedus.models.formation.testing import random_game
    >>> from foedus.models.formation.params import central_parameters
    >>> g = random_game(3, seed=1)
    >>> loop = stable_profiles_loop(g, central_parameters().values[0])
    >>> loop == stable_profiles(g, central_parameters(), method="numpy").profiles[0]
    True
    """
    value = _Values(game, row)
    order = range(game.n)
    return tuple(int(m) for m in canonical_masks(game)
                 if _deviation(game, value, int(m), order) is None)


def best_response(game: FormationGame, row: np.ndarray, start: int = 0, *,
                  rng: np.random.Generator | None = None, max_steps: int = 10_000
                  ) -> int | None:
    """Follow unilateral deviations (members leave, outsiders join if admitted) to a rest point.

    States move one at a time, in random order when ``rng`` is given. Returns the stable
    profile reached, or ``None`` if the dynamics cycle or exceed ``max_steps``.

    Examples
    --------
    >>> from foedus.models.formation.testing import random_game
    >>> from foedus.models.formation.params import central_parameters
    >>> g = random_game(4, seed=2)
    >>> row = central_parameters().values[0]
    >>> end = best_response(g, row, start=(1 << 4) - 1)
    >>> end is None or end in stable_profiles_loop(g, row)
    True
    """
    value = _Values(game, row)
    if game.fixed:
        mask = start | game.fixed_mask
    else:
        mask = game.collapse(start)
    seen = {mask}
    for _ in range(max_steps):
        order = rng.permutation(game.n) if rng is not None else range(game.n)
        nxt = _deviation(game, value, mask, order)
        if nxt is None:
            return mask
        if nxt in seen and rng is None:
            return None
        seen.add(nxt)
        mask = nxt
    return None
