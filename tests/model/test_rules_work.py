"""Each weekly rule at and after the workplace (placement, conversion, hours, own job,
exits, wellbeing) on its own: invariants as hypothesis properties, plus direction checks."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from rule_strategies import N, bools, hours_arr, purposes, small_settings, unit, units

from jobfirst_sim.model.rules import (
    conversion,
    exits,
    hours,
    own_job,
    placement,
    wellbeing,
)
from jobfirst_sim.model.state import Purpose, Status
from jobfirst_sim.scenario.behaviour import Behaviour

PL = Behaviour().placement


def _hazard_kw(**over: object) -> dict[str, object]:
    kw: dict[str, object] = dict(
        dropout_base=PL.dropout_base, dropout_fit_slope=PL.dropout_fit_slope,
        contact_person_protection=PL.contact_person_protection,
        clear_purpose_protection=PL.clear_purpose_protection,
        followup_protection=PL.followup_protection, startup_hazard=PL.startup_hazard,
        transition_weeks=PL.transition_weeks,
        transition_support_protection=PL.transition_support_protection,
        weeks_in_placement=np.full(N, 5), supported=np.zeros(N, bool),
    )
    kw.update(over)
    return kw


@small_settings
@given(arrays(np.float64, 200, elements=unit))
def test_purpose_follows_mix(u):
    cum = np.tile(np.array([0.6, 0.85, 1.0]), (200, 1))
    p = placement.draw_purpose(purpose_cum=cum, u=u)
    assert set(np.unique(p)) <= {0, 1, 2}
    assert np.array_equal(p == 0, u <= 0.6)


@small_settings
@given(arrays(np.int64, N, elements=st.integers(0, 30)), st.integers(1, 8), bools, bools,
       arrays(np.int64, N, elements=st.integers(0, 200)))
def test_followup_due_every_interval_weeks(weeks, interval, inp, working, since):
    every = np.full(N, interval)
    out = placement.followup_due(in_placement=inp, weeks_in_placement=weeks, working=working,
                                 weeks_since_start=since, interval=every)
    assert not (out & ~inp & ~working).any()  # only placements and jobs are followed up
    assert np.array_equal(out[inp], ((weeks + 1) % interval == 0)[inp])
    job = working & ~inp
    assert np.array_equal(out[job], (since % interval == 0)[job])


@small_settings
@given(units, units, bools, bools, bools, unit)
def test_dropout_hazard_is_a_probability_and_levers_protect(fit, mb, cp, pe, fu, base):
    kw = _hazard_kw(dropout_base=base, fit=fit, mental_barrier=mb)
    h = placement.dropout_hazard(company_contact=cp, purpose_explicit=pe, followup=fu, **kw)
    assert np.all((h >= 0) & (h <= 1))
    one, zero = np.ones(N, bool), np.zeros(N, bool)
    h_all = placement.dropout_hazard(company_contact=one, purpose_explicit=one, followup=one,
                                     **kw)
    h_none = placement.dropout_hazard(company_contact=zero, purpose_explicit=zero,
                                      followup=zero, **kw)
    assert np.all(h_all <= h_none + 1e-12)


@small_settings
@given(units, st.floats(0.0, 10.0), st.integers(1, 26), unit)
def test_breakdown_hazard_falls_as_the_placement_settles(fit, startup, weeks, protect):
    z = np.zeros(N, bool)
    kw = _hazard_kw(startup_hazard=startup, transition_weeks=weeks, fit=fit,
                    mental_barrier=fit, company_contact=z, purpose_explicit=z, followup=z,
                    transition_support_protection=protect)
    kw.pop("weeks_in_placement")
    early = placement.dropout_hazard(weeks_in_placement=np.ones(N, np.int64), **kw)
    late = placement.dropout_hazard(weeks_in_placement=np.full(N, 30), **kw)
    assert np.all(early >= late - 1e-12)
    assert np.all((early >= 0) & (early <= 1))


def test_dropout_startup_uses_the_schema_value():
    """The rule has no default of its own: the schema's values are what the model passes."""
    z = np.zeros(N, bool)
    kw = _hazard_kw(fit=np.full(N, 0.5), mental_barrier=np.zeros(N), company_contact=z,
                    purpose_explicit=z, followup=z, weeks_in_placement=np.ones(N, np.int64))
    h = placement.dropout_hazard(**kw)
    assert np.allclose(h, PL.dropout_base * (1 + PL.startup_hazard))


