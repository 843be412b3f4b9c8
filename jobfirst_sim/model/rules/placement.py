"""Company placements: purpose, retention, follow-up and mastery of the task [M §4]."""

from __future__ import annotations

import numpy as np


def draw_purpose(purpose_cum: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Purpose from the design's policy mix (rows are cumulative shares): 0, 1 or 2."""
    return np.minimum((u[:, None] > purpose_cum).sum(axis=1), 2)


def followup_due(weeks_in_placement: np.ndarray, interval: np.ndarray, capacity_ok: np.ndarray
                 ) -> np.ndarray:
    """Follow-up at the workplace: every ``interval`` weeks, if the professional has time."""
    return (weeks_in_placement % interval == 0) & capacity_ok


def dropout_hazard(
    fit: np.ndarray,
    mental_barrier: np.ndarray,
    company_contact: np.ndarray,
    purpose_explicit: np.ndarray,
    followup: np.ndarray,
    base: float,
    fit_slope: float,
    contact_protection: float,
    purpose_protection: float,
    followup_protection: float,
    weeks_in_placement: np.ndarray | None = None,
    startup_factor: float = 0.0,
    settling_weeks: float = 4.0,
) -> np.ndarray:
    """Weekly chance a placement breaks down, in [0, 1].

    Lower with a good fit (log-linear around fit 0.5), a named company contact person, an
    explicit purpose and follow-up — the evaluation's levers of stable placements [M §4] —
    and higher with mental health problems. The first weeks are the fragile transition
    [M §6]: the hazard is ``1 + startup_factor × exp(-(weeks - 1) / settling_weeks)`` times
    its settled level.
    """
    h = base * np.exp(-fit_slope * (fit - 0.5)) * (1.0 + mental_barrier)
    if weeks_in_placement is not None and startup_factor > 0:
        w = np.maximum(weeks_in_placement - 1, 0)
        h = h * (1.0 + startup_factor * np.exp(-w / settling_weeks))
    h = h * np.where(company_contact, contact_protection, 1.0)
    h = h * np.where(purpose_explicit, purpose_protection, 1.0)
    h = h * np.where(followup, followup_protection, 1.0)
    return np.clip(h, 0.0, 1.0)


def grow_mastery(mastery: np.ndarray, fit: np.ndarray, followup: np.ndarray, rate: float,
                 followup_boost: float = 0.5) -> np.ndarray:
    """Mastery after a week at the task: closes ``rate × fit`` of the gap, ``× (1 +
    followup_boost)`` in a week with follow-up (progression in small steps, guided) [M §4]."""
    step = rate * fit * np.where(followup, 1.0 + followup_boost, 1.0)
    return np.clip(mastery + step * (1.0 - mastery), 0.0, 1.0)
