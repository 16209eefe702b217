"""Landscape theory of aggregation (Axelrod & Bennett 1993): which alignments are stable.

Pure functions over NumPy arrays or pandas objects:

* :func:`landscape_energy`, :func:`frustration` -- energy and per-actor frustration;
* :func:`minimise` -- the minimum-energy alignment (enumeration, MILP or annealing);
* :func:`local_minima` -- every stable alignment with its basin of attraction;
* :func:`landscape_table` -- every two-bloc configuration (small n).

See ``docs/models/alignment.md`` for equations, conventions and validation.
"""

from foedus.models.alignment.landscape import (
    AlignmentResult,
    frustration,
    landscape_energy,
    landscape_table,
    minimise,
    pair_weights,
)
from foedus.models.alignment.minima import LocalMinimaResult, local_minima

__all__ = [
    "AlignmentResult",
    "LocalMinimaResult",
    "frustration",
    "landscape_energy",
    "landscape_table",
    "local_minima",
    "minimise",
    "pair_weights",
]
