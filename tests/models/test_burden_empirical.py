"""The size-burden rank test on small synthetic frames (no shipped data).

Expected values are exact by construction: e.g. burdens strictly increasing in GDP give
Spearman rho = 1 (definition of the rank correlation); the model-generated alliance of
Bergstrom, Blume & Varian (1986) has burden 1 - (1-a)Q/(a I_i), increasing in I_i.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from foedus.errors import DataError, ParameterError
from foedus.models.burden import (
    BurdenParams,
    alliance_equilibrium,
    alliance_members_by_year,
    burden_size_test,
)


def _atop_rows():
    # two phases like ATOP's NATO rows: founders, a member that leaves, one that joins late
    return pd.DataFrame(
        {
            "atopid": [9, 9, 9, 9],
            "member": [2, 20, 260, 255],
            "yrent": [1949, 1949, 1955, 1990],
            "moent": [4, 4, 5, 10],
            "dayent": [4, 4, 6, 3],
            "yrexit": [0, 0, 1990, 0],
            "moexit": [0, 0, 10, 0],
            "dayexit": [0, 0, 3, 0],
        }
    )


def test_members_by_year_reference_day_and_exit():
    m = alliance_members_by_year(
        _atop_rows(), 9, [1949, 1955, 1989, 1990, 2020], data_end_year=2016
    )
    by_year = m.groupby("year")["ccode"].apply(list).to_dict()
    assert by_year[1949] == [2, 20]
    assert by_year[1955] == [2, 20, 260]
    assert by_year[1989] == [2, 20, 260]
    assert by_year[1990] == [2, 20, 255]  # on 31 Dec 1990 West Germany has left
    assert m[m["year"] == 2020]["carried_forward"].all()
    assert not m[m["year"] == 1990]["carried_forward"].any()


def test_members_by_year_mid_year_reference():
    m = alliance_members_by_year(_atop_rows(), 9, [1990], reference=(7, 1))
    assert sorted(m["ccode"]) == [2, 20, 260]


def test_members_by_year_errors():
    with pytest.raises(DataError):
        alliance_members_by_year(_atop_rows(), 12345, [2000])
    with pytest.raises(DataError):
        alliance_members_by_year(_atop_rows().drop(columns="yrexit"), 9, [2000])
    with pytest.raises(ParameterError):
        alliance_members_by_year(_atop_rows(), 9, [2000], reference=(13, 1))


def _frames(gdp_values, milex_values, year=2000, source="toy"):
    codes = list(range(1, len(gdp_values) + 1))
    members = pd.DataFrame({"year": year, "ccode": codes})
    milex = pd.DataFrame({"ccode": codes, "year": year, "milex": milex_values, "source": source})
    gdp = pd.DataFrame({"ccode": codes, "year": year, "gdp": gdp_values, "source": source})
    return members, milex, gdp


def test_perfect_positive_and_negative_rank_correlation():
    gdp = [1000.0, 500.0, 200.0, 100.0, 50.0]
    members, milex, gdp_f = _frames(gdp, np.array(gdp) * [0.05, 0.04, 0.03, 0.02, 0.01])
    row = burden_size_test(members, milex, gdp_f).to_frame().iloc[0]
    assert row["rho"] == pytest.approx(1.0)
    assert row["n_used"] == 5
    assert row["p_value_greater"] < row["p_value"]
    members, milex, gdp_f = _frames(gdp, np.array(gdp) * [0.01, 0.02, 0.03, 0.04, 0.05])
    assert burden_size_test(members, milex, gdp_f).to_frame()["rho"].iloc[0] == pytest.approx(-1.0)


def test_model_generated_alliance_shows_exploitation():
    incomes = np.array([100.0, 80.0, 60.0, 50.0, 40.0])
    eq = alliance_equilibrium(incomes, params=BurdenParams(security_weight=0.9))
    contributors = eq.spending > 0
    assert contributors.sum() == 5
    members, milex, gdp = _frames(incomes[contributors], eq.spending[contributors])
    assert burden_size_test(members, milex, gdp).to_frame()["rho"].iloc[0] == pytest.approx(1.0)


def test_source_priority_counts_and_missing():
    members = pd.DataFrame({"year": [2023] * 5, "ccode": [1, 2, 3, 4, 5]})
    milex = pd.DataFrame(
        {
            "ccode": [1, 2, 3, 4, 1],
            "year": 2023,
            "milex": [50.0, 8.0, 3.0, 1.0, 999.0],
            "source": ["cow", "cow", "sipri", "sipri", "sipri"],
        }
    )
    gdp = pd.DataFrame(
        {
            "ccode": [1, 2, 3, 4, 5],
            "year": 2023,
            "gdp": [1000.0, 400.0, 200.0, 100.0, 10.0],
            "source": "wdi",
        }
    )
    result = burden_size_test(members, milex, gdp, milex_priority=["cow", "sipri"], alliance="X")
    row = result.to_frame().iloc[0]
    assert row["n_members"] == 5 and row["n_used"] == 4 and row["n_missing_milex"] == 1
    assert row["milex_sources"] == "cow:2;sipri:2"
    assert row["note"] == "rests on 4 of 5 members"
    obs = result.observations.set_index("ccode")
    assert obs.loc[1, "milex"] == 50.0 and obs.loc[1, "milex_source"] == "cow"


def test_too_few_members_gives_nan_with_note():
    members, milex, gdp = _frames([3.0, 2.0, 1.0], [0.3, 0.1, 0.02])
    row = burden_size_test(members, milex, gdp, min_members=4).to_frame().iloc[0]
    assert np.isnan(row["rho"])
    assert "fewer than 4" in row["note"]


def test_zero_milex_excluded_by_default():
    members, milex, gdp = _frames([5.0, 4.0, 3.0, 2.0, 1.0], [0.5, 0.3, 0.15, 0.06, 0.0])
    row = burden_size_test(members, milex, gdp).to_frame().iloc[0]
    assert row["n_used"] == 4 and row["n_zero_milex"] == 1
    row = burden_size_test(members, milex, gdp, exclude_zero_milex=False).to_frame().iloc[0]
    assert row["n_used"] == 5


def test_fallback_gdp_is_rescaled_by_median_ratio():
    members = pd.DataFrame({"year": 1970, "ccode": [1, 2, 3, 4]})
    milex = pd.DataFrame(
        {"ccode": [1, 2, 3, 4], "year": 1970, "milex": [40.0, 9.0, 2.0, 0.5], "source": "cow"}
    )
    gdp = pd.DataFrame(
        {
            "ccode": [1, 2, 3, 1, 2, 3, 4],
            "year": 1970,
            "gdp": [1000.0, 300.0, 100.0, 100.0, 30.0, 10.0, 5.0],
            "source": ["wdi"] * 3 + ["fariss"] * 4,
        }
    )
    result = burden_size_test(members, milex, gdp, gdp_priority=["wdi", "fariss"])
    obs = result.observations.set_index("ccode")
    assert obs.loc[4, "gdp_source"] == "fariss"
    assert obs.loc[4, "gdp_scale"] == pytest.approx(10.0)
    assert obs.loc[4, "gdp"] == pytest.approx(50.0)
    assert result.to_frame()["gdp_sources"].iloc[0] == "fariss:1;wdi:3"


def test_bad_frames_raise():
    members, milex, gdp = _frames([3.0, 2.0, 1.0, 0.5], [0.3, 0.1, 0.02, 0.01])
    with pytest.raises(DataError):
        burden_size_test(members, milex.drop(columns="source"), gdp)
    with pytest.raises(ParameterError):
        burden_size_test(members, milex, gdp, min_members=2)
    with pytest.raises(ParameterError):
        burden_size_test(members, milex, gdp, milex_priority=["other"])


def test_plot_returns_figure():
    pytest.importorskip("matplotlib")
    members, milex, gdp = _frames([5.0, 4.0, 3.0, 2.0, 1.0], [0.5, 0.3, 0.15, 0.06, 0.01])
    fig = burden_size_test(members, milex, gdp, labels={1: "USA"}).plot()
    assert len(fig.axes) == 2
    assert fig.axes[1].get_ylabel() == "Spearman rho (GDP, burden)"
