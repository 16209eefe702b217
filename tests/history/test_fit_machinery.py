"""The likelihood estimator on synthetic data with known parameters.

Known answers: for a Bernoulli rate with a uniform prior the posterior is Beta(k+1, n-k+1)
(Gelman et al. 2013, ch. 2), whose logit-scale mode is k+1 over n+2 and whose standard
deviation is close to sqrt(p(1-p)/n); for a logistic model simulated with known
coefficients the estimates must fall near the truth (consistency of the MLE).
"""

from __future__ import annotations

import numpy as np
import pytest

from foedus.errors import FoedusError
from foedus.history.fit import LikelihoodSpec, Transform, fit_posterior_mode, log_prior_density
from foedus.history.parameter_file import fitted_parameter_document, write_parameter_file
from foedus.scenarios.distributions import Beta, Normal, Triangular, Uniform
from foedus.scenarios.parameter_sets import load_parameter_set


def _u(low, high):
    return Uniform(dist="uniform", low=low, high=high)


def _logistic_spec(seed=0, n=4000, truth=(1.2, -0.8)):
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    eta = truth[0] * x1 + truth[1] * x2
    y = rng.uniform(size=n) < 1 / (1 + np.exp(-eta))

    def loglik(theta):
        eta = theta[0][:, None] * x1 + theta[1][:, None] * x2      # (D, n)
        return np.sum(np.where(y, -np.logaddexp(0, -eta), -np.logaddexp(0, eta)), axis=1)

    priors = {"b1": _u(-3, 3), "b2": _u(-3, 3), "nuisance": _u(0, 2), "ignored": _u(0, 4)}
    return LikelihoodSpec(("b1", "b2", "nuisance", "ignored"), loglik, priors, n,
                          not_identified={"ignored": "does not enter the likelihood"},
                          description="synthetic logit")


def test_bernoulli_posterior_mode_and_laplace_sd():
    k, n = 120, 400

    def loglik(theta):
        return k * np.log(theta[0]) + (n - k) * np.log1p(-theta[0])

    fit = fit_posterior_mode(LikelihoodSpec(("p",), loglik, {"p": _u(0, 1)}, n), seed=3)
    assert fit.estimate["p"] == pytest.approx((k + 1) / (n + 2), abs=1e-4)
    p = k / n
    assert fit.se["p"] == pytest.approx(np.sqrt(p * (1 - p) / n), rel=0.05)
    low, high = fit.interval["p"]
    assert low < fit.estimate["p"] < high
    assert fit.contraction["p"] > 0.99


def test_logistic_coefficients_recovered_and_unidentified_fixed():
    fit = fit_posterior_mode(_logistic_spec(), seed=1)
    assert fit.estimate["b1"] == pytest.approx(1.2, abs=4 * fit.se["b1"])
    assert fit.estimate["b2"] == pytest.approx(-0.8, abs=4 * fit.se["b2"])
    assert fit.fixed["ignored"][0] == 2.0 and "does not enter" in fit.fixed["ignored"][1]
    # the nuisance parameter does not enter the likelihood either: the data do not move it
    assert "nuisance" in fit.fixed and "not identified" in fit.fixed["nuisance"][1]
    assert fit.free == ("b1", "b2")
    assert fit.log_likelihood > fit.log_likelihood_centre
    assert fit.evaluations > 0 and fit.evaluations_per_second > 0
    frame = fit.to_frame()
    assert frame.set_index("parameter").loc["b1", "status"] == "fitted"


def test_a_warm_start_reaches_the_same_mode_in_fewer_evaluations():
    """``start`` moves where the optimiser begins, not what it finds; a value outside the
    prior's range is refused with a line naming it."""
    cold = fit_posterior_mode(_logistic_spec(), seed=1, starts=0)
    warm = fit_posterior_mode(_logistic_spec(), seed=1, starts=0,
                              start={"b1": 1.1, "b2": -0.7})
    for name in ("b1", "b2"):
        assert warm.estimate[name] == pytest.approx(cold.estimate[name], abs=1e-3)
    assert warm.free == cold.free and warm.fixed == cold.fixed
    assert warm.evaluations < cold.evaluations
    on_bound = fit_posterior_mode(_logistic_spec(), seed=1, starts=0, start={"b1": 3.0})
    assert on_bound.estimate["b1"] == pytest.approx(cold.estimate["b1"], abs=1e-3)
    with pytest.raises(FoedusError, match="start value of b1: 5.0 is outside"):
        fit_posterior_mode(_logistic_spec(), seed=1, starts=0, start={"b1": 5.0})


