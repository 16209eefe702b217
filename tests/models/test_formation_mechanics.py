"""Mechanics of the membership model: each term moves the way its source says it should."""

from __future__ import annotations

import dataclasses
import textwrap

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foedus.models.formation import (
    FORMATION_PARAMETERS,
    FormationDraws,
    analyze,
    analyze_design,
    build_game,
    central_parameters,
    member_terms,
    sample_parameters,
    stable_profiles,
)
from foedus.models.formation.testing import random_game
from foedus.models.formation.utility import TERMS, mask_table, term_arrays


def _draws(n: int, seed: int = 0) -> FormationDraws:
    return sample_parameters(n, np.random.default_rng(seed))


def test_no_threat_and_high_autonomy_cost_never_joins():
    game = random_game(6, seed=4)
    i = 2
    threat = game.threat.copy()
    threat[i] = 0.0
    autonomy = game.autonomy.copy()
    autonomy[i] = 1.0
    game = dataclasses.replace(game, threat=threat, autonomy=autonomy)
    draws = _draws(300, seed=1)
    terms = term_arrays(game, mask_table(game), draws)
    utility = sum(terms[t] for t in TERMS)
    assert np.all(terms["security"][:, :, i] == 0)
    assert np.all(utility[:, :, i] < 0)          # whoever else joins, in every draw
    profiles = stable_profiles(game, draws, method="numpy").profiles
    assert not any(m >> i & 1 for ms in profiles for m in ms)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(3, 6))
def test_a_strong_reliable_co_member_raises_security(seed, n):
    game = random_game(n, seed=seed)
    i, k = 0, n - 1
    treaty = game.new_treaty.copy()
    treaty[i, k] = 0.5                            # a strong newly committed co-member
    base = game.base_allied.copy()
    base[i] = 0.0         # no baseline ally (else a more reliable baseline shrinks the gain)
    game = dataclasses.replace(game, new_treaty=treaty, base_allied=base)
    row = central_parameters().values[0]
    others = set(range(1, n - 1))
    before = member_terms(game, row, others | {i}, i)["security"]
    after = member_terms(game, row, others | {i, k}, i)["security"]
    assert after > before
    reliable = row.copy()
    reliable[FORMATION_PARAMETERS.index("treaty_reliability")] = 0.9
    assert member_terms(game, reliable, others | {i, k}, i)["security"] > after


SCOPE_SCENARIO = textwrap.dedent("""
    id: scope-test
    title: Widening a pact's scope
    date: 2024-12-15
    states: [{iso3: USA}, {iso3: JPN}, {iso3: PHL}, {iso3: CHN}]
    places:
      - {id: north, name: Northern waters}
      - {id: south, name: Southern sea}
      - {id: japan, name: Japan, within: [north], administered_by: JPN, source: test}
      - {id: shoal, name: A shoal, within: [south], claimed_by: [PHL, CHN], source: test}
    designs:
      - id: narrow
        name: Pact over the south
        invited: [USA, JPN, PHL]
        add:
          - id: pact
            name: Pact
            kind: proposed_treaty
            members: [USA, JPN, PHL]
            in_force: 2024-12-15
            provisions:
              - {obligation: defense, article: "1", trigger: {event: armed_attack, area: [south]}}
            source: test
        source: test
      - id: wide
        name: Pact over north and south
        invited: [USA, JPN, PHL]
        add:
          - id: pact
            name: Pact
            kind: proposed_treaty
            members: [USA, JPN, PHL]
            in_force: 2024-12-15
            provisions:
              - {obligation: defense, article: "1", trigger: {event: armed_attack, area: [north, south]}}
            source: test
        source: test
    crises:
      - id: shoal-clash
        name: Clash at the shoal
        kind: grey_zone
        aggressors: [CHN]
        target: PHL
        location: shoal
        hits: [{state: PHL, asset: public_vessels, place: shoal}]
        source: test
      - id: japan-strike
        name: Strike on Japan
        kind: strike
        aggressors: [CHN]
        target: JPN
        location: japan
        hits: [{state: JPN, asset: territory, place: japan}]
        source: test
""")


@pytest.fixture(scope="module")
def scope_case():
    from foedus.scenarios import build_case
    from foedus.scenarios.loader import load_scenario_text

    return build_case(load_scenario_text(SCOPE_SCENARIO, "scope-test.yaml"))


def test_widening_scope_to_an_uncared_contingency_raises_entrapment(scope_case):
    from foedus.interests import compute_interests

    ints = compute_interests(scope_case.world)
    narrow = build_game(scope_case, "narrow", ints)
    wide = build_game(scope_case, "wide", ints)
    j = wide.index("PHL")
    c = wide.crises.index("japan-strike")
    assert wide.stake[c, j] < 1.0                 # the Philippines fears China less than Japan
    row = central_parameters().values[0]
    everyone = set(range(wide.n))
    e_narrow = member_terms(narrow, row, everyone, j)["entrapment"]
    e_wide = member_terms(wide, row, everyone, j)["entrapment"]
    assert e_wide < e_narrow <= 0.0


