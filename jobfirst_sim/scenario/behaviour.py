"""``behaviour:`` — the mechanism parameters of the weekly rules, one section per mechanism.

Why nested: about seventy parameters in one flat list hide which rule reads which; grouped
by mechanism, each section matches one module of ``jobfirst_sim/model/rules/`` and a
modeller finds ``behaviour.placement.startup_hazard`` next to the rule that uses it.

Fields whose description ends in [C] are the free parameters fitted by
``experiments/calibration`` (simulated method of moments against T1-T4); the others are
structural choices set from the method brief [M] or plausibility, each justified in
docs/model.md. Rates are per week unless said otherwise. Every fitted, unsourced or one-arm
field has a prior range in :mod:`~jobfirst_sim.scenario.prior_table` (shown by the schema).

:data:`~jobfirst_sim.scenario.renamed.FLAT_NAMES` maps each name of the earlier flat
``behaviour:`` section to its new path (see :mod:`jobfirst_sim.scenario.renamed`).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from jobfirst_sim.domain import Task
from jobfirst_sim.scenario.base import Frozen, Probability, Unit
from jobfirst_sim.scenario.employer import Employer
from jobfirst_sim.scenario.mentor import MentorSupport
from jobfirst_sim.scenario.rehabilitation import Rehabilitation
from jobfirst_sim.scenario.relationship import Relationship
from jobfirst_sim.scenario.renamed import FLAT_NAMES
from jobfirst_sim.scenario.week import TASK_ORDER, CompanyKnowledge, TimeBudget

__all__ = [
    "FLAT_NAMES",
    "TASK_ORDER",
    "Behaviour",
    "CompanyKnowledge",
    "Task",
    "TimeBudget",
]
"""``Task``, ``TASK_ORDER`` and ``FLAT_NAMES`` are named here too: the model and the
calibration read them from this module."""


class Trust(Frozen):
    """Contact, continuity and trust [M §3, §5] (rules/contact.py)."""

    start: Unit = Field(0.3, description="Trust in a new primary contact, 0-1.")
    gain_per_contact: Unit = Field(
        0.10, description="Share of the gap to full trust closed by one week with contact [M §3]."
    )
    decay_per_week: Unit = Field(
        0.02, description="Share of trust lost in a week without contact [M §3]."
    )
    loss_on_handover: Unit = Field(
        0.5, description="Share of trust lost when the contact person changes [M §3]."
    )
    loss_on_referral: Unit = Field(
        0.15, description="Share of trust lost at a BUM referral (conflicting messages) [M §5]."
    )
    partner_cover: Unit = Field(
        0.8828,
        description="Share of a handover's trust loss a co-located makkerskab partner saves "
        "(half that when not co-located) [M §5].",
    )


class CvEffects(Frozen):
    """The CV made at or after the first conversation, and the company's statement on it
    after a mastered placement [M §3, §4] (rules/intake.py, rules/cv.py)."""

    rate_later: Probability = Field(
        0.03, description="Weekly chance a CV is made at a contact when not made at start."
    )
    efficacy_boost: Unit = Field(
        0.05, description="Self-efficacy gained when job-focused mapping (CV) is done [M §6]."
    )
    knowledge_gain: Unit = Field(
        0.15, description="Gain in the matcher's knowledge of the citizen from a CV [M §3]."
    )
    carry_same_sector: Unit = Field(
        0.5, description="Share of the mastery in the company's statement on the CV that the "
        "next placement starts with when it is in the same sector, 0-1 [M §3, §4]. "
        "Plausible: a documented, similar task is half learnt.")
    carry_other_sector: Unit = Field(
        0.2, description="Share of the statement's mastery the next placement starts with in "
        "another sector, 0-1 (<= the same-sector share is usual, not required) [M §3, §4]. "
        "Plausible: work habits and a reference carry, the task does not.")


class Readiness(Frozen):
    """Social and health effort [M §2.1] (rules/readiness.py)."""

    gain_per_week: Unit = Field(
        0.012, description="Share of health barriers removed per week of social/health effort."
    )


class Matching(Frozen):
    """Placement search, the BUM referral and the individual match [M §4, §5]
    (rules/matching.py,
    rules/referral.py)."""

    seek_rate: Annotated[float, Field(gt=0, le=1)] = Field(
        0.30,
        description="Weekly chance that a contact leads to a placement search (× motivation).",
    )
    seek_cooldown_weeks: Annotated[int, Field(ge=0, le=52)] = Field(
        4, description="Weeks after a broken placement before a new search."
    )
    candidates_max: Annotated[int, Field(ge=1, le=50)] = Field(
        8, description="Companies a matcher with full company knowledge considers."
    )
    noise: Annotated[float, Field(ge=0, le=2)] = Field(
        0.35, description="SD of the matcher's error in judging fit with no citizen knowledge."
    )
    referral_knowledge: Unit = Field(
        0.25, description="What a performer knows of the citizen after a BUM referral [M §5]."
    )
    record_weight: Annotated[float, Field(ge=0, le=2)] = Field(
        0.1616, description="With production steering: weight of a company's record of turning "
        "placements into hours when choosing among candidates [M §5]. Plausible."
    )
    openness_without_outreach: Unit = Field(
        0.5, description="How often a company nobody from the jobcentre keeps in contact with "
        "says yes, relative to one that is visited (0-1) [M §4]. Plausible."
    )
    partner_sharing: Unit = Field(
        0.3318, description="Knowledge a co-located makkerskab passes to the matcher [M §5]."
    )
    jobformidler_knowledge_floor: Unit = Field(
        0.4, description="What a jobformidler knows of a citizen before any trust [M §5]."
    )
    fit_weight_wish: Unit = Field(0.35, description="Weight of job wish in match fit.")
    fit_weight_skill: Unit = Field(0.25, description="Weight of competences' sector in fit.")
    fit_weight_level: Unit = Field(0.40, description="Weight of competence vs task level.")


class PlacementEffects(Frozen):
    """Placements: break-down, follow-up, mastery [M §4, §6] (rules/placement.py)."""

    max_weeks: Annotated[int, Field(ge=4, le=104)] = Field(
        26, description="Legal maximum of one placement at one company, weeks: a "
        "virksomhedspraktik of up to 13 weeks, extendable after a concrete assessment up to "
        "26 weeks (lov om en aktiv beskæftigelsesindsats, virksomhedspraktik: LAB kap. 11 at "
        "the time of the trial; today LBL § 61, stk. 1-2). A placement extended at the review "
        "(review_week) ends here."
    )
    review_week: Annotated[int, Field(ge=1, le=104)] = Field(
        13, description="Week of a placement at which it is reviewed and converted, extended "
        "or switched by its work agreement's sub-goals (weeks): the 13 weeks a placement is "
        "granted for at a time (LAB kap. 11; LBL § 61, stk. 1) [M §4]."
    )
    dropout_base: Annotated[float, Field(ge=0, le=1)] = Field(
        0.06685, description="Weekly placement break-down hazard at average fit. [C]"
    )
    dropout_fit_slope: Annotated[float, Field(ge=0, le=20)] = Field(
        3.0, description="How strongly match fit lowers the break-down hazard (log scale)."
    )
    startup_hazard: Annotated[float, Field(ge=0, le=20)] = Field(
        0.5, description="Extra break-down hazard in a placement's first transition_weeks "
        "without support, as a share of the settled hazard (0.5 = 1.5 times): new matches end "
        "most often in their first months (Farber 1994, J. Labor Econ. 12(4)). Documented "
        "prior."
    )
    transition_weeks: Annotated[int, Field(ge=1, le=26)] = Field(
        4, description="The placement's first weeks that are the fragile transition and get a "
        "transition-support contact (weeks) [M §6]. Documented prior: the first month."
    )
    transition_support_protection: Unit = Field(
        0.3203, description="Share of the start-up hazard removed in a week the professional who "
        "follows the placement has a support contact with the citizen (0-1) [M §6]. [C]"
    )
    contact_person_protection: Unit = Field(
        0.7615, description="Hazard multiplier with a named company contact person [M §4]."
    )
    clear_purpose_protection: Unit = Field(
        0.8467, description="Hazard multiplier when the purpose is explicit [M §4]."
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
    weeks_to_first_hours: Annotated[float, Field(gt=0, le=104)] = Field(
        18.0, description="Weeks from a placement's start to the point where a middling-fit "
        "citizen can get first paid hours at the same company (weeks; what can be observed); "
        "the mastery level at which a task converts is derived from it "
        "(rules/placement.mastery_threshold). Documented prior: 8-26 weeks, between two "
        "months and the legal maximum of a placement; 18 keeps the earlier threshold 0.6."
    )


class Conversion(Frozen):
    """Conversion of a mastered task to ordinary hours; company switch [M §4]
    (rules/conversion.py)."""

    rate: Annotated[float, Field(ge=0, le=1)] = Field(
        0.04163, description="Weekly chance a mastered task converts to paid hours. [C]"
    )
    competence_factor: Unit = Field(
        0.5, description="Conversion multiplier for a competence-training placement [M §4]."
    )
    clarify_factor: Unit = Field(
        0.25, description="Conversion multiplier for a goal-clarifying placement [M §4]."
    )
    unclear_purpose_factor: Unit = Field(
        0.6415, description="Conversion multiplier when the purpose is not explicit [M §4]."
    )
    hours_dialogue_effect: Annotated[float, Field(ge=1, le=5)] = Field(
        1.919, description="Conversion multiplier when hours were on the agenda from start. [C]"
    )
    agreement_effect: Annotated[float, Field(ge=1, le=5)] = Field(
        1.445, description="Conversion multiplier with a work agreement [M §4]."
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
        0.09142, description="Self-efficacy lost when a placement is switched for lack of hours."
    )
    room_switch_threshold: Annotated[float, Field(ge=0, le=3)] = Field(
        0.6882, description="Economic room below which a follow-up after mastery shows the company "
        "cannot pay for hours, so the citizen moves on (designs with the switch rule) [M §4]. "
        "Plausible."
    )


class HoursProgression(Frozen):
    """Work capacity and hours progression [M §2.3] (rules/hours.py)."""

    first_hours: Annotated[float, Field(gt=0, le=37)] = Field(
        5.0, description="Hours a company's task offers at entry for a task of middle level "
        "(half for a simple task, 1.5 times for a demanding one); every job, converted or "
        "found, starts there, capped by the citizen's capacity (small first step) [M §2.3]."
    )
    agreement_step_effect: Annotated[float, Field(ge=0, le=5)] = Field(
        1.097, description="Extra chance of an hours step with a work agreement's hour goals "
        "(0.5 = 1.5 times as often) [M §4]. Plausible."
    )
    step: Annotated[float, Field(gt=0, le=37)] = Field(
        1.791, description="Hours added per progression step [M §4]. [C]"
    )
    rise_without_followup: Unit = Field(
        0.25, description="Chance of a step in a week without follow-up, relative to with."
    )
    capacity_growth: Annotated[float, Field(ge=0, le=1)] = Field(
        0.03409, description="Share of the gap to potential capacity closed per week at work. [C]"
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


class Wellbeing(Frozen):
    """Self-efficacy, motivation, goal clarity, competence, mental health [M §2.2, §6]
    (rules/wellbeing.py)."""

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


class OwnJobSearch(Frozen):
    """Ordinary job search outside placements, in every design (rules/own_job.py)."""

    rate: Annotated[float, Field(ge=0, le=1)] = Field(
        0.008648, description="Weekly chance of finding ordinary work outside placements. [C]"
    )


class Exits(Frozen):
    """Relapse, flexjob, disability pension and other exits [M §4] (rules/exits.py)."""

    job_loss_rate: Annotated[float, Field(ge=0, le=1)] = Field(
        0.01373, description="Weekly hazard of losing ordinary hours (relapse). [C]"
    )
    lifeline_effect: Unit = Field(
        0.5512, description="Share of relapse hazard removed by the aftercare lifeline [M §4]. [C]"
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


class Steering(Frozen):
    """Production steering of stalled cases [M §5] (rules/contact.py)."""

    stall_weeks: Annotated[int, Field(ge=1, le=104)] = Field(
        8, description="Weeks at one funnel stage before production steering acts [M §5]."
    )


class Behaviour(Frozen):
    """Mechanism parameters, one section per mechanism (docs/model.md, Submodels)."""

    trust: Trust = Field(
        default=Trust(),
        description="Contact, continuity and trust [M §3, §5] (rules/contact.py).",
    )
    relationship: Relationship = Field(
        default=Relationship(),
        description="What the professional holds of the citizen — knowledge and belief — "
        "and the changes and absences that break it [M §3, §5] (rules/relationship.py).",
    )
    cv: CvEffects = Field(
        default=CvEffects(),
        description="The CV made at or after the first conversation, and the company's "
        "statement on it after a mastered placement [M §3, §4] (rules/intake.py, "
        "rules/cv.py).",
    )
    readiness: Readiness = Field(
        default=Readiness(),
        description="Social and health effort [M §2.1] (rules/readiness.py).",
    )
    matching: Matching = Field(
        default=Matching(),
        description="Placement search, the BUM referral and the individual match [M §4, §5] "
        "(rules/matching.py, rules/referral.py).",
    )
    placement: PlacementEffects = Field(
        default=PlacementEffects(),
        description="Placements: break-down, follow-up, mastery [M §4, §6] (rules/placement.py).",
    )
    conversion: Conversion = Field(
        default=Conversion(),
        description="Conversion of a mastered task to ordinary hours; company switch [M §4] "
        "(rules/conversion.py).",
    )
    hours: HoursProgression = Field(
        default=HoursProgression(),
        description="Work capacity and hours progression [M §2.3] (rules/hours.py).",
    )
    wellbeing: Wellbeing = Field(
        default=Wellbeing(),
        description="Self-efficacy, motivation, goal clarity, competence, mental health "
        "[M §2.2, §6] (rules/wellbeing.py).",
    )
    own_job: OwnJobSearch = Field(
        default=OwnJobSearch(),
        description="Ordinary job search outside placements, in every design (rules/own_job.py).",
    )
    exits: Exits = Field(
        default=Exits(),
        description="Relapse, flexjob, disability pension and other exits [M §4] (rules/exits.py).",
    )
    steering: Steering = Field(
        default=Steering(),
        description="Production steering of stalled cases [M §5] (rules/contact.py).",
    )
    time: TimeBudget = Field(
        default=TimeBudget(),
        description="A professional's week: net hours and task times [M §3-§5] "
        "(rules/time_budget.py).",
    )
    knowledge: CompanyKnowledge = Field(
        default=CompanyKnowledge(),
        description="Knowledge of local companies, earned by outreach [M §4] "
        "(rules/knowledge.py).",
    )
    employer: Employer = Field(
        default=Employer(),
        description="The employer side: slots carved by company visits and brought to the "
        "company service, bounded by the rimelighedskrav; openness learnt from a company's "
        "own placements [M §4] (rules/employer.py).",
    )
    mentor: MentorSupport = Field(
        default=MentorSupport(),
        description="A mentor's support at and around the workplace: its hours and its "
        "protection of placements and new hours (LAB kap. 13) (rules/mentor.py).",
    )
    rehabilitation: Rehabilitation = Field(
        default=Rehabilitation(),
        description="Ressourceforløb as its own pathway: the rehabiliteringsteam's plan and "
        "its health-led strand (LAB kap. 12 b) (rules/rehabilitation.py).",
    )

    def value(self, path: str) -> float:
        """The number at a dotted path inside ``behaviour`` (``"placement.startup_hazard"``).

        Every parameter here is a number; whole numbers come back as floats.
        """
        section, name = path.split(".")
        number = getattr(getattr(self, section), name)
        if not isinstance(number, int | float):
            raise TypeError(f"behaviour.{path} is not a number")
        return float(number)
