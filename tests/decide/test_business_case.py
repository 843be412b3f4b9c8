"""The business case (decide/economics.py): totals add up, a design against itself differs by
exactly 0 with no cost per extra citizen, the ratio is Fieller's, and the text reads as Danes
and English readers write numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from small import small_trial

from jobfirst_sim import fmt
from jobfirst_sim.decide.economics import (
    HOURS_ITEM,
    ITEMS,
    RATIO_ITEM,
    Side,
    business_case,
    cell_text,
    format_business_case,
    totals,
)
from jobfirst_sim.run.simulate import RunTables, simulate
from jobfirst_sim.stats import fieller_interval


@pytest.fixture(scope="module")
def runs() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two designs as two runs with the same seed: the small trial's JobFirst arm, and the
    same scenario with JobFirst's citizens served by the normal effort."""
    jobfirst = small_trial(80, 30, 80)
    normal = small_trial(80, 30, 80, **{"arms.jobfirst.design": "normal_effort"})
    a = RunTables.concat([simulate(normal, r, 11) for r in range(3)]).outcomes
    b = RunTables.concat([simulate(jobfirst, r, 11) for r in range(3)]).outcomes
    return a, b


def _value(case_rows: pd.DataFrame, item: str, column: str) -> pd.Series:
    return case_rows[(case_rows["item"] == item) & (case_rows["column"] == column)].iloc[0]


def test_totals_are_per_citizen_values_times_citizens_and_add_up(runs) -> None:
    _, b = runs
    t = totals(b, "jobfirst")
    cell = b[(b["arm"] == "jobfirst") & (b["benefit"] == "all") & (b["municipality"] == "all")]
    wide = cell.pivot(index="replication", columns="metric", values="value")
    np.testing.assert_allclose(t["benefit"], wide["dkk_benefit_per_citizen"] * wide["n_citizens"])
    np.testing.assert_allclose(t["public_net"],
                               t[["staff", "benefit", "flexjob", "pension"]].sum(axis=1))
    # the benefit groups' totals add up to the arm's
    groups = sum(totals(b, "jobfirst", benefit=g)["public_net"]
                 for g in ("kontanthjaelp", "ressourceforloeb"))
    np.testing.assert_allclose(groups, t["public_net"])


def test_a_design_against_itself_differs_by_exactly_zero(runs) -> None:
    a, _ = runs
    case = business_case(Side("x", a, "jobfirst"), Side("y", a, "jobfirst"))
    diff = case.rows[case.rows["column"] == "difference"]
    kroner = diff[diff["item"] != RATIO_ITEM]
    assert (kroner[["mean", "ci_low", "ci_high"]] == 0.0).all().all()
    ratio = _value(case.rows, RATIO_ITEM, "difference")
    assert not ratio["defined"]
    assert "ikke defineret" in format_business_case(case, "da")
    assert "not defined" in format_business_case(case, "en")


def test_the_difference_is_paired_and_the_ratio_is_fieller(runs) -> None:
    a, b = runs
    case = business_case(Side("Normal", a, "jobfirst"), Side("JobFirst", b, "jobfirst"))
    ta, tb = totals(a, "jobfirst"), totals(b, "jobfirst")
    net = _value(case.rows, "public_net", "difference")
    assert net["mean"] == pytest.approx(float((tb["public_net"] - ta["public_net"]).mean()))
    wages = _value(case.rows, "wages", "difference")
    gap = tb["wages"] - ta["wages"]
    half = (wages["ci_high"] - wages["ci_low"]) / 2  # the paired t-interval of the gaps
    assert half == pytest.approx(4.302653 * gap.std(ddof=1) / np.sqrt(3), rel=1e-6)
    r = fieller_interval(tb["public_net"] - ta["public_net"], tb[HOURS_ITEM] - ta[HOURS_ITEM])
    got = _value(case.rows, RATIO_ITEM, "difference")
    assert bool(got["defined"]) == r.defined
    if r.defined:
        assert (got["ci_low"], got["ci_high"]) == pytest.approx((r.low, r.high))
    for item, _ in ITEMS:
        for column in ("base", "design", "difference"):
            assert _value(case.rows, item, column)["n"] == 3


def test_the_hours_metric_is_a_parameter_and_must_be_a_share(runs) -> None:
    a, b = runs
    case = business_case(Side("a", a, "jobfirst"), Side("b", b, "jobfirst"),
                         hours_metric="ever_hours_share")
    ever = totals(b, "jobfirst", hours_metric="ever_hours_share")[HOURS_ITEM]
    assert _value(case.rows, HOURS_ITEM, "design")["mean"] == pytest.approx(ever.mean())
    with pytest.raises(ValueError, match="not a declared share"):
        totals(b, "jobfirst", hours_metric="mean_caseload")


def test_unpaired_runs_are_refused(runs) -> None:
    a, b = runs
    with pytest.raises(ValueError, match="no replication in common"):
        business_case(Side("a", a, "jobfirst"),
                      Side("b", b.assign(replication=b["replication"] + 10), "jobfirst"))


def test_numbers_are_written_as_danes_and_english_readers_write_them() -> None:
    row = {"defined": True, "mean": 1_234_567.4, "ci_low": -0.2, "ci_high": 2.0}
    assert cell_text(row, "staff", "da") == "1.234.567\u00a0kr. (0 til 2)"  # no "-0"
    assert cell_text(row, "staff", "en") == "DKK\u00a01,234,567 (0 to 2)"
    hours = {"defined": True, "mean": 1234.56, "ci_low": float("nan"), "ci_high": 1.0}
    assert cell_text(hours, HOURS_ITEM, "da") == "1.234,6"


def test_the_table_names_designs_items_year_and_replications(runs) -> None:
    a, b = runs
    case = business_case(Side("Normal indsats", a, "jobfirst"), Side("JobFirst", b, "jobfirst"),
                         price_year=2026)
    da = format_business_case(case, "da")
    assert "Forskel (JobFirst − Normal indsats)" in da
    assert "Offentlig nettoudgift" in da and "2026-priser" in da and "3 kørsler" in da
    staff_total = _value(case.rows, "staff", "base")["mean"]
    assert fmt.kroner(staff_total, "da") in da
    en = format_business_case(case, "en")
    assert "Net public cost" in en and "2026 prices" in en
    with pytest.raises(ValueError, match="lang"):
        format_business_case(case, "de")
