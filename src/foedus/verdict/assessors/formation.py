"""The claims the membership (formation) model speaks to.

Each claim is a measure in [0, 1] per parameter vector (the share of the vector's stable
member sets, or an indicator, for which the proposition holds). The Monte Carlo draws cover
the formation parameters and the interests layer's weights (``INTEREST_SAMPLES`` samples of
the weights, each shared by a block of the draws); the mean of the measure over the draws
gives the verdict (:func:`foedus.verdict.registry.measure_verdict`). The measure's
``evaluate`` hook re-solves the membership games at any parameter vectors (grouped by their
interests weights) and on any case of the scenario, which the verdict machinery uses for the
deciding facts and the joint flip search.

Where a measure rests on a term whose sign the model fixes (a term that is never positive in
any draw, design or state; a design that carries none of a class of cost terms in any draw),
the assessment says so (``Measure.structural``) and the claim is reported as holding by
construction.

Claims that name designs (``ishiba``, ``ishiba-no-taiwan``, ...) are assessed only in
scenarios that have them; the proposition tested for each claim is written in the scenario's
``testable-claims.csv``.
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np

from foedus.interests.indicators import DYAD_READS, STATE_READS
from foedus.models.formation.game import DOMESTIC_FACTS
from foedus.verdict.registry import (
    ClaimAssessment,
    Measure,
    ParameterRows,
    Verdict,
    measure_verdict,
    register_assessor,
)

FAMILY = "formation"
#: Monte Carlo draws used by the verdict (seeded by the verdict's generator), split evenly
#: among samples of the interests layer's weights.
DRAWS = 400
INTEREST_SAMPLES = 20

WITH_TAIWAN, WITHOUT_TAIWAN = "ishiba", "ishiba-no-taiwan"
LATTICE = "minilateral-lattice"
CLAIMS = ("AC10", "AC14", "AC15", "AC17", "AC19", "AC43", "AC45", "AC48", "AC49", "AC50",
          "AC51", "AC52", "AC59")
#: Scenario facts read by the interests layer (which the formation and crisis models use).
INTEREST_STATE_FACTS, INTEREST_DYAD_FACTS = STATE_READS, DYAD_READS
#: Cost terms a design may lack entirely (checked on the term arrays, never assumed).
COST_TERMS = ("entrapment", "autonomy", "domestic")


@functools.cache
def _interest_names() -> tuple[str, ...]:
    from foedus.scenarios.parameters import known_parameters

    return tuple(sorted(n for n, i in known_parameters().items() if i.family == "interests"))


def _names() -> tuple[str, ...]:
    from foedus.models.formation.params import FORMATION_PARAMETERS

    return (*FORMATION_PARAMETERS, *_interest_names())


class _Stacked:
    """Per-row results of one design gathered from several interests groups (the part of a
    :class:`~foedus.models.formation.analysis.DesignResult` the measures read)."""

    def __init__(self, game, profiles, utility, terms):
        self.game, self.states = game, game.states
        self.draw_profiles, self.proposal_utility = profiles, utility
        self.proposal_draw_terms = terms

    def share(self, predicate) -> np.ndarray:
        seen: dict[int, bool] = {}

        def holds(m: int) -> bool:
            if m not in seen:
                seen[m] = bool(predicate(self.game.members(m)))
            return seen[m]
        return np.array([np.mean([holds(m) for m in (ms or (0,))])
                         for ms in self.draw_profiles])

    def member_count(self) -> np.ndarray:
        return np.array([np.mean([m.bit_count() for m in ms]) if ms else 0.0
                         for ms in self.draw_profiles])


class _Evaluator:
    """Membership games solved at parameter rows (formation + interests columns), cached per
    (case, rows, design, variant). ``variants`` maps a name to ``game -> modified game``."""

    def __init__(self, variants):
        self.variants = variants
        self._interests: dict = {}
        self._games: dict = {}
        self._results: dict = {}

    def interests(self, case, weights: tuple[float, ...]):
        from foedus.interests import InterestWeights, compute_interests

        key = (id(case), weights)
        if key not in self._interests:
            values = dict(zip(_interest_names(), weights))
            self._interests[key] = (case, compute_interests(
                case.world, weights=InterestWeights.from_parameters(values)))
        return self._interests[key][1]

    def game(self, case, design: str, weights: tuple[float, ...], variant: str = ""):
        from foedus.models.formation.game import build_game

        key = (id(case), design, weights, variant)
        if key not in self._games:
            shared = self._games.setdefault(("legal", id(case)), (case, {}))[1]
            game = build_game(case, design, self.interests(case, weights), cache=shared)
            self._games[key] = self.variants[variant](game) if variant else game
        return self._games[key]

    def seed(self, case, rows: ParameterRows, design: str, result, variant: str = "") -> None:
        """Store an analysis already made on exactly these rows (the Monte Carlo)."""
        self._results[(id(case), rows.digest(), design, variant)] = (case, result)

    def result(self, case, rows: ParameterRows, design: str, variant: str = ""):
        """Per-row stable member sets and proposal terms of ``design`` (the same model calls
        as :func:`~foedus.models.formation.analysis.analyze_design`, without its summaries)."""
        from foedus.models.formation.analysis import decide
        from foedus.models.formation.equilibrium import stable_profiles
        from foedus.models.formation.params import FORMATION_PARAMETERS, FormationDraws
        from foedus.models.formation.utility import decision_terms

        key = (id(case), rows.digest(), design, variant)
        if key in self._results:
            return self._results[key][1]
        k = len(FORMATION_PARAMETERS)
        weights, group = np.unique(rows.values[:, k:], axis=0, return_inverse=True)
        group = group.ravel()
        profiles: list = [()] * len(rows)
        utility, terms, game = None, {}, None
        for g, w in enumerate(weights):
            index = np.flatnonzero(group == g)
            game_g = self.game(case, design, tuple(float(x) for x in w), variant)
            game = game or game_g
            draws = FormationDraws(rows.values[index, :k])
            found = []
            for start in range(0, len(draws), 500):
                found.extend(stable_profiles(game_g, FormationDraws(
                    draws.values[start:start + 500])).profiles)
            proposal = decision_terms(game_g, draws)       # facing the full proposal
            u, _ = decide(proposal)
            if utility is None:
                utility = np.zeros((len(rows), u.shape[1]))
                terms = {t: np.zeros_like(utility) for t in proposal}
            utility[index] = u
            for t, v in proposal.items():
                terms[t][index] = v
            for row, ms in zip(index, found):
                profiles[row] = ms
        out = _Stacked(game, tuple(profiles), utility, terms)
        self._results[key] = (case, out)
        return out


def _pct(x: float) -> str:
    return f"{x:.0%}"


def _decider(result, state: str) -> str:
    row = result.deciders.loc[state]
    return f"{row.idxmax()} ({row.max():.0%} of draws)"


def _no_distrust(pair):
    def modify(game):
        if not set(pair) <= set(game.states):
            return game
        j, k = (game.states.index(s) for s in pair)
        trust = game.distrust.copy()
        trust[j, k] = trust[k, j] = 0.0
        return dataclasses.replace(game, distrust=trust)
    return modify


class _Runs:
    """The Monte Carlo analyses of the designs the claims need, and the measures' hooks."""

    def __init__(self, case, rng):
        from foedus.interests import InterestWeights, compute_interests
        from foedus.models.formation.analysis import central_interests
        from foedus.models.formation.params import sample_parameters
        from foedus.scenarios.parameters import known_parameters

        params = case.parameters
        self.case = case
        self.interests = central_interests(case)
        self.mc = sample_parameters(DRAWS, rng, params)
        registry = known_parameters()
        names = _interest_names()
        columns = np.column_stack([
            np.asarray((params.get(n) or registry[n].default).sample(rng, INTEREST_SAMPLES),
                       dtype=float) for n in names])
        self.interest_samples = [compute_interests(case.world, weights=InterestWeights
                                                   .from_parameters(dict(zip(names, row))))
                                 for row in columns]
        block = np.zeros(DRAWS, dtype=int)
        for b, rows in enumerate(np.array_split(np.arange(DRAWS), INTEREST_SAMPLES)):
            block[rows] = b
        self.rows = ParameterRows(_names(), np.column_stack([self.mc.values, columns[block]]))
        self.evaluator = _Evaluator({"no JPN-KOR distrust": _no_distrust(("JPN", "KOR"))})
        self._cache: dict = {}
        self.binding = [d.id for d in case.designs
                        if not d.is_status_quo and self.result(d.id).game.binding]

    def has(self, *designs: str) -> bool:
        ids = {d.id for d in self.case.designs}
        return all(d in ids for d in designs)

    def result(self, design: str, variant: str = ""):
        """The Monte Carlo analysis of ``design`` (``variant``: a counterfactual game)."""
        from foedus.models.formation.analysis import analyze_design

        key = (design, variant)
        if key not in self._cache:
            if variant:
                self._cache[key] = self.evaluator.result(self.case, self.rows, design, variant)
            else:
                r = analyze_design(self.case, design, draws=self.mc,
                                   interests=self.interest_samples)
                self.evaluator.seed(self.case, self.rows, design, r)
                self._cache[key] = r
        return self._cache[key]

    def measure(self, reading, structural: str = "") -> Measure:
        """``reading(view) -> (N,) values``, ``view(design, variant="")`` the per-row results."""
        def evaluate(case, rows):
            return np.asarray(reading(lambda d, v="": self.evaluator.result(case, rows, d, v)),
                              dtype=float)
        values = np.asarray(reading(lambda d, v="": self.result(d, v)), dtype=float)
        return Measure(self.rows, values, evaluate, structural)

    def judge(self, claim: str, reading, evidence: str, *, structural: str = "",
              aspect: str = "") -> ClaimAssessment:
        m = self.measure(reading, structural)
        return ClaimAssessment(claim, FAMILY, measure_verdict(m.p),
                               f"holds in {m.p:.0%} of {len(self.rows)} draws. {evidence}",
                               numbers={"p": m.p}, measure=m, aspect=aspect)

    def never_positive(self, term: str) -> bool:
        """True when ``term`` is <= 0 for every state in every draw of every design analysed."""
        return all(float(np.max(r.proposal_draw_terms[term])) <= 0.0
                   for (d, v), r in self._cache.items() if not v
                   and getattr(r, "proposal_draw_terms", None))

    def absent_terms(self, design: str) -> list[str]:
        """The cost terms that are zero for every state in every draw of ``design``."""
        terms = self.result(design).proposal_draw_terms
        return [t for t in COST_TERMS if not np.any(terms[t])]


