"""The one rule for intervals under an ensemble (jobfirst_sim.ensemble_stats)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from jobfirst_sim.ensemble_stats import member_interval, per_member
from jobfirst_sim.stats import t_interval

VALUES = st.lists(st.floats(-1.0, 1.0, allow_subnormal=False), min_size=2, max_size=12)


@settings(max_examples=50, deadline=None)
@given(values=VALUES)
def test_one_member_is_the_noise_only_t_interval_to_the_last_bit(values: list[float]) -> None:
    assert member_interval(values, np.zeros(len(values), int), [1.0]) == t_interval(values)


@settings(max_examples=50, deadline=None)
@given(values=VALUES)
def test_two_members_that_ran_the_same_hold_no_parameter_spread(values: list[float]) -> None:
    """The same runs under two members: their means agree, so the interval is the noise of
    the mean over both, never wider than one member's own."""
    both = [*values, *values]
    member = np.repeat([0, 1], len(values))
    got = member_interval(both, member, [0.5, 0.5])
    alone = t_interval(values)
    assert np.isclose(got.mean, alone.mean)
    assert got.high - got.low <= alone.high - alone.low + 1e-12
    assert got.n == 2 * len(values)


def test_per_member_counts_only_finite_values() -> None:
    means, var, n = per_member([1.0, np.nan, 3.0, 5.0], [0, 0, 1, 1], [0, 1, 2])
    assert list(n) == [1, 2, 0]
    assert means[0] == 1.0 and means[1] == 4.0 and np.isnan(means[2])
    assert np.isnan(var[0]) and var[1] == 2.0
