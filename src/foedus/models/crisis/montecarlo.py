"""Monte Carlo over the case's parameter distributions: every crisis, every design.

:func:`sample_parameters` draws the model parameters (the case's distributions - a parameter
set, the scenario's ``parameters:``, overrides - else the registered defaults) with a seeded
generator; :func:`simulate` solves one (crisis, design) for all draws and realises the
outcomes; :func:`analyze` runs every crisis under every design and each counterfactual (a
state forced to stay out) and summarises the draws in a
:class:`~foedus.models.crisis.result.CrisisResult`. The same parameter draws are used for
every crisis, design and counterfactual (common random numbers), so differences between
designs are not Monte Carlo noise. Nothing is calibrated on the scenario's own crises: the
rate at which treaty-obliged states fight is reported against the era's prior as a check, and
a crisis that happened (``observed:`` records) is scored against what happened.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from foedus.errors import FoedusError
from foedus.interests import Interests, compute_interests
from foedus.models.crisis.calibration import obliged_fight_rate
from foedus.models.crisis.equilibrium import solve_equilibrium
from foedus.models.crisis.history import DETERRENCE_FLAG, score_crisis
from foedus.models.crisis.inputs import CrisisInputs, crisis_inputs
from foedus.models.crisis.kernel import ACTIONS, FA, FT, SA, ST
from foedus.models.crisis.outcomes import CrisisDraws, realise
from foedus.models.crisis.params import RELIABILITY_CHECK, parameter_names
from foedus.models.crisis.result import CrisisResult
from foedus.models.crisis.sensitivity import first_order_indices
from foedus.scenarios.build import Case
from foedus.scenarios.distributions import Distribution
from foedus.scenarios.parameters import known_parameters

__all__ = ["analyze", "baseline_design", "sample_parameters", "simulate"]

Progress = Callable[[int, int, str], None]


def sample_parameters(parameters: Mapping[str, Distribution], draws: int,
                      rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
    """Draw ``theta`` (P, D) and the ``treaty_reliability`` prior (D,) from distributions.

    Parameters absent from ``parameters`` take their registered default distribution.

    Returns
    -------
    theta : ndarray (P, D)
    reliability : ndarray (D,)
        Draws of ``treaty_reliability`` (the prior the reliability check compares with).
    table : DataFrame
        One row per parameter: name, distribution, centre, origin (case or default), source.

    Examples
    --------
    >>> theta, r, table = sample_parameters({}, 10, np.random.default_rng(0))
    >>> theta.shape, r.shape, len(table)
    ((24, 10), (10,), 25)
    """
    registry = known_parameters()
    names = list(parameter_names()) + [RELIABILITY_CHECK]
    theta = np.empty((len(names) - 1, draws))
    rows = []
    reliability = None
    for k, name in enumerate(names):
        dist = parameters.get(name)
        origin = "case"
        if dist is None:
            dist, origin = registry[name].default, "default"
        values = np.asarray(dist.sample(rng, draws), dtype=float)
        if name == RELIABILITY_CHECK:
            reliability = values
        else:
            theta[k] = values
        rows.append({"parameter": name, "dist": dist.dist, "centre": dist.center(),
                     "low": dist.support()[0], "high": dist.support()[1], "origin": origin,
                     "source": dist.source or registry[name].source})
    return theta, reliability, pd.DataFrame(rows)


def simulate(inputs: CrisisInputs, theta: np.ndarray, rng: np.random.Generator, *,
             dtype=np.float32, chunk: int = 4096, tol: float | None = None,
             backend: str = "auto") -> CrisisDraws:
    """Equilibrium and realised outcomes of one (crisis, design) for every draw.

    Examples
    --------
    >>> from foedus.models.crisis.inputs import _toy_inputs
    >>> theta, _, _ = sample_parameters({}, 64, np.random.default_rng(0))
    >>> out = simulate(_toy_inputs(), theta, np.random.default_rng(1))
    >>> out.actions.shape
    (64, 6)
    """
    eq = solve_equilibrium(inputs, theta, dtype=dtype, chunk=chunk, tol=tol, backend=backend)
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


def baseline_design(case: Case) -> str:
    """The design whose agreements are the real ones: ``status-quo``, else the first."""
    ids = [d.id for d in case.designs]
    return "status-quo" if "status-quo" in ids else ids[0]


def analyze(case: Case, *, crises: Iterable[str] | None = None,
            designs: Iterable[str] | None = None, draws: int = 1000,
            rng: np.random.Generator | int | None = None, without: Sequence[str] = ("USA",),
            parameters: Mapping[str, Distribution] | None = None,
            interests: Interests | None = None, sensitivity: bool = True,
            tol: float | None = None, backend: str = "auto",
            progress: Progress | None = None) -> CrisisResult:
    """Who would fight? Every crisis under every design, with uncertainty.

    Parameters
    ----------
    case : Case
        From :func:`foedus.scenarios.build_case`; its parameters (``case.parameters``: a
        parameter set < the scenario's ``parameters:`` < overrides; registered defaults for
        the rest) are the distributions the Monte Carlo draws.
    crises, designs : iterable of str, optional
        Ids to run (default: all of the scenario's).
    draws : int
        Monte Carlo draws of the parameters.
    rng : Generator or int, optional
        Seeded generator (or a seed). The same seed gives the same numbers.
    without : sequence of str
        Counterfactuals: each state in turn forced to stay out (default the US).
    parameters : mapping, optional
        Distributions overriding ``case.parameters`` (as :meth:`Case.with_parameters`).
    interests : Interests, optional
        Precomputed interests of ``case.world``.
    sensitivity : bool
        Compute the first-order sensitivity ranking.
    tol : float, optional
        Fixed-point tolerance on the probabilities (default that of
        :func:`~foedus.models.crisis.equilibrium.solve_equilibrium`).
    backend : {"auto", "numba", "numpy"}
        Kernel backend (identical numbers to within ``tol``).
    progress : callable(done, total, label), optional
        Called after each crisis - e.g. to advance a progress bar.

    Returns
    -------
    CrisisResult

    Examples
    --------
    >>> from foedus.scenarios import build_case, load_scenario
    >>> case = build_case(load_scenario("asian-nato-2024"))
    >>> res = analyze(case, crises=["senkaku-seizure"], designs=["status-quo"], draws=200, rng=1)
    >>> row = res.states.query("iso3 == 'USA' and variant == 'as designed'").iloc[0]
    >>> bool(abs(sum(row[f"p_{a}"] for a in ACTIONS) - 1.0) < 1e-4)
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
    baseline = baseline_design(case)

    inputs = {(c, d): crisis_inputs(case, c, d, interests=ints)
              for c in crisis_ids for d in design_ids}
    jobs = [(c, d, name, inp) for (c, d), base in inputs.items()
            for name, inp in _variants(base, without)]
    results: list[tuple[str, str, str, CrisisDraws]] = []
    done = 0
    for c in crisis_ids:     # every design and counterfactual of a crisis in one batch
        batch = [job for job in jobs if job[0] == c]
        equilibria = solve_equilibrium([inp for *_, inp in batch], theta, tol=tol,
                                       backend=backend)
        for (_, d, name, inp), eq in zip(batch, equilibria):
            results.append((c, d, name, realise(inp, eq, theta, _rng_for(seed, c, d, name))))
        done += len(batch)
        if progress is not None:
            progress(done, len(jobs), c)

    # the reliability check: every crisis of the scenario under the baseline (the real
    # agreements), whatever is run, so that selecting crises never changes it
    base_runs = {c: r for c, d, v, r in results if d == baseline and v == "as designed"}
    check_inputs, check_eqs = [], []
    for crisis in case.crises:
        if crisis.id in base_runs:
            r = base_runs[crisis.id]
            check_inputs.append(r.inputs)
            check_eqs.append(r.equilibrium)
        else:
            inp = crisis_inputs(case, crisis, baseline, interests=ints)
            if inp.obliged.any():
                check_inputs.append(inp)
                check_eqs.append(solve_equilibrium(inp, theta, tol=tol, backend=backend))
    check = obliged_fight_rate(check_inputs, check_eqs, reliability)

    states = pd.DataFrame([row for c, d, v, r in results for row in _state_rows(c, d, v, r)])
    outcomes = pd.DataFrame([_outcome_row(c, d, v, r, case.crisis(c).historical)
                             for c, d, v, r in results])
    coalitions = pd.DataFrame([row for c, d, v, r in results
                               for row in _coalition_rows(c, d, v, r)])
    sens = (pd.DataFrame([row for c, d, v, r in results if v == "as designed"
                          for row in _sensitivity_rows(c, d, r, theta)])
            if sensitivity else pd.DataFrame())
    history_rows, history_summary = [], []
    for c in crisis_ids:
        crisis = case.crisis(c)
        if not crisis.historical or baseline not in design_ids:
            continue
        sub = states[(states.crisis == c) & (states.design == baseline)
                     & (states.variant == "as designed")]
        det = outcomes[(outcomes.crisis == c) & (outcomes.design == baseline)
                       & (outcomes.variant == "as designed")].p_deterred.iloc[0]
        per_state, summary = score_crisis(sub, crisis, float(det))
        history_rows.append(per_state)
        history_summary.append(summary)
    check_table = pd.DataFrame([{
        "check": "treaty-obliged states fight at the era's rate", "baseline": baseline,
        "prior_mean": check.prior_mean, "prior_p05": check.prior_p05,
        "prior_p95": check.prior_p95, "model_mean": check.model_mean,
        "model_p05": check.model_p05, "model_p95": check.model_p95,
        "obliged_units": check.units, "note": check.note}])
    return CrisisResult(
        scenario=case.scenario.id, parameter_set=case.parameter_set_name, draws=draws,
        seed=seed, states=states, outcomes=outcomes, coalitions=coalitions, sensitivity=sens,
        checks=check_table, parameters=table,
        history=pd.concat(history_rows, ignore_index=True) if history_rows else pd.DataFrame(),
        history_summary=pd.DataFrame(history_summary),
        converged=float(np.mean([r.equilibrium.converged.mean() for *_, r in results])))


def _quantiles(x: np.ndarray) -> tuple[float, float]:
    lo, hi = np.quantile(x, [0.05, 0.95], axis=0)
    return lo, hi


def _state_rows(c, d, v, r: CrisisDraws):
    inp = r.inputs
    q = r.equilibrium.q.astype(float)
    mean = q.mean(axis=0)
    lo, hi = np.quantile(q, [0.05, 0.95], axis=0)
    aggressors = set(np.array(inp.states)[inp.aggressors])
    articles: dict[str, list[str]] = {}
    for row in inp.obligations:
        if row.status == "activated":
            side = "aggressor" if row.beneficiary in aggressors else "target side"
            articles.setdefault(row.obligor, []).append(
                f"{row.obligation} {row.agreement} {row.article} ({row.legal_force}, "
                f"{side})")
    for i, iso3 in enumerate(inp.states):
        role = ("aggressor" if inp.aggressors[i] else "target" if inp.targets[i]
                else "decides" if inp.deciding[i] else "excluded")
        row = {"crisis": c, "design": d, "variant": v, "iso3": iso3, "role": role,
               "obliged": bool(inp.obliged[i]),
               "obligations": "; ".join(articles.get(iso3, []))}
        for k, a in enumerate(ACTIONS):
            row[f"p_{a}"] = mean[i, k]
        for k, a in enumerate(ACTIONS):
            row[f"p_{a}_p05"], row[f"p_{a}_p95"] = lo[i, k], hi[i, k]
        yield row


def _outcome_row(c, d, v, r: CrisisDraws, historical: bool):
    inp = r.inputs
    dec = inp.deciding
    fighters_t = (r.actions[:, dec] == FT).sum(axis=1)
    fighters_a = (r.actions[:, dec] == FA).sum(axis=1)
    supporters = np.isin(r.actions[:, dec], (ST, SA)).sum(axis=1)
    lo, hi = _quantiles(r.p_aggressor_anticipated)
    blo, bhi = _quantiles(r.balance)
    dlo, dhi = _quantiles(r.p_deterred)
    p_deterred = float(r.p_deterred.mean())
    return {"crisis": c, "design": d, "variant": v,
            "p_deterred": p_deterred, "p_deterred_p05": float(dlo),
            "p_deterred_p95": float(dhi),
            "historical": historical,
            "deterrence_flag": bool(historical and p_deterred >= DETERRENCE_FLAG),
            "log_p_attack": float(np.log(max(1.0 - p_deterred, 1e-300))),
            "p_aggressor_prevails": float(r.p_aggressor_realised.mean()),
            "p_aggressor_anticipated": float(r.p_aggressor_anticipated.mean()),
            "p_aggressor_anticipated_p05": float(lo), "p_aggressor_anticipated_p95": float(hi),
            "aggressor_resolve": float(r.equilibrium.rho_mean.mean()),
            "balance_target_share": float(r.balance.mean()),
            "balance_p05": float(blo), "balance_p95": float(bhi),
            "expected_fighters_target": float(fighters_t.mean()),
            "expected_fighters_aggressor": float(fighters_a.mean()),
            "expected_supporters": float(supporters.mean()),
            "converged_share": float(r.equilibrium.converged.mean())}


def _coalition_rows(c, d, v, r: CrisisDraws, top: int = 5):
    inp = r.inputs
    dec = np.flatnonzero(inp.deciding)
    names = np.array(inp.states)[dec]
    acts = r.actions[:, dec].astype(np.int64)
    if dec.size == 0:
        return
    uniq, counts = np.unique(acts, axis=0, return_counts=True)
    order = np.argsort(-counts, kind="stable")[:top]
    for rank, k in enumerate(order, start=1):
        chosen = uniq[k]
        side = {a: ", ".join(names[chosen == a]) or "-" for a in (FT, ST, SA, FA)}
        yield {"crisis": c, "design": d, "variant": v, "rank": rank,
               "fight_target": side[FT], "support_target": side[ST],
               "support_aggressor": side[SA], "fight_aggressor": side[FA],
               "share": counts[k] / acts.shape[0]}


def _sensitivity_rows(c, d, r: CrisisDraws, theta: np.ndarray, top: int = 3):
    inp = r.inputs
    names = parameter_names()
    dec = np.flatnonzero(inp.deciding)
    outputs = {f"p_fight_target {inp.states[i]}": r.equilibrium.q[:, i, FT].astype(float)
               for i in dec}
    outputs["aggressor P(deterred)"] = r.p_deterred.astype(float)
    keys = list(outputs)
    s = first_order_indices(theta, np.column_stack([outputs[k] for k in keys]))
    for j, key in enumerate(keys):
        order = np.argsort(-s[:, j], kind="stable")[:top]
        for rank, p in enumerate(order, start=1):
            yield {"crisis": c, "design": d, "measure": key, "rank": rank,
                   "parameter": names[p], "first_order": float(s[p, j])}
