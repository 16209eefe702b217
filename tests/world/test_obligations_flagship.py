"""Casus foederis on the flagship baseline (December 2024) and on Ishiba's design.

Each expected obligation cites the treaty article that creates it.
"""

from __future__ import annotations

import datetime as dt

from foedus.world import Asset, Crisis, CrisisKind, Hit, Obligation, casus_foederis


def _map(case, crisis, design="status-quo"):
    return casus_foederis(case.agreements(design), crisis, case.world.geography, case.world.date,
                          design=design)


def _crisis(aggressors, target, hits, location=None):
    hits = tuple(Hit(s, Asset(a), p) for s, a, p in hits)
    return Crisis("test", "test", CrisisKind.INVASION, tuple(aggressors), target,
                  location or hits[0].place, hits)


def test_attack_on_japanese_territory_obliges_us(flagship):
    # US-Japan Treaty of Mutual Cooperation and Security (1960), Art. V: "an armed attack
    # against either Party in the territories under the administration of Japan".
    m = _map(flagship, flagship.crisis("senkaku-seizure"))
    assert m.obliged() == {"USA"}
    assert m.articles("USA") == ["usa-jpn-1960 Art. V"]


def test_attack_on_taiwan_alone_obliges_no_one(flagship):
    # The US-ROC Mutual Defense Treaty (1954) ended on 1 January 1980 (Art. X, notice given in
    # 1978); the Taiwan Relations Act (1979) Sec. 2(b) and 3(c) states policy and procedure but
    # no obligation to defend. No other treaty covers Taiwan.
    for crisis_id in ("taiwan-blockade",):
        m = _map(flagship, flagship.crisis(crisis_id))
        assert m.obliged() == frozenset()
    only_taiwan = _crisis(["CHN"], "TWN", [("TWN", "territory", "taiwan")])
    assert _map(flagship, only_taiwan).obliged(legal_force=None) == frozenset()


def test_attack_on_philippine_public_vessels_in_scs_obliges_us(flagship):
    # US-Philippines Mutual Defense Treaty (1951), Art. IV (armed attack in the Pacific area)
    # with Art. V (includes attacks on public vessels in the Pacific); the South China Sea is
    # within the Pacific area per the 2023 Bilateral Defense Guidelines.
    m = _map(flagship, flagship.crisis("second-thomas-shoal"))
    assert m.obliged() == {"USA"}
    assert m.articles("USA") == ["usa-phl-1951 Art. IV-V"]


def test_attack_on_south_korea_obliges_us(flagship):
    # US-ROK Mutual Defense Treaty (1953), Art. III: armed attack in the Pacific area on
    # either Party in territories under its administrative control.
    only_korea = _crisis(["PRK"], "KOR", [("KOR", "territory", "south_korea")])
    m = _map(flagship, only_korea)
    assert m.obliged() == {"USA"}
    assert m.articles("USA") == ["usa-kor-1953 Art. III"]


def test_attack_on_north_korea_obliges_china_and_russia(flagship):
    # China-DPRK Treaty (1961), Art. II; Russia-DPRK Comprehensive Strategic Partnership
    # Treaty (2024, in force 4 Dec 2024), Art. 4. Neither has a geographic limit.
    attack = _crisis(["USA", "KOR"], "PRK", [("PRK", "territory", "north_korea")])
    m = _map(flagship, attack)
    assert m.obliged() == {"CHN", "RUS"}
    assert m.articles("CHN") == ["chn-prk-1961 Art. II"]
    assert m.articles("RUS") == ["rus-prk-2024 Art. 4"]


def test_russia_not_obliged_before_the_2024_treaty(flagship):
    # rus-prk-2024 entered into force on 4 December 2024; the 2000 treaty it replaced had no
    # defence clause (ATOP 4940: consultation only).
    attack = _crisis(["USA", "KOR"], "PRK", [("PRK", "territory", "north_korea")])
    m = casus_foederis(flagship.world.agreements, attack, flagship.world.geography,
                       dt.date(2024, 12, 3))
    assert m.obliged() == {"CHN"}