def test_same_seed_same_numbers(flagship):
    a = analyze(flagship, designs=["ishiba", "minilateral-lattice"], draws=120,
                rng=np.random.default_rng(7), interest_samples=3)
    b = analyze(flagship, designs=["ishiba", "minilateral-lattice"], draws=120,
                rng=np.random.default_rng(7), interest_samples=3)
    assert a.to_frame().equals(b.to_frame())
    assert a.comparison().equals(b.comparison())
    c = analyze(flagship, designs=["minilateral-lattice"], draws=120,
                rng=np.random.default_rng(8), interest_samples=3)
    assert not np.allclose(a.design("minilateral-lattice").proposal_utility,
                           c.design("minilateral-lattice").proposal_utility)


def test_decomposition_names_a_reason_for_every_invited_state(flagship):
    r = analyze_design(flagship, "ishiba", draws=100, rng=np.random.default_rng(3))
    frame = r.to_frame()
    assert list(frame.state) == ["USA", "JPN", "AUS", "KOR", "PHL", "IND", "NZL", "TWN"]
    assert set(frame.decided_by) <= set(TERMS)
    assert np.allclose(r.deciders.sum(axis=1), 1.0)
    # the utility facing the proposal is the sum of its terms
    total = sum(r.proposal_draw_terms[t] for t in TERMS)
    assert np.allclose(total, r.proposal_utility)


def test_status_quo_is_the_baseline(flagship):
    r = analyze_design(flagship, "status-quo", draws=10, rng=np.random.default_rng(0))
    assert r.status_quo and r.p_forms == 0 and not r.security_gained.any()


def test_bad_input_is_a_one_line_error(flagship):
    from foedus.errors import FoedusError, ParameterError
    from foedus.interests import compute_interests

    with pytest.raises(ParameterError):
        FormationDraws(np.ones((2, 3)))
    with pytest.raises(ParameterError):
        sample_parameters(0, np.random.default_rng(0))
    bad = dataclasses.replace(flagship.design("ishiba"), invited=("USA",))
    with pytest.raises(FoedusError, match="at least two"):
        build_game(flagship, bad, compute_interests(flagship.world))


def test_distrust_is_weighted_by_dependence_not_summed():
    """A distrusted co-member costs in proportion to its share of the capability defending the
    state (Snyder 1984, 1997: dependence; Kydd 2005: mistrust), so the term is bounded and does
    not grow with the number of co-members (docs/models/formation.md, Distrust)."""
    game = random_game(5, seed=7)
    n = game.n
    game = dataclasses.replace(game, distrust=np.ones((n, n)) - np.eye(n))   # all hostile
    row = central_parameters().values[0]
    delta = row[FORMATION_PARAMETERS.index("formation_distrust_weight")]
    terms = [member_terms(game, row, set(range(size)), 0)["distrust"] for size in range(2, n + 1)]
    assert all(-delta < t < 0 for t in terms)
    # each term is delta x (the co-members' share of the defending capability)
    for size, t in zip(range(2, n + 1), terms):
        allies = game.dependence[0, 1:size].sum()
        assert t == pytest.approx(-delta * allies / (game.dependence[0, 0] + allies))
    # a co-member that brings no capability costs nothing; a stronger one costs more
    dependence = game.dependence.copy()
    dependence[0, 4] = 0.0
    weak = dataclasses.replace(game, dependence=dependence)
    assert member_terms(weak, row, {0, 1, 2, 3, 4}, 0)["distrust"] == \
        pytest.approx(member_terms(weak, row, {0, 1, 2, 3}, 0)["distrust"])
    dependence = game.dependence.copy()
    dependence[0, 1] *= 10
    strong = dataclasses.replace(game, dependence=dependence)
    assert member_terms(strong, row, {0, 1}, 0)["distrust"] < \
        member_terms(game, row, {0, 1}, 0)["distrust"]
    # the vectorised table agrees with the loop
    table = mask_table(game)
    vector = term_arrays(game, table, central_parameters())["distrust"][0]
    for m in (3, 7, 15, 31):
        members = {k for k in range(n) if m >> k & 1}
        assert vector[m, 0] == pytest.approx(member_terms(game, row, members, 0)["distrust"])


def test_recorded_legislative_support_replaces_the_seat_share():
    """Putnam (1988), Martin (2000): the ratifiers' support, where recorded, sets the domestic
    obstacle rather than the governing party's seats (docs/models/formation.md)."""
    from foedus.interests import compute_interests
    from foedus.scenarios import build_case
    from foedus.scenarios.loader import load_scenario_text

    states = ("states: [{iso3: USA, facts: {ratification_threshold: {value: 0.667, source: test}, "
              "government_seat_share: {value: 0.5, source: test}EXTRA}}, {iso3: JPN}, "
              "{iso3: PHL}, {iso3: CHN}]")
    games = []
    for extra in ("", ", legislative_support: {value: 0.9, source: test}"):
        text = SCOPE_SCENARIO.replace("states: [{iso3: USA}, {iso3: JPN}, {iso3: PHL}, {iso3: CHN}]",
                                      states.replace("EXTRA", extra))
        assert text != SCOPE_SCENARIO
        case = build_case(load_scenario_text(text, "domestic-test.yaml"))
        games.append(build_game(case, "narrow", compute_interests(case.world)))
    usa = games[0].index("USA")
    assert games[0].domestic[usa] == pytest.approx(0.167)    # seat-share shortfall
    assert games[1].domestic[usa] == 0.0                     # support above the threshold
