"""Monte Carlo over the scenario's parameter distributions: every crisis, every design.

:func:`sample_parameters` draws the model parameters (the scenario's distributions, else the
registered defaults) with a seeded generator; :func:`simulate` solves one (crisis, design) for
all draws and realises the outcomes; :func:`analyze` runs every crisis under every design and
each counterfactual (a state forced to stay out), calibrates the obligation weight to the
historical record, and summarises the draws in a :class:`~foedus.models.crisis.result.CrisisResult`.
The same parameter draws are used for every crisis, design and counterfactual (common random
numbers), so differences between designs are not Monte Carlo noise.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from foedus.errors import FoedusError
from foedus.interests import Interests, compute_interests
from foedus.models.crisis.calibration import Calibration, calibrate_entry_cost
from foedus.models.crisis.inputs import CrisisInputs, crisis_inputs
from foedus.models.crisis.kernel import ACTIONS, solve_equilibrium
from foedus.models.crisis.outcomes import CrisisDraws, realise
from foedus.models.crisis.params import CRISIS_PARAMETERS, parameter_names
from foedus.models.crisis.result import CrisisResult
from foedus.models.crisis.sensitivity import first_order_indices
from foedus.scenarios.build import Case
from foedus.scenarios.distributions import Distribution
from foedus.scenarios.parameters import known_parameters

__all__ = ["analyze", "sample_parameters", "simulate"]

Progress = Callable[[int, int, str], None]


def sample_parameters(parameters: Mapping[str, Distribution], draws: int,
                      rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
    """Draw ``theta`` (P, D) and the reliability prior (D,) from a scenario's distributions.

    Parameters absent from ``parameters`` take their registered default distribution.

    Returns
    -------
    theta : ndarray (P, D)
    reliability : ndarray (D,)
        Draws of ``treaty_reliability`` (the calibration prior).
    table : DataFrame
        One row per parameter: name, distribution, centre, origin (scenario or default), source.

    Examples
    --------
    >>> theta, r, table = sample_parameters({}, 10, np.random.default_rng(0))
    >>> theta.shape, r.shape, len(table)
    ((21, 10), (10,), 22)
    """
    registry = known_parameters()
    names = list(parameter_names()) + ["treaty_reliability"]
    theta = np.empty((len(names) - 1, draws))
    rows = []
    reliability = None
    for k, name in enumerate(names):
        dist = parameters.get(name)
        origin = "scenario"
        if dist is None:
            dist, origin = registry[name].default, "default"
        values = np.asarray(dist.sample(rng, draws), dtype=float)
        if name == "treaty_reliability":
            reliability = values
        else:
            theta[k] = values
        rows.append({"parameter": name, "dist": dist.dist, "centre": dist.center(),
                     "low": dist.support()[0], "high": dist.support()[1], "origin": origin,
                     "source": dist.source or registry[name].source})
    return theta, reliability, pd.DataFrame(rows)


def simulate(inputs: CrisisInputs, theta: np.ndarray, rng: np.random.Generator, *,
             dtype=np.float32, chunk: int = 4096, tol: float | None = None) -> CrisisDraws:
    """Equilibrium and realised outcomes of one (crisis, design) for every draw.

    Examples
    --------
    >>> from foedus.models.crisis.inputs import _toy_inputs
    >>> theta, _, _ = sample_parameters({}, 64, np.random.default_rng(0))
    >>> out = simulate(_toy_inputs(), theta, np.random.default_rng(1))
    >>> out.actions.shape
    (64, 6)
    """
    eq = solve_equilibrium(inputs, theta, dtype=dtype, chunk=chunk, tol=tol)
    return realise(inputs, eq, theta, rng)


def _rng_for(seed: int, *keys: str) -> np.random.Generator:
    return np.random.default_rng([seed, *(zlib.crc32(k.encode()) for k in keys)])


def _variants(inputs: CrisisInputs, without: Sequence[str]) -> list[tuple[str, CrisisInputs]]:
    out = [("as designed", inputs)]
    for iso3 in without:
        if iso3 in inputs.states:
            k = inputs.index(iso3)
            if inputs.deciding[k]:
                out.append((f"without {iso3}", inputs.without([iso3])))
    return out


def analyze(case: Case, *, crises: Iterable[str] | None = None,
            designs: Iterable[str] | None = None, draws: int = 1000,
            rng: np.random.Generator | int | None = None, without: Sequence[str] = ("USA",),
            calibrate: bool = True, parameters: Mapping[str, Distribution] | None = None,
            interests: Interests | None = None, sensitivity: bool = True,
            calibration_design: str = "status-quo", tol: float | None = None,
            progress: Progress | None = None) -> CrisisResult:
    """Who would fight? Every crisis under every design, with uncertainty.

    Parameters
    ----------
    case : Case
        From :func:`foedus.scenarios.build_case`.
    crises, designs : iterable of str, optional
        Ids to run (default: all of the scenario's).
    draws : int
        Monte Carlo draws of the parameters.
    rng : Generator or int, optional
        Seeded generator (or a seed). The same seed gives the same numbers.
    without : sequence of str
        Counterfactuals: each state in turn forced to stay out (default the US).
    calibrate : bool
        Calibrate the war-entry cost to ``treaty_reliability`` on the baseline design (see
        :mod:`foedus.models.crisis.calibration`).
    parameters : mapping, optional
        Distributions overriding the scenario's ``parameters:``.
    interests : Interests, optional
        Precomputed interests of ``case.world``.
    sensitivity : bool
        Compute the first-order sensitivity ranking.
    calibration_design : str
        The design whose agreements are the real ones (default the status quo).
    tol : float, optional
        Fixed-point tolerance on the probabilities (default that of
        :func:`~foedus.models.crisis.kernel.solve_equilibrium`).
    progress : callable(done, total, label), optional
        Called after each (crisis, design, variant) - e.g. to advance a progress bar.

    Returns
    -------
    CrisisResult

    Examples
    --------
    >>> from foedus.scenarios import build_case, load_scenario
    >>> case = build_case(load_scenario("asian-nato-2024"))
    >>> res = analyze(case, crises=["senkaku-seizure"], designs=["status-quo"], draws=200, rng=1)
    >>> row = res.states.query("iso3 == 'USA' and variant == 'as designed'").iloc[0]
    >>> bool(0.0 <= row.p_fight <= 1.0)
    True

    References
    ----------
    See ``docs/models/crisis.md``.
    """
    if draws < 2:
        raise FoedusError("draws must be at least 2")
    if not isinstance(rng, np.random.Generator):
        rng = np.random.default_rng(rng)
    seed = int(rng.integers(2**31 - 1))
    crisis_ids = list(crises) if crises is not None else [c.id for c in case.crises]
    design_ids = list(designs) if designs is not None else [d.id for d in case.designs]
    for c in crisis_ids:
        if c not in [x.id for x in case.crises]:
            raise FoedusError(f"no crisis {c!r} in scenario {case.scenario.id} (choose from "
                              f"{', '.join(x.id for x in case.crises)})")
    for d in design_ids:
        if d not in [x.id for x in case.designs]:
            raise FoedusError(f"no design {d!r} in scenario {case.scenario.id} (choose from "
                              f"{', '.join(x.id for x in case.designs)})")
    ints = interests if interests is not None else compute_interests(case.world)
    params = dict(case.parameters)
    params.update(parameters or {})
    theta, reliability, table = sample_parameters(params, draws, _rng_for(seed, "parameters"))

    inputs = {(c, d): crisis_inputs(case, c, d, interests=ints)
              for c in crisis_ids for d in design_ids}
    if calibrate:
        # the pool is every crisis of the scenario under the baseline, whatever is run, so
        # that selecting crises or designs never changes the calibration
        baseline = [inputs.get((c.id, calibration_design))
                    or crisis_inputs(case, c, calibration_design, interests=ints)
                    for c in case.crises]
        theta, calibration = calibrate_entry_cost(baseline, theta, reliability,
                                                  sample=min(128, draws), solve_tol=tol)
    else:
        calibration = Calibration(float(np.mean(reliability)), float("nan"), float("nan"),
                                  sum(int(i.obliged.sum()) for i in inputs.values()), False,
                                  "calibration switched off")

    jobs = [(c, d, name, inp) for (c, d), base in inputs.items()
            for name, inp in _variants(base, without)]
    results: list[tuple[str, str, str, CrisisDraws]] = []
    done = 0
    for c in crisis_ids:     # every design and counterfactual of a crisis in one batch
        batch = [job for job in jobs if job[0] == c]
        equilibria = solve_equilibrium([inp for *_, inp in batch], theta, tol=tol)
        for (c_, d, name, inp), eq in zip(batch, equilibria):
            results.append((c, d, name, realise(inp, eq, theta, _rng_for(seed, c, d, name))))
        done += len(batch)
        if progress is not None:
            progress(done, len(jobs), c)

    states = pd.DataFrame([row for c, d, v, r in results for row in _state_rows(c, d, v, r)])
    outcomes = pd.DataFrame([_outcome_row(c, d, v, r) for c, d, v, r in results])
    coalitions = pd.DataFrame([row for c, d, v, r in results
                               for row in _coalition_rows(c, d, v, r)])
    sens = (pd.DataFrame([row for c, d, v, r in results if v == "as designed"
                          for row in _sensitivity_rows(c, d, r, theta)])
            if sensitivity else pd.DataFrame())
    cal_table = pd.DataFrame([{
        "prior_mean": calibration.target_mean,
        "prior_p05": float(np.quantile(reliability, 0.05)),
        "prior_p95": float(np.quantile(reliability, 0.95)),
        "model_mean": calibration.achieved, "model_p05": calibration.achieved_p05,
        "model_p95": calibration.achieved_p95, "calibration_draws": calibration.sample,
        "entry_cost": calibration.entry_cost, "obliged_units": calibration.units,
        "calibrated": calibration.calibrated, "note": calibration.note}])
    return CrisisResult(
        scenario=case.scenario.id, draws=draws, seed=seed, states=states, outcomes=outcomes,
        coalitions=coalitions, sensitivity=sens, calibration=calibration,
        calibration_table=cal_table, parameters=table,
        converged=float(np.mean([r.equilibrium.converged.mean() for *_, r in results])))


def _quantiles(x: np.ndarray) -> tuple[float, float]:
    lo, hi = np.quantile(x, [0.05, 0.95], axis=0)
    return lo, hi


def _state_rows(c, d, v, r: CrisisDraws):
    inp = r.inputs
    q = r.equilibrium.q.astype(float)
    mean = q.mean(axis=0)
    lo, hi = np.quantile(q, [0.05, 0.95], axis=0)
    articles = {}
    for row in inp.obligations:
        if row.status == "activated" and row.beneficiary not in np.array(inp.states)[
                inp.aggressors]:
            articles.setdefault(row.obligor, []).append(
                f"{row.obligation} {row.agreement} {row.article} ({row.legal_force})")
    for i, iso3 in enumerate(inp.states):
        role = ("aggressor" if inp.aggressors[i] else "target" if i == inp.target
                else "decides" if inp.deciding[i] else "excluded")
        yield {"crisis": c, "design": d, "variant": v, "iso3": iso3, "role": role,
               "obliged": bool(inp.obliged[i]),
               "obligations": "; ".join(articles.get(iso3, [])),
               **{f"p_{a}": mean[i, k] for k, a in enumerate(ACTIONS)},
               "p_fight_p05": lo[i, 0], "p_fight_p95": hi[i, 0],
               "p_support_p05": lo[i, 1], "p_support_p95": hi[i, 1],
               "p_stay_out_p05": lo[i, 2], "p_stay_out_p95": hi[i, 2],
               "p_aggressor_p05": lo[i, 3], "p_aggressor_p95": hi[i, 3]}


def _outcome_row(c, d, v, r: CrisisDraws):
    inp = r.inputs
    dec = inp.deciding
    fighters = (r.actions[:, dec] == 0).sum(axis=1)
    lo, hi = _quantiles(r.p_aggressor_anticipated)
    blo, bhi = _quantiles(r.balance)
    return {"crisis": c, "design": d, "variant": v,
            "p_deterred": float(r.deterred.mean()),
            "p_aggressor_prevails": float(r.p_aggressor_realised.mean()),
            "p_aggressor_anticipated": float(r.p_aggressor_anticipated.mean()),
            "p_aggressor_anticipated_p05": float(lo), "p_aggressor_anticipated_p95": float(hi),
            "balance_target_share": float(r.balance.mean()),
            "balance_p05": float(blo), "balance_p95": float(bhi),
            "expected_fighters": float(fighters.mean()),
            "converged_share": float(r.equilibrium.converged.mean())}


def _coalition_rows(c, d, v, r: CrisisDraws, top: int = 5):
    inp = r.inputs
    dec = np.flatnonzero(inp.deciding)
    names = np.array(inp.states)[dec]
    acts = r.actions[:, dec]
    keys = []
    codes = np.zeros(acts.shape[0], dtype=np.int64)
    for j in range(dec.size):     # base-4 code of the deciders' actions
        codes = codes * 4 + acts[:, j]
    uniq, counts = np.unique(codes, return_counts=True)
    order = np.argsort(-counts, kind="stable")[:top]
    for rank, k in enumerate(order, start=1):
        code = int(uniq[k])
        digits = []
        for _ in range(dec.size):
            digits.append(code % 4)
            code //= 4
        chosen = np.array(digits[::-1])
        side = {a: ", ".join(names[chosen == a]) or "-" for a in (0, 1, 3)}
        keys.append({"crisis": c, "design": d, "variant": v, "rank": rank,
                     "fight": side[0], "support": side[1], "aggressor_side": side[3],
                     "share": counts[k] / acts.shape[0]})
    return keys


def _sensitivity_rows(c, d, r: CrisisDraws, theta: np.ndarray, top: int = 3):
    inp = r.inputs
    names = parameter_names()
    dec = np.flatnonzero(inp.deciding)
    outputs = {f"p_fight {inp.states[i]}": r.equilibrium.q[:, i, 0].astype(float) for i in dec}
    outputs["aggressor EV of attacking"] = r.ev_attack
    keys = list(outputs)
    s = first_order_indices(theta, np.column_stack([outputs[k] for k in keys]))
    for j, key in enumerate(keys):
        order = np.argsort(-s[:, j], kind="stable")[:top]
        for rank, p in enumerate(order, start=1):
            yield {"crisis": c, "design": d, "measure": key, "rank": rank,
                   "parameter": names[p], "first_order": float(s[p, j])}


_ = CRISIS_PARAMETERS
