"""Which week a decision metric is read at, and whether the scenario observes it.

Why its own module: a metric named ``..._w78`` is read at each citizen's week 78, and a
scenario followed 30 weeks (or a 30-week calendar horizon) has nobody there; the decision
commands must then read the horizon or refuse, never write an answer of blanks
(issue 23 §4). Pure: names and the scenario in, a name or a message out.
"""

from __future__ import annotations

import re

from jobfirst_sim.decide.levers import ExplainError
from jobfirst_sim.scenario.schema import Scenario

__all__ = ["AT_HORIZON", "check_observable", "default_metric", "metric_week"]


def metric_week(metric: str) -> int | None:
    """The citizen's week a metric is read at (``share_with_hours_w78``: 78; None: the end
    of the run)."""
    found = re.search(r"_w(\d+)$", metric)
    return int(found.group(1)) if found else None


AT_HORIZON: dict[str, str] = {"share_with_hours_w78": "share_with_hours_end",
                              "mean_wage_hours_w78": "mean_wage_hours_end"}
"""Each week-78 metric and the same figure read at the citizen's last observed week."""


def default_metric(scenario: Scenario, metric: str = "share_with_hours_w78") -> str:
    """The metric ``explain`` reads when none is asked for: ``metric`` where the scenario
    observes its week, else the same figure at the last observed week (the horizon).

    Why not simply week 78: a scenario followed 30 weeks has no citizen at week 78, and
    an explanation of nothing would print blanks and still write its files.
    """
    week = metric_week(metric)
    if week is not None and week > scenario.observed_weeks:
        return AT_HORIZON.get(metric, metric)
    return metric


def check_observable(metric: str, scenario: Scenario) -> None:
    """Refuse a metric read at a week no citizen of the scenario reaches.

    Raises:
        ExplainError: naming ``--metric``, the last observed week and what to choose.
    """
    week = metric_week(metric)
    last = scenario.observed_weeks
    if week is None or week <= last:
        return
    field = "calendar.horizon_weeks" if scenario.calendar is not None else "run.weeks_followed"
    instead = AT_HORIZON.get(metric)
    choose = (f"--metric {instead} (the same figure at the last observed week)"
              if instead else "a metric read at the end of the run")
    raise ExplainError(
        f"--metric {metric}: it is read at each citizen's week {week}, but the scenario "
        f"observes citizens to week {last} ({field} {last}); choose {choose}, or a "
        f"{field} of at least {week}")
