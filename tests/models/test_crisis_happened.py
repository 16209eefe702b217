"""Every crisis that happened reports P(deterred) with its flag (issue 10), also when the
scenario does not record what third states did (``happened: true``, e.g. the Berlin blockade
in ``nato-1949``): the model, ``foedus crisis`` and the ``foedus run`` section.

Constructed cases only: a weak aggressor (Cuba) facing a target whose strong ally is bound to
defend it (``crisis_aggressor_loss`` at the top of its range), and a strong aggressor (the US)
attacking a weak target without allies (the loss at the bottom of its range). The flag follows
P(deterred) >= DETERRENCE_FLAG in both.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pytest
from typer.testing import CliRunner

from foedus.analysis.sections.crisis import crisis_section
from foedus.interfaces.cli.main import app
from foedus.models.crisis import analyze
from foedus.models.crisis.history import DETERRENCE_FLAG
from foedus.scenarios import build_case, load_scenario

ALLY = """\
agreements:
  - id: usa-mex
    name: US-Mexico defence treaty (constructed)
    kind: treaty_alliance
    members: [USA, MEX]
    in_force: 1990-01-01
    source: test
    provisions:
      - obligation: defense
        from: [USA]
        to: [MEX]
        article: Art. 1
        trigger: {administered_by: MEX}
"""


def _scenario(tmp_path, *, ally: bool, happened: str = "happened: true",
              name: str = "s.yaml"):
    aggressor, target, loss = ("CUB", "MEX", 2.0) if ally else ("USA", "CUB", 0.5)
    text = textwrap.dedent("""\
        id: happened-test
        title: a crisis that happened, without records of what third states did
        date: 2000-01-01
        states: [{iso3: USA}, {iso3: MEX}, {iso3: CUB}, {iso3: CAN}]
        places: [{id: x, name: x, administered_by: TARGET, source: test}]
        crises:
          - id: c
            name: c
            kind: invasion
            aggressors: [AGGRESSOR]
            target: TARGET
            location: x
            hits: [{state: TARGET, asset: territory, place: x}]
            source: test
            HAPPENED
        parameters:
          crisis_aggressor_loss: {dist: point, value: LOSS, source: test}
        """).replace("HAPPENED", happened).replace("AGGRESSOR", aggressor).replace(
        "TARGET", target).replace("LOSS", str(loss)) + (ALLY if ally else "")
    path = tmp_path / name
    path.write_text(text)
    return path


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("happened")
    out = {}
    for ally in (True, False):
        case = build_case(load_scenario(_scenario(folder, ally=ally, name=f"{ally}.yaml")))
        out[ally] = (case, analyze(case, draws=64, rng=7, without=(), sensitivity=False))
    return folder, out


def test_a_crisis_marked_happened_is_historical_without_records(runs):
    _, out = runs
    case, res = out[True]
    crisis = case.crisis("c")
    assert crisis.happened and not crisis.observed and crisis.historical
    assert res.history.empty and len(res.history_summary) == 1
    s = res.history_summary.iloc[0]
    assert s.states_scored == 0 and np.isnan(s.placed_right_mid) and np.isnan(s.log_loss_mid)
    outcome = res.outcomes[(res.outcomes.design == "status-quo")
                           & (res.outcomes.variant == "as designed")].iloc[0]
    assert outcome.historical and s.p_deterred == pytest.approx(outcome.p_deterred)


def test_the_flag_follows_p_deterred_on_both_sides_of_the_threshold(runs):
    _, out = runs
    flagged = {}
    for ally, (_, res) in out.items():
        s = res.history_summary.iloc[0]
        assert s.deterrence_flag == (s.p_deterred >= DETERRENCE_FLAG)
        assert (res.outcomes.deterrence_flag
                == (res.outcomes.p_deterred >= DETERRENCE_FLAG)).all()
        flagged[ally] = s
    # a weak aggressor facing a bound superpower is deterred more than a superpower attacking
    # a weak state alone (a property of the model, not a tuned number): the first attack is
    # surprising and flagged, the second not
    assert flagged[True].p_deterred > flagged[False].p_deterred
    assert flagged[True].deterrence_flag and not flagged[False].deterrence_flag


def test_a_hypothetical_crisis_is_neither_scored_nor_flagged(tmp_path):
    case = build_case(load_scenario(_scenario(tmp_path, ally=True, happened="")))
    assert not case.crisis("c").historical
    res = analyze(case, draws=16, rng=7, without=(), sensitivity=False)
    assert res.history_summary.empty
    assert not res.outcomes.historical.any() and not res.outcomes.deterrence_flag.any()


@pytest.mark.parametrize("ally", [True, False])
def test_the_cli_prints_p_deterred_and_the_flag(runs, ally):
    folder, out = runs
    result = CliRunner().invoke(app, ["crisis", str(folder / f"{ally}.yaml"), "--draws", "64",
                                      "--seed", "7", "--without", "none"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    s = out[ally][1].history_summary.iloc[0]
    assert f"c happened (no record of what third states did, nothing to score): " \
           f"P(deterred) {s.p_deterred:.0%}." in text
    assert ("FLAG: at or above 50% although the aggressor attacked" in text) == ally


def test_the_cli_says_where_a_historical_crisis_is_scored(runs):
    folder, _ = runs
    result = CliRunner().invoke(app, ["crisis", str(folder / "True.yaml"), "--draws", "16",
                                      "--without", "none", "--design", "status-quo"])
    assert result.exit_code == 0 and "c happened" in result.output


def test_the_run_section_reports_it(runs):
    _, out = runs
    case, _ = out[True]
    section = crisis_section(case, np.random.default_rng(7))
    line = [t for t in section.summary if t.startswith("c happened")]
    assert len(line) == 1 and "P(deterred)" in line[0] and "flagged" in line[0]
