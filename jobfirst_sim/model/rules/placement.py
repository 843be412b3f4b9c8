"""Company placements: purpose, retention, follow-up and mastery of the task [M §4]."""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.state import B, F, I


def draw_purpose(*, purpose_cum: F, u: F) -> I:
    """Purpose from the design's policy mix (rows are cumulative shares): 0, 1 or 2."""
    out: I = np.minimum((u[:, None] > purpose_cum).sum(axis=1), 2)
    return out


def followup_due(*, in_placement: B, weeks_in_placement: I, working: B,
                 weeks_since_start: I, interval: I) -> B:
    """Workplace follow-ups the week asks for: every ``interval`` weeks of a placement
    (counting the week about to be spent, ``weeks_in_placement + 1``), and every
    ``interval`` weeks since start for citizens in a job after a placement [M §4].
    Whether a visit happens depends on the professional's time (``time_budget``)."""
    out: B = (in_placement & ((weeks_in_placement + 1) % interval == 0)) | (
        working & ~in_placement & (weeks_since_start % interval == 0))
    return out


def dropout_hazard(
    *,
    fit: F,
    mental_barrier: F,
    company_contact: B,
    purpose_explicit: B,
    followup: B,
    weeks_in_placement: I,
    dropout_base: float,
    dropout_fit_slope: float,
    contact_person_protection: float,
    clear_purpose_protection: float,
    followup_protection: float,
    startup_factor: float,
    settling_weeks: float,
) -> F:
    """Weekly chance a placement breaks down, in [0, 1].

    Lower with a good fit (log-linear around fit 0.5), a named company contact person, an
    explicit purpose and follow-up — the evaluation's levers of stable placements [M §4] —
    and higher with mental health problems. The first weeks are the fragile transition
    [M §6]: the hazard is ``1 + startup_factor × exp(-(weeks - 1) / settling_weeks)`` times
    its settled level (``startup_factor`` 0 switches the term off).
    """
    h = dropout_base * np.exp(-dropout_fit_slope * (fit - 0.5)) * (1.0 + mental_barrier)
    if startup_factor > 0:
        w = np.maximum(weeks_in_placement - 1, 0)
        h = h * (1.0 + startup_factor * np.exp(-w / settling_weeks))
    h = h * np.where(company_contact, contact_person_protection, 1.0)
    h = h * np.where(purpose_explicit, clear_purpose_protection, 1.0)
    h = h * np.where(followup, followup_protection, 1.0)
    out: F = np.clip(h, 0.0, 1.0)
    return out


def grow_mastery(*, mastery: F, fit: F, followup: B, mastery_rate: float,
                 followup_mastery_boost: float) -> F:
    """Mastery after a week at the task: closes ``rate × fit`` of the gap, ``× (1 + boost)``
    in a week with follow-up (progression in small steps, guided) [M §4]."""
    step = mastery_rate * fit * np.where(followup, 1.0 + followup_mastery_boost, 1.0)
    out: F = np.clip(mastery + step * (1.0 - mastery), 0.0, 1.0)
    return out


def ends(*, in_placement: B, dropped: B, wage_hours: F, capacity: F, weeks_in_placement: I,
         max_weeks: int) -> B:
    """Placements that end this week: broken down, at full capacity in paid hours (nothing
    left to place), or at the longest placement a company gives (``max_weeks``)."""
    full = in_placement & (wage_hours > 0) & (wage_hours >= capacity - 0.5)
    done = in_placement & (weeks_in_placement >= max_weeks)
    out: B = dropped | full | done
    return out
