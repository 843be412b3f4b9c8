"""Which levers help, which hurt, which cannot be told from zero — by the metric's direction.

Why apart from the decomposition: "the levers that matter most" used to be the largest
one-at-a-time effects by size, so a lever that *lowers* the share with hours could be named
among those that matter most, as if it were a reason to adopt it. A manager reads "matters"
as "helps". Here every lever gets a verdict from its paired 95 % interval and the metric's
direction in the registry (:mod:`jobfirst_sim.metrics`): ``helps`` (the whole interval on the
good side of 0), ``hurts`` (the whole interval on the bad side), ``unclear`` (the interval
includes 0, or there is no interval with one replication); for a metric that is only
information (no better direction) ``raises``/``lowers``. Only helping levers are ever called
those that matter most.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np

from jobfirst_sim.decide.explain import Explanation
from jobfirst_sim.metrics import Direction, find
from jobfirst_sim.stats import Interval

HELPS: Final = "helps"
HURTS: Final = "hurts"
UNCLEAR: Final = "unclear"
RAISES: Final = "raises"
LOWERS: Final = "lowers"
VERDICTS: Final = (HELPS, HURTS, UNCLEAR, RAISES, LOWERS)


@dataclass(frozen=True)
class LeverVerdict:
    """One lever's one-at-a-time effect with its interval and verdict."""

    lever: str
    effect: float
    low: float
    high: float
    verdict: str


WEAKLY_IDENTIFIED: Final[dict[str, str]] = {
    "hours_dialogue_from_start": "behaviour.conversion.hours_dialogue_effect",
    "aftercare_lifeline": "behaviour.exits.lifeline_effect",
}
"""Levers whose effect size rests on a parameter fitted only to the trial's overall gap.

Why: ``conversion.hours_dialogue_effect`` and ``exits.lifeline_effect`` act only in the
JobFirst arm, so the calibration (docs/model.md §11) sets them from the treatment gap they
help close; no source gives their size. What ``explain`` shows for these levers is then the
share of the gap the fit handed them, not a measured effect of the lever, and the pages
say so rather than present it as the lever's proven effect.
"""


def weakly_identified(levers: list[str]) -> list[tuple[str, str]]:
    """(lever, parameter) for the levers among ``levers`` whose size is weakly identified;
    a coupled lever (``a+b``) counts when any of its parts does."""
    out = []
    for lever in levers:
        for part in lever.split("+"):
            if part in WEAKLY_IDENTIFIED:
                out.append((lever, WEAKLY_IDENTIFIED[part]))
                break
    return out


def direction_sign(metric: str) -> int:
    """+1 when more is better, -1 when less is better, 0 for information only."""
    m = find(metric)
    if m is None or m.direction is Direction.info:
        return 0
    return 1 if m.direction is Direction.more else -1


def verdict_of(ci: Interval, metric: str) -> str:
    """The verdict for one paired interval of ``metric``."""
    if math.isnan(ci.low) or math.isnan(ci.high) or ci.low <= 0 <= ci.high:
        return UNCLEAR
    sign = direction_sign(metric)
    up = ci.low > 0
    if sign == 0:
        return RAISES if up else LOWERS
    return HELPS if up == (sign > 0) else HURTS


def verdicts(expl: Explanation) -> list[LeverVerdict]:
    """Every lever's verdict: helping levers first (most helpful first), then unclear ones
    (largest first), then harmful ones (most harmful last)."""
    metric = expl.request.metric
    sign = direction_sign(metric) or 1
    out = []
    for name, diffs in expl.oat_effects().items():
        ci = expl.interval(np.asarray(diffs, float))
        out.append(LeverVerdict(name, ci.mean, ci.low, ci.high, verdict_of(ci, metric)))
    group = {HELPS: 0, RAISES: 0, LOWERS: 0, UNCLEAR: 1, HURTS: 2}

    def key(v: LeverVerdict) -> tuple[int, float]:
        if v.verdict == UNCLEAR:
            return (1, -abs(v.effect))
        return (group[v.verdict], -sign * v.effect if v.verdict != HURTS else sign * v.effect)

    return sorted(out, key=key)


def matter_most(expl: Explanation, k: int = 3) -> list[LeverVerdict]:
    """The up to ``k`` levers that clearly help on their own (never one that hurts or whose
    interval includes 0)."""
    return [v for v in verdicts(expl) if v.verdict in (HELPS, RAISES, LOWERS)][:k]


def total_interval(expl: Explanation) -> Interval:
    """The total effect of B's design on A's citizens (paired, 95 %; under an ensemble
    parameter and noise uncertainty together)."""
    return expl.interval(expl.all_levers - expl.baseline)


def carriers(expl: Explanation, k: int = 3) -> list[LeverVerdict]:
    """The up to ``k`` levers that carry the total: clearly non-zero on their own and in the
    total's direction, largest first."""
    tot = total_interval(expl).mean
    same = [v for v in verdicts(expl)
            if v.verdict != UNCLEAR and v.effect != 0 and (v.effect > 0) == (tot > 0)]
    return sorted(same, key=lambda v: -abs(v.effect))[:k]