@small_settings
@given(units, units, bools, unit, unit)
def test_mastery_grows_and_stays_bounded(m, fit, fu, rate, boost):
    out = placement.grow_mastery(mastery=m, fit=fit, followup=fu, mastery_rate=rate,
                                 followup_mastery_boost=boost)
    assert np.all((out >= m - 1e-12) & (out <= 1))


@small_settings
@given(bools, bools, hours_arr, hours_arr, arrays(np.int64, N, elements=st.integers(0, 40)))
def test_placement_ends_when_dropped_full_or_too_long(inp, drop, wage, cap, weeks):
    out = placement.ends(in_placement=inp, dropped=drop & inp, wage_hours=wage, capacity=cap,
                         weeks_in_placement=weeks, max_weeks=26)
    assert np.all(out[drop & inp])
    assert np.all(out[inp & (weeks >= 26)])
    assert not (out & ~inp).any()


def _conv_kw(**over: object) -> dict[str, object]:
    kw: dict[str, object] = dict(
        rate=0.3, competence_factor=0.5, clarify_factor=0.25, unclear_purpose_factor=0.7,
        hours_dialogue_effect=1.6, agreement_effect=1.3, followup_effect=1.0, belief_effect=0.5,
    )
    kw.update(over)
    return kw


@small_settings
@given(bools, units, purposes, bools, bools, bools, bools, units)
def test_conversion_probability_bounds_and_mastery_gate(ok, room, purpose, pe, hd, ag, fu, tr):
    kw = _conv_kw(mastered=ok, room=room, purpose=purpose, purpose_explicit=pe, agreement=ag,
                  followup=fu, belief=tr)
    p = conversion.conversion_probability(hours_dialogue=hd, **kw)
    assert np.all((p >= 0) & (p <= 1))
    assert np.all(p[~ok] == 0)
    p_dialogue = conversion.conversion_probability(hours_dialogue=np.ones(N, bool), **kw)
    assert np.all(p_dialogue >= p - 1e-12)


@small_settings
@given(units, unit)
def test_belief_raises_conversion(trust, belief):
    ones = np.ones(N, bool)
    kw = _conv_kw(rate=0.2, belief_effect=belief, mastered=ones, room=np.full(N, 0.5),
                  purpose=np.zeros(N, np.int64), purpose_explicit=ones, hours_dialogue=ones,
                  agreement=ones, followup=ones)
    p = conversion.conversion_probability(belief=trust, **kw)
    p_full = conversion.conversion_probability(belief=np.ones(N), **kw)
    assert np.all(p <= p_full + 1e-12)


def test_switch_only_for_mastered_hours_purpose_without_hours_after_limit():
    s = conversion.should_switch(
        in_placement=np.array([True, True, True, True, False, True]),
        wage_hours=np.array([0.0, 5.0, 0.0, 0.0, 0.0, 0.0]),
        purpose=np.array([0, 0, 2, 0, 0, 0]),
        weeks_in_placement=np.array([16, 16, 16, 15, 20, 30]),
        switch_weeks=np.full(6, 16),
        mastered=np.array([True, True, True, True, True, False]),
        cannot_pay=np.zeros(6, bool), switch_rule=np.ones(6, bool),
    )
    # the last citizen is still learning the task: the company is not (yet) the obstacle
    assert list(s) == [True, False, False, False, False, False]


