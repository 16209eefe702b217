"""The intervention corpus: every MID with each politically relevant third party at onset.

Rules in ``docs/history-corpus.md`` (section 2); covariates in section 6.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from foedus.history import panels, rules
from foedus.history.participants import designated, disputes, originators, participants

SIDE_NAME = {"A": "originator", "B": "target"}


def reason_labels(frame: pd.DataFrame, reasons: tuple[str, ...]) -> np.ndarray:
    """The reasons a row is in its table, joined by ``+`` (``rs_`` prefixes dropped)."""
    flags = frame[list(reasons)].to_numpy(np.int64)
    code = flags @ (1 << np.arange(len(reasons)))
    labels = np.array(["+".join(r[3:] for k, r in enumerate(reasons) if c >> k & 1)
                       for c in range(1 << len(reasons))], dtype=object)
    return labels[code]


def _candidates() -> pd.DataFrame:
    """(dispute, state) for every state in the system at onset that is not an originator."""
    d = disputes()
    members = panels.members_on(d["onset_date"].to_numpy())
    cand = members.assign(dispnum=d["dispnum"].to_numpy()[members["query"]],
                          year=d["year"].to_numpy()[members["query"]],
                          onset_date=d["onset_date"].to_numpy()[members["query"]])
    orig = originators()
    key = pd.MultiIndex.from_arrays([orig["dispnum"], orig["ccode"]])
    is_orig = pd.MultiIndex.from_arrays([cand["dispnum"], cand["ccode"]]).isin(key)
    return cand[~is_orig][["dispnum", "year", "onset_date", "ccode"]].reset_index(drop=True)


def _pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """Each row of ``frame`` (one per dispute and third party) paired with every originator of
    its dispute: ``row`` (position in ``frame``), ``other`` (the originator), ``side_index``
    (0 side A, 1 side B)."""
    orig = originators()[["dispnum", "ccode", "side"]].rename(columns={"ccode": "other"})
    left = frame.assign(row=np.arange(len(frame)))
    pairs = left.merge(orig, on="dispnum")
    pairs["side_index"] = (pairs["side"] == "B").astype(np.int64)
    return pairs


def _by_side(pairs: pd.DataFrame, values, n: int, how: str = "max") -> np.ndarray:
    """(n, 2) aggregate of ``values`` per frame row and side (NaN where none; sum: 0)."""
    slot = pairs["row"].to_numpy() * 2 + pairs["side_index"].to_numpy()
    return panels.reduce_rows(slot, values, 2 * n, how).reshape(n, 2)


def _risk_set() -> pd.DataFrame:
    cand = _candidates()
    n = len(cand)
    pairs = _pairs(cand)
    a, b, date = pairs["ccode"].to_numpy(), pairs["other"].to_numpy(), pairs["onset_date"].to_numpy()
    contiguous = _by_side(pairs, panels.contiguity_on(a, b, date) > 0, n)
    ally = _by_side(pairs, panels.atop_ties_on(a, b, date)["any"].to_numpy(), n)
    out = cand.copy()
    out["rs_ally_originator"] = np.nan_to_num(ally[:, 0]).astype(np.int64)
    out["rs_ally_target"] = np.nan_to_num(ally[:, 1]).astype(np.int64)
    out["rs_contiguous_originator"] = np.nan_to_num(contiguous[:, 0]).astype(np.int64)
    out["rs_contiguous_target"] = np.nan_to_num(contiguous[:, 1]).astype(np.int64)
    out["rs_major"] = panels.is_major(out["ccode"].to_numpy(),
                                      out["onset_date"].to_numpy()).astype(np.int64)
    reasons = out[list(rules.INTERVENTION_REASONS)].to_numpy()
    return out[reasons.any(axis=1)].reset_index(drop=True)


def _choices(frame: pd.DataFrame) -> pd.DataFrame:
    p = participants()
    joiners = p[p["orig"] == 0].set_index(["dispnum", "ccode"])
    idx = pd.MultiIndex.from_arrays([frame["dispnum"], frame["ccode"]])
    side = joiners["side"].reindex(idx).to_numpy()
    frame = frame.copy()
    frame["choice"] = np.select([side == "B", side == "A"], ["target_side", "originator_side"],
                                "stayed_out")
    frame["joined"] = (frame["choice"] != "stayed_out").astype(np.int64)
    frame["join_year"] = joiners["join_year"].reindex(idx).fillna(0).to_numpy(np.int64)
    frame["joiner_hostlev"] = joiners["hostlev"].reindex(idx).fillna(0).to_numpy(np.int64)
    frame["switched_sides"] = joiners["switched_sides"].reindex(idx).fillna(0).to_numpy(
        np.int64)
    return frame


def _covariates(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the section-6 covariates to the risk-set rows (all measured at onset)."""
    d = disputes().set_index("dispnum")
    orig = originators()
    target = designated(orig[orig["side"] == "B"], d["year"]).set_index("dispnum")["ccode"]
    origin = designated(orig[orig["side"] == "A"], d["year"]).set_index("dispnum")["ccode"]
    frame = frame.copy()
    frame["target"] = frame["dispnum"].map(target).to_numpy(np.int64)
    frame["originator"] = frame["dispnum"].map(origin).to_numpy(np.int64)
    year, date = frame["year"].to_numpy(), frame["onset_date"].to_numpy()
    i = frame["ccode"].to_numpy()

    n = len(frame)
    pairs = _pairs(frame[["dispnum", "ccode", "year", "onset_date"]])
    a, b = pairs["ccode"].to_numpy(), pairs["other"].to_numpy()
    py, pd_ = pairs["year"].to_numpy(), pairs["onset_date"].to_numpy()
    ties = panels.atop_ties_on(a, b, pd_)
    contiguity = panels.contiguity_on(a, b, pd_)
    cinc_other, _ = panels.cinc(b, py)
    aggregates = {
        "defense": _by_side(pairs, ties["defense"].to_numpy(), n),
        "ally": _by_side(pairs, ties["any"].to_numpy(), n),
        "rivalry": _by_side(pairs, panels.rivalry(a, b, py), n),
        "major": _by_side(pairs, panels.is_major(b, pd_), n),
        "mids": _by_side(pairs, panels.past_mids(a, b, py), n, "sum"),
        "contiguity": _by_side(pairs, np.where(contiguity > 0, contiguity, np.nan), n, "min"),
        "mindist": _by_side(pairs, panels.mindist(a, b, py), n, "min"),
        "cinc": _by_side(pairs, np.nan_to_num(cinc_other), n, "sum"),
    }
    for name in ("defense", "ally", "rivalry", "major", "mids", "contiguity"):
        values = np.nan_to_num(aggregates[name]).astype(np.int64)
        frame[f"{name}_target_side"] = values[:, 1]
        frame[f"{name}_originator_side"] = values[:, 0]
    frame["mindist_target_side_km"] = aggregates["mindist"][:, 1]
    frame["mindist_originator_side_km"] = aggregates["mindist"][:, 0]
    cinc_a, cinc_b = aggregates["cinc"][:, 0], aggregates["cinc"][:, 1]

    t, o = frame["target"].to_numpy(), frame["originator"].to_numpy()
    frame["defense_target"] = panels.atop_ties_on(i, t, date)["defense"].to_numpy()
    frame["capdist_target_km"] = panels.capital_distance(i, t, date)
    frame["capdist_originator_km"] = panels.capital_distance(i, o, date)
    frame["major"] = panels.is_major(i, date).astype(np.int64)
    own, year_nmc = panels.cinc(i, year)
    frame["cinc"] = own
    frame["cinc_target_side"] = cinc_b
    frame["cinc_originator_side"] = cinc_a
    total = cinc_a + cinc_b
    with np.errstate(invalid="ignore", divide="ignore"):
        frame["capability_ratio_target_side"] = np.where(total > 0, cinc_b / total, np.nan)
        mine = np.nan_to_num(own)
        frame["capability_share"] = np.where(total + mine > 0, mine / (total + mine), np.nan)
    score, dem, year_polity = panels.democracy(i, year)
    _, dem_t, _ = panels.democracy(t, year)
    _, dem_o, _ = panels.democracy(o, year)
    frame["polity2"] = score
    frame["joint_democracy_target"] = dem * dem_t
    frame["joint_democracy_originator"] = dem * dem_o
    un_t, year_un = panels.un_distance(i, t, year)
    un_o, _ = panels.un_distance(i, o, year)
    frame["un_distance_target"] = un_t
    frame["un_distance_target_missing"] = np.isnan(un_t).astype(np.int64)
    frame["un_distance_originator"] = un_o
    frame["un_distance_originator_missing"] = np.isnan(un_o).astype(np.int64)
    frame["year_nmc"] = year_nmc
    frame["year_polity"] = year_polity
    has_mindist = ~np.isnan(frame["mindist_target_side_km"].to_numpy()) | ~np.isnan(
        frame["mindist_originator_side_km"].to_numpy())
    frame["year_mindist"] = np.where(has_mindist, year, 0)
    frame["year_un"] = year_un
    return frame


