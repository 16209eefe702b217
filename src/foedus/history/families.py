"""The model families' likelihood interfaces on the history corpora (registered on import).

Each entry tells :mod:`foedus.history.pipeline` how to turn a corpus into a family's batch of
inputs and which :class:`~foedus.history.adapters.LikelihoodModel` scores it. A family that
does not (yet) offer a batch likelihood for a corpus is absent: that corpus is scored on the
baselines only, and ``foedus fit`` says so in one line.

**Crisis model on the intervention corpus.** Every dispute becomes the world-model case a
user's scenario becomes (``foedus.history`` case builders); its third parties are the
crisis's decider slots. The MID coding of a third party - joined the target's side (side B),
joined the originator's side (side A), stayed out - maps to the model's five choices as
``fight_target``, ``fight_aggressor`` and ``did_not_fight`` (= support the target + stay out
+ support the aggressor: MID does not code support without fighting). The likelihood is the
crisis model's own (:func:`foedus.models.crisis.batch.log_likelihood`, the equilibrium given
that the aggressor attacked).

Parameters the intervention corpus cannot identify, held at their registered centre:

- the terms that act only through the choice *between* support and staying out, which MID
  does not record: ``crisis_support_entry_cost``, ``crisis_support_risk``,
  ``crisis_support_capability``, ``crisis_support_honour``;
- the aggressor's own payoffs (``crisis_aggressor_loss``, ``crisis_aggressor_cost``,
  ``crisis_resolve_dispersion``): every dispute in MID is an attack that happened, so the
  probability of attacking is identified only against cases without an attack, which the
  corpus does not contain (``foedus.models.crisis.batch.attack_log_probability``).

The crisis family's own list (``foedus.models.crisis.NOT_IDENTIFIED``: terms whose inputs
the historical cases lack - hits on third states, bilateral trade, coercion histories,
domestic constraints, political commitments) is added to these. The remaining parameters are
estimated; those the data inform less than their prior does are then held at their centre by
:func:`~foedus.history.fit.fit_posterior_mode`.
"""

from __future__ import annotations

import logging
import time
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from foedus.errors import FoedusError, UnconvergedWarning
from foedus.history.adapters import LikelihoodModel
from foedus.history.pipeline import register_interface
from foedus.history.validate import ScoringTask

__all__ = ["CRISIS_NOT_IDENTIFIED", "DisputeBatch"]

_LOG = logging.getLogger(__name__)

CRISIS_NOT_IDENTIFIED = {
    "crisis_support_entry_cost": "acts only through support without fighting, which MID "
                                 "does not code",
    "crisis_support_risk": "acts only through support without fighting, which MID does not "
                           "code",
    "crisis_support_capability": "acts only through support without fighting, which MID does "
                                 "not code",
    "crisis_support_honour": "acts only through support without fighting, which MID does not "
                             "code",
    "crisis_aggressor_loss": "the aggressor's payoff: every MID is an attack that happened, so "
                             "the corpus has no case without an attack to identify it",
    "crisis_aggressor_cost": "the aggressor's payoff: every MID is an attack that happened, so "
                             "the corpus has no case without an attack to identify it",
    "crisis_resolve_dispersion": "the aggressor's resolve: every MID is an attack that "
                                 "happened, so the corpus has no case without an attack",
}


@dataclass(eq=False)
class DisputeBatch:
    """The crisis inputs of a set of disputes and, per corpus row, its dispute and slot.

    ``take(positions)`` keeps the rows at ``positions`` and only the disputes they need,
    so a split selects its cases without rebuilding any world-model case.
    """

    inputs: list
    row_case: np.ndarray
    row_slot: np.ndarray
    _batch: Any = field(default=None, repr=False)

    def take(self, positions) -> DisputeBatch:
        positions = np.asarray(positions, dtype=int)
        cases, new_index = np.unique(self.row_case[positions], return_inverse=True)
        return DisputeBatch([self.inputs[c] for c in cases], new_index.astype(int),
                            self.row_slot[positions].copy())

    def crisis_batch(self):
        if self._batch is None:
            from foedus.models.crisis.batch import CrisisBatch

            self._batch = CrisisBatch.from_inputs(self.inputs)
        return self._batch

    def observations(self, y: np.ndarray):
        from foedus.models.crisis.batch import DID_NOT_FIGHT, MISSING, Observations
        from foedus.models.crisis.kernel import FA, FT

        code_of_class = np.array([DID_NOT_FIGHT, FT, FA])
        batch = self.crisis_batch()
        codes = [np.full(len(s), MISSING, dtype=np.int64) for s in batch.slot_states]
        for case, slot, cls in zip(self.row_case, self.row_slot, y):
            codes[case][slot] = code_of_class[cls]
        return Observations(tuple(codes))


