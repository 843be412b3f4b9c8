"""Scenario language: schema (pydantic), loading and composition, friendly errors.

The public names are loaded on first use (PEP 562), so importing a light submodule —
``jobfirst_sim.scenario.bounds``, which the command line reads at start-up — does not
build every pydantic model first.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jobfirst_sim.scenario.errors import ScenarioError
    from jobfirst_sim.scenario.loader import (
        apply_overrides,
        build_scenario,
        load_raw,
        load_scenario,
        with_changes,
    )
    from jobfirst_sim.scenario.schema import Scenario
    from jobfirst_sim.scenario.staffing_check import staffing_warnings

__all__ = [
    "Scenario",
    "ScenarioError",
    "apply_overrides",
    "build_scenario",
    "load_raw",
    "load_scenario",
    "staffing_warnings",
    "with_changes",
]

_HOME = {
    "Scenario": "jobfirst_sim.scenario.schema",
    "ScenarioError": "jobfirst_sim.scenario.errors",
    "apply_overrides": "jobfirst_sim.scenario.loader",
    "build_scenario": "jobfirst_sim.scenario.loader",
    "load_raw": "jobfirst_sim.scenario.loader",
    "load_scenario": "jobfirst_sim.scenario.loader",
    "staffing_warnings": "jobfirst_sim.scenario.staffing_check",
    "with_changes": "jobfirst_sim.scenario.loader",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(_HOME[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
