"""The levers of a team's result as the reveal and debrief show them.

Why its own module: a lever line teaches only when its value is in the page's language
(the engine stores :class:`~jobfirst_sim.decide.levers.Lever` renderings in English, e.g.
``handover 0.5, ramp-up 12 weeks from 0.3``), its unit is said (a caseload is citizens per
FTE), its mechanism is one sentence, a lever that rounds to 0,0 pp is not called one of the
biggest, and the shown parts add up to the total (a "samspil og resten" line carries what
the one-at-a-time effects do not).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from jobfirst_sim import fmt
from jobfirst_sim.app.workshop.engine.cards import Lang
from jobfirst_sim.app.workshop.present import lever_label, points
from jobfirst_sim.words import has, t

__all__ = ["SHOWN_DIGIT", "lever_rows", "mechanism", "value_text"]

SHOWN_DIGIT: Final = 0.001
"""The last digit a lever's effect is shown with (0,1 percentage point as a share); an
effect below half of it is shown as 0,0 and is no lever worth naming."""

_TRANSITION: Final = re.compile(
    r"handover (?P<share>[\d.e-]+), ramp-up (?P<weeks>\d+) weeks from (?P<start>[\d.e-]+)")
_RANGE: Final = re.compile(r"(?P<low>[\d.]+)-(?P<high>[\d.]+) \(mean (?P<mean>[\d.]+)\)")


def mechanism(name: str, lang: Lang) -> str:
    """One sentence on how a lever works (``ws_mech_<name>``); empty for an unknown lever."""
    key = f"ws_mech_{name.replace('+', '_')}"
    return t(key, lang) if has(key) else ""


def _caseload(value: str, lang: Lang) -> str:
    m = _RANGE.fullmatch(value)
    if m:
        n = t("ws_caseload_range", lang, low=fmt.number(float(m["low"]), lang, 0),
              high=fmt.number(float(m["high"]), lang, 0),
              mean=fmt.number(float(m["mean"]), lang, 1))
    else:
        try:
            n = fmt.number(float(value), lang, 0)
        except ValueError:
            return value
    return t("ws_caseload_unit", lang, n=n)


def _transition(value: str, lang: Lang) -> str:
    m = _TRANSITION.fullmatch(value)
    if m is None:
        return t("ws_no_transition", lang) if value == "none" else value
    return t("ws_transition_value", lang, share=fmt.percent(float(m["share"]), lang, 0),
             weeks=m["weeks"], start=fmt.percent(float(m["start"]), lang, 0))


def _part(name: str, value: str, lang: Lang) -> str:
    words = {"true": "ws_yes", "false": "ws_no", "null": "ws_never", "never": "ws_never",
             "parallel": "ws_parallel", "sequential": "ws_sequential",
             "bum": "ws_model_bum", "makkerskab": "ws_model_makkerskab"}
    if value in words:
        return t(words[value], lang)
    if value == "none":
        return "–"
    try:
        number = float(value)
    except ValueError:
        return value
    if name.endswith("_weeks"):
        return t("ws_weeks_n", lang, n=fmt.number(number, lang, 0))
    return fmt.number(number, lang, 1 if "." in value else 0)


def value_text(name: str, value: str, lang: Lang) -> str:
    """A lever's stored value in the page's language, with its unit; a merged lever
    (``role_model+jobformidler``, values ``bum/false``) part by part."""
    if name == "caseload":
        return _caseload(value, lang)
    if name == "transition":
        return _transition(value, lang)
    names = name.split("+")
    parts = value.split("/")
    if len(names) != len(parts):
        names = [name] * len(parts)
    return " / ".join(_part(n, p, lang) for n, p in zip(names, parts, strict=True))


def lever_rows(result: Mapping[str, Any], lang: Lang) -> dict[str, Any]:
    """The levers as shown: ``rows`` (label, from, to, effect, why, range), the ``rest``
    (whole difference minus the shown levers; None when nothing is shown or the rest is
    below the shown digit) and the ``total``, each effect in percentage points."""
    big = [lv for lv in result.get("levers") or []
           if abs(float(lv.get("effect") or 0.0)) >= SHOWN_DIGIT / 2]
    reps = int(result.get("lever_replications") or 1)
    rows = [{"label": lever_label(lv["name"], lang),
             "from": value_text(lv["name"], str(lv["from"]), lang),
             "to": value_text(lv["name"], str(lv["to"]), lang),
             "effect": points(lv["effect"], lang), "why": mechanism(lv["name"], lang),
             "range": t("ws_lever_range", lang, low=points(lv["min"], lang),
                        high=points(lv["max"], lang), n=reps) if reps > 1 else ""}
            for lv in big]
    total = result.get("difference", {}).get("hours_share", {}).get("mean")
    rest = None
    if total is not None and rows:
        left = float(total) - sum(float(lv["effect"]) for lv in big)
        if abs(left) >= SHOWN_DIGIT / 2:
            rest = points(left, lang)
    return {"rows": rows, "rest": rest, "total": points(total, lang), "any": bool(
        result.get("levers"))}
