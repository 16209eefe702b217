"""Who would join which design: Monte Carlo over the parameters, equilibria, decomposition.

:func:`analyze_design` is the entry point for one design, :func:`analyze` for every design of
a case. Each draws the formation parameters from the scenario's distributions with the given
generator, finds every stable membership profile of every draw, and reports the probability
that each state joins, the distribution of member sets, the security each state actually
gains, and which term of its calculus decided its choice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from foedus.errors import ParameterError
from foedus.models.formation.equilibrium import StableProfiles, stable_profiles
from foedus.models.formation.game import FormationError, FormationGame, build_game
from foedus.models.formation.params import (
    FormationDraws,
    central_parameters,
    sample_parameters,
)
from foedus.models.formation.qre import solve_game
from foedus.models.formation.utility import TERMS, decision_terms, profile_table, value_terms

#: Solution concepts: every stable profile (exhaustive), or the logit QRE.
SOLUTIONS = ("stable", "qre")

__all__ = ["SOLUTIONS", "DesignResult", "FormationResult", "analyze", "analyze_design", "central_interests",
           "decide", "sample_interests"]


def decide(terms: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Utility and the deciding term of each entry of a set of term arrays.

    The deciding term is the largest positive term when the utility is positive (the state
    joins) and the most negative term otherwise (the state stays out); ``"none"`` when every
    term is zero (the state is party to none of the design's agreements).

    Examples
    --------
    >>> import numpy as np
    >>> u, why = decide({"security": np.array([0.3, 0.1]), "autonomy": np.array([-0.1, -0.4])})
    >>> [round(float(x), 2) for x in u], list(why)
    ([0.2, -0.3], ['security', 'autonomy'])
    """
    names = list(terms)
    stack = np.stack([np.asarray(terms[t], float) for t in names])
    utility = stack.sum(axis=0)
    decider = np.where(utility > 0, stack.argmax(axis=0), stack.argmin(axis=0))
    labels = np.array(names, dtype=object)[decider]
    return utility, np.where(np.all(stack == 0, axis=0), "none", labels)


@dataclass(frozen=True)
class DesignResult:
    """The membership analysis of one design (see :func:`analyze_design`)."""

    design: str
    name: str
    states: tuple[str, ...]
    n_draws: int
    status_quo: bool
    join_probability: np.ndarray            # (n,)
    member_sets: dict[tuple[str, ...], float]
    p_forms: float                           # P(some alliance of >= 2 members exists)
    p_full: float                            # P(every invited state is a member)
    mean_stable_count: float
    security_gained: np.ndarray              # (n,) expected security term at equilibrium
    central_stable: tuple[tuple[str, ...], ...]  # stable profiles at central parameters
    proposal_terms: pd.DataFrame             # mean term values facing the full proposal
    deciders: pd.DataFrame                   # share of draws each term decided (full proposal)
    game: FormationGame | None = None
    notes: tuple[str, ...] = ()
    draw_profiles: tuple[tuple[int, ...], ...] = ()   # stable masks of each draw
    proposal_utility: np.ndarray | None = None          # (D, n) utility facing the proposal
    proposal_draw_terms: dict | None = None              # term -> (D, n)
    solution: str = "stable"                             # "stable" or "qre"
    draw_membership: np.ndarray | None = None            # (D, n) P(member) per draw (QRE)

    def member_count(self) -> np.ndarray:
        """(D,) expected number of members in each draw (equal weight on its stable sets;
        under the QRE, the sum of the membership probabilities)."""
        if self.draw_membership is not None:
            return self.draw_membership.sum(axis=1)
        return np.array([np.mean([(m).bit_count() for m in ms]) if ms else 0.0
                         for ms in self.draw_profiles])

    def share(self, predicate) -> np.ndarray:
        """(D,) share of each draw's stable member sets (tuples of ISO3) satisfying
        ``predicate``."""
        if self.solution != "stable":
            raise ValueError("shares of member sets need the stable-profile solution")
        out = []
        for ms in self.draw_profiles:
            ms = ms or (0,)
            out.append(np.mean([bool(predicate(self.game.members(m) if self.game else ()))
                                for m in ms]))
        return np.array(out)

    def to_frame(self) -> pd.DataFrame:
        """One row per invited state: join probability, security gained, reason."""
        rows = []
        for k, s in enumerate(self.states):
            row = {"design": self.design, "state": s,
                   "p_join": float(self.join_probability[k]),
                   "security_gained": float(self.security_gained[k])}
            if not self.proposal_terms.empty:
                t = self.proposal_terms.loc[s]
                row["p_accepts_proposal"] = float(t["p_accepts"])
                row.update({f"term_{name}": float(t[name]) for name in TERMS})
                d = self.deciders.loc[s]
                row["decided_by"] = str(d.idxmax())
                row["decided_share"] = float(d.max())
            rows.append(row)
        return pd.DataFrame(rows)

    def sets_frame(self, top: int = 10) -> pd.DataFrame:
        items = list(self.member_sets.items())[:top]
        return pd.DataFrame({"design": self.design,
                             "members": [" ".join(m) if m else "(no alliance)" for m, _ in items],
                             "probability": [p for _, p in items]})


