"""The names of the earlier flat ``behaviour:`` section, and where each parameter went.

Why kept: files and ``--set behaviour.conversion_rate=...`` lines written before
``behaviour:`` was nested by mechanism would otherwise meet a bare "unknown field". With
this table :mod:`jobfirst_sim.scenario.checks` names the new place instead, and the
calibration reads its old parameter names through it.
"""

from __future__ import annotations

FLAT_NAMES: dict[str, str] = {
    "trust_start": "trust.start",
    "trust_gain_per_contact": "trust.gain_per_contact",
    "trust_decay_per_week": "trust.decay_per_week",
    "trust_loss_on_handover": "trust.loss_on_handover",
    "referral_trust_loss": "trust.loss_on_referral",
    "partner_cover": "trust.partner_cover",
    "cv_rate_later": "cv.rate_later",
    "cv_efficacy_boost": "cv.efficacy_boost",
    "cv_knowledge_gain": "cv.knowledge_gain",
    "readiness_gain_per_week": "readiness.gain_per_week",
    "placement_seek_rate": "matching.seek_rate",
    "seek_cooldown_weeks": "matching.seek_cooldown_weeks",
    "match_candidates_max": "matching.candidates_max",
    "match_noise": "matching.noise",
    "referral_knowledge": "matching.referral_knowledge",
    "partner_sharing": "matching.partner_sharing",
    "jobformidler_knowledge_floor": "matching.jobformidler_knowledge_floor",
    "fit_weight_wish": "matching.fit_weight_wish",
    "fit_weight_skill": "matching.fit_weight_skill",
    "fit_weight_level": "matching.fit_weight_level",
    "placement_max_weeks": "placement.max_weeks",
    "dropout_base": "placement.dropout_base",
    "dropout_fit_slope": "placement.dropout_fit_slope",
    "contact_person_protection": "placement.contact_person_protection",
    "clear_purpose_protection": "placement.clear_purpose_protection",
    "followup_protection": "placement.followup_protection",
    "mastery_rate": "placement.mastery_rate",
    "followup_mastery_boost": "placement.followup_mastery_boost",
    "conversion_rate": "conversion.rate",
    "purpose_conversion_competence": "conversion.competence_factor",
    "purpose_conversion_clarify": "conversion.clarify_factor",
    "unclear_purpose_conversion": "conversion.unclear_purpose_factor",
    "hours_dialogue_effect": "conversion.hours_dialogue_effect",
    "agreement_effect": "conversion.agreement_effect",
    "followup_effect": "conversion.followup_effect",
    "belief_effect": "conversion.belief_effect",
    "switch_setback": "conversion.switch_setback",
    "first_hours": "hours.first_hours",
    "hours_step": "hours.step",
    "rise_without_followup": "hours.rise_without_followup",
    "capacity_growth": "hours.capacity_growth",
    "rehab_capacity_share": "hours.rehab_capacity_share",
    "capacity_max_hours": "hours.capacity_max_hours",
    "barrier_capacity_loss": "hours.barrier_capacity_loss",
    "self_sufficiency_hours": "hours.self_sufficiency_hours",
    "efficacy_gain_placement": "wellbeing.efficacy_gain_placement",
    "efficacy_gain_hours": "wellbeing.efficacy_gain_hours",
    "efficacy_loss_setback": "wellbeing.efficacy_loss_setback",
    "motivation_adjust": "wellbeing.motivation_adjust",
    "motivation_work_lift": "wellbeing.motivation_work_lift",
    "goal_clarity_gain": "wellbeing.goal_clarity_gain",
    "competence_gain": "wellbeing.competence_gain",
    "mental_gain_hours": "wellbeing.mental_gain_hours",
    "mental_loss_setback": "wellbeing.mental_loss_setback",
    "own_job_rate": "own_job.rate",
    "job_loss_rate": "exits.job_loss_rate",
    "lifeline_effect": "exits.lifeline_effect",
    "flexjob_rate": "exits.flexjob_rate",
    "flexjob_min_weeks": "exits.flexjob_min_weeks",
    "disability_rate": "exits.disability_rate",
    "disability_barrier_slope": "exits.disability_barrier_slope",
    "ressourceforloeb_exit_factor": "exits.ressourceforloeb_exit_factor",
    "other_exit_rate": "exits.other_exit_rate",
    "steering_stall_weeks": "steering.stall_weeks",
}
"""Old flat ``behaviour:`` name → new path inside ``behaviour`` (for the rename message)."""


RETIRED_BEHAVIOUR: dict[str, str] = {
    "placement.startup_factor": "the start-up term became transition support: "
    "`placement.startup_hazard` (the risk), `placement.transition_weeks` and "
    "`placement.transition_support_protection` (what a support contact removes)",
    "placement.settling_weeks": "the start-up hazard now lasts `placement.transition_weeks` "
    "(the weeks that get transition support)",
    "placement.mastery_threshold": "it is derived from `placement.weeks_to_first_hours` "
    "(weeks from a placement's start to first paid hours; 18 gives the earlier 0.6)",
    "dropout_startup_factor": "see `placement.startup_hazard` and "
    "`placement.transition_support_protection`",
    "dropout_settling_weeks": "see `placement.transition_weeks`",
    "mastery_threshold": "see `placement.weeks_to_first_hours`",
}
"""Retired ``behaviour:`` parameters (nested ``section.field`` or an old flat name) → what
replaced them, for the message an old file gets instead of a bare "unknown field"."""
