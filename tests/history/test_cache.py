"""The corpora cache: in process, on disk in the user's cache directory (never the repository),
keyed by the package data and the history sources."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from foedus.history import cache


def test_disk_cache_round_trip_and_reuse(tmp_path, monkeypatch):
    monkeypatch.setenv("FOEDUS_CACHE_DIR", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return pd.DataFrame({"x": [1, 2, 3]})

    first = cache.cached("unit-test-table", build)
    cache._MEMORY.pop(f"unit-test-table-{cache.fingerprint()}")
    second = cache.cached("unit-test-table", build)       # from disk, not rebuilt
    assert calls == [1]
    assert first.equals(second)
    files = list(Path(tmp_path).rglob("unit-test-table-*.pkl"))
    assert len(files) == 1 and cache.fingerprint() in files[0].name
    repository = Path(__file__).resolve().parents[2]
    assert repository not in files[0].resolve().parents


def test_disk_cache_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("FOEDUS_CACHE_DIR", "")
    assert cache.cache_dir() is None
    value = cache.cached("unit-test-off", lambda: pd.DataFrame({"y": [1]}))
    assert value["y"].tolist() == [1]
    assert not list(Path(tmp_path).rglob("*.pkl"))


def test_a_damaged_cache_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("FOEDUS_CACHE_DIR", str(tmp_path))
    path = tmp_path / "history" / f"unit-test-bad-{cache.fingerprint()}.pkl"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    value = cache.cached("unit-test-bad", lambda: pd.DataFrame({"z": [5]}))
    assert value["z"].tolist() == [5]


def test_fingerprint_is_stable():
    assert cache.fingerprint() == cache.fingerprint()
    assert len(cache.fingerprint()) == 16


def test_corpora_are_copies(monkeypatch):
    from foedus.history import outcome

    first = outcome()
    first["outcome"] = -1
    assert (outcome()["outcome"] != -1).any()


def test_model_inputs_are_cached_on_the_code_and_reused(tmp_path, monkeypatch):
    """The model inputs of a task: built once, read back from disk, identical predictions;
    keyed on the source of every foedus module and on the task's rows."""
    import numpy as np

    from foedus.history import pipeline
    from foedus.history.adapters import registered_priors
    from foedus.history.pipeline import build_task, model_interface

    monkeypatch.setenv("FOEDUS_CACHE_DIR", str(tmp_path))
    task = build_task("intervention")
    years = task.frame["year"].to_numpy()
    small = task.subset((years >= 1905) & (years <= 1907))
    adapter, build = model_interface("intervention")
    calls = []

    def counting(t):
        calls.append(len(t))
        return build(t)

    first = pipeline._with_batch(small, counting)
    cache._MEMORY.clear()
    second = pipeline._with_batch(small, counting)          # from disk
    assert calls == [len(small)]
    files = list(Path(tmp_path).rglob("batch-intervention-*.pkl"))
    assert len(files) == 1 and cache.code_fingerprint() in files[0].name
    assert cache.code_fingerprint() != cache.fingerprint()
    priors = registered_priors(adapter.names)
    theta = np.array([[float(priors[n].center())] for n in adapter.names])
    np.testing.assert_array_equal(adapter.predict_proba(theta, first.payload),
                                  adapter.predict_proba(theta, second.payload))
    assert len(first) == len(second)
    assert first.frame.equals(second.frame)
    other = task.subset((years >= 1908) & (years <= 1909))   # other rows: another key
    pipeline._with_batch(other, counting)
    assert calls == [len(small), len(other)]


def test_old_versions_of_a_cached_object_are_pruned(tmp_path, monkeypatch):
    import os

    monkeypatch.setenv("FOEDUS_CACHE_DIR", str(tmp_path))
    folder = tmp_path / "history"
    folder.mkdir()
    stale, recent = folder / "unit-prune-0123456789abcdef.pkl", folder / "unit-prune-fedcba9876543210.pkl"
    other = folder / "unit-prune-more-0123456789abcdef.pkl"     # another name: kept
    for path in (stale, recent, other):
        path.write_bytes(b"x")
    old = os.path.getmtime(stale) - cache.STALE_AFTER - 10
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    cache.cached("unit-prune", lambda: pd.DataFrame({"v": [1]}))
    assert not stale.exists() and recent.exists() and other.exists()
