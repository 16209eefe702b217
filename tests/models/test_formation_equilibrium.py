"""Stable profiles: exhaustive search (NumPy, compiled, loops) and best-response dynamics agree."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foedus.models.formation import best_response, sample_parameters, stable_profiles
from foedus.models.formation.equilibrium import canonical_masks, stable_profiles_loop
from foedus.models.formation.testing import random_game
from foedus.models.solvers._jit import HAVE_NUMBA

FOUNDERS = st.sampled_from([(), (0,), (0, 1)])


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 100_000), n=st.integers(2, 6), founders=FOUNDERS,
       admission=st.sampled_from(["unanimity", "open"]))
def test_exhaustive_implementations_agree(seed, n, founders, admission):
    founders = tuple(f for f in founders if f < n)
    game = random_game(n, seed=seed, founders=founders, admission=admission)
    draws = sample_parameters(4, np.random.default_rng(seed))
    numpy_ = stable_profiles(game, draws, method="numpy").profiles
    loop = stable_profiles(game, draws, method="loop").profiles
    assert numpy_ == loop
    if HAVE_NUMBA:
        assert stable_profiles(game, draws, method="compiled").profiles == numpy_


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 100_000), n=st.integers(2, 6), founders=FOUNDERS)
def test_best_response_and_exhaustive_search_agree(seed, n, founders):
    founders = tuple(f for f in founders if f < n)
    game = random_game(n, seed=seed, founders=founders)
    row = sample_parameters(1, np.random.default_rng(seed)).values[0]
    exhaustive = set(stable_profiles_loop(game, row))
    reached = set()
    for start in canonical_masks(game):
        end = best_response(game, row, int(start))
        if end is not None:
            assert end in exhaustive            # every rest point of the dynamics is stable
            reached.add(end)
    assert reached == exhaustive                # and every stable profile is a rest point
    rng = np.random.default_rng(seed)
    for _ in range(5):                          # random-order dynamics end in a stable profile
        end = best_response(game, row, int(rng.integers(1 << n)), rng=rng, max_steps=200)
        assert end is None or end in exhaustive


def test_games_with_members_are_found():
    """A game where joining pays: security dominates, costs are zero."""
    game = random_game(5, seed=11)
    draws = sample_parameters(20, np.random.default_rng(2)).replace(
        formation_entrapment_weight=0.0, formation_distrust_weight=0.0,
        formation_domestic_weight=0.0, formation_coercion_weight=0.0,
        formation_cost_collective_defence=0.0, formation_cost_foreign_forces=0.0,
        treaty_reliability=0.9)
    profiles = stable_profiles(game, draws, method="numpy").profiles
    assert all(ms and all(m != 0 for m in ms) for ms in profiles)
    assert stable_profiles(game, draws, method="loop").profiles == profiles


@pytest.mark.skipif(not HAVE_NUMBA, reason="numba not installed")
def test_compiled_kernel_on_a_larger_game():
    game = random_game(11, seed=5, founders=(0,))
    draws = sample_parameters(30, np.random.default_rng(5))
    assert stable_profiles(game, draws, method="compiled").profiles == \
        stable_profiles(game, draws, method="numpy").profiles


def test_exhaustive_search_refuses_huge_games():
    from foedus.errors import FoedusError

    game = random_game(25, seed=0)
    with pytest.raises(FoedusError, match="best_response"):
        stable_profiles(game, sample_parameters(1, np.random.default_rng(0)))


def _permute(game, order):
    """The same game with its states listed in ``order``."""
    import dataclasses

    o = np.asarray(order)
    one = ("own", "base_allied", "autonomy", "domestic", "foreign_command", "leadership")
    pair = ("new_treaty", "new_political", "distrust", "dependence", "new_defence_obligation",
            "shared_base_control", "foreign_forces", "basing_rights")
    rows = ("adversary_capability", "threat", "exposure", "coercion_history")
    changes = {f: getattr(game, f)[o] for f in one + rows}
    changes.update({f: getattr(game, f)[np.ix_(o, o)] for f in pair})
    changes.update({f: getattr(game, f)[:, o] for f in ("entrapment_outside", "entrapment_cost",
                                                        "stake")})
    changes["entrapment_pairs"] = game.entrapment_pairs[:, o][:, :, o]
    changes["states"] = tuple(game.states[k] for k in o)
    return dataclasses.replace(game, **changes)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 100_000), n=st.integers(2, 6), founders=FOUNDERS,
       data=st.data())
def test_relabelling_the_states_relabels_the_stable_profiles(seed, n, founders, data):
    founders = tuple(f for f in founders if f < n)
    game = random_game(n, seed=seed, founders=founders)
    order = data.draw(st.permutations(range(n)))
    permuted = _permute(game, order)
    draws = sample_parameters(3, np.random.default_rng(seed))
    a = stable_profiles(game, draws, method="numpy")
    b = stable_profiles(permuted, draws, method="numpy")
    for ms_a, ms_b in zip(a.profiles, b.profiles):
        assert {frozenset(game.members(m)) for m in ms_a} == \
            {frozenset(permuted.members(m)) for m in ms_b}
