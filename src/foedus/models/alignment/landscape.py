"""Landscape theory of aggregation (Axelrod & Bennett 1993): energy, frustration, minimum.

Conventions (pinned by the Axelrod-Furnas Syria 2016 reference table, matched exactly):

* ``d_ij(X) = 1`` when actors i and j are in different coalitions of configuration X, else 0;
* the frustration of actor i is ``F_i(X) = s_i * sum_j s_j p_ij d_ij(X)`` (its own size counts);
* the energy is ``E(X) = sum_i F_i(X) = sum over ordered pairs i != j of s_i s_j p_ij d_ij(X)``,
  i.e. every unordered pair counted twice (Axelrod & Bennett's footnote 2, r_ij = s_i s_j p_ij);
* lower energy is more stable; positive propensity means affinity, so splitting friends raises
  the energy and splitting enemies lowers it.

With ``W_ij = s_i s_j p_ij`` the energy is ``2 * sum_{i<j} W_ij d_ij``, the objective of
:mod:`foedus.models.solvers`, so the same solvers serve landscape theory and structural balance.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from foedus.errors import ParameterError
from foedus.models.solvers._checks import as_labels, as_sizes, as_weight_matrix, check_k
from foedus.models.solvers.route import solve

__all__ = [
    "AlignmentResult",
    "frustration",
    "landscape_energy",
    "landscape_table",
    "minimise",
    "pair_weights",
]

REFERENCES = """
    .. [1] Axelrod, R. & Bennett, D. S. (1993). A landscape theory of aggregation. British
       Journal of Political Science 23(2), 211-233. doi:10.1017/S000712340000965X
