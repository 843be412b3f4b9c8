"""Intake and the first conversation [M §3]: hours on the agenda, CV made or not."""

from __future__ import annotations

from jobfirst_sim.model.state import B, F, I


def starts_now(*, start_week: I, week: int) -> B:
    """Citizens whose own start is this model week."""
    out: B = start_week == week
    return out


def cv_made(*, has_cv: B, new: B, contacted: B, cv_at_start: B, rate_later: float, u: F) -> B:
    """Who has a CV after this week.

    With ``cv_at_start`` the CV is made right after the first conversation; otherwise it
    may be made later at a contact (weekly chance ``rate_later``). A CV is never lost.
    """
    at_start = new & cv_at_start
    later = contacted & ~cv_at_start & (u < rate_later)
    out: B = has_cv | at_start | later
    return out


def efficacy_after_cv(*, self_efficacy: F, efficacy_boost: float) -> F:
    """Self-efficacy once a job-focused CV is made: ``efficacy_boost`` of the gap to 1 [M §6]."""
    out: F = self_efficacy + efficacy_boost * (1.0 - self_efficacy)
    return out
