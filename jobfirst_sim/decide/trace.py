"""The mechanism trace: the chain from caseload to ordinary hours, link by link, paired.

Why apart: the trace is the story a leader tells (:data:`TRACE`), told with the model's
own intermediate quantities; it reads both sides' tables and pairs them like every other
compared table (:func:`jobfirst_sim.decide.paired.paired_table`). A link is marked as
changed only past a stated threshold (:func:`direction`), and an input the design sets
is never marked. The chain is the model's mechanism, not a tested mediation analysis: it
shows what moved, not how much of the effect each link carries.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from jobfirst_sim.decide.paired import conversion_long, paired_table, run_keys, staff_long

POINTS: Final = "points"
"""A link measured as a share (of citizens, or of placements): judged by its change in
percentage points."""
RELATIVE: Final = "relative"
"""A link measured as an average or a count (hours, an index, placements): judged by its
change relative to today's level."""
INPUT: Final = "input"
"""A link the design sets (citizens per FTE): shown as chosen, never judged."""

MIN_POINTS: Final = 0.01
"""A share must move at least one percentage point to be marked. Why that size: it is one
citizen in a hundred -- seven in a 700-citizen jobcentre -- about the smallest change a
manager can see in their own monthly figures, and a fifth of the headline effects the model
gives for whole designs (3-6 points); a smaller move in a link cannot carry the story."""
MIN_RELATIVE: Final = 0.05
"""An average or a count must move at least 5 % of today's level to be marked. Why that
size: indexes such as trust and match quality have no natural unit, and five per cent of
the level is the smallest change a manager would call a change (half an hour more contact
in ten, one placement more in twenty); smaller moves are within what a design's own
year-to-year variation shows."""

DIRECTIONS: Final = ("up", "down", "none", "input")
"""What a link did: moved up or down past its threshold with an interval excluding 0, no
such change, or an input (chosen, not judged)."""


@dataclass(frozen=True)
class TraceStep:
    """One link of the chain from organisation to ordinary hours.

    ``source`` names the table (``staff``, ``weekly_mean`` = the weekly metric averaged
    over the run's weeks, ``outcomes``, ``conversion``) and ``metric`` its metric;
    ``rule`` how its change is judged (:data:`POINTS`, :data:`RELATIVE` or :data:`INPUT`).
    """

    key: str
    source: str
    metric: str
    rule: str = POINTS

    @property
    def threshold(self) -> float:
        """The smallest change marked (NaN for an input, which is never marked)."""
        return {POINTS: MIN_POINTS, RELATIVE: MIN_RELATIVE}.get(self.rule, float("nan"))


TRACE: tuple[TraceStep, ...] = (
    TraceStep("caseload", "staff", "citizens_per_fte", INPUT),
    TraceStep("contact_time", "staff", "contact_hours_per_citizen_week", RELATIVE),
    TraceStep("contacted", "weekly_mean", "share_contacted"),
    TraceStep("changes", "outcomes", "share_contact_changed"),
    TraceStep("knowledge", "weekly_mean", "mean_known", RELATIVE),
    TraceStep("trust", "weekly_mean", "mean_trust", RELATIVE),
    TraceStep("match", "weekly_mean", "mean_placement_fit", RELATIVE),
    TraceStep("in_placement", "weekly_mean", "share_in_placement"),
    TraceStep("placements", "conversion", "placements", RELATIVE),
    TraceStep("retention", "outcomes", "placement13_share"),
    TraceStep("conversion", "conversion", "conversion_rate"),
    TraceStep("ever_hours", "outcomes", "ever_hours_share_followup"),
    TraceStep("hours_if_any", "weekly_mean", "mean_wage_hours_if_any", RELATIVE),
    TraceStep("job_fit", "weekly_mean", "mean_job_fit", RELATIVE),
    TraceStep("hours_w78", "outcomes", "share_with_hours_w78"),
    TraceStep("hours", "outcomes", "share_with_hours_end"),
    TraceStep("self_sufficient", "outcomes", "share_status_self_sufficient_end"),
    TraceStep("flexjob", "outcomes", "share_status_flexjob_end"),
    TraceStep("pension", "outcomes", "share_status_disability_pension_end"),
)
"""The story a leader tells -- fewer cases per professional → more contact time → knowing
the citizen → better matches → placements that last and turn into hours → exits -- as the
model's own intermediate quantities, in that order."""

STEPS: Final = {s.key: s for s in TRACE}
"""The steps by key."""


