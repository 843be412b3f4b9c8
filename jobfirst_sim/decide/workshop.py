"""Workshop mode's engine, part one: scenario cards, a team's design, and what is wrong with it.

Why its own module: in a teaching workshop (docs/workshop.md) a team of jobcentre leaders
designs a jobcentre within a staff budget, in plain choices, and must be told in words —
before anything runs — when the design is over budget or cannot work. That vocabulary
(cards, a :class:`TeamDesign`, :func:`check_design`) is pure computation shared by the web
app (:mod:`jobfirst_sim.app.workshop`), the tests and the benchmark; running a design is
:mod:`jobfirst_sim.decide.workshop_run`.

* A **card** is a small jobcentre in calendar time (``scenarios/workshop/*.yaml``, each a
  valid scenario with one arm, the starting jobcentre) plus what the facilitator reads:
  a title and a one-line lesson in Danish and English and a default FTE budget
  (:data:`CARDS`). The texts live here, not in the YAML, because every file under
  ``scenarios/`` must be a scenario that ``jobfirst validate`` accepts.
* A **team design** is what a leader can reason about: FTEs per role, the role model,
  jobformidlere yes/no, co-location and the method's practices (:data:`PRACTICES`, each
  with a one-line explanation from the method guide [M §2-§5]). Everything else (the
  professional's hours, turnover, referral delay) stays as on the card.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Final, Literal

from jobfirst_sim.scenario.design import RoleModel, SocialEffort, StaffRole, design_roles
from jobfirst_sim.scenario.loader import load_scenario
from jobfirst_sim.scenario.schema import Scenario

__all__ = [
    "CARDS",
    "CASELOAD_RANGE",
    "LANGS",
    "ORGANISATION_TEXT",
    "PRACTICES",
    "ROLE_LABELS",
    "Card",
    "CardInfo",
    "Lang",
    "PracticeChoice",
    "TeamDesign",
    "WorkshopError",
    "card_info",
    "caseloads",
    "check_design",
    "design_changes",
    "load_card",
    "start_design",
    "stock",
]

Lang = Literal["da", "en"]
LANGS: Final[tuple[Lang, ...]] = ("da", "en")

CARD_DIR: Final = Path(__file__).resolve().parents[2] / "scenarios" / "workshop"
"""Where the cards' scenario files live (a source checkout; docs/workshop.md)."""

CASELOAD_RANGE: Final = (5.0, 250.0)
"""Citizens per full-time professional a design may give (citizens/FTE). Below 5 nobody is
that generously staffed; above 250 a professional could not see each citizen even once in a
quarter (37 h a week at 0.75 h a contact is ~49 contacts a week). Plausible bounds."""


class WorkshopError(ValueError):
    """A card or design request that cannot be used, in plain words."""


@dataclass(frozen=True)
class CardInfo:
    """What the facilitator reads about a card (scenario: ``scenarios/workshop/<key>.yaml``)."""

    key: str
    title: Mapping[Lang, str]
    lesson: Mapping[Lang, str]
    fte_budget: float
    """Default staff budget (FTE) for the teams; the facilitator may change it."""


CARDS: Final[tuple[CardInfo, ...]] = (
    CardInfo(
        "bum70_readiness_first",
        {"da": "Traditionel BUM, sagsstamme 70, parathed først",
         "en": "Traditional BUM, caseload 70, readiness first"},
        {"da": "Organisering og praksis flytter mere end blot flere hænder.",
         "en": "Organisation and practice move more than extra hands alone."},
        9.0),
    CardInfo(
        "jobformidlere_apart",
        {"da": "Jobformidlere, men hver for sig og med halv metode",
         "en": "Jobformidlere, but apart and with half the method"},
        {"da": "En ny rolle virker først, når praksis og samarbejde følger med.",
         "en": "A new role only works when practice and partnership come with it."},
        12.0),
    CardInfo(
        "jobfirst_trial_design",
        {"da": "Forsøgets JobFirst-design — og en besparelse",
         "en": "The trial's JobFirst design — and a budget cut"},
        {"da": "Hvor en besparelse rammer, betyder mere end hvor stor den er.",
         "en": "Where a cut falls matters more than how large it is."},
        14.0),
)
"""The workshop's cards, in the order the facilitator sees them (docs/workshop.md says which
card fits which lesson)."""


