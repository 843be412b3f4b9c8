"""Scenario language: schema (pydantic), loading and composition, friendly errors."""

from jobfirst_sim.scenario.errors import ScenarioError
from jobfirst_sim.scenario.loader import apply_overrides, build_scenario, load_raw, load_scenario
from jobfirst_sim.scenario.schema import Scenario

__all__ = [
    "Scenario",
    "ScenarioError",
    "apply_overrides",
    "build_scenario",
    "load_raw",
    "load_scenario",
]
