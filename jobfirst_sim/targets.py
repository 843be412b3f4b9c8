"""The published JobFirst trial figures the default parameters must reproduce.

Provenance: the evaluation of the randomised JobFirst trial (15 municipalities, March 2016 -
December 2017, about 4,900 citizens), as summarised in the project's calibration brief
(targets T1-T5). Copied here so nothing outside the package is read at run time.
``tolerance`` is the acceptance band used by the calibration check over >= 20 replications.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """One published figure and where the model's matching outcome lives."""

    id: str
    metric: str
    arm: str
    benefit: str
    value: float
    tolerance: float
    text: str


TARGETS: tuple[Target, ...] = (
    Target("T1", "share_with_hours_w78", "jobfirst", "kontanthjaelp", 0.19, 0.02,
           "Share currently with ordinary hours in week 78, JobFirst, cash benefit"),
    Target("T1", "share_with_hours_w78", "control", "kontanthjaelp", 0.12, 0.02,
           "Share currently with ordinary hours in week 78, control, cash benefit"),
    Target("T2", "mean_wage_hours_w78", "jobfirst", "kontanthjaelp", 4.6, 0.7,
           "Mean ordinary hours per week in week 78 over all, JobFirst, cash benefit"),
    Target("T2", "mean_wage_hours_w78", "control", "kontanthjaelp", 2.75, 0.5,
           "Mean ordinary hours per week in week 78 over all, control, cash benefit"),
    Target("T3", "ever_hours_share", "jobfirst", "all", 0.24, 0.03,
           "Share with ordinary hours at some point, all JobFirst participants"),
    Target("T4", "placement13_share", "jobfirst", "all", 0.64, 0.06,
           "Share completing >= 13 consecutive weeks in a placement, all JobFirst"),
    Target("T4b", "placement13_with_hours_share", "jobfirst", "all", 1 / 3, 0.0,
           "Of those completers, share combining placement with ordinary hours (> 1/3)"),
    Target("T5", "mean_caseload", "jobfirst", "all", 41.0, 4.0,
           "Average caseload per professional in JobFirst"),
)


def within(target: Target, value: float) -> bool:
    """Whether a model value meets a target (T4b is a lower bound: more than a third)."""
    if target.id == "T4b":
        return value > target.value
    return abs(value - target.value) <= target.tolerance
