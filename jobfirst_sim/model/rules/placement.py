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
    supported: B,
    dropout_base: float,
    dropout_fit_slope: float,
    contact_person_protection: float,
    clear_purpose_protection: float,
    followup_protection: float,
    startup_hazard: float,
    transition_weeks: int,
    transition_support_protection: float,
) -> F:
    """Weekly chance a placement breaks down, in [0, 1].

    Lower with a good fit (log-linear around fit 0.5), a named company contact person, an
    explicit purpose and follow-up — the evaluation's levers of stable placements [M §4] —
    and higher with mental health problems. The first ``transition_weeks`` of a placement
    are the fragile transition [M §6]: new matches end more often early on (the
    separation hazard of a new job is highest in its first months), so the hazard is
    ``1 + startup_hazard`` times its settled level there. Support at the transition
    [M §6] — a contact with the citizen that week by the professional who follows the
    placement (``supported``, paid for in the time budget) — removes
    ``transition_support_protection`` of that extra hazard (:func:`startup_multiplier`).
    """
    h = dropout_base * np.exp(-dropout_fit_slope * (fit - 0.5)) * (1.0 + mental_barrier)
    h = h * startup_multiplier(
        weeks_in_placement=weeks_in_placement, supported=supported,
        startup_hazard=startup_hazard, transition_weeks=transition_weeks,
        transition_support_protection=transition_support_protection)
    h = h * np.where(company_contact, contact_person_protection, 1.0)
    h = h * np.where(purpose_explicit, clear_purpose_protection, 1.0)
    h = h * np.where(followup, followup_protection, 1.0)
    out: F = np.clip(h, 0.0, 1.0)
    return out


def startup_multiplier(*, weeks_in_placement: I, supported: B, startup_hazard: float,
                       transition_weeks: int, transition_support_protection: float) -> F:
    """Break-down hazard multiplier of the transition, >= 1.

    ``1 + startup_hazard × (1 − transition_support_protection if supported else 1)`` in
    the placement's first ``transition_weeks`` weeks (``weeks_in_placement`` counts the
    week being spent, 1 = the first), 1 after them. Why: the start-up risk is a fact of
    new placements, what the jobcentre controls is whether someone is there in those
    weeks [M §6] — so the lever is the support, not the size of the risk.
    """
    early = (weeks_in_placement >= 1) & (weeks_in_placement <= transition_weeks)
    extra = startup_hazard * np.where(supported, 1.0 - transition_support_protection, 1.0)
    out: F = np.where(early, 1.0 + extra, 1.0)
    return out


def transition_due(*, in_placement: B, weeks_in_placement: I, transition_weeks: int) -> B:
    """Citizens whose placement is in its first ``transition_weeks`` weeks in the week
    about to be spent (``weeks_in_placement + 1``): the ones a transition-support contact
    is planned for this week (``stages/time_budget.py``)."""
    week = weeks_in_placement + 1
    out: B = in_placement & (week >= 1) & (week <= transition_weeks)
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
    left to place), or at the legal maximum of a placement (``max_weeks``, reached after an
    extension at the review: :func:`placement_review`)."""
    full = in_placement & (wage_hours > 0) & (wage_hours >= capacity - 0.5)
    done = in_placement & (weeks_in_placement >= max_weeks)
    out: B = dropped | full | done
    return out


REVIEW_NONE, REVIEW_CONVERT, REVIEW_EXTEND, REVIEW_SWITCH, REVIEW_END = 0, 1, 2, 3, 4
"""Outcomes of :func:`placement_review`: no review this week, convert to ordinary hours,
extend, switch company, end (purpose reached, or no extension allowed)."""


def placement_review(*, in_placement: B, weeks_in_placement: I, mastered: B, wage_hours: F,
                     room: F, agreement: B, purpose: I, review_week: int,
                     room_switch_threshold: float, max_weeks: int) -> I:
    """The review of a placement at ``review_week``: convert, extend or switch.

    Why: a virksomhedspraktik for the trial's groups was granted for up to 13 weeks at a
    time and could be extended, after a concrete assessment, up to a legal maximum
    (``max_weeks``, 26 weeks) — so at week 13 the jobcentre, the company and the citizen
    decide what comes next, and the work agreement's sub-goals are what they review
    [M §4]. Per citizen in a placement in its ``review_week``:

    - **convert** (1): paid hours reached already, or, in an hours-oriented placement,
      the sub-goals met (``mastered``) and the company has the economic room
      (``room >= room_switch_threshold``) — ordinary hours start where there are none yet,
      and the placement goes on combined with them (as after a conversion in
      ``rules/conversion.py``) until the hours absorb it or ``max_weeks``;
    - **switch** (3): hours-oriented, sub-goals met, but the company cannot pay (room
      below the threshold) — the citizen moves to a new company [M §4];
    - **end** (4): a competence or clarifying placement whose sub-goals are met (its
      purpose is reached; the CV records it), or any undecided placement when the legal
      maximum leaves no room to extend (``max_weeks <= review_week``);
    - **extend** (2): sub-goals not yet met, or no work agreement to review them against
      (without sub-goals practice lets the placement run on) — up to ``max_weeks``.

    Only with a work agreement are the sub-goals on the table: without one, the review
    extends whatever the mastery (hours already reached still convert). 0 elsewhere.
    """
    at = in_placement & (weeks_in_placement == review_week)
    hours_goal = purpose == 0
    met = agreement & mastered
    has_hours = wage_hours > 0
    can_pay = room >= room_switch_threshold
    convert = has_hours | (met & hours_goal & can_pay)
    switch = ~convert & met & hours_goal & ~can_pay
    purpose_done = ~convert & met & ~hours_goal
    cannot_extend = max_weeks <= review_week  # a Python bool: no `~` on it (deprecated)
    end = purpose_done | (~convert & ~switch & cannot_extend)
    out: I = np.where(~at, REVIEW_NONE, np.where(
        convert, REVIEW_CONVERT, np.where(switch, REVIEW_SWITCH, np.where(
            end, REVIEW_END, REVIEW_EXTEND)))).astype(np.int64)
    return out


def mastery_threshold(*, weeks_to_first_hours: float, mastery_rate: float) -> float:
    """Mastery at which a task can convert to paid hours, derived from what can be seen.

    Why: the level of 'mastery' is not observable; the weeks from a placement's start to
    its first paid hours at the same company are. The threshold is the mastery a citizen
    of middling fit (0.5) reaches in ``weeks_to_first_hours`` weeks at the task without
    follow-up (:func:`grow_mastery`): ``1 − (1 − mastery_rate × 0.5) ** weeks``. Follow-up
    weeks and a better fit reach it sooner, a poor fit later, so the observed weeks
    spread around the parameter as in practice.
    """
    return float(1.0 - (1.0 - mastery_rate * 0.5) ** weeks_to_first_hours)
