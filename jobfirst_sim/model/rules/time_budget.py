"""The professional's week as a time budget [M §3-§5].

Why: managers decide in full-time staff (FTEs); what a design achieves follows from how a
professional's week is spent. Each FTE has net hours (nominal hours minus leave, absence
and administration); the tasks of the week (legal casework, workplace follow-up, citizen
contacts, mentoring, coordination in the pair, company outreach) each ask for hours, and
when the week is too short the priority order decides what is dropped. Contact
frequency, follow-up and outreach then *emerge* from staffing and caseload instead of
being set.
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.state import F


def hours_at_work(*, fte: F, weekly_hours: float | F, admin_share: float) -> F:
    """Hours for the tasks in a week the professional is at work: ``fte × weekly_hours ×
    (1 − admin)`` (administration takes its share of every working week)."""
    out: F = np.asarray(fte, float) * weekly_hours * max(0.0, 1.0 - admin_share)
    return out


def net_hours(*, fte: F, weekly_hours: float | F, leave_share: float, absence_share: float,
              admin_share: float) -> F:
    """Hours a professional has for the tasks in an average week.

    ``hours_at_work × (1 − leave − absence)``, never below 0: holiday and sickness take
    whole weeks away (:func:`~jobfirst_sim.model.rules.relationship.absent`), so this is
    the mean over weeks at work and weeks away.
    """
    present = max(0.0, 1.0 - leave_share - absence_share)
    out: F = hours_at_work(fte=fte, weekly_hours=weekly_hours, admin_share=admin_share) * present
    return out


def allocate(*, available: F, demand: F, priority: tuple[int, ...]) -> F:
    """Hours each professional gives each task this week, by priority.

    ``demand`` is (professionals × tasks); ``priority`` lists task columns, most important
    first. A task gets what it asks for while time remains, then the rest of the time, and
    the tasks after it get nothing: time is never overspent and never given to a task
    beyond its demand.
    """
    remaining = np.maximum(np.asarray(available, float), 0.0).copy()
    served: F = np.zeros_like(demand, dtype=float)
    for j in priority:
        give = np.minimum(np.maximum(demand[:, j], 0.0), remaining)
        served[:, j] = give
        remaining -= give
    return served


def served_share(*, served: F, demand: F) -> F:
    """Share of each demand that got time, in [0, 1] (1 where nothing was asked)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(demand > 0, served / np.where(demand > 0, demand, 1.0), 1.0)
    out: F = np.clip(share, 0.0, 1.0)
    return out


def contact_chance(*, share: F, interval_weeks: F | float) -> F:
    """Weekly chance of a planned contact: one per ``interval_weeks``, scaled by the share
    of the contact time the professional had. In [0, 1]."""
    out: F = np.clip(np.asarray(share, float) / np.asarray(interval_weeks, float), 0.0, 1.0)
    return out
