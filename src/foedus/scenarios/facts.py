"""Registry of the scenario facts models read: name, kind (state or dyad), domain, reader.

A scenario may set any figure under ``states[].facts`` or ``dyads[].facts``. A fact no model
reads changes nothing, so the loader reports it (a warning naming the closest registered
names), and a fact a model reads is checked against its domain (a share must lie in [0, 1], a
count or an amount must not be negative; NaN and infinity are refused everywhere).

Three kinds of names are read:

* the indicators of the shipped data sets (``foedus.data.indicators``: ``nmc_cinc``,
  ``sipri_milex_usd_current``, ``contiguity`` ...), which a fact overrides;
* the headline figures (``foedus.scenarios.build.HEADLINE``: ``milex``, ``gdp`` ...), which a
  fact sets directly, in the figure's stated unit;
* the facts a model family declares with :func:`register_fact` - in the family's
  ``facts`` (or ``params``/``parameters``) module, discovered like the parameters. The facts
  declared below for the current families are the ones their code reads today
  (``grep -rn "value(\\"\\|indicators.get(" src/foedus``); a family that reads a new fact
  registers it next to the code that reads it.

Examples
--------
>>> info = known_facts("state")["ratification_threshold"]
>>> info.domain, info.family
('probability', 'formation')
>>> fact_info("dyad", "propensity_religion").family
'alignment'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["state", "dyad"]
FactDomain = Literal["real", "nonnegative", "probability"]

__all__ = ["FactInfo", "fact_info", "known_facts", "register_fact"]


@dataclass(frozen=True, slots=True)
class FactInfo:
    """A fact a model reads. ``prefix=True`` matches every name starting with ``name``."""

    name: str
    kind: Kind
    domain: FactDomain
    description: str
    family: str
    prefix: bool = False


_REGISTRY: dict[tuple[str, str], FactInfo] = {}


def register_fact(info: FactInfo) -> FactInfo:
    """Declare a fact a model reads (idempotent for an identical re-registration)."""
    key = (info.kind, info.name)
    existing = _REGISTRY.get(key)
    if existing is not None and existing != info:
        raise ValueError(f"fact {info.name!r} ({info.kind}) registered twice differently")
    _REGISTRY[key] = info
    return info


FACT_MODULES = ("facts", "params", "parameters")


def _discover() -> None:
    """Import each family's ``facts`` module (and the parameter modules) if present."""
    import importlib
    import importlib.util
    import pkgutil

    import foedus.models

    for family in pkgutil.iter_modules(foedus.models.__path__):
        name = f"foedus.models.{family.name}.facts"
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name)


def _data_facts() -> dict[tuple[str, str], FactInfo]:
    """Indicators of the shipped data sets and the headline figures (overridable by a fact)."""
    from foedus.data.indicators import DYAD_INDICATORS, STATE_SOURCES
    from foedus.scenarios.build import HEADLINE, HEADLINE_UNITS

    out: dict[tuple[str, str], FactInfo] = {}
    for source, (_, specs) in STATE_SOURCES.items():
        for name, (_, unit) in specs.items():
            domain: FactDomain = ("real" if name in ("democracy_polity2", "democracy_euds",
                                                     "democracy_aeuds") else
                                  "probability" if "0-1" in unit or "fraction" in unit else
                                  "nonnegative")
            out[("state", name)] = FactInfo(name, "state", domain, f"{unit} ({source})",
                                            "data")
    for figure in HEADLINE:
        domain = "probability" if figure in ("cinc", "milex_share_gdp", "regime") else \
            "nonnegative"
        out[("state", figure)] = FactInfo(figure, "state", domain,
                                          f"headline figure, {HEADLINE_UNITS[figure]}",
                                          "headline")
    for name in DYAD_INDICATORS:
        domain = "nonnegative"
        out[("dyad", name)] = FactInfo(name, "dyad", domain, "shipped dyadic indicator", "data")
    return out


def known_facts(kind: Kind) -> dict[str, FactInfo]:
    """Every fact name of ``kind`` that some model or output reads (prefixes included)."""
    _discover()
    table = {**_data_facts(), **_REGISTRY}
    return {name: info for (k, name), info in table.items() if k == kind}


def fact_info(kind: Kind, name: str) -> FactInfo | None:
    """The registered fact ``name`` (exact name first, then the longest matching prefix)."""
    facts = known_facts(kind)
    if name in facts and not facts[name].prefix:
        return facts[name]
    matches = [f for f in facts.values() if f.prefix and name.startswith(f.name)]
    return max(matches, key=lambda f: len(f.name)) if matches else facts.get(name)


# ---------------------------------------------------------------- facts the families read
# Crisis model, domestic constraints on force abroad (foedus.models.crisis.inputs).
for _name, _text in (
        ("constitutional_limit_collective_defence",
         "constitutional limit on collective defence, 0/1 or a share"),
        ("constitutional_limit_use_of_force", "constitutional limit on force abroad"),
        ("domestic_constraint_use_of_force", "other domestic constraint on force abroad"),
        ("nonalignment_doctrine",
         "declared non-alignment doctrine, 0/1 (also the interests layer's autonomy)")):
    register_fact(FactInfo(_name, "state", "probability", _text, "crisis"))
# Formation model, domestic feasibility (foedus.models.formation.game).
for _name, _text in (
        ("ratification_threshold", "share of the legislature needed to ratify a treaty"),
        ("legislative_support", "share of the ratifying chamber on record for the treaty"),
        ("government_seat_share", "governing coalition's share of the ratifying chamber")):
    register_fact(FactInfo(_name, "state", "probability", _text, "formation"))
# Interests layer (foedus.interests.indicators): overrides and dyadic inputs.
register_fact(FactInfo("autonomy_override", "state", "probability",
                       "autonomy value replacing the computed one", "interests"))
for _name in ("threat_override", "affinity_override", "exposure_override"):
    register_fact(FactInfo(_name, "dyad", "real", f"{_name[:-9]} value replacing the "
                           "computed one", "interests"))
register_fact(FactInfo("coercion_history", "dyad", "nonnegative",
                       "coercion of b by a on record (> 0 = yes)", "formation"))
register_fact(FactInfo("trade_share_gdp", "dyad", "nonnegative",
                       "trade with b as a share of a's GDP", "interests"))
# Alignment (foedus.models.alignment.propensity): hand-written propensities, summed.
register_fact(FactInfo("propensity", "dyad", "real",
                       "hand-written alignment propensity (propensity_<factor> are summed)",
                       "alignment", prefix=True))
