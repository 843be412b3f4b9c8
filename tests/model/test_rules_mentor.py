"""The mentor's support at and around the workplace (rules/mentor.py): invariants of each
rule as hypothesis properties, and a model-level check that the support costs the mentor
time and protects placements."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from rule_strategies import N, bools, hours_arr, small_settings, unit, units
from small import small_trial

from jobfirst_sim.domain import Task
from jobfirst_sim.model.jobcentre import WEEK
from jobfirst_sim.model.rules import mentor
from jobfirst_sim.model.stages.time_budget import COL
from jobfirst_sim.model.state import Role
from jobfirst_sim.model.world import World

weeks_arr = arrays(np.int64, N, elements=st.integers(0, 104))


@small_settings
@given(bools, bools, bools, hours_arr, weeks_arr, st.integers(0, 104))
def test_only_citizens_with_a_mentor_in_placement_or_new_hours_are_supported(
        alive, has, inp, wage, weeks, after):
    out = mentor.mentees(alive=alive, has_mentor=has, in_placement=inp, wage_hours=wage,
                         weeks_with_hours=weeks, support_weeks_after_hours=after)
    assert not (out & ~(alive & has)).any()
    # everyone alive with a mentor in a placement is supported
    assert (out[alive & has & inp]).all()
    # outside a placement only new hours count
    outside = out & ~inp
    assert (wage[outside] > 0).all() and (weeks[outside] <= after).all()
    # a longer support window never drops anyone
    wider = mentor.mentees(alive=alive, has_mentor=has, in_placement=inp, wage_hours=wage,
                           weeks_with_hours=weeks, support_weeks_after_hours=after + 1)
    assert not (out & ~wider).any()


@small_settings
@given(arrays(np.float64, N, elements=st.floats(0.0, 200.0)), st.floats(0.0, 20.0))
def test_mentoring_demand_is_hours_times_mentees(m, h):
    out = mentor.mentoring_demand(mentees=m, hours_per_citizen_week=h)
    assert (out >= 0).all()
    np.testing.assert_allclose(out, m * h)
    more = mentor.mentoring_demand(mentees=m + 1.0, hours_per_citizen_week=h)
    assert (more >= out).all()


@small_settings
@given(arrays(np.float64, N, elements=st.floats(-1.0, 2.0)))
def test_support_chance_is_a_probability_that_grows_with_the_time_given(share):
    p = mentor.support_chance(share=share)
    assert ((p >= 0) & (p <= 1)).all()
    assert (mentor.support_chance(share=np.sort(share)) == np.sort(p)).all()


@small_settings
@given(bools, unit, unit)
def test_protection_acts_only_in_supported_weeks_and_never_raises_a_hazard(mentored, a, b):
    pp = mentor.placement_protection(mentored=mentored, placement_protection=a)
    rp = mentor.relapse_protection(mentored=mentored, relapse_protection=b)
    for out, f in ((pp, a), (rp, b)):
        assert ((out >= 0) & (out <= 1)).all()
        assert (out[~mentored] == 1.0).all()
        assert (out[mentored] == f).all()
    # factor 1 is no effect at all
    assert (mentor.placement_protection(mentored=mentored, placement_protection=1.0) == 1).all()


@small_settings
@given(units, bools)
def test_protected_hazard_stays_a_probability(h, mentored):
    out = h * mentor.relapse_protection(mentored=mentored, relapse_protection=0.5)
    assert ((out >= 0) & (out <= h)).all()


def _run(weeks: int, **over: object) -> World:
    w = World(small_trial(n_kh=200, n_rf=60, weeks=weeks + 10, **over), 11, 0)
    for _ in range(weeks):
        for stage in WEEK:
            stage(w)
        w.week += 1
    return w


def test_mentor_support_costs_mentor_time_per_supported_citizen():
    """The mentoring task asks for hours in proportion to hours_per_citizen_week, and only
    mentors (the normal effort's BUM split) carry it."""
    base = _run(40)
    double = _run(40, **{"behaviour.mentor.hours_per_citizen_week": 2.0})
    col = COL[Task.mentoring]
    is_mentor = base.staff.role == int(Role.mentor)
    assert base.staff.time_demand[is_mentor, col].sum() > 0
    assert base.staff.time_demand[~is_mentor, col].sum() == 0
    ratio = (double.staff.time_demand[is_mentor, col].sum()
             / base.staff.time_demand[is_mentor, col].sum())
    assert 1.5 < ratio < 2.5  # same citizens supported, about twice the hours


def test_mentor_support_keeps_more_control_placements_to_13_weeks():
    """With full protection in supported weeks more of the normal effort's placements last
    13 weeks than with none; the JobFirst arm has no mentors and is not protected."""
    none = _run(60, **{"behaviour.mentor.placement_protection": 1.0})
    full = _run(60, **{"behaviour.mentor.placement_protection": 0.0})
    ctrl = none.citizens.arm == 1
    reached = [(w.citizens.placement13_week[ctrl] >= 0).sum() for w in (none, full)]
    assert reached[1] > reached[0]
    assert none.mentored.any() or full.mentored.any()
    assert not full.mentored[~ctrl].any()


def _mentored_job_losses(relapse_protection: float) -> tuple[int, int]:
    """(mentored citizen-weeks with hours, of them hours lost) over 70 weeks with a high
    job-loss rate, so losses are many enough to see."""
    from jobfirst_sim.model.stages import work
    from jobfirst_sim.model.state import Status

    w = World(small_trial(n_kh=200, n_rf=60, weeks=80, **{
        "behaviour.exits.job_loss_rate": 0.2,
        "behaviour.mentor.relapse_protection": relapse_protection}), 5, 0)
    at_risk = lost = 0
    for _ in range(70):
        for stage in WEEK:
            if stage is work.exits_and_relapse:
                c = w.citizens
                before = (c.wage_hours > 0) & w.mentored & (c.status != int(Status.flexjob))
                stage(w)
                stayed = (c.status != int(Status.disability_pension)) & (
                    c.status != int(Status.other_exit))
                at_risk += int(before.sum())
                lost += int((before & stayed & (c.wage_hours <= 0)).sum())
            else:
                stage(w)
        w.week += 1
    return at_risk, lost


def test_mentor_support_protects_new_hours_from_relapse():
    """Full relapse protection: no citizen loses hours in a week with the mentor's
    support; without it, some do."""
    at_risk, lost = _mentored_job_losses(0.0)
    assert at_risk > 0 and lost == 0
    at_risk1, lost1 = _mentored_job_losses(1.0)
    assert at_risk1 > 0 and lost1 > 0