def _crisis_log_likelihood(theta, batch: DisputeBatch, y):
    from foedus.models.crisis.batch import log_likelihood

    return np.atleast_1d(log_likelihood(np.asarray(theta, dtype=float), batch.crisis_batch(),
                                        batch.observations(y)))


def _crisis_per_case(theta, batch: DisputeBatch, y):
    from foedus.models.crisis.batch import log_likelihood

    return np.asarray(log_likelihood(np.asarray(theta, dtype=float), batch.crisis_batch(),
                                     batch.observations(y), per_case=True))


def _crisis_calibrate(theta, batch: DisputeBatch, y):
    from foedus.models.crisis.calibration import calibrate_entry_cost

    calibrated, _ = calibrate_entry_cost(batch.crisis_batch(), batch.observations(y),
                                         np.asarray(theta, dtype=float))
    return calibrated


def _crisis_predict(theta, batch: DisputeBatch):
    from foedus.models.crisis.kernel import FA, FT, SA, SO, ST

    sol = batch.crisis_batch().solve(np.asarray(theta, dtype=float))
    _warn_unconverged("crisis", "(dispute, parameter draw)", sol.converged)
    K = np.asarray(theta).shape[1]
    out = np.empty((K, batch.row_case.size, 3))
    for r, (case, slot) in enumerate(zip(batch.row_case, batch.row_slot)):
        q = sol.q[case][:, slot, :]
        out[:, r, 0] = q[:, ST] + q[:, SO] + q[:, SA]
        out[:, r, 1] = q[:, FT]
        out[:, r, 2] = q[:, FA]
    return out / out.sum(axis=-1, keepdims=True)


def _warn_unconverged(model: str, unit: str, converged: np.ndarray) -> None:
    """An :class:`~foedus.errors.UnconvergedWarning` when some predictions rest on
    equilibrium solves that stopped before their tolerance (never silently)."""
    converged = np.asarray(converged, dtype=bool)
    bad = int((~converged).sum())
    if bad:
        warnings.warn(UnconvergedWarning(
            f"{model} model: {bad} of {converged.size} {unit} equilibrium solves stopped at "
            f"their iteration cap ({bad / converged.size:.2%}); their last iterates are used "
            "in the predictions"), stacklevel=3)


def _crisis_loop(theta, batch: DisputeBatch, y, *, budget_seconds: float = 30.0,
                 seed: int = 0) -> float:
    """Plain-Python reference likelihood over the same cases; returns seconds per full
    evaluation (extrapolated from a seeded random subset of the disputes when the loop
    would exceed ``budget_seconds``)."""
    from foedus.models.crisis.batch import outcome_probabilities
    from foedus.models.crisis.reference import solve_equilibrium_loop

    obs = batch.observations(y)
    order = np.random.default_rng(seed).permutation(len(batch.inputs))
    started = time.perf_counter()
    done = 0
    for b in order:
        q, _ = solve_equilibrium_loop(batch.inputs[b], np.asarray(theta, float)[:, None],
                                      tol=1e-10)
        q_slots = q[:, np.asarray(batch.inputs[b].slots)]          # (1, slots, 5)
        np.log(np.maximum(outcome_probabilities(q_slots, obs.codes[b]), 1e-300)).sum()
        done += 1
        if time.perf_counter() - started > budget_seconds:
            break
    elapsed = time.perf_counter() - started
    return elapsed * len(batch.inputs) / max(done, 1)


