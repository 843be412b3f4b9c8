"""Numbers and names of a team's result as the pages say them (Danish or English).

Why its own module: the team page, the reveal and the debrief show the same result; one
place decides how a share, a sum in kroner, an interval and a lever are written (each
number through the one formatter, :mod:`jobfirst_sim.fmt`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import pandas as pd

from jobfirst_sim import fmt
from jobfirst_sim.app.workshop.engine.cards import Lang
from jobfirst_sim.app.workshop.engine.design import PRACTICES
from jobfirst_sim.report.figures.people import journey_events
from jobfirst_sim.report.labels import t

__all__ = ["case_rows", "holds", "interval", "interval_note", "kroner", "lever_label",
           "lever_value", "levers_note", "points", "share", "story"]

PRACTICE_LABELS: Final = {p.name: p.label for p in PRACTICES}
"""Each practice lever's name -> its label in a language (``PRACTICE_LABELS[name](lang)``)."""


def share(x: float | None, lang: Lang) -> str:
    """A share as per cent (``12,3 %``)."""
    return "–" if x is None else fmt.percent(x, lang, 1)


def points(x: float | None, lang: Lang) -> str:
    """A difference of shares in percentage points, signed."""
    if x is None:
        return "–"
    return fmt.points(x, lang, 1)


def kroner(x: float | None, lang: Lang, signed: bool = False) -> str:
    """Kroner in millions (``108,2 mio. kr.``)."""
    if x is None:
        return "–"
    return fmt.kroner(x, lang, 1, compact=True, signed=signed)


def interval(v: Mapping[str, Any], lang: Lang, kind: str) -> str:
    """``low – high`` of an interval in the unit of ``kind`` (share, points, kroner)."""
    write = {"share": share, "points": points, "kroner": kroner}[kind]
    if v.get("low") is None or v.get("high") is None:
        return t("ws_no_interval", lang)
    return f"{write(v['low'], lang)} – {write(v['high'], lang)}"


def lever_label(name: str, lang: Lang) -> str:
    """A lever's name in the leader's words."""
    if name in PRACTICE_LABELS:
        return PRACTICE_LABELS[name](lang)
    return t(f"ws_lever_{name.replace('+', '_')}", lang)


def lever_value(value: str, lang: Lang) -> str:
    """A lever's value as shown (``true`` → ja/yes; caseloads and numbers as they are)."""
    words = {"true": t("ws_yes", lang), "false": t("ws_no", lang), "null": t("ws_never", lang),
             "none": "–"}

    def one(part: str) -> str:
        if part in words:
            return words[part]
        try:
            return fmt.number(float(part), lang, 1 if "." in part else 0)
        except ValueError:
            return t(part, lang)
    return " / ".join(one(part) for part in value.split("/"))


def case_rows(result: Mapping[str, Any], lang: Lang) -> list[dict[str, str]]:
    """The business case as table rows: item, start, team, difference (with interval)."""
    by = {(r["item"], r["column"]): r for r in result["business_case"]}
    rows = []
    for item in ("staff", "benefit", "flexjob", "pension", "public_net", "wages",
                 "citizens_with_hours"):
        if (item, "difference") not in by:
            continue
        hours = item == "citizens_with_hours"

        def cell(col: str, hours: bool = hours, item: str = item) -> str:
            v = by.get((item, col))
            if v is None or v["mean"] is None:
                return "–"
            if hours:
                return fmt.number(v["mean"], lang, 1)
            return kroner(v["mean"], lang, signed=col == "difference")

        d = by[(item, "difference")]
        ci = ("–" if d["low"] is None else
              (f"{fmt.number(d['low'], lang, 1)} – {fmt.number(d['high'], lang, 1)}" if hours
               else f"{kroner(d['low'], lang)} – {kroner(d['high'], lang)}"))
        rows.append({"label": t(f"bc_{item}", lang),
                     "start": cell("base"), "team": cell("design"),
                     "difference": cell("difference"), "ci": ci,
                     "strong": "yes" if item == "public_net" else ""})
    return rows


def holds(result: Mapping[str, Any], lang: Lang) -> str:
    """The one sentence on what the result's interval holds (the sentence every decision
    page says, :func:`jobfirst_sim.report.uncertainty.interval_sentence`, of the result's
    ``headline`` block); empty for a result stored before results carried the block."""
    from jobfirst_sim.report.uncertainty import interval_sentence

    block = result.get("headline")
    return interval_sentence(block, lang) if isinstance(block, Mapping) else ""


def _members(result: Mapping[str, Any]) -> int | None:
    """The ensemble members behind a result run under parameter uncertainty, else None."""
    if result.get("uncertainty") != "parameters":
        return None
    return int(result.get("members") or 1)


def interval_note(result: Mapping[str, Any], lang: Lang) -> str:
    """The small print under the result table: what the intervals are over, and the prices."""
    members = _members(result)
    if members is None:
        return t("ws_interval_note", lang, reps=result["replications"],
                 year=result["price_year"])
    return t("ws_interval_note_members", lang, members=members, reps=result["replications"],
             year=result["price_year"])


def levers_note(result: Mapping[str, Any], lang: Lang) -> str:
    """How the levers were measured (under an ensemble: under its first member)."""
    if (_members(result) or 1) > 1:
        return t("ws_levers_note_members", lang)
    return t("ws_levers_note", lang)


def story(result: Mapping[str, Any], lang: Lang) -> list[str]:
    """One citizen's story, week by week: the run report's narrative
    (:func:`~jobfirst_sim.report.figures.people.journey_events`) of the journey rows the
    engine stored with the result (``journey``).

    A result stored by an older version of the app has no rows but its story already in
    words (``story``: ``{"da": [...], "en": [...]}``); it is shown as it was stored, so a
    workshop's state folder keeps its debriefs across an update.
    """
    rows = result.get("journey")
    if rows is not None:
        return journey_events(pd.DataFrame(rows), lang) if rows else []
    stored = result.get("story")
    return [str(line) for line in stored.get(lang, [])] if isinstance(stored, Mapping) else []
