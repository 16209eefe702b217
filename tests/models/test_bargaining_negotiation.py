"""The negotiations section, the flagship's design negotiation, conversion and the verdict."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from foedus.errors import ScenarioError
from foedus.models.bargaining import SMPSwitches, read_ktab, run_smp
from foedus.models.bargaining.convert import (
    ktab_to_negotiation,
    negotiation_to_ktab,
    negotiation_yaml,
)
from foedus.models.bargaining.negotiation import (
    analyze,
    central_problem,
    negotiation_spec,
    sample_problems,
)
from foedus.scenarios import build_case
from foedus.scenarios.loader import load_scenario_text

DATA = Path(__file__).resolve().parents[1] / "data" / "ktab" / "inputs"


@pytest.fixture(scope="module")
def flagship_small(flagship):
    return analyze(flagship, draws=12, seed=3)


def test_flagship_negotiation_inputs_are_sourced(flagship):
    entry = flagship.scenario.model.negotiations[0]
    assert {a.id for a in entry.actors} == {"USA", "JPN", "AUS", "KOR", "PHL", "IND", "NZL",
                                           "TWN", "JPN-DIET"}
    keys = set(flagship.scenario.model.sources)
    for actor in entry.actors:
        for issue, dist in actor.positions.items():
            cited = any(k in dist.source for k in keys) or "fb:" in dist.source
            assert cited or dist.source.startswith("no statement found"), (actor.id, issue)
    assert not flagship.scenario.warnings


def test_capability_comes_from_the_world_and_domestic_share(flagship):
    spec = negotiation_spec(flagship)
    problem = central_problem(spec)
    cinc = flagship.world.states["JPN"].value("cinc")
    jpn, diet = spec.actors.index("JPN"), spec.actors.index("JPN-DIET")
    assert problem.capability[jpn] + problem.capability[diet] == pytest.approx(cinc)
    assert problem.capability[diet] == pytest.approx(0.538 * cinc)
    usa = spec.actors.index("USA")
    assert problem.capability[usa] == pytest.approx(flagship.world.states["USA"].value("cinc"))
    assert np.allclose(problem.salience.sum(axis=1), 1.0)


def test_draws_respect_the_declared_distributions(flagship):
    spec = negotiation_spec(flagship)
    problems, inputs = sample_problems(spec, np.random.default_rng(0), 30)
    ind = inputs[(inputs.actor == "IND") & (inputs.issue == "obligation_depth")]
    assert (ind.position == 0).all()
    usa = inputs[(inputs.actor == "USA") & (inputs.issue == "obligation_depth")]
    assert usa.position.between(0, 33).all() and usa.position.std() > 0
    # India is on record about the obligation: its largest share of attention goes there
    for p in problems:
        i = p.actors.index("IND")
        assert np.argmax(p.salience[i]) == p.dimensions.index("obligation_depth")


def test_flagship_forecast_tables(flagship_small):
    r = flagship_small
    forecast = r.forecast_frame()
    assert list(forecast.issue) == list(r.spec.issue_ids)
    assert (forecast.q05 <= forecast.q95).all()
    assert forecast[["forecast", "q05", "q95"]].apply(lambda c: c.between(0, 100)).all().all()
    designs = r.design_frame()
    assert designs.share_of_draws.sum() == pytest.approx(1.0)
    assert designs.central.sum() == 1
    p = r.collective_defence_probability()
    assert 0.0 <= p <= 1.0
    sensitivity = r.sensitivity_frame()
    assert set(sensitivity.issue) <= set(r.spec.issue_ids)
    assert (sensitivity.src2 >= 0).all()


def test_same_seed_same_numbers_serial_or_parallel(flagship):
    a = analyze(flagship, draws=4, seed=9)
    b = analyze(flagship, draws=4, seed=9, processes=2)
    assert np.array_equal(a.outcomes, b.outcomes)
    assert not np.array_equal(a.outcomes, analyze(flagship, draws=4, seed=10).outcomes)


def test_stochastic_transitions_are_reproducible(flagship):
    switches = SMPSwitches(state_transitions="Stochastic")
    a = analyze(flagship, draws=3, seed=5, switches=switches)
    b = analyze(flagship, draws=3, seed=5, switches=switches, processes=2)
    assert np.array_equal(a.outcomes, b.outcomes)
    assert np.array_equal(a.central.positions, b.central.positions)


def test_expected_utility_model_on_the_negotiation(flagship):
    r = analyze(flagship, model="eu", draws=3, seed=1)
    assert r.outcomes.shape == (3, 5) and np.all((r.outcomes >= 0) & (r.outcomes <= 100))


def test_ktab_input_to_section_and_back(tmp_path):
    ktab = read_ktab(DATA / "dummyData_3Dim.csv")
    section = negotiation_yaml(ktab_to_negotiation(ktab, "dummy"))
    text = ("id: ktab-test\ntitle: t\ndate: 2024-12-15\nstates:\n  - {iso3: USA}\n" + section)
    case = build_case(load_scenario_text(text, "ktab-test.yaml"))
    problem = central_problem(negotiation_spec(case, "dummy"))
    assert problem.actors == ktab.problem.actors
    np.testing.assert_array_equal(problem.position, ktab.problem.position)
    np.testing.assert_allclose(problem.salience, ktab.problem.salience, rtol=0, atol=1e-15)
    np.testing.assert_array_equal(problem.capability, ktab.problem.capability)
    np.testing.assert_allclose(run_smp(problem).positions, run_smp(ktab.problem).positions,
                               atol=1e-12)
    out = tmp_path / "back.csv"
    negotiation_to_ktab(case, "dummy", out)
    again = read_ktab(out).problem
    np.testing.assert_array_equal(again.position, ktab.problem.position)


NEG = """
negotiations:
  - id: n
    name: N
    issues:
      - {id: x, name: X, low: none, high: all, source: s}
    actors:
      - {id: USA, positions: {x: {value: 10, source: s}}}
      - {id: JPN, positions: {x: {value: 90, source: s}}}
      - {id: CHN, positions: {x: {value: 50, source: s}}}
