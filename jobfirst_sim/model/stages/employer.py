"""The employer stage of the week: slots made and lost at companies, openness learnt.

Why a stage: the company pool used to be fixed at the start. Here, once a week after the
placement and conversion stages, the week's outreach hours (``time_budget.py``) become
strategic company visits that carve small jobs out of unsolved tasks, companies bring
vacancies to the company service (virksomhedsservice) in every design, unused extra slots
lapse, and each company's openness learns from how its own placements went this week.
The decisions are the rules in ``rules/employer.py``; this gathers and applies them.
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.domain import Task
from jobfirst_sim.model.rules import employer
from jobfirst_sim.model.world import World
from jobfirst_sim.scenario.behaviour import TASK_ORDER

OUTREACH = TASK_ORDER.index(Task.outreach)
"""Column of outreach in the professionals' time arrays."""


def employer_week(w: World) -> None:
    """Openness learns from the week's placements; visits and the service make slots."""
    t, co, st, em = w.week, w.companies, w.staff, w.beh.employer
    # how the week's placements went at each company (13 weeks, conversions, break-downs)
    good = w.comp_stats[1].sum(axis=0) + w.comp_stats[2].sum(axis=0)
    successes = good - co.good_seen
    co.good_seen = good
    # the placement stage counts each break-down at its company where it happens
    breakdowns = co.breakdowns - co.breakdowns_seen
    co.breakdowns_seen = co.breakdowns.copy()
    co.openness = employer.learn_openness(
        openness=co.openness, openness_start=co.openness_start, successes=successes,
        breakdowns=breakdowns, openness_gain_per_success=em.openness_gain_per_success,
        openness_loss_per_breakdown=em.openness_loss_per_breakdown,
        openness_reversion_per_week=em.openness_reversion_per_week)
    # the week's outreach visits, spread evenly over the municipality's companies
    served = st.time_served[:, OUTREACH]
    visits = np.maximum(served - w.outreach_seen, 0.0) / w.beh.knowledge.visit_hours
    w.outreach_seen = served.copy()
    per_muni = np.bincount(st.municipality, weights=visits, minlength=w.comp_count.size)
    per_company = per_muni[co.municipality] / np.maximum(w.comp_count[co.municipality], 1)
    u = w.streams.uniform(t, "employer", 3 * co.n).reshape(3, co.n)
    cap = employer.reasonable_cap(employees=co.employees)
    chance = employer.new_slot_chance(
        visits_per_company=per_company, openness=co.openness,
        carve_chance_per_visit=em.carve_chance_per_visit,
        service_vacancies_per_year=em.service_vacancies_per_year)
    made = (u[0] < chance) & (co.tasks < cap)
    by_visit = made & (u[1] < employer.carved_share(
        visits_per_company=per_company, openness=co.openness,
        carve_chance_per_visit=em.carve_chance_per_visit,
        service_vacancies_per_year=em.service_vacancies_per_year))
    co.carved += by_visit
    co.offered += made & ~by_visit
    co.tasks = employer.update_tasks(
        tasks=co.tasks, base_tasks=co.base_tasks, placements=co.placements, cap=cap,
        new_slot=made, expire=u[2] < em.unused_slot_expiry_per_week)