@register_assessor(FAMILY, CLAIMS,
                   state_facts=(*DOMESTIC_FACTS, *INTEREST_STATE_FACTS),
                   dyad_facts=INTEREST_DYAD_FACTS,
                   parameters=("treaty_reliability", "formation_*", "interests_*"))
def assess_formation(case, rng) -> list[ClaimAssessment]:
    """Formation-model verdicts on the flagship's membership claims."""
    if not any(not d.is_status_quo for d in case.designs):
        return []
    runs = _Runs(case, rng)
    out: list[ClaimAssessment] = []
    binding = runs.binding

    if runs.has(WITH_TAIWAN):
        r = runs.result(WITH_TAIWAN)
        everyone = set(r.states)
        most = next(iter(r.member_sets))
        out.append(runs.judge(
            "AC10", lambda v: v(WITH_TAIWAN).share(lambda m: set(m) != everyone),
            f"P(all {len(everyone)} join)={_pct(r.p_full)}, P(any Ishiba alliance)="
            f"{_pct(r.p_forms)}, most likely outcome: {' '.join(most) or 'no alliance'}"))
        if "USA" in r.states:
            k = r.states.index("USA")
            t = r.proposal_terms.loc["USA"]
            out.append(runs.judge(
                "AC14", lambda v: (v(WITH_TAIWAN).proposal_utility[:, k] <= 0).astype(float),
                f"US utility facing the full proposal: mean {t.utility:+.3f} (security "
                f"{t.security:+.3f}, stake in allies {t.allies:+.3f}, entrapment "
                f"{t.entrapment:+.3f}, autonomy {t.autonomy:+.3f}, distrust {t.distrust:+.3f});"
                f" decided by {_decider(r, 'USA')}; founders: {', '.join(r.game.founders)}"))
    four = {"IND", "AUS", "KOR", "PHL"}
    if binding and all(four <= set(runs.result(d).states) for d in binding):
        out.append(runs.judge(
            "AC15", lambda v: np.min([v(d).share(lambda m: not four <= set(m))
                                      for d in binding], axis=0),
            "binding designs: " + ", ".join(
                f"{d} P(all four in)="
                f"{_pct(1 - runs.result(d).share(lambda m: not four <= set(m)).mean())}"
                for d in binding)))
    if binding and all("IND" in runs.result(d).states for d in binding):
        k_ind = {d: runs.result(d).states.index("IND") for d in binding}
        ind = ", ".join(f"{d} {_pct((runs.result(d).proposal_utility[:, k_ind[d]] > 0).mean())}"
                        for d in binding)
        doctrine = case.world.states["IND"].value("nonalignment_doctrine")
        out.append(runs.judge(
            "AC17", lambda v: np.min([(v(d).proposal_utility[:, k_ind[d]] <= 0)
                                      for d in binding], axis=0).astype(float),
            f"P(India would accept the full proposal): {ind}; P(India is in a stable "
            f"alliance): " + ", ".join(
                f"{d} {_pct(runs.result(d).join_probability[k_ind[d]])}" for d in binding)
            + f"; India's choice facing {binding[0]} decided by "
            f"{_decider(runs.result(binding[0]), 'IND')}; non-alignment doctrine fact: "
            f"{doctrine if doctrine is not None else 'not in the scenario'}"))
    if runs.has(LATTICE) and binding:
        lat = runs.result(LATTICE)
        absent = [t for t in runs.absent_terms(LATTICE)
                  if all(np.any(runs.result(d).proposal_draw_terms[t]) for d in binding)]
        lopsided = (f"in every draw the {LATTICE} design carries no {', '.join(absent)} term "
                    "for any state while every binding design does: the comparison is "
                    "one-sided by the model's structure" if absent else "")

        def more(v):
            best = np.max([v(d).member_count() for d in binding], axis=0)
            return (v(LATTICE).member_count() > best).astype(float)
        out.append(runs.judge(
            "AC19", more, f"expected members: lattice {lat.join_probability.sum():.2f}; "
            + ", ".join(f"{d} {runs.result(d).join_probability.sum():.2f}" for d in binding),
            structural=lopsided))
        if "JPN" in lat.states:
            def japan(v):
                best = np.max([v(d).share(lambda m: "JPN" in m) for d in binding], axis=0)
                return (v(LATTICE).share(lambda m: "JPN" in m) > best).astype(float)
            out.append(runs.judge(
                "AC59", japan,
                f"P(Japan in the lattice)={_pct(lat.join_probability[lat.states.index('JPN')])}"
                "; in binding designs: " + ", ".join(
                    f"{d} {_pct(runs.result(d).join_probability[runs.result(d).states.index('JPN')])}"
                    for d in binding if "JPN" in runs.result(d).states), structural=lopsided))
    _affinity(runs, out)
    _pair(runs, out, binding)
    _taiwan(runs, out)
    _korea(runs, out, binding)
    return out


