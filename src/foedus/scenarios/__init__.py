"""Scenario files: schema, loader with clear errors, shipped scenarios, world assembly."""

from foedus.scenarios.build import Case, build_case, build_world
from foedus.scenarios.loader import (
           Scenario,
           SourceWarning,
           load_scenario,
           load_scenario_text,
           shipped_scenarios,
)
from foedus.scenarios.schema import json_schema

__all__ = ["Case", "Scenario", "SourceWarning", "build_case", "build_world", "json_schema",
           "load_scenario", "load_scenario_text", "shipped_scenarios"]
