"""The outcomes grouped once (:class:`ReplicationValues`) give, for every arm, metric and
benefit group asked for, exactly the series :func:`per_replication` filters out."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobfirst_sim.report.headline import ReplicationValues, per_replication

ARMS = ("zeta", "alfa", "None")
METRICS = ("share_with_hours_w78", "mean_wage_hours_w78", "ever_hours_share")
BENEFITS = ("all", "kontanthjaelp", "ressourceforloeb")


def _outcomes(seed: int, rows: int) -> pd.DataFrame:
    """Shuffled rows: national and municipal, repeated replications (a mean of several
    rows), a missing replication, a missing arm and NaN values."""
    rng = np.random.default_rng(seed)
    rep = rng.integers(0, 4, rows).astype(float)
    rep[rng.random(rows) < 0.05] = np.nan
    value = rng.random(rows) * 10.0 ** rng.integers(-3, 4, rows)
    value[rng.random(rows) < 0.1] = np.nan
    return pd.DataFrame({
        "replication": rep,
        "arm": rng.choice(np.array(["zeta", "alfa", None], dtype=object), rows),
        "benefit": rng.choice(BENEFITS, rows),
        "municipality": rng.choice(["all", "all", "Ærø"], rows),
        "metric": rng.choice(METRICS, rows),
        "value": value,
    })


@pytest.mark.slow
@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), rows=st.integers(0, 120))
def test_grouped_once_equals_filtered_each_time(seed: int, rows: int) -> None:
    out = _outcomes(seed, rows)
    values = ReplicationValues(out)
    for arm in ARMS:
        for metric in (*METRICS, "not_a_metric"):
            for benefit in BENEFITS:
                pd.testing.assert_series_equal(values.get(arm, metric, benefit),
                                               per_replication(out, arm, metric, benefit),
                                               check_exact=True)


def test_a_real_shaped_table_reads_every_cell() -> None:
    out = pd.DataFrame({"replication": [1, 0, 0, 1], "arm": ["a"] * 4, "benefit": ["all"] * 4,
                        "municipality": ["all"] * 4, "metric": ["m", "m", "m", "m"],
                        "value": [0.4, 0.1, 0.3, 0.6]})
    got = ReplicationValues(out).get("a", "m", "all")
    assert got.index.tolist() == [0, 1] and got.tolist() == [0.2, 0.5]


def test_a_group_averages_as_alone_beside_a_group_with_nan_in_ordered_rows() -> None:
    # several rows per replication in table order, and a NaN in another group's rows:
    # pandas averages a NaN-free, ordered group plainly when alone but compensated when
    # averaged beside the NaN, which would differ in the last bit
    rng = np.random.default_rng(0)
    for _ in range(20):
        rows = 30
        out = pd.DataFrame({
            "replication": np.tile(np.repeat(np.arange(3), 5), 2),
            "arm": "a", "benefit": "all", "municipality": "all",
            "metric": np.repeat(["m1", "m2"], rows // 2),
            "value": np.r_[rng.random(15) * rng.choice([1, 7, 130], 15), np.nan,
                           rng.random(14)],
        })
        values = ReplicationValues(out)
        for metric in ("m1", "m2"):
            pd.testing.assert_series_equal(values.get("a", metric, "all"),
                                           per_replication(out, "a", metric, "all"),
                                           check_exact=True)
