"""The design lever table: every arm's levers as arrays, indexed by arm or practice row.

Why a table: the rules run vectorised over all citizens of all arms at once, so each
lever of the scenario's designs becomes one array that a rule indexes; the model never
branches on a design by name. Organisation levers (``organisation:``) have one entry per
arm, indexed with ``citizens.arm``. Practice levers (``practice:``) have one entry per arm
*and benefit group* (:func:`practice_row`), because a design's practice may differ for
one group (``practice_by_benefit``) and a professional may practise another arm's design
(a municipality's ``implementation`` and ``work_orientation``, an arm's ``transition``).
An arm whose ``transition`` names the design practised before the change
(``design_before``) gets that design's practice as extra rows after the arms' own, as if it
were one more arm (:attr:`DesignTable.before_arm`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from jobfirst_sim.scenario.schema import BENEFITS, RoleModel, Scenario, SocialEffort


@dataclass(frozen=True)
class DesignTable:
    """Lever values per arm (arrays of length ``n_arms``), indexed by a citizen's arm."""

    bum: np.ndarray
    jobformidler: np.ndarray
    makkerskab: np.ndarray
    colocated: np.ndarray
    hours_per_contact: np.ndarray
    contact_interval: np.ndarray  # weeks between planned contacts
    turnover_weekly: np.ndarray
    referral_delay: np.ndarray
    hours_dialogue: np.ndarray
    cv_at_start: np.ndarray
    sequential: np.ndarray
    readiness_threshold: np.ndarray
    purpose_cum: np.ndarray  # (n_arms, 3) cumulative purpose mix
    purpose_explicit: np.ndarray
    work_agreement: np.ndarray
    contact_required: np.ndarray
    followup_interval: np.ndarray
    switch_weeks: np.ndarray  # large number = never switch
    switch_rule: np.ndarray  # the design moves citizens whose company cannot give hours
    lifeline: np.ndarray
    steering: np.ndarray
    before_arm: np.ndarray  # per arm: practice "arm" of its design before the change, -1 none


def practice_row(arm: np.ndarray | int, benefit: np.ndarray | int) -> np.ndarray:
    """Row of the practice arrays for a practice followed (an arm's) and a benefit group."""
    out: np.ndarray = np.asarray(arm) * len(BENEFITS) + np.asarray(benefit)
    return out


def design_table(scenario: Scenario) -> DesignTable:
    """Collect every arm's levers into arrays (practice: one row per arm × benefit group)."""
    orgs = [a.design.organisation for a in scenario.arms]
    designs = [a.design for a in scenario.arms]
    before = [-1] * len(scenario.arms)
    for i, arm in enumerate(scenario.arms):
        if arm.transition is not None and arm.transition.design_before is not None:
            before[i] = len(designs)
            designs.append(arm.transition.design_before)
    prs = [d.practice_for(b) for d in designs for b in BENEFITS]

    def arr(values: list[float] | list[bool] | list[int]) -> np.ndarray:
        return np.asarray(values)

    return DesignTable(
        bum=arr([o.role_model is RoleModel.bum for o in orgs]),
        jobformidler=arr([o.jobformidler for o in orgs]),
        makkerskab=arr([o.role_model is RoleModel.makkerskab for o in orgs]),
        colocated=arr([o.colocated for o in orgs]),
        hours_per_contact=arr([o.hours_per_contact for o in orgs]),
        contact_interval=arr([p.contact_interval_weeks for p in prs]),
        turnover_weekly=arr([o.staff_turnover_per_year / 52.0 for o in orgs]),
        referral_delay=arr([o.referral_delay_weeks if o.role_model is RoleModel.bum else 0
                            for o in orgs]),
        hours_dialogue=arr([p.hours_dialogue_from_start for p in prs]),
        cv_at_start=arr([p.cv_at_start for p in prs]),
        sequential=arr([p.social_effort is SocialEffort.sequential for p in prs]),
        readiness_threshold=arr([p.readiness_threshold for p in prs]),
        purpose_cum=np.cumsum(
            np.array(
                [[p.purpose_mix.hours, p.purpose_mix.competence, p.purpose_mix.clarify]
                 for p in prs]
            ),
            axis=1,
        ),
        purpose_explicit=arr([p.purpose_explicit for p in prs]),
        work_agreement=arr([p.work_agreement for p in prs]),
        contact_required=arr([p.company_contact_required for p in prs]),
        followup_interval=arr([p.followup_interval_weeks for p in prs]),
        switch_weeks=arr([p.weeks_without_hours_before_switch or 10_000 for p in prs]),
        switch_rule=arr([p.weeks_without_hours_before_switch is not None for p in prs]),
        lifeline=arr([p.aftercare_lifeline for p in prs]),
        steering=arr([p.production_steering for p in prs]),
        before_arm=np.asarray(before, np.int64),
    )
