"""``behaviour.time`` and ``behaviour.knowledge``: the professional's week and what it buys.

Why apart from the other mechanisms: the tasks, their order and their hours are what the
model's time budget shares out (rules/time_budget.py) and what the staff tables report
by task; company knowledge is what outreach hours earn. Together they are the one part
of ``behaviour:`` that is about the professional rather than the citizen.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from jobfirst_sim.domain import Task
from jobfirst_sim.scenario.base import Frozen, Unit

TASK_ORDER: tuple[Task, ...] = tuple(Task)
"""Tasks in the order the model's time arrays hold them (not the priority)."""


def _priority_is_order(value: tuple[Task, ...]) -> tuple[Task, ...]:
    if sorted(value) != sorted(TASK_ORDER):
        raise ValueError(
            "priority must name every task exactly once: " + ", ".join(t.value for t in Task))
    return value


class TimeBudget(Frozen):
    """A professional's week: net hours and what each task costs [M §3-§5]
    (rules/time_budget.py). Defaults are plausible levels; docs/model.md gives each source."""

    leave_share: Annotated[float, Field(ge=0, le=0.5)] = Field(
        0.15,
        description="Share of weeks away on holiday and public holidays (0-0.5): five weeks "
        "of holiday, five extra days off and about nine weekday public holidays are about "
        "39 of 261 working days.",
    )
    absence_share: Annotated[float, Field(ge=0, le=0.5)] = Field(
        0.045,
        description="Share of weeks away sick (0-0.5): about 11-12 days a year per full-time "
        "municipal employee.",
    )
    admin_share: Annotated[float, Field(ge=0, lt=1)] = Field(
        0.20,
        description="Share of the hours at work spent on administration not tied to one "
        "citizen (team meetings, supervision, training, systems), 0-1. Plausible.",
    )
    followup_visit_hours: Annotated[float, Field(gt=0, le=20)] = Field(
        1.5,
        description="Hours one workplace follow-up visit takes, travel included (hours; > 0, "
        "<= 20). Plausible.",
    )
    casework_hours_per_citizen: Annotated[float, Field(ge=0, le=10)] = Field(
        0.25,
        description="The authority caseworker's legal casework per citizen and week (hours; "
        "0-10): benefit decisions, plans, the rehabilitation team — about 13 hours a year. "
        "Plausible.",
    )
    coordination_hours_per_citizen: Annotated[float, Field(ge=0, le=10)] = Field(
        0.10,
        description="Hours each makkerskab partner spends per shared citizen and week on "
        "the pair's meetings about their citizens (hours; 0-10) [M §5]. Plausible.",
    )
    colocated_coordination_factor: Annotated[float, Field(gt=0, le=1)] = Field(
        0.5,
        description="Share of the coordination time a co-located pair needs (> 0, <= 1): "
        "sitting together makes coordination quicker [M §5]. Plausible.",
    )
    outreach_hours_per_fte: Annotated[float, Field(ge=0, le=60)] = Field(
        4.0,
        description="Company outreach a company-side professional (consultant, jobformidler) "
        "plans per full-time week (hours; 0-60) [M §4]. Plausible.",
    )
    first_conversation_hours: Annotated[float, Field(ge=0, le=10)] = Field(
        1.0,
        description="Hours the makkerskab partner spends joining a new citizen's first "
        "conversation (hours; 0-10): the guide wants both present [M §5]. Plausible: one "
        "meeting.",
    )
    status_interval_weeks: Annotated[int, Field(ge=1, le=52)] = Field(
        4,
        description="Weeks between status meetings with each citizen that the makkerskab "
        "partner joins (weeks; 1-52) [M §5]. Plausible: monthly.",
    )
    status_meeting_hours: Annotated[float, Field(ge=0, le=10)] = Field(
        0.75,
        description="Hours the partner spends on one status meeting (hours; 0-10) [M §5]. "
        "Plausible: a 45-minute meeting.",
    )
    joint_followup_share: Annotated[float, Field(ge=0, le=1)] = Field(
        0.25,
        description="Share of the workplace follow-up visits the caseworker of a makkerskab "
        "joins, at the visit's time cost (0-1): the guide says 'some' [M §5]. Plausible.",
    )
    rehabilitation_coordination_hours: Annotated[float, Field(ge=0, le=10)] = Field(
        0.5,
        description="The coordinating caseworker's hours per ressourceforløb citizen and "
        "week, on top of the legal casework and in its priority (hours; 0-10): holding the "
        "case across the health, social and employment sides, the rehabiliteringsteam's "
        "meetings and the plan's follow-up (lov om en aktiv beskæftigelsesindsats kap. 12 b; "
        "lov om organisering og understøttelse af beskæftigelsesindsatsen). Documented "
        "prior: about 26 hours a year.",
    )
    transition_contact_hours: Annotated[float, Field(ge=0, le=10)] = Field(
        0.5,
        description="Hours one transition-support contact takes: a call or a short talk with "
        "a citizen in a placement's first weeks by the professional who follows the "
        "placement (hours; 0-10) [M §6]. Documented prior: 15 minutes to an hour.",
    )
    priority: Annotated[tuple[Task, ...], AfterValidator(_priority_is_order)] = Field(
        (Task.casework, Task.coordination, Task.followup, Task.transition, Task.contact,
         Task.mentoring, Task.joint, Task.outreach),
        description="Order in which tasks get time when the week is too short (every task "
        "once): fixed appointments first (legal casework, the pair's standing meetings), "
        "then running placements and their first weeks, then citizen contact and "
        "mentoring, then joining the "
        "partner's conversations and visits (the citizen is met either way); outreach is "
        "what a full week drops first.",
    )


class CompanyKnowledge(Frozen):
    """Knowledge of local companies, earned by outreach [M §4] (rules/knowledge.py)."""

    start: Unit = Field(
        0.5,
        description="A professional's knowledge of local companies when the run starts, 0-1. "
        "Plausible: experienced staff know some companies.",
    )
    visit_hours: Annotated[float, Field(gt=0, le=20)] = Field(
        2.0,
        description="Hours one company visit takes, travel and preparation included (hours; "
        "> 0, <= 20). Plausible.",
    )
    gain_per_visit: Unit = Field(
        0.03,
        description="Share of the gap to full knowledge one company visit closes (0-1). "
        "Plausible.",
    )
    followup_visit_weight: Unit = Field(
        0.5,
        description="What a workplace follow-up visit teaches about local companies, as a "
        "share of an outreach visit (0-1): it meets one company already in use. Plausible.",
    )
    forget_per_week: Unit = Field(
        0.013,
        description="Share of company knowledge lost per week without renewal (0-1): a "
        "half-life of about a year as companies change people and needs. Plausible.",
    )