def test_same_seed_same_fit():
    a = fit_posterior_mode(_logistic_spec(), seed=5)
    b = fit_posterior_mode(_logistic_spec(), seed=5)
    assert a.estimate == b.estimate and a.se == b.se


def test_estimates_stay_inside_the_prior_support():
    # the data push the rate towards 0.95 but the prior allows only [0, 0.5]
    def loglik(theta):
        return 95 * np.log(theta[0]) + 5 * np.log1p(-theta[0])

    fit = fit_posterior_mode(LikelihoodSpec(("p",), loglik, {"p": _u(0, 0.5)}, 100), seed=0)
    assert 0.4 < fit.estimate["p"] < 0.5


def test_empty_training_era_is_refused():
    with pytest.raises(FoedusError, match="no cases"):
        LikelihoodSpec(("p",), lambda t: t[0], {"p": _u(0, 1)}, 0)


@pytest.mark.parametrize("dist", [
    _u(0.5, 2.0), Normal(dist="normal", mean=1, sd=0.3, low=0, high=3),
    Triangular(dist="triangular", low=0, mode=0.05, high=0.2), Beta(dist="beta", a=4.1, b=5.9)])
def test_prior_densities_integrate_to_one(dist):
    low, high = dist.support()
    grid = np.linspace(low, high, 20001)
    density = np.exp(log_prior_density(dist, grid))
    assert np.trapezoid(np.nan_to_num(density), grid) == pytest.approx(1.0, abs=2e-3)


@pytest.mark.parametrize("low,high", [(0, 1), (2, 6), (0, np.inf), (-np.inf, np.inf)])
def test_transforms_round_trip(low, high):
    t = Transform(low, high)
    z = np.linspace(-5, 5, 11)
    assert np.allclose(t.to_z(t.to_x(z)), z, atol=1e-6)
    numeric = (t.to_x(z + 1e-6) - t.to_x(z - 1e-6)) / 2e-6
    assert np.allclose(np.exp(t.log_jacobian(z)), numeric, rtol=1e-5)


def test_parameter_file_round_trips_through_the_registry(tmp_path):
    k, n = 41, 100

    def loglik(theta):
        return k * np.log(theta[0]) + (n - k) * np.log1p(-theta[0])

    spec = LikelihoodSpec(("treaty_reliability",), loglik,
                          {"treaty_reliability": Beta(dist="beta", a=4.1, b=5.9)}, n,
                          description="synthetic rate")
    fit = fit_posterior_mode(spec, seed=0)
    doc = fitted_parameter_document(fit, name="synthetic", description="test",
                                    provenance={"command": "test"})
    path = write_parameter_file(doc, tmp_path / "set.yaml")
    loaded = load_parameter_set(path)
    assert loaded.name == "synthetic"
    assert loaded.values["treaty_reliability"].mean == pytest.approx(fit.estimate[
        "treaty_reliability"], rel=1e-5)
    assert loaded.provenance["n"] == n


def test_parameter_file_not_matching_registry_writes_nothing(tmp_path):
    doc = {"name": "bad", "description": "", "provenance": {},
           "parameters": {"no_such_parameter": {"dist": "point", "value": 1.0}}}
    target = tmp_path / "bad.yaml"
    with pytest.raises(FoedusError, match="unknown parameter"):
        write_parameter_file(doc, target)
    assert list(tmp_path.iterdir()) == []


