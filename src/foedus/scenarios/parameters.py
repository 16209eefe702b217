"""Registry of model parameters a scenario may set: name, domain, default and its source.

Each model family registers its parameters here (at import of the family) so that the
scenario loader can check a scenario's values against their domain (a probability must lie
in [0, 1]) and tell the user about unknown names.
"""

from __future__ import annotations

from dataclasses import dataclass

from foedus.scenarios.distributions import Beta, Distribution


@dataclass(frozen=True, slots=True)
class ParameterInfo:
    name: str
    domain: str
    default: Distribution
    description: str
    source: str
    family: str


_REGISTRY: dict[str, ParameterInfo] = {}


def register_parameter(info: ParameterInfo) -> ParameterInfo:
    """Register a model parameter (idempotent for an identical re-registration)."""
    existing = _REGISTRY.get(info.name)
    if existing is not None and existing != info:
        raise ValueError(f"parameter {info.name!r} registered twice with different specs")
    _REGISTRY[info.name] = info
    return info


PARAMETER_MODULES = ("params", "parameters")
_DISCOVERED: list[bool] = []


def _discover() -> None:
    """Import the modules where the families register their parameters.

    Convention: ``foedus.interests.weights`` and ``foedus.models.<family>.params`` (or
    ``.parameters``). Importing is idempotent; the package is searched once per process.
    """
    if _DISCOVERED:
        return
    import importlib
    import importlib.util
    import pkgutil

    import foedus.models

    names = ["foedus.interests.weights"]
    for family in pkgutil.iter_modules(foedus.models.__path__):
        for module in PARAMETER_MODULES:
            name = f"foedus.models.{family.name}.{module}"
            if importlib.util.find_spec(name) is not None:
                names.append(name)
    for name in names:
        importlib.import_module(name)
    _DISCOVERED.append(True)


def known_parameters() -> dict[str, ParameterInfo]:
    """All registered parameters by name (every family's registration module is imported)."""
    _discover()
    return dict(_REGISTRY)


register_parameter(ParameterInfo(
    name="treaty_reliability",
    domain="probability",
    default=Beta(dist="beta", a=4.1, b=5.9,
                 source="Berkemeier & Fuhrmann (2018), Research & Politics: defence pacts "
                        "honoured in 41% of cases, 1816-2003 (mean 0.41); the concentration "
                        "a+b=10 is a judgement expressing that rates differ by era (66% "
                        "before 1945, 22% after)."),
    description="Prior probability that a state obliged by a treaty defence clause honours it.",
    source="Berkemeier, M. & Fuhrmann, M. (2018). Reassessing the fulfillment of alliance "
           "commitments in war. Research & Politics 5(2). doi:10.1177/2053168018779767",
    family="core",
))
