"""Random streams: a cached SeedSequence gives exactly the streams of a new one, however
often and in whatever order keys are asked for; a run without weekly aggregates has the
same per-citizen outcomes as a full one (only bookkeeping is skipped)."""

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


def test_a_run_without_weekly_aggregates_has_the_same_outcomes():
    scen = small_trial(n_kh=60, n_rf=20, weeks=40)
    full = run_model(scen, 1, 9, panel=False, journeys_per_arm=0)
    lean = run_model(scen, 1, 9, panel=False, journeys_per_arm=0, weekly=False)
    pd.testing.assert_frame_equal(outcomes_table(full), outcomes_table(lean))
    assert not weekly_table(full).empty
    with pytest.raises(RuntimeError, match="weekly"):  # no pretend weekly table
        weekly_table(lean)