def _crisis_interface():
    try:
        from foedus.models.crisis.batch import (
            CrisisBatch,  # noqa: F401
            log_likelihood_gradient,
        )
        from foedus.models.crisis.params import parameter_names
    except ImportError:
        return None
    try:
        from foedus.history import cases as history_cases
    except ImportError:
        return None
    names = tuple(parameter_names())
    try:   # the model family's own list (inputs the corpus lacks), with ours
        from foedus.models.crisis import NOT_IDENTIFIED as family_list
    except ImportError:
        family_list = {}
    declared = {**CRISIS_NOT_IDENTIFIED, **dict(family_list)}
    not_identified = {k: v for k, v in declared.items() if k in names}

    def gradient_for(batch: DisputeBatch, y):
        observed = batch.observations(y)

        def gradient(theta, free):
            return log_likelihood_gradient(np.asarray(theta, float), batch.crisis_batch(),
                                           observed, free=free)
        return gradient

    model = LikelihoodModel(
        "crisis", names, _crisis_log_likelihood, _crisis_predict, not_identified,
        description="crisis model (five choices, MID coding) on the intervention corpus",
        gradient_for=gradient_for, loop_seconds=_crisis_loop, per_case=_crisis_per_case,
        calibrate=_crisis_calibrate)
    return model, lambda task: _dispute_batch(task, history_cases)


def _dispute_batch(task: ScoringTask, history_cases) -> tuple[DisputeBatch, np.ndarray]:
    """World-model crisis inputs of every dispute of the task, rows matched to slots."""
    from foedus.models.crisis import crisis_inputs

    frame = task.frame
    dispnums = frame["cluster"].to_numpy()
    ccodes = frame["case_id"].str.split(":").str[1].astype(int).to_numpy()
    unique = list(dict.fromkeys(dispnums.tolist()))
    built = dict(history_cases.dispute_cases(unique))
    inputs, slot_maps = [], []
    for dispnum in unique:
        case = built[dispnum]
        crisis = case.crises[0]
        inp = crisis_inputs(case, crisis)
        states = np.array(inp.states)[np.asarray(inp.slots)]
        by_ccode = {case.world.states[s].ccode: k for k, s in enumerate(states)}
        inputs.append(inp)
        slot_maps.append(by_ccode)
    index_of = {d: k for k, d in enumerate(unique)}
    row_case = np.array([index_of[d] for d in dispnums], dtype=int)
    row_slot = np.array([slot_maps[c].get(cc, -1) for c, cc in zip(row_case, ccodes)],
                        dtype=int)
    keep = row_slot >= 0
    if not keep.any():
        raise FoedusError("crisis model: no third party of the corpus is a decider of its "
                          "dispute's world-model case")
    return DisputeBatch(inputs, row_case, row_slot).take(np.flatnonzero(keep)), keep


register_interface("intervention", _crisis_interface)


# ----------------------------------------------------------------------------- formation
#: Formation parameters the alliance corpus cannot identify, held at their registered centre.
FORMATION_NOT_IDENTIFIED = {
    "formation_political_weight": "every alliance of the corpus is an ATOP treaty: the weight "
                                  "of a non-binding commitment never enters",
    "formation_coercion_history_uplift": "historical cases carry no coercion-history facts",
    "formation_domestic_weight": "historical cases carry no domestic-obstacle facts "
                                 "(constitutional limits, ratification thresholds)",
    "formation_cost_foreign_command": "ATOP designs carry no command rule",
    "formation_cost_shared_base_control": "ATOP designs carry no base-control rule",
    "formation_cost_foreign_forces": "ATOP designs carry no basing rule",
    "formation_value_leadership": "ATOP designs carry no command rule",
    "formation_value_basing_rights": "ATOP designs carry no basing rule",
}


#: Games are stacked in buckets of similar size: a padded batch costs ``B * N_max**2 * A_max``
#: in its pair arrays, so one batch of every alliance (2 to 55 states) spends most of its time
#: on padding. A bucket's largest game has at most this factor more states than its smallest.
BUCKET_RATIO = 1.5