@dataclass(frozen=True)
class FormationResult:
    """Membership analyses of several designs of one case."""

    scenario: str
    designs: tuple[DesignResult, ...]
    n_draws: int
    parameter_sources: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)   # design id -> why not analysed

    def design(self, design_id: str) -> DesignResult:
        for d in self.designs:
            if d.design == design_id:
                return d
        raise KeyError(design_id)

    def to_frame(self) -> pd.DataFrame:
        return pd.concat([d.to_frame() for d in self.designs], ignore_index=True)

    def comparison(self) -> pd.DataFrame:
        """Design comparison: expected membership, stability, security gained."""
        rows = []
        for d in self.designs:
            rows.append({
                "design": d.design,
                "expected_members": float(d.join_probability.sum()),
                "invited": len(d.states),
                "p_forms": d.p_forms, "p_all_invited": d.p_full,
                "mean_stable_profiles": d.mean_stable_count,
                "most_likely_members": (" ".join(next(iter(d.member_sets))) or "(no alliance)")
                if d.member_sets else "(baseline)",
                "mean_security_gained": float(d.security_gained.mean()) if len(d.states) else 0.0,
            })
        return pd.DataFrame(rows)


def _status_quo(design, states) -> DesignResult:
    n = len(states)
    return DesignResult(design.id, design.name, states, 0, True, np.zeros(n), {(): 1.0}, 0.0,
                        0.0, 1.0, np.zeros(n), ((),), pd.DataFrame(), pd.DataFrame(),
                        notes=(("the baseline: no new agreement to join; security gained is 0 by "
                               "definition"),))




