"""Capability measures: hand-checked values from the shipped files, the perpetual inventory
recursion, the loss-of-strength gradient, and the measure as a scenario option.

Expected values are computed by hand from the rows of the shipped package data named in each
test (``foedus data describe <name>`` gives their provenance): NMC 7.0 ``milex`` is in
thousands of current US$, SIPRI ``milex_current_usd_m`` in millions of current US$, Fariss et
al. ``pwtrgdp`` in millions of 2017 international $ and ``pwtpop`` in millions.
"""

from __future__ import annotations

import itertools
import math
import typing

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foedus.errors import FoedusError
from foedus.interests.capability import (
    DEFAULT_MEASURE,
    MEASURES,
    capability_panel,
    loss_of_strength,
    measure,
    milex_shares,
    perpetual_inventory,
    shipped_panel,
)


def _at(panel: pd.DataFrame, ccode: int, year: int) -> pd.Series:
    return panel[(panel.ccode == ccode) & (panel.year == year)].iloc[0]


# ----------------------------------------------------------------- hand-checked values
def test_milex_share_equals_nmc_row_over_the_year_total():
    # cow_nmc rows: USA 2022 milex 838,814,000; sum over all 2022 rows with a milex
    # 2,017,970,000 (thousands of current US$); UK 1900 119,587 of 378,819.
    panel = shipped_panel()
    assert _at(panel, 2, 2022)["milex"] == pytest.approx(838_814_000 / 2_017_970_000, rel=1e-12)
    assert _at(panel, 200, 1900)["milex"] == pytest.approx(119_587 / 378_819, rel=1e-12)
    assert _at(panel, 2, 2022)["cinc"] == pytest.approx(0.124, abs=5e-4)   # NMC's own cinc


def test_nmc_weighted_is_the_weighted_mean_of_the_component_shares():
    """The panel's ``nmc_weighted`` recomputed by hand from NMC 7.0's 2022 rows and
    COMPONENT_WEIGHTS; the flagship shares documented in docs/models/interests.md
    (USA 0.116, CHN 0.361)."""
    from foedus.data import load
    from foedus.interests.capability import COMPONENT_WEIGHTS, NMC_COMPONENTS

    nmc = load("cow_nmc")
    year = nmc[nmc.year == 2022]
    panel = shipped_panel()
    for ccode in (2, 710):
        row = year[year.ccode == ccode].iloc[0]
        num = den = 0.0
        for c in NMC_COMPONENTS:
            if not np.isnan(row[c]):
                num += COMPONENT_WEIGHTS[c] * row[c] / year[c].sum()
                den += COMPONENT_WEIGHTS[c]
        assert _at(panel, ccode, 2022)["nmc_weighted"] == pytest.approx(num / den, rel=1e-9)
    assert _at(panel, 2, 2022)["nmc_weighted"] == pytest.approx(0.116, abs=5e-4)
    assert _at(panel, 710, 2022)["nmc_weighted"] == pytest.approx(0.361, abs=5e-4)
    assert sum(COMPONENT_WEIGHTS.values()) == pytest.approx(1.0, abs=1e-5)


def test_milex_after_nmc_grows_with_sipri_in_current_dollars():
    # NMC 2022: USA 838,814,000, CHN 218,639,000 (thousands); SIPRI current US$ (millions):
    # USA 860,692.2 (2022) -> 997,309.0 (2024); CHN 291,958.42846 -> 313,658.330217.
    panel = shipped_panel()
    us = 838_814_000 * 997_309.0 / 860_692.2
    cn = 218_639_000 * 313_658.330217 / 291_958.42846
    ratio = _at(panel, 2, 2024)["milex"] / _at(panel, 710, 2024)["milex"]
    assert ratio == pytest.approx(us / cn, rel=1e-9)
    assert "sipri_milex growth" in _at(panel, 2, 2024)["milex_source"]


def test_states_sipri_lacks_keep_their_2022_share_held_and_unobserved():
    panel = shipped_panel()
    prk = panel[(panel.ccode == 731) & (panel.year == 2024)]
    assert prk.empty or (bool(prk["held"].iloc[0]) and np.isnan(prk["milex"].iloc[0]))
    # shares of the observed rows of a year never exceed the system
    totals = panel.groupby("year")["milex"].sum()
    assert (totals <= 1 + 1e-9).all()
    assert totals.loc[1816:2022].sub(1).abs().max() < 1e-9


