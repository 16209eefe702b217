"""Fuzzing the scenario loader and the CLI with hypothesis (issue 11).

Three strategies mutate or generate scenario files: structural mutations of a valid scenario
(types, ranges, references, missing and extra fields), text mutations (lines deleted,
duplicated, re-indented, truncated, bytes inserted), and whole scenarios generated from
random states, places, agreements and crises. Each case goes through the real entry point:

* ``foedus scenario validate`` never shows a traceback; it accepts the file or refuses it
  with one ``error:`` line that starts with the file and, when the file is a YAML mapping,
  names the line;
* ``foedus run --out`` agrees: a refused file gets the same line and nothing is written; an
  accepted file runs (the cheap sections here; the slow test runs every section).

300 scenario cases per default run (100 per strategy), about 25 s of CPU, and 100
mutated parameter-set files.
"""

from __future__ import annotations

import copy
import re

import pytest
import yaml
from bad_inputs import BASE, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

BASE_DATA = yaml.safe_load(BASE)
FAST = settings(max_examples=100, deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture])

ISO3 = ["USA", "JPN", "PHL", "CHN", "KOR", "TWN", "FRA", "XXX", "usa", "", "PRK"]
WORDS = ["pacific", "japan", "usa-jpn", "triple", "pact", "strike", "defense", "territory",
         "treaty_alliance", "armed_attack", "status-quo", "nowhere", "a b", "1960-06-23",
         "2024-02-30", "all", "beta", "uniform", "normal"]
NUMBERS = st.one_of(st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True),
                    st.sampled_from([0, 1, -1, 0.5, 1.5, 1e308, -1e308, 2**63, 3375, 99999]))
SCALARS = st.one_of(NUMBERS, st.booleans(), st.none(), st.sampled_from(ISO3 + WORDS),
                    st.text(max_size=12))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(WORDS + ISO3), inner,
                                                 max_size=3)), max_leaves=6)


def _paths(node, prefix=()):
    """Every location in a YAML data tree (mapping keys and list indices)."""
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out.extend(_paths(value, prefix + (key,)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out.extend(_paths(value, prefix + (i,)))
    return out


def _get(node, path):
    for part in path:
        node = node[part]
    return node


@st.composite
def structural(draw):
    """The base scenario with one to three mutations at random locations."""
    data = copy.deepcopy(BASE_DATA)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent, key = _get(data, path[:-1]), path[-1]
        action = draw(st.sampled_from(["replace", "replace", "delete", "reference", "extra",
                                       "duplicate", "number"]))
        if action == "replace":
            parent[key] = draw(VALUES)
        elif action == "number":
            parent[key] = draw(NUMBERS)
        elif action == "reference":
            parent[key] = draw(st.sampled_from(ISO3 + WORDS))
        elif action == "delete":
            del parent[key]
        elif action == "extra" and isinstance(parent, dict):
            parent[draw(st.sampled_from(WORDS + ["source", "id", "facts"]))] = draw(VALUES)
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@st.composite
def textual(draw):
    """The base scenario's text with lines deleted, duplicated, re-indented or cut, or bytes
    inserted (this reaches YAML syntax, duplicate keys and aliases)."""
    lines = BASE.splitlines()
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "insert",
                                       "truncate", "alias"]))
        if action == "delete" and len(lines) > 1:
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "indent":
            lines[i] = "  " + lines[i]
        elif action == "dedent":
            lines[i] = lines[i][2:]
        elif action == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.sampled_from(
                [":", "- ", "[", "]", "{", "}", "&a ", "*a", "'", '"', "#", "\t", "!!", "%",
                 "\x00", "é", ",", "? "])) + lines[i][at:]
        elif action == "truncate":
            lines = lines[:i + 1]
        elif action == "alias":
            lines[i] = lines[i].replace(": ", ": &x ", 1) if ": " in lines[i] else lines[i]
            j = draw(st.integers(0, len(lines) - 1))
            lines[j] = re.sub(r": \S.*$", ": *x", lines[j], count=1)
    return "\n".join(lines) + "\n"


