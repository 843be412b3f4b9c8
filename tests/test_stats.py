"""The one interval rule (jobfirst_sim.stats): behaviour for n < 2, pairing, vectorised form."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats as sps

from jobfirst_sim.stats import paired_difference, summarise_groups, t_interval


def test_no_values_and_one_value_have_no_interval() -> None:
    empty = t_interval([])
    assert empty.n == 0 and math.isnan(empty.mean) and math.isnan(empty.low)
    one = t_interval([0.3, float("nan")])
    assert one.n == 1 and one.mean == 0.3
    assert math.isnan(one.low) and math.isnan(one.high)


def test_matches_textbook_t_interval() -> None:
    x = np.array([0.1, 0.25, 0.2, 0.15])
    iv = t_interval(x)
    half = sps.t.ppf(0.975, 3) * x.std(ddof=1) / 2
    assert iv.n == 4
    assert iv.low == np.float64(x.mean() - half)
    assert math.isclose(iv.high, x.mean() + half)


@given(st.lists(st.floats(-1e6, 1e6), min_size=2, max_size=40))
def test_interval_contains_mean(values: list[float]) -> None:
    iv = t_interval(values)
    assert iv.low <= iv.mean + 1e-6 * (1 + abs(iv.mean))
    assert iv.high >= iv.mean - 1e-6 * (1 + abs(iv.mean))


def test_paired_difference_of_equal_designs_is_exactly_zero() -> None:
    a = [0.2, 0.3, 0.25]
    iv = paired_difference(a, a)
    assert (iv.mean, iv.low, iv.high) == (0.0, 0.0, 0.0)


def test_paired_difference_rejects_unequal_lengths() -> None:
    try:
        paired_difference([1.0, 2.0], [1.0])
    except ValueError as exc:
        assert "differ in length" in str(exc)
    else:
        raise AssertionError("unequal lengths were accepted")


def test_vectorised_form_agrees_with_scalar_rule() -> None:
    df = pd.DataFrame({"g": ["a"] * 3 + ["b"] + ["c"] * 2,
                       "v": [0.1, 0.2, 0.4, 0.5, 1.0, 3.0]})
    out = summarise_groups(df, ["g"], "v").set_index("g")
    for g, part in df.groupby("g"):
        iv = t_interval(part["v"])
        row = out.loc[g]
        assert row["n"] == iv.n and math.isclose(row["mean"], iv.mean)
        for col, want in (("ci_low", iv.low), ("ci_high", iv.high)):
            assert (math.isnan(row[col]) and math.isnan(want)) or math.isclose(row[col], want)
