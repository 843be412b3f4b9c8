"""Combining rows before the interval rule: an n-weighted mean over benefit groups.

Why here: the interval over replications is the project's one rule in
:mod:`jobfirst_sim.stats` (NaN bounds for fewer than two replications); what only the
report needs is to pool the two benefit groups of a weekly table (or the roles of a staff
table) into one value per replication first, weighted by their sizes, so that the pooled
curve is the curve of all citizens and not the mean of two group means.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def weighted_over(df: pd.DataFrame, by: list[str], value: str, weight: str) -> pd.DataFrame:
    """Combine rows within ``by`` (e.g. both benefit groups) as a ``weight``-weighted mean."""
    d = df[[*by, value, weight]].copy()
    d["_w"] = d[weight].fillna(0).astype(float)
    d["_wx"] = d[value].astype(float) * d["_w"]
    g = d.groupby(by, sort=False, dropna=False)[["_wx", "_w"]].sum().reset_index()
    g[value] = np.where(g["_w"] > 0, g["_wx"] / g["_w"].where(g["_w"] > 0, 1), np.nan)
    g[weight] = g["_w"]
    return g[[*by, value, weight]]
