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
