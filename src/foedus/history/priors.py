"""Which prior a fit uses: the registered judgements (default) or a wide diagnostic prior.

``foedus fit MODEL --prior registered`` (the default) estimates a model's parameters with the
registered distributions - the judgements with their sources - as priors; the posterior mode
cannot leave their supports. ``--prior wide`` is a **diagnostic**: every estimated parameter
gets a uniform prior on a wide, physically meaningful range that contains its judgement
range, so that the data can say whether the judgement ranges or the model's structure limit
the fit (issue 9: the fit on 1816-1945 puts three crisis weights on the lower bounds of their
judgement ranges).

The wide ranges (stated here, not tuned to any score) are set by the parameter's registered
domain, because the crisis utilities are of order one (the ``crisis_precision`` source:
"utilities are O(1)"):

- a weight or cost (domain ``nonnegative``): ``U(0, 10)`` - from no effect to ten times the
  order of a utility, five to twenty times the top of the judgement ranges;
- a positive quantity (``positive``: the contest decisiveness): ``U(0.01, 10)`` - from a
  coin flip whatever the capabilities to nearly winner-take-all;
- the QRE precision ``crisis_precision``: ``U(0.01, 20)`` - from uniformly random choice to
  almost best response on O(1) utilities (the judgement range is 2-6);
- a probability or share (``probability``): ``U(0, 1)``, its whole domain.

A judgement range that is wider than these (none today) is kept: the wide support is the
union of the two. Parameters the fit does not estimate (declared not identified by the
model family, or held by the identification rule) are held at the centre of their
**registered** distribution under either prior, so the two fits differ only in the supports
of the estimated parameters. A set fitted under the wide prior declares its own supports:
every fitted parameter is a normal truncated to its wide support (which the registry
accepts: it checks a set against each parameter's domain, not against the judgement range),
and its provenance says ``prior: wide`` with the supports used.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from foedus.errors import FoedusError

__all__ = ["PRIORS", "WIDE_DOMAIN_SUPPORTS", "WIDE_NAMED_SUPPORTS", "check_prior",
           "fit_priors", "registered_centres", "wide_support"]

#: The priors ``foedus fit --prior`` offers.
PRIORS = ("registered", "wide")

#: Wide support of an estimated parameter by its registered domain (see the module docstring).
WIDE_DOMAIN_SUPPORTS: dict[str, tuple[float, float]] = {
    "nonnegative": (0.0, 10.0),
    "positive": (0.01, 10.0),
    "probability": (0.0, 1.0),
}

#: Parameters whose wide support differs from their domain's (see the module docstring).
WIDE_NAMED_SUPPORTS: dict[str, tuple[float, float]] = {
    "crisis_precision": (0.01, 20.0),
}


def check_prior(prior: str) -> str:
    """The prior's name, or one line naming the options.

    Examples
    --------
    >>> check_prior("wide")
    'wide'
    >>> check_prior("flat")
    Traceback (most recent call last):
    ...
    foedus.errors.FoedusError: --prior flat: unknown prior (choose registered or wide)
    """
    if prior not in PRIORS:
        raise FoedusError(f"--prior {prior}: unknown prior (choose {' or '.join(PRIORS)})")
    return prior


def wide_support(name: str, domain: str, registered: tuple[float, float]) -> tuple[float, float]:
    """The wide support of a parameter: its named or domain range, united with the
    registered (judgement) support.

    Examples
    --------
    >>> wide_support("crisis_stake_weight", "nonnegative", (0.5, 2.5))
    (0.0, 10.0)
    >>> wide_support("crisis_precision", "positive", (2.0, 6.0))
    (0.01, 20.0)
    """
    if name in WIDE_NAMED_SUPPORTS:
        low, high = WIDE_NAMED_SUPPORTS[name]
    elif domain in WIDE_DOMAIN_SUPPORTS:
        low, high = WIDE_DOMAIN_SUPPORTS[domain]
    else:
        raise FoedusError(f"--prior wide: parameter {name} has domain {domain!r}, for which no "
                          "wide range is stated (foedus.history.priors)")
    r_low, r_high = (float(v) for v in registered)
    low = min(low, r_low) if np.isfinite(r_low) else low
    high = max(high, r_high) if np.isfinite(r_high) else high
    return float(low), float(high)


def fit_priors(names: Iterable[str], prior: str = "registered",
               estimated: Iterable[str] | None = None) -> dict[str, Any]:
    """The prior of every name under ``prior``.

    ``registered``: the registered distributions. ``wide``: a uniform distribution on the
    wide support for every name in ``estimated`` (default: every name) whose registered
    distribution is not a point value; the registered distribution for the others.
    """
    from foedus.history.adapters import registered_priors
    from foedus.scenarios.distributions import Uniform
    from foedus.scenarios.parameters import known_parameters

    names = list(names)
    priors = registered_priors(names)
    if check_prior(prior) == "registered":
        return priors
    registry = known_parameters()
    chosen = set(names if estimated is None else estimated)
    for name in names:
        dist = priors[name]
        if name not in chosen or getattr(dist, "dist", None) == "point":
            continue
        low, high = wide_support(name, registry[name].domain, dist.support())
        priors[name] = Uniform(dist="uniform", low=low, high=high,
                               source=f"wide diagnostic prior (foedus.history.priors); "
                                      f"registered: {dist.source or 'judgement'}")
    return priors


def registered_centres(names: Iterable[str]) -> dict[str, float]:
    """The centre of every name's registered distribution (where a fit holds a parameter
    it does not estimate, and where it starts)."""
    from foedus.history.adapters import registered_priors

    return {n: float(d.center()) for n, d in registered_priors(list(names)).items()}


def supports_of(priors: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    """``name -> (low, high)`` of every prior."""
    return {n: tuple(float(v) for v in d.support()) for n, d in priors.items()}