"""
BASE = "id: t\ntitle: t\ndate: 2024-12-15\nstates:\n  - {iso3: USA}\n  - {iso3: JPN}\n  - {iso3: CHN}\n"


@pytest.mark.parametrize(("change", "message"), [
    (("id: CHN,", "id: XYZ,"), "'XYZ' is neither a state of this scenario nor a domestic actor"),
    (("x: {value: 90", "y: {value: 90"), "no position on issue 'x'"),
    (("value: 50, source: s", "value: 150, source: s"), "leaves the issue scale 0-100"),
    (("    name: N\n", "    name: N\n    switches: {VotingRule: Plurality}\n"),
     "VotingRule: unknown value 'Plurality'"),
    (("positions: {x: {value: 10, source: s}}",
      "positions: {x: {value: 10, source: s}}, salience: {x: {value: 1.5, source: s}}"),
     "outside [0, 1]"),
])
def test_bad_negotiation_is_one_clear_error(change, message):
    text = BASE + NEG.replace(*change)
    with pytest.raises(ScenarioError) as err:
        load_scenario_text(text, "bad.yaml")
    assert message in str(err.value) and "negotiations[0]" in str(err.value)
    assert str(err.value).startswith("bad.yaml:")


def test_domestic_actor_needs_a_source():
    text = BASE + NEG.replace("    actors:\n", "    domestic_actors:\n      - {id: D, name: D, "
                              "capability: {value: 1, source: s}}\n    actors:\n") + \
        "      - {id: D, positions: {x: {value: 5, source: s}}}\n"
    with pytest.raises(ScenarioError, match="domestic actor needs a `source:`"):
        load_scenario_text(text, "bad.yaml")


def test_verdict_assessor_speaks_to_its_claims(flagship, monkeypatch):
    import foedus.verdict.assessors.bargaining as assessor
    from foedus.verdict import assess_claims

    monkeypatch.setattr(assessor, "DRAWS", 12)
    result = assess_claims(flagship, seed=2, families=["bargaining"])
    rows = result.table[result.table.family == "bargaining"].set_index("claim_id")
    assert set(rows.index) == {"AC10", "AC14", "AC19"}
    assert all(len(e) > 40 for e in rows.evidence)
