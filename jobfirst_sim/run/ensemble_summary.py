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

from jobfirst_sim.ensemble_stats import member_interval


def combined_cells(df: pd.DataFrame, level: str, weights: dict[int, float]
                   ) -> dict[Any, dict[Any, dict[str, Any]]]:
    """``arm -> level -> metric -> interval`` over members and replications (``df`` has a
    ``member`` column numbering the members as ``weights`` does)."""
    members = sorted(weights)
    w = [weights[k] for k in members]
    values = df["value"].to_numpy(float)
    member = df["member"].to_numpy()
    rank = {arm: i for i, arm in enumerate(df["arm"].dropna().unique())}
    cells = cast("dict[tuple[Any, Any, Any], np.ndarray]",
                 df.groupby(["arm", level, "metric"], sort=False).indices)
    out: dict[Any, dict[Any, dict[str, Any]]] = {}
    for arm, key, metric in sorted(cells, key=lambda k: (rank[k[0]], k[1], k[2])):
        at = cells[arm, key, metric]
        got = member_interval(values[at], member[at], w)
        out.setdefault(arm, {}).setdefault(key, {})[str(metric)] = {
            "mean": got.mean, "ci_low": got.low, "ci_high": got.high, "n_replications": got.n}
    return out
