"""Shared solver stack for two- and k-coalition partition problems.

Both landscape theory (Axelrod & Bennett 1993) and the frustration index of a signed network
(Aref, Mason & Wilson 2020) minimise ``C(X) = sum_{i<j} W_ij d_ij(X)`` over partitions X of n
actors into at most k coalitions, with ``d_ij = 1`` when i and j are in different coalitions.
This package solves that problem exactly (enumeration, MILP) or heuristically (annealing) and
returns a :class:`SolveResult` that says how the answer was obtained and whether it is proven.

* :func:`solve` -- routed entry point (``method="auto" | "enumerate" | "milp" | "anneal"``);
* :func:`enumerate_minimum`, :func:`milp_minimum`, :func:`anneal_minimum` -- the solvers;
* :func:`local_minima_census` -- every local minimum with its basin of attraction;
* :func:`plain_milp_minimum`, :func:`naive_gray_minimum` -- baselines for the benchmarks.
"""

from foedus.models.solvers.anneal import anneal_minimum, trivial_bound
from foedus.models.solvers.census import Census, local_minima_census
from foedus.models.solvers.enumeration import (
    enumerate_minimum,
    evaluate_cuts,
    naive_gray_minimum,
)
from foedus.models.solvers.milp import milp_minimum, plain_milp_minimum
from foedus.models.solvers.result import SolveResult, cut_value
from foedus.models.solvers.route import biconnected_blocks, solve

__all__ = [
    "Census",
    "SolveResult",
    "anneal_minimum",
    "biconnected_blocks",
    "cut_value",
    "enumerate_minimum",
    "evaluate_cuts",
    "local_minima_census",
    "milp_minimum",
    "naive_gray_minimum",
    "plain_milp_minimum",
    "solve",
    "trivial_bound",
]
