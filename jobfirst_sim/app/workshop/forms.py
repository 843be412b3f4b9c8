"""Reading the workshop's forms on the server: every field checked, problems in words.

Why its own module: a browser can send anything (an edited form, a script), so nothing a
page shows is trusted. A team's design form becomes a
:class:`~jobfirst_sim.app.workshop.engine.design.TeamDesign` only through
:func:`read_design`, which turns each unreadable field into a sentence; the design's own
problems (budget, caseload, roles) are
:func:`~jobfirst_sim.app.workshop.engine.checks.check_design`'s.

Nothing typed is lost on a problem: :func:`design_problems` names the field of each
sentence (the page marks it and puts the sentence next to it) and :func:`typed_fields`
keeps every value as typed, so the form comes back as the team left it, typo included.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from typing import Any, Final

from jobfirst_sim import fmt
from jobfirst_sim.app.workshop.engine.cards import Lang
from jobfirst_sim.app.workshop.engine.design import PRACTICES, TeamDesign
from jobfirst_sim.domain import StaffRole
from jobfirst_sim.report.labels import t
from jobfirst_sim.scenario.design import RoleModel

__all__ = ["DESIGN_STEPS", "NAME_MAX", "changed_fields", "design_fields", "design_problems",
           "fte_sum", "prediction_problems", "read_design", "read_number", "read_prediction",
           "read_team_name", "step_changes", "typed_fields"]

NAME_MAX: Final = 40
"""Longest team name (characters): it must fit a column on the projector."""

COST_MAX: Final = 10_000.0
"""Largest net cost a team may predict (million DKK): far above any card's ~100."""


def _units(key: str) -> tuple[str, ...]:
    """The units of a catalog entry in both languages, longest first (so "mio.kr." is
    tried before "kr.")."""
    words = {w for lang in ("da", "en") for w in t(key, lang).split()}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


SHARE_UNITS: Final = _units("ws_units_share")
"""What may follow a share a person types ("30 %", "30%", "30 pct.")."""
COST_UNITS: Final = _units("ws_units_cost")
"""What may follow a cost in million kroner ("108 mio. kr.", "108 mio", "108 kr.")."""


def read_number(raw: str | None, low: float, high: float,
                units: tuple[str, ...] = ()) -> float | None:
    """A number typed by a person (``12,5`` or ``12.5``, with a unit from ``units`` after
    it if given) within ``[low, high]``, else None."""
    if raw is None:
        return None
    text = raw.strip().replace(" ", "").replace("\u00a0", "").replace(",", ".").lower()
    for unit in units:  # the longest first: "mio.kr." before "kr."
        if text.endswith(unit):
            text = text[: -len(unit)]
            break
    if not text or len(text) > 20:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and low <= value <= high else None


def read_team_name(raw: str | None, lang: Lang) -> tuple[str | None, list[str]]:
    """A team name: 1-40 printable characters, spaces collapsed."""
    name = " ".join((raw or "").split())
    if not name or len(name) > NAME_MAX or any(
            unicodedata.category(ch).startswith("C") for ch in name):
        return None, [t("ws_bad_name", lang, n=NAME_MAX)]
    return name, []


DESIGN_FIELDS: Final = (*(f"fte_{r.value}" for r in StaffRole), "role_model", "jobformidler",
                        "colocated", *(f"p_{p.name}" for p in PRACTICES))
"""The design form's fields, by their names in the form."""
DESIGN_STEPS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("organisation", ("role_model", "jobformidler", "colocated")),
    ("staff", tuple(f"fte_{r.value}" for r in StaffRole)),
    ("practice", tuple(f"p_{p.name}" for p in PRACTICES)),
)
"""The design form's three steps (issue 24 §5: organisation → staff → practices), each with
its fields: a leader decides how the jobcentre is organised, then who staffs it, then how
they work, and each step can be checked against the start on its own."""
TYPED_MAX: Final = 40
"""Longest value kept as typed (a field is short; a pasted novel is cut, not echoed)."""


def typed_fields(form: Mapping[str, str]) -> dict[str, str]:
    """The design form's values as typed (cut at :data:`TYPED_MAX`), to show them again."""
    return {name: str(form.get(name, ""))[:TYPED_MAX] for name in DESIGN_FIELDS}


def design_fields(design: TeamDesign, lang: Lang) -> dict[str, str]:
    """A stored (or starting) design as the form's values, numbers in the page's language
    (two decimals only where a value has them: ``4,4``, ``2,25``)."""
    out = {"role_model": design.role_model.value,
           "jobformidler": "yes" if design.jobformidler else "no",
           "colocated": "yes" if design.colocated else "no"}
    for role in StaffRole:
        fte = float(design.staff.get(role.value, 0.0))
        out[f"fte_{role.value}"] = fmt.number(fte, lang, 1 if round(fte, 1) == fte else 2)
    for p in PRACTICES:
        v = design.practice.get(p.name)
        out[f"p_{p.name}"] = ("yes" if v else "no") if p.kind == "bool" else \
            ("0" if v is None else str(v))
    return out


