"""foedus.data."""
