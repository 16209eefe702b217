"""Shared fixtures: the flagship case is built once per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def flagship():
    from foedus.scenarios import build_case, load_scenario

    return build_case(load_scenario("asian-nato-2024"))
