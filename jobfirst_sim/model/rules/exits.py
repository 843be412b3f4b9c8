"""Exits by route and relapse [M §4]: job loss, flexjob, disability pension, other exits."""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.state import B, F, I, Status


def job_loss_probability(*, self_efficacy: F, lifeline: B, job_fit: F, job_contact: B,
                         followed: B, job_loss_rate: float, lifeline_effect: float,
                         contact_person_protection: float, followup_protection: float) -> F:
    """Weekly hazard of losing paid hours [M §4]: what keeps a placement keeps a job.

    Higher with low self-efficacy and a poor match (``job_fit``, each as ``1.5 − x``),
    lower with a named company contact person and in a week with follow-up (the
    placement's protection multipliers), and the aftercare lifeline removes a share.
    """
    out: F = np.clip(
        job_loss_rate * (1.5 - self_efficacy) * (1.5 - job_fit)
        * np.where(job_contact, contact_person_protection, 1.0)
        * np.where(followed, followup_protection, 1.0)
        * np.where(lifeline, 1.0 - lifeline_effect, 1.0),
        0.0, 1.0,
    )
    return out


def flexjob_eligible(*, wage_hours: F, potential: F, weeks_with_hours: I,
                     self_sufficiency_hours: float, flexjob_min_weeks: int) -> B:
    """Citizens working whose lasting capacity is below self-sufficiency, long enough to show it."""
    out: B = ((wage_hours > 0) & (potential < self_sufficiency_hours)
              & (weeks_with_hours >= flexjob_min_weeks))
    return out


def flexjob_probability(*, benefit: I, flexjob_rate: float,
                        ressourceforloeb_exit_factor: float) -> F:
    """Weekly chance of a flexjob award once eligible; × the factor in a ressourceforløb."""
    out: F = flexjob_rate * np.where(benefit == 1, ressourceforloeb_exit_factor, 1.0)
    return out


def disability_probability(*, physical: F, mental: F, benefit: I, working: B,
                           disability_rate: float, disability_barrier_slope: float,
                           ressourceforloeb_exit_factor: float) -> F:
    """Weekly disability-pension hazard: ``rate × exp(slope × worst barrier)``, times the
    ressourceforløb factor there (the route towards pension or flexjob); none while
    working."""
    b = np.maximum(physical, mental)
    h = (disability_rate * np.exp(disability_barrier_slope * b)
         * np.where(benefit == 1, ressourceforloeb_exit_factor, 1.0))
    out: F = np.where(working, 0.0, np.clip(h, 0.0, 1.0))
    return out


def support_status(*, wage_hours: F, current: I, self_sufficiency_hours: float) -> I:
    """Support status from paid hours; exits and flexjob are kept once reached."""
    kept = ((current == int(Status.flexjob)) | (current == int(Status.disability_pension))
            | (current == int(Status.other_exit)))
    by_hours = np.where(
        wage_hours >= self_sufficiency_hours,
        int(Status.self_sufficient),
        np.where(wage_hours > 0, int(Status.partial_support), int(Status.full_support)),
    )
    out: I = np.where(kept, current, by_hours)
    return out
