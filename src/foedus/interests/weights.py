"""Parameters of the interests layer, with their defaults and sources.

Each weight is also a registered scenario parameter (``interests_<name>``) so that a scenario
can give it a distribution; :meth:`InterestWeights.from_parameters` builds the weights from
sampled or central values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from foedus.scenarios.distributions import Point, Uniform
from foedus.scenarios.parameters import ParameterInfo, register_parameter


@dataclass(frozen=True)
class InterestWeights:
    """Weights and scales of the interests indicators (see ``docs/models/interests.md``).

    Parameters
    ----------
    km_per_day : float
        Daily power-projection rate in Bueno de Mesquita's (1981) loss-of-strength gradient.
    un_scale : float
        Ideal-point distance that counts as maximal disagreement.
    mid_scale : float
        MID count at which the dispute term reaches 1 - 1/e.
    hostility_rivalry, hostility_mid, hostility_un : float
        Weights of the three hostility signals (noisy-or combination), each in [0, 1].
    affinity_un, affinity_regime, affinity_alliance : float
        Weights of the affinity similarities (normalised to sum to 1).
    affinity_enmity : float
        Weight of historical enmity subtracted from affinity.
    autonomy_doctrine : float
        Weight of a stated non-alignment doctrine against the alliance record.
    """

    km_per_day: float = 800.0
    un_scale: float = 4.67
    mid_scale: float = 3.0
    hostility_rivalry: float = 1.0
    hostility_mid: float = 0.8
    hostility_un: float = 0.5
    affinity_un: float = 1.0
    affinity_regime: float = 1.0
    affinity_alliance: float = 1.0
    affinity_enmity: float = 0.5
    autonomy_doctrine: float = 0.5

    @classmethod
    def from_parameters(cls, values: Mapping[str, float]) -> InterestWeights:
        """Weights from ``{"interests_<name>": value}`` (other keys are ignored)."""
        kwargs = {f.name: float(values[f"interests_{f.name}"]) for f in fields(cls)
                  if f"interests_{f.name}" in values}
        return cls(**kwargs)


_SOURCES = {
    "km_per_day": (
        "positive", Uniform(dist="uniform", low=400.0, high=1200.0, source=(
            "Functional form from Bueno de Mesquita (1981), The War Trap, ch. 5; the rate is a "
            "judgement (the form's 'miles per day' is era-dependent): 250-750 miles/day spans "
            "modern sea and air lift.")),
        "Daily power-projection rate (km/day) in the loss-of-strength gradient."),
    "un_scale": (
        "positive", Point(value=4.67, source=(
            "Computed: the largest pairwise distance between UNGA ideal points in session 78 "
            "(2023) of the shipped unga_ideal_points (Bailey, Strezhnev & Voeten 2017).")),
        "Ideal-point distance treated as maximal disagreement."),
    "mid_scale": (
        "positive", Uniform(dist="uniform", low=1.0, high=5.0, source=(
            "Judgement: a few militarised disputes in a decade mark a hostile dyad (cf. "
            "Diehl & Goertz 2000 on rivalry thresholds of repeated disputes).")),
        "MID count giving a dispute term of 1 - 1/e."),
    "hostility_rivalry": (
        "probability", Point(value=1.0, source=(
            "A strategic rivalry is by definition mutual perceived threat (Thompson & Dreyer "
            "2012); weight 1.")),
        "Weight of an active strategic rivalry in hostility."),
    "hostility_mid": (
        "probability", Uniform(dist="uniform", low=0.5, high=1.0, source=(
            "Judgement: recent MIDs reveal aggressive intentions (Walt 1987) but include minor "
            "incidents.")),
        "Weight of recent militarised disputes in hostility."),
    "hostility_un": (
        "probability", Uniform(dist="uniform", low=0.2, high=0.8, source=(
            "Judgement: UN voting distance measures divergent foreign-policy preferences "
            "(Bailey, Strezhnev & Voeten 2017), a weaker signal of intent than disputes.")),
        "Weight of UN ideal-point distance in hostility."),
    "affinity_un": ("nonnegative", Point(value=1.0, source="Equal weights (judgement)."),
                    "Weight of UN-vote similarity in affinity."),
    "affinity_regime": ("nonnegative", Point(value=1.0, source="Equal weights (judgement)."),
                        "Weight of regime similarity in affinity."),
    "affinity_alliance": ("nonnegative", Point(value=1.0, source="Equal weights (judgement)."),
                          "Weight of a defence tie in force in affinity."),
    "affinity_enmity": (
        "probability", Uniform(dist="uniform", low=0.25, high=0.75, source=(
            "Judgement: historical enmity (rivalry, past disputes) lowers affinity but does not "
            "outweigh present alignment.")),
        "Weight of historical enmity subtracted from affinity."),
    "autonomy_doctrine": (
        "probability", Uniform(dist="uniform", low=0.3, high=0.7, source=(
            "Judgement: stated doctrine and revealed alliance record weigh about equally.")),
        "Weight of a stated non-alignment doctrine in autonomy preference."),
}

for _name, (_domain, _default, _description) in _SOURCES.items():
    register_parameter(ParameterInfo(
        name=f"interests_{_name}", domain=_domain, default=_default, description=_description,
        source=_default.source or "", family="interests"))
