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
    (("validate", "history", "--seed", "-1"), "is not a seed"),
    (("fit", "crisis", "--seed", "-5"), "is not a seed"),
    (("fit", "crisis", "--prior", "flat"), "--prior flat: unknown prior"),
    (("validate", "history", "--no-forward", "--no-reverse"), "no era split left to score"),
    (("validate", "history", "--model", "crisis", "--corpus", "outcome"),
     "--corpus outcome: not a corpus of the models chosen"),
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


@pytest.fixture
def toy_corpus(monkeypatch):
    """The synthetic intervention-like corpus and toy model of test_scoring_pipeline, plugged
    in where the intervention corpus and the crisis family's interface would be."""
    import numpy as np
    from tests.history.test_scoring_pipeline import TOY, _task

    from foedus.history import pipeline, tasks

    task = _task(seed=6, n=900)
    monkeypatch.setitem(tasks.CORPUS_TASKS, "intervention", lambda: task)
    monkeypatch.setattr(pipeline, "model_interface", lambda corpus: (
        TOY, lambda t: (t.payload, np.ones(len(t), dtype=bool)))
        if corpus == "intervention" else None)
    return task


def test_fit_writes_a_parameter_file_with_provenance(monkeypatch, capsys, tmp_path, toy_corpus):
    from foedus.scenarios.parameter_sets import load_parameter_set

    target = tmp_path / "fitted.yaml"
    code, stdout, stderr = _run(monkeypatch, capsys, "fit", "crisis", "--train", "1816-1945",
                                "--seed", "3", "--out", str(target))
    assert code == 0, stderr
    assert "likelihood evaluations per second" in stdout and "plain-Python loop" in stdout
    loaded = load_parameter_set(target)
    assert loaded.provenance["command"] == "foedus fit crisis --train 1816-1945 --seed 3"
    assert loaded.provenance["train"] == "1816-1945"
    n_train = int((toy_corpus.frame.year <= 1945).sum())
    assert loaded.provenance["n"] == n_train
    assert {"date", "code_version", "data", "log_likelihood"} <= set(loaded.provenance)
    assert "crisis_entry_cost" in loaded.values


def test_fit_refuses_an_era_outside_the_data(monkeypatch, capsys, tmp_path, toy_corpus):
    code, _, stderr = _run(monkeypatch, capsys, "fit", "crisis", "--train", "2050-2060",
                           "--out", str(tmp_path / "x.yaml"))
    assert code == 2 and "--train 2050-2060: outside the corpus" in stderr
    assert not (tmp_path / "x.yaml").exists()


def test_fit_refuses_an_empty_training_era(monkeypatch, capsys, tmp_path, toy_corpus):
    from foedus.history import tasks

    years = toy_corpus.frame.year.to_numpy()
    gap = toy_corpus.subset((years < 1900) | (years > 1909))     # no case in 1900-1909
    monkeypatch.setitem(tasks.CORPUS_TASKS, "intervention", lambda: gap)
    code, _, stderr = _run(monkeypatch, capsys, "fit", "crisis", "--train", "1900-1909",
                           "--out", str(tmp_path / "x.yaml"))
    assert code == 2 and "--train 1900-1909: no training cases in that period" in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.yaml").exists()


