"""COW state codes <-> ISO 3166 alpha-3 codes.

foedus speaks ISO3 in scenarios and output and keeps COW ``ccode`` alongside wherever COW or
ATOP data are joined. COW abbreviations (``ROK``, ``AUL``, ``PHI``, ``TAW``) are not ISO3 and are
never accepted as such. Two ISO3 codes belong to two COW states each (``DEU``: 255 Germany and
260 German Federal Republic; ``YEM``: 678 Yemen Arab Republic and 679 Yemen); pass ``year`` to
:func:`iso3_to_ccode` to choose. The rules are in ``docs/data.md`` and
``data-raw/build_crosswalk.py``.
"""

from __future__ import annotations

import difflib
import functools

import pandas as pd

from foedus.data.registry import load
from foedus.errors import UnknownCountryError

COLUMNS = ["ccode", "stateabb", "iso3", "name", "first_year", "last_year", "iso3_source"]
LIST_END = 2016  # the COW state list (v2016) ends 2016-12-31: states ending then are ongoing


@functools.lru_cache(maxsize=1)
def _table() -> pd.DataFrame:
    table = load("cow_iso3")
    table["iso3_aliases"] = table["iso3_aliases"].fillna("")
    table["note"] = table["note"].fillna("")
    return table


@functools.lru_cache(maxsize=1)
def _by_ccode() -> dict[int, tuple[str | None, str]]:
    t = _table()
    return {int(c): (None if pd.isna(i) else str(i), str(n))
            for c, i, n in zip(t["ccode"], t["iso3"], t["name"], strict=True)}


@functools.lru_cache(maxsize=1)
def _by_iso3() -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    for ccode, iso3, aliases in _table()[["ccode", "iso3", "iso3_aliases"]].itertuples(
            index=False):
        codes = ([] if pd.isna(iso3) else [iso3]) + [a for a in aliases.split(";") if a]
        for code in codes:
            index.setdefault(code, []).append(int(ccode))
    return {k: tuple(v) for k, v in index.items()}


@functools.lru_cache(maxsize=1)
def _spells() -> dict[int, list[tuple[int, int]]]:
    states = load("cow_states")
    out: dict[int, list[tuple[int, int]]] = {}
    for ccode, start, end in states[["ccode", "styear", "endyear"]].itertuples(index=False):
        out.setdefault(int(ccode), []).append((int(start), 9999 if end >= LIST_END else int(end)))
    return out


def _suggest(code: str, pool: dict[str, str]) -> str:
    """Close matches of ``code`` among codes and names (``pool``: key -> label)."""
    keys = difflib.get_close_matches(code, list(pool), n=3, cutoff=0.5)
    by_name = {label.upper(): key for key, label in pool.items()}
    keys += [by_name[n] for n in difflib.get_close_matches(code.upper(), list(by_name), n=3,
                                                           cutoff=0.6)]
    seen = list(dict.fromkeys(keys))[:4]
    return "; close matches: " + ", ".join(pool[k] for k in seen) if seen else ""


def ccode_to_iso3(ccode: int) -> str:
    """ISO3 code of a COW state.

    Raises
    ------
    foedus.errors.UnknownCountryError
        If the COW code is unknown or the state has no ISO3 code (e.g. 19th-century Bavaria).

    Examples
    --------
    >>> ccode_to_iso3(732), ccode_to_iso3(713), ccode_to_iso3(2)
    ('KOR', 'TWN', 'USA')
    """
    try:
        key = int(ccode)
    except (TypeError, ValueError):
        key = None
    found = _by_ccode().get(key) if key is not None else None
    if found is None:
        if key is None:
            raise UnknownCountryError(f"unknown COW code {ccode!r}: COW codes are integers")
        nearest = sorted(_by_ccode(), key=lambda c: (abs(c - key), c))[:3]
        names = ", ".join(f"{c} ({_by_ccode()[c][1]})" for c in nearest)
        raise UnknownCountryError(f"unknown COW code {key}; nearest codes: {names}")
    iso3, name = found
    if iso3 is None:
        raise UnknownCountryError(f"COW code {key} ({name}) has no ISO3 code")
    return iso3


def normalise_iso3(code: str) -> str:
    """Upper-case and check an ISO3 code against the crosswalk.

    Raises
    ------
    foedus.errors.UnknownCountryError
        If the code is not an ISO3 code of any COW state (a COW abbreviation such as ``ROK``
        gets a hint with the ISO3 code to use).

    Examples
    --------
    >>> normalise_iso3("jpn")
    'JPN'
    >>> normalise_iso3(" twn ")
    'TWN'
    """
    text = str(code).strip().upper()
    if text in _by_iso3():
        return text
    table = _table()
    cow = table.loc[(table["stateabb"] == text) & table["iso3"].notna()]
    if len(cow):
        row = cow.iloc[0]
        raise UnknownCountryError(
            f"unknown ISO3 code {code!r}: {text} is the COW abbreviation of {row['name']}; "
            f"its ISO3 code is {row['iso3']}")
    pool = {iso3: f"{iso3} ({_by_ccode()[ccodes[0]][1]})" for iso3, ccodes in _by_iso3().items()}
    raise UnknownCountryError(f"unknown ISO3 code {code!r}{_suggest(text, pool)}")


def _distance(spells: list[tuple[int, int]], year: int) -> int:
    return min(0 if s <= year <= e else min(abs(year - s), abs(year - e)) for s, e in spells)


def iso3_to_ccode(iso3: str, *, year: int | None = None) -> int:
    """COW code of an ISO3 code.

    Parameters
    ----------
    iso3 : str
        ISO3 code (any case), or a historic alias (``YUG``, ``SUN``, ``SCG``).
    year : int, optional
        Only matters for codes shared by two COW states (``DEU``, ``YEM``): the state in the
        system in ``year`` is chosen (in a hand-over year, the one in the system at the end of
        the year; outside all spells, the nearest). Without ``year``, the current state.

    Examples
    --------
    >>> iso3_to_ccode("KOR"), iso3_to_ccode("prk"), iso3_to_ccode("TWN")
    (732, 731, 713)
    >>> iso3_to_ccode("DEU"), iso3_to_ccode("DEU", year=1960)
    (255, 260)
    """
    candidates = _by_iso3()[normalise_iso3(iso3)]
    if len(candidates) == 1:
        return candidates[0]
    spells = _spells()
    if year is None:
        return max(candidates, key=lambda c: (max(e for _, e in spells[c]), c))
    # in the system in `year` first; among those the one still there at the end of the year
    return min(candidates, key=lambda c: (_distance(spells[c], year),
                                          -max(e for s, e in spells[c] if s <= year)
                                          if any(s <= year for s, _ in spells[c]) else 0))


def crosswalk() -> pd.DataFrame:
    """The full COW <-> ISO3 table, one row per COW state.

    Columns ``ccode, stateabb, iso3, name, first_year, last_year, iso3_source`` plus
    ``iso3_aliases`` and ``note`` (the decision taken for special cases).

    Examples
    --------
    >>> cw = crosswalk()
    >>> cw.set_index("ccode").loc[[2, 713, 732], ["stateabb", "iso3"]].values.tolist()
    [['USA', 'USA'], ['TAW', 'TWN'], ['ROK', 'KOR']]
    """
    return _table()[[*COLUMNS, "iso3_aliases", "note"]].copy()


def iso3s_to_ccodes(iso3s, year: int | None = None) -> list[int]:
    """Vector form of :func:`iso3_to_ccode` (helper for the indicator functions)."""
    return [iso3_to_ccode(code, year=year) for code in iso3s]