"""


def _prepare(sizes, propensity, actors=None):
    """Checked sizes, propensities, pair weights W = s s^T p and actor names."""
    names = None
    if isinstance(propensity, pd.DataFrame):
        if list(propensity.index) != list(propensity.columns):
            raise ParameterError(
                "propensity DataFrame must have the same actors as index and columns"
            )
        names = list(propensity.index)
        propensity = propensity.to_numpy()
    p = as_weight_matrix(propensity, name="propensity")
    n = p.shape[0]
    if isinstance(sizes, pd.Series):
        if names is not None:
            missing = set(names) - set(sizes.index)
            if missing:
                raise ParameterError(f"sizes has no entry for actors {sorted(map(str, missing))}")
            sizes = sizes.loc[names]
        else:
            names = list(sizes.index)
        sizes = sizes.to_numpy()
    s = as_sizes(sizes, n)
    if actors is not None:
        names = list(actors)
        if len(names) != n:
            raise ParameterError(f"actors has {len(names)} names but there are {n} actors")
    if names is None:
        names = list(range(n))
    return s, p, np.outer(s, s) * p, tuple(names)


def _scalar(value):
    return value.item() if isinstance(value, np.generic) else value


def pair_weights(sizes, propensity) -> np.ndarray:
    """Pair weights ``W_ij = s_i s_j p_ij`` (the solvers' input), checked.

    Examples
    --------
    >>> pair_weights([1, 2], [[0, -1], [-1, 0]]).tolist()
    [[0, -2], [-2, 0]]
    """
    return _prepare(sizes, propensity)[2]


def frustration(config, sizes, propensity) -> np.ndarray:
    """Frustration of every actor, ``F_i = s_i sum_j s_j p_ij d_ij``.

    Parameters
    ----------
    config : array of labels, shape (n,) or (m, n)
        Coalition of each actor (any labels; only equality matters), or one row per
        configuration.
    sizes : array, shape (n,)
        Actor sizes ``s_i >= 0``.
    propensity : array, shape (n, n)
        Symmetric propensities ``p_ij`` with zero diagonal (positive = affinity).

    Returns
    -------
    numpy.ndarray
        Shape (n,) or (m, n).

    References
    ----------
    .. [1] Axelrod, R. & Bennett, D. S. (1993). A landscape theory of aggregation. British
       Journal of Political Science 23(2), 211-233. doi:10.1017/S000712340000965X

    Examples
    --------
    >>> frustration(["a", "a", "b"], [1, 2, 3], [[0, 1, -1], [1, 0, 2], [-1, 2, 0]]).tolist()
    [-3, 12, 9]
    """
    _, _, w, _ = _prepare(sizes, propensity)
    labels = as_labels(config, w.shape[0])
    if labels.ndim == 1:
        return (w * (labels[:, None] != labels[None, :])).sum(axis=1)
    apart = labels[:, :, None] != labels[:, None, :]
    return np.einsum("mij,ij->mi", apart, w)


def landscape_energy(config, sizes, propensity):
    """Energy ``E(X) = sum_{i != j} s_i s_j p_ij d_ij(X)`` of one or many configurations.

    Parameters
    ----------
    config : array of labels, shape (n,) or (m, n)
        Coalition of each actor, or one row per configuration.
    sizes : array, shape (n,)
        Actor sizes ``s_i >= 0``.
    propensity : array, shape (n, n)
        Symmetric propensities with zero diagonal (positive = affinity).

    Returns
    -------
    float or numpy.ndarray
        Lower is more stable. Integer inputs give exact integer energies.

    References
    ----------
    .. [1] Axelrod, R. & Bennett, D. S. (1993). A landscape theory of aggregation. British
       Journal of Political Science 23(2), 211-233. doi:10.1017/S000712340000965X

    Examples
    --------
    >>> landscape_energy(["a", "a", "b"], [1, 2, 3], [[0, 1, -1], [1, 0, 2], [-1, 2, 0]])
    18
    """
    out = frustration(config, sizes, propensity).sum(axis=-1)
    return out.item() if out.ndim == 0 else out


@dataclass(frozen=True, eq=False)
class AlignmentResult:
    """Minimum-energy alignment and how it was obtained.

    Attributes
    ----------
    actors : tuple
        Actor names in input order.
    labels : numpy.ndarray
        Coalition (0, 1, ...) of each actor; the first actor is in coalition 0.
    energy : float
        Landscape energy of the alignment.
    method : str
        Solver used: ``"enumerate"``, ``"milp"`` or ``"anneal"``.
    proven_optimal : bool
        Whether ``energy`` is certified to be the global minimum.
    bound : float or None
        Proven lower bound on the minimum energy.
    gap : float or None
        ``(energy - bound) / |energy|``.
    frustrations : numpy.ndarray
        Frustration of each actor in this alignment.
    sizes : numpy.ndarray
        Actor sizes.
    k : int
        Largest number of coalitions allowed.
    runtime : float
        Wall-clock seconds.
    details : dict
        Solver details (kernel, configurations, MILP status, blocks).
    """

    actors: tuple
    labels: np.ndarray
    energy: float
    method: str
    proven_optimal: bool
    bound: float | None
    gap: float | None
    frustrations: np.ndarray
    sizes: np.ndarray
    k: int
    runtime: float
    details: dict = field(default_factory=dict)

    @property
    def partition(self) -> tuple[tuple, ...]:
        """Coalitions as tuples of actor names, in label order."""
        return tuple(
            tuple(a for a, lab in zip(self.actors, self.labels) if lab == g)
            for g in range(int(self.labels.max()) + 1)
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per actor: ``actor, coalition, size, frustration``."""
        return pd.DataFrame(
            {
                "actor": list(self.actors),
                "coalition": self.labels,
                "size": self.sizes,
                "frustration": self.frustrations,
            }
        )


def minimise(
    sizes,
    propensity,
    *,
    k: int = 2,
    method: str = "auto",
    rng: np.random.Generator | int | None = None,
    time_limit: float = 60.0,
    actors=None,
    restarts: int = 128,
    sweeps: int = 250,
) -> AlignmentResult:
    """Alignment of minimum landscape energy over partitions into at most ``k`` coalitions.

    Parameters
    ----------
    sizes : array or pandas.Series, shape (n,)
        Actor sizes ``s_i >= 0`` (a Series supplies actor names).
    propensity : array or pandas.DataFrame, shape (n, n)
        Symmetric propensities ``p_ij``, zero diagonal, positive = affinity (a DataFrame
        supplies actor names).
    k : int, default 2
        Largest number of coalitions (empty coalitions allowed).
    method : {"auto", "enumerate", "milp", "anneal"}, default "auto"
        ``"enumerate"``: every configuration (proven; n up to about 36 for k = 2);
        ``"milp"``: HiGHS mixed-integer programme (proven optimum, or a gap at
        ``time_limit``); ``"anneal"``: simulated annealing with restarts (best found, not
        proven); ``"auto"``: enumeration for small or dense instances, otherwise MILP.
    rng : numpy.random.Generator or int, optional
        Randomness for annealing (also the MILP's starting incumbent).
    time_limit : float, default 60
        Seconds for the MILP.
    actors : sequence, optional
        Actor names (override names from pandas inputs).
    restarts, sweeps : int
        Annealing effort.

    Returns
    -------
    AlignmentResult

    References
    ----------
    .. [1] Axelrod, R. & Bennett, D. S. (1993). A landscape theory of aggregation. British
       Journal of Political Science 23(2), 211-233. doi:10.1017/S000712340000965X
    .. [2] Aref, S., Mason, A. J. & Wilson, M. C. (2020). A modeling and computational study
       of the frustration index in signed networks. Networks 75(1), 95-110.
       doi:10.1002/net.21907

    Examples
    --------
    >>> p = [[0, 2, -1], [2, 0, -2], [-1, -2, 0]]
    >>> res = minimise([1, 1, 2], p, actors=["A", "B", "C"])
    >>> res.partition, res.energy, res.proven_optimal
    ((('A', 'B'), ('C',)), -12, True)
    """
    s, _, w, names = _prepare(sizes, propensity, actors)
    k = check_k(k, w.shape[0])
    res = solve(
        w, k=k, method=method, rng=rng, time_limit=time_limit, restarts=restarts, sweeps=sweeps
    )
    apart = res.labels[:, None] != res.labels[None, :]
    return AlignmentResult(
        actors=names,
        labels=res.labels,
        energy=_scalar(2 * res.value),
        method=res.method,
        proven_optimal=res.proven_optimal,
        bound=None if res.bound is None else _scalar(2 * res.bound),
        gap=res.gap,
        frustrations=(w * apart).sum(axis=1),
        sizes=s,
        k=k,
        runtime=res.runtime,
        details=dict(res.details),
    )


def landscape_table(sizes, propensity, *, actors=None, max_actors: int = 20) -> pd.DataFrame:
    """Every two-bloc configuration with its energy, frustrations and local-minimum flag.

    The first actor is fixed to coalition 0, so each partition appears once (``2^(n-1)``
    rows, in binary order of the other actors). A configuration is a local minimum when no
    single actor's switch lowers the energy.

    Examples
    --------
    >>> t = landscape_table([1, 1, 2], [[0, 2, -1], [2, 0, -2], [-1, -2, 0]], actors="ABC")
    >>> t[["side_A", "side_B", "side_C", "energy", "local_min"]].to_numpy().tolist()
    [[0, 0, 0, 0, False], [0, 1, 0, -4, False], [0, 0, 1, -12, True], [0, 1, 1, 0, False]]
    """
    _s, _, w, names = _prepare(sizes, propensity, actors)
    n = w.shape[0]
    if n > max_actors:
        raise ParameterError(f"a table of 2^{n - 1} rows is too large; use n <= {max_actors}")
    codes = np.arange(2 ** (n - 1), dtype=np.int64)
    labels = np.zeros((codes.size, n), dtype=np.int64)
    labels[:, 1:] = (codes[:, None] >> np.arange(n - 1)) & 1
    signs = 1 - 2 * labels
    fields = signs @ w.T  # h_i = sum_j W_ij sigma_j
    frus = (
        (w.sum(axis=1) - signs * fields) // 2
        if np.issubdtype(w.dtype, np.integer)
        else ((w.sum(axis=1) - signs * fields) / 2)
    )
    energy = frus.sum(axis=1)
    local_min = np.all(signs * fields >= 0, axis=1)  # switching i changes E by 2 sigma_i h_i
    table = pd.DataFrame({f"side_{a}": labels[:, i] for i, a in enumerate(names)})
    table["energy"] = energy
    for i, a in enumerate(names):
        table[f"frustration_{a}"] = frus[:, i]
    table["local_min"] = local_min
    return table
