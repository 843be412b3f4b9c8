"""The placement as practice runs it, in the model (issue 22 §5): the review at week 13
closes every placement whose sub-goals are met, and transition support in the first
weeks is paid for in the time budget and keeps placements going."""

from __future__ import annotations

from small import small_trial

from jobfirst_sim.domain import Task
from jobfirst_sim.model.jobcentre import WEEK
from jobfirst_sim.model.rules import placement
from jobfirst_sim.model.stages.time_budget import COL
from jobfirst_sim.model.world import World


def _week(w: World) -> None:
    for stage in WEEK:
        stage(w)
    w.week += 1


def test_the_review_leaves_no_placement_with_its_sub_goals_met_running():
    w = World(small_trial(n_kh=300, n_rf=100, weeks=60), 11, 0)
    b = w.beh.placement
    thr = placement.mastery_threshold(weeks_to_first_hours=b.weeks_to_first_hours,
                                      mastery_rate=b.mastery_rate)
    reviewed = extended = 0
    for _ in range(60):
        _week(w)
        c = w.citizens
        at = (c.company >= 0) & (c.weeks_in_placement == b.review_week)
        # still running after the review without hours: the sub-goals not met (or none);
        # met sub-goals either brought hours (convert) or closed the placement
        assert not (at & c.agreement & (c.mastery >= thr) & (c.wage_hours <= 0)).any()
        extended += int(at.sum())
        reviewed += int(((c.company >= 0) & (c.weeks_in_placement > b.review_week)).sum())
    assert extended > 0 and reviewed > 0  # placements were extended past the review
    assert not ((w.citizens.company >= 0) & (w.citizens.weeks_in_placement > b.max_weeks)).any()


def _run(weeks: int = 40, **over: object) -> World:
    w = World(small_trial(n_kh=300, n_rf=100, weeks=weeks, **over), 5, 0)
    for _ in range(weeks):
        _week(w)
    return w


def test_transition_support_costs_time_and_keeps_placements():
    """With a large start-up risk, full protection by support keeps more placements to
    13 weeks than none; the support is a task in the professionals' week."""
    risky = {"behaviour.placement.startup_hazard": 4.0}
    full = _run(**risky, **{"behaviour.placement.transition_support_protection": 1.0})
    none = _run(**risky, **{"behaviour.placement.transition_support_protection": 0.0})
    assert full.staff.time_demand[:, COL[Task.transition]].sum() > 0
    assert full.staff.time_served[:, COL[Task.transition]].sum() > 0
    reached = [int((x.citizens.placement13_week >= 0).sum()) for x in (full, none)]
    assert reached[0] > reached[1]
    free = _run(**{"behaviour.time.transition_contact_hours": 0.0})
    assert free.staff.time_demand[:, COL[Task.transition]].sum() == 0
