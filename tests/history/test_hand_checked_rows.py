"""Hand-checked rows of the history corpora, re-derived from the shipped raw tables.

Provenance of the expected values: COW MID 5.0 (dispute and directed dispute-dyad-year files,
package data ``cow_mid_disputes`` / ``cow_mid_dyadyears``), ATOP v4.01 member and alliance
files (``atop_members`` / ``atop_alliances``), COW state system and majors v2016 - read here
with plain loops (``rederive.py``), not with ``foedus.history``. Historical notes: the
Anglo-Polish communique of 6 April 1939 and the Agreement of Mutual Assistance of 25 August
1939 (ATOP 2440, two phases); MID 258 is the Second World War dispute that MID 5.0 starts with
Poland's militarized action of March 1939 (Poland is side A's originator).
"""

from __future__ import annotations

import datetime as dt

import pytest
import rederive

from foedus.data import load
from foedus.history import (
    counts,
    formation_alliances,
    formation_dyad_years,
    intervention,
    intervention_outside,
    outcome,
)


@pytest.fixture(scope="module")
def third_parties():
    return intervention()


# ----------------------------------------------------------------------------- ATOP 2440
def test_anglo_polish_agreement_is_a_new_defence_alliance_with_its_founders():
    raw = load("atop_members")
    rows = raw[raw["atopid"] == 2440]
    assert set(rows["member"]) == {200, 290}
    assert (rows["defense"] == 1).all()
    first = rows.sort_values(["yrent", "moent", "dayent"]).iloc[0]
    founded = dt.date(int(first.yrent), int(first.moent), int(first.dayent))
    assert founded == dt.date(1939, 4, 6)

    table = formation_alliances()
    mine = table[table["atopid"] == 2440]
    founders = mine[mine["role"] == "founder"]
    assert sorted(founders["ccode"]) == [200, 290]
    assert set(founders["date"]) == {19390406}
    assert set(mine["role"]) == {"founder", "candidate"}   # no accession


def test_anglo_polish_candidates_are_the_rule_applied_to_the_raw_tables():
    day = dt.date(1939, 4, 6)
    founders = (200, 290)
    expected = set()
    for state in rederive.system(day) - set(founders):
        near = any(rederive.mindist(state, f, 1939) <= 950 for f in founders)
        contiguous = any(rederive.contiguous(state, f, day) for f in founders)
        ally = any(rederive.atop_tie(state, f, day, before=True) for f in founders)
        if near or contiguous or ally or rederive.is_major(state, day):
            expected.add(state)
    table = formation_alliances()
    candidates = table[(table["atopid"] == 2440) & (table["role"] == "candidate")]
    assert set(candidates["ccode"]) == expected
    # Germany is ATOP's named threat (statthr1 = 255): a candidate flagged as the adversary
    named = load("atop_alliances").set_index("atopid").loc[2440, "statthr1"]
    assert named == 255
    germany = candidates[candidates["ccode"] == 255].iloc[0]
    assert germany["adversary"] == 1 and germany["rs_major"] == 1
    assert candidates.loc[candidates["ccode"] == 220, "rs_ally"].item() == 1  # France-Poland 1921


def test_nato_accessions_and_the_german_succession():
    table = formation_alliances()
    nato = table[table["atopid"] == 3180]
    assert len(nato[nato["role"] == "founder"]) == 12
    accessions = nato[nato["role"] == "accession"].set_index("ccode")["date"]
    assert accessions[350] == 19511022 and accessions[640] == 19511022   # Greece, Turkey
    assert accessions[230] == 19811210                                   # Spain
    assert nato.loc[nato["role"] == "succession", "ccode"].tolist() == [255]  # 1990


# ----------------------------------------------------------------------------- MID 258
def test_britain_and_france_join_mid_258_on_polands_side(third_parties):
    raw = rederive.participants(258)
    assert raw[290] == {"join_year": 1939, "side": "A", "orig": 1}      # Poland: side A origin.
    assert raw[255] == {"join_year": 1939, "side": "B", "orig": 1}      # Germany: side B
    for state in (200, 220):
        assert raw[state]["side"] == "A" and raw[state]["orig"] == 0
        assert raw[state]["join_year"] == 1939
    rows = third_parties[third_parties["dispnum"] == 258].set_index("ccode")
    for state in (200, 220):
        assert rows.loc[state, "choice"] == "originator_side"      # side A = Poland's side
        assert rows.loc[state, "join_year"] == 1939
        assert rows.loc[state, "war"] == 1
    assert rows.loc[2, "join_year"] == 1941                          # the United States
    assert rows.loc[365, "choice"] == "target_side"                  # USSR, September 1939
    assert rows.loc[365, "switched_sides"] == 1                      # ... on side A from 1941


