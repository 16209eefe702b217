"""The model switches of KTAB's Spatial Model of Politics (SMP), with KTAB's names and defaults.

KTAB (KAPSARC Toolkit for Behavioral Analysis) exposes nine switches: the victory-probability
model, the probabilistic Condorcet election (PCE) model, the state-transition mode, the voting
rule, the range and the adjustment of the inferred risk attitudes ("big R"), the commitment of
third parties, the interpolation of vector bargains and the bargaining model. Their names and
values below are KTAB's own (``kmodel.h``, ``smp.h`` and ``smpSchema.xsd`` of KTAB, commit
3b5b063 of 2019-11-17), so a KTAB XML ``<ModelParameters>`` block reads unchanged; the defaults
are KTAB's (``SMPModel``/``Model`` member initialisers, logged by ``smpc`` for CSV input).

Every equation is in ``docs/models/bargaining.md``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields, replace

from foedus.errors import ParameterError

__all__ = [
    "SWITCH_NAMES",
    "BargainModel",
    "BigRAdjust",
    "BigRRange",
    "InterVecBargain",
    "PCEModel",
    "SMPSwitches",
    "StateTransitions",
    "StopRule",
    "ThirdPartyCommit",
    "VictoryProbModel",
    "VotingRule",
]


class _KtabEnum(str, enum.Enum):
    """A KTAB enumeration: the value is KTAB's name, the order is KTAB's integer code."""

    @classmethod
    def parse(cls, value: str | int | _KtabEnum, where: str = "") -> _KtabEnum:
        """The member named ``value`` (KTAB's spelling) or with KTAB's integer code ``value``.

        Examples
        --------
        >>> VotingRule.parse("Prop")
        <VotingRule.PROPORTIONAL: 'Prop'>
        >>> VotingRule.parse(2) is VotingRule.parse("Prop")
        True
        >>> VotingRule.parse("Proportional")
        Traceback (most recent call last):
        ...
        foedus.errors.ParameterError: VotingRule: unknown value 'Proportional'; choose one of Binary, PropBin, Prop, PropCbc, Cubic, ASymProsp
        """
        if isinstance(value, cls):
            return value
        members = list(cls)
        if isinstance(value, int) and not isinstance(value, bool):
            if 0 <= value < len(members):
                return members[value]
        elif isinstance(value, str):
            text = value.strip()
            for member in members:
                if member.value == text:
                    return member
            if text.isdigit() and int(text) < len(members):
                return members[int(text)]
        prefix = f"{where}: " if where else ""
        raise ParameterError(f"{prefix}{cls.__name__}: unknown value {value!r}; choose one of "
                             f"{', '.join(m.value for m in members)}")

    @property
    def code(self) -> int:
        """KTAB's integer code (the position in KTAB's enum)."""
        return list(type(self)).index(self)

    def __str__(self) -> str:
        return self.value


class VictoryProbModel(_KtabEnum):
    """How coalition strengths ``c_ij, c_ji`` become a victory probability (KTAB ``VPModel``)."""

    LINEAR = "Linear"
    SQUARE = "Square"
    QUARTIC = "Quartic"
    OCTIC = "Octic"
    BINARY = "Binary"


class PCEModel(_KtabEnum):
    """How pairwise victory probabilities become option probabilities (KTAB ``PCEModel``)."""

    CONDITIONAL = "Conditional"
    MARKOV_INCENTIVE = "MarkovIncentive"
    MARKOV_UNIFORM = "MarkovUniform"


class StateTransitions(_KtabEnum):
    """Whether each actor takes its most probable bargain or draws one (KTAB ``StateTransMode``)."""

    DETERMINISTIC = "Deterministic"
    STOCHASTIC = "Stochastic"


class VotingRule(_KtabEnum):
    """How strongly an actor votes given its utility difference (KTAB ``VotingRule``)."""

    BINARY = "Binary"
    PROP_BIN = "PropBin"
    PROPORTIONAL = "Prop"
    PROP_CUBIC = "PropCbc"
    CUBIC = "Cubic"
    ASYM_PROSPECT = "ASymProsp"


class BigRAdjust(_KtabEnum):
    """How actor h estimates actor i's risk attitude from ``R_h`` and ``R_i`` (``BigRAdjust``)."""

    NONE = "None"
    ONE_THIRD = "OneThird"
    HALF = "Half"
    TWO_THIRDS = "TwoThirds"
    FULL = "Full"


class BigRRange(_KtabEnum):
    """The range of the risk attitudes inferred from position probabilities (``BigRRange``)."""

    MIN = "Min"
    MID = "Mid"
    MAX = "Max"


class ThirdPartyCommit(_KtabEnum):
    """How committed a third party is to the side it joins (KTAB ``ThirdPartyCommit``)."""

    NO_COMMIT = "NoCommit"
    SEMI_COMMIT = "SemiCommit"
    FULL_COMMIT = "FullCommit"


class InterVecBargain(_KtabEnum):
    """How two actors interpolate a bargain dimension by dimension (KTAB ``InterVecBrgn``)."""

    S1P1 = "S1P1"
    S2P2 = "S2P2"
    S2PMAX = "S2PMax"


class BargainModel(_KtabEnum):
    """Which interpolated bargains are proposed (KTAB ``SMPBargnModel``)."""

    INIT_ONLY_INTERP = "InitOnlyInterp"
    INIT_RCVR_INTERP = "InitRcvrInterp"
    PW_COMP_INTERP = "PWCompInterp"


