"""Every shipped scenario runs (scaled down) and produces the documented tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobfirst_sim.run.simulate import simulate
from jobfirst_sim.scenario import build_scenario, load_raw
from jobfirst_sim.scenario.loader import apply_overrides

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario_runs_scaled_down(path: Path):
    raw = load_raw(path)
    # a running jobcentre in calendar time has a horizon instead of a trial's follow-up
    over: dict[str, object] = ({"calendar.horizon_weeks": 80} if raw.get("calendar") else
                               {"run.weeks_followed": 80, "population.intake_weeks": 4})
    for i, _arm in enumerate(raw["arms"]):
        over[f"arms.{i}.citizens"] = {"kontanthjaelp": 40, "ressourceforloeb": 10}
    scen = build_scenario(apply_overrides(raw, over), str(path))
    tables = simulate(scen, 0, 1, agents=False)
    arms = {a.name for a in scen.arms}
    assert set(tables.weekly["arm"]) == arms
    got = tables.outcomes.query("municipality == 'all' and benefit == 'all'")
    assert set(got["metric"]) >= {"share_with_hours_w78", "mean_wage_hours_w78",
                                  "ever_hours_share", "placement13_share", "mean_caseload"}
    assert got["value"].notna().all()
