"""Starting ordinary hours and ending a placement: the two moves several stages make.

Why a module of its own: a job starts from a converted placement (``placement.py``) or
from the citizen's own search (``work.py``), and a placement ends on a drop-out, a switch
or an exit; each does it the one way written here, so the stages never import one
another for it.
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.rules import cv, hours, placement
from jobfirst_sim.model.state import B, F, I, Purpose
from jobfirst_sim.model.world import World

ROUTE_PLACEMENT, ROUTE_OWN_JOB = 1, 2
"""``Citizens.job_route``: a job converted from a placement, or found by the citizen."""


def end_placement(w: World, idx: I) -> None:
    """Close the placements of ``idx`` (slots freed, fields cleared); a mastered task
    leaves the company's statement on the citizen's CV (rules/cv.py)."""
    if idx.size == 0:
        return
    c, b = w.citizens, w.beh.placement
    threshold = placement.mastery_threshold(weeks_to_first_hours=b.weeks_to_first_hours,
                                            mastery_rate=b.mastery_rate)
    recorded = cv.statement(has_cv=c.has_cv[idx], mastery=c.mastery[idx],
                            mastery_threshold=threshold,
                            recorded=c.cv_mastery[idx])
    c.cv_sector[idx] = np.where(recorded != c.cv_mastery[idx],
                                w.companies.sector[c.company[idx]], c.cv_sector[idx])
    c.cv_mastery[idx] = recorded
    np.subtract.at(w.companies.placements, c.company[idx], 1)
    c.company[idx] = -1
    c.purpose[idx] = int(Purpose.none)
    c.weeks_in_placement[idx] = 0
    c.mastery[idx] = 0.0
    c.fit[idx] = 0.0
    c.agreement[idx] = False
    c.company_contact[idx] = False
    c.purpose_explicit[idx] = False
    c.placement_had_hours[idx] = False
    c.placement_hours[idx] = 0.0
    c.cannot_pay[idx] = False
    c.followup_skip[idx] = False


def start_jobs(w: World, idx: I, company: I, *, fit: F, contact_person: B, agreement: B,
               route: int) -> None:
    """Ordinary hours start for ``idx`` at ``company``, by the one entry rule for every
    job (rules/hours.entry_hours); what keeps the job is remembered with it."""
    if idx.size == 0:
        return
    c = w.citizens
    c.wage_hours[idx] = hours.entry_hours(task_hours=w.companies.task_hours[company],
                                          capacity=c.capacity[idx])
    c.job_company[idx] = company
    c.job_fit[idx] = fit
    c.job_contact[idx] = contact_person
    c.job_agreement[idx] = agreement
    c.job_route[idx] = route
