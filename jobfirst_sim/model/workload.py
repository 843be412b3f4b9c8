"""The time-budget stage of the week: what each professional's hours are spent on.

Why a module apart from ``jobcentre.py``: the stage gathers, per professional, how many of
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

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from jobfirst_sim.model.rules import knowledge, placement, relationship, time_budget
from jobfirst_sim.model.state import B, Citizens, F, I, Role
from jobfirst_sim.scenario.behaviour import TASK_ORDER, Task

if TYPE_CHECKING:
    from jobfirst_sim.model.jobcentre import JobcentreModel

COL: dict[Task, int] = {t: i for i, t in enumerate(TASK_ORDER)}
"""Column of each task in the (professionals × tasks) time arrays."""


@dataclass
class WeekPlan:
    """What the week's time allows, per citizen (chances and masks)."""

    contact_chance: F  # chance of a planned contact with the primary contact person
    mentor_chance: F  # chance of a mentor's support contact (citizens in a placement)
    followup: B  # a workplace follow-up visit happens this week
    visit_is_contact: B  # ... by the primary contact person (a jobformidler)
    coordination: F  # share of the pair's coordination time that was given (1 outside pairs)
    joint: F  # share of the partner's joint time (meetings, visits) given (0 outside pairs)
    away: B  # the primary contact person is away (absent or the post is vacant)
    cover_knows: B  # ... and the one covering knows the case (the makkerskab partner)


def _count(prof: I, mask: B, n: int, weight: F | None = None) -> F:
    """Citizens (or ``weight`` summed over them) per professional, among ``mask``.

    Summed over every citizen with the mask (or the masked weight) as the weight: no
    gathers, and the same sums, since adding 0 changes no partial sum.
    """
    w = mask if weight is None else np.where(mask, weight, 0.0)
    out: F = np.bincount(prof, weights=w, minlength=n).astype(float, copy=False)
    return out


def _per_citizen(share: F, task: Task, prof: I) -> F:
    """``share[prof, task]``: the share of ``task``'s time each citizen's professional had."""
    out: F = share[:, COL[task]].take(prof)
    return out