def test_follow_up_showing_no_money_moves_the_citizen_before_the_timer():
    kw = dict(in_placement=np.ones(3, bool), wage_hours=np.zeros(3), purpose=np.zeros(3, int),
              weeks_in_placement=np.array([6, 6, 6]), switch_weeks=np.full(3, 16),
              mastered=np.ones(3, bool))
    revealed = conversion.room_revealed(followup=np.array([True, True, False]),
                                        mastered=np.ones(3, bool),
                                        room=np.array([0.3, 0.9, 0.3]), room_switch_threshold=0.5)
    assert list(revealed) == [True, False, False]  # only a visit shows it, only if poor
    s = conversion.should_switch(cannot_pay=revealed, switch_rule=np.ones(3, bool), **kw)
    assert list(s) == [True, False, False]
    never = conversion.should_switch(cannot_pay=revealed, switch_rule=np.zeros(3, bool), **kw)
    assert not never.any()  # a design without the switch rule keeps the citizen there


@small_settings
@given(
    st.lists(
        st.tuples(st.booleans(), st.floats(0, 20), st.integers(0, 2), st.integers(0, 60),
                  st.integers(1, 52), st.booleans()),
        min_size=1, max_size=30,
    )
)
def test_switch_implies_every_condition(rows):
    inp, hours_, purpose, weeks, limit, mastered = (np.array(c) for c in zip(*rows, strict=True))
    n = inp.size
    s = conversion.should_switch(in_placement=inp, wage_hours=hours_, purpose=purpose,
                                 weeks_in_placement=weeks, switch_weeks=limit, mastered=mastered,
                                 cannot_pay=np.zeros(n, bool), switch_rule=np.ones(n, bool))
    # nobody who is out of placement, paid, in another purpose, still learning or early
    assert not (s & ~(inp & (hours_ <= 0) & (purpose == 0) & mastered & (weeks >= limit))).any()


@small_settings
@given(units, unit)
def test_switch_setback_lowers_efficacy_within_bounds(se, setback):
    out = conversion.efficacy_after_switch(self_efficacy=se, switch_setback=setback)
    assert np.all((out >= 0) & (out <= se + 1e-12))


@small_settings
@given(hours_arr, hours_arr, st.floats(0.1, 10.0))
def test_hours_never_exceed_capacity_and_never_fall_on_a_step(wage, cap, step):
    wage = np.minimum(wage, cap)
    out = hours.step_hours(wage_hours=wage, capacity=cap, step=step)
    assert np.all(out <= cap + 1e-12)
    assert np.all(out >= wage - 1e-12)
    assert np.all(out - wage <= step + 1e-12)
    # whole steps only: up by the step where capacity has room for it, else unchanged
    room = cap - wage >= step
    assert np.allclose(out[room], wage[room] + step)
    assert np.array_equal(out[~room], wage[~room])
    first = hours.entry_hours(task_hours=hours.task_hours(first_hours=5.0,
                                                          task_level=np.full(N, 0.5)),
                              capacity=cap)
    assert np.all(first <= cap + 1e-12)
    assert np.all(first <= 5.0 + 1e-12)


@small_settings
@given(hours_arr, units, units, bools, unit, unit)
def test_capacity_grows_towards_potential_never_falls(cap, phys, mental, at_work, rate, share):
    pot = hours.potential_capacity(physical=phys, mental=mental, capacity_max_hours=37.0,
                                   barrier_capacity_loss=0.75)
    out = hours.grow_capacity(capacity=cap, potential=pot, at_work=at_work,
                              capacity_growth=rate, rehab_capacity_share=share)
    assert np.all(out >= cap)
    below = cap <= pot
    assert np.all(out[below] <= pot[below] + 1e-9)


@small_settings
@given(bools, arrays(np.float64, N, elements=st.floats(0, 2)), units, unit)
def test_rise_probability_bounded_and_higher_with_followup(fu, room, se, without):
    kw = dict(room=room, self_efficacy=se, rise_without_followup=without,
              agreement_step_effect=0.5)
    p = hours.rise_probability(followup=fu, agreement=np.zeros(N, bool), **kw)
    assert np.all((p >= 0) & (p <= 1))
    assert np.all(hours.rise_probability(followup=np.ones(N, bool), agreement=np.zeros(N, bool),
                                         **kw) >= p - 1e-12)
    goals = hours.rise_probability(followup=fu, agreement=np.ones(N, bool), **kw)
    assert np.all((goals >= p - 1e-12) & (goals <= 1))