def size_buckets(sizes, ratio: float = BUCKET_RATIO) -> list[np.ndarray]:
    """Indices of games grouped by size: sorted by size, a new bucket starts when a game has
    more than ``ratio`` times the states of the bucket's smallest game.

    Examples
    --------
    >>> [b.tolist() for b in size_buckets([2, 9, 3, 10, 40, 4])]
    [[0, 2], [5], [1, 3], [4]]
    """
    sizes = np.asarray(sizes)
    order = np.argsort(sizes, kind="stable")
    buckets, current, smallest = [], [], None
    for k in order:
        if current and sizes[k] > ratio * smallest:
            buckets.append(np.sort(np.array(current, dtype=int)))
            current = []
        if not current:
            smallest = max(int(sizes[k]), 1)
        current.append(int(k))
    if current:
        buckets.append(np.sort(np.array(current, dtype=int)))
    return buckets


@dataclass(eq=False)
class AllianceBatch:
    """The membership games of a set of alliance cases and, per corpus row, its game and
    slot; ``take`` keeps rows and the games they need (no case is rebuilt).

    The games are solved in buckets of similar size (:func:`size_buckets`); every row's
    equilibrium depends on its own game only, so the buckets give the same numbers as one
    padded batch, several times faster.
    """

    games: list
    labels: list
    row_case: np.ndarray
    row_slot: np.ndarray
    _stacked: Any = field(default=None, repr=False)

    def take(self, positions) -> AllianceBatch:
        positions = np.asarray(positions, dtype=int)
        cases, new_index = np.unique(self.row_case[positions], return_inverse=True)
        return AllianceBatch([self.games[c] for c in cases], [self.labels[c] for c in cases],
                             new_index.astype(int), self.row_slot[positions].copy())

    def buckets(self) -> list:
        """``(game indices, stacked GameBatch)`` of every size bucket (built once)."""
        from foedus.models.formation.batch import stack_games

        if self._stacked is None:
            self._stacked = [(idx, stack_games([self.games[k] for k in idx]))
                             for idx in size_buckets([g.n for g in self.games])]
        return self._stacked

    def data(self, y: np.ndarray | None):
        """``(game indices, AllianceData)`` of every bucket, ``y`` placed on its rows."""
        from foedus.models.formation.likelihood import AllianceData

        out = []
        for idx, stacked in self.buckets():
            position = np.full(len(self.games), -1, dtype=int)
            position[idx] = np.arange(idx.size)
            rows = np.flatnonzero(position[self.row_case] >= 0)
            observed = np.full(stacked.present.shape, np.nan)
            if y is not None:
                observed[position[self.row_case[rows]], self.row_slot[rows]] = \
                    np.asarray(y, dtype=float)[rows]
            out.append((idx, rows, AllianceData(stacked, observed,
                                                tuple(self.labels[k] for k in idx))))
        return out


#: How the history interface solves the membership equilibria: Anderson acceleration to a
#: tolerance near machine precision (the same fixed point as the damped iteration's, which
#: stops at 1e-6; ``docs/validation-history.md``, "The formation fit").
SOLVER = {"method": "anderson", "tol": 1e-12, "max_iter": 500}
#: The BHHH information's ``2p + 1`` parameter columns around a mode differ from the first by
#: about 1e-4 (relative): those within this relative distance start from the first column's
#: equilibrium. Farther columns are traced from lambda / 4, as the likelihood defines them:
#: the corpus games have several equilibria, and a warm start 25% away lands on another
#: branch in 3 of 3 trials (5-7 nats; ``docs/validation-history.md``).
WARM_RADIUS = 1e-3


def _near(theta, reference, radius: float = WARM_RADIUS) -> bool:
    if reference is None:
        return False
    theta, reference = np.asarray(theta, float), np.asarray(reference, float)
    return bool(np.max(np.abs(theta - reference) / np.maximum(np.abs(reference), 0.1))
                <= radius)


