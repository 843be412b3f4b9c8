"""Pooling several weekly columns at once gives, column by column, the numbers, rows and
order of pooling each column alone (the way the figures pooled before)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
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


def _weekly(seed: int, rows: int, ordered: bool) -> pd.DataFrame:
    """Rows of two benefit groups with NaN values in some columns, zero and missing
    weights, an arm that is NaN and values of very different sizes; shuffled, or
    ``ordered`` by group (pandas then may sum a block without NaN another way)."""
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({
        "replication": rng.integers(0, 3, rows),
        "arm": rng.choice(np.array(["zeta", "alfa", None], dtype=object), rows,
                          p=[0.45, 0.45, 0.1]),
        "benefit": rng.choice(["kontanthjaelp", "ressourceforloeb"], rows),
        "week": rng.integers(0, 2, rows),
        "n": rng.choice([0.0, 1.0, 7.0, 130.0, np.nan], rows),
    })
    for i, v in enumerate(VALUES):
        x = rng.random(rows) * 10.0 ** (3 * i - 3)
        x[rng.random(rows) < 0.15 * i] = np.nan  # the first column never NaN
        df[v] = x
    if ordered:
        df["n"] = df["n"].fillna(1.0)
        df = df.sort_values([*BY, "benefit"], kind="stable", ignore_index=True)
    return df


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), rows=st.integers(0, 60), ordered=st.booleans())
def test_many_columns_pool_as_each_column_alone(seed: int, rows: int, ordered: bool) -> None:
    df = _weekly(seed, rows, ordered)
    many = weighted_over_many(df, BY, VALUES, "n")
    assert list(many.columns) == [*BY, *VALUES]
    for v in VALUES:
        alone = _one_column(df, BY, v, "n")
        pd.testing.assert_frame_equal(many[[*BY, v]], alone[[*BY, v]], check_exact=True)
        pd.testing.assert_frame_equal(weighted_over(df, BY, v, "n"), alone, check_exact=True)


def test_weekly_combined_pools_over_benefit_groups_by_size() -> None:
    df = pd.DataFrame({"replication": [0, 0], "arm": ["a", "a"], "week": [1, 1],
                       "benefit": ["kontanthjaelp", "ressourceforloeb"], "n": [1, 3],
                       "share_a": [0.0, 1.0], "mean_b": [2.0, 6.0]})
    out = weekly_combined(df, ["share_a", "mean_b"])
    assert out[["share_a", "mean_b"]].to_numpy().tolist() == [[0.75, 5.0]]


def test_a_column_pools_as_alone_beside_a_column_with_nan_in_ordered_rows() -> None:
    # rows ordered by group and a column without NaN: pandas sums such a block plainly,
    # a block holding a NaN compensated; pooled together the first column would differ
    # from pooling it alone in the last bit of most groups
    rng = np.random.default_rng(0)
    for _ in range(20):
        df = pd.DataFrame({"g": np.repeat(np.arange(6), 5), "n": 1.0,
                           "a": rng.random(30) * rng.choice([1, 7, 130], 30),
                           "b": np.r_[np.nan, rng.random(29)]})
        many = weighted_over_many(df, ["g"], ["a", "b"], "n")
        for v in ("a", "b"):
            pd.testing.assert_frame_equal(many[["g", v]], _one_column(df, ["g"], v, "n")[["g", v]],
                                          check_exact=True)
