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
from jobfirst_sim.model.rules import contact, transition
from jobfirst_sim.model.rules import intake as intake_rules
from jobfirst_sim.model.rules import rebalance as rebalance_rules
from jobfirst_sim.model.staffing import transition_practice
from jobfirst_sim.model.stages.handover import changed, handover, move_citizens
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
    # the successor brings their own knowledge of local companies, not the leaver's
    st.knowledge[leaves] = w.beh.knowledge.start
    hit = np.flatnonzero(w.alive() & leaves[c.contact_prof])
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
