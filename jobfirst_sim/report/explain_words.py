"""The words and numbers every part of the explain page shares.

Why apart from :mod:`jobfirst_sim.report.explain`: the page's figures, its first screen,
its terminal text and "what is changed" on compare all read a lever's values and an
effect the same way; keeping those few helpers here keeps the page module to the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

import pandas as pd

from jobfirst_sim import fmt
from jobfirst_sim.decide.explain import (
    VIEW_INTERACTION,
    VIEW_OAT,
    VIEW_PATH,
    VIEW_TOTAL,
    Explanation,
)
from jobfirst_sim.metrics import is_share
from jobfirst_sim.report.labels import arm_name as arm_label
from jobfirst_sim.report.labels import has, t


def w(key: str, lang: str, **fmt: object) -> str:
    """A word of the explain page in ``lang``, formatted (``explain_*`` in the labels table;
    ``lever`` and ``ci`` are the report's own words)."""
    if key in ("lever", "ci"):
        return t({"ci": "ci95"}.get(key, key), lang)
    if key in (VIEW_OAT, VIEW_PATH, VIEW_TOTAL, VIEW_INTERACTION):
        key = f"view_{key}"
    return t(f"explain_{key}", lang, **fmt)


LABELLED_VALUES: Final = ("bum", "makkerskab", "parallel", "sequential")
"""Lever values whose wording lives in the labels table (one wording for the report)."""


def value_text(text: str, lang: str) -> str:
    """A lever value (``false``, ``36-58 (mean 45.0)``) in the page's language."""
    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        if w in LABELLED_VALUES:
            return t(w, lang)
        return t(f"value_{w}", lang) if has(f"value_{w}") else w

    text = re.sub(r"\b[a-z]+\b", word, text)
    return re.sub(r"\d+\.\d+", lambda m: fmt.number(float(m.group(0)), lang,
                                                len(m.group(0).split(".")[1])), text)


def lower_first(text: str) -> str:
    """Lower-case a label's first letter for use mid-sentence, keeping "CV" and "BUM"."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def fmt_effect(x: float, metric: str, lang: str, signed: bool = True,
               unit: bool = True) -> str:
    """An effect in percentage points (shares) or the metric's unit, in ``lang``."""
    if is_share(metric):
        return fmt.points(x, lang, 1, signed=signed, unit=unit)
    return fmt.number(x, lang, 2, signed=signed)


def fmt_level(x: float, metric: str, lang: str) -> str:
    """A level (not a difference): a percentage for shares."""
    if is_share(metric):
        return fmt.percent(x, lang, 1)
    return fmt.number(x, lang, 2)


def scale_of(metric: str) -> float:
    return 100.0 if is_share(metric) else 1.0


def page_names(expl: Explanation, lang: str) -> dict[str, str]:
    """The names the page's words fill in: both arms' labels, the metric and the benefit
    group after it (`` (kontanthjælp)``; nothing for all citizens)."""
    req = expl.request
    return {"frm": arm_label(req.arm_from, lang, req.scenario),
            "to": arm_label(req.arm_to, lang, req.scenario),
            "metric": lower_first(t(req.metric, lang)),
            "benefit": f" ({lower_first(t(req.benefit, lang))})" if req.benefit != "all"
            else ""}


@dataclass(frozen=True)
class Row:
    """One row of ``Explanation.table()`` with the types the page needs."""

    lever: str
    view: str
    order: object
    effect: float
    ci_low: float
    ci_high: float
    from_value: str
    to_value: str


def typed_rows(df: pd.DataFrame) -> list[Row]:
    """Typed rows of an explanation table (pandas rows are untyped scalars)."""
    def text(x: object) -> str:
        return x if isinstance(x, str) else ""

    return [Row(lever=str(r["lever"]), view=str(r["view"]), order=r["order"],
                 effect=float(r["effect"]), ci_low=float(r["ci_low"]),
                 ci_high=float(r["ci_high"]), from_value=text(r.get("from_value")),
                 to_value=text(r.get("to_value")))
            for r in df.to_dict("records")]
