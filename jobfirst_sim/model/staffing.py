"""Track 3 as data: roles, staffing, caseload assignment and the design lever table.

Why: the organisational designs (BUM, makkerskab, jobformidler) must be data, not code
branches, so a manager can change a lever in YAML. This module turns each arm's
``Design`` into (1) professionals with roles and caseloads and (2) a small table of lever
values per arm that the vectorised rules index by each citizen's arm.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from jobfirst_sim.model.seeds import STAFF, generator
from jobfirst_sim.model.state import Citizens, Professionals, Role
from jobfirst_sim.scenario.schema import Design, RoleModel, Scenario, SocialEffort


def roles_of(design: Design) -> tuple[Role, ...]:
    """Roles staffed in a design; the first is the citizen's primary contact [M §5].

    * makkerskab with jobformidlere: the jobformidler is the primary contact, paired with
      an authority caseworker;
    * makkerskab without: caseworker (primary) in a fixed team with consultant and mentor;
    * BUM: the caseworker orders, the consultant and mentor units perform.
    """
    org = design.organisation
    if org.role_model is RoleModel.makkerskab and org.jobformidler:
        return (Role.jobformidler, Role.caseworker)
    return (Role.caseworker, Role.consultant, Role.mentor)


def caseload_of(scenario: Scenario, muni: int, arm: int) -> float:
    """Nominal caseload in one municipality and arm (municipality value wins)."""
    return scenario.caseload(scenario.arms[arm].name, scenario.municipalities[muni].name)


def build_staff(
    scenario: Scenario, citizens: Citizens, root_seed: int, replication: int
) -> Professionals:
    """Staff every (municipality, arm) and give each citizen a primary contact.

    Staff per role = ceil(citizens / caseload): professionals' caseloads are held at the
    nominal value (the jobcentre's ordinary inflow keeps them full), so caseload rations
    contact as the design says, whatever the trial's intake rhythm.
    """
    rng = generator(root_seed, replication, STAFF)
    muni, arm, role, caseload, hours, partner = [], [], [], [], [], []
    for m in range(len(scenario.municipalities)):
        for a, arm_spec in enumerate(scenario.arms):
            members = np.flatnonzero((citizens.municipality == m) & (citizens.arm == a))
            if members.size == 0:
                continue
            cl = caseload_of(scenario, m, a)
            k = max(1, math.ceil(members.size / cl))
            first = len(role)
            roles = roles_of(arm_spec.design)
            for r in roles:
                muni += [m] * k
                arm += [a] * k
                role += [int(r)] * k
                caseload += [cl] * k
                hours += [arm_spec.design.organisation.weekly_hours] * k
            # primary contacts are the first block; partner = same slot in the second role
            is_pair = arm_spec.design.organisation.role_model is RoleModel.makkerskab
            for j in range(len(roles) * k):
                slot, block = j % k, j // k
                if not is_pair:
                    partner.append(-1)
                elif block == 0:
                    partner.append(first + k + slot)
                elif block == 1:
                    partner.append(first + slot)
                else:
                    partner.append(-1)
            order = rng.permutation(members.size)
            citizens.contact_prof[members[order]] = first + (np.arange(members.size) % k)
    n = len(role)
    return Professionals(
        municipality=np.array(muni, np.int64),
        arm=np.array(arm, np.int64),
        role=np.array(role, np.int64),
        caseload=np.array(caseload, float),
        weekly_hours=np.array(hours, float),
        partner=np.array(partner, np.int64),
        handovers=np.zeros(n, np.int64),
    )


@dataclass(frozen=True)
class DesignTable:
    """Lever values per arm (arrays of length ``n_arms``), indexed by a citizen's arm."""

    bum: np.ndarray
    jobformidler: np.ndarray
    makkerskab: np.ndarray
    colocated: np.ndarray
    citizen_hours: np.ndarray  # weekly hours of the primary contact spent with citizens
    hours_per_contact: np.ndarray
    company_knowledge: np.ndarray
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
    lifeline: np.ndarray
    steering: np.ndarray


def design_table(scenario: Scenario) -> DesignTable:
    """Collect every arm's levers into arrays."""
    orgs = [a.design.organisation for a in scenario.arms]
    prs = [a.design.practice for a in scenario.arms]

    def arr(values: list[float] | list[bool] | list[int]) -> np.ndarray:
        return np.asarray(values)

    return DesignTable(
        bum=arr([o.role_model is RoleModel.bum for o in orgs]),
        jobformidler=arr([o.jobformidler for o in orgs]),
        makkerskab=arr([o.role_model is RoleModel.makkerskab for o in orgs]),
        colocated=arr([o.colocated for o in orgs]),
        citizen_hours=arr([o.weekly_hours * o.citizen_time_share for o in orgs]),
        hours_per_contact=arr([o.hours_per_contact for o in orgs]),
        company_knowledge=arr([o.company_knowledge for o in orgs]),
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
        lifeline=arr([p.aftercare_lifeline for p in prs]),
        steering=arr([p.production_steering for p in prs]),
    )


def contact_probability(citizen_hours: np.ndarray, caseload: np.ndarray,
                        hours_per_contact: np.ndarray) -> np.ndarray:
    """Weekly chance of a contact: the primary contact's citizen hours over the caseload.

    ``hours / (caseload × hours per contact)`` contacts per citizen per week, capped at 1
    (weekly contact is the method's ideal [M §3]; caseload is what rations it [M §5]).
    """
    return np.clip(citizen_hours / (caseload * hours_per_contact), 0.0, 1.0)


def matcher_knowledge(
    jobformidler: np.ndarray,
    makkerskab: np.ndarray,
    colocated: np.ndarray,
    trust: np.ndarray,
    has_cv: np.ndarray,
    referral_knowledge: float,
    partner_sharing: float,
    cv_gain: float,
    jobformidler_floor: float = 0.4,
) -> np.ndarray:
    """How well the person matching knows the citizen, 0-1 [M §4, §5].

    A jobformidler is the primary contact and knows the citizen as well as the relation
    allows (floor + (1 − floor) × trust). Otherwise the consultant knows only what the referral
    carried; a makkerskab passes more on (fully when co-located, half when not). A CV
    used as a conversation tool adds to what anyone knows.
    """
    direct = jobformidler_floor + (1.0 - jobformidler_floor) * trust
    shared = referral_knowledge + (1 - referral_knowledge) * partner_sharing * np.where(
        colocated, 1.0, 0.5
    )
    base = np.where(jobformidler, direct, np.where(makkerskab, shared, referral_knowledge))
    return np.clip(base + cv_gain * has_cv, 0.0, 1.0)