def direction(step: TraceStep, current: float, difference: float, ci_low: float,
              ci_high: float) -> str:
    """What a link did (one of :data:`DIRECTIONS`).

    A link is marked ``up`` or ``down`` only when both hold: its paired 95 % interval
    excludes 0 (the change is not noise) and its change reaches the step's threshold
    (:data:`MIN_POINTS` in points, :data:`MIN_RELATIVE` of today's level), so that a
    change too small to matter is never marked however sure it is. An input is never
    judged.
    """
    if step.rule == INPUT:
        return "input"
    values = (difference, ci_low, ci_high)
    if not all(math.isfinite(v) for v in values) or not (ci_low > 0 or ci_high < 0):
        return "none"
    if step.rule == RELATIVE:
        if not math.isfinite(current):
            return "none"
        size = abs(difference) / abs(current) if current != 0 else math.inf
    else:
        size = abs(difference)
    if size < step.threshold:
        return "none"
    return "up" if difference > 0 else "down"


def with_directions(trace: pd.DataFrame) -> pd.DataFrame:
    """``trace`` with each link's ``rule``, ``threshold`` and :func:`direction`."""
    steps = [STEPS[str(k)] for k in trace["step"]]
    out = trace.copy()
    out["rule"] = [s.rule for s in steps]
    out["threshold"] = [s.threshold for s in steps]
    out["direction"] = [
        direction(s, float(r["current"]), float(r["difference"]), float(r["ci_low"]),
                  float(r["ci_high"]))
        for s, r in zip(steps, trace.to_dict("records"), strict=True)]
    return out


def weekly_mean(weekly: pd.DataFrame, long: pd.DataFrame, arm: str, benefit: str,
                metric: str) -> pd.DataFrame:
    """Per run (replication, or member and replication): a weekly metric averaged over the
    run's weeks (citizen-weighted); ``long`` is ``weekly`` in long form
    (:func:`weekly_long`)."""
    run = run_keys(weekly)
    sel = long[(long["arm"] == arm) & (long["benefit"] == benefit)
               & (long["metric"] == metric)]
    n = weekly_n(weekly, arm, benefit)
    merged = sel.merge(n, on=[*run, "week"], how="left")
    ok = np.isfinite(merged["value"].astype(float))
    merged = merged[ok]
    g = (merged.assign(wv=merged["value"] * merged["n"])
         .groupby(run if len(run) > 1 else run[0])[["wv", "n"]].sum().reset_index())
    g["value"] = g["wv"] / g["n"]
    return g[[*run, "value"]]


def weekly_n(weekly: pd.DataFrame, arm: str, benefit: str) -> pd.DataFrame:
    """Citizens observed per run and week (pooled over groups for ``all``)."""
    sel = weekly[weekly["arm"] == arm]
    if benefit != "all":
        sel = sel[sel["benefit"] == benefit]
    return sel.groupby([*run_keys(weekly), "week"])["n"].sum().reset_index()


def _trace_side(side: dict[str, pd.DataFrame], long: pd.DataFrame, step: TraceStep, arm: str,
                benefit: str) -> pd.DataFrame:
    if step.source == "weekly_mean":
        return weekly_mean(side["weekly"], long, arm, benefit, step.metric)
    if step.source == "staff":
        df = staff_long(side["staff"])
    elif step.source == "conversion":
        df = conversion_long(side["companies"])
    else:
        df = side["outcomes"]
        df = df[(df["benefit"] == benefit) & (df["municipality"] == "all")]
    df = df[(df["arm"] == arm) & (df["metric"] == step.metric)]
    return df[[*run_keys(df), "value"]]


def mechanism_trace(current: dict[str, pd.DataFrame], proposed: dict[str, pd.DataFrame],
                    long_current: pd.DataFrame, long_proposed: pd.DataFrame, arm: str,
                    benefit: str = "all", weights: Mapping[int, float] | None = None
                    ) -> pd.DataFrame:
    """The :data:`TRACE` for one arm: each link's level on both sides, the paired
    difference and what the link did (:func:`with_directions`; staff and conversion
    figures are per arm, for every benefit group).

    ``current`` and ``proposed`` are the sides' tables, ``long_*`` their weekly tables in
    long form (:func:`jobfirst_sim.decide.paired.weekly_long`). Under an ensemble (the
    tables have a ``member`` column) ``weights`` by member make each link's interval hold
    parameter and simulation uncertainty, like every other compared table.
    """
    parts = []
    for order, step in enumerate(TRACE, start=1):
        a = _trace_side(current, long_current, step, arm, benefit)
        b = _trace_side(proposed, long_proposed, step, arm, benefit)
        if not (np.isfinite(a["value"].to_numpy(float)).any()
                or np.isfinite(b["value"].to_numpy(float)).any()):
            continue  # a link this run does not measure (e.g. week 78 in a short run)
        t = paired_table(a.assign(step=step.key), b.assign(step=step.key), ["step"],
                         weights)
        t.insert(0, "order", order)
        t.insert(2, "metric", step.metric)
        parts.append(t)
    out = with_directions(pd.concat(parts, ignore_index=True))
    out.insert(0, "arm", arm)
    out.insert(1, "benefit", benefit)
    return out
