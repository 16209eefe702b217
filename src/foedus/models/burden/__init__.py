"""Burden sharing and free riding in alliances (issue #5).

Models (pure functions, frozen results):

- :func:`alliance_equilibrium` -> :class:`BurdenEquilibrium`: Nash equilibrium of defence
  spending with spill-ins (Olson and Zeckhauser 1966; joint products after Sandler 1977), its
  Pareto (Lindahl) benchmark, free-riding and excess-burden indices, solver convergence.
- :func:`spending_floor_effect` -> :class:`FloorEffect`: who a 2%-of-GDP style floor constrains;
  :func:`floor_scenarios`: several floors in one tidy table.
- :func:`identical_members_spending`, :func:`public_good_equilibrium`: closed forms.
- :func:`spill_in_matrix`: spill-in weights from distance and a design's scope.

Empirics (plain DataFrames in, no file reading):

- :func:`alliance_members_by_year`: members of an ATOP alliance in each year.
- :func:`burden_size_test` -> :class:`BurdenTestResult`: Spearman rank correlation between
  economic size and defence burden, year by year.

The only function that reads shipped data is :func:`foedus.models.burden.history.nato_burden_test`
(through :func:`foedus.data.load`); it is kept out of this namespace on purpose.
"""

from foedus.models.burden.empirical import (
    BurdenTestResult,
    alliance_members_by_year,
    burden_size_test,
)
from foedus.models.burden.equilibrium import (
    BurdenEquilibrium,
    alliance_equilibrium,
    identical_members_spending,
    public_good_equilibrium,
    spill_in_matrix,
)
from foedus.models.burden.floors import FloorEffect, floor_scenarios, spending_floor_effect
from foedus.models.burden.params import BurdenParams

__all__ = [
    "BurdenEquilibrium",
    "BurdenParams",
    "BurdenTestResult",
    "FloorEffect",
    "alliance_equilibrium",
    "alliance_members_by_year",
    "burden_size_test",
    "floor_scenarios",
    "identical_members_spending",
    "public_good_equilibrium",
    "spending_floor_effect",
    "spill_in_matrix",
]
