"""Shared solver stack for two- and k-coalition partition problems.

Both landscape theory (Axelrod & Bennett 1993) and the frustration index of a signed network
(Aref, Mason & Wilson 2020) minimise ``C(X) = sum_{i<j} W_ij d_ij(X)`` over partitions X of n
actors into at most k coalitions, with ``d_ij = 1`` when i and j are in different coalitions.
This package solves that problem exactly (enumeration, MILP) or heuristically (annealing) and
returns a :class:`SolveResult` that says how the answer was obtained and whether it is proven.
"""
