"""What is wrong with a team's design, in words, before anything runs.

Why before running: a leader must be told, in a sentence in the room's language, when a
design is over budget or cannot work (a role without FTEs, a caseload no professional could
carry, jobformidlere outside makkerskab, a practice value off the scale) — and a run of a
design that cannot work would only teach noise. The web app shows these sentences on the
form (HTTP 422), and :func:`~.run.run_team` refuses a design that has any.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Final

from jobfirst_sim import fmt
from jobfirst_sim.app.workshop.engine.cards import Card, Lang
from jobfirst_sim.app.workshop.engine.design import (
    PRACTICES,
    ROLE_LABELS,
    TeamDesign,
    caseloads,
)
from jobfirst_sim.domain import StaffRole
from jobfirst_sim.scenario.design import RoleModel, SocialEffort

__all__ = ["CASELOAD_RANGE", "MAX_FTE", "PROBLEMS", "check_design"]

CASELOAD_RANGE: Final = (5.0, 250.0)
"""Citizens per full-time professional a design may give (citizens/FTE). Below 5 nobody is
that generously staffed; above 250 a professional could not see each citizen even once in a
quarter (37 h a week at 0.75 h a contact is ~49 contacts a week). Plausible bounds."""

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
            out.append(words["fte_range"].format(role=label, high=fmt.number(MAX_FTE, lang, 1)))
    if out:
        return out
    if design.jobformidler and design.role_model is RoleModel.bum:
        out.append(words["jobformidler_bum"])
        return out + _practice_problems(design, lang)
    used = design.fte_total()
    if used > limit + 1e-9:
        out.append(words["over_budget"].format(
            used=fmt.number(used, lang, 1), budget=fmt.number(limit, lang, 1),
            over=fmt.number(used - limit, lang, 1)))
    for role in StaffRole:
        fte = float(design.staff.get(role.value, 0.0))
        if role not in design.roles and fte > 0:
            out.append(words["not_in_design"].format(role=ROLE_LABELS[role][lang],
                                                     fte=fmt.number(fte, lang, 1)))
    low, high = CASELOAD_RANGE
    for role_name, load in caseloads(card, design).items():
        label = ROLE_LABELS[StaffRole(role_name)][lang]
        if math.isinf(load):
            out.append(words["no_fte"].format(role=label))
        elif load > high:
            out.append(words["caseload_high"].format(role=label, load=fmt.number(load, lang, 1),
                                                     high=int(high)))
        elif load < low:
            out.append(words["caseload_low"].format(role=label, load=fmt.number(load, lang, 1),
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


