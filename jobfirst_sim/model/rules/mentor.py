"""Mentor support at and around the workplace (mentorstøtte, LAB kap. 13).

Why rules of their own: in the normal effort's BUM split a mentor unit supports citizens
in a placement and in the first weeks of new ordinary hours, at or around the workplace
(lov om en aktiv beskæftigelsesindsats, kapitel 13, mentorstøtte). That support costs the
mentor time — hours per supported citizen and week, a task of the time budget — and in a
week the mentor's time allows it, the citizen is less likely to drop out of the placement
and less likely to lose new ordinary hours. Before, mentors changed trust and barriers
only (through the contact they bring, ``rules/contact.py``); these rules add what a
mentor is there for. The break-down and relapse rules (``rules/placement.py``,
``rules/exits.py``) are not changed: the stages multiply their hazards by the factors
here, so each effect is visible, named and can be switched off (factor 1).

Sizes: Danish evaluations show mentor support helps vulnerable citizens into jobs (the
randomised mentor trial for young cash-benefit recipients, Rambøll/Rosholm and Svarer for
STAR, October 2014: about +2 percentage points in jobs after a year) and that mentors'
work is mostly social support to hold daily life together (SFI, Albæk et al., "Evaluering
af mentorordningen", March 2015); neither sizes the weekly break-down or relapse hazard, so
the protections are documented priors (``scenario/prior_table.py``).
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.state import B, F, I


def mentees(*, alive: B, has_mentor: B, in_placement: B, wage_hours: F,
            weeks_with_hours: I, support_weeks_after_hours: int) -> B:
    """Citizens a mentor supports this week: those with a mentor who are in a placement,
    or who have had ordinary hours for at most ``support_weeks_after_hours`` weeks (new
    hours are the fragile time a mentor helps keep, LAB kap. 13)."""
    new_hours = (wage_hours > 0) & (weeks_with_hours <= support_weeks_after_hours)
    out: B = alive & has_mentor & (in_placement | new_hours)
    return out


def mentoring_demand(*, mentees: F, hours_per_citizen_week: float) -> F:
    """A mentor's hours asked for this week: ``hours_per_citizen_week`` for each supported
    citizen (``mentees`` counted per mentor)."""
    out: F = mentees * hours_per_citizen_week
    return out


def support_chance(*, share: F) -> F:
    """Weekly chance that a supported citizen gets the mentor's support: the share of the
    mentoring hours the mentor had this week (support is weekly, so no interval). In [0, 1]."""
    out: F = np.clip(np.asarray(share, float), 0.0, 1.0)
    return out


def _protect(mentored: B, factor: float) -> F:
    out: F = np.where(mentored, factor, 1.0)
    return out


def placement_protection(*, mentored: B, placement_protection: float) -> F:
    """Multiplier of the weekly placement break-down hazard: ``placement_protection`` in a
    week with the mentor's support, 1 otherwise (a mentor helps solve what would end the
    placement: the first days, colleagues, transport, a bad week)."""
    return _protect(mentored, placement_protection)


def relapse_protection(*, mentored: B, relapse_protection: float) -> F:
    """Multiplier of the weekly hazard of losing ordinary hours: ``relapse_protection`` in a
    week with the mentor's support, 1 otherwise (support to keep the new hours)."""
    return _protect(mentored, relapse_protection)
