"""Means and 95 % t-intervals over replications, and paired differences.

Why here and not in the figures: every curve with a band, every bar with an error bar and
every lever effect uses the same rule (a replication is one independent observation; the
interval is a t-interval over replications, as in summary.json), so it is written once and
tested once.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats


def t_interval(
    values: Sequence[float] | np.ndarray, level: float = 0.95
) -> tuple[float, float, float]:
    """Mean and two-sided t-interval of independent values; (mean, mean, mean) when n < 2."""
    arr = np.asarray(values, dtype=float)
    arr = arr[np.isfinite(arr)]
    if arr.size == 0:
        return (np.nan, np.nan, np.nan)
    mean = float(arr.mean())
    if arr.size < 2:
        return (mean, mean, mean)
    sem = float(arr.std(ddof=1)) / np.sqrt(arr.size)
    half = float(stats.t.ppf(0.5 + level / 2, arr.size - 1)) * sem
    return (mean, mean - half, mean + half)


def summarise(df: pd.DataFrame, by: list[str], value: str) -> pd.DataFrame:
    """Mean and CI of ``value`` over replications within groups ``by``.

    The input has one row per replication × group; the output one row per group with
    ``mean``, ``ci_low``, ``ci_high`` and ``n`` (replications).
    """
    rows = []
    for key, grp in df.groupby(by, sort=False, dropna=False):
        keys = key if isinstance(key, tuple) else (key,)
        m, lo, hi = t_interval(grp[value].to_numpy())
        rows.append({**dict(zip(by, keys, strict=True)), "mean": m, "ci_low": lo, "ci_high": hi,
                     "n": int(grp[value].notna().sum())})
    return pd.DataFrame(rows, columns=[*by, "mean", "ci_low", "ci_high", "n"])


def weighted_over(df: pd.DataFrame, by: list[str], value: str, weight: str) -> pd.DataFrame:
    """Combine rows within ``by`` (e.g. both benefit groups) as a ``weight``-weighted mean."""
    d = df[[*by, value, weight]].copy()
    d["_w"] = d[weight].fillna(0).astype(float)
    d["_wx"] = d[value].astype(float) * d["_w"]
    g = d.groupby(by, sort=False, dropna=False)[["_wx", "_w"]].sum().reset_index()
    g[value] = np.where(g["_w"] > 0, g["_wx"] / g["_w"].where(g["_w"] > 0, 1), np.nan)
    g[weight] = g["_w"]
    return g[[*by, value, weight]]
