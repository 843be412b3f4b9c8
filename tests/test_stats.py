"""The interval rules (jobfirst_sim.stats): the t-interval over replications (n < 2, pairing,
vectorised form) and the Wilson interval of a sample proportion."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats as sps

from jobfirst_sim.stats import (
    fieller_interval,
    paired_difference,
    summarise_groups,
    t_interval,
    wilson_interval,
)


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


def test_t_quantile_is_scipy_stats_t_ppf() -> None:
    """``stdtrit`` (cheap to import) gives the same quantile as ``scipy.stats.t.ppf``."""
    from jobfirst_sim.stats import t_quantile

    n = np.array([0, 1, 2, 3, 5, 20, 1000])
    got = t_quantile(n)
    assert np.isnan(got[:2]).all()
    np.testing.assert_allclose(got[2:], sps.t.ppf(0.975, n[2:] - 1), rtol=1e-12)


# Newcombe (1998), "Two-sided confidence intervals for the single proportion", Stat Med
# 17:857-872, Table I, method 3 (Wilson score): published bounds to four decimals.
@pytest.mark.parametrize(("k", "n", "low", "high"), [
    (81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
])
def test_wilson_matches_published_values(k: int, n: int, low: float, high: float) -> None:
    p, lo, hi = wilson_interval(k, n)
    assert float(p) == k / n
    assert round(float(lo), 4) == low and round(float(hi), 4) == high


@given(st.integers(0, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
       st.sampled_from([0.8, 0.9, 0.95, 0.99]))
def test_wilson_interval_stays_in_0_1_around_the_share(kn: tuple[int, int],
                                                       level: float) -> None:
    k, n = kn
    p, lo, hi = (float(x) for x in wilson_interval(k, n, level))
    if n == 0:
        assert math.isnan(p) and math.isnan(lo) and math.isnan(hi)
        return
    assert 0.0 <= lo <= p <= hi <= 1.0
    assert hi > lo  # never a zero-width interval, not even at k = 0 or k = n


@given(st.lists(st.integers(1, 400), min_size=1, max_size=20))
def test_wilson_is_elementwise_and_narrows_with_n(ns: list[int]) -> None:
    ks = [n // 3 for n in ns]
    p, lo, hi = wilson_interval(ks, ns)
    for i, (k, n) in enumerate(zip(ks, ns, strict=True)):
        one = wilson_interval(k, n)
        assert (p[i], lo[i], hi[i]) == tuple(float(x) for x in one)
    wide = wilson_interval(5, 20)
    narrow = wilson_interval(50, 200)
    assert narrow[2] - narrow[1] < wide[2] - wide[1]


def test_wilson_rejects_more_successes_than_people() -> None:
    with pytest.raises(ValueError, match="between 0 and n"):
        wilson_interval([3], [2])


def test_fieller_with_a_fixed_denominator_is_the_scaled_t_interval() -> None:
    # a known case: y constant, so the ratio's interval is x's t-interval divided by y
    x = np.array([10.0, 14.0, 9.0, 13.0, 11.0])
    r = fieller_interval(x, np.full(5, 2.0))
    ci = t_interval(x)
    assert r.defined and r.n == 5
    assert r.estimate == pytest.approx(ci.mean / 2)
    assert (r.low, r.high) == pytest.approx((ci.low / 2, ci.high / 2))


@given(st.lists(st.tuples(st.floats(-100, 100), st.floats(1, 20)), min_size=3, max_size=12))
def test_fieller_bounds_are_where_x_minus_theta_y_just_reaches_zero(
        pairs: list[tuple[float, float]]) -> None:
    x, y = (np.array(v) for v in zip(*pairs, strict=True))
    r = fieller_interval(x, y)
    ci_y = t_interval(y)
    assert r.defined == (ci_y.low > 0)  # bounded exactly when y's interval excludes 0
    if not r.defined:
        return
    assert r.low <= r.estimate <= r.high
    for theta in (r.low, r.high):  # the defining property of the Fieller set
        ci = t_interval(x - theta * y)
        scale = max(1.0, float(np.abs(x - theta * y).max()))
        assert min(abs(ci.low), abs(ci.high)) == pytest.approx(0.0, abs=1e-6 * scale)


def test_fieller_is_not_defined_when_the_denominator_may_be_zero() -> None:
    r = fieller_interval([1.0, 2.0, 3.0], [-1.0, 0.5, 1.0])
    assert not r.defined and math.isnan(r.low) and math.isnan(r.high)
    assert not fieller_interval([1.0], [2.0]).defined
