"""Each weekly rule on its own (contact, intake, readiness, referral, matching): invariants
as hypothesis properties, plus direction checks. The rest is in test_rules_work.py."""

from __future__ import annotations

import inspect

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from rule_strategies import N, bools, small_settings, unit, units

from jobfirst_sim.model import rules
from jobfirst_sim.model.rules import (
    contact,
    conversion,
    exits,
    hours,
    intake,
    knowledge,
    matching,
    own_job,
    placement,
    readiness,
    referral,
    relationship,
    time_budget,
    wellbeing,
)
from jobfirst_sim.model.state import Status

MODULES = (contact, conversion, exits, hours, intake, knowledge, matching, own_job, placement,
           readiness, referral, relationship, time_budget, wellbeing)


def _rules() -> list[tuple[str, object]]:
    return [
        (f"{m.__name__.rsplit('.', 1)[-1]}.{name}", fn)
        for m in MODULES
        for name, fn in inspect.getmembers(m, inspect.isfunction)
        if fn.__module__ == m.__name__ and not name.startswith("_")
    ]


@pytest.mark.parametrize(("name", "fn"), _rules(), ids=[n for n, _ in _rules()])
def test_every_rule_is_keyword_only_without_defaults(name: str, fn) -> None:
    """No rule takes a positional argument or a default that could disagree with the schema."""
    for p in inspect.signature(fn).parameters.values():
        assert p.kind is inspect.Parameter.KEYWORD_ONLY, (name, p.name)
        assert p.default is inspect.Parameter.empty, (name, p.name)
    assert fn.__doc__, name


def test_rules_package_lists_every_module() -> None:
    doc = rules.__doc__ or ""
    for m in MODULES:
        assert f"``{m.__name__.rsplit('.', 1)[-1]}``" in doc


@small_settings
@given(unit, units, units, st.floats(0.0, 2.0))
def test_joint_time_raises_the_trust_gain_and_only_with_joint_time(gain, joint, more, jg):
    out = contact.joint_gain(gain_per_contact=gain, joint=joint, joint_trust_gain=jg)
    assert np.all((out >= gain - 1e-12) & (out <= 1.0))
    none = contact.joint_gain(gain_per_contact=gain, joint=np.zeros(N), joint_trust_gain=jg)
    assert np.allclose(none, gain)  # no joint time (outside a makkerskab): no extra trust
    hi = contact.joint_gain(gain_per_contact=gain, joint=np.maximum(joint, more),
                            joint_trust_gain=jg)
    assert np.all(hi >= out - 1e-12)  # more joint time never builds less trust


@small_settings
@given(units, bools, unit, unit)
def test_trust_stays_in_unit_interval_and_contact_raises_it(trust, contacted, gain, decay):
    new = contact.update_trust(trust=trust, contacted=contacted, gain_per_contact=gain,
                               decay_per_week=decay)
    assert np.all((new >= 0) & (new <= 1))
    assert np.all(new[contacted] >= trust[contacted] - 1e-12)
    assert np.all(new[~contacted] <= trust[~contacted] + 1e-12)


@small_settings
@given(units, unit, unit, bools, bools)
def test_handover_never_raises_trust_and_partner_softens_it(trust, loss, cover, mk, coloc):
    kw = dict(trust=trust, loss_on_handover=loss, partner_cover=cover, colocated=coloc)
    after = contact.handover_trust(makkerskab=mk, coordination=np.ones(N), **kw)
    assert np.all(after <= trust + 1e-12)
    bum = contact.handover_trust(makkerskab=np.zeros(N, bool), coordination=np.ones(N), **kw)
    assert np.all(after >= bum - 1e-12)
    # a pair without time to coordinate covers no better than nobody
    rushed = contact.handover_trust(makkerskab=mk, coordination=np.zeros(N), **kw)
    assert np.allclose(rushed, bum)


@small_settings
@given(units, unit)
def test_referral_never_raises_trust(trust, loss):
    out = contact.referral_trust(trust=trust, loss_on_referral=loss)
    assert np.all((out >= 0) & (out <= trust + 1e-12))


@small_settings
@given(units, bools, units, bools, bools)
def test_contact_follows_the_draw_and_steering_visits_and_mentors_always_give_one(
        prob, steered, u, visited, mentored):
    out = contact.contacted(contact_prob=prob, steered=steered, u=u, visited=visited,
                            mentored=mentored)
    assert np.all(out[steered | visited | mentored])
    rest = ~(steered | visited | mentored)
    assert np.array_equal(out[rest], (u < prob)[rest])
    none = np.zeros(N, bool)
    assert not contact.contacted(contact_prob=np.zeros(N), steered=none, u=u, visited=none,
                                 mentored=none).any()


@small_settings
@given(units, units)
def test_staff_leave_at_the_weekly_turnover(turnover, u):
    out = contact.staff_leaves(turnover_weekly=turnover, u=u)
    assert np.array_equal(out, u < turnover)


def test_citizens_start_in_their_own_week():
    out = intake.starts_now(start_week=np.array([0, 3, 3, 7]), week=3)
    assert list(out) == [False, True, True, False]


