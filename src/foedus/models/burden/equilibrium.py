"""Who pays? Nash equilibrium of alliance defence spending, its Pareto benchmark and indices.

Public functions: :func:`alliance_equilibrium`, :func:`identical_members_spending`,
:func:`public_good_equilibrium`, :func:`spill_in_matrix`. The model and its sources are in
``docs/models/burden.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from foedus.errors import ParameterError
from foedus.models.burden import solvers
from foedus.models.burden.params import (
    BurdenParams,
    check_incomes,
    check_members,
    check_spill_in,
)

__all__ = [
    "BurdenEquilibrium",
    "alliance_equilibrium",
    "identical_members_spending",
    "public_good_equilibrium",
    "spill_in_matrix",
]

_METHODS = ("auto", "principal-pivoting", "best-response")


def _frozen(arr) -> np.ndarray:
    out = np.array(arr, dtype=float)
    out.setflags(write=False)
    return out


@dataclass(frozen=True)
class BurdenEquilibrium:
    """Nash equilibrium of an alliance's defence spending, with its Pareto benchmark.

    Attributes are in the units of the incomes given (e.g. current US$). Arrays are read-only
    and ordered as :attr:`members`.

    Attributes
    ----------
    members : tuple of str
        Member labels (ISO3 codes in foedus).
    incomes : ndarray
        Income (GDP) of each member.
    spill_in : ndarray
        ``s_ij``: share of member ``j``'s spending that protects member ``i`` (diagonal 1).
    params : BurdenParams
        Preference parameters.
    floors : ndarray
        Spending floor of each member as a share of its income (0 = none).
    spending : ndarray
        Equilibrium defence spending ``q_i``.
    pareto_spending : ndarray
        Spending at the Pareto benchmark (income-weighted optimum; Lindahl point with full
        spill-ins, where every member spends ``a I_i``).
    converged : bool
        Whether the solver met its tolerance (``residual`` below it).
    iterations : int
        Sweeps (best-response) or pivots (principal pivoting) used.
    residual : float
        Largest gap between a member's spending and its best response, as a share of total
        income.
    method : str
        Solver that produced :attr:`spending`.
    """

    members: tuple[str, ...]
    incomes: np.ndarray
    spill_in: np.ndarray
    params: BurdenParams
    floors: np.ndarray
    spending: np.ndarray
    pareto_spending: np.ndarray
    converged: bool
    iterations: int
    residual: float
    method: str
    pareto_converged: bool = field(default=True)

    # --- member-level measures -------------------------------------------------------------
    @property
    def burden(self) -> np.ndarray:
        """Defence burden ``q_i / I_i`` (military expenditure as a share of GDP)."""
        return self.spending / self.incomes

    @property
    def stand_alone_spending(self) -> np.ndarray:
        """What each member would spend with no allies: ``a I_i``."""
        return self.params.security_weight * self.incomes

    @property
    def spending_share(self) -> np.ndarray:
        """Share of the alliance's total defence spending paid by each member."""
        total = self.spending.sum()
        return self.spending / total if total > 0 else np.zeros_like(self.spending)

    @property
    def income_share(self) -> np.ndarray:
        """Share of the alliance's total income (GDP) of each member."""
        return self.incomes / self.incomes.sum()

    @property
    def excess_burden(self) -> np.ndarray:
        """Spending share minus income share: > 0 pays more than its economic weight."""
        return self.spending_share - self.income_share

    @property
    def free_riding(self) -> np.ndarray:
        """``1 - q_i / q_i^P``: share of its Pareto-benchmark spending a member withholds.

        Negative values mean the member spends more than at the benchmark ("exploited").
        """
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(self.pareto_spending > 0, 1 - self.spending / self.pareto_spending, 0.0)

    @property
    def security(self) -> np.ndarray:
        """Security each member enjoys, ``Q_i = sum_j s_ij q_j``."""
        return self.spill_in @ self.spending

    # --- alliance-level indices ------------------------------------------------------------
    @property
    def free_riding_index(self) -> float:
        """Share of the benchmark's total spending withheld by members spending below it.

        ``sum_i max(0, q_i^P - q_i) / sum_i q_i^P``; 0 = no free riding.
        """
        shortfall = np.maximum(self.pareto_spending - self.spending, 0.0).sum()
        return float(shortfall / self.pareto_spending.sum())

    @property
    def spending_gap(self) -> float:
        """``1 - sum q / sum q^P``: how far total spending falls short of the benchmark."""
        return float(1 - self.spending.sum() / self.pareto_spending.sum())

    @property
    def largest_member(self) -> str:
        """Label of the member with the largest income."""
        return self.members[int(np.argmax(self.incomes))]

    @property
    def largest_member_excess_burden(self) -> float:
        """Excess burden (spending share minus income share) of the largest member."""
        return float(self.excess_burden[int(np.argmax(self.incomes))])

    @property
    def unique(self) -> bool | None:
        """Whether this Nash equilibrium is known to be the only one.

        With a pure public good (``private_share = 0``) the first-order conditions are the
        linear complementarity problem ``q_i + (1 - a) sum_{j != i} s_ij q_j >= a I_i`` (with
        the floors), of matrix ``M = a 1 + (1 - a) S``. When the symmetric part of ``M`` is
        positive definite, ``M`` is a P-matrix and the solution is unique for every income
        vector (Cottle, Pang & Stone 1992, section 3.3); otherwise several equilibria can exist
        and the solver's is one of them (its selection may depend on the order of the
        members). ``True``/``False`` for ``private_share = 0``; ``None`` (not established)
        for a joint product.

        Examples
        --------
        >>> alliance_equilibrium([3.0, 2.0], params=BurdenParams(security_weight=0.5)).unique
        True
        """
        if self.params.private_share != 0:
            return None
        a = self.params.security_weight
        m = a * np.eye(len(self.members)) + (1.0 - a) * self.spill_in
        return bool(np.linalg.eigvalsh(0.5 * (m + m.T)).min() > 0.0)

    def share_of_total(self, member: str) -> float:
        """Share of the alliance's total spending paid by ``member`` (e.g. ``"USA"``)."""
        if member not in self.members:
            raise ParameterError(f"{member!r} is not a member; members are {list(self.members)}")
        return float(self.spending_share[self.members.index(member)])

    def summary(self) -> dict:
        """Alliance-level indices and solver diagnostics as a flat dict."""
        return {
            "n_members": len(self.members),
            "total_spending": float(self.spending.sum()),
            "total_pareto_spending": float(self.pareto_spending.sum()),
            "spending_gap": self.spending_gap,
            "free_riding_index": self.free_riding_index,
            "largest_member": self.largest_member,
            "largest_member_spending_share": self.share_of_total(self.largest_member),
            "largest_member_excess_burden": self.largest_member_excess_burden,
            "n_non_contributors": int(np.sum(self.spending <= 1e-12 * self.incomes.sum())),
            "security_weight": self.params.security_weight,
            "private_share": self.params.private_share,
            "converged": self.converged,
            "iterations": self.iterations,
            "residual": self.residual,
            "method": self.method,
            "unique": self.unique,
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per member: income, spending, burden, shares, benchmark and free riding."""
        return pd.DataFrame(
            {
                "member": list(self.members),
                "income": self.incomes,
                "spending": self.spending,
                "burden": self.burden,
                "spending_share": self.spending_share,
                "income_share": self.income_share,
                "excess_burden": self.excess_burden,
                "stand_alone_spending": self.stand_alone_spending,
                "pareto_spending": self.pareto_spending,
                "pareto_burden": self.pareto_spending / self.incomes,
                "free_riding": self.free_riding,
                "floor_share": self.floors,
                "security": self.security,
            }
        )


def alliance_equilibrium(
    incomes,
    spill_in=None,
    *,
    members=None,
    params: BurdenParams | None = None,
    floors=0.0,
    method: str = "auto",
    tol: float = 1e-12,
    max_iter: int = 10_000,
) -> BurdenEquilibrium:
    """Nash equilibrium of defence spending in an alliance, with its Pareto benchmark.

    Each member ``i`` chooses ``q_i`` in ``[f_i I_i, I_i)`` to maximise
    ``(1 - a) ln(I_i - q_i) + a [t ln q_i + (1 - t) ln Q_i]`` with ``Q_i = sum_j s_ij q_j``,
    taking the others' spending as given (Olson and Zeckhauser 1966; joint products after
    Sandler 1977). Best responses have a closed form (root of a quadratic); the equilibrium is
    found by principal pivoting (exact, ``t = 0``) or projected Gauss-Seidel best-response
    iteration, and the convergence is reported on the result.

    Parameters
    ----------
    incomes : array_like of float, shape (n,)
        Income (GDP) of each member, positive, any currency unit.
    spill_in : array_like, shape (n, n), optional
        ``s_ij`` in [0, 1]: how much of member ``j``'s spending protects member ``i``; the
        diagonal must be 1. ``None`` means a pure alliance (all ones). Build it from distance
        and a design's scope with :func:`spill_in_matrix`.
    members : sequence of str, optional
        Labels (ISO3 codes), default ``M1``..``Mn``.
    params : BurdenParams, optional
        Preferences; default ``BurdenParams()``.
    floors : float or array_like, default 0.0
        Minimum spending as a share of income for each member (e.g. 0.02). Usually set through
        :func:`spending_floor_effect` instead.
    method : {"auto", "principal-pivoting", "best-response"}
        ``auto`` uses principal pivoting when ``private_share == 0`` and best-response
        iteration otherwise (damped if the first attempt does not converge).
    tol : float
        Convergence tolerance on spending, relative to total income.
    max_iter : int
        Maximum sweeps or pivots.

    Returns
    -------
    BurdenEquilibrium

    Raises
    ------
    foedus.errors.ParameterError
        On non-positive incomes, a malformed spill-in matrix or floors outside [0, 1).

    Examples
    --------
    Two members, the first richer, defence a pure public good:

    >>> eq = alliance_equilibrium([3.0, 2.0], members=["USA", "JPN"],
    ...                           params=BurdenParams(security_weight=0.5))
    >>> eq.converged
    True
    >>> [round(float(b), 4) for b in eq.burden]   # the larger spends a larger share of income
    [0.4444, 0.1667]
    >>> round(eq.share_of_total("USA"), 3)
    0.8

    With no spill-in each member behaves as if alone and spends ``a I``:

    >>> alone = alliance_equilibrium([3.0, 1.0], [[1, 0], [0, 1]],
    ...                              params=BurdenParams(security_weight=0.1))
    >>> [round(float(q), 6) for q in alone.spending]
    [0.3, 0.1]

    References
    ----------
    Olson, M. and Zeckhauser, R. (1966). An economic theory of alliances. *Review of Economics
    and Statistics* 48(3): 266-279. DOI 10.2307/1927082.

    Sandler, T. (1977). Impurity of defense: an application to the economics of alliances.
    *Kyklos* 30(3): 443-460. DOI 10.1111/j.1467-6435.1977.tb02203.x.

    Bergstrom, T., Blume, L. and Varian, H. (1986). On the private provision of public goods.
    *Journal of Public Economics* 29(1): 25-49. DOI 10.1016/0047-2727(86)90024-1.

    Murty, K. G. (1974). Note on a Bard-type scheme for solving the complementarity problem.
    *Opsearch* 11: 123-130.
    """
    income = check_incomes(incomes)
    n = income.size
    labels = check_members(members, n)
    spill = check_spill_in(spill_in, n)
    params = BurdenParams() if params is None else params
    if not isinstance(params, BurdenParams):
        raise ParameterError("params must be a BurdenParams instance")
    floor_share = np.broadcast_to(np.asarray(floors, dtype=float), (n,)).copy()
    if not np.all(np.isfinite(floor_share)) or np.any(floor_share < 0) or np.any(floor_share >= 1):
        raise ParameterError("floors must lie in [0, 1) as shares of income (0.02 = 2% of GDP)")
    if method not in _METHODS:
        raise ParameterError(f"method must be one of {_METHODS}, got {method!r}")

    scale = income.sum()
    unit_income = income / scale
    alpha, theta = params.security_weight, params.private_share
    report = solvers.solve_nash(
        unit_income,
        spill,
        alpha,
        theta,
        floor_share * unit_income,
        method=method,
        tol=tol,
        max_iter=max_iter,
    )
    pareto, pareto_ok = solvers.pareto_spending(unit_income, spill, alpha, theta)
    return BurdenEquilibrium(
        members=labels,
        incomes=_frozen(income),
        spill_in=_frozen(spill),
        params=params,
        floors=_frozen(floor_share),
        spending=_frozen(report.spending * scale),
        pareto_spending=_frozen(pareto * scale),
        converged=report.converged,
        iterations=report.iterations,
        residual=report.residual,
        method=report.method,
        pareto_converged=pareto_ok,
    )


def identical_members_spending(
    n_members: int, income: float, *, spill: float = 1.0, params: BurdenParams | None = None
) -> float:
    """Closed-form symmetric equilibrium spending of ``n`` identical members.

    With every off-diagonal spill-in equal to ``s``, each member spends

        q = a I (1 + t (n - 1) s) / (1 + (n - 1) s (1 - a + a t)).

    For ``t = 0, s = 1`` this is ``a I / (1 + (n - 1)(1 - a))``, the symmetric Nash
    equilibrium of the Olson-Zeckhauser model; for ``n = 1`` or ``s = 0`` it is ``a I``.

    Examples
    --------
    >>> round(identical_members_spending(4, 100.0, params=BurdenParams(security_weight=0.1)), 6)
    2.702703

    References
    ----------
    Olson, M. and Zeckhauser, R. (1966). An economic theory of alliances. *Review of Economics
    and Statistics* 48(3): 266-279. DOI 10.2307/1927082.
    """
    if int(n_members) != n_members or n_members < 1:
        raise ParameterError(f"n_members must be a positive integer, got {n_members}")
    if not (np.isfinite(income) and income > 0):
        raise ParameterError(f"income must be positive, got {income}")
    if not 0.0 <= spill <= 1.0:
        raise ParameterError(f"spill must be in [0, 1], got {spill}")
    p = BurdenParams() if params is None else params
    a, t, k = p.security_weight, p.private_share, (n_members - 1) * spill
    return float(a * income * (1 + t * k) / (1 + k * (1 - a + a * t)))


def public_good_equilibrium(incomes, *, params: BurdenParams | None = None) -> np.ndarray:
    """Closed-form Nash spending with full spill-ins and a pure public good (``t = 0``).

    The richest members contribute; with ``C`` the set of contributors,
    ``Q = sum_{i in C} I_i / (1 + |C| (1 - a) / a)`` and ``q_i = I_i - (1 - a) Q / a`` for
    ``i`` in ``C`` (Bergstrom, Blume and Varian 1986, for Cobb-Douglas utility). The burden
    ``q_i / I_i = 1 - (1 - a) Q / (a I_i)`` rises with income: Olson and Zeckhauser's
    "exploitation of the great by the small".

    Examples
    --------
    >>> [round(float(q), 4) for q in public_good_equilibrium(
    ...     [3.0, 2.0, 0.5], params=BurdenParams(security_weight=0.5))]
    [1.3333, 0.3333, 0.0]

    References
    ----------
    Bergstrom, T., Blume, L. and Varian, H. (1986). On the private provision of public goods.
    *Journal of Public Economics* 29(1): 25-49. DOI 10.1016/0047-2727(86)90024-1.
    """
    p = BurdenParams() if params is None else params
    if p.private_share != 0.0:
        raise ParameterError("the closed form holds only for private_share = 0 (pure public good)")
    return solvers.public_good_closed_form(check_incomes(incomes), p.security_weight)


def spill_in_matrix(distance_km, *, decay_km: float, covered=None) -> np.ndarray:
    """Spill-in weights from distance and a design's scope.

    ``s_ij = covered_ij * exp(-d_ij / decay_km)`` for ``i != j`` and ``s_ii = 1``: the farther
    ally ``j``'s forces are from member ``i``, the less they protect it, and they protect it
    not at all where the design's obligations do not cover ``i`` (``covered_ij = 0``; rows are
    the protected member, columns the spender).

    Parameters
    ----------
    distance_km : array_like, shape (n, n)
        Distance between members (capital to capital, or minimum distance), km; the diagonal is
        ignored.
    decay_km : float
        Distance over which protection falls by a factor ``e``. No published estimate was
        found; it is a modelling assumption to vary in sensitivity analysis.
    covered : array_like of bool or float in [0, 1], shape (n, n), optional
        Whether (or how fully) the design obliges ``j`` to defend ``i``; default all ones.

    Examples
    --------
    >>> spill_in_matrix([[0, 1000], [1000, 0]], decay_km=1000).round(3).tolist()
    [[1.0, 0.368], [0.368, 1.0]]
    >>> spill_in_matrix([[0, 1000], [1000, 0]], decay_km=1000, covered=[[1, 0], [1, 1]]).round(3).tolist()
    [[1.0, 0.0], [0.368, 1.0]]
    """
    d = np.asarray(distance_km, dtype=float)
    if d.ndim != 2 or d.shape[0] != d.shape[1]:
        raise ParameterError(f"distance_km must be a square matrix, got shape {d.shape}")
    if not np.isfinite(decay_km) or decay_km <= 0:
        raise ParameterError(f"decay_km must be positive, got {decay_km}")
    off = ~np.eye(d.shape[0], dtype=bool)
    if np.any(~np.isfinite(d[off])) or np.any(d[off] < 0):
        raise ParameterError("distance_km must be finite and non-negative off the diagonal")
    s = np.exp(-np.where(off, d, 0.0) / decay_km)
    if covered is not None:
        c = np.asarray(covered, dtype=float)
        if c.shape != d.shape or np.any(c < 0) or np.any(c > 1):
            raise ParameterError("covered must have the shape of distance_km with values in [0, 1]")
        s = s * np.where(off, c, 1.0)
    np.fill_diagonal(s, 1.0)
    return s