def test_model_supplied_gradient_gives_the_same_fit():
    rng = np.random.default_rng(9)
    x = rng.normal(size=2000)
    y = rng.uniform(size=2000) < 1 / (1 + np.exp(-(0.7 * x - 0.4)))

    def loglik(theta):
        eta = theta[0][:, None] * x - theta[1][:, None]
        return np.sum(np.where(y, -np.logaddexp(0, -eta), -np.logaddexp(0, eta)), axis=1)

    def gradient(theta, free):
        eta = theta[0] * x - theta[1]
        p = 1 / (1 + np.exp(-eta))
        value = float(loglik(theta[:, None])[0])
        return value, np.array([np.sum((y - p) * x), -np.sum(y - p)])

    priors = {"slope": _u(-3, 3), "cut": _u(-2, 2)}
    plain = fit_posterior_mode(LikelihoodSpec(("slope", "cut"), loglik, priors, 2000), seed=0)
    hooked = fit_posterior_mode(LikelihoodSpec(("slope", "cut"), loglik, priors, 2000,
                                               gradient=gradient), seed=0)
    for name in ("slope", "cut"):
        assert hooked.estimate[name] == pytest.approx(plain.estimate[name], abs=1e-4)
        assert hooked.se[name] == pytest.approx(plain.se[name], rel=1e-2)


def test_outer_product_information_matches_the_hessian():
    # independent Bernoulli-logit units: the BHHH information estimates the Hessian
    rng = np.random.default_rng(12)
    x = rng.normal(size=3000)
    y = rng.uniform(size=3000) < 1 / (1 + np.exp(-(0.9 * x - 0.2)))

    def per_case(theta):
        eta = theta[0][None, :] * x[:, None] - theta[1][None, :]
        return np.where(y[:, None], -np.logaddexp(0, -eta), -np.logaddexp(0, eta))

    def loglik(theta):
        return per_case(theta).sum(axis=0)

    priors = {"slope": _u(-3, 3), "cut": _u(-2, 2)}
    plain = fit_posterior_mode(LikelihoodSpec(("slope", "cut"), loglik, priors, 3000), seed=0)
    opg = fit_posterior_mode(LikelihoodSpec(("slope", "cut"), loglik, priors, 3000,
                                            per_case=per_case), seed=0)
    for name in ("slope", "cut"):
        assert opg.estimate[name] == pytest.approx(plain.estimate[name], abs=1e-6)
        assert opg.se[name] == pytest.approx(plain.se[name], rel=0.1)


def test_estimates_belong_to_their_parameters_when_the_rounds_run_out():
    # "a" is not informed by the data, "b" is (mode 0.3): with a single identification round
    # the fit fixes "a" and must re-fit "b" alone, not report a's value as b's estimate
    def loglik(theta):
        return 300 * np.log(theta[1]) + 700 * np.log1p(-theta[1]) + 0.0 * theta[0]

    priors = {"a": Uniform(dist="uniform", low=0, high=2),
              "b": Uniform(dist="uniform", low=0, high=1)}
    fit = fit_posterior_mode(LikelihoodSpec(("a", "b"), loglik, priors, 1000), seed=0,
                             starts=0, max_rounds=1)
    assert fit.free == ("b",)
    assert fit.fixed["a"][0] == 1.0
    assert fit.estimate["b"] == pytest.approx(0.3, abs=0.01)
    assert set(fit.estimate) == {"b"}


def test_a_mode_on_the_bound_of_its_range_is_identified_not_fixed_at_the_centre():
    # 300 events in 1,000 units, the rate's range [0.5, 1]: the data push it to 0.5. The score
    # outer product (BHHH) reads almost no information at the bound, but holding the rate at
    # its centre 0.75 costs about 360 nats: the likelihood-ratio check keeps it estimated.
    y = np.r_[np.ones(300), np.zeros(700)]

    def per_case(theta):
        p = theta[0][None, :]
        return np.where(y[:, None] == 1, np.log(p), np.log1p(-p)) + 0.0 * theta[1][None, :]

    def loglik(theta):
        return per_case(theta).sum(axis=0)

    priors = {"rate": Uniform(dist="uniform", low=0.5, high=1),
              "unused": Uniform(dist="uniform", low=0, high=1)}
    fit = fit_posterior_mode(LikelihoodSpec(("rate", "unused"), loglik, priors, 1000,
                                            per_case=per_case), seed=0, starts=0)
    assert fit.free == ("rate",)
    assert fit.estimate["rate"] == pytest.approx(0.5, abs=0.01)
    assert fit.conditional["rate"] < 0.5          # the information share alone would fix it
    assert "likelihood ratio" in fit.notes["rate"]
    assert "likelihood ratio" in fit.to_frame().set_index("parameter").loc["rate", "note"]
    # a parameter the data do not touch is still fixed at its centre, with no note
    assert fit.fixed["unused"][0] == 0.5 and "unused" not in fit.notes
