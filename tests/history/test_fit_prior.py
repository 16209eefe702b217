"""``foedus fit --prior wide``: the diagnostic wide prior of ``foedus.history.priors``.

The tests check the machinery - the wide supports contain the judgement ranges, parameters
that are not estimated stay at their registered centre, the mode may leave a judgement range
only under the wide prior, the written set says which prior it used and round-trips through
the registry, bad values are refused with one line. No test requires any score.
"""

from __future__ import annotations

import pytest
from tests.history.test_scoring_cli import _run, toy_corpus  # noqa: F401  (fixture)

from foedus.errors import FoedusError, ParameterError
from foedus.history.fit import LikelihoodSpec, fit_posterior_mode
from foedus.history.parameter_file import fitted_parameter_document, write_parameter_file
from foedus.history.pipeline import model_interface
from foedus.history.priors import (
    WIDE_DOMAIN_SUPPORTS,
    check_prior,
    fit_priors,
    registered_centres,
    wide_support,
)
from foedus.scenarios.parameter_sets import load_parameter_set
from foedus.scenarios.parameters import known_parameters


def test_unknown_prior_is_one_line():
    with pytest.raises(FoedusError, match=r"^--prior flat: unknown prior \(choose registered "
                                          r"or wide\)$"):
        check_prior("flat")


def test_wide_priors_contain_the_judgement_ranges_of_every_crisis_parameter():
    adapter, _ = model_interface("intervention")
    registry = known_parameters()
    estimated = [n for n in adapter.names if n not in adapter.not_identified]
    wide = fit_priors(adapter.names, "wide", estimated)
    registered = fit_priors(adapter.names, "registered")
    for name in adapter.names:
        if name not in estimated:
            assert wide[name] == registered[name], name      # held ones keep their prior
            continue
        assert wide[name].dist == "uniform"
        low, high = wide[name].support()
        r_low, r_high = registered[name].support()
        assert low <= r_low and high >= r_high, name
        domain = registry[name].domain
        if name != "crisis_precision":
            assert (low, high) == WIDE_DOMAIN_SUPPORTS[domain], name
    assert wide["crisis_precision"].support() == (0.01, 20.0)


def test_a_judgement_range_wider_than_the_wide_range_is_kept():
    assert wide_support("x", "nonnegative", (0.0, 25.0)) == (0.0, 25.0)
    with pytest.raises(FoedusError, match="no wide range is stated"):
        wide_support("x", "real", (-1.0, 1.0))


def _rate_spec(priors, centres=None):
    # a likelihood whose maximum (0.2) lies below the judgement range of the stake weight
    # (U(0.5, 2.5)); the chain weight is declared not identified
    def loglik(theta):
        x = theta[0]
        return -200.0 * (x - 0.2) ** 2 + 0.0 * theta[1]

    names = ("crisis_stake_weight", "crisis_chain_weight")
    return LikelihoodSpec(names, loglik, priors, 500,
                          not_identified={"crisis_chain_weight": "synthetic"},
                          centres=centres or {})


def test_the_mode_leaves_the_judgement_range_only_under_the_wide_prior():
    names = ("crisis_stake_weight", "crisis_chain_weight")
    registered = fit_posterior_mode(_rate_spec(fit_priors(names)), seed=1, starts=0)
    assert registered.estimate["crisis_stake_weight"] >= 0.5
    wide_priors = fit_priors(names, "wide", ["crisis_stake_weight"])
    wide = fit_posterior_mode(_rate_spec(wide_priors, registered_centres(names)), seed=1,
                              starts=0)
    assert wide.estimate["crisis_stake_weight"] == pytest.approx(0.2, abs=0.02)
    # the parameter that is not estimated is held at its registered centre either way
    assert wide.fixed["crisis_chain_weight"][0] == registered.fixed["crisis_chain_weight"][0] \
        == pytest.approx(0.5)
    assert wide.supports["crisis_stake_weight"] == (0.0, 10.0)
    assert registered.supports["crisis_stake_weight"] == (0.5, 2.5)


def test_a_centre_outside_the_prior_is_refused():
    names = ("crisis_stake_weight", "crisis_chain_weight")
    with pytest.raises(ParameterError, match="outside its prior's support"):
        _rate_spec(fit_priors(names), {"crisis_stake_weight": 5.0})


def test_a_wide_set_declares_its_supports_and_round_trips(tmp_path):
    names = ("crisis_stake_weight", "crisis_chain_weight")
    fit = fit_posterior_mode(_rate_spec(fit_priors(names, "wide", ["crisis_stake_weight"]),
                                        registered_centres(names)), seed=1, starts=0)
    doc = fitted_parameter_document(fit, name="wide-test", description="test",
                                    provenance={"command": "test"}, prior="wide")
    loaded = load_parameter_set(write_parameter_file(doc, tmp_path / "wide.yaml"))
    dist = loaded.values["crisis_stake_weight"]
    assert (dist.low, dist.high) == (0.0, 10.0)
    assert dist.mean == pytest.approx(fit.estimate["crisis_stake_weight"], rel=1e-5)
    assert loaded.provenance["prior"] == "wide"
    assert loaded.provenance["prior_supports"] == {"crisis_stake_weight": [0.0, 10.0]}
    assert "wide" in loaded.provenance["estimator"]


def test_cli_wide_fit_records_its_prior(monkeypatch, capsys, tmp_path, toy_corpus):  # noqa: F811
    wide_file, default_file = tmp_path / "wide.yaml", tmp_path / "default.yaml"
    code, stdout, stderr = _run(monkeypatch, capsys, "fit", "crisis", "--train", "1816-1945",
                                "--seed", "3", "--prior", "wide", "--out", str(wide_file))
    assert code == 0, stderr
    assert "WIDE diagnostic prior" in stdout
    code, _, stderr = _run(monkeypatch, capsys, "fit", "crisis", "--train", "1816-1945",
                           "--seed", "3", "--out", str(default_file))
    assert code == 0, stderr
    wide, default = load_parameter_set(wide_file), load_parameter_set(default_file)
    assert wide.provenance["command"] == ("foedus fit crisis --train 1816-1945 --seed 3 "
                                          "--prior wide")
    assert wide.provenance["prior"] == "wide" and default.provenance["prior"] == "registered"
    assert "prior_supports" not in default.provenance
    assert "wide diagnostic prior" in wide.description
    for name, dist in wide.values.items():
        assert [dist.low, dist.high] == wide.provenance["prior_supports"][name]
    assert (wide.values["crisis_precision"].low,
            wide.values["crisis_precision"].high) == (0.01, 20.0)
    assert (default.values["crisis_precision"].low,
            default.values["crisis_precision"].high) == (2.0, 6.0)


def test_cli_unknown_prior_writes_nothing(monkeypatch, capsys, tmp_path):
    target = tmp_path / "set.yaml"
    code, _, stderr = _run(monkeypatch, capsys, "fit", "crisis", "--prior", "flat",
                           "--out", str(target))
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert code == 2 and len(lines) == 1 and "--prior flat: unknown prior" in lines[0], stderr
    assert "Traceback" not in stderr
    assert list(tmp_path.iterdir()) == []
