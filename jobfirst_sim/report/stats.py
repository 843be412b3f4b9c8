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


def summarise(df: pd.DataFrame, by: list[str], value: str, level: float = 0.95) -> pd.DataFrame:
    """Mean and CI of ``value`` over replications within groups ``by``.

    The input has one row per replication × group; the output one row per group with
    ``mean``, ``ci_low``, ``ci_high`` and ``n`` (replications). Vectorised (one groupby,
    one ``t.ppf`` call) because the weekly tables have hundreds of groups per figure.
    """
    cols = [*by, "mean", "ci_low", "ci_high", "n"]
    if df.empty:
        return pd.DataFrame(columns=cols)
    v = pd.to_numeric(df[value], errors="coerce").astype(float)
    v = v.where(np.isfinite(v))
    g = v.groupby([df[c] for c in by], sort=False, dropna=False)
    out = g.agg(["mean", "std", "count"]).reset_index()
    out.columns = [*by, "mean", "sd", "n"]
    n = out["n"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        q = stats.t.ppf(0.5 + level / 2, np.maximum(n - 1, 1))
        half = np.where(n >= 2, q * out["sd"].to_numpy(dtype=float) / np.sqrt(n), 0.0)
    out["ci_low"] = out["mean"] - half
    out["ci_high"] = out["mean"] + half
    out["n"] = out["n"].astype(int)
    return out[cols]


def weighted_over(df: pd.DataFrame, by: list[str], value: str, weight: str) -> pd.DataFrame:
    """Combine rows within ``by`` (e.g. both benefit groups) as a ``weight``-weighted mean."""
    d = df[[*by, value, weight]].copy()
    d["_w"] = d[weight].fillna(0).astype(float)
    d["_wx"] = d[value].astype(float) * d["_w"]
    g = d.groupby(by, sort=False, dropna=False)[["_wx", "_w"]].sum().reset_index()
    g[value] = np.where(g["_w"] > 0, g["_wx"] / g["_w"].where(g["_w"] > 0, 1), np.nan)
    g[weight] = g["_w"]
    return g[[*by, value, weight]]
