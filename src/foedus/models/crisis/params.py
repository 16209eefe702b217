"""Parameters of the crisis model: names, domains, default distributions and sources.

Every parameter is registered with :func:`foedus.scenarios.parameters.register_parameter`, so a
scenario can set it under ``parameters:`` (its domain is checked at load time) and
``docs/models/crisis.md`` lists it. The defaults are *judgements* with wide distributions
unless a source gives a number; the Monte Carlo draws them, and the sensitivity ranking shows
which of them drive each result.
"""

from __future__ import annotations

from dataclasses import dataclass

from foedus.scenarios.distributions import Distribution, Point, Uniform
from foedus.scenarios.parameters import ParameterInfo, known_parameters, register_parameter

__all__ = ["CRISIS_PARAMETERS", "CrisisParameter", "parameter_names"]


@dataclass(frozen=True)
class CrisisParameter:
    """One parameter of the decision model (symbol used in ``docs/models/crisis.md``)."""

    name: str
    symbol: str
    domain: str
    default: Distribution
    description: str
    source: str


def _u(low: float, high: float, source: str) -> Uniform:
    return Uniform(dist="uniform", low=low, high=high, source=source)


#: The model's parameters in kernel order (the order of the rows of ``theta``).
CRISIS_PARAMETERS: tuple[CrisisParameter, ...] = (
    CrisisParameter(
        "crisis_precision", "lambda", "positive",
        _u(2.0, 6.0, "judgement: utilities are O(1); lambda 2-6 spans near-random to sharp"),
        "Logit precision of the quantal-response equilibrium (0: random choice; large: best "
        "response).",
        "McKelvey & Palfrey (1995) doi:10.1006/game.1995.1023; Signorino (1999) "
        "doi:10.2307/2585396 (logit strategic choice in IR)"),
    CrisisParameter(
        "crisis_balance_weight", "w_bal", "nonnegative",
        _u(0.5, 1.5, "judgement"),
        "Direct value of opposing the aggressor per unit of stake (balancing against threat).",
        "Walt (1987) The Origins of Alliances (balance of threat)"),
    CrisisParameter(
        "crisis_affinity_weight", "w_aff", "nonnegative",
        _u(0.5, 1.5, "judgement"),
        "Weight of affinity (with the target minus with the aggressor) in the stake.",
        "Altfeld & Bueno de Mesquita (1979) doi:10.2307/2600275 (utility for each side "
        "winning from policy similarity)"),
    CrisisParameter(
        "crisis_hit_weight", "w_hit", "nonnegative",
        _u(1.0, 3.0, "judgement: an attack on one's own territory or forces"),
        "Stake added when the state's own territory, forces or vessels are hit.",
        "Leeds (2003) doi:10.1017/S0020818303574057 (states attacked directly fight); "
        "judgement for the size"),
    CrisisParameter(
        "crisis_spoils_weight", "b", "nonnegative",
        _u(0.0, 0.5, "judgement"),
        "Value of being a belligerent on the winning side (spoils), lost on the losing side.",
        "Schweller (1994) doi:10.2307/2539149 (bandwagoning for profit)"),
    CrisisParameter(
        "crisis_war_cost", "gamma_w", "nonnegative",
        _u(0.5, 2.0, "judgement"),
        "Cost of war per unit of the enemy coalition's strength at the state (loss-of-strength "
        "projected capability relative to its own).",
        "Fearon (1995) doi:10.1017/S0020818300033324 (costly war); Bueno de Mesquita (1981) "
        "The War Trap (loss-of-strength gradient)"),
    CrisisParameter(
        "crisis_entry_cost", "c_0", "nonnegative",
        _u(0.0, 3.0, "judgement; replaced by the calibrated value when calibration is on"),
        "Fixed cost of entering a war (fighting or siding with the aggressor; supporters bear "
        "the share sigma_k): the general reluctance to go to war. Calibrated so that "
        "treaty-obliged states fight at the historical rate of the era.",
        "Fearon (1995) doi:10.1017/S0020818300033324 (war is costly); level calibrated to "
        "Leeds, Long & Mitchell (2000) doi:10.1177/0022002700044005006 and Berkemeier & "
        "Fuhrmann (2018) doi:10.1177/2053168018779767"),
    CrisisParameter(
        "crisis_trade_cost", "gamma_e", "nonnegative",
        _u(0.0, 4.0, "judgement: exposures are shares of GDP (~0-0.3)"),
        "Cost of economic coercion per unit of exposure to the aggressor (trade exposure plus "
        "the exposure equivalent of a coercion history).",
        "Polachek (1980) doi:10.1177/002200278002400103; Copeland (2015) Economic "
        "Interdependence and War"),
    CrisisParameter(
        "crisis_coercion_exposure", "e_c", "nonnegative",
        _u(0.0, 0.1, "judgement: comparable to a trade exposure of 0-10% of GDP"),
        "Exposure equivalent of a record of economic coercion by the aggressor (scenario dyad "
        "fact coercion_history), added to the trade exposure.",
        "Drezner (1999) The Sanctions Paradox; judgement for the size"),
    CrisisParameter(
        "crisis_domestic_weight", "delta", "nonnegative",
        _u(0.5, 2.0, "judgement"),
        "Cost of using force abroad under a domestic constraint (constitutional limit, "
        "non-alignment doctrine), waived when the state itself is hit.",
        "Auerswald (1999) doi:10.1162/002081899550986; Saideman & Auerswald (2012) "
        "doi:10.1111/j.1468-2478.2011.00700.x (national caveats)"),
    CrisisParameter(
        "crisis_obligation_weight", "omega", "nonnegative",
        _u(0.5, 2.0, "judgement"),
        "Value of honouring an activated treaty obligation.",
        "Leeds, Long & Mitchell (2000) doi:10.1177/0022002700044005006; Berkemeier & "
        "Fuhrmann (2018) doi:10.1177/2053168018779767"),
    CrisisParameter(
        "crisis_reputation_weight", "rho", "nonnegative",
        _u(0.0, 1.0, "judgement"),
        "Reputational cost of reneging, scaled by the state's alliance record.",
        "Gibler (2008) doi:10.1177/0022002707310003; Crescenzi et al. (2012) "
        "doi:10.1111/j.1468-2478.2011.00711.x"),
    CrisisParameter(
        "crisis_chain_weight", "chi", "nonnegative",
        _u(0.0, 1.0, "judgement"),
        "Pull of alliance ties to co-belligerents (chain-ganging): defence ties to states "
        "expected to fight.",
        "Christensen & Snyder (1990) doi:10.1017/S0020818300035232; Snyder (1984) "
        "doi:10.2307/2010183"),
    CrisisParameter(
        "crisis_consultation_weight", "kappa", "probability",
        _u(0.1, 0.4, "judgement: a pledge to consult is far weaker than to defend"),
        "Weight of a consultation pledge relative to a defence pledge.",
        "Leeds et al. (2002) ATOP codebook (consultation pacts); judgement"),
    CrisisParameter(
        "crisis_political_weight", "lambda_pol", "probability",
        _u(0.2, 0.6, "judgement"),
        "Weight of a political (non-treaty) commitment relative to a treaty.",
        "Lipson (1991) doi:10.1017/S0020818300033191; Abbott & Snidal (2000) "
        "doi:10.1162/002081800551280"),
    CrisisParameter(
        "crisis_support_capability", "sigma_c", "probability",
        _u(0.1, 0.3, "judgement: access, logistics, sanctions"),
        "Share of its projected capability a supporting (non-fighting) state contributes.",
        "judgement"),
    CrisisParameter(
        "crisis_support_cost", "sigma_k", "probability",
        _u(0.1, 0.4, "judgement"),
        "Share of the war, coercion and domestic costs a supporting state bears.",
        "judgement"),
    CrisisParameter(
        "crisis_support_honour", "sigma_h", "probability",
        _u(0.2, 0.6, "judgement; NATO Art. 5 'such action as it deems necessary'"),
        "Share of an obligation honoured (and of the alliance pull satisfied) by support.",
        "North Atlantic Treaty Art. 5 wording; judgement"),
    CrisisParameter(
        "crisis_decisiveness", "m", "positive",
        _u(0.5, 2.0, "Tullock m=1 at the centre; Hirshleifer (1989) ratio form"),
        "Decisiveness of the contest success function p = C_T^m / (C_T^m + C_A^m).",
        "Hirshleifer (1989) doi:10.1007/BF00153394; Jia, Skaperdas & Vaidya (2013) "
        "doi:10.1016/j.ijindorg.2012.06.007"),
    CrisisParameter(
        "crisis_aggressor_loss", "L_a", "nonnegative",
        _u(0.5, 2.0, "judgement"),
        "The aggressor's loss from defeat relative to its gain from victory.",
        "Bueno de Mesquita & Lalman (1992) War and Reason; judgement"),
    CrisisParameter(
        "crisis_aggressor_cost", "c_a", "nonnegative",
        _u(0.1, 0.5, "judgement"),
        "The aggressor's cost of fighting relative to its gain from victory.",
        "Fearon (1995) doi:10.1017/S0020818300033324"),
)


def parameter_names() -> tuple[str, ...]:
    """Names of the crisis parameters in kernel order.

    Examples
    --------
    >>> parameter_names()[0]
    'crisis_precision'
    """
    return tuple(p.name for p in CRISIS_PARAMETERS)


for _p in CRISIS_PARAMETERS:
    register_parameter(ParameterInfo(name=_p.name, domain=_p.domain, default=_p.default,
                                     description=_p.description, source=_p.source,
                                     family="crisis"))

#: The calibration target: the core parameter ``treaty_reliability`` (registered by the
#: scenario layer) is the prior for the rate at which treaty-obliged states fight.
CALIBRATION_TARGET = "treaty_reliability"
assert CALIBRATION_TARGET in known_parameters()
_ = Point  # re-exported type used in docs
