"""``jobfirst compare`` (decide/compare.py): a design compared with itself gives exactly 0,
incomparable scenarios are refused naming what differs, the arm-to-arm comparison is the
total of ``explain`` and reproduces the trial's difference, and the page and the command
speak both languages without tracebacks."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from small import TRIAL, near_pair, small_trial
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.decide import compare as cmp
from jobfirst_sim.decide.compare_files import TABLE_FILES
from jobfirst_sim.decide.explain import ExplainRequest, explain
from jobfirst_sim.decide.paired import paired_table, weekly_long
from jobfirst_sim.report.compare import build_html, terminal_text
from jobfirst_sim.scenario import load_scenario, with_changes
from jobfirst_sim.targets import TARGETS


@pytest.fixture(scope="module")
def self_comparison() -> cmp.Comparison:
    s = small_trial(n_kh=80, n_rf=30, weeks=60)
    req = cmp.from_files(s, s, label_current="a", label_proposed="b", replications=3,
                         seed=11, horizons=(26, 52))
    return cmp.run_compare(req)


def test_a_design_compared_with_itself_gives_exactly_zero(self_comparison):
    for table in (self_comparison.outcomes(), self_comparison.weekly(),
                  self_comparison.staff(), self_comparison.conversion()):
        diff = table["difference"].to_numpy(float)
        ok = np.isfinite(diff)
        assert ok.any()
        assert np.all(diff[ok] == 0.0)
        lo, hi = table["ci_low"].to_numpy(float), table["ci_high"].to_numpy(float)
        has_ci = np.isfinite(lo)  # a group with one finite replication has no interval
        assert has_ci.any()
        assert np.all(lo[has_ci] == 0.0) and np.all(hi[has_ci] == 0.0)
    trace = self_comparison.trace("jobfirst")
    assert np.all(trace["difference"].to_numpy(float)[np.isfinite(trace["difference"])] == 0)


def test_horizons_are_rows_of_the_weekly_differences(self_comparison):
    h = self_comparison.horizons()
    assert set(h["week"]) == {26, 52}
    assert {"all", "kontanthjaelp", "ressourceforloeb"} <= set(h["benefit"])


def test_paired_table_is_the_mean_of_per_replication_differences():
    a = pd.DataFrame({"replication": [0, 1, 2], "k": "x", "value": [1.0, 2.0, 4.0]})
    b = pd.DataFrame({"replication": [0, 1, 2], "k": "x", "value": [2.0, 2.5, 6.5]})
    t = paired_table(a, b, ["k"]).iloc[0]
    assert t["difference"] == pytest.approx(np.mean([1.0, 0.5, 2.5]))
    assert t["current"] == pytest.approx(7 / 3) and t["proposed"] == pytest.approx(11 / 3)
    assert t["ci_low"] < t["difference"] < t["ci_high"]
    assert t["n_replications"] == 3


def test_pooled_weekly_share_is_weighted_by_citizens_observed():
    w = pd.DataFrame({"replication": 0, "arm": "x", "benefit": ["kontanthjaelp",
                                                                "ressourceforloeb"],
                      "week": 5, "n": [300, 100], "share_wage_hours": [0.2, 0.6],
                      "mean_wage_hours_if_any": [10.0, 20.0]})
    long = weekly_long(w)
    pooled = long[(long["benefit"] == "all")].set_index("metric")["value"]
    assert pooled["share_wage_hours"] == pytest.approx(0.3)
    # a mean among those with hours is weighted by how many have hours (60 and 60)
    assert pooled["mean_wage_hours_if_any"] == pytest.approx(15.0)


@pytest.mark.parametrize(("change", "named"), [
    ({"arms.jobfirst.citizens.kontanthjaelp": 81}, "arms.jobfirst.citizens.kontanthjaelp"),
    ({"run.weeks_followed": 61}, "run.weeks_followed"),
    ({"municipalities.Odense.weight": 3}, "municipalities.Odense.weight"),
    ({"labour_market.companies_per_100_citizens": 30},
     "labour_market.companies_per_100_citizens"),
])
def test_incomparable_scenarios_are_refused_naming_what_differs(change, named):
    a = small_trial(n_kh=80, n_rf=30, weeks=60)
    b = with_changes(a, change)
    with pytest.raises(cmp.CompareError, match="cannot be compared") as err:
        cmp.from_files(a, b, label_current="today", label_proposed="proposed")
    assert named in str(err.value)


def test_designs_staffing_and_behaviour_may_differ():
    a = near_pair()
    b = with_changes(a, {"arms.control.practice.cv_at_start": True,
                        "municipalities.A.caseload.control": 30,
                        "behaviour.conversion.rate": 0.2})
    assert cmp.incomparable(a, b) == []
    req = cmp.from_files(a, b, label_current="a", label_proposed="b", replications=1)
    assert any("behaviour.conversion.rate" in d for d in req.differences)


def test_horizon_beyond_the_run_is_refused():
    s = small_trial(n_kh=80, n_rf=30, weeks=60)
    with pytest.raises(cmp.CompareError, match="horizons must lie within"):
        cmp.from_files(s, s, label_current="a", label_proposed="b", horizons=(78,))


def test_arm_to_arm_is_the_total_of_explain():
    """Arms as alternatives: A's citizens alone under each design, as explain runs them
    (a trial's arms share one world: tests/decide/test_one_answer.py)."""
    s = with_changes(near_pair(), {"arms_mode": "alternatives"})
    req = cmp.from_arms(s, "control", "jobfirst", replications=3, seed=5, horizons=(26,))
    serial = cmp.run_compare(req)
    expl = explain(ExplainRequest(scenario=s, arm_from="control", arm_to="jobfirst",
                                  benefit="kontanthjaelp", replications=3, seed=5,
                                  metric="share_with_hours_w78"))
    o = serial.outcomes()
    row = o[(o["arm"] == "control") & (o["benefit"] == "kontanthjaelp")
            & (o["municipality"] == "all") & (o["metric"] == "share_with_hours_w78")].iloc[0]
    assert row["difference"] == pytest.approx(float(np.mean(expl.total())), abs=1e-12)
    assert set(o["arm"]) == {"control"}  # only A's citizens are compared


def test_unknown_arm_is_a_clear_error():
    with pytest.raises(cmp.CompareError, match="no arm of that name"):
        cmp.from_arms(near_pair(), "today", "jobfirst")


@pytest.mark.slow
def test_normal_effort_to_jobfirst_reproduces_the_trials_difference():
    """The trial replica's control citizens under the JobFirst design: the difference in the
    share with ordinary hours in week 78 (cash benefit) lies within the published T1
    difference and its tolerance."""
    s = load_scenario(TRIAL)
    res = cmp.run_compare(cmp.from_arms(s, "control", "jobfirst", replications=4, seed=3,
                                        horizons=(78,), workers=2))
    o = res.outcomes()
    row = o[(o["benefit"] == "kontanthjaelp") & (o["municipality"] == "all")
            & (o["metric"] == "share_with_hours_w78")].iloc[0]
    t1 = {str(t.role): t for t in TARGETS if t.id == "T1"}
    published = t1["treatment"].value - t1["control"].value
    tolerance = t1["treatment"].tolerance + t1["control"].tolerance
    assert abs(row["difference"] - published) <= tolerance
    assert row["ci_low"] > 0


@pytest.mark.parametrize("lang", ["da", "en"])
def test_page_and_terminal_in_both_languages(self_comparison, lang):
    page, figures = build_html(self_comparison, lang)
    assert figures and "<table" in page
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page)  # nothing fetched
    text = terminal_text(self_comparison, lang)
    assert ("præcis 0" if lang == "da" else "exactly 0") in text


