"""A team's design: the choices a jobcentre leader makes, and what they come to.

Why its own module: in a teaching workshop (docs/workshop.md) a team of jobcentre leaders
designs a jobcentre within a staff budget, in plain choices a leader can reason about: FTEs
per role, the role model, jobformidlere yes/no, co-location and the method's practices
(:data:`PRACTICES`, each with a one-line explanation from the method guide [M §2-§5]).
Everything else (the professional's hours, turnover, referral delay) stays as on the card
(:mod:`.cards`). What is wrong with a design is :mod:`.checks`; running it is :mod:`.run`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from jobfirst_sim.app.workshop.engine.cards import Card, Lang
from jobfirst_sim.domain import StaffRole
from jobfirst_sim.scenario.design import RoleModel, SocialEffort, design_roles

__all__ = ["ORGANISATION_TEXT", "PRACTICES", "ROLE_LABELS", "PracticeChoice", "TeamDesign",
           "caseloads", "design_changes", "start_design", "stock"]



@dataclass(frozen=True)
class PracticeChoice:
    """One practice lever of :class:`~jobfirst_sim.scenario.design.Practice` a team sets.

    ``kind`` says which control fits: ``bool`` (yes/no), ``effort`` (parallel/sequential),
    ``weeks`` (a whole number in ``low``-``high``) or ``switch`` (weeks, or never).
    """

    name: str
    kind: Literal["bool", "effort", "weeks", "switch"]
    label: Mapping[Lang, str]
    explanation: Mapping[Lang, str]
    low: int = 1
    high: int = 52


PRACTICES: Final[tuple[PracticeChoice, ...]] = (
    PracticeChoice(
        "hours_dialogue_from_start", "bool",
        {"da": "Ordinære timer fra første samtale", "en": "Ordinary hours from the first talk"},
        {"da": "Lønnede timer er både mål og middel fra første samtale, med borger og "
               "virksomhed [M §3, §4].",
         "en": "Paid hours are the goal and the means from the first conversation, with "
               "citizen and company [M §3, §4]."}),
    PracticeChoice(
        "cv_at_start", "bool",
        {"da": "CV lige efter første samtale", "en": "CV right after the first talk"},
        {"da": "CV'et bruges til at afdække kompetencer fra job, uddannelse, fritid og "
               "familie [M §3].",
         "en": "The CV is used to uncover competences from jobs, education, leisure and "
               "family life [M §3]."}),
    PracticeChoice(
        "social_effort", "effort",
        {"da": "Social- og sundhedsindsats", "en": "Social and health effort"},
        {"da": "Parallelt: praktik først, hjælp ved siden af. Sekventielt: borgeren skal "
               "være 'parat' før virksomhedskontakt [M §2].",
         "en": "Parallel: placement first, help alongside. Sequential: the citizen must be "
               "'ready' before any company contact [M §2]."}),
    PracticeChoice(
        "purpose_explicit", "bool",
        {"da": "Knivskarpt formål med praktikken", "en": "Razor-clear placement purpose"},
        {"da": "Borger, virksomhed og fagfolk ved præcis, hvad praktikken skal føre til "
               "[M §4].",
         "en": "Citizen, company and professionals know exactly what the placement is for "
               "[M §4]."}),
    PracticeChoice(
        "work_agreement", "bool",
        {"da": "Arbejdsaftale med delmål og timer",
         "en": "Work agreement with sub-goals and hours"},
        {"da": "En arbejdsaftale med mål, delmål og timer følges op på arbejdspladsen "
               "[M §4].",
         "en": "A work agreement with goals, sub-goals and hours is followed up at the "
               "workplace [M §4]."}),
    PracticeChoice(
        "company_contact_required", "bool",
        {"da": "Fast kontaktperson i virksomheden", "en": "Named contact person at the company"},
        {"da": "Kun virksomheder, der udpeger en fast kontaktperson, bruges [M §4].",
         "en": "Only companies that name a fixed contact person are used [M §4]."}),
    PracticeChoice(
        "contact_interval_weeks", "weeks",
        {"da": "Uger mellem planlagte samtaler", "en": "Weeks between planned contacts"},
        {"da": "JobFirst: ugentlig kontakt til praktikken starter; om den sker, afhænger af "
               "sagsstammen [M §3].",
         "en": "JobFirst: weekly until the placement starts; whether it happens depends on "
               "the caseload [M §3]."}, 1, 26),
    PracticeChoice(
        "followup_interval_weeks", "weeks",
        {"da": "Uger mellem opfølgninger på arbejdspladsen",
         "en": "Weeks between follow-ups at the workplace"},
        {"da": "Opfølgning med ordinære timer som fast punkt, i små skridt [M §4].",
         "en": "Follow-up with ordinary hours as a standing item, in small steps [M §4]."},
        1, 52),
    PracticeChoice(
        "weeks_without_hours_before_switch", "switch",
        {"da": "Skift virksomhed efter uger uden timer",
         "en": "Switch company after weeks without hours"},
        {"da": "Kan virksomheden mod forventning ikke give timer, skifter borgeren "
               "virksomhed [M §4]. 0 = aldrig.",
         "en": "If the company cannot give hours after all, the citizen moves to a new "
               "company [M §4]. 0 = never."}, 1, 104),
    PracticeChoice(
        "aftercare_lifeline", "bool",
        {"da": "Livline efter job", "en": "Aftercare lifeline"},
        {"da": "Borgere i job beholder kontaktpersonens direkte nummer; det mindsker "
               "tilbagefald [M §4].",
         "en": "Citizens in a job keep their contact's direct number, which lowers relapse "
               "[M §4]."}),
    PracticeChoice(
        "production_steering", "bool",
        {"da": "Produktionsstyring", "en": "Production steering"},
        {"da": "Ledelsen følger tragten (CV → praktik → aftale → timer), så sager, der går "
               "i stå, ses og handles på [M §5].",
         "en": "Management follows the funnel (CV → placement → agreement → hours) so "
               "stalled cases are seen and acted on [M §5]."}),
)
"""The practice levers a team sets, with the method guide's reason for each."""