def _affinity(runs, out) -> None:
    """AC43: negative affinity JPN-KOR in the interests layer, over its weight draws."""
    from foedus.interests import InterestWeights, compute_interests

    ints = runs.interests
    if not {"JPN", "KOR"} <= set(ints.states):
        return
    j, k = ints.index("JPN"), ints.index("KOR")
    cache: dict = {}

    def reading(case, rows):
        out = []
        for w in rows.values[:, -len(_interest_names()):]:
            key = (id(case), tuple(w))
            if key not in cache:
                found = compute_interests(case.world, weights=InterestWeights.from_parameters(
                    dict(zip(_interest_names(), w))))
                cache[key] = (case, float(found.affinity[found.index("JPN"),
                                                         found.index("KOR")] < 0))
            out.append(cache[key][1])
        return np.array(out)

    names = _interest_names()
    rows = ParameterRows(names, runs.rows.values[:, -len(names):])
    m = Measure(rows, reading(runs.case, rows), reading)
    a = float(ints.affinity[j, k])
    enmity = ints.components.get("enmity")
    detail = f"; enmity component {float(enmity[j, k]):.2f}" if enmity is not None else ""
    out.append(ClaimAssessment(
        "AC43", FAMILY, measure_verdict(m.p),
        f"affinity JPN-KOR < 0 in {m.p:.0%} of {len(rows)} draws of the interests weights; "
        f"{a:+.3f} at the central weights ({ints.provenance.get('affinity', '')}){detail}; each "
        "pays a distrust cost for the other only if it is negative",
        numbers={"p": m.p, "affinity": a}, measure=m))


