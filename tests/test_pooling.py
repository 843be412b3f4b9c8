"""Pooling a weekly table over benefit groups by what each metric is taken over, with one
arithmetic for every reader (compare, the report's figures, the sweep page, the browser)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_support import as_go, numbers, real_run_dir

from jobfirst_sim import metric_basis as mb
from jobfirst_sim import pooling
from jobfirst_sim.metric_basis import Table, WeekBasis
from jobfirst_sim.report.figures.base import weekly_combined

BY = ["replication", "arm", "week"]
METRICS = ["share_wage_hours", "mean_wage_hours_if_any", "mean_trust", "mean_placement_fit"]


def _two_groups(**cols: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"replication": 0, "arm": "x", "week": 5,
                         "benefit": ["kontanthjaelp", "ressourceforloeb"], **cols})


def test_a_mean_over_all_observed_is_weighted_by_citizens_observed() -> None:
    df = _two_groups(n=[300, 100], share_wage_hours=[0.2, 0.6], mean_trust=[0.5, 0.9])
    out = pooling.pool(df, BY, ["share_wage_hours", "mean_trust"])
    assert out["share_wage_hours"].iloc[0] == pytest.approx(0.3)
    assert out["mean_trust"].iloc[0] == pytest.approx(0.6)


def test_a_mean_among_a_subgroup_is_weighted_by_the_subgroup() -> None:
    # 60 with hours in each group: the hours among those with hours pool to 15, not 12.5
    df = _two_groups(n=[300, 100], share_wage_hours=[0.2, 0.6],
                     mean_wage_hours_if_any=[10.0, 20.0], share_in_placement=[0.1, 0.0],
                     mean_placement_fit=[0.4, np.nan])
    out = pooling.pool(df, BY, ["mean_wage_hours_if_any", "mean_placement_fit"])
    assert out["mean_wage_hours_if_any"].iloc[0] == pytest.approx(15.0)
    # nobody in placement in the second group: its missing mean carries no weight
    assert out["mean_placement_fit"].iloc[0] == pytest.approx(0.4)
    assert pooling.columns_for(["mean_wage_hours_if_any", "share_wage_hours"]) == [
        "mean_wage_hours_if_any", "share_wage_hours", "n"]


def test_no_weight_gives_no_value() -> None:
    df = _two_groups(n=[0, 0], share_wage_hours=[np.nan, np.nan])
    assert np.isnan(pooling.pool(df, BY, ["share_wage_hours"])["share_wage_hours"].iloc[0])
    with pytest.raises(ValueError, match="at least one metric"):
        pooling.pool(df, BY, [])


def test_an_outcome_is_never_averaged_over_groups() -> None:
    df = _two_groups(n=[300, 100], share_with_hours_w78=[0.2, 0.6])
    with pytest.raises(ValueError, match="share_with_hours_w78 is not pooled by a weekly "
                       "count: the outcomes table pools its benefit groups as 'citizens'"):
        pooling.pool(df, BY, ["share_with_hours_w78"])


def _weekly(seed: int, rows: int) -> pd.DataFrame:
    """Two benefit groups with NaN in some columns, zero weights and an arm that is NaN."""
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({
        "replication": rng.integers(0, 3, rows),
        "arm": rng.choice(np.array(["zeta", "alfa", None], dtype=object), rows,
                          p=[0.45, 0.45, 0.1]),
        "benefit": rng.choice(["kontanthjaelp", "ressourceforloeb"], rows),
        "week": rng.integers(0, 2, rows),
        "n": rng.choice([0, 1, 7, 130], rows),
        "share_in_placement": rng.random(rows),
    })
    for i, v in enumerate(METRICS):
        x = rng.random(rows) * 10.0 ** (2 * i - 2)
        x[rng.random(rows) < 0.15 * i] = np.nan  # the first column never NaN
        df[v] = x
    return df


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), rows=st.integers(0, 60))
def test_several_metrics_pool_as_each_alone(seed: int, rows: int) -> None:
    df = _weekly(seed, rows)
    if rows == 0:
        return
    many = pooling.pool(df, BY, METRICS)
    assert list(many.columns) == [*BY, *METRICS]
    for m in METRICS:
        alone = pooling.pool(df, BY, [m])
        pd.testing.assert_frame_equal(many[[*BY, m]], alone, check_exact=True)


def _long_as_compare_had_it(weekly: pd.DataFrame, metrics: list[str]) -> pd.DataFrame:
    """The compare tables' long form as decide/compare.py computed it before the registry
    (each mean among a subgroup weighted by that subgroup's share of ``n``)."""
    subgroup = {"mean_wage_hours_if_any": "share_wage_hours",
                "mean_placement_fit": "share_in_placement", "mean_job_fit": "share_wage_hours"}
    keys = ["replication", "arm", "benefit", "week"]
    long = weekly.melt(id_vars=[*keys, "n"], value_vars=metrics, var_name="metric")
    w = long["n"].astype(float)
    for metric, base in subgroup.items():
        sel = long["metric"] == metric
        if sel.any():
            share = weekly.set_index(keys)[base]
            idx = pd.MultiIndex.from_frame(long.loc[sel, keys])
            w.loc[sel] = w.loc[sel].to_numpy() * share.reindex(idx).to_numpy()
    ok = np.isfinite(long["value"].astype(float)) & (w > 0)
    pooled = (long.assign(wv=(long["value"] * w).where(ok, 0.0), w=w.where(ok, 0.0))
              .groupby(["replication", "arm", "week", "metric"], sort=False)[["wv", "w"]]
              .sum().reset_index())
    pooled["value"] = np.where(pooled["w"] > 0, pooled["wv"] / pooled["w"], np.nan)
    pooled["benefit"] = "all"
    cols = [*keys, "metric", "value"]
    return pd.concat([long[cols], pooled[cols]], ignore_index=True)


def test_weekly_long_is_the_compare_tables_long_form_to_the_last_bit() -> None:
    from jobfirst_sim.decide.paired import WEEKLY_METRICS, weekly_long

    weekly = pd.read_parquet(real_run_dir() / "weekly.parquet")
    metrics = [m for m in WEEKLY_METRICS if m in weekly]
    ours = pooling.weekly_long(weekly, metrics)
    pd.testing.assert_frame_equal(ours, _long_as_compare_had_it(weekly, metrics),
                                  check_exact=True)
    pd.testing.assert_frame_equal(ours, weekly_long(weekly), check_exact=True)


def test_the_figures_pool_by_the_registry() -> None:
    weekly = pd.read_parquet(real_run_dir() / "weekly.parquet")
    shown = ["share_wage_hours", "mean_trust", "mean_wage_hours_if_any"]
    pd.testing.assert_frame_equal(weekly_combined(weekly, shown),
                                  pooling.over_benefits(weekly, shown), check_exact=True)


def test_value_at_a_week_pools_or_picks_a_group() -> None:
    weekly = pd.read_parquet(real_run_dir() / "weekly.parquet")
    at = pooling.value_at(weekly, "share_wage_hours", 52)
    assert list(at.columns) == ["replication", "arm", "share_wage_hours"]
    rows = weekly[weekly["week"] == 52]
    n = rows.groupby(["replication", "arm"])["n"].sum()
    k = (rows["n"] * rows["share_wage_hours"]).groupby([rows["replication"], rows["arm"]]).sum()
    expect = (k / n).reindex(pd.MultiIndex.from_frame(at[["replication", "arm"]]))
    np.testing.assert_allclose(at["share_wage_hours"], expect.to_numpy(), rtol=1e-12)
    kh = pooling.value_at(weekly, "share_wage_hours", 52, benefit="kontanthjaelp")
    assert len(kh) == len(at)
    assert set(kh["share_wage_hours"]) <= set(rows["share_wage_hours"])


def test_a_calendar_table_is_not_read_as_own_weeks() -> None:
    weekly = _two_groups(n=[10, 10], share_wage_hours=[0.1, 0.3])
    assert pooling.week_basis(weekly) is WeekBasis.own
    weekly["week"] = 78
    own = pooling.outcome_from_weekly(weekly, "share_with_hours_w78")
    assert own["share_with_hours_w78"].iloc[0] == pytest.approx(0.2)
    weekly["date"] = pd.Timestamp("2024-01-01")
    assert pooling.week_basis(weekly) is WeekBasis.calendar
    with pytest.raises(ValueError, match="counts calendar weeks, not own weeks"):
        pooling.outcome_from_weekly(weekly, "share_with_hours_w78")
    with pytest.raises(ValueError, match="not read at one week"):
        pooling.outcome_from_weekly(weekly, "ever_hours_share")


def test_the_browser_pools_hours_among_those_with_hours_by_those_with_hours() -> None:
    """It weighed every metric by the citizens observed: the hours among those with hours
    of a group with few working citizens counted as much as of one where many work."""
    from jobfirst_sim.app import browse as B

    run = real_run_dir()
    weekly = pd.read_parquet(run / "weekly.parquet")
    weekly = weekly[weekly["week"] <= 104]
    metric = "mean_wage_hours_if_any"
    fig, _ = B.weekly_compare([B.Entry("run", "r", run)], metric, "all", (0, 104), "en")
    lines = [tr for tr in as_go(fig).data if tr.mode == "lines"]
    assert lines

    def curves(pooled: pd.DataFrame) -> list[np.ndarray]:
        mean = pooled.groupby(["arm", "week"])[metric].mean()
        return [mean.loc[a].dropna().to_numpy() for a in mean.index.levels[0]]

    right = curves(pooling.over_benefits(weekly, [metric]))
    by_n = weekly.assign(**{metric: weekly[metric].fillna(0.0)})
    wrong = curves(by_n.groupby(BY).apply(
        lambda g: pd.Series({metric: np.average(g[metric], weights=g["n"])}),
        include_groups=False).reset_index())
    for tr in lines:
        y = numbers(tr.y)
        y = y[np.isfinite(y)]
        assert any(c.shape == y.shape and np.allclose(c, y, rtol=1e-12) for c in right)
        assert not any(c.shape == y.shape and np.allclose(c, y, rtol=1e-9) for c in wrong)


def test_the_browser_computes_from_person_rows_only_means_over_the_observed() -> None:
    from jobfirst_sim.app.browse import data

    assert data.PANEL_WEEKLY and all(data.from_person_rows(m) for m in data.PANEL_WEEKLY)
    assert not data.from_person_rows("mean_wage_hours_if_any")
    assert not data.from_person_rows("share_with_hours_w78")
    with pytest.raises(ValueError, match="not a mean over the citizens observed"):
        data.person_weekly(real_run_dir() / "panel.parquet", "mean_job_fit", {})
    # the browser's menus offer weekly and outcome metrics as the registry files them
    assert all(mb.basis(m).table is Table.weekly for m in data.WEEKLY_METRICS)
    assert all(Table.outcomes in (mb.basis(m).table, *mb.basis(m).also)
               for m in data.OUTCOME_METRICS)