@pytest.mark.slow
def test_cli_two_files_writes_the_folder(tmp_path: Path):
    cur = tmp_path / "today.yaml"
    cur.write_text("name: today\narms:\n  - name: jc\n    design: normal_effort\n"
                   "    citizens: {kontanthjaelp: 60, ressourceforloeb: 20}\n"
                   "    organisation: {caseload: 60}\n"
                   "population: {intake_weeks: 5}\nrun: {weeks_followed: 40}\n",
                   encoding="utf-8")
    prop = tmp_path / "proposed.yaml"
    prop.write_text("extends: today.yaml\nname: proposed\narms:\n  - name: jc\n"
                    "    design: jobfirst\n    citizens: {kontanthjaelp: 60, "
                    "ressourceforloeb: 20}\n    organisation: {caseload: 30}\n",
                    encoding="utf-8")
    out = tmp_path / "cmp"
    res = CliRunner().invoke(app, ["compare", str(cur), str(prop), "-r", "2", "--seed", "1",
                                   "--horizon", "13,26", "--out", str(out), "-w", "1",
                                   "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert "In short" in res.output
    for name in (*TABLE_FILES, "compare.json", "compare.html", "compare.xlsx", "compare.csv"):
        assert (out / name).is_file()
    again = CliRunner().invoke(app, ["compare", str(cur), str(prop), "-r", "1",
                                     "--out", str(out)])
    assert again.exit_code == 2 and "--overwrite" in again.output


@pytest.mark.parametrize("args", [
    ["--from", "control"],
    ["--to", "jobfirst"],
    ["--from", "control", "--to", "jobfirst", str(TRIAL)],
    ["--from", "control", "--to", "jobfirst", "--horizon", "x"],
])
def test_cli_bad_combinations_get_a_message_not_a_traceback(args):
    res = CliRunner().invoke(app, ["compare", str(TRIAL), *args, "-r", "1"])
    assert res.exit_code == 2
    assert "error:" in res.output and "Traceback" not in res.output


def test_business_case_of_a_self_comparison_is_zero_and_has_no_cost_per_citizen(
        self_comparison):
    case = cmp.business_case(self_comparison, "jobfirst")
    diff = case.rows[case.rows["column"] == "difference"].set_index("item")
    ratio = diff.loc["cost_per_extra_citizen_with_hours"]
    assert not ratio["defined"]
    amounts = diff.drop(index="cost_per_extra_citizen_with_hours")
    assert np.all(amounts["mean"].to_numpy(float) == 0.0)
    levels = case.rows[case.rows["column"] == "base"].set_index("item")
    assert levels.loc["staff", "mean"] > 0 and levels.loc["benefit", "mean"] > 0
