"""A team's whole design against the start, as the reveal and debrief list it.

Why its own module: the room learns from what a team changed, and a list of the practices
switched on hides the rest (contact, follow-up and switch weeks, parallel or sequential
effort, FTEs per role). :func:`design_diff` names every field a team's design differs from
the card's starting jobcentre in, with both values, in the page's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jobfirst_sim import fmt
from jobfirst_sim.app.workshop.engine.cards import Lang
from jobfirst_sim.app.workshop.engine.design import PRACTICES
from jobfirst_sim.words import t

__all__ = ["design_diff", "practice_value"]

_KINDS = {p.name: p.kind for p in PRACTICES}


def practice_value(name: str, value: Any, lang: Lang) -> str:
    """A practice lever's value as a leader reads it (ja/nej, parallelt/sekventielt,
    ``4 uger``, aldrig)."""
    kind = _KINDS.get(name)
    if kind == "bool" or isinstance(value, bool):
        return t("ws_yes" if value else "ws_no", lang)
    if kind == "effort":
        return t(f"ws_{value}", lang) if value in ("parallel", "sequential") else str(value)
    if value is None or value == 0:
        return t("ws_never", lang)
    return t("ws_weeks_n", lang, n=fmt.number(float(value), lang, 0))


def design_diff(design: Mapping[str, Any], start: Mapping[str, Any],
                lang: Lang) -> list[dict[str, str]]:
    """Every field ``design`` differs from ``start`` in (both :meth:`TeamDesign.to_json`
    mappings): ``label``, ``team`` and ``start`` values, organisation first, then the FTEs
    of each role either has, then the practices in the form's order."""
    rows: list[dict[str, str]] = []

    def add(label: str, team: str, begin: str) -> None:
        rows.append({"label": label, "team": team, "start": begin})

    if design["role_model"] != start["role_model"]:
        add(t("ws_role_model", lang), t(f"ws_model_{design['role_model']}", lang),
            t(f"ws_model_{start['role_model']}", lang))
    for key, label in (("jobformidler", "ws_lever_jobformidler"),
                       ("colocated", "ws_lever_colocated")):
        if bool(design[key]) != bool(start[key]):
            add(t(label, lang), practice_value(key, bool(design[key]), lang),
                practice_value(key, bool(start[key]), lang))
    staff, begin = design.get("staff", {}), start.get("staff", {})
    for role in dict.fromkeys([*begin, *staff]):
        a, b = float(staff.get(role, 0.0)), float(begin.get(role, 0.0))
        if round(a, 1) != round(b, 1):
            add(t("ws_fte_of", lang, role=t(f"ws_staff_{role}", lang)),
                fmt.number(a, lang, 1), fmt.number(b, lang, 1))
    mine, theirs = design.get("practice", {}), start.get("practice", {})
    for p in PRACTICES:
        if p.name in mine and mine.get(p.name) != theirs.get(p.name):
            add(p.label(lang), practice_value(p.name, mine[p.name], lang),
                practice_value(p.name, theirs.get(p.name), lang))
    return rows
