"""``behaviour.rehabilitation``: ressourceforløb as its own pathway (rules/rehabilitation.py).

Why a module of its own: the section is read by one rule module and documented in one
place (docs/model.md S4); kept apart, ``behaviour.py`` only names it. The law sets the
pathway's frame — a cross-sector plan from the rehabiliteringsteam, a coordinating
caseworker, health and social efforts next to the employment strand (lov om en aktiv
beskæftigelsesindsats kap. 12 b; lov om organisering og understøttelse af
beskæftigelsesindsatsen, rehabiliteringsteams; as of 2016) — but sizes none of the numbers
below, so each is a documented prior (scenario/prior_table.py).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from jobfirst_sim.scenario.base import Frozen, Unit


class Rehabilitation(Frozen):
    """The rehabiliteringsteam's plan and its health-led strand for ressourceforløb
    citizens, in every design (rules/rehabilitation.py)."""

    plan_review_weeks: Annotated[int, Field(ge=1, le=104)] = Field(
        26,
        description="Weeks between revisions of a ressourceforløb citizen's plan by the "
        "coordinating caseworker, when the plan's leading strand is set anew (weeks; "
        "1-104). The law has the plan followed up during the forløb (LAB kap. 12 b) but "
        "gives no interval: documented prior, twice a year.",
    )
    health_led_share: Unit = Field(
        0.5,
        description="Chance that the plan's health or social strand (treatment, "
        "psychological or psychiatric care, pain management) leads a plan period, for a "
        "citizen whose barriers still call for it (0-1). The plan is cross-sector and the "
        "employment part can be only one strand (LAB kap. 12 b): documented prior, half.",
    )
    treatment_barrier_floor: Unit = Field(
        0.25,
        description="Worst health barrier (0-1 scale) below which the plan no longer puts "
        "the health strand first (0-1). Documented prior: a mild barrier is handled next "
        "to work, not before it.",
    )
    physical_gain_per_week: Unit = Field(
        0.008,
        description="Share of the physical barrier a week of health-led effort removes "
        "(pain management, treatment, training; 0-1 a week). Documented prior: about a "
        "third of the barrier over a year in treatment.",
    )
    mental_gain_per_week: Unit = Field(
        0.008,
        description="Share of the mental barrier a week of health-led effort removes "
        "(psychological or psychiatric care; 0-1 a week). Documented prior: about a third "
        "of the barrier over a year in treatment.",
    )
    treatment_search_factor: Unit = Field(
        0.5,
        description="Relative weekly chance of seeking a company placement in a week the "
        "health strand leads (0-1; 1 = treatment takes no time from the employment "
        "strand). Documented prior: treatment appointments and their strain take about "
        "half the room a placement needs.",
    )
