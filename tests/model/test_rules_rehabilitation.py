"""The ressourceforløb pathway (rules/rehabilitation.py, the barrier draws of
model/population.py): invariants as hypothesis properties, and model-level checks that
the plan, its health strand and the coordinating caseworker's hours act."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from rule_strategies import N, bools, small_settings, unit, units
from small import small_trial

from jobfirst_sim.domain import Task
from jobfirst_sim.model.jobcentre import JobcentreModel
from jobfirst_sim.model.population import draw_barriers
from jobfirst_sim.model.rules import rehabilitation
from jobfirst_sim.model.stages.contact import RESSOURCEFORLOEB
from jobfirst_sim.scenario.behaviour import TASK_ORDER
from jobfirst_sim.scenario.population import Beta

weeks_arr = arrays(np.int64, N, elements=st.integers(-5, 200))


@small_settings
@given(weeks_arr, st.integers(1, 52))
def test_plan_revised_at_start_and_every_interval(since, every):
    out = rehabilitation.plan_revised(weeks_since_start=since, plan_review_weeks=every)
    assert not out[since < 0].any()  # nobody's plan before their start
    assert out[since == 0].all()  # the plan is made at the start
    assert np.array_equal(out[since >= 0], (since % every == 0)[since >= 0])


@small_settings
@given(bools, bools, bools, units, units, units, unit, unit)
def test_health_led_only_for_rf_and_stands_between_revisions(current, revised, rf, phys,
                                                             ment, u, share, floor):
    out = rehabilitation.health_led(current=current, revised=revised, rehabilitation=rf,
                                    physical=phys, mental=ment, u=u, health_led_share=share,
                                    treatment_barrier_floor=floor)
    assert not out[~rf].any()
    keep = rf & ~revised
    assert np.array_equal(out[keep], current[keep])
    # at a revision: never below the floor, never when the draw says no
    worst = np.maximum(phys, ment)
    assert not out[revised & (worst < floor)].any()
    assert not out[revised & (u >= share)].any()
    assert out[rf & revised & (u < share) & (worst >= floor)].all()


@small_settings
@given(units, bools, unit)
def test_treated_barrier_falls_only_in_treatment(barrier, treat, gain):
    out = rehabilitation.treated_barrier(barrier=barrier, in_treatment=treat,
                                         gain_per_week=gain)
    assert np.all((out >= 0) & (out <= 1))
    assert np.all(out <= barrier + 1e-15)
    assert np.array_equal(out[~treat], barrier[~treat])


@small_settings
@given(bools, unit)
def test_search_factor_is_one_outside_treatment(treat, factor):
    out = rehabilitation.search_factor(in_treatment=treat, treatment_search_factor=factor)
    assert np.all(out[~treat] == 1.0)
    assert np.all(out[treat] == factor)


@small_settings
@given(arrays(np.float64, N, elements=st.floats(0, 100)), st.floats(0, 10))
def test_coordination_demand_is_additive_per_citizen(citizens, hours):
    out = rehabilitation.coordination_demand(rehabilitation_citizens=citizens,
                                             rehabilitation_coordination_hours=hours)
    assert np.all(out >= 0)
    assert np.allclose(out, citizens * hours)


@small_settings
@given(st.floats(0.1, 0.9), st.floats(2.0, 20.0), st.floats(0.0, 0.9),
       st.integers(0, 2**32 - 1))
def test_correlated_barriers_keep_the_beta_marginals(mean, conc, rho, seed):
    spec = Beta(mean=mean, concentration=conc)
    phys, ment = draw_barriers(np.random.default_rng(seed), spec, spec, rho, 4000)
    for x in (phys, ment):
        assert np.all((x >= 0) & (x <= 1))
        assert abs(x.mean() - mean) < 0.03
    if rho >= 0.3:
        assert np.corrcoef(phys, ment)[0, 1] > 0.1


def test_no_correlation_is_the_plain_draw():
    a = Beta(mean=0.4)
    p1, m1 = draw_barriers(np.random.default_rng(1), a, a, 0.0, 50)
    rng = np.random.default_rng(1)
    p2 = rng.beta(0.4 * 6, 0.6 * 6, 50)
    m2 = rng.beta(0.4 * 6, 0.6 * 6, 50)
    assert np.array_equal(p1, p2) and np.array_equal(m1, m2)


def _run(weeks: int = 30, **over: object) -> JobcentreModel:
    model = JobcentreModel(small_trial(60, 60, weeks=weeks, **over), 11, 0, weekly=False)
    while model.week < model.total_weeks:
        model.step()
    return model


def test_health_led_effort_lowers_rf_barriers_and_only_theirs():
    on = _run(**{"behaviour.rehabilitation.health_led_share": 1.0,
                 "behaviour.rehabilitation.treatment_barrier_floor": 0.0})
    off = _run(**{"behaviour.rehabilitation.health_led_share": 0.0})
    rf = on.citizens.benefit == RESSOURCEFORLOEB
    assert on.world.health_led[rf].any() and not on.world.health_led[~rf].any()
    assert not off.world.health_led.any()
    assert on.citizens.mental_barrier[rf].mean() < off.citizens.mental_barrier[rf].mean()
    assert on.citizens.physical_barrier[rf].mean() < off.citizens.physical_barrier[rf].mean()


def test_coordinating_caseworker_hours_are_asked_for():
    casework = TASK_ORDER.index(Task.casework)
    more = _run(weeks=10, **{"behaviour.time.rehabilitation_coordination_hours": 2.0})
    none = _run(weeks=10, **{"behaviour.time.rehabilitation_coordination_hours": 0.0})
    assert more.staff.time_demand[:, casework].sum() > none.staff.time_demand[:, casework].sum()
