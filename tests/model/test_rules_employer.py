"""The employer side (rules/employer.py): slots never negative and never above what the
rimelighedskrav allows, openness stays a share and moves the way a company's own
placements went; and, in a small run, visits and the company service make slots."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from rule_strategies import N, bools, small_settings, unit, units
from small import small_trial

from jobfirst_sim.model.jobcentre import JobcentreModel
from jobfirst_sim.model.rules import employer

counts = arrays(np.int64, N, elements=st.integers(0, 12))
sizes = arrays(np.int64, N, elements=st.integers(0, 400))
normals = arrays(np.float64, N, elements=st.floats(-4.0, 4.0))
visits = arrays(np.float64, N, elements=st.floats(0.0, 50.0))


def test_rimelighedskrav_as_the_rule_states_it() -> None:
    # 1 for every 5 ordinary employees up to 50, always at least 1, then 1 for every 10
    employees = np.array([0, 1, 5, 9, 10, 14, 15, 49, 50, 59, 60, 100, 250])
    expected = np.array([1, 1, 1, 1, 2, 2, 3, 9, 10, 10, 11, 15, 30])
    assert np.array_equal(employer.reasonable_cap(employees=employees), expected)


@small_settings
@given(sizes, sizes)
def test_cap_at_least_one_and_grows_with_size(a, b):
    ca, cb = employer.reasonable_cap(employees=a), employer.reasonable_cap(employees=b)
    assert np.all(ca >= 1)
    assert np.all(ca[a <= b] <= cb[a <= b])


@small_settings
@given(arrays(np.int64, N, elements=st.integers(0, 40)), normals, st.floats(1.0, 200.0),
       st.floats(0.0, 3.0))
def test_start_size_allows_the_standing_tasks(tasks, z, median, spread):
    need = employer.employees_for(tasks=tasks)
    assert np.all(employer.reasonable_cap(employees=need) >= tasks)
    several = tasks >= 2  # the smallest such company: one employee fewer would not do
    assert np.all(employer.reasonable_cap(employees=need[several] - 1) < tasks[several])
    size = employer.employees_at_start(tasks=tasks, z=z, employees_median=median,
                                       employees_spread=spread)
    assert np.all(size >= need)
    assert np.all(employer.reasonable_cap(employees=size) >= tasks)


@small_settings
@given(visits, visits, units, unit, st.floats(0.0, 12.0))
def test_slot_chance_is_a_probability_rising_with_visits(v1, v2, openness, carve, service):
    p1 = employer.new_slot_chance(visits_per_company=v1, openness=openness,
                                  carve_chance_per_visit=carve,
                                  service_vacancies_per_year=service)
    p2 = employer.new_slot_chance(visits_per_company=v2, openness=openness,
                                  carve_chance_per_visit=carve,
                                  service_vacancies_per_year=service)
    assert np.all((p1 >= 0) & (p1 <= 1))
    more = v1 <= v2
    assert np.all(p1[more] <= p2[more] + 1e-12)
    share = employer.carved_share(visits_per_company=v1, openness=openness,
                                  carve_chance_per_visit=carve,
                                  service_vacancies_per_year=service)
    assert np.all((share >= 0) & (share <= 1))
    none = employer.new_slot_chance(visits_per_company=np.zeros(N), openness=openness,
                                    carve_chance_per_visit=carve,
                                    service_vacancies_per_year=0.0)
    assert np.all(none == 0)


@small_settings
@given(sizes, counts, counts, counts, bools, bools)
def test_tasks_stay_within_use_and_the_rimelighedskrav(employees, base, extra, used,
                                                       new_slot, expire):
    cap = employer.reasonable_cap(employees=employees)
    # a lawful state: standing tasks within the cap, slots in use within the slots
    base = np.minimum(base, cap)
    tasks = np.minimum(base + extra, cap)
    placements = np.minimum(used, tasks)
    out = employer.update_tasks(tasks=tasks, base_tasks=base, placements=placements,
                                cap=cap, new_slot=new_slot, expire=expire)
    assert np.all(out >= 0)
    assert np.all(out <= cap)  # never above what size and the rimelighedskrav allow
    assert np.all(out >= placements)  # a slot in use never vanishes
    assert np.all(out >= base)  # standing tasks never expire
    assert np.all(np.abs(out - tasks) <= 1)
    assert np.all(out[~new_slot] <= tasks[~new_slot])
    assert np.all(out[~expire] >= tasks[~expire])


@small_settings
@given(units, units, counts, counts, unit, unit, unit)
def test_openness_stays_a_share_and_learns_its_direction(openness, start, good, broke,
                                                         gain, loss, revert):
    out = employer.learn_openness(
        openness=openness, openness_start=start, successes=good, breakdowns=broke,
        openness_gain_per_success=gain, openness_loss_per_breakdown=loss,
        openness_reversion_per_week=revert)
    assert np.all((out >= 0) & (out <= 1))
    zero = np.zeros(N, np.int64)
    up = employer.learn_openness(
        openness=openness, openness_start=openness, successes=good, breakdowns=zero,
        openness_gain_per_success=gain, openness_loss_per_breakdown=loss,
        openness_reversion_per_week=revert)
    down = employer.learn_openness(
        openness=openness, openness_start=openness, successes=zero, breakdowns=broke,
        openness_gain_per_success=gain, openness_loss_per_breakdown=loss,
        openness_reversion_per_week=revert)
    assert np.all(up >= openness - 1e-12)  # a placement that went well never closes
    assert np.all(down <= openness + 1e-12)  # a break-down never opens


def _run(**extra: object) -> JobcentreModel:
    model = JobcentreModel(small_trial(120, 40, weeks=40, **extra), 7, 0, weekly=False)
    co = model.companies
    cap = employer.reasonable_cap(employees=co.employees)
    while model.week < model.total_weeks:
        model.step()
        assert np.all((co.tasks >= co.placements) & (co.tasks <= cap))
        assert np.all((co.openness >= 0) & (co.openness <= 1))
    return model


def test_visits_and_the_company_service_make_slots_and_openness_learns() -> None:
    model = _run(**{"behaviour.employer.service_vacancies_per_year": 2.0,
                    "behaviour.employer.carve_chance_per_visit": 0.4})
    co = model.companies
    assert co.carved.sum() > 0
    assert co.offered.sum() > 0
    assert np.any(co.tasks > co.base_tasks)
    assert co.breakdowns.sum() > 0
    assert not np.allclose(co.openness, co.openness_start)


def test_without_sources_or_learning_the_pool_stays_as_drawn() -> None:
    model = _run(**{"behaviour.employer.service_vacancies_per_year": 0.0,
                    "behaviour.employer.carve_chance_per_visit": 0.0,
                    "behaviour.employer.openness_gain_per_success": 0.0,
                    "behaviour.employer.openness_loss_per_breakdown": 0.0})
    co = model.companies
    assert co.carved.sum() == 0 and co.offered.sum() == 0
    assert np.array_equal(co.tasks, co.base_tasks)
    assert np.array_equal(co.openness, co.openness_start)
