"""The "Kort fortalt / In short" sentence: one design against the baseline, in plain words.

Why one function: every page (run, sweep, explain) and every terminal summary opens with
the same kind of sentence — the design's level, the baseline's level, the difference and
its 95 % interval, in the metric's own unit (percentage points for shares) — so a manager
reads the same wording wherever the answer appears. Labels come from the metric registry
(:mod:`jobfirst_sim.metrics`); numbers use the page language's decimal mark.

Example (da): "Forslag: 23,6 % med ordinære timer i uge 78 mod 10,8 % i dag
(+12,8 procentpoint, 95 %-interval 11,9–13,7)".
"""

from __future__ import annotations

import math
from typing import Final

from jobfirst_sim import metrics
from jobfirst_sim.report.labels import fmt_num
from jobfirst_sim.stats import Interval

FEW_REPLICATIONS: Final = 10
"""Below this many replications an interval is too unsteady to lean on (it is itself
estimated from the replications); pages and the terminal say so in words."""

_WORDS: Final = {
    "da": {"against": "mod", "ci": "95 %-interval", "pp": "procentpoint",
           "no_ci": "interval kan ikke beregnes med én kørsel",
           "few": "Kun {n} gentagelser: intervallerne er usikre; kør med flere "
                  "(--replications 20) før der besluttes noget."},
    "en": {"against": "vs", "ci": "95 % interval", "pp": "percentage points",
           "no_ci": "no interval from a single run",
           "few": "Only {n} replications: the intervals are unsteady; run more "
                  "(--replications 20) before deciding anything."},
}


def _words(lang: str) -> dict[str, str]:
    return _WORDS["da" if lang == "da" else "en"]


def level_text(metric: str, value: float, lang: str) -> str:
    """A level in the metric's unit: ``23,6 %`` for a share, ``4,6 t/uge`` for hours."""
    m = metrics.describe(metric)
    if m.is_share:
        return f"{fmt_num(100 * value, lang)}\u00a0%"
    unit = m.unit_text(lang)
    return f"{fmt_num(value, lang)}{' ' + unit if unit else ''}"


def difference_text(metric: str, diff: Interval, lang: str) -> str:
    """``+12,8 procentpoint, 95 %-interval 11,9–13,7`` (shares in percentage points)."""
    m = metrics.describe(metric)
    w = _words(lang)
    scale = 100.0 if m.is_share else 1.0
    unit = w["pp"] if m.is_share else m.unit_text(lang)
    sign = "+" if diff.mean >= 0 else "−"
    head = f"{sign}{fmt_num(abs(diff.mean) * scale, lang)}{' ' + unit if unit else ''}"
    if math.isnan(diff.low) or math.isnan(diff.high):
        return f"{head}, {w['no_ci']}"
    low, high = (fmt_num(v * scale, lang).replace("-", "−") for v in (diff.low, diff.high))
    return f"{head}, {w['ci']} {low}–{high}"


def sentence(metric: str, design: str, baseline: str, design_value: float,
             baseline_value: float, diff: Interval, lang: str) -> str:
    """``Forslag: 23,6 % med ordinære timer i uge 78 mod 10,8 % i dag (+12,8 …)``.

    ``design`` and ``baseline`` are the arms' display names (e.g. "Forslag", "i dag");
    the metric's label names the quantity.
    """
    w = _words(lang)
    label = metrics.label(metric, lang)
    label = label[:1].lower() + label[1:]
    return (f"{design}: {level_text(metric, design_value, lang)} {label} {w['against']} "
            f"{level_text(metric, baseline_value, lang)} {baseline} "
            f"({difference_text(metric, diff, lang)})")


def few_replications_warning(n: int, lang: str) -> str | None:
    """A plain warning when ``n`` replications are too few, else None."""
    return _words(lang)["few"].format(n=n) if n < FEW_REPLICATIONS else None
