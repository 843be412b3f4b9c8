"""Hours progression in small steps, bounded by a work capacity that grows at work [M §2.3]."""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.state import B, F


def potential_capacity(*, physical: F, mental: F, capacity_max_hours: float,
                       barrier_capacity_loss: float) -> F:
    """Hours a citizen could sustain in the long run: full time less the worst barrier's toll."""
    out: F = capacity_max_hours * (1.0 - barrier_capacity_loss * np.maximum(physical, mental))
    return out


def grow_capacity(*, capacity: F, potential: F, at_work: B, capacity_growth: float,
                  rehab_capacity_share: float) -> F:
    """Capacity after a week: closes ``capacity_growth`` of the gap to potential at work
    (placement or paid hours), ``× rehab_capacity_share`` otherwise. Never falls (setbacks
    act on hours)."""
    r = np.where(at_work, capacity_growth, capacity_growth * rehab_capacity_share)
    out: F = np.maximum(capacity, capacity + r * (potential - capacity))
    return out


def entry_hours(*, task_hours: F, capacity: F) -> F:
    """Hours at the start of every job — converted from a placement or found by the citizen:
    what the company's task offers, never above the citizen's capacity [M §2.3]. Later
    hours come in small steps (:func:`step_hours`)."""
    out: F = np.minimum(task_hours, capacity)
    return out


def task_hours(*, first_hours: float, task_level: F) -> F:
    """Hours a company's unsolved task offers at entry: ``first_hours`` for a task of middle
    level, from half that (simple) to one and a half times it (demanding)."""
    out: F = first_hours * (0.5 + task_level)
    return out


def step_hours(*, wage_hours: F, capacity: F, step: float) -> F:
    """Hours after a progression step: up by a whole ``step`` where the citizen's capacity
    has room for it, else unchanged; never above capacity, never down.

    Why whole steps: at follow-up the company and the citizen agree a few more hours
    [M §2.3, §4]; an agreement does not creep up by fractions of an hour as capacity
    grows week by week (a step capped at capacity made most rises a few minutes).
    """
    room = capacity - wage_hours >= step
    out: F = np.where(room, wage_hours + step, wage_hours)
    return out


def rise_probability(*, followup: B, room: F, self_efficacy: F, agreement: B,
                     rise_without_followup: float, agreement_step_effect: float) -> F:
    """Weekly chance of a step: at follow-up (ordinary hours a standing item [M §4]) or,
    less often, without; more often with a work agreement's hour goals [M §4]; scaled by the
    company's room and the citizen's self-efficacy."""
    base = np.where(followup, 1.0, rise_without_followup) * np.where(
        agreement, 1.0 + agreement_step_effect, 1.0)
    out: F = np.clip(base * np.minimum(room, 1.0) * (0.5 + self_efficacy), 0.0, 1.0)
    return out
