"""Random streams: a cached SeedSequence, and the weekly keys hashed in blocks, give exactly
the streams of a new SeedSequence, however often and in whatever order keys are asked
for; a run without weekly aggregates has the same per-citizen outcomes as a full one (only
bookkeeping is skipped)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from small import small_trial

from jobfirst_sim.model import seeds
from jobfirst_sim.model.tables import outcomes_table, weekly_table
from jobfirst_sim.run.simulate import run_model

keys = st.tuples(st.integers(0, 2**32), st.integers(0, 50), st.integers(0, 5),
                 st.integers(0, 200), st.integers(0, 30))


@settings(max_examples=60, deadline=None)
@given(st.lists(keys, min_size=1, max_size=8))
def test_cached_streams_equal_fresh_ones(asked):
    for root, rep, *key in asked + asked[::-1]:
        fresh = np.random.Generator(np.random.PCG64(
            np.random.SeedSequence(root, spawn_key=(rep, *key))))
        np.testing.assert_array_equal(seeds.generator(root, rep, *key).random(5),
                                      fresh.random(5))


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**70), st.integers(0, 2**40), st.lists(
    st.tuples(st.integers(0, 400), st.sampled_from(seeds.RULES)), min_size=1, max_size=6))
def test_weekly_streams_are_the_seed_sequence_streams(root, rep, asked):
    """The block-hashed weekly generators are exactly numpy's SeedSequence ones, for any
    root seed and replication (also several 32-bit words long) and in any order."""
    streams = seeds.WeeklyStreams(root, rep)
    for week, name in asked + asked[::-1]:
        key = (seeds.DYNAMICS, week, seeds.RULES.index(name))
        fresh = np.random.Generator(np.random.PCG64(
            np.random.SeedSequence(root, spawn_key=(rep, *key))))
        np.testing.assert_array_equal(streams.rule(week, name).random(4), fresh.random(4))


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**64), st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=5),
       st.integers(1, 9), st.sampled_from([np.uint32, np.uint64]))
def test_batched_pool_and_state_equal_numpy(root, key, n_words, dtype):
    """``batch_pools``/``pool_state`` reproduce ``SeedSequence.pool`` and ``generate_state``
    (the prefix of the key hashed once, its last two words as vectors)."""
    ref = np.random.SeedSequence(root, spawn_key=(*key, 7, 11))
    pools = seeds.batch_pools(root, tuple(key), np.array([[7, 11], [7, 11]]))
    np.testing.assert_array_equal(pools[1], ref.pool)
    np.testing.assert_array_equal(seeds.pool_state(pools, n_words, dtype)[0],
                                  ref.generate_state(n_words, dtype))
    hashed = seeds.HashedSeed(pools[0], seeds.pool_state(pools, 4, np.uint64)[0])
    np.testing.assert_array_equal(hashed.generate_state(n_words, dtype),
                                  ref.generate_state(n_words, dtype))


def test_weekly_streams_refuse_bad_keys():
    with pytest.raises(ValueError, match="weeks start at 0"):
        seeds.WeeklyStreams(1, 0).rule(-1, "contact")
    with pytest.raises(ValueError, match="32 bits"):
        seeds.batch_pools(1, (0,), np.array([[2**33]]))
    with pytest.raises(ValueError, match="non-negative"):
        seeds.batch_pools(-1, (0,), np.array([[1]]))


def test_a_run_without_weekly_aggregates_has_the_same_outcomes():
    scen = small_trial(n_kh=60, n_rf=20, weeks=40)
    full = run_model(scen, 1, 9, panel=False, journeys_per_arm=0)
    lean = run_model(scen, 1, 9, panel=False, journeys_per_arm=0, weekly=False)
    pd.testing.assert_frame_equal(outcomes_table(full), outcomes_table(lean))
    assert not weekly_table(full).empty
    with pytest.raises(RuntimeError, match="weekly"):  # no pretend weekly table
        weekly_table(lean)
