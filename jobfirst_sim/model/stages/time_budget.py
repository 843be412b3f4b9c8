"""The time-budget stage of the week: what each professional's hours are spent on.

Why a module of its own: the stage gathers, per professional, how many of
their citizens ask for each task this week, turns that into hours, lets the priority rule
decide what gets time (``rules/time_budget.py``), and hands the outcome back to the
citizens as chances — of a planned contact, a workplace follow-up, a mentor's support —
and to the company-side professionals as company visits (``rules/knowledge.py``). The
stages after it (contacts, placements, hours) only read those chances.

Caseloads stay full (trial cohorts; in calendar mode the caseload is the citizens there
are, stock and inflow): a trial citizen is one of the professional's citizens, the
jobcentre's ordinary inflow fills the places of those not yet started or gone, so each
professional's demand is that of their current citizens scaled to their full caseload
(as the design's caseload says). Time use is therefore reported for a full caseload.
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.domain import Benefit, Task
from jobfirst_sim.model.rules import (
    knowledge,
    mentor,
    placement,
    rehabilitation,
    relationship,
    time_budget,
)
from jobfirst_sim.model.state import B, F, I, Role
from jobfirst_sim.model.world import WeekPlan, World, served_counts
from jobfirst_sim.scenario.behaviour import TASK_ORDER
from jobfirst_sim.scenario.schema import BENEFITS

RF = BENEFITS.index(Benefit.ressourceforloeb)
"""Benefit code of the ressourceforløb group in ``Citizens.benefit``."""

COL: dict[Task, int] = {t: i for i, t in enumerate(TASK_ORDER)}
"""Column of each task in the (professionals × tasks) time arrays."""


def plan(w: World) -> None:
    """The professional's week: tasks get hours by priority; the chances that follow
    become the week's plan (:class:`~jobfirst_sim.model.world.WeekPlan`)."""
    w.plan = plan_week(w, w.week)


def _count(prof: I, mask: B, n: int, weight: F | None = None) -> F:
    """Citizens (or ``weight`` summed over them) per professional, among ``mask``.

    Summed over every citizen with the mask (or the masked weight) as the weight: no
    gathers, and the same sums, since adding 0 changes no partial sum.
    """
    weights = mask if weight is None else np.where(mask, weight, 0.0)
    out: F = np.bincount(prof, weights=weights, minlength=n).astype(float, copy=False)
    return out


def _per_citizen(share: F, task: Task, prof: I) -> F:
    """``share[prof, task]``: the share of ``task``'s time each citizen's professional had."""
    out: F = share[:, COL[task]].take(prof)
    return out