def build() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The intervention corpus and the joiners outside its risk set.

    Returns
    -------
    corpus : DataFrame
        One row per (dispute, third party); see ``docs/history-corpus.md``.
    outside : DataFrame
        Joiners (``orig = 0``) not in the risk set, with ``side``, ``join_year`` and ``reason``
        (``not in the system at onset`` or ``no risk-set criterion``).
    """
    risk = _risk_set()
    risk = _choices(risk)
    d = disputes().set_index("dispnum")
    risk["war"] = risk["dispnum"].map(d["war"]).to_numpy(np.int64)
    risk["hostlev"] = risk["dispnum"].map(d["hostlev"]).to_numpy(np.int64)
    risk["risk_set"] = reason_labels(risk, rules.INTERVENTION_REASONS)
    risk = _covariates(risk)
    first = ["dispnum", "year", "onset_date", "ccode", "war", "hostlev", "choice", "joined",
             "join_year", "joiner_hostlev", "switched_sides", "risk_set",
             *rules.INTERVENTION_REASONS, "target", "originator"]
    rest = [c for c in risk.columns if c not in first]
    corpus = risk[first + rest].sort_values(["dispnum", "ccode"]).reset_index(drop=True)

    p = participants()
    joiners = p[p["orig"] == 0]
    inside = pd.MultiIndex.from_arrays([corpus["dispnum"], corpus["ccode"]])
    orig = originators()
    stand_in = pd.MultiIndex.from_arrays([orig["dispnum"], orig["ccode"]])
    keys = pd.MultiIndex.from_arrays([joiners["dispnum"], joiners["ccode"]])
    out_rows = joiners[~keys.isin(inside) & ~keys.isin(stand_in)].copy()
    onset = out_rows["dispnum"].map(d["onset_date"]).to_numpy(np.int64)
    member = panels.in_system(out_rows["ccode"].to_numpy(), onset)
    out_rows["onset_date"] = onset
    out_rows["year"] = out_rows["dispnum"].map(d["year"]).to_numpy(np.int64)
    out_rows["war"] = out_rows["dispnum"].map(d["war"]).to_numpy(np.int64)
    out_rows["reason"] = np.where(member, "no risk-set criterion", "not in the system at onset")
    out_rows["choice"] = np.where(out_rows["side"] == "B", "target_side", "originator_side")
    outside = out_rows[["dispnum", "year", "onset_date", "ccode", "side", "choice", "join_year",
                        "war", "reason"]].sort_values(["dispnum", "ccode"]).reset_index(drop=True)
    return corpus, outside
