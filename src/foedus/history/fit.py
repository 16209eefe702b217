"""Estimating registered model parameters by likelihood on a training era.

The estimate is the **posterior mode** of the model's parameters given the training cases,
with the registered distributions (today's judgements) as priors, found in an unconstrained
parametrisation, with a **Laplace approximation** for the intervals:

- every free parameter ``x`` with prior support ``[a, b]`` is mapped to
  ``z = logit((x - a) / (b - a))`` (``z = log(x - a)`` for a support bounded below only);
- the objective is the log posterior density of ``z``:
  ``log L(x(z)) + log prior(x(z)) + log |dx/dz|`` (the Jacobian keeps the mode inside the
  prior's support: with a uniform prior it is the maximum-likelihood estimate pulled gently
  away from the bounds);
- it is maximised by L-BFGS-B from the prior's centre and from ``starts`` seeded draws of
  the prior, with gradients by central differences evaluated in **one batched call** of the
  model's vectorised likelihood (``theta`` of shape ``(P, D)`` holds ``D`` parameter
  vectors);
- the Hessian at the mode (central differences, again batched; or, when the model gives
  the log-likelihood of each independent unit, the outer product of the units' scores -
  BHHH - plus the prior's curvature) gives the posterior covariance of ``z``; 95% intervals are ``x(z_hat +- 1.96 sd)``, standard errors by the
  delta method.

**Identification.** A model declares the parameters the corpus cannot inform at all (for
the crisis model on MID data: everything that acts only through non-belligerent support,
which MID does not code); they are fixed at the centre of their registered distribution.
Of the rest, a parameter counts as identified when, given the other parameters, the data
carry at least as much information about it as its prior does: ``I_kk v_k / (1 + I_kk v_k)
>= 0.5`` with ``I_kk`` the data's information (curvature of the log-likelihood at the mode,
on the ``z`` scale) and ``v_k`` the prior variance of ``z`` (seeded prior draws). Parameters
below that are fixed at their centre and the fit is continued from the previous mode, until
every free parameter is identified. The *marginal* contraction ``1 - var_post / var_prior``
is reported beside it: a parameter can be informed given the others yet poorly pinned on
its own when the data constrain only a combination (a ridge; the priors then keep the mode
finite). The fitted set records both lists.

References
----------
Gelman, A. et al. (2013). Bayesian Data Analysis, 3rd ed., ch. 4 (normal approximation to
the posterior) and ch. 25 (transformations). CRC Press.
Berndt, E. K., Hall, B. H., Hall, R. E., & Hausman, J. A. (1974). Estimation and inference
in nonlinear structural models. Annals of Economic and Social Measurement 3(4), 653-665.
Nocedal, J., & Wright, S. J. (2006). Numerical Optimization, 2nd ed. (L-BFGS-B; finite
differences). Springer. https://doi.org/10.1007/978-0-387-40065-5
Schmidli, H. et al. (2014), and Morita, S., Thall, P. F., & Mueller, P. (2008): prior
effective sample size and posterior-to-prior variance ratio as a measure of what the data
contribute. Biometrics 64(2), 595-602. https://doi.org/10.1111/j.1541-0420.2007.00888.x
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from foedus.errors import FoedusError, ParameterError

__all__ = ["FitResult", "LikelihoodSpec", "Transform", "fit_posterior_mode",
           "log_prior_density"]

_LOG = logging.getLogger(__name__)

#: A parameter is identified when the data remove at least this share of its prior variance.
IDENTIFIED_CONTRACTION = 0.5
#: ... or when holding it at its centre costs more log-likelihood than this (nats): half the
#: 95% critical value of a chi-squared with one degree of freedom, i.e. a likelihood-ratio
#: test rejects the centre at 5%. The information share alone misreads a mode on the bound
#: of a parameter's range: there the outer product of the scores (BHHH) in the unbounded
#: parametrisation vanishes although the data push the parameter hard against the bound.
IDENTIFIED_LIKELIHOOD_RATIO = 1.920729410347062
_Z95 = 1.959963984540054


@dataclass(frozen=True)
class LikelihoodSpec:
    """What a model gives the estimator.

    Parameters
    ----------
    names : tuple of str
        Registered parameter names, the row order of ``theta``.
    log_likelihood : callable
        ``theta (P, D) -> (D,)``: the log-likelihood of the training cases for each of ``D``
        parameter vectors (vectorised over ``D``).
    priors : mapping
        Registered (or parameter-set) distribution of every name.
    n_cases : int
        Number of training cases (observations) behind the likelihood.
    not_identified : mapping
        Parameters the data cannot inform, with the reason (fixed at their centre).
    description : str
        What the likelihood is (model, corpus, outcome coding).
    gradient : callable, optional
        ``(theta (P,), free rows) -> (value, gradient (P,))``: the model's own gradient of the
        log-likelihood (e.g. finite differences warm-started from the equilibrium at
        ``theta``); used instead of batched central differences when given.
    per_case : callable, optional
        ``theta (P, D) -> (B, D)``: the log-likelihood of each independent unit (dispute,
        alliance). When given, the data's information at the mode is the outer product of
        the units' score vectors (BHHH; Berndt, Hall, Hall & Hausman 1974) - one batched call
        of ``2p + 1`` parameter vectors instead of a full Hessian.
    centres : mapping, optional
        Where a parameter that is not estimated is held, and where the first optimisation
        starts (default: the centre of its prior). A fit under a diagnostic prior
        (:mod:`foedus.history.priors`, ``wide``) holds them at their registered centre.
    """

    names: tuple[str, ...]
    log_likelihood: Callable[[np.ndarray], np.ndarray]
    priors: Mapping[str, object]
    n_cases: int
    not_identified: Mapping[str, str] = field(default_factory=dict)
    description: str = ""
    gradient: Callable[[np.ndarray, list[int]], tuple[float, np.ndarray]] | None = None
    per_case: Callable[[np.ndarray], np.ndarray] | None = None
    centres: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        missing = [n for n in self.names if n not in self.priors]
        if missing:
            raise ParameterError(f"no prior for parameters: {', '.join(missing)}")
        unknown_centres = [n for n in self.centres if n not in self.names]
        if unknown_centres:
            raise ParameterError(f"centres names unknown parameters: {unknown_centres}")
        for name, value in self.centres.items():
            low, high = self.priors[name].support()
            if not low <= float(value) <= high:
                raise ParameterError(f"centre of {name} ({value:g}) is outside its prior's "
                                     f"support [{low:g}, {high:g}]")
        unknown = [n for n in self.not_identified if n not in self.names]
        if unknown:
            raise ParameterError(f"not_identified names unknown parameters: {unknown}")
        if self.n_cases < 1:
            raise FoedusError("fit: the training era has no cases")


@dataclass(frozen=True)
class Transform:
    """Map between a parameter with support ``[low, high]`` and the real line.

    Examples
    --------
    >>> import numpy as np
    >>> t = Transform(0.0, 1.0)
    >>> round(float(t.to_x(t.to_z(0.25))), 12)
    0.25
    >>> Transform(0.0, np.inf).kind
    'log'
    """

    low: float
    high: float

    @property
    def kind(self) -> str:
        if np.isfinite(self.low) and np.isfinite(self.high):
            return "logit"
        if np.isfinite(self.low):
            return "log"
        if np.isfinite(self.high):
            return "neglog"
        return "identity"

    def to_x(self, z):
        z = np.asarray(z, dtype=float)
        if self.kind == "logit":
            return self.low + (self.high - self.low) / (1.0 + np.exp(-z))
        if self.kind == "log":
            return self.low + np.exp(z)
        if self.kind == "neglog":
            return self.high - np.exp(z)
        return z

    def to_z(self, x):
        x = np.asarray(x, dtype=float)
        if self.kind == "logit":
            u = np.clip((x - self.low) / (self.high - self.low), 1e-9, 1 - 1e-9)
            return np.log(u) - np.log1p(-u)
        if self.kind == "log":
            return np.log(np.maximum(x - self.low, 1e-300))
        if self.kind == "neglog":
            return np.log(np.maximum(self.high - x, 1e-300))
        return x

    def log_jacobian(self, z):
        """``log |dx/dz|``."""
        z = np.asarray(z, dtype=float)
        if self.kind == "logit":
            return (np.log(self.high - self.low) - np.logaddexp(0.0, -z)
                    - np.logaddexp(0.0, z))
        if self.kind in ("log", "neglog"):
            return z
        return np.zeros_like(z)


def log_prior_density(dist, x) -> np.ndarray:
    """Log density of a registered distribution at ``x`` (``-inf`` outside its support).

    Examples
    --------
    >>> import numpy as np
    >>> from foedus.scenarios.distributions import Uniform
    >>> float(np.exp(log_prior_density(Uniform(dist="uniform", low=0, high=4), 1.0)))
    0.25
    """
    from scipy import stats

    x = np.asarray(x, dtype=float)
    kind = getattr(dist, "dist", None)
    if kind == "uniform":
        inside = (x >= dist.low) & (x <= dist.high)
        return np.where(inside, -np.log(dist.high - dist.low), -np.inf)
    if kind == "normal":
        a, b = (dist.low - dist.mean) / dist.sd, (dist.high - dist.mean) / dist.sd
        return stats.truncnorm.logpdf(x, a, b, loc=dist.mean, scale=dist.sd)
    if kind == "triangular":
        c = (dist.mode - dist.low) / (dist.high - dist.low)
        return stats.triang.logpdf(x, c, loc=dist.low, scale=dist.high - dist.low)
    if kind == "beta":
        return stats.beta.logpdf(x, dist.a, dist.b, loc=dist.low, scale=dist.high - dist.low)
    raise ParameterError(f"cannot estimate a parameter with a {kind!r} prior "
                         "(point values are fixed, not estimated)")


@dataclass(frozen=True)
class FitResult:
    """The fitted parameters, their intervals and what the fit rests on."""

    names: tuple[str, ...]
    free: tuple[str, ...]
    estimate: Mapping[str, float]
    se: Mapping[str, float]
    interval: Mapping[str, tuple[float, float]]
    contraction: Mapping[str, float]
    fixed: Mapping[str, tuple[float, str]]
    log_likelihood: float
    log_likelihood_centre: float
    log_posterior: float
    n_cases: int
    evaluations: int
    seconds: float
    likelihood_seconds: float
    starts: int
    seed: int
    converged: bool
    covariance_z: np.ndarray
    description: str = ""
    conditional: Mapping[str, float] = field(default_factory=dict)
    #: ``name -> (low, high)``: the support of the prior each parameter was estimated under.
    supports: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    #: ``name -> text``: why an estimated parameter stayed free when its information share
    #: alone would have fixed it (the likelihood-ratio check of the identification rule).
    notes: Mapping[str, str] = field(default_factory=dict)

    @property
    def evaluations_per_second(self) -> float:
        """Likelihood evaluations (one parameter vector over all cases) per second."""
        return self.evaluations / self.likelihood_seconds if self.likelihood_seconds else np.nan

    def values(self) -> dict[str, float]:
        """Every parameter's value: fitted estimates and fixed centres."""
        out = {name: value for name, (value, _) in self.fixed.items()}
        out.update(self.estimate)
        return {name: out[name] for name in self.names}

    def theta(self) -> np.ndarray:
        """The values as a ``(P, 1)`` column in the model's row order."""
        values = self.values()
        return np.array([[values[n]] for n in self.names], dtype=float)

    def to_frame(self) -> pd.DataFrame:
        """One row per parameter: status, estimate, SE, 95% interval, contraction, reason."""
        rows = []
        for name in self.names:
            if name in self.estimate:
                low, high = self.interval[name]
                rows.append({"parameter": name, "status": "fitted",
                             "estimate": self.estimate[name], "se": self.se[name],
                             "low": low, "high": high,
                             "contraction": self.contraction.get(name, np.nan),
                             "conditional": self.conditional.get(name, np.nan),
                             "note": self.notes.get(name, "")})
            else:
                value, reason = self.fixed[name]
                rows.append({"parameter": name, "status": "fixed", "estimate": value,
                             "se": np.nan, "low": np.nan, "high": np.nan,
                             "contraction": self.contraction.get(name, np.nan),
                             "conditional": self.conditional.get(name, np.nan),
                             "note": reason})
        return pd.DataFrame(rows)