def test_strike_on_us_forces_in_japan_triggers_indirect_obligations(flagship):
    # An attack on US forces in Japan is (i) an armed attack on the US in territories under
    # Japanese administration -> Japan, US-Japan Art. V; (ii) an armed attack on US armed
    # forces in the Pacific -> Australia, ANZUS Arts. IV-V, and the Philippines, US-PHL 1951
    # Arts. IV-V. South Korea is not obliged: US-ROK Art. III covers only territory under a
    # Party's own administrative control.
    m = _map(flagship, flagship.crisis("taiwan-invasion"))
    assert m.obliged(beneficiary="USA") == {"JPN", "AUS", "PHL"}
    assert m.articles("JPN") == ["usa-jpn-1960 Art. V"]
    assert "KOR" not in m.obliged()
    rows = m.to_frame()
    indirect = rows[(rows.obligation == "defense") & ~rows.direct]
    assert set(indirect.obligor) == {"JPN", "AUS", "PHL", "USA"}


def test_us_new_zealand_obligation_suspended(flagship):
    # ANZUS: US obligations to New Zealand suspended since 1986 (ATOP codes USA-NZL defence 0);
    # Australia-New Zealand obligations continue (Art. IV).
    attack = _crisis(["CHN"], "NZL", [("NZL", "territory", "new_zealand")])
    assert _map(flagship, attack).obliged() == {"AUS"}


def test_nato_article_6_excludes_guam_and_hawaii(flagship):
    # North Atlantic Treaty Art. 6: territory in Europe or North America; Guam is outside.
    guam = _crisis(["CHN"], "USA", [("USA", "territory", "guam")])
    m = _map(flagship, guam)
    assert not {"GBR", "FRA", "CAN"} & m.obliged()
    # ANZUS Art. V and US-PHL Art. V cover US island territories in the Pacific.
    assert {"AUS", "PHL"} <= m.obliged()
    continental = _crisis(["RUS"], "USA", [("USA", "territory", "continental_us")])
    assert {"GBR", "FRA", "CAN"} <= _map(flagship, continental).obliged()


def test_ishiba_design_attack_on_taiwan_obliges_every_member(flagship):
    # Ishiba's design: a collective-defence clause (NATO Art. 5 analogue) over the Indo-Pacific
    # with Taiwan as a member.
    members = {"USA", "JPN", "AUS", "KOR", "PHL", "IND", "NZL"}
    for crisis_id in ("taiwan-blockade", "taiwan-invasion"):
        m = _map(flagship, flagship.crisis(crisis_id), design="ishiba")
        assert members <= m.obliged(beneficiary="TWN")
    # ...but not when Taiwan is left out of the design.
    m = _map(flagship, flagship.crisis("taiwan-blockade"), design="ishiba-no-taiwan")
    assert m.obliged() == frozenset()


def test_minilateral_lattice_adds_no_defence_obligation(flagship):
    for crisis in flagship.crises:
        assert _map(flagship, crisis, "minilateral-lattice").obliged() == \
            _map(flagship, crisis).obliged()


def test_non_treaty_arrangements_carry_no_defence_obligation(flagship):
    for agreement in flagship.world.agreements:
        if agreement.legal_force.value == "political":
            assert not agreement.provisions_of(Obligation.DEFENSE), agreement.id


def test_aggressor_breaches_non_aggression_pledges(flagship):
    # China-Japan Treaty of Peace and Friendship (1978), Art. I; TAC (1976) Art. 2(d).
    m = _map(flagship, flagship.crisis("senkaku-seizure"))
    breached = {r.agreement for r in m.rows if r.status == "breached"}
    assert breached == {"chn-jpn-1978", "tac-1976"}


def test_removing_the_us_removes_only_us_obligations(flagship):
    crisis = flagship.crisis("taiwan-invasion")
    full = _map(flagship, crisis)
    agreements = [a.without_member("USA") for a in flagship.agreements("status-quo")]
    reduced = casus_foederis(agreements, crisis, flagship.world.geography, flagship.world.date)
    # Without the US, only Japan's own defence remains... and nobody owes Japan defence.
    assert reduced.obliged() == frozenset()
    assert "USA" in full.obliged()


def test_taiwan_protocol_design_obliges_members_to_a_non_member(flagship):
    # Design ishiba-taiwan-protocol: members owe Taiwan defence by protocol (the Manila Pact's
    # protocol states are the precedent) while Taiwan owes nothing to anyone.
    m = _map(flagship, flagship.crisis("taiwan-blockade"), design="ishiba-taiwan-protocol")
    assert m.obliged(beneficiary="TWN") == {"USA", "JPN", "AUS", "KOR", "PHL", "IND", "NZL"}
    senkaku = _map(flagship, flagship.crisis("senkaku-seizure"), design="ishiba-taiwan-protocol")
    assert "TWN" not in senkaku.obliged()
