"""Ordinary job search, exits by route and relapse [M §4]."""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.state import Status


def own_job_probability(se: np.ndarray, physical: np.ndarray, mental: np.ndarray,
                        demand: np.ndarray, rate: float) -> np.ndarray:
    """Weekly chance of finding ordinary work without a placement (both designs).

    Proportional to self-efficacy and local demand, lower with health barriers.
    """
    return np.clip(rate * 2.0 * se * (1.0 - np.maximum(physical, mental)) * demand, 0.0, 1.0)


def job_loss_probability(se: np.ndarray, lifeline: np.ndarray, rate: float,
                         lifeline_effect: float) -> np.ndarray:
    """Weekly hazard of losing paid hours; the aftercare lifeline removes a share of it."""
    return np.clip(rate * (1.5 - se) * np.where(lifeline, 1.0 - lifeline_effect, 1.0), 0.0, 1.0)


def flexjob_eligible(wage_hours: np.ndarray, potential: np.ndarray, weeks_with_hours: np.ndarray,
                     self_sufficiency: float, min_weeks: int) -> np.ndarray:
    """Citizens working whose lasting capacity is below self-sufficiency, long enough to show it."""
    return (wage_hours > 0) & (potential < self_sufficiency) & (weeks_with_hours >= min_weeks)


def disability_probability(physical: np.ndarray, mental: np.ndarray, benefit: np.ndarray,
                           working: np.ndarray, rate: float, slope: float = 3.0,
                           rf_factor: float = 2.0) -> np.ndarray:
    """Weekly disability-pension hazard: ``rate × exp(slope × worst barrier)``, times
    ``rf_factor`` in a ressourceforløb (the route towards pension or flexjob); none while
    working."""
    b = np.maximum(physical, mental)
    h = rate * np.exp(slope * b) * np.where(benefit == 1, rf_factor, 1.0)
    return np.where(working, 0.0, np.clip(h, 0.0, 1.0))


def support_status(wage_hours: np.ndarray, current: np.ndarray, self_sufficiency: float
                   ) -> np.ndarray:
    """Support status from paid hours; exits and flexjob are kept once reached."""
    kept = np.isin(current, (Status.flexjob, Status.disability_pension, Status.other_exit))
    by_hours = np.where(
        wage_hours >= self_sufficiency,
        int(Status.self_sufficient),
        np.where(wage_hours > 0, int(Status.partial_support), int(Status.full_support)),
    )
    return np.where(kept, current, by_hours)
