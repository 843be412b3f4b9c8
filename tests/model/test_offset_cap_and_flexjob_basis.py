"""The two legal rules behind the kroner of partial work (model/observe/accounting.py):
wages plus kontanthjælp never above the highest dagpenge rate (the 2025 offset's cap), and
the flexjob subsidy on its real basis, 98 % of that rate less the wage-dependent reduction,
with wages plus subsidy never above the job's full-time wage (LAB § 123; slagelse.dk).

The rates are written out here, not read from the defaults: the tests check the rules,
and a default can change with next year's rates."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rule_strategies import small_settings
from scipy.optimize import brentq

from jobfirst_sim.model.observe.accounting import (
    KRONER,
    WEEKS_PER_MONTH,
    WeeklyRates,
    flexjob_subsidy,
    weekly_kroner,
)
from jobfirst_sim.model.state import Status
from jobfirst_sim.scenario.cash_benefit import BenefitRules
from jobfirst_sim.scenario.economics import Economics, FlexjobRules

MAX_DAGPENGE = 21_725.0  # DKK a month, 2026 (21,092 in 2025 uprated)
WAGE = 143.0  # DKK an hour, the industry minimum wage 2026
FLEX = FlexjobRules(subsidy_share=0.98, low_reduction=0.30, high_reduction=0.55,
                    threshold_per_month=16_900.0, full_time_hours=37.0)
ECON = Economics(max_dagpenge_per_month=MAX_DAGPENGE, hourly_wage=WAGE, flexjob=FLEX,
                 kontanthjaelp=BenefitRules(higher_rate=20_000.0, share_basic_rate=0.0,
                                            disregard_per_month=2_500.0,
                                            deduction_share=0.30))
RATES = WeeklyRates.of(ECON, np.zeros(1, np.int64))


def _month(hours_a_week: float) -> float:
    return hours_a_week * WAGE * WEEKS_PER_MONTH


def _kroner(status: Status, hours: float) -> dict[str, float]:
    out = weekly_kroner(np.array([int(status)]), np.array([hours]), RATES)
    return {k: float(v[0]) * WEEKS_PER_MONTH for k, v in zip(KRONER, out, strict=True)}


@small_settings
@given(hours=st.floats(0.0, 36.9, allow_nan=False))
def test_wages_plus_cash_benefit_never_exceed_the_highest_dagpenge_rate(hours: float) -> None:
    k = _kroner(Status.partial_support, hours)
    assert k["benefit"] >= 0.0
    assert k["benefit"] + k["wages"] <= max(MAX_DAGPENGE, k["wages"]) + 1e-6


def test_the_cap_binds_where_the_offset_alone_would_pay_more() -> None:
    # 20 hours: the offset leaves 20,000 − 0.30 × (12,393 − 2,500) ≈ 17,032, but wages
    # plus that would be ≈ 29,400 > 21,725: the benefit is cut to the cap's room
    k = _kroner(Status.partial_support, 20.0)
    assert k["benefit"] == pytest.approx(MAX_DAGPENGE - _month(20.0))
    assert k["benefit"] < 20_000.0 - 0.30 * (_month(20.0) - 2_500.0)


def test_flexjob_subsidy_starts_from_98_percent_of_the_highest_dagpenge_rate() -> None:
    assert float(flexjob_subsidy(np.array([0.0]), RATES)[0]) == pytest.approx(
        0.98 * MAX_DAGPENGE)
    wages = 10_000.0  # below the threshold: 30 % of the wages off
    assert float(flexjob_subsidy(np.array([wages]), RATES)[0]) == pytest.approx(
        min(0.98 * MAX_DAGPENGE - 0.30 * wages, _month(37.0) - wages))


def _yearly(hours: float, *, capped: bool) -> float:
    rates = RATES if capped else WeeklyRates.of(
        Economics(max_dagpenge_per_month=MAX_DAGPENGE, hourly_wage=WAGE,
                  flexjob=FLEX.model_copy(update={"full_time_hours": 60.0})),
        np.zeros(1, np.int64))
    if not capped:  # the reduction formula alone: no full-time cap at all
        rates = WeeklyRates(**{**rates.__dict__, "full_time_month_wages": np.inf})
    return 12.0 * float(flexjob_subsidy(np.array([_month(hours)]), rates)[0])


def test_175000_a_year_is_about_30_hours_by_the_reduction_alone() -> None:
    # the claim: the old flat 175,000 DKK is what the formula gives at about
    # 30 hours a week (32 at the entry wage of 143 DKK)
    hours = brentq(lambda h: _yearly(h, capped=False) - 175_000.0, 0.0, 37.0)
    assert 28.0 <= hours <= 34.0
    assert _yearly(30.0, capped=False) == pytest.approx(175_000.0, rel=0.05)


def test_with_the_full_time_cap_175000_is_about_13_hours_at_the_entry_wage() -> None:
    # wages plus subsidy may not exceed the full-time wage: at 143 DKK an hour the cap
    # binds from about 10 hours, so the flat 175,000 matches a short flexjob, and 30
    # hours get only what lifts them to full-time pay
    hours = brentq(lambda h: _yearly(h, capped=True) - 175_000.0, 1.0, 37.0)
    assert 12.0 <= hours <= 15.0
    assert _yearly(30.0, capped=True) == pytest.approx(12.0 * (_month(37.0) - _month(30.0)))
    assert _yearly(30.0, capped=True) < 0.5 * _yearly(30.0, capped=False)
