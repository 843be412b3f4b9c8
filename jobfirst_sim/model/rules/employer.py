"""The employer side: where placement slots come from and how a company's openness moves.

Why rules: the company pool used to be static — a fixed number of unsolved tasks and a
fixed openness per company. The method says slots are made: a consultant who approaches a
company strategically finds unsolved tasks that can be carved out as a small job [M §4],
and companies also come to the jobcentre's company service (virksomhedsservice) with
vacancies and tasks of their own. A company's willingness to take a citizen in turn rests
on how its earlier placements went [M §4, §6]. Every slot is bounded by the
rimelighedskrav: the number of people in virksomhedspraktik and løntilskud at a company
may be at most 1 for every 5 ordinary employees up to 50 employees (always at least 1),
and beyond that 1 for every 10 (bekendtgørelse om en aktiv beskæftigelsesindsats § 70,
the rule of lov om en aktiv beskæftigelsesindsats that there must be a reasonable ratio
between ordinary employees and people in virksomhedspraktik and løntilskud).
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.state import F, I

SMALL_COMPANY: int = 50
"""Ordinary employees up to which the rimelighedskrav allows 1 per 5 (beyond: 1 per 10)."""


def reasonable_cap(*, employees: I) -> I:
    """Most people in virksomhedspraktik and løntilskud a company may have (rimelighedskrav).

    1 for every 5 ordinary employees up to 50, always at least 1, and 1 for every 10
    beyond 50 (BEK om en aktiv beskæftigelsesindsats § 70). Never below 1.
    """
    e = np.maximum(employees, 0)
    small = np.minimum(e, SMALL_COMPANY) // 5
    large = np.maximum(e - SMALL_COMPANY, 0) // 10
    out: I = np.maximum(small + large, 1).astype(np.int64)
    return out


def employees_for(*, tasks: I) -> I:
    """The fewest ordinary employees whose rimelighedskrav allows ``tasks`` slots.

    Why: the initial pool's tasks are drawn without a size; a company's size is drawn
    afterwards and raised to at least this, so the pool the run starts with is lawful.
    """
    k = np.maximum(tasks, 1)
    out: I = np.where(k <= 1, 0, np.where(
        k <= SMALL_COMPANY // 5, 5 * k, SMALL_COMPANY + 10 * (k - SMALL_COMPANY // 5))
    ).astype(np.int64)
    return out


def employees_at_start(*, tasks: I, z: F, employees_median: float,
                       employees_spread: float) -> I:
    """Ordinary employees of each company: log-normal around ``employees_median`` with
    log-SD ``employees_spread`` (``z`` standard normals), raised to at least what the
    company's standing ``tasks`` need under the rimelighedskrav (:func:`employees_for`).
    Never negative.
    """
    drawn = np.round(employees_median * np.exp(employees_spread * z))
    out: I = np.maximum(drawn, employees_for(tasks=tasks)).astype(np.int64)
    return out


def new_slot_chance(*, visits_per_company: F, openness: F, carve_chance_per_visit: float,
                    service_vacancies_per_year: float) -> F:
    """Weekly chance that a company gets a new slot, by a visit or by its own call.

    Outreach visits land evenly on the municipality's companies (``visits_per_company``
    expected visits this week); each visit carves a small job out of an unsolved task with
    chance ``carve_chance_per_visit`` × the company's openness [M §4]. Independently, the
    company contacts the jobcentre's virksomhedsservice with a vacancy or task at
    ``service_vacancies_per_year`` a year, in every design. Poisson arrivals of both; the
    chance of at least one is returned (in [0, 1]).
    """
    carve = np.maximum(visits_per_company, 0.0) * carve_chance_per_visit * np.clip(
        openness, 0.0, 1.0)
    rate = carve + service_vacancies_per_year / 52.0
    out: F = -np.expm1(-rate)
    return out


def carved_share(*, visits_per_company: F, openness: F, carve_chance_per_visit: float,
                 service_vacancies_per_year: float) -> F:
    """Share of a company's new slot that a visit made (the rest came by the service).

    The two Poisson sources compete; a slot is a carved one in proportion to its rate.
    In [0, 1]; 0 where neither source acts.
    """
    carve = np.maximum(visits_per_company, 0.0) * carve_chance_per_visit * np.clip(
        openness, 0.0, 1.0)
    total = carve + service_vacancies_per_year / 52.0
    out: F = np.where(total > 0, carve / np.where(total > 0, total, 1.0), 0.0)
    return out


def update_tasks(*, tasks: I, base_tasks: I, placements: I, cap: I, new_slot: np.ndarray,
                 expire: np.ndarray) -> I:
    """A company's slots after the week: one new slot where one arrived, one free extra
    slot gone where it expired.

    A slot beyond the company's standing tasks (``base_tasks``) that nobody uses is a need
    the company solves another way in time; standing tasks and slots in use never expire.
    Never negative, never below the slots in use, never above the rimelighedskrav's cap
    (a slot arriving at a full company is lost) unless slots in use already are. Only
    extra slots expire, so a company never falls below its standing tasks.
    """
    free_extra = np.minimum(tasks - base_tasks, tasks - placements) > 0
    out = np.minimum(tasks - (expire & free_extra) + new_slot, cap)
    result: I = np.maximum(out, np.maximum(placements, 0)).astype(np.int64)
    return result


def learn_openness(*, openness: F, openness_start: F, successes: I, breakdowns: I,
                   openness_gain_per_success: float, openness_loss_per_breakdown: float,
                   openness_reversion_per_week: float) -> F:
    """A company's openness after the week's events at it [M §4, §6].

    Each placement that went well (13 weeks completed, or converted to paid hours) closes
    ``openness_gain_per_success`` of the gap to 1; each break-down takes
    ``openness_loss_per_breakdown`` of what openness there was. Between events the
    company's stance drifts back towards its own disposition (``openness_start``) by
    ``openness_reversion_per_week`` of the difference: people at the company change and
    memories fade. Stays in [0, 1].
    """
    up = 1.0 - (1.0 - openness_gain_per_success) ** np.maximum(successes, 0)
    o = np.clip(openness, 0.0, 1.0)
    o = o + openness_reversion_per_week * (np.clip(openness_start, 0.0, 1.0) - o)
    o = o + (1.0 - o) * up
    o = o * (1.0 - openness_loss_per_breakdown) ** np.maximum(breakdowns, 0)
    out: F = np.clip(o, 0.0, 1.0)
    return out
