"""Intake and the first conversation [M §3]: hours on the agenda, CV made or not."""

from __future__ import annotations

import numpy as np


def starts_now(start_week: np.ndarray, week: int) -> np.ndarray:
    """Citizens whose own start is this model week."""
    return start_week == week


def cv_made(
    has_cv: np.ndarray,
    new: np.ndarray,
    contacted: np.ndarray,
    cv_at_start: np.ndarray,
    rate_later: float,
    u: np.ndarray,
) -> np.ndarray:
    """Who has a CV after this week.

    With ``cv_at_start`` the CV is made right after the first conversation; otherwise it
    may be made later at a contact (weekly chance ``rate_later``). A CV is never lost.
    """
    at_start = new & cv_at_start
    later = contacted & ~cv_at_start & (u < rate_later)
    return has_cv | at_start | later
