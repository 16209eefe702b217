"""All stable alignments of a landscape and their basins of attraction.

Axelrod & Bennett (1993) predict that a system settles in a *local minimum* of the energy
landscape: a configuration from which no single actor can lower the energy by switching
coalition. Which minimum is reached depends on where the system starts; the *basin of
attraction* of a minimum is the set of configurations from which the one-actor-at-a-time
dynamics reaches it. We use the steepest-descent rule: at each step the actor (and destination
coalition) whose switch lowers the energy most moves; ties go to the lowest actor index, then
the lowest coalition label. Because the energy change of a switch is twice the change of the
mover's frustration, this is also the actor with the largest drop in its own frustration.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from foedus.models.alignment.landscape import _prepare, _scalar
from foedus.models.solvers._checks import check_k
from foedus.models.solvers.census import local_minima_census

__all__ = ["LocalMinimaResult", "local_minima"]


@dataclass(frozen=True, eq=False)
class LocalMinimaResult:
    """Every local minimum of a landscape, with energy and basin size.

    Attributes
    ----------
    actors : tuple
        Actor names.
    labels : tuple of numpy.ndarray
        Coalition labels of each minimum (first actor in coalition 0), lowest energy first.
    energies : numpy.ndarray
        Energy of each minimum.
    basin_sizes : numpy.ndarray
        Number of configurations whose steepest descent ends in each minimum.
    n_configurations : int
        Configurations in the census: ``2^(n-1)`` for k = 2 (each partition once),
        ``k^n`` labelled configurations for k >= 3.
    k : int
        Largest number of coalitions.
    kernel : str
        Census implementation used.
    runtime : float
        Wall-clock seconds.
    """

    actors: tuple
    labels: tuple
    energies: np.ndarray
    basin_sizes: np.ndarray
    n_configurations: int
    k: int
    kernel: str
    runtime: float

    @property
    def partitions(self) -> tuple:
        """Each minimum as a tuple of coalitions (tuples of actor names)."""
        return tuple(
            tuple(
                tuple(a for a, lab in zip(self.actors, labels) if lab == g)
                for g in range(int(labels.max()) + 1)
            )
            for labels in self.labels
        )

    @property
    def global_minimum(self) -> float:
        """Lowest energy in the landscape."""
        return _scalar(self.energies.min())

    def to_frame(self) -> pd.DataFrame:
        """One row per minimum: rank, energy, basin size and share, partition, actor columns."""
        frame = pd.DataFrame(
            {
                "rank": np.arange(1, len(self.labels) + 1),
                "energy": self.energies,
                "basin_size": self.basin_sizes,
                "basin_share": self.basin_sizes / self.n_configurations,
                "is_global": self.energies == self.energies.min(),
                "partition": [
                    " | ".join(", ".join(map(str, c)) for c in part) for part in self.partitions
                ],
            }
        )
        for i, actor in enumerate(self.actors):
            frame[f"coalition_{actor}"] = [int(lab[i]) for lab in self.labels]
        return frame


def local_minima(sizes, propensity, *, k: int = 2, actors=None) -> LocalMinimaResult:
    """Census of all local minima of the landscape energy with their basins of attraction.

    Parameters
    ----------
    sizes : array or pandas.Series, shape (n,)
        Actor sizes ``s_i >= 0``.
    propensity : array or pandas.DataFrame, shape (n, n)
        Symmetric propensities, zero diagonal, positive = affinity.
    k : int, default 2
        Largest number of coalitions. k = 2 handles n up to 30 (compiled census);
        k >= 3 handles ``k^n`` up to about four million.
    actors : sequence, optional
        Actor names.

    Returns
    -------
    LocalMinimaResult

    References
    ----------
    .. [1] Axelrod, R. & Bennett, D. S. (1993). A landscape theory of aggregation. British
       Journal of Political Science 23(2), 211-233. doi:10.1017/S000712340000965X

    Examples
    --------
    >>> p = [[0, 1, -1, -1], [1, 0, -1, -1], [-1, -1, 0, 1], [-1, -1, 1, 0]]
    >>> res = local_minima([1, 1, 1, 1], p, actors="ABCD")
    >>> res.partitions, res.energies.tolist(), res.basin_sizes.tolist()
    (((('A', 'B'), ('C', 'D')),), [-8], [8])
    """
    _, _, w, names = _prepare(sizes, propensity, actors)
    k = check_k(k, w.shape[0])
    census = local_minima_census(w, k=k)
    return LocalMinimaResult(
        actors=names,
        labels=census.labels,
        energies=2 * census.values,
        basin_sizes=census.basin_sizes,
        n_configurations=census.n_configurations,
        k=k,
        kernel=census.kernel,
        runtime=census.runtime,
    )
