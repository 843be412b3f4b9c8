"""Reading the workshop's forms on the server: every field checked, problems in words.

Why its own module: a browser can send anything (an edited form, a script), so nothing a
page shows is trusted. A team's design form becomes a
:class:`~jobfirst_sim.app.workshop.engine.design.TeamDesign` only through
:func:`read_design`, which turns each unreadable field into a sentence; the design's own
problems (budget, caseload, roles) are
:func:`~jobfirst_sim.app.workshop.engine.checks.check_design`'s.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from typing import Any, Final

from jobfirst_sim.app.workshop.engine.cards import Lang
from jobfirst_sim.app.workshop.engine.design import PRACTICES, TeamDesign
from jobfirst_sim.domain import StaffRole
from jobfirst_sim.report.labels import t
from jobfirst_sim.scenario.design import RoleModel

__all__ = ["NAME_MAX", "read_design", "read_number", "read_prediction", "read_team_name"]

NAME_MAX: Final = 40
"""Longest team name (characters): it must fit a column on the projector."""

COST_MAX: Final = 10_000.0
"""Largest net cost a team may predict (million DKK): far above any card's ~100."""


def read_number(raw: str | None, low: float, high: float) -> float | None:
    """A number typed by a person (``12,5`` or ``12.5``) within ``[low, high]``, else None."""
    if raw is None:
        return None
    text = raw.strip().replace(" ", "").replace(",", ".")
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


def read_design(form: Mapping[str, str], lang: Lang) -> tuple[TeamDesign | None, list[str]]:
    """The design form as a :class:`TeamDesign`, or the fields it could not read."""
    problems: list[str] = []
    staff: dict[str, float] = {}
    for role in StaffRole:
        value = read_number(form.get(f"fte_{role.value}", "0"), 0.0, 1000.0)
        if value is None:
            problems.append(t("ws_bad_fte", lang, role=t(role.value, lang)))
        else:
            staff[role.value] = round(value, 2)
    model = form.get("role_model", "")
    if model not in {m.value for m in RoleModel}:
        problems.append(t("ws_bad_choice", lang, name=t("ws_role_model", lang)))
    flags = {}
    for name in ("jobformidler", "colocated"):
        v = form.get(name, "")
        if v not in ("yes", "no"):
            problems.append(t("ws_bad_choice", lang, name=t(f"ws_{name}", lang)))
        flags[name] = v == "yes"
    practice: dict[str, Any] = {}
    for p in PRACTICES:
        raw = form.get(f"p_{p.name}", "")
        if p.kind == "bool":
            if raw not in ("yes", "no"):
                problems.append(t("ws_bad_choice", lang, name=p.label(lang)))
            practice[p.name] = raw == "yes"
        elif p.kind == "effort":
            practice[p.name] = raw  # check_design names a value outside the options
        else:
            number = read_number(raw, 0, 1000)
            whole = number is not None and number == int(number)
            if not whole:
                problems.append(t("ws_bad_weeks", lang, name=p.label(lang)))
                continue
            weeks = int(number or 0)
            practice[p.name] = None if (p.kind == "switch" and weeks == 0) else weeks
    if problems:
        return None, problems
    return TeamDesign(staff=staff, role_model=RoleModel(model),
                      jobformidler=flags["jobformidler"], colocated=flags["colocated"],
                      practice=practice), []


def read_prediction(form: Mapping[str, str], lang: Lang
                    ) -> tuple[tuple[float, float] | None, list[str]]:
    """The prediction: share with ordinary hours at 78 weeks (per cent, 0-100) and net
    public cost over the 78 weeks (million DKK, 0-10,000)."""
    share = read_number(form.get("hours_share"), 0.0, 100.0)
    cost = read_number(form.get("net_cost"), 0.0, COST_MAX)
    problems = []
    if share is None:
        problems.append(t("ws_bad_share", lang))
    if cost is None:
        problems.append(t("ws_bad_cost", lang, high=int(COST_MAX)))
    if share is None or cost is None:
        return None, problems
    return (share / 100.0, cost * 1e6), []
