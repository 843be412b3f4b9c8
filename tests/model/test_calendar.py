"""Calendar mode in the model: who starts when, the change-over, and what is measured.

Why: a running jobcentre's answer rests on the stock starting at week 0 with the
relationship it has, the inflow arriving in exact numbers, the handover and ramp-up doing
what the scenario says and nothing else, and the outcomes reading honestly at the horizon.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st
from rule_strategies import small_settings
from small import small_calendar

from jobfirst_sim.decide.levers import find_levers, switch_levers
from jobfirst_sim.model.jobcentre import JobcentreModel
from jobfirst_sim.model.population import build_citizens, inflow_weeks
from jobfirst_sim.model.rules import transition
from jobfirst_sim.model.staffing import transition_practice
from jobfirst_sim.run.simulate import simulate
from jobfirst_sim.scenario.schema import BENEFITS

SEED = 11


@small_settings
@given(rate=st.floats(0.0, 50.0), horizon=st.integers(1, 520))
def test_inflow_total_is_exact_and_even(rate: float, horizon: int) -> None:
    weeks = inflow_weeks(rate, horizon)
    assert weeks.size == int(np.floor(rate * horizon + 0.5))
    assert np.all(np.diff(weeks) >= 0) and np.all((weeks >= 0) & (weeks < horizon))
    per_week = np.bincount(weeks, minlength=horizon)
    assert per_week.max() - per_week.min() <= 1


def test_stock_starts_at_zero_and_inflow_at_its_weeks() -> None:
    s = small_calendar()
    c = build_citizens(s, SEED, 0)
    stock = ~c.inflow
    assert np.all(c.start_week[stock] == 0) and np.all(c.weeks_on_benefit[c.inflow] == 0)
    for a, arm in enumerate(s.arms):
        for b, benefit in enumerate(BENEFITS):
            sel = (c.arm == a) & (c.benefit == b)
            assert int((sel & stock).sum()) == arm.citizens.get(benefit, 0)
            expected = inflow_weeks(arm.inflow_per_week.get(benefit, 0.0), 30)
            assert np.array_equal(np.sort(c.start_week[sel & c.inflow]), expected)
    bands = s.calendar.weeks_on_benefit  # type: ignore[union-attr]
    for b, benefit in enumerate(BENEFITS):
        wob = c.weeks_on_benefit[stock & (c.benefit == b)]
        lo = min(x.min_weeks for x in bands[benefit])
        hi = max(x.max_weeks for x in bands[benefit])
        assert np.all((wob >= lo) & (wob < hi))


def test_stock_relationship_uses_the_rules() -> None:
    s = small_calendar()
    rb, cal = s.behaviour.relationship, s.calendar
    assert cal is not None
    c = build_citizens(s, SEED, 0)
    stock = ~c.inflow
    assert np.all(c.known[c.inflow] == rb.known_start)
    contacts = transition.contacts_before(
        weeks_on_benefit=c.weeks_on_benefit[stock],
        contact_interval_before_weeks=cal.contact_interval_before_weeks,
        contact_tenure_weeks=cal.contact_tenure_weeks)
    order = np.argsort(contacts)
    assert np.all(np.diff(c.known[stock][order]) >= 0)  # more contacts, known better
    assert contacts.max() <= cal.contact_tenure_weeks / cal.contact_interval_before_weeks
    # a citizen still on benefit has shown no progress: belief where it started
    assert np.allclose(c.belief[stock], rb.belief_start)


@small_settings
@given(contacts=st.lists(st.integers(0, 60), min_size=1, max_size=8),
       gain=st.floats(0.0, 1.0), start=st.floats(0.0, 1.0))
def test_relationship_at_start_is_repeated_learning(contacts: list[int], gain: float,
                                                     start: float) -> None:
    k = np.array(contacts, np.int64)
    known, belief = transition.relationship_at_start(
        contacts=k, known_start=start, belief_start=0.4, known_gain_per_contact=gain,
        belief_adjust=0.3)
    assert np.allclose(known, 1.0 - (1.0 - start) * (1.0 - gain) ** k)
    assert np.all((known >= start - 1e-12) & (known <= 1.0)) and np.allclose(belief, 0.4)


@small_settings
@given(ramp_start=st.floats(0.0, 1.0), weeks=st.integers(0, 60),
       impl=st.floats(0.0, 1.0))
def test_practising_share_rises_to_implementation(ramp_start: float, weeks: int,
                                                  impl: float) -> None:
    implementation = np.array([impl])
    shares = [transition.practising_share(week=w, ramp_start=ramp_start, ramp_up_weeks=weeks,
                                          implementation=implementation)[0]
              for w in range(weeks + 5)]
    assert np.all(np.diff(shares) >= -1e-12)
    assert np.all((np.array(shares) >= 0) & (np.array(shares) <= impl + 1e-12))
    assert abs(shares[weeks] - impl) < 1e-12 and abs(shares[-1] - impl) < 1e-12


def test_ramp_up_adopters_keep_practising() -> None:
    s = small_calendar(**{"arms.proposed.transition.ramp_start": 0.0,
                          "arms.proposed.transition.ramp_up_weeks": 10})
    m = JobcentreModel(s, SEED, 0)
    prop = m.staff.arm == 1
    own = [transition_practice(s, m.staff, m.world.design.before_arm, w)[prop] == 1
           for w in range(12)]
    assert not own[0].any()
    for before, after in itertools.pairwise(own):
        assert np.all(after >= before)
    impl = s.municipalities[0].implementation
    assert np.array_equal(own[10], m.staff.practice_u[prop] < impl)


def _changed_at_week0(share: float) -> tuple[int, int]:
    s = small_calendar(**{"arms.proposed.transition.handover_share": share})
    m = JobcentreModel(s, SEED, 0)
    m.step()
    c = m.citizens
    stock = (c.arm == 1) & ~c.inflow
    return int((c.first_change_week[stock] == 0).sum()), int(stock.sum())


def test_handover_share_sets_the_changes_at_the_change() -> None:
    all_changed, n = _changed_at_week0(1.0)
    none_changed, _ = _changed_at_week0(0.0)
    assert all_changed == n
    assert none_changed < n // 10  # only staff leaving in week 0 can change a contact


def test_transition_without_handover_or_ramp_changes_nothing() -> None:
    plain = small_calendar(**{"arms.proposed.transition": None})
    idle = small_calendar(**{"arms.proposed.transition.handover_share": 0.0,
                             "arms.proposed.transition.ramp_up_weeks": 0})
    a, b = simulate(plain, 0, SEED), simulate(idle, 0, SEED)
    pd.testing.assert_frame_equal(a.outcomes, b.outcomes)
    pd.testing.assert_frame_equal(a.weekly, b.weekly)


def test_calendar_run_is_deterministic_and_dated() -> None:
    s = small_calendar()
    a, b = simulate(s, 1, SEED, panel=True), simulate(s, 1, SEED, panel=True)
    for name in ("weekly", "outcomes", "funnel", "staff", "panel"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    w = a.weekly
    assert w["week"].max() == 30 and w["date"].min() == pd.Timestamp("2027-03-01")
    first = w[w["week"] == 0].set_index(["arm", "benefit"])["n"]
    last = w[w["week"] == 30].set_index(["arm", "benefit"])["n"]
    assert (last > first).all()  # n counts the citizens started by then: inflow arrives
    assert set(a.panel["cohort"]) == {"stock", "inflow"}  # type: ignore[index]


def test_week78_is_honest_and_end_metrics_read_the_horizon() -> None:
    short = simulate(small_calendar(horizon=30), 0, SEED).outcomes
    get = short.set_index(["arm", "benefit", "municipality", "metric"])["value"]
    assert np.isnan(get[("today", "all", "all", "share_with_hours_w78")])
    for metric in ("share_with_hours_end", "mean_wage_hours_end",
                   "share_with_hours_end_stock", "share_with_hours_end_inflow"):
        assert np.isfinite(get[("today", "all", "all", metric)])
    # with a 78-week horizon the stock reaches week 78 at the horizon: both read the same
    long = simulate(small_calendar(horizon=78), 0, SEED).outcomes
    get = long.set_index(["arm", "benefit", "municipality", "metric"])["value"]
    assert get[("today", "all", "all", "share_with_hours_w78")] == get[
        ("today", "all", "all", "share_with_hours_end_stock")]


def test_switch_levers_carries_the_transition_and_the_old_design() -> None:
    s = small_calendar()
    switched = switch_levers(s, "today", "proposed", find_levers(s, "today", "proposed"))
    tr = switched.arm("today").transition
    assert tr is not None and tr == s.arm("proposed").transition.model_copy(  # type: ignore[union-attr]
        update={"design_before": s.arm("today").design})
    m = JobcentreModel(switched, SEED, 0)
    before = m.world.design.before_arm[0]
    assert before == len(s.arms)  # the old design's practice rows follow the arms'
    at0 = transition_practice(switched, m.staff, m.world.design.before_arm, 0)[m.staff.arm == 0]
    assert set(np.unique(at0)) <= {0, int(before)}


def _teams_hold(model: JobcentreModel) -> None:
    """Every citizen has one contact person of their own municipality and arm, and the pair
    around them is whole: a jobformidler's citizens have the jobformidler's partner as
    caseworker, a makkerskab caseworker's citizens their partner as company side."""
    c, st = model.citizens, model.staff
    assert np.all(c.contact_prof >= 0)
    assert np.array_equal(st.municipality[c.contact_prof], c.municipality)
    assert np.array_equal(st.arm[c.contact_prof], c.arm)
    paired = st.partner[c.contact_prof] >= 0
    jf = c.company_prof == c.contact_prof
    assert np.array_equal(c.caseworker[paired & jf], st.partner[c.contact_prof[paired & jf]])
    assert np.array_equal(c.company_prof[paired & ~jf],
                          st.partner[c.contact_prof[paired & ~jf]])


