"""summary.json's intervals from one groupby are those of one sub-frame per cell, in the
same nesting order (arms as they appear; benefit groups, municipalities, metrics sorted)."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd

from jobfirst_sim.run.replicate import summarise
from jobfirst_sim.stats import t_interval


def _nested(outcomes: pd.DataFrame) -> dict[str, Any]:
    """The summary as it was computed before: nested groupbys, a sub-frame per cell."""
    def cell(df: pd.DataFrame) -> dict[str, Any]:
        out = {}
        for metric, g in df.groupby("metric", sort=True):
            ci = t_interval(g["value"].to_numpy())
            out[str(metric)] = {"mean": ci.mean, "ci_low": ci.low, "ci_high": ci.high,
                                "n_replications": ci.n}
        return out

    allm = outcomes[outcomes["municipality"] == "all"]
    allb = outcomes[(outcomes["benefit"] == "all") & (outcomes["municipality"] != "all")]
    return {
        "arms": {arm: {b: cell(g2) for b, g2 in g.groupby("benefit", sort=True)}
                 for arm, g in allm.groupby("arm", sort=False)},
        "municipalities": {arm: {m: cell(g2) for m, g2 in g.groupby("municipality", sort=True)}
                           for arm, g in allb.groupby("arm", sort=False)},
    }


def _outcomes(seed: int) -> pd.DataFrame:
    """Shuffled rows over 4 replications, arms not in name order, a Danish municipality
    name, NaN values and a metric measured in only some cells."""
    rng = np.random.default_rng(seed)
    rows = [{"replication": r, "arm": arm, "benefit": b, "municipality": m, "metric": metric,
             "value": float("nan") if rng.random() < 0.1 else float(rng.random())}
            for r in range(4) for arm in ("zeta", "alfa") for b in ("all", "kontanthjaelp")
            for m in ("all", "Ærø", "Aabenraa") for metric in ("b_share", "a_mean", "c")
            if not (metric == "c" and arm == "alfa" and m == "Ærø")]
    order = rng.permutation(len(rows))
    return pd.DataFrame([rows[i] for i in order])


def test_summary_equals_the_nested_sub_frame_summary() -> None:
    for seed in range(5):
        out = _outcomes(seed)
        assert json.dumps(summarise(out)) == json.dumps(_nested(out))


def test_summary_of_no_rows_is_empty() -> None:
    empty = _outcomes(0).iloc[:0]
    assert summarise(empty) == {"arms": {}, "municipalities": {}}
