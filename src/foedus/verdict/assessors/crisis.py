"""The claims the crisis model (who would fight?) speaks to.

Each claim becomes a per-draw proposition evaluated on the crisis Monte Carlo (``DRAWS``
draws, common to every crisis, design and counterfactual). Its share ``p`` over the draws
gives the verdict (:func:`foedus.verdict.registry.measure_verdict`); the parameter with the
largest first-order sensitivity index on the proposition is named as evidence. The measure's
``evaluate`` hook solves the same equilibria at any parameter vectors (every crisis parameter
is a column) and on any case of the scenario.

Claims are assessed only where the scenario has what they need (the states, a crisis of the
right kind, the designs), so other scenarios simply get fewer assessments.

- AC30 / AC41: Japan / South Korea depend on US protection - in each crisis where it is the
  target, its side's chance of prevailing falls by at least 10 points without the US and is
  below one half.
- AC31: collective defence does not change Japan's dependence - the same under every design
  that adds a collective-defence treaty, and removing the US moves Japan's chance more than
  any design does.
- AC48 (Ishiba wants Taiwan in the bloc): an intention the model cannot test; the assessment
  is marked untestable and reports what Taiwan's membership would change (P(deterred) in each
  Taiwan contingency under ``ishiba`` against ``ishiba-no-taiwan``).
- AC49: East and Southeast Asian states do not agree on forcibly protecting Taiwan - in each
  Taiwan contingency, fewer than half of the regional states fight with probability > 1/2.
- AC50: Australia would hesitate over Taiwan - its P(fight) is below one half and not above
  the US's or Japan's (by more than two points) in every Taiwan contingency.
- AC51: South Korea is vulnerable to Chinese reprisals - its participation (P(fight for
  Taiwan) + P(support Taiwan)) in each Taiwan contingency falls when the coercion cost is
  switched on (against ``crisis_trade_cost = 0``).
- AC52: Manila would not fight for Taiwan - the Philippines' P(fight) is below one half in
  every Taiwan contingency (in its own South China Sea crisis it is the target and fights).
"""

from __future__ import annotations

import itertools

import numpy as np

from foedus.interests.indicators import DYAD_READS, STATE_READS
from foedus.models.crisis.inputs import DOMESTIC_FACTS
from foedus.verdict.registry import (
    ClaimAssessment,
    Measure,
    ParameterRows,
    Verdict,
    measure_verdict,
    register_assessor,
)

FAMILY = "crisis"
DRAWS = 300
CLAIMS = ("AC30", "AC31", "AC41", "AC48", "AC49", "AC50", "AC51", "AC52")
WITH_TAIWAN, WITHOUT_TAIWAN = "ishiba", "ishiba-no-taiwan"
TOLERANCE = 0.02    # "lower than": by more than two points, or both near zero
REGIONAL = ("JPN", "KOR", "PHL", "THA", "MYS", "SGP", "IDN", "VNM")



class _Solver:
    """Equilibria of (crisis, design) on one case at one set of parameter rows."""

    def __init__(self, case, ints, theta):
        self.case, self.ints, self.theta = case, ints, theta
        self._cache: dict = {}

    def eq(self, crisis: str, design: str, without: tuple[str, ...] = (), theta=None,
           key: str = ""):
        from foedus.models.crisis.equilibrium import solve_equilibrium
        from foedus.models.crisis.inputs import crisis_inputs

        k = (crisis, design, without, key)
        if k not in self._cache:
            inp = crisis_inputs(self.case, crisis, design, interests=self.ints,
                                excluded=without)
            self._cache[k] = (inp, solve_equilibrium(inp, self.theta if theta is None else theta,
                                                     tol=1e-3))
        return self._cache[k]

    def p_fight(self, crisis, design, state, **kw) -> np.ndarray:
        inp, eq = self.eq(crisis, design, **kw)
        return eq.q[:, inp.index(state), 0].astype(float)

    def participation(self, crisis, design, state, **kw) -> np.ndarray:
        inp, eq = self.eq(crisis, design, **kw)
        return eq.q[:, inp.index(state), :2].sum(axis=1).astype(float)

    def p_target(self, crisis, design, without=()) -> np.ndarray:
        return self.eq(crisis, design, tuple(without))[1].p_target


