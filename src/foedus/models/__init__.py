"""foedus.models."""