def test_gdp_gdppc_is_beckley_from_pwt_anchored_fariss():
    # fariss_gdppop 2019: USA pwtrgdp 2.310951e7, pwtpop 330.690235; CHN 2.369032e7, 1404.604076
    panel = shipped_panel()
    us = 2.310951e7 ** 2 / 330.690235
    cn = 2.369032e7 ** 2 / 1404.604076
    ratio = _at(panel, 2, 2019)["gdp_gdppc"] / _at(panel, 710, 2019)["gdp_gdppc"]
    assert ratio == pytest.approx(us / cn, rel=1e-5)
    assert _at(panel, 2, 2019)["gdp_gdppc"] == pytest.approx(0.38205, abs=1e-4)
    assert panel.loc[panel.year == 2020, "gdp_gdppc"].isna().all()   # Fariss ends 2019


def test_nuclear_possession_from_the_fas_stockpiles():
    # nuclear_stockpiles (FAS via OWID): USA 2 warheads in 1945; China 0 in 1963, 1 in 1964;
    # South Africa 6 in 1989, 0 in 1990; no row before 1945.
    panel = shipped_panel()
    assert _at(panel, 2, 1945)["nuclear"] == 1
    assert _at(panel, 710, 1963)["nuclear"] == 0 and _at(panel, 710, 1964)["nuclear"] == 1
    assert _at(panel, 560, 1989)["nuclear"] == 1 and _at(panel, 560, 1990)["nuclear"] == 0
    assert _at(panel, 740, 2020)["nuclear"] == 0     # Japan: absent from the table = none
    assert np.isnan(_at(panel, 2, 1944)["nuclear"])


# ----------------------------------------------------------------- perpetual inventory
def _plain_pim(flows: list[float], years: list[int], delta: float) -> list[float]:
    """The textbook recursion, one state, with the rules of the module written out."""
    spell = [0]
    for k in range(1, len(years)):
        spell.append(spell[-1] + (years[k] != years[k - 1] + 1))
    filled = list(flows)
    for s in set(spell):
        known = [k for k, f in enumerate(flows) if spell[k] == s and not math.isnan(f)]
        for a, b in itertools.pairwise(known):
            for k in range(a + 1, b):
                filled[k] = flows[a] + (flows[b] - flows[a]) * (k - a) / (b - a)
    out, stock = [], math.nan
    for k, f in enumerate(filled):
        gap = k > 0 and years[k] != years[k - 1] + 1
        if math.isnan(f):
            stock = math.nan
        elif k == 0 or gap or math.isnan(stock):
            stock = f / delta
        else:
            stock = (1 - delta) * stock + f
        out.append(stock)
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.floats(0.0, 1.0)), min_size=1, max_size=25),
       st.floats(0.02, 1.0), st.integers(0, 24))
def test_perpetual_inventory_equals_the_plain_recursion(values, delta, gap_at):
    flows = [math.nan if v is None else v for v in values]
    years = [1900 + k + (5 if k >= gap_at else 0) for k in range(len(flows))]
    frame = pd.DataFrame({"ccode": 2, "year": years, "milex_share": flows})
    got = perpetual_inventory(frame, delta)["stock"].tolist()
    expected = _plain_pim(flows, years, delta)
    np.testing.assert_allclose(got, expected, rtol=1e-12, equal_nan=True)


def test_constant_shares_are_a_steady_state():
    frame = pd.DataFrame({"ccode": np.repeat([1, 2, 3], 30), "year": np.tile(range(30), 3),
                          "milex_share": np.repeat([0.5, 0.3, 0.2], 30)})
    out = perpetual_inventory(frame, 0.1)
    np.testing.assert_allclose(out["stock"], np.repeat([5.0, 3.0, 2.0], 30))
    np.testing.assert_allclose(out["stock_share"], frame["milex_share"])


def test_a_stock_remembers_past_spending_the_flow_forgets():
    frame = pd.DataFrame({"ccode": [1] * 3 + [2] * 3, "year": [1, 2, 3] * 2,
                          "milex_share": [0.9, 0.1, 0.1, 0.1, 0.9, 0.9]})
    out = perpetual_inventory(frame, 0.1).set_index(["ccode", "year"])
    # state 1 spent heavily before year 2: its year-2 stock share exceeds its flow share
    assert out.loc[(1, 2), "stock_share"] > 0.1


