"""Invariants of the history corpora (docs/history-corpus.md), checked on every row or on
hypothesis-drawn disputes and alliances re-derived from the raw tables (``rederive.py``)."""

from __future__ import annotations

import numpy as np
import pytest
import rederive
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foedus.history import (
    formation_alliances,
    formation_dyad_years,
    intervention,
    outcome,
)
from foedus.history.participants import originators
from foedus.history.rules import CANDIDATE_REASONS, INTERVENTION_REASONS

SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def third():
    return intervention()


def test_no_originator_is_ever_a_third_party(third):
    orig = originators()
    keys = set(zip(orig["dispnum"], orig["ccode"], strict=True))
    assert not keys & set(zip(third["dispnum"], third["ccode"], strict=True))


def test_every_third_party_has_a_stated_reason(third):
    reasons = third[list(INTERVENTION_REASONS)].to_numpy()
    assert reasons.sum(axis=1).min() >= 1
    labels = third["risk_set"].str.split("+")
    for row, names in zip(reasons[:2000], labels[:2000], strict=True):
        assert sorted(names) == sorted(r[3:] for r, flag in zip(INTERVENTION_REASONS, row,
                                                                strict=True) if flag)


def test_no_covariate_year_after_the_decision_year(third):
    for corpus, year in ((third, third["year"]), (outcome(), outcome()["year"])):
        for column in [c for c in corpus.columns if c.startswith("year_")]:
            assert (corpus[column] <= year).all(), column
    alliances = formation_alliances()
    for column in [c for c in alliances.columns if c.startswith("year_")]:
        assert (alliances[column] <= alliances["year"]).all(), column
    dyads = formation_dyad_years()
    for column in [c for c in dyads.columns if c.startswith("year_")]:
        assert (dyads[column] <= dyads["year"]).all(), column


def test_choices_are_the_participants_sides(third):
    joined = third[third["joined"] == 1]
    assert set(joined["choice"]) <= {"target_side", "originator_side"}
    assert (joined["join_year"] >= joined["year"] - 1).all()   # MID 4005 starts in 1995 rows
    assert (third.loc[third["joined"] == 0, "join_year"] == 0).all()


@pytest.fixture(scope="module")
def dispute_ids(third):
    ids = sorted(set(third["dispnum"]) - {4344})   # 4344: side-B stand-in, tested apart
    return ids


@SETTINGS
@given(data=st.data())
def test_risk_set_of_a_dispute_is_complete_and_correct(third, dispute_ids, data):
    dispnum = data.draw(st.sampled_from(dispute_ids))
    day = rederive.onset(dispnum)
    parts = rederive.participants(dispnum)
    side_a = {c for c, p in parts.items() if p["orig"] == 1 and p["side"] == "A"}
    side_b = {c for c, p in parts.items() if p["orig"] == 1 and p["side"] == "B"}
    expected = {}
    for state in rederive.system(day) - side_a - side_b:
        flags = {
            "rs_ally_originator": any(rederive.atop_tie(state, o, day) for o in side_a),
            "rs_ally_target": any(rederive.atop_tie(state, o, day) for o in side_b),
            "rs_contiguous_originator": any(rederive.contiguous(state, o, day) for o in side_a),
            "rs_contiguous_target": any(rederive.contiguous(state, o, day) for o in side_b),
            "rs_major": rederive.is_major(state, day)}
        if any(flags.values()):
            expected[state] = flags
    rows = third[third["dispnum"] == dispnum].set_index("ccode")
    assert set(rows.index) == set(expected)
    for state, flags in expected.items():
        for reason, flag in flags.items():
            assert rows.loc[state, reason] == int(flag), (state, reason)
        choice = rows.loc[state, "choice"]
        if state in parts:
            side = parts[state]["side"]
            assert choice == ("originator_side" if side == "A" else "target_side")
            assert rows.loc[state, "join_year"] == parts[state]["join_year"]
        else:
            assert choice == "stayed_out"


@SETTINGS
@given(data=st.data())
def test_candidates_of_an_alliance_are_complete_and_correct(data):
    table = formation_alliances()
    atopid = data.draw(st.sampled_from(sorted(set(table["atopid"]))))
    rows = table[table["atopid"] == atopid]
    founders = set(rows.loc[rows["role"] == "founder", "ccode"])
    date = int(rows["founding_date"].iloc[0])
    day = rederive._date(date // 10000, date // 100 % 100, date % 100)
    year = day.year
    expected = {}
    for state in rederive.system(day) - founders:
        flags = {
            "rs_contiguous": any(rederive.contiguous(state, f, day) for f in founders),
            "rs_near": year >= 1886 and any(rederive.mindist(state, f, year) <= 950
                                            for f in founders),
            "rs_major": rederive.is_major(state, day),
            "rs_ally": any(rederive.atop_tie(state, f, day, before=True) for f in founders)}
        if any(flags.values()):
            expected[state] = flags
    candidates = rows[rows["role"] == "candidate"].set_index("ccode")
    assert set(candidates.index) == set(expected)
    for state, flags in expected.items():
        for reason in CANDIDATE_REASONS:
            assert candidates.loc[state, reason] == int(flags[reason]), (state, reason)


def test_defence_onset_is_a_pact_this_year_and_none_the_year_before():
    t = formation_dyad_years()
    assert ((t["defense_onset"] == 1) <= (t["defense_prev"] == 0)).all()
    assert (t["ccode1"] < t["ccode2"]).all()
    assert not t.duplicated(["ccode1", "ccode2", "year"]).any()
    relevant = (t["contiguity"] > 0) | (t["major1"] == 1) | (t["major2"] == 1)
    assert relevant.all()


def test_covariates_of_intervention_rows_match_the_raw_tables(third):
    rng = np.random.default_rng(7)
    rows = third.iloc[rng.choice(len(third), 40, replace=False)]
    for row in rows.itertuples():
        day = rederive.onset(row.dispnum)
        parts = rederive.participants(row.dispnum)
        target_side = [c for c, p in parts.items() if p["orig"] == 1 and p["side"] == "B"]
        origin_side = [c for c, p in parts.items() if p["orig"] == 1 and p["side"] == "A"]
        assert row.defense_target_side == int(any(
            rederive.atop_tie(row.ccode, c, day, obligation="defense") for c in target_side))
        assert row.defense_originator_side == int(any(
            rederive.atop_tie(row.ccode, c, day, obligation="defense") for c in origin_side))
        types = [t for t in (rederive.contiguous(row.ccode, c, day) for c in target_side) if t]
        assert row.contiguity_target_side == (min(types) if types else 0)
        distances = [rederive.mindist(row.ccode, c, day.year) for c in target_side]
        distances = [d for d in distances if not np.isnan(d)]
        if distances:
            assert row.mindist_target_side_km == pytest.approx(min(distances))
        else:
            assert np.isnan(row.mindist_target_side_km)
