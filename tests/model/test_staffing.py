"""Staff as FTEs (model/staffing.py) and the week's time budget in a whole run
(model/stages/time_budget.py): FTE and caseload agree, every citizen has one team, time is never
overspent, knowledge stays in [0, 1]."""

from __future__ import annotations

import numpy as np
import pytest
from small import small_trial

from jobfirst_sim.domain import Task
from jobfirst_sim.model.jobcentre import JobcentreModel
from jobfirst_sim.model.stages.time_budget import COL
from jobfirst_sim.model.state import Role
from jobfirst_sim.scenario import ScenarioError

FLAT = {"municipalities": [{"name": "A", "weight": 2}, {"name": "B", "weight": 1}]}


def test_caseload_gives_citizens_over_caseload_ftes_in_every_role():
    scen = small_trial(**FLAT, **{"arms.jobfirst.organisation.caseload": 30})
    model = JobcentreModel(scen, 3, 0)
    st, c = model.staff, model.citizens
    for m in (0, 1):
        here = (c.arm == 0) & (c.municipality == m)
        for role in (Role.jobformidler, Role.caseworker):
            sel = (st.arm == 0) & (st.municipality == m) & (st.role == role)
            assert st.fte[sel].sum() == pytest.approx(here.sum() / 30)
            assert np.allclose(st.caseload[sel], 30)


def test_arm_ftes_are_shared_out_by_citizens_and_give_the_caseload():
    scen = small_trial(**FLAT, **{"arms.jobfirst.organisation.staff":
                                  {"jobformidler": 12, "caseworker": 6}})
    model = JobcentreModel(scen, 3, 0)
    st, c = model.staff, model.citizens
    jf = (st.arm == 0) & (st.role == Role.jobformidler)
    cw = (st.arm == 0) & (st.role == Role.caseworker)
    assert st.fte[jf].sum() == pytest.approx(12)
    assert st.fte[cw].sum() == pytest.approx(6)
    n = (c.arm == 0).sum()
    assert np.allclose(st.caseload[jf], n / 12)
    assert np.allclose(st.caseload[cw], n / 6)


def test_every_citizen_has_one_team_of_the_right_roles():
    model = JobcentreModel(small_trial(), 4, 0)
    st, c = model.staff, model.citizens
    for prof in (c.contact_prof, c.caseworker, c.company_prof):
        assert np.all(prof >= 0)
        assert np.array_equal(st.arm[prof], c.arm)
        assert np.array_equal(st.municipality[prof], c.municipality)
    assert np.all(st.role[c.caseworker] == Role.caseworker)
    assert np.all(np.isin(st.role[c.company_prof], (Role.consultant, Role.jobformidler)))
    jf = st.role[c.contact_prof] == Role.jobformidler
    assert np.all(c.mentor[jf] == -1)  # the jobformidler does the mentor's tasks
    assert np.all(st.role[c.mentor[~jf]] == Role.mentor)
    # a jobformidler's citizens have the jobformidler's makkerskab partner as caseworker
    assert np.array_equal(c.caseworker[jf], st.partner[c.contact_prof[jf]])


def test_time_is_never_overspent_over_a_run_and_knowledge_stays_a_share():
    model = JobcentreModel(small_trial(), 5, 0)
    model.run_model()
    st = model.staff
    used = st.time_served.sum(axis=1)
    at_work = st.fte * st.weekly_hours * (1 - model.world.beh.time.admin_share)
    away = st.absent_weeks
    assert np.all(away > 0)  # holidays and sickness happen
    assert np.all(used <= at_work * (model.total_weeks - away) + 1e-6)
    assert np.all(st.time_served <= st.time_demand + 1e-9)
    assert np.all((st.knowledge >= 0) & (st.knowledge <= 1))
    assert used.sum() > 0


def test_outreach_is_what_a_full_week_drops_first():
    # a jobformidler with five times the trial caseload has no time left for outreach
    model = JobcentreModel(small_trial(**FLAT, **{"arms.jobfirst.organisation.caseload": 200}),
                           6, 0)
    model.run_model()
    st = model.staff
    jf = (st.arm == 0) & (st.role == Role.jobformidler)
    out = COL[Task.outreach]
    assert st.time_served[jf, out].sum() < 0.05 * st.time_demand[jf, out].sum()


def test_only_a_makkerskab_partner_spends_time_on_joint_meetings():
    # the jobformidler's caseworker joins first conversations, status meetings and some
    # visits [M §5]; the BUM split has no pair and no joint time
    model = JobcentreModel(small_trial(**FLAT), 6, 0)
    model.run_model()
    st = model.staff
    joint = st.time_demand[:, COL[Task.joint]]
    cw = (st.arm == 0) & (st.role == Role.caseworker)
    assert np.all(joint[cw] > 0)
    assert np.all(joint[st.arm == 1] == 0)
    assert np.all(joint[st.role == Role.jobformidler] == 0)
    off = JobcentreModel(small_trial(**FLAT, **{
        "behaviour.time.first_conversation_hours": 0.0,
        "behaviour.time.status_meeting_hours": 0.0,
        "behaviour.time.joint_followup_share": 0.0}), 6, 0)
    off.run_model()
    assert np.all(off.staff.time_demand[:, COL[Task.joint]] == 0)


def test_caseload_and_staff_in_one_place_is_refused_with_the_field():
    with pytest.raises(ScenarioError) as err:
        small_trial(**FLAT, **{"arms.jobfirst.organisation": {
            "role_model": "makkerskab", "jobformidler": True, "caseload": 30,
            "staff": {"jobformidler": 5, "caseworker": 5}}})
    assert "either caseload" in str(err.value)


def test_staff_must_name_the_design_roles():
    with pytest.raises(ScenarioError) as err:
        small_trial(**FLAT, **{"arms.jobfirst.organisation.staff": {"consultant": 5}})
    text = str(err.value)
    assert "jobformidler, caseworker" in text and "missing" in text


def test_a_set_caseload_replaces_the_municipality_ftes():
    scen = small_trial(**{"municipalities.Odense.caseload.jobfirst": 30})
    assert scen.caseload("jobfirst", "Odense") == 30
    assert scen.caseload("jobfirst", "Aarhus") is None  # still staffed in FTEs there