def _solve_columns(theta, data, cold_columns, warm_from=None, solver=None, converged=None):
    """Memberships (D, B, N) of one bucket under every column of ``theta`` (P, D), all columns
    in one batched solve (rows = game x parameter vector, in chunks that keep the pair arrays
    near 4 million entries). ``warm_from`` (B, N) starts the columns not in ``cold_columns``
    from a previous equilibrium at full precision. ``solver``: options of ``solve_qre``
    (default :data:`SOLVER`). ``converged``: a list to which each solve's per-row
    convergence flags are appended."""
    from foedus.models.formation.likelihood import _rows_in_chunks
    from foedus.models.formation.qre import STAGES, solve_qre

    theta = np.asarray(theta, dtype=float)
    stacked = data.batch
    B, N = stacked.present.shape
    D = theta.shape[1]
    out = np.empty((D, B, N))
    for columns, warm in ((np.flatnonzero(cold_columns), False),
                          (np.flatnonzero(~np.asarray(cold_columns)), True)):
        if columns.size == 0:
            continue
        game = np.tile(np.arange(B), columns.size)
        column = np.repeat(columns, B)
        step = _rows_in_chunks(stacked, game.size)
        for start in range(0, game.size, step):
            part = slice(start, start + step)
            rows = stacked.take(game[part]) if game.size > B or start else stacked
            z0 = warm_from[game[part]] if warm else None
            sol = solve_qre(rows, theta[:, column[part]].T, z0=z0,
                            stages=(1.0,) if warm else STAGES,
                            **(SOLVER if solver is None else solver))
            out[column[part], game[part]] = sol.membership
            if converged is not None:
                converged.append(np.asarray(sol.converged, dtype=bool))
    return out


def _bucket_log_likelihood(z, data):
    from foedus.models.formation.likelihood import _bernoulli

    y = data.observed
    scored = np.isfinite(y)
    return np.where(scored[None], _bernoulli(z, np.nan_to_num(y)[None]), 0.0).sum(axis=2)


def _formation_log_likelihood(theta, batch: AllianceBatch, y):
    return _formation_per_case(theta, batch, y).sum(axis=0)


def _formation_per_case(theta, batch: AllianceBatch, y):
    """Log-likelihood of each alliance (B, D) under each column of ``theta`` (P, D).

    The first column is traced from lambda / 4 (the likelihood's definition); the other
    columns near it (within :data:`WARM_RADIUS`: the ``2p + 1`` columns of the BHHH
    information around a mode) start from its equilibrium, the rest are traced too. All
    columns of a bucket are solved as one batch."""
    theta = np.asarray(theta, dtype=float)
    D = theta.shape[1]
    out = np.zeros((len(batch.games), D))
    near = np.array([d > 0 and _near(theta[:, d], theta[:, 0]) for d in range(D)])
    for idx, _, data in batch.data(y):
        first = _solve_columns(theta[:, :1], data, np.ones(1, dtype=bool))
        z = np.empty((D,) + first.shape[1:])
        z[0] = first[0]
        if D > 1:
            z[1:] = _solve_columns(theta[:, 1:], data, ~near[1:], first[0])
        out[idx] = _bucket_log_likelihood(z, data).T
    return out


def _formation_predict(theta, batch: AllianceBatch):
    theta = np.asarray(theta, dtype=float)
    out = np.empty((theta.shape[1], batch.row_case.size, 2))
    converged: list[np.ndarray] = []
    for idx, rows, data in batch.data(None):
        position = np.full(len(batch.games), -1, dtype=int)
        position[idx] = np.arange(idx.size)
        # predictions: the damped path at its default tolerance (1e-6), the documented scores
        z = _solve_columns(theta, data, np.ones(theta.shape[1], dtype=bool),
                           solver={"method": "damped"}, converged=converged)
        z = np.clip(z[:, position[batch.row_case[rows]], batch.row_slot[rows]], 0.0, 1.0)
        out[:, rows, 0], out[:, rows, 1] = 1.0 - z, z
    if converged:
        _warn_unconverged("formation", "(alliance game, parameter draw)",
                          np.concatenate(converged))
    return out


def _formation_gradient_for(batch: AllianceBatch, y):
    """The log-likelihood and its gradient by the implicit function theorem
    (:func:`~foedus.models.formation.likelihood.alliance_log_likelihood_gradient`): every
    evaluation traces the equilibrium from lambda / 4 (the likelihood's own selection) and
    differentiates that branch - one solve per gradient instead of ``2p + 1``."""
    from foedus.models.formation.likelihood import alliance_log_likelihood_gradient

    buckets = batch.data(y)

    def gradient(theta, free):
        theta = np.asarray(theta, dtype=float)
        value, grad = 0.0, np.zeros(theta.size)
        for _, _, data in buckets:
            per_case, g, _ = alliance_log_likelihood_gradient(
                theta, data, free, tol=SOLVER["tol"], max_iter=SOLVER["max_iter"])
            value += float(per_case.sum())
            grad += g.sum(axis=0)
        return value, grad

    return gradient


