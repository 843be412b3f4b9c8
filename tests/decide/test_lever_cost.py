"""Cost by lever (decide/lever_cost.py, decide/coalition_cost.py): the net cost a year is
split with the same coalitions as the hours and adds up like them, a coalition's cost is
its budget book priced per payer and annualised, the price per extra citizen is told only
where a lever surely buys hours, and the orders fit the time budget."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from lever_cost_split import COSTS, EFFECTS, split_of
from small import near_pair

from jobfirst_sim.decide import lever_cost as lc
from jobfirst_sim.decide import shapley as sh
from jobfirst_sim.decide.business.payers import ITEMS, PAYERS, payer_costs, run_years
from jobfirst_sim.decide.coalition_cost import yearly_cost
from jobfirst_sim.decide.explain import ExplainRequest
from jobfirst_sim.stats import Interval


def book(weeks: tuple[int, ...] = (52, 26)) -> pd.DataFrame:
    """A one-run budget book of arm ``a``, one row per year, municipality and benefit
    group (as the model's: ``benefit`` holds kroner, ``benefit_group`` the group)."""
    rows = []
    for y, w in enumerate(weeks, start=1):
        for m, k in (("M", 1.0), ("N", 2.0)):
            for g, f in (("kontanthjaelp", 1.0), ("ressourceforloeb", 3.0)):
                rows.append({"replication": 0, "arm": "a", "municipality": m, "year": y,
                             "weeks": w, "benefit_group": g,
                             **{item: f * k * (100.0 + 10 * i) * y
                                for i, item in enumerate(ITEMS)}})
    return pd.DataFrame(rows)


def test_a_coalitions_cost_is_its_book_priced_per_payer_a_year():
    scen = near_pair()
    got = yearly_cost(book(), "a", "all", scen.economics)
    priced = payer_costs(run_years(book(), "a"), scen.economics)
    for payer in PAYERS:  # 78 weeks of kroner, told per 52
        assert got[payer] == pytest.approx(priced[payer].sum() * 52 / 78)
        assert got[payer] != 0
    assert all(math.isnan(v) for v in yearly_cost(book(), "b", "all", scen.economics).values())
    group = yearly_cost(book(), "a", "kontanthjaelp", scen.economics)
    mine = payer_costs(run_years(book(), "a", benefit="kontanthjaelp"), scen.economics)
    for payer in PAYERS:  # one group's cost: its own rows only (a quarter of the whole)
        assert group[payer] == pytest.approx(mine[payer].sum() * 52 / 78)
        assert group[payer] == pytest.approx(got[payer] / 4)


def test_the_price_per_extra_citizen_only_where_a_lever_surely_buys_hours():
    rows = {r.lever: r for r in lc.lever_costs(split_of(EFFECTS, COSTS))}
    assert list(rows) == ["caseload", "cv_at_start", "work_agreement", lc.TOTAL]
    cl = rows["caseload"]
    assert cl.meaningful and cl.extra_citizens == pytest.approx(20.0)
    assert cl.per_citizen["municipality"] == pytest.approx(1e6 / 20.0)
    assert cl.per_citizen["public"] == pytest.approx(0.5e6 / 20.0)
    for name in ("cv_at_start", "work_agreement"):
        assert not rows[name].meaningful
        assert all(math.isnan(v) for v in rows[name].per_citizen.values())
    assert rows[lc.TOTAL].cost["municipality"].mean == pytest.approx(1.1e6)


def test_no_price_for_a_metric_that_is_not_a_share_with_hours():
    rows = lc.lever_costs(split_of(EFFECTS, COSTS, observed=float("nan")))
    assert not any(r.meaningful for r in rows)


def test_the_monte_carlo_error_widens_the_interval_that_decides():
    sure = Interval(0.02, 0.01, 0.03, 10)
    assert lc.buys_hours(sure, 0.0)
    assert not lc.buys_hours(sure, 0.01)  # ±1.96·√(0.0051² + 0.01²) ≈ 0.022 > 0.02
    assert not lc.buys_hours(Interval(-0.02, -0.03, -0.01, 10), 0.0)
    assert not lc.buys_hours(Interval(0.02, float("nan"), float("nan"), 1), 0.0)
    rows = {r.lever: r for r in lc.lever_costs(split_of(EFFECTS, COSTS, error=0.05))}
    assert not rows["caseload"].meaningful


def test_the_table_and_its_csv(tmp_path: Path):
    split = split_of(EFFECTS, COSTS)
    tab = lc.table(split)
    assert list(tab.columns) == list(lc.COLUMNS)
    assert list(tab["lever"]) == ["caseload", "cv_at_start", "work_agreement", "total"]
    path = lc.write_csv(split, tmp_path)
    back = pd.read_csv(path)
    assert back["cost_municipality"].tolist() == pytest.approx([1e6, -2e5, 3e5, 1.1e6])
    # the total: +2 pp and −2 pp leave no effect to price
    assert back["dkk_per_citizen_municipality"].isna().tolist() == [False, True, True, True]
    empty = lc.table(sh.ShapleyResult(split.request, "exact", {}, np.zeros(5), {}, 0, 0, 0.0))
    assert empty.empty and list(empty.columns) == list(lc.COLUMNS)


@pytest.mark.parametrize(("n", "reps", "members", "per_run", "budget"), [
    (19, 10, 1, 0.2, 90.0), (19, 2, 10, 0.1, 90.0), (19, 2, 10, 0.5, 90.0),
    (12, 4, 1, 0.05, 600.0), (19, 2, 3, 0.02, 30.0)])
def test_the_orders_are_the_most_whole_pairs_that_fit_the_budget(n, reps, members, per_run,
                                                                  budget):
    got = sh.orders_within(budget, per_run, n, reps, members)
    step = 2 if members == 1 else 2 * members
    least = sh.least_orders(members)
    assert got % step == 0 and got >= least >= step
    if got > least:  # the least is run whatever the budget; above it, it fits
        assert sh.planned(n, reps, got, members) * per_run <= budget
    assert sh.planned(n, reps, got + step, members) * per_run > budget


@pytest.mark.slow
def test_the_cost_is_split_with_the_same_runs_and_adds_up_in_every_replication():
    res = sh.shapley(ExplainRequest(near_pair(), "control", "jobfirst", replications=2,
                                    seed=11))
    assert res.simulations == 2 ** 3 * 2  # no run added for the kroner
    assert set(res.costs) == set(PAYERS)
    for payer, split in res.costs.items():
        np.testing.assert_allclose(sum(split.parts.values()), split.total, rtol=1e-9,
                                   err_msg=payer)
        assert np.isfinite(split.total).all()
    assert res.observed is not None and (res.observed > 0).all()
    assert len(lc.lever_costs(res)) == 4


@pytest.mark.slow
def test_sampled_orders_split_the_cost_with_an_error(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sh, "EXACT_MAX", 1)
    res = sh.shapley(ExplainRequest(near_pair(), "control", "jobfirst", replications=2,
                                    seed=11), orders_wanted=4)
    assert res.method == "sampled"
    split = res.costs["municipality"]
    np.testing.assert_allclose(sum(split.parts.values()), split.total, rtol=1e-9)
    assert all(np.isfinite(e) and e >= 0 for e in split.mc_error.values())
