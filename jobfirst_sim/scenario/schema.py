"""The scenario language: one frozen pydantic model per YAML section.

Why: a scenario is what a jobcentre manager writes, so every field carries its unit,
its allowed range and its source, unknown keys are rejected (a typo must fail
loudly, not silently fall back to a default) and cross-field rules live in
validators here rather than scattered through the model.

Sections (YAML key → model):

* ``population``    → :class:`Population`  — who the citizens are (per benefit group)
* ``labour_market`` → :class:`LabourMarket` — the local companies
* ``municipalities``→ list of :class:`Municipality`
* ``arms``          → list of :class:`Arm`, each with a full :class:`Design`
  (``organisation`` → :class:`Organisation`, ``practice`` → :class:`Practice`)
* ``behaviour``     → :class:`Behaviour` — the mechanism parameters (some calibrated)
* ``run``           → :class:`RunSettings`

Sources are cited as: [M §n] = the JobFirst method brief (jobfirst-method.md,
section n), [T Tn] = calibration target n, [C] = fitted by
``experiments/calibration`` (see docs/model.md, "Calibration").
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

Probability = Annotated[float, Field(ge=0.0, le=1.0)]
"""A probability or share in [0, 1]."""
Unit = Annotated[float, Field(ge=0.0, le=1.0)]
"""A latent state on the unit interval (0 = none, 1 = full)."""
PositiveFloat = Annotated[float, Field(gt=0.0)]
NonNegFloat = Annotated[float, Field(ge=0.0)]
Weeks = Annotated[int, Field(ge=0, le=1000)]
Name = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_æøåÆØÅ .\-/]+$")]


class Frozen(BaseModel):
    """Base: frozen, unknown keys forbidden, strict strings (YAML ``no`` is not a name)."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)


class Benefit(StrEnum):
    """Benefit group of a citizen [M §1]."""

    kontanthjaelp = "kontanthjaelp"
    ressourceforloeb = "ressourceforloeb"


BENEFITS: tuple[Benefit, ...] = (Benefit.kontanthjaelp, Benefit.ressourceforloeb)


class Beta(Frozen):
    """A Beta(a, b) distribution on [0, 1], given by its mean and concentration.

    ``mean`` is the population average; ``concentration`` = a + b (higher = less spread).
    """

    mean: Annotated[
        float,
        Field(
            gt=0.0,
            lt=1.0,
            description="Population mean of the latent state (0-1 scale; strictly between 0 "
            "and 1).",
        ),
    ]
    concentration: Annotated[
        float,
        Field(
            gt=0.5,
            le=1000.0,
            description="a + b of the Beta (unitless; > 0.5 and <= 1000); higher = less spread "
            "between citizens. 6 = a wide spread, 50 = nearly everyone at the mean.",
        ),
    ] = 6.0


class GroupProfile(Frozen):
    """Starting state of citizens in one benefit group.

    The trial gives no micro data; defaults are plausible readings of the target group
    description [M §1]: long on public support, many with physical and mental health
    problems; ressourceforløb citizens are further from the labour market.
    """

    age_mean: Annotated[
        float,
        Field(ge=18, le=67, description="Mean age at start (years; 18-67). Plausible, [M §1]."),
    ] = 44.0
    age_sd: Annotated[
        float, Field(ge=0, le=20, description="Standard deviation of age (years; 0-20).")
    ] = 9.0
    age_min: Annotated[
        int,
        Field(
            ge=18,
            le=67,
            description="Youngest age admitted (years; 18-67). The trial admitted 30+ [M §1].",
        ),
    ] = 30
    female_share: Probability = Field(
        default=0.5, description="Share of women (0-1). Plausible; not published for the trial."
    )
    immigrant_share: Annotated[
        float,
        Field(
            ge=0,
            le=1,
            description="Share with non-Danish origin (0-1). Plausible; not published for the "
            "trial.",
        ),
    ] = 0.35
    physical_barrier: Beta = Field(
        default=Beta(mean=0.40),
        description="Physical health barriers to work (0 = none, 1 = severe), spread over "
        "citizens. Plausible reading of [M §1].",
    )
    mental_barrier: Beta = Field(
        default=Beta(mean=0.45),
        description="Mental health barriers to work (0 = none, 1 = severe). Plausible reading "
        "of [M §1].",
    )
    self_efficacy: Beta = Field(
        default=Beta(mean=0.35),
        description="Belief in own ability to work (0-1) at start; grows in placements and "
        "with paid hours [M §2, §6].",
    )
    motivation: Beta = Field(
        default=Beta(mean=0.50),
        description="Motivation for work (0-1) at start; grows while in a placement [M §2.2].",
    )
    goal_clarity: Beta = Field(
        default=Beta(mean=0.30),
        description="How clear the citizen's job goal is (0-1) at start; clarified by doing "
        "real tasks [M §2.2].",
    )
    competence: Beta = Field(
        default=Beta(mean=0.40),
        description="Work competences a match can use (0-1) at start; trained in placements "
        "[M §4].",
    )
    start_capacity_hours: Annotated[
        float,
        Field(
            ge=0,
            le=37,
            description="Mean sustainable weekly work hours at start (hours/week; 0-37); grows "
            "with time in placement [M §2.3].",
        ),
    ] = 6.0


