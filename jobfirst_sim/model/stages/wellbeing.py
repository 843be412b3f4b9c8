"""The wellbeing stage and the fixed-week measurement that close the week.

Why together: both come after the exits and read the week as it ended — self-efficacy,
motivation, belief and mental health move with work and setbacks
(``rules/wellbeing.py``, ``rules/relationship.py``), and the outcome measured at a fixed
week since each citizen's start is taken.
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.rules import relationship
from jobfirst_sim.model.rules import wellbeing as wellbeing_rules
from jobfirst_sim.model.state import MEASURE_WEEK
from jobfirst_sim.model.world import World


def wellbeing(w: World) -> None:
    """Self-efficacy, motivation and mental health move with work and setbacks [M §6]."""
    c, b = w.citizens, w.beh.wellbeing
    alive = w.alive()
    inp = c.company >= 0
    has_hours = c.wage_hours > 0
    se = wellbeing_rules.update_efficacy(
        self_efficacy=c.self_efficacy, in_placement=inp, has_hours=has_hours,
        setback=w.setback, efficacy_gain_placement=b.efficacy_gain_placement,
        efficacy_gain_hours=b.efficacy_gain_hours,
        efficacy_loss_setback=b.efficacy_loss_setback)
    c.self_efficacy = np.where(alive, se, c.self_efficacy)
    mot = wellbeing_rules.update_motivation(
        motivation=c.motivation, trust=c.trust, self_efficacy=c.self_efficacy,
        in_work=inp | has_hours, motivation_adjust=b.motivation_adjust,
        motivation_work_lift=b.motivation_work_lift)
    c.motivation = np.where(alive, mot, c.motivation)
    c.belief = np.where(alive, relationship.update_belief(
        belief=c.belief, contacted=w.own_contact, progressing=inp | has_hours,
        setback=w.setback, belief_adjust=w.beh.relationship.belief_adjust), c.belief)
    # a separate company side (the BUM performer) sees the citizen at its follow-ups
    seen = alive & w.design.bum[c.arm] & w.followup
    rb = w.beh.relationship
    c.belief_co = relationship.update_belief(
        belief=c.belief_co, contacted=seen, progressing=inp | has_hours, setback=w.setback,
        belief_adjust=rb.belief_adjust)
    c.known_co = relationship.learn_citizen(known=c.known_co, contacted=seen,
                                            known_gain_per_contact=rb.known_gain_per_contact)
    mb = wellbeing_rules.update_mental_barrier(
        barrier=c.mental_barrier, has_hours=has_hours, setback=w.setback,
        mental_gain_hours=b.mental_gain_hours, mental_loss_setback=b.mental_loss_setback)
    c.mental_barrier = np.where(alive, mb, c.mental_barrier)


def measure(w: World) -> None:
    """Outcomes measured at a fixed week since each citizen's own start: the paid hours
    in week 78 (targets T1, T2), within the follow-up (calendar mode: only citizens
    who reach week 78 since their start by the horizon get a value)."""
    t = w.week
    if w.spec.observed_weeks < MEASURE_WEEK:
        return
    c = w.citizens
    at = np.flatnonzero(w.since_start(t) == MEASURE_WEEK)
    c.hours_w78[at] = c.wage_hours[at]
