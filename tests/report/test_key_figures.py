"""The trial's key-figure table finds every group's rows with one grouping of the whole
run: they are the rows (in the order) a filter for that group gives, and a figure published
for a benefit group the run lacks falls back to all citizens."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from jobfirst_sim.report.headline import ReplicationValues
from jobfirst_sim.report.run import key_figures_table
from jobfirst_sim.targets import TARGETS

METRICS = sorted({tg.metric for tg in TARGETS})


def _outcomes(seed: int, reps: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = [{"replication": r, "arm": arm, "benefit": b, "municipality": m, "metric": metric,
             "value": float(rng.random()) if rng.random() > 0.1 else float("nan")}
            for r in range(reps) for arm in ("jf", "ctl") for b in ("all", "kontanthjaelp")
            for m in ("all", "Ærø") for metric in METRICS if rng.random() > 0.2]
    return pd.DataFrame([rows[i] for i in rng.permutation(len(rows))])


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), reps=st.integers(1, 4))
def test_each_group_has_the_rows_its_filter_finds(seed: int, reps: int) -> None:
    out = _outcomes(seed, reps)
    values = ReplicationValues(out)
    national = out[out["municipality"] == "all"]
    keys = set(national.groupby(["arm", "metric", "benefit"]).size().index)
    for arm in ("jf", "ctl"):
        for metric in METRICS:
            for benefit in ("all", "kontanthjaelp"):
                got = values.rows(arm, metric, benefit)
                assert (got is not None) == ((arm, metric, benefit) in keys)
                if got is not None:
                    pd.testing.assert_frame_equal(got, out[
                        (out["arm"] == arm) & (out["metric"] == metric)
                        & (out["benefit"] == benefit) & (out["municipality"] == "all")])


def test_a_group_the_run_lacks_falls_back_to_all_citizens() -> None:
    t1 = next(tg for tg in TARGETS if tg.id == "T1")  # published for kontanthjælp
    rows = [{"replication": r, "arm": "jf", "benefit": b, "municipality": "all",
             "metric": t1.metric, "value": v}
            for r, v in enumerate((0.30, 0.32)) for b in ("all",)]
    html = key_figures_table(pd.DataFrame(rows), "en", {"jf": t1.role})
    assert "T1" in html and "31.0%" in html
    with_group = pd.DataFrame([*rows, {**rows[0], "benefit": "kontanthjaelp", "value": 0.1}])
    html = key_figures_table(with_group, "en", {"jf": t1.role})
    assert "10.0%" in html and "31.0%" not in html
