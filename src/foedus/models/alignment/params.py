"""Parameters of the data-derived alignment propensities, registered with the scenario layer.

The propensity of two states to align is a weighted sum of dyadic components
(:mod:`foedus.models.alignment.propensity`); each weight, and the two scales that turn raw
indicators into components, is a scenario parameter with a default distribution and a source.
A scenario overrides any of them under ``parameters:``. :func:`sample_weights` draws them with
a seeded generator; the model functions only see plain numbers.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from foedus.errors import ParameterError
from foedus.scenarios.distributions import Uniform
from foedus.scenarios.parameters import ParameterInfo, known_parameters, register_parameter

__all__ = ["ALIGNMENT_PARAMETERS", "central_weights", "sample_weights"]

_FAMILY = "alignment"

_SPECS: dict[str, tuple[str, object, str, str]] = {
    "alignment_weight_alliance": (
        "nonnegative", Uniform(dist="uniform", low=0.5, high=1.5, source=(
            "Judgement around 1 (equal weights, as Axelrod & Bennett 1993 sum their factors "
            "with equal weight); a shared alliance is the classic revealed-alignment signal "
            "(Bueno de Mesquita 1975; Signorino & Ritter 1999).")),
        "Weight of the alliance component (ATOP defence pact 1, other ATOP obligation 0.5).",
        ("Leeds, B. A. et al. (2002). Alliance Treaty Obligations and Provisions, 1815-1944. "
         "International Interactions 28(3): 237-260. doi:10.1080/03050620213653; Signorino, C. "
         "S. & Ritter, J. M. (1999). Tau-b or not tau-b. International Studies Quarterly 43(1): "
         "115-144. doi:10.1111/0020-8833.00113")),
    "alignment_weight_un_voting": (
        "nonnegative", Uniform(dist="uniform", low=0.5, high=1.5, source=(
            "Judgement around 1: UNGA ideal points measure foreign-policy preferences "
            "(Bailey, Strezhnev & Voeten 2017).")),
        "Weight of the UN-voting affinity component (1 - distance / neutral distance).",
        ("Bailey, M. A., Strezhnev, A. & Voeten, E. (2017). Estimating dynamic state "
         "preferences from United Nations voting data. Journal of Conflict Resolution 61(2): "
         "430-456. doi:10.1177/0022002715595700")),
    "alignment_weight_disputes": (
        "nonnegative", Uniform(dist="uniform", low=0.5, high=1.5, source=(
            "Judgement around 1: recent militarised disputes mark hostile dyads (Axelrod & "
            "Bennett 1993 code a history of wars as a negative factor).")),
        "Weight of the militarised-dispute component (-(1 - exp(-MIDs in 10 years / scale))).",
        ("Palmer, G. et al. (2022). The MID5 dataset, 2011-2014. Conflict Management and Peace "
         "Science 39(4): 470-482. doi:10.1177/07388942211009001")),
    "alignment_weight_rivalry": (
        "nonnegative", Uniform(dist="uniform", low=0.5, high=1.5, source=(
            "Judgement around 1: a strategic rivalry is mutual perceived threat (Thompson & "
            "Dreyer 2012).")),
        "Weight of the strategic-rivalry component (-1 for an active rivalry).",
        ("Thompson, W. R. & Dreyer, D. R. (2012). Handbook of International Rivalries, "
         "1494-2010. CQ Press.")),
    "alignment_weight_regime": (
        "nonnegative", Uniform(dist="uniform", low=0.25, high=1.0, source=(
            "Judgement below 1: regime similarity predicts alliance (Lai & Reiter 2000) but "
            "more weakly than revealed alignment; Axelrod & Bennett 1993 code type of "
            "government as one factor.")),
        "Weight of the regime-similarity component (1 - 2 |polyarchy_i - polyarchy_j|).",
        ("Lai, B. & Reiter, D. (2000). Democracy, political similarity, and international "
         "alliances, 1816-1992. Journal of Conflict Resolution 44(2): 203-227. "
         "doi:10.1177/0022002700044002003")),
    "alignment_weight_contiguity": (
        "real", Uniform(dist="uniform", low=-0.5, high=0.5, source=(
            "Judgement centred on 0: contiguity raises both the risk of conflict (Vasquez "
            "1995) and the incentive to ally with neighbours (Gibler 1996), so its sign is "
            "itself uncertain.")),
        "Weight of the contiguity component (1 land/river border, 0.5 across water <= 400 mi).",
        ("Vasquez, J. A. (1995). Why do neighbors fight? Journal of Peace Research 32(3): "
         "277-293. doi:10.1177/0022343395032003003; Stinnett, D. M. et al. (2002). The "
         "Correlates of War project direct contiguity data, version 3. Conflict Management "
         "and Peace Science 19(2): 59-67. doi:10.1177/073889420201900203")),
    "alignment_weight_trade": (
        "nonnegative", Uniform(dist="uniform", low=0.0, high=1.0, source=(
            "Judgement: commercial ties favour alignment (Oneal & Russett 1997); the shipped "
            "bilateral trade covers only US, Japan and South Korea with China, so the "
            "component is zero elsewhere.")),
        "Weight of the trade component (trade with the partner as a share of GDP / scale, <= 1).",
        ("Oneal, J. R. & Russett, B. M. (1997). The classical liberals were right. "
         "International Studies Quarterly 41(2): 267-293. doi:10.1111/1468-2478.00042")),
    "alignment_un_neutral_distance": (
        "positive", Uniform(dist="uniform", low=0.5, high=1.0, source=(
            "Around the median pairwise ideal-point distance of all state pairs in the 2022 "
            "UNGA session (0.71, computed from the shipped Bailey-Strezhnev-Voeten data): a "
            "pair at the median is neutral, twice it maximally hostile.")),
        "Ideal-point distance at which the UN-voting component is 0.",
        "Bailey, Strezhnev & Voeten (2017)"),
    "alignment_mid_scale": (
        "positive", Uniform(dist="uniform", low=1.0, high=3.0, source=(
            "Judgement: one or two MIDs in ten years already mark a hostile dyad.")),
        "MIDs in ten years at which the dispute component reaches 1 - 1/e.",
        "Palmer et al. (2022)"),
    "alignment_trade_scale": (
        "positive", Uniform(dist="uniform", low=0.02, high=0.08, source=(
            "Judgement: bilateral trade of a few per cent of GDP is a heavy dependence.")),
        "Trade share of GDP at which the trade component saturates at 1.",
        "Oneal & Russett (1997)"),
}

#: Parameter names, in column order of the draw tables.
ALIGNMENT_PARAMETERS: tuple[str, ...] = tuple(_SPECS)

for _name, (_domain, _default, _description, _source) in _SPECS.items():
    register_parameter(ParameterInfo(name=_name, domain=_domain, default=_default,
                                     description=_description, source=_source, family=_FAMILY))


def _distributions(scenario_parameters: Mapping | None) -> dict:
    registry = known_parameters()
    given = scenario_parameters or {}
    return {n: (given.get(n) if given.get(n) is not None else registry[n].default)
            for n in ALIGNMENT_PARAMETERS}


def central_weights(scenario_parameters: Mapping | None = None) -> pd.Series:
    """The centre (mean or mode) of every alignment parameter's distribution.

    Scenario values (``case.parameters``) replace the registered defaults.

    Examples
    --------
    >>> w = central_weights()
    >>> float(w["alignment_weight_alliance"]), float(w["alignment_weight_contiguity"])
    (1.0, 0.0)
    """
    dists = _distributions(scenario_parameters)
    return pd.Series({n: float(dists[n].center()) for n in ALIGNMENT_PARAMETERS}, name="value")


def sample_weights(n_draws: int, rng: np.random.Generator,
                   scenario_parameters: Mapping | None = None) -> pd.DataFrame:
    """``n_draws`` independent draws of every alignment parameter (one row per draw).

    Examples
    --------
    >>> import numpy as np
    >>> a = sample_weights(4, np.random.default_rng(1))
    >>> b = sample_weights(4, np.random.default_rng(1))
    >>> a.shape == (4, len(ALIGNMENT_PARAMETERS)) and bool((a == b).all().all())
    True
    """
    if n_draws < 1:
        raise ParameterError(f"the number of draws must be at least 1, got {n_draws}")
    dists = _distributions(scenario_parameters)
    return pd.DataFrame({n: np.asarray(dists[n].sample(rng, n_draws), dtype=float)
                         for n in ALIGNMENT_PARAMETERS})