class _Objective:
    """Negative log posterior in z, batched; counts likelihood evaluations and time."""

    def __init__(self, spec: LikelihoodSpec, free: list[str], base: np.ndarray):
        self.spec = spec
        self.free = free
        self.rows = np.array([spec.names.index(n) for n in free], dtype=int)
        self.base = base
        self.transforms = [Transform(*spec.priors[n].support()) for n in free]
        self.evaluations = 0
        self.seconds = 0.0

    def x_of(self, Z: np.ndarray) -> np.ndarray:
        if not self.transforms:
            return np.zeros((0, Z.shape[1]))
        return np.vstack([t.to_x(Z[k]) for k, t in enumerate(self.transforms)])

    def theta(self, Z: np.ndarray) -> np.ndarray:
        theta = np.repeat(self.base[:, None], Z.shape[1], axis=1)
        theta[self.rows] = self.x_of(Z)
        return theta

    def loglik(self, Z: np.ndarray) -> np.ndarray:
        start = time.perf_counter()
        values = np.asarray(self.spec.log_likelihood(self.theta(Z)), dtype=float)
        self.seconds += time.perf_counter() - start
        self.evaluations += Z.shape[1]
        if values.shape != (Z.shape[1],):
            raise FoedusError(f"fit: the likelihood returned shape {values.shape}, expected "
                              f"({Z.shape[1]},)")
        return np.where(np.isfinite(values), values, -1e300)

    def logprior(self, Z: np.ndarray) -> np.ndarray:
        X = self.x_of(Z)
        total = np.zeros(Z.shape[1])
        for k, (name, t) in enumerate(zip(self.free, self.transforms)):
            total += log_prior_density(self.spec.priors[name], X[k]) + t.log_jacobian(Z[k])
        return total

    def value(self, Z: np.ndarray, *, prior: bool = True) -> np.ndarray:
        out = -self.loglik(Z)
        if prior:
            out = out - self.logprior(Z)
        return out

    def _model_value_and_gradient(self, z: np.ndarray) -> tuple[float, np.ndarray]:
        """Negative log posterior and its z-gradient from the model's own x-gradient."""
        start = time.perf_counter()
        theta = self.theta(z[:, None])[:, 0]
        value, grad_x = self.spec.gradient(theta, list(self.rows))
        self.seconds += time.perf_counter() - start
        self.evaluations += 1 + 2 * z.size
        value = float(value) if np.isfinite(value) else -1e300
        jac = np.array([np.exp(t.log_jacobian(z[k])) for k, t in enumerate(self.transforms)])
        grad_z = np.asarray(grad_x)[self.rows] * jac
        step = 1e-5
        Z = np.column_stack([z] + [z + step * e for e in np.eye(z.size)]
                            + [z - step * e for e in np.eye(z.size)])
        prior = self.logprior(Z)
        prior_grad = (prior[1:1 + z.size] - prior[1 + z.size:]) / (2 * step)
        return -(value + float(prior[0])), -(grad_z + prior_grad)

    def value_and_gradient(self, z: np.ndarray, step: float = 1e-4):
        if self.spec.gradient is not None:
            return self._model_value_and_gradient(z)
        p = z.size
        Z = np.repeat(z[:, None], 2 * p + 1, axis=1)
        for k in range(p):
            Z[k, 1 + 2 * k] += step
            Z[k, 2 + 2 * k] -= step
        f = self.value(Z)
        grad = (f[1::2] - f[2::2]) / (2 * step)
        return float(f[0]), grad

    def prior_hessian(self, z: np.ndarray, step: float = 1e-3) -> np.ndarray:
        """Curvature of the negative log prior density (with Jacobian) at ``z``."""
        return _second_differences(lambda Z: -self.logprior(Z), z, step)

    def opg(self, z: np.ndarray, step: float = 1e-4) -> np.ndarray:
        """Information of the data at ``z`` from per-unit scores (BHHH), plus the prior's
        curvature (central differences of the log prior density and Jacobian)."""
        p = z.size
        Z = np.repeat(z[:, None], 2 * p + 1, axis=1)
        for k in range(p):
            Z[k, 1 + 2 * k] += step
            Z[k, 2 + 2 * k] -= step
        start = time.perf_counter()
        units = np.asarray(self.spec.per_case(self.theta(Z)), dtype=float)    # (B, 2p+1)
        self.seconds += time.perf_counter() - start
        self.evaluations += Z.shape[1]
        scores = (units[:, 1::2] - units[:, 2::2]) / (2 * step)              # (B, p)
        return scores.T @ scores + self.prior_hessian(z)

    def hessian(self, z: np.ndarray, *, prior: bool, step: float = 1e-3) -> np.ndarray:
        if self.spec.per_case is not None and prior:
            return self.opg(z)
        if self.spec.gradient is not None and prior:
            # central differences of the gradient: 2p gradient calls
            p = z.size
            H = np.empty((p, p))
            for j in range(p):
                e = np.zeros(p)
                e[j] = step
                H[:, j] = (self.value_and_gradient(z + e)[1]
                           - self.value_and_gradient(z - e)[1]) / (2 * step)
            return (H + H.T) / 2
        return _second_differences(lambda Z: self.value(Z, prior=prior), z, step)


