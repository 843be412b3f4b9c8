"""The professional's week (rules/time_budget.py) and company knowledge (rules/knowledge.py):
time is never overspent, the priority order decides what is dropped, shares and chances
are probabilities, and knowledge stays in [0, 1] and grows only with visits."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from rule_strategies import N, small_settings, unit, units

from jobfirst_sim.model.rules import knowledge, time_budget

TASKS = 6
hours = st.floats(0.0, 60.0, allow_nan=False)
demands = arrays(np.float64, (N, TASKS), elements=hours)
available = arrays(np.float64, N, elements=hours)
orders = st.permutations(list(range(TASKS))).map(tuple)


@small_settings
@given(available, demands, orders)
def test_time_is_never_overspent_nor_given_beyond_demand(avail, demand, order):
    served = time_budget.allocate(available=avail, demand=demand, priority=order)
    assert np.all(served >= 0)
    assert np.all(served <= demand + 1e-12)
    assert np.all(served.sum(axis=1) <= avail + 1e-9)


@small_settings
@given(available, demands, orders)
def test_a_task_goes_short_only_when_time_ran_out_and_later_ones_get_nothing(avail, demand,
                                                                            order):
    served = time_budget.allocate(available=avail, demand=demand, priority=order)
    for i in range(N):
        short = [j for j in order if served[i, j] < demand[i, j] - 1e-9]
        if not short:
            continue
        first = order.index(short[0])
        assert served[i].sum() >= avail[i] - 1e-9  # the week was full
        assert all(served[i, j] == 0 for j in order[first + 1:])


def test_priority_decides_what_is_dropped():
    demand = np.array([[10.0, 10.0, 10.0]])
    first = time_budget.allocate(available=np.array([15.0]), demand=demand, priority=(0, 1, 2))
    assert first.tolist() == [[10.0, 5.0, 0.0]]
    last = time_budget.allocate(available=np.array([15.0]), demand=demand, priority=(2, 1, 0))
    assert last.tolist() == [[0.0, 5.0, 10.0]]


@small_settings
@given(demands, demands)
def test_served_share_is_a_share(served, demand):
    share = time_budget.served_share(served=np.minimum(served, demand), demand=demand)
    assert np.all((share >= 0) & (share <= 1))
    assert np.all(share[demand == 0] == 1)


@small_settings
@given(arrays(np.float64, N, elements=st.floats(0.0, 5.0)), st.floats(0, 0.4),
       st.floats(0, 0.3), st.floats(0, 0.3))
def test_net_hours_are_proportional_to_fte_and_below_nominal(fte, leave, absence, admin):
    net = time_budget.net_hours(fte=fte, weekly_hours=37.0, leave_share=leave,
                                absence_share=absence, admin_share=admin)
    assert np.all(net >= 0)
    assert np.all(net <= fte * 37.0 + 1e-9)
    double = time_budget.net_hours(fte=2 * fte, weekly_hours=37.0, leave_share=leave,
                                   absence_share=absence, admin_share=admin)
    assert np.allclose(double, 2 * net)


def test_net_hours_of_a_full_time_professional_with_the_defaults():
    # 37 h x (1 - 0.20) at work, in 1 - 0.15 - 0.045 of the weeks: 23.83 h on average
    net = time_budget.net_hours(fte=np.array([1.0]), weekly_hours=37.0, leave_share=0.15,
                                absence_share=0.045, admin_share=0.20)
    assert net[0] == pytest.approx(37.0 * 0.8 * (1 - 0.15 - 0.045))


@small_settings
@given(units, st.integers(1, 26))
def test_contact_chance_is_a_probability_rising_with_the_time_given(share, every):
    p = time_budget.contact_chance(share=share, interval_weeks=float(every))
    assert np.all((p >= 0) & (p <= 1))
    order = np.argsort(share)
    assert np.all(np.diff(p[order]) >= -1e-12)
    assert np.allclose(time_budget.contact_chance(share=np.ones(N), interval_weeks=1.0), 1.0)


@small_settings
@given(units, arrays(np.float64, N, elements=st.floats(0.0, 50.0)), unit, unit)
def test_knowledge_stays_in_unit_interval_and_grows_with_visits(k, visits, gain, forget):
    out = knowledge.learn_companies(knowledge=k, visits=visits, gain_per_visit=gain,
                                    forget_per_week=forget)
    assert np.all((out >= 0) & (out <= 1))
    more = knowledge.learn_companies(knowledge=k, visits=visits + 1, gain_per_visit=gain,
                                     forget_per_week=forget)
    assert np.all(more >= out - 1e-12)
    idle = knowledge.learn_companies(knowledge=k, visits=np.zeros(N), gain_per_visit=gain,
                                     forget_per_week=forget)
    assert np.all(idle <= k + 1e-12)  # without visits, knowledge only fades


@small_settings
@given(arrays(np.float64, N, elements=hours), arrays(np.float64, N, elements=hours), unit)
def test_company_visits_count_outreach_fully_and_followups_by_weight(out_h, fu_h, weight):
    v = knowledge.company_visits(outreach_hours=out_h, visit_hours=2.0, followup_hours=fu_h,
                                 followup_visit_hours=1.5, followup_visit_weight=weight)
    assert np.all(v >= 0)
    assert np.allclose(v, out_h / 2.0 + weight * fu_h / 1.5)
