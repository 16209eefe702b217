"""Caching of built corpora: in-process, and on disk in the user's cache directory.

The on-disk key is a hash of the shipped package data files, the source of the modules that
build the corpora (:data:`SOURCES`), the rules version and the foedus version, so that a cached
table is reused only when nothing it was built from has changed. The directory is
``$FOEDUS_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/foedus`` or ``~/.cache/foedus`` - never the
repository tree. Set ``FOEDUS_CACHE_DIR`` to an empty string (or pass ``disk=False``) to switch
the disk cache off. A cache that cannot be read or written is ignored (the table is rebuilt),
never an error.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pandas as pd

from foedus.history import rules

_MEMORY: dict[str, object] = {}

#: The modules the cached tables are built by (their source is part of the cache key).
SOURCES = ("cache.py", "corpus.py", "formation.py", "intervention.py", "outcome.py",
           "panels.py", "participants.py", "rules.py")


@functools.cache
def fingerprint() -> str:
    """Hash of the package data, the history sources and the rules version (16 hex digits)."""
    digest = hashlib.sha256(rules.RULES_VERSION.encode())
    files = resources.files("foedus.data") / "files"
    for entry in sorted(files.iterdir(), key=lambda p: p.name):
        if entry.name.endswith((".csv.gz", ".yaml")):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    here = resources.files("foedus.history")
    for name in SOURCES:
        digest.update(name.encode())
        digest.update((here / name).read_bytes())
    import foedus

    digest.update(foedus.__version__.encode())
    return digest.hexdigest()[:16]


def cache_dir() -> Path | None:
    """The on-disk cache directory, or ``None`` when switched off."""
    configured = os.environ.get("FOEDUS_CACHE_DIR")
    if configured is not None:
        return Path(configured).expanduser() / "history" if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "foedus" / "history"


def cached(name: str, build: Callable[[], object], *, disk: bool = True):
    """The object ``build()`` returns, from memory, else from disk, else built (and stored)."""
    key = f"{name}-{fingerprint()}"
    if key in _MEMORY:
        return _MEMORY[key]
    directory = cache_dir() if disk else None
    path = directory / f"{key}.pkl" if directory is not None else None
    value = None
    if path is not None and path.is_file():
        try:
            with path.open("rb") as handle:
                value = pickle.load(handle)
        except Exception:  # noqa: BLE001 - a damaged cache is rebuilt, never an error
            value = None
    if value is None:
        value = build()
        if path is not None:
            _store(path, value)
    _MEMORY[key] = value
    return value


def _store(path: Path, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            temporary = handle.name
        os.replace(temporary, path)
    except OSError:
        pass


def clear(*, disk: bool = False) -> None:
    """Forget the in-process tables (and, with ``disk=True``, the files of this version)."""
    _MEMORY.clear()
    directory = cache_dir()
    if disk and directory is not None and directory.is_dir():
        for path in directory.glob(f"*-{fingerprint()}.pkl"):
            try:
                path.unlink()
            except OSError:
                pass


def frame(value: object) -> pd.DataFrame:
    """A copy of a cached table (callers may change it freely)."""
    assert isinstance(value, pd.DataFrame)
    return value.copy()
