"""Issue 11: bad input never crashes, hangs or passes silently - the catalogue, table-driven.

Every malformed scenario file of ``bad_inputs.MALFORMED`` is refused by ``foedus scenario
validate`` with one ``error:`` line naming the file, the line and the field, and ``foedus
run`` refuses it with the same line and writes nothing; every odd-but-valid file validates
(with its warning) and runs. Every bad command line of ``bad_inputs.BAD_COMMANDS`` gets one
``error:`` line, exit status 2, and nothing written.
"""

from __future__ import annotations

import re

import pytest
from bad_inputs import BAD_COMMANDS, BASE, MALFORMED, run_cli

ERRORS = [pytest.param(m, e, id=i) for i, _, m, e in MALFORMED if e[0] == "error"]
VALID = [pytest.param(m, e, id=i) for i, _, m, e in MALFORMED if e[0] == "ok"]


def _files(folder):
    return sorted(p.relative_to(folder) for p in folder.rglob("*"))


def test_the_catalogue_covers_the_categories_of_the_issue():
    categories = {c for _, c, _, _ in MALFORMED}
    assert {"yaml", "types", "states", "dyads", "places", "agreements", "designs", "crises",
            "parameters", "dates"} <= categories
    assert len(MALFORMED) >= 140 and len(BAD_COMMANDS) >= 47
    assert len({i for i, *_ in MALFORMED}) == len(MALFORMED)
    assert len({i for i, *_ in BAD_COMMANDS}) == len(BAD_COMMANDS)


@pytest.mark.parametrize(("mutate", "expect"), ERRORS)
def test_malformed_file_is_refused_by_validate_and_run_alike(tmp_path, mutate, expect):
    _, field, fragment = expect
    path = tmp_path / "bad.yaml"
    path.write_text(mutate(BASE), encoding="utf-8")
    checked = run_cli("scenario", "validate", str(path))
    assert not checked.crash, checked.crash
    assert checked.code == 2, checked.stdout + checked.stderr
    assert len(checked.error_lines) == 1, checked.stderr
    line = checked.error_lines[0]
    assert line.startswith(f"error: {path}"), line
    assert fragment in line, line
    if field:
        # located: file:line: field: message
        assert re.match(rf"error: {re.escape(str(path))}:\d+: {re.escape(field)}", line), line
    out = tmp_path / "out"
    ran = run_cli("run", str(path), "--out", str(out))
    assert not ran.crash, ran.crash
    assert (ran.code, ran.error_lines) == (2, checked.error_lines)
    assert _files(tmp_path) == [path.relative_to(tmp_path)]  # nothing written


@pytest.mark.parametrize(("mutate", "expect"), VALID)
def test_odd_but_valid_file_validates_and_runs(tmp_path, mutate, expect):
    path = tmp_path / "odd.yaml"
    path.write_text(mutate(BASE), encoding="utf-8")
    checked = run_cli("scenario", "validate", str(path))
    assert not checked.crash, checked.crash
    assert checked.code == 0, checked.stderr
    if expect[1] is not None:
        assert expect[1] in checked.stderr and "warning:" in checked.stderr
    ran = run_cli("run", str(path), "--section", "states", "--section", "obligations",
                  "--out", str(tmp_path / "out"))
    assert not ran.crash, ran.crash
    assert ran.code == 0, ran.stderr
    assert (tmp_path / "out" / "run.json").is_file()


def test_a_scenario_without_crises_runs_every_section(tmp_path):
    mutate = next(m for i, _, m, _ in MALFORMED if i == "no-crises")
    path = tmp_path / "quiet.yaml"
    path.write_text(mutate(BASE), encoding="utf-8")
    ran = run_cli("run", str(path), "--executor", "serial")
    assert not ran.crash, ran.crash
    assert ran.code == 0, ran.stderr
    assert "The scenario has no crises" in ran.stdout
    crisis = run_cli("crisis", str(path))
    assert crisis.code == 2 and "no crises" in crisis.error_lines[0]


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    (root / "file.txt").write_text("x")
    (root / "dir").mkdir()
    (root / "bad.yaml").write_text("id: [\n")
    (root / "params.yaml").write_text("parameters:\n  nope: 1\n")
    return root


@pytest.mark.parametrize(("args", "fragment"),
                         [pytest.param(a, f, id=i) for i, a, f in BAD_COMMANDS])
def test_bad_command_line_gets_one_error_line_and_writes_nothing(sandbox, args, fragment):
    places = {"{file}": sandbox / "file.txt", "{dir}": sandbox / "dir",
              "{bad}": sandbox / "bad.yaml", "{params}": sandbox / "params.yaml"}
    argv = []
    for arg in args:
        for key, value in places.items():
            arg = arg.replace(key, str(value))
        argv.append(arg)
    before = _files(sandbox)
    result = run_cli(*argv)
    assert not result.crash, result.crash
    assert result.code == 2, result.stdout + result.stderr
    assert len(result.error_lines) == 1, result.stderr
    assert fragment in result.error_lines[0], result.error_lines[0]
    assert "Traceback" not in result.stderr
    assert _files(sandbox) == before


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.truncate(6_000_000_000)  # sparse: costs nothing to create
    result = run_cli("scenario", "validate", str(path))
    assert result.code == 2 and "at most 4,000,000" in result.error_lines[0]


def test_safe_yaml_keeps_aliases_shared_and_lines_exact():
    from foedus.scenarios.safe_yaml import parse

    data, lines = parse("base: &b {x: 1}\nuse:\n  - *b\n  - *b\nlast: 2\n", "t.yaml")
    assert data["use"] == [{"x": 1}, {"x": 1}]
    assert lines[("base", "x")] == 1 and lines[("use",)] == 2 and lines[("last",)] == 5


def test_an_error_on_line_100_prints_the_line_number_not_an_emoji(tmp_path):
    # found by the fuzz test (5 December 2026): Rich turned "fuzz.yaml:100: " into
    # "fuzz.yaml💯 " - ":100:" is an emoji code; the consoles now print text literally
    path = tmp_path / "line100.yaml"
    padding = "".join(f"# line {k}\n" for k in range(1, 97))   # the states: line is 100
    path.write_text(padding + "id: line100\ntitle: t\ndate: 2024-12-15\nstates: [{iso3: XXX}]\n")
    ran = run_cli("scenario", "validate", str(path))
    assert ran.code != 0 and not ran.crash
    assert re.search(re.escape(str(path)) + r":100: ", ran.stderr), ran.stderr
    assert "\N{HUNDRED POINTS SYMBOL}" not in ran.stderr
