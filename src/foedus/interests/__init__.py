"""The interests layer shared by the model families: threat, exposure, affinity, autonomy.

See ``docs/models/interests.md`` for the formulas, parameters and sources.
"""

from foedus.interests.indicators import (
    DYAD_OVERRIDES,
    STATE_OVERRIDES,
    Interests,
    compute_interests,
    loss_of_strength,
    noisy_or,
)
from foedus.interests.weights import InterestWeights

__all__ = ["DYAD_OVERRIDES", "STATE_OVERRIDES", "InterestWeights", "Interests",
           "compute_interests", "loss_of_strength", "noisy_or"]
