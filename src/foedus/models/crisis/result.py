"""The frozen result of the crisis Monte Carlo, with tidy tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from foedus.models.crisis.kernel import ACTIONS

__all__ = ["CrisisResult"]


@dataclass(frozen=True, eq=False)
class CrisisResult:
    """Who would fight, per crisis, design and counterfactual variant.

    Tables (tidy pandas):

    - ``states``: one row per (crisis, design, variant, state): role, whether treaty-obliged
      to the target side (and the activated articles), the mean probability of each of the
      five actions (``p_fight_target``, ``p_support_target``, ``p_stay_out``,
      ``p_support_aggressor``, ``p_fight_aggressor``) over the draws, with 5-95% intervals
      across parameter draws.
    - ``outcomes``: per (crisis, design, variant): P(deterred) (the prior probability that
      the aggressor's type does not attack) and, for a crisis that happened, its flag;
      P(aggressor prevails); the balance of forces; expected fighters and supporters.
    - ``coalitions``: the most frequent realised coalitions and their shares.
    - ``sensitivity``: the three parameters with the largest first-order index per measure.
    - ``checks``: the rate at which treaty-obliged states fight in the baseline against the
      era's ``treaty_reliability`` prior (a check, not a calibration).
    - ``history`` and ``history_summary``: for crises that happened, each recorded third
      state's action against the prediction, and per crisis the share placed right, the
      log loss and P(deterred) with its flag.
    - ``parameters``: every sampled parameter with its distribution, origin and source.
    """

    scenario: str
    parameter_set: str
    draws: int
    seed: int
    states: pd.DataFrame
    outcomes: pd.DataFrame
    coalitions: pd.DataFrame
    sensitivity: pd.DataFrame
    checks: pd.DataFrame
    parameters: pd.DataFrame
    history: pd.DataFrame
    history_summary: pd.DataFrame
    converged: float

    def to_frame(self) -> pd.DataFrame:
        """The per-state table (a copy)."""
        return self.states.copy()

    def action_table(self, action: str = "fight_target",
                     variant: str = "as designed") -> pd.DataFrame:
        """P(``action``) of each deciding state: rows (crisis, state), columns designs."""
        if action not in ACTIONS:
            raise KeyError(f"unknown action {action!r} (choose from {', '.join(ACTIONS)})")
        sub = self.states[(self.states.variant == variant) & (self.states.role == "decides")]
        table = sub.pivot_table(index=["crisis", "iso3"], columns="design",
                                values=f"p_{action}", sort=False)
        table.columns.name = None
        return table

    def fight_table(self, variant: str = "as designed") -> pd.DataFrame:
        """P(fight for the target) of each deciding state: rows (crisis, state), columns
        designs."""
        return self.action_table("fight_target", variant)

    def design_effects(self, baseline: str = "status-quo") -> pd.DataFrame:
        """Per (crisis, design, variant): change in P(deterred), in expected fighters for
        the target and in P(aggressor prevails) against ``baseline`` under the same
        variant."""
        out = self.outcomes.copy()
        base = out[out.design == baseline].set_index(["crisis", "variant"])
        key = list(zip(out.crisis, out.variant))
        for col in ("p_deterred", "expected_fighters_target", "p_aggressor_prevails"):
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
