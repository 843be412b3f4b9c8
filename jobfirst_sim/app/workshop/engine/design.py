"""A team's design: the choices a jobcentre leader makes, and what they come to.

Why its own module: in a teaching workshop (docs/workshop.md) a team of jobcentre leaders
designs a jobcentre within a staff budget, in plain choices a leader can reason about: FTEs
per role, the role model, jobformidlere yes/no, co-location and the method's practices
(:data:`PRACTICES`, each with a one-line explanation from the method guide [M §2-§5]).
Everything else (the professional's hours, turnover, referral delay) stays as on the card
(:mod:`.cards`). What is wrong with a design is :mod:`.checks`; running it is :mod:`.run`.
The words a leader reads (labels, reasons, role names) are in the catalog
(``words/workshop.yaml``), so a translator edits them without reading Python.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from jobfirst_sim.app.workshop.engine.cards import Card, Lang
from jobfirst_sim.domain import StaffRole
from jobfirst_sim.scenario.design import RoleModel, SocialEffort, design_roles
from jobfirst_sim.words import t

__all__ = ["PRACTICES", "PracticeChoice", "TeamDesign", "caseloads", "design_changes",
           "organisation_text", "role_label", "start_design", "stock"]

@dataclass(frozen=True)
class PracticeChoice:
    """One practice lever of :class:`~jobfirst_sim.scenario.design.Practice` a team sets.

    ``kind`` says which control fits: ``bool`` (yes/no), ``effort`` (parallel/sequential),
    ``weeks`` (a whole number in ``low``-``high``) or ``switch`` (weeks, or never). Its words
    are in the catalog (``ws_practice_<name>`` and ``ws_practice_<name>_why``).
    """

    name: str
    kind: Literal["bool", "effort", "weeks", "switch"]
    low: int = 1
    high: int = 52

    def label(self, lang: Lang) -> str:
        """The lever as a leader names it."""
        return t(f"ws_practice_{self.name}", lang)

    def explanation(self, lang: Lang) -> str:
        """The method guide's reason for the lever, with its section [M §n]."""
        return t(f"ws_practice_{self.name}_why", lang)


PRACTICES: Final[tuple[PracticeChoice, ...]] = (
    PracticeChoice("hours_dialogue_from_start", "bool"),
    PracticeChoice("cv_at_start", "bool"),
    PracticeChoice("social_effort", "effort"),
    PracticeChoice("purpose_explicit", "bool"),
    PracticeChoice("work_agreement", "bool"),
    PracticeChoice("company_contact_required", "bool"),
    PracticeChoice("contact_interval_weeks", "weeks", 1, 26),
    PracticeChoice("followup_interval_weeks", "weeks", 1, 52),
    PracticeChoice("weeks_without_hours_before_switch", "switch", 1, 104),
    PracticeChoice("aftercare_lifeline", "bool"),
    PracticeChoice("production_steering", "bool"),
)
"""The practice levers a team sets, with the method guide's reason for each."""


def role_label(role: StaffRole, lang: Lang) -> str:
    """A staff role as a leader names it (catalog key ``ws_staff_<role>``)."""
    return t(f"ws_staff_{role.value}", lang)


def organisation_text(choice: str, lang: Lang) -> str:
    """Why an organisation choice (``role_model``, ``jobformidler``, ``colocated``) matters,
    from the method guide (catalog key ``ws_org_<choice>``)."""
    return t(f"ws_org_{choice}", lang)


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
