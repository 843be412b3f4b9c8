"""The mechanism trace: the chain from caseload to ordinary hours, link by link, paired.

Why apart: the trace is the story a leader tells (:data:`TRACE`), told with the model's
own intermediate quantities; it reads both sides' tables and pairs them like every other
compared table (:func:`jobfirst_sim.decide.paired.paired_table`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jobfirst_sim.decide.paired import conversion_long, paired_table, run_keys, staff_long


@dataclass(frozen=True)
class TraceStep:
    """One link of the chain from organisation to ordinary hours.

    ``source`` names the table (``staff``, ``weekly_mean`` = the weekly metric averaged
    over the run's weeks, ``outcomes``, ``conversion``) and ``metric`` its metric.
    """

    key: str
    source: str
    metric: str


TRACE: tuple[TraceStep, ...] = (
    TraceStep("caseload", "staff", "citizens_per_fte"),
    TraceStep("contact_time", "staff", "contact_hours_per_citizen_week"),
    TraceStep("contacted", "weekly_mean", "share_contacted"),
    TraceStep("changes", "outcomes", "share_contact_changed"),
    TraceStep("knowledge", "weekly_mean", "mean_known"),
    TraceStep("trust", "weekly_mean", "mean_trust"),
    TraceStep("match", "weekly_mean", "mean_placement_fit"),
    TraceStep("in_placement", "weekly_mean", "share_in_placement"),
    TraceStep("placements", "conversion", "placements"),
    TraceStep("retention", "outcomes", "placement13_share"),
    TraceStep("conversion", "conversion", "conversion_rate"),
    TraceStep("ever_hours", "outcomes", "ever_hours_share_followup"),
    TraceStep("hours_if_any", "weekly_mean", "mean_wage_hours_if_any"),
    TraceStep("job_fit", "weekly_mean", "mean_job_fit"),
    TraceStep("hours_w78", "outcomes", "share_with_hours_w78"),
    TraceStep("hours", "outcomes", "share_with_hours_end"),
    TraceStep("self_sufficient", "outcomes", "share_status_self_sufficient_end"),
    TraceStep("flexjob", "outcomes", "share_status_flexjob_end"),
    TraceStep("pension", "outcomes", "share_status_disability_pension_end"),
)
"""The story a leader tells -- fewer cases per professional → more contact time → knowing
the citizen → better matches → placements that last and turn into hours → exits -- as the
model's own intermediate quantities, in that order."""


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
    """The :data:`TRACE` for one arm: each link's level on both sides and the paired
    difference (staff and conversion figures are per arm, for every benefit group).

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
    out = pd.concat(parts, ignore_index=True)
    out.insert(0, "arm", arm)
    out.insert(1, "benefit", benefit)
    return out