def test_caseload_reviews_move_citizens_within_their_team_as_changes() -> None:
    runs = {}
    for weeks in (0, 5):
        s = small_calendar(horizon=40, scale=0.4,
                           **{"behaviour.relationship.review_interval_weeks": weeks,
                              "behaviour.relationship.review_tolerance": 0.0})
        m = JobcentreModel(s, SEED, 0)
        roles = m.staff.role[m.citizens.contact_prof].copy()
        m.run_model()
        _teams_hold(m)
        assert np.array_equal(m.staff.role[m.citizens.contact_prof], roles)
        runs[weeks] = m
    moved = runs[5].citizens.contact_prof != runs[0].citizens.contact_prof
    assert moved.any()  # the reviews moved someone ...
    changes = runs[5].citizens.contact_changes - runs[0].citizens.contact_changes
    assert changes.sum() > 0  # ... and each move counts as a change of contact person


def test_a_trial_cohort_keeps_its_teams_through_reviews(small_scenario) -> None:
    """The ordinary inflow keeps a trial professional's caseload at what was dealt out
    (model/stages/time_budget.py), so a review finds nobody over the tolerance."""
    m = JobcentreModel(small_scenario, SEED, 0)
    before = m.citizens.contact_prof.copy()
    m.run_model()
    assert np.array_equal(m.citizens.contact_prof, before)
