"""Pooling a weekly table over benefit groups, and "the value of metric M at week W".

Why one module: the weekly table holds each metric per benefit group, and the compare
tables, the report's figures, the sweep page and the browser all need the two groups
pooled into one curve of all citizens — which is a mean weighted by the count the metric
is taken over (:mod:`jobfirst_sim.metric_basis`): citizens observed for most, those with
hours for the hours among those with hours, those in placement for the placement match.
Two readers used to weigh every metric by the citizens observed; here the registry says.

The arithmetic is the one the compare tables have always used (a value's weight counts
only where the value is finite), grouped as the report grouped, so the numbers are the
same to the last bit.

Bottom utility: imports only :mod:`jobfirst_sim.metric_basis`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from jobfirst_sim.metric_basis import (
    BASES,
    COUNT_SUMS,
    Table,
    WeekBasis,
    basis,
    count_columns,
)

GROUP_KEYS: tuple[str, ...] = ("point", "replication", "arm")
"""Keys of a weekly table's rows besides ``benefit`` and ``week`` (``point``: a sweep)."""


def weekly_columns(sums: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The weekly table's metric columns from the recorder's cell sums, as declared: each
    metric's numerator sum over its denominator's count, in the registry's order (NaN
    where the count is 0): the columns ``model/observe/tables.weekly_table`` writes."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return {name: sums[b.numerator] / sums[COUNT_SUMS[b.denominator]]
                for name, b in BASES.items() if b.table is Table.weekly}


def columns_for(metrics: Sequence[str]) -> list[str]:
    """The metrics and the columns their pooling weighs by, once each in order (what to
    read from a weekly table to pool them)."""
    out = list(metrics)
    for m in metrics:
        out += _counted_by(m)
    return list(dict.fromkeys(out))


def _counted_by(metric: str) -> tuple[str, ...]:
    cols = count_columns(metric)
    if not cols:
        b = basis(metric)
        raise ValueError(f"{metric} is not pooled by a weekly count: the {b.table.value} "
                         f"table pools its benefit groups as {b.benefits.value!r}")
    return cols


def weights(table: pd.DataFrame, metric: str) -> pd.Series:
    """Each row's count of the citizens ``metric`` is taken over (0 where unknown).

    ``n`` for a mean over the citizens observed; ``n`` × ``share_wage_hours`` for a mean
    among those with hours, and so on (:data:`~jobfirst_sim.metric_basis.COUNT_COLUMNS`).
    A metric whose groups do not pool by a weekly count (an outcome: its ``all`` rows are
    computed over the citizens) is refused rather than averaged.
    """
    cols = _counted_by(metric)
    w = table[cols[0]].fillna(0).astype(float)
    for col in cols[1:]:
        w = w * table[col].to_numpy()
    return w


def pool(table: pd.DataFrame, by: Sequence[str], metrics: Sequence[str]) -> pd.DataFrame:
    """``metrics`` pooled within ``by`` (e.g. over both benefit groups), as declared.

    Returns the ``by`` columns (groups in order of first appearance) and one column per
    metric: the weighted mean over the group's rows whose value is finite, NaN where none
    has weight. Each metric is summed alone (pandas sums a block of columns differently
    from one column in the last bit), so pooling several equals pooling each.
    """
    if not metrics:
        raise ValueError("pool needs at least one metric")
    keys = list(by)
    out: pd.DataFrame | None = None
    for metric in metrics:
        value = table[metric].astype(float)
        w = weights(table, metric)
        ok = np.isfinite(value) & (w > 0)
        d = table[keys].copy()
        d["_wx"] = (value * w).where(ok, 0.0)
        d["_w"] = w.where(ok, 0.0)
        g = d.groupby(keys, sort=False, dropna=False)[["_wx", "_w"]].sum().reset_index()
        if out is None:
            out = g[keys].copy()
        with np.errstate(invalid="ignore", divide="ignore"):
            out[metric] = np.where(g["_w"] > 0, g["_wx"] / g["_w"], np.nan)
    assert out is not None
    return out


def over_benefits(weekly: pd.DataFrame, metrics: Sequence[str]) -> pd.DataFrame:
    """A weekly table's ``metrics`` per (point,) replication × arm × week over both benefit
    groups: the curves of all citizens."""
    keys = [k for k in GROUP_KEYS if k in weekly] + ["week"]
    return pool(weekly, keys, metrics)


def weekly_long(weekly: pd.DataFrame, metrics: Sequence[str]) -> pd.DataFrame:
    """A weekly table in long form (replication, arm, benefit, week, metric, value) with the
    benefit groups pooled as ``benefit == 'all'`` rows after the groups' own rows (a
    ``member`` column, runs under an ensemble, is kept first: a run is member and
    replication)."""
    run = ["member", "replication"] if "member" in weekly.columns else ["replication"]
    keys = [*run, "arm", "benefit", "week"]
    cols = [*keys, "metric", "value"]
    long = weekly.melt(id_vars=[*keys, "n"], value_vars=list(metrics), var_name="metric")
    by = [*run, "arm", "week"]
    pooled = pool(weekly, by, metrics).melt(id_vars=by, var_name="metric")
    pooled["benefit"] = "all"
    return pd.concat([long[cols], pooled[cols]], ignore_index=True)


def week_basis(weekly: pd.DataFrame) -> WeekBasis:
    """What a weekly table's ``week`` counts: calendar weeks when it has a ``date`` (a
    calendar-mode run), else weeks since each citizen's own start."""
    return WeekBasis.calendar if "date" in weekly.columns else WeekBasis.own


def value_at(weekly: pd.DataFrame, metric: str, week: int, *, benefit: str = "all",
             basis_: WeekBasis | None = None) -> pd.DataFrame:
    """The value of weekly ``metric`` at ``week``: one row per (point,) replication × arm.

    ``benefit == 'all'`` pools the groups as declared; a group's own rows otherwise.
    ``basis_`` says which kind of week is meant: a table that counts other weeks (a
    calendar-mode table asked for a citizen's own week 78) is refused, since its week 78
    is another quantity.
    """
    have = week_basis(weekly)
    if basis_ is not None and basis_ is not have:
        raise ValueError(f"the weekly table counts {have.value} weeks, not {basis_.value} "
                         f"weeks: its week {week} is not the {metric} asked for")
    keys = [k for k in GROUP_KEYS if k in weekly]
    rows = weekly[weekly["week"] == week]
    if benefit == "all":
        return pool(rows, keys, [metric])
    return rows.loc[rows["benefit"] == benefit, [*keys, metric]].reset_index(drop=True)


def outcome_from_weekly(weekly: pd.DataFrame, outcome: str, *, benefit: str = "all"
                        ) -> pd.DataFrame:
    """An outcome read at one week (``share_with_hours_w78``) from the weekly table: the
    weekly column and week its basis declares, at the citizens' own week. The same
    citizens as the outcome itself (those observed that long), so the same value."""
    b = basis(outcome)
    if b.weekly is None or b.at_week is None:
        raise ValueError(f"{outcome} is not read at one week of the weekly table")
    out = value_at(weekly, b.weekly, b.at_week, benefit=benefit, basis_=WeekBasis.own)
    return out.rename(columns={b.weekly: outcome})