def _pair(runs, out, binding) -> None:
    """AC45: a tight bloc with both Japan and Korea (outcome) and their distrust (reason)."""
    pair = {"JPN", "KOR"}
    with_pair = [d for d in binding if pair <= set(runs.result(d).states)]
    if not with_pair:
        return
    first = with_pair[0]
    cf = "no JPN-KOR distrust"
    p_pair = 1 - runs.result(first).share(lambda m: not pair <= set(m)).mean()
    p_cf = 1 - runs.result(first, cf).share(lambda m: not pair <= set(m)).mean()
    out.append(runs.judge(
        "AC45", lambda v: np.min([v(d).share(lambda m: not pair <= set(m)) for d in with_pair],
                                 axis=0),
        f"outcome - {first}: P(a stable bloc with both JPN and KOR)={_pct(p_pair)}; JPN "
        f"decided by {_decider(runs.result(first), 'JPN')}, KOR by "
        f"{_decider(runs.result(first), 'KOR')}", aspect="outcome"))
    out.append(runs.judge(
        "AC45", lambda v: (v(first, cf).share(lambda m: pair <= set(m))
                           > v(first).share(lambda m: pair <= set(m))).astype(float),
        f"reason - removing the JPN-KOR distrust raises the chance of a stable bloc with "
        f"both (in the draws where it holds); over all draws P goes from {_pct(p_pair)} to "
        f"{_pct(p_cf)}", aspect="reason"))


