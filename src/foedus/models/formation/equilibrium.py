"""Stable membership profiles: exhaustive search and best-response dynamics.

A profile is the set :math:`S` of invited states that join. The design exists only if its
founders (``rules.leadership``) are all in and it has at least two members; every other
profile is the same as no alliance (the empty profile). Stability is internal and external
stability (d'Aspremont et al. 1983), with the design's admission rule:

* every member prefers to stay: :math:`U_i(S) > 0` for :math:`i \\in S` (leaving returns it to
  the baseline, utility 0);
* no outsider both wants to join and is admitted: for :math:`j \\notin S`, either
  :math:`U_j(S \\cup \\{j\\}) \\le 0`, or (unanimity) some member :math:`k` is worse off,
  :math:`U_k(S \\cup \\{j\\}) < U_k(S)`, and vetoes it;
* the empty profile is stable when no founding group (the founders; with one founder, the
  founder and any one partner; with none, any pair) would all gain by forming the design.

:func:`stable_profiles` enumerates all :math:`2^n` profiles (vectorised, or a compiled kernel
for large games); :func:`best_response` follows one deviation at a time and is what is left
when :math:`n` is too large to enumerate; :func:`stable_profiles_loop` is a straightforward
loop kept as the reference and the benchmark baseline.

References
----------
d'Aspremont, C., Jacquemin, A., Gabszewicz, J. J., & Weymark, J. A. (1983). On the stability
of collusive price leadership. Canadian Journal of Economics 16(1): 17-25. doi:10.2307/134972
Barrett, S. (1994). Self-enforcing international environmental agreements. Oxford Economic
Papers 46: 878-894. doi:10.1093/oep/46.Supplement_1.878
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from foedus.errors import FoedusError
from foedus.models.formation.game import FormationGame
from foedus.models.formation.params import FormationDraws
from foedus.models.formation.utility import (
    MaskTable,
    mask_table,
    member_terms,
    term_arrays,
    utilities,
)
from foedus.models.solvers._jit import HAVE_NUMBA, njit, numba

_prange = numba.prange if HAVE_NUMBA else range

__all__ = [
    "MAX_EXHAUSTIVE",
    "StableProfiles",
    "best_response",
    "canonical_masks",
    "founding_groups",
    "stable_profiles",
    "stable_profiles_loop",
]

#: Above this many invited states exhaustive search is refused (2**24 profiles).
MAX_EXHAUSTIVE = 24


def founding_groups(game: FormationGame) -> list[int]:
    """The coalitions whose agreement creates the design from nothing.

    Examples
    --------
    >>> from foedus.models.formation.testing import random_game
    >>> founding_groups(random_game(3, founders=(0, 1)))
    [3]
    >>> founding_groups(random_game(3))
    [3, 5, 6]
    """
    f, n = game.founders_mask, game.n
    size = (f).bit_count()
    if size >= 2:
        return [f]
    if size == 1:
        return [f | 1 << j for j in range(n) if not f >> j & 1]
    return [1 << a | 1 << b for a in range(n) for b in range(a + 1, n)]


def canonical_masks(game: FormationGame) -> np.ndarray:
    """The empty profile and every profile in which the design exists.

    Examples
    --------
    >>> from foedus.models.formation.testing import random_game
    >>> canonical_masks(random_game(3, founders=(0,))).tolist()
    [0, 3, 5, 7]
    """
    masks = np.arange(1 << game.n, dtype=np.int64)
    f = game.founders_mask
    size = np.array([(m).bit_count() for m in range(1 << game.n)])
    return masks[(masks == 0) | (((masks & f) == f) & (size >= 2))]


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
        weighted equally (a draw with no stable profile counts as no alliance)."""
        n = self.game.n
        out = np.zeros(n)
        for masks in self.profiles:
            if masks:
                for m in masks:
                    out += ((m >> np.arange(n)) & 1) / len(masks)
        return out / max(len(self.profiles), 1)

    def distribution(self) -> dict[int, float]:
        """Probability of each member set (mask) under the same equal weighting."""
        out: dict[int, float] = {}
        for masks in self.profiles:
            for m in masks or (0,):
                out[m] = out.get(m, 0.0) + 1.0 / max(len(masks), 1) / len(self.profiles)
        return dict(sorted(out.items(), key=lambda kv: -kv[1]))


