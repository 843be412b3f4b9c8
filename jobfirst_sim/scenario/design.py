"""An arm's design: track 3 (``organisation``) and tracks 1-2 (``practice``) [M §3-§5].

Why a module of its own: the design levers are what a jobcentre manager changes, what
the named presets (``presets/designs.yaml``) fill in and what ``explain`` decomposes; they
are read apart from the rest of the scenario (population, market, behaviour).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, model_validator

from jobfirst_sim.domain import Benefit, StaffRole
from jobfirst_sim.scenario.base import Caseload, Frozen, Fte, Probability, Unit


class RoleModel(StrEnum):
    """How the three roles are organised [M §5]."""

    bum = "bum"
    makkerskab = "makkerskab"


class SocialEffort(StrEnum):
    """Parallel (place, then train) vs sequential (readiness first) [M §2.1]."""

    parallel = "parallel"
    sequential = "sequential"


ROLE_DANISH_NAMES: dict[str, StaffRole] = {
    "sagsbehandler": StaffRole.caseworker,
    "myndighedssagsbehandler": StaffRole.caseworker,
    "virksomhedskonsulent": StaffRole.consultant,
    "konsulent": StaffRole.consultant,
    "mentor": StaffRole.mentor,
    "jobformidler": StaffRole.jobformidler,
}
"""The Danish names a jobcentre uses for each role, for the "did you mean" of a ``staff:``
key: the keys are English, and a Danish manager writes ``virksomhedskonsulent:``."""


def design_roles(role_model: RoleModel, jobformidler: bool) -> tuple[StaffRole, ...]:
    """Roles a design staffs; the first is the citizen's primary contact [M §5].

    * makkerskab with jobformidlere: the jobformidler is the primary contact, paired with
      an authority caseworker;
    * makkerskab without: the caseworker (primary) in a fixed team with a consultant and
      a mentor;
    * BUM: the caseworker orders; the consultant and mentor units perform.
    """
    if role_model is RoleModel.makkerskab and jobformidler:
        return (StaffRole.jobformidler, StaffRole.caseworker)
    return (StaffRole.caseworker, StaffRole.consultant, StaffRole.mentor)


def staff_problem(staff: dict[StaffRole, float], roles: tuple[StaffRole, ...]) -> str | None:
    """Why ``staff`` does not fit a design with ``roles`` (None when it does)."""
    missing = [r.value for r in roles if r not in staff]
    extra = [r.value for r in staff if r not in roles]
    if not missing and not extra:
        return None
    parts = []
    if missing:
        parts.append("missing " + ", ".join(missing))
    if extra:
        parts.append(", ".join(extra) + " not in this design")
    return (
        "staff: must give full-time equivalents (FTE) for exactly the roles of this design, "
        + ", ".join(r.value for r in roles) + " (" + "; ".join(parts) + "); if the arm's "
        "design changed, give its staff for the new roles or a caseload: instead"
    )


class Organisation(Frozen):
    """Track 3: roles, staffing and the professional's week [M §5]."""

    role_model: RoleModel = Field(
        description="How the three roles work together: bum (caseworker orders, other units "
        "perform) or makkerskab (a fixed pair sharing the caseload) [M §5]."
    )
    jobformidler: bool = Field(
        description="true = consultant and mentor merged into one primary contact, the "
        "jobformidler; needs role_model: makkerskab [M §5]."
    )
    caseload: Caseload | None = Field(
        default=None,
        description="Citizens per professional (full-time) in every role (citizens; 1-500); "
        "staff (FTE) per role = citizens / caseload. Give either caseload or staff, not "
        "both. Trial average 41 [T T5]; a municipality's caseload: or staff: entry "
        "overrides it there.",
    )
    staff: dict[StaffRole, Fte] | None = Field(
        default=None,
        description="Full-time equivalents per role (role: FTE, > 0 and <= 10,000 each) for "
        "the arm's citizens; caseload follows as citizens / FTE. The roles are the design's: "
        "jobformidler and caseworker (makkerskab with jobformidlere), else caseworker, "
        "consultant and mentor. Give either caseload or staff, not both [M §5].",
    )
    weekly_hours: Annotated[
        float,
        Field(gt=0, le=60, description="Nominal working hours of one full-time professional "
              "(hours/week; > 0, <= 60); net hours for tasks follow behaviour.time."),
    ] = 37.0
    hours_per_contact: Annotated[
        float,
        Field(
            gt=0,
            le=10,
            description="Hours one citizen contact takes, notes included (hours; > 0, <= 10). "
            "Plausible: a mix of meetings and calls.",
        ),
    ] = 0.75
    colocated: bool = Field(
        default=True,
        description="true = caseworker and partner sit together, which eases cover and "
        "lowers the time coordination takes [M §5].",
    )
    staff_turnover_per_year: Annotated[
        float,
        Field(
            ge=0,
            le=2,
            description="Share of professionals replaced per year (per year; 0-2); each "
            "replacement is a handover [M §3]. Plausible.",
        ),
    ] = 0.20
    referral_delay_weeks: Annotated[
        int,
        Field(
            ge=0,
            le=52,
            description="Weeks a BUM referral waits before the performing unit acts (weeks; "
            "0-52) [M §5]. Plausible.",
        ),
    ] = 4

    @property
    def roles(self) -> tuple[StaffRole, ...]:
        """The roles this design staffs, primary contact first."""
        return design_roles(self.role_model, self.jobformidler)

    @model_validator(mode="after")
    def _jobformidler_needs_makkerskab(self) -> Organisation:
        if self.jobformidler and self.role_model is RoleModel.bum:
            raise ValueError(
                "jobformidler: true needs role_model: makkerskab (in the BUM split the "
                "consultant and mentor are separate performers)"
            )
        return self

    @model_validator(mode="after")
    def _caseload_or_staff(self) -> Organisation:
        if self.caseload is not None and self.staff is not None:
            raise ValueError(
                "give either caseload: (citizens per professional) or staff: (FTE per role), "
                "not both — staffing follows from one of them"
            )
        if self.caseload is None and self.staff is None:
            raise ValueError(
                "the organisation needs caseload: (citizens per professional) or staff: "
                "(FTE per role)"
            )
        if self.staff is not None:
            problem = staff_problem(self.staff, self.roles)
            if problem:
                raise ValueError(problem)
        return self


