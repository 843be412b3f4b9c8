"""Ordinary job search outside placements, in every design.

Citizens on full support, not in a placement and without paid hours look for ordinary
work on their own; the chance grows with self-efficacy and local demand and falls with
health barriers. A citizen who finds work starts at a company of their own municipality by
the one entry rule for every job (``hours.entry_hours``: the task's hours, capped by
capacity), and rises from there in small steps.
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.state import B, F, I, Status


def looking(*, alive: B, wage_hours: F, in_placement: B, status: I) -> B:
    """Who searches on their own this week: on full support, no hours, not in placement."""
    out: B = alive & (wage_hours <= 0) & ~in_placement & (status == int(Status.full_support))
    return out


def own_job_probability(*, self_efficacy: F, physical: F, mental: F, demand: F, rate: float
                        ) -> F:
    """Weekly chance of finding ordinary work without a placement.

    ``rate × 2 × self-efficacy × (1 − worst barrier) × local demand``, so ``rate`` is the
    chance at self-efficacy 0.5, no barrier and average demand.
    """
    out: F = np.clip(
        rate * 2.0 * self_efficacy * (1.0 - np.maximum(physical, mental)) * demand, 0.0, 1.0
    )
    return out


def employer(*, u: F, p: F, first_company: I, company_count: I) -> I:
    """The company of a job found: uniform over the municipality's companies.

    ``u < p`` decided the job was found, so ``u / p`` is again uniform on [0, 1) and picks
    the company without a further draw.
    """
    pick = u / p
    out: I = first_company + np.floor(pick * company_count).astype(np.int64)
    return out
