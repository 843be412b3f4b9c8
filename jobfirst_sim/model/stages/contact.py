"""The contact stages: the contacts the week's time allows, and what they bring.

Why together: a contact is where the relation grows (trust, the contact person's
knowledge of the citizen, ``rules/contact.py`` and ``rules/relationship.py``), where a CV
gets made (``rules/intake.py``) and where health and social help lowers the barriers
(``rules/readiness.py``). The chances of a contact come from the week's plan
(``time_budget.py``).
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.domain import Benefit
from jobfirst_sim.model.rules import contact, intake, readiness, rehabilitation, relationship
from jobfirst_sim.model.state import Stage
from jobfirst_sim.model.world import World
from jobfirst_sim.scenario.schema import BENEFITS


def contacts(w: World) -> None:
    """Contacts the week's time allows; trust; CV; production steering of stalled cases."""
    t = w.week
    c, d, b = w.citizens, w.design, w.beh
    alive = w.alive()
    w.steered = contact.steered(
        steering=d.steering[w.practice_row], alive=alive,
        idle=(c.wage_hours <= 0) & (c.company < 0),
        stalled_weeks=w.since_start(t) - c.last_progress_week,
        stall_weeks=b.steering.stall_weeks,
    )
    u = w.streams.uniform(t, "contact", c.n)
    plan = w.plan
    # the mentor's weekly support (time_budget.py): a contact, and it protects placements
    # and new hours (rules/mentor.py, read by the placement and relapse stages)
    w.mentored = (w.streams.uniform(t, "mentor", c.n) < plan.mentor_chance) & alive
    w.contacted = contact.contacted(
        contact_prob=plan.contact_chance, steered=w.steered, u=u,
        visited=plan.visit_is_contact, mentored=w.mentored) & alive
    # the relation grows only with the contact person or a partner who knows the case
    w.own_contact = w.contacted & (~plan.away | plan.cover_knows)
    c.trust = np.where(
        alive,
        contact.update_trust(trust=c.trust, contacted=w.own_contact,
                             gain_per_contact=contact.joint_gain(
                                 gain_per_contact=b.trust.gain_per_contact, joint=plan.joint,
                                 joint_trust_gain=b.relationship.joint_trust_gain),
                             decay_per_week=b.trust.decay_per_week),
        c.trust,
    )
    c.known = relationship.learn_citizen(
        known=c.known, contacted=w.own_contact,
        known_gain_per_contact=b.relationship.known_gain_per_contact)
    had = c.has_cv.copy()
    c.has_cv = intake.cv_made(
        has_cv=c.has_cv, new=w.new, contacted=w.contacted,
        cv_at_start=d.cv_at_start[w.practice_row], rate_later=b.cv.rate_later,
        u=w.streams.uniform(t, "cv", c.n),
    ) & c.active
    made = np.flatnonzero(c.has_cv & ~had)
    c.self_efficacy[made] = intake.efficacy_after_cv(
        self_efficacy=c.self_efficacy[made], efficacy_boost=b.cv.efficacy_boost)
    w.reach(made, Stage.cv, t)


def social_effort(w: World) -> None:
    """Health and social help: every week in contact removes part of the barriers."""
    c, gain = w.citizens, w.beh.readiness.gain_per_week
    effort = (w.alive() & w.contacted).astype(float)
    c.physical_barrier = readiness.reduce_barrier(barrier=c.physical_barrier, effort=effort,
                                                  gain_per_week=gain)
    c.mental_barrier = readiness.reduce_barrier(barrier=c.mental_barrier, effort=effort,
                                                gain_per_week=gain)
    health_led_effort(w)


RESSOURCEFORLOEB = BENEFITS.index(Benefit.ressourceforloeb)
"""Benefit code of the ressourceforløb group in ``Citizens.benefit``."""


def health_led_effort(w: World) -> None:
    """Ressourceforløb: the rehabiliteringsteam's plan, revisited by the coordinating
    caseworker, sets whether its health strand leads; in such weeks treatment lowers the
    barriers (rules/rehabilitation.py). The health side's time is not the employment
    professionals'; the coordinating caseworker's is in the time budget."""
    c, rb = w.citizens, w.beh.rehabilitation
    alive = w.alive()
    rf = alive & (c.benefit == RESSOURCEFORLOEB)
    revised = rehabilitation.plan_revised(weeks_since_start=w.since_start(w.week),
                                          plan_review_weeks=rb.plan_review_weeks)
    w.health_led = rehabilitation.health_led(
        current=w.health_led, revised=revised, rehabilitation=rf,
        physical=c.physical_barrier, mental=c.mental_barrier,
        u=w.streams.uniform(w.week, "health_led", c.n),
        health_led_share=rb.health_led_share,
        treatment_barrier_floor=rb.treatment_barrier_floor)
    c.physical_barrier = rehabilitation.treated_barrier(
        barrier=c.physical_barrier, in_treatment=w.health_led,
        gain_per_week=rb.physical_gain_per_week)
    c.mental_barrier = rehabilitation.treated_barrier(
        barrier=c.mental_barrier, in_treatment=w.health_led,
        gain_per_week=rb.mental_gain_per_week)
