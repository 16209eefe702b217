"""The static inputs of one crisis under one design: plain arrays for the kernel.

:func:`crisis_inputs` turns a case, a crisis, a design and the interests layer into a
:class:`CrisisInputs` (NumPy arrays in world state order). Nothing here is random: the
Monte Carlo draws only the model parameters (``theta``), never these facts.

Roles: the aggressors always fight on the aggressor side, the target always fights on its
own side, every other state decides (``deciding``) unless it is ``excluded`` (forced to stay
out: the counterfactual "what if the US stayed out").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import numpy as np

from foedus.errors import FoedusError
from foedus.interests import Interests, compute_interests
from foedus.scenarios.build import Case
from foedus.world.agreements import Agreement, Obligation
from foedus.world.crisis import Crisis
from foedus.world.obligations import casus_foederis

__all__ = ["DOMESTIC_FACTS", "CrisisInputs", "crisis_inputs"]

#: State facts (scenario ``states[].facts``, values in [0, 1]) read as domestic constraints on
#: the use of force abroad; the largest applies. Sourced in the scenario, never invented here.
DOMESTIC_FACTS = ("constitutional_limit_collective_defence", "constitutional_limit_use_of_force",
                  "nonalignment_doctrine", "domestic_constraint_use_of_force")


@dataclass(frozen=True, eq=False)
class CrisisInputs:
    """Static facts of one (crisis, design) for the decision kernel.

    Arrays are in world state order (``states``). Matrices are ``[i, j]`` = from ``i`` to
    ``j``. See ``docs/models/crisis.md`` for the symbols.
    """

    crisis: str
    design: str
    states: tuple[str, ...]
    aggressors: np.ndarray          # bool (n,)
    target: int
    deciding: np.ndarray            # bool (n,): chooses an action
    capability: np.ndarray          # (n,) CINC
    projected: np.ndarray           # (n, n) capability of j projected to i
    threat: np.ndarray              # (n, n) threat j poses to i
    affinity_gap: np.ndarray        # (n,) affinity with target minus with (mean) aggressor
    hit: np.ndarray                 # (n,) 1 when the state's own assets are hit
    exposure: np.ndarray            # (n,) trade exposure to the aggressors
    coercion: np.ndarray            # (n,) record of economic coercion by an aggressor (0/1)
    exposure_target: np.ndarray     # (n,) exposure to the target
    domestic: np.ndarray            # (n,) domestic constraint in [0, 1], 0 when hit
    reputation: np.ndarray          # (n,) reputational stake in [0.5, 1]
    defense_treaty: np.ndarray      # (n,) activated treaty defence to the target side
    consult_treaty: np.ndarray      # (n,) activated treaty consultation, target side
    consult_political: np.ndarray   # (n,) activated political consultation, target side
    offense_aggressor: np.ndarray   # (n,) activated pledges to help an aggressor
    neutrality_aggressor: np.ndarray  # (n,) pledges of neutrality towards an aggressor
    ties_defense: np.ndarray        # (n, n) treaty defence ties in force (0/1)
    ties_consult_treaty: np.ndarray  # (n, n)
    ties_consult_political: np.ndarray  # (n, n)
    obligations: tuple = field(default=(), repr=False)   # the ObligationRows behind the flags

    @property
    def n(self) -> int:
        return len(self.states)

    @property
    def obliged(self) -> np.ndarray:
        """Deciding states with an activated treaty defence obligation to the target side
        and not themselves hit (a state attacked fights in its own defence, not as an ally).
        """
        return self.deciding & (self.defense_treaty > 0) & (self.hit == 0)

    def index(self, iso3: str) -> int:
        return self.states.index(iso3)

    def without(self, excluded: Iterable[str]) -> CrisisInputs:
        """The same crisis with ``excluded`` states forced to stay out.

        Examples
        --------
        >>> from foedus.models.crisis.inputs import _toy_inputs
        >>> toy = _toy_inputs()
        >>> bool(toy.without(["USA"]).deciding[toy.index("USA")])
        False
        """
        deciding = self.deciding.copy()
        for iso3 in excluded:
            k = self.index(iso3)
            if self.aggressors[k] or k == self.target:
                raise FoedusError(f"cannot exclude {iso3}: it is a party (aggressor or target)")
            deciding[k] = False
        return replace(self, deciding=deciding)


def _side_flags(rows, aggressors: set[str], states: tuple[str, ...]) -> dict[str, np.ndarray]:
    index = {s: k for k, s in enumerate(states)}
    n = len(states)
    out = {k: np.zeros(n) for k in ("defense_treaty", "consult_treaty", "consult_political",
                                    "offense_aggressor", "neutrality_aggressor")}
    for r in rows:
        if r.obligor not in index or r.status != "activated":
            continue
        i = index[r.obligor]
        towards_aggressor = r.beneficiary in aggressors
        treaty = r.legal_force == "treaty"
        if towards_aggressor:
            if r.obligation in (Obligation.OFFENSE, Obligation.DEFENSE):
                out["offense_aggressor"][i] = 1.0
            continue
        if r.obligation is Obligation.DEFENSE and treaty:
            out["defense_treaty"][i] = 1.0
        elif r.obligation is Obligation.CONSULTATION:
            out["consult_treaty" if treaty else "consult_political"][i] = 1.0
    return out


def _tie_matrices(agreements: Iterable[Agreement], states: tuple[str, ...], date
                  ) -> dict[str, np.ndarray]:
    index = {s: k for k, s in enumerate(states)}
    n = len(states)
    out = {k: np.zeros((n, n)) for k in ("defense", "consult_treaty", "consult_political",
                                         "neutrality")}
    for a in agreements:
        if not a.is_in_force(date):
            continue
        treaty = a.legal_force.value == "treaty"
        for p in a.provisions:
            if p.obligor not in index or p.beneficiary not in index:
                continue
            i, j = index[p.obligor], index[p.beneficiary]
            if p.obligation is Obligation.DEFENSE and treaty:
                out["defense"][i, j] = 1.0
            elif p.obligation is Obligation.CONSULTATION:
                out["consult_treaty" if treaty else "consult_political"][i, j] = 1.0
            elif p.obligation is Obligation.NEUTRALITY:
                out["neutrality"][i, j] = 1.0
    return out


def crisis_inputs(case: Case, crisis: Crisis | str, design: str = "status-quo", *,
                  interests: Interests | None = None,
                  excluded: Iterable[str] = ()) -> CrisisInputs:
    """Static inputs of ``crisis`` under ``design`` (obligations, interests, capabilities).

    Parameters
    ----------
    case : Case
        From :func:`foedus.scenarios.build_case`.
    crisis : Crisis or str
    design : str
        A design id of the case (default the status quo).
    interests : Interests, optional
        Precomputed :func:`foedus.interests.compute_interests` of ``case.world``.
    excluded : iterable of str
        States forced to stay out (counterfactuals).

    Returns
    -------
    CrisisInputs

    Examples
    --------
    >>> from foedus.scenarios import build_case, load_scenario
    >>> case = build_case(load_scenario("asian-nato-2024"))
    >>> inp = crisis_inputs(case, "taiwan-invasion")
    >>> [inp.states[k] for k in range(inp.n) if inp.obliged[k]]
    ['AUS', 'PHL']
    """
    crisis = case.crisis(crisis) if isinstance(crisis, str) else crisis
    world = case.world
    ints = interests if interests is not None else compute_interests(world)
    states = ints.states
    n = len(states)
    index = {s: k for k, s in enumerate(states)}
    for s in (*crisis.aggressors, crisis.target):
        if s not in index:
            raise FoedusError(f"crisis {crisis.id}: state {s} is not in the world")
    aggressors = np.zeros(n, dtype=bool)
    aggressors[[index[a] for a in crisis.aggressors]] = True
    target = index[crisis.target]
    agg_idx = np.flatnonzero(aggressors)

    agreements = case.agreements(design)
    omap = casus_foederis(agreements, crisis, world.geography, world.date, design=design)
    flags = _side_flags(omap.rows, set(crisis.aggressors), states)
    ties = _tie_matrices(agreements, states, world.date)
    # ties to the target and to states already hit are counted by the activated obligations
    # (casus foederis); the chain-ganging pull only looks at the other co-belligerents
    hit = np.zeros(n)
    for h in crisis.hits:
        if h.state in index and h.state not in crisis.aggressors:
            hit[index[h.state]] = 1.0
    neutral_to_aggressor = ties["neutrality"][:, agg_idx].max(axis=1) if agg_idx.size else 0.0

    affinity_gap = ints.affinity[:, target] - ints.affinity[:, agg_idx].mean(axis=1)
    coercion = ints.coercion[:, agg_idx].max(axis=1)
    exposure = ints.exposure[:, agg_idx].sum(axis=1)
    domestic = np.zeros(n)
    for k, s in enumerate(states):
        values = [world.states[s].value(f) for f in DOMESTIC_FACTS]
        values = [v for v in values if v is not None]
        domestic[k] = float(np.clip(max(values), 0.0, 1.0)) if values else 0.0
    domestic = domestic * (1.0 - hit)          # self-defence is never constrained
    record = ints.components.get("alliance_record", np.zeros(n))
    reputation = 0.5 + 0.5 * np.clip(np.asarray(record, float), 0.0, 1.0)

    deciding = ~aggressors
    deciding[target] = False
    return CrisisInputs(
        crisis=crisis.id, design=design, states=states, aggressors=aggressors, target=target,
        deciding=deciding, capability=ints.capability.copy(),
        projected=ints.projected_capability.copy(), threat=ints.threat.copy(),
        affinity_gap=affinity_gap, hit=hit, exposure=exposure, coercion=coercion,
        exposure_target=ints.exposure[:, target].copy(), domestic=domestic,
        reputation=reputation, defense_treaty=flags["defense_treaty"],
        consult_treaty=flags["consult_treaty"], consult_political=flags["consult_political"],
        offense_aggressor=flags["offense_aggressor"],
        neutrality_aggressor=np.asarray(neutral_to_aggressor, float) * 1.0,
        ties_defense=ties["defense"], ties_consult_treaty=ties["consult_treaty"],
        ties_consult_political=ties["consult_political"], obligations=omap.rows,
    ).without(excluded)


def _toy_inputs(n_extra: int = 2) -> CrisisInputs:
    """A small synthetic crisis (aggressor CHN, target TWN, deciders USA, JPN, ...) for tests
    and examples."""
    states = ("CHN", "TWN", "USA", "JPN") + tuple(f"X{k}" for k in range(n_extra))
    n = len(states)
    cap = np.array([0.25, 0.01, 0.13, 0.03] + [0.01] * n_extra)
    dist = np.full((n, n), 3000.0)
    np.fill_diagonal(dist, 0.0)
    dist[0, 1] = dist[1, 0] = 150.0
    dist[2, :] = dist[:, 2] = 9000.0
    dist[2, 2] = 0.0
    projected = cap[None, :] ** np.log10(dist / 800.0 + 10.0 - np.e)
    threat = np.zeros((n, n))
    threat[:, 0] = [0.0, 0.95, 0.6, 0.8] + [0.3] * n_extra
    aggressors = np.zeros(n, dtype=bool)
    aggressors[0] = True
    deciding = ~aggressors
    deciding[1] = False
    zeros = np.zeros(n)
    defense = zeros.copy()
    defense[2] = 1.0
    ties = np.zeros((n, n))
    ties[2, 3] = ties[3, 2] = 1.0
    return CrisisInputs(
        crisis="toy", design="status-quo", states=states, aggressors=aggressors, target=1,
        deciding=deciding, capability=cap, projected=projected, threat=threat,
        affinity_gap=np.array([0.0, 0.0, 1.0, 0.8] + [0.2] * n_extra),
        hit=zeros.copy(), exposure=np.array([0.0, 0.0, 0.02, 0.05] + [0.1] * n_extra),
        coercion=zeros.copy(),
        exposure_target=zeros.copy(), domestic=np.array([0.0, 0.0, 0.0, 1.0] + [0.0] * n_extra),
        reputation=np.full(n, 0.9), defense_treaty=defense, consult_treaty=zeros.copy(),
        consult_political=zeros.copy(), offense_aggressor=zeros.copy(),
        neutrality_aggressor=zeros.copy(), ties_defense=ties, ties_consult_treaty=ties * 0,
        ties_consult_political=ties * 0)
