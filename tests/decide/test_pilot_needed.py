"""The pilot a first screen names (decide/pilot_needed.py): the closed-form size per arm is
the inverse of the two-proportion power, and it is judged against the cohort a pilot can
draw on."""

from __future__ import annotations

import math

import pytest
from small import small_calendar

from jobfirst_sim.decide.pilot_cohort import cohort_size
from jobfirst_sim.decide.pilot_needed import PilotNeed, pilot_need, size_per_arm
from jobfirst_sim.decide.power import formula_power


@pytest.mark.parametrize(("p_a", "p_b"), [(0.10, 0.15), (0.30, 0.22), (0.05, 0.40)])
def test_the_size_per_arm_reaches_the_power_and_one_fewer_does_not(p_a: float, p_b: float
                                                                    ) -> None:
    m = math.ceil(size_per_arm(p_a, p_b))
    assert formula_power(p_a, p_b, 2 * m, 0.05) >= 0.8
    assert formula_power(p_a, p_b, 2 * (m - 1), 0.05) < 0.8


def test_the_textbook_example() -> None:
    # 10 % against 15 %, 80 % power, 5 % two-sided: 686 per arm (Fleiss et al., no
    # continuity correction)
    assert math.ceil(size_per_arm(0.10, 0.15)) == 686


def test_no_difference_or_no_level_gives_no_size() -> None:
    assert size_per_arm(0.2, 0.2) == math.inf
    assert math.isnan(size_per_arm(float("nan"), 0.2))
    assert math.isnan(size_per_arm(0.2, 1.5))


def test_the_need_is_judged_against_the_cohort_arriving_by_the_horizon() -> None:
    scen = small_calendar(horizon=40, scale=0.1)
    head = {"metric": "share_with_hours_end", "current": 0.10, "proposed": 0.30}
    need = pilot_need(head, scen, "today")
    assert need is not None and need.per_arm == math.ceil(size_per_arm(0.10, 0.30))
    # at the horizon every citizen there counts: the stock and the inflow of 40 weeks
    assert need.cohort == cohort_size(scen, "today", "all", 0) > cohort_size(scen, "today",
                                                                           "all")
    assert need.fits == (2 * need.per_arm <= need.cohort)
    assert pilot_need({**head, "metric": "mean_wage_hours_end"}, scen, "today") is None
    same = pilot_need({**head, "proposed": 0.10}, scen, "today")
    assert same is not None and same.per_arm is None and not same.fits


def test_a_pilot_larger_than_the_cohort_does_not_fit() -> None:
    assert PilotNeed(per_arm=50, cohort=100).fits
    assert not PilotNeed(per_arm=51, cohort=100).fits
    assert PilotNeed(per_arm=51, cohort=100).to_json()["fits"] is False
