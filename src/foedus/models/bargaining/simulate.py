"""Run KTAB's SMP to its stopping rule and return a frozen result with tidy tables.

:func:`run_smp` is the entry point for one run; :func:`run_smp_draws` repeats it over seeds
(stochastic transitions) serially or in worker processes with identical numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from foedus.errors import ParameterError
from foedus.models.bargaining.params import SMPSwitches, StateTransitions, StopRule
from foedus.models.bargaining.problem import SpatialProblem
from foedus.models.bargaining.smp import (
    Assessment,
    TurnRecord,
    assess_state,
    new_ideals,
    should_stop,
    smp_turn,
    state_distance,
)

__all__ = ["SMPResult", "run_smp", "run_smp_draws"]


@dataclass(frozen=True, eq=False)
class SMPResult:
    """A run of the SMP: the state after every turn and what happened in between.

    Attributes
    ----------
    problem, switches, stop_rule, seed
        The inputs (``seed`` is None for deterministic runs).
    positions, ideals : (T + 1, n, d) arrays
        Positions and ideal points at turns 0..T (unit scale; multiply by
        ``problem.scale`` for KTAB's 0-100 scale).
    risk : (T + 1, n) array
        Inferred risk attitudes R_i of each state.
    position_probability : (T + 1, n) array
        Probability that each actor's position wins the state's probabilistic Condorcet
        election (KTAB's ``<actor>, prob :`` lines).
    fractional_change : (T,) array
        KTAB's ``Fractional change compared to first step`` after each turn.
    turns : tuple of TurnRecord
        Targets, bargains, queues and choices of each turn.
    """

    problem: SpatialProblem
    switches: SMPSwitches
    stop_rule: StopRule
    seed: int | None
    positions: np.ndarray
    ideals: np.ndarray
    risk: np.ndarray
    position_probability: np.ndarray
    fractional_change: np.ndarray
    turns: tuple[TurnRecord, ...]
    final_unique: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=int))
    final_unique_probability: np.ndarray = field(default_factory=lambda: np.empty(0))

    @property
    def n_turns(self) -> int:
        return len(self.turns)

    @property
    def final_positions(self) -> np.ndarray:
        """Positions after the last turn, on the problem's display scale (0-100)."""
        return self.positions[-1] * self.problem.scale

    def outcome(self) -> np.ndarray:
        """Expected outcome of the final state (display scale).

        The final state's probabilistic Condorcet election gives each distinct position a
        probability of prevailing; the outcome is their probability-weighted mean, dimension by
        dimension.
        """
        final = self.positions[-1][self.final_unique]
        return self.final_unique_probability @ final * self.problem.scale

    def modal_outcome(self) -> np.ndarray:
        """The final state's most probable position (display scale)."""
        best = self.final_unique[int(np.argmax(self.final_unique_probability))]
        return self.positions[-1][best] * self.problem.scale

    def weighted_mean(self) -> np.ndarray:
        """Capability-and-salience weighted mean of the final positions (display scale)."""
        p = self.problem
        w = p.capability[:, None] * p.salience
        return (w * self.positions[-1]).sum(axis=0) / w.sum(axis=0) * p.scale

    def positions_frame(self) -> pd.DataFrame:
        """Tidy: one row per (turn, actor, dimension) with position and ideal (display scale)."""
        p = self.problem
        t, a, k = np.meshgrid(np.arange(self.positions.shape[0]), np.arange(p.n_actors),
                              np.arange(p.n_dimensions), indexing="ij")
        return pd.DataFrame({
            "turn": t.ravel(), "actor": np.array(p.actors)[a.ravel()],
            "dimension": np.array(p.dimensions)[k.ravel()],
            "position": (self.positions * p.scale).ravel(),
            "ideal": (self.ideals * p.scale).ravel(),
        })

    def probabilities_frame(self) -> pd.DataFrame:
        """Tidy: one row per (turn, actor): P(position wins) and inferred risk attitude."""
        p = self.problem
        t, a = np.meshgrid(np.arange(self.risk.shape[0]), np.arange(p.n_actors), indexing="ij")
        return pd.DataFrame({"turn": t.ravel(), "actor": np.array(p.actors)[a.ravel()],
                             "win_probability": self.position_probability.ravel(),
                             "risk_attitude": self.risk.ravel()})

    def changes_frame(self) -> pd.DataFrame:
        """One row per turn: KTAB's fractional change compared to the first step."""
        return pd.DataFrame({"turn": np.arange(1, self.n_turns + 1),
                             "fractional_change": self.fractional_change})

    def bargains_frame(self) -> pd.DataFrame:
        """Tidy: every bargain proposed in every turn, with its selection probabilities.

        ``p_initiator_queue``/``p_receiver_queue``: the bargain's probability in the
        initiator's and receiver's queue elections; ``chosen_by_*``: whether that actor
        adopted it. Positions on the display scale, one column per dimension.
        """
        p = self.problem
        rows = []
        bargain_id = 0
        for turn, rec in enumerate(self.turns):
            where = {}
            for k, queue in enumerate(rec.queues):
                for slot, b in enumerate(queue):
                    where[(k, b)] = float(rec.queue_probabilities[k][slot])
            for b, bargain in enumerate(rec.bargains):
                i, j = bargain["initiator"], bargain["receiver"]
                row = {"turn": turn, "bargain_id": bargain_id, "initiator": p.actors[i],
                       "receiver": p.actors[j], "kind": bargain["kind"],
                       "expected_gain": bargain["gain"],
                       "p_initiator_queue": where.get((i, b), np.nan),
                       "chosen_by_initiator": bool(rec.chosen[i] == b),
                       "p_receiver_queue": where.get((j, b), np.nan) if i != j else np.nan,
                       "chosen_by_receiver": bool(rec.chosen[j] == b) if i != j else False}
                for k, dim in enumerate(p.dimensions):
                    row[f"initiator_position__{dim}"] = bargain["pos_init"][k] * p.scale
                    row[f"receiver_position__{dim}"] = bargain["pos_rcvr"][k] * p.scale
                rows.append(row)
                bargain_id += 1
        return pd.DataFrame(rows)

    def to_frame(self) -> pd.DataFrame:
        """Positions with each actor's win probability and risk attitude (tidy)."""
        return self.positions_frame().merge(self.probabilities_frame(), on=["turn", "actor"])


def run_smp(problem: SpatialProblem, switches: SMPSwitches | None = None,
            stop_rule: StopRule | None = None, seed: int | None = None,
            compiled: bool = True) -> SMPResult:
    """Run KTAB's Spatial Model of Politics until KTAB's stopping rule holds.

    Parameters
    ----------
    problem : SpatialProblem
    switches : SMPSwitches, optional
        KTAB's nine model switches (default: KTAB's defaults).
    stop_rule : StopRule, optional
        KTAB's stopping rule (default: at least 2 and at most 100 turns, stop when a turn
        moves less than 2% as much as the first).
    seed : int, optional
        Seed of the ``numpy.random.Generator`` for stochastic transitions (required then;
        ignored for deterministic runs). Same seed, same run.
    compiled : bool, default True
        Use the numba kernels when numba is installed; ``False`` runs the NumPy path. Both
        give the same numbers.

    Returns
    -------
    SMPResult

    Examples
    --------
    >>> problem = SpatialProblem(
    ...     ["A", "B", "C", "D"], ["policy"], [1.0, 2.0, 1.5, 0.5],
    ...     [[0.1], [0.4], [0.6], [0.95]], [[0.8], [0.5], [0.6], [0.9]])
    >>> result = run_smp(problem)
    >>> result.n_turns, result.final_positions.round(1).ravel().tolist()
    (11, [44.5, 44.5, 46.0, 45.4])

    References
    ----------
    KAPSARC Toolkit for Behavioral Analysis (KTAB), ``examples/smp``, MIT licence,
    https://github.com/KAPSARC/KTAB (commit 3b5b063, 2019).
    """
    switches = switches or SMPSwitches()
    stop_rule = stop_rule or StopRule()
    stochastic = switches.state_transitions is StateTransitions.STOCHASTIC
    if stochastic and seed is None:
        raise ParameterError("stochastic state transitions need a seed (same seed, same run)")
    rng = np.random.default_rng(seed) if stochastic else None
    position = problem.position.copy()
    ideal = problem.ideal.copy()
    positions, ideals = [position], [ideal]
    assessments: list[Assessment] = [assess_state(problem, position, ideal, switches, compiled)]
    turns: list[TurnRecord] = []
    ratios: list[float] = []
    d01 = 0.0
    while True:
        record = smp_turn(problem, position, ideal, assessments[-1], switches, rng, compiled)
        turns.append(record)
        new_position = record.position
        ideal = new_ideals(problem.accommodation, new_position, ideal)
        moved = state_distance(new_position, position)
        position = new_position
        positions.append(position)
        ideals.append(ideal)
        assessments.append(assess_state(problem, position, ideal, switches, compiled))
        if len(turns) == 1:
            d01 = moved
        done, ratio = should_stop(stop_rule, len(turns), d01, moved)
        ratios.append(ratio)
        if done:
            break
    return SMPResult(
        problem=problem, switches=switches, stop_rule=stop_rule,
        seed=seed if stochastic else None,
        positions=np.stack(positions), ideals=np.stack(ideals),
        risk=np.stack([a.risk for a in assessments]),
        position_probability=np.stack([a.position_probability for a in assessments]),
        fractional_change=np.array(ratios), turns=tuple(turns),
        final_unique=assessments[-1].unique,
        final_unique_probability=assessments[-1].unique_probability)


def _run_one(args) -> SMPResult:
    problem, switches, stop_rule, seed = args
    return run_smp(problem, switches, stop_rule, seed)


def run_smp_draws(problems, switches: SMPSwitches | None = None,
                  stop_rule: StopRule | None = None, seed: int = 0,
                  processes: int | None = None) -> list[SMPResult]:
    """Run the SMP once per problem (e.g. per draw of uncertain positions).

    Run ``r`` uses the seed ``SeedSequence(seed).spawn(R)[r]`` (its first 63 bits), so the
    numbers do not depend on the order or on the processes the runs execute in.

    Parameters
    ----------
    problems : sequence of SpatialProblem
    processes : int, optional
        Worker processes (``None`` or 1: serial in this process).

    Examples
    --------
    >>> problem = SpatialProblem(["A", "B", "C"], ["x"], [1, 1, 1], [[0.1], [0.5], [0.9]],
    ...                          [[0.5], [0.5], [0.5]])
    >>> runs = run_smp_draws([problem, problem], SMPSwitches(state_transitions="Stochastic"),
    ...                      seed=7)
    >>> [r.seed for r in runs] == [r.seed for r in run_smp_draws([problem, problem],
    ...      SMPSwitches(state_transitions="Stochastic"), seed=7)]
    True
    """
    problems = list(problems)
    children = np.random.SeedSequence(seed).spawn(len(problems))
    seeds = [int(c.generate_state(2, dtype=np.uint64)[0] >> np.uint64(1)) for c in children]
    jobs = [(p, switches, stop_rule, s) for p, s in zip(problems, seeds, strict=True)]
    if not processes or processes <= 1 or len(jobs) <= 1:
        return [_run_one(job) for job in jobs]
    import multiprocessing

    context = multiprocessing.get_context("fork" if hasattr(__import__("os"), "fork")
                                          else "spawn")
    with context.Pool(processes) as pool:
        return pool.map(_run_one, jobs)
