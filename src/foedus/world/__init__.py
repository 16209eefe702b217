"""foedus.world."""
