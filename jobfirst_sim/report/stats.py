"""Combining a staff table's rows before the interval rule: a mean weighted by a column.

Why here: the interval over replications is the project's one rule in
:mod:`jobfirst_sim.stats`; the organisation figure first pools each role's rows over the
municipalities into one value per replication, weighted by how many professionals each
has. Weekly tables pool by what each metric is taken over, in :mod:`jobfirst_sim.pooling`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def weighted_over(df: pd.DataFrame, by: list[str], value: str, weight: str) -> pd.DataFrame:
    """Combine rows within ``by`` as a ``weight``-weighted mean; the summed weights too.

    A missing value adds nothing to the sum but its weight still counts (the figure's
    reading of a role without the quantity: 0, not missing).
    """
    d = df[[*by, *dict.fromkeys([value, weight])]].copy()
    d["_w"] = d[weight].fillna(0).astype(float)
    d["_wx"] = d[value].astype(float) * d["_w"]
    g = d.groupby(by, sort=False, dropna=False)[["_wx", "_w"]].sum().reset_index()
    pooled = g[by].copy()
    pooled[value] = np.where(g["_w"] > 0, g["_wx"] / g["_w"].where(g["_w"] > 0, 1), np.nan)
    pooled[weight] = g["_w"]
    return pooled
