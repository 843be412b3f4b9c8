"""Combining rows before the interval rule: an n-weighted mean over benefit groups.

Why here: the interval over replications is the project's one rule in
:mod:`jobfirst_sim.stats` (NaN bounds for fewer than two replications); what only the
report needs is to pool the two benefit groups of a weekly table (or the roles of a staff
table) into one value per replication first, weighted by their sizes, so that the pooled
curve is the curve of all citizens and not the mean of two group means.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def weighted_over(df: pd.DataFrame, by: list[str], value: str, weight: str) -> pd.DataFrame:
    """Combine rows within ``by`` (e.g. both benefit groups) as a ``weight``-weighted mean."""
    return weighted_over_many(df, by, [value], weight)


def weighted_over_many(df: pd.DataFrame, by: list[str], values: Sequence[str],
                       weight: str) -> pd.DataFrame:
    """:func:`weighted_over` for several value columns at once, with one groupby.

    Why: a figure that pools six status shares, or four well-being means, paid a groupby
    and its copies per column; pandas sums each column of a groupby on its own, over the
    same rows in the same order, so every column is the number its own pooling gives.
    Returns the ``by`` columns, the pooled ``values`` and the summed ``weight``.
    """
    w = df[weight].fillna(0).astype(float)
    wx = df[list(values)].astype(float).mul(w, axis=0)
    wx.columns = pd.Index([f"_wx{i}" for i in range(len(values))])
    d = pd.concat([df[by], wx, w.rename("_w")], axis=1)
    g = d.groupby(by, sort=False, dropna=False).sum().reset_index()
    total = g["_w"]
    out = g[by].copy()
    for i, value in enumerate(values):
        out[value] = np.where(total > 0, g[f"_wx{i}"] / total.where(total > 0, 1), np.nan)
    out[weight] = total
    return out
