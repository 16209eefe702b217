"""foedus: a lab for modelling alliance systems.

Layers (data flows down only): ``data`` -> ``world`` (states, relations, agreements at a date)
<- ``scenarios`` (designs, crises, parameters with sources) -> ``interests`` -> ``models``
(one package per model family) -> ``analysis`` -> ``interfaces`` (CLI, report, dashboard).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("foedus")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"


def cite(dataset: str | None = None) -> str:
    """Return what to cite: foedus itself and every shipped data set (or one of them).

    Examples
    --------
    >>> import foedus
    >>> "foedus" in foedus.cite()
    True
    """
    from foedus.data.registry import citation_text

    return citation_text(dataset)


__all__ = ["__version__", "cite"]
