"""The quantal-response membership equilibrium: exact for two states, close to the stable
profiles on small games at high precision, the same in a batch as one game at a time."""

from __future__ import annotations

import numpy as np
import pytest

from foedus.models.formation import sample_parameters, stable_profiles
from foedus.models.formation.batch import stack_games
from foedus.models.formation.qre import solve_game, solve_qre
from foedus.models.formation.testing import random_game
from foedus.models.formation.utility import profile_value


def _logistic(x):
    return 1.0 / (1.0 + np.exp(-x))


@pytest.mark.parametrize("seed", range(6))
def test_a_bilateral_pact_is_solved_exactly(seed):
    game = random_game(2, seed=seed)
    draws = sample_parameters(1, np.random.default_rng(seed))
    row = draws.values[0]
    lam = draws["formation_precision"][0]
    values = [profile_value(game, row, {0, 1}, i) for i in range(2)]
    res = solve_game(game, draws)
    expected = _logistic(lam * values[0]) * _logistic(lam * values[1])
    assert res.membership[0] == pytest.approx([expected, expected], rel=1e-6)
    assert res.delta[0] == pytest.approx(values)
    assert res.p_exists[0] == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize("shape", [{"founders": (0,)}, {}, {"fixed": (0, 1)},
                                   {"binding": False}, {"founders": (0, 1)}])
def test_at_high_precision_the_qre_finds_the_unique_stable_profile(shape):
    """Consistency with the exhaustive solution: on random games with a unique stable profile,
    the QRE at lambda = 400 places (almost) every state as the stable profile does. The
    thresholds are what the mean field reaches (docs/models/formation.md); a solver that
    ignored the values (e.g. 0.5 everywhere) places about half."""
    games, thetas, profiles = [], [], []
    for seed in range(40):
        game = random_game(6, seed=seed, **shape)
        draws = sample_parameters(1, np.random.default_rng(seed)).replace(formation_precision=400.0)
        stable = stable_profiles(game, draws, method="numpy").profiles[0]
        if len(stable) == 1:
            games.append(game)
            thetas.append(draws.values[0])
            profiles.append(stable[0])
    unique = len(games)
    predicted = solve_qre(stack_games(games), np.array(thetas)).p_member > 0.5   # one batch
    bits = (np.array(profiles)[:, None] >> np.arange(6)) & 1
    agree, total = int((predicted == bits).sum()), bits.size
    whole = int((predicted == bits).all(axis=1).sum())
    assert unique >= 20
    assert agree / total >= 0.95
    assert whole / unique >= 0.85


def test_a_batch_gives_the_same_answer_as_one_game_at_a_time():
    games = [random_game(n, seed=n, founders=(0,) if n % 2 else ()) for n in (2, 3, 5)]
    theta = sample_parameters(1, np.random.default_rng(0)).values
    batch = solve_qre(stack_games(games), theta)
    for b, game in enumerate(games):
        alone = solve_qre(stack_games([game]), theta)
        assert batch.membership[b, :game.n] == pytest.approx(alone.membership[0, :game.n],
                                                              abs=1e-6)
        assert not batch.membership[b, game.n:].any()                    # padding


def test_warm_start_converges_to_the_same_solution():
    game = random_game(6, seed=3, founders=(0,))
    theta = sample_parameters(1, np.random.default_rng(3)).values
    cold = solve_qre(stack_games([game]), theta)
    warm = solve_qre(stack_games([game]), theta, z0=cold.membership, stages=(1.0,))
    assert warm.iterations < cold.iterations
    assert warm.membership == pytest.approx(cold.membership, abs=1e-5)
    assert cold.converged.all()


def test_probabilities_are_probabilities_and_incumbents_stay():
    game = random_game(5, seed=4, fixed=(0, 1))
    res = solve_game(game, sample_parameters(30, np.random.default_rng(4)))
    assert np.all((res.membership >= 0) & (res.membership <= 1))
    assert np.all(res.membership[:, :2] == 1.0) and np.all(res.p_member[:, :2] == 1.0)
    assert np.all((res.p_exists >= 0) & (res.p_exists <= 1))


def test_a_state_with_nothing_to_join_is_never_a_member(flagship):
    from foedus.interests import compute_interests
    from foedus.models.formation import build_game

    game = build_game(flagship, "minilateral-lattice", compute_interests(flagship.world))
    res = solve_game(game, sample_parameters(5, np.random.default_rng(1)))
    for state in ("KOR", "IND", "NZL"):                  # party to none of the lattice's ties
        assert not res.membership[:, game.index(state)].any()


def test_bad_theta_is_one_clear_error():
    from foedus.errors import ParameterError

    with pytest.raises(ParameterError, match="columns"):
        solve_qre(stack_games([random_game(3)]), np.ones((1, 3)))