def test_steering_acts_every_stall_period_on_idle_cases_only():
    stalled = np.array([7, 8, 9, 16, 8, 8])
    out = contact.steered(steering=np.array([True] * 5 + [False]), alive=np.ones(6, bool),
                          idle=np.array([True, True, True, True, False, True]),
                          stalled_weeks=stalled, stall_weeks=8)
    assert list(out) == [False, True, False, True, False, False]


@small_settings
@given(bools, bools, bools, units)
def test_cv_is_never_lost(has_cv, new, contacted, u):
    for at_start in (True, False):
        out = intake.cv_made(has_cv=has_cv, new=new, contacted=contacted,
                             cv_at_start=np.full(N, at_start), rate_later=0.1, u=u)
        assert np.all(out[has_cv])
    out = intake.cv_made(has_cv=np.zeros(N, bool), new=new, contacted=contacted,
                         cv_at_start=np.ones(N, bool), rate_later=0.0, u=u)
    assert np.array_equal(out, new)


@small_settings
@given(units, unit)
def test_cv_raises_efficacy_within_unit_interval(se, boost):
    out = intake.efficacy_after_cv(self_efficacy=se, efficacy_boost=boost)
    assert np.all((out >= se - 1e-12) & (out <= 1 + 1e-12))


@small_settings
@given(units, units, unit)
def test_sequential_gate_only_blocks_below_threshold(phys, mental, thr):
    ready = readiness.readiness(physical=phys, mental=mental)
    kw = dict(ready=ready, threshold=np.full(N, thr))
    assert readiness.may_meet_companies(sequential=np.zeros(N, bool), **kw).all()
    seq = readiness.may_meet_companies(sequential=np.ones(N, bool), **kw)
    assert np.array_equal(seq, ready >= thr)


@small_settings
@given(units, units, unit)
def test_barriers_only_shrink_with_effort(barrier, effort, gain):
    out = readiness.reduce_barrier(barrier=barrier, effort=effort, gain_per_week=gain)
    assert np.all((out >= 0) & (out <= barrier + 1e-12))


@small_settings
@given(arrays(np.int64, N, elements=st.integers(-1, 6)), bools,
       arrays(np.int64, N, elements=st.integers(0, 6)))
def test_referral_queue_counts_down_and_releases_once(wait, seeking, delay):
    wait = np.where(wait == 0, -1, wait)  # 0 never lasts to the next week: due → -1
    seeking = seeking & (wait < 0)  # only citizens not waiting may start a search
    new, due = referral.advance_queue(wait=wait, seeking=seeking, delay=delay)
    assert np.all(new >= -1)
    assert np.all(new[due] == -1)
    assert np.array_equal(due, (wait == 1) & ~(seeking & (delay > 0)))
    joined = seeking & (delay > 0)
    assert np.array_equal(new[joined], delay[joined])
    counting = (wait > 1) & ~joined
    assert np.array_equal(new[counting], wait[counting] - 1)
    match = referral.to_match(seeking=seeking, delay=delay, due=due,
                              still_needed=np.ones(N, bool))
    assert not (match & joined).any()  # a referral waits before the performer acts
    assert np.all(match[seeking & (delay == 0)])


def test_referral_still_needed_only_for_open_cases():
    out = referral.still_needed(
        alive=np.array([True, True, True, True, False]),
        company=np.array([-1, 3, -1, -1, -1]),
        wage_hours=np.array([0.0, 0.0, 4.0, 0.0, 0.0]),
        status=np.array([Status.full_support, 0, 1, Status.flexjob, 0]),
    )
    assert list(out) == [True, False, False, False, False]


def test_only_open_cases_may_seek():
    out = matching.may_seek(
        alive=np.array([True, True, True, True, True, True, False]),
        may_meet=np.array([True, False, True, True, True, True, True]),
        company=np.array([-1, -1, 2, -1, -1, -1, -1]),
        wage_hours=np.zeros(7),
        referral_wait=np.array([-1, -1, -1, 3, -1, -1, -1]),
        cooldown=np.array([0, 0, 0, 0, 2, 0, 0]),
        status=np.array([0, 0, 0, 0, 0, Status.self_sufficient, 0]),
    )
    assert list(out) == [True, False, False, False, False, False, False]


@small_settings
@given(bools, bools, units, unit, units)
def test_seeking_needs_eligibility_and_steering_always_seeks(elig, contacted, mot, rate, u):
    kw = dict(eligible=elig, contacted=contacted, motivation=mot, seek_rate=rate, u=u)
    out = matching.seeks(steered=np.zeros(N, bool), **kw)
    assert not (out & ~elig).any() and not (out & ~contacted).any()
    assert np.array_equal(matching.seeks(steered=np.ones(N, bool), **kw), elig)


@small_settings
@given(arrays(np.int64, N, elements=st.integers(0, 4)),
       arrays(np.int64, N, elements=st.integers(0, 4)),
       units, units, arrays(np.int64, N, elements=st.integers(0, 4)), units)