@small_settings
@given(units, units, units, arrays(np.float64, N, elements=st.floats(0.1, 3)), unit)
def test_own_job_probability_bounded_and_falls_with_barriers(se, phys, mental, demand, rate):
    kw = dict(self_efficacy=se, mental=mental, demand=demand, rate=rate * 0.05)
    p = own_job.own_job_probability(physical=phys, **kw)
    assert np.all((p >= 0) & (p <= 1))
    worse = own_job.own_job_probability(physical=np.minimum(phys + 0.2, 1.0), **kw)
    assert np.all(worse <= p + 1e-12)


def test_own_job_search_only_for_citizens_on_full_support_without_work():
    out = own_job.looking(alive=np.array([True, True, True, True, False]),
                          wage_hours=np.array([0.0, 3.0, 0.0, 0.0, 0.0]),
                          in_placement=np.array([False, False, True, False, False]),
                          status=np.array([0, 1, 0, Status.flexjob, 0]))
    assert list(out) == [True, False, False, False, False]


@small_settings
@given(arrays(np.float64, N, elements=st.floats(0.01, 1.0)), st.integers(0, 10),
       st.integers(1, 30), st.data())
def test_own_job_employer_is_a_company_of_the_municipality(p, first, count, data):
    u = data.draw(arrays(np.float64, N, elements=st.floats(0.0, 1.0, exclude_max=True))) * p
    comp = own_job.employer(u=u, p=p, first_company=np.full(N, first),
                            company_count=np.full(N, count))
    assert np.all((comp >= first) & (comp < first + count))


@small_settings
@given(units, bools, bools, bools, unit, unit, unit)
def test_efficacy_bounded_and_setback_lowers(se, inp, hh, sb, g1, g2, loss):
    kw = dict(self_efficacy=se, in_placement=inp, has_hours=hh, efficacy_gain_placement=g1,
              efficacy_gain_hours=g2, efficacy_loss_setback=loss)
    out = wellbeing.update_efficacy(setback=sb, **kw)
    assert np.all((out >= 0) & (out <= 1))
    no_sb = wellbeing.update_efficacy(setback=np.zeros(N, bool), **kw)
    assert np.all(out <= no_sb + 1e-12)


@small_settings
@given(units, units, units, bools, unit, unit)
def test_motivation_bounded(m, trust, se, work, pull, lift):
    out = wellbeing.update_motivation(motivation=m, trust=trust, self_efficacy=se, in_work=work,
                                      motivation_adjust=pull, motivation_work_lift=lift)
    assert np.all((out >= 0) & (out <= 1))


@small_settings
@given(units, bools, bools, unit, unit)
def test_mental_barrier_bounded(b, hh, sb, g, loss):
    out = wellbeing.update_mental_barrier(barrier=b, has_hours=hh, setback=sb,
                                          mental_gain_hours=g, mental_loss_setback=loss)
    assert np.all((out >= 0) & (out <= 1))


@small_settings
@given(units, bools, purposes, unit)
def test_goal_clarity_and_competence_grow_only_in_placement(x, inp, purpose, gain):
    gc = wellbeing.clarify_goal(goal_clarity=x, in_placement=inp, purpose=purpose,
                                goal_clarity_gain=gain)
    assert np.all((gc >= x - 1e-12) & (gc <= 1 + 1e-12))
    assert np.array_equal(gc[~inp], x[~inp])
    comp = wellbeing.train_competence(competence=x, in_placement=inp, purpose=purpose,
                                      competence_gain=gain)
    assert np.all((comp >= x - 1e-12) & (comp <= 1 + 1e-12))
    other = ~(inp & (purpose == Purpose.competence))
    assert np.array_equal(comp[other], x[other])


