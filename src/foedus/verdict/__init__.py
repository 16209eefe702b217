"""foedus.verdict."""
