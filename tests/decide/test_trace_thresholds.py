"""The mechanism trace's threshold rule (decide/trace.py): a change below its link's
threshold is never marked, however sure; an input is never marked; a clear change past
the threshold is marked in its direction."""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from jobfirst_sim.decide.trace import (
    INPUT,
    MIN_POINTS,
    MIN_RELATIVE,
    POINTS,
    RELATIVE,
    STEPS,
    TRACE,
    direction,
    with_directions,
)

JUDGED = [s for s in TRACE if s.rule != INPUT]
finite = st.floats(-1e6, 1e6, allow_nan=False)
anything = st.floats(allow_nan=True, allow_infinity=True)


@given(step=st.sampled_from(JUDGED), current=st.floats(1e-3, 1e4),
       fraction=st.floats(0.0, 0.999), sign=st.sampled_from([-1.0, 1.0]),
       width=st.floats(0.0, 1.0))
def test_a_change_below_the_threshold_is_never_marked(step, current, fraction, sign, width):
    limit = step.threshold * (current if step.rule == RELATIVE else 1.0)
    diff = sign * fraction * limit
    # the surest interval there is: tight around the change, excluding 0 when it can
    low, high = diff - width * abs(diff) / 2, diff + width * abs(diff) / 2
    assert direction(step, current, diff, low, high) == "none"


@given(current=anything, diff=anything, low=anything, high=anything)
def test_an_input_is_never_marked(current, diff, low, high):
    inputs = [s for s in TRACE if s.rule == INPUT]
    assert inputs and inputs[0].key == "caseload"  # citizens per FTE: what the design sets
    for step in inputs:
        assert direction(step, current, diff, low, high) == "input"


@given(step=st.sampled_from(JUDGED), current=st.floats(1e-3, 1e4),
       factor=st.floats(1.0, 50.0), sign=st.sampled_from([-1.0, 1.0]))
def test_a_clear_change_past_the_threshold_is_marked_in_its_direction(step, current, factor,
                                                                      sign):
    limit = step.threshold * (current if step.rule == RELATIVE else 1.0)
    diff = sign * factor * limit * 1.0001
    low, high = sorted((diff * 0.5, diff * 1.5))
    assert direction(step, current, diff, low, high) == ("up" if sign > 0 else "down")


@given(step=st.sampled_from(JUDGED), current=st.floats(1e-3, 1e4), diff=finite,
       spread=st.floats(0.0, 1e6))
def test_an_interval_holding_zero_is_never_marked(step, current, diff, spread):
    low, high = min(diff, 0.0) - spread, max(diff, 0.0) + spread
    assert direction(step, current, diff, low, high) == "none"


def test_thresholds_are_stated_per_step():
    assert STEPS["hours"].rule == POINTS and STEPS["hours"].threshold == MIN_POINTS
    assert STEPS["trust"].rule == RELATIVE and STEPS["trust"].threshold == MIN_RELATIVE
    assert math.isnan(STEPS["caseload"].threshold)
    # a sure change of half a point in the share with hours is too small to mark
    assert direction(STEPS["hours"], 0.3, 0.005, 0.004, 0.006) == "none"
    assert direction(STEPS["hours"], 0.3, 0.02, 0.01, 0.03) == "up"
    # missing figures are no change
    assert direction(STEPS["hours"], 0.3, float("nan"), 0.01, 0.03) == "none"
    assert direction(STEPS["trust"], float("nan"), 0.2, 0.1, 0.3) == "none"


def test_with_directions_adds_rule_threshold_and_direction():
    t = pd.DataFrame({"step": ["caseload", "hours", "trust"],
                      "current": [60.0, 0.30, 0.50], "proposed": [30.0, 0.35, 0.51],
                      "difference": [-30.0, 0.05, 0.01], "ci_low": [-30.0, 0.03, 0.005],
                      "ci_high": [-30.0, 0.07, 0.015]})
    out = with_directions(t)
    assert list(out["direction"]) == ["input", "up", "none"]
    assert list(out["rule"]) == [INPUT, POINTS, RELATIVE]