# ----------------------------------------------------------------------------- NumPy path
def _stable_numpy(game: FormationGame, table: MaskTable, values: np.ndarray) -> np.ndarray:
    """Boolean (D, 2**n) stability of every profile, from utilities over all profiles."""
    n = game.n
    full = (1 << n) - 1
    if len(table.masks) != 1 << n:
        raise FoedusError("the NumPy stability check needs the table of all 2**n profiles")
    bits = table.bits
    masks = table.masks
    f = game.founders_mask
    size = bits.sum(axis=1)
    exists = ((masks & f) == f) & (size >= 2)
    positive = values > 0
    internal = np.all(positive | ~bits[None], axis=2)                  # (D,M)
    stable = np.zeros(values.shape[:2], dtype=bool)
    stable[:, exists] = internal[:, exists]
    for j in range(n):
        out = ~bits[:, j] & exists
        if not out.any():
            continue
        rows = np.nonzero(out)[0]
        want = positive[:, rows, j]                                    # (D,R)
        if game.admission == "unanimity":
            joined = masks[rows] | (1 << j)
            worse = (values[:, joined, :] < values[:, rows, :]) & bits[None, rows, :]
            want &= ~worse.any(axis=2)
        stable[:, rows] &= ~want
    groups = founding_groups(game)
    forms = np.zeros(values.shape[0], dtype=bool)
    for g in groups:
        gbits = bits[g]
        forms |= np.all(positive[:, g, :] | ~gbits[None], axis=1)
    stable[:, 0] = ~forms
    assert full == masks[-1]
    return stable


# ----------------------------------------------------------------------------- compiled path
@njit(inline="always")
def _value(m, i, T, Q, ENT, DIST, CD, SB, FF, BR, theta, cap, x0, d0, weight, const, pr,
           vis):  # pragma: no cover - jit
    x = x0[i] + pr[0] * (T[m, i] + pr[1] * Q[m, i])
    sec = 0.0
    for a in range(theta.shape[1]):
        s = x + cap[i, a]
        sec += theta[i, a] * ((x / s if s > 0 else 1.0) - d0[i, a])
    return (sec - pr[2] * pr[0] * ENT[m, i] - pr[6] * vis * DIST[m, i] + const[i]
            + weight[i] * (pr[13] * BR[m, i] - pr[8] * CD[m, i] - pr[10] * SB[m, i]
                           - pr[11] * FF[m, i]))


@njit(parallel=True)
def _stable_kernel(T, Q, ENT, DIST, CD, SB, FF, BR, theta, cap, own, base, weight, const,
                   params, founders, unanimity, groups, binding, max_found):  # pragma: no cover - jit
    D = params.shape[0]
    M, n = T.shape
    A = theta.shape[1]
    counts = np.zeros(D, dtype=np.int64)
    found = -np.ones((D, max_found), dtype=np.int64)
    for d in _prange(D):
        pr = params[d]
        vis = 1.0 if binding else pr[1]
        c = const[d]
        x0 = own + pr[0] * base
        d0 = np.empty((n, A))
        for i in range(n):
            for a in range(A):
                s = x0[i] + cap[i, a]
                d0[i, a] = x0[i] / s if s > 0 else 1.0
        forms = False
        for g in groups:
            ok = True
            for i in range(n):
                if g >> i & 1 and _value(g, i, T, Q, ENT, DIST, CD, SB, FF, BR, theta, cap, x0,
                                         d0, weight, c, pr, vis) <= 0:
                    ok = False
                    break
            if ok:
                forms = True
                break
        if not forms:
            found[d, 0] = 0
            counts[d] = 1
        for m in range(1, M):
            if (m & founders) != founders:
                continue
            size = 0
            for i in range(n):
                size += m >> i & 1
            if size < 2:
                continue
            ok = True
            for i in range(n):
                if m >> i & 1 and _value(m, i, T, Q, ENT, DIST, CD, SB, FF, BR, theta, cap, x0,
                                         d0, weight, c, pr, vis) <= 0:
                    ok = False
                    break
            if not ok:
                continue
            for j in range(n):
                if m >> j & 1:
                    continue
                if _value(m, j, T, Q, ENT, DIST, CD, SB, FF, BR, theta, cap, x0, d0, weight,
                          c, pr, vis) <= 0:
                    continue
                vetoed = False
                if unanimity:
                    mj = m | (1 << j)
                    for k in range(n):
                        if m >> k & 1 and _value(mj, k, T, Q, ENT, DIST, CD, SB, FF, BR, theta,
                                                 cap, x0, d0, weight, c, pr, vis) < _value(
                                m, k, T, Q, ENT, DIST, CD, SB, FF, BR, theta, cap, x0, d0,
                                weight, c, pr, vis):
                            vetoed = True
                            break
                if not vetoed:
                    ok = False
                    break
            if ok:
                if counts[d] < max_found:
                    found[d, counts[d]] = m
                counts[d] += 1
    return counts, found


