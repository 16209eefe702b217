"""The static inputs of one crisis under one design: plain arrays for the kernel.

:func:`crisis_inputs` turns a case, a crisis, a design and the interests layer into a
:class:`CrisisInputs` (NumPy arrays in world state order). Nothing here is random: the
Monte Carlo draws only the model parameters (``theta``), never these facts.

Roles: the aggressors fight on their side, the target and the co-targets (states on the
target's side from the outset) fight on theirs; every other state decides (``deciding``)
unless it is ``excluded`` (forced to stay out: the counterfactual "what if the US stayed
out"). The theatre is the target's territory: capabilities are projected there.

Commitments are summarised per side and kind: ``legal[i, side, kind]`` is 1 when the crisis
activates (casus foederis) a commitment of ``i`` towards a state of ``side`` (0: target side,
1: aggressor side) of ``kind`` (:data:`LEGAL_KINDS`: treaty defence or offence, political
defence or offence, treaty consultation, political consultation). ``ties[kind, i, j]`` holds
the defence and consultation commitments in force from ``i`` to ``j`` whatever the crisis
(the chain-ganging ties; an offence pledge acts only when activated), and
``neutrality[i, side]`` a neutrality pledge in force towards a state of ``side``.
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

__all__ = ["DOMESTIC_FACTS", "LEGAL_KINDS", "CrisisInputs", "crisis_inputs"]

#: State facts (scenario ``states[].facts``, values in [0, 1]) read as domestic constraints on
#: the use of force abroad; the largest applies. Sourced in the scenario, never invented here.
DOMESTIC_FACTS = ("constitutional_limit_collective_defence", "constitutional_limit_use_of_force",
                  "nonalignment_doctrine", "domestic_constraint_use_of_force")
#: Kinds of commitment, in the order of the last axis of ``legal`` and the first of ``ties``;
#: their weights are 1, lambda_pol, kappa and kappa * lambda_pol (docs/models/crisis.md).
LEGAL_KINDS = ("treaty_commitment", "political_commitment", "treaty_consultation",
               "political_consultation")
TARGET_SIDE, AGGRESSOR_SIDE = 0, 1


@dataclass(frozen=True, eq=False)
class CrisisInputs:
    """Static facts of one (crisis, design) for the decision kernel.

    Arrays are in world state order (``states``). Matrices are ``[i, j]`` = from ``i`` to
    ``j`` (``projected[i, j]``: capability of ``j`` projected to ``i``; ``threat[i, j]``:
    threat ``j`` poses to ``i``). See ``docs/models/crisis.md`` for the symbols.
    """

    crisis: str
    design: str
    states: tuple[str, ...]
    aggressors: np.ndarray          # bool (n,)
    target: int                     # the theatre: the (primary) target
    targets: np.ndarray             # bool (n,): the target and the co-targets
    deciding: np.ndarray            # bool (n,): chooses an action
    capability: np.ndarray          # (n,) CINC
    projected: np.ndarray           # (n, n) capability of j projected to i
    threat: np.ndarray              # (n, n) threat j poses to i
    affinity_gap: np.ndarray        # (n,) affinity with the targets minus with the aggressors
    hit: np.ndarray                 # (n,) 1 when the state's own assets are hit
    exposure: np.ndarray            # (n,) trade exposure to the aggressors
    coercion: np.ndarray            # (n,) record of economic coercion by an aggressor (0/1)
    exposure_target: np.ndarray     # (n,) trade exposure to the target side
    coercion_target: np.ndarray     # (n,) record of economic coercion by a target (0/1)
    domestic: np.ndarray            # (n,) domestic constraint in [0, 1], 0 when hit
    reputation: np.ndarray          # (n,) reputational stake in [0.5, 1]
    legal: np.ndarray               # (n, 2, 4) activated commitments per side and kind
    neutrality: np.ndarray          # (n, 2) neutrality pledged towards a state of each side
    ties: np.ndarray                # (4, n, n) commitments in force, per kind
    obligations: tuple = field(default=(), repr=False)   # the ObligationRows behind ``legal``

    @property
    def n(self) -> int:
        return len(self.states)

    @property
    def defense_treaty(self) -> np.ndarray:
        """1 where a treaty commitment towards the target side is activated."""
        return self.legal[:, TARGET_SIDE, 0]

    @property
    def obliged(self) -> np.ndarray:
        """Deciding states with an activated treaty commitment to the target side and not
        themselves hit (a state attacked fights in its own defence, not as an ally)."""
        return self.deciding & (self.defense_treaty > 0) & (self.hit == 0)

    @property
    def guarantors(self) -> np.ndarray:
        """``(2,)``: per side (target, aggressor), the deciding third parties holding an
        activated commitment of any kind (:data:`LEGAL_KINDS`) to it - the ``m`` that shares
        the obligation (``docs/models/crisis.md``, shared obligations).

        Examples
        --------
        >>> from foedus.models.crisis.inputs import _toy_inputs
        >>> _toy_inputs().guarantors.tolist()
        [1, 0]
        """
        holds = self.deciding[:, None] & self.slots[:, None] & (self.legal.max(axis=2) > 0)
        return holds.sum(axis=0)

    @property
    def log_guarantors(self) -> np.ndarray:
        """``(2,)``: ``log max(m, 1)`` per side (0 where no third party is obliged)."""
        return np.log(np.maximum(self.guarantors, 1)).astype(float)

    @property
    def slots(self) -> np.ndarray:
        """States that are neither aggressor nor target: the deciding states and the
        excluded ones (forced to stay out), in world order."""
        return ~self.aggressors & ~self.targets

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
            if iso3 not in self.states:
                raise FoedusError(f"cannot exclude {iso3}: it is not a state of crisis "
                                  f"{self.crisis}")
            k = self.index(iso3)
            if self.aggressors[k] or self.targets[k]:
                raise FoedusError(f"cannot exclude {iso3}: it is a party (aggressor or target)")
            deciding[k] = False
        return replace(self, deciding=deciding)


def _kind(obligation: Obligation, treaty: bool, *, offense: bool = True) -> int | None:
    commitments = (Obligation.DEFENSE, Obligation.OFFENSE) if offense else (Obligation.DEFENSE,)
    if obligation in commitments:
        return 0 if treaty else 1
    if obligation is Obligation.CONSULTATION:
        return 2 if treaty else 3
    return None


def _legal_flags(rows, aggressors: set[str], states: tuple[str, ...]) -> np.ndarray:
    index = {s: k for k, s in enumerate(states)}
    out = np.zeros((len(states), 2, len(LEGAL_KINDS)))
    for r in rows:
        if r.obligor not in index or r.status != "activated":
            continue
        kind = _kind(r.obligation, r.legal_force == "treaty")
        if kind is None:
            continue
        side = AGGRESSOR_SIDE if r.beneficiary in aggressors else TARGET_SIDE
        out[index[r.obligor], side, kind] = 1.0
    return out


def _tie_matrices(agreements: Iterable[Agreement], states: tuple[str, ...], date
                  ) -> tuple[np.ndarray, np.ndarray]:
    index = {s: k for k, s in enumerate(states)}
    n = len(states)
    ties = np.zeros((len(LEGAL_KINDS), n, n))
    neutrality = np.zeros((n, n))
    for a in agreements:
        if not a.is_in_force(date):
            continue
        treaty = a.legal_force.value == "treaty"
        for p in a.provisions:
            if p.obligor not in index or p.beneficiary not in index:
                continue
            i, j = index[p.obligor], index[p.beneficiary]
            # chain-ganging ties: defence and consultation (an offence pledge acts only when
            # activated, through ``legal``)
            kind = _kind(p.obligation, treaty, offense=False)
            if kind is not None:
                ties[kind, i, j] = 1.0
            elif p.obligation is Obligation.NEUTRALITY:
                neutrality[i, j] = 1.0
    return ties, neutrality


def _side_max(matrix: np.ndarray, members: np.ndarray) -> np.ndarray:
    return matrix[:, members].max(axis=1) if members.any() else np.zeros(matrix.shape[0])


def crisis_inputs(case: Case, crisis: Crisis | str, design: str = "status-quo", *,
                  interests: Interests | None = None,
                  excluded: Iterable[str] = ()) -> CrisisInputs:
    """Static inputs of ``crisis`` under ``design`` (obligations, interests, capabilities).

    Parameters
    ----------
    case : Case
        From :func:`foedus.scenarios.build_case` (or a historical case built the same way).
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
    for s in (*crisis.aggressors, *crisis.targets):
        if s not in index:
            raise FoedusError(f"crisis {crisis.id}: state {s} is not in the world")
    aggressors = np.zeros(n, dtype=bool)
    aggressors[[index[a] for a in crisis.aggressors]] = True
    targets = np.zeros(n, dtype=bool)
    targets[[index[t] for t in crisis.targets]] = True
    target = index[crisis.target]

    agreements = case.agreements(design)
    omap = casus_foederis(agreements, crisis, world.geography, world.date, design=design)
    legal = _legal_flags(omap.rows, set(crisis.aggressors), states)
    ties, neutral = _tie_matrices(agreements, states, world.date)
    hit = np.zeros(n)
    for h in crisis.hits:
        if h.state in index and h.state not in crisis.aggressors:
            hit[index[h.state]] = 1.0
    neutrality = np.column_stack([_side_max(neutral, targets), _side_max(neutral, aggressors)])

    affinity_gap = (ints.affinity[:, targets].mean(axis=1)
                    - ints.affinity[:, aggressors].mean(axis=1))
    domestic = np.zeros(n)
    for k, s in enumerate(states):
        values = [world.states[s].value(f) for f in DOMESTIC_FACTS]
        values = [v for v in values if v is not None]
        domestic[k] = float(np.clip(max(values), 0.0, 1.0)) if values else 0.0
    domestic = domestic * (1.0 - hit)          # self-defence is never constrained
    record = ints.components.get("alliance_record", np.zeros(n))
    reputation = 0.5 + 0.5 * np.clip(np.asarray(record, float), 0.0, 1.0)

    deciding = ~aggressors & ~targets
    return CrisisInputs(
        crisis=crisis.id, design=design, states=states, aggressors=aggressors, target=target,
        targets=targets, deciding=deciding, capability=ints.capability.copy(),
        projected=ints.projected_capability.copy(), threat=ints.threat.copy(),
        affinity_gap=affinity_gap, hit=hit,
        exposure=ints.exposure[:, aggressors].sum(axis=1),
        coercion=_side_max(ints.coercion, aggressors),
        exposure_target=ints.exposure[:, targets].sum(axis=1),
        coercion_target=_side_max(ints.coercion, targets),
        domestic=domestic, reputation=reputation, legal=legal, neutrality=neutrality,
        ties=ties, obligations=omap.rows,
    ).without(excluded)


