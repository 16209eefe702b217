"""Numerical kernels: best responses, the Nash equilibrium and the Pareto (Lindahl) benchmark.

All functions work on incomes normalised to sum to one (the model is homogeneous of degree one in
incomes, so spending scales with them); :mod:`foedus.models.burden.equilibrium` does the scaling.
Private helpers only: the public API is in :mod:`foedus.models.burden`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__: list[str] = []


@dataclass(frozen=True)
class SolverReport:
    spending: np.ndarray
    converged: bool
    iterations: int
    residual: float
    method: str


def best_response(incomes, spill_in, q, alpha, theta, i) -> float:
    """Member ``i``'s utility-maximising spending given the others' spending ``q``.

    Positive root of ``q^2 + [S (1 - a + a t) - a I] q - a t I S = 0`` where ``S`` is the
    spill-in received (derivation in docs/models/burden.md); for ``t = 0`` this is
    ``max(0, a I - (1 - a) S)``.
    """
    spill = float(spill_in[i] @ q - spill_in[i, i] * q[i])
    income = incomes[i]
    b = spill * (1.0 - alpha + alpha * theta) - alpha * income
    disc = b * b + 4.0 * alpha * theta * income * spill
    if b < 0:
        return (-b + np.sqrt(disc)) / 2.0
    # numerically stable form of the positive root when b >= 0
    return 0.0 if disc == 0 else 2.0 * alpha * theta * income * spill / (b + np.sqrt(disc))


def best_responses(incomes, spill_in, q, alpha, theta) -> np.ndarray:
    """Vector of every member's best response to ``q`` (others' spending held fixed)."""
    return np.array([best_response(incomes, spill_in, q, alpha, theta, i) for i in range(q.size)])


def nash_residual(incomes, spill_in, q, alpha, theta, floors) -> float:
    """Largest gap between a member's spending and its (floored) best response."""
    target = np.maximum(floors, best_responses(incomes, spill_in, q, alpha, theta))
    return float(np.max(np.abs(target - q)))


def gauss_seidel(incomes, spill_in, alpha, theta, floors, *, tol, max_iter, damping=1.0):
    """Projected best-response (Gauss-Seidel) iteration from the stand-alone point ``a I``."""
    q = np.maximum(floors, alpha * incomes).astype(float)
    previous = np.inf
    for sweep in range(1, max_iter + 1):
        biggest = 0.0
        for i in range(q.size):
            new = max(floors[i], best_response(incomes, spill_in, q, alpha, theta, i))
            new = q[i] + damping * (new - q[i])
            biggest = max(biggest, abs(new - q[i]))
            q[i] = new
        # a-posteriori error bound of a contraction: step * rate / (1 - rate)
        rate = min(biggest / previous, 0.999999) if previous > 0 else 0.0
        previous = biggest
        if biggest <= tol and biggest * rate / (1.0 - rate) <= tol:
            res = nash_residual(incomes, spill_in, q, alpha, theta, floors)
            return SolverReport(q, res <= 10 * tol, sweep, res, "best-response")
    res = nash_residual(incomes, spill_in, q, alpha, theta, floors)
    return SolverReport(q, False, max_iter, res, "best-response")


def principal_pivoting(incomes, spill_in, alpha, floors, *, tol, max_iter):
    """Exact Nash equilibrium of the pure public-good model (``t = 0``) as an LCP.

    With ``q = floors + x`` the equilibrium conditions are ``x >= 0``, ``w = M x + r >= 0``,
    ``x'w = 0`` with ``M = I + (1 - a)(S - diag S)`` and ``r = M floors - a I``. Solved by
    Murty's least-index principal pivoting method (Murty 1974), finite for P-matrices.
    """
    n = incomes.size
    m = np.eye(n) + (1.0 - alpha) * (spill_in - np.diag(np.diag(spill_in)))
    r = m @ floors - alpha * incomes
    basis = np.zeros(n, dtype=bool)
    x = np.zeros(n)
    # finite for P-matrices (typically < 2n pivots); otherwise it may cycle, so give up early
    max_iter = min(max_iter, 20 * n + 10)
    for it in range(1, max_iter + 1):
        x = np.zeros(n)
        if basis.any():
            try:
                x[basis] = np.linalg.solve(m[np.ix_(basis, basis)], -r[basis])
            except np.linalg.LinAlgError:
                break
        w = m @ x + r
        bad = np.flatnonzero((basis & (x < -tol)) | (~basis & (w < -tol)))
        if bad.size == 0:
            q = floors + np.maximum(x, 0.0)
            res = nash_residual(incomes, spill_in, q, alpha, 0.0, floors)
            return SolverReport(q, res <= 1e3 * tol, it, res, "principal-pivoting")
        basis[bad[0]] = ~basis[bad[0]]
    q = floors + np.maximum(x, 0.0)
    res = nash_residual(incomes, spill_in, q, alpha, 0.0, floors)
    return SolverReport(q, False, max_iter, res, "principal-pivoting")


