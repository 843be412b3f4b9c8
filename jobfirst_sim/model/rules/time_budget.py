"""The professional's week as a time budget [M §3-§5].

Why: managers decide in full-time staff (FTEs); what a design achieves follows from how a
professional's week is spent. Each FTE has net hours (nominal hours minus leave, absence
and administration); the tasks of the week (legal casework, workplace follow-up, citizen
contacts, mentoring, coordination in the pair, company outreach) each ask for hours, and
when the week is too short the priority order decides what is dropped. Contact
frequency, follow-up and outreach then *emerge* from staffing and caseload instead of
being set.

The demands are per professional and week; each formula below names the hours of one
task, with the parameters named as in the scenario (``behaviour.time`` and the design's
``organisation``). They count the citizens the professional serves now; the stage
(``stages/time_budget.py``) scales them to a full caseload (:func:`full_caseload_factor`).
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.state import B, F


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


def casework_demand(*, citizens: F, casework_hours_per_citizen: float) -> F:
    """Legal casework: ``casework_hours_per_citizen`` for each citizen the professional is
    the authority caseworker of, every week (benefit decisions and plans do not wait)."""
    out: F = citizens * casework_hours_per_citizen
    return out


def followup_demand(*, visits_due: F, followup_visit_hours: float) -> F:
    """Workplace follow-up: one visit of ``followup_visit_hours`` for each placement or
    job whose follow-up is due this week."""
    out: F = visits_due * followup_visit_hours
    return out


def contact_demand(*, contacts_due: F, hours_per_contact: F | float) -> F:
    """Planned contacts with the primary contact person: ``contacts_due`` is the expected
    contacts of the week (each citizen counts 1 / ``contact_interval_weeks``), each taking
    ``hours_per_contact``. (A mentor's weekly support is ``mentor.mentoring_demand``.)"""
    out: F = contacts_due * hours_per_contact
    return out


def transition_demand(*, placements_starting: F, transition_contact_hours: float) -> F:
    """Transition support: one contact of ``transition_contact_hours`` this week with each
    citizen whose placement is in its first weeks (``placements_starting``, counted for
    the professional who follows the placement) [M §6]. Why a task of its own: the
    support at the transition is what lowers early break-downs
    (``placement.startup_multiplier``), and it is bought with the same hours as
    everything else, so a full week drops it before a stranger would notice."""
    out: F = placements_starting * transition_contact_hours
    return out


def coordination_demand(*, citizens: F, makkerskab: B, colocated: B,
                        colocated_coordination_factor: float,
                        coordination_hours_per_citizen: float) -> F:
    """Coordination in a makkerskab pair: ``coordination_hours_per_citizen`` for each
    citizen the pair shares (counted on both sides), times ``colocated_coordination_factor``
    where the pair sits together; nothing outside a makkerskab [M §5]."""
    factor = np.where(colocated, colocated_coordination_factor, 1.0)
    out: F = makkerskab * factor * citizens * coordination_hours_per_citizen
    return out


def joint_demand(*, first_conversations: F, pair_citizens: F, joint_visits: F,
                 first_conversation_hours: float, status_meeting_hours: float,
                 status_interval_weeks: float, joint_followup_share: float,
                 followup_visit_hours: float) -> F:
    """Joint work in a makkerskab [M §5]: the partner sits in on each new citizen's first
    conversation (``first_conversation_hours``) and on a status meeting with each shared
    citizen every ``status_interval_weeks``; the caseworker joins ``joint_followup_share``
    of the company-side partner's follow-up visits due (``joint_visits``), at a visit's
    time. The counts are zero outside pairs, so the hours are too."""
    out: F = (first_conversations * first_conversation_hours
              + pair_citizens * status_meeting_hours / status_interval_weeks
              + joint_visits * joint_followup_share * followup_visit_hours)
    return out


def outreach_demand(*, company_side: B, fte: F, outreach_hours_per_fte: float) -> F:
    """Company outreach: ``outreach_hours_per_fte`` per full-time week for the
    company-side professionals (consultants, jobformidlere), nothing for the others. Not
    scaled to the caseload: outreach serves companies, not citizens [M §4]."""
    out: F = company_side * fte * outreach_hours_per_fte
    return out


def full_caseload_factor(*, assigned: F, served_now: F) -> F:
    """Per professional, the full caseload over the citizens served now (1 when none).

    Why: a trial's caseloads stay full — the jobcentre's ordinary inflow fills the places
    of citizens not yet started or gone with citizens like the rest — so the demand of
    the citizens served now, times this factor, is the demand of a full caseload.
    """
    out: F = np.where(served_now > 0, assigned / np.maximum(served_now, 1.0), 1.0)
    return out