class Population(Frozen):
    """Who the citizens are and how they enter."""

    kontanthjaelp: GroupProfile = Field(
        default=GroupProfile(),
        description="Citizens aged 30+ on cash benefit, not job-ready (aktivitetsparate), on "
        "public support 1+ year [M §1].",
    )
    ressourceforloeb: GroupProfile = Field(
        default=GroupProfile(
            physical_barrier=Beta(mean=0.50),
            mental_barrier=Beta(mean=0.60),
            self_efficacy=Beta(mean=0.28),
            competence=Beta(mean=0.33),
            start_capacity_hours=4.0,
        ),
        description="Citizens aged 30+ in a resource programme; further from the labour "
        "market than kontanthjælp [M §1].",
    )
    intake_weeks: Annotated[
        int,
        Field(
            ge=1,
            le=260,
            description="Citizens start evenly spread over this many weeks (weeks; 1-260; "
            "staggered intake). The trial took in citizens over about 40 weeks.",
        ),
    ] = 40

    def profile(self, benefit: Benefit) -> GroupProfile:
        """Profile of a benefit group."""
        return self.kontanthjaelp if benefit is Benefit.kontanthjaelp else self.ressourceforloeb


class Sector(Frozen):
    """A sector of the local labour market."""

    name: Name = Field(description="Sector name, unique in the scenario (e.g. retail).")
    weight: Annotated[
        float,
        Field(
            gt=0,
            description="Relative share of companies in this sector (unitless; > 0; weights "
            "are normalised). Plausible local mix.",
        ),
    ]
    economic_room: Annotated[
        float,
        Field(
            gt=0,
            le=2,
            description="Multiplier on the company's room to pay ordinary hours (unitless; "
            "> 0 and <= 2; 1 = average). Plausible.",
        ),
    ] = 1.0


DEFAULT_SECTORS: tuple[Sector, ...] = (
    Sector(name="retail", weight=0.22, economic_room=1.0),
    Sector(name="cleaning_service", weight=0.14, economic_room=1.1),
    Sector(name="manufacturing", weight=0.14, economic_room=1.1),
    Sector(name="hospitality", weight=0.12, economic_room=0.9),
    Sector(name="care", weight=0.14, economic_room=0.9),
    Sector(name="transport_warehouse", weight=0.12, economic_room=1.1),
    Sector(name="public_admin", weight=0.10, economic_room=0.7),
)


