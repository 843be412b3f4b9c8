"""Pure figure functions on what the model really writes: every figure draws, in both
languages, with Danish decimal commas and the trial's reference marks where they belong."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from report_support import as_go, make_fake_run, numbers, real_run_dir

from jobfirst_sim import fmt, metrics, words
from jobfirst_sim.report import figures as F
from jobfirst_sim.report.data import load_run
from jobfirst_sim.report.labels import has, t
from jobfirst_sim.report.stats import weighted_over
from jobfirst_sim.stats import summarise_groups


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    data = load_run(real_run_dir())
    assert data.problems == []
    return {k: v for k, v in data.tables.items() if v is not None}


@pytest.fixture(scope="module")
def roles() -> dict[str, str]:
    return F.arm_roles(load_run(real_run_dir()).manifest)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_figure_draws_from_a_real_run(tables: dict[str, pd.DataFrame], lang: str) -> None:
    w, o = tables["weekly"], tables["outcomes"]
    figs = [
        F.fig_weekly_metric(w, "share_wage_hours", lang),
        F.fig_weekly_metric(w, "mean_wage_hours", lang),
        F.fig_status(w, lang), F.fig_wellbeing(w, lang),
        F.fig_funnel(tables["funnel"], lang),
        F.fig_hours_distribution(tables["panel"], w, lang),
        F.fig_targets(o, lang), F.fig_exits(o, lang),
        F.fig_organisation(tables["staff"], lang),
        F.fig_companies(tables["companies"], lang),
        F.fig_companies_hours(tables["companies"], lang),
        F.fig_municipality(o, lang), F.fig_subgroup_benefit(o, lang),
        F.fig_subgroup_people(tables["panel"], lang),
    ]
    for plain in figs:
        fig = as_go(plain)  # plain data that plotly's schema accepts
        assert len(fig.data) > 0
        assert fig.layout.separators == (",." if lang == "da" else ".,")


def test_trial_marks_at_week_78_on_the_cash_benefit_panel(tables: dict[str, pd.DataFrame],
                                                          roles: dict[str, str]) -> None:
    assert roles == {"jobfirst": "treatment", "control": "control"}
    fig = as_go(F.fig_weekly_metric(tables["weekly"], "share_wage_hours", "da", roles=roles,
                                    trial=True))
    marks = [tr for tr in fig.data if tr.marker and tr.marker.symbol == "diamond"]
    assert sorted(float(tr.y[0]) for tr in marks) == [0.12, 0.19]
    assert all(tr.x[0] == 78 for tr in marks)
    assert {tr.xaxis for tr in marks} == {"x"}  # first panel = kontanthjælp
    t2 = as_go(F.fig_weekly_metric(tables["weekly"], "mean_wage_hours", "en", roles=roles,
                                   trial=True))
    assert sorted(float(tr.y[0]) for tr in t2.data if tr.marker and tr.marker.symbol
                  == "diamond") == [2.75, 4.6]


def test_targets_figure_has_t3_and_t4(tables: dict[str, pd.DataFrame],
                                      roles: dict[str, str]) -> None:
    fig = as_go(F.fig_targets(tables["outcomes"], "en", roles, trial=True))
    texts = [tr.text[0] for tr in fig.data if tr.type == "scatter"]
    assert any(s.startswith("T3") for s in texts) and any(s.startswith("T4") for s in texts)


def test_no_trial_marks_without_declared_roles(tables: dict[str, pd.DataFrame]) -> None:
    """An old manifest without roles: every arm is an alternative, names are never read."""
    assert F.arm_roles({"scenario": {"arms": [{"name": "jobfirst"}, {"name": "control"}]}}) \
        == {"jobfirst": "alternative", "control": "alternative"}
    fig = as_go(F.fig_weekly_metric(tables["weekly"], "share_wage_hours", "en", trial=True))
    assert not [tr for tr in fig.data if tr.marker and tr.marker.symbol == "diamond"]
    tg = as_go(F.fig_targets(tables["outcomes"], "en", trial=True))
    assert not [tr for tr in tg.data if tr.type == "scatter"]


def test_roles_decide_order_and_colours() -> None:
    roles = {"a": "control", "b": "treatment", "c": "alternative"}
    assert F.arm_order(["a", "c", "b"], roles) == ["b", "c", "a"]
    colours = F.arm_colours(["b", "a", "c"], roles)
    assert colours["b"] == F.ARM_FIXED["treatment"] and colours["a"] == F.ARM_FIXED["control"]
    assert colours["c"] not in F.ARM_FIXED.values()


def test_one_replication_draws_lines_without_bands(tables: dict[str, pd.DataFrame]) -> None:
    """n < 2 gives NaN bounds (jobfirst_sim.stats): the curve is drawn, the band is not."""
    w = tables["weekly"]
    one = w[w["replication"] == w["replication"].min()]
    fig = as_go(F.fig_weekly_metric(one, "share_wage_hours", "en"))
    assert not [tr for tr in fig.data if tr.fill == "toself"]
    assert [tr for tr in fig.data if tr.mode == "lines"]
    both = as_go(F.fig_weekly_metric(w, "share_wage_hours", "en"))
    assert [tr for tr in both.data if tr.fill == "toself"]


def test_journey_tells_a_story(tables: dict[str, pd.DataFrame]) -> None:
    j = tables["journeys"]
    first = j.iloc[0]
    person = j[(j.replication == first.replication) & (j.arm == first.arm)
               & (j.citizen_id == first.citizen_id)]
    events = F.journey_events(person, "da")
    assert events[0].startswith("Uge 0: starter")
    assert events[-1].startswith(f"Uge {int(person.week.max())}: simuleringen slutter")
    assert F.fig_journey(person, "da", first.citizen_id) is not None


def test_empty_inputs_give_no_figure(tmp_path: Path) -> None:
    empty = pd.DataFrame(columns=["replication", "arm", "benefit", "week", "n",
                                  "share_wage_hours", "mean_wage_hours"])
    assert F.fig_weekly_metric(empty, "mean_trust", "da") is None
    assert F.fig_hours_distribution(None, None, "da") is None
    assert F.fig_journey(pd.DataFrame(columns=["week", "wage_hours"]), "da") is None


def test_fake_run_without_all_rows_still_draws(tmp_path: Path) -> None:
    data = load_run(make_fake_run(tmp_path / "run", reps=2))
    o = data.get("outcomes")
    assert o is not None and F.fig_municipality(o, "en") is not None


def test_weighting_and_cut_intervals() -> None:
    df = pd.DataFrame({"g": [1, 1], "x": [0.0, 1.0], "n": [1, 3]})
    assert weighted_over(df, ["g"], "x", "n")["x"].iloc[0] == 0.75
    d = pd.DataFrame({"a": ["x", "x", "y"], "share_wage_hours": [0.0, 0.9, 0.5]})
    s = F.summarise_nonneg(d, ["a"], "share_wage_hours").set_index("a")
    assert s.loc["x", "ci_low"] == 0.0 and s.loc["x", "ci_high"] == 1.0  # cut at the bounds
    assert pd.isna(s.loc["y", "ci_low"]) and s.loc["y", "n"] == 1  # no interval from one
    assert list(summarise_groups(d, ["a"], "share_wage_hours")["n"]) == [2, 1]


def test_labels_and_danish_numbers() -> None:
    assert all(len(pair) == 2 and all(pair) for pair in words.catalog().values())
    assert fmt.number(1234.5, "da") == "1.234,5" and fmt.number(1234.5, "en") == "1,234.5"
    assert fmt.percent(0.19, "da", 0) == "19\u00a0%"
    assert t("kontanthjaelp", "da") == "Kontanthjælp"
    assert t("some_new_sector", "en") == "Some new sector"  # unknown keys still show
    assert t("share_with_hours_w78", "da") == "Andel med ordinære timer i borgerens egen uge 78"


def test_metric_labels_have_one_home() -> None:
    """A metric's wording lives in the registry only, never a second time in the catalog."""
    assert not set(words.keys()) & set(metrics.names())
    assert all(has(name) for name in metrics.names())


