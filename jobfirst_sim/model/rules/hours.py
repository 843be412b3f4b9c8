"""Hours progression in small steps, bounded by a work capacity that grows at work [M §2.3]."""

from __future__ import annotations

import numpy as np


def potential_capacity(physical: np.ndarray, mental: np.ndarray, full_time: float,
                       barrier_loss: float) -> np.ndarray:
    """Hours a citizen could sustain in the long run: full time less the worst barrier's toll."""
    return full_time * (1.0 - barrier_loss * np.maximum(physical, mental))


def grow_capacity(capacity: np.ndarray, potential: np.ndarray, at_work: np.ndarray,
                  rate: float, rehab_share: float) -> np.ndarray:
    """Capacity after a week: closes ``rate`` of the gap to potential at work (placement or
    paid hours), ``rate × rehab_share`` otherwise. Never falls (setbacks act on hours)."""
    r = np.where(at_work, rate, rate * rehab_share)
    return np.maximum(capacity, capacity + r * (potential - capacity))


def first_hours(capacity: np.ndarray, first: float) -> np.ndarray:
    """Hours at conversion: a small first step, never above capacity."""
    return np.minimum(first, capacity)


def step_hours(wage_hours: np.ndarray, capacity: np.ndarray, step: np.ndarray | float
               ) -> np.ndarray:
    """Hours after a progression step: up by ``step``, never above capacity, never down."""
    return np.maximum(wage_hours, np.minimum(wage_hours + step, capacity))


def rise_probability(followup: np.ndarray, room: np.ndarray, self_efficacy: np.ndarray,
                     without_followup: float) -> np.ndarray:
    """Weekly chance of a step: at follow-up (ordinary hours a standing item [M §4]) or,
    less often, without; scaled by the company's room and the citizen's self-efficacy."""
    base = np.where(followup, 1.0, without_followup)
    return np.clip(base * np.minimum(room, 1.0) * (0.5 + self_efficacy), 0.0, 1.0)
