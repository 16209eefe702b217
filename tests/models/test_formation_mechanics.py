"""Mechanics of the membership model: each term moves the way its source says it should
(docs/models/formation.md)."""

from __future__ import annotations

import dataclasses
import textwrap

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foedus.models.formation import (
    FORMATION_PARAMETERS,
    TERMS,
    VALUE_TERMS,
    FormationDraws,
    analyze,
    analyze_design,
    build_game,
    central_parameters,
    decision_terms,
    profile_table,
    profile_terms,
    sample_parameters,
    stable_profiles,
    value_terms,
)
from foedus.models.formation.testing import random_game
from foedus.models.formation.utility import profile_value


def _row(**fixed) -> np.ndarray:
    return central_parameters().replace(**fixed).values[0]


def _draws(n: int, seed: int = 0) -> FormationDraws:
    return sample_parameters(n, np.random.default_rng(seed))


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(2, 5),
       shape=st.sampled_from([{}, {"founders": (0,)}, {"fixed": (0,)}, {"binding": False}]))
def test_vectorised_terms_equal_the_reference_loops(seed, n, shape):
    game = random_game(n, seed=seed, **shape)
    draws = _draws(2, seed)
    terms = value_terms(game, profile_table(game), draws)
    for m in range(1 << n):
        members = {k for k in range(n) if m >> k & 1}
        for i in range(n):
            ref = profile_terms(game, draws.values[1], members, i)
            for t in VALUE_TERMS:
                assert terms[t][1, m, i] == pytest.approx(ref[t], abs=1e-12)


def test_decision_terms_sum_to_the_gain_from_joining():
    game = random_game(4, seed=5, founders=(0,))
    draws = _draws(3, 1)
    terms = decision_terms(game, draws)
    total = sum(terms[t] for t in TERMS)
    for d in range(3):
        for i in range(4):
            inside = profile_value(game, draws.values[d], set(range(4)), i)
            left = game.collapse(15 & ~(1 << i))
            outside = profile_value(game, draws.values[d], {k for k in range(4) if left >> k & 1}, i)
            assert total[d, i] == pytest.approx(inside - outside)


def test_no_threat_and_high_autonomy_cost_never_joins():
    game = random_game(6, seed=4)
    i = 2
    threat = game.threat.copy()
    threat[i] = 0.0
    autonomy = game.autonomy.copy()
    autonomy[i] = 1.0
    interest = game.interest.copy()
    interest[i] = 0.0                                      # and no stake in the others
    game = dataclasses.replace(game, threat=threat, autonomy=autonomy, interest=interest)
    draws = _draws(100, seed=1)
    profiles = stable_profiles(game, draws, method="numpy").profiles
    assert not any(m >> i & 1 for ms in profiles for m in ms)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(3, 5))
def test_a_strong_reliable_co_member_raises_security(seed, n):
    game = random_game(n, seed=seed)
    i, k = 0, n - 1
    treaty = game.new_treaty.copy()
    treaty[i, k] = 0.5
    game = dataclasses.replace(game, new_treaty=treaty)
    row = _row()
    others = set(range(1, n - 1))
    before = profile_terms(game, row, others | {i}, i)["security"]
    after = profile_terms(game, row, others | {i, k}, i)["security"]
    assert after > before
    reliable = _row(treaty_reliability=0.9)
    assert profile_terms(game, reliable, others | {i, k}, i)["security"] > \
        profile_terms(game, reliable, others | {i}, i)["security"]


def test_deterrence_adds_to_the_value_of_an_ally_for_a_weak_state():
    """Leeds (2003): a commitment lowers the probability of being attacked, not only the odds
    of losing; for a state that would lose alone (q near 1) the gain is larger with deterrence."""
    game = random_game(3, seed=2)
    own = game.own.copy()
    own[0] = 1e-4
    treaty = game.new_treaty.copy()
    treaty[0, 1] = 0.2
    game = dataclasses.replace(game, own=own, new_treaty=treaty, base_allied=np.zeros(3),
                               adhoc=np.zeros(3), base_allied_interest=np.zeros(3))
    without = profile_terms(game, _row(formation_deterrence_weight=0.0), {0, 1}, 0)["security"]
    with_ = profile_terms(game, _row(formation_deterrence_weight=1.0), {0, 1}, 0)["security"]
    assert with_ > without > 0


