"""foedus.interests."""
