"""``behaviour.relationship``: what the professionals hold of the citizen, per role, and what
breaks it (rules/relationship.py, rules/rebalance.py).

Why a module of its own: the section grew with the causes a case itself brings (a status
that moves the case, long leave, reorganisation) and the makkerskab's joint time, and
``behaviour.py`` holds the rest of the mechanism sections; the class is re-exported there,
so ``Behaviour.relationship`` reads as before.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from jobfirst_sim.scenario.base import Frozen, Unit


class Relationship(Frozen):
    """What the professional holds of the citizen, and what breaks it — absences, changes
    of contact person, caseload reviews [M §3, §5] (rules/relationship.py,
    rules/rebalance.py)."""

    known_start: Unit = Field(
        0.1, description="A new contact person's knowledge of the citizen, 0-1 (what the "
        "first conversation and the case file tell). Plausible.")
    known_gain_per_contact: Unit = Field(
        0.08, description="Share of the gap to full knowledge of the citizen one week with "
        "contact closes, 0-1 [M §3]. Plausible: about a year of weekly contact to know a "
        "citizen well.")
    belief_start: Unit = Field(
        0.5, description="A new contact person's belief in the citizen, 0-1. Plausible.")
    belief_adjust: Unit = Field(
        0.10, description="Share of the gap a week with contact closes between the contact "
        "person's belief and what the citizen shows (1 in a placement or job, 0 after a "
        "setback), 0-1 [M §3, §6]. Plausible.")
    vacancy_weeks: Annotated[int, Field(ge=0, le=52)] = Field(
        8, description="Weeks between a professional leaving and a successor starting "
        "(weeks; 0-52): notice, recruitment and start. Plausible: one to three months.")
    cover_contact_share: Unit = Field(
        0.5, description="Share of the planned contacts a colleague covering for an absent "
        "contact person (holiday, sickness) handles, 0-1 [M §5]. Plausible.")
    joint_kept: Unit = Field(
        0.5653, description="Share of what the old contact person held of the citizen, beyond "
        "what the pair's coordination keeps, that a makkerskab partner who sat in on the "
        "citizen's first conversation, status meetings and follow-ups keeps at a change, "
        "scaled by the share of that joint time they had, 0-1 [M §5]. Plausible: the "
        "partner knows the citizen first hand but was not the one they confided in.")
    review_interval_weeks: Annotated[int, Field(ge=0, le=104)] = Field(
        13, description="Weeks between caseload reviews, at which citizens of professionals "
        "far above their target caseload move to colleagues with room (weeks; 0-104, 0 = "
        "no reviews). Plausible: a quarterly review.")
    review_tolerance: Annotated[float, Field(ge=0, le=5)] = Field(
        0.20, description="How far above the target caseload (share of it; 0-5) a "
        "professional's caseload may be before a review moves citizens away. Plausible: "
        "20 %, about eight citizens at a caseload of 41.")
    # causes of a change of contact person that the case itself brings (besides staff
    # leaving and caseload reviews); rules/relationship.py, stages/caseload.case_moves
    partial_support_handover: Unit = Field(
        0.10, description="Chance that a citizen's move between full and partial support "
        "(ordinary hours begin or end) takes the case to another team and so to another "
        "person in the primary role, 0-1. Documented prior: most jobcentres keep a "
        "cash-benefit case with hours in the same team; some move it to a team for "
        "citizens in work.")
    flexjob_handover: Unit = Field(
        0.70, description="Chance that a citizen's move to flexjob status (ledighedsydelse "
        "or flexløntilskud, another benefit under LAB § 69-75) takes the case to the "
        "jobcentre's flexjob team and another person in the primary role, 0-1. Documented "
        "prior: most jobcentres run a separate flexjob team.")
    long_leave_yearly: Unit = Field(
        0.04, description="Yearly chance that a professional goes on long leave (parental "
        "leave, long sickness) and a colleague or substitute takes over their citizens for "
        "good, 0-1. Documented prior: a few in a hundred municipal employees a year; the "
        "short absences are the time budget's leave and absence shares.")
    reorganisation_yearly: Unit = Field(
        0.10, description="Yearly chance that a team (one arm in one municipality) is "
        "reorganised — new team cut, new target groups — so that part of its cases move "
        "to another person, 0-1. Documented prior: jobcentres reorganise every few years; "
        "a project unit less often than the line.")
    reorganisation_share: Unit = Field(
        0.30, description="Share of a reorganised team's cases that move to another "
        "person, 0-1. Documented prior.")
    joint_trust_gain: Annotated[float, Field(ge=0, le=2)] = Field(
        0.25, description="Relative gain in the trust a week with contact builds when the "
        "makkerskab partner had all the joint time (first conversation, status meetings, "
        "joint follow-ups) with the citizen, scaled by the share they had (0-2; 0 = none): "
        "both professionals give one message, so the citizen meets fewer conflicting "
        "messages and trusts more [M §5, §6]. Documented prior.")
