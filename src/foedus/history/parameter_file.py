"""Write a fitted parameter set as a parameter file (``foedus.scenarios.parameter_sets``).

A fitted parameter becomes a normal distribution (mean: the posterior mode; sd: its Laplace
standard error) truncated to the support of the prior it was estimated under (the
registered prior's; under the diagnostic ``wide`` prior of :mod:`foedus.history.priors`, the
wide support, so that the set declares its own supports), with a ``source:`` naming the fit.
The provenance says which prior was used (``prior: registered`` or ``prior: wide``, with the
supports of a wide fit under ``prior_supports``). Parameters the data could not identify are not written: a case built with the set
keeps their registered (judgement) distribution, and the provenance lists them with the
reason and the centre at which the fit held them.

The file is written atomically: it is rendered, written to a temporary file beside the
target, loaded back through :func:`~foedus.scenarios.parameter_sets.load_parameter_set`
(which checks every name and domain against the registry) and only then renamed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from foedus.history.fit import FitResult

__all__ = ["fitted_parameter_document", "write_parameter_file"]


def _number(value: float) -> float:
    return float(f"{value:.6g}")


def fitted_parameter_document(fit: FitResult, *, name: str, description: str,
                              provenance: Mapping[str, Any],
                              prior: str = "registered") -> dict[str, Any]:
    """The parameter-set document (a dict ready for YAML) of a fit.

    ``prior`` names the prior the fit used (``registered`` or ``wide``,
    :mod:`foedus.history.priors`); it is recorded in the provenance.

    Examples
    --------
    >>> import numpy as np
    >>> from foedus.history.fit import LikelihoodSpec, fit_posterior_mode
    >>> from foedus.scenarios.distributions import Uniform
    >>> spec = LikelihoodSpec(("treaty_reliability",),
    ...                       lambda t: 40 * np.log(t[0]) + 60 * np.log1p(-t[0]),
    ...                       {"treaty_reliability": Uniform(dist="uniform", low=0, high=1)}, 100)
    >>> doc = fitted_parameter_document(fit_posterior_mode(spec, seed=0), name="x",
    ...                                 description="test", provenance={})
    >>> doc["parameters"]["treaty_reliability"]["dist"]
    'normal'
    """
    parameters = {}
    for pname in fit.free:
        low, high = fit.interval[pname]
        sd = max(fit.se[pname], 1e-9)
        support = _support(fit, pname)
        entry = {"dist": "normal", "mean": _number(fit.estimate[pname]), "sd": _number(sd)}
        if support[0] is not None:
            entry["low"] = support[0]
        if support[1] is not None:
            entry["high"] = support[1]
        entry["source"] = (f"posterior mode of {fit.description or 'the fit'} "
                           f"(n={fit.n_cases}); 95% interval {low:.4g}-{high:.4g}; "
                           "see provenance" + (f"; {fit.notes[pname]}"
                                               if pname in fit.notes else ""))
        parameters[pname] = entry
    fixed = {pname: {"held_at": _number(value), "reason": reason}
             for pname, (value, reason) in fit.fixed.items()}
    prov = dict(provenance)
    prov.update({
        "n": int(fit.n_cases), "log_likelihood": _number(fit.log_likelihood),
        "log_likelihood_at_prior_centre": _number(fit.log_likelihood_centre),
        "seed": int(fit.seed), "converged": bool(fit.converged),
        "prior": prior,
        "estimator": ("posterior mode in the unconstrained parametrisation (registered "
                      "distributions as priors), Laplace intervals" if prior == "registered"
                      else "posterior mode in the unconstrained parametrisation (diagnostic "
                      "wide uniform priors, foedus.history.priors; not the registered "
                      "judgement ranges), Laplace intervals"),
        "not_written_kept_at_registered_prior": fixed,
    })
    if prior != "registered":
        prov["prior_supports"] = {pname: [None if v is None else _number(v)
                                          for v in _support(fit, pname)] for pname in fit.free}
    return {"name": name, "description": description, "provenance": prov,
            "parameters": parameters}


def _support(fit: FitResult, name: str):
    from foedus.scenarios.parameters import known_parameters

    if name in fit.supports:
        low, high = fit.supports[name]
    else:
        info = known_parameters().get(name)
        if info is None:
            return None, None
        low, high = info.default.support()
    finite = [float(v) if abs(v) != float("inf") else None for v in (low, high)]
    return finite[0], finite[1]


def write_parameter_file(document: Mapping[str, Any], path: str | Path) -> Path:
    """Write a parameter-set document atomically, checked against the registry first.

    Raises the loader's one-line :class:`~foedus.errors.ScenarioError` (and writes nothing)
    when a name or value does not match the registry.
    """
    from foedus.scenarios.parameter_sets import load_parameter_set

    path = Path(path)
    text = yaml.safe_dump(dict(document), sort_keys=False, allow_unicode=True, width=100)
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".foedus-", suffix=".yaml", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        load_parameter_set(temporary)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)      # mkstemp's 0600 is not what a user expects
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return path