def analyze_design(case, design, *, draws: int | FormationDraws = 500,
                   rng: np.random.Generator | None = None, interests=None,
                   method: str = "auto", progress=None, game: FormationGame | None = None,
                   solution: str = "stable") -> DesignResult:
    """Who would join ``design`` and why.

    Parameters
    ----------
    case : foedus.scenarios.build.Case
    design : Design or str
    draws : int or FormationDraws
        Number of Monte Carlo draws of the parameters (or the draws themselves).
    rng : numpy.random.Generator
        Seeded generator (required when ``draws`` is an int).
    interests : Interests or list of Interests, optional
        Computed on ``case.world`` (default: at the central values of its weights); with a
        list, the draws are split evenly among its samples (see :func:`sample_interests`).
    method : str
        Passed to :func:`~foedus.models.formation.equilibrium.stable_profiles`.
    progress : callable, optional
        Called with the number of draws done (for progress bars).
    game : FormationGame, optional
        A prebuilt (e.g. counterfactually modified) game of ``design`` to use instead.
    solution : {"stable", "qre"}
        ``stable``: every stable profile of every draw (exhaustive search, the default);
        ``qre``: the logit quantal-response membership equilibrium
        (:mod:`foedus.models.formation.qre`), which scales to any number of states but gives
        membership probabilities, not member sets.

    Returns
    -------
    DesignResult

    Examples
    --------
    >>> import numpy as np
    >>> from foedus.scenarios import build_case, load_scenario
    >>> case = build_case(load_scenario("asian-nato-2024"))
    >>> r = analyze_design(case, "ishiba", draws=50, rng=np.random.default_rng(1))
    >>> r.states[0], 0.0 <= r.p_forms <= 1.0
    ('USA', True)

    References
    ----------
    Walt, S. M. (1987). The Origins of Alliances. Cornell University Press.
    Morrow, J. D. (1991). Alliances and asymmetry. American Journal of Political Science
    35(4): 904-933. doi:10.2307/2111499
    Snyder, G. H. (1984). The security dilemma in alliance politics. World Politics 36(4):
    461-495. doi:10.2307/2010183
    """
    d = case.design(design) if isinstance(design, str) else design
    if d.is_status_quo:
        return _status_quo(d, tuple(d.invited))
    params = case.parameters
    if isinstance(draws, FormationDraws):
        sample = draws
    else:
        if rng is None:
            raise ParameterError("pass a seeded rng (numpy.random.default_rng(seed)) with draws=int")
        sample = sample_parameters(int(draws), rng, params)
    if game is not None:
        games = [game]
    else:
        blocks = list(interests) if isinstance(interests, (list, tuple)) else \
            [interests if interests is not None else central_interests(case)]
        cache: dict = {}
        games = [build_game(case, d, ints, cache=cache) for ints in blocks]
    game = games[0]
    n = game.n
    if solution not in SOLUTIONS:
        raise ParameterError(f"unknown solution {solution!r}; choose {' or '.join(SOLUTIONS)}")
    parts = np.array_split(np.arange(len(sample)), len(games))
    profiles: list[tuple[int, ...]] = []
    membership, exists = [], []
    proposal = {t: [] for t in TERMS}
    security = np.zeros(n)
    for g, rows in zip(games, parts):
        if not len(rows):
            continue
        block = FormationDraws(sample.values[rows])
        for start in range(0, len(block), 500):
            chunk = FormationDraws(block.values[start:start + 500])
            if solution == "stable":
                found = stable_profiles(g, chunk, method=method).profiles
                profiles.extend(found)
                security += _security_at_equilibrium(g, chunk, found)
            else:
                res = solve_game(g, chunk)
                membership.append(res.p_member[:, :n])
                exists.append(res.p_exists)
                outside = np.clip(res.p_exists[:, None] - res.p_member, 0.0, 1.0)[:, :n]
                security += (res.terms["security"][:, :n] * res.p_member[:, :n]
                             - res.terms["abandonment"][:, :n] * outside).sum(axis=0)
            if progress is not None:
                progress(len(chunk))
        terms = decision_terms(g, block)
        for t in TERMS:
            proposal[t].append(terms[t])
    security /= len(sample)
    proposal = {t: np.concatenate(v) for t, v in proposal.items()}
    utility, deciders = decide(proposal)
    proposal_terms = pd.DataFrame({t: proposal[t].mean(axis=0) for t in TERMS},
                                  index=list(game.states))
    proposal_terms["utility"] = utility.mean(axis=0)
    proposal_terms["p_accepts"] = (utility > 0).mean(axis=0)
    decider_share = pd.DataFrame({t: (deciders == t).mean(axis=0) for t in (*TERMS, "none")},
                                 index=list(game.states))
    fixed = [s for s in game.states if s in game.fixed]
    if fixed:
        proposal_terms.loc[fixed, "p_accepts"] = np.nan
        decider_share.loc[fixed] = 0.0
        decider_share.loc[fixed, "none"] = 1.0
    kind = (f"accession to an agreement of {', '.join(game.fixed)}" if game.fixed
            else f"founders: {', '.join(game.founders) or 'none'}")
    notes = ((f"adversaries: {', '.join(game.adversaries)}; {kind}; admission: "
             f"{game.admission}; contingencies: {game.contingencies} ({len(game.crises)}); "
             f"{len(games)} sample(s) of the interests layer; solution: {solution}"),)
    common = {"game": game, "notes": notes, "proposal_utility": utility,
              "proposal_draw_terms": proposal, "solution": solution}
    if solution == "qre":
        member = np.concatenate(membership)
        p_join = member.mean(axis=0)
        modal = tuple(s for s, p in zip(game.states, p_join) if p > 0.5)
        chance = float(np.mean(np.prod(np.where(p_join > 0.5, member, 1.0 - member), axis=1)))
        central = solve_game(game, central_parameters(params)).p_member[0, :n]
        return DesignResult(
            d.id, d.name, game.states, len(sample), False, p_join, {modal: chance},
            float(np.concatenate(exists).mean()), float(np.mean(np.prod(member, axis=1))),
            1.0, security, (tuple(s for s, p in zip(game.states, central) if p > 0.5),),
            proposal_terms, decider_share, draw_membership=member, **common)
    stable = StableProfiles(game, tuple(profiles))
    central = stable_profiles(game, central_parameters(params), method="numpy" if n < 10
                              else method).profiles[0]
    dist = stable.distribution()
    sets = {game.members(m): p for m, p in dist.items()}
    base = game.fixed_mask
    p_forms = float(sum(p for m, p in dist.items() if m and m != base))
    return DesignResult(
        d.id, d.name, game.states, len(sample), False, stable.join_probability(), sets, p_forms,
        float(dist.get((1 << n) - 1, 0.0)), float(np.mean([max(len(ms), 1) for ms in profiles])),
        security, tuple(game.members(m) for m in central), proposal_terms, decider_share,
        draw_profiles=tuple(profiles), **common)


