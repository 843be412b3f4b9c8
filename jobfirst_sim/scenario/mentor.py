"""``behaviour.mentor``: the mentor's support at and around the workplace (rules/mentor.py).

Why a section (and a module) of its own: mentor support is a task of the mentor's week
(hours per supported citizen and week) and an effect on two hazards (placement break-down
and the loss of new ordinary hours); its four numbers belong together next to the rules
that read them. Mentorstøtte is a measure of lov om en aktiv beskæftigelsesindsats,
kapitel 13; no Danish evaluation sizes its weekly effect on break-downs or relapse, so the
effects are documented priors (``prior_table.py``; docs/model.md S3).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from jobfirst_sim.scenario.base import Frozen, Unit


class MentorSupport(Frozen):
    """A mentor's support of citizens in a placement and in new ordinary hours (LAB kap. 13)
    (rules/mentor.py). Acts only where a design has mentors (the BUM split)."""

    hours_per_citizen_week: Annotated[float, Field(ge=0, le=20)] = Field(
        1.0,
        description="Mentor hours per supported citizen and week, travel to the workplace "
        "included (hours; 0-20). Documented prior: a short visit or call and some practical "
        "help each week; no register figure gives the hours.",
    )
    support_weeks_after_hours: Annotated[int, Field(ge=0, le=104)] = Field(
        13,
        description="Weeks after the first ordinary hours the mentor keeps supporting the "
        "citizen (weeks; 0-104): mentorstøtte may continue in employment to keep the job "
        "(LAB kap. 13). Documented prior: about three months.",
    )
    placement_protection: Unit = Field(
        0.8,
        description="Multiplier (0-1) of the weekly placement break-down hazard in a week "
        "with the mentor's support: 1 = no effect. Documented prior, set equal to a week "
        "with a workplace follow-up (placement.followup_protection).",
    )
    relapse_protection: Unit = Field(
        0.8,
        description="Multiplier (0-1) of the weekly hazard of losing new ordinary hours in a "
        "week with the mentor's support: 1 = no effect. Documented prior, as "
        "placement_protection.",
    )