def _toy_inputs(n_extra: int = 2) -> CrisisInputs:
    """A small synthetic crisis (aggressor CHN, target TWN, deciders USA, JPN, X0, ...) for
    tests and examples."""
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
    targets = np.zeros(n, dtype=bool)
    targets[1] = True
    zeros = np.zeros(n)
    legal = np.zeros((n, 2, len(LEGAL_KINDS)))
    legal[2, TARGET_SIDE, 0] = 1.0
    ties = np.zeros((len(LEGAL_KINDS), n, n))
    ties[0, 2, 3] = ties[0, 3, 2] = 1.0
    return CrisisInputs(
        crisis="toy", design="status-quo", states=states, aggressors=aggressors, target=1,
        targets=targets, deciding=~aggressors & ~targets, capability=cap,
        projected=projected, threat=threat,
        affinity_gap=np.array([0.0, 0.0, 1.0, 0.8] + [0.2] * n_extra),
        hit=zeros.copy(), exposure=np.array([0.0, 0.0, 0.02, 0.05] + [0.1] * n_extra),
        coercion=zeros.copy(), exposure_target=zeros.copy(), coercion_target=zeros.copy(),
        domestic=np.array([0.0, 0.0, 0.0, 1.0] + [0.0] * n_extra),
        reputation=np.full(n, 0.9), legal=legal, neutrality=np.zeros((n, 2)), ties=ties)