def plan_week(model: JobcentreModel, t: int) -> WeekPlan:
    """Demands, allocation by priority, and the chances that follow, for week ``t``."""
    c, st, d, tb = model.citizens, model.staff, model.design, model.beh.time
    n = st.n
    alive = model.alive()
    a = c.arm
    inp = alive & (c.company >= 0)
    working = alive & (c.wage_hours > 0) & (c.company < 0)
    row = model.practice_row
    interval = d.followup_interval[row]
    due = placement.followup_due(in_placement=inp, weeks_in_placement=c.weeks_in_placement,
                                 working=working, weeks_since_start=model.since_start(t),
                                 interval=interval)
    # a change of contact person interrupts the running placement's next follow-up
    skipped = due & c.followup_skip
    c.followup_skip &= ~due
    due &= ~skipped
    wants_contact = alive & (c.company < 0) & (c.wage_hours <= 0)
    mentee = inp & (c.mentor >= 0)
    partner_side = np.where(c.contact_prof == c.caseworker, c.company_prof, c.caseworker)
    # citizens per professional as primary contact and as caseworker, shared by
    # casework and coordination below
    by_contact = _count(c.contact_prof, alive, n)
    by_case = _count(c.caseworker, alive, n)
    # the ordinary inflow keeps caseloads full (module docstring)
    fill = _fill(model, alive)
    pa = st.arm
    hpc = d.hours_per_contact[pa]
    every_c = d.contact_interval[row]
    demand = np.zeros((n, len(TASK_ORDER)))
    demand[:, COL[Task.casework]] = by_case * tb.casework_hours_per_citizen
    demand[:, COL[Task.followup]] = _count(c.company_prof, due, n) * tb.followup_visit_hours
    demand[:, COL[Task.contact]] = _count(c.contact_prof, wants_contact, n, 1.0 / every_c) * hpc
    mentor_or_0 = np.maximum(c.mentor, 0)  # -1 (no mentor) counts nowhere: mentee is False
    demand[:, COL[Task.mentoring]] = _count(mentor_or_0, mentee, n, 1.0 / every_c) * hpc
    coord_factor = np.where(d.colocated[pa], tb.colocated_coordination_factor, 1.0)
    demand[:, COL[Task.coordination]] = d.makkerskab[pa] * coord_factor * (
        by_contact + _count(partner_side, alive, n)
    ) * tb.coordination_hours_per_citizen
    # makkerskab: the partner sits in on the first conversation and the status meetings,
    # and the caseworker joins some of the company-side professional's visits [M §5]
    pair = d.makkerskab[a]
    demand[:, COL[Task.joint]] = (
        _count(partner_side, pair & model.new, n) * tb.first_conversation_hours
        + _count(partner_side, pair & alive, n) * tb.status_meeting_hours
        / tb.status_interval_weeks
        + _count(c.caseworker, pair & due & (c.caseworker != c.company_prof), n)
        * tb.joint_followup_share * tb.followup_visit_hours)
    demand *= fill[:, None]
    company_side = (st.role == int(Role.consultant)) | (st.role == int(Role.jobformidler))
    demand[:, COL[Task.outreach]] = company_side * st.fte * tb.outreach_hours_per_fte
    rb = model.beh.relationship
    away_p = relationship.absent(absence_share=tb.leave_share + tb.absence_share,
                                 u=model.streams.uniform(t, "absence", n)) | (st.vacant_until > t)
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
    kb = model.beh.knowledge
    visits = knowledge.company_visits(
        outreach_hours=served[:, COL[Task.outreach]], visit_hours=kb.visit_hours,
        followup_hours=served[:, COL[Task.followup]],
        followup_visit_hours=tb.followup_visit_hours,
        followup_visit_weight=kb.followup_visit_weight)
    st.knowledge = np.where(company_side, knowledge.learn_companies(
        knowledge=st.knowledge, visits=visits, gain_per_visit=kb.gain_per_visit,
        forget_per_week=kb.forget_per_week), st.knowledge)
    u = model.streams.uniform(t, "followup", c.n)
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
        mentor_chance=np.where(mentee, time_budget.contact_chance(
            share=_per_citizen(share, Task.mentoring, mentor_or_0),
            interval_weeks=every_c), 0.0),
        followup=followup,
        visit_is_contact=followup & (c.company_prof == c.contact_prof),
        coordination=_per_citizen(share, Task.coordination, c.contact_prof),
        joint=np.where(pair, _per_citizen(share, Task.joint, partner_side), 0.0),
        away=away,
        cover_knows=away & d.makkerskab[a] & (st.partner[c.contact_prof] >= 0),
    )


def empty_plan(n: int) -> WeekPlan:
    """The plan before the first week (nothing planned yet)."""
    return WeekPlan(contact_chance=np.zeros(n), mentor_chance=np.zeros(n),
                    followup=np.zeros(n, bool), visit_is_contact=np.zeros(n, bool),
                    coordination=np.ones(n), joint=np.zeros(n), away=np.zeros(n, bool),
                    cover_knows=np.zeros(n, bool))


def _fill(model: JobcentreModel, alive: B) -> F:
    """Per professional: full caseload over the citizens they serve now (1 when none).

    A professional's full caseload is every trial citizen assigned to them; those not yet
    started or gone are places the ordinary inflow fills with citizens like the rest. In
    calendar mode the inflow is simulated (``inflow_per_week``), so the caseload is the
    citizens served now and nothing is scaled (1 everywhere).
    """
    if model.spec.calendar is not None:
        return np.ones(model.staff.n)
    now = served_counts(model.citizens, model.staff.n, alive)
    # a professional counted in two columns (primary and caseworker) counts both ways
    out: F = np.where(now > 0, model.assigned / np.maximum(now, 1.0), 1.0)
    return out


def served_counts(c: Citizens, n: int, mask: B | None = None) -> F:
    """Per professional: citizens they serve in any role (among ``mask``, else all).

    With no mask this is the full caseload of the run, which never changes (the teams are
    fixed at the start): the model computes it once (``JobcentreModel.assigned``).
    """
    out: F = np.zeros(n)
    for prof in (c.contact_prof, c.caseworker, c.company_prof, c.mentor):
        ok = prof >= 0 if mask is None else (prof >= 0) & mask
        # the mask as weights: whole-number sums, without gathering the masked citizens
        out += np.bincount(np.maximum(prof, 0), weights=ok, minlength=n)
    return out
