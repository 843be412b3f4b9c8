"""Whole-model invariants, checked every week of small runs (hypothesis varies seed and levers)."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from small import small_trial

from jobfirst_sim.model.agents import Citizen, Company, Professional
from jobfirst_sim.model.jobcentre import JobcentreModel
from jobfirst_sim.model.population import allocate, cell_counts
from jobfirst_sim.model.state import MEASURE_WEEK, STAGES, Stage, Status


def check_week(model: JobcentreModel) -> None:
    c, co = model.citizens, model.companies
    c.check()
    # a citizen is in at most one placement, and companies count exactly their placements
    in_pl = c.company >= 0
    assert np.array_equal(np.bincount(c.company[in_pl], minlength=co.n), co.placements)
    assert np.all(co.placements <= co.tasks)
    # nobody active before their start; exits are absorbing
    assert not np.any(c.active & (c.start_week > model.week - 1))
    # funnel stages are reached no later than... at or after start
    reached = c.stage_week >= 0
    assert np.all(c.stage_week[reached] >= 0)
    # outcomes are only counted within each citizen's own follow-up
    last = model.spec.run.weeks_followed - 1
    for first in (c.first_hours_week, c.placement13_week, c.placement13_hours_week):
        hit = first >= 0
        assert np.all(first[hit] - c.start_week[hit] <= last)
        assert np.all(first[hit] >= c.start_week[hit])


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), caseload=st.sampled_from([20, 41, 70]),
       social=st.sampled_from(["parallel", "sequential"]),
       switch=st.sampled_from([None, 4, 16]))
def test_invariants_hold_every_week(seed, caseload, social, switch):
    scen = small_trial(60, 20, weeks=40, **{
        "arms.jobfirst.organisation.caseload": caseload,
        "arms.jobfirst.practice.social_effort": social,
        "arms.jobfirst.practice.weeks_without_hours_before_switch": switch,
        "municipalities": [{"name": "A", "weight": 2}, {"name": "B", "weight": 1}],
    })
    model = JobcentreModel(scen, seed, 0)
    prev_gone = np.zeros(model.citizens.n, bool)
    prev_status = model.citizens.status.copy()
    while model.week < model.total_weeks:
        model.step()
        check_week(model)
        c = model.citizens
        gone = np.isin(c.status, (Status.disability_pension, Status.other_exit))
        assert np.all(gone[prev_gone]), "exits are absorbing"
        assert np.array_equal(c.status[prev_gone], prev_status[prev_gone])
        prev_gone, prev_status = gone, c.status.copy()


def test_nobody_lost_or_duplicated(small_scenario):
    model = JobcentreModel(small_scenario, 3, 0)
    counts = cell_counts(small_scenario)
    assert model.citizens.n == counts.sum()
    for a, arm in enumerate(small_scenario.arms):
        for b, benefit in enumerate(("kontanthjaelp", "ressourceforloeb")):
            n = int(((model.citizens.arm == a) & (model.citizens.benefit == b)).sum())
            assert n == arm.citizens[benefit]
    model.build_agents()
    agents = model.agents_by_type
    assert len(agents[Citizen]) == model.citizens.n
    assert len(agents[Company]) == model.companies.n
    assert len(agents[Professional]) == model.staff.n
    ids = [a.idx for a in agents[Citizen]]
    assert sorted(ids) == list(range(model.citizens.n))


def test_caseloads_add_up(small_scenario):
    model = JobcentreModel(small_scenario, 5, 0)
    c, st = model.citizens, model.staff
    assert np.all(c.contact_prof >= 0)
    # each citizen's primary contact works in the citizen's municipality and arm
    assert np.array_equal(st.municipality[c.contact_prof], c.municipality)
    assert np.array_equal(st.arm[c.contact_prof], c.arm)
    # nobody carries more trial citizens than their share of the role's caseload
    load = np.bincount(c.contact_prof, minlength=st.n)
    assert np.all(load <= np.ceil(st.caseload * st.fte - 1e-9))
    # citizens are spread evenly over the primary contacts of a unit (differ by at most 1)
    for m in np.unique(c.municipality):
        for a in np.unique(c.arm):
            profs = np.unique(c.contact_prof[(c.municipality == m) & (c.arm == a)])
            loads = load[profs]
            assert loads.max() - loads.min() <= 1


@given(st.integers(0, 100_000), st.lists(st.floats(0.1, 100), min_size=1, max_size=20))
def test_allocation_is_exact(total, weights):
    parts = allocate(total, np.array(weights))
    assert parts.sum() == total
    assert np.all(parts >= 0)
    quota = total * np.array(weights) / sum(weights)
    assert np.all(np.abs(parts - quota) < 1 + 1e-9)


def test_agents_are_built_only_when_asked(small_scenario):
    """Runs and sweeps never read the Mesa agents: a default model builds none."""
    model = JobcentreModel(small_scenario, 1, 0)
    assert not model.agents_by_type.get(Citizen)
    assert len(model.agents) == 0
    model.step()
    assert len(model.agents) == 0
    model.build_agents()
    model.build_agents()  # once only
    n = model.citizens.n + model.companies.n + model.staff.n
    assert len(model.agents) == n
    citizens = sorted(model.agents_by_type[Citizen], key=lambda a: a.idx)
    assert [a.idx for a in citizens] == list(range(model.citizens.n))
    c = model.citizens
    for a in citizens[:: max(1, len(citizens) // 7)]:
        assert a.trust == c.trust[a.idx]
        assert a.arm == small_scenario.arms[int(c.arm[a.idx])].name
        assert a.status == Status(int(c.status[a.idx])).name
    eager = JobcentreModel(small_scenario, 1, 0, agents=True)  # still accepted
    assert len(eager.agents) == n


def test_agents_are_live_views(small_scenario):
    model = JobcentreModel(small_scenario, 1, 0)
    for _ in range(30):
        model.step()
    model.build_agents()
    citizen = next(iter(model.agents_by_type[Citizen]))
    model.citizens.wage_hours[citizen.idx] = 3.0
    assert citizen.wage_hours == 3.0
    assert citizen.status in {s.name for s in Status}
    assert "Citizen(" in repr(citizen)


def test_same_run_with_and_without_agents(small_scenario):
    """The agent views change nothing: building them does not touch state or draws."""
    plain = JobcentreModel(small_scenario, 4, 0)
    viewed = JobcentreModel(small_scenario, 4, 0, agents=True)
    plain.run_model()
    viewed.run_model()
    assert np.array_equal(plain.citizens.wage_hours, viewed.citizens.wage_hours)
    assert np.array_equal(plain.recorder.sums, viewed.recorder.sums)


def test_week78_hours_are_measured_by_the_model_not_the_recorder():
    scen = small_trial(40, 10, weeks=90)
    model = JobcentreModel(scen, 2, 0)
    c = model.citizens
    seen = np.full(c.n, np.nan)
    while model.week < model.total_weeks:
        at = np.flatnonzero(model.world.since_start(model.week) == MEASURE_WEEK)
        model.step()
        seen[at] = c.wage_hours[at]
    assert np.array_equal(np.isnan(seen), np.isnan(c.hours_w78))
    assert np.array_equal(seen[~np.isnan(seen)], c.hours_w78[~np.isnan(seen)])
    short = JobcentreModel(small_trial(40, 10, weeks=60), 2, 0)
    short.run_model()
    assert np.isnan(short.citizens.hours_w78).all()  # week 78 lies beyond the follow-up


def test_funnel_stages_are_one_enum():
    assert tuple(s.name for s in Stage) == STAGES
    assert [int(s) for s in Stage] == list(range(len(STAGES)))


def test_recorder_reads_the_model_and_writes_none_of_its_state(small_scenario):
    from dataclasses import fields

    model = JobcentreModel(small_scenario, 6, 0)
    for _ in range(12):
        model.step()
    c = model.citizens
    before = {f.name: getattr(c, f.name).copy() for f in fields(c)}
    model.recorder.record(model.week)
    for name, value in before.items():
        assert np.array_equal(getattr(c, name), value, equal_nan=value.dtype.kind == "f"), name
