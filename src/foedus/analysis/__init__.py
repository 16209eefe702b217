"""foedus.analysis."""
