"""Friendly sweep errors, in the same style as scenario errors.

Why a subclass of :class:`~jobfirst_sim.scenario.errors.ScenarioError`: an experiment
file is written by the same people as a scenario file and fails in the same ways (a
typo, a value out of range, a design point the scenario language rejects). One error
type means one ``except`` in the CLI, one rendering ("file: dotted.path: what is wrong
(got value)") and exit code 2 without a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

from jobfirst_sim.scenario.errors import Problem, ScenarioError

__all__ = ["ExperimentError", "Problem", "StoreError"]


@dataclass
class ExperimentError(ScenarioError):
    """An experiment file (or one of its design points) that cannot be run."""


@dataclass
class StoreError(ScenarioError):
    """A results directory that cannot be used as asked (exists, other config, versions)."""