def _taiwan(runs, out) -> None:
    """AC48-AC50, AC52: the design with and without Taiwan."""
    if not runs.has(WITH_TAIWAN, WITHOUT_TAIWAN):
        return
    a, b = runs.result(WITH_TAIWAN), runs.result(WITHOUT_TAIWAN)
    out.append(ClaimAssessment(
        "AC48", FAMILY, Verdict.UNTESTABLE,
        f"a claim about Ishiba's intent; for both readings: P(any alliance) with Taiwan "
        f"{_pct(a.p_forms)}, without {_pct(b.p_forms)}; mean acceptance of the full "
        f"proposal with Taiwan {a.proposal_terms.p_accepts.mean():.0%}, without "
        f"{b.proposal_terms.p_accepts.mean():.0%}"))
    common = [s for s in b.states if s in a.states and s not in ("TWN",)
              and s not in a.game.founders[:1]]
    ia = [a.states.index(s) for s in common]
    ib = [b.states.index(s) for s in common]

    def lower(v):
        ua = v(WITH_TAIWAN).proposal_utility[:, ia]
        ub = v(WITHOUT_TAIWAN).proposal_utility[:, ib]
        return ((ua < ub).mean(axis=1) > 0.5).astype(float)
    drop = (a.proposal_utility[:, ia] < b.proposal_utility[:, ib]).mean(axis=0)
    out.append(runs.judge(
        "AC49", lower, "share of draws in which adding Taiwan lowers each state's utility: "
        + ", ".join(f"{s} {_pct(x)}" for s, x in zip(common, drop))))
    ints = runs.interests
    if "AUS" in a.states:
        k = a.states.index("AUS")
        coercion = float(a.proposal_terms.loc["AUS", "coercion"])
        known = bool(ints.exposure_known[ints.index("AUS"), ints.index("CHN")]) \
            if "CHN" in ints.states else False
        out.append(runs.judge(
            "AC50", lambda v: v(WITH_TAIWAN).share(lambda m: "AUS" not in m),
            f"outcome - P(Australia declines {WITH_TAIWAN})={_pct(1 - a.join_probability[k])}"
            f"; decided by {_decider(a, 'AUS')}", aspect="outcome"))
        if not known:
            out.append(ClaimAssessment(
                "AC50", FAMILY, Verdict.UNTESTABLE,
                "reason - no AUS-CHN trade figure in the shipped data, so Australia's "
                f"coercion term is {coercion:+.3f} and the economic reason cannot be measured "
                "(a sourced `exposure_override` dyad fact would make it testable)",
                "exposure AUS->CHN (missing)", aspect="reason"))
        else:
            out.append(runs.judge(
                "AC50", lambda v: (v(WITH_TAIWAN).proposal_draw_terms["coercion"][:, k] < 0)
                .astype(float), f"reason - Australia's mean coercion term {coercion:+.3f}, "
                f"deciding in {float(a.deciders.loc['AUS', 'coercion']):.0%} of draws",
                structural=_signed(runs, "coercion"), aspect="reason"))
    if "PHL" in a.states and "PHL" in b.states:
        ka, kb = a.states.index("PHL"), b.states.index("PHL")
        out.append(runs.judge(
            "AC52", lambda v: (v(WITHOUT_TAIWAN).proposal_utility[:, kb]
                               > v(WITH_TAIWAN).proposal_utility[:, ka]).astype(float),
            f"PHL mean utility without Taiwan {b.proposal_terms.loc['PHL', 'utility']:+.3f}"
            f", with Taiwan {a.proposal_terms.loc['PHL', 'utility']:+.3f} (entrapment "
            f"{b.proposal_terms.loc['PHL', 'entrapment']:+.3f} vs "
            f"{a.proposal_terms.loc['PHL', 'entrapment']:+.3f})"))