def test_the_patron_values_its_allies_security():
    """Altfeld & Bueno de Mesquita (1979): a state with an interest in k gains from k's
    protection even when its own security does not change."""
    game = random_game(3, seed=8)
    game = dataclasses.replace(game, threat=game.threat * np.array([[0.0], [1.0], [1.0]]))
    row = _row()
    terms = profile_terms(game, row, {0, 1, 2}, 0)
    assert terms["security"] == 0.0 and terms["allies"] > 0
    interest = game.interest.copy()
    interest[0] = 0.0
    assert profile_terms(dataclasses.replace(game, interest=interest), row, {0, 1, 2},
                         0)["allies"] == 0.0
    assert profile_terms(game, _row(formation_ally_security_weight=0.0), {0, 1, 2},
                         0)["allies"] == 0.0


def test_staying_out_while_partners_join_costs_security():
    """Snyder (1984): a state that abstains loses its partners' ad hoc support."""
    game = random_game(4, seed=9)
    row = _row()
    out = profile_terms(game, row, {1, 2, 3}, 0)
    assert out["security"] < 0                              # abandoned
    assert profile_terms(game, _row(formation_adhoc_support=0.0), {1, 2, 3},
                         0)["security"] == pytest.approx(0.0, abs=1e-15)
    # an outsider bears none of the members' costs
    assert all(out[t] == 0.0 for t in ("entrapment", "coercion", "autonomy", "distrust",
                                        "domestic"))


def test_a_treaty_adds_less_where_the_partner_would_help_anyway():
    """Support is the noisy-or of ad hoc interest and treaty obligation: the treaty's gain
    falls with the partner's interest in the state."""
    game = random_game(2, seed=1)
    row = _row(formation_adhoc_support=0.25)
    gains = []
    for iota in (0.0, 0.5, 1.0):
        interest = game.interest.copy()
        interest[1, 0] = iota
        g = dataclasses.replace(game, interest=interest, adhoc=np.array([iota * game.new_treaty[0, 1],
                                                                          game.adhoc[1]]))
        gains.append(profile_terms(g, row, {0, 1}, 0)["security"])
    assert gains[0] > gains[1] > gains[2]


def test_political_commitments_and_institutions_are_not_free():
    """A design without a defence clause: political entrapment at weight omega, and the
    autonomy cost of standing institutional commitments (docs/models/formation.md)."""
    game = random_game(4, seed=12, binding=False)
    game = dataclasses.replace(game, institution_count=np.array([3.0]))
    row = _row()
    terms = profile_terms(game, row, {0, 1, 2, 3}, 0)
    assert not game.binding and terms["entrapment"] < 0 and terms["autonomy"] < 0
    free = profile_terms(dataclasses.replace(game, institution_count=np.array([0.0])), row,
                         {0, 1, 2, 3}, 0)
    assert free["autonomy"] > terms["autonomy"]
    cheap = profile_terms(game, _row(formation_political_weight=0.0), {0, 1, 2, 3}, 0)
    assert cheap["entrapment"] == 0.0


def test_a_deterred_contingency_entraps_less():
    """The likelihood of a contingency is the attack probability the model predicts (q**tau):
    strengthening the target's defenders lowers the others' entrapment in it."""
    game = random_game(3, seed=14, crises=1)
    pairs = np.zeros((1, 3, 3), dtype=bool)
    pairs[0, 0, 1] = True                                  # 0 bound to defend 1
    game = dataclasses.replace(game, entrapment_pairs=pairs, political_pairs=~pairs & False,
                               crisis_target=np.array([1]), entrapment_cost=np.full((1, 3), 0.3))
    row = _row(formation_deterrence_weight=1.0)
    weak = profile_terms(game, row, {0, 1}, 0)["entrapment"]
    treaty = game.new_treaty.copy()
    treaty[1, 2] = 0.5                                     # a strong third defender of 1
    strong = profile_terms(dataclasses.replace(game, new_treaty=treaty), row, {0, 1, 2},
                           0)["entrapment"]
    assert weak < strong < 0


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
    e_narrow = profile_terms(narrow, row, everyone, j)["entrapment"]
    e_wide = profile_terms(wide, row, everyone, j)["entrapment"]
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
    terms = [profile_terms(game, row, set(range(size)), 0)["distrust"] for size in range(2, n + 1)]
    assert all(-delta < t < 0 for t in terms)
    # each term is delta x (the co-members' share of the defending capability)
    for size, t in zip(range(2, n + 1), terms):
        allies = game.dependence[0, 1:size].sum()
        assert t == pytest.approx(-delta * allies / (game.dependence[0, 0] + allies))
    # a co-member that brings no capability costs nothing; a stronger one costs more
    dependence = game.dependence.copy()
    dependence[0, 4] = 0.0
    weak = dataclasses.replace(game, dependence=dependence)
    assert profile_terms(weak, row, {0, 1, 2, 3, 4}, 0)["distrust"] == \
        pytest.approx(profile_terms(weak, row, {0, 1, 2, 3}, 0)["distrust"])
    dependence = game.dependence.copy()
    dependence[0, 1] *= 10
    strong = dataclasses.replace(game, dependence=dependence)
    assert profile_terms(strong, row, {0, 1}, 0)["distrust"] < \
        profile_terms(game, row, {0, 1}, 0)["distrust"]
    # the vectorised table agrees with the loop
    table = profile_table(game)
    vector = value_terms(game, table, central_parameters())["distrust"][0]
    for m in (3, 7, 15, 31):
        members = {k for k in range(n) if m >> k & 1}
        assert vector[m, 0] == pytest.approx(profile_terms(game, row, members, 0)["distrust"])


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


