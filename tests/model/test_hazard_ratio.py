"""The job chance after a change of contact person (``hours_hazard_ratio_after_change``):
the stratified (Mantel-Haenszel) rate ratio equals the one counted week by week, citizen
by citizen, and it cannot credit a change with the passing of time."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobfirst_sim.model.observe.outcomes import HAZARD_BIN_WEEKS, hours_hazard_ratio_after_change


def _by_hand(g: dict[str, np.ndarray]) -> float:
    """The same estimator from an explicit citizen-week listing: every week at risk (from
    the start until first hours or the end) is exposure before or after the first change,
    in its 13-week stratum; first hours are an event in the stratum of its week."""
    strata: dict[int, list[float]] = {}  # stratum -> [weeks before, after, events before, after]
    for s0, fh, fc, end in zip(g["start_week"], g["first_hours_week"],
                               g["first_change_week"], g["end_week"], strict=True):
        last = end + 1 - s0
        hours_at = (fh if fh >= 0 else end + 1) - s0
        change_at = fc - s0 if 0 <= fc <= end else last
        for week in range(min(hours_at, last)):
            cell = strata.setdefault(week // HAZARD_BIN_WEEKS, [0, 0, 0, 0])
            cell[0 if week < change_at else 1] += 1
        if fh >= 0 and 0 <= hours_at <= last:
            cell = strata.setdefault(hours_at // HAZARD_BIN_WEEKS, [0, 0, 0, 0])
            cell[2 if hours_at < change_at else 3] += 1
    num = sum(ea * wb / (wb + wa) for wb, wa, _, ea in strata.values() if wb + wa > 0)
    den = sum(eb * wa / (wb + wa) for wb, wa, eb, _ in strata.values() if wb + wa > 0)
    return num / den if den > 0 else float("nan")


@st.composite
def cohorts(draw: st.DrawFn) -> dict[str, np.ndarray]:
    n = draw(st.integers(1, 30))
    start = np.array(draw(st.lists(st.integers(0, 20), min_size=n, max_size=n)))
    length = np.array(draw(st.lists(st.integers(1, 60), min_size=n, max_size=n)))
    end = start + length - 1
    hours = [draw(st.one_of(st.just(-1), st.integers(int(s), int(e))))
             for s, e in zip(start, end, strict=True)]
    change = [draw(st.one_of(st.just(-1), st.integers(int(s), int(e) + 5)))
              for s, e in zip(start, end, strict=True)]
    return {"start_week": start, "end_week": end, "first_hours_week": np.array(hours),
            "first_change_week": np.array(change)}


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(cohorts())
def test_stratified_ratio_equals_the_week_by_week_count(g):
    got, want = hours_hazard_ratio_after_change(g), _by_hand(g)
    assert (np.isnan(got) and np.isnan(want)) or got == pytest.approx(want, rel=1e-12)


def test_a_change_that_does_nothing_gives_about_one():
    """Hours come at a rate rising with time since start whether or not the contact
    person changed; changes come late. A crude before/after ratio would be far above 1;
    the stratified one is close to 1."""
    rng = np.random.default_rng(5)
    n, weeks = 20_000, 104
    start = np.zeros(n, np.int64)
    hazard = np.linspace(0.002, 0.02, weeks)  # rises with time since start
    hours = np.full(n, -1)
    for w in range(weeks):
        hit = (hours < 0) & (rng.random(n) < hazard[w])
        hours[hit] = w
    change = np.where(rng.random(n) < 0.5, rng.integers(40, 100, n), -1)
    g = {"start_week": start, "end_week": np.full(n, weeks - 1),
         "first_hours_week": hours, "first_change_week": change}
    assert hours_hazard_ratio_after_change(g) == pytest.approx(1.0, abs=0.1)
    # the crude ratio of the same data (all weeks pooled) is far from 1 (about 1.9)
    hours_at = np.where(hours >= 0, hours, weeks)
    change_at = np.where(change >= 0, change, weeks)
    before = np.minimum(hours_at, change_at).sum()
    after = np.clip(hours_at - change_at, 0, None).sum()
    events_after = ((hours >= 0) & (hours_at >= change_at)).sum()
    events_before = ((hours >= 0) & (hours_at < change_at)).sum()
    assert (events_after / after) / (events_before / before) > 1.5
