"""Parameters of the crisis model: names, domains, default distributions and sources.

Every parameter is registered with :func:`foedus.scenarios.parameters.register_parameter`, so a
scenario or a parameter set can set it (its domain is checked at load time) and
``docs/models/crisis.md`` lists it. The registered defaults are *judgements* with wide
distributions unless a source gives a number; the Monte Carlo draws them, the sensitivity
ranking shows which of them drive each result, and the identifiable ones are estimated on the
historical dispute corpus by likelihood (:func:`foedus.models.crisis.log_likelihood`) and
shipped as named parameter sets (``foedus.scenarios.parameter_sets``). Nothing here is
calibrated on a scenario's own cases.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from foedus.scenarios.distributions import Distribution, Uniform
from foedus.scenarios.parameters import ParameterInfo, known_parameters, register_parameter

__all__ = ["CRISIS_PARAMETERS", "CrisisParameter", "centre_theta", "parameter_names"]


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
        "Logit precision of the quantal-response equilibrium, common to the third states and "
        "to the aggressor's decision to attack (0: random choice; large: best response).",
        "McKelvey & Palfrey (1995) doi:10.1006/game.1995.1023; Signorino (1999) "
        "doi:10.2307/2585396 (logit strategic choice in IR)"),
    CrisisParameter(
        "crisis_stake_weight", "w_s", "nonnegative",
        _u(0.5, 2.5, "judgement: about the previous balancing weight plus the odds term for "
                     "a typical joiner"),
        "Value of the side a state takes per unit of stake (threat of each side, affinity, "
        "being hit): the stake enters once, as the value of opposing the side whose victory "
        "the state fears (+ for the target's side, - for the aggressor's; support counts a "
        "share sigma_h).",
        "Walt (1987) The Origins of Alliances (balancing against threat); Werner (2000) AJPS "
        "44(4) 720-732 (third parties defend a threatened status quo); Altfeld & Bueno de "
        "Mesquita (1979) doi:10.2307/2600275 (utility of each side winning)"),
    CrisisParameter(
        "crisis_affinity_weight", "w_aff", "nonnegative",
        _u(0.5, 1.5, "judgement"),
        "Weight of affinity (with the target side minus with the aggressors) in the stake.",
        "Altfeld & Bueno de Mesquita (1979) doi:10.2307/2600275 (utility for each side "
        "winning from policy similarity); Corbetta (2010) Foreign Policy Analysis 6(1) "
        "61-85 (homophily and opposition in joining)"),
    CrisisParameter(
        "crisis_hit_weight", "w_hit", "nonnegative",
        _u(1.0, 3.0, "judgement: an attack on one's own territory or forces"),
        "Stake added when the state's own territory, forces or vessels are hit.",
        "Leeds (2003) doi:10.1017/S0020818303574057 (states attacked directly fight); "
        "judgement for the size"),
    CrisisParameter(
        "crisis_spoils_weight", "b", "nonnegative",
        _u(0.0, 0.5, "judgement"),
        "Value of being a belligerent on the winning side (spoils), lost on the losing side; "
        "belligerents only (either side).",
        "Schweller (1994) doi:10.2307/2539149 (bandwagoning for profit)"),
    CrisisParameter(
        "crisis_war_cost", "gamma_w", "nonnegative",
        _u(0.5, 2.0, "judgement"),
        "Cost of war per unit of the enemy side's strength against the state (loss-of-strength "
        "projected capability relative to its own, at home and in the theatre).",
        "Fearon (1995) doi:10.1017/S0020818300033324 (costly war); Bueno de Mesquita (1981) "
        "The War Trap (loss-of-strength gradient)"),
    CrisisParameter(
        "crisis_entry_cost", "c_0", "nonnegative",
        _u(0.0, 3.0, "judgement; to be estimated on the dispute corpus (level of war "
                     "participation)"),
        "Fixed cost of entering a war on either side: the general reluctance to go to war. "
        "The level of war participation; estimated on historical disputes with observed "
        "joining (calibrate_entry_cost, log_likelihood), never on a scenario's own units.",
        "Fearon (1995) doi:10.1017/S0020818300033324 (war is costly)"),
    CrisisParameter(
        "crisis_support_entry_cost", "c_s", "nonnegative",
        _u(0.1, 0.9, "judgement: well below the cost of entering a war"),
        "Fixed cost of supporting a side without fighting (arms, bases, money, diplomatic "
        "cover): material and political costs, far below a war's.",
        "Yarhi-Milo, Lanoszka & Cooper (2016) doi:10.1162/ISEC_a_00250 (arms as a cheaper "
        "substitute for commitment); Corbetta & Dixon (2005) doi:10.1080/07388940590915318 "
        "(non-military partisan intervention is common); judgement for the size"),
    CrisisParameter(
        "crisis_support_risk", "sigma_k", "probability",
        _u(0.1, 0.4, "judgement"),
        "Share of the war cost a supporter bears through the risk of escalation (being "
        "attacked or drawn in by the side it works against).",
        "Yarhi-Milo, Lanoszka & Cooper (2016) doi:10.1162/ISEC_a_00250 (entrapment risk of "
        "arming a client); judgement"),
    CrisisParameter(
        "crisis_trade_cost", "gamma_e", "nonnegative",
        _u(0.0, 4.0, "judgement: exposures are shares of GDP (~0-0.3)"),
        "Cost of economic coercion per unit of exposure to the side a state works against "
        "(trade exposure plus the exposure equivalent of a coercion history); borne by "
        "supporters and fighters alike.",
        "Polachek (1980) doi:10.1177/002200278002400103; Copeland (2015) Economic "
        "Interdependence and War; Drezner (1999) The Sanctions Paradox"),
    CrisisParameter(
        "crisis_coercion_exposure", "e_c", "nonnegative",
        _u(0.0, 0.1, "judgement: comparable to a trade exposure of 0-10% of GDP"),
        "Exposure equivalent of a record of economic coercion by a party (scenario dyad fact "
        "coercion_history), added to the trade exposure.",
        "Drezner (1999) The Sanctions Paradox; judgement for the size"),
    CrisisParameter(
        "crisis_domestic_weight", "delta", "nonnegative",
        _u(0.5, 2.0, "judgement"),
        "Cost of using force abroad under a domestic constraint (constitutional limit, "
        "non-alignment doctrine), waived when the state itself is hit; support without "
        "fighting is not constrained.",
        "Auerswald (1999) doi:10.1162/002081899550986; Saideman & Auerswald (2012) "
        "doi:10.1111/j.1468-2478.2011.00700.x (national caveats)"),
    CrisisParameter(
        "crisis_obligation_weight", "omega", "nonnegative",
        _u(0.5, 2.0, "judgement"),
        "Value of honouring an activated commitment (and of respecting a neutrality pledge).",
        "Leeds, Long & Mitchell (2000) doi:10.1177/0022002700044005006; Leeds (2003) "
        "doi:10.1017/S0020818303574057; Berkemeier & Fuhrmann (2018) "
        "doi:10.1177/2053168018779767"),
    CrisisParameter(
        "crisis_reputation_weight", "rho", "nonnegative",
        _u(0.0, 1.0, "judgement"),
        "Reputational cost of reneging, scaled by the state's alliance record.",
        "Gibler (2008) doi:10.1177/0022002707310003; Crescenzi et al. (2012) "
        "doi:10.1111/j.1468-2478.2011.00711.x"),
    CrisisParameter(
        "crisis_chain_weight", "chi", "nonnegative",
        _u(0.0, 1.0, "judgement"),
        "Pull of alliance ties to states expected to fight (chain-ganging), towards their "
        "side and away from the other.",
        "Christensen & Snyder (1990) doi:10.1017/S0020818300035232; Snyder (1984) "
        "doi:10.2307/2010183"),
    CrisisParameter(
        "crisis_consultation_weight", "kappa", "probability",
        _u(0.1, 0.4, "judgement: a pledge to consult is far weaker than to defend"),
        "Weight of a consultation pledge relative to a defence or offence pledge.",
        "Leeds et al. (2002) ATOP codebook (consultation pacts); judgement"),
    CrisisParameter(
        "crisis_political_weight", "lambda_pol", "probability",
        _u(0.2, 0.6, "judgement"),
        "Weight of a political (non-treaty) commitment relative to a treaty.",
        "Lipson (1991) doi:10.1017/S0020818300033191; Abbott & Snidal (2000) "
        "doi:10.1162/002081800551280"),
    CrisisParameter(
        "crisis_support_capability", "sigma_c", "probability",
        _u(0.1, 0.3, "judgement: access, logistics, arms, money"),
        "Share of its projected capability a supporting (non-fighting) state adds to a side.",
        "judgement"),
    CrisisParameter(
        "crisis_support_honour", "sigma_h", "probability",
        _u(0.2, 0.6, "judgement; NATO Art. 5 'such action as it deems necessary'"),
        "Share of the side's value (stake, commitments, alliance pull) a state expresses by "
        "supporting without fighting, and of a neutrality pledge it breaches by it.",
        "North Atlantic Treaty Art. 5 wording; Hague Convention XIII (1907) Art. 6 (a neutral "
        "may not supply war material); judgement"),
    CrisisParameter(
        "crisis_decisiveness", "m", "positive",
        _u(0.5, 2.0, "Tullock m=1 at the centre; Hirshleifer (1989) ratio form"),
        "Decisiveness of the contest success function p = X^m / (X^m + Y^m).",
        "Hirshleifer (1989) doi:10.1007/BF00153394; Jia, Skaperdas & Vaidya (2013) "
        "doi:10.1016/j.ijindorg.2012.06.007"),
    CrisisParameter(
        "crisis_aggressor_loss", "L_a", "nonnegative",
        _u(0.5, 2.0, "judgement"),
        "The aggressor's loss from defeat relative to its gain from victory (median type).",
        "Bueno de Mesquita & Lalman (1992) War and Reason; judgement"),
    CrisisParameter(
        "crisis_aggressor_cost", "c_a", "nonnegative",
        _u(0.1, 0.5, "judgement"),
        "The aggressor's cost of fighting relative to its gain from victory (median type).",
        "Fearon (1995) doi:10.1017/S0020818300033324"),
    CrisisParameter(
        "crisis_resolve_dispersion", "sigma_rho", "positive",
        _u(0.25, 1.0, "judgement: a 90% range of resolve of about 0.66-1.5 to 0.19-5.2 "
                      "times the median"),
        "Spread of the aggressor's private resolve: log resolve ~ Normal(0, sigma_rho^2). "
        "Resolve scales the aggressor's valuation of the stakes, hence its effort in the "
        "contest and the weight of its costs; third states see only that it attacked.",
        "Fearon (1994) doi:10.1177/0022002794038002004 and Fearon (2002) "
        "doi:10.1080/03050620210390 (private resolve and selection into crises); Hillman & "
        "Riley (1989) Economics & Politics 1(1) and Nti (1999) Public Choice 98 (valuations "
        "in contests)"),
    CrisisParameter(
        "crisis_guarantor_dilution", "gamma_g", "probability",
        _u(0.0, 1.0, "judgement: 0 every guarantor carries the whole obligation (the model "
                     "before 6 December 2026), 1 the obligation shared equally"),
        "How far guarantors share an obligation: each third party's activated commitment to a "
        "side is scaled by m^-gamma_g, m the deciding third parties holding an activated "
        "commitment (any kind) to that side. Registered before its fit "
        "(docs/validation-history.md, 'Shared obligations in the crisis model').",
        "Olson & Zeckhauser (1966) doi:10.2307/1927082 (an ally's share of a collective good "
        "falls with the group's size, and with it its incentive to provide)"),
)


def centre_theta() -> np.ndarray:
    """The registered defaults' centres as a parameter vector ``(P,)`` in kernel order.

    Examples
    --------
    >>> centre_theta().shape == (len(CRISIS_PARAMETERS),)
    True
    """
    return np.array([p.default.center() for p in CRISIS_PARAMETERS])


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

#: The core parameter ``treaty_reliability`` (registered by the scenario layer) is the era's
#: prior for the rate at which treaty-obliged states fight: a reported check, not a target.
RELIABILITY_CHECK = "treaty_reliability"
assert RELIABILITY_CHECK in known_parameters()
