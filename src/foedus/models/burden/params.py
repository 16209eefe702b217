"""Parameters of the burden-sharing models and the checks applied to their inputs.

The utility specification is documented in ``docs/models/burden.md``. Every member ``i`` with
income (GDP) ``I_i`` splits it between private consumption ``c_i`` and defence spending ``q_i``
(the price of defence is normalised to one) and maximises

    U_i = (1 - a) ln c_i + a [ t ln q_i + (1 - t) ln Q_i ],    Q_i = sum_j s_ij q_j

where ``a`` is :attr:`BurdenParams.security_weight`, ``t`` is :attr:`BurdenParams.private_share`
and ``s_ij`` in [0, 1] is the spill-in weight (how much of member ``j``'s spending protects
member ``i``; ``s_ii = 1``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from foedus.errors import ParameterError

__all__ = ["BurdenParams"]


@dataclass(frozen=True)
class BurdenParams:
    """Preference parameters shared by every member of an alliance.

    Parameters
    ----------
    security_weight : float, default 0.03
        ``a`` in (0, 1): the Cobb-Douglas weight of security in utility. A member with no
        allies (zero spill-in) spends exactly ``a`` times its income on defence, so ``a`` is the
        defence burden a state would carry alone. The default 0.03 is illustrative, not an
        estimate: it sits above the median NATO member-year burden in the shipped data (1.9%
        of GDP, COW NMC / WDI, 1960-2022, n = 1,189; ``docs/validation-burden.md``) because
        allies spend less in equilibrium than they would alone. Vary it.
    private_share : float, default 0.0
        ``t`` in [0, 1]: the share of the security benefit of a member's own spending that is
        private to it (Sandler's joint-product model). ``0`` is the pure public good of Olson and
        Zeckhauser (1966); ``1`` makes defence a purely private good (allies' spending is
        worthless to a member, every member spends ``a`` times its income).

    Examples
    --------
    >>> BurdenParams()
    BurdenParams(security_weight=0.03, private_share=0.0)
    >>> BurdenParams(security_weight=1.5)
    Traceback (most recent call last):
    ...
    foedus.errors.ParameterError: security_weight must be in (0, 1), got 1.5

    References
    ----------
    Olson, M. and Zeckhauser, R. (1966). An economic theory of alliances. *Review of Economics
    and Statistics* 48(3): 266-279. DOI 10.2307/1927082.

    Sandler, T. (1977). Impurity of defense: an application to the economics of alliances.
    *Kyklos* 30(3): 443-460. DOI 10.1111/j.1467-6435.1977.tb02203.x.
    """

    security_weight: float = 0.03
    private_share: float = 0.0

    def __post_init__(self) -> None:
        a, t = self.security_weight, self.private_share
        if not (np.isfinite(a) and 0.0 < a < 1.0):
            raise ParameterError(f"security_weight must be in (0, 1), got {a}")
        if not (np.isfinite(t) and 0.0 <= t <= 1.0):
            raise ParameterError(f"private_share must be in [0, 1], got {t}")


def check_incomes(incomes) -> np.ndarray:
    """Return incomes as a 1-D float array, or raise ParameterError."""
    arr = np.asarray(incomes, dtype=float)
    if arr.ndim != 1 or arr.size == 0:
        raise ParameterError("incomes must be a non-empty 1-D sequence of positive numbers")
    if not np.all(np.isfinite(arr)) or np.any(arr <= 0):
        raise ParameterError("incomes must all be positive and finite (GDP of each member)")
    return arr


def check_spill_in(spill_in, n: int) -> np.ndarray:
    """Return the spill-in matrix (``None`` = every member fully protected by every other)."""
    if spill_in is None:
        return np.ones((n, n))
    s = np.asarray(spill_in, dtype=float)
    if s.shape != (n, n):
        raise ParameterError(
            f"spill_in must be a {n}x{n} matrix (one row per member), got {s.shape}"
        )
    if not np.all(np.isfinite(s)) or np.any(s < 0) or np.any(s > 1):
        raise ParameterError("spill_in weights must lie in [0, 1]")
    if not np.allclose(np.diag(s), 1.0):
        raise ParameterError(
            "spill_in diagonal must be 1 (a member's own spending protects it fully)"
        )
    return s


def check_members(members, n: int) -> tuple[str, ...]:
    """Return member labels (default ``M1``..``Mn``); they must be unique."""
    if members is None:
        return tuple(f"M{i + 1}" for i in range(n))
    labels = tuple(str(m) for m in members)
    if len(labels) != n:
        raise ParameterError(f"members has {len(labels)} labels for {n} incomes")
    if len(set(labels)) != n:
        raise ParameterError("members labels must be unique")
    return labels


def check_floor_share(floor_share, n: int) -> np.ndarray:
    """Return per-member spending floors as shares of income, each in [0, 1)."""
    f = np.broadcast_to(np.asarray(floor_share, dtype=float), (n,)).copy()
    if not np.all(np.isfinite(f)) or np.any(f < 0) or np.any(f >= 1):
        raise ParameterError("floor_share_gdp must lie in [0, 1) (0.02 is a 2%-of-GDP floor)")
    return f