def _formation_loop(theta, batch: AllianceBatch, y) -> float:
    from foedus.models.formation.likelihood import alliance_log_likelihood_loop

    buckets = batch.data(y)
    started = time.perf_counter()
    for _, _, data in buckets:
        alliance_log_likelihood_loop(np.asarray(theta, dtype=float), data)
    return time.perf_counter() - started


def _alliance_batch(task: ScoringTask, history_cases) -> tuple[AllianceBatch, np.ndarray]:
    """Membership games of every alliance of the task, rows matched to the game's states."""
    from foedus.models.formation.analysis import central_interests
    from foedus.models.formation.game import build_game
    from foedus.models.formation.likelihood import offered_design

    frame = task.frame
    atopids = frame["cluster"].to_numpy()
    ccodes = frame["case_id"].str.split(":").str[1].astype(int).to_numpy()
    unique = list(dict.fromkeys(int(a) for a in atopids.tolist()))
    built = dict(history_cases.alliance_cases(unique))
    games, labels, slot_maps, skipped = [], [], [], {}
    for atopid in unique:
        case = built[atopid]
        design = f"atop-{atopid}"
        try:
            # the design as offered to every invited state: scored as founded, the
            # candidates that stayed out would be party to nothing and have nothing to join,
            # and the game would read the outcome from the member list
            game = build_game(case, offered_design(case, design), central_interests(case))
        except FoedusError as exc:
            # the model cannot pose this alliance's game (e.g. no invited state faces a
            # threat, so there is no contingency to deter): its rows are dropped for every
            # predictor alike and counted in the task's description
            skipped[atopid] = str(exc)
            slot_maps.append({})
            games.append(None)
            labels.append(design)
            continue
        slot_maps.append({case.world.states[s].ccode: k for k, s in enumerate(game.states)
                          if s not in game.fixed})
        games.append(game)
        labels.append(design)
    if skipped:
        _LOG.info("formation model: %d alliances without a membership game (%s)",
                  len(skipped), "; ".join(f"atop {a}: {m}" for a, m in
                                          list(skipped.items())[:3]))
    index_of = {a: k for k, a in enumerate(unique)}
    row_case = np.array([index_of[int(a)] for a in atopids], dtype=int)
    row_slot = np.array([slot_maps[c].get(cc, -1) for c, cc in zip(row_case, ccodes)],
                        dtype=int)
    keep = row_slot >= 0
    if not keep.any():
        raise FoedusError("formation model: no state of the corpus decides in its alliance's "
                          "membership game")
    return AllianceBatch(games, labels, row_case, row_slot).take(np.flatnonzero(keep)), keep


def _formation_interface():
    try:
        from foedus.models.formation.likelihood import alliance_log_likelihood  # noqa: F401
    except ImportError:
        return None
    try:
        from foedus.history import cases as history_cases
    except ImportError:
        return None
    model = _formation_model(
        _formation_log_likelihood, _formation_predict, FORMATION_NOT_IDENTIFIED,
        "formation model (membership QRE) on the alliance corpus",
        loop_seconds=_formation_loop, per_case=_formation_per_case,
        gradient_for=_formation_gradient_for)
    return model, lambda task: _alliance_batch(task, history_cases)


def _formation_model(log_likelihood, predict, not_identified, description,
                     **hooks) -> LikelihoodModel:
    """The formation family's :class:`LikelihoodModel` on one corpus: every registered
    formation parameter, those the corpus cannot inform declared."""
    from foedus.models.formation.params import FORMATION_PARAMETERS

    names = tuple(FORMATION_PARAMETERS)
    return LikelihoodModel("formation", names, log_likelihood, predict,
                           {k: v for k, v in not_identified.items() if k in names},
                           description=description, **hooks)


register_interface("formation-members", _formation_interface)


