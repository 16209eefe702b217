"""The formation model on the rows of the history corpora (for ``foedus.history``'s scorer).

The scorer's tasks are tables with one row per decision: (alliance, state) for the
members-and-candidates corpus, (dyad, year) for the dyad-year corpus. These classes align the
model's inputs with such rows and keep them aligned under ``take(positions)`` (a split keeps
its rows without rebuilding a case), and the functions give, for parameter vectors in the
columns of ``theta`` (shape ``(P, D)``, ``FORMATION_PARAMETERS`` order), the log-likelihood of
the observed classes (``(D,)``) and the class probabilities (``(D, rows, 2)``: class 0 the
state stays out / no pact, class 1 it joins / a pact begins) - the interface of
``foedus.history.adapters.LikelihoodModel``.

:data:`NOT_IDENTIFIED` lists the parameters whose inputs the historical cases lack, so that a
fit holds them at their registered centre.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace

import numpy as np

from foedus.errors import FoedusError, ParameterError
from foedus.models.formation.likelihood import (
    AllianceData,
    DyadBatch,
    alliance_data,
    dyad_batch,
    dyad_probability,
)
from foedus.models.formation.params import FORMATION_PARAMETERS
from foedus.models.formation.qre import solve_qre

__all__ = ["NOT_IDENTIFIED", "DyadRows", "MemberRows", "concat_dyads", "dyad_rows",
           "dyad_rows_log_likelihood", "dyad_rows_probabilities", "member_rows",
           "members_log_likelihood", "members_probabilities"]

_FLOOR = 1e-12

#: Parameters the historical corpora cannot inform (their inputs are scenario facts or design
#: rules that the ATOP/COW cases do not carry), held at their registered centre by a fit.
NOT_IDENTIFIED = {
    "formation_coercion_weight": "needs bilateral trade exposure, which the shipped trade data "
                                 "give for a few dyads of the 2000s only",
    "formation_coercion_base_rate": "acts only through trade exposure (see the coercion weight)",
    "formation_coercion_history_uplift": "needs coded coercion histories (scenario facts)",
    "formation_domestic_weight": "needs ratification rules and legislative support (scenario "
                                 "facts), absent from the historical cases",
    "formation_value_leadership": "needs the design's leaders, which ATOP does not code",
    "formation_value_basing_rights": "needs basing pairs, which the cases do not carry",
    "formation_cost_foreign_command": "needs the design's command rule, not in the cases",
    "formation_cost_shared_base_control": "needs the design's base-control rule, not in the "
                                          "cases",
    "formation_cost_foreign_forces": "needs basing pairs, which the cases do not carry",
    "formation_cost_institution": "needs the agreements' institutions, which the cases do "
                                  "not carry",
}


def _thetas(theta) -> np.ndarray:
    theta = np.asarray(theta, dtype=float)
    if theta.ndim == 1:
        theta = theta[:, None]
    if theta.ndim != 2 or theta.shape[0] != len(FORMATION_PARAMETERS):
        raise ParameterError(f"theta must have shape ({len(FORMATION_PARAMETERS)}, draws) in "
                             f"FORMATION_PARAMETERS order, got {theta.shape}")
    if not np.all(np.isfinite(theta)) or np.any(theta < 0):
        raise ParameterError("theta must be finite and non-negative")
    return theta


# ----------------------------------------------------------------------------- members
@dataclass(eq=False)
class MemberRows:
    """Alliance cases (their padded games) and, per corpus row, its case and state slot."""

    data: AllianceData
    row_case: np.ndarray
    row_state: np.ndarray
    _warm: dict = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.row_case)

    def take(self, positions) -> MemberRows:
        """The rows at ``positions``, keeping only the cases they need."""
        positions = np.asarray(positions, dtype=int)
        cases, index = np.unique(self.row_case[positions], return_inverse=True)
        data = AllianceData(self.data.batch.take(cases), self.data.observed[cases],
                            tuple(self.data.labels[c] for c in cases))
        return MemberRows(data, index.astype(int), self.row_state[positions].copy())

    def membership(self, theta) -> np.ndarray:
        """(D, rows) membership probability of each row's state under each column of theta
        (the QRE of every case; warm-started from the previous call's solution)."""
        theta = _thetas(theta)
        out = np.empty((theta.shape[1], len(self)))
        for d in range(theta.shape[1]):
            z0 = self._warm.get("z")
            kwargs = {"z0": z0, "stages": (1.0,)} if z0 is not None else {}
            solution = solve_qre(self.data.batch, theta[:, d][None, :], **kwargs)
            if not solution.converged.all() and z0 is not None:
                solution = solve_qre(self.data.batch, theta[:, d][None, :])
            self._warm["z"] = solution.membership
            out[d] = solution.membership[self.row_case, self.row_state]
        return out


def member_rows(rows, cases: Callable[[object], tuple], *, interests=None) -> MemberRows:
    """Align alliance cases with corpus rows.

    Parameters
    ----------
    rows : iterable of (case key, state code)
        One per corpus row, e.g. ``(atopid, "GBR")``.
    cases : callable
        ``key -> (case, design, members)`` for each distinct case key (e.g. built from
        ``foedus.history.alliance_case``); ``members`` are the states that joined.
    interests : callable, optional
        ``case -> Interests`` (default: the interests layer at its central values).

    Examples
    --------
    >>> from foedus.scenarios import build_case, load_scenario
    >>> case = build_case(load_scenario("seato-1954"))
    >>> signed = ("USA", "GBR", "FRA", "AUS", "NZL", "PHL", "THA", "PAK")
    >>> r = member_rows([(3260, "THA"), (3260, "IND")], lambda k: (case, "manila-pact", signed))
    >>> len(r), r.row_state.tolist() == [r.data.batch.games[0].states.index(s) for s in ("THA", "IND")]
    (2, True)
    """
    rows = list(rows)
    keys = list(dict.fromkeys(k for k, _ in rows))
    entries = [cases(k) for k in keys]
    data = alliance_data(entries, interests=interests)
    where = {k: b for b, k in enumerate(keys)}
    row_case = np.array([where[k] for k, _ in rows], dtype=int)
    row_state = np.empty(len(rows), dtype=int)
    for r, (k, state) in enumerate(rows):
        states = data.batch.games[where[k]].states
        if state not in states:
            raise FoedusError(f"case {k}: {state} is not a state of its design; the corpus row "
                              "and the case disagree")
        row_state[r] = states.index(state)
    return MemberRows(data, row_case, row_state)


def members_probabilities(theta, rows: MemberRows) -> np.ndarray:
    """(D, rows, 2) probabilities of staying out and of joining."""
    z = np.clip(rows.membership(theta), 0.0, 1.0)
    return np.stack([1.0 - z, z], axis=-1)


def members_log_likelihood(theta, rows: MemberRows, y) -> np.ndarray:
    """(D,) log-likelihood of the observed classes ``y`` (1 joined, 0 stayed out)."""
    y = np.asarray(y)
    if y.shape != (len(rows),):
        raise FoedusError(f"y has shape {y.shape}; expected ({len(rows)},), one class per row")
    z = np.clip(rows.membership(theta), _FLOOR, 1.0 - _FLOOR)
    return np.where(y[None, :] > 0, np.log(z), np.log1p(-z)).sum(axis=1)


# ----------------------------------------------------------------------------- dyad-years
@dataclass(eq=False)
class DyadRows:
    """A :class:`~foedus.models.formation.likelihood.DyadBatch` whose rows are the corpus's."""

    dyads: DyadBatch

    def __len__(self) -> int:
        return len(self.dyads)

    def take(self, positions) -> DyadRows:
        return DyadRows(take_dyads(self.dyads, positions))


def take_dyads(dyads: DyadBatch, positions) -> DyadBatch:
    """The dyads at ``positions``."""
    positions = np.asarray(positions, dtype=int)
    values = {}
    for f in fields(dyads):
        v = getattr(dyads, f.name)
        values[f.name] = tuple(v[p] for p in positions) if isinstance(v, tuple) else v[positions]
    return replace(dyads, **values)


def concat_dyads(batches: Sequence[DyadBatch]) -> DyadBatch:
    """One batch from several (e.g. one per year), adversaries padded to the widest."""
    batches = [b for b in batches if len(b)]
    if not batches:
        raise FoedusError("no dyads to concatenate")
    width = max(b.threat.shape[2] for b in batches)

    def pad(x):
        if x.ndim == 3 and x.shape[2] < width:
            return np.concatenate([x, np.zeros(x.shape[:2] + (width - x.shape[2],))], axis=2)
        return x

    values = {}
    for f in fields(batches[0]):
        parts = [getattr(b, f.name) for b in batches]
        values[f.name] = tuple(x for p in parts for x in p) if isinstance(parts[0], tuple) \
            else np.concatenate([pad(np.asarray(p)) for p in parts])
    return DyadBatch(**values)


def dyad_rows(rows: Iterable[tuple[str, str, int]], world_of: Callable[[int], tuple],
              *, adversaries: int = 5) -> DyadRows:
    """Dyad-year rows ``(a, b, year)`` with ``world_of(year) -> (world, interests)`` (one world
    per year, e.g. the system's states in that year); the batch keeps the rows' order."""
    rows = list(rows)
    by_year: dict[int, list[int]] = {}
    for r, (_, _, year) in enumerate(rows):
        by_year.setdefault(int(year), []).append(r)
    parts, order = [], []
    for year in sorted(by_year):
        world, ints = world_of(year)
        idx = by_year[year]
        parts.append(dyad_batch(world, ints, [(rows[r][0], rows[r][1]) for r in idx],
                                adversaries=adversaries))
        order.extend(idx)
    batch = concat_dyads(parts)
    inverse = np.empty(len(order), dtype=int)
    inverse[np.asarray(order)] = np.arange(len(order))
    return DyadRows(take_dyads(batch, inverse))


def dyad_rows_probabilities(theta, rows: DyadRows) -> np.ndarray:
    """(D, rows, 2) probabilities of no pact and of a pact beginning."""
    theta = _thetas(theta)
    p = np.stack([dyad_probability(theta[:, d], rows.dyads) for d in range(theta.shape[1])])
    return np.stack([1.0 - p, p], axis=-1)


def dyad_rows_log_likelihood(theta, rows: DyadRows, y) -> np.ndarray:
    """(D,) log-likelihood of onsets ``y`` (1 a pact begins)."""
    from foedus.models.formation.likelihood import dyad_log_likelihood

    theta = _thetas(theta)
    return np.array([dyad_log_likelihood(theta[:, d], rows.dyads, y)
                     for d in range(theta.shape[1])])
