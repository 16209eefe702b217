"""The burden model on the flagship's designs (issue #5 item 3).

Expected values and where they come from:

* Members: the flagship scenario (src/foedus/scenarios/library/asian-nato-2024.yaml). Treaty
  defence provisions in force at 2024-12-15 among the invited states: US-Japan 1960, US-ROK
  1953, US-Philippines 1951, ANZUS 1951 (Australia-US and Australia-New Zealand; the US-New
  Zealand leg suspended since 1986 is coded without provisions). India has no defence treaty
  with any invited state; the US-ROC treaty of 1954 ended on 1 January 1980.
* GDP: World Bank WDI, current US$, 2023 (the shipped `wdi` data set); Taiwan has no WDI row.
* Observed burdens: SIPRI military expenditure as a share of GDP, 2024 (shipped `sipri_milex`):
  USA 3.42%, KOR 2.56%, AUS 1.88%, JPN 1.37%, PHL 1.32%, NZL 1.19%, IND 2.27%, TWN 2.10%.
* Closed form: Bergstrom, Blume & Varian (1986) for a pure public good with full spill-ins.
"""

from __future__ import annotations

import numpy as np
import pytest

from foedus.analysis import burden_designs as bd
from foedus.errors import ParameterError
from foedus.models.burden import BurdenParams, alliance_equilibrium, public_good_equilibrium
from foedus.scenarios.parameters import known_parameters

HUB_AND_SPOKE = ("USA", "JPN", "AUS", "KOR", "PHL", "NZL")
BLOC = ("USA", "JPN", "AUS", "KOR", "PHL", "IND", "NZL")


@pytest.fixture(scope="module")
def results(flagship):
    return {r.design: r for r in bd.designs_burden(flagship)}


@pytest.mark.parametrize("design, members, rule", [
    ("status-quo", HUB_AND_SPOKE, "hub-and-spoke"),
    ("minilateral-lattice", HUB_AND_SPOKE, "hub-and-spoke"),
    ("ishiba", BLOC + ("TWN",), "asian-nato"),
    ("ishiba-no-taiwan", BLOC, "asian-nato"),
    ("nato-style-no-taiwan", BLOC, "ip-treaty-organisation"),
])
def test_membership_rule(flagship, design, members, rule):
    got, text = bd.alliance_members(flagship, design)
    assert got == members
    assert rule in text


def test_unknown_design_is_a_clear_error(flagship):
    with pytest.raises(ParameterError, match="choose from status-quo"):
        bd.design_burden(flagship, "no-such-design")


def test_incomes_world_bank_and_taiwan_from_sipri(flagship):
    inputs = bd.member_incomes(flagship, ("USA", "JPN", "TWN")).set_index("member")
    assert inputs.loc["JPN", "gdp_source"] == "wdi_gdp_usd_current"
    assert inputs.loc["JPN", "gdp_year"] == 2023
    wdi = flagship.world.states["JPN"].indicators["wdi_gdp_usd_current"].value
    assert inputs.loc["JPN", "gdp"] == wdi
    # Taiwan: SIPRI military expenditure / SIPRI share of GDP, never the PPP figure
    twn = flagship.world.states["TWN"].indicators
    implied = twn["sipri_milex_usd_current"].value * 1e6 / twn["sipri_milex_share_gdp"].value
    assert inputs.loc["TWN", "gdp_source"] == "sipri_implied"
    assert inputs.loc["TWN", "gdp"] == pytest.approx(implied)
    assert 5e11 < implied < 1.2e12          # hundreds of billions of current US$
    assert "different unit" in inputs.loc["TWN", "note"]
    assert inputs["included"].all()


def test_spill_ins_follow_treaty_scope(flagship):
    members = HUB_AND_SPOKE
    s = bd.design_spill_in(flagship, "status-quo", members, decay_km=5000)
    i = {m: k for k, m in enumerate(members)}
    assert s[i["JPN"], i["USA"]] > 0 and s[i["USA"], i["JPN"]] > 0
    assert s[i["JPN"], i["KOR"]] == 0          # no Japan-Korea treaty
    assert s[i["NZL"], i["USA"]] == 0          # US-NZ leg of ANZUS suspended
    assert s[i["NZL"], i["AUS"]] > 0
    bloc = bd.design_spill_in(flagship, "ishiba", BLOC + ("TWN",), decay_km=5000)
    assert np.all(bloc > 0)                    # the collective clause covers every pair
    # Tokyo-Seoul capital distance 1,159 km (cow_capitals via world.relations)
    assert bloc[1, 3] == pytest.approx(np.exp(-1159 / 5000), abs=2e-3)


