"""Pooling several weekly columns at once gives, column by column, the numbers, rows and
order of pooling each column alone (the way the figures pooled before)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from jobfirst_sim.report.figures.base import weekly_combined
from jobfirst_sim.report.stats import weighted_over, weighted_over_many

BY = ["replication", "arm", "week"]
VALUES = ["share_a", "mean_b", "share_c"]


def _one_column(df: pd.DataFrame, by: list[str], value: str, weight: str) -> pd.DataFrame:
    """A column pooled alone, as the report did it before pooling columns together."""
    d = df[[*by, value, weight]].copy()
    d["_w"] = d[weight].fillna(0).astype(float)
    d["_wx"] = d[value].astype(float) * d["_w"]
    g = d.groupby(by, sort=False, dropna=False)[["_wx", "_w"]].sum().reset_index()
    g[value] = np.where(g["_w"] > 0, g["_wx"] / g["_w"].where(g["_w"] > 0, 1), np.nan)
    g[weight] = g["_w"]
    return g[[*by, value, weight]]


def _weekly(seed: int, rows: int) -> pd.DataFrame:
    """Shuffled rows of two benefit groups with NaN values, zero and missing weights, an
    arm that is NaN and values of very different sizes."""
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({
        "replication": rng.integers(0, 3, rows),
        "arm": rng.choice(np.array(["zeta", "alfa", None], dtype=object), rows,
                          p=[0.45, 0.45, 0.1]),
        "benefit": rng.choice(["kontanthjaelp", "ressourceforloeb"], rows),
        "week": rng.integers(0, 5, rows),
        "n": rng.choice([0.0, 1.0, 7.0, 130.0, np.nan], rows),
    })
    for i, v in enumerate(VALUES):
        x = rng.random(rows) * 10.0 ** (3 * i - 3)
        x[rng.random(rows) < 0.15] = np.nan
        df[v] = x
    return df


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), rows=st.integers(0, 60))
def test_many_columns_pool_as_each_column_alone(seed: int, rows: int) -> None:
    df = _weekly(seed, rows)
    many = weighted_over_many(df, BY, VALUES, "n")
    assert list(many.columns) == [*BY, *VALUES, "n"]
    for v in VALUES:
        alone = _one_column(df, BY, v, "n")
        pd.testing.assert_frame_equal(many[[*BY, v, "n"]], alone, check_exact=True)
        pd.testing.assert_frame_equal(weighted_over(df, BY, v, "n"), alone, check_exact=True)


def test_weekly_combined_pools_over_benefit_groups_by_size() -> None:
    df = pd.DataFrame({"replication": [0, 0], "arm": ["a", "a"], "week": [1, 1],
                       "benefit": ["kontanthjaelp", "ressourceforloeb"], "n": [1, 3],
                       "share_a": [0.0, 1.0], "mean_b": [2.0, 6.0]})
    out = weekly_combined(df, ["share_a", "mean_b"])
    assert out[["share_a", "mean_b", "n"]].to_numpy().tolist() == [[0.75, 5.0, 4.0]]