# ----------------------------------------------------------------------------- dyad-years
#: Formation parameters the dyad-year corpus cannot inform: the formation family's list
#: (``foedus.models.formation.NOT_IDENTIFIED``: trade exposure, coercion histories, design
#: rules), the alliance corpus's, and the political-commitment weight, which the bilateral-pact value
#: (:func:`foedus.models.formation.likelihood.dyad_values`) does not contain.
def _formation_model_list() -> dict:
    try:
        from foedus.models.formation.rows import NOT_IDENTIFIED
    except ImportError:
        return {}
    return dict(NOT_IDENTIFIED)


FORMATION_DYADS_NOT_IDENTIFIED = {
    **_formation_model_list(),
    **FORMATION_NOT_IDENTIFIED,
    "formation_political_weight": "the bilateral-pact value of a dyad-year has no political "
                                  "(non-treaty) commitment term",
}


def _dyad_year_batch(task: ScoringTask, history_cases):
    """The bilateral-pact arrays of every dyad-year of the task, in the task's row order.

    Each year's dyads are posed in the state system of 1 January of that year
    (:func:`foedus.history.cases.system_case`), its interests computed once; the pair's
    adversaries are each side's most threatening states in that system
    (:func:`~foedus.models.formation.likelihood.dyad_batch`)."""
    from foedus.interests import compute_interests
    from foedus.models.formation.likelihood import dyad_batch
    from foedus.models.formation.rows import DyadRows, concat_dyads, take_dyads

    frame = task.frame
    pairs = frame["case_id"].str.split(":").str[0].str.split("-")
    c1 = pairs.str[0].astype(int).to_numpy()
    c2 = pairs.str[1].astype(int).to_numpy()
    years = frame["year"].to_numpy(dtype=int)
    extra: dict[int, set[int]] = {}
    for a, b, y in zip(c1, c2, years, strict=True):
        extra.setdefault(int(y), set()).update((int(a), int(b)))
    parts, order = [], []
    for year, case in history_cases.system_cases(dict(sorted(extra.items()))):
        world = case.world
        code_of = {state.ccode: iso3 for iso3, state in world.states.items()}
        rows = np.flatnonzero(years == year)
        parts.append(dyad_batch(world, compute_interests(world),
                                [(code_of[int(c1[r])], code_of[int(c2[r])]) for r in rows]))
        order.extend(rows.tolist())
    batch = concat_dyads(parts)
    inverse = np.empty(len(order), dtype=int)
    inverse[np.asarray(order)] = np.arange(len(order))
    return DyadRows(take_dyads(batch, inverse)), np.ones(len(frame), dtype=bool)


def _dyads_log_likelihood(theta, batch, y):
    from foedus.models.formation.rows import dyad_rows_log_likelihood

    return dyad_rows_log_likelihood(theta, batch, y)


def _dyads_per_case(theta, batch, y):
    from foedus.models.formation.likelihood import dyad_log_likelihood

    theta = np.asarray(theta, dtype=float)
    return np.stack([dyad_log_likelihood(theta[:, d], batch.dyads, y, per_dyad=True)
                     for d in range(theta.shape[1])], axis=1)


def _dyads_predict(theta, batch):
    from foedus.models.formation.rows import dyad_rows_probabilities

    return dyad_rows_probabilities(theta, batch)


def _dyads_loop(theta, batch, y, *, sample: int = 2000) -> float:
    """Seconds of one plain-loop evaluation over every row, extrapolated from the first
    ``sample`` rows."""
    from foedus.models.formation.likelihood import dyad_log_likelihood_loop

    n = len(batch)
    part = batch.take(np.arange(min(n, sample)))
    started = time.perf_counter()
    dyad_log_likelihood_loop(np.asarray(theta, dtype=float), part.dyads,
                             np.asarray(y, dtype=float)[:len(part)])
    return (time.perf_counter() - started) * n / max(len(part), 1)


def _formation_dyads_interface():
    try:
        from foedus.models.formation.likelihood import dyad_probability  # noqa: F401
    except ImportError:
        return None
    from foedus.history import cases as history_cases

    model = _formation_model(
        _dyads_log_likelihood, _dyads_predict, FORMATION_DYADS_NOT_IDENTIFIED,
        "formation model (bilateral-pact game) on the dyad-year corpus",
        loop_seconds=_dyads_loop, per_case=_dyads_per_case)
    return model, lambda task: _dyad_year_batch(task, history_cases)


register_interface("formation-dyads", _formation_dyads_interface)
