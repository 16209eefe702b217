"""Synthetic membership games for tests, doctests and benchmarks (no scenario needed)."""

from __future__ import annotations

import numpy as np

from foedus.models.formation.game import FormationGame

__all__ = ["random_game"]


def random_game(n: int, *, seed: int = 0, crises: int = 3, adversaries: int = 2,
                founders: tuple[int, ...] = (), admission: str = "unanimity") -> FormationGame:
    """A random but well-formed game of ``n`` invited states (``S0``, ``S1``, ...).

    Capabilities are CINC-like shares, threats and exposures lie in [0, 1], affinities in
    [-1, 1]; a collective-defence clause links every pair, and a random subset of crises binds
    each pair. Used to check that the implementations agree, never to draw conclusions.

    Examples
    --------
    >>> g = random_game(4, seed=3)
    >>> g.n, g.admission
    (4, 'unanimity')
    """
    rng = np.random.default_rng(seed)
    states = tuple(f"S{k}" for k in range(n))
    cap = rng.uniform(0.001, 0.1, n)
    projected = cap[None, :] * rng.uniform(0.3, 1.0, (n, n))
    np.fill_diagonal(projected, 0.0)
    affinity = rng.uniform(-1, 1, (n, n))
    affinity = 0.5 * (affinity + affinity.T)
    distrust = np.clip(-affinity, 0, None)
    np.fill_diagonal(distrust, 0.0)
    pairs = rng.uniform(size=(crises, n, n)) < 0.3
    for c in range(crises):
        np.fill_diagonal(pairs[c], False)
    obligation = np.ones((n, n)) - np.eye(n)
    lead = np.zeros(n)
    command = np.zeros(n)
    if founders:
        lead[list(founders)] = 1.0 / len(founders)
    basing = (rng.uniform(size=(n, n)) < 0.1).astype(float)
    np.fill_diagonal(basing, 0.0)
    return FormationGame(
        design="random", states=states, adversaries=tuple(f"A{a}" for a in range(adversaries)),
        crises=tuple(f"C{c}" for c in range(crises)),
        founders=tuple(states[k] for k in founders), admission=admission, binding=True,
        own=cap * 1.1, base_allied=rng.uniform(0, 0.05, n) * (rng.uniform(size=n) < 0.5),
        new_treaty=projected, new_political=np.zeros((n, n)),
        adversary_capability=rng.uniform(0.01, 0.3, (n, adversaries)),
        threat=rng.uniform(0, 1, (n, adversaries)), entrapment_pairs=pairs,
        entrapment_outside=np.zeros((crises, n), dtype=bool),
        entrapment_cost=rng.uniform(0, 0.6, (crises, n)), stake=np.zeros((crises, n)),
        exposure=rng.uniform(0, 0.1, (n, adversaries)),
        coercion_history=(rng.uniform(size=(n, adversaries)) < 0.2).astype(float),
        distrust=distrust, dependence=projected + np.diag(cap * 1.1), autonomy=rng.uniform(0, 1, n), domestic=rng.uniform(0, 1, n) *
        (rng.uniform(size=n) < 0.3), new_defence_obligation=obligation,
        shared_base_control=np.zeros((n, n)), foreign_forces=basing.T.copy(),
        basing_rights=basing, foreign_command=command, leadership=lead)
