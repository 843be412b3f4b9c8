"""The caseload stages: who enters, who leaves, and who serves whom.

Why together: each week starts by settling the caseloads before any time is spent —
citizens starting this week enter (``rules/intake.py``), a running jobcentre changes over
to its new design (calendar mode, ``rules/transition.py``), professionals leave and their
posts stand vacant, and at a caseload review citizens move from overloaded professionals
to colleagues with room (``rules/rebalance_rules.py``). Every change of contact person goes
through ``handover.py``.
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.design import practice_row
from jobfirst_sim.model.rules import contact, relationship, transition
from jobfirst_sim.model.rules import intake as intake_rules
from jobfirst_sim.model.rules import rebalance as rebalance_rules
from jobfirst_sim.model.staffing import transition_practice
from jobfirst_sim.model.stages.handover import (
    changed,
    company_side_lost,
    handover,
    move_citizens,
)
from jobfirst_sim.model.state import Role
from jobfirst_sim.model.world import World


def intake(w: World) -> None:
    """Citizens starting this week enter; the first conversation happens [M §3]."""
    t = w.week
    c = w.citizens
    new = intake_rules.starts_now(start_week=c.start_week, week=t)
    c.active |= new
    c.trust[new] = w.beh.trust.start
    w.new = new


def change_over(w: World) -> None:
    """Calendar mode, arms with a ``transition``: at week 0 part of the stock's cases
    move to a new contact person (a handover, as any change of person), and while the
    ramp-up lasts the professionals who practise the new design fully are updated
    (rules/transition.py)."""
    t = w.week
    arms = [a.transition for a in w.spec.arms]
    if w.spec.calendar is None or all(tr is None for tr in arms):
        return
    c = w.citizens
    if t == 0:
        share = np.array([0.0 if tr is None else tr.handover_share for tr in arms])
        moved = transition.handed_over(handover_share=share[c.arm],
                                       u=w.streams.uniform(t, "transition", c.n))
        handover(w, np.flatnonzero(moved & w.alive() & ~c.inflow), t)
    if t <= max(tr.ramp_up_weeks for tr in arms if tr is not None):
        w.staff.practice_arm = transition_practice(w.spec, w.staff,
                                                   w.design.before_arm, t)
        w.practice_row = practice_row(w.staff.practice_arm[c.contact_prof],
                                      c.benefit)


def staff_changes(w: World) -> None:
    """Professionals who leave: their citizens lose their contact person now and wait
    ``vacancy_weeks`` for a successor (the post has no hours meanwhile) [M §3, §5]."""
    t = w.week
    c, st = w.citizens, w.staff
    leaves = contact.staff_leaves(
        turnover_weekly=w.design.turnover_weekly[st.arm],
        u=w.streams.uniform(t, "turnover", st.n),
    ) & (st.vacant_until <= t)
    if not leaves.any():
        return
    st.vacant_until[leaves] = t + w.beh.relationship.vacancy_weeks
    # the successor brings their own knowledge of local companies, not the leaver's: a
    # company relation is personal (docs/model.md S2); the team's shared base is the
    # colleagues' own knowledge, which stays
    st.knowledge[leaves] = w.beh.knowledge.start
    alive = w.alive()
    hit = np.flatnonzero(alive & leaves[c.contact_prof])
    handover(w, hit, t)
    np.add.at(st.handovers, c.contact_prof[hit], 1)
    # a separate company side (BUM performer) that leaves takes only its own relation
    company_side_lost(w, np.flatnonzero(alive & w.design.bum[c.arm] & leaves[c.company_prof]
                                        & (c.company_prof != c.contact_prof)))


def case_moves(w: World) -> None:
    """Changes of contact person the case and the organisation bring, besides staff
    leaving (rules/relationship.py) [M §5]: a professional's long leave hands all their
    citizens to a colleague or substitute (the post stays staffed, with no knowledge of
    the citizens or of local companies), a reorganised team moves part of its cases, and a
    change of support status moves a case to another team. Each is a change of the person
    in the citizen's primary role, with what a change does (handover.py)."""
    t = w.week
    c, st, rb = w.citizens, w.staff, w.beh.relationship
    alive = w.alive()
    n_team = len(w.spec.municipalities) * len(w.spec.arms)
    # one draw, cut in four (citizens' numbers first, so they stay aligned by index)
    u = w.streams.uniform(t, "case_moves", 2 * c.n + st.n + n_team)
    u_case, u_status = u[:c.n], u[c.n:2 * c.n]
    u_staff, u_team = u[2 * c.n:2 * c.n + st.n], u[2 * c.n + st.n:]
    on_leave = relationship.long_leave(long_leave_yearly=rb.long_leave_yearly, u=u_staff)
    on_leave &= st.vacant_until <= t
    st.knowledge[on_leave] = np.where(
        (st.role[on_leave] == int(Role.consultant)) | (st.role[on_leave] == int(Role.jobformidler)),
        w.beh.knowledge.start, st.knowledge[on_leave])
    reorganised = relationship.reorganised_cases(
        team=c.municipality * len(w.spec.arms) + c.arm, u_team=u_team, u_case=u_case,
        reorganisation_yearly=rb.reorganisation_yearly,
        reorganisation_share=rb.reorganisation_share)
    status_move = relationship.status_moves_case(
        before=c.status_seen, after=c.status,
        partial_support_handover=rb.partial_support_handover,
        flexjob_handover=rb.flexjob_handover, u=u_status)
    c.status_seen = c.status.copy()
    hit = np.flatnonzero(alive & (on_leave[c.contact_prof] | reorganised | status_move))
    handover(w, hit, t)
    np.add.at(st.handovers, c.contact_prof[hit], 1)


