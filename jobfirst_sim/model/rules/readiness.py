"""Social and health effort: parallel with the placement or a readiness gate first [M §2.1]."""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.state import B, F


def readiness(*, physical: F, mental: F) -> F:
    """Readiness for company contact as the caseworker judges it: 1 − mean health barrier."""
    out: F = 1.0 - 0.5 * (physical + mental)
    return out


def may_meet_companies(*, sequential: B, ready: F, threshold: F) -> B:
    """Parallel design: everyone from day one. Sequential: only once readiness ≥ threshold."""
    out: B = ~sequential | (ready >= threshold)
    return out


def reduce_barrier(*, barrier: F, effort: F, gain_per_week: float) -> F:
    """Barrier after a week of social/health effort (a share ``gain`` removed). Never < 0."""
    out: F = np.clip(barrier * (1.0 - gain_per_week * effort), 0.0, 1.0)
    return out
