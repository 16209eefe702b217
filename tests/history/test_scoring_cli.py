"""``foedus validate history`` and ``foedus fit``: bad input gives one line, exit 2, no files."""

from __future__ import annotations

import sys

import pytest

from foedus.interfaces.cli.main import main


def _run(monkeypatch, capsys, *args):
    monkeypatch.setattr(sys, "argv", ["foedus", *args])
    with pytest.raises(SystemExit) as exc:
        main()
    captured = capsys.readouterr()
    return exc.value.code, captured.out, captured.err


@pytest.mark.parametrize("args,needle", [
    (("validate", "history", "--model", "diplomacy"), "--model diplomacy: unknown model"),
    (("validate", "history", "--split", "century"), "--split century: unknown split"),
    (("validate", "history", "--parameters", "no-such-set"), "no such parameter-set"),
    (("fit", "crisis", "--train", "1945-1816"), "first year must not be after the last"),
    (("fit", "formation", "--train", "early"), "expected a period of years"),
])
def test_bad_input_is_one_line_and_exit_2(monkeypatch, capsys, tmp_path, args, needle):
    out = tmp_path / "out"
    code, _stdout, stderr = _run(monkeypatch, capsys, *args, *(
        ("--out", str(out)) if args[0] == "validate" else ("--out", str(out / "set.yaml"))))
    assert code == 2
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and needle in lines[0], stderr
    assert "Traceback" not in stderr
    assert not out.exists()


def test_parameter_file_not_matching_the_registry(monkeypatch, capsys, tmp_path):
    bad = tmp_path / "bad-set.yaml"
    bad.write_text("name: bad\nparameters:\n  crisis_precison: {dist: point, value: 3}\n")
    code, _, stderr = _run(monkeypatch, capsys, "validate", "history", "--parameters",
                           str(bad), "--out", str(tmp_path / "out"))
    assert code == 2
    assert "parameters.crisis_precison: unknown parameter; did you mean crisis_precision" \
        in stderr
    assert not (tmp_path / "out").exists()


def test_help_lists_the_commands(monkeypatch, capsys):
    code, stdout, _ = _run(monkeypatch, capsys, "fit", "--help")
    assert code == 0 and "crisis" in stdout and "formation" in stdout
