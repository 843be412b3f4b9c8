"""One replication of a scenario → its tables.

Why its own module: everything that runs the model (the study spine, :mod:`.study`, and
the sweeps) runs it through :func:`simulate` or :func:`run_model`, on any executor. A
replication depends only on the scenario, the root seed and its replication number, so
where and in which order replications run can never change a table.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from jobfirst_sim.scenario.schema import Scenario

if TYPE_CHECKING:
    from jobfirst_sim.model.jobcentre import JobcentreModel

TABLES: tuple[str, ...] = ("weekly", "outcomes", "funnel", "staff", "companies", "journeys")
"""Tables every run writes (docs/outputs.md); ``panel`` is optional."""


@dataclass
class RunTables:
    """The tables of one or more replications (docs/outputs.md)."""

    weekly: pd.DataFrame
    outcomes: pd.DataFrame
    funnel: pd.DataFrame
    staff: pd.DataFrame
    companies: pd.DataFrame
    journeys: pd.DataFrame
    panel: pd.DataFrame | None = None
    panel_parquet: bytes | None = None
    """A replication's panel as Parquet bytes, from a worker that cannot reach our disk
    (:mod:`.panel_file`); spilled to the run's folder as soon as it arrives."""

    @staticmethod
    def concat(parts: list[RunTables]) -> RunTables:
        """Stack replications (in the given order); ``panel_parquet`` is never stacked."""
        out: dict[str, Any] = {}
        for f in fields(RunTables):
            if f.name == "panel_parquet":
                continue
            frames = [getattr(p, f.name) for p in parts if getattr(p, f.name) is not None]
            out[f.name] = pd.concat(frames, ignore_index=True) if frames else None
        return RunTables(**out)


def simulate(scenario: Scenario, replication: int, root_seed: int, *, panel: bool = False,
             journeys_per_arm: int = 10, agents: bool | None = None) -> RunTables:
    """Run one replication of a scenario and return its tables.

    All randomness derives from ``SeedSequence(root_seed, spawn_key=(replication, ...))``;
    the design is not part of the key, so designs compared with the same seed meet the same
    citizens, companies and draws (common random numbers). ``agents`` is passed to the
    model only when given (the model decides by default whether Mesa agents are built).
    """
    from jobfirst_sim.model.observe import tables

    model, out = _run_model(scenario, replication, root_seed, panel=panel,
                            journeys_per_arm=journeys_per_arm, agents=agents)
    if panel:
        blocks = list(tables.panel_blocks(model))
        out.panel = (pd.concat(blocks, ignore_index=True) if blocks
                     else tables.panel_frame(model, []))
    return out


def run_model(scenario: Scenario, replication: int, root_seed: int, *, panel: bool,
              journeys_per_arm: int = 10, agents: bool | None = None,
              weekly: bool = True) -> JobcentreModel:
    """Run the model and return it, without building any table.

    Why public: a decision that needs one lean per-citizen array (``jobfirst pilot``:
    who has ordinary hours in which week) reads it from the model
    (:func:`jobfirst_sim.model.observe.tables.hours_by_week`) instead of paying for every table.
    The randomness is that of :func:`simulate` (same key, same streams).
    """
    from jobfirst_sim.model.jobcentre import JobcentreModel

    options: dict[str, Any] = {"panel": panel, "journeys_per_arm": journeys_per_arm,
                               "weekly": weekly}
    if agents is not None:
        options["agents"] = agents
    model = JobcentreModel(scenario, root_seed, replication, **options)
    model.run_model()
    return model


def _run_model(scenario: Scenario, replication: int, root_seed: int, *, panel: bool,
               journeys_per_arm: int = 10, agents: bool | None = None
               ) -> tuple[JobcentreModel, RunTables]:
    """Run the model; return it (for its panel) and its tables without the panel."""
    from jobfirst_sim.model.observe import tables

    model = run_model(scenario, replication, root_seed, panel=panel,
                      journeys_per_arm=journeys_per_arm, agents=agents)
    return model, RunTables(
        weekly=tables.weekly_table(model),
        outcomes=tables.outcomes_table(model),
        funnel=tables.funnel_table(model),
        staff=tables.staff_table(model),
        companies=tables.companies_table(model),
        journeys=tables.panel_frame(model, model.recorder.journey_rows),
    )


@dataclass(frozen=True)
class Replication:
    """A task for the executors: replication ``replication`` of ``scenario``."""

    scenario: Scenario
    replication: int
    root_seed: int
    panel: bool = False
    panel_dir: str | None = None
    """Where this process may write its part of the panel (None: return it as bytes)."""

    @property
    def key(self) -> int:
        return self.replication


def simulate_replication(task: Replication) -> RunTables:
    """Run one :class:`Replication` (module level, so it pickles to any worker).

    With ``panel`` the panel never becomes one frame: it is written block by block of
    citizens to its part file in ``panel_dir`` (or to bytes returned in ``panel_parquet``)
    -- see :mod:`.panel_file`.
    """
    if not task.panel:
        return simulate(task.scenario, task.replication, task.root_seed)
    from jobfirst_sim.model.observe.tables import panel_blocks
    from jobfirst_sim.run.panel_file import part_bytes, part_path, write_part

    model, out = _run_model(task.scenario, task.replication, task.root_seed, panel=True)
    if task.panel_dir is not None:
        write_part(panel_blocks(model), part_path(Path(task.panel_dir), task.replication))
    else:
        out.panel_parquet = part_bytes(panel_blocks(model))
    # the store is most of the replication's memory and the model sits in reference cycles
    # (agents, recorder) that wait for the collector: let go of both before the next one
    model.recorder.panel_store = None
    del model
    gc.collect()
    return out
