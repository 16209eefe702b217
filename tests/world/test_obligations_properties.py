"""Invariants of casus foederis resolution (property-based)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from foedus.world import (
    Agreement,
    AgreementKind,
    Asset,
    Crisis,
    CrisisKind,
    Geography,
    Hit,
    Obligation,
    Place,
    Trigger,
    casus_foederis,
    collective_provisions,
)

STATES = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF"]
GEO = Geography.from_places([
    Place("region", "Region"),
    Place("north", "North", within=("region",)),
    Place("south", "South", within=("region",)),
    *[Place(f"home_{s}", s, within=("north" if i % 2 else "south",), administered_by=s)
      for i, s in enumerate(STATES)],
])
DATE = dt.date(2000, 1, 1)

triggers = st.builds(
    Trigger,
    assets=st.frozensets(st.sampled_from(list(Asset)), min_size=1),
    area=st.sampled_from([(), ("region",), ("north",), ("south",)]),
    administered_by=st.sampled_from([None, "beneficiary"]),
)


@st.composite
def agreements(draw, members_pool=STATES[:4]):
    members = tuple(draw(st.lists(st.sampled_from(members_pool), min_size=2, max_size=4,
                                  unique=True)))
    return Agreement("pact", "pact", AgreementKind.TREATY_ALLIANCE, members,
                     collective_provisions(members, Obligation.DEFENSE, "Art. 1", draw(triggers)),
                     in_force=dt.date(1990, 1, 1))


@st.composite
def crises(draw):
    aggressor = draw(st.sampled_from(STATES))
    target = draw(st.sampled_from([s for s in STATES if s != aggressor]))
    hits = [Hit(target, draw(st.sampled_from(list(Asset))),
                draw(st.sampled_from([f"home_{s}" for s in STATES])))]
    return Crisis("c", "c", CrisisKind.INVASION, (aggressor,), target, hits[0].place, tuple(hits))


@settings(max_examples=200, deadline=None)
@given(agreements(), crises(), st.sampled_from(STATES[4:]))
def test_adding_a_non_member_changes_no_members_obligation(pact, crisis, outsider):
    # A state outside the agreement (not among its members) and the agreement with an extra
    # unrelated bilateral pact of the outsider: members' obligations are unchanged.
    base = casus_foederis([pact], crisis, GEO, DATE)
    other = Agreement("other", "other", AgreementKind.TREATY_ALLIANCE, (outsider, "FFF"),
                      collective_provisions((outsider, "FFF"), Obligation.CONSULTATION, "Art. 2",
                                            Trigger()), in_force=dt.date(1990, 1, 1))
    extended = casus_foederis([pact, other], crisis, GEO, DATE)
    members = set(pact.members)
    assert {r for r in base.rows if r.obligor in members} == \
        {r for r in extended.rows if r.obligor in members and r.agreement == "pact"}


@settings(max_examples=200, deadline=None)
@given(agreements(), crises())
def test_only_members_are_obliged_and_never_the_aggressor(pact, crisis):
    m = casus_foederis([pact], crisis, GEO, DATE)
    assert m.obliged() <= set(pact.members)
    assert not m.obliged() & set(crisis.aggressors)


@settings(max_examples=100, deadline=None)
@given(agreements(), crises())
def test_agreement_not_yet_in_force_obliges_no_one(pact, crisis):
    assert casus_foederis([pact], crisis, GEO, dt.date(1980, 1, 1)).rows == ()


@settings(max_examples=100, deadline=None)
@given(agreements(), crises())
def test_order_of_agreements_does_not_matter(pact, crisis):
    other = Agreement("b", "b", AgreementKind.TREATY_ALLIANCE, ("EEE", "FFF"),
                      collective_provisions(("EEE", "FFF"), Obligation.DEFENSE, "Art. 1", Trigger()),
                      in_force=dt.date(1990, 1, 1))
    assert casus_foederis([pact, other], crisis, GEO, DATE).rows == \
        casus_foederis([other, pact], crisis, GEO, DATE).rows
