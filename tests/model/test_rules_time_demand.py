"""The demand formulas of the professional's week (rules/time_budget.py): hours are never
negative, they grow with the citizens that ask for them and vanish without them, the
makkerskab's tasks cost nothing outside a pair, sitting together makes coordination
cheaper, outreach is the company side's alone, and scaling to a full caseload restores
the caseload assigned."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from rule_strategies import N, bools, small_settings, unit

from jobfirst_sim.model.rules import time_budget

counts = arrays(np.float64, N, elements=st.floats(0.0, 200.0, allow_nan=False,
                                                  allow_subnormal=False))
"""Citizens (or expected contacts) per professional. No subnormal counts: halving one
underflows, which says nothing about the rule."""
rates = st.floats(0.0, 10.0, allow_nan=False, allow_subnormal=False)
"""Hours per citizen, visit or meeting, as the scenario's bounds allow (0-10); no subnormal
hours, for the same reason as the counts."""
positive_rates = st.floats(0.01, 10.0, allow_nan=False)


def _joint(first: np.ndarray, pair: np.ndarray, visits: np.ndarray, h: float, share: float,
           interval: int) -> np.ndarray:
    return time_budget.joint_demand(
        first_conversations=first, pair_citizens=pair, joint_visits=visits,
        first_conversation_hours=h, status_meeting_hours=h, status_interval_weeks=interval,
        joint_followup_share=share, followup_visit_hours=h)


@small_settings
@given(counts, rates)
def test_per_citizen_demands_are_citizens_times_hours(n, h):
    for out in (time_budget.casework_demand(citizens=n, casework_hours_per_citizen=h),
                time_budget.followup_demand(visits_due=n, followup_visit_hours=h),
                time_budget.contact_demand(contacts_due=n, hours_per_contact=h)):
        assert np.all(out >= 0)
        assert np.all(out[n == 0] == 0)
        np.testing.assert_allclose(out, n * h)


@small_settings
@given(counts, counts, rates)
def test_more_citizens_never_ask_for_fewer_hours(a, b, h):
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    assert np.all(time_budget.casework_demand(citizens=lo, casework_hours_per_citizen=h)
                  <= time_budget.casework_demand(citizens=hi, casework_hours_per_citizen=h))
    assert np.all(time_budget.contact_demand(contacts_due=lo, hours_per_contact=h)
                  <= time_budget.contact_demand(contacts_due=hi, hours_per_contact=h))


@small_settings
@given(counts, bools, bools, unit.filter(lambda f: f > 0), rates)
def test_coordination_only_in_pairs_and_cheaper_together(n, pair, together, factor, h):
    out = time_budget.coordination_demand(
        citizens=n, makkerskab=pair, colocated=together, colocated_coordination_factor=factor,
        coordination_hours_per_citizen=h)
    assert np.all(out >= 0)
    assert np.all(out[~pair] == 0)
    apart = time_budget.coordination_demand(
        citizens=n, makkerskab=pair, colocated=np.zeros(N, bool),
        colocated_coordination_factor=factor, coordination_hours_per_citizen=h)
    assert np.all(out <= apart + 1e-12)
    # subnormal products keep no relative precision: an absolute floor far below any hour
    np.testing.assert_allclose(out[pair & together], apart[pair & together] * factor,
                               atol=1e-300)


@small_settings
@given(counts, counts, counts, positive_rates, unit, st.integers(1, 52))
def test_joint_work_is_its_three_parts_and_nothing_without_a_pair(first, pair, visits, h,
                                                                  share, interval):
    out = _joint(first, pair, visits, h, share, interval)
    assert np.all(out >= 0)
    parts = (_joint(first, 0 * pair, 0 * visits, h, share, interval)
             + _joint(0 * first, pair, 0 * visits, h, share, interval)
             + _joint(0 * first, 0 * pair, visits, h, share, interval))
    np.testing.assert_allclose(out, parts)
    nobody = np.zeros(N)
    assert np.all(_joint(nobody, nobody, nobody, h, share, interval) == 0)
    # a status meeting every ``interval`` weeks: the weekly hours fall as the interval grows
    assert np.all(_joint(first, pair, visits, h, share, interval + 1) <= out + 1e-12)


@small_settings
@given(bools, counts, rates)
def test_outreach_is_the_company_side_s_alone(company_side, fte, h):
    out = time_budget.outreach_demand(company_side=company_side, fte=fte,
                                      outreach_hours_per_fte=h)
    assert np.all(out[~company_side] == 0)
    np.testing.assert_allclose(out[company_side], fte[company_side] * h)


@small_settings
@given(counts, counts)
def test_full_caseload_factor_restores_the_caseload_assigned(assigned, now):
    now = np.minimum(np.floor(now), np.floor(assigned))  # serving now: some of those assigned
    assigned = np.floor(assigned)
    f = time_budget.full_caseload_factor(assigned=assigned, served_now=now)
    assert np.all(f[now == 0] == 1)
    served = now > 0
    assert np.all(f[served] >= 1)
    np.testing.assert_allclose(f[served] * now[served], assigned[served])


def test_the_formulas_on_a_worked_week():
    """Four citizens at 0.25 h casework, two follow-ups of 1.5 h, a pair sharing ten
    citizens at 0.1 h sitting together (factor 0.5), and a consultant on 0.8 FTE with
    4 h outreach per full-time week."""
    one = np.array
    assert time_budget.casework_demand(citizens=one([4.0]),
                                       casework_hours_per_citizen=0.25).tolist() == [1.0]
    assert time_budget.followup_demand(visits_due=one([2.0]),
                                       followup_visit_hours=1.5).tolist() == [3.0]
    assert time_budget.coordination_demand(
        citizens=one([10.0]), makkerskab=one([True]), colocated=one([True]),
        colocated_coordination_factor=0.5, coordination_hours_per_citizen=0.1
    ).tolist() == [0.5]
    assert time_budget.joint_demand(
        first_conversations=one([1.0]), pair_citizens=one([8.0]), joint_visits=one([4.0]),
        first_conversation_hours=1.0, status_meeting_hours=0.75, status_interval_weeks=4,
        joint_followup_share=0.25, followup_visit_hours=1.5).tolist() == [1.0 + 1.5 + 1.5]
    assert time_budget.outreach_demand(company_side=one([True, False]), fte=one([0.8, 1.0]),
                                       outreach_hours_per_fte=4.0).tolist() == [3.2, 0.0]


@small_settings
@given(arrays(np.float64, N, elements=st.floats(0, 200)), st.floats(0, 10))
def test_transition_support_is_one_contact_per_starting_placement(n, h):
    out = time_budget.transition_demand(placements_starting=n, transition_contact_hours=h)
    assert np.all(out >= 0)
    assert np.allclose(out, n * h)
    assert np.all(time_budget.transition_demand(placements_starting=n + 1,
                                                transition_contact_hours=h) >= out)