class PurposeMix(Frozen):
    """Policy mix of placement purposes [M §4]; shares must add to 1."""

    hours: Probability = Field(
        default=0.6, description="Share of placements aimed at ordinary hours (0-1) [M §4]."
    )
    competence: Probability = Field(
        default=0.25,
        description="Share of placements to train specific competences (0-1) [M §4].",
    )
    clarify: Probability = Field(
        default=0.15, description="Share of placements to clarify job goals (0-1) [M §4]."
    )

    @model_validator(mode="after")
    def _sums_to_one(self) -> PurposeMix:
        total = self.hours + self.competence + self.clarify
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"purpose shares must add up to 1, got {total:.3f}")
        return self


class Practice(Frozen):
    """Tracks 1 and 2: the practice levers of the method [M §3, §4, §5]."""

    hours_dialogue_from_start: bool = Field(
        description="true = ordinary (paid) hours are on the agenda from the first "
        "conversation, with citizen and company [M §3, §4]."
    )
    cv_at_start: bool = Field(
        description="true = a CV is made right after the first conversation and used to "
        "uncover competences [M §3]."
    )
    social_effort: SocialEffort = Field(
        description="parallel = health and social help alongside the placement (place, then "
        "train); sequential = readiness first, then company contact [M §2.1]."
    )
    readiness_threshold: Unit = Field(
        default=0.55,
        description="Sequential only: readiness (0-1) needed before any company contact "
        "[M §2.1]. Plausible.",
    )
    purpose_mix: PurposeMix = Field(
        default=PurposeMix(),
        description="Shares of placement purposes: hours, competence, clarify (each 0-1, "
        "adding up to 1) [M §4].",
    )
    purpose_explicit: bool = Field(
        description="true = each placement's purpose is razor-clear to citizen, company and "
        "professionals [M §4]."
    )
    work_agreement: bool = Field(
        description="true = a work agreement (arbejdsaftale) with goals, sub-goals and hours "
        "is made and followed up [M §4]."
    )
    company_contact_required: bool = Field(
        description="true = only companies that name a fixed contact person are used [M §4]."
    )
    contact_interval_weeks: Annotated[
        int,
        Field(
            ge=1,
            le=26,
            description="Weeks between planned contacts with the primary contact person "
            "(weeks; 1-26); whether they happen depends on the professional's time. "
            "JobFirst: weekly until the placement starts [M §3]. Normal effort 2016-2017: "
            "13, the legal minimum for aktivitetsparate kontanthjælpsmodtagere, 4 "
            "jobsamtaler in every 12 months (LAB, LBK nr. 1342 af 16/11/2015, "
            "kontaktforløb; STAR, 'Opfølgning på data om samtaler', 2018); no practice "
            "figure found, documented prior 4-13.",
        ),
    ] = 2
    followup_interval_weeks: Annotated[
        int,
        Field(
            ge=1,
            le=52,
            description="Weeks between follow-ups at the workplace (weeks; 1-52) [M §4].",
        ),
    ] = 2
    weeks_without_hours_before_switch: Annotated[
        int | None,
        Field(
            ge=1,
            le=104,
            description="Move the citizen to a new company after this many weeks in a "
            "placement without ordinary hours (weeks; 1-104); null = never [M §4].",
        ),
    ] = 16
    aftercare_lifeline: bool = Field(
        description="true = citizens who got a job keep their contact's direct number "
        "(lowers relapse) [M §4]."
    )
    production_steering: bool = Field(
        description="true = management follows the case-flow funnel so stalled cases are "
        "noticed and acted on sooner [M §5]."
    )


class Design(Frozen):
    """An organisational design: organisation plus practice."""

    organisation: Organisation = Field(
        description="Track 3: roles, staffing and caseload [M §5]."
    )
    practice: Practice = Field(description="Tracks 1 and 2: the method's practice levers.")
    practice_by_benefit: dict[Benefit, dict[str, Any]] = Field(
        default_factory=dict,
        description="Practice levers that differ for one benefit group (group: {lever: "
        "value}); the rest as in practice:. The normal effort for citizens in a "
        "ressourceforløb already has the rehabilitation team's plan with health and social "
        "effort in parallel and a coordinating caseworker.",
    )

    @model_validator(mode="after")
    def _group_practice_is_valid(self) -> Design:
        for group in self.practice_by_benefit:
            self.practice_for(group)  # raises with the field's own message
        return self

    def practice_for(self, benefit: Benefit) -> Practice:
        """The practice levers for citizens of ``benefit`` (the group's own values win)."""
        own = self.practice_by_benefit.get(benefit)
        if not own:
            return self.practice
        return Practice.model_validate({**self.practice.model_dump(), **own})