def test_equilibrium_is_the_model_on_the_design_inputs(flagship, results):
    r = results["ishiba-no-taiwan"]
    prepared = bd.design_inputs(flagship, "ishiba-no-taiwan")
    values = bd.central_parameters(flagship)
    spill = bd.spill_in_matrix(prepared.distance_km, decay_km=values["burden_spill_in_decay_km"],
                               covered=prepared.covered)
    direct = alliance_equilibrium(prepared.incomes, spill, members=prepared.members,
                                  params=BurdenParams(values["burden_security_weight"],
                                                      values["burden_private_share"]))
    np.testing.assert_allclose(r.equilibrium.spending, direct.spending, rtol=1e-10)
    assert r.equilibrium.converged and r.equilibrium.residual < 1e-9


def test_pure_public_good_limit_is_bergstrom_blume_varian(flagship):
    """Full spill-ins (decay -> infinity), t = 0: only the US contributes (BBV 1986)."""
    values = {"burden_security_weight": 0.03, "burden_private_share": 0.0,
              "burden_spill_in_decay_km": 1e12}
    r = bd.design_burden(flagship, "ishiba", values=values, floors=())
    closed = public_good_equilibrium(r.equilibrium.incomes, params=BurdenParams(0.03))
    np.testing.assert_allclose(r.equilibrium.spending, closed, rtol=1e-6, atol=1e-3)
    assert r.equilibrium.share_of_total("USA") == pytest.approx(1.0)
    income = r.equilibrium.incomes
    # Pareto benchmark a*I_i (Lindahl); the US pays a*I_US: the rest is withheld
    assert r.equilibrium.free_riding_index == pytest.approx(1 - income[0] / income.sum(),
                                                            rel=1e-4)


def test_observed_below_floors(results):
    frame = results["status-quo"].to_frame().set_index("member")
    below_2 = frame.index[frame["below_floor_observed__nato-2006-2pct"]].tolist()
    assert below_2 == ["JPN", "AUS", "PHL", "NZL"]           # SIPRI 2024 shares, above
    below_jp = frame.index[frame["below_floor_observed__japan-fy2027-2pct"]].tolist()
    assert below_jp == ["JPN"]
    assert frame["below_floor_observed__nato-2025-core-3.5pct"].all()   # even the US (3.42%)


def test_floor_effects(results):
    r = results["status-quo"]
    japan = r.floors["japan-fy2027-2pct"]
    assert japan.constrained_members == ("JPN",)
    assert japan.after.burden[1] == pytest.approx(0.02)
    nato = r.floors["nato-2006-2pct"]
    # crowding out: a floor on the others lets the US spend less (Olson & Zeckhauser 1966)
    assert nato.after.spending[0] < nato.before.spending[0]
    assert "USA" not in nato.constrained_members
    assert set(nato.constrained_members) <= set(r.members)


def test_summary_and_observed_share(results):
    s = results["status-quo"].summary()
    # the largest member by GDP (World Bank, the design inputs), not a named country
    inputs = results["status-quo"].inputs
    used = inputs[inputs["included"]]
    assert s["largest_member"] == used.loc[used["gdp"].idxmax(), "member"] == "USA"
    assert 0.5 < s["largest_share_model"] < 1
    # SIPRI 2024: 997,309 / (997,309 + 55,274 + 33,820 + 47,571 + 6,118 + 2,999) US$ m
    assert s["largest_share_observed"] == pytest.approx(997309 / 1143091, rel=1e-4)
    assert 0 <= s["free_riding_index"] < 1 and s["converged"]
    # designs with equal inputs give equal results
    lattice = results["minilateral-lattice"].summary()
    assert lattice["largest_share_model"] == s["largest_share_model"]


