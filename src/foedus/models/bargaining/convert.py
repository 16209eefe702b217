"""Convert a KTAB input into a scenario ``negotiations:`` entry, and a negotiation into KTAB.

A KTAB actor is not a state, so each becomes a domestic actor with its own sourced capability
(the KTAB file); positions and saliences become point values citing the file. Going the other
way, a negotiation's central values (the centre of every distribution, flat saliences where
none is stated) become a :class:`SpatialProblem` that :func:`write_ktab_csv` or
:func:`write_ktab_xml` writes for KTAB.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from foedus.models.bargaining.ktab_io import KtabInput, write_ktab_csv, write_ktab_xml
from foedus.models.bargaining.negotiation import central_problem, negotiation_spec
from foedus.models.bargaining.params import SMPSwitches

__all__ = ["ktab_to_negotiation", "negotiation_to_ktab", "negotiation_yaml"]


def _num(x: float) -> float:
    """Shortest decimal of a KTAB 0-100 value (75.79, not 75.78999999999999)."""
    return float(f"{x:.10g}")


def _slug(text: str) -> str:
    out = "".join(c if c.isalnum() else "-" for c in text.strip().lower()).strip("-")
    return "-".join(part for part in out.split("-") if part) or "negotiation"


def ktab_to_negotiation(ktab: KtabInput, negotiation_id: str | None = None) -> dict:
    """A ``negotiations:`` entry (a plain dict, YAML-ready) equivalent to a KTAB input.

    Examples
    --------
    >>> from foedus.models.bargaining import SpatialProblem
    >>> p = SpatialProblem(["A", "B", "C"], ["tax"], [1, 2, 3], [[0.2], [0.5], [0.9]],
    ...                    [[0.5], [0.5], [1.0]], name="toy")
    >>> entry = ktab_to_negotiation(KtabInput(p, SMPSwitches(), 1, "toy.csv", "csv"))
    >>> entry["actors"][0]["positions"]["tax"]
    {'value': 20.0, 'source': 'KTAB input toy.csv'}
    """
    p = ktab.problem
    source = f"KTAB input {Path(ktab.path).name}"
    issue_ids = [_slug(d) for d in p.dimensions]
    if len(set(issue_ids)) != len(issue_ids):
        issue_ids = [f"dim{k + 1}" for k in range(p.n_dimensions)]
    entry: dict = {
        "id": negotiation_id or _slug(p.name or Path(ktab.path).stem),
        "name": p.name or Path(ktab.path).stem,
        "description": p.description,
        "model": "smp",
        "switches": ktab.switches.to_ktab(),
        "issues": [{"id": issue, "name": dim, "low": f"{dim}: 0", "high": f"{dim}: 100",
                    "source": source} for issue, dim in zip(issue_ids, p.dimensions, strict=True)],
        "domestic_actors": [
            {"id": a, "name": p.descriptions[i] or a,
             "capability": {"value": float(p.capability[i]), "source": source},
             "source": f"{source} (actor {a})"} for i, a in enumerate(p.actors)],
        "actors": [],
        "source": source,
    }
    for i, a in enumerate(p.actors):
        entry["actors"].append({
            "id": a,
            "positions": {issue: {"value": _num(p.position[i, k] * 100), "source": source}
                          for k, issue in enumerate(issue_ids)},
            "salience": {issue: {"value": float(p.salience[i, k]), "source": source}
                         for k, issue in enumerate(issue_ids)},
        })
    return entry


def negotiation_yaml(entry: dict) -> str:
    """YAML text of a ``negotiations:`` section holding ``entry``."""
    return yaml.safe_dump({"negotiations": [entry]}, sort_keys=False, allow_unicode=True,
                          width=100)


def negotiation_to_ktab(case, negotiation: str | None = None, path: str | Path | None = None,
                        switches: SMPSwitches | None = None, seed: int | None = None) -> str:
    """Write a negotiation's central values as a KTAB file (``.csv`` or ``.xml`` by suffix).

    Returns the text. XML carries the switches (default: the negotiation's) and the seed.
    """
    spec = negotiation_spec(case, negotiation)
    problem = central_problem(spec)
    if path is not None and str(path).lower().endswith(".xml"):
        from foedus.models.bargaining.ktab_io import KTAB_DEFAULT_SEED

        return write_ktab_xml(problem, switches or spec.switches,
                              KTAB_DEFAULT_SEED if seed is None else seed, path)
    return write_ktab_csv(problem, path)
