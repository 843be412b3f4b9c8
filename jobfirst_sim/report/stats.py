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
    pooled, totals = _pool(df, by, [value], weight)
    pooled[weight] = totals[0]
    return pooled


def weighted_over_many(df: pd.DataFrame, by: list[str], values: Sequence[str],
                       weight: str) -> pd.DataFrame:
    """:func:`weighted_over` of several value columns (the ``by`` columns and one pooled
    column per value; no weight column), grouping the rows once.

    Why: a figure that pools six status shares, or four well-being means, paid for
    grouping the rows and copying the table once per column; here the keys are grouped
    once and only the sums are per column.
    """
    return _pool(df, by, values, weight)[0]


def _pool(df: pd.DataFrame, by: list[str], values: Sequence[str],
          weight: str) -> tuple[pd.DataFrame, list[pd.Series]]:
    """The pooled ``values`` by ``by``, and each one's summed weights.

    Each column is summed together with the weights alone, in a table laid out as pooling
    that column alone lays it out: pandas chooses how it sums a block (plainly or
    compensated) by the block's NaN and the rows' order, so summing several columns as
    one block could differ from pooling each alone in the last bit.
    """
    if not values:
        raise ValueError("weighted_over_many needs at least one value column")
    d = df[[*by, *dict.fromkeys([*values, weight])]].copy()
    d["_w"] = d[weight].fillna(0).astype(float)
    for i, value in enumerate(values):
        d[f"_wx{i}"] = d[value].astype(float) * d["_w"]
    grouped = d.groupby(by, sort=False, dropna=False)
    sums = [grouped[[f"_wx{i}", "_w"]].sum().reset_index() for i in range(len(values))]
    pooled = sums[0][by].copy()
    for i, (value, g) in enumerate(zip(values, sums, strict=True)):
        pooled[value] = np.where(g["_w"] > 0, g[f"_wx{i}"] / g["_w"].where(g["_w"] > 0, 1),
                                 np.nan)
    return pooled, [g["_w"] for g in sums]
