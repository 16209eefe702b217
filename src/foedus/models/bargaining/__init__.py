"""What would a negotiation settle on? Spatial bargaining and expected-utility models (issue 12).

Two model families forecast the outcome of a negotiation among actors with positions on issue
dimensions, capabilities and saliences:

- KTAB's Spatial Model of Politics (SMP; KAPSARC Toolkit for Behavioral Analysis): actors
  challenge each other, interpolate bargains and adopt bargains by probabilistic Condorcet
  elections, with every model switch KTAB exposes (:class:`SMPSwitches`) and KTAB's numbers
  (parity with KTAB's reference runs is tested);
- Bueno de Mesquita's expected-utility model as specified by Scholz, Calbert & Smith (2011).

Equations, parameters and sources: ``docs/models/bargaining.md``; validation:
``docs/validation-bargaining.md``.

Public API:

- :class:`SpatialProblem` (input), :func:`run_smp` -> :class:`SMPResult`,
  :func:`run_smp_draws` (seeded, serial or processes), :class:`SMPSwitches`, :class:`StopRule`;
- :func:`read_ktab`, :func:`write_ktab_csv`, :func:`write_ktab_xml` (KTAB's files);
- :func:`run_eu` -> :class:`EUResult` (Scholz et al.'s model), :func:`weighted_mean`,
  :func:`pairwise_vote_winner`.
"""

from foedus.models.bargaining.eu import (
    EUParams,
    EUResult,
    pairwise_vote_winner,
    run_eu,
    weighted_mean,
)
from foedus.models.bargaining.ktab_io import (
    KtabInput,
    KtabInputError,
    read_ktab,
    write_ktab_csv,
    write_ktab_xml,
)
from foedus.models.bargaining.params import (
    BargainModel,
    BigRAdjust,
    BigRRange,
    InterVecBargain,
    PCEModel,
    SMPSwitches,
    StateTransitions,
    StopRule,
    ThirdPartyCommit,
    VictoryProbModel,
    VotingRule,
)
from foedus.models.bargaining.problem import SpatialProblem
from foedus.models.bargaining.simulate import SMPResult, run_smp, run_smp_draws

__all__ = [
    "BargainModel", "BigRAdjust", "BigRRange", "EUParams", "EUResult", "InterVecBargain",
    "KtabInput",
    "KtabInputError", "PCEModel", "SMPResult", "SMPSwitches", "SpatialProblem",
    "StateTransitions", "StopRule", "ThirdPartyCommit", "VictoryProbModel", "VotingRule",
    "pairwise_vote_winner", "read_ktab", "run_eu", "run_smp", "run_smp_draws",
    "weighted_mean", "write_ktab_csv", "write_ktab_xml",
]
