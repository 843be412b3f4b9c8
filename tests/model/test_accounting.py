"""Kroner accounting (model/observe/accounting.py): the earnings offset's invariants, the weekly
amounts by status, staff costs that add up, and accounting that leaves the simulation alone."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rule_strategies import N, hours_arr, small_settings
from small import small_trial

from jobfirst_sim.model.observe.accounting import (
    KRONER,
    WEEKS_PER_MONTH,
    WeeklyRates,
    benefit_after_earnings,
    staff_cost,
    staff_cost_per_citizen,
    weekly_kroner,
)
from jobfirst_sim.model.state import Role, Status
from jobfirst_sim.run.simulate import simulate
from jobfirst_sim.scenario.economics import BenefitRules, Economics

money = st.floats(0.0, 60_000.0, allow_nan=False)
share = st.floats(0.0, 1.0, allow_nan=False)


@small_settings
@given(wages=money, more=money, rate=money, disregard=money, deduction=share)
def test_offset_never_negative_never_rising_and_respects_the_disregard(
        wages: float, more: float, rate: float, disregard: float, deduction: float) -> None:
    kw = dict(monthly_rate=rate, disregard_per_month=disregard, deduction_share=deduction)
    b = float(benefit_after_earnings(np.array(wages), **kw))
    b_more = float(benefit_after_earnings(np.array(wages + more), **kw))
    assert b >= 0.0
    assert b_more <= b + 1e-9  # the benefit never rises with wages
    assert b_more + wages + more >= b + wages - 1e-6  # nor does income fall with wages
    assert float(benefit_after_earnings(np.array(0.0), **kw)) == rate  # full rate at 0
    within = float(benefit_after_earnings(np.array(min(wages, disregard)), **kw))
    assert within == rate  # wages up to the disregard are left alone


def test_offset_on_the_2025_rule() -> None:
    # 10,000 kr. wages: 65 % of the 7,500 above the 2,500 disregard is deducted
    b = benefit_after_earnings(np.array([10_000.0]), monthly_rate=13_000.0,
                               disregard_per_month=2_500.0, deduction_share=0.65)
    assert b[0] == pytest.approx(13_000.0 - 0.65 * 7_500.0)


@small_settings
@given(hours=hours_arr, statuses=st.lists(st.sampled_from(list(Status)), min_size=N,
                                          max_size=N))
def test_weekly_amounts_follow_the_status(hours: np.ndarray, statuses: list[Status]) -> None:
    status = np.array(statuses, np.int64)
    gone = (status == Status.disability_pension) | (status == Status.other_exit)
    hours = np.where(gone, 0.0, hours)  # the model keeps no paid hours after these exits
    benefit = np.arange(N) % 2
    econ = Economics()
    rates = WeeklyRates.of(econ, benefit)
    k = dict(zip(KRONER, weekly_kroner(status, hours, rates), strict=True))
    assert np.all(np.stack(list(k.values())) >= 0)
    np.testing.assert_allclose(k["wages"], hours * econ.hourly_wage)
    on = (status == Status.full_support) | (status == Status.partial_support)
    assert np.all(k["benefit"][~on] == 0)
    full = on & (hours == 0)
    np.testing.assert_allclose(k["benefit"][full],
                               rates.monthly_rate[full] / WEEKS_PER_MONTH)
    kh = econ.kontanthjaelp.monthly_rate
    np.testing.assert_allclose(rates.monthly_rate[benefit == 0], kh)
    # the subsidy falls with the citizen's wages (LAB § 123, test_budget.py) and may reach 0
    # near full time; without wages a citizen in flexjob gets it in full
    flex = status == Status.flexjob
    assert np.all(k["flexjob"][flex & (hours == 0)] > 0)
    assert np.all(k["flexjob"][flex] <= rates.flexjob_max_per_month / WEEKS_PER_MONTH + 1e-9)
    assert np.all(k["flexjob"][status != Status.flexjob] == 0)
    np.testing.assert_allclose(k["pension"][status == Status.disability_pension],
                               econ.disability_pension_per_year / 52)
    assert np.all(k["pension"][status != Status.disability_pension] == 0)


def test_the_rate_paid_is_the_blend_of_rate_and_supplements() -> None:
    r = BenefitRules(higher_rate=10_000, child_supplement=4_000, share_with_children=0.25,
                     single_supplement=0, share_basic_rate=0)
    assert r.monthly_rate == pytest.approx(11_000.0)
    rates = WeeklyRates.of(Economics(kontanthjaelp=r), np.zeros(3, np.int64))
    np.testing.assert_allclose(rates.monthly_rate, 11_000.0)  # what the accounting pays


def test_staff_cost_is_fte_times_yearly_cost_pro_rata() -> None:
    econ = Economics()
    cost = staff_cost(np.array([1.0, 0.5]), np.array([Role.caseworker, Role.mentor]), 26, econ)
    np.testing.assert_allclose(cost, [econ.staff_cost_per_fte.caseworker / 2,
                                      econ.staff_cost_per_fte.mentor / 4])


def test_staff_shares_add_up_to_each_cell_by_citizen_weeks() -> None:
    cost = np.array([100.0, 50.0, 30.0])
    share = staff_cost_per_citizen(cost, np.array([0, 0, 1]), np.array([0, 0, 1, 1]),
                                   np.array([10.0, 30.0, 5.0, 5.0]))
    np.testing.assert_allclose(share, [37.5, 112.5, 15.0, 15.0])


def _no_kroner(df: pd.DataFrame) -> pd.DataFrame:
    return df[~df["metric"].str.startswith("dkk_")].reset_index(drop=True)


def test_rates_change_only_the_kroner_metrics() -> None:
    base = simulate(small_trial(60, 20, 30), 0, 5)
    dear = simulate(small_trial(60, 20, 30, **{"economics.hourly_wage": 300,
                                               "economics.staff_cost_per_fte.mentor": 1e6}),
                    0, 5)
    pd.testing.assert_frame_equal(_no_kroner(base.outcomes), _no_kroner(dear.outcomes))
    pd.testing.assert_frame_equal(base.weekly, dear.weekly)
    kr = base.outcomes[base.outcomes["metric"].str.startswith("dkk_")]
    kr_dear = dear.outcomes[dear.outcomes["metric"].str.startswith("dkk_")]
    assert not kr["value"].reset_index(drop=True).equals(kr_dear["value"].reset_index(drop=True))


def test_net_public_cost_is_the_sum_of_its_parts() -> None:
    o = simulate(small_trial(60, 20, 30), 0, 5).outcomes
    wide = o.pivot_table(index=["arm", "benefit", "municipality"], columns="metric",
                         values="value")
    parts = wide[["dkk_staff_per_citizen", "dkk_benefit_per_citizen",
                  "dkk_flexjob_per_citizen", "dkk_pension_per_citizen"]].sum(axis=1)
    np.testing.assert_allclose(wide["dkk_public_net_per_citizen"], parts)
    # groups share the arm's staff cost: per-citizen values weighted by citizens add up
    w = wide.reset_index()
    w = w[w["municipality"] == "all"]
    staff = w["dkk_staff_per_citizen"] * w["n_citizens"]
    for arm in w["arm"].unique():
        mine = w["arm"] == arm
        whole = float(staff[mine & (w["benefit"] == "all")].iloc[0])
        assert float(staff[mine & (w["benefit"] != "all")].sum()) == pytest.approx(whole)
