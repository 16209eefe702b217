"""MID 5.0 disputes and their participants, from the shipped dispute and dyadic files.

A participant's side, originator flag and join year are read from the directed
dispute-dyad-year file (peacesciencer's ``cow_mid_dirdisps``): the side of its first year in
the dispute, ``orig`` of that side, the first year as the join year. Rules in
``docs/history-corpus.md`` (section 2).
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from foedus.data import load
from foedus.history import panels, rules


@functools.cache
def disputes() -> pd.DataFrame:
    """One row per MID: ``dispnum, year, month, onset_date`` (first day of the start month),
    ``outcome, settle, fatality, hiact, hostlev, recip, war``."""
    d = load("cow_mid_disputes")
    out = pd.DataFrame({
        "dispnum": d["dispnum"].to_numpy(np.int64), "year": d["styear"].to_numpy(np.int64),
        "month": d["stmon"].to_numpy(np.int64),
        "onset_date": panels.ymd(d["styear"], d["stmon"], 1),
        "outcome": d["outcome"].to_numpy(np.int64), "settle": d["settle"].to_numpy(np.int64),
        "fatality": d["fatality"].to_numpy(np.int64), "hiact": d["hiact"].to_numpy(np.int64),
        "hostlev": d["hostlev"].to_numpy(np.int64), "recip": d["recip"].to_numpy(np.int64),
        "mindur": d["mindur"].to_numpy(np.int64), "maxdur": d["maxdur"].to_numpy(np.int64)})
    out["war"] = (out["hostlev"] == rules.WAR_HOSTLEV).astype(np.int64)
    return out.sort_values("dispnum").reset_index(drop=True)


@functools.cache
def participants() -> pd.DataFrame:
    """One row per (dispute, participant): ``dispnum, ccode, side`` ("A" or "B"), ``orig``
    (0/1), ``join_year``, ``last_year``, ``hostlev`` (the participant's highest hostility on
    its first side), ``switched_sides`` (0/1; then ``other_side_year`` is the first year on the
    other side).

    Examples
    --------
    >>> p = participants()
    >>> p[(p.dispnum == 258) & (p.ccode == 200)][["side", "orig", "join_year"]].values.tolist()
    [['A', 0, 1939]]
    """
    y = load("cow_mid_dyadyears")
    per_side = y.groupby(["dispnum", "ccode1", "sidea1"], as_index=False).agg(
        orig=("orig1", "max"), join_year=("year", "min"), last_year=("year", "max"),
        hostlev=("hostlev1", "max"))
    per_side = per_side.sort_values(["dispnum", "ccode1", "join_year", "sidea1"],
                                    kind="mergesort")
    first = per_side.drop_duplicates(["dispnum", "ccode1"], keep="first")
    second = per_side[per_side.duplicated(["dispnum", "ccode1"], keep="first")]
    out = pd.DataFrame({
        "dispnum": first["dispnum"].to_numpy(np.int64),
        "ccode": first["ccode1"].to_numpy(np.int64),
        "side": np.where(first["sidea1"].to_numpy() == 1, "A", "B"),
        "orig": first["orig"].to_numpy(np.int64),
        "join_year": first["join_year"].to_numpy(np.int64),
        "last_year": first["last_year"].to_numpy(np.int64),
        "hostlev": first["hostlev"].to_numpy(np.int64)})
    switched = second.groupby(["dispnum", "ccode1"])["join_year"].min()
    keys = pd.MultiIndex.from_arrays([out["dispnum"], out["ccode"]])
    other = switched.reindex(keys).to_numpy()
    out["switched_sides"] = (~np.isnan(other.astype(float))).astype(np.int64)
    out["other_side_year"] = np.nan_to_num(other.astype(float), nan=0).astype(np.int64)
    return out.reset_index(drop=True)


@functools.cache
def originators() -> pd.DataFrame:
    """The originators of each dispute by side: ``dispnum, ccode, side``, and
    ``stand_in`` = 1 where a side has no originator and the participants of its first year
    stand in (MID 4344 has no side-B originator)."""
    p = participants()
    orig = p[p["orig"] == 1][["dispnum", "ccode", "side"]].assign(stand_in=0)
    sides = orig.groupby("dispnum")["side"].agg(lambda s: frozenset(s))
    missing = []
    for side in ("A", "B"):
        lacking = [k for k, have in sides.items() if side not in have]
        lacking += sorted(set(p["dispnum"]) - set(sides.index))
        for k in sorted(set(lacking)):
            cand = p[(p["dispnum"] == k) & (p["side"] == side)]
            if cand.empty:
                continue
            first = cand[cand["join_year"] == cand["join_year"].min()]
            missing.append(first[["dispnum", "ccode", "side"]].assign(stand_in=1))
    out = pd.concat([orig, *missing], ignore_index=True)
    return out.sort_values(["dispnum", "side", "ccode"]).reset_index(drop=True)


def designated(ccodes_by_dispute: pd.DataFrame, years: pd.Series) -> pd.DataFrame:
    """The designated state of each (dispute, side): the largest CINC at onset, ties and
    missing CINC broken by the lowest COW code.

    ``ccodes_by_dispute`` has ``dispnum, side, ccode``; ``years`` maps dispnum -> onset year.
    Returns ``dispnum, side, ccode``.
    """
    t = ccodes_by_dispute.copy()
    year = t["dispnum"].map(years).to_numpy(np.int64)
    value, _ = panels.cinc(t["ccode"].to_numpy(), year)
    t["_cinc"] = np.nan_to_num(value, nan=-1.0)
    t = t.sort_values(["dispnum", "side", "_cinc", "ccode"], ascending=[True, True, False, True],
                      kind="mergesort")
    return t.drop_duplicates(["dispnum", "side"])[["dispnum", "side", "ccode"]].reset_index(
        drop=True)