class LabourMarket(Frozen):
    """The local company base [M §4]."""

    companies_per_100_citizens: Annotated[
        float,
        Field(
            gt=0,
            le=1000,
            description="Companies the jobcentre can reach per 100 citizens in the programme "
            "(companies; > 0 and <= 1000). Plausible.",
        ),
    ] = 40.0
    sectors: tuple[Sector, ...] = Field(
        default=DEFAULT_SECTORS,
        description="Sectors of the local labour market (a list; names unique, at least "
        "one). Default: a plausible Danish mix of entry-level sectors.",
    )
    tasks_per_company: Annotated[
        float,
        Field(
            gt=0,
            le=50,
            description="Mean unsolved tasks a company could hand out (tasks, Poisson mean; "
            "> 0 and <= 50) [M §4].",
        ),
    ] = 1.6
    openness: Beta = Field(
        default=Beta(mean=0.55),
        description="Companies' willingness to take a citizen in a placement (0-1). "
        "Plausible.",
    )
    economic_room: Beta = Field(
        default=Beta(mean=0.55, concentration=4.0),
        description="Companies' room to pay ordinary hours (0-1), before the sector and "
        "municipality multipliers [M §4].",
    )
    contact_person_share: Annotated[
        float,
        Field(
            ge=0,
            le=1,
            description="Share of companies naming a fixed contact person without being asked "
            "(0-1) [M §4]. Plausible.",
        ),
    ] = 0.5

    @model_validator(mode="after")
    def _unique_sectors(self) -> LabourMarket:
        names = [s.name for s in self.sectors]
        if len(set(names)) != len(names):
            raise ValueError(f"sector names must be unique, got {names}")
        if not names:
            raise ValueError("at least one sector is needed")
        return self


class Municipality(Frozen):
    """One municipality of the jobcentre system."""

    name: Name = Field(description="Municipality name, unique in the scenario.")
    weight: Annotated[
        float,
        Field(
            gt=0,
            description="Relative share of each arm's citizens living here (unitless; > 0; "
            "weights are normalised).",
        ),
    ]
    labour_demand: Annotated[
        float,
        Field(
            gt=0,
            le=3,
            description="Local multiplier on companies' room to pay hours (unitless; > 0 and "
            "<= 3; 1 = average).",
        ),
    ] = 1.0
    caseload: dict[str, PositiveFloat] = Field(
        default_factory=dict,
        description="Per-arm caseload here (arm name: citizens per professional, > 0). "
        "Overrides the arm's organisation.caseload in this municipality; keys must be arm "
        "names of the scenario.",
    )


class RoleModel(StrEnum):
    """How the three roles are organised [M §5]."""

    bum = "bum"
    makkerskab = "makkerskab"


class SocialEffort(StrEnum):
    """Parallel (place, then train) vs sequential (readiness first) [M §2.1]."""

    parallel = "parallel"
    sequential = "sequential"