# ----------------------------------------------------------------------------- accession
@pytest.fixture(scope="module")
def accession1951():
    from foedus.scenarios import build_case, load_scenario

    return build_case(load_scenario("nato-accession-1951"))


def test_an_accession_counts_the_incumbents_guarantees_to_the_newcomer(accession1951):
    from foedus.interests import compute_interests

    game = build_game(accession1951, "enlargement", compute_interests(accession1951.world))
    assert set(game.fixed) == {"USA", "CAN", "GBR", "FRA", "BEL", "NLD", "LUX", "NOR", "DNK",
                               "ISL", "ITA", "PRT"}
    assert game.founders == () and game.contingencies == "derived"
    grc, usa, gbr = game.index("GRC"), game.index("USA"), game.index("GBR")
    assert game.new_treaty[grc, usa] > 0                 # the US newly owes Greece defence
    assert game.new_treaty[usa, grc] > 0                 # and Greece the US
    assert game.new_treaty[usa, gbr] == 0                # incumbents' ties are the baseline
    assert game.distrust[usa, gbr] == 0 and game.institution_new[:, usa].sum() == 0


def test_incumbents_veto_a_newcomer_that_costs_them():
    """Under unanimity an incumbent worse off with the newcomer vetoes it (NATO Art. 10)."""
    game = random_game(3, seed=30, fixed=(0, 1))
    row = _row(formation_cost_collective_defence=0.0)   # the newcomer's own obligation is free
    pairs = np.zeros_like(game.entrapment_pairs)
    pairs[:, 0, 2] = True                                # incumbent 0 bound to defend 2 ...
    cost = np.zeros_like(game.entrapment_cost)
    cost[:, 0] = 5.0                                     # ... at a high cost to it
    own = game.own.copy()
    own[2] = 1e-4                                        # the newcomer gains much protection
    game = dataclasses.replace(game, entrapment_pairs=pairs, entrapment_cost=cost,
                               political_pairs=np.zeros_like(pairs), own=own,
                               distrust=np.zeros_like(game.distrust), domestic=np.zeros(3),
                               institution_count=np.zeros(1), exposure=game.exposure * 0,
                               crisis_target=np.array([2, 2, 2]))
    assert profile_value(game, row, {0, 1, 2}, 2) > profile_value(game, row, {0, 1}, 2)
    assert profile_value(game, row, {0, 1, 2}, 0) < profile_value(game, row, {0, 1}, 0)
    draws = FormationDraws(row[None, :])
    assert stable_profiles(game, draws, method="loop").profiles == ((0b011,),)
    opened = dataclasses.replace(game, admission="open")
    assert stable_profiles(opened, draws, method="loop").profiles == ((0b111,),)


def test_derived_contingencies_attack_every_state_by_every_non_allied_adversary():
    """A case without crises: every state of the game is attacked by every adversary that
    threatens it and is not its treaty ally (docs/models/formation.md)."""
    from foedus.interests import compute_interests
    from foedus.scenarios import build_case, load_scenario

    case = build_case(load_scenario("seato-1954"))
    case = dataclasses.replace(case, crises=())
    ints = compute_interests(case.world)
    game = build_game(case, "manila-pact", ints)
    assert game.contingencies == "derived"
    assert "USA" not in game.adversaries and {"CHN", "RUS"} <= set(game.adversaries)
    attacked = {c.split("->")[1] for c in game.crises}
    assert attacked <= set(game.states)
    phl, rus = game.index("PHL"), game.adversaries.index("RUS")
    assert game.threat[phl, rus] == ints.threat[ints.index("PHL"), ints.index("RUS")]
