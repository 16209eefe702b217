"""Data-derived and hand-written alignment propensities (foedus.models.alignment.propensity)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foedus.errors import ParameterError
from foedus.models.alignment.params import ALIGNMENT_PARAMETERS, central_weights, sample_weights
from foedus.models.alignment.propensity import (
    COMPONENTS,
    alignment_inputs,
    compose_propensity,
    dyadic_components,
    hand_propensity,
)
from foedus.scenarios import build_case, load_scenario
from foedus.scenarios.parameters import known_parameters


@pytest.fixture(scope="module")
def flagship():
    return build_case(load_scenario("asian-nato-2024"))


def test_parameters_registered_with_sources():
    registry = known_parameters()
    for name in ALIGNMENT_PARAMETERS:
        assert registry[name].family == "alignment"
        assert registry[name].source and registry[name].default.source


def test_components_are_symmetric_bounded_zero_diagonal():
    rng = np.random.default_rng(0)
    n = 6
    comps = dyadic_components(
        n, defense=(rng.random((n, n)) < 0.3).astype(float),
        un_distance=rng.random((n, n)) * 3, mid_count=rng.integers(0, 4, (n, n)),
        rivalry=(rng.random((n, n)) < 0.2).astype(float),
        contiguity=rng.integers(0, 6, (n, n)).astype(float), regime=rng.random(n),
        trade_share=rng.random((n, n)) * 0.1)
    assert set(comps) == set(COMPONENTS)
    for name, m in comps.items():
        assert np.allclose(m, m.T), name
        assert np.all(np.diag(m) == 0), name
        assert m.min() >= -1 and m.max() <= 1, name


def test_compose_is_linear_and_checks_weights():
    x = {"alliance": np.array([[0, 1.0], [1, 0]])}
    assert compose_propensity(x, {"alliance": 2.0})[0, 1] == 2.0
    with pytest.raises(ParameterError):
        compose_propensity(x, {"rivalry": 1.0})
    with pytest.raises(ParameterError):
        dyadic_components(2, mid_scale=0)


@settings(max_examples=25, deadline=None)
@given(st.permutations(list(range(5))))
def test_permuting_actors_permutes_propensity(perm):
    rng = np.random.default_rng(3)
    n = 5
    raw = {"un_distance": rng.random((n, n)), "regime": rng.random(n),
           "defense": (rng.random((n, n)) < 0.4).astype(float)}
    w = central_weights()
    p = compose_propensity(dyadic_components(n, **raw), w)
    idx = np.asarray(perm)
    permuted = {"un_distance": raw["un_distance"][np.ix_(idx, idx)],
                "regime": raw["regime"][idx], "defense": raw["defense"][np.ix_(idx, idx)]}
    q = compose_propensity(dyadic_components(n, **permuted), w)
    assert np.allclose(q, p[np.ix_(idx, idx)])


def test_flagship_propensities_from_data(flagship):
    sizes, p, origin = alignment_inputs(flagship.world)
    assert origin == "data"
    assert np.allclose(p.values, p.values.T)
    # US-Japan treaty allies with close UN votes attract; US-China rivals repel
    assert p.loc["USA", "JPN"] > 0 > p.loc["USA", "CHN"]
    assert sizes["CHN"] > sizes["USA"]          # CINC 2022 (COW NMC 6.0)


def test_weight_draws_seeded():
    a = sample_weights(5, np.random.default_rng(7))
    b = sample_weights(5, np.random.default_rng(7))
    assert a.equals(b)


def test_hand_written_propensity_europe1936():
    case = build_case(load_scenario("europe-1936"))
    p = hand_propensity(case.world)
    assert p.shape == (17, 17) and np.allclose(p.values, p.values.T)
    # Germany-Poland: religion -1, government 0? (both authoritarian +1), ethnic -1,
    # territory -1, no war 1914-36 between DEU (255) and POL -> -2
    assert p.loc["DEU", "POL"] == -1 - 1 - 1 + 1
    sizes, q, origin = alignment_inputs(case.world)
    assert origin == "scenario" and q.equals(p)
    assert abs(sizes.sum() - 0.4924) < 0.01     # 17 nations' share of COW NMC 1936 CINC