@small_settings
@given(units, bools, unit, unit)
def test_lifeline_lowers_job_loss(se, lifeline, rate, effect):
    kw = dict(self_efficacy=se, job_loss_rate=rate, lifeline_effect=effect, job_fit=se,
              job_contact=lifeline, followed=lifeline, contact_person_protection=0.6,
              followup_protection=0.8)
    p = exits.job_loss_probability(lifeline=lifeline, **kw)
    p_with = exits.job_loss_probability(lifeline=np.ones(N, bool), **kw)
    p_without = exits.job_loss_probability(lifeline=np.zeros(N, bool), **kw)
    assert np.all((p >= 0) & (p <= 1))
    assert np.all(p_with <= p_without + 1e-12)


@small_settings
@given(units, units, bools, bools, unit)
def test_what_keeps_a_placement_keeps_a_job(se, fit, contact, followed, rate):
    kw = dict(self_efficacy=se, lifeline=np.zeros(N, bool), job_loss_rate=rate * 0.1,
              lifeline_effect=0.5, contact_person_protection=0.6, followup_protection=0.8)
    p = exits.job_loss_probability(job_fit=fit, job_contact=contact, followed=followed, **kw)
    better = exits.job_loss_probability(job_fit=np.minimum(fit + 0.2, 1.0),
                                        job_contact=np.ones(N, bool),
                                        followed=np.ones(N, bool), **kw)
    assert np.all((p >= 0) & (p <= 1))
    assert np.all(better <= p + 1e-12)


@small_settings
@given(hours_arr, arrays(np.int64, N, elements=st.integers(0, 5)))
def test_support_status_follows_hours_and_keeps_exits(wage, current):
    out = exits.support_status(wage_hours=wage, current=current, self_sufficiency_hours=30.0)
    kept = np.isin(current, (Status.flexjob, Status.disability_pension, Status.other_exit))
    assert np.array_equal(out[kept], current[kept])
    free = ~kept
    assert np.all(out[free & (wage >= 30)] == Status.self_sufficient)
    assert np.all(out[free & (wage > 0) & (wage < 30)] == Status.partial_support)
    assert np.all(out[free & (wage == 0)] == Status.full_support)


def _dis_kw(**over: object) -> dict[str, object]:
    kw: dict[str, object] = dict(disability_rate=1e-4, disability_barrier_slope=3.0,
                                 ressourceforloeb_exit_factor=2.0)
    kw.update(over)
    return kw


@small_settings
@given(units, units, arrays(np.int64, N, elements=st.integers(0, 1)), bools, unit)
def test_no_disability_pension_while_working(phys, mental, benefit, working, rate):
    p = exits.disability_probability(**_dis_kw(physical=phys, mental=mental, benefit=benefit,
                                               working=working, disability_rate=rate * 0.01))
    assert np.all(p[working] == 0)
    assert np.all((p >= 0) & (p <= 1))


@small_settings
@given(units, units, st.floats(0.0, 6.0))
def test_disability_rises_with_barrier_and_in_ressourceforloeb(phys, mental, slope):
    kw = _dis_kw(mental=mental, working=np.zeros(N, bool), disability_barrier_slope=slope)
    kh = exits.disability_probability(physical=phys, benefit=np.zeros(N, np.int64), **kw)
    rf = exits.disability_probability(physical=phys, benefit=np.ones(N, np.int64), **kw)
    worse = exits.disability_probability(physical=np.minimum(phys + 0.1, 1),
                                         benefit=np.zeros(N, np.int64), **kw)
    assert np.all(rf >= kh)
    assert np.all(worse >= kh - 1e-15)


@small_settings
@given(arrays(np.int64, N, elements=st.integers(0, 1)), unit, st.floats(1.0, 10.0))
def test_flexjob_probability_higher_in_ressourceforloeb(benefit, rate, factor):
    p = exits.flexjob_probability(benefit=benefit, flexjob_rate=rate,
                                  ressourceforloeb_exit_factor=factor)
    assert np.all(p[benefit == 1] >= p[benefit == 0].max(initial=0) - 1e-12)
    eligible = exits.flexjob_eligible(wage_hours=np.array([5.0, 0.0, 5.0]),
                                      potential=np.array([20.0, 20.0, 35.0]),
                                      weeks_with_hours=np.array([12, 12, 12]),
                                      self_sufficiency_hours=30.0, flexjob_min_weeks=12)
    assert list(eligible) == [True, False, False]
