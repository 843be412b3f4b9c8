"""The prior range of every fitted or unsourced mechanism and lever-size parameter.

Why a table of its own: a prior is a statement about what is plausible before the trial
is seen, and it needs a reason next to it; written into each ``Field(...)`` the ~90 of them
would double ``behaviour.py``. :class:`~jobfirst_sim.scenario.base.Frozen` copies each
entry into its field's ``json_schema_extra`` as ``{"prior": {...}}`` when the section's
class is made, so the schema (``jobfirst schema``, the reference, the calibration) carries
it. Keys are ``Class.field``. ``neutral`` is the value at which a one-arm multiplier (one
that acts only where a JobFirst practice is on) does nothing; each such prior includes it.

A "documented prior" reason says why the range is plausible when no source sizes it;
``[M §n]`` points to the method brief, ``T1``-``T5`` to docs/calibration-targets.md.
"""

from __future__ import annotations

from typing import Final, Literal, NamedTuple


class Prior(NamedTuple):
    """A prior range: ``low`` and ``high`` inclusive, searched on ``scale``."""

    low: float
    high: float
    scale: Literal["log", "linear"]
    why: str
    neutral: float | None = None

    def as_json(self) -> dict[str, object]:
        """The prior as it stands in the JSON Schema (``neutral`` only when one-arm)."""
        out: dict[str, object] = {"low": self.low, "high": self.high, "scale": self.scale,
                                  "why": self.why}
        if self.neutral is not None:
            out["neutral"] = self.neutral
        return out


def _lin(low: float, high: float, why: str, neutral: float | None = None) -> Prior:
    return Prior(low, high, "linear", why, neutral)


def _log(low: float, high: float, why: str, neutral: float | None = None) -> Prior:
    return Prior(low, high, "log", why, neutral)


_HALF_TWICE: Final = "documented prior: half to twice the default, because no study sizes it"
_SHARE: Final = "documented prior: plausible share, from a small to a large part, because no " \
    "study sizes it"
_WEEKS: Final = "documented prior: plausible span of weeks around the default, because no " \
    "study sizes it"
_HOURS: Final = "documented prior: plausible time per task, about half to twice the default, " \
    "from practice descriptions, not measured"
_RATE: Final = "documented prior: weekly rate from a third to three times the default, " \
    "because no register figure for the target group sizes it"
_PAY: Final = "documented prior: municipal pay statistics ± 5 % and an overhead of 10-35 % " \
    "instead of about 20 %"
_UPRATED: Final = "documented prior: the 2024 rate uprated to 2026 at 1.5-4.5 % a year " \
    "instead of the assumed 3 %"
_SATS: Final = "documented prior: the 2024 rate uprated to 2026 at 2-5 % a year instead of " \
    "the estimated 3.6 % and 4.5 %"
_SUPPLEMENT: Final = "documented prior: the 2025 amount uprated to 2026 at 2-6 % instead " \
    "of the estimated 4.5 %"

