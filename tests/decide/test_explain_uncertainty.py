"""`jobfirst explain --uncertainty parameters|noise`: the decomposition and its Shapley split
under an ensemble (decide/explain.py, decide/shapley.py, decide/member_runs.py).

A one-member ensemble is the noise-only answer exactly; the split averaged over members
still adds up to the total effect, run by run; every explain.json carries the headline
block; bad options are one message and exit 2. Ensembles are built here (never the
shipped one's size or values)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from small import near_pair
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.decide import shapley as sh
from jobfirst_sim.decide.explain import ExplainRequest, Explanation, explain, manifest
from jobfirst_sim.decide.member_runs import MemberRuns, weighted_se
from jobfirst_sim.decide.uncertainty import Headline
from jobfirst_sim.metrics import HEADLINE
from jobfirst_sim.report.explain import build_html, terminal_text
from jobfirst_sim.scenario import with_changes
from jobfirst_sim.scenario.ensemble import Ensemble, Member
from jobfirst_sim.stats import t_interval

ROOT = Path(__file__).resolve().parents[2]
TRIAL = ROOT / "scenarios" / "jobfirst_trial.yaml"
runner = CliRunner()
RATE = "behaviour.conversion.rate"
HEADLINE_KEYS = {f.name for f in dataclasses.fields(Headline)}


def ensemble(*rates: float) -> Ensemble:
    """Members that differ in the conversion rate only, equal weights."""
    return Ensemble(tuple(Member(i, 1 / len(rates), ((RATE, r),))
                          for i, r in enumerate(rates)))


@pytest.fixture(scope="module")
def two_members() -> Explanation:
    """Arms as alternatives, so the headline is the explained total (a trial's headline is
    its one world's: tests/decide/test_one_answer.py)."""
    scen = with_changes(near_pair(), {"arms_mode": "alternatives"})
    return explain(ExplainRequest(scen, "control", "jobfirst", replications=2, seed=11,
                                  members=ensemble(0.06, 0.14)))


def test_one_member_under_parameters_is_exactly_the_noise_answer():
    one = ensemble(0.12)
    scen = near_pair()
    under = explain(ExplainRequest(scen, "control", "jobfirst", replications=3, seed=11,
                                   members=one))
    alone = explain(ExplainRequest(one.members[0].apply(scen), "control", "jobfirst",
                                   replications=3, seed=11))
    pd.testing.assert_frame_equal(under.table(), alone.table(), check_exact=True)
    assert under.levels() == alone.levels()
    a, b = under.headline(), alone.headline()
    assert (a.difference, a.ci_low, a.ci_high) == (b.difference, b.ci_low, b.ci_high)
    assert (a.uncertainty, b.uncertainty, a.members) == ("parameters", "noise", 1)
    assert a.probability_better in (0.0, 0.5, 1.0) and b.probability_better is None


def test_intervals_under_members_hold_the_spread_between_them(two_members: Explanation):
    runs = two_members.request.runs
    assert (runs.count, len(two_members.baseline)) == (2, 4)  # member-major: 2 × 2 runs
    total = two_members.total()
    ci = two_members.interval(total)
    assert ci.mean == pytest.approx(float(np.mean(runs.member_means(total))))
    assert ci.n == 4
    # the members' means differ, so the interval is no narrower than their spread says
    means = runs.member_means(total)
    assert ci.high - ci.low >= abs(means[1] - means[0]) - 1e-12
    tab = two_members.table().set_index("view")
    assert tab.loc["total", "effect"] == pytest.approx(ci.mean)


def test_headline_and_leans_on_in_the_manifest_in_both_modes(two_members: Explanation):
    meta = manifest(two_members)
    assert set(meta["headline"]) == HEADLINE_KEYS
    assert meta["headline"]["uncertainty"] == "parameters"
    assert meta["headline"]["members"] == 2 and meta["headline"]["replications"] == 2
    assert meta["headline"]["week"] is None and meta["headline"]["metric"] == HEADLINE
    assert meta["headline"]["difference"] == pytest.approx(
        two_members.table().set_index("view").loc["total", "effect"])
    assert meta["uncertainty"] == "parameters" and meta["member_indices"] == [0, 1]
    assert meta["leans_on"] == []  # fewer than three members say nothing
    means = two_members.member_totals()
    assert meta["member_totals"] == list(means)
    assert meta["headline"]["probability_better"] == pytest.approx(
        float(np.mean((means > 0) + 0.5 * (means == 0))))
    noise = explain(ExplainRequest(near_pair(), "control", "jobfirst", replications=2, seed=3))
    meta = manifest(noise)
    assert set(meta["headline"]) == HEADLINE_KEYS
    assert meta["headline"]["uncertainty"] == "noise"
    assert meta["headline"]["probability_better"] is None
    assert meta["leans_on"] == [] and meta["uncertainty"] == "noise"


def test_the_total_leans_on_the_parameter_the_members_vary():
    res = explain(ExplainRequest(near_pair(), "control", "jobfirst", replications=1, seed=5,
                                 members=ensemble(0.03, 0.09, 0.2, 0.4)))
    totals = res.member_totals()
    assert len(totals) == 4
    leaning = res.leanings()
    if np.ptp(totals) > 0:  # the only parameter that varies is the one named
        assert [x.path for x in leaning] == [RATE]
        assert -1 <= leaning[0].rho <= 1
    text = terminal_text(res, "en")
    assert "plausible versions of the model" in text


def test_the_page_says_what_its_interval_holds(two_members: Explanation):
    da, _ = build_html(two_members, "da")
    en, _ = build_html(two_members, "en")
    assert "plausible udgaver af modellen" in da and "simulationsstøj" in da
    assert "plausible versions of the model" in en
    assert "2 versions of the model&#x27;s parameters × 2 replications" in en


def test_exact_split_over_members_adds_up_to_the_total(two_members: Explanation):
    res = sh.shapley(two_members.request)
    assert res.method == "exact" and res.simulations == 2 ** 3 * 2 * 2
    np.testing.assert_allclose(sum(res.parts.values()), res.total, rtol=0, atol=1e-12)
    # the same runs as the decomposition's: the split is of the very total explain reports
    np.testing.assert_allclose(res.total, two_members.total(), rtol=0, atol=1e-12)
    tab = res.table().set_index("lever")
    assert tab.drop(index="total")["effect"].sum() == pytest.approx(tab.loc["total", "effect"],
                                                                    abs=1e-12)
    runs = two_members.request.runs
    for lever, values in res.parts.items():  # the error: over members, from their spread
        assert tab.loc[lever, "mc_error"] == pytest.approx(
            weighted_se(runs.member_means(values), runs.weights))


def test_sampled_orders_each_under_a_member_add_up_to_the_total(
        two_members: Explanation, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sh, "EXACT_MAX", 1)  # three levers: sampled orders
    res = sh.shapley(two_members.request, orders_wanted=3)
    assert res.method == "sampled"
    assert res.orders == 4  # rounded up to one antithetic pair per member
    assert [sh.member_of_order(j, 2) for j in range(4)] == [0, 0, 1, 1]
    np.testing.assert_allclose(sum(res.parts.values()), res.total, rtol=0, atol=1e-12)
    np.testing.assert_allclose(res.total, two_members.total(), rtol=0, atol=1e-12)
    assert all(np.isfinite(e) and e >= 0 for e in res.mc_error.values())
    assert res.simulations <= sh.planned(3, 2, 3, members=2)
    again = sh.shapley(two_members.request, orders_wanted=3)  # deterministic for scenario+seed
    for lever in res.parts:
        np.testing.assert_array_equal(res.parts[lever], again.parts[lever])


def test_one_member_runs_are_the_t_interval_bit_for_bit():
    values = np.array([0.11, 0.13, 0.08, 0.12])
    got = MemberRuns(ensemble(0.1), 4).interval(values)
    assert got == t_interval(values)
    assert MemberRuns(None, 4).interval(values) == t_interval(values)
    assert MemberRuns(ensemble(0.1), 4).standard_error(values) == 0.0
    assert sh.orders_under_members(33, 1) == 33 and sh.orders_under_members(33, 4) == 40


@pytest.mark.parametrize(("args", "words"), [
    (["--uncertainty", "maybe"], ["--uncertainty", "'maybe'", "noise or parameters"]),
    (["--members", "100000"], ["--members 100000", "choose 1 to"]),
    (["--uncertainty", "noise", "--members", "3"], ["--members 3", "--uncertainty parameters"]),
    (["--members", "0"], ["--members"]),
])
def test_bad_uncertainty_options_are_one_message_and_exit_2(tmp_path: Path, args: list[str],
                                                            words: list[str]):
    out = tmp_path / "o"
    res = runner.invoke(app, ["explain", str(TRIAL), "--from", "control", "--to", "jobfirst",
                              *args, "--out", str(out)])
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output
    for word in words:
        assert word in res.output
    assert not out.exists()


SMALL_SETS = [
    "--set", "arms.jobfirst.citizens.kontanthjaelp=60",
    "--set", "arms.jobfirst.citizens.ressourceforloeb=20",
    "--set", "arms.control.citizens.kontanthjaelp=60",
    "--set", "arms.control.citizens.ressourceforloeb=20",
    "--set", "run.weeks_followed=80", "--set", "population.intake_weeks=10",
    "--set", "arms.control.design=jobfirst",
    "--set", "arms.control.practice.cv_at_start=false",
    *[arg for i in range(15) for arg in ("--set", f"municipalities.{i}.caseload.control=50")],
]


@pytest.mark.slow
@pytest.mark.parametrize("mode", [["--uncertainty", "noise", "-r", "2"],
                                  ["--members", "1", "-r", "2"]])
def test_cli_explain_json_carries_the_headline_in_both_modes(tmp_path: Path, mode: list[str]):
    out = tmp_path / "ex"
    res = runner.invoke(app, ["explain", str(TRIAL), "--from", "control", "--to", "jobfirst",
                              "--seed", "4", "--out", str(out), "--lang", "en", *mode,
                              *SMALL_SETS])
    assert res.exit_code == 0, res.output
    meta = json.loads((out / "explain.json").read_text())
    assert set(meta["headline"]) == HEADLINE_KEYS
    expected = "noise" if mode[0] == "--uncertainty" else "parameters"
    assert meta["headline"]["uncertainty"] == meta["uncertainty"] == expected
    assert meta["replications"] == 2 and "leans_on" in meta
    page = (out / "explain.html").read_text(encoding="utf-8")
    assert ("simulation noise around one version" in page) == (mode[0] == "--uncertainty")
