"""Shipped parameter sets (YAML files): see :mod:`foedus.scenarios.parameter_sets`."""
