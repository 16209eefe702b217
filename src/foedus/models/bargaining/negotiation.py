"""A scenario's negotiation: inputs from the world and the ``negotiations:`` section, the
forecast with intervals over the uncertain positions and saliences, and who decides it.

:func:`negotiation_spec` gathers the inputs (capability from the world's headline indicator,
split with domestic actors by their sourced shares); :func:`sample_problems` draws positions,
saliences and shares; :func:`analyze` runs the chosen model on the central values and on every
draw and returns a :class:`NegotiationResult` with tidy tables: the forecast per issue (central
value and 5-95% interval), the design nearest to it, whether a collective-defence outcome is
reached, and each actor's weight in the forecast (standardised regression coefficients).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from foedus.errors import FoedusError
from foedus.models.bargaining.eu import EUParams, run_eu
from foedus.models.bargaining.params import SMPSwitches
from foedus.models.bargaining.problem import SpatialProblem
from foedus.models.bargaining.simulate import SMPResult, run_smp, run_smp_draws

__all__ = [
    "NegotiationResult",
    "NegotiationSpec",
    "analyze",
    "central_problem",
    "nearest_design",
    "negotiation_spec",
    "sample_problems",
    "scan_position",
]


@dataclass(frozen=True, eq=False)
class NegotiationSpec:
    """Everything a bargaining model needs from one negotiation of a scenario."""

    id: str
    name: str
    issues: tuple            # IssueEntry objects
    actors: tuple[str, ...]
    labels: tuple[str, ...]
    base_capability: np.ndarray   # capability of each actor's state (or own), before shares
    share_of: tuple              # per actor: (index of the state actor, share dist) or None
    positions: tuple             # per actor: tuple of Distribution per issue (0-100)
    saliences: tuple             # per actor: dict issue index -> Distribution
    emphasis: tuple              # per actor: issue index or None
    design_points: dict          # design id -> {issue index: value}
    collective: tuple | None     # (issue index, threshold)
    switches: SMPSwitches
    model: str
    capability_source: str

    @property
    def issue_ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.issues)


def _indicator(state, name: str, negotiation_id: str) -> tuple[float, str]:
    indicator = state.indicators.get(name)
    if indicator is None or not np.isfinite(indicator.value) or indicator.value <= 0:
        raise FoedusError(f"negotiation {negotiation_id}: state {state.iso3} has no {name} "
                          "figure for its capability; give it a domestic-actor `capability:` "
                          "or choose another `capability:` indicator")
    return float(indicator.value), f"{indicator.source} ({indicator.data_year})"


def negotiation_spec(case, negotiation: str | None = None) -> NegotiationSpec:
    """The inputs of negotiation ``negotiation`` (default: the scenario's first).

    Examples
    --------
    >>> from foedus.scenarios import build_case, load_scenario
    >>> spec = negotiation_spec(build_case(load_scenario("asian-nato-2024")))
    >>> spec.issue_ids[:2], "USA" in spec.actors
    (('obligation_depth', 'taiwan_in_scope'), True)
    """
    entries = case.scenario.model.negotiations
    if not entries:
        raise FoedusError(f"scenario {case.scenario.id} has no `negotiations:` section")
    if negotiation is None:
        entry = entries[0]
    else:
        found = [e for e in entries if e.id == negotiation]
        if not found:
            raise FoedusError(f"unknown negotiation {negotiation!r}; this scenario has "
                              f"{', '.join(e.id for e in entries)}")
        entry = found[0]
    issue_index = {issue.id: k for k, issue in enumerate(entry.issues)}
    domestic = {d.id: d for d in entry.domestic_actors}
    actors = tuple(a.id for a in entry.actors)
    index = {a: i for i, a in enumerate(actors)}
    base = np.empty(len(actors))
    share_of, labels, sources = [], [], []
    for i, actor in enumerate(entry.actors):
        if actor.id in domestic:
            d = domestic[actor.id]
            labels.append(d.name)
            if d.capability is not None:
                base[i] = d.capability.center()
                share_of.append(("own", d.capability))
            else:
                state = case.world.states[d.state]
                base[i], src = _indicator(state, entry.capability, entry.id)
                if d.state in index:
                    share_of.append((index[d.state], d.share))
                else:
                    share_of.append((None, d.share))
                sources.append(src)
        else:
            state = case.world.states[actor.id]
            labels.append(state.name)
            base[i], src = _indicator(state, entry.capability, entry.id)
            share_of.append(None)
            sources.append(src)
    positions = tuple(tuple(a.positions[issue.id] for issue in entry.issues)
                      for a in entry.actors)
    saliences = tuple({issue_index[k]: v for k, v in a.salience.items()} for a in entry.actors)
    emphasis = tuple(issue_index[a.emphasis] if a.emphasis else None for a in entry.actors)
    designs = {p.design: {issue_index[k]: float(v) for k, v in p.position.items()}
               for p in entry.designs}
    collective = None
    if entry.collective_defence is not None:
        collective = (issue_index[entry.collective_defence.issue],
                      float(entry.collective_defence.threshold))
    return NegotiationSpec(
        id=entry.id, name=entry.name, issues=tuple(entry.issues), actors=actors,
        labels=tuple(labels), base_capability=base, share_of=tuple(share_of),
        positions=positions, saliences=saliences, emphasis=emphasis, design_points=designs,
        collective=collective, switches=SMPSwitches.from_ktab(entry.switches),
        model=entry.model,
        capability_source=f"{entry.capability}: " + "; ".join(sorted(set(sources))))


def _capabilities(spec: NegotiationSpec, shares: np.ndarray) -> np.ndarray:
    cap = spec.base_capability.copy()
    for i, link in enumerate(spec.share_of):
        if link is None or link[0] == "own":
            continue
        state, _ = link
        cap[i] = spec.base_capability[i] * shares[i]
        if state is not None:
            cap[state] -= spec.base_capability[state] * shares[i]
    if np.any(cap <= 0):
        raise FoedusError(f"negotiation {spec.id}: domestic shares leave a state with no "
                          "capability; the shares of one state must sum to less than 1")
    return cap


def _expected_order_shares(k: int) -> np.ndarray:
    """Expected shares of a flat Dirichlet over k issues, largest first."""
    return np.array([sum(1.0 / j for j in range(i, k + 1)) / k for i in range(1, k + 1)])


def _salience_row(spec: NegotiationSpec, i: int, stated: dict, rng=None) -> np.ndarray:
    d = len(spec.issues)
    row = np.zeros(d)
    for k, value in stated.items():
        row[k] = value
    rest = [k for k in range(d) if k not in stated]
    left = max(0.0, 1.0 - row.sum())
    if rest:
        if rng is None:
            shares = np.full(len(rest), 1.0 / len(rest))
            if spec.emphasis[i] is not None:
                order = _expected_order_shares(len(rest))
                shares = np.full(len(rest), (1.0 - order[0]) / max(1, len(rest) - 1))
                shares[rest.index(spec.emphasis[i])] = order[0]
        else:
            shares = rng.dirichlet(np.ones(len(rest)))
            if spec.emphasis[i] is not None:
                top = int(np.argmax(shares))
                e = rest.index(spec.emphasis[i])
                shares[[top, e]] = shares[[e, top]]
        row[rest] = left * shares
    return row


def _problem(spec: NegotiationSpec, position, salience, capability) -> SpatialProblem:
    return SpatialProblem(spec.actors, spec.issue_ids, capability,
                          np.asarray(position) / 100.0, salience, name=spec.id,
                          description=spec.name, descriptions=spec.labels)


def central_problem(spec: NegotiationSpec) -> SpatialProblem:
    """The problem at the central value of every distribution (flat saliences where unstated)."""
    position = np.array([[dist.center() for dist in row] for row in spec.positions])
    salience = np.vstack([_salience_row(spec, i, {k: v.center() for k, v in s.items()})
                          for i, s in enumerate(spec.saliences)])
    shares = np.array([link[1].center() if link is not None and link[0] != "own" else 0.0
                       for link in spec.share_of])
    return _problem(spec, position, salience, _capabilities(spec, shares))


def sample_problems(spec: NegotiationSpec, rng: np.random.Generator, draws: int
                    ) -> tuple[list[SpatialProblem], pd.DataFrame]:
    """``draws`` problems with positions, saliences and domestic shares drawn independently.

    Returns the problems and a tidy table of the drawn inputs (draw, actor, issue, position,
    salience, capability) for the sensitivity analysis.
    """
    n, d = len(spec.actors), len(spec.issues)
    pos = np.empty((draws, n, d))
    for i, row in enumerate(spec.positions):
        for k, dist in enumerate(row):
            pos[:, i, k] = dist.sample(rng, draws)
    problems, rows = [], []
    for r in range(draws):
        stated = [{k: float(v.sample(rng, 1)[0]) for k, v in s.items()} for s in spec.saliences]
        salience = np.vstack([_salience_row(spec, i, stated[i], rng) for i in range(n)])
        shares = np.array([float(link[1].sample(rng, 1)[0])
                           if link is not None and link[0] != "own" else 0.0
                           for link in spec.share_of])
        capability = _capabilities(spec, shares)
        problems.append(_problem(spec, pos[r], salience, capability))
        for i, actor in enumerate(spec.actors):
            for k, issue in enumerate(spec.issue_ids):
                rows.append((r, actor, issue, pos[r, i, k], salience[i, k], capability[i]))
    inputs = pd.DataFrame(rows, columns=["draw", "actor", "issue", "position", "salience",
                                         "capability"])
    return problems, inputs


def nearest_design(outcome: np.ndarray, design_points: dict) -> tuple[str | None, float]:
    """The design whose settled issues lie nearest (root mean square, 0-100) to ``outcome``.

    Examples
    --------
    >>> nearest_design(np.array([10.0, 80.0]), {"a": {0: 0.0}, "b": {0: 100.0, 1: 100.0}})
    ('a', 10.0)
    """
    best, best_distance = None, np.inf
    for design, point in design_points.items():
        if not point:
            continue
        diffs = np.array([outcome[k] - v for k, v in point.items()])
        distance = float(np.sqrt(np.mean(diffs * diffs)))
        if distance < best_distance:
            best, best_distance = design, distance
    return best, best_distance


def _eu_outcomes(problem: SpatialProblem, params: EUParams | None = None) -> tuple[np.ndarray, list]:
    out, runs = [], []
    for k in range(problem.n_dimensions):
        result = run_eu(problem.actors, problem.capability, problem.position[:, k] * 100.0,
                        problem.salience[:, k], params, scale=(0.0, 100.0))
        out.append(result.mean_positions[-1])
        runs.append(result)
    return np.array(out), runs


@dataclass(frozen=True, eq=False)
class NegotiationResult:
    """Forecast of a negotiation: central run, outcome per draw, inputs per draw."""

    spec: NegotiationSpec
    model: str
    seed: int
    central: SMPResult | list
    central_outcome: np.ndarray
    outcomes: np.ndarray          # (draws, issues), 0-100
    inputs: pd.DataFrame
    final_positions: np.ndarray = None  # (draws, actors, issues), 0-100 (SMP only)

    @property
    def draws(self) -> int:
        return self.outcomes.shape[0]

    def forecast_frame(self) -> pd.DataFrame:
        """One row per issue: central forecast, median and 5-95% interval over the draws."""
        rows = []
        for k, issue in enumerate(self.spec.issues):
            x = self.outcomes[:, k] if self.draws else np.full(1, np.nan)
            anchors = {0.0: issue.low, 100.0: issue.high, **issue.anchors}
            nearest = min(anchors, key=lambda a: abs(a - self.central_outcome[k]))
            rows.append({"issue": issue.id, "name": issue.name,
                         "forecast": self.central_outcome[k], "median": float(np.median(x)),
                         "q05": float(np.quantile(x, 0.05)), "q95": float(np.quantile(x, 0.95)),
                         "nearest_anchor": f"{nearest:g}: {anchors[nearest]}"})
        return pd.DataFrame(rows)

    def design_frame(self) -> pd.DataFrame:
        """Share of draws whose forecast lies nearest each design (and the central run's)."""
        points = self.spec.design_points
        if not points:
            return pd.DataFrame(columns=["design", "share_of_draws", "central"])
        nearest = [nearest_design(x, points)[0] for x in self.outcomes]
        central = nearest_design(self.central_outcome, points)[0]
        counts = pd.Series(nearest).value_counts()
        return pd.DataFrame({"design": list(points),
                             "share_of_draws": [counts.get(d, 0) / self.draws if self.draws
                                                else np.nan for d in points],
                             "central": [d == central for d in points]})

    def collective_defence_probability(self) -> float | None:
        """Share of draws whose forecast reaches the collective-defence threshold."""
        if self.spec.collective is None or self.draws == 0:
            return None
        k, threshold = self.spec.collective
        return float(np.mean(self.outcomes[:, k] >= threshold))

    def sensitivity_frame(self) -> pd.DataFrame:
        """Whose positions (and saliences) decide each issue's forecast.

        Standardised regression coefficients (SRC) of the forecast on every actor's drawn
        position and salience on that issue (inputs fixed across draws are left out);
        ``src2`` is the share of the forecast's variance each explains linearly, ``r2`` the
        regression's fit.
        """
        rows = []
        for k, issue in enumerate(self.spec.issue_ids):
            data = self.inputs[self.inputs["issue"] == issue]
            table = pd.concat(
                [data.pivot(index="draw", columns="actor", values="position"),
                 data.pivot(index="draw", columns="actor", values="salience").add_suffix(
                     " (salience)")], axis=1)
            table = table.loc[:, table.std() > 1e-12]
            y = self.outcomes[:, k]
            if table.empty or np.std(y) == 0 or self.draws < table.shape[1] + 3:
                continue
            x = ((table - table.mean()) / table.std()).to_numpy()
            z = (y - y.mean()) / y.std()
            design = np.column_stack([np.ones(len(z)), x])
            coef, *_ = np.linalg.lstsq(design, z, rcond=None)
            r2 = 1 - np.sum((z - design @ coef) ** 2) / np.sum(z ** 2)
            for name, c in zip(table.columns, coef[1:], strict=True):
                kind = "salience" if name.endswith(" (salience)") else "position"
                rows.append({"issue": issue, "actor": name.removesuffix(" (salience)"),
                             "input": kind, "src": float(c), "src2": float(c * c),
                             "r2": float(r2)})
        frame = pd.DataFrame(rows, columns=["issue", "actor", "input", "src", "src2", "r2"])
        return frame.sort_values(["issue", "src2"], ascending=[True, False]).reset_index(drop=True)

    def decisive_actors(self, top: int = 2) -> dict[str, list[str]]:
        """Per issue, the actors whose positions explain most of the forecast's spread."""
        frame = self.sensitivity_frame()
        frame = frame[frame["input"] == "position"]
        return {issue: group["actor"].head(top).tolist()
                for issue, group in frame.groupby("issue", sort=False)}

    def positions_frame(self) -> pd.DataFrame:
        """The central run: every actor's position per turn (SMP) or round (EU), 0-100."""
        if isinstance(self.central, SMPResult):
            return self.central.positions_frame()
        frames = [r.to_frame().assign(issue=issue)
                  for issue, r in zip(self.spec.issue_ids, self.central, strict=True)]
        return pd.concat(frames, ignore_index=True)

    def to_frame(self) -> pd.DataFrame:
        """Tidy: one row per (draw, issue) with the forecast."""
        d, k = np.meshgrid(np.arange(self.draws), np.arange(len(self.spec.issues)),
                           indexing="ij")
        return pd.DataFrame({"draw": d.ravel(), "issue": np.array(self.spec.issue_ids)[k.ravel()],
                             "outcome": self.outcomes.ravel()})


def analyze(case, negotiation: str | None = None, *, model: str | None = None,
            draws: int = 200, seed: int = 20241215, processes: int | None = None,
            switches: SMPSwitches | None = None) -> NegotiationResult:
    """Forecast a scenario's negotiation with intervals over its uncertain inputs.

    Parameters
    ----------
    case : foedus.scenarios.build.Case
    negotiation : str, optional
        Negotiation id (default: the scenario's first).
    model : {"smp", "eu"}, optional
        KTAB's spatial model (default, with the negotiation's switches) or Scholz et al.'s
        expected-utility model run issue by issue (default: the negotiation's ``model``).
    draws : int
        Draws of positions, saliences and domestic shares (0: central values only).
    seed : int
        Seeds the draws and any stochastic transitions; same seed, same numbers.
    processes : int, optional
        Worker processes for the draws (same numbers as serial).
    switches : SMPSwitches, optional
        Replace the negotiation's KTAB switches.
    """
    spec = negotiation_spec(case, negotiation)
    if switches is not None:
        spec = replace(spec, switches=switches)
    model = model or spec.model
    if model not in ("smp", "eu"):
        raise FoedusError(f"--model {model}: choose smp or eu")
    rng = np.random.default_rng(seed)
    central_problem_ = central_problem(spec)
    problems, inputs = sample_problems(spec, rng, draws) if draws > 0 else ([], pd.DataFrame(
        columns=["draw", "actor", "issue", "position", "salience", "capability"]))
    if model == "smp":
        stochastic = spec.switches.state_transitions.value == "Stochastic"
        central = run_smp(central_problem_, spec.switches, seed=seed if stochastic else None)
        central_outcome = central.outcome()
        runs = run_smp_draws(problems, spec.switches, seed=seed, processes=processes)
        d = len(spec.issues)
        outcomes = np.array([r.outcome() for r in runs]) if runs else np.empty((0, d))
        finals = (np.array([r.final_positions for r in runs]) if runs
                  else np.empty((0, len(spec.actors), d)))
    else:
        central_outcome, central = _eu_outcomes(central_problem_)
        outcomes = (np.array([_eu_outcomes(p)[0] for p in problems]) if problems
                    else np.empty((0, len(spec.issues))))
        finals = None
    return NegotiationResult(spec, model, seed, central, central_outcome, outcomes, inputs,
                             finals)


def scan_position(spec: NegotiationSpec, actor: str, issue: str,
                  values=None) -> pd.DataFrame:
    """Forecast at central values while one actor's position on one issue is varied.

    Returns one row per value with the forecast of every issue (0-100), for deterministic
    SMP switches.
    """
    values = np.linspace(0.0, 100.0, 11) if values is None else values
    base = central_problem(spec)
    i, k = spec.actors.index(actor), spec.issue_ids.index(issue)
    rows = []
    for value in values:
        position = base.position.copy()
        position[i, k] = value / 100.0
        result = run_smp(base.replace(position=position), spec.switches)
        rows.append({"value": float(value), **dict(zip(spec.issue_ids, result.outcome(),
                                                       strict=True))})
    return pd.DataFrame(rows)