def _security_at_equilibrium(game: FormationGame, draws: FormationDraws,
                             profiles: list[tuple[int, ...]]) -> np.ndarray:
    """Sum over draws of each state's security term at its draw's stable sets (equal weights;
    outsiders' security - abandonment - included, incumbents' change relative to the
    baseline)."""
    n = game.n
    out = np.zeros(n)
    used = sorted({m for ms in profiles for m in ms if m})
    if not used:
        return out
    sec = value_terms(game, profile_table(game, np.array(used, dtype=np.int64)),
                      draws)["security"]
    col = {m: k for k, m in enumerate(used)}
    for dd, ms in enumerate(profiles):
        for m in ms:
            if m:
                out += sec[dd, col[m]] / len(ms)
    return out


def central_interests(case):
    """The interests layer at the central values of its parameters (scenario overrides first).

    Examples
    --------
    >>> from foedus.scenarios import build_case, load_scenario
    >>> ints = central_interests(build_case(load_scenario("asian-nato-2024")))
    >>> ints.states[0]
    'USA'
    """
    from foedus.interests import InterestWeights, compute_interests

    values = {name: dist.center() for name, dist in _interest_distributions(case).items()}
    return compute_interests(case.world, weights=InterestWeights.from_parameters(values))


def sample_interests(case, n: int, rng: np.random.Generator) -> list:
    """``n`` samples of the interests layer, its weights drawn from their distributions.

    The weights are the registered ``interests_*`` parameters (``docs/models/interests.md``),
    with the scenario's values first; each sample is a full :class:`Interests`.
    """
    from foedus.interests import InterestWeights, compute_interests

    dists = _interest_distributions(case)
    columns = {name: np.asarray(dist.sample(rng, n), dtype=float) for name, dist in dists.items()}
    return [compute_interests(case.world, weights=InterestWeights.from_parameters(
        {name: float(col[k]) for name, col in columns.items()})) for k in range(n)]


def _interest_distributions(case) -> dict:
    from foedus.scenarios.parameters import known_parameters

    given = case.parameters
    return {name: given.get(name) or info.default
            for name, info in sorted(known_parameters().items()) if info.family == "interests"}


def analyze(case, *, designs: Sequence[str] | None = None, draws: int = 500,
            rng: np.random.Generator | None = None, interest_samples: int = 20,
            method: str = "auto", progress=None, skip_invalid: bool = False,
            solution: str = "stable") -> FormationResult:
    """:func:`analyze_design` for every design of ``case`` (or those named), same draws.

    The same parameter draws are used for every design (common random numbers), so that
    differences between designs are not sampling noise. The interests layer is itself
    uncertain: ``interest_samples`` samples of its weights are drawn and the parameter draws
    are split evenly among them (``1``: the interests layer at its central values). With
    ``skip_invalid``, a design that cannot be analysed (e.g. no adversary to deter) is listed
    in ``skipped`` with the reason instead of raising.

    Examples
    --------
    >>> import numpy as np
    >>> from foedus.scenarios import build_case, load_scenario
    >>> case = build_case(load_scenario("asian-nato-2024"))
    >>> r = analyze(case, designs=["minilateral-lattice"], draws=40, interest_samples=2,
    ...             rng=np.random.default_rng(0))
    >>> list(r.comparison().columns[:3])
    ['design', 'expected_members', 'invited']
    """
    if rng is None:
        raise ParameterError("pass a seeded rng (numpy.random.default_rng(seed))")
    if interest_samples < 1:
        raise ParameterError(f"interest_samples must be at least 1, got {interest_samples}")
    params = case.parameters
    sample = sample_parameters(draws, rng, params)
    blocks = min(interest_samples, draws)
    ints = sample_interests(case, blocks, rng) if blocks > 1 else [central_interests(case)]
    chosen = [case.design(x) for x in designs] if designs else list(case.designs)
    results, skipped = [], {}
    for d in chosen:
        try:
            results.append(analyze_design(case, d, draws=sample, interests=ints, method=method,
                                          progress=progress, solution=solution))
        except FormationError as exc:
            if not skip_invalid:
                raise
            skipped[d.id] = str(exc)
    from foedus.models.formation.params import FORMATION_PARAMETERS
    return FormationResult(case.scenario.id, tuple(results), draws,
                           dict(zip(FORMATION_PARAMETERS, sample.sources)), skipped)
