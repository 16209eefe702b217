"""Parameters of the membership (alliance-formation) model, registered with the scenario layer.

Every weight is expressed in units of the security term (the numeraire: one unit is one
threat-weighted unit of deterrence probability, see ``docs/models/formation.md``). Each is a
judgement with a stated rationale and a wide distribution; a scenario may override any of
them under ``parameters:`` (with a ``source:``). :func:`sample_parameters` draws them with a
seeded generator; models only see the resulting arrays.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from foedus.errors import ParameterError
from foedus.scenarios.distributions import Beta, Point, Triangular, Uniform
from foedus.scenarios.parameters import ParameterInfo, known_parameters, register_parameter

__all__ = ["FORMATION_PARAMETERS", "FormationDraws", "central_parameters", "sample_parameters"]

_FAMILY = "formation"
_JUDGEMENT = ("judgement (foedus formation model); deliberately wide so that the verdict reports "
              "where conclusions flip rather than resting on one value")

#: name -> (domain, default distribution, description, source)
_SPECS: dict[str, tuple[str, object, str, str]] = {
    "formation_political_weight": (
        "probability", Uniform(dist="uniform", low=0.1, high=0.5, source=(
            "Lipson (1991) informal agreements are less credible than treaties; Leeds (2003) "
            "treaty reliability. The range is a judgement.")),
        ("Protective value of a political (non-treaty) commitment to consult, as a share of a "
        "treaty defence commitment's."),
        ("Lipson, C. (1991). Why are some international agreements informal? International "
        "Organization 45(4): 495-538. doi:10.1017/S0020818300033191")),
    "formation_entrapment_weight": (
        "nonnegative", Uniform(dist="uniform", low=0.5, high=2.0, source=_JUDGEMENT),
        ("Weight of the expected cost of new obligations to fight in contingencies the state "
        "has little stake in (Snyder's entrapment)."),
        ("Snyder, G. H. (1984). The security dilemma in alliance politics. World Politics 36(4): "
        "461-495. doi:10.2307/2010183")),
    "formation_coercion_weight": (
        "nonnegative", Uniform(dist="uniform", low=1.0, high=5.0, source=_JUDGEMENT),
        ("Utility cost of losing trade worth 100% of GDP (exposure is trade/GDP), i.e. the "
        "exchange rate between expected coercion losses and security."),
        ("Drezner, D. W. (1999). The Sanctions Paradox. Cambridge University Press. "
        "doi:10.1017/CBO9780511549366")),
    "formation_coercion_base_rate": (
        "probability", Beta(dist="beta", a=2.0, b=8.0, source=(
            "Judgement: economic coercion of a state for a security alignment is the exception "
            "(mean 0.2); see Drezner 1999 on coercion among adversaries.")),
        "Probability that an adversary coerces a member economically absent any record.",
        "Drezner (1999), ch. 2"),
    "formation_coercion_history_uplift": (
        "probability", Uniform(dist="uniform", low=0.2, high=0.6, source=(
            "Judgement: a record of coercion of the same state (scenario dyad fact "
            "coercion_history) makes repetition more likely.")),
        "Added probability of coercion when the adversary has coerced the state before.",
        "Drezner (1999); scenario dyad facts coercion_history"),
    "formation_distrust_weight": (
        "nonnegative", Uniform(dist="uniform", low=0.05, high=0.35, source=(
            "Judgement: total dependence on a maximally hostile co-member (affinity -1, all of "
            "the capability defending the state) costs about as much as the largest security "
            "gain one great-power ally brings (about 0.2 in the flagship).")),
        ("Cost per unit of negative affinity with a co-member, weighted by that co-member's "
        "share of the capability that would defend the state (times the political weight for "
        "a design without a binding clause)."),
        ("Weitsman, P. A. (2004). Dangerous Alliances. Stanford University Press; Snyder, G. H. "
        "(1997). Alliance Politics. Cornell University Press; Kydd, A. H. (2005). Trust and "
        "Mistrust in International Relations. Princeton University Press.")),
    "formation_domestic_weight": (
        "nonnegative", Uniform(dist="uniform", low=0.1, high=1.0, source=_JUDGEMENT),
        ("Cost of a binding defence clause per unit of domestic obstacle (a constitutional "
        "limit, or the shortfall of the government's seats below the ratification threshold)."),
        ("Putnam, R. D. (1988). Diplomacy and domestic politics: the logic of two-level games. "
        "International Organization 42(3): 427-460. doi:10.1017/S0020818300027697")),
    "formation_cost_collective_defence": (
        "nonnegative", Triangular(dist="triangular", low=0.0, mode=0.05, high=0.2,
                                  source=_JUDGEMENT),
        "Autonomy cost of taking on a new binding defence obligation (Morrow).",
        ("Morrow, J. D. (1991). Alliances and asymmetry: an alternative to the capability "
        "aggregation model of alliances. American Journal of Political Science 35(4): 904-933. "
        "doi:10.2307/2111499")),
    "formation_cost_foreign_command": (
        "nonnegative", Triangular(dist="triangular", low=0.0, mode=0.05, high=0.2,
                                  source=_JUDGEMENT),
        ("Autonomy cost of placing forces under an integrated command one does not lead "
        "(scaled by 1 - 1/L for a co-leader among L)."),
        "Morrow (1991)"),
    "formation_cost_shared_base_control": (
        "nonnegative", Triangular(dist="triangular", low=0.0, mode=0.05, high=0.2,
                                  source=_JUDGEMENT),
        "Autonomy cost to a base user of sharing control of its bases with the host.",
        "Morrow (1991); Cooley, A. (2008). Base Politics. Cornell University Press."),
    "formation_cost_foreign_forces": (
        "nonnegative", Triangular(dist="triangular", low=0.0, mode=0.05, high=0.2,
                                  source=_JUDGEMENT),
        "Autonomy cost of hosting a co-member's forces on one's soil (new basing).",
        "Morrow (1991); Cooley (2008)"),
    "formation_value_leadership": (
        "nonnegative", Triangular(dist="triangular", low=0.0, mode=0.05, high=0.2,
                                  source=_JUDGEMENT),
        ("Autonomy (influence) gained by leading the alliance, divided among co-leaders: the "
        "strong partner's side of Morrow's security-autonomy trade."),
        "Morrow (1991)"),
    "formation_value_basing_rights": (
        "nonnegative", Triangular(dist="triangular", low=0.0, mode=0.03, high=0.1,
                                  source=_JUDGEMENT),
        "Autonomy (influence) gained by new rights to station forces on a co-member's soil.",
        "Morrow (1991)"),
    # ---- version 4 (docs/models/formation-v4-decisions.md) ----
    "formation_deterrence_weight": (
        "probability", Uniform(dist="uniform", low=0.25, high=1.0, source=(
            "Leeds (2003) AJPS 47(3): defensive commitments to a potential target reduce the "
            "probability that it is challenged; Johnson & Leeds (2011) FPA 7(1); Benson (2011) "
            "JOP 73(4) estimates an 18% average reduction. tau = 1 is the crisis model's "
            "deterrence condition with a uniform cost-benefit ratio; the lower bound is a "
            "judgement.")),
        ("Deterrence weight tau: an adversary attacks with probability q**tau, q its "
        "probability of prevailing against the state's expected defenders (0: alliances only "
        "change the odds of winning; 1: they also deter in full proportion)."),
        ("Leeds, B. A. (2003). Do alliances deter aggression? American Journal of Political "
        "Science 47(3): 427-439. doi:10.1111/1540-5907.00031; Smith, A. (1995). Alliance "
        "formation and war. International Studies Quarterly 39(4): 405-425.")),
    "formation_ally_security_weight": (
        "probability", Uniform(dist="uniform", low=0.25, high=0.75, source=(
            "Judgement: a state values another's security at most as much as its own; the "
            "interest weight itself (affinity, shared threat) comes from the interests layer "
            "(Altfeld & Bueno de Mesquita 1979).")),
        ("Value eta of a unit of another state's security, per unit of interest in it, "
        "relative to a unit of one's own (the patron's stake in its allies' security)."),
        ("Altfeld, M. F., & Bueno de Mesquita, B. (1979). Choosing sides in wars. International "
        "Studies Quarterly 23(1): 87-112. doi:10.2307/2600275; Morrow (1991)")),
    "formation_adhoc_support": (
        "probability", Uniform(dist="uniform", low=0.05, high=0.25, source=(
            "Judgement: states without a treaty join their partners' wars far less often "
            "than treaty allies (Leeds 2003: alliances inform challengers about intervention; "
            "treaty reliability 0.41, Berkemeier & Fuhrmann 2018); the intervention corpus "
            "can estimate it.")),
        ("Probability rho_0 that a state fully interested in another's security (interest 1) "
        "helps it without a treaty; scaled by its interest in that state."),
        "Leeds (2003); Snyder, G. H. (1997). Alliance Politics. Cornell University Press."),
    "formation_cost_institution": (
        "nonnegative", Triangular(dist="triangular", low=0.0, mode=0.01, high=0.04,
                                  source=_JUDGEMENT),
        ("Autonomy cost of each standing institutional commitment newly taken on (access "
        "rights, intelligence sharing, technology sharing, standing exercises)."),
        ("Morrow (1991); Mattes, M. (2012). Reputation, symmetry, and alliance design. "
        "International Organization 66(4): 679-707.")),
    "formation_precision": (
        "positive", Uniform(dist="uniform", low=10.0, high=40.0, source=(
            "Judgement: membership values are of order 0.1, so lambda 10-40 spans a soft to a "
            "sharp logit response (McKelvey & Palfrey 1995).")),
        ("Logit precision lambda of the quantal-response membership equilibrium (used by the "
        "QRE solution concept and the likelihoods, not by the stable-profile search)."),
        ("McKelvey, R. D., & Palfrey, T. R. (1995). Quantal response equilibria for normal "
        "form games. Games and Economic Behavior 10(1): 6-38. doi:10.1006/game.1995.1023")),
}

#: The names of the formation parameters, in the column order of :class:`FormationDraws`.
FORMATION_PARAMETERS: tuple[str, ...] = ("treaty_reliability", *_SPECS)

for _name, (_domain, _default, _description, _source) in _SPECS.items():
    register_parameter(ParameterInfo(name=_name, domain=_domain, default=_default,
                                     description=_description, source=_source, family=_FAMILY))


@dataclass(frozen=True)
class FormationDraws:
    """Parameter values, one row per draw (column order :data:`FORMATION_PARAMETERS`).

    Examples
    --------
    >>> d = central_parameters()
    >>> d.values.shape == (1, len(FORMATION_PARAMETERS))
    True
    >>> round(float(d["treaty_reliability"][0]), 2)
    0.41
    """

    values: np.ndarray
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        v = np.atleast_2d(np.asarray(self.values, dtype=float))
        if v.shape[1] != len(FORMATION_PARAMETERS) or not np.all(np.isfinite(v)):
            raise ParameterError(f"formation parameter draws must be finite with "
                                 f"{len(FORMATION_PARAMETERS)} columns, got shape {v.shape}")
        if np.any(v < 0):
            raise ParameterError("formation parameters must all be non-negative")
        object.__setattr__(self, "values", v)

    def __getitem__(self, name: str) -> np.ndarray:
        return self.values[:, FORMATION_PARAMETERS.index(name)]

    def __len__(self) -> int:
        return self.values.shape[0]

    def replace(self, **fixed: float) -> FormationDraws:
        """The same draws with some parameters fixed to a value (for sensitivity)."""
        v = self.values.copy()
        for name, value in fixed.items():
            if name not in FORMATION_PARAMETERS:
                raise ParameterError(f"unknown formation parameter {name!r}")
            v[:, FORMATION_PARAMETERS.index(name)] = value
        return FormationDraws(v, self.sources)


def _distributions(scenario_parameters: Mapping | None) -> dict:
    registry = known_parameters()
    out = {}
    for name in FORMATION_PARAMETERS:
        given = (scenario_parameters or {}).get(name)
        out[name] = given if given is not None else registry[name].default
    return out


def central_parameters(scenario_parameters: Mapping | None = None) -> FormationDraws:
    """One draw at the centre (mode or mean) of every distribution.

    Examples
    --------
    >>> round(float(central_parameters()["formation_entrapment_weight"][0]), 2)
    1.25
    """
    dists = _distributions(scenario_parameters)
    return FormationDraws(np.array([[dists[n].center() for n in FORMATION_PARAMETERS]]),
                          tuple(_source(dists[n]) for n in FORMATION_PARAMETERS))


def sample_parameters(n_draws: int, rng: np.random.Generator,
                      scenario_parameters: Mapping | None = None) -> FormationDraws:
    """``n_draws`` independent draws of every formation parameter (seeded by ``rng``).

    Scenario values (``case.parameters``) replace the registered defaults.

    Examples
    --------
    >>> import numpy as np
    >>> a = sample_parameters(5, np.random.default_rng(1)).values
    >>> b = sample_parameters(5, np.random.default_rng(1)).values
    >>> bool((a == b).all())
    True
    """
    if n_draws < 1:
        raise ParameterError(f"the number of draws must be at least 1, got {n_draws}")
    dists = _distributions(scenario_parameters)
    columns = [np.asarray(dists[n].sample(rng, n_draws), dtype=float)
               for n in FORMATION_PARAMETERS]
    return FormationDraws(np.column_stack(columns),
                          tuple(_source(dists[n]) for n in FORMATION_PARAMETERS))


def _source(dist) -> str:
    return getattr(dist, "source", None) or "no source given"


def point(value: float) -> Point:
    """A point distribution (helper for tests)."""
    return Point(value=value, source="test")
