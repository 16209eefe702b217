"""Spending floors (a minimum defence burden such as NATO's 2%-of-GDP guideline)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from foedus.models.burden import solvers
from foedus.models.burden.equilibrium import BurdenEquilibrium, alliance_equilibrium
from foedus.models.burden.params import check_floor_share

__all__ = ["FloorEffect", "floor_scenarios", "spending_floor_effect"]


@dataclass(frozen=True)
class FloorEffect:
    """An alliance's equilibrium before and after a spending floor.

    Attributes
    ----------
    before : BurdenEquilibrium
        Equilibrium without the floor (as passed in).
    after : BurdenEquilibrium
        Equilibrium with every member's spending at least ``floor_share * income``.
    floor_share : ndarray
        The floor of each member as a share of its income.
    constrained : ndarray of bool
        Members whose floor binds in the new equilibrium: their best response to the others'
        new spending is below the floor, so they spend exactly the floor.
    """

    before: BurdenEquilibrium
    after: BurdenEquilibrium
    floor_share: np.ndarray
    constrained: np.ndarray

    @property
    def constrained_members(self) -> tuple[str, ...]:
        """Labels of the members the floor constrains."""
        return tuple(m for m, c in zip(self.after.members, self.constrained) if c)

    @property
    def below_floor_before(self) -> np.ndarray:
        """Members whose burden was below their floor before it was imposed."""
        return self.before.burden < self.floor_share - 1e-12

    def summary(self) -> dict:
        """Totals before and after, and the largest member's response."""
        big = int(np.argmax(self.before.incomes))
        return {
            "n_members": len(self.after.members),
            "n_constrained": int(self.constrained.sum()),
            "n_below_floor_before": int(self.below_floor_before.sum()),
            "total_spending_before": float(self.before.spending.sum()),
            "total_spending_after": float(self.after.spending.sum()),
            "largest_member": self.before.members[big],
            "largest_member_spending_change": float(
                self.after.spending[big] - self.before.spending[big]
            ),
            "largest_member_share_before": float(self.before.spending_share[big]),
            "largest_member_share_after": float(self.after.spending_share[big]),
            "free_riding_index_before": self.before.free_riding_index,
            "free_riding_index_after": self.after.free_riding_index,
            "converged": self.after.converged,
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per member: burden and spending before and after, and whether constrained."""
        return pd.DataFrame(
            {
                "member": list(self.after.members),
                "income": self.after.incomes,
                "floor_share": self.floor_share,
                "burden_before": self.before.burden,
                "burden_after": self.after.burden,
                "spending_before": self.before.spending,
                "spending_after": self.after.spending,
                "spending_change": self.after.spending - self.before.spending,
                "spending_share_before": self.before.spending_share,
                "spending_share_after": self.after.spending_share,
                "below_floor_before": self.below_floor_before,
                "constrained": self.constrained,
            }
        )


def spending_floor_effect(equilibrium: BurdenEquilibrium, floor_share_gdp) -> FloorEffect:
    """Re-solve an equilibrium with a minimum defence burden and report who is constrained.

    Each member must now spend at least ``floor_share_gdp * I_i``; the others re-optimise, so a
    floor that pushes small members up lets larger members spend less (crowding out through the
    spill-ins). A member is *constrained* when its best response to the others' new spending is
    below its floor.

    Parameters
    ----------
    equilibrium : BurdenEquilibrium
        Equilibrium without (or with a lower) floor, from :func:`alliance_equilibrium`.
    floor_share_gdp : float or array_like
        Floor as a share of GDP, one number for all or one per member (e.g. 0.02 for NATO's
        2006 2% guideline and Japan's 2%-by-FY2027 plan, 0.035 for the core-defence part of
        the 2025 NATO target).

    Returns
    -------
    FloorEffect

    Examples
    --------
    >>> from foedus.models.burden import BurdenParams, alliance_equilibrium
    >>> eq = alliance_equilibrium([20.0, 5.0, 4.0], members=["USA", "JPN", "KOR"],
    ...                           params=BurdenParams(security_weight=0.03))
    >>> effect = spending_floor_effect(eq, 0.02)
    >>> effect.constrained_members
    ('JPN', 'KOR')
    >>> [round(float(b), 4) for b in effect.before.burden]
    [0.03, 0.0, 0.0]
    >>> [round(float(b), 4) for b in effect.after.burden]   # the US cuts back: crowding out
    [0.0213, 0.02, 0.02]

    References
    ----------
    Olson, M. and Zeckhauser, R. (1966). An economic theory of alliances. *Review of Economics
    and Statistics* 48(3): 266-279. DOI 10.2307/1927082.

    Sandler, T. and Hartley, K. (2001). Economics of alliances: the lessons for collective
    action. *Journal of Economic Literature* 39(3): 869-896. DOI 10.1257/jel.39.3.869.
    """
    floor = check_floor_share(floor_share_gdp, len(equilibrium.members))
    after = alliance_equilibrium(
        equilibrium.incomes,
        equilibrium.spill_in,
        members=equilibrium.members,
        params=equilibrium.params,
        floors=floor,
    )
    scale = after.incomes.sum()
    unit_q = after.spending / scale
    unit_i = after.incomes / scale
    free_choice = solvers.best_responses(
        unit_i, after.spill_in, unit_q, after.params.security_weight, after.params.private_share
    )
    constrained = (free_choice < floor * unit_i - 1e-12) & (floor > 0)
    constrained.setflags(write=False)
    floor.setflags(write=False)
    return FloorEffect(before=equilibrium, after=after, floor_share=floor, constrained=constrained)


def floor_scenarios(equilibrium: BurdenEquilibrium, floors: dict) -> pd.DataFrame:
    """Tidy comparison of several spending floors (one row per scenario and member).

    Parameters
    ----------
    equilibrium : BurdenEquilibrium
        Equilibrium without floors.
    floors : dict
        ``scenario name -> floor`` where the floor is a share of GDP for all members or one per
        member (e.g. ``{"nato-2006-2pct": 0.02, "nato-2025-core": 0.035}``).

    Returns
    -------
    DataFrame
        The columns of :meth:`FloorEffect.to_frame` plus ``scenario``, and the alliance totals
        ``total_spending_after`` and ``largest_member_share_after``.

    Examples
    --------
    >>> from foedus.models.burden import alliance_equilibrium
    >>> eq = alliance_equilibrium([20.0, 5.0, 4.0], members=["USA", "JPN", "KOR"])
    >>> table = floor_scenarios(eq, {"2pct": 0.02, "3.5pct": 0.035})
    >>> table.groupby("scenario")["constrained"].sum().to_dict()
    {'2pct': 2, '3.5pct': 3}
    """
    frames = []
    for name, floor in floors.items():
        effect = spending_floor_effect(equilibrium, floor)
        summary = effect.summary()
        frame = effect.to_frame()
        frame.insert(0, "scenario", str(name))
        frame["total_spending_after"] = summary["total_spending_after"]
        frame["largest_member_share_after"] = summary["largest_member_share_after"]
        frame["converged"] = summary["converged"]
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)