def test_a_joiner_of_the_target_side_and_a_state_that_stayed_out(third_parties):
    rows = third_parties[third_parties["dispnum"] == 258].set_index("ccode")
    assert rows.loc[325, "choice"] == "target_side"                  # Italy, June 1940
    assert rows.loc[325, "join_year"] == 1940
    # Switzerland: contiguous to Germany, never a participant
    assert rows.loc[225, "choice"] == "stayed_out"
    assert rows.loc[225, "rs_contiguous_target"] == 1


def test_war_subset_is_hostility_level_five(third_parties):
    raw = load("cow_mid_disputes").set_index("dispnum")
    sample = third_parties.drop_duplicates("dispnum").set_index("dispnum")
    assert (sample["war"] == (raw.loc[sample.index, "hostlev"] == 5).astype(int)).all()
    assert sample.loc[258, "war"] == 1
    assert sample.loc[169, "war"] == 0                               # USSR-Poland 1939: level 4


# ----------------------------------------------------------------------------- outcomes
@pytest.mark.parametrize("code, expected", [(1, "A"), (2, "B"), (3, "B"), (4, "A"),
                                            (5, "stalemate"), (6, None), (7, None), (8, None),
                                            (9, None), (-9, None)])
def test_outcome_classes_follow_carroll_and_kenkel(code, expected):
    raw = load("cow_mid_disputes")
    dispnum = int(raw.loc[raw["outcome"] == code, "dispnum"].iloc[0])
    row = outcome().set_index("dispnum").loc[dispnum]
    assert row["outcome"] == code
    if expected is None:
        assert row["outcome_class"] != row["outcome_class"]          # NaN: excluded
        assert f"outcome code {code}" in row["exclusion"]
    else:
        assert row["outcome_class"] == expected


def test_outcome_of_mid_258_and_its_sides():
    row = outcome().set_index("dispnum").loc[258]
    assert row["outcome"] == 1 and row["outcome_class"] == "A"       # victory for side A
    assert row["side_a_originators"] == "290@1939"
    assert row["side_b_originators"] == "255@1939"
    assert "200@1939" in row["side_a_joiners"].split()
    assert "325@1940" in row["side_b_joiners"].split()
    assert row["bilateral"] == 0


def test_bilateral_flag_counts_every_participant():
    raw = load("cow_mid_dyadyears")
    table = outcome().set_index("dispnum")
    for dispnum in table.index[:200]:
        sides = raw[raw["dispnum"] == dispnum].groupby("sidea1")["ccode1"].nunique()
        both = raw[raw["dispnum"] == dispnum].groupby("ccode1")["sidea1"].nunique().max()
        expected = int(len(sides) == 2 and (sides == 1).all() and both == 1)
        assert table.loc[dispnum, "bilateral"] == expected, dispnum


# ----------------------------------------------------------------------------- dyad-years
def test_defence_onset_rows_match_atop_5_1():
    ddyr = load("atop_ddyr")
    t = formation_dyad_years()
    onset = t[(t["ccode1"] == 2) & (t["ccode2"] == 732)].set_index("year")["defense_onset"]
    pact_years = sorted(ddyr.loc[(ddyr["ccode1"] == 2) & (ddyr["ccode2"] == 732)
                                 & (ddyr["atop_defense"] == 1), "year"])
    assert pact_years[0] == 1953
    assert onset[1953] == 1 and onset[1954] == 0 and onset[1952] == 0


# ----------------------------------------------------------------------------- counts
#: Pinned counts (``python -c "from foedus.history import counts; print(counts())"``, the
#: table in docs/history-corpus.md). A change here is a change of the data or of the rules.
PINNED = {
    ("intervention", "disputes"): 2436,
    ("intervention", "third-party rows"): 77063,
    ("intervention", "third parties joining side B (target side)"): 252,
    ("intervention", "third parties joining side A (originator side)"): 325,
    ("intervention", "joiners outside the risk set, side B"): 49,
    ("intervention", "joiners outside the risk set, side A"): 29,
    ("outcome", "class A (victory A or yield B)"): 243,
    ("outcome", "class B (victory B or yield A)"): 117,
    ("outcome", "class stalemate"): 1542,
    ("formation (a)", "alliances"): 265,
    ("formation (b)", "defence pact onsets"): 812,
}


def test_counts_are_pinned():
    table = counts().set_index(["corpus", "quantity"])["count"]
    for key, value in PINNED.items():
        assert table[key] == value, key


def test_outside_joiners_are_never_in_the_risk_set(third_parties):
    outside = intervention_outside()
    inside = set(zip(third_parties["dispnum"], third_parties["ccode"], strict=True))
    assert not inside & set(zip(outside["dispnum"], outside["ccode"], strict=True))
    for row in outside.itertuples():
        raw = rederive.participants(row.dispnum)
        assert raw[row.ccode]["orig"] == 0