@st.composite
def generated(draw):
    """A whole scenario from random pieces, references sometimes dangling."""
    states = draw(st.lists(st.sampled_from(["USA", "JPN", "PHL", "CHN", "KOR", "AUS", "IND",
                                            "PRK", "TWN", "GBR"]), min_size=1, max_size=6,
                           unique=True))
    anywhere = st.sampled_from(states + ["XXX"])
    n_places = draw(st.integers(0, 4))
    places = [{"id": f"p{i}", "name": f"Place {i}",
               "within": draw(st.lists(st.sampled_from([f"p{j}" for j in range(n_places)]
                                                       + ["px"]), max_size=2)),
               "source": "fuzz"} for i in range(n_places)]
    place_ids = [p["id"] for p in places] or ["p0"]
    agreements = []
    for i in range(draw(st.integers(0, 3))):
        members = draw(st.lists(anywhere, min_size=1, max_size=4))
        agreements.append({
            "id": f"a{i}", "name": f"Agreement {i}",
            "kind": draw(st.sampled_from(["treaty_alliance", "minilateral", "proposed_treaty",
                                          "exercise"])),
            "members": members, "source": "fuzz",
            "in_force": draw(st.sampled_from(["1950-01-01", "2030-01-01", "1999-12-31"])),
            "provisions": [{"obligation": draw(st.sampled_from(["defense", "consultation"])),
                            "article": "1",
                            "trigger": {"area": draw(st.lists(st.sampled_from(place_ids),
                                                              max_size=1))}}]})
    designs = [{"id": f"d{i}", "name": f"Design {i}",
                "invited": draw(st.lists(anywhere, max_size=4, unique=True)),
                "add": [{"id": f"new{i}", "name": "new", "kind": "proposed_treaty",
                         "members": draw(st.lists(anywhere, min_size=1, max_size=4,
                                                  unique=True)),
                         "provisions": [{"obligation": "defense", "article": "1"}],
                         "source": "fuzz"}],
                "source": "fuzz"} for i in range(draw(st.integers(0, 2)))]
    crises = []
    for i in range(draw(st.integers(0, 2))):
        target = draw(anywhere)
        crises.append({"id": f"c{i}", "name": f"Crisis {i}",
                       "kind": draw(st.sampled_from(["invasion", "strike", "blockade"])),
                       "aggressors": draw(st.lists(anywhere, min_size=1, max_size=2,
                                                   unique=True)),
                       "target": target, "location": draw(st.sampled_from(place_ids)),
                       "hits": [{"state": target, "asset": "territory",
                                 "place": draw(st.sampled_from(place_ids))}],
                       "source": "fuzz"})
    data = {"id": "fuzz", "title": "generated",
            "date": draw(st.sampled_from(["2024-12-15", "1960-06-30", "1914-07-28",
                                          "2100-01-01"])),
            "states": [{"iso3": s} for s in states], "places": places,
            "agreements": agreements, "designs": designs, "crises": crises}
    if draw(st.booleans()):
        data["parameters"] = {draw(st.sampled_from(["treaty_reliability", "burden_private_share",
                                                    "treaty_reliabilty"])): draw(NUMBERS)}
    return yaml.safe_dump(data, sort_keys=False)


def check(tmp_path, text: str) -> None:
    """Validate and run one file; assert the contract of issue 11."""
    folder = tmp_path / f"case{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    path = folder / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    checked = run_cli("scenario", "validate", str(path))
    assert not checked.crash, f"traceback on:\n{text}\n{checked.crash}"
    assert "Traceback" not in checked.stderr
    out = folder / "out"
    if checked.code == 0:
        ran = run_cli("run", str(path), "--section", "states", "--section", "obligations",
                      "--executor", "serial", "--out", str(out))
        assert not ran.crash, f"validate accepted, run crashed on:\n{text}\n{ran.crash}"
        assert ran.code == 0, f"validate accepted, run refused:\n{text}\n{ran.stderr}"
        return
    assert checked.code == 2, checked.stderr
    assert len(checked.error_lines) == 1, checked.stderr
    line = checked.error_lines[0]
    assert line.startswith(f"error: {path}"), line
    try:
        is_mapping = isinstance(yaml.safe_load(text), dict)
    except yaml.YAMLError:
        is_mapping = False
    if is_mapping:
        assert re.match(rf"error: {re.escape(str(path))}:\d+: ", line), line
    ran = run_cli("run", str(path), "--out", str(out))
    assert not ran.crash, ran.crash
    assert (ran.code, ran.error_lines) == (2, checked.error_lines)
    assert sorted(p.name for p in folder.iterdir()) == ["fuzz.yaml"]  # nothing written


@FAST
@given(text=structural())
def test_structural_mutations(tmp_path, text):
    check(tmp_path, text)


@FAST
@given(text=textual())
def test_text_mutations(tmp_path, text):
    check(tmp_path, text)


@FAST
@given(text=generated())
def test_generated_scenarios(tmp_path, text):
    check(tmp_path, text)


@pytest.mark.slow
@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=st.one_of(structural(), generated()))
def test_accepted_files_run_every_section(tmp_path, text):
    folder = tmp_path / f"case{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    path = folder / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    checked = run_cli("scenario", "validate", str(path))
    assert not checked.crash, checked.crash
    if checked.code == 0:
        ran = run_cli("run", str(path), "--executor", "serial", "--out", str(folder / "out"))
        assert not ran.crash, f"{text}\n{ran.crash}"
        assert ran.code == 0, f"{text}\n{ran.stderr}"


PARAMETER_SET = {"name": "fuzz", "description": "d", "provenance": {"command": "c"},
                 "parameters": {"treaty_reliability": {"dist": "beta", "a": 4, "b": 6},
                                "burden_private_share": 0.5}}


@FAST
@given(data=st.data())
def test_parameter_set_files(tmp_path, data):
    """A mutated parameter-set file loads or is refused with one line naming the file."""
    from foedus.errors import ScenarioError
    from foedus.scenarios.parameter_sets import load_parameter_set

    doc = copy.deepcopy(PARAMETER_SET)
    paths = [p for p in _paths(doc) if p]
    path = data.draw(st.sampled_from(paths))
    parent = _get(doc, path[:-1])
    if data.draw(st.booleans()):
        parent[path[-1]] = data.draw(VALUES)
    else:
        del parent[path[-1]]
    file = tmp_path / f"set{len(list(tmp_path.iterdir()))}.yaml"
    file.write_text(yaml.safe_dump(doc))
    try:
        loaded = load_parameter_set(file)
    except ScenarioError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(str(file))
    else:
        assert set(loaded.values) <= {"treaty_reliability", "burden_private_share"}