class _Runs:
    """The Monte Carlo draws and the solvers of the measures' hook."""

    def __init__(self, case, rng):
        from foedus.interests import compute_interests
        from foedus.models.crisis.montecarlo import baseline_design, sample_parameters
        from foedus.models.crisis.params import parameter_names

        self.case = case
        # the case's parameters as they are (a parameter set, the scenario's, the defaults):
        # nothing is calibrated on the scenario's own crises
        self.theta, _, _ = sample_parameters(dict(case.parameters), DRAWS, rng)
        self.baseline = baseline_design(case)
        self.names = parameter_names()
        self.rows = ParameterRows(self.names, self.theta.T)
        self._solvers: dict = {}
        self._interests: dict = {}
        self.solver = _Solver(case, compute_interests(case.world), self.theta)
        self._solvers[(id(case), self.rows.digest())] = (case, self.solver)

    def solver_for(self, case, rows: ParameterRows) -> _Solver:
        from foedus.interests import compute_interests

        key = (id(case), rows.digest())
        if key not in self._solvers:
            if id(case) not in self._interests:
                self._interests[id(case)] = (case, compute_interests(case.world))
            theta = np.ascontiguousarray(rows.values.T)
            self._solvers[key] = (case, _Solver(case, self._interests[id(case)][1], theta))
        return self._solvers[key][1]

    def judge(self, claim: str, reading, evidence: str) -> ClaimAssessment:
        from foedus.models.crisis.params import parameter_names
        from foedus.models.crisis.sensitivity import first_order_indices

        def evaluate(case, rows):
            return np.asarray(reading(self.solver_for(case, rows)), dtype=float)

        holds = np.asarray(reading(self.solver), dtype=float)
        m = Measure(self.rows, holds, evaluate)
        verdict = measure_verdict(m.p)
        parameter = threshold = None
        where = ""
        if verdict is Verdict.DEPENDS:
            s = first_order_indices(self.theta, holds)
            k = int(np.argmax(s))
            parameter = parameter_names()[k]
            threshold = _crossing(self.theta[k], holds)
            where = (f"; it depends most on {parameter} (first-order index {s[k]:.2f})"
                     + (f", holding in most draws on one side of {threshold:.3g}"
                        if threshold is not None else ""))
        return ClaimAssessment(claim, FAMILY, verdict,
                               f"holds in {m.p:.0%} of {DRAWS} draws. {evidence}{where}",
                               parameter, threshold, {"p": m.p}, measure=m)


def _crossing(x: np.ndarray, y: np.ndarray, bins: int = 10) -> float | None:
    """Where the binned mean of ``y`` against ``x`` crosses 1/2 (None if it never does)."""
    order = np.argsort(x)
    edges = np.linspace(0, x.size, bins + 1).astype(int)
    centres = np.array([x[order[a:b]].mean() for a, b in itertools.pairwise(edges)])
    means = np.array([y[order[a:b]].mean() for a, b in itertools.pairwise(edges)])
    above = means > 0.5
    change = np.flatnonzero(above[1:] != above[:-1])
    return float(0.5 * (centres[change[0]] + centres[change[0] + 1])) if change.size else None


def _pct(x) -> str:
    return f"{float(np.mean(x)):.0%}"


def _crises(case, *, target=None, aggressor=None):
    return [c.id for c in case.crises
            if (target is None or c.target == target)
            and (aggressor is None or aggressor in c.aggressors)]


def _dependence(s: _Solver, crisis, design):
    with_us, without = s.p_target(crisis, design), s.p_target(crisis, design, ("USA",))
    return (with_us - without >= 0.10) & (without < 0.5), with_us, without


@register_assessor(FAMILY, CLAIMS,
                   state_facts=(*STATE_READS, *DOMESTIC_FACTS), dyad_facts=DYAD_READS,
                   parameters=("crisis_*",))