def _second_differences(f, z: np.ndarray, step: float) -> np.ndarray:
    """Symmetric Hessian of ``f`` (columns of points -> values) at ``z`` by central
    differences, every point evaluated in one call."""
    p = z.size
    cols = [z.copy()]
    for i in range(p):
        for j in range(i, p):
            for si, sj in ((1, 1), (1, -1), (-1, 1), (-1, -1)):
                c = z.copy()
                c[i] += si * step
                c[j] += sj * step
                cols.append(c)
    values = f(np.column_stack(cols))
    out = np.empty((p, p))
    k = 1
    for i in range(p):
        for j in range(i, p):
            fpp, fpm, fmp, fmm = values[k:k + 4]
            out[i, j] = out[j, i] = (fpp - fpm - fmp + fmm) / (4 * step * step)
            k += 4
    return out


def _prior_z_variance(spec: LikelihoodSpec, name: str, rng: np.random.Generator) -> float:
    dist = spec.priors[name]
    t = Transform(*dist.support())
    draws = t.to_z(np.asarray(dist.sample(rng, 4000), dtype=float))
    return float(np.var(draws))


def _reporter(start: int, objective: _Objective):
    def report(intermediate_result):
        _LOG.info("start %d: log posterior %.3f after %d likelihood evaluations", start,
                  -float(intermediate_result.fun), objective.evaluations)
    return report


