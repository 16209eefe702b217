"""foedus.interfaces."""