def _random_inputs(rng: np.random.Generator, n: int, name: str = "random",
                   co_targets: int = 0) -> CrisisInputs:
    """A synthetic crisis of ``n`` states (state 0 attacks state 1, ``co_targets`` more states
    on the target's side) with random capabilities, distances, threats, affinities, exposures
    and commitments: for tests and benchmarks that need crises of many sizes without data."""
    cap = rng.dirichlet(np.ones(n) * 0.7)
    xy = rng.uniform(0, 10000, size=(n, 2))
    dist = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    projected = cap[None, :] ** np.log10(dist / 800.0 + 10.0 - np.e)
    threat = rng.uniform(0, 1, (n, n)) * projected / (projected + cap[:, None])
    np.fill_diagonal(threat, 0)
    aggressors = np.zeros(n, dtype=bool)
    aggressors[0] = True
    targets = np.zeros(n, dtype=bool)
    targets[1:2 + co_targets] = True
    ties = np.zeros((len(LEGAL_KINDS), n, n))
    ties[0] = rng.random((n, n)) < 0.15
    ties[2] = rng.random((n, n)) < 0.1
    for k in range(len(LEGAL_KINDS)):
        np.fill_diagonal(ties[k], 0)
    legal = np.zeros((n, 2, len(LEGAL_KINDS)))
    legal[:, TARGET_SIDE, 0] = ties[0][:, targets].max(axis=1)
    legal[:, AGGRESSOR_SIDE, 0] = rng.random(n) < 0.05
    legal[:, TARGET_SIDE, 2] = ties[2][:, targets].max(axis=1)
    legal[aggressors | targets] = 0.0
    zeros = np.zeros(n)
    return CrisisInputs(
        crisis=name, design="status-quo", states=tuple(f"S{i}" for i in range(n)),
        aggressors=aggressors, target=1, targets=targets, deciding=~aggressors & ~targets,
        capability=cap, projected=projected, threat=threat,
        affinity_gap=rng.uniform(-1, 1, n), hit=zeros.copy(),
        exposure=rng.uniform(0, 0.2, n), coercion=(rng.random(n) < 0.2).astype(float),
        exposure_target=rng.uniform(0, 0.05, n), coercion_target=zeros.copy(),
        domestic=(rng.random(n) < 0.2).astype(float), reputation=rng.uniform(0.5, 1, n),
        legal=legal, neutrality=np.zeros((n, 2)), ties=ties)