class Organisation(Frozen):
    """Track 3: roles, staffing and caseload [M §5]."""

    role_model: RoleModel = Field(
        description="How the three roles work together: bum (caseworker orders, other units "
        "perform) or makkerskab (a fixed pair sharing the caseload) [M §5]."
    )
    jobformidler: bool = Field(
        description="true = consultant and mentor merged into one primary contact, the "
        "jobformidler; needs role_model: makkerskab [M §5]."
    )
    caseload: PositiveFloat = Field(
        description="Citizens per professional, every role (citizens; > 0). Trial average "
        "41 [T T5]; a municipality's caseload: entry overrides it there."
    )
    weekly_hours: Annotated[
        float,
        Field(gt=0, le=60, description="Working hours per professional (hours/week; > 0, <= 60)."),
    ] = 37.0
    citizen_time_share: Annotated[
        float,
        Field(
            gt=0,
            le=1,
            description="Share of the primary contact's hours spent on citizen contact (0-1, "
            "> 0). Plausible; merged roles leave more time [M §5].",
        ),
    ] = 0.55
    hours_per_contact: Annotated[
        float,
        Field(
            gt=0,
            le=10,
            description="Hours one citizen contact takes, notes included (hours; > 0, <= 10). "
            "Plausible.",
        ),
    ] = 0.75
    colocated: bool = Field(
        default=True,
        description="true = caseworker and partner sit together, which eases cover and "
        "coordination [M §5].",
    )
    company_knowledge: Unit = Field(
        default=0.6,
        description="The matcher's knowledge of local companies (0-1); better knowledge, "
        "better matches [M §4]. Plausible.",
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

    @model_validator(mode="after")
    def _jobformidler_needs_makkerskab(self) -> Organisation:
        if self.jobformidler and self.role_model is RoleModel.bum:
            raise ValueError(
                "jobformidler: true needs role_model: makkerskab (in the BUM split the "
                "consultant and mentor are separate performers)"
            )
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


class ArmRole(StrEnum):
    """What an arm stands for when results are compared (never guessed from its name)."""

    treatment = "treatment"  # the design under test (the trial's JobFirst arm)
    control = "control"  # the baseline: the jobcentre's current or normal effort
    alternative = "alternative"  # another design considered beside them


class Arm(Frozen):
    """One arm of the scenario: a design and the citizens it serves."""

    name: Name = Field(
        description="Arm name, unique in the scenario; used in results and in --set paths "
        "(arms.<name>.organisation.caseload)."
    )
    role: ArmRole = Field(
        ArmRole.alternative,
        description="What the arm stands for in comparisons: treatment (the design under "
        "test), control (the baseline; at most one per scenario) or alternative (default). "
        "Reports, targets and explain use it wherever a baseline is needed.",
    )
    design: Design = Field(
        description="The arm's design. In a file: a named design (design: jobfirst) and/or "
        "organisation:/practice: overrides, see docs/scenarios.md."
    )
    citizens: dict[Benefit, Annotated[int, Field(ge=0, le=10_000_000)]] = Field(
        description="Citizens per benefit group in this arm (citizens; 0-10,000,000 each, "
        "at least one in total). Trial: 1,847 + 560 in JobFirst [M §1]."
    )

    @model_validator(mode="after")
    def _some_citizens(self) -> Arm:
        if sum(self.citizens.values()) <= 0:
            raise ValueError("an arm needs at least one citizen")
        return self


class Behaviour(Frozen):
    """Mechanism parameters, grouped by the rule that uses them (docs/model.md, Details).

    Fields whose description ends in [C] are the free parameters fitted by
    ``experiments/calibration`` (simulated method of moments against T1-T4); the others
    are structural choices set from the method brief [M] or plausibility, each justified
    in docs/model.md. Rates are per week unless said otherwise.
    """

    # --- contact and trust (rules/contact.py) -------------------------------------------
    trust_start: Unit = Field(0.3, description="Trust in a new primary contact, 0-1.")
    trust_gain_per_contact: Unit = Field(
        0.10, description="Share of the gap to full trust closed by one week with contact [M §3]."
    )
    trust_decay_per_week: Unit = Field(
        0.02, description="Share of trust lost in a week without contact [M §3]."
    )
    trust_loss_on_handover: Unit = Field(
        0.5, description="Share of trust lost when the contact person changes [M §3]."
    )
    jobformidler_knowledge_floor: Unit = Field(
        0.4, description="What a jobformidler knows of a citizen before any trust [M §5]."
    )
    referral_trust_loss: Unit = Field(
        0.15, description="Share of trust lost at a BUM referral (conflicting messages) [M §5]."
    )
    partner_cover: Unit = Field(
        0.5,
        description="Share of a handover's trust loss a co-located makkerskab partner saves "
        "(half that when not co-located) [M §5].",
    )
    # --- first conversation and CV (rules/intake.py) ------------------------------------
    cv_rate_later: Probability = Field(
        0.03, description="Weekly chance a CV is made at a contact when not made at start."
    )
    cv_efficacy_boost: Unit = Field(
        0.05, description="Self-efficacy gained when job-focused mapping (CV) is done [M §6]."
    )
    cv_knowledge_gain: Unit = Field(
        0.15, description="Gain in the matcher's knowledge of the citizen from a CV [M §3]."
    )
    # --- readiness and social/health effort (rules/readiness.py) ------------------------
    readiness_gain_per_week: Unit = Field(
        0.012, description="Share of health barriers removed per week of social/health effort."
    )
    # --- matching (rules/matching.py) ---------------------------------------------------
    placement_seek_rate: Annotated[float, Field(gt=0, le=1)] = Field(
        0.30,
        description="Weekly chance that a contact leads to a placement search (× motivation).",
    )
    seek_cooldown_weeks: Annotated[int, Field(ge=0, le=52)] = Field(
        4, description="Weeks after a broken placement before a new search."
    )
    match_candidates_max: Annotated[int, Field(ge=1, le=50)] = Field(
        8, description="Companies a matcher with full company knowledge considers."
    )
    match_noise: Annotated[float, Field(ge=0, le=2)] = Field(
        0.35, description="SD of the matcher's error in judging fit with no citizen knowledge."
    )
    referral_knowledge: Unit = Field(
        0.25, description="What a performer knows of the citizen after a BUM referral [M §5]."
    )
    partner_sharing: Unit = Field(
        0.5, description="Knowledge a co-located makkerskab passes to the matcher [M §5]."
    )
    fit_weight_wish: Unit = Field(0.35, description="Weight of job wish in match fit.")
    fit_weight_skill: Unit = Field(0.25, description="Weight of competences' sector in fit.")
    fit_weight_level: Unit = Field(0.40, description="Weight of competence vs task level.")
    # --- placement and follow-up (rules/placement.py) -----------------------------------
    placement_max_weeks: Annotated[int, Field(ge=4, le=104)] = Field(
        26, description="Longest placement at one company, weeks."
    )
    dropout_base: Annotated[float, Field(ge=0, le=1)] = Field(
        0.1027, description="Weekly placement break-down hazard at average fit. [C]"
    )
    dropout_fit_slope: Annotated[float, Field(ge=0, le=20)] = Field(
        3.0, description="How strongly match fit lowers the break-down hazard (log scale)."
    )
    dropout_startup_factor: Annotated[float, Field(ge=0, le=20)] = Field(
        3.0, description="Extra break-down hazard in the first week (fades out) [M §6]."
    )
    dropout_settling_weeks: Annotated[float, Field(gt=0, le=52)] = Field(
        4.0, description="Weeks over which the start-up hazard fades (e-folding time)."
    )
    contact_person_protection: Unit = Field(
        0.6, description="Hazard multiplier with a named company contact person [M §4]."
    )
    clear_purpose_protection: Unit = Field(
        0.75, description="Hazard multiplier when the purpose is explicit [M §4]."
    )
    followup_protection: Unit = Field(
        0.8, description="Hazard multiplier in a week with follow-up at the workplace [M §4]."
    )
    mastery_rate: Annotated[float, Field(gt=0, le=1)] = Field(
        0.10, description="Share of the gap to full mastery of the task closed per week × fit."
    )
    followup_mastery_boost: Annotated[float, Field(ge=0, le=5)] = Field(
        0.5, description="Extra mastery growth in a week with follow-up (guided steps) [M §4]."
    )
    mastery_threshold: Unit = Field(
        0.6, description="Mastery at which a task can convert to paid hours [M §4]."
    )
    # --- conversion to ordinary hours (rules/conversion.py) -----------------------------
    conversion_rate: Annotated[float, Field(ge=0, le=1)] = Field(
        0.05487, description="Weekly chance a mastered task converts to paid hours. [C]"
    )
    purpose_conversion_competence: Unit = Field(
        0.5, description="Conversion multiplier for a competence-training placement [M §4]."
    )
    purpose_conversion_clarify: Unit = Field(
        0.25, description="Conversion multiplier for a goal-clarifying placement [M §4]."
    )
    unclear_purpose_conversion: Unit = Field(
        0.7, description="Conversion multiplier when the purpose is not explicit [M §4]."
    )
    hours_dialogue_effect: Annotated[float, Field(ge=1, le=5)] = Field(
        1.112, description="Conversion multiplier when hours were on the agenda from start. [C]"
    )
    agreement_effect: Annotated[float, Field(ge=1, le=5)] = Field(
        1.3, description="Conversion multiplier with a work agreement [M §4]."
    )
    followup_effect: Annotated[float, Field(ge=0, le=5)] = Field(
        1.0, description="Extra conversion chance in a follow-up week (pressure) [M §6]."
    )
    belief_effect: Unit = Field(
        0.5,
        description="Conversion factor spread from the professional's belief (trust): "
        "1 ± this at trust 1 / 0 [M §3].",
    )
    switch_setback: Unit = Field(
        0.02, description="Self-efficacy lost when a placement is switched for lack of hours."
    )
    # --- hours progression and capacity (rules/hours.py) --------------------------------
    first_hours: Annotated[float, Field(gt=0, le=37)] = Field(
        5.0, description="Ordinary hours per week at conversion (small first step) [M §2.3]."
    )
    hours_step: Annotated[float, Field(gt=0, le=37)] = Field(
        1.444, description="Hours added per progression step [M §4]. [C]"
    )
    rise_without_followup: Unit = Field(
        0.25, description="Chance of a step in a week without follow-up, relative to with."
    )
    capacity_growth: Annotated[float, Field(ge=0, le=1)] = Field(
        0.2654, description="Share of the gap to potential capacity closed per week at work. [C]"
    )
    rehab_capacity_share: Unit = Field(
        0.2, description="Capacity growth outside work (health effort) relative to at work."
    )
    capacity_max_hours: Annotated[float, Field(gt=0, le=48)] = Field(
        37.0, description="Full-time hours per week (ceiling of potential capacity)."
    )
    barrier_capacity_loss: Unit = Field(
        0.75, description="Share of full time lost at the worst health barrier."
    )
    self_sufficiency_hours: Annotated[float, Field(gt=0, le=48)] = Field(
        30.0, description="Weekly ordinary hours that end public support."
    )
    # --- wellbeing (rules/wellbeing.py) -------------------------------------------------
    efficacy_gain_placement: Unit = Field(
        0.01, description="Self-efficacy gap closed per week in placement [M §2.2]."
    )
    efficacy_gain_hours: Unit = Field(
        0.02, description="Self-efficacy gap closed per week with paid hours [M §6]."
    )
    efficacy_loss_setback: Unit = Field(
        0.10, description="Share of self-efficacy lost at a setback (break-down, job loss)."
    )
    motivation_adjust: Unit = Field(
        0.05, description="Weekly pull of motivation towards trust and self-efficacy."
    )
    motivation_work_lift: Unit = Field(
        0.25, description="Lift of the motivation target while at a workplace [M §2.2]."
    )
    goal_clarity_gain: Unit = Field(
        0.03, description="Goal-clarity gap closed per week in placement (×2 if clarifying)."
    )
    competence_gain: Unit = Field(
        0.005, description="Competence gap closed per week in a competence placement [M §4]."
    )
    mental_gain_hours: Unit = Field(
        0.006, description="Share of mental barrier removed per week with paid hours [M §6]."
    )
    mental_loss_setback: Unit = Field(
        0.05, description="Mental barrier added (share of the gap to 1) at a setback."
    )
    # --- own job search, exits and relapse (rules/exits.py) -----------------------------
    own_job_rate: Annotated[float, Field(ge=0, le=1)] = Field(
        0.006852, description="Weekly chance of finding ordinary work outside placements. [C]"
    )
    job_loss_rate: Annotated[float, Field(ge=0, le=1)] = Field(
        0.01212, description="Weekly hazard of losing ordinary hours (relapse). [C]"
    )
    lifeline_effect: Unit = Field(
        0.04994, description="Share of relapse hazard removed by the aftercare lifeline [M §4]. [C]"
    )
    flexjob_rate: Annotated[float, Field(ge=0, le=1)] = Field(
        0.01, description="Weekly chance of a flexjob award once eligible."
    )
    flexjob_min_weeks: Annotated[int, Field(ge=0, le=104)] = Field(
        12, description="Weeks with paid hours below self-sufficiency before a flexjob award."
    )
    disability_rate: Annotated[float, Field(ge=0, le=1)] = Field(
        0.00015, description="Weekly disability-pension hazard at zero barrier, not working."
    )
    disability_barrier_slope: Annotated[float, Field(ge=0, le=10)] = Field(
        3.0, description="Log-hazard slope of disability pension in the worst health barrier."
    )
    ressourceforloeb_exit_factor: Annotated[float, Field(ge=0, le=10)] = Field(
        2.0, description="Flexjob and disability-pension hazards × this in a ressourceforløb."
    )
    other_exit_rate: Annotated[float, Field(ge=0, le=1)] = Field(
        0.001, description="Weekly hazard of other exits (moving, education, death...)."
    )
    steering_stall_weeks: Annotated[int, Field(ge=1, le=104)] = Field(
        8, description="Weeks at one funnel stage before production steering acts [M §5]."
    )


class RunSettings(Frozen):
    """How long and how often to run."""

    weeks_followed: Annotated[
        int,
        Field(
            ge=1,
            le=520,
            description="Weeks each citizen is followed from their own start (weeks; 1-520). "
            "The trial followed 104 weeks.",
        ),
    ] = 104
    project_weeks: Annotated[
        int | None,
        Field(
            ge=1,
            le=1040,
            description="Model weeks the project lasted (from the first intake); outcomes "
            "'during the project' (ever_hours_share, placement13_share_project) count only "
            "before it ends. null = each citizen's whole follow-up.",
        ),
    ] = None
    replications: Annotated[
        int,
        Field(
            ge=1,
            le=10_000,
            description="Independent repetitions of the whole run (runs; 1-10,000); more "
            "give narrower confidence intervals.",
        ),
    ] = 20
    seed: Annotated[
        int | None,
        Field(
            ge=0,
            le=2**63 - 1,
            description="Root random seed (whole number >= 0); null = draw one and record it "
            "with the results.",
        ),
    ] = None


class Scenario(Frozen):
    """A whole scenario: a jobcentre, its population and the designs compared."""

    name: Name = Field(
        description="Scenario name; names the default results folder (results/<name>)."
    )
    description: str = Field(default="", description="Free text: what the scenario is for.")
    population: Population = Field(
        default=Population(), description="Who the citizens are and how they enter [M §1]."
    )
    labour_market: LabourMarket = Field(
        default=LabourMarket(), description="The local companies [M §4]."
    )
    municipalities: tuple[Municipality, ...] = Field(
        default=(Municipality(name="kommune", weight=1.0),),
        description="The municipalities served (a list; names unique). Default: one "
        "municipality called kommune.",
    )
    arms: tuple[Arm, ...] = Field(
        description="The designs compared (a list of at least one arm; names unique)."
    )
    behaviour: Behaviour = Field(
        default=Behaviour(),
        description="Mechanism parameters of the weekly rules (some calibrated); see "
        "docs/model.md.",
    )
    run: RunSettings = Field(
        default=RunSettings(), description="How long and how often to run."
    )

    @model_validator(mode="after")
    def _cross_checks(self) -> Scenario:
        arm_names = [a.name for a in self.arms]
        if not arm_names:
            raise ValueError("at least one arm is needed")
        if len(set(arm_names)) != len(arm_names):
            raise ValueError(f"arm names must be unique, got {arm_names}")
        muni_names = [m.name for m in self.municipalities]
        if len(set(muni_names)) != len(muni_names):
            raise ValueError(f"municipality names must be unique, got {muni_names}")
        if not muni_names:
            raise ValueError("at least one municipality is needed")
        controls = [a.name for a in self.arms if a.role is ArmRole.control]
        if len(controls) > 1:
            raise ValueError(
                f"at most one arm can have role: control (the baseline), got {controls}"
            )
        for m in self.municipalities:
            unknown = set(m.caseload) - set(arm_names)
            if unknown:
                raise ValueError(
                    f"municipality {m.name!r}: caseload names unknown arm(s) "
                    f"{sorted(unknown)}; arms are {arm_names}"
                )
        return self

    def arm(self, name: str) -> Arm:
        """The arm called ``name`` (KeyError naming the arms there are)."""
        for a in self.arms:
            if a.name == name:
                return a
        raise KeyError(f"no arm {name!r}; arms are {[a.name for a in self.arms]}")

    def caseload(self, arm: str, municipality: str) -> float:
        """Nominal caseload of ``arm`` in ``municipality``: the municipality's own wins.

        The one place this precedence is written: a municipality's ``caseload: {arm: n}``
        wins over the arm's ``organisation.caseload`` (docs/scenarios.md).
        """
        muni = next((m for m in self.municipalities if m.name == municipality), None)
        if muni is None:
            raise KeyError(f"no municipality {municipality!r}")
        spec = self.arm(arm)
        return float(muni.caseload.get(arm, spec.design.organisation.caseload))

    def arm_with_role(self, role: ArmRole) -> Arm | None:
        """The first arm declaring ``role`` (the control arm is unique), or None."""
        return next((a for a in self.arms if a.role is role), None)

    @property
    def total_weeks(self) -> int:
        """Model weeks needed so the last intake is followed ``weeks_followed`` weeks."""
        return self.population.intake_weeks + self.run.weeks_followed