def _comparable(name: str, value: str) -> str | float | None:
    """A form value as compared with the start's: a number field's number (``4,40`` is the
    start's ``4,4``), a choice as sent; None for a number that does not read."""
    if name.startswith("fte_") or (name.startswith("p_") and name != "p_social_effort"
                                   and not _is_bool(name)):
        return read_number(value, 0.0, math.inf)
    return value


def _is_bool(name: str) -> bool:
    return any(f"p_{p.name}" == name and p.kind == "bool" for p in PRACTICES)


def changed_fields(form: Mapping[str, str], start: Mapping[str, str]) -> list[str]:
    """The design fields whose value in ``form`` differs from the start's (``start``, the
    card's :func:`design_fields`), in the form's order: what the page marks "changed from
    the start". An unreadable number differs from any start."""
    out = []
    for name in DESIGN_FIELDS:
        mine = _comparable(name, str(form.get(name, "")))
        if mine is None or mine != _comparable(name, str(start.get(name, ""))):
            out.append(name)
    return out


def step_changes(changed: list[str]) -> dict[str, int]:
    """How many fields of each of :data:`DESIGN_STEPS` are changed from the start."""
    return {step: sum(name in changed for name in names) for step, names in DESIGN_STEPS}


def fte_sum(form: Mapping[str, str]) -> float:
    """The FTEs of every role's field as typed (an unreadable or empty field counts 0): what
    the budget counter shows, so that every FTE field moves it. FTEs in a role the design
    does not have are a problem the check names; they are counted so that the counter says
    what the team has typed."""
    return float(sum(read_number(form.get(f"fte_{r.value}") or "0", 0.0, 1000.0) or 0.0
                     for r in StaffRole))


def design_problems(form: Mapping[str, str], lang: Lang
                    ) -> tuple[TeamDesign | None, dict[str, str]]:
    """The design form as a :class:`TeamDesign`, or each unreadable field's sentence by
    the field's name."""
    problems: dict[str, str] = {}
    staff: dict[str, float] = {}
    for role in StaffRole:
        value = read_number(form.get(f"fte_{role.value}", "0"), 0.0, 1000.0)
        if value is None:
            problems[f"fte_{role.value}"] = t("ws_bad_fte", lang, role=t(role.value, lang))
        else:
            staff[role.value] = round(value, 2)
    model = form.get("role_model", "")
    if model not in {m.value for m in RoleModel}:
        problems["role_model"] = t("ws_bad_choice", lang, name=t("ws_role_model", lang))
    flags = {}
    for name in ("jobformidler", "colocated"):
        v = form.get(name, "")
        if v not in ("yes", "no"):
            problems[name] = t("ws_bad_choice", lang, name=t(f"ws_{name}", lang))
        flags[name] = v == "yes"
    practice: dict[str, Any] = {}
    for p in PRACTICES:
        raw = form.get(f"p_{p.name}", "")
        if p.kind == "bool":
            if raw not in ("yes", "no"):
                problems[f"p_{p.name}"] = t("ws_bad_choice", lang, name=p.label(lang))
            practice[p.name] = raw == "yes"
        elif p.kind == "effort":
            practice[p.name] = raw  # check_design names a value outside the options
        else:
            number = read_number(raw, 0, 1000)
            whole = number is not None and number == int(number)
            if not whole:
                problems[f"p_{p.name}"] = t("ws_bad_weeks", lang, name=p.label(lang))
                continue
            weeks = int(number or 0)
            practice[p.name] = None if (p.kind == "switch" and weeks == 0) else weeks
    if problems:
        return None, problems
    return TeamDesign(staff=staff, role_model=RoleModel(model),
                      jobformidler=flags["jobformidler"], colocated=flags["colocated"],
                      practice=practice), {}


def read_design(form: Mapping[str, str], lang: Lang) -> tuple[TeamDesign | None, list[str]]:
    """The design form as a :class:`TeamDesign`, or the fields it could not read."""
    design, problems = design_problems(form, lang)
    return design, list(problems.values())


def prediction_problems(form: Mapping[str, str], lang: Lang
                        ) -> tuple[tuple[float, float] | None, dict[str, str]]:
    """The prediction: share with ordinary hours at 78 weeks (per cent, 0-100) and net
    public cost over the 78 weeks (million DKK, 0-10,000); else each field's sentence."""
    share = read_number(form.get("hours_share"), 0.0, 100.0, SHARE_UNITS)
    cost = read_number(form.get("net_cost"), 0.0, COST_MAX, COST_UNITS)
    problems = {}
    if share is None:
        problems["hours_share"] = t("ws_bad_share", lang)
    if cost is None:
        problems["net_cost"] = t("ws_bad_cost", lang, high=int(COST_MAX))
    if share is None or cost is None:
        return None, problems
    return (share / 100.0, cost * 1e6), {}


def read_prediction(form: Mapping[str, str], lang: Lang
                    ) -> tuple[tuple[float, float] | None, list[str]]:
    """:func:`prediction_problems` with the sentences as a list."""
    value, problems = prediction_problems(form, lang)
    return value, list(problems.values())
