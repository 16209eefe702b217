"""Stable profiles: exhaustive search (NumPy, compiled, loops) and best-response dynamics agree,
for founding games, accessions (incumbents) and designs without a binding clause."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foedus.models.formation import best_response, sample_parameters, stable_profiles
from foedus.models.formation.equilibrium import canonical_masks, stable_profiles_loop
from foedus.models.formation.testing import random_game
from foedus.models.formation.utility import profile_value
from foedus.models.solvers._jit import HAVE_NUMBA

SHAPES = st.sampled_from([{}, {"founders": (0,)}, {"founders": (0, 1)},
                          {"fixed": (0, 1)}, {"fixed": (1,)}, {"binding": False},
                          {"admission": "open"}])


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 100_000), n=st.integers(2, 6), shape=SHAPES)
def test_exhaustive_implementations_agree(seed, n, shape):
    shape = {k: tuple(i for i in v if i < n) if isinstance(v, tuple) else v
             for k, v in shape.items()}
    game = random_game(n, seed=seed, **shape)
    draws = sample_parameters(4, np.random.default_rng(seed))
    numpy_ = stable_profiles(game, draws, method="numpy").profiles
    assert stable_profiles(game, draws, method="loop").profiles == numpy_
    if HAVE_NUMBA:
        assert stable_profiles(game, draws, method="compiled").profiles == numpy_


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 100_000), n=st.integers(2, 5), shape=SHAPES)
def test_best_response_and_exhaustive_search_agree(seed, n, shape):
    shape = {k: tuple(i for i in v if i < n) if isinstance(v, tuple) else v
             for k, v in shape.items()}
    game = random_game(n, seed=seed, **shape)
    row = sample_parameters(1, np.random.default_rng(seed)).values[0]
    exhaustive = set(stable_profiles_loop(game, row))
    reached = set()
    for start in canonical_masks(game):
        end = best_response(game, row, int(start))
        if end is not None:
            assert end in exhaustive            # every rest point of the dynamics is stable
            reached.add(end)
    assert reached == exhaustive                # and every stable profile is a rest point


def test_stability_is_what_the_definition_says():
    """Internal and external stability checked by hand on the values of one draw."""
    game = random_game(4, seed=21, founders=(0,))
    row = sample_parameters(1, np.random.default_rng(4)).values[0]

    def v(mask, i):
        return profile_value(game, row, {k for k in range(4) if mask >> k & 1}, i)

    for mask in stable_profiles_loop(game, row):
        if mask == 0:
            continue
        for i in range(4):
            if mask >> i & 1:
                left = game.collapse(mask & ~(1 << i))
                assert v(mask, i) > (v(left, i) if left else 0.0)
            else:
                joined = mask | 1 << i
                vetoed = any(v(joined, k) < v(mask, k) for k in range(4) if mask >> k & 1)
                assert v(joined, i) <= v(mask, i) or vetoed


def test_no_alliance_is_upset_by_any_coalition_that_gains():
    """The empty profile is stable iff no coalition in which the design exists has every
    member gaining (a coalitional deviation, docs/models/formation.md)."""
    for seed in range(25):
        game = random_game(4, seed=seed)
        row = sample_parameters(1, np.random.default_rng(seed)).values[0]
        gains = any(all(profile_value(game, row, {k for k in range(4) if m >> k & 1}, i) > 0
                        for i in range(4) if m >> i & 1)
                    for m in range(1, 16) if game.valid(m))
        assert (0 in stable_profiles_loop(game, row)) == (not gains)


def test_incumbents_are_always_members_and_the_baseline_has_value_zero():
    game = random_game(5, seed=3, fixed=(0, 1))
    row = sample_parameters(1, np.random.default_rng(3)).values[0]
    for mask in stable_profiles_loop(game, row):
        assert mask & 0b11 == 0b11
    for i in range(5):
        assert profile_value(game, row, {0, 1}, i) == pytest.approx(0.0, abs=1e-15)


@pytest.mark.skipif(not HAVE_NUMBA, reason="numba not installed")
def test_compiled_kernel_on_a_larger_game():
    game = random_game(11, seed=5, founders=(0,))
    draws = sample_parameters(20, np.random.default_rng(5))
    assert stable_profiles(game, draws, method="compiled").profiles == \
        stable_profiles(game, draws, method="numpy").profiles


def test_exhaustive_search_refuses_huge_games():
    from foedus.errors import FoedusError

    game = random_game(25, seed=0)
    with pytest.raises(FoedusError, match="QRE"):
        stable_profiles(game, sample_parameters(1, np.random.default_rng(0)))


def _permute(game, order):
    """The same game with its states listed in ``order``."""
    o = np.asarray(order)
    one = ("own", "base_allied", "base_allied_interest", "adhoc", "autonomy", "domestic",
           "foreign_command", "leadership")
    pair = ("interest", "new_treaty", "new_political", "abandon", "distrust", "dependence",
            "new_defence_obligation", "shared_base_control", "foreign_forces", "basing_rights")
    rows = ("adversary_capability", "threat", "exposure", "coercion_history")
    changes = {f: getattr(game, f)[o] for f in one + rows}
    changes.update({f: getattr(game, f)[np.ix_(o, o)] for f in pair})
    changes.update({f: getattr(game, f)[:, o] for f in ("entrapment_outside", "political_outside",
                                                        "entrapment_cost", "stake",
                                                        "institution_party", "institution_new")})
    changes["entrapment_pairs"] = game.entrapment_pairs[:, o][:, :, o]
    changes["political_pairs"] = game.political_pairs[:, o][:, :, o]
    inverse = np.argsort(o)
    changes["crisis_target"] = np.where(game.crisis_target >= 0,
                                        inverse[np.clip(game.crisis_target, 0, None)], -1)
    changes["states"] = tuple(game.states[k] for k in o)
    return dataclasses.replace(game, **changes)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 100_000), n=st.integers(2, 6), shape=SHAPES, data=st.data())
def test_relabelling_the_states_relabels_the_stable_profiles(seed, n, shape, data):
    shape = {k: tuple(i for i in v if i < n) if isinstance(v, tuple) else v
             for k, v in shape.items()}
    game = random_game(n, seed=seed, **shape)
    order = data.draw(st.permutations(range(n)))
    permuted = _permute(game, order)
    draws = sample_parameters(3, np.random.default_rng(seed))
    a = stable_profiles(game, draws, method="numpy")
    b = stable_profiles(permuted, draws, method="numpy")
    for ms_a, ms_b in zip(a.profiles, b.profiles):
        assert {frozenset(game.members(m)) for m in ms_a} == \
            {frozenset(permuted.members(m)) for m in ms_b}
