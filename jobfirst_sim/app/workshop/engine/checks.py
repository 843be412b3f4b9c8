"""What is wrong with a team's design, in words, before anything runs.

Why before running: a leader must be told, in a sentence in the room's language, when a
design is over budget or cannot work (a role without FTEs, a caseload no professional could
carry, jobformidlere outside makkerskab, a practice value off the scale) — and a run of a
design that cannot work would only teach noise. The web app shows these sentences on the
form (HTTP 422), and :func:`~.run.run_team` refuses a design that has any.
"""

from __future__ import annotations

import math
from typing import Any, Final

from jobfirst_sim import fmt
from jobfirst_sim.app.workshop.engine.cards import Card, Lang
from jobfirst_sim.app.workshop.engine.design import PRACTICES, TeamDesign, caseloads, role_label
from jobfirst_sim.domain import StaffRole
from jobfirst_sim.scenario.bounds import CASELOAD_PLAUSIBLE
from jobfirst_sim.scenario.design import RoleModel, SocialEffort
from jobfirst_sim.words import t

__all__ = ["MAX_FTE", "check_design", "problem"]

MAX_FTE: Final = 1000.0
"""Largest FTE one role may get in a workshop (far above any card's budget)."""


def problem(kind: str, lang: Lang, **values: object) -> str:
    """One problem sentence of :func:`check_design` in the room's language (catalog key
    ``ws_problem_<kind>``, e.g. ``over_budget``), its placeholders filled from ``values``."""
    return t(f"ws_problem_{kind}", lang, **values)


def check_design(card: Card, design: TeamDesign, lang: Lang = "da",
                 budget: float | None = None) -> list[str]:
    """What is wrong with ``design`` for ``card``, in words ([] when it can be run).

    Checks the budget (the card's, or ``budget`` as the facilitator set it), that every
    role the design needs has FTEs and no other role has, the caseload each role gets
    (:data:`~jobfirst_sim.scenario.bounds.CASELOAD_PLAUSIBLE`, the bound every scenario is
    warned by), jobformidlere only in makkerskab, and every practice value.
    """
    out: list[str] = []
    limit = card.info.fte_budget if budget is None else budget
    for role_name, fte in design.staff.items():
        role = StaffRole(role_name) if role_name in StaffRole.__members__ else None
        label = role_label(role, lang) if role else role_name
        if not (isinstance(fte, float | int) and math.isfinite(fte) and 0 <= fte <= MAX_FTE):
            out.append(problem("fte_range", lang, role=label, high=fmt.number(MAX_FTE, lang, 1)))
    if out:
        return out
    if design.jobformidler and design.role_model is RoleModel.bum:
        out.append(problem("jobformidler_bum", lang))
        return out + _practice_problems(design, lang)
    used = design.fte_total()
    if used > limit + 1e-9:
        out.append(problem("over_budget", lang, used=fmt.number(used, lang, 1),
                           budget=fmt.number(limit, lang, 1),
                           over=fmt.number(used - limit, lang, 1)))
    for role in StaffRole:
        fte = float(design.staff.get(role.value, 0.0))
        if role not in design.roles and fte > 0:
            out.append(problem("not_in_design", lang, role=role_label(role, lang),
                               fte=fmt.number(fte, lang, 1)))
    low, high = CASELOAD_PLAUSIBLE
    for role_name, load in caseloads(card, design).items():
        label = role_label(StaffRole(role_name), lang)
        if math.isinf(load):
            out.append(problem("no_fte", lang, role=label))
        elif load > high:
            out.append(problem("caseload_high", lang, role=label,
                               load=fmt.number(load, lang, 1), high=int(high)))
        elif load < low:
            out.append(problem("caseload_low", lang, role=label,
                               load=fmt.number(load, lang, 1), low=int(low)))
    return out + _practice_problems(design, lang)


def _practice_problems(design: TeamDesign, lang: Lang) -> list[str]:
    known = {p.name for p in PRACTICES}
    out = [problem("unknown_practice", lang, name=k) for k in design.practice if k not in known]
    for p in PRACTICES:
        name = p.label(lang)
        if p.name not in design.practice:
            out.append(problem("practice_missing", lang, name=name))
            continue
        v = design.practice[p.name]
        efforts = {e.value for e in SocialEffort}
        if (p.kind == "bool" and not isinstance(v, bool)) or (
                p.kind == "effort" and v not in efforts):
            out.append(problem("practice_choice", lang, name=name))
        elif p.kind == "weeks" and not (_whole(v) and p.low <= v <= p.high):
            out.append(problem("practice_range", lang, name=name, low=p.low, high=p.high))
        elif p.kind == "switch" and not (v is None or (_whole(v) and p.low <= v <= p.high)):
            out.append(problem("switch_range", lang, name=name, low=p.low, high=p.high))
    return out


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


