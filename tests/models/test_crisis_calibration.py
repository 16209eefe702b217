"""Calibration of the crisis model to the historical rate of alliance fulfilment, and the
July 1914 validation case.

Expected values and their provenance:

- Shares honoured (tests/data/validation/alliance_reliability/reliability_rates.csv, copied
  by data-raw/copy_validation_crisis.py): Leeds, Long & Mitchell (2000, JCR 44(5), abstract):
  74.5% in 1816-1944; Berkemeier & Fuhrmann (2018, Research & Politics, abstract): 66% before
  1945, 22% after 1945, 41% for defence pacts 1816-2003.
- July 1914 (src/foedus/scenarios/library/july-1914.yaml; Strachan 2001, ch. 1; Clark 2012,
  ch. 12): Russia, France and Britain entered the war against the Central Powers in August
  1914; Italy (3 August) and Romania (crown council, 3 August) declared neutrality.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from foedus.models.crisis import analyze
from foedus.scenarios import build_case, load_scenario

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


def test_calibration_in_the_large_reaches_the_prior(flagship):
    res = analyze(flagship, draws=300, rng=2, without=(), sensitivity=False)
    row = res.calibration_table.iloc[0]
    assert row.calibrated and row.note == ""
    assert abs(row.model_mean - row.prior_mean) < 0.05


@pytest.fixture(scope="module")
def july():
    case = build_case(load_scenario("july-1914"))
    return analyze(case, draws=1000, rng=1914, without=())


def test_july_1914_germany_sides_with_austria(july):
    s = july.states.set_index("iso3")
    assert s.loc["DEU", "p_aggressor"] > 0.5


def test_july_1914_entente_fights_italy_and_romania_do_not(july):
    """France, Russia and Britain entered the war; Italy and Romania, despite their treaties
    with Austria-Hungary and Germany, stayed out (August 1914)."""
    s = july.states.set_index("iso3")
    entered = s.loc[["RUS", "FRA", "GBR"], "p_fight"]
    stayed = s.loc[["ITA", "ROU"], "p_fight"]
    assert entered.min() > stayed.max()
    assert s.loc["RUS", "p_fight"] > 0.5 and s.loc["FRA", "p_fight"] > 0.5
    assert (s.loc[["ITA", "ROU"], "p_aggressor"] < 0.5).all()
    assert (s.loc[["ITA", "ROU"], "p_fight"] < 0.2).all()


def test_july_1914_brier_score_beats_uniform_guess(july):
    """Brier score over the deciding states (entered the war on Serbia's side by 31 August
    1914 = 1) against a 50/50 guess (0.25)."""
    entered = {"RUS": 1, "FRA": 1, "GBR": 1, "JPN": 1, "MNE": 1, "ITA": 0, "ROU": 0,
               "TUR": 0, "BGR": 0, "GRC": 0, "USA": 0}
    s = july.states.set_index("iso3")
    brier = np.mean([(s.loc[k, "p_fight"] - v) ** 2 for k, v in entered.items()])
    assert brier < 0.25
