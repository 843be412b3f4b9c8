"""Shared fixtures."""

from __future__ import annotations

import pytest
from small import small_trial

from jobfirst_sim.scenario import Scenario


@pytest.fixture(scope="session")
def small_scenario() -> Scenario:
    """A small trial replica, built once per session."""
    return small_trial()
