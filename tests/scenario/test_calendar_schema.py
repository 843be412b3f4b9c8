"""The calendar: section and an arm's inflow_per_week and transition: what is refused, and how.

Why: calendar mode changes what the citizens of an arm mean (the caseload on the day of a
change), so fields that belong to a trial cohort, or to a running jobcentre, must not be
mixed silently; each mistake gets a message naming the field and what to do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jobfirst_sim.scenario import ScenarioError, load_scenario

ARM = """\
arms:
  - name: a
    design: jobfirst
    citizens: {kontanthjaelp: 100}
"""
CALENDAR = "calendar: {start_date: 2027-03-01, horizon_weeks: 30}\n"


def _message(tmp_path: Path, text: str) -> str:
    path = tmp_path / "bad.yaml"
    path.write_text("name: t\n" + text, encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    return str(err.value)


@pytest.mark.parametrize(("extra", "expected"), [
    ("    inflow_per_week: {kontanthjaelp: 2}\n", "inflow_per_week needs a calendar: section"),
    ("    transition: {handover_share: 0.5}\n", "transition needs a calendar: section"),
])
def test_calendar_fields_need_calendar(tmp_path: Path, extra: str, expected: str) -> None:
    msg = _message(tmp_path, ARM + extra)
    assert expected in msg and "bad.yaml" in msg and "arm 'a'" in msg


@pytest.mark.parametrize(("text", "path", "allowed"), [
    ("calendar: {start_date: 2027-03-01, horizon_weeks: 0}\n" + ARM,
     "calendar.horizon_weeks", "from 1 to 520"),
    ("calendar: {start_date: 2027-03-01, horizon_weeks: 521}\n" + ARM,
     "calendar.horizon_weeks", "from 1 to 520"),
    (CALENDAR + ARM + "    inflow_per_week: {kontanthjaelp: -1}\n",
     "arms.a.inflow_per_week.kontanthjaelp", "from 0 to 100,000"),
    (CALENDAR + ARM + "    transition: {handover_share: 1.2}\n",
     "arms.a.transition.handover_share", "from 0 to 1"),
    ("calendar:\n  start_date: 2027-03-01\n  horizon_weeks: 30\n  weeks_on_benefit:\n"
     "    kontanthjaelp: [{min_weeks: 50, max_weeks: 20, share: 1}]\n" + ARM,
     "calendar.weeks_on_benefit.kontanthjaelp", "max_weeks (20) must be above min_weeks"),
])
def test_bad_values_name_field_and_range(tmp_path: Path, text: str, path: str,
                                         allowed: str) -> None:
    msg = _message(tmp_path, text)
    assert path in msg and allowed in msg


@pytest.mark.parametrize("trial_field", [
    "population: {intake_weeks: 10}\n", "run: {weeks_followed: 80}\n",
    "run: {compare_with_trial: true}\n",
])
def test_trial_cohort_fields_refused_in_calendar_mode(tmp_path: Path, trial_field: str) -> None:
    msg = _message(tmp_path, CALENDAR + trial_field + ARM)
    assert "but calendar: is set" in msg and "remove" in msg


def test_good_calendar_scenario_loads(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text("name: t\n" + CALENDAR + ARM + "    inflow_per_week: {kontanthjaelp: 1.5}\n"
                    "    transition: {handover_share: 0.5, ramp_up_weeks: 8}\n",
                    encoding="utf-8")
    s = load_scenario(path)
    assert s.calendar is not None and s.total_weeks == 31 and s.observed_weeks == 30
    assert s.calendar.monday(1).isoformat() == "2027-03-08"
    tr = s.arm("a").transition
    assert tr is not None and tr.ramp_start == 0.0 and tr.design_before is None


@pytest.mark.parametrize(("date", "bound"), [("9999-12-01", "less than or equal to 2100-12-31"),
                                             ("1899-01-02", "greater than or equal to 2000-01-01")])
def test_start_date_out_of_range_is_refused_at_validation(tmp_path: Path, date: str,
                                                          bound: str) -> None:
    """A start far out of range used to pass `validate` and overflow midway through `run`
    and `compare` (issue 23 §4): `validate` names the file, the field and the range."""
    from typer.testing import CliRunner

    from jobfirst_sim.cli import app

    path = tmp_path / "far.yaml"
    path.write_text(f"name: t\ncalendar: {{start_date: {date}, horizon_weeks: 78}}\n" + ARM,
                    encoding="utf-8")
    res = CliRunner().invoke(app, ["validate", str(path)])
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output and "Overflow" not in res.output
    assert "far.yaml" in res.output and "calendar.start_date" in res.output
    assert bound in res.output and "from 2000-01-01 to 2100-12-31" in res.output


def test_the_last_start_date_runs_to_the_longest_horizon() -> None:
    """The range is safe: the Monday of the last week of the longest horizon from the last
    allowed start is a date a weekly table can hold."""
    import pandas as pd

    from jobfirst_sim.scenario.calendar import HORIZON_MAX, START_DATE_MAX, Calendar

    cal = Calendar(start_date=START_DATE_MAX, horizon_weeks=HORIZON_MAX)
    assert pd.Timestamp(cal.monday(HORIZON_MAX)).year == 2110
