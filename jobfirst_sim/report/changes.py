""""What is changed" in words: one line per lever of a comparison, never a field path.

Why apart from :mod:`jobfirst_sim.report.compare`: the list is read on the first screen
of compare and in the workshop's words alike, and its wording is its own job — a lever's
values as the scenario writes them (``bum/false → makkerskab/true``, ``ressourceforloeb
social_effort parallel → none``) read out in the page's language ("Rollemodel: BUM →
makkerskab; jobformidler: nej → ja"), and the caseload as the one figure the page shows,
citizens per FTE in the role that holds the case.
"""

from __future__ import annotations

import re
from typing import Any, Final

from jobfirst_sim import fmt, metrics
from jobfirst_sim.decide.compare import Comparison
from jobfirst_sim.report.explain_words import lower_first, value_text
from jobfirst_sim.report.html import esc
from jobfirst_sim.report.labels import has, t
from jobfirst_sim.scenario.schema import BENEFITS

CASELOAD_LEVER: Final = "caseload"
"""The staffing lever of :func:`jobfirst_sim.decide.levers.find_levers`."""


def readable(text: str, lang: str) -> str:
    """A lever's value in words: benefit groups by their label, a field named inside a
    value (``social_effort``) by its lever's words, then :func:`value_text`."""
    benefits = {b.value for b in BENEFITS}

    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        if w in benefits:
            return lower_first(t(w, lang))
        if "_" in w and has(f"lever_{w}"):
            return lower_first(metrics.lever_label(w, lang))
        return w

    text = text.replace("ramp-up", t("value_ramp_up", lang))
    # one group's own practice, "ressourceforloeb social_effort parallel": group, field: value
    text = re.sub(rf"^({'|'.join(benefits)}) ([a-z_]+) ", r"\1, \2: ", text)
    return value_text(re.sub(r"\b[a-z][a-z_]*[a-z]\b", word, text), lang)


def difference_item(text: str, lang: str, comparison: Comparison | None = None) -> str:
    """One line of "what is changed" as HTML, in words: each lever in the guide's words
    with its values read out (``role_model+jobformidler: bum/false → makkerskab/true`` →
    "Rollemodel: BUM → makkerskab; jobformidler: nej → ja"); the caseload as the one figure
    the page shows, citizens per FTE in the role that holds the case (from ``comparison``'s
    runs); the field path otherwise."""
    name, sep, values = text.partition(": ")
    if not sep or " " in name:
        return f"<code>{esc(text)}</code>"
    before, arrow, after = values.partition(" → ")
    names = name.split("+")
    if name == CASELOAD_LEVER and comparison is not None:
        row = _staff_row(comparison, comparison.request.arms[0], "citizens_per_fte")
        if row is not None:
            before, after = (fmt.number(float(row[k]), lang, 1) for k in ("current", "proposed"))
    pairs = list(zip(before.split("/"), after.split("/"), strict=False))
    if not arrow or len(names) != len(pairs):
        pairs, names = [(before, after)], [name]
    parts = [f"{esc(metrics.lever_label(n, lang))}: {esc(readable(a, lang))} → "
             f"{esc(readable(b, lang))}" for n, (a, b) in zip(names, pairs, strict=True)]
    text_ = "; ".join(parts)
    return text_[:1].upper() + text_[1:]


def _staff_row(comparison: Comparison, arm: str, metric: str) -> dict[str, Any] | None:
    s = comparison.staff()
    sel = s[(s["arm"] == arm) & (s["metric"] == metric)]
    return None if sel.empty else dict(sel.iloc[0])
