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
from jobfirst_sim.model.observe.tables import outcomes_table, weekly_table
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


def _splitmix64(state: int, width: int) -> list[float]:
    """SplitMix64 as published (Steele, Lea and Flood 2014), in Python integers."""
    out, mask = [], 2**64 - 1
    for _ in range(width):
        state = (state + 0x9E3779B97F4A7C15) & mask
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        z ^= z >> 31
        out.append((z >> 11) * 2.0**-53)
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 2**64 - 1), min_size=1, max_size=6), st.integers(1, 30))
def test_splitmix_uniforms_are_splitmix64(keys, width):
    """Row i is the first ``width`` outputs of SplitMix64 seeded with keys[i], each in
    [0, 1) (uint64 arithmetic wraps exactly as the reference's masks)."""
    got = seeds.splitmix_uniforms(np.array(keys, np.uint64), width)
    assert got.shape == (len(keys), width)
    assert np.all((got >= 0) & (got < 1))
    for row, key in zip(got, keys, strict=True):
        np.testing.assert_array_equal(row, _splitmix64(key, width))


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**40), st.integers(0, 300),
       st.lists(st.integers(0, 199), min_size=1, max_size=40, unique=True))
def test_citizen_rows_do_not_depend_on_who_else_draws(root, week, rows):
    """Common random numbers: a citizen's row is the same whether computed alone, with
    any other citizens, or for everyone."""
    streams = seeds.WeeklyStreams(root, 3)
    rows = np.array(sorted(rows))
    everyone = streams.citizen_rows(week, "match_pick", 200, np.arange(200), 9)
    np.testing.assert_array_equal(
        streams.citizen_rows(week, "match_pick", 200, rows, 9), everyone[rows])
    np.testing.assert_array_equal(
        streams.citizen_rows(week, "match_pick", 200, rows[:1], 9), everyone[rows[:1]])


def test_citizen_rows_look_uniform_and_independent():
    """A plain statistical check on 20,000 citizens × 25 columns: each column's mean and
    variance are those of U(0, 1), neighbouring columns and citizens are uncorrelated, and
    the normals made from them have mean 0 and SD 1 (tolerances about 5 standard errors)."""
    n = 20_000
    u = seeds.WeeklyStreams(2016, 0).citizen_rows(5, "match_pick", n, np.arange(n), 25)
    se_mean = (1 / 12 / n) ** 0.5
    assert np.all(np.abs(u.mean(axis=0) - 0.5) < 5 * se_mean)
    assert np.all(np.abs(u.var(axis=0) - 1 / 12) < 0.005)
    for a, b in ((u[:, :-1], u[:, 1:]), (u[:-1], u[1:])):
        r = np.corrcoef(a.ravel(), b.ravel())[0, 1]
        assert abs(r) < 5 / a.size**0.5
    z = seeds.standard_normal(u)
    assert abs(z.mean()) < 5 / z.size**0.5 and abs(z.std() - 1) < 0.01
    assert np.isfinite(seeds.standard_normal(np.zeros(1))).all()  # u = 0 is not -inf