@dataclass(frozen=True)
class Card:
    """A card ready to use: its texts, its scenario and the name of its one arm."""

    info: CardInfo
    scenario: Scenario
    arm: str

    @property
    def key(self) -> str:
        return self.info.key


def card_info(key: str) -> CardInfo:
    """The card called ``key`` (:class:`WorkshopError` naming the cards there are)."""
    for info in CARDS:
        if info.key == key:
            return info
    raise WorkshopError(f"no workshop card {key!r}; the cards are "
                        f"{', '.join(c.key for c in CARDS)}")


@cache
def load_card(key: str, folder: Path = CARD_DIR) -> Card:
    """Load a card's scenario (cached: cards are read-only).

    Raises:
        WorkshopError: an unknown card, or a scenario file with more or fewer than one arm.
        ScenarioError: the scenario file does not validate (names file and field).
    """
    info = card_info(key)
    path = folder / f"{key}.yaml"
    if not path.is_file():
        raise WorkshopError(f"workshop card {key!r}: its scenario file {path} is missing")
    scenario = load_scenario(path)
    if len(scenario.arms) != 1 or scenario.calendar is None:
        raise WorkshopError(f"{path}: a workshop card is one jobcentre in calendar time "
                            "(one arm and a calendar: section)")
    return Card(info, scenario, scenario.arms[0].name)


# ------------------------------------------------------------------ the team's choices


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
    another role are a problem :func:`check_design` names. ``practice`` maps the names in
    :data:`PRACTICES` to values (``weeks_without_hours_before_switch``: ``None`` = never).
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


# ------------------------------------------------------------------ checking


PROBLEMS: Final[Mapping[str, Mapping[Lang, str]]] = {
    "over_budget": {
        "da": "Designet bruger {used} årsværk, men budgettet er {budget}: fjern {over} "
              "årsværk.",
        "en": "The design uses {used} FTE but the budget is {budget}: remove {over} FTE."},
    "no_fte": {
        "da": "{role} har 0 årsværk, men designet har brug for dem.",
        "en": "{role} have 0 FTE, but the design needs them."},
    "not_in_design": {
        "da": "{role} har {fte} årsværk, men findes ikke i dette design: sæt dem til 0 "
              "eller vælg et design med dem.",
        "en": "{role} have {fte} FTE but are not part of this design: set them to 0 or "
              "choose a design that has them."},
    "caseload_high": {
        "da": "{role}: {load} borgere pr. årsværk er umuligt (højst {high}); giv flere "
              "årsværk.",
        "en": "{role}: {load} citizens per FTE is impossible (at most {high}); give more "
              "FTE."},
    "caseload_low": {
        "da": "{role}: {load} borgere pr. årsværk er under {low}; flyt årsværk til en anden "
              "rolle.",
        "en": "{role}: {load} citizens per FTE is below {low}; move FTE to another role."},
    "fte_range": {
        "da": "{role}: årsværk skal være et tal mellem 0 og {high}.",
        "en": "{role}: FTE must be a number between 0 and {high}."},
    "jobformidler_bum": {
        "da": "Jobformidlere kræver makkerskab: i BUM er konsulent og mentor separate "
              "enheder. Vælg makkerskab eller fravælg jobformidlere.",
        "en": "Jobformidlere need makkerskab: in BUM the consultant and mentor are "
              "separate units. Choose makkerskab or no jobformidlere."},
    "practice_missing": {
        "da": "Vælg en værdi for: {name}.",
        "en": "Choose a value for: {name}."},
    "practice_range": {
        "da": "{name}: vælg et helt tal mellem {low} og {high}.",
        "en": "{name}: choose a whole number between {low} and {high}."},
    "switch_range": {
        "da": "{name}: vælg 0 (aldrig) eller et helt tal mellem {low} og {high}.",
        "en": "{name}: choose 0 (never) or a whole number between {low} and {high}."},
    "practice_choice": {
        "da": "{name}: vælg ja/nej eller en af valgmulighederne.",
        "en": "{name}: choose yes/no or one of the options."},
    "unknown_practice": {
        "da": "Ukendt valg: {name}.",
        "en": "Unknown choice: {name}."},
}
"""Problem sentences of :func:`check_design`, Danish and English."""