def _signed(runs, term: str) -> str:
    return (f"the {term} term is never positive (every state, design and draw): a claim that "
            f"it is a cost holds whenever it is not zero" if runs.never_positive(term) else "")


def _korea(runs, out, binding) -> None:
    """AC51: Korea's expected cost of Chinese coercion if it joins."""
    target = next((d for d in (WITHOUT_TAIWAN, *binding) if runs.has(d)
                   and "KOR" in runs.result(d).states), None)
    if not target:
        return
    r = runs.result(target)
    k = r.states.index("KOR")
    coercion = r.proposal_draw_terms["coercion"][:, k]
    accept = (r.proposal_utility[:, k] > 0).mean()
    accept_free = ((r.proposal_utility[:, k] - coercion) > 0).mean()
    u_with, u_free = r.proposal_utility[:, k].mean(), (r.proposal_utility[:, k] - coercion).mean()
    out.append(runs.judge(
        "AC51", lambda v: (v(target).proposal_draw_terms["coercion"][:, k] < 0).astype(float),
        f"{target}: KOR coercion term mean {coercion.mean():+.3f} (exposure to CHN "
        f"{float(r.game.exposure[k].max()):.3f} of GDP, coercion history "
        f"{int(r.game.coercion_history[k].max())}); KOR mean utility {u_with:+.3f} with the "
        f"coercion cost, {u_free:+.3f} without; P(KOR accepts) {_pct(accept)} with, "
        f"{_pct(accept_free)} without", structural=_signed(runs, "coercion")))
