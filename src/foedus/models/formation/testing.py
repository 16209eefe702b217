"""Synthetic membership games for tests, doctests and benchmarks (no scenario needed)."""

from __future__ import annotations

import numpy as np

from foedus.models.formation.game import FormationGame, interest_matrix

__all__ = ["random_game"]


def random_game(n: int, *, seed: int = 0, crises: int = 3, adversaries: int = 2,
                founders: tuple[int, ...] = (), admission: str = "unanimity",
                fixed: tuple[int, ...] = (), binding: bool = True) -> FormationGame:
    """A random but well-formed game of ``n`` states (``S0``, ``S1``, ...).

    Capabilities are CINC-like shares, threats and exposures lie in [0, 1], affinities in
    [-1, 1]; a collective-defence clause links every pair (a consultation clause only, if
    ``binding`` is false), a random subset of crises binds each pair, and the states in
    ``fixed`` are the incumbents of an accession. Used to check that the implementations
    agree, never to draw conclusions.

    Examples
    --------
    >>> g = random_game(4, seed=3)
    >>> g.n, g.admission, g.fixed
    (4, 'unanimity', ())
    >>> random_game(4, fixed=(0, 1)).fixed
    ('S0', 'S1')
    """
    rng = np.random.default_rng(seed)
    states = tuple(f"S{k}" for k in range(n))
    is_fixed = np.zeros(n, dtype=bool)
    is_fixed[list(fixed)] = True
    cap = rng.uniform(0.001, 0.1, n)
    projected = cap[None, :] * rng.uniform(0.3, 1.0, (n, n))
    np.fill_diagonal(projected, 0.0)
    affinity = rng.uniform(-1, 1, (n, n))
    affinity = 0.5 * (affinity + affinity.T)
    threat = rng.uniform(0, 1, (n, adversaries))
    iota = interest_matrix(affinity, threat)
    # pairs among incumbents are in the baseline: nothing new between them
    new_pair = np.ones((n, n)) - np.eye(n)
    new_pair[np.ix_(is_fixed, is_fixed)] = 0.0
    distrust = np.clip(-affinity, 0, None) * new_pair
    pairs = (rng.uniform(size=(crises, n, n)) < 0.3) & (new_pair[None] > 0)
    ppairs = (rng.uniform(size=(crises, n, n)) < 0.2) & (new_pair[None] > 0) & ~pairs
    treaty = projected * new_pair if binding else np.zeros((n, n))
    political = np.zeros((n, n)) if binding else projected * new_pair
    if not binding:
        ppairs |= pairs
        pairs = np.zeros_like(pairs)
    lead = np.zeros(n)
    command = np.zeros(n)
    if founders:
        lead[list(founders)] = 1.0 / len(founders)
    basing = (rng.uniform(size=(n, n)) < 0.1).astype(float) * new_pair
    base_allied = rng.uniform(0, 0.05, n) * (rng.uniform(size=n) < 0.5)
    dependence = projected * new_pair + np.diag(cap * 1.1)
    adversary_capability = rng.uniform(0.01, 0.3, (n, adversaries))
    crisis_target = rng.integers(-1, n, crises)
    crisis_aggressor = rng.integers(-1, adversaries, crises)
    # the aggressor's capability at the target, as build_game computes it
    crisis_power = np.where((crisis_target >= 0) & (crisis_aggressor >= 0),
                            adversary_capability[np.clip(crisis_target, 0, None),
                                                 np.clip(crisis_aggressor, 0, None)],
                            rng.uniform(0.01, 0.3, crises))
    return FormationGame(
        design="random", states=states, adversaries=tuple(f"A{a}" for a in range(adversaries)),
        crises=tuple(f"C{c}" for c in range(crises)),
        founders=tuple(states[k] for k in founders), admission=admission, binding=binding,
        own=cap * 1.1, base_allied=base_allied,
        base_allied_interest=base_allied * rng.uniform(0, 1, n),
        adhoc=(iota.T * projected).sum(axis=1), interest=iota, new_treaty=treaty,
        new_political=political, abandon=iota.T * projected * new_pair,
        adversary_capability=adversary_capability, threat=threat,
        entrapment_pairs=pairs, entrapment_outside=np.zeros((crises, n), dtype=bool),
        political_pairs=ppairs, political_outside=np.zeros((crises, n), dtype=bool),
        entrapment_cost=rng.uniform(0, 0.6, (crises, n)), stake=np.zeros((crises, n)),
        crisis_target=crisis_target, crisis_power=crisis_power,
        crisis_target_own=rng.uniform(0.001, 0.1, crises),
        crisis_target_allied=rng.uniform(0, 0.05, crises),
        crisis_aggressor=crisis_aggressor,
        exposure=rng.uniform(0, 0.1, (n, adversaries)) * ~is_fixed[:, None],
        coercion_history=(rng.uniform(size=(n, adversaries)) < 0.2).astype(float),
        distrust=distrust, dependence=dependence, autonomy=rng.uniform(0, 1, n),
        domestic=rng.uniform(0, 1, n) * (rng.uniform(size=n) < 0.3),
        new_defence_obligation=(treaty.T > 0).astype(float),
        shared_base_control=np.zeros((n, n)), foreign_forces=basing.T.copy(),
        basing_rights=basing, foreign_command=command, leadership=lead,
        institution_party=np.ones((1, n), dtype=bool), institution_new=~is_fixed[None],
        institution_count=np.array([float(rng.integers(0, 3))]),
        fixed=tuple(states[k] for k in fixed))