def assess_crisis(case, rng) -> list[ClaimAssessment]:
    """Crisis-model verdicts on the claims about who would fight."""
    states = set(case.world.iso3s)
    if not case.crises or "USA" not in states:
        return []
    runs = _Runs(case, rng)
    s0 = runs.solver
    out: list[ClaimAssessment] = []
    base = runs.baseline
    for claim, state in (("AC30", "JPN"), ("AC41", "KOR")):
        crises = _crises(case, target=state)
        if not crises:
            continue
        text = []
        for c in crises:
            _, w, wo = _dependence(s0, c, base)
            text.append(f"{c}: {state}'s side prevails with P={_pct(w)} with the US, "
                        f"{_pct(wo)} without")
        out.append(runs.judge(
            claim, lambda s, crises=crises: np.all([_dependence(s, c, base)[0] for c in crises],
                                                   axis=0),
            "; ".join(text) + f" ({base})"))
    treaty_designs = [d.id for d in case.designs if d.id != base and any(
        a.kind.value == "proposed_treaty" for a in case.agreements(d.id))]
    jpn = _crises(case, target="JPN")
    if jpn and treaty_designs:
        def unchanged(s):
            holds = []
            for c in jpn:
                _, w_base, _ = _dependence(s, c, base)
                for d in treaty_designs:
                    h, w, wo = _dependence(s, c, d)
                    holds.append(h & (np.abs(w - wo) > np.abs(w - w_base)))
            return np.all(holds, axis=0)
        text = []
        for c in jpn:
            _, w_base, _ = _dependence(s0, c, base)
            for d in treaty_designs:
                _, w, wo = _dependence(s0, c, d)
                text.append(f"{c}/{d}: {_pct(w)} with the US, {_pct(wo)} without "
                            f"(status quo {_pct(w_base)})")
        out.append(runs.judge("AC31", unchanged, "; ".join(text)))
    taiwan = _crises(case, target="TWN", aggressor="CHN")
    designs = {d.id for d in case.designs}
    if taiwan and {WITH_TAIWAN, WITHOUT_TAIWAN} <= designs:
        text = []
        for c in taiwan:
            det = []
            for d in (WITH_TAIWAN, WITHOUT_TAIWAN):
                _, eq = s0.eq(c, d)
                det.append(eq.p_deterred)
            text.append(f"{c}: P(deterred) {_pct(det[0])} with Taiwan in the pact, "
                        f"{_pct(det[1])} without")
        out.append(ClaimAssessment(
            "AC48", FAMILY, Verdict.UNTESTABLE,
            "an intention, not testable by the crisis model; what Taiwan's membership would "
            "change: " + "; ".join(text)))
    regional = [s for s in REGIONAL if s in states]
    if taiwan and regional:
        def disagree(s):
            return np.all([(np.column_stack([s.p_fight(c, base, x) for x in regional]) > 0.5)
                           .mean(axis=1) < 0.5 for c in taiwan], axis=0)
        text = [f"{c}: " + ", ".join(f"{x} {_pct(s0.p_fight(c, base, x))}" for x in regional)
                for c in taiwan]
        out.append(runs.judge("AC49", disagree, "P(fight) " + "; ".join(text) + f" ({base})"))
    if taiwan and {"AUS", "JPN"} <= states:
        def hesitates(s):
            holds = []
            for c in taiwan:
                aus, usa, jpn_ = (s.p_fight(c, base, x) for x in ("AUS", "USA", "JPN"))
                holds.append((aus < 0.5) & (aus <= np.minimum(usa, jpn_) + TOLERANCE))
            return np.all(holds, axis=0)
        text = [f"{c}: " + ", ".join(f"{x} {_pct(s0.p_fight(c, base, x))}"
                                     for x in ("AUS", "USA", "JPN")) for c in taiwan]
        out.append(runs.judge("AC50", hesitates, "P(fight) " + "; ".join(text) + f" ({base})"))
    if taiwan and "KOR" in states:
        from foedus.models.crisis.params import parameter_names

        trade = parameter_names().index("crisis_trade_cost")

        def falls(s):
            free = s.theta.copy()
            free[trade] = 0.0
            return np.all([s.participation(c, base, "KOR")
                           < s.participation(c, base, "KOR", theta=free, key="no-coercion") - 1e-3
                           for c in taiwan], axis=0)
        free = s0.theta.copy()
        free[trade] = 0.0
        text = [f"{c}: KOR {_pct(s0.participation(c, base, 'KOR'))} with the coercion cost, "
                f"{_pct(s0.participation(c, base, 'KOR', theta=free, key='no-coercion'))} "
                "without" for c in taiwan]
        out.append(runs.judge("AC51", falls,
                              "P(fight or support) " + "; ".join(text) + f" ({base})"))
    if taiwan and "PHL" in states:
        text = [f"{c}: PHL {_pct(s0.p_fight(c, base, 'PHL'))}" for c in taiwan]
        out.append(runs.judge(
            "AC52", lambda s: np.all([s.p_fight(c, base, "PHL") < 0.5 for c in taiwan], axis=0),
            "P(fight) " + "; ".join(text) + f" ({base}); in its own South China Sea crisis "
            "the Philippines is the target and fights"))
    return out