def _kernel_inputs(game: FormationGame, table: MaskTable, draws: FormationDraws):
    p = draws.values
    terms_const = term_arrays(game, MaskTable(
        table.masks[:1], table.bits[:1], table.treaty[:1] * 0, table.political[:1] * 0,
        table.entrapment[:1] * 0, table.distrust[:1] * 0, table.defence_obligation[:1] * 0,
        table.shared_base[:1] * 0, table.foreign_forces[:1] * 0, table.basing_rights[:1] * 0),
        draws)
    const = (terms_const["coercion"] + terms_const["domestic"] + terms_const["autonomy"])[:, 0, :]
    return (table.treaty, table.political, table.entrapment, table.distrust,
            table.defence_obligation, table.shared_base, table.foreign_forces,
            table.basing_rights, game.threat, game.adversary_capability, game.own,
            game.base_allied, 1.0 + game.autonomy, np.ascontiguousarray(const),
            np.ascontiguousarray(p), game.founders_mask, game.admission == "unanimity",
            np.array(founding_groups(game), dtype=np.int64), game.binding)


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
        raise FoedusError(f"{game.n} invited states: exhaustive search over 2**{game.n} profiles "
                          f"is refused above {MAX_EXHAUSTIVE}; use best_response()")
    if method == "auto":
        method = "compiled" if HAVE_NUMBA and game.n >= 10 else "numpy"
    if method == "loop":
        return StableProfiles(game, tuple(stable_profiles_loop(game, row)
                                          for row in draws.values))
    table = mask_table(game)
    if method == "compiled":
        if not HAVE_NUMBA:
            raise FoedusError("method='compiled' needs numba (pip install foedus[numba])")
        counts, found = _stable_kernel(*_kernel_inputs(game, table, draws), max_found)
        profiles = tuple(tuple(sorted(int(m) for m in row[:min(c, max_found)]))
                         for c, row in zip(counts, found))
        return StableProfiles(game, profiles, bool((counts > max_found).any()))
    if method != "numpy":
        raise FoedusError(f"unknown method {method!r}; choose auto, numpy, compiled or loop")
    out: list[tuple[int, ...]] = []
    chunk = max(1, min(chunk, (1 << 22) // ((1 << game.n) * game.n)))   # ~32 MB of utilities
    for start in range(0, len(draws), chunk):
        sub = FormationDraws(draws.values[start:start + chunk])
        stable = _stable_numpy(game, table, utilities(game, table, sub))
        out.extend(tuple(int(m) for m in np.nonzero(row)[0]) for row in stable)
    return StableProfiles(game, tuple(out))


# ----------------------------------------------------------------------------- loops
def _u(game, row, mask, i) -> float:
    members = {k for k in range(game.n) if mask >> k & 1} | {i}
    return sum(member_terms(game, row, members, i).values())


def _deviation(game: FormationGame, row: np.ndarray, mask: int, order) -> int | None:
    """The profile after the first profitable deviation from ``mask`` (None if stable)."""
    if mask == 0:
        for g in founding_groups(game):
            if all(_u(game, row, g, i) > 0 for i in range(game.n) if g >> i & 1):
                return g
        return None
    for i in order:
        if mask >> i & 1 and _u(game, row, mask, i) <= 0:
            rest = mask & ~(1 << i)
            f = game.founders_mask
            exists = (rest & f) == f and (rest).bit_count() >= 2
            return rest if exists else 0
    for j in order:
        if mask >> j & 1 or _u(game, row, mask, j) <= 0:
            continue
        joined = mask | 1 << j
        if game.admission == "unanimity" and any(
                _u(game, row, joined, k) < _u(game, row, mask, k)
                for k in range(game.n) if mask >> k & 1):
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
    order = range(game.n)
    return tuple(int(m) for m in canonical_masks(game) if _deviation(game, row, int(m), order)
                 is None)


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
    f = game.founders_mask
    mask = start if start == 0 or ((start & f) == f and (start).bit_count() >= 2) else 0
    seen = {mask}
    for _ in range(max_steps):
        order = rng.permutation(game.n) if rng is not None else range(game.n)
        nxt = _deviation(game, row, mask, order)
        if nxt is None:
            return mask
        if nxt in seen and rng is None:
            return None
        seen.add(nxt)
        mask = nxt
    return None
