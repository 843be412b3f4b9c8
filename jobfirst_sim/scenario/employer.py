"""``behaviour.employer``: where placement slots come from, and what moves a company's openness.

Why a section of its own: the company pool used to be static. Slots are made by strategic
company visits (a small job carved out of an unsolved task [M §4]) and by companies that
bring a vacancy to the jobcentre's company service (virksomhedsservice); a company's
openness rests on how its own placements went. Every slot is bounded by the company's size
through the rimelighedskrav (rules/employer.py cites it). None of these is sized by a
published figure for the trial's municipalities, so each is a documented prior
(``prior_table.py``); none is fitted.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from jobfirst_sim.scenario.base import Frozen, Unit


class Employer(Frozen):
    """The employer side of the week [M §4] (rules/employer.py, stages/employer.py)."""

    carve_chance_per_visit: Unit = Field(
        0.15,
        description="Chance that one strategic company visit by a consultant or jobformidler "
        "carves a small job out of a company's unsolved task at a fully open company (times "
        "the company's openness), 0-1 [M §4]. Documented prior: about one visit in seven "
        "at an average company.",
    )
    service_vacancies_per_year: Annotated[float, Field(ge=0, le=12)] = Field(
        0.25,
        description="Vacancies or tasks a company brings to the jobcentre's company service "
        "(virksomhedsservice) a year that can become a placement slot, in every design "
        "(per company and year; 0-12). Documented prior: one company in four a year; no "
        "published count of such contacts per company sizes it.",
    )
    unused_slot_expiry_per_week: Unit = Field(
        0.077,
        description="Weekly chance that a company's extra slot (carved or brought to the "
        "service) nobody uses is gone, because the company solved the need another way, "
        "0-1. Standing tasks and slots in use never expire. Documented prior: an unused "
        "slot lasts about a quarter (13 weeks).",
    )
    openness_gain_per_success: Unit = Field(
        0.05,
        description="Share of the gap to full openness a company's placement that went well "
        "(13 weeks completed, or converted to paid hours) closes, 0-1 [M §4, §6]. "
        "Documented prior (learning rate).",
    )
    openness_loss_per_breakdown: Unit = Field(
        0.05,
        description="Share of a company's openness a break-down of one of its placements "
        "takes, 0-1 [M §4, §6]. Documented prior (learning rate).",
    )
    openness_reversion_per_week: Unit = Field(
        0.01,
        description="Share of the difference between a company's openness and its own "
        "disposition at the start that a week closes, 0-1: people at the company change "
        "and memories of placements fade. Documented prior: a half-life of about 1.3 "
        "years, as company knowledge's (behaviour.knowledge.forget_per_week).",
    )
    employees_median: Annotated[float, Field(ge=1, le=1000)] = Field(
        12.0,
        description="Median ordinary employees of a company the jobcentre reaches (persons; "
        "1-1000), log-normal; raised where needed so the company's standing tasks are "
        "within the rimelighedskrav. Documented prior: most Danish workplaces in the "
        "entry-level sectors are small, with a long tail of large ones.",
    )
    employees_spread: Annotated[float, Field(ge=0, le=3)] = Field(
        1.0,
        description="Standard deviation of log employees (0-3). Documented prior: a factor "
        "of about 2.7 either side of the median for two companies in three.",
    )
