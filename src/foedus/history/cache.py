"""Caching of built corpora and model inputs: in-process, and on disk in the user's cache
directory.

The on-disk key of a corpus table is a hash of the shipped package data files, the source of
the modules that build the corpora (:data:`SOURCES`), the rules version and the foedus version,
so that a cached table is reused only when nothing it was built from has changed. The model
inputs of a corpus (each dispute or alliance as a world-model case turned into a model's
batch) depend on far more code - the world model, the interests layer, the models' input
builders - so their key (:func:`code_fingerprint`) hashes the source of the whole ``foedus``
package besides the data: any change to any module rebuilds them. The directory is
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


@functools.cache
def code_fingerprint() -> str:
    """:func:`fingerprint` plus the source of every module of the ``foedus`` package."""
    digest = hashlib.sha256(fingerprint().encode())
    root = resources.files("foedus")
    stack = [root]
    while stack:
        folder = stack.pop()
        for entry in sorted(folder.iterdir(), key=lambda p: p.name):
            if entry.is_dir():
                if entry.name != "__pycache__":
                    stack.append(entry)
            elif entry.name.endswith(".py"):
                digest.update(str(entry).encode())
                digest.update(entry.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir() -> Path | None:
    """The on-disk cache directory, or ``None`` when switched off."""
    configured = os.environ.get("FOEDUS_CACHE_DIR")
    if configured is not None:
        return Path(configured).expanduser() / "history" if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "foedus" / "history"


def cached(name: str, build: Callable[[], object], *, disk: bool = True,
           code: bool = False):
    """The object ``build()`` returns, from memory, else from disk, else built (and stored).

    ``code=True`` keys it on :func:`code_fingerprint` (every foedus module) instead of the
    corpus builders only.
    """
    key = f"{name}-{code_fingerprint() if code else fingerprint()}"
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
            _prune(directory, name, keep=path)
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


#: Files of another code or data version are removed once they are this old (seconds).
STALE_AFTER = 7 * 24 * 3600


def _prune(directory: Path, name: str, *, keep: Path) -> None:
    """Remove this name's files of other versions not written for :data:`STALE_AFTER`."""
    import time

    for old in directory.glob(f"{name}-*.pkl"):
        try:
            if old != keep and old.stem[len(name) + 1:].isalnum() and \
                    time.time() - old.stat().st_mtime > STALE_AFTER:
                old.unlink()
        except OSError:
            pass


def clear(*, disk: bool = False) -> None:
    """Forget the in-process tables (and, with ``disk=True``, the files of this version)."""
    _MEMORY.clear()
    directory = cache_dir()
    if disk and directory is not None and directory.is_dir():
        for path in [*directory.glob(f"*-{fingerprint()}.pkl"),
                     *directory.glob(f"*-{code_fingerprint()}.pkl")]:
            try:
                path.unlink()
            except OSError:
                pass


def frame(value: object) -> pd.DataFrame:
    """A copy of a cached table (callers may change it freely)."""
    assert isinstance(value, pd.DataFrame)
    return value.copy()
