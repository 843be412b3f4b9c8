"""The published JobFirst trial figures (T1–T5): the one table the project compares with.

Provenance: the 2018 evaluation of the randomised JobFirst trial (15 municipalities,
March 2016 – December 2017, about 4,900 citizens), as restated in the project's calibration
brief (targets T1–T5). Copied here so nothing outside the package is read at run time.
"Week" counts from each citizen's own start.

Why one table: the run summary checks these figures, the calibration fits to them and the
report draws them as reference marks; one table keeps the numbers, the populations and the
wording from drifting apart. A target names the *role* of the arm it describes (the trial's
JobFirst arm is the ``treatment``, normal effort the ``control``; ``Arm.role`` in the
scenario), never an arm name. ``tolerance`` is the acceptance band used by the calibration
check over ≥ 20 replications.

One reading of "during the project": the guide reports T3 and T4 as results of the
project (March 2016 – December 2017), so both count only what happened before the
project's end (``run.project_weeks``; a late starter was observed for less than their 104
weeks), and T4b counts its combination with hours in the same window. The readings over
each citizen's whole follow-up stay in the summary (``*_followup`` / ``placement13_share``)
for comparison, but no target uses them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

Role = Literal["treatment", "control"]


@dataclass(frozen=True)
class Target:
    """One published figure and the model outcome it is compared with."""

    id: str
    metric: str
    """Per-run outcome (outcomes.parquet) that estimates the figure."""
    role: Role
    benefit: str
    """``kontanthjaelp``, ``ressourceforloeb`` or ``all``."""
    value: float
    tolerance: float
    text: str
    weekly_metric: str | None = None
    """Column of weekly.parquet the figure can be drawn on, if any."""
    week: int | None = None
    """Week since the citizen's own start that the weekly figure refers to."""


TARGETS: Final[tuple[Target, ...]] = (
    Target("T1", "share_with_hours_w78", "treatment", "kontanthjaelp", 0.19, 0.02,
           "Share currently with ordinary hours in week 78, JobFirst, cash benefit",
           "share_wage_hours", 78),
    Target("T1", "share_with_hours_w78", "control", "kontanthjaelp", 0.12, 0.02,
           "Share currently with ordinary hours in week 78, control, cash benefit",
           "share_wage_hours", 78),
    Target("T2", "mean_wage_hours_w78", "treatment", "kontanthjaelp", 4.6, 0.7,
           "Mean ordinary hours per week in week 78 over all, JobFirst, cash benefit",
           "mean_wage_hours", 78),
    Target("T2", "mean_wage_hours_w78", "control", "kontanthjaelp", 2.75, 0.5,
           "Mean ordinary hours per week in week 78 over all, control, cash benefit",
           "mean_wage_hours", 78),
    Target("T3", "ever_hours_share", "treatment", "all", 0.24, 0.03,
           "Share with ordinary hours at some point, all JobFirst participants"),
    Target("T4", "placement13_share_project", "treatment", "all", 0.64, 0.06,
           "Share completing >= 13 consecutive weeks in a placement during the project, "
           "all JobFirst"),
    Target("T4b", "placement13_with_hours_share_project", "treatment", "all", 1 / 3, 0.0,
           "Of those completers, share combining placement with ordinary hours during the "
           "project (> 1/3)"),
    Target("T5", "mean_caseload", "treatment", "all", 41.0, 4.0,
           "Average caseload per professional in JobFirst"),
)


def within(target: Target, value: float) -> bool:
    """Whether a model value meets a target (T4b is a lower bound: more than a third)."""
    if target.id == "T4b":
        return value > target.value
    return abs(value - target.value) <= target.tolerance


def targets_for(metric: str, role: str | None, benefit: str | None = None) -> list[Target]:
    """Targets for an outcome or weekly metric of an arm with ``role`` (and benefit group)."""
    return [t for t in TARGETS
            if metric in (t.metric, t.weekly_metric) and t.role == role
            and (benefit is None or t.benefit == benefit)]
