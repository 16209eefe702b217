"""The fast path of the formation likelihood used by the fit on history: Anderson
acceleration reaches the damped iteration's fixed point, and the gradient by the implicit
function theorem equals differences of the likelihood."""

from __future__ import annotations

import numpy as np
import pytest

from foedus.errors import ParameterError
from foedus.models.formation import sample_parameters
from foedus.models.formation.batch import stack_games
from foedus.models.formation.likelihood import (
    AllianceData,
    alliance_log_likelihood,
    alliance_log_likelihood_gradient,
)
from foedus.models.formation.params import FORMATION_PARAMETERS
from foedus.models.formation.qre import solve_qre
from foedus.models.formation.testing import random_game

# the reference: the damped iteration run to round-off (its stopping rule is on the damped
# change, so "1e-12" there leaves errors of ~1e-11 that log z of tiny memberships shows)
TIGHT = {"tol": 1e-15, "max_iter": 20000}


@pytest.fixture(scope="module")
def data():
    games = [random_game(4, seed=1), random_game(3, seed=2, founders=(0,)),
             random_game(6, seed=3, fixed=(0,)), random_game(5, seed=4, crises=1)]
    y = np.array([[1, 1, 0, 0, np.nan, np.nan], [1, 0, 1, np.nan, np.nan, np.nan],
                  [np.nan, 1, 0, 1, 0, 1], [1, 1, 1, 0, 0, np.nan]])
    return AllianceData(stack_games(games), y, ("a", "b", "c", "d"))


@pytest.mark.parametrize("seed", [5, 6, 7])
def test_anderson_reaches_the_damped_fixed_point(data, seed):
    theta = sample_parameters(1, np.random.default_rng(seed)).values[0]
    damped = alliance_log_likelihood(theta, data, per_case=True, **TIGHT)
    fast = alliance_log_likelihood(theta, data, per_case=True, method="anderson", tol=1e-12,
                                   max_iter=500)
    np.testing.assert_allclose(fast, damped, rtol=1e-8, atol=1e-8)
    a = solve_qre(data.batch, theta[None, :], method="anderson", tol=1e-12, max_iter=500)
    b = solve_qre(data.batch, theta[None, :], **TIGHT)
    assert a.converged.all() and b.converged.all()
    assert a.iterations < b.iterations


def test_unknown_fixed_point_method_is_refused(data):
    theta = sample_parameters(1, np.random.default_rng(5)).values
    with pytest.raises(ParameterError, match="method"):
        solve_qre(data.batch, theta, method="newton")


@pytest.mark.parametrize("central", [False, True])
def test_implicit_gradient_equals_differences_of_the_likelihood(data, central):
    theta = sample_parameters(1, np.random.default_rng(8)).values[0]
    free = [FORMATION_PARAMETERS.index(n) for n in
            ("formation_precision", "treaty_reliability", "formation_entrapment_weight",
             "formation_distrust_weight", "formation_deterrence_weight")]
    per_case, grad, solution = alliance_log_likelihood_gradient(theta, data, free,
                                                                central=central)
    assert solution.converged.all()
    np.testing.assert_allclose(per_case, alliance_log_likelihood(
        theta, data, per_case=True, **TIGHT), rtol=1e-8, atol=1e-8)
    others = [k for k in range(theta.size) if k not in free]
    assert np.all(grad[:, others] == 0.0)
    for k in free:
        h = 1e-5 * max(1.0, abs(theta[k]))
        up, down = theta.copy(), theta.copy()
        up[k] += h
        down[k] -= h
        fd = (alliance_log_likelihood(up, data, per_case=True, method="anderson", tol=1e-13)
              - alliance_log_likelihood(down, data, per_case=True, method="anderson",
                                        tol=1e-13)) / (2 * h)
        np.testing.assert_allclose(grad[:, k], fd, rtol=1e-4, atol=1e-5 * max(1.0, abs(fd).max()))


def test_warm_start_returns_to_the_traced_equilibrium(data):
    # a warm start near an equilibrium converges back to it, in fewer steps than the trace
    # (far from it, in a game with several equilibria, it may find another one: the history
    # interface therefore warm-starts only parameter vectors within 1e-3 of a traced one)
    theta = sample_parameters(1, np.random.default_rng(9)).values[0]
    traced, _, solution = alliance_log_likelihood_gradient(theta, data, [])
    start = np.clip(solution.membership + 1e-6 * np.random.default_rng(0).standard_normal(
        solution.membership.shape), 0.0, 1.0)
    warm, _, started = alliance_log_likelihood_gradient(theta, data, [], z0=start,
                                                        stages=(1.0,))
    np.testing.assert_allclose(warm, traced, rtol=1e-8, atol=1e-8)
    assert started.iterations < solution.iterations
