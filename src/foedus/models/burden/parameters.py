"""The burden parameters of the scenario layer's registry (``burden_*``).

Registered here, by the convention ``foedus.models.<family>.parameters``, so that any scenario
load checks their domains (see :func:`foedus.scenarios.parameters.known_parameters`).
Sources and rationale: ``docs/models/burden.md`` (Parameters).
"""

from __future__ import annotations

from foedus.scenarios.distributions import Triangular, Uniform
from foedus.scenarios.parameters import ParameterInfo, register_parameter

__all__ = ["PARAMETERS"]

_SECURITY_SOURCE = (
    "Judgement. a is the burden a member would carry alone (docs/models/burden.md); in this "
    "model the hub, which receives little spill-in from allies 11,000-16,000 km away, spends "
    "close to a, and the US spent 3.3-3.6% of GDP in 2015-2024 (SIPRI, shipped data) - partly "
    "for commitments outside this alliance, hence a mode below it; BurdenParams default 0.03."
)
_PRIVATE_SOURCE = (
    "Judgement. Joint products (Sandler 1977; Murdoch & Sandler 1984, J. Public Econ. 25: "
    "83-101, found allies' spending partly private - country-specific - after NATO's 1967 "
    "flexible-response doctrine); no estimate of t in this parametrisation was found. t = 0 "
    "gives corner solutions in which the smallest members spend nothing, which every member's "
    "observed spending contradicts."
)
_DECAY_SOURCE = (
    "Judgement; no published estimate found. Capital distances in the bloc run from 1,159 km "
    "(Tokyo-Seoul) to 15,947 km (Washington-Canberra); 5,000 km keeps neighbours' spill-ins "
    "strong (Tokyo-Seoul 0.79) and trans-Pacific ones weak (Washington-Tokyo 0.11). Capital "
    "distance ignores forward-deployed forces, so it understates US spill-ins."
)

PARAMETERS = {
    "burden_security_weight": ParameterInfo(
        name="burden_security_weight", domain="probability",
        default=Triangular(dist="triangular", low=0.02, mode=0.03, high=0.04,
                           source=_SECURITY_SOURCE),
        description="Weight of security in utility (a): the defence burden of a member alone.",
        source=_SECURITY_SOURCE, family="burden"),
    "burden_private_share": ParameterInfo(
        name="burden_private_share", domain="probability",
        default=Uniform(dist="uniform", low=0.0, high=0.6, source=_PRIVATE_SOURCE),
        description="Private (country-specific) share of the benefit of own defence (t).",
        source=_PRIVATE_SOURCE, family="burden"),
    "burden_spill_in_decay_km": ParameterInfo(
        name="burden_spill_in_decay_km", domain="positive",
        default=Triangular(dist="triangular", low=1500.0, mode=5000.0, high=15000.0,
                           source=_DECAY_SOURCE),
        description="Distance over which an ally's protection falls by a factor e (km).",
        source=_DECAY_SOURCE, family="burden"),
}
for _info in PARAMETERS.values():
    register_parameter(_info)
