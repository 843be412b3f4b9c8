"""Social and health effort: parallel with the placement or a readiness gate first [M §2.1]."""

from __future__ import annotations

import numpy as np


def readiness(physical: np.ndarray, mental: np.ndarray) -> np.ndarray:
    """Readiness for company contact as the caseworker judges it: 1 − mean health barrier."""
    return 1.0 - 0.5 * (physical + mental)


def may_meet_companies(
    sequential: np.ndarray, ready: np.ndarray, threshold: np.ndarray
) -> np.ndarray:
    """Parallel design: everyone from day one. Sequential: only once readiness ≥ threshold."""
    return ~sequential | (ready >= threshold)


def reduce_barrier(barrier: np.ndarray, effort: np.ndarray, gain: float) -> np.ndarray:
    """Barrier after a week of social/health effort (a share ``gain`` removed). Never < 0."""
    return np.clip(barrier * (1.0 - gain * effort), 0.0, 1.0)
