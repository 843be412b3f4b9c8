"""Every shipped experiment's design points run, not only load (issue "one house").

Running a whole sweep is a benchmark's job; here the first and last design point of each
experiment in ``experiments/`` run one replication on a small population (the levers and
uncertainties under test are kept; only the citizen counts shrink), so a lever path that
validates but breaks the model fails CI.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from jobfirst_sim.run.simulate import simulate
from jobfirst_sim.run.sweep import load_experiment
from jobfirst_sim.scenario import Scenario

REPO = Path(__file__).resolve().parents[2]
EXPERIMENTS = sorted((REPO / "experiments").glob("*.yaml"))


def small(scenario: Scenario, per_group: int = 15) -> Scenario:
    """The same scenario with ``per_group`` citizens per arm and benefit group."""
    return scenario.with_changes({
        f"arms.{arm.name}.citizens.{benefit}": per_group
        for arm in scenario.arms for benefit in arm.citizens
    })


@pytest.mark.slow
@pytest.mark.parametrize("path", EXPERIMENTS, ids=lambda p: p.name)
def test_first_and_last_design_points_run(path: Path) -> None:
    loaded = load_experiment(path)
    for point in (loaded.points[0], loaded.points[-1]):
        tables = simulate(small(point.scenario), 0, 7)
        out = tables.outcomes
        assert set(out["arm"]) == {a.name for a in point.scenario.arms}
        hours = out.loc[out["metric"] == "share_with_hours_w78", "value"].to_numpy(float)
        assert hours.size and np.all((hours >= 0) & (hours <= 1) | np.isnan(hours))