MAX_FTE: Final = 1000.0
"""Largest FTE one role may get in a workshop (far above any card's budget)."""


def _num(value: float, lang: Lang) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "da" else text


def check_design(card: Card, design: TeamDesign, lang: Lang = "da",
                 budget: float | None = None) -> list[str]:
    """What is wrong with ``design`` for ``card``, in words ([] when it can be run).

    Checks the budget (the card's, or ``budget`` as the facilitator set it), that every
    role the design needs has FTEs and no other role has, the caseload each role gets
    (:data:`CASELOAD_RANGE`), jobformidlere only in makkerskab, and every practice value.
    """
    words = {k: v[lang] for k, v in PROBLEMS.items()}
    out: list[str] = []
    limit = card.info.fte_budget if budget is None else budget
    for role_name, fte in design.staff.items():
        role = StaffRole(role_name) if role_name in StaffRole.__members__ else None
        label = ROLE_LABELS[role][lang] if role else role_name
        if not (isinstance(fte, float | int) and math.isfinite(fte) and 0 <= fte <= MAX_FTE):
            out.append(words["fte_range"].format(role=label, high=_num(MAX_FTE, lang)))
    if out:
        return out
    if design.jobformidler and design.role_model is RoleModel.bum:
        out.append(words["jobformidler_bum"])
        return out + _practice_problems(design, lang)
    used = design.fte_total()
    if used > limit + 1e-9:
        out.append(words["over_budget"].format(used=_num(used, lang), budget=_num(limit, lang),
                                               over=_num(used - limit, lang)))
    for role in StaffRole:
        fte = float(design.staff.get(role.value, 0.0))
        if role not in design.roles and fte > 0:
            out.append(words["not_in_design"].format(role=ROLE_LABELS[role][lang],
                                                     fte=_num(fte, lang)))
    low, high = CASELOAD_RANGE
    for role_name, load in caseloads(card, design).items():
        label = ROLE_LABELS[StaffRole(role_name)][lang]
        if math.isinf(load):
            out.append(words["no_fte"].format(role=label))
        elif load > high:
            out.append(words["caseload_high"].format(role=label, load=_num(load, lang),
                                                     high=int(high)))
        elif load < low:
            out.append(words["caseload_low"].format(role=label, load=_num(load, lang),
                                                    low=int(low)))
    return out + _practice_problems(design, lang)


def _practice_problems(design: TeamDesign, lang: Lang) -> list[str]:
    words = {k: v[lang] for k, v in PROBLEMS.items()}
    known = {p.name for p in PRACTICES}
    out = [words["unknown_practice"].format(name=k) for k in design.practice if k not in known]
    for p in PRACTICES:
        name = p.label[lang]
        if p.name not in design.practice:
            out.append(words["practice_missing"].format(name=name))
            continue
        v = design.practice[p.name]
        efforts = {e.value for e in SocialEffort}
        if (p.kind == "bool" and not isinstance(v, bool)) or (
                p.kind == "effort" and v not in efforts):
            out.append(words["practice_choice"].format(name=name))
        elif p.kind == "weeks" and not (_whole(v) and p.low <= v <= p.high):
            out.append(words["practice_range"].format(name=name, low=p.low, high=p.high))
        elif p.kind == "switch" and not (v is None or (_whole(v) and p.low <= v <= p.high)):
            out.append(words["switch_range"].format(name=name, low=p.low, high=p.high))
    return out


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


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
