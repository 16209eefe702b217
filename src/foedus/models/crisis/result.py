"""The frozen result of the crisis Monte Carlo, with tidy tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from foedus.models.crisis.calibration import Calibration

__all__ = ["CrisisResult"]


@dataclass(frozen=True, eq=False)
class CrisisResult:
    """Who would fight, per crisis, design and counterfactual variant.

    Tables (tidy pandas):

    - ``states``: one row per (crisis, design, variant, state): role, whether obliged (and
      the articles), mean P(fight / support / stay out / side with the aggressor) over the
      draws, with 5-95% intervals across parameter draws.
    - ``outcomes``: per (crisis, design, variant): P(deterred), P(aggressor prevails), the
      balance of forces (target side's share of projected capability), expected fighters.
    - ``coalitions``: the most frequent realised coalitions and their shares.
    - ``sensitivity``: the three parameters with the largest first-order index per measure.
    - ``calibration_table``: the prior reliability rate against the model's rate for obliged
      states; ``parameters``: every sampled parameter with its distribution and source.
    """

    scenario: str
    draws: int
    seed: int
    states: pd.DataFrame
    outcomes: pd.DataFrame
    coalitions: pd.DataFrame
    sensitivity: pd.DataFrame
    calibration: Calibration
    calibration_table: pd.DataFrame
    parameters: pd.DataFrame
    converged: float

    def to_frame(self) -> pd.DataFrame:
        """The per-state table (a copy)."""
        return self.states.copy()

    def fight_table(self, variant: str = "as designed") -> pd.DataFrame:
        """P(fight) of each deciding state: rows (crisis, state), columns designs."""
        sub = self.states[(self.states.variant == variant) & (self.states.role == "decides")]
        table = sub.pivot_table(index=["crisis", "iso3"], columns="design", values="p_fight",
                                sort=False)
        table.columns.name = None
        return table

    def design_effects(self, baseline: str = "status-quo") -> pd.DataFrame:
        """Per (crisis, design, variant): change in P(deterred) and in expected fighters
        against ``baseline`` under the same variant."""
        out = self.outcomes.copy()
        base = out[out.design == baseline].set_index(["crisis", "variant"])
        key = list(zip(out.crisis, out.variant))
        for col in ("p_deterred", "expected_fighters", "p_aggressor_prevails"):
            ref = base[col].reindex(key).to_numpy()
            out[f"delta_{col}"] = out[col].to_numpy() - ref
        return out

    def without_effect(self, state: str = "USA") -> pd.DataFrame:
        """Per (crisis, design): outcomes with and without ``state`` side by side."""
        o = self.outcomes
        a = o[o.variant == "as designed"].set_index(["crisis", "design"])
        b = o[o.variant == f"without {state}"].set_index(["crisis", "design"])
        cols = ["p_deterred", "p_aggressor_prevails", "balance_target_share"]
        joined = a[cols].join(b[cols], rsuffix=f"_without_{state}", how="inner")
        return joined.reset_index()