def solve_nash(incomes, spill_in, alpha, theta, floors, *, method, tol, max_iter) -> SolverReport:
    """Nash equilibrium with the method asked for; ``auto`` falls back until one converges."""
    if method == "principal-pivoting":
        return principal_pivoting(incomes, spill_in, alpha, floors, tol=tol, max_iter=max_iter)
    if method == "best-response":
        return gauss_seidel(incomes, spill_in, alpha, theta, floors, tol=tol, max_iter=max_iter)
    # auto
    if theta == 0.0:
        report = principal_pivoting(incomes, spill_in, alpha, floors, tol=tol, max_iter=max_iter)
        if report.converged:
            return report
    report = gauss_seidel(incomes, spill_in, alpha, theta, floors, tol=tol, max_iter=max_iter)
    if report.converged:
        if theta == 0.0:  # say that pivoting was tried first (it cycles on non-P matrices)
            return SolverReport(
                report.spending,
                True,
                report.iterations,
                report.residual,
                "best-response (principal pivoting did not converge)",
            )
        return report
    damped = gauss_seidel(
        incomes, spill_in, alpha, theta, floors, tol=tol, max_iter=max_iter, damping=0.5
    )
    return SolverReport(
        damped.spending,
        damped.converged,
        report.iterations + damped.iterations,
        damped.residual,
        "best-response (damped 0.5)",
    )


def pareto_spending(incomes, spill_in, alpha, theta) -> tuple[np.ndarray, bool]:
    """Income-weighted utilitarian optimum without transfers (Lindahl point when ``S = 1``).

    Maximises ``sum_i I_i U_i`` over spending, each member paying its own. With full spill-ins
    the solution is ``q_i = a I_i`` (the Lindahl equilibrium); that closed form is used then.
    """
    if np.all(spill_in == 1.0):
        return alpha * incomes, True
    weights = incomes

    def objective(q):
        security = spill_in @ q
        value = weights @ (
            (1 - alpha) * np.log(incomes - q) + alpha * (1 - theta) * np.log(security)
        )
        grad = -weights * (1 - alpha) / (incomes - q) + alpha * (1 - theta) * (
            spill_in.T @ (weights / security)
        )
        if theta > 0:
            value += alpha * theta * weights @ np.log(q)
            grad += alpha * theta * weights / q
        return -value, -grad

    lower = np.full(incomes.size, 1e-12)
    bounds = list(zip(lower, incomes * (1 - 1e-9)))
    from scipy.optimize import minimize  # lazy: slow to import
    result = minimize(
        objective,
        alpha * incomes,
        jac=True,
        method="L-BFGS-B",
        bounds=bounds,
        options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 20_000},
    )
    q = np.where(result.x <= 1e-10, 0.0, result.x)
    return q, bool(result.success)


def public_good_closed_form(incomes, alpha) -> np.ndarray:
    """Nash spending with full spill-ins and ``t = 0`` (Bergstrom, Blume and Varian 1986).

    The richest members contribute; with ``C`` the contributor set,
    ``Q = sum_{i in C} I_i / (1 + |C| (1 - a) / a)`` and ``q_i = I_i - (1 - a) Q / a`` for
    ``i`` in ``C``; a member contributes iff ``I_i > (1 - a) Q / a``.
    """
    order = np.argsort(-incomes, kind="stable")
    k_star, total = 1, 0.0
    for k in range(1, incomes.size + 1):
        top = incomes[order[:k]]
        q_total = top.sum() / (1.0 + k * (1.0 - alpha) / alpha)
        if top[-1] > (1.0 - alpha) * q_total / alpha:
            k_star, total = k, q_total
        else:
            break
    q = np.zeros_like(incomes)
    contributors = order[:k_star]
    q[contributors] = incomes[contributors] - (1.0 - alpha) * total / alpha
    return q
