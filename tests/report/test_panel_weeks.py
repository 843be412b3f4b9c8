"""The run report reads the panel at the weeks the run has (issue 23 §4, the panel report).

Why: the report used to read the panel at fixed weeks (52, 78, 103, 104); a run with
``--panel`` followed 30 weeks has none of them, and the page said the panel was empty.
"""

from __future__ import annotations

from pathlib import Path

from small import small_calendar, small_trial

from jobfirst_sim.report import make_report
from jobfirst_sim.report.data import load_run, panel_weeks
from jobfirst_sim.run.replicate import RunRequest, run_to_directory
from jobfirst_sim.scenario import Scenario


def _run(tmp_path: Path, scenario: Scenario) -> Path:
    out = tmp_path / "run"
    run_to_directory(RunRequest(scenario, 1, seed=3, panel=True), out)
    return out


def test_a_30_week_run_with_panel_has_its_panel_in_the_report(tmp_path: Path) -> None:
    run = _run(tmp_path, small_trial(n_kh=40, n_rf=10, weeks=30))
    assert panel_weeks(run / "panel.parquet") == [30, 52, 78]
    data = load_run(run)
    panel = data.get("panel")
    assert panel is not None and set(panel["week"]) == {30}
    assert not [p for p in data.problems if p.what == "panel.parquet"]
    result = make_report(run, lang="en")
    assert not [p for p in result.problems if p.what == "panel.parquet"]
    page = result.path.read_text("utf-8")
    assert "panel.parquet" not in page  # no "what is missing" line about it


def test_a_calendar_run_reads_its_horizon(tmp_path: Path) -> None:
    run = _run(tmp_path, small_calendar(horizon=20, scale=0.05))
    assert 20 in panel_weeks(run / "panel.parquet")
    panel = load_run(run).get("panel")
    assert panel is not None and not panel.empty
