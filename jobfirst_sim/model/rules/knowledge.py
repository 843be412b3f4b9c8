"""Knowledge of local companies, earned by outreach [M §4].

Why a rule: the matcher's knowledge of local companies decides how many companies are
weighed for a citizen (``matching.n_candidates``). It used to be a design input; the
method says it comes from strategic company contact, so it is earned by company visits in
the time budget and fades when nobody visits.
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.state import F


def company_visits(*, outreach_hours: F, visit_hours: float, followup_hours: F,
                   followup_visit_hours: float, followup_visit_weight: float) -> F:
    """Company visits of a week, in outreach-visit equivalents (never negative).

    Outreach visits count fully; a workplace follow-up also meets a company, but one
    already in use, so it counts ``followup_visit_weight`` of a visit [M §4].
    """
    out: F = np.maximum(outreach_hours, 0.0) / visit_hours + followup_visit_weight * np.maximum(
        followup_hours, 0.0) / followup_visit_hours
    return out


def learn_companies(*, knowledge: F, visits: F, gain_per_visit: float,
                    forget_per_week: float) -> F:
    """Company knowledge after a week: visits close part of the gap to 1, time erodes it.

    Each visit closes ``gain_per_visit`` of the remaining gap (so any number of visits
    stays below 1); a week erodes ``forget_per_week`` of what was known. Stays in [0, 1].
    """
    learned = 1.0 - (1.0 - gain_per_visit) ** np.maximum(visits, 0.0)
    kept = knowledge * (1.0 - forget_per_week)
    out: F = np.clip(kept + (1.0 - kept) * learned, 0.0, 1.0)
    return out
