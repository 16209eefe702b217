"""The interests layer: formulas, invariants and overrides."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

from foedus.errors import ScenarioError
from foedus.interests import InterestWeights, compute_interests, loss_of_strength, noisy_or
from foedus.scenarios import build_case, load_scenario_text


def test_loss_of_strength_exponent_is_bueno_de_mesquitas():
    # Bueno de Mesquita (1981): exponent log10(d/r + 10 - e); at d = 0 it is log10(10 - e).
    c = np.array([0.25])
    assert loss_of_strength(c, np.array([0.0]), 500.0)[0] == pytest.approx(
        0.25 ** np.log10(10 - np.e))
    # the exponent is exactly 1 at d = e * r
    assert loss_of_strength(c, np.array([np.e * 500.0]), 500.0)[0] == pytest.approx(0.25)
    far = loss_of_strength(np.array([0.25, 0.25]), np.array([1000.0, 10000.0]), 500.0)
    assert far[0] > far[1]


def test_noisy_or():
    assert noisy_or(np.array(0.5), np.array(0.5)) == pytest.approx(0.75)
    assert noisy_or(np.array(0.0), np.array(0.0)) == 0.0


def test_flagship_interests_shape_and_ranges(flagship):
    ints = compute_interests(flagship.world)
    n = len(flagship.world.states)
    assert ints.threat.shape == ints.affinity.shape == (n, n)
    assert np.all((ints.threat >= 0) & (ints.threat <= 1))
    assert np.all((ints.affinity >= -1) & (ints.affinity <= 1))
    assert np.allclose(ints.affinity, ints.affinity.T)
    assert np.all(np.diag(ints.threat) == 0)
    assert np.all((ints.autonomy >= 0) & (ints.autonomy <= 1))


def test_china_threatens_japan_more_than_australia_does(flagship):
    ints = compute_interests(flagship.world)
    jpn = ints.index("JPN")
    assert ints.threat[jpn, ints.index("CHN")] > ints.threat[jpn, ints.index("AUS")]
    # and threat falls with distance: China threatens Taiwan more than New Zealand
    chn = ints.index("CHN")
    assert ints.threat[ints.index("TWN"), chn] > ints.threat[ints.index("NZL"), chn]


def test_india_alliance_record_gives_autonomy(flagship):
    # ATOP v5.1: India has no defence pact 1947-2018; the US has had one every year.
    ints = compute_interests(flagship.world)
    record = ints.components["alliance_record"]
    assert record[ints.index("IND")] == 0.0
    assert record[ints.index("USA")] == 1.0
    assert ints.autonomy[ints.index("IND")] > ints.autonomy[ints.index("USA")]


def test_trade_exposure_from_data(flagship):
    # China monthly trade file (national statistics) and WDI GDP: South Korea's trade with
    # China is a far larger share of its GDP than the US's.
    ints = compute_interests(flagship.world)
    chn = ints.index("CHN")
    assert ints.exposure[ints.index("KOR"), chn] > ints.exposure[ints.index("USA"), chn] > 0


def test_relabelling_states_permutes_the_arrays(flagship):
    ints = compute_interests(flagship.world)
    order = list(ints.states)
    perm = np.random.default_rng(0).permutation(len(order))
    from foedus.world.world import World

    world = flagship.world
    shuffled = World(world.date, {order[k]: world.states[order[k]] for k in perm},
                     world.agreements, world.geography, world.relations)
    other = compute_interests(shuffled)
    idx = [other.index(s) for s in order]
    assert np.allclose(other.threat[np.ix_(idx, idx)], ints.threat)
    assert np.allclose(other.affinity[np.ix_(idx, idx)], ints.affinity)


def test_weights_from_parameters():
    w = InterestWeights.from_parameters({"interests_km_per_day": 500, "other": 1})
    assert w.km_per_day == 500 and w.un_scale == InterestWeights().un_scale


SCENARIO = textwrap.dedent("""\
    id: tiny
    title: tiny
    date: 2020-06-01
    states:
      - iso3: USA
      - iso3: CHN
      - iso3: AUS
        facts:
          nonalignment_doctrine: {value: 1, source: test}
    dyads:
      - a: AUS
        b: CHN
        directed: true
        facts:
          exposure_override: {value: 0.08, source: test figure}
          coercion_history: {value: 1, source: test}
    """)


def test_overrides_need_and_keep_their_source():
    case = build_case(load_scenario_text(SCENARIO, "tiny.yaml"))
    ints = compute_interests(case.world)
    aus, chn = ints.index("AUS"), ints.index("CHN")
    assert ints.exposure[aus, chn] == pytest.approx(0.08)
    assert ints.coercion[aus, chn] == 1 and ints.coercion[chn, aus] == 0
    assert ints.components["doctrine"][aus] == 1
    frame = ints.to_frame()
    row = frame[(frame.iso3_a == "AUS") & (frame.iso3_b == "CHN") & (frame.indicator == "exposure")]
    assert row.source.iloc[0].startswith("scenario override")
    with pytest.raises(ScenarioError, match="needs a `source:`"):
        load_scenario_text(SCENARIO.replace("{value: 0.08, source: test figure}",
                                            "{value: 0.08}"), "tiny.yaml")
