"""foedus.interfaces.cli."""
