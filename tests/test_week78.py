"""One definition of "share with ordinary hours at week 78" everywhere.

The registry declares it (``share_with_hours_w78``: the weekly ``share_wage_hours`` at each
citizen's own week 78, over those observed that long) and :func:`pooling.outcome_from_weekly`
reads it from a weekly table; the run report's "In short", the run's summary.json and the
compare tables (its key figures and its horizon table) must all give that value.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from report_support import real_run_dir
from small import small_trial

from jobfirst_sim import pooling
from jobfirst_sim.decide import compare as cmp
from jobfirst_sim.report.headline import HEADLINE, ReplicationValues, in_short, level_text

METRIC = "share_with_hours_w78"
GROUPS = ("all", "kontanthjaelp", "ressourceforloeb")


def registry_value(weekly: pd.DataFrame, benefit: str) -> pd.Series:
    """Per arm and replication, through the registry's one function."""
    at = pooling.outcome_from_weekly(weekly, METRIC, benefit=benefit)
    return at.set_index(["arm", "replication"])[METRIC].sort_index()


def same(a: float | np.ndarray, b: float | np.ndarray, benefit: str) -> None:
    """A benefit group's value is the same count over the same citizens: exactly equal;
    pooled, the weekly table's shares are weighted back to counts (to the last bits)."""
    if benefit == "all":
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=0)
    else:
        np.testing.assert_array_equal(a, b)


def test_the_run_report_and_summary_give_the_registry_value() -> None:
    run = real_run_dir()
    weekly = pd.read_parquet(run / "weekly.parquet")
    outcomes = pd.read_parquet(run / "outcomes.parquet")
    summary = json.loads((run / "summary.json").read_text(encoding="utf-8"))
    values = ReplicationValues(outcomes)
    arms = ["jobfirst", "control"]
    means: dict[tuple[str, str], float] = {}
    for benefit in GROUPS:
        reg = registry_value(weekly, benefit)
        assert set(reg.index.get_level_values("arm")) == set(arms)
        for arm in arms:
            per_rep = reg.loc[arm]
            head = values.get(arm, METRIC, benefit).sort_index()
            assert list(head.index) == list(per_rep.index)
            same(head.to_numpy(), per_rep.to_numpy(), benefit)
            means[arm, benefit] = float(per_rep.mean())
            assert summary["arms"][arm][benefit][METRIC]["mean"] == pytest.approx(
                means[arm, benefit], rel=1e-12, abs=0)
    # the "In short" sentences name both arms' levels as the registry gives them
    said = in_short(outcomes, arms, "control", "en", lambda a: a, HEADLINE)
    lines = {ln.group: ln.text for (metric, _), ln in zip(HEADLINE, said, strict=True)
             if metric == METRIC}
    assert set(lines) == {"all", "kontanthjaelp"}
    for benefit, text in lines.items():
        for arm in arms:
            assert level_text(METRIC, means[arm, benefit], "en") in text, (benefit, arm)


def test_compare_gives_the_registry_value_in_key_figures_and_horizons() -> None:
    current = small_trial(n_kh=80, n_rf=30, weeks=80)
    proposed = small_trial(n_kh=80, n_rf=30, weeks=80,
                           **{"arms.control.practice.cv_at_start": True})
    comparison = cmp.run_compare(cmp.from_files(
        current, proposed, label_current="a", label_proposed="b", replications=3, seed=11,
        horizons=(78,)))
    outcomes = comparison.outcomes()
    horizons = comparison.horizons()
    for side, column in ((comparison.current, "current"), (comparison.proposed, "proposed")):
        for benefit in GROUPS:
            reg = registry_value(side["weekly"], benefit)
            for arm in comparison.request.arms:
                mean = float(reg.loc[arm].mean())
                key = outcomes[(outcomes["arm"] == arm) & (outcomes["benefit"] == benefit)
                               & (outcomes["municipality"] == "all")
                               & (outcomes["metric"] == METRIC)]
                over_time = horizons[(horizons["arm"] == arm)
                                     & (horizons["benefit"] == benefit)
                                     & (horizons["week"] == 78)
                                     & (horizons["metric"] == "share_wage_hours")]
                assert len(key) == 1 and len(over_time) == 1
                assert float(key[column].iloc[0]) == pytest.approx(mean, rel=1e-12, abs=0)
                assert float(over_time[column].iloc[0]) == pytest.approx(mean, rel=1e-12,
                                                                         abs=0)
