"""Paired tables: both designs' levels and the paired difference, with 95 % intervals.

Why apart from the run: every table ``jobfirst compare`` writes (outcomes, weekly metrics
over time, staff, conversions, the mechanism trace) is the same operation -- long tables
of both sides with ``replication``, keys and ``value``, paired on replication and keys
(:func:`paired_table`) -- on long forms of the model's tables built here
(:func:`weekly_long`, :func:`staff_long`, :func:`conversion_long`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from jobfirst_sim import pooling
from jobfirst_sim.run.staffing import TASK_COLUMNS
from jobfirst_sim.stats import LEVEL, t_quantile

LEVEL_COLUMNS: tuple[str, ...] = (
    "current", "current_low", "current_high", "proposed", "proposed_low", "proposed_high",
    "difference", "ci_low", "ci_high", "n_replications",
)
"""Value columns of every paired table (after its key columns; docs/decide.md)."""


def run_keys(df: pd.DataFrame) -> list[str]:
    """The columns naming one run: ``member`` and ``replication`` under an ensemble (the
    tables then have a ``member`` column), else ``replication`` alone."""
    return ["member", "replication"] if "member" in df.columns else ["replication"]


def paired_table(current: pd.DataFrame, proposed: pd.DataFrame, keys: list[str],
                 weights: Mapping[int, float] | None = None) -> pd.DataFrame:
    """Levels of both sides and the paired difference ``proposed − current`` per group.

    Both inputs are long tables with ``replication``, the ``keys`` and ``value``. Rows are
    paired on replication and keys; each side's level and the difference get a t-interval
    over replications (pairs with a missing value on either side are dropped from the
    difference). Identical sides give a difference of exactly 0 with a zero-width interval.

    With a ``member`` column (runs under an ensemble's parameter sets, ``weights`` by
    member) rows pair on member, replication and keys, and every interval holds parameter
    and simulation uncertainty together (:func:`jobfirst_sim.ensemble_stats.combine`;
    ``n_replications`` then counts replications over all members).
    """
    by_member = "member" in current.columns and weights is not None
    on = ["member", "replication", *keys] if by_member else ["replication", *keys]
    merged = current[[*on, "value"]].merge(proposed[[*on, "value"]], on=on, how="outer",
                                           suffixes=("_a", "_b"), sort=False)
    merged["diff"] = merged["value_b"] - merged["value_a"]
    parts = [_member_summary(merged, keys, col, prefix, weights) if weights is not None
             and by_member else _summary(merged, keys, col, prefix)
             for col, prefix in (("value_a", "current"), ("value_b", "proposed"),
                                 ("diff", "difference"))]
    out = parts[0].merge(parts[1], on=keys).merge(parts[2], on=keys)
    out = out.rename(columns={"difference_low": "ci_low", "difference_high": "ci_high",
                              "difference_n": "n_replications"})
    out = out.drop(columns=["current_n", "proposed_n"])
    out["n_replications"] = out["n_replications"].astype("int64")
    return out[[*keys, *LEVEL_COLUMNS]].reset_index(drop=True)


def _member_summary(df: pd.DataFrame, keys: list[str], col: str, prefix: str,
                    weights: Mapping[int, float]) -> pd.DataFrame:
    """Per group: member means, variances and counts, combined over members."""
    from jobfirst_sim.ensemble_stats import combine

    v = df[col].astype(float).where(np.isfinite(df[col].astype(float)))
    g = v.groupby([df[k] for k in [*keys, "member"]], sort=False, dropna=False)
    s = g.agg(["mean", "var", "count"])
    wide = s.unstack("member")
    members = list(wide["mean"].columns)
    w = np.array([weights[int(k)] for k in members])
    got = combine(wide["mean"].to_numpy(float), wide["var"].to_numpy(float),
                  wide["count"].fillna(0).to_numpy(float), w)
    index = wide.index.to_frame(index=False)
    return pd.DataFrame({
        **{k: index[k] for k in keys},
        prefix: got.estimate, f"{prefix}_low": got.low, f"{prefix}_high": got.high,
        f"{prefix}_n": got.n,
    })


def _summary(df: pd.DataFrame, keys: list[str], col: str, prefix: str) -> pd.DataFrame:
    v = df[col].astype(float).where(np.isfinite(df[col].astype(float)))
    g = v.groupby([df[k] for k in keys], sort=False, dropna=False)
    s = g.agg(["mean", "std", "count"]).reset_index()
    s.columns = pd.Index([*keys, "mean", "sd", "n"])
    n = s["n"].to_numpy(float)
    sd = s["sd"].to_numpy(float)
    half = t_quantile(n, LEVEL) * np.where(sd == 0, 0.0, sd) / np.sqrt(np.maximum(n, 1))
    return pd.DataFrame({
        **{k: s[k] for k in keys},
        prefix: s["mean"], f"{prefix}_low": s["mean"] - half,
        f"{prefix}_high": s["mean"] + half, f"{prefix}_n": s["n"],
    })


WEEKLY_METRICS: tuple[str, ...] = (
    "share_wage_hours", "mean_wage_hours", "mean_wage_hours_if_any", "share_in_placement",
    "share_full_support", "share_partial_support", "share_self_sufficient",
    "share_flexjob", "share_disability_pension", "share_other_exit", "mean_self_efficacy",
    "mean_trust", "mean_known", "mean_placement_fit", "mean_job_fit", "share_contacted",
    "share_contact_changed_ever",
)
"""Weekly columns compared over time (docs/outputs.md, weekly.parquet)."""

#: weekly means among a subgroup: weighted by that subgroup's size when groups are pooled
def weekly_long(weekly: pd.DataFrame) -> pd.DataFrame:
    """A weekly table in long form (replication, arm, benefit, week, metric, value), with
    the benefit groups pooled as ``all`` the way the metric registry declares each metric
    (:func:`jobfirst_sim.pooling.weekly_long`: weighted by the citizens a mean is taken
    over), so compare pools exactly as the report and the browser do."""
    return pooling.weekly_long(weekly, [m for m in WEEKLY_METRICS if m in weekly.columns])


STAFF_METRICS: tuple[str, ...] = (
    "fte", "citizens_per_fte", "contact_hours_per_citizen_week", "unused_hours",
    *(f"hours_{t}" for t in TASK_COLUMNS),
)


def staff_long(staff: pd.DataFrame) -> pd.DataFrame:
    """Per replication and arm: total FTEs, citizens per FTE, contact hours per citizen and
    week, and the average FTE's hours per task (FTE-weighted over roles and municipalities).

    Why per arm, not per role: the roles differ between designs (a jobformidler does the
    consultant's and the mentor's tasks), so only the arm's whole staff can be paired.
    """
    rows: list[dict[str, Any]] = []
    run = run_keys(staff)
    if staff.empty:
        return pd.DataFrame(columns=[*run, "arm", "metric", "value"])
    for key, g in staff.groupby([*run, "arm"], sort=False):
        ids = dict(zip([*run, "arm"], key, strict=True))
        fte = g["fte"].to_numpy(float)
        total = float(fte.sum())
        values: dict[str, float] = {"fte": total}
        # citizens of the arm = FTE × caseload summed over one role per municipality (the
        # primary contact's: the role with a contact-hours figure). The caseload is the one
        # figure a manager reads: citizens per FTE in the role that holds the case (per-role
        # figures: role_caseloads)
        primary = g[np.isfinite(g["contact_hours_per_citizen_week"].to_numpy(float))]
        citizens = float((primary["fte"] * primary["mean_caseload"]).sum())
        held = float(primary["fte"].sum())
        values["citizens_per_fte"] = citizens / held if held > 0 else np.nan
        values["contact_hours_per_citizen_week"] = (
            float((primary["contact_hours_per_citizen_week"] * primary["fte"]
                   * primary["mean_caseload"]).sum() / citizens) if citizens > 0 else np.nan)
        for col in ("unused_hours", *(f"hours_{t}" for t in TASK_COLUMNS)):
            v = g[col].to_numpy(float)
            ok = np.isfinite(v)
            values[col] = float((v[ok] * fte[ok]).sum() / fte[ok].sum()) if ok.any() else np.nan
        rows += [{**ids, "metric": k, "value": v} for k, v in values.items()]
    return pd.DataFrame(rows)


def conversion_long(companies: pd.DataFrame) -> pd.DataFrame:
    """Per replication and arm: placements, placements lasting 13 weeks, conversions to
    ordinary hours and conversions per placement (summed over sectors and task levels)."""
    cols = ["placements", "placements_completed13", "conversions"]
    by = [*run_keys(companies), "arm"]
    g = companies.groupby(by, sort=False)[cols].sum().reset_index()
    with np.errstate(invalid="ignore", divide="ignore"):
        g["conversion_rate"] = np.where(g["placements"] > 0,
                                        g["conversions"] / g["placements"], np.nan)
    return g.melt(id_vars=by, var_name="metric")


def role_caseloads(staff: pd.DataFrame, arm: str) -> pd.DataFrame:
    """Per role of ``arm``: FTEs and citizens per FTE (FTE-weighted over municipalities,
    mean over runs), and whether the role holds the case. Roles differ between designs,
    so these are levels of one side, not pairs."""
    g = staff[staff["arm"] == arm]
    if g.empty:
        return pd.DataFrame(columns=["role", "fte", "citizens_per_fte", "holds_case"])
    rows: list[dict[str, Any]] = []
    for role, r in g.groupby("role", sort=False):
        fte = r["fte"].to_numpy(float)
        load = r["mean_caseload"].to_numpy(float)
        ok = np.isfinite(load) & (fte > 0)
        runs = max(len(r.groupby(run_keys(r))), 1)
        rows.append({"role": str(role), "fte": float(fte.sum()) / runs,
                     "citizens_per_fte": (float((load[ok] * fte[ok]).sum() / fte[ok].sum())
                                          if ok.any() else float("nan")),
                     "holds_case": bool(np.isfinite(
                         r["contact_hours_per_citizen_week"].to_numpy(float)).any())})
    return pd.DataFrame(rows)
