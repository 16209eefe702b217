"""foedus.scenarios."""
