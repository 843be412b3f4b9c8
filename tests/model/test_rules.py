"""Each weekly rule on its own: invariants as hypothesis properties, plus direction checks."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from jobfirst_sim.model import staffing as org
from jobfirst_sim.model.rules import (
    contact,
    conversion,
    exits,
    hours,
    intake,
    matching,
    placement,
    readiness,
    wellbeing,
)
from jobfirst_sim.model.state import Status

N = 16
unit = st.floats(0.0, 1.0, allow_nan=False)
units = arrays(np.float64, N, elements=unit)
bools = arrays(np.bool_, N)
hours_arr = arrays(np.float64, N, elements=st.floats(0.0, 37.0))
small_settings = settings(max_examples=40, deadline=None)


@small_settings
@given(units, bools, unit, unit)
def test_trust_stays_in_unit_interval_and_contact_raises_it(trust, contacted, gain, decay):
    new = contact.update_trust(trust, contacted, gain, decay)
    assert np.all((new >= 0) & (new <= 1))
    assert np.all(new[contacted] >= trust[contacted] - 1e-12)
    assert np.all(new[~contacted] <= trust[~contacted] + 1e-12)


@small_settings
@given(units, unit, unit, bools, bools)
def test_handover_never_raises_trust_and_partner_softens_it(trust, loss, cover, mk, coloc):
    after = contact.handover_trust(trust, loss, cover, mk, coloc)
    assert np.all(after <= trust + 1e-12)
    bum = contact.handover_trust(trust, loss, cover, np.zeros(N, bool), coloc)
    assert np.all(after >= bum - 1e-12)


@small_settings
@given(units, unit)
def test_referral_never_raises_trust(trust, loss):
    out = contact.referral_trust(trust, loss)
    assert np.all((out >= 0) & (out <= trust + 1e-12))


def test_contact_probability_falls_with_caseload():
    p = org.contact_probability(np.array([22.2] * 3), np.array([20.0, 41.0, 70.0]),
                                np.array([0.75] * 3))
    assert p[0] == 1.0
    assert p[0] >= p[1] > p[2] > 0


@small_settings
@given(bools, bools, bools, units)
def test_cv_is_never_lost(has_cv, new, contacted, u):
    for at_start in (True, False):
        out = intake.cv_made(has_cv, new, contacted, np.full(N, at_start), 0.1, u)
        assert np.all(out[has_cv])
    out = intake.cv_made(np.zeros(N, bool), new, contacted, np.ones(N, bool), 0.0, u)
    assert np.array_equal(out, new)


@small_settings
@given(units, units, unit)
def test_sequential_gate_only_blocks_below_threshold(phys, mental, thr):
    ready = readiness.readiness(phys, mental)
    par = readiness.may_meet_companies(np.zeros(N, bool), ready, np.full(N, thr))
    seq = readiness.may_meet_companies(np.ones(N, bool), ready, np.full(N, thr))
    assert par.all()
    assert np.array_equal(seq, ready >= thr)


@small_settings
@given(units, units, unit)
def test_barriers_only_shrink_with_effort(barrier, effort, gain):
    out = readiness.reduce_barrier(barrier, effort, gain)
    assert np.all((out >= 0) & (out <= barrier + 1e-12))


@small_settings
@given(arrays(np.int64, N, elements=st.integers(0, 4)),
       arrays(np.int64, N, elements=st.integers(0, 4)),
       units, units, arrays(np.int64, N, elements=st.integers(0, 4)), units)
def test_fit_in_unit_interval(wish, skill, clarity, comp, sector, level):
    f = matching.true_fit(wish, skill, clarity, comp, sector, level, 0.35, 0.25, 0.4)
    assert np.all((f >= 0) & (f <= 1 + 1e-12))


def test_fit_prefers_wished_sector_and_matching_level():
    args = dict(skill_sector=np.array([9, 9]), goal_clarity=np.array([1.0, 1.0]),
                competence=np.array([0.3, 0.3]), w_wish=0.35, w_skill=0.25, w_level=0.4)
    f = matching.true_fit(wish_sector=np.array([1, 1]), company_sector=np.array([1, 2]),
                          task_level=np.array([0.3, 0.3]), **args)
    assert f[0] > f[1]
    g = matching.true_fit(wish_sector=np.array([1, 1]), company_sector=np.array([2, 2]),
                          task_level=np.array([0.3, 0.9]), **args)
    assert g[0] > g[1]


@small_settings
@given(arrays(np.int64, 40, elements=st.integers(0, 5)),
       arrays(np.int64, 6, elements=st.integers(0, 3)),
       arrays(np.float64, 40, elements=unit, unique=True))
def test_capacity_resolution_never_overfills_a_company(company, free, priority):
    ok = matching.resolve_capacity(company, free, priority)
    accepted = np.bincount(company[ok], minlength=6)
    assert np.all(accepted <= free)
    # no slot is left empty while someone asked for it
    asked = np.bincount(company, minlength=6)
    assert np.all(accepted == np.minimum(asked, free))


def test_choose_picks_best_usable():
    perceived = np.array([[0.2, 0.9, 0.5], [0.1, 0.2, 0.3]])
    usable = np.array([[True, False, True], [False, False, False]])
    col, found = matching.choose(perceived, usable)
    assert col[0] == 2 and found[0] and not found[1]


def test_more_company_knowledge_more_candidates():
    k = matching.n_candidates(np.array([0.0, 0.5, 1.0]), 8)
    assert list(k) == [1, 5, 8]


@small_settings
@given(arrays(np.float64, 200, elements=unit))
def test_purpose_follows_mix(u):
    cum = np.tile(np.array([0.6, 0.85, 1.0]), (200, 1))
    p = placement.draw_purpose(cum, u)
    assert set(np.unique(p)) <= {0, 1, 2}
    assert np.array_equal(p == 0, u <= 0.6)


@small_settings
@given(units, units, bools, bools, bools, unit)
def test_dropout_hazard_is_a_probability_and_levers_protect(fit, mb, cp, pe, fu, base):
    kw = dict(base=base, fit_slope=3.0, contact_protection=0.6, purpose_protection=0.75,
              followup_protection=0.8)
    h = placement.dropout_hazard(fit, mb, cp, pe, fu, **kw)
    assert np.all((h >= 0) & (h <= 1))
    h_all = placement.dropout_hazard(fit, mb, np.ones(N, bool), np.ones(N, bool),
                                     np.ones(N, bool), **kw)
    h_none = placement.dropout_hazard(fit, mb, np.zeros(N, bool), np.zeros(N, bool),
                                      np.zeros(N, bool), **kw)
    assert np.all(h_all <= h_none + 1e-12)


@small_settings
@given(units, units, bools, unit)
def test_mastery_grows_and_stays_bounded(m, fit, fu, rate):
    out = placement.grow_mastery(m, fit, fu, rate)
    assert np.all((out >= m - 1e-12) & (out <= 1))


@small_settings
@given(bools, units, arrays(np.int64, N, elements=st.integers(0, 2)), bools, bools, bools,
       bools, units)
def test_conversion_probability_bounds_and_mastery_gate(ok, room, purpose, pe, hd, ag, fu, tr):
    kw = dict(rate=0.3, competence_factor=0.5, clarify_factor=0.25, unclear_factor=0.7,
              dialogue_effect=1.6, agreement_effect=1.3, followup_effect=1.0)
    p = conversion.conversion_probability(ok, room, purpose, pe, hd, ag, fu, tr, **kw)
    assert np.all((p >= 0) & (p <= 1))
    assert np.all(p[~ok] == 0)
    p_dialogue = conversion.conversion_probability(ok, room, purpose, pe, np.ones(N, bool),
                                                   ag, fu, tr, **kw)
    assert np.all(p_dialogue >= p - 1e-12)


def test_switch_only_for_mastered_hours_purpose_without_hours_after_limit():
    s = conversion.should_switch(
        in_placement=np.array([True, True, True, True, False, True]),
        wage_hours=np.array([0.0, 5.0, 0.0, 0.0, 0.0, 0.0]),
        purpose=np.array([0, 0, 2, 0, 0, 0]),
        weeks_in_placement=np.array([16, 16, 16, 15, 20, 30]),
        switch_weeks=np.full(6, 16),
        mastered=np.array([True, True, True, True, True, False]),
    )
    # the last citizen is still learning the task: the company is not (yet) the obstacle
    assert list(s) == [True, False, False, False, False, False]


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
    s = conversion.should_switch(inp, hours_, purpose, weeks, limit, mastered)
    # nobody who is out of placement, paid, in another purpose, still learning or early
    assert not (s & ~(inp & (hours_ <= 0) & (purpose == 0) & mastered & (weeks >= limit))).any()


@small_settings
@given(hours_arr, hours_arr, st.floats(0.1, 10.0))
def test_hours_never_exceed_capacity_and_never_fall_on_a_step(wage, cap, step):
    wage = np.minimum(wage, cap)
    out = hours.step_hours(wage, cap, step)
    assert np.all(out <= cap + 1e-12)
    assert np.all(out >= wage - 1e-12)
    assert np.all(out - wage <= step + 1e-12)
    first = hours.first_hours(cap, 5.0)
    assert np.all(first <= cap + 1e-12)


@small_settings
@given(hours_arr, units, units, bools, unit, unit)
def test_capacity_grows_towards_potential_never_falls(cap, phys, mental, at_work, rate, share):
    pot = hours.potential_capacity(phys, mental, 37.0, 0.75)
    out = hours.grow_capacity(cap, pot, at_work, rate, share)
    assert np.all(out >= cap)
    below = cap <= pot
    assert np.all(out[below] <= pot[below] + 1e-9)


@small_settings
@given(units, bools, bools, bools, unit, unit, unit)
def test_efficacy_bounded_and_setback_lowers(se, inp, hh, sb, g1, g2, loss):
    out = wellbeing.update_efficacy(se, inp, hh, sb, g1, g2, loss)
    assert np.all((out >= 0) & (out <= 1))
    no_sb = wellbeing.update_efficacy(se, inp, hh, np.zeros(N, bool), g1, g2, loss)
    assert np.all(out <= no_sb + 1e-12)


@small_settings
@given(units, units, units, bools, unit, unit)
def test_motivation_bounded(m, trust, se, work, pull, lift):
    out = wellbeing.update_motivation(m, trust, se, work, pull, lift)
    assert np.all((out >= 0) & (out <= 1))


@small_settings
@given(units, bools, bools, unit, unit)
def test_mental_barrier_bounded(b, hh, sb, g, loss):
    out = wellbeing.update_mental_barrier(b, hh, sb, g, loss)
    assert np.all((out >= 0) & (out <= 1))


@small_settings
@given(units, bools, unit, unit)
def test_lifeline_lowers_job_loss(se, lifeline, rate, effect):
    p = exits.job_loss_probability(se, lifeline, rate, effect)
    p_with = exits.job_loss_probability(se, np.ones(N, bool), rate, effect)
    p_without = exits.job_loss_probability(se, np.zeros(N, bool), rate, effect)
    assert np.all((p >= 0) & (p <= 1))
    assert np.all(p_with <= p_without + 1e-12)


@small_settings
@given(hours_arr, arrays(np.int64, N, elements=st.integers(0, 5)))
def test_support_status_follows_hours_and_keeps_exits(wage, current):
    out = exits.support_status(wage, current, 30.0)
    kept = np.isin(current, (Status.flexjob, Status.disability_pension, Status.other_exit))
    assert np.array_equal(out[kept], current[kept])
    free = ~kept
    assert np.all(out[free & (wage >= 30)] == Status.self_sufficient)
    assert np.all(out[free & (wage > 0) & (wage < 30)] == Status.partial_support)
    assert np.all(out[free & (wage == 0)] == Status.full_support)


@small_settings
@given(units, units, arrays(np.int64, N, elements=st.integers(0, 1)), bools, unit)
def test_no_disability_pension_while_working(phys, mental, benefit, working, rate):
    p = exits.disability_probability(phys, mental, benefit, working, rate * 0.01)
    assert np.all(p[working] == 0)
    assert np.all((p >= 0) & (p <= 1))


def test_matcher_knowledge_deep_for_jobformidler_thin_after_bum_referral():
    trust = np.array([0.5, 0.5, 0.5, 0.5])
    k = org.matcher_knowledge(
        jobformidler=np.array([True, False, False, False]),
        makkerskab=np.array([True, True, True, False]),
        colocated=np.array([True, True, False, False]),
        trust=trust, has_cv=np.zeros(4, bool), referral_knowledge=0.25,
        partner_sharing=0.5, cv_gain=0.15,
    )
    assert k[0] > k[1] > k[2] > k[3] == 0.25


@small_settings
@given(units, unit)
def test_belief_raises_conversion(trust, belief):
    ones = np.ones(N, bool)
    kw = {"rate": 0.2, "competence_factor": 0.5, "clarify_factor": 0.25, "unclear_factor": 0.7,
          "dialogue_effect": 1.6, "agreement_effect": 1.3, "followup_effect": 1.0,
          "belief_effect": belief}
    args = (ones, np.full(N, 0.5), np.zeros(N, np.int64), ones, ones, ones, ones)
    p = conversion.conversion_probability(*args, trust, **kw)
    p_full = conversion.conversion_probability(*args, np.ones(N), **kw)
    assert np.all(p <= p_full + 1e-12)


@small_settings
@given(units, units, st.floats(0.0, 6.0))
def test_disability_rises_with_barrier_and_in_ressourceforloeb(phys, mental, slope):
    working = np.zeros(N, bool)
    kh = exits.disability_probability(phys, mental, np.zeros(N, np.int64), working, 1e-4, slope)
    rf = exits.disability_probability(phys, mental, np.ones(N, np.int64), working, 1e-4, slope)
    worse = exits.disability_probability(np.minimum(phys + 0.1, 1), mental,
                                         np.zeros(N, np.int64), working, 1e-4, slope)
    assert np.all(rf >= kh)
    assert np.all(worse >= kh - 1e-15)


@small_settings
@given(units, st.floats(0.0, 10.0), st.floats(0.5, 20.0))
def test_breakdown_hazard_falls_as_the_placement_settles(fit, startup, settle):
    kw = {"base": 0.05, "fit_slope": 3.0, "contact_protection": 0.6,
          "purpose_protection": 0.75, "followup_protection": 0.8,
          "startup_factor": startup, "settling_weeks": settle}
    z = np.zeros(N, bool)
    early = placement.dropout_hazard(fit, fit, z, z, z, weeks_in_placement=np.ones(N, int), **kw)
    late = placement.dropout_hazard(fit, fit, z, z, z, weeks_in_placement=np.full(N, 30), **kw)
    assert np.all(early >= late - 1e-12)
    assert np.all((early >= 0) & (early <= 1))