def rebalance(w: World) -> None:
    """At a caseload review, citizens of professionals far above their target caseload
    move to colleagues of the same team with room, the ones they know least first
    (rules/rebalance.py) [M §5]. The move takes the citizen to another pair: nobody
    who knew them stays, so it is a change of contact person that keeps nothing.

    The caseload counted is the one the time budget serves (``time_budget.py``): in
    a trial cohort every citizen ever assigned (the ordinary inflow fills the places of
    those not started or gone, so a caseload dealt out evenly stays even), in calendar
    mode the citizens there are now.
    """
    t = w.week
    rb = w.beh.relationship
    if not rebalance_rules.review_due(week=t, review_interval_weeks=rb.review_interval_weeks):
        return
    c, st = w.citizens, w.staff
    alive = w.alive()
    counted = alive if w.spec.calendar is not None else np.ones(c.n, bool)
    load = np.bincount(c.contact_prof[counted], minlength=st.n)
    target = rebalance_rules.targets(caseload_per_fte=st.caseload, fte=st.fte)
    team = (st.municipality * len(w.spec.arms) + st.arm) * (int(max(st.role)) + 1) + st.role
    give = rebalance_rules.excess(caseload=load, target=target, tolerance=rb.review_tolerance)
    if not give.any():
        return
    take = rebalance_rules.room(caseload=load, target=target, receiving=st.vacant_until <= t)
    old = c.contact_prof.copy()
    new = rebalance_rules.reallocate(owner=old, movable=alive, order=c.known, team=team,
                                     give=give, take=take)
    moved = np.flatnonzero(new != old)
    if moved.size == 0:
        return
    move_citizens(w, moved, new[moved])
    c.trust[moved] = contact.handover_trust(
        trust=c.trust[moved], loss_on_handover=w.beh.trust.loss_on_handover,
        partner_cover=w.beh.trust.partner_cover, makkerskab=np.zeros(moved.size, bool),
        colocated=np.zeros(moved.size, bool), coordination=np.zeros(moved.size))
    changed(w, moved, t, np.zeros(moved.size))
    np.add.at(st.handovers, old[moved], 1)