ROLE_LABELS: Final[Mapping[StaffRole, Mapping[Lang, str]]] = {
    StaffRole.caseworker: {"da": "Myndighedssagsbehandlere", "en": "Authority caseworkers"},
    StaffRole.consultant: {"da": "Virksomhedskonsulenter", "en": "Company consultants"},
    StaffRole.mentor: {"da": "Mentorer", "en": "Mentors"},
    StaffRole.jobformidler: {"da": "Jobformidlere", "en": "Jobformidlere"},
}

ORGANISATION_TEXT: Final[Mapping[str, Mapping[Lang, str]]] = {
    "role_model": {
        "da": "BUM: sagsbehandleren bestiller, andre enheder udfører. Makkerskab: et fast "
              "par deler sagsstammen [M §5].",
        "en": "BUM: the caseworker orders, other units perform. Makkerskab: a fixed pair "
              "shares the caseload [M §5]."},
    "jobformidler": {
        "da": "Konsulent og mentor slås sammen til én primær kontaktperson; kræver "
              "makkerskab [M §5].",
        "en": "Consultant and mentor merged into one primary contact; needs makkerskab "
              "[M §5]."},
    "colocated": {
        "da": "Makkerne sidder sammen: lettere dækning og hurtigere koordinering [M §5].",
        "en": "The partners sit together: easier cover and faster coordination [M §5]."},
}


@dataclass(frozen=True)
class TeamDesign:
    """A team's design: FTEs per role, the organisation and the practice levers.

    ``staff`` may name any of the four roles; only the design's roles
    (:func:`~jobfirst_sim.scenario.design.design_roles`) are staffed, and FTEs given for
    another role are a problem :func:`~.checks.check_design` names. ``practice`` maps the
    names in :data:`PRACTICES` to values (``weeks_without_hours_before_switch``: ``None`` = never).
    """

    staff: Mapping[str, float]
    role_model: RoleModel
    jobformidler: bool
    colocated: bool
    practice: Mapping[str, Any] = field(default_factory=dict)

    @property
    def roles(self) -> tuple[StaffRole, ...]:
        return design_roles(self.role_model, self.jobformidler)

    def fte_total(self) -> float:
        """FTEs of the design's roles (what counts against the budget)."""
        return float(sum(self.staff.get(r.value, 0.0) for r in self.roles))

    def to_json(self) -> dict[str, Any]:
        """A plain mapping (stored by the app; :meth:`from_json` reads it back)."""
        return {"staff": {k: float(v) for k, v in self.staff.items()},
                "role_model": self.role_model.value, "jobformidler": self.jobformidler,
                "colocated": self.colocated, "practice": dict(self.practice)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TeamDesign:
        return cls(staff={str(k): float(v) for k, v in data["staff"].items()},
                   role_model=RoleModel(data["role_model"]),
                   jobformidler=bool(data["jobformidler"]), colocated=bool(data["colocated"]),
                   practice=dict(data.get("practice", {})))


def stock(card: Card) -> int:
    """Citizens on the caseload at the change: what the FTEs are sized for."""
    return int(sum(card.scenario.arm(card.arm).citizens.values()))


def start_design(card: Card) -> TeamDesign:
    """The card's own jobcentre as a team design (the form's starting values)."""
    arm = card.scenario.arm(card.arm)
    org, practice = arm.design.organisation, arm.design.practice
    ftes: Mapping[StaffRole, float] | None = org.staff
    if ftes is None:  # a card staffed by caseload: the FTEs that caseload gives
        caseload = float(org.caseload or 1)
        ftes = {r: stock(card) / caseload for r in org.roles}
    return TeamDesign(
        staff={StaffRole(r).value: round(float(v), 1) for r, v in ftes.items()},
        role_model=org.role_model, jobformidler=org.jobformidler, colocated=org.colocated,
        practice={p.name: _plain(getattr(practice, p.name)) for p in PRACTICES})


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, SocialEffort) else value


def caseloads(card: Card, design: TeamDesign) -> dict[str, float]:
    """Citizens per FTE in each of the design's roles (``inf`` for a role with no FTE)."""
    n = stock(card)
    out = {}
    for role in design.roles:
        fte = float(design.staff.get(role.value, 0.0))
        out[role.value] = n / fte if fte > 0 else math.inf
    return out




def design_changes(card: Card, design: TeamDesign) -> dict[str, Any]:
    """The team's design as a resolved ``Design`` mapping of the card's arm (organisation
    with ``staff``, no ``caseload``; the card's other settings kept)."""
    base = card.scenario.arm(card.arm).design.model_dump(mode="json")
    org = base["organisation"]
    org.update(role_model=design.role_model.value, jobformidler=design.jobformidler,
               colocated=design.colocated, caseload=None,
               staff={r.value: float(design.staff.get(r.value, 0.0)) for r in design.roles})
    base["practice"].update({k: design.practice[k] for k in (p.name for p in PRACTICES)})
    return dict(base)
