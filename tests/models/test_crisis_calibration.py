"""The historical record of alliance fulfilment: the era priors the crisis model's
reliability check compares with (a check, not a calibration).

Expected values and their provenance:

- Shares honoured (tests/data/validation/alliance_reliability/reliability_rates.csv, copied
  by data-raw/copy_validation_crisis.py): Leeds, Long & Mitchell (2000, JCR 44(5), abstract):
  74.5% in 1816-1944; Berkemeier & Fuhrmann (2018, Research & Politics, abstract): 66% before
  1945, 22% after 1945, 41% for defence pacts 1816-2003.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from foedus.models.crisis import analyze
from foedus.scenarios import load_scenario

DATA = Path(__file__).resolve().parents[1] / "data" / "validation" / "alliance_reliability"


@pytest.fixture(scope="module")
def rates():
    return pd.read_csv(DATA / "reliability_rates.csv")


def _rate(rates, study, period, subset_start):
    rows = rates[rates.study.str.startswith(study) & (rates.period == period)
                 & rates.subset.str.startswith(subset_start)]
    assert len(rows) == 1
    return float(rows.share_honoured.iloc[0])


def test_validation_table_holds_the_published_rates(rates):
    assert _rate(rates, "Leeds Long Mitchell", "1816-1944", "all") == 0.745
    assert _rate(rates, "Berkemeier", "1945-2003", "all") == 0.22
    assert _rate(rates, "Berkemeier", "1816-1944", "all") == 0.66
    assert _rate(rates, "Berkemeier", "1816-2003", "defense") == 0.41


def test_shipped_priors_match_the_record_of_their_era(rates):
    flagship = load_scenario("asian-nato-2024").model.parameters["treaty_reliability"]
    assert flagship.center() == pytest.approx(_rate(rates, "Berkemeier", "1945-2003", "all"),
                                              abs=0.01)
    july = load_scenario("july-1914").model.parameters["treaty_reliability"]
    low = _rate(rates, "Berkemeier", "1816-1944", "all")
    high = _rate(rates, "Leeds Long Mitchell", "1816-1944", "all")
    assert low - 0.01 <= july.center() <= high + 0.01


def test_the_reliability_check_is_reported_not_fitted(flagship):
    """The rate at which treaty-obliged states fight in the baseline is compared with the
    era's prior and reported; nothing is calibrated on the scenario's units (the entry cost
    keeps the case's distribution)."""
    res = analyze(flagship, draws=64, rng=2, without=(), sensitivity=False)
    row = res.checks.iloc[0]
    prior = load_scenario("asian-nato-2024").model.parameters["treaty_reliability"]
    assert row.prior_mean == pytest.approx(prior.center(), abs=0.05)
    assert row.obliged_units == 6 and 0.0 <= row.model_mean <= 1.0
    entry = res.parameters.set_index("parameter").loc["crisis_entry_cost"]
    given = flagship.parameters.get("crisis_entry_cost")     # the parameter set's, if any
    if given is None:
        assert entry.origin == "default" and entry.dist == "uniform"
    else:
        assert entry.origin == "case" and entry.dist == given.dist


def test_a_parameter_set_reaches_the_model(flagship):
    """analyze takes its parameters from case.parameters (set < scenario < overrides)."""
    from foedus.scenarios.distributions import Point

    low = analyze(flagship.with_parameters({"crisis_entry_cost": Point(value=0.0)}),
                  crises=["senkaku-seizure"], designs=["status-quo"], draws=16, rng=3,
                  without=(), sensitivity=False)
    high = analyze(flagship.with_parameters({"crisis_entry_cost": Point(value=3.0)}),
                   crises=["senkaku-seizure"], designs=["status-quo"], draws=16, rng=3,
                   without=(), sensitivity=False)
    usa = lambda r: r.states.set_index("iso3").loc["USA", "p_fight_target"]
    assert usa(low) > usa(high)
    assert low.parameters.set_index("parameter").loc["crisis_entry_cost", "origin"] == "case"
