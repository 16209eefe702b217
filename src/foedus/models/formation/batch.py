"""Many membership games as one padded batch of arrays (for the QRE and the likelihoods).

:func:`stack_games` pads games of different sizes to common shapes with a ``present`` mask,
so that the quantal-response solver (:mod:`foedus.models.formation.qre`) runs on hundreds of
historical alliance cases, or on one game under thousands of parameter draws, in a few
vectorised operations. Contingencies that bind a state to at most one other state each (the
derived contingencies of a historical case: one target per attack) are folded into pair
matrices (``entrapment_pair``); the others (a scenario's crises, which may hit several
states) are kept as padded ``(C, N, N)`` tensors.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from foedus.models.formation.game import FormationGame

__all__ = ["GameBatch", "stack_games"]


@dataclass(frozen=True)
class GameBatch:
    """Padded arrays of ``B`` games (rows), ``N`` states, ``A`` adversaries, ``C`` general
    contingencies and ``G`` agreements. Field meanings follow
    :class:`~foedus.models.formation.game.FormationGame`."""

    games: tuple[FormationGame, ...]
    present: np.ndarray        # (B, N) bool
    party: np.ndarray          # (B, N) bool: party to a new or enlarged agreement
    fixed: np.ndarray          # (B, N) bool
    founder: np.ndarray        # (B, N) bool
    unanimity: np.ndarray      # (B,) bool
    binding: np.ndarray        # (B,) bool
    own: np.ndarray            # (B, N)
    base_allied: np.ndarray
    base_allied_interest: np.ndarray
    adhoc: np.ndarray
    interest: np.ndarray       # (B, N, N)
    new_treaty: np.ndarray
    new_political: np.ndarray
    abandon: np.ndarray        # (B, N, N) incumbent columns zeroed
    capability: np.ndarray     # (B, N, A)
    threat: np.ndarray         # (B, N, A)
    exposure: np.ndarray       # (B, N, A)
    coercion_history: np.ndarray
    entrapment_pair: np.ndarray      # (B, N, N, A) folded pair-form treaty entrapment costs
    political_pair: np.ndarray       # (B, N, N, A)   (row bound, column target, aggressor)
    entrapment_pairs: np.ndarray     # (B, C, N, N) general contingencies
    political_pairs: np.ndarray
    entrapment_outside: np.ndarray   # (B, C, N)
    political_outside: np.ndarray
    entrapment_cost: np.ndarray      # (B, C, N)
    crisis_target: np.ndarray        # (B, C) int, -1 outside the game
    crisis_power: np.ndarray         # (B, C)
    crisis_target_own: np.ndarray    # (B, C)
    crisis_target_allied: np.ndarray  # (B, C)
    distrust: np.ndarray       # (B, N, N)
    dependence: np.ndarray     # (B, N, N) diagonal: own
    autonomy: np.ndarray       # (B, N)
    domestic: np.ndarray
    new_defence_obligation: np.ndarray   # (B, N, N)
    shared_base_control: np.ndarray
    foreign_forces: np.ndarray
    basing_rights: np.ndarray
    foreign_command: np.ndarray  # (B, N)
    leadership: np.ndarray
    institution_party: np.ndarray  # (B, G, N)
    institution_new: np.ndarray
    institution_count: np.ndarray  # (B, G)

    @property
    def size(self) -> int:
        return self.present.shape[0]

    def take(self, rows) -> GameBatch:
        """The batch restricted to ``rows`` (an index array), e.g. one game repeated."""
        rows = np.asarray(rows)
        values = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            values[name] = tuple(value[r] for r in rows) if name == "games" else value[rows]
        return GameBatch(**values)


def _pair_form(game: FormationGame) -> np.ndarray:
    """(C,) True where a contingency has one aggressor among the adversaries and binds each
    state only to its target, a state of the game (its entrapment is then linear in the
    target's membership, with the target's own deterrence)."""
    if not game.crises:
        return np.zeros(0, dtype=bool)
    both = game.entrapment_pairs | game.political_pairs
    target = game.crisis_target
    only_target = np.ones(len(game.crises), dtype=bool)
    for c in range(len(game.crises)):
        cols = np.nonzero(both[c].any(axis=0))[0]
        only_target[c] = target[c] >= 0 and all(k == target[c] for k in cols)
    return only_target & (game.crisis_aggressor >= 0) & ~game.entrapment_outside.any(axis=1) \
        & ~game.political_outside.any(axis=1)


def stack_games(games: Sequence[FormationGame]) -> GameBatch:
    """Pad and stack games into one :class:`GameBatch`.

    Examples
    --------
    >>> from foedus.models.formation.testing import random_game
    >>> b = stack_games([random_game(3, seed=1), random_game(5, seed=2)])
    >>> b.present.sum(axis=1).tolist(), b.interest.shape
    ([3, 5], (2, 5, 5))
    """
    games = tuple(games)
    B = len(games)
    N = max(g.n for g in games)
    A = max(len(g.adversaries) for g in games)
    forms = [_pair_form(g) for g in games]
    C = max([int((~f).sum()) for f in forms] + [0])
    G = max([len(g.institution_count) for g in games] + [0])
    zeros = {  # name: (shape, dtype)
        "present": ((B, N), bool), "party": ((B, N), bool), "fixed": ((B, N), bool), "founder": ((B, N), bool),
        "entrapment_pairs": ((B, C, N, N), bool), "political_pairs": ((B, C, N, N), bool),
        "entrapment_outside": ((B, C, N), bool), "political_outside": ((B, C, N), bool),
        "entrapment_cost": ((B, C, N), float), "entrapment_pair": ((B, N, N, A), float),
        "political_pair": ((B, N, N, A), float), "institution_party": ((B, G, N), bool),
        "crisis_target": ((B, C), np.int64), "crisis_power": ((B, C), float),
        "crisis_target_own": ((B, C), float), "crisis_target_allied": ((B, C), float),
        "institution_new": ((B, G, N), bool), "institution_count": ((B, G), float),
        "capability": ((B, N, A), float), "threat": ((B, N, A), float),
        "exposure": ((B, N, A), float), "coercion_history": ((B, N, A), float),
    }
    one = ("own", "base_allied", "base_allied_interest", "adhoc", "autonomy", "domestic",
           "foreign_command", "leadership")
    pair = ("interest", "new_treaty", "new_political", "abandon", "distrust", "dependence",
            "new_defence_obligation", "shared_base_control", "foreign_forces",
            "basing_rights")
    arrays = {name: np.zeros(shape, dtype) for name, (shape, dtype) in zeros.items()}
    arrays.update({name: np.zeros((B, N)) for name in one})
    arrays.update({name: np.zeros((B, N, N)) for name in pair})
    for b, (g, form) in enumerate(zip(games, forms)):
        n, m = g.n, len(g.adversaries)
        arrays["present"][b, :n] = True
        arrays["party"][b, :n] = g.institution_party.any(axis=0) | \
            np.array([s in g.fixed for s in g.states])
        arrays["fixed"][b, :n] = [s in g.fixed for s in g.states]
        arrays["founder"][b, :n] = [s in g.founders for s in g.states]
        for name in one:
            arrays[name][b, :n] = getattr(g, name)
        for name in pair:
            arrays[name][b, :n, :n] = getattr(g, name)
        arrays["abandon"][b, :n, :n] *= ~arrays["fixed"][b, None, :n]
        for name, source in (("capability", g.adversary_capability), ("threat", g.threat),
                             ("exposure", g.exposure),
                             ("coercion_history", g.coercion_history)):
            arrays[name][b, :n, :m] = source
        arrays["crisis_target"][b] = -1
        if g.crises:
            cost = g.entrapment_cost
            for c in np.nonzero(form)[0]:
                a = g.crisis_aggressor[c]
                arrays["entrapment_pair"][b, :n, :n, a] += cost[c][:, None] * g.entrapment_pairs[c]
                arrays["political_pair"][b, :n, :n, a] += cost[c][:, None] * g.political_pairs[c]
            rest = ~form
            k = int(rest.sum())
            arrays["crisis_target"][b, :k] = g.crisis_target[rest]
            arrays["crisis_power"][b, :k] = g.crisis_power[rest]
            arrays["crisis_target_own"][b, :k] = g.crisis_target_own[rest]
            arrays["crisis_target_allied"][b, :k] = g.crisis_target_allied[rest]
            arrays["entrapment_pairs"][b, :k, :n, :n] = g.entrapment_pairs[rest]
            arrays["political_pairs"][b, :k, :n, :n] = g.political_pairs[rest]
            arrays["entrapment_outside"][b, :k, :n] = g.entrapment_outside[rest]
            arrays["political_outside"][b, :k, :n] = g.political_outside[rest]
            arrays["entrapment_cost"][b, :k, :n] = cost[rest]
        h = len(g.institution_count)
        arrays["institution_party"][b, :h, :n] = g.institution_party
        arrays["institution_new"][b, :h, :n] = g.institution_new
        arrays["institution_count"][b, :h] = g.institution_count
    return GameBatch(games=games, unanimity=np.array([g.admission == "unanimity" for g in games]),
                     binding=np.array([g.binding for g in games]), **arrays)
