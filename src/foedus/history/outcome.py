"""The outcome corpus: every MID's outcome with the two sides' participants.

Rules in ``docs/history-corpus.md`` (section 3); covariates measured at onset on the
originators (the ``*_all`` columns include the joiners and are post-onset information).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from foedus.history import panels, rules
from foedus.history.participants import designated, disputes, originators, participants


def _listing(frame: pd.DataFrame) -> pd.Series:
    """``"200@1939 220@1939"`` per dispute (COW code @ join year)."""
    text = frame["ccode"].astype(str) + "@" + frame["join_year"].astype(str)
    return text.groupby(frame["dispnum"]).agg(" ".join)


def build() -> pd.DataFrame:
    """One row per MID; see ``docs/history-corpus.md`` (section 3).

    Examples
    --------
    >>> t = build()
    >>> row = t.set_index("dispnum").loc[258]
    >>> int(row["outcome"]), row["outcome_class"], row["side_a_originators"]
    (1, 'A', '290@1939')
    """
    d = disputes().copy()
    p = participants()
    orig = originators()
    out = d[["dispnum", "year", "month", "onset_date", "outcome", "settle", "fatality", "hiact",
             "hostlev", "war", "recip", "mindur", "maxdur"]].copy()
    out["outcome_label"] = out["outcome"].map(rules.OUTCOME_LABELS)
    out["outcome_class"] = out["outcome"].map(rules.OUTCOME_CLASS)
    out["exclusion"] = np.where(out["outcome_class"].isna(),
                                "outcome code " + out["outcome"].astype(str) + " ("
                                + out["outcome_label"] + ") has no class", "")
    out["compromise"] = (out["outcome"] == 6).astype(np.int64)

    index = out["dispnum"]
    is_orig = pd.MultiIndex.from_arrays([p["dispnum"], p["ccode"]]).isin(
        pd.MultiIndex.from_arrays([orig["dispnum"], orig["ccode"]]))
    for side in ("A", "B"):
        lower = side.lower()
        originators_ = p[is_orig & (p["side"] == side)]
        joiners = p[~is_orig & (p["side"] == side)]
        out[f"side_{lower}_originators"] = index.map(_listing(originators_)).fillna("").to_numpy()
        out[f"side_{lower}_joiners"] = index.map(_listing(joiners)).fillna("").to_numpy()
        out[f"n_{lower}_originators"] = index.map(originators_.groupby("dispnum").size()).fillna(
            0).astype(np.int64).to_numpy()
        out[f"n_{lower}_joiners"] = index.map(joiners.groupby("dispnum").size()).fillna(
            0).astype(np.int64).to_numpy()
    out["side_b_stand_in"] = index.map(orig.groupby("dispnum")["stand_in"].max()).fillna(
        0).astype(np.int64).to_numpy()
    out["switched_sides"] = index.map(p.groupby("dispnum")["switched_sides"].max()).fillna(
        0).astype(np.int64).to_numpy()
    out["bilateral"] = ((out["n_a_originators"] + out["n_a_joiners"] == 1)
                        & (out["n_b_originators"] + out["n_b_joiners"] == 1)
                        & (out["switched_sides"] == 0)).astype(np.int64)
    return _covariates(out)


def _side_cinc(frame: pd.DataFrame, years: pd.Series) -> pd.DataFrame:
    """Sum of CINC at onset per (dispute, side) of the states in ``frame``."""
    year = frame["dispnum"].map(years).to_numpy(np.int64)
    value, _ = panels.cinc(frame["ccode"].to_numpy(), year)
    major = panels.is_major(frame["ccode"].to_numpy(),
                            frame["dispnum"].map(disputes().set_index("dispnum")["onset_date"]))
    t = frame.assign(cinc=np.nan_to_num(value), major=major.astype(np.int64))
    return t.groupby(["dispnum", "side"]).agg(cinc=("cinc", "sum"), major=("major", "max"))


def _covariates(out: pd.DataFrame) -> pd.DataFrame:
    d = disputes().set_index("dispnum")
    orig = originators()
    years = d["year"]
    on_side = _side_cinc(orig, years)
    everyone = _side_cinc(participants(), years)
    index = out["dispnum"]
    for side in ("A", "B"):
        lower = side.lower()
        key = pd.MultiIndex.from_arrays([index, np.full(len(index), side)])
        out[f"cinc_{lower}"] = on_side["cinc"].reindex(key).fillna(0).to_numpy()
        out[f"major_{lower}"] = on_side["major"].reindex(key).fillna(0).astype(np.int64).to_numpy()
        out[f"cinc_{lower}_all"] = everyone["cinc"].reindex(key).fillna(0).to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        total = out["cinc_a"] + out["cinc_b"]
        out["capability_ratio"] = np.where(total > 0, out["cinc_a"] / total, np.nan)
        total_all = out["cinc_a_all"] + out["cinc_b_all"]
        out["capability_ratio_all"] = np.where(total_all > 0, out["cinc_a_all"] / total_all,
                                                 np.nan)
    a = index.map(designated(orig[orig["side"] == "A"], years).set_index("dispnum")["ccode"])
    b = index.map(designated(orig[orig["side"] == "B"], years).set_index("dispnum")["ccode"])
    a, b = a.to_numpy(np.int64), b.to_numpy(np.int64)
    year, date = out["year"].to_numpy(), out["onset_date"].to_numpy()
    out["originator"], out["target"] = a, b
    out["contiguity"] = panels.contiguity_on(a, b, date)
    out["mindist_km"] = panels.mindist(a, b, year)
    out["capdist_km"] = panels.capital_distance(a, b, date)
    out["defense"] = panels.atop_ties_on(a, b, date)["defense"].to_numpy()
    out["rivalry"] = panels.rivalry(a, b, year)
    out["mids"] = panels.past_mids(a, b, year)
    polity_a, dem_a, year_polity = panels.democracy(a, year)
    polity_b, dem_b, _ = panels.democracy(b, year)
    out["polity2_a"], out["polity2_b"] = polity_a, polity_b
    out["joint_democracy"] = dem_a * dem_b
    un, year_un = panels.un_distance(a, b, year)
    out["un_distance"] = un
    out["un_distance_missing"] = np.isnan(un).astype(np.int64)
    _, year_nmc = panels.cinc(a, year)
    out["year_nmc"] = year_nmc
    out["year_polity"] = year_polity
    out["year_mindist"] = np.where(np.isnan(out["mindist_km"]), 0, year)
    out["year_un"] = year_un
    return out.reset_index(drop=True)
