"""One replication of a scenario → its tables.

Why its own module: everything that runs the model (replications, sweeps, explain, and
later compare and pilot power) runs it through :func:`simulate`, on any executor. A
replication depends only on the scenario, the root seed and its replication number, so
where and in which order replications run can never change a table.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import pandas as pd

from jobfirst_sim.scenario.schema import Scenario

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

    @staticmethod
    def concat(parts: list[RunTables]) -> RunTables:
        """Stack replications (in the given order)."""
        out: dict[str, Any] = {}
        for f in fields(RunTables):
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
    from jobfirst_sim.model import tables
    from jobfirst_sim.model.jobcentre import JobcentreModel

    options: dict[str, Any] = {"panel": panel, "journeys_per_arm": journeys_per_arm}
    if agents is not None:
        options["agents"] = agents
    model = JobcentreModel(scenario, root_seed, replication, **options)
    model.run_model()
    rec = model.recorder
    return RunTables(
        weekly=tables.weekly_table(model),
        outcomes=tables.outcomes_table(model),
        funnel=tables.funnel_table(model),
        staff=tables.staff_table(model),
        companies=tables.companies_table(model),
        journeys=tables.panel_frame(model, rec.journey_rows),
        panel=tables.panel_frame(model, rec.rows) if panel else None,
    )


@dataclass(frozen=True)
class Replication:
    """A task for the executors: replication ``replication`` of ``scenario``."""

    scenario: Scenario
    replication: int
    root_seed: int
    panel: bool = False

    @property
    def key(self) -> int:
        return self.replication


def simulate_replication(task: Replication) -> RunTables:
    """Run one :class:`Replication` (module level, so it pickles to any worker)."""
    return simulate(task.scenario, task.replication, task.root_seed, panel=task.panel)
