"""Sweeps: run a scenario over many designs and replications, resumably, at any scale.

Public API::

    from jobfirst_sim.run.sweep import load_experiment, run_sweep, query
    report = run_sweep("experiments/caseload_x_roles.yaml", "results/cxr", executor="process")

See docs/sweeps.md for the experiment language, the store layout and scaling out on Dask.
"""

from jobfirst_sim.run.errors import ExperimentError, StoreError
from jobfirst_sim.run.sweep.core import SweepReport, run_sweep
from jobfirst_sim.run.sweep.experiment import LoadedExperiment, load_experiment
from jobfirst_sim.run.sweep.query import query
from jobfirst_sim.run.sweep.spec import Experiment

__all__ = [
    "Experiment",
    "ExperimentError",
    "LoadedExperiment",
    "StoreError",
    "SweepReport",
    "load_experiment",
    "query",
    "run_sweep",
]
