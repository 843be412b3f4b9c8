"""The placement as practice runs it (issue 22 §5): transition support in the first weeks,
the review at week 13, the mastery threshold from the weeks to first paid hours.
Invariants as hypothesis properties, plus the worked cases the docs give."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from rule_strategies import N, bools, hours_arr, purposes, small_settings, unit, units

from jobfirst_sim.model.rules import placement
from jobfirst_sim.scenario.behaviour import Behaviour

PL = Behaviour().placement
weeks_arr = arrays(np.int64, N, elements=st.integers(0, 40))


@small_settings
@given(weeks_arr, bools, st.floats(0.0, 20.0), st.integers(1, 26), unit)
def test_startup_multiplier_is_at_least_one_and_support_lowers_it(weeks, sup, hazard,
                                                                   window, protect):
    kw = dict(weeks_in_placement=weeks, startup_hazard=hazard, transition_weeks=window,
              transition_support_protection=protect)
    m = placement.startup_multiplier(supported=sup, **kw)
    assert np.all((m >= 1.0) & (m <= 1.0 + hazard + 1e-12))
    late = weeks > window
    assert np.all(m[late] == 1.0)  # after the transition: the settled hazard
    with_support = placement.startup_multiplier(supported=np.ones(N, bool), **kw)
    without = placement.startup_multiplier(supported=np.zeros(N, bool), **kw)
    assert np.all(with_support <= without + 1e-12)
    early = (weeks >= 1) & (weeks <= window)
    assert np.allclose(without[early], 1.0 + hazard)
    assert np.allclose(with_support[early], 1.0 + hazard * (1.0 - protect))


def test_full_protection_removes_the_startup_risk_and_none_keeps_it():
    w = np.array([1, 2, 4, 5], np.int64)
    kw = dict(weeks_in_placement=w, supported=np.ones(4, bool), startup_hazard=0.5,
              transition_weeks=4)
    assert np.allclose(placement.startup_multiplier(transition_support_protection=1.0, **kw), 1)
    assert np.allclose(placement.startup_multiplier(transition_support_protection=0.0, **kw),
                       [1.5, 1.5, 1.5, 1.0])


@small_settings
@given(bools, weeks_arr, st.integers(1, 26))
def test_transition_due_only_in_the_first_weeks_of_a_placement(inp, weeks, window):
    out = placement.transition_due(in_placement=inp, weeks_in_placement=weeks,
                                   transition_weeks=window)
    assert not (out & ~inp).any()
    assert np.array_equal(out[inp], (weeks + 1 <= window)[inp])


def _review(**over: object) -> np.ndarray:
    kw: dict[str, object] = dict(
        in_placement=np.ones(N, bool), weeks_in_placement=np.full(N, 13),
        mastered=np.ones(N, bool), wage_hours=np.zeros(N), room=np.ones(N),
        agreement=np.ones(N, bool), purpose=np.zeros(N, np.int64), review_week=13,
        room_switch_threshold=0.6, max_weeks=26)
    kw.update(over)
    return placement.placement_review(**kw)  # type: ignore[arg-type]


@small_settings
@given(bools, weeks_arr, bools, hours_arr, units, bools, purposes, st.integers(1, 30),
       unit, st.integers(4, 52))
def test_review_outcomes_follow_the_sub_goals(inp, weeks, mastered, wage, room, agreement,
                                              purpose, review, thr, max_weeks):
    out = _review(in_placement=inp, weeks_in_placement=weeks, mastered=mastered,
                  wage_hours=wage, room=room, agreement=agreement, purpose=purpose,
                  review_week=review, room_switch_threshold=thr, max_weeks=max_weeks)
    at = inp & (weeks == review)
    assert np.all(out[~at] == placement.REVIEW_NONE)
    assert set(np.unique(out[at])) <= {1, 2, 3, 4}
    # hours reached always convert
    assert np.all(out[at & (wage > 0)] == placement.REVIEW_CONVERT)
    # a switch only for an hours-oriented placement whose sub-goals are met but the
    # company cannot pay; a conversion from nothing only where it can
    sw = out == placement.REVIEW_SWITCH
    assert np.all(agreement[sw] & mastered[sw] & (purpose[sw] == 0) & (room[sw] < thr))
    conv0 = (out == placement.REVIEW_CONVERT) & (wage <= 0)
    assert np.all(agreement[conv0] & mastered[conv0] & (room[conv0] >= thr))
    # without a work agreement there are no sub-goals to review: no switch, no purpose end
    no_goals = at & ~agreement & (wage <= 0)
    assert np.all(out[no_goals] == np.where(max_weeks > review, placement.REVIEW_EXTEND,
                                            placement.REVIEW_END))
    # an extension only when the legal maximum leaves room
    if max_weeks <= review:
        assert not (out == placement.REVIEW_EXTEND).any()


def test_review_worked_cases():
    z = np.zeros(N, bool)
    assert np.all(_review() == placement.REVIEW_CONVERT)
    assert np.all(_review(room=np.full(N, 0.3)) == placement.REVIEW_SWITCH)
    assert np.all(_review(mastered=z) == placement.REVIEW_EXTEND)
    assert np.all(_review(mastered=z, max_weeks=13) == placement.REVIEW_END)
    assert np.all(_review(purpose=np.full(N, 2, np.int64)) == placement.REVIEW_END)
    assert np.all(_review(weeks_in_placement=np.full(N, 12)) == placement.REVIEW_NONE)


@small_settings
@given(st.floats(0.5, 104.0), st.floats(0.001, 1.0))
def test_mastery_threshold_is_the_mastery_reached_in_those_weeks(weeks, rate):
    thr = placement.mastery_threshold(weeks_to_first_hours=weeks, mastery_rate=rate)
    assert 0.0 < thr < 1.0 or np.isclose(thr, 1.0)
    # a citizen of fit 0.5 without follow-up reaches it in ``weeks`` weeks (whole weeks)
    m = np.zeros(1)
    for _ in range(int(np.ceil(weeks))):
        m = placement.grow_mastery(mastery=m, fit=np.full(1, 0.5), followup=np.zeros(1, bool),
                                   mastery_rate=rate, followup_mastery_boost=0.0)
    assert m[0] >= thr - 1e-9
    later = placement.mastery_threshold(weeks_to_first_hours=weeks + 1, mastery_rate=rate)
    assert later >= thr


def test_the_default_keeps_the_earlier_threshold():
    thr = placement.mastery_threshold(weeks_to_first_hours=PL.weeks_to_first_hours,
                                      mastery_rate=PL.mastery_rate)
    assert abs(thr - 0.6) < 0.01