def test_parameters_registered_and_flagship_centres(flagship):
    registry = known_parameters()
    assert registry["burden_private_share"].domain == "probability"
    assert registry["burden_spill_in_decay_km"].domain == "positive"
    assert bd.central_parameters(flagship) == {"burden_security_weight": 0.03,
                                               "burden_private_share": 0.3,
                                               "burden_spill_in_decay_km": 5000.0}
    for name in bd.PARAMETERS:
        assert flagship.scenario.model.parameters[name].source


def test_intervals_are_seeded(flagship):
    a = bd.design_intervals(flagship, np.random.default_rng(7), draws=4, designs=["status-quo"])
    b = bd.design_intervals(flagship, np.random.default_rng(7), draws=4, designs=["status-quo"])
    assert a.equals(b)
    row = a.iloc[0]
    assert row["largest_share_q0.05"] <= row["largest_share_q0.95"] and row["converged"]


def test_plot_burden_size(results):
    fig = bd.plot_burden_size(list(results.values()))
    assert fig.axes[0].get_xscale() == "log"


def test_flagship_results_in_the_docs_are_what_the_code_gives(results):
    """docs/models/burden.md "Flagship results" must not drift from the code (central values)."""
    from pathlib import Path

    doc = Path(__file__).resolve().parents[2] / "docs" / "models" / "burden.md"
    text = doc.read_text().split("### Flagship results")[1].split("## Command line")[0]

    def pct(x: float, digits: int = 1) -> str:
        return f"{x * 100:.{digits}f} %"

    for design in ("status-quo", "ishiba", "ishiba-no-taiwan"):
        s = results[design].summary()
        for value in (pct(s["largest_share_model"]), pct(s["largest_share_observed"]),
                      f"{s['free_riding_index']:.3f}", pct(s["largest_share_after__nato-2006-2pct"]),
                      pct(s["largest_share_after__nato-2025-core-3.5pct"])):
            assert value in text, (design, value)
    for design in ("status-quo", "ishiba"):
        frame = results[design].to_frame()
        for burden in frame["model_burden"]:
            assert pct(burden, 2) in text, (design, burden)


def test_scenario_without_burden_parameters_uses_registry_defaults(tmp_path):
    """The worked example of docs/scenario-format.md: no parameters, a design with no ally."""
    import re
    from pathlib import Path

    from foedus.scenarios import build_case, load_scenario

    doc = Path(__file__).resolve().parents[2] / "docs" / "scenario-format.md"
    block = re.search(r"## A worked example.*?```yaml\n(.*?)```", doc.read_text(), re.DOTALL)[1]
    path = tmp_path / "island-pact.yaml"
    path.write_text(block)
    case = build_case(load_scenario(path))
    assert bd.central_parameters(case)["burden_private_share"] == pytest.approx(0.3)
    results = bd.designs_burden(case, floors=())
    assert [r.design for r in results] == ["status-quo"]      # "no-treaty" leaves the US alone
    assert results[0].members == ("USA", "PHL")
    with pytest.raises(bd.NoAlliance, match="no burden to share"):
        bd.design_burden(case, "no-treaty")


def test_largest_member_is_read_from_the_data_not_a_named_country(flagship):
    """Without the United States the summary reports the next largest economy's share."""
    full = bd.design_inputs(flagship, "ishiba-no-taiwan")
    keep = [m != "USA" for m in full.members]
    rows = full.inputs["member"] != "USA"
    without = bd.DesignInputs(
        full.design, full.rule, full.inputs[rows], tuple(np.array(full.members)[keep]),
        full.incomes[keep], full.distance_km[np.ix_(keep, keep)], full.covered[np.ix_(keep, keep)])
    result = bd.solve_design(without, bd.central_parameters(flagship))
    s = result.summary()
    biggest = without.members[int(np.argmax(without.incomes))]
    assert s["largest_member"] == biggest != "USA"
    assert s["largest_share_model"] == pytest.approx(result.equilibrium.share_of_total(biggest))
    assert 0 < s["largest_share_observed"] < 1
    assert all(0 <= s[k] <= 1 for k in s if k.startswith("largest_share_after__"))
