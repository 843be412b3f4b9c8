"""Self-efficacy, motivation, goal clarity, competence and mental health [M §2.2, §4, §6]."""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.state import B, F, I, Purpose


def update_efficacy(
    *, self_efficacy: F, in_placement: B, has_hours: B, setback: B,
    efficacy_gain_placement: float, efficacy_gain_hours: float, efficacy_loss_setback: float,
) -> F:
    """Self-efficacy grows while doing real tasks and more with paid hours; a setback costs a
    share of it. Stays in [0, 1]."""
    gain = (np.where(in_placement, efficacy_gain_placement, 0.0)
            + np.where(has_hours, efficacy_gain_hours, 0.0))
    se = self_efficacy + gain * (1.0 - self_efficacy)
    se = np.where(setback, se * (1.0 - efficacy_loss_setback), se)
    out: F = np.clip(se, 0.0, 1.0)
    return out


def update_motivation(*, motivation: F, trust: F, self_efficacy: F, in_work: B,
                      motivation_adjust: float, motivation_work_lift: float) -> F:
    """Motivation is created in the job [M §2.2]: it drifts towards the mean of trust and
    self-efficacy, lifted by ``work_lift`` while at a workplace. Stays in [0, 1]."""
    target = np.clip(0.5 * (trust + self_efficacy)
                     + np.where(in_work, motivation_work_lift, 0.0), 0.0, 1.0)
    out: F = np.clip(motivation + motivation_adjust * (target - motivation), 0.0, 1.0)
    return out


def update_mental_barrier(*, barrier: F, has_hours: B, setback: B, mental_gain_hours: float,
                          mental_loss_setback: float) -> F:
    """Paid hours bring well-being (the barrier shrinks); setbacks raise it. In [0, 1]."""
    b = np.where(has_hours, barrier * (1.0 - mental_gain_hours), barrier)
    b = np.where(setback, b + mental_loss_setback * (1.0 - b), b)
    out: F = np.clip(b, 0.0, 1.0)
    return out


def clarify_goal(*, goal_clarity: F, in_placement: B, purpose: I, goal_clarity_gain: float
                 ) -> F:
    """Doing real tasks clarifies the job goal [M §2.2]: ``gain`` of the gap per week in a
    placement, twice that in a placement whose purpose is to clarify. Stays in [0, 1]
    (the clip matters only for a gain above 0.5, where twice the gain would overshoot)."""
    gain = goal_clarity_gain * np.where(purpose == int(Purpose.clarify), 2.0, 1.0)
    grown = np.clip(goal_clarity + gain * (1 - goal_clarity), 0.0, 1.0)
    out: F = np.where(in_placement, grown, goal_clarity)
    return out


def train_competence(*, competence: F, in_placement: B, purpose: I, competence_gain: float
                     ) -> F:
    """A competence placement trains the competences a match can use [M §4]."""
    up = in_placement & (purpose == int(Purpose.competence))
    out: F = np.where(up, competence + competence_gain * (1 - competence), competence)
    return out
