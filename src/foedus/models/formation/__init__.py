"""Alliance formation: who would join which design, and why.

The membership model (``docs/models/formation.md``): each invited state weighs the security it
gains (deterrence included), its stake in the security of the states it cares about and the
abandonment it risks by staying out, against the entrapment, coercion, autonomy, distrust and
domestic costs of joining, given who else joins; stable membership profiles are found by
exhaustive search (or best-response dynamics) under Monte Carlo draws of the parameters, or,
at any scale, the logit quantal-response equilibrium (``qre``) with batched log-likelihoods
for the history corpora (``likelihood``, ``rows``).
"""

from foedus.models.formation.analysis import (
    DesignResult,
    FormationResult,
    analyze,
    analyze_design,
    decide,
)
from foedus.models.formation.equilibrium import (
    StableProfiles,
    best_response,
    stable_profiles,
    stable_profiles_loop,
)
from foedus.models.formation.game import FormationError, FormationGame, build_game
from foedus.models.formation.params import (
    FORMATION_PARAMETERS,
    FormationDraws,
    central_parameters,
    sample_parameters,
)
from foedus.models.formation.rows import NOT_IDENTIFIED
from foedus.models.formation.utility import (
    TERMS,
    VALUE_TERMS,
    decision_terms,
    profile_table,
    profile_terms,
    value_terms,
)

__all__ = [
    "FORMATION_PARAMETERS",
    "NOT_IDENTIFIED",
    "TERMS",
    "VALUE_TERMS",
    "DesignResult",
    "FormationDraws",
    "FormationError",
    "FormationGame",
    "FormationResult",
    "StableProfiles",
    "analyze",
    "analyze_design",
    "best_response",
    "build_game",
    "central_parameters",
    "decide",
    "decision_terms",
    "profile_table",
    "profile_terms",
    "sample_parameters",
    "stable_profiles",
    "stable_profiles_loop",
    "value_terms",
]