@pytest.mark.parametrize("source", ["panel", "journeys"])
def test_sampled_subgroup_bars_have_wilson_intervals(tables: dict[str, pd.DataFrame],
                                                     source: str) -> None:
    """Gender and age bars are shares of sampled citizens: each states n and has a 95 %
    Wilson interval around the bar, inside 0–100 % (jobfirst_sim.stats.wilson_interval)."""
    from jobfirst_sim.stats import wilson_interval

    people = tables[source]
    fig = as_go(F.fig_subgroup_people(people, "da"))
    bars = [tr for tr in fig.data if tr.type == "bar"]
    assert bars
    week = 78 if (people["week"] == 78).any() else int(people["week"].max())
    at = people[people["week"] == week]
    for tr in bars:
        y = numbers(tr.y)
        n = numbers(tr.customdata)[:, 0]
        plus, minus = (numbers(tr.error_y[k]) for k in ("array", "arrayminus"))
        ok = np.isfinite(y)
        assert ok.any() and (n[ok] >= 1).all()
        low, high = y[ok] - minus[ok], y[ok] + plus[ok]
        assert (low >= -1e-12).all() and (high <= 1 + 1e-12).all()
        assert (high - low > 0).all()  # an interval even where the share is 0 or 1
        # the largest group's interval is the Wilson interval of its own k out of n
        i = int(np.argmax(np.where(ok, n, -1)))
        k = round(y[i] * n[i])
        _, w_low, w_high = wilson_interval(k, n[i])
        assert math.isclose(y[i] - minus[i], float(w_low), abs_tol=1e-9)
        assert math.isclose(y[i] + plus[i], float(w_high), abs_tol=1e-9)
    assert int(sum(np.nansum(numbers(tr.customdata)[:, 0])
                   for tr in bars if tr.xaxis == "x")) == len(at)
    assert "n = %{customdata[0]}" in bars[0].hovertemplate
