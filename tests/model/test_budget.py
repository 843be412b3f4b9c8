"""The budget book: kroner by year add up to the outcomes' totals, and the refusion
staircase and the flexjob subsidy follow their rules."""

from __future__ import annotations

import numpy as np
import pytest
from small import small_calendar

from jobfirst_sim.model.observe import tables
from jobfirst_sim.model.observe.accounting import WeeklyRates, flexjob_subsidy
from jobfirst_sim.run.simulate import run_model
from jobfirst_sim.scenario.economics import Economics, Refusion


def test_years_add_up_to_the_outcomes_totals() -> None:
    m = run_model(small_calendar(horizon=60), 0, 7, panel=False, agents=False,
                  journeys_per_arm=0)
    book, out = tables.budget_table(m), tables.outcomes_table(m)
    assert sorted(book["year"].unique()) == [1, 2]
    for arm in book["arm"].unique():
        sel = out[(out["arm"] == arm) & (out["benefit"] == "all")
                  & (out["municipality"] == "all")].set_index("metric")["value"]
        for item in ("benefit", "wages", "flexjob", "pension", "staff"):
            total = sel[f"dkk_{item}_per_citizen"] * sel["n_citizens"]
            assert book.loc[book["arm"] == arm, item].sum() == pytest.approx(total, rel=1e-9)
        mine = book[book["arm"] == arm]
        assert (mine["refund_benefit"] <= 0.8 * mine["benefit"] + 1e-6).all()
        assert (mine["refund_benefit"] >= 0.2 * mine["benefit"] - 1e-6).all()


def test_each_benefit_group_has_its_own_rows_adding_up_to_its_totals() -> None:
    """The group column (``benefit_group``) is not the kroner row ``benefit``: each
    group's rows sum to that group's outcome totals, and a group's business case
    (decide.business.payers.run_years) reads only its rows."""
    from jobfirst_sim.decide.business.payers import run_years

    m = run_model(small_calendar(horizon=60), 0, 7, panel=False, agents=False,
                  journeys_per_arm=0)
    book, out = tables.budget_table(m), tables.outcomes_table(m)
    assert set(book["benefit_group"]) == {"kontanthjaelp", "ressourceforloeb"}
    assert book["benefit"].dtype.kind == "f"
    arm = str(book["arm"].iloc[0])
    whole = run_years(book, arm)
    parts = [run_years(book, arm, benefit=g) for g in ("kontanthjaelp", "ressourceforloeb")]
    for group, part in zip(("kontanthjaelp", "ressourceforloeb"), parts, strict=True):
        sel = out[(out["arm"] == arm) & (out["benefit"] == group)
                  & (out["municipality"] == "all")].set_index("metric")["value"]
        total = sel["dkk_benefit_per_citizen"] * sel["n_citizens"]
        assert part["benefit"].sum() == pytest.approx(total, rel=1e-9)
    np.testing.assert_allclose((parts[0] + parts[1])["benefit"], whole["benefit"])


def test_refusion_staircase() -> None:
    share = Refusion().share(np.array([1, 4, 5, 26, 27, 52, 53, 400]))
    np.testing.assert_allclose(share, [0.8, 0.8, 0.4, 0.4, 0.3, 0.3, 0.2, 0.2])


def test_flexjob_subsidy_falls_with_wages_and_respects_the_full_time_wage() -> None:
    econ = Economics()
    rates = WeeklyRates.of(econ, np.zeros(1, np.int64))
    wages = np.linspace(0, 40_000, 81)
    sub = flexjob_subsidy(wages, rates)
    assert sub[0] == pytest.approx(0.98 * econ.max_dagpenge_per_month)
    assert np.all(np.diff(sub) <= 1e-9)
    assert np.all(sub + wages <= np.maximum(rates.full_time_month_wages, wages) + 1e-6)
    # 12 hours a week at 143 DKK: 98 % of the dagpenge maximum less 30 % of the wages,
    # cut to what lifts them to the full-time wage of 37 hours
    w = 12 * econ.hourly_wage * 52 / 12
    expected = min(0.98 * econ.max_dagpenge_per_month - 0.3 * w,
                   37 * econ.hourly_wage * 52 / 12 - w)
    assert flexjob_subsidy(np.array([w]), rates)[0] == pytest.approx(expected)
