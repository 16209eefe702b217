"""The formation corpora: (a) ATOP alliances with their founders, candidates and accessions;
(b) politically relevant dyad-years and whether a defence pact begins.

Rules in ``docs/history-corpus.md`` (sections 4 and 5); covariates in section 6.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from foedus.data import load
from foedus.data.crosswalk import crosswalk
from foedus.history import panels, rules
from foedus.history.intervention import reason_labels


# ----------------------------------------------------------------------------- (a) alliances
@functools.cache
def alliance_members() -> pd.DataFrame:
    """One row per (alliance, member): ``first_entry``, ``last_exit``, ``founding_date``,
    ``role`` (founder, accession, succession) and the member's founding-row defence flag."""
    rows = panels.atop_member_rows()
    g = rows.groupby(["atopid", "member"], as_index=False).agg(
        first_entry=("entry", "min"), last_exit=("exit", "max"))
    g["founding_date"] = g.groupby("atopid")["first_entry"].transform("min")
    founders = g[g["first_entry"] == g["founding_date"]]
    first_rows = rows.merge(founders[["atopid", "member", "first_entry"]],
                            left_on=["atopid", "member", "entry"],
                            right_on=["atopid", "member", "first_entry"])
    defence = first_rows.groupby(["atopid", "member"])["defense"].max()
    g["founding_defense"] = pd.MultiIndex.from_arrays([g["atopid"], g["member"]]).map(
        defence).fillna(0).astype(np.int64).to_numpy() if len(g) else []
    iso3 = crosswalk().set_index("ccode")["iso3"]
    g["iso3"] = g["member"].map(iso3)
    g["role"] = np.where(g["first_entry"] == g["founding_date"], "founder", "accession")
    # a later entry by a state sharing the ISO3 code of a member leaving within a year of it is a
    # succession (German reunification: 260 -> 255)
    acc = g[g["role"] == "accession"]
    others = g[["atopid", "member", "iso3", "last_exit"]].dropna(subset=["iso3"])
    pairs = acc.merge(others, on=["atopid", "iso3"], suffixes=("", "_prior"))
    pairs = pairs[pairs["member"] != pairs["member_prior"]]
    gap = np.abs(pairs["first_entry"] // 10000 - pairs["last_exit_prior"] // 10000)
    successions = pairs.loc[gap <= 1, ["atopid", "member"]]
    is_succession = pd.MultiIndex.from_arrays([g["atopid"], g["member"]]).isin(
        pd.MultiIndex.from_frame(successions))
    g.loc[is_succession, "role"] = "succession"
    return g.drop(columns=["iso3"])


@functools.cache
def defence_alliances() -> pd.DataFrame:
    """The alliances of corpus (a): ``atopid, founding_date, year, n_founders``, the ATOP
    alliance-level ``defense`` flag, ``bilat``, ``specthrt`` and the named threats."""
    m = alliance_members()
    founders = m[m["role"] == "founder"]
    per = founders.groupby("atopid").agg(founding_date=("founding_date", "first"),
                                         n_founders=("member", "size"),
                                         founding_defense=("founding_defense", "max"))
    per = per[(per["founding_defense"] == 1)
              & (per["founding_date"] >= rules.FORMATION_FIRST_DATE)].reset_index()
    a = load("atop_alliances").set_index("atopid")
    per["year"] = per["founding_date"] // 10000
    per["alliance_defense"] = per["atopid"].map(a["defense"]).fillna(0).astype(np.int64)
    per["bilat"] = per["atopid"].map(a["bilat"]).fillna(0).astype(np.int64)
    per["specthrt"] = per["atopid"].map(a["specthrt"]).fillna(0).astype(np.int64)
    per["statthr1"] = per["atopid"].map(a["statthr1"]).fillna(0).astype(np.int64)
    per["statthr2"] = per["atopid"].map(a["statthr2"]).fillna(0).astype(np.int64)
    return per.drop(columns=["founding_defense"])


def _founders(alliances: pd.DataFrame) -> pd.DataFrame:
    m = alliance_members()
    f = m[(m["role"] == "founder") & m["atopid"].isin(alliances["atopid"])]
    return f[["atopid", "member"]].rename(columns={"member": "founder"})


def _candidates(alliances: pd.DataFrame) -> pd.DataFrame:
    """States in the system on the founding date, relevant to a founder, not founders."""
    members = panels.members_on(alliances["founding_date"].to_numpy())
    cand = members.assign(atopid=alliances["atopid"].to_numpy()[members["query"]],
                          date=alliances["founding_date"].to_numpy()[members["query"]])
    founders = _founders(alliances)
    is_founder = pd.MultiIndex.from_arrays([cand["atopid"], cand["ccode"]]).isin(
        pd.MultiIndex.from_frame(founders))
    cand = cand[~is_founder][["atopid", "date", "ccode"]].reset_index(drop=True)
    n = len(cand)
    pairs = cand.assign(row=np.arange(n)).merge(founders, on="atopid")
    a, b, date = pairs["ccode"].to_numpy(), pairs["founder"].to_numpy(), pairs["date"].to_numpy()
    year = date // 10000
    rows = pairs["row"].to_numpy()
    near = (panels.mindist(a, b, year) <= rules.NEAR_KM) & (year >= rules.MINDIST_FIRST)
    cand["rs_contiguous"] = panels.reduce_rows(rows, panels.contiguity_on(a, b, date) > 0, n,
                                               "max")
    cand["rs_near"] = panels.reduce_rows(rows, near, n, "max")
    cand["rs_ally"] = panels.reduce_rows(
        rows, panels.atop_ties_on(a, b, date, strictly_before=True)["any"].to_numpy(), n, "max")
    cand["rs_major"] = panels.is_major(cand["ccode"].to_numpy(), cand["date"].to_numpy())
    for column in rules.CANDIDATE_REASONS:
        cand[column] = np.nan_to_num(cand[column].to_numpy(float)).astype(np.int64)
    keep = cand[list(rules.CANDIDATE_REASONS)].to_numpy().any(axis=1)
    return cand[keep].reset_index(drop=True)


@functools.cache
def adversaries() -> pd.DataFrame:
    """The adversaries of each alliance of corpus (a): ``atopid, ccode, rule`` (``named``:
    ATOP's specific threat; ``hostile``: a MID begun in the ten years before, or an active
    rivalry, with a founder) and ``targets`` (the founders it is hostile to, space-separated)."""
    alliances = defence_alliances()
    founders = _founders(alliances)
    named = pd.concat([alliances[["atopid", "founding_date", "statthr1"]].rename(
        columns={"statthr1": "ccode"}), alliances[["atopid", "founding_date", "statthr2"]].rename(
        columns={"statthr2": "ccode"})])
    named = named[named["ccode"] > 0]
    named = named[panels.in_system(named["ccode"].to_numpy(), named["founding_date"].to_numpy())]
    named = named.merge(founders, on="atopid")
    named = named[named["ccode"] != named["founder"]].assign(rule="named")
    with_named = set(named["atopid"])
    rest = alliances[~alliances["atopid"].isin(with_named)]
    members = panels.members_on(rest["founding_date"].to_numpy())
    pairs = members.assign(atopid=rest["atopid"].to_numpy()[members["query"]],
                           founding_date=rest["founding_date"].to_numpy()[members["query"]])
    pairs = pairs.merge(founders, on="atopid")
    founder_set = pd.MultiIndex.from_frame(founders)
    pairs = pairs[~pd.MultiIndex.from_arrays([pairs["atopid"], pairs["ccode"]]).isin(founder_set)]
    year = pairs["founding_date"].to_numpy() // 10000
    a, b = pairs["ccode"].to_numpy(), pairs["founder"].to_numpy()
    hostile = (panels.past_mids(a, b, year) > 0) | (panels.rivalry(a, b, year) > 0)
    hostile = pairs[hostile].assign(rule="hostile")
    both = pd.concat([named[["atopid", "ccode", "founder", "rule"]],
                      hostile[["atopid", "ccode", "founder", "rule"]]], ignore_index=True)
    both = both.sort_values(["atopid", "ccode", "founder"])
    out = both.groupby(["atopid", "ccode"], as_index=False).agg(
        rule=("rule", "first"), targets=("founder", lambda s: " ".join(map(str, s))))
    return out


def _member_covariates(frame: pd.DataFrame, partners: pd.DataFrame) -> pd.DataFrame:
    """Covariates of state ``ccode`` on ``date`` relative to its ``partners`` (``key``,
    ``partner``): the founders, or the members in force before an accession."""
    n = len(frame)
    pairs = frame[["key", "ccode", "date"]].assign(row=np.arange(n)).merge(partners, on="key")
    pairs = pairs[pairs["ccode"] != pairs["partner"]]
    a, b, date = pairs["ccode"].to_numpy(), pairs["partner"].to_numpy(), pairs["date"].to_numpy()
    year = date // 10000
    rows = pairs["row"].to_numpy()
    ties = panels.atop_ties_on(a, b, date, strictly_before=True)
    contiguity = panels.contiguity_on(a, b, date)
    cinc_partner, _ = panels.cinc(b, year)
    _, dem_b, _ = panels.democracy(b, year)
    un, _ = panels.un_distance(a, b, year)
    frame_year = frame["date"].to_numpy() // 10000
    _, dem_a, _ = panels.democracy(frame["ccode"].to_numpy(), frame_year)
    dem_a_pairs = dem_a[rows]
    out = frame.copy()
    out["n_partners"] = panels.reduce_rows(rows, np.ones(len(rows)), n, "sum").astype(np.int64)
    out["defense_members"] = np.nan_to_num(panels.reduce_rows(
        rows, ties["defense"].to_numpy(), n, "max")).astype(np.int64)
    out["ally_members"] = np.nan_to_num(panels.reduce_rows(
        rows, ties["any"].to_numpy(), n, "max")).astype(np.int64)
    out["contiguity_members"] = np.nan_to_num(panels.reduce_rows(
        rows, np.where(contiguity > 0, contiguity, np.nan), n, "min")).astype(np.int64)
    out["mindist_members_km"] = panels.reduce_rows(rows, panels.mindist(a, b, year), n, "min")
    out["capdist_members_km"] = panels.reduce_rows(rows, panels.capital_distance(a, b, date), n,
                                                   "min")
    out["rivalry_members"] = np.nan_to_num(panels.reduce_rows(
        rows, panels.rivalry(a, b, year), n, "max")).astype(np.int64)
    out["mids_members"] = panels.reduce_rows(rows, panels.past_mids(a, b, year), n,
                                             "sum").astype(np.int64)
    joint = dem_a_pairs * dem_b
    known = ~np.isnan(joint)
    hits = panels.reduce_rows(rows[known], joint[known], n, "sum")
    counted = panels.reduce_rows(rows[known], np.ones(known.sum()), n, "sum")
    with np.errstate(invalid="ignore", divide="ignore"):
        out["joint_democracy_share"] = np.where(counted > 0, hits / counted, np.nan)
    un_known = ~np.isnan(un)
    total = panels.reduce_rows(rows[un_known], un[un_known], n, "sum")
    count = panels.reduce_rows(rows[un_known], np.ones(un_known.sum()), n, "sum")
    with np.errstate(invalid="ignore", divide="ignore"):
        out["un_distance_members"] = np.where(count > 0, total / count, np.nan)
    out["un_distance_members_missing"] = (count == 0).astype(np.int64)
    out["cinc_members"] = panels.reduce_rows(rows, np.nan_to_num(cinc_partner), n, "sum")
    own, year_nmc = panels.cinc(frame["ccode"].to_numpy(), frame_year)
    out["cinc"] = own
    with np.errstate(invalid="ignore", divide="ignore"):
        mine = np.nan_to_num(own)
        out["capability_ratio"] = np.where(mine + out["cinc_members"] > 0,
                                           mine / (mine + out["cinc_members"]), np.nan)
    score, _, year_polity = panels.democracy(frame["ccode"].to_numpy(), frame_year)
    out["polity2"] = score
    out["major"] = panels.is_major(frame["ccode"].to_numpy(), frame["date"].to_numpy()).astype(
        np.int64)
    out["year_nmc"] = year_nmc
    out["year_polity"] = year_polity
    out["year_mindist"] = np.where(np.isnan(out["mindist_members_km"]), 0, frame_year)
    un_year = panels.reduce_rows(rows[un_known], panels.un_distance(a, b, year)[1][un_known], n,
                                 "max")
    out["year_un"] = np.nan_to_num(un_year).astype(np.int64)
    return out


def build_alliances() -> pd.DataFrame:
    """Corpus (a): one row per (alliance, state); see ``docs/history-corpus.md`` (section 4)."""
    alliances = defence_alliances()
    m = alliance_members()
    m = m[m["atopid"].isin(alliances["atopid"])]
    founders = m[m["role"] == "founder"][["atopid", "member", "founding_date"]].rename(
        columns={"member": "ccode", "founding_date": "date"}).assign(role="founder", joined=1)
    later = m[m["role"] != "founder"][["atopid", "member", "first_entry", "role"]].rename(
        columns={"member": "ccode", "first_entry": "date"}).assign(joined=1)
    cand = _candidates(alliances).assign(role="candidate", joined=0)
    rows = pd.concat([founders, cand, later], ignore_index=True)
    for column in rules.CANDIDATE_REASONS:
        rows[column] = rows[column].fillna(0).astype(np.int64)
    rows["candidate_reasons"] = np.where(rows["role"] == "candidate",
                                         reason_labels(rows, rules.CANDIDATE_REASONS), "")
    info = alliances.set_index("atopid")
    for column in ("founding_date", "n_founders", "alliance_defense", "bilat", "specthrt"):
        rows[column] = rows["atopid"].map(info[column]).to_numpy()
    rows["named_threats"] = rows["atopid"].map(
        info["statthr1"].astype(str).where(info["statthr1"] > 0, "") + " "
        + info["statthr2"].astype(str).where(info["statthr2"] > 0, "")).str.strip()
    entries = m.set_index(["atopid", "member"])["first_entry"]
    key = pd.MultiIndex.from_arrays([rows["atopid"], rows["ccode"]])
    later_entry = entries.reindex(key).to_numpy()
    rows["later_accession_date"] = np.where(rows["role"] == "candidate",
                                            np.nan_to_num(later_entry.astype(float)), 0).astype(
        np.int64)
    adv = adversaries().set_index(["atopid", "ccode"])["rule"]
    rows["adversary"] = key.isin(adv.index).astype(np.int64) * (rows["role"] == "candidate")
    rows["year"] = rows["date"] // 10000

    # partners: founders for founder and candidate rows; members in force the day before an
    # accession or succession
    rows["key"] = np.arange(len(rows))
    founding = rows["role"].isin(["founder", "candidate"]).to_numpy()
    fp = rows.loc[founding, ["key", "atopid"]].merge(
        founders[["atopid", "ccode"]].rename(columns={"ccode": "partner"}), on="atopid")
    member_rows = panels.atop_member_rows()
    acc = rows.loc[~founding, ["key", "atopid", "date"]]
    ap = acc.merge(member_rows[["atopid", "member", "entry", "exit"]], on="atopid")
    ap = ap[(ap["entry"] < ap["date"]) & (ap["date"] <= ap["exit"])]
    ap = ap[["key", "member"]].drop_duplicates().rename(columns={"member": "partner"})
    partners = pd.concat([fp[["key", "partner"]], ap], ignore_index=True)
    out = _member_covariates(rows, partners).drop(columns=["key"])
    order = {"founder": 0, "candidate": 1, "accession": 2, "succession": 3}
    out = out.assign(_o=out["role"].map(order)).sort_values(["atopid", "_o", "date", "ccode"])
    first = ["atopid", "role", "ccode", "date", "year", "joined", "founding_date", "n_founders",
             "candidate_reasons", *rules.CANDIDATE_REASONS, "adversary", "later_accession_date",
             "alliance_defense", "bilat", "specthrt", "named_threats"]
    rest = [c for c in out.columns if c not in first and c != "_o"]
    return out[first + rest].reset_index(drop=True)


# ----------------------------------------------------------------------------- (b) dyad-years
def _relevant_dyad_years() -> pd.DataFrame:
    years = panels.state_years()
    years = years[years["year"].between(rules.DYAD_YEAR_FIRST, rules.DYAD_YEAR_LAST)]
    spells = panels.contiguity_spells()
    spells = spells[spells["a"] < spells["b"]]
    lengths = (spells["last_year"] - spells["first_year"] + 1).to_numpy()
    cont = pd.DataFrame({
        "ccode1": np.repeat(spells["a"].to_numpy(), lengths),
        "ccode2": np.repeat(spells["b"].to_numpy(), lengths),
        "year": np.concatenate([np.arange(f, l + 1) for f, l in
                                zip(spells["first_year"], spells["last_year"], strict=True)]),
        "contiguity": np.repeat(spells["conttype"].to_numpy(), lengths)})
    cont = cont.groupby(["ccode1", "ccode2", "year"], as_index=False)["contiguity"].min()
    majors = panels.major_years()
    grid = majors.merge(years, on="year", suffixes=("_major", ""))
    grid = grid[grid["ccode_major"] != grid["ccode"]]
    major_pairs = pd.DataFrame({
        "ccode1": np.minimum(grid["ccode_major"], grid["ccode"]).to_numpy(),
        "ccode2": np.maximum(grid["ccode_major"], grid["ccode"]).to_numpy(),
        "year": grid["year"].to_numpy()}).drop_duplicates()
    both = major_pairs.merge(cont, on=["ccode1", "ccode2", "year"], how="outer")
    in_system = pd.MultiIndex.from_frame(years[["ccode", "year"]])
    ok = (pd.MultiIndex.from_arrays([both["ccode1"], both["year"]]).isin(in_system)
          & pd.MultiIndex.from_arrays([both["ccode2"], both["year"]]).isin(in_system)
          & both["year"].between(rules.DYAD_YEAR_FIRST, rules.DYAD_YEAR_LAST))
    both = both[ok].copy()
    both["contiguity"] = both["contiguity"].fillna(0).astype(np.int64)
    return both.sort_values(["year", "ccode1", "ccode2"]).reset_index(drop=True)


def build_dyad_years() -> pd.DataFrame:
    """Corpus (b): politically relevant dyad-years; see ``docs/history-corpus.md`` (section 5)."""
    t = _relevant_dyad_years()
    c1, c2, year = t["ccode1"].to_numpy(), t["ccode2"].to_numpy(), t["year"].to_numpy()
    pacts = panels.atop_defense_years().set_index(["ccode1", "ccode2", "year"])
    now = pacts.reindex(pd.MultiIndex.from_arrays([c1, c2, year]))
    before = pacts.reindex(pd.MultiIndex.from_arrays([c1, c2, year - 1]))
    defense_now = now["defense"].fillna(0).to_numpy(np.int64)
    t["defense_prev"] = before["defense"].fillna(0).to_numpy(np.int64)
    t["ally_prev"] = before["any"].fillna(0).to_numpy(np.int64)
    t["defense_onset"] = ((defense_now == 1) & (t["defense_prev"] == 0)).astype(np.int64)
    majors = panels.major_years()
    is_major = pd.MultiIndex.from_frame(majors[["ccode", "year"]])
    t["major1"] = pd.MultiIndex.from_arrays([c1, year]).isin(is_major).astype(np.int64)
    t["major2"] = pd.MultiIndex.from_arrays([c2, year]).isin(is_major).astype(np.int64)
    t["relevance"] = np.select([(t["contiguity"] > 0) & ((t["major1"] + t["major2"]) > 0),
                                t["contiguity"] > 0], ["contiguous+major", "contiguous"], "major")
    t["mindist_km"] = panels.mindist(c1, c2, year)
    t["capdist_km"] = panels.capital_distance(c1, c2, panels.ymd(year, 1, 1))
    cinc1, year_nmc = panels.cinc(c1, year)
    cinc2, _ = panels.cinc(c2, year)
    t["cinc1"], t["cinc2"] = cinc1, cinc2
    with np.errstate(invalid="ignore", divide="ignore"):
        total = np.nan_to_num(cinc1) + np.nan_to_num(cinc2)
        t["capability_ratio"] = np.where(total > 0, np.fmax(cinc1, cinc2) / total, np.nan)
    p1, d1, year_polity = panels.democracy(c1, year)
    p2, d2, _ = panels.democracy(c2, year)
    t["polity2_1"], t["polity2_2"] = p1, p2
    t["joint_democracy"] = d1 * d2
    t["rivalry"] = panels.rivalry(c1, c2, year)
    t["mids"] = panels.past_mids(c1, c2, year)
    un, year_un = panels.un_distance(c1, c2, year)
    t["un_distance"] = un
    t["un_distance_missing"] = np.isnan(un).astype(np.int64)
    t["year_nmc"] = year_nmc
    t["year_polity"] = year_polity
    t["year_mindist"] = np.where(np.isnan(t["mindist_km"]), 0, year)
    t["year_un"] = year_un
    first = ["ccode1", "ccode2", "year", "defense_onset", "defense_prev", "ally_prev",
             "relevance", "contiguity", "major1", "major2"]
    return t[first + [c for c in t.columns if c not in first]]
