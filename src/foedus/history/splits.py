"""Out-of-sample splits of a corpus by year: two eras (both ways) and leave-one-decade-out.

A split names a training period and a test period; models and baselines are fitted on the
cases whose year lies in the training period only (hyperparameters included) and scored on
the test period. The splits of issue 9:

- ``era``: train 1816-1945, test 1946-2014, and the reverse (train 1946-2014, test
  1816-1945);
- ``decade``: for every decade with cases, train on all other years, test on that decade.

The eras are clipped to the years the corpus covers; an era that leaves the data, or a
training period without cases, is refused with one clear line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from foedus.errors import FoedusError

__all__ = ["DEFAULT_ERAS", "SPLITS", "Split", "decade_splits", "era_splits", "make_splits",
           "parse_era"]

#: The two eras of issue 9 (the Second World War's end divides them).
DEFAULT_ERAS = ((1816, 1945), (1946, 2014))
#: The split names accepted by ``foedus validate history --split``.
SPLITS = ("era", "decade")


class SplitError(FoedusError):
    """An era or split that cannot be used (malformed, outside the data, empty)."""


@dataclass(frozen=True)
class Split:
    """Training years and test years; ``train_exclude`` removes a period from training."""

    name: str
    train: tuple[int, int]
    test: tuple[int, int]
    train_exclude: tuple[int, int] | None = None

    def train_mask(self, years) -> np.ndarray:
        """Boolean mask of the training cases among ``years``."""
        years = np.asarray(years)
        mask = (years >= self.train[0]) & (years <= self.train[1])
        if self.train_exclude is not None:
            lo, hi = self.train_exclude
            mask &= ~((years >= lo) & (years <= hi))
        return mask

    def test_mask(self, years) -> np.ndarray:
        """Boolean mask of the test cases among ``years``."""
        years = np.asarray(years)
        return (years >= self.test[0]) & (years <= self.test[1])

    def label(self) -> str:
        """``train A-B -> test C-D`` (or ``all but C-D -> C-D``)."""
        if self.train_exclude is not None:
            return f"all but {self.test[0]}-{self.test[1]} -> {self.test[0]}-{self.test[1]}"
        return f"{self.train[0]}-{self.train[1]} -> {self.test[0]}-{self.test[1]}"


def parse_era(text: str, *, option: str = "--train") -> tuple[int, int]:
    """``"1816-1945"`` -> ``(1816, 1945)``; a single year ``"1914"`` -> ``(1914, 1914)``.

    Examples
    --------
    >>> parse_era("1816-1945")
    (1816, 1945)
    >>> parse_era("1945-1816")
    Traceback (most recent call last):
    ...
    foedus.history.splits.SplitError: --train 1945-1816: the first year must not be after the last (e.g. 1816-1945)
    """
    match = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*", str(text))
    if not match:
        raise SplitError(f"{option} {text}: expected a period of years such as 1816-1945")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if first > last:
        raise SplitError(f"{option} {text}: the first year must not be after the last "
                         "(e.g. 1816-1945)")
    return first, last


def check_era(era: tuple[int, int], years, *, option: str = "--train",
              what: str = "training") -> None:
    """Refuse an era outside the corpus years or without cases.

    Examples
    --------
    >>> check_era((1816, 1945), [1900, 1950])
    >>> check_era((2020, 2030), [1900, 1950])
    Traceback (most recent call last):
    ...
    foedus.history.splits.SplitError: --train 2020-2030: outside the corpus (cases span 1900-1950)
    """
    years = np.asarray(years)
    if years.size == 0:
        raise SplitError(f"{option}: the corpus has no cases")
    lo, hi = int(years.min()), int(years.max())
    label = f"{era[0]}-{era[1]}"
    if era[1] < lo or era[0] > hi:
        raise SplitError(f"{option} {label}: outside the corpus (cases span {lo}-{hi})")
    n = int(((years >= era[0]) & (years <= era[1])).sum())
    if n == 0:
        raise SplitError(f"{option} {label}: no {what} cases in that period (cases span "
                         f"{lo}-{hi})")


def era_splits(eras: tuple[tuple[int, int], tuple[int, int]] = DEFAULT_ERAS,
               *, both_ways: bool = True) -> list[Split]:
    """Train on the first era and test on the second (and the reverse).

    Examples
    --------
    >>> [s.label() for s in era_splits()]
    ['1816-1945 -> 1946-2014', '1946-2014 -> 1816-1945']
    """
    first, second = eras
    splits = [Split("era", first, second)]
    if both_ways:
        splits.append(Split("era-reverse", second, first))
    return splits


def decade_splits(years) -> list[Split]:
    """Leave-one-decade-out: one split per decade with cases (train on every other year).

    Examples
    --------
    >>> [s.label() for s in decade_splits([1816, 1823, 1901])][:2]
    ['all but 1810-1819 -> 1810-1819', 'all but 1820-1829 -> 1820-1829']
    """
    years = np.asarray(years, dtype=int)
    if years.size == 0:
        raise SplitError("--split decade: the corpus has no cases")
    lo, hi = int(years.min()), int(years.max())
    out = []
    for start in np.unique(years // 10 * 10):
        decade = (int(start), int(start) + 9)
        out.append(Split(f"decade-{start}s", (lo, hi), decade, train_exclude=decade))
    return out


def make_splits(kind: str, years, eras=DEFAULT_ERAS, *, both_ways: bool = True) -> list[Split]:
    """The splits named ``kind`` (``era`` or ``decade``) for a corpus with these years.

    Eras are checked against the corpus years: each period must overlap the data and hold
    cases.

    Examples
    --------
    >>> len(make_splits("era", [1850, 1990]))
    2
    >>> make_splits("eras", [1850])
    Traceback (most recent call last):
    ...
    foedus.history.splits.SplitError: --split eras: unknown split (choose era or decade)
    """
    if kind not in SPLITS:
        raise SplitError(f"--split {kind}: unknown split (choose {' or '.join(SPLITS)})")
    if kind == "decade":
        return decade_splits(years)
    splits = era_splits(eras, both_ways=both_ways)
    for s in splits:
        check_era(s.train, years, option="era", what="training")
        check_era(s.test, years, option="era", what="test")
    return splits
