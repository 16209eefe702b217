"""Errors that reach users as one clear line: what is wrong, where, and how to fix it.

Every error foedus raises on bad input derives from :class:`FoedusError`; the CLI prints
``str(error)`` and exits with status 2 instead of showing a traceback.
"""

from __future__ import annotations


class FoedusError(Exception):
    """Base class for user-facing errors (bad input, unknown names, impossible parameters)."""


class DataError(FoedusError):
    """A data set is missing, unknown, or does not have the expected shape."""


class UnknownCountryError(FoedusError, KeyError):
    """A country code is not known to the crosswalk."""

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return str(self.args[0]) if self.args else "unknown country"


class ScenarioError(FoedusError):
    """A scenario file is malformed or inconsistent.

    Parameters
    ----------
    file : str
        Path of the scenario file (or ``"<string>"``).
    field : str
        Dotted location of the offending field, e.g. ``crises[2].aggressors[0]``.
    message : str
        What is wrong and what is expected instead.
    line : int, optional
        1-based line in the file where the field starts, when known.

    Examples
    --------
    >>> str(ScenarioError("s.yaml", "date", "expected an ISO date such as 2024-12-15", line=3))
    's.yaml:3: date: expected an ISO date such as 2024-12-15'
    """

    def __init__(self, file: str, field: str, message: str, line: int | None = None):
        self.file = file
        self.field = field
        self.message = message
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class ParameterError(FoedusError, ValueError):
    """A model parameter is impossible (e.g. a probability outside [0, 1])."""


class UnconvergedWarning(UserWarning):
    """Some equilibrium solves stopped at their iteration cap before the tolerance; their last
    iterates were used (the message says how many, of how many)."""
