"""Named parameter sets: the judgement defaults, or parameters estimated on history.

A parameter set is a YAML file that assigns distributions to registered parameters, with the
provenance of the numbers (the command, data and training era that produced them)::

    name: my-set
    description: what the set is and where its numbers come from
    provenance: {command: "foedus fit crisis --train 1816-1945 --seed 1", train: 1816-1945}
    parameters:
      crisis_precision: {dist: normal, mean: 3.1, sd: 0.2, source: "fitted (see provenance)"}

Precedence when a case is built: the registered defaults, replaced by the parameter set's
values, replaced in turn by the scenario's own ``parameters:`` (a scenario's sourced value for
its case is more specific than a value estimated on history). The set named ``judgement`` is
empty: the registered defaults (judgements with their sources) alone.

Shipped sets live in ``foedus/scenarios/parameter_files/<name>.yaml``.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from foedus.errors import ScenarioError
from foedus.scenarios import safe_yaml
from foedus.scenarios.distributions import Distribution, check_in_domain

__all__ = ["DEFAULT_PARAMETER_SET", "JUDGEMENT", "ParameterSet", "load_parameter_set",
           "shipped_parameter_sets"]

#: The name of the empty set: every parameter at its registered (judgement) default.
JUDGEMENT = "judgement"
#: The set every command uses when neither ``--parameters`` nor the scenario's
#: ``parameter_set:`` names one. The one place to change the default. The rule (issue 9,
#: ``docs/validation-history.md``, "The default parameter set"): for each model, among the
#: shipped sets and the judgement defaults, the one whose predictions for the test era
#: (1946-2014) of its model's corpus, with parameters estimated on 1816-1945 only, have the
#: lowest log loss. Crisis model (intervention corpus): fitted with shared obligations 0.0416
#: < fitted without 0.0448 < entry cost calibrated 0.0748 < judgement 0.2114 (both with
#: the term drawn from its prior; 0.0961 and 0.2745 before it), hence
#: ``crisis-1816-1945-shared`` (since 6 December 2026); formation model (alliance members):
#: fitted 0.3555 < judgement 0.4095, hence ``formation-1816-1945``. ``history-1816-1945``
#: holds both, unchanged (written by docs/validation-history/default_set.py); every other
#: parameter (burden, ...) keeps its judgement default.
DEFAULT_PARAMETER_SET = "history-1816-1945"
_ADAPTER = TypeAdapter(Distribution)


@dataclass(frozen=True)
class ParameterSet:
    """Distributions for registered parameters, with the provenance of their numbers."""

    name: str
    values: Mapping[str, Any] = field(default_factory=dict)
    description: str = ""
    provenance: Mapping[str, Any] = field(default_factory=dict)
    path: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", dict(self.values))
        object.__setattr__(self, "provenance", dict(self.provenance))


def _directory():
    return resources.files("foedus.scenarios") / "parameter_files"


def shipped_parameter_sets() -> list[str]:
    """Names of the parameter sets shipped with foedus (``judgement`` first)."""
    folder = _directory()
    names = sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml")) \
        if folder.is_dir() else []
    return [JUDGEMENT, *names]


def load_parameter_set(name_or_path: str | Path | None) -> ParameterSet:
    """A shipped parameter set by name, or a parameter-set file.

    Unknown parameter names, values outside a parameter's domain and malformed files are
    refused with one line naming the file, the field and the fix.

    Examples
    --------
    >>> load_parameter_set("judgement").values
    {}
    """
    from foedus.scenarios.parameters import known_parameters

    if name_or_path is None or str(name_or_path) == JUDGEMENT:
        return ParameterSet(JUDGEMENT, {}, "registered defaults (judgements with sources)")
    path = Path(name_or_path)
    if not path.exists():
        shipped = _directory() / f"{name_or_path}.yaml"
        if not shipped.is_file():
            options = shipped_parameter_sets()
            close = difflib.get_close_matches(str(name_or_path), options, n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise ScenarioError(str(name_or_path), "", "no such parameter-set file or shipped "
                                f"set (shipped: {', '.join(options)}){hint}")
        path = Path(str(shipped))
    where = str(path)
    data, _ = safe_yaml.parse(safe_yaml.read_text(path, "parameter-set"), where)
    if not isinstance(data, dict) or not isinstance(data.get("parameters"), dict):
        raise ScenarioError(where, "parameters", "expected a mapping `parameters:` of "
                            "parameter name -> distribution")
    unknown_keys = {str(k) for k in data} - {"name", "description", "provenance", "parameters"}
    if unknown_keys:
        raise ScenarioError(where, min(unknown_keys), "unknown field (expected name, "
                            "description, provenance, parameters)")
    registry = known_parameters()
    values = {}
    for pname, spec in data["parameters"].items():
        loc = f"parameters.{pname}"
        if not isinstance(pname, str) or pname not in registry:
            close = difflib.get_close_matches(str(pname), list(registry), n=3, cutoff=0.6)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise ScenarioError(where, loc, f"unknown parameter{hint}")
        if isinstance(spec, (int, float)) and not isinstance(spec, bool):
            spec = {"dist": "point", "value": spec}
        try:
            dist = _ADAPTER.validate_python(spec)
            check_in_domain(dist, registry[pname].domain)
        except (ValidationError, ValueError) as exc:
            message = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
            raise ScenarioError(where, loc, message) from None
        values[pname] = dist
    provenance = data.get("provenance") or {}
    if not isinstance(provenance, dict):
        raise ScenarioError(where, "provenance", "expected a mapping (command, data, train ...)")
    return ParameterSet(str(data.get("name") or path.stem), values,
                        str(data.get("description") or ""), provenance, where)
