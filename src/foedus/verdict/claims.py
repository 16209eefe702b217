"""The claims of a scenario: the atomic claims file and the testable propositions beside it.

A scenario ``X.yaml`` may ship two files next to it:

``X.claims.csv``
    The atomic claims of the analysis being examined (``id``, ``claim``, ``type``,
    ``record_check``, ...), as in the flagship's fact base.
``X.testable-claims.csv``
    For each claim the models can test, the proposition they test, written for the model
    (``claim_id``, ``proposition``, ``families``, ``measure``).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd

from foedus.errors import FoedusError

__all__ = ["load_claims", "load_testable"]

CLAIM_COLUMNS = ["id", "claim"]
TESTABLE_COLUMNS = ["claim_id", "proposition", "families", "measure"]


def _sibling(scenario, suffix: str):
    path = Path(scenario.path)
    stem = path.name[:-5] if path.name.endswith(".yaml") else path.stem
    candidate = path.with_name(stem + suffix)
    if path.exists() and candidate.exists():
        return candidate
    shipped = resources.files("foedus.scenarios") / "library" / f"{stem}{suffix}"
    return shipped if shipped.is_file() else None


def _read(source, columns, what: str) -> pd.DataFrame:
    with source.open("r", encoding="utf-8") if hasattr(source, "open") else open(source) as fh:
        frame = pd.read_csv(fh, dtype=str).fillna("")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise FoedusError(f"{source}: {what} needs columns {', '.join(columns)}; "
                          f"missing {', '.join(missing)}")
    return frame


def load_claims(scenario, path: str | Path | None = None) -> pd.DataFrame:
    """The claims of ``scenario`` (a loaded :class:`~foedus.scenarios.loader.Scenario`).

    Examples
    --------
    >>> from foedus.scenarios import load_scenario
    >>> claims = load_claims(load_scenario("asian-nato-2024"))
    >>> claims.loc[claims.id == "AC17", "type"].item()
    'position'
    """
    source = Path(path) if path is not None else _sibling(scenario, ".claims.csv")
    if source is None:
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    if isinstance(source, Path) and not source.exists():
        raise FoedusError(f"{source}: no such claims file")
    return _read(source, CLAIM_COLUMNS, "a claims file")


def load_testable(scenario) -> pd.DataFrame:
    """The propositions the models test, one row per claim (empty when none ship).

    Examples
    --------
    >>> from foedus.scenarios import load_scenario
    >>> "AC17" in set(load_testable(load_scenario("asian-nato-2024")).claim_id)
    True
    """
    source = _sibling(scenario, ".testable-claims.csv")
    if source is None:
        return pd.DataFrame(columns=TESTABLE_COLUMNS)
    return _read(source, TESTABLE_COLUMNS, "a testable-claims file")
