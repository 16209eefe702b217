"""Bad scenario input gets one clear line naming the file, the field, the line and the fix."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from foedus.errors import ScenarioError
from foedus.scenarios import load_scenario, load_scenario_text
from foedus.scenarios.loader import SourceWarning

VALID = textwrap.dedent("""\
    id: mini
    title: A minimal scenario
    date: 2024-12-15
    states:
      - iso3: USA
      - iso3: JPN
      - iso3: CHN
    places:
      - id: pacific
        name: Pacific
      - id: japan
        name: Japan
        within: [pacific]
        administered_by: JPN
        source: test
    agreements:
      - id: usa-jpn
        name: US-Japan
        kind: treaty_alliance
        members: [USA, JPN]
        in_force: 1960-06-23
        source: test
        provisions:
          - obligation: defense
            from: [USA]
            to: [JPN]
            article: Art. V
            trigger: {administered_by: JPN}
    designs:
      - id: pact
        name: Pact
        remove: [usa-jpn]
        source: test
    crises:
      - id: strike
        name: Strike
        kind: strike
        aggressors: [CHN]
        target: JPN
        location: japan
        hits:
          - {state: JPN, asset: territory, place: japan}
        source: test
    parameters:
      treaty_reliability: {dist: beta, a: 2, b: 8, source: test}
    """)


def load_bad(text: str, path: str = "bad.yaml") -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(path)
    return info.value


def test_valid_minimal_scenario_loads_without_warnings(recwarn):
    scenario = load_scenario_text(VALID, "mini.yaml")
    assert scenario.warnings == ()
    assert not [w for w in recwarn if issubclass(w.category, SourceWarning)]


def test_yaml_syntax_error_names_the_line():
    err = load_bad(VALID.replace("title: A minimal scenario", "title: [unclosed"))
    assert "YAML syntax error" in err.message
    assert err.line is not None and err.line >= 2


def test_unknown_country_code_suggests_a_fix():
    err = load_bad(VALID.replace("  - iso3: JPN\n", "  - iso3: JPX\n", 1))
    assert err.field == "states[1].iso3"
    assert err.line == 6
    assert "JPX" in err.message and "JPN" in err.message


def test_crisis_naming_a_state_not_in_the_scenario():
    err = load_bad(VALID.replace("aggressors: [CHN]", "aggressors: [PRK]"))
    assert err.field == "crises[0].aggressors[0]"
    assert "PRK" in err.message and "states:" in err.message
    assert err.line == VALID.splitlines().index("    aggressors: [CHN]") + 1


def test_design_removing_an_agreement_that_does_not_exist():
    err = load_bad(VALID.replace("remove: [usa-jpn]", "remove: [usa-jpm]"))
    assert err.field == "designs[0].remove[0]"
    assert "usa-jpm" in err.message and "usa-jpn" in err.message


def test_impossible_date():
    err = load_bad(VALID.replace("date: 2024-12-15", "date: 2024-02-30"))
    assert err.field == "date"
    assert err.line == 3
    assert "YYYY-MM-DD" in err.message


def test_probability_outside_unit_interval():
    text = VALID.replace("treaty_reliability: {dist: beta, a: 2, b: 8, source: test}",
                         "treaty_reliability: {value: 1.3, source: test}")
    err = load_bad(text)
    assert err.field == "parameters.treaty_reliability"
    assert "[0, 1]" in err.message


def test_declared_domain_is_checked_on_top_of_the_registered_one():
    text = VALID.replace("treaty_reliability: {dist: beta, a: 2, b: 8, source: test}",
                         "burden_private_share: {dist: uniform, low: 0.5, high: 0.9, "
                         "domain: positive, source: test}")
    load_scenario_text(text, "ok.yaml")
    text = VALID.replace("treaty_reliability: {dist: beta, a: 2, b: 8, source: test}",
                         "burden_private_share: {dist: uniform, low: 0.0, high: 0.9, "
                         "domain: positive, source: test}")
    err = load_bad(text)
    assert err.field == "parameters.burden_private_share" and "(0, inf)" in err.message


def test_misspelt_parameter_is_refused_with_a_suggestion():
    # before: silently ignored, so the model ran with the default (issue 11)
    text = VALID.replace("treaty_reliability: {dist: beta", "treaty_reliabilty: {dist: beta")
    err = load_bad(text)
    assert err.field == "parameters.treaty_reliabilty"
    assert "unknown parameter" in err.message and "treaty_reliability" in err.message


def test_negative_capability():
    text = VALID.replace("  - iso3: CHN\n", "  - iso3: CHN\n    facts:\n"
                         "      milex: {value: -5, unit: millions of current US$, "
                         "source: test}\n", 1)
    err = load_bad(text)
    assert err.field == "states[2].facts.milex.value"
    assert ">= 0" in err.message


def test_duplicate_agreement_id():
    dup = VALID.replace("designs:", textwrap.indent(textwrap.dedent("""\
          - id: usa-jpn
            name: again
            kind: minilateral
            members: [USA, JPN]
            source: test
        """), "  ").replace("  - id", "- id", 0) + "designs:", 1)
    dup = dup.replace("designs:", "", 1) if dup.count("designs:") > 1 else dup
    err = load_bad(dup)
    assert err.field == "agreements[1].id"
    assert "duplicate" in err.message


def test_empty_file():
    err = load_bad("   \n")
    assert "empty" in err.message


def test_unknown_field_is_reported_with_its_line():
    err = load_bad(VALID.replace("    target: JPN", "    target: JPN\n    targte: JPN"))
    assert err.field == "crises[0].targte"
    assert "unknown field" in err.message


def test_defence_clause_in_a_political_arrangement_is_refused():
    err = load_bad(VALID.replace("kind: treaty_alliance", "kind: political_declaration"))
    assert err.field == "agreements[0].provisions[0].obligation"


def test_missing_source_warns():
    text = VALID.replace("    source: test\n    provisions:", "    provisions:")
    with pytest.warns(SourceWarning, match=r"agreements\[0\].*source"):
        scenario = load_scenario_text(text, "mini.yaml")
    assert len(scenario.warnings) == 1


def test_missing_file_is_a_clear_error(tmp_path):
    from foedus.errors import FoedusError

    with pytest.raises(FoedusError, match="no such scenario file"):
        load_scenario(tmp_path / "nope.yaml")


@pytest.mark.parametrize("mutation", [
    ("title: A minimal scenario", "title: [unclosed"),
    ("  - iso3: JPN\n", "  - iso3: JPX\n"),
    ("date: 2024-12-15", "date: 2024-13-01"),
])
def test_cli_prints_one_line_and_exits_2(tmp_path, mutation):
    path = tmp_path / "bad.yaml"
    path.write_text(VALID.replace(*mutation, 1), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "foedus.interfaces.cli.main", "scenario",
                           "validate", str(path)], check=False, capture_output=True,
                          text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and "bad.yaml" in lines[0]


def test_every_family_parameter_is_checked_without_importing_the_family():
    # The registry discovers each family's registration module, so a plain load checks a
    # family's parameter domain (here the interests layer's, a probability).
    text = VALID.replace("treaty_reliability: {dist: beta, a: 2, b: 8, source: test}",
                         "interests_hostility_un: {value: 2.0, source: test}")
    err = load_bad(text)
    assert err.field == "parameters.interests_hostility_un"


@pytest.mark.parametrize(("prefer", "fragment"), [
    ("{gdp: cow_nmc}", "has no gdp figure"),      # NMC has no GDP: no silent substitute
    ("{budget: cow_nmc}", "not a headline figure"),
])
def test_prefer_names_a_figure_and_a_data_set_that_has_it(prefer, fragment):
    from foedus.scenarios import build_case

    text = VALID.replace("  - iso3: CHN\n", f"  - iso3: CHN\n    prefer: {prefer}\n", 1)
    with pytest.raises(ScenarioError, match=fragment):
        build_case(load_scenario_text(text, "mini.yaml"))


def test_prefer_picks_the_named_data_set():
    from foedus.scenarios import build_case

    text = VALID.replace("  - iso3: CHN\n", "  - iso3: CHN\n    prefer: {milex: cow_nmc}\n", 1)
    chn = build_case(load_scenario_text(text, "mini.yaml")).world.states["CHN"]
    assert chn.indicators["milex"].source == "cow_nmc:nmc_milex"


def test_co_target_must_be_declared_and_distinct():
    err = load_bad(VALID.replace("    target: JPN", "    target: JPN\n    co_targets: [JPN]"))
    assert err.field == "crises[0].co_targets[0]"
    assert "once" in err.message
    err = load_bad(VALID.replace("    target: JPN", "    target: JPN\n    co_targets: [KOR]"))
    assert err.field == "crises[0].co_targets[0]"
    assert "KOR" in err.message


def test_co_targets_reach_the_world_model():
    from foedus.scenarios import build_case

    text = VALID.replace("    target: JPN", "    target: JPN\n    co_targets: [USA]")
    crisis = build_case(load_scenario_text(text, "mini.yaml")).crisis("strike")
    assert crisis.targets == ("JPN", "USA")
    assert crisis.parties == ("CHN", "JPN", "USA")
