"""summary.json's cells when a run ran under an ensemble of parameter sets.

Why apart from :mod:`.replicate`: under ``--uncertainty parameters`` a cell's values come
from K members × R replications, and their interval must say both how much the members
disagree and how noisy each member is. Treating the K·R runs as R·K independent
replications would shrink the members' spread by a factor R; the law of total variance
(:func:`jobfirst_sim.ensemble_stats.combine`) keeps it whole. The cells have the shape the
noise-only summary has (``mean``, ``ci_low``, ``ci_high``, ``n_replications``, counting
every run), in the same order, so every reader of summary.json reads both.
"""

from __future__ import annotations

from typing import Any, cast

import numpy as np
import pandas as pd

from jobfirst_sim.ensemble_stats import combine


def combined_cells(df: pd.DataFrame, level: str, weights: dict[int, float]
                   ) -> dict[Any, dict[Any, dict[str, Any]]]:
    """``arm -> level -> metric -> interval`` over members and replications (``df`` has a
    ``member`` column numbering the members as ``weights`` does)."""
    members = sorted(weights)
    w = np.array([weights[k] for k in members], float)
    values = df["value"].to_numpy(float)
    member = df["member"].to_numpy()
    rank = {arm: i for i, arm in enumerate(df["arm"].dropna().unique())}
    cells = cast("dict[tuple[Any, Any, Any], np.ndarray]",
                 df.groupby(["arm", level, "metric"], sort=False).indices)
    out: dict[Any, dict[Any, dict[str, Any]]] = {}
    for arm, key, metric in sorted(cells, key=lambda k: (rank[k[0]], k[1], k[2])):
        at = cells[arm, key, metric]
        means, var, n = per_member(values[at], member[at], members)
        got = combine(means[None, :], var[None, :], n[None, :], w[None, :])
        out.setdefault(arm, {}).setdefault(key, {})[str(metric)] = {
            "mean": float(got.estimate[0]), "ci_low": float(got.low[0]),
            "ci_high": float(got.high[0]), "n_replications": int(got.n[0])}
    return out


def per_member(values: np.ndarray, member: np.ndarray, members: list[int]
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each member's mean, variance (ddof 1) and count of its finite values (NaN mean and
    count 0 for a member without one)."""
    means, var, n = (np.full(len(members), np.nan), np.full(len(members), np.nan),
                     np.zeros(len(members)))
    for i, k in enumerate(members):
        x = values[(member == k) & np.isfinite(values)]
        n[i] = x.size
        if x.size:
            means[i] = x.mean()
        if x.size > 1:
            var[i] = x.var(ddof=1)
    return means, var, n