def _optimise(objective: _Objective, starts: np.ndarray, max_iterations: int):
    from scipy.optimize import minimize

    best = None
    for k, z0 in enumerate(starts.T):
        res = minimize(objective.value_and_gradient, z0, jac=True, method="L-BFGS-B",
                       bounds=[(-30.0, 30.0)] * z0.size, callback=_reporter(k, objective),
                       options={"maxiter": max_iterations, "gtol": 1e-5})
        if best is None or res.fun < best.fun:
            best = res
    return best


def _start_value(spec: LikelihoodSpec, name: str, start: Mapping[str, float]) -> float:
    low, high = spec.priors[name].support()
    value = float(start[name])
    if not (np.isfinite(value) and low <= value <= high):
        raise FoedusError(f"start value of {name}: {value} is outside its prior's range "
                          f"[{low}, {high}] (start from a value inside it, or drop it)")
    # a value on the bound of a bounded range has no finite unconstrained image, and one
    # next to it starts the optimiser where the objective is flat: start a little inside
    span = high - low
    if np.isfinite(span) and span > 0:
        value = min(max(value, low + 1e-3 * span), high - 1e-3 * span)
    elif np.isfinite(low) and value <= low:
        value = low + 1e-3
    return value


def fit_posterior_mode(spec: LikelihoodSpec, *, seed: int, starts: int = 3,
                       free: list[str] | None = None, max_iterations: int = 200,
                       threshold: float = IDENTIFIED_CONTRACTION,
                       max_rounds: int = 4,
                       start: Mapping[str, float] | None = None) -> FitResult:
    """Posterior mode and Laplace intervals of a model's identified parameters.

    Parameters
    ----------
    spec : LikelihoodSpec
        The model's vectorised likelihood on the training cases, with its priors.
    seed : int
        Seeds the starting points and the prior-variance draws (same seed, same fit).
    starts : int
        Optimisations started from seeded prior draws, besides the one from the centre.
    free : list of str, optional
        Candidate parameters (default: every name not declared ``not_identified`` whose
        prior is not a point).
    threshold : float
        Minimum contraction (share of prior variance removed by the data) to stay free. A
        parameter below it stays free all the same when holding it at its centre, the others
        at the mode, costs more than :data:`IDENTIFIED_LIKELIHOOD_RATIO` nats of
        log-likelihood (a mode on the bound of its range, where the score outer product
        reads no information; the reason is in :attr:`FitResult.notes`).
    max_rounds : int
        Rounds of the identification check; a final round after the last check re-fits
        without the parameters it fixed, and is not checked again.
    start : mapping, optional
        Where the first optimisation starts, for the parameters it names (the others start
        at their centre): a warm start, e.g. a fit on other years. It changes where the
        optimiser begins, not the objective; parameters not estimated stay at their centre.
        Values outside a prior's support are refused.

    Examples
    --------
    A Bernoulli rate with a uniform prior on [0, 1]: 30 events in 100 cases.

    >>> import numpy as np
    >>> from foedus.scenarios.distributions import Uniform
    >>> def loglik(theta):
    ...     p = theta[0]
    ...     return 30 * np.log(p) + 70 * np.log1p(-p)
    >>> spec = LikelihoodSpec(("rate", "unused"), loglik,
    ...                       {"rate": Uniform(dist="uniform", low=0, high=1),
    ...                        "unused": Uniform(dist="uniform", low=0, high=2)}, 100)
    >>> fit = fit_posterior_mode(spec, seed=1)
    >>> round(fit.estimate["rate"], 2), fit.fixed["unused"][0]
    (0.3, 1.0)
    """
    rng = np.random.default_rng(seed)
    started = time.perf_counter()
    names = spec.names
    held = {n: float(spec.centres.get(n, spec.priors[n].center())) for n in names}
    centre = np.array([held[n] for n in names])
    fixed: dict[str, tuple[float, str]] = {}
    for name, reason in spec.not_identified.items():
        fixed[name] = (held[name], reason)
    for name in names:
        if getattr(spec.priors[name], "dist", None) == "point" and name not in fixed:
            fixed[name] = (held[name], "point value (not estimated)")
    candidates = [n for n in (free if free is not None else names) if n not in fixed]
    for name in names:
        if name not in candidates and name not in fixed:
            fixed[name] = (held[name], ("held at its centre (not "
                           "among the parameters estimated)"))
    prior_var = {n: _prior_z_variance(spec, n, rng) for n in candidates}
    contraction: dict[str, float] = {}
    evaluations, lik_seconds = 0, 0.0
    result = None
    previous: dict[str, float] = {}
    conditional: dict[str, float] = {}
    notes: dict[str, str] = {}
    for round_ in range(max_rounds + 1):
        objective = _Objective(spec, candidates, centre)
        _LOG.info("fitting %d free parameters on %d cases", len(candidates), spec.n_cases)
        if not candidates:
            loglik = float(objective.loglik(np.zeros((0, 1)))[0])
            evaluations += objective.evaluations
            lik_seconds += objective.seconds
            result = (np.zeros(0), np.zeros((0, 0)), loglik, loglik, True)
            break
        z_centre = np.array([t.to_z(centre[names.index(n)])
                             for n, t in zip(candidates, objective.transforms)])
        z_first = z_centre if not start else np.array(
            [t.to_z(_start_value(spec, n, start)) if n in start else z
             for n, t, z in zip(candidates, objective.transforms, z_centre)])
        if previous:
            # a later round continues from the previous mode (the parameters just fixed at
            # their centre move it little) instead of restarting from the prior
            start_points = np.array([[previous[n]] for n in candidates])
        else:
            draws = np.vstack([t.to_z(np.asarray(spec.priors[n].sample(rng, starts), float))
                               for n, t in zip(candidates, objective.transforms)])
            start_points = np.column_stack([z_first, draws])
        best = _optimise(objective, start_points, max_iterations)
        z_hat = best.x
        previous = dict(zip(candidates, z_hat))
        H = objective.hessian(z_hat, prior=True)
        data_information = np.diag(H - objective.prior_hessian(z_hat))
        try:
            cov = np.linalg.inv(H)
            ok = np.all(np.linalg.eigvalsh((H + H.T) / 2) > 0)
        except np.linalg.LinAlgError:
            cov, ok = np.linalg.pinv(H), False
        post_var = np.diag(cov) if ok else np.full(len(candidates), np.inf)
        contraction.update({n: float(1 - post_var[k] / prior_var[n])
                            for k, n in enumerate(candidates)})
        # identified: given the other parameters, the data carry at least as much
        # information about it as the prior does (conditional contraction >= threshold)
        informed = {n: float(max(data_information[k], 0.0) * prior_var[n]
                             / (1.0 + max(data_information[k], 0.0) * prior_var[n]))
                    for k, n in enumerate(candidates)}
        conditional.update(informed)
        # after ``max_rounds`` checks the last round keeps its parameters (the estimates
        # must belong to the parameters optimised in that round)
        weak = [n for n in candidates if informed[n] < threshold] if round_ < max_rounds \
            else []
        loglik_hat = float(objective.loglik(z_hat[:, None])[0])
        if weak:
            # a likelihood-ratio check before fixing: each weak parameter moved to its centre,
            # the others at the mode (one batched evaluation)
            moved = np.repeat(z_hat[:, None], len(weak), axis=1)
            for j, n in enumerate(weak):
                moved[candidates.index(n), j] = z_centre[candidates.index(n)]
            cost = loglik_hat - objective.loglik(moved)
            for n, c in zip(weak, cost):
                if c > IDENTIFIED_LIKELIHOOD_RATIO:
                    notes[n] = (f"identified by the likelihood ratio: the data carry "
                                f"{informed[n]:.0%} of its posterior information by the score "
                                f"outer product, but holding it at its centre costs {c:.1f} "
                                f"log-likelihood (> {IDENTIFIED_LIKELIHOOD_RATIO:.2f})")
            weak = [n for n, c in zip(weak, cost) if c <= IDENTIFIED_LIKELIHOOD_RATIO]
        evaluations += objective.evaluations
        lik_seconds += objective.seconds
        result = (z_hat, cov, loglik_hat, -float(best.fun), bool(best.success and ok))
        if not weak:
            break
        for n in weak:
            fixed[n] = (held[n],
                        (f"not identified: given the other parameters the data carry "
                         f"{informed[n]:.0%} of its posterior information (< {threshold:.0%}); "
                         "fixed at its centre"))
        candidates = [n for n in candidates if n not in weak]
    z_hat, cov, loglik_hat, log_post, converged = result
    transforms = [Transform(*spec.priors[n].support()) for n in candidates]
    estimate, se, interval = {}, {}, {}
    for k, (name, t) in enumerate(zip(candidates, transforms)):
        sd = float(np.sqrt(max(cov[k, k], 0.0)))
        x = float(t.to_x(z_hat[k]))
        derivative = float(np.exp(t.log_jacobian(z_hat[k])))
        estimate[name] = x
        se[name] = derivative * sd
        interval[name] = (float(t.to_x(z_hat[k] - _Z95 * sd)),
                          float(t.to_x(z_hat[k] + _Z95 * sd)))
    centre_objective = _Objective(spec, [], centre)
    loglik_centre = float(centre_objective.loglik(np.zeros((0, 1)))[0])
    evaluations += centre_objective.evaluations
    lik_seconds += centre_objective.seconds
    return FitResult(
        names=names, free=tuple(candidates), estimate=estimate, se=se, interval=interval,
        contraction=contraction, conditional=conditional,
        fixed={n: fixed[n] for n in names if n in fixed},
        log_likelihood=loglik_hat, log_likelihood_centre=loglik_centre,
        log_posterior=log_post, n_cases=spec.n_cases, evaluations=evaluations,
        seconds=time.perf_counter() - started, likelihood_seconds=lik_seconds,
        starts=starts + 1, seed=seed, converged=converged, covariance_z=cov,
        description=spec.description,
        notes={n: notes[n] for n in candidates if n in notes},
        supports={n: tuple(float(v) for v in spec.priors[n].support()) for n in names})