def plan_week(w: World, t: int) -> WeekPlan:
    """Demands, allocation by priority, and the chances that follow, for week ``t``."""
    c, st, d, tb = w.citizens, w.staff, w.design, w.beh.time
    n = st.n
    alive = w.alive()
    a = c.arm
    inp = alive & (c.company >= 0)
    working = alive & (c.wage_hours > 0) & (c.company < 0)
    row = w.practice_row
    interval = d.followup_interval[row]
    due = placement.followup_due(in_placement=inp, weeks_in_placement=c.weeks_in_placement,
                                 working=working, weeks_since_start=w.since_start(t),
                                 interval=interval)
    # a change of contact person interrupts the running placement's next follow-up
    skipped = due & c.followup_skip
    c.followup_skip &= ~due
    due &= ~skipped
    wants_contact = alive & (c.company < 0) & (c.wage_hours <= 0)
    # the mentor supports citizens in a placement and in new ordinary hours (LAB kap. 13)
    mentee = mentor.mentees(alive=alive, has_mentor=c.mentor >= 0, in_placement=inp,
                            wage_hours=c.wage_hours, weeks_with_hours=c.weeks_with_hours,
                            support_weeks_after_hours=w.beh.mentor.support_weeks_after_hours)
    partner_side = np.where(c.contact_prof == c.caseworker, c.company_prof, c.caseworker)
    # citizens per professional as primary contact and as caseworker, shared by
    # casework and coordination below
    by_contact = _count(c.contact_prof, alive, n)
    by_case = _count(c.caseworker, alive, n)
    # the ordinary inflow keeps caseloads full (module docstring)
    fill = _fill(w, alive)
    pa = st.arm
    hpc = d.hours_per_contact[pa]
    every_c = d.contact_interval[row]
    demand = np.zeros((n, len(TASK_ORDER)))
    demand[:, COL[Task.casework]] = time_budget.casework_demand(
        citizens=by_case, casework_hours_per_citizen=tb.casework_hours_per_citizen)
    # ressourceforløb: the coordinating caseworker holds the case across the sectors
    demand[:, COL[Task.casework]] += rehabilitation.coordination_demand(
        rehabilitation_citizens=_count(np.maximum(c.caseworker, 0),
                                       alive & (c.caseworker >= 0) & (c.benefit == RF), n),
        rehabilitation_coordination_hours=tb.rehabilitation_coordination_hours)
    demand[:, COL[Task.followup]] = time_budget.followup_demand(
        visits_due=_count(c.company_prof, due, n), followup_visit_hours=tb.followup_visit_hours)
    demand[:, COL[Task.contact]] = time_budget.contact_demand(
        contacts_due=_count(c.contact_prof, wants_contact, n, 1.0 / every_c),
        hours_per_contact=hpc)
    mentor_or_0 = np.maximum(c.mentor, 0)  # -1 (no mentor) counts nowhere: mentee is False
    demand[:, COL[Task.mentoring]] = mentor.mentoring_demand(
        mentees=_count(mentor_or_0, mentee, n),
        hours_per_citizen_week=w.beh.mentor.hours_per_citizen_week)
    demand[:, COL[Task.coordination]] = time_budget.coordination_demand(
        citizens=by_contact + _count(partner_side, alive, n), makkerskab=d.makkerskab[pa],
        colocated=d.colocated[pa], colocated_coordination_factor=tb.colocated_coordination_factor,
        coordination_hours_per_citizen=tb.coordination_hours_per_citizen)
    # makkerskab: the partner sits in on the first conversation and the status meetings,
    # and the caseworker joins some of the company-side professional's visits [M §5]
    pair = d.makkerskab[a]
    demand[:, COL[Task.joint]] = time_budget.joint_demand(
        first_conversations=_count(partner_side, pair & w.new, n),
        pair_citizens=_count(partner_side, pair & alive, n),
        joint_visits=_count(c.caseworker, pair & due & (c.caseworker != c.company_prof), n),
        first_conversation_hours=tb.first_conversation_hours,
        status_meeting_hours=tb.status_meeting_hours,
        status_interval_weeks=tb.status_interval_weeks,
        joint_followup_share=tb.joint_followup_share,
        followup_visit_hours=tb.followup_visit_hours)
    # support in a placement's first weeks, by the professional who follows it [M §6]
    starting = placement.transition_due(
        in_placement=inp, weeks_in_placement=c.weeks_in_placement,
        transition_weeks=w.beh.placement.transition_weeks)
    demand[:, COL[Task.transition]] = time_budget.transition_demand(
        placements_starting=_count(c.company_prof, starting, n),
        transition_contact_hours=tb.transition_contact_hours)
    demand *= fill[:, None]
    company_side = (st.role == int(Role.consultant)) | (st.role == int(Role.jobformidler))
    demand[:, COL[Task.outreach]] = time_budget.outreach_demand(
        company_side=company_side, fte=st.fte, outreach_hours_per_fte=tb.outreach_hours_per_fte)
    rb = w.beh.relationship
    away_p = relationship.absent(absence_share=tb.leave_share + tb.absence_share,
                                 u=w.streams.uniform(t, "absence", n)) | (st.vacant_until > t)
    st.absent_weeks += away_p
    at_work = time_budget.hours_at_work(fte=st.fte, weekly_hours=st.weekly_hours,
                                        admin_share=tb.admin_share)
    priority = tuple(COL[task] for task in tb.priority)
    available = np.where(away_p, 0.0, at_work)
    st.time_available += available
    served = time_budget.allocate(available=available, demand=demand, priority=priority)
    share = time_budget.served_share(served=served, demand=demand)
    st.time_demand += demand
    st.time_served += served
    kb = w.beh.knowledge
    visits = knowledge.company_visits(
        outreach_hours=served[:, COL[Task.outreach]], visit_hours=kb.visit_hours,
        followup_hours=served[:, COL[Task.followup]],
        followup_visit_hours=tb.followup_visit_hours,
        followup_visit_weight=kb.followup_visit_weight)
    st.knowledge = np.where(company_side, knowledge.learn_companies(
        knowledge=st.knowledge, visits=visits, gain_per_visit=kb.gain_per_visit,
        forget_per_week=kb.forget_per_week), st.knowledge)
    u = w.streams.uniform(t, "followup", c.n)
    # each task's column is taken once and gathered per citizen (a 1-d ``take`` is about
    # half the cost of indexing the 2-d array with a citizen array and a column)
    followup = due & (u < _per_citizen(share, Task.followup, c.company_prof))
    away = away_p[c.contact_prof]
    # while the contact person is away a colleague covers part of the planned contacts
    # [M §5]: the makkerskab partner, who knows the case, or in the BUM split a stranger
    own = time_budget.contact_chance(share=_per_citizen(share, Task.contact, c.contact_prof),
                                     interval_weeks=every_c)
    cover = rb.cover_contact_share / every_c
    return WeekPlan(
        contact_chance=np.where(wants_contact, np.where(away, cover, own), 0.0),
        mentor_chance=np.where(mentee, mentor.support_chance(
            share=_per_citizen(share, Task.mentoring, mentor_or_0)), 0.0),
        followup=followup,
        visit_is_contact=followup & (c.company_prof == c.contact_prof),
        coordination=_per_citizen(share, Task.coordination, c.contact_prof),
        joint=np.where(pair, _per_citizen(share, Task.joint, partner_side), 0.0),
        away=away,
        cover_knows=away & d.makkerskab[a] & (st.partner[c.contact_prof] >= 0),
        transition=starting & (w.streams.uniform(t, "placement_support", c.n)
                               < _per_citizen(share, Task.transition, c.company_prof)),
    )


def _fill(w: World, alive: B) -> F:
    """Per professional: full caseload over the citizens they serve now (1 when none).

    A professional's full caseload is every trial citizen assigned to them; those not yet
    started or gone are places the ordinary inflow fills with citizens like the rest. In
    calendar mode the inflow is simulated (``inflow_per_week``), so the caseload is the
    citizens served now and nothing is scaled (1 everywhere).
    """
    if w.spec.calendar is not None:
        return np.ones(w.staff.n)
    now = served_counts(w.citizens, w.staff.n, alive)
    # a professional counted in two columns (primary and caseworker) counts both ways
    return time_budget.full_caseload_factor(assigned=w.assigned, served_now=now)
