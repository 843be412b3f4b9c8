"""What the reveal says about the teams of a round together.

Why its own module: a ranking invites the room to read +5,0 against +6,8 pp as a winner,
though both may be the same design under simulation noise. Where two teams' intervals of
the difference from the start overlap, the reveal says "ingen klar forskel" instead of a
place in a ranking (issue 24 §4).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from jobfirst_sim import fmt
from jobfirst_sim.app.workshop.engine.cards import Lang
from jobfirst_sim.app.workshop.engine.members import NEAR_DESIGN_MARGIN, OTHER_CITIZENS_MARGIN
from jobfirst_sim.app.workshop.present import kroner
from jobfirst_sim.words import has, t

__all__ = ["SAME_SHARE", "cost_verdict", "debrief_questions", "margin_note", "overlap", "ties"]


def _gain(result: Mapping[str, Any] | None) -> tuple[float, float] | None:
    """The interval of a result's difference in the share with hours (None if it has none)."""
    if not result:
        return None
    d = result.get("difference", {}).get("hours_share", {})
    low, high = d.get("low"), d.get("high")
    return None if low is None or high is None else (float(low), float(high))


def overlap(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> bool:
    """Whether two results' intervals of the gain overlap (no interval: no clear
    difference can be claimed either)."""
    ia, ib = _gain(a), _gain(b)
    if ia is None or ib is None:
        return bool(a) and bool(b)
    return ia[0] <= ib[1] and ib[0] <= ia[1]


def _names(names: Sequence[str], lang: Lang) -> str:
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {t('ws_and', lang)} {names[-1]}"


def ties(rows: Sequence[Mapping[str, Any]], lang: Lang) -> dict[str, Any]:
    """Per team id the sentence naming the teams it is not clearly different from (``by``),
    and ``all``: the sentence for a round whose every pair of results overlaps (else "")."""
    done = [r for r in rows if r.get("result")]
    by: dict[int, str] = {}
    for row in done:
        same = [o["team"].name for o in done if o is not row
                and overlap(row["result"], o["result"])]
        if same:
            by[row["team"].id] = t("ws_no_clear_difference", lang, names=_names(same, lang))
    every = len(done) > 1 and all(overlap(a["result"], b["result"])
                                  for i, a in enumerate(done) for b in done[i + 1:])
    return {"by": by, "all": t("ws_no_clear_difference_all", lang) if every else ""}


SAME_SHARE = 0.01
"""A cost difference below this share of the start's total is "neither dearer nor cheaper":
a leader reads 0,1 mio. kr. of 108 as no difference, and the model is not that exact."""


def _one_stop(sentence: str) -> str:
    """A sentence ending in an abbreviation (``mio. kr.``) takes no second full stop."""
    return sentence[:-1] if sentence.endswith("..") else sentence


def cost_verdict(result: Mapping[str, Any], lang: Lang) -> str:
    """The net public cost's difference from the start in words: neither dearer nor cheaper
    when its interval includes 0 or it is below :data:`SAME_SHARE` of the start's total;
    else dearer or cheaper, by how much of the total (empty when a figure is missing)."""
    d = result.get("difference", {}).get("net_cost", {})
    total = result.get("start", {}).get("net_cost", {}).get("mean")
    mean, low, high = d.get("mean"), d.get("low"), d.get("high")
    if mean is None or total is None:
        return ""
    if low is not None and high is not None and low <= 0 <= high:
        return t("ws_cost_same_interval", lang, low=kroner(low, lang, signed=True),
                 high=kroner(high, lang, signed=True))
    total_text = kroner(total, lang)
    part = abs(mean) / abs(total) if total else float("inf")
    if part < SAME_SHARE:
        return _one_stop(t("ws_cost_same_small", lang, total=total_text))
    return _one_stop(t("ws_cost_dearer" if mean > 0 else "ws_cost_cheaper", lang,
                       diff=kroner(mean, lang, signed=True), pct=fmt.percent(part, lang, 1),
                       total=total_text))


def debrief_questions(card: str, lang: Lang) -> list[str]:
    """The card's questions for the reveal's and debrief's conversation, from the words
    catalog (``ws_debrief_q_<card>_<n>``, n = 1, 2, ...; none for a card without any)."""
    out: list[str] = []
    while has(key := f"ws_debrief_q_{card}_{len(out) + 1}"):
        out.append(t(key, lang))
    return out


def margin_note(stated: bool, lang: Lang) -> list[str]:
    """The reveal's sentences on how near the same design's answer is (issue 24 §4): the
    same design gives exactly the same result to every team (common random numbers across
    teams), and, where the queue runs at the settings they were measured at (``stated``,
    :func:`~.engine.members.stated_margin`), how far apart near-identical designs land and
    how far the same design's gain could move with other citizens."""
    out = [t("ws_margin_same", lang)]
    if stated:
        out.append(t("ws_margin_near", lang,
                     near=fmt.points(NEAR_DESIGN_MARGIN, lang, 1, signed=False),
                     other=fmt.points(OTHER_CITIZENS_MARGIN, lang, 1, signed=False)))
    return out
