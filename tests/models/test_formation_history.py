"""The formation model against history: the shipped cases pooled (docs/validation-formation.md).

The thresholds are ones a useful model meets and a bad one fails: a model that says nobody
joins, or everybody, or answers at random, places half of the 48 states right (24 joined);
a confidently wrong one has a log loss of 2.3 and a Brier score of 0.5 or worse. Version 3 of
this model failed the placed-right, Brier and log-loss thresholds (25 of 48, 0.344, 1.17).
The thresholds do not ask for more than the model does today - beating the base rate in log
loss (0.693), which it does not - and no claim of the analysed article enters them.

They are issue 10's acceptance for the model at its registered judgement defaults, so the
fixture names the ``judgement`` set. Under the default set (``history-1816-1945``, formation
parameters estimated on 1816-1945) SEATO's ranking falls to an AUC of 0.59 (2,000 draws;
docs/validation.md): the estimated parameters do better on the 4,659 candidates of 1946-2014
and worse on this one case. Issue 9's own acceptance for the estimated set (NATO 1949 forms
in most draws) is checked under the default below.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from foedus.models.formation import analyze
from foedus.models.formation.cases import HISTORICAL_CASES, score_design
from foedus.scenarios import build_case, load_scenario


@pytest.fixture(scope="module")
def scores():
    rows = {}
    for spec in HISTORICAL_CASES:
        case = build_case(load_scenario(spec.scenario), "judgement")
        result = analyze(case, designs=[spec.design], draws=300, interest_samples=5,
                         rng=np.random.default_rng(spec.seed)).design(spec.design)
        rows[spec.scenario] = score_design(result, spec.joined)
    return pd.DataFrame(rows).T


@pytest.mark.slow
def test_the_shipped_cases_pooled_are_placed_better_than_chance(scores):
    n = scores["n_scored"].sum()
    assert n == 48 and scores["joined"].sum() == 24
    assert scores["placed_right"].sum() / n >= 0.6
    assert (scores["brier"] * scores["n_scored"]).sum() / n <= 0.30
    assert (scores["log_loss"] * scores["n_scored"]).sum() / n <= 1.1


@pytest.mark.slow
def test_nato_forms_in_most_draws_and_the_founding_cases_are_ranked(scores):
    """Issue 10's acceptance: NATO 1949 forms in most draws; on the two founding cases the
    states that joined rank above those that stayed out more often than not."""
    assert scores.loc["nato-1949", "p_forms"] > 0.5
    assert scores.loc["nato-1949", "auc"] >= 0.7 and scores.loc["seato-1954", "auc"] >= 0.6


@pytest.mark.slow
def test_nato_forms_in_most_draws_under_the_default_set_estimated_on_history():
    """Issue 9's acceptance: with the formation parameters estimated on 1816-1945 (the default
    set), the North Atlantic Treaty forms in most draws (21% in issue 9's report; 99.9% with
    2,000 draws on 5 December 2026)."""
    spec = next(s for s in HISTORICAL_CASES if s.scenario == "nato-1949")
    case = build_case(load_scenario(spec.scenario))
    assert "formation_precision" in case.parameters        # the estimated set is in force
    result = analyze(case, designs=[spec.design], draws=300, interest_samples=5,
                     rng=np.random.default_rng(spec.seed)).design(spec.design)
    assert result.p_forms > 0.5


def test_every_case_offers_its_design_to_members_and_to_states_that_stayed_out():
    """Scoring needs both classes: the record's members are invited, and so are others."""
    for spec in HISTORICAL_CASES:
        design = build_case(load_scenario(spec.scenario)).design(spec.design)
        assert set(spec.joined) <= set(design.invited), spec.scenario
        assert set(design.invited) - set(spec.joined), spec.scenario