def test_depreciation_outside_the_unit_interval_is_refused():
    with pytest.raises(ValueError, match="depreciation"):
        perpetual_inventory(pd.DataFrame({"ccode": [1], "year": [1], "milex_share": [1.0]}), 0)


def test_milex_shares_without_sipri_stop_at_nmc():
    nmc = pd.DataFrame({"ccode": [2, 200], "year": [1900, 1900], "milex": [1.0, 3.0]})
    assert milex_shares(nmc)["milex_share"].tolist() == [0.25, 0.75]
    assert capability_panel(nmc.assign(cinc=[0.5, 0.5]))["gdp_gdppc"].isna().all()


# ----------------------------------------------------------------- the gradient
def test_loss_of_strength_exponent_is_bueno_de_mesquitas():
    c = np.full(4, 0.2)
    r = 800.0
    d = np.array([0.0, math.e * r, 5000.0, 20000.0])
    projected = loss_of_strength(c, d, r)
    assert projected[0] == pytest.approx(0.2 ** math.log10(10 - math.e))   # exponent 0.862
    assert projected[1] == pytest.approx(0.2)                              # exponent 1 at e*r
    assert projected[0] > projected[1] > projected[2] > projected[3]
    assert loss_of_strength(np.array([0.0]), np.array([100.0]), r)[0] == 0.0
    # a faster projection rate discounts less
    assert loss_of_strength(c[:1], d[2:3], 1600.0)[0] > projected[2]


# ----------------------------------------------------------------- the measure as an option
def test_measure_names_and_errors():
    assert measure(None).name == DEFAULT_MEASURE
    with pytest.raises(FoedusError, match="capability measure 'gdp'"):
        measure("gdp")


def test_scenario_schema_offers_exactly_the_registered_measures():
    from foedus.scenarios.schema import ScenarioModel

    annotation = ScenarioModel.model_fields["capability"].annotation
    literal = next(a for a in typing.get_args(annotation) if a is not type(None))
    assert set(typing.get_args(literal)) == set(MEASURES)


def test_a_scenario_selects_its_measure_and_the_interests_layer_uses_it():
    from foedus.interests import compute_interests
    from foedus.scenarios import build_case, load_scenario

    scenario = load_scenario("asian-nato-2024")
    case = build_case(scenario)
    world = case.world
    for name, m in MEASURES.items():
        ints = compute_interests(world, capability=name)
        k = ints.index("USA")
        assert ints.capability[k] == pytest.approx(world.states["USA"].value(m.indicator))
        assert ints.provenance["capability"].startswith(name)
    chosen = type(world)(world.date, world.states, world.agreements, world.geography,
                         world.relations, capability="milex")
    ints = compute_interests(chosen)
    assert ints.capability[ints.index("USA")] == pytest.approx(
        world.states["USA"].value("capability_milex"))


def test_flagship_years_are_shown():
    from foedus.scenarios import build_case, load_scenario

    usa = build_case(load_scenario("asian-nato-2024")).world.states["USA"]
    years = {m.name: usa.indicators[m.indicator].data_year for m in MEASURES.values()}
    assert years == {"cinc": 2022, "milex": 2024, "milstock": 2024, "nmc_weighted": 2022,
                     "gdp_gdppc": 2019}


def test_cinc_is_the_mean_of_the_shipped_component_shares():
    """Re-derives CINC from NMC 7.0's six components (the basis of the ``components`` measure
    of the outcome model: equal weights are CINC)."""
    from foedus.data import load
    from foedus.interests.capability import (
        NMC_COMPONENTS,
        shipped_components,
        weighted_components,
    )

    shares = shipped_components()
    nmc = load("cow_nmc")
    assert len(shares) == len(nmc)
    matrix = shares[[f"share_{c}" for c in NMC_COMPONENTS]].to_numpy(float)
    np.testing.assert_allclose(weighted_components(matrix, np.ones(6)), nmc["cinc"],
                               atol=1e-7)
    totals = shares.groupby("year")[[f"share_{c}" for c in NMC_COMPONENTS]].sum()
    np.testing.assert_allclose(totals.to_numpy()[totals.to_numpy() > 0], 1.0)
