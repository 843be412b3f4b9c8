"""One citizen's story, week by week, in words (Danish and English) for the workshop.

Why its own module, and not the report's journey narrative: the decide room may not import
the report (tests/test_layering.py), and a workshop tells the story to a room of leaders,
so it picks the citizen (the first of the sampled journeys who reaches ordinary hours, so
the room hears *how* hours happen; else the first) and keeps only the turning points:
start, contact changes, placements, first hours, changes of hours, status and the end.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise
from typing import Any, Final

import pandas as pd

__all__ = ["WORDS", "pick_citizen", "story"]

WORDS: Final[Mapping[str, tuple[str, str]]] = {
    "start_stock": ("Uge {w}: {benefit}, {age} år, {years} år på offentlig forsørgelse.",
                    "Week {w}: {benefit}, aged {age}, {years} years on public support."),
    "start_inflow": ("Uge {w}: kommer ind som ny borger ({benefit}, {age} år).",
                     "Week {w}: arrives as a new citizen ({benefit}, aged {age})."),
    "cv": ("Uge {w}: CV'et er lavet.", "Week {w}: the CV is made."),
    "contact": ("Uge {w}: skifter kontaktperson (skift nr. {n}).",
                "Week {w}: changes contact person (change no. {n})."),
    "placement": ("Uge {w}: starter i virksomhedspraktik{purpose}.",
                  "Week {w}: starts a company placement{purpose}."),
    "placement_end": ("Uge {w}: praktikken slutter.", "Week {w}: the placement ends."),
    "first_hours": ("Uge {w}: første ordinære timer: {h} timer om ugen.",
                    "Week {w}: first ordinary hours: {h} hours a week."),
    "hours_change": ("Uge {w}: ordinære timer fra {a} til {b} om ugen.",
                     "Week {w}: ordinary hours from {a} to {b} a week."),
    "hours_stop": ("Uge {w}: de ordinære timer stopper.", "Week {w}: the ordinary hours stop."),
    "status": ("Uge {w}: {a} → {b}.", "Week {w}: {a} → {b}."),
    "end": ("Uge {w}: {status}, {h} ordinære timer om ugen.",
            "Week {w}: {status}, {h} ordinary hours a week."),
}
"""Sentences of a story, (Danish, English)."""

TERMS: Final[Mapping[str, tuple[str, str]]] = {
    "kontanthjaelp": ("kontanthjælp (aktivitetsparat)", "cash benefit (not job-ready)"),
    "ressourceforloeb": ("ressourceforløb", "resource programme"),
    "full_support": ("fuld forsørgelse", "full support"),
    "partial_support": ("delvis forsørgelse", "partial support"),
    "self_sufficient": ("selvforsørgende", "self-sufficient"),
    "flexjob": ("fleksjob", "flexjob"),
    "disability_pension": ("førtidspension", "disability pension"),
    "other_exit": ("anden afgang", "other exit"),
    "hours": ("ordinære timer", "ordinary hours"),
    "competence": ("kompetencer", "competences"),
    "clarify": ("afklaring", "clarification"),
    "purpose": (", formål: {p}", ", purpose: {p}"),
}


def _t(key: str, lang: int, **kw: Any) -> str:
    return WORDS[key][lang].format(**kw)


def _term(value: object, lang: int) -> str:
    pair = TERMS.get(str(value))
    return pair[lang] if pair else str(value)


def _hours(x: float, lang: int) -> str:
    text = f"{x:.0f}" if abs(x - round(x)) < 0.05 else f"{x:.1f}"
    return text.replace(".", ",") if lang == 0 else text


def pick_citizen(journeys: pd.DataFrame) -> pd.DataFrame:
    """The journey told: the first sampled citizen who reaches ordinary hours, else the first."""
    if journeys.empty:
        return journeys
    with_hours = journeys.groupby("citizen_id")["wage_hours"].max()
    ids = list(dict.fromkeys(journeys["citizen_id"]))
    chosen = next((c for c in ids if with_hours[c] > 0), ids[0])
    out: pd.DataFrame = journeys[journeys["citizen_id"] == chosen].sort_values("week")
    return out


def _lines(p: pd.DataFrame, lang: int) -> list[str]:
    rows = p.to_dict("records")
    first = rows[0]
    benefit = _term(first["benefit"], lang)
    if first.get("cohort") == "inflow":
        out = [_t("start_inflow", lang, w=int(first["week"]), benefit=benefit,
                  age=int(first["age"]))]
    else:
        out = [_t("start_stock", lang, w=int(first["week"]), benefit=benefit,
                  age=int(first["age"]), years=int(int(first["weeks_on_benefit"]) // 52))]
    for prev, row in pairwise(rows):
        w = int(row["week"])
        if row["stage"] == "cv" and prev["stage"] != "cv":
            out.append(_t("cv", lang, w=w))
        if int(row["contact_changes"]) > int(prev["contact_changes"]):
            out.append(_t("contact", lang, w=w, n=int(row["contact_changes"])))
        if bool(row["in_placement"]) and not bool(prev["in_placement"]):
            purpose = (TERMS["purpose"][lang].format(p=_term(row["placement_purpose"], lang))
                       if row.get("placement_purpose") else "")
            out.append(_t("placement", lang, w=w, purpose=purpose))
        elif bool(prev["in_placement"]) and not bool(row["in_placement"]):
            out.append(_t("placement_end", lang, w=w))
        h, hp = float(row["wage_hours"]), float(prev["wage_hours"])
        if h > 0 and hp == 0:
            out.append(_t("first_hours", lang, w=w, h=_hours(h, lang)))
        elif h == 0 and hp > 0:
            out.append(_t("hours_stop", lang, w=w))
        elif h > 0 and abs(h - hp) >= 3:
            out.append(_t("hours_change", lang, w=w, a=_hours(hp, lang), b=_hours(h, lang)))
        if row["status"] != prev["status"]:
            out.append(_t("status", lang, w=w, a=_term(prev["status"], lang),
                          b=_term(row["status"], lang)))
    last = rows[-1]
    out.append(_t("end", lang, w=int(last["week"]), status=_term(last["status"], lang),
                  h=_hours(float(last["wage_hours"]), lang)))
    return out


def story(journeys: pd.DataFrame) -> dict[str, list[str]]:
    """One citizen's story from a run's journey sample: ``{"da": [...], "en": [...]}``
    (empty lists when the sample is empty)."""
    p = pick_citizen(journeys)
    if p.empty:
        return {"da": [], "en": []}
    return {"da": _lines(p, 0), "en": _lines(p, 1)}