PRIORS: Final[dict[str, Prior]] = {
    # --- the nine fitted parameters [C]: search bounds of experiments/calibration -------
    "PlacementEffects.dropout_base": _log(0.002, 0.2, "T4 (breakdowns) pins it: a weekly "
        "hazard from 0.2 % (placements last years) to 20 % (they last five weeks)"),
    "PlacementEffects.transition_support_protection": _lin(0.0, 1.0, "share of the "
        "start-up hazard a support contact removes, from none to all [M §6]; T3 vs T4 pin it "
        "with dropout_base (it replaced startup_factor)"),
    "Conversion.rate": _log(0.005, 0.8, "T1-T3 pin it: a mastered task converts within "
        "about four years down to within about a week"),
    "Conversion.hours_dialogue_effect": _log(1.0, 5.0, "one-arm multiplier (hours dialogue "
        "from start), from no effect (1) to five times; no source sizes it", neutral=1.0),
    "HoursProgression.step": _log(1.0, 4.0, "documented prior: hours added per step at "
        "follow-up, 'small steps' in the zone of proximal development [M §2.3, §4] read as one "
        "to four hours a week; T2 (hours) pins it with capacity_growth"),
    "HoursProgression.capacity_growth": _log(0.002, 1.0, "share of the capacity gap closed "
        "per week at work, from years (0.002) to at once (1, the field bound)"),
    "OwnJobSearch.rate": _log(0.0001, 0.05, "T1/T2 control arm pin it: weekly chance of "
        "ordinary work outside placements, 0.5 % to 93 % a year"),
    "Exits.job_loss_rate": _log(0.0005, 0.08, "T2 at 52 weeks pins it: weekly relapse "
        "hazard, from 2.6 % to 99 % a year"),
    "Exits.lifeline_effect": _lin(0.0, 0.9, "one-arm effect (aftercare lifeline): from no "
        "effect (0) to 90 % of relapses prevented; no source sizes it", neutral=0.0),
    # --- one-arm multipliers and effects (act only where a JobFirst practice is on) ------
    "PlacementEffects.contact_person_protection": _lin(0.3, 1.0, "one-arm multiplier (named "
        "company contact): from no protection (1) to 70 % fewer breakdowns [M §4]",
        neutral=1.0),
    "PlacementEffects.clear_purpose_protection": _lin(0.5, 1.0, "one-arm multiplier (purpose "
        "explicit): from no protection (1) to half the breakdowns [M §4]", neutral=1.0),
    "Conversion.unclear_purpose_factor": _lin(0.4, 1.0, "acts where the purpose is not "
        "explicit: from no penalty (1) to 60 % fewer conversions [M §4]", neutral=1.0),
    "Conversion.agreement_effect": _log(1.0, 2.0, "one-arm multiplier (work agreement): from "
        "no effect (1) to twice the conversions [M §4]", neutral=1.0),
    "HoursProgression.agreement_step_effect": _lin(0.0, 1.5, "one-arm effect (work "
        "agreement's hour goals): from none (0) to 2.5 times the steps [M §4]", neutral=0.0),
    "Matching.record_weight": _lin(0.0, 0.6, "one-arm weight (company record under "
        "production steering): from unused (0) to three times the default [M §5]",
        neutral=0.0),
    "Conversion.room_switch_threshold": _lin(0.0, 1.5, "one-arm threshold (company switch): "
        "from never switching (0) to switching at most companies [M §4]", neutral=0.0),
    "Conversion.switch_setback": _lin(0.0, 0.1, "one-arm cost (company switch): from none "
        "(0) to a setback's size (efficacy_loss_setback)", neutral=0.0),
    "Trust.partner_cover": _lin(0.0, 1.0, "makkerskab only: from no cover (0) to all of the "
        "handover's loss saved [M §5]", neutral=0.0),
    "Matching.partner_sharing": _lin(0.0, 1.0, "makkerskab only: from nothing (0) to all the "
        "partner knows passed on [M §5]", neutral=0.0),
    "Relationship.joint_kept": _lin(0.0, 1.0, "makkerskab only: from nothing kept (0) to all "
        "of it [M §5]", neutral=0.0),
    # --- unsourced behaviour parameters -----------------------------------------------
    "MentorSupport.placement_protection": _lin(0.5, 1.0, "documented prior (mentor support, "
        "designs with mentors; not calibrated): from no protection (1) to half the "
        "break-downs in a supported week; Danish mentor evaluations do not size it"),
    "MentorSupport.relapse_protection": _lin(0.5, 1.0, "documented prior (mentor support, "
        "designs with mentors; not calibrated): from no protection (1) to half the job "
        "losses in a supported week; Danish mentor evaluations do not size it"),
    "Trust.start": _lin(0.1, 0.6, _SHARE),
    "Relationship.known_start": _lin(0.0, 0.3, _SHARE),
    "Relationship.known_gain_per_contact": _log(0.03, 0.2, "documented prior: knowing a "
        "citizen well takes from a few months to two years of weekly contact"),
    "Relationship.belief_start": _lin(0.3, 0.7, "documented prior: a new contact person "
        "neither believes nor doubts much"),
    "Relationship.belief_adjust": _log(0.05, 0.2, _HALF_TWICE),
    "Relationship.vacancy_weeks": _lin(4, 13, "documented prior: notice and recruitment "
        "take one to three months"),
    "Relationship.cover_contact_share": _lin(0.25, 0.75, _SHARE),
    "Relationship.review_interval_weeks": _lin(6, 26, "documented prior: caseload reviews "
        "from every six weeks to twice a year"),
    "Relationship.review_tolerance": _lin(0.1, 0.4, _HALF_TWICE),
    "Relationship.partial_support_handover": _lin(0.0, 0.3, "documented prior: most "
        "jobcentres keep a case with some hours in the same team, a few move it"),
    "Relationship.flexjob_handover": _lin(0.4, 1.0, "documented prior: most jobcentres run "
        "a separate flexjob team (flexjob is another benefit, LAB § 69-75)"),
    "Relationship.long_leave_yearly": _lin(0.02, 0.08, "documented prior: parental leave and "
        "long sickness reach a few in a hundred municipal employees a year"),
    "Relationship.reorganisation_yearly": _lin(0.05, 0.25, "documented prior: jobcentres "
        "reorganise every four to twenty years a team"),
    "Relationship.reorganisation_share": _lin(0.1, 0.6, _SHARE),
    # an organisation effect (makkerskab), not a JobFirst practice's multiplier: no
    # neutral, so it is not calibrated (the calibration keeps its dimension)
    "Relationship.joint_trust_gain": _lin(0.0, 0.5, "documented prior: makkerskab only, from "
        "no gain (0) to half again the trust a contact builds; one message from both "
        "partners [M §5, §6]"),
    "CvEffects.rate_later": _log(0.01, 0.09, _RATE),
    "CvEffects.carry_same_sector": _lin(0.25, 0.75, _SHARE),
    "CvEffects.carry_other_sector": _lin(0.0, 0.4, _SHARE),
    "Readiness.gain_per_week": _log(0.004, 0.036, _RATE),
    "Matching.seek_rate": _log(0.15, 0.6, _HALF_TWICE),
    "Matching.seek_cooldown_weeks": _lin(2, 8, _WEEKS),
    "Matching.candidates_max": _lin(4, 16, _HALF_TWICE),
    "Matching.noise": _log(0.175, 0.7, _HALF_TWICE),
    "Matching.openness_without_outreach": _lin(0.25, 1.0, "documented prior: an unvisited "
        "company says yes from a quarter as often to as often as a visited one"),
    "Matching.fit_weight_wish": _lin(0.175, 0.7, _HALF_TWICE),
    "Matching.fit_weight_skill": _lin(0.125, 0.5, _HALF_TWICE),
    "Matching.fit_weight_level": _lin(0.2, 0.8, _HALF_TWICE),
    "PlacementEffects.max_weeks": _lin(13, 52, _WEEKS),
    "PlacementEffects.dropout_fit_slope": _log(1.5, 6.0, _HALF_TWICE),
    "PlacementEffects.startup_hazard": _log(0.2, 2.0, "documented prior: a new placement's "
        "break-down hazard in its first weeks 1.2 to 3 times the settled level without "
        "support; the separation hazard of new jobs peaks in the first months (Farber 1994)"),
    "PlacementEffects.transition_weeks": _lin(2, 8, _WEEKS),
    "PlacementEffects.weeks_to_first_hours": _lin(8.0, 26.0, "documented prior: weeks from a "
        "placement's start to first paid hours at the same company, from two months to the "
        "legal maximum of a placement (26 weeks, LBL § 61); 18 keeps the threshold 0.6"),
    "PlacementEffects.mastery_rate": _log(0.05, 0.2, _HALF_TWICE),
    "Conversion.followup_effect": _lin(0.0, 2.0, "documented prior: a follow-up week from no "
        "extra pressure (0) to three times the conversion chance [M §6]"),
    "HoursProgression.rise_without_followup": _lin(0.1, 0.5, _HALF_TWICE),
    "HoursProgression.rehab_capacity_share": _lin(0.1, 0.4, _HALF_TWICE),
    "HoursProgression.barrier_capacity_loss": _lin(0.5, 1.0, "documented prior: the worst "
        "barrier costs from half to all of full time"),
    "Wellbeing.efficacy_loss_setback": _lin(0.05, 0.2, _HALF_TWICE),
    "Wellbeing.motivation_adjust": _log(0.025, 0.1, _HALF_TWICE),
    "Wellbeing.goal_clarity_gain": _log(0.015, 0.06, _HALF_TWICE),
    "Wellbeing.mental_loss_setback": _lin(0.025, 0.1, _HALF_TWICE),
    "Exits.flexjob_rate": _log(0.0033, 0.03, _RATE),
    "Exits.flexjob_min_weeks": _lin(6, 26, _WEEKS),
    "Exits.disability_rate": _log(0.00005, 0.00045, _RATE),
    "Exits.disability_barrier_slope": _lin(1.5, 6.0, _HALF_TWICE),
    "Exits.ressourceforloeb_exit_factor": _lin(1.0, 4.0, "documented prior: from no extra "
        "(1) to four times the award hazard in a ressourceforløb"),
    "Exits.other_exit_rate": _log(0.00033, 0.003, _RATE),
    # --- the professional's week (behaviour.time, behaviour.knowledge) -------------------
    "TimeBudget.admin_share": _lin(0.1, 0.35, "documented prior: a tenth to a third of the "
        "week on administration not tied to one citizen"),
    "TimeBudget.followup_visit_hours": _lin(0.75, 3.0, _HOURS),
    "TimeBudget.casework_hours_per_citizen": _lin(0.125, 0.5, _HOURS),
    "TimeBudget.coordination_hours_per_citizen": _lin(0.05, 0.2, _HOURS),
    "TimeBudget.colocated_coordination_factor": _lin(0.25, 1.0, "documented prior: sitting "
        "together saves from nothing (1) to three quarters of coordination"),
    "TimeBudget.outreach_hours_per_fte": _lin(2.0, 8.0, _HOURS),
    "TimeBudget.first_conversation_hours": _lin(0.5, 2.0, _HOURS),
    "TimeBudget.status_interval_weeks": _lin(2, 8, _WEEKS),
    "TimeBudget.status_meeting_hours": _lin(0.375, 1.5, _HOURS),
    "TimeBudget.transition_contact_hours": _lin(0.25, 1.0, _HOURS),
    "TimeBudget.joint_followup_share": _lin(0.1, 0.5, "documented prior: 'some' visits "
        "[M §5], read as a tenth to a half"),
    "TimeBudget.rehabilitation_coordination_hours": _lin(0.25, 1.0, _HOURS),
    "CompanyKnowledge.start": _lin(0.25, 0.75, _SHARE),
    "CompanyKnowledge.visit_hours": _lin(1.0, 4.0, _HOURS),
    "CompanyKnowledge.gain_per_visit": _log(0.015, 0.06, _HALF_TWICE),
    "CompanyKnowledge.followup_visit_weight": _lin(0.25, 1.0, _SHARE),
    "CompanyKnowledge.forget_per_week": _log(0.0065, 0.026, "documented prior: company "
        "knowledge halves in six months to two years"),
    # --- the employer side (behaviour.employer) ------------------------------------------
    "Employer.carve_chance_per_visit": _log(0.05, 0.4, "documented prior: from one visit "
        "in twenty to two in five carves a small job at a fully open company [M §4]"),
    "Employer.service_vacancies_per_year": _log(0.08, 1.0, "documented prior: from one "
        "company in twelve to every company a year brings a usable vacancy or task to the "
        "company service"),
    "Employer.unused_slot_expiry_per_week": _log(0.025, 0.25, "documented prior: an unused "
        "slot lasts from about a month to about nine months"),
    "Employer.openness_gain_per_success": _log(0.0125, 0.2, "documented prior (learning "
        "rate): from a quarter to four times the default; no study sizes it"),
    "Employer.openness_loss_per_breakdown": _log(0.0125, 0.2, "documented prior (learning "
        "rate): from a quarter to four times the default; no study sizes it"),
    "Employer.openness_reversion_per_week": _log(0.0025, 0.04, "documented prior: a "
        "company's stance returns halfway to its disposition in from four months to five "
        "years"),
    "Employer.employees_median": _log(5.0, 30.0, "documented prior: the median workplace "
        "the jobcentre reaches, from a small shop to a mid-sized firm"),
    "Employer.employees_spread": _lin(0.6, 1.5, "documented prior: the spread of log "
        "workplace size, from narrow to the wide spread of Danish workplaces"),
    "MentorSupport.hours_per_citizen_week": _lin(0.5, 3.0, _HOURS),
    "MentorSupport.support_weeks_after_hours": _lin(4, 26, "documented prior: mentor "
        "support in new hours from a month to half a year (LAB kap. 13)"),
    # --- ressourceforløb pathway (scenario/rehabilitation.py) ---------------------------
    "Rehabilitation.plan_review_weeks": _lin(13, 52, "documented prior: the plan followed "
        "up from quarterly to yearly (LAB kap. 12 b sets no interval)"),
    "Rehabilitation.health_led_share": _lin(0.25, 0.75, _SHARE),
    "Rehabilitation.treatment_barrier_floor": _lin(0.1, 0.4, _SHARE),
    "Rehabilitation.physical_gain_per_week": _log(0.003, 0.024, _RATE),
    "Rehabilitation.mental_gain_per_week": _log(0.003, 0.024, _RATE),
    "Rehabilitation.treatment_search_factor": _lin(0.25, 1.0, "documented prior: from "
        "treatment taking three quarters of a placement's room to none of it"),
    # --- lever sizes of a design ---------------------------------------------------------
    "Organisation.hours_per_contact": _lin(0.4, 1.5, _HOURS),
    "Organisation.staff_turnover_per_year": _lin(0.1, 0.4, _HALF_TWICE),
    "Organisation.referral_delay_weeks": _lin(1, 8, _WEEKS),
    "Practice.readiness_threshold": _lin(0.4, 0.7, "documented prior: readiness judged "
        "enough from somewhat below to well above the middle [M §2.1]"),
    # --- the local labour market of a municipality (rules/local_market.py) -------------
    "LabourMarket.demand_elasticity": _lin(0.25, 1.0, "documented prior: the room to pay "
        "hours follows the national-to-local unemployment ratio to a power from 0.25 to "
        "1 (at most one for one), because no study sizes it for this group"),
    # --- amounts of economics: estimates (2024 rates uprated, pay plus overhead) ---------
    "StaffCosts.caseworker": _lin(560_000, 760_000, _PAY),
    "StaffCosts.consultant": _lin(560_000, 760_000, _PAY),
    "StaffCosts.mentor": _lin(500_000, 680_000, _PAY),
    "StaffCosts.jobformidler": _lin(560_000, 760_000, _PAY),
    "BenefitRules.higher_rate": _lin(12_820, 13_590, _SATS),
    "BenefitRules.basic_rate": _lin(8_260, 8_760, _SATS),
    "BenefitRules.share_basic_rate": _lin(0.0, 0.2, "documented prior: from a group wholly "
        "over 30 to a fifth under 30 without 2½ years' work"),
    "BenefitRules.child_supplement": _lin(2_840, 2_960, _SUPPLEMENT),
    "BenefitRules.single_provider_supplement": _lin(1_670, 1_740, _SUPPLEMENT),
    "BenefitRules.single_supplement": _lin(1_110, 1_160, _SUPPLEMENT),
    "BenefitRules.share_with_children": _lin(0.1, 0.4, "documented prior: the order of "
        "magnitude the KY tables give (a tenth to two fifths), not a published figure"),
    "BenefitRules.share_single_among_providers": _lin(0.3, 0.6, "documented prior: from "
        "a third to the 60 % that 2017's single providers and couples both on benefit "
        "give (da.dk / Danmarks Statistik), an upper bound"),
    "BenefitRules.share_single_among_others": _lin(0.5, 0.9, "documented prior: from half "
        "to nine in ten of those without children living alone, not a published figure"),
    "Economics.max_dagpenge_per_month": _lin(21_300, 22_100, "documented prior: the 2025 "
        "rate uprated to 2026 at 1-5 % instead of the assumed 3 %"),
    "FlexjobRules.threshold_per_month": _lin(16_000, 17_500, "documented prior: the 2022 "
        "threshold uprated to 2026 at 1.5-4.5 % a year"),
    "Refusion.trial_weeks_on_support": _lin(0, 520, "documented prior: from a new spell "
        "to ten years on support; the JobFirst group has about five [M §1]"),
    "Taxes.municipal_tax": _lin(0.225, 0.265, "documented prior: the range of Danish "
        "municipal income tax rates (skat.dk, kommuneskatter)"),
    "Taxes.employment_deduction": _lin(0.10, 0.15, "documented prior: the employment "
        "deduction's share in recent years"),
    "ChangeCosts.recruitment_per_added_fte": _lin(0, 150_000, "documented prior: from "
        "internal moves costing nothing to three months' pay"),
    "ChangeCosts.training_per_fte": _lin(0, 75_000, "documented prior: from none to a "
        "month of course and sparring"),
    "ChangeCosts.co_location": _lin(0, 2_000_000, "documented prior: from existing rooms "
        "to refitting a floor"),
    "Economics.disability_pension_per_year": _lin(251_000, 267_000, _UPRATED),
}
"""Prior of each field, keyed ``Class.field`` (see the module's docstring)."""
