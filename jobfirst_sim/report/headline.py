"""The "Kort fortalt / In short" sentence: one design against the baseline, in plain words.

Why one function: every page (run, sweep, explain) and every terminal summary opens with
the same kind of sentence — the design's level, the baseline's level, the difference and
its 95 % interval, in the metric's own unit (percentage points for shares) — so a manager
reads the same wording wherever the answer appears. Labels come from the metric registry
(:mod:`jobfirst_sim.metrics`); numbers use the page language's decimal mark.

Example (da): "Forslag: 23,6 % med ordinære timer i uge 78 mod 10,8 % i dag
(+12,8 pct.-point, 95 %-interval 11,9–13,7)".
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from jobfirst_sim import fmt, metrics, words
from jobfirst_sim.stats import Interval, paired_difference, t_interval

FEW_REPLICATIONS: Final = 10
"""Below this many replications an interval is too unsteady to lean on (it is itself
estimated from the replications); pages and the terminal say so in words."""

_WORD_KEYS: Final = ("against", "ci", "no_ci", "in", "no_baseline", "few")
"""The sentence's own words, ``headline_<key>`` in the catalog (words/run.yaml)."""


def _words(lang: str) -> dict[str, str]:
    return {key: words.t(f"headline_{key}", lang) for key in _WORD_KEYS}


def level_text(metric: str, value: float, lang: str) -> str:
    """A level in the metric's unit: ``23,6 %`` for a share, ``4,6 t/uge`` for hours."""
    m = metrics.describe(metric)
    if m.is_share:
        return fmt.percent(value, lang)
    unit = m.unit_text(lang)
    return f"{fmt.number(value, lang)}{' ' + unit if unit else ''}"


def difference_text(metric: str, diff: Interval, lang: str) -> str:
    """``+12,8 pct.-point, 95 %-interval 11,9–13,7`` (shares in percentage points); an
    interval reaching below 0 as ``−8,7 til +14,0``."""
    m = metrics.describe(metric)
    w = _words(lang)
    if m.is_share:
        head = fmt.points(diff.mean, lang, 1)
    else:
        unit = m.unit_text(lang)
        head = f"{fmt.number(diff.mean, lang, signed=True)}{' ' + unit if unit else ''}"
    if math.isnan(diff.low) or math.isnan(diff.high):
        return f"{head}, {w['no_ci']}"
    scale = 100.0 if m.is_share else 1.0
    if diff.low < 0:  # "−8,7–14,0" reads as a subtraction: signed ends joined by a word
        low, high = (fmt.number(v * scale, lang, signed=True) for v in (diff.low, diff.high))
        return f"{head}, {w['ci']} {low} {words.t('bc_to', lang)} {high}"
    low, high = (fmt.number(v * scale, lang) for v in (diff.low, diff.high))
    return f"{head}, {w['ci']} {low}–{high}"


def sentence(metric: str, design: str, baseline: str, design_value: float,
             baseline_value: float, diff: Interval, lang: str) -> str:
    """``Forslag: 23,6 % med ordinære timer i uge 78 mod 10,8 % i dag (+12,8 …)``.

    ``design`` and ``baseline`` are the arms' display names (e.g. "Forslag", "i dag");
    the metric's label names the quantity.
    """
    w = _words(lang)
    label = metrics.phrase(metric, lang)
    return (f"{design}: {level_text(metric, design_value, lang)} {label} {w['against']} "
            f"{level_text(metric, baseline_value, lang)} {baseline} "
            f"({difference_text(metric, diff, lang)})")


def few_replications_warning(n: int, lang: str) -> str | None:
    """A plain warning when ``n`` replications are too few, else None."""
    return _words(lang)["few"].format(n=n) if n < FEW_REPLICATIONS else None


def level_sentence(metric: str, arm: str, values: Sequence[float] | np.ndarray,
                   lang: str) -> str:
    """``JobFirst: 23,6 % med ordinære timer i uge 78 (95 %-interval 21,0–26,2)``: a level
    with its interval, cut at the metric's bounds, for a scenario without a baseline."""
    ci = t_interval(values)
    m = metrics.describe(metric)
    w = _words(lang)
    head = f"{arm}: {level_text(metric, ci.mean, lang)} {metrics.phrase(metric, lang)}"
    if math.isnan(ci.low):
        return f"{head} ({w['no_ci']})"
    low, high = clip(metric, ci.low, ci.high)
    scale = 100.0 if m.is_share else 1.0
    return f"{head} ({w['ci']} {fmt.number(low * scale, lang)}–{fmt.number(high * scale, lang)})"