# KTAB's XML element names (<ModelParameters>) -> field of SMPSwitches, in KTAB's order
# (the order of SMPModel::updateModelParameters and of the ScenarioDesc table).
SWITCH_NAMES = {
    "VictoryProbModel": "victory_prob_model",
    "PCEModel": "pce_model",
    "StateTransitions": "state_transitions",
    "VotingRule": "voting_rule",
    "BigRAdjust": "big_r_adjust",
    "BigRRange": "big_r_range",
    "ThirdPartyCommit": "third_party_commit",
    "InterVecBrgn": "inter_vec_bargain",
    "BargnModel": "bargain_model",
}


@dataclass(frozen=True)
class SMPSwitches:
    """KTAB's nine SMP switches; the defaults are KTAB's.

    Parameters
    ----------
    victory_prob_model, pce_model, state_transitions, voting_rule, big_r_adjust,
    big_r_range, third_party_commit, inter_vec_bargain, bargain_model
        KTAB enum members, or their KTAB names (``"Prop"``, ``"MarkovIncentive"`` ...).

    Examples
    --------
    >>> SMPSwitches()
    SMPSwitches(Linear, Conditional, Deterministic, Prop, OneThird, Mid, SemiCommit, S2P2, InitOnlyInterp)
    >>> SMPSwitches(pce_model="MarkovIncentive").pce_model
    <PCEModel.MARKOV_INCENTIVE: 'MarkovIncentive'>
    >>> SMPSwitches.from_ktab({"VotingRule": "PropCbc"}).voting_rule.value
    'PropCbc'
    """

    victory_prob_model: VictoryProbModel = VictoryProbModel.LINEAR
    pce_model: PCEModel = PCEModel.CONDITIONAL
    state_transitions: StateTransitions = StateTransitions.DETERMINISTIC
    voting_rule: VotingRule = VotingRule.PROPORTIONAL
    big_r_adjust: BigRAdjust = BigRAdjust.ONE_THIRD
    big_r_range: BigRRange = BigRRange.MID
    third_party_commit: ThirdPartyCommit = ThirdPartyCommit.SEMI_COMMIT
    inter_vec_bargain: InterVecBargain = InterVecBargain.S2P2
    bargain_model: BargainModel = BargainModel.INIT_ONLY_INTERP

    def __post_init__(self) -> None:
        for f in fields(self):
            enum_type = _FIELD_TYPES[f.name]
            object.__setattr__(self, f.name, enum_type.parse(getattr(self, f.name), f.name))

    def __repr__(self) -> str:
        return f"SMPSwitches({', '.join(str(getattr(self, f.name)) for f in fields(self))})"

    @classmethod
    def from_ktab(cls, values: dict[str, str | int], where: str = "") -> SMPSwitches:
        """Switches from KTAB's element names (``VictoryProbModel`` ... ``BargnModel``)."""
        kwargs = {}
        for name, value in values.items():
            if name not in SWITCH_NAMES:
                prefix = f"{where}: " if where else ""
                raise ParameterError(f"{prefix}unknown KTAB model switch {name!r}; known: "
                                     f"{', '.join(SWITCH_NAMES)}")
            kwargs[SWITCH_NAMES[name]] = value
        return cls(**kwargs)

    def to_ktab(self) -> dict[str, str]:
        """KTAB's element names and value names, in KTAB's order."""
        return {ktab: getattr(self, field).value for ktab, field in SWITCH_NAMES.items()}

    def with_changes(self, **changes) -> SMPSwitches:
        """A copy with some switches changed (values may be KTAB names)."""
        return replace(self, **changes)


_FIELD_TYPES = {
    "victory_prob_model": VictoryProbModel, "pce_model": PCEModel,
    "state_transitions": StateTransitions, "voting_rule": VotingRule,
    "big_r_adjust": BigRAdjust, "big_r_range": BigRRange,
    "third_party_commit": ThirdPartyCommit, "inter_vec_bargain": InterVecBargain,
    "bargain_model": BargainModel,
}


@dataclass(frozen=True)
class StopRule:
    """KTAB's stopping rule (``SMPModel::configExec`` and ``smpStopFn``).

    After turn ``t`` the run stops if ``t >= max_iterations``, or if ``t >= min_iterations``
    and ``d(t-1, t) / (d(0, 1) + min_sig_delta) < min_delta_ratio``, where ``d`` sums the
    Euclidean distances moved by every actor (positions on KTAB's internal [0, 1] scale).

    Examples
    --------
    >>> StopRule()
    StopRule(min_iterations=2, max_iterations=100, min_delta_ratio=0.02, min_sig_delta=0.0001)
    """

    min_iterations: int = 2
    max_iterations: int = 100
    min_delta_ratio: float = 0.02
    min_sig_delta: float = 1e-4

    def __post_init__(self) -> None:
        if not (1 <= self.min_iterations <= self.max_iterations):
            raise ParameterError("StopRule: need 1 <= min_iterations <= max_iterations, got "
                                 f"{self.min_iterations} and {self.max_iterations}")
        if not (self.min_delta_ratio >= 0 and self.min_sig_delta > 0):
            raise ParameterError("StopRule: min_delta_ratio must be >= 0 and min_sig_delta > 0")