@pytest.mark.parametrize("args,needle", [
    (("--name", "my-set"), "--name names the parameter set written by --out"),
    (("--name", "../evil", "--out", "OUT"), "a set name is letters, digits"),
    (("--name", "with space", "--out", "OUT"), "a set name is letters, digits"),
])
def test_fit_set_name_is_checked_before_fitting(monkeypatch, capsys, tmp_path, args, needle):
    args = tuple(str(tmp_path / "set.yaml") if a == "OUT" else a for a in args)
    code, _, stderr = _run(monkeypatch, capsys, "fit", "crisis", *args)
    assert code == 2 and needle in stderr and len(stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("body,needle", [
    ("parameters:\n  crisis_precision: -1\n", "parameters.crisis_precision"),
    ("parameters:\n  crisis_entry_cost: {dist: uniform, low: 2, high: 1}\n",
     "parameters.crisis_entry_cost"),
    ("name: x\nparameters: [crisis_precision]\n", "parameters"),
    ("name: x\nprovenance: {}\nparameters: {}\nextra: 1\n", "extra: unknown field"),
])
def test_validate_refuses_a_parameter_file_not_matching_the_registry(monkeypatch, capsys,
                                                                     tmp_path, body, needle):
    bad = tmp_path / "set.yaml"
    bad.write_text(body)
    out = tmp_path / "out"
    code, _, stderr = _run(monkeypatch, capsys, "validate", "history", "--model", "crisis",
                           "--parameters", str(bad), "--out", str(out))
    assert code == 2, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and needle in lines[0], stderr
    assert str(bad) in lines[0]
    assert not out.exists()


def test_validate_writes_tables_and_predictions(monkeypatch, capsys, tmp_path, toy_corpus):
    import pandas as pd

    out = tmp_path / "validation"
    code, stdout, stderr = _run(monkeypatch, capsys, "validate", "history", "--model", "crisis",
                                "--bootstrap", "50", "--out", str(out))
    assert code == 0, stderr
    assert "Acceptance" in stdout
    names = sorted(p.name for p in out.iterdir())
    assert names == ["acceptance.csv", "differences.csv", "predictions.csv.gz",
                     "reliability.csv", "scores.csv", "timings.csv"]
    predictions = pd.read_csv(out / "predictions.csv.gz")
    assert {"toy[fitted]", "toy[judgement]", "logit", "boosted", "base_rate"} == set(
        predictions.predictor)


def test_fit_output_must_be_yaml(monkeypatch, capsys, tmp_path):
    code, _, stderr = _run(monkeypatch, capsys, "fit", "crisis", "--out",
                           str(tmp_path / "set.txt"))
    assert code == 2 and "unknown file type" in stderr
    assert list(tmp_path.iterdir()) == []


def test_validate_output_must_be_a_folder(monkeypatch, capsys, tmp_path):
    existing = tmp_path / "file.csv"
    existing.write_text("x\n")
    code, _, stderr = _run(monkeypatch, capsys, "validate", "history", "--out", str(existing))
    assert code == 2 and "is a file" in stderr
    assert existing.read_text() == "x\n"


def test_validate_reverse_direction_only(monkeypatch, capsys, tmp_path, toy_corpus):
    import pandas as pd

    out = tmp_path / "validation"
    code, _, stderr = _run(monkeypatch, capsys, "validate", "history", "--model", "crisis",
                           "--no-forward", "--no-refit", "--bootstrap", "20", "--out", str(out))
    assert code == 0, stderr
    scores = pd.read_csv(out / "scores.csv")
    assert set(scores.split) == {"era-reverse"}
    assert set(scores.test) == {"1816-1945"}
    differences = pd.read_csv(out / "differences.csv")          # the reverse is bootstrapped
    assert len(differences) and set(differences.split) == {"era-reverse"}


def test_validate_prints_unconverged_solves_as_notes(monkeypatch, capsys, toy_corpus):
    """A predictor whose equilibria stopped at their cap is reported on the console, with the
    count its family gives; the run still completes."""
    import dataclasses
    import warnings

    import numpy as np
    from tests.history.test_scoring_pipeline import TOY

    from foedus.errors import UnconvergedWarning
    from foedus.history import pipeline

    def predict(theta, payload):
        warnings.warn(UnconvergedWarning("toy model: 2 of 40 (case, draw) equilibrium solves "
                                         "stopped at their iteration cap"), stacklevel=2)
        return TOY.predict_proba(theta, payload)

    toy = dataclasses.replace(TOY, predict_proba=predict)
    monkeypatch.setattr(pipeline, "model_interface", lambda corpus: (
        toy, lambda t: (t.payload, np.ones(len(t), dtype=bool)))
        if corpus == "intervention" else None)
    code, stdout, stderr = _run(monkeypatch, capsys, "validate", "history", "--model", "crisis",
                                "--bootstrap", "0")
    assert code == 0, stderr
    assert "note: toy model: 2 of 40 (case, draw) equilibrium solves" in stdout