def clip(metric: str, low: float, high: float) -> tuple[float, float]:
    """An interval of a level cut at the metric's declared bounds (a share stays in [0, 1])."""
    return metrics.clip_interval(metric, low, high)


@dataclass(frozen=True)
class Line:
    """One "In short" line: the population it is about and the sentence."""

    group: str
    """Benefit group key (``all``, ``kontanthjaelp`` …); the caller translates it."""
    text: str


#: (metric, benefit group) pairs the "In short" block speaks about, in reading order.
HEADLINE: Final = ((metrics.HEADLINE, "all"), ("share_with_hours_w78", "kontanthjaelp"),
                   ("share_with_hours_w78", "all"), ("mean_wage_hours_w78", "all"))

#: The same for a running jobcentre in calendar time (``calendar:``): read at the horizon,
#: where every citizen's observation ends, rather than 78 weeks after each one's start.
CALENDAR_HEADLINE: Final = ((metrics.HEADLINE, "all"), ("share_with_hours_end", "kontanthjaelp"),
                            ("mean_wage_hours_end", "all"))


def per_replication(outcomes: pd.DataFrame, arm: str, metric: str,
                    benefit: str) -> pd.Series:
    """One value per replication (index) of an outcome for an arm, over all municipalities."""
    d = outcomes[(outcomes["arm"].astype(str) == arm) & (outcomes["metric"] == metric)
                 & (outcomes["benefit"].astype(str) == benefit)
                 & (outcomes["municipality"].astype(str) == "all")]
    return _mean_by_replication(d)


def _mean_by_replication(rows: pd.DataFrame) -> pd.Series:
    return rows.groupby("replication")["value"].mean().astype(float)


class ReplicationValues:
    """:func:`per_replication` of any arm, metric and benefit group of one outcomes table,
    with the table grouped once.

    Why: the "In short" lines and the key-figure table read twenty-odd series from the
    same table, and filtering its thousands of rows with four comparisons for each was a
    good part of building the report and the terminal summary. The groups' rows are found
    once; :meth:`get` then averages a group's rows exactly as :func:`per_replication`
    averages the rows its filter finds (the same rows in the same order, so the same
    numbers: pandas may sum a group differently when it is averaged beside others).
    """

    def __init__(self, outcomes: pd.DataFrame) -> None:
        self._whole = outcomes[outcomes["municipality"].astype(str) == "all"]
        d = self._whole
        self._rows = d.groupby([d["arm"].astype(str), d["metric"],
                                d["benefit"].astype(str)], sort=False).indices

    def rows(self, arm: str, metric: str, benefit: str) -> pd.DataFrame | None:
        """The whole-run rows (municipality ``all``) of one arm, metric and benefit group,
        in table order, as a filter for them gives them; None when there are none."""
        at = self._rows.get((arm, metric, benefit))
        return None if at is None else self._whole.iloc[at]

    def get(self, arm: str, metric: str, benefit: str) -> pd.Series:
        """One value per replication (index) of an outcome for an arm, all municipalities."""
        rows = self.rows(arm, metric, benefit)
        return _mean_by_replication(self._whole.iloc[[]] if rows is None else rows)


def in_short(outcomes: pd.DataFrame, arms: Sequence[str], baseline: str | None, lang: str,
             name: Callable[[str], str],
             headline: Sequence[tuple[str, str]] = HEADLINE) -> list[Line]:
    """The "In short" lines of a run: each arm against ``baseline`` (the arm declared
    ``role: control``) as paired differences over the same replications (same seeds),
    or levels only when there is no baseline. ``name`` gives an arm's display name."""
    w = _words(lang)
    lines: list[Line] = []
    values = ReplicationValues(outcomes)
    for metric, benefit in headline:
        base = values.get(baseline, metric, benefit) if baseline else None
        if base is not None and base.empty:
            continue
        for arm in arms:
            if arm == baseline:
                continue
            vals = values.get(arm, metric, benefit)
            if vals.empty:
                continue
            if base is None:
                level = level_sentence(metric, name(arm), vals.to_numpy(), lang)
                lines.append(Line(benefit, level))
                continue
            common = vals.index.intersection(base.index)
            diff = paired_difference(base.loc[common].to_numpy(), vals.loc[common].to_numpy())
            lines.append(Line(benefit, sentence(
                metric, name(arm), f"{w['in']} {name(baseline or '')}",
                float(vals.loc[common].mean()), float(base.loc[common].mean()), diff, lang)))
    return lines


def no_baseline_text(lang: str) -> str:
    """Said once, plainly, when the scenario declares no arm with ``role: control``."""
    return _words(lang)["no_baseline"]
