"""Self-efficacy, motivation and mental health [M §2.2, §6]."""

from __future__ import annotations

import numpy as np


def update_efficacy(
    se: np.ndarray, in_placement: np.ndarray, has_hours: np.ndarray, setback: np.ndarray,
    gain_placement: float, gain_hours: float, loss_setback: float,
) -> np.ndarray:
    """Self-efficacy grows while doing real tasks and more with paid hours; a setback costs a
    share of it. Stays in [0, 1]."""
    gain = np.where(in_placement, gain_placement, 0.0) + np.where(has_hours, gain_hours, 0.0)
    se = se + gain * (1.0 - se)
    se = np.where(setback, se * (1.0 - loss_setback), se)
    return np.clip(se, 0.0, 1.0)


def update_motivation(motivation: np.ndarray, trust: np.ndarray, se: np.ndarray,
                      in_work: np.ndarray, pull: float, work_lift: float) -> np.ndarray:
    """Motivation is created in the job [M §2.2]: it drifts towards the mean of trust and
    self-efficacy, lifted by ``work_lift`` while at a workplace. Stays in [0, 1]."""
    target = np.clip(0.5 * (trust + se) + np.where(in_work, work_lift, 0.0), 0.0, 1.0)
    return np.clip(motivation + pull * (target - motivation), 0.0, 1.0)


def update_mental_barrier(barrier: np.ndarray, has_hours: np.ndarray, setback: np.ndarray,
                          gain_hours: float, loss_setback: float) -> np.ndarray:
    """Paid hours bring well-being (the barrier shrinks); setbacks raise it. In [0, 1]."""
    b = np.where(has_hours, barrier * (1.0 - gain_hours), barrier)
    b = np.where(setback, b + loss_setback * (1.0 - b), b)
    return np.clip(b, 0.0, 1.0)
