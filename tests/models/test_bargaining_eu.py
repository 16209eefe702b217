"""Bueno de Mesquita's expected-utility model as specified by Scholz, Calbert & Smith (2011).

Expected values: ``tests/data/validation/bdm_ec_scholz2011`` (provenance in its PROVENANCE.md):
the ten-member EC example's inputs (the paper's input table), the round-0 weighted mean
7.389955... and pairwise-vote winner 7 computed from them, and the paper's mean position per
round read by eye from its figure (read error 0.05-0.1).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foedus.errors import ParameterError
from foedus.models.bargaining import EUParams, pairwise_vote_winner, run_eu, weighted_mean

DATA = Path(__file__).resolve().parents[1] / "data" / "validation" / "bdm_ec_scholz2011"


@pytest.fixture(scope="module")
def ec():
    return pd.read_csv(DATA / "ec_actors.csv")


def test_round_zero_quantities_exact(ec):
    checks = pd.read_csv(DATA / "ec_derived_checks.csv").set_index("quantity")["value"]
    mean = weighted_mean(ec["capability"], ec["salience"] / 100, ec["position"])
    assert mean == pytest.approx(checks["weighted_mean_position_round0"], abs=1e-12)
    assert round(mean, 5) == 7.38996
    winner, margins = pairwise_vote_winner(ec["capability"], ec["salience"] / 100,
                                           ec["position"])
    assert winner == checks["pairwise_vote_winner_round0"] == 7
    seven = margins[margins["position"] == 7].set_index("against")["margin"]
    assert seven[10.0] == pytest.approx(0.015, abs=5e-4)   # the source README's margins
    assert seven[4.0] == pytest.approx(0.543, abs=5e-4)


def test_mean_position_path_inside_the_published_band(ec):
    approx = pd.read_csv(DATA / "scholz2011_mean_position_approx.csv")
    result = run_eu(ec["actor"], ec["capability"], ec["position"], ec["salience"] / 100,
                    EUParams(rounds=10))
    means = result.mean_positions
    assert len(means) == 11
    assert np.all((means >= 7.2) & (means <= 7.6))
    assert np.all(np.abs(means - approx["mean_position_approx"]) <= 0.15)


def test_other_readings_leave_the_band(ec):
    """The normalisation of the probability matters: BDM's pairwise reading collapses onto 7."""
    result = run_eu(ec["actor"], ec["capability"], ec["position"], ec["salience"] / 100,
                    EUParams(probability="pairwise"))
    assert result.mean_positions[-1] == pytest.approx(7.0)


def test_risk_exponents_in_range_and_tables(ec):
    result = run_eu(ec["actor"], ec["capability"], ec["position"], ec["salience"] / 100)
    assert np.all((result.risk_exponent >= 0.5 - 1e-12) & (result.risk_exponent <= 2 + 1e-12))
    frame = result.to_frame()
    assert len(frame) == 11 * 10 and set(frame["actor"]) == set(ec["actor"])
    assert set(result.offers["kind"]) <= {"confrontation", "compromise", "capitulation"}
    accepted = result.offers[result.offers["accepted"]]
    assert not accepted.duplicated(["round", "receiver"]).any()


def test_bad_input_is_one_clear_error():
    with pytest.raises(ParameterError, match="salience"):
        run_eu(["a", "b"], [1, 1], [0, 1], [50, 60])
    with pytest.raises(ParameterError, match="probability"):
        EUParams(probability="bayes")


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.floats(0.05, 1), st.floats(0, 10), st.floats(0.05, 1)),
                min_size=3, max_size=7), st.randoms(use_true_random=False))
def test_permuting_actors_permutes_positions(rows, random):
    c, x, s = (np.array(v) for v in zip(*rows, strict=True))
    if np.ptp(x) == 0:
        return
    names = [f"a{i}" for i in range(len(rows))]
    order = list(range(len(rows)))
    random.shuffle(order)
    a = run_eu(names, c, x, s, EUParams(rounds=3, offer_choice="least-change"))
    b = run_eu([names[i] for i in order], c[order], x[order], s[order],
               EUParams(rounds=3, offer_choice="least-change"))
    np.testing.assert_allclose(a.positions[:, order], b.positions, atol=1e-9)