def test_fit_in_unit_interval(wish, skill, clarity, comp, sector, level):
    f = matching.true_fit(wish_sector=wish, skill_sector=skill, goal_clarity=clarity,
                          competence=comp, company_sector=sector, task_level=level,
                          fit_weight_wish=0.35, fit_weight_skill=0.25, fit_weight_level=0.4)
    assert np.all((f >= 0) & (f <= 1 + 1e-12))


def test_fit_prefers_wished_sector_and_matching_level():
    args = dict(skill_sector=np.array([9, 9]), goal_clarity=np.array([1.0, 1.0]),
                competence=np.array([0.3, 0.3]), fit_weight_wish=0.35, fit_weight_skill=0.25,
                fit_weight_level=0.4)
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
    ok = matching.resolve_capacity(company=company, free_slots=free, priority=priority)
    accepted = np.bincount(company[ok], minlength=6)
    assert np.all(accepted <= free)
    # no slot is left empty while someone asked for it
    asked = np.bincount(company, minlength=6)
    assert np.all(accepted == np.minimum(asked, free))


def test_choose_picks_best_usable():
    perceived = np.array([[0.2, 0.9, 0.5], [0.1, 0.2, 0.3]])
    usable = np.array([[True, False, True], [False, False, False]])
    col, found = matching.choose(perceived=perceived, usable=usable)
    assert col[0] == 2 and found[0] and not found[1]


def test_more_company_knowledge_more_candidates():
    k = matching.n_candidates(company_knowledge=np.array([0.0, 0.5, 1.0]), candidates_max=8)
    assert list(k) == [1, 5, 8]


def test_matcher_knowledge_deep_for_jobformidler_thin_after_bum_referral():
    k = matching.matcher_knowledge(
        jobformidler=np.array([True, False, False, False]),
        makkerskab=np.array([True, True, True, False]),
        colocated=np.array([True, True, False, False]),
        known=np.full(4, 0.5), has_cv=np.zeros(4, bool), coordination=np.ones(4),
        referral_knowledge=0.25,
        partner_sharing=0.5, cv_knowledge_gain=0.15, jobformidler_knowledge_floor=0.4,
    )
    assert k[0] > k[1] > k[2] > k[3] == 0.25


@small_settings
@given(bools, bools, bools, units, bools, unit, unit, unit, unit)
def test_matcher_knowledge_in_unit_interval_and_cv_helps(jf, mk, co, trust, cv, ref, share,
                                                          gain, floor):
    kw = dict(jobformidler=jf, makkerskab=mk, colocated=co, known=trust,
              referral_knowledge=ref, partner_sharing=share, cv_knowledge_gain=gain,
              jobformidler_knowledge_floor=floor, coordination=trust)
    k = matching.matcher_knowledge(has_cv=cv, **kw)
    assert np.all((k >= 0) & (k <= 1))
    assert np.all(matching.matcher_knowledge(has_cv=np.ones(N, bool), **kw) >= k - 1e-12)


def test_perceived_fit_is_exact_with_full_knowledge():
    fit = np.array([[0.2, 0.8], [0.5, 0.5]])
    z = np.array([[1.0, -1.0], [2.0, 0.0]])
    kw = dict(record=np.full((2, 2), 0.5), steering=np.zeros(2, bool), record_weight=0.2)
    exact = matching.perceived_fit(fit=fit, knowledge=np.ones(2), noise=0.35, z=z, **kw)
    assert np.array_equal(exact, fit)
    blind = matching.perceived_fit(fit=fit, knowledge=np.zeros(2), noise=0.35, z=z, **kw)
    assert np.allclose(blind - fit, 0.35 * z)


def test_production_steering_prefers_companies_that_give_hours():
    fit = np.array([[0.5, 0.5]])
    record = matching.company_record(placements=np.array([[10.0, 10.0]]),
                                     conversions=np.array([[8.0, 1.0]]))
    kw = dict(fit=fit, knowledge=np.ones(1), noise=0.35, z=np.zeros((1, 2)), record=record,
              record_weight=0.2)
    steered = matching.perceived_fit(steering=np.ones(1, bool), **kw)
    assert steered[0, 0] > steered[0, 1]
    blind = matching.perceived_fit(steering=np.zeros(1, bool), **kw)
    assert blind[0, 0] == blind[0, 1]


@small_settings
@given(arrays(np.float64, N, elements=st.floats(0, 100)), units)
def test_company_record_is_a_share_shrunk_to_a_half(placements, share):
    conv = np.floor(placements * share)
    r = matching.company_record(placements=placements, conversions=conv)
    assert np.all((r > 0) & (r < 1))
    assert np.allclose(matching.company_record(placements=np.zeros(1), conversions=np.zeros(1)),
                       0.5)


@small_settings
@given(units, units, unit, units)
def test_outreach_keeps_companies_open(openness, knowledge, floor, u):
    kw = dict(openness=openness, openness_without_outreach=floor, u=u)
    some = matching.open_to_placement(knowledge=knowledge, **kw)
    full = matching.open_to_placement(knowledge=np.ones(N), **kw)
    assert not (some & ~full).any()  # more contact never closes a company
    assert np.array_equal(full, u < openness)
