"""`jobfirst run --uncertainty parameters`: every replication under each member, a member
column in every table, summary intervals that combine parameter and noise uncertainty,
the mode recorded, and one member giving the noise-only numbers (run/replicate.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from small import small_trial
from test_cli_run import ROOT, runner, small_args

from jobfirst_sim.cli import app
from jobfirst_sim.run.replicate import TABLES, run_replications, summarise
from jobfirst_sim.scenario import Scenario
from jobfirst_sim.scenario.ensemble import Ensemble, Member, defaults_only

RATE = "behaviour.conversion.rate"
TWO = Ensemble((Member(0, .6, ((RATE, .02),)), Member(1, .4, ((RATE, .08),))))
TRIAL = str(ROOT / "scenarios/jobfirst_trial.yaml")


def scenario() -> Scenario:
    return small_trial(60, 20, weeks=80)


def test_one_member_gives_the_noise_only_tables_and_summary():
    noise = run_replications(scenario(), 2, 5)
    one = run_replications(scenario(), 2, 5, members=defaults_only())
    for name in TABLES:
        got = getattr(one, name)
        assert (got["member"] == 0).all(), name
        pd.testing.assert_frame_equal(got.drop(columns="member"), getattr(noise, name),
                                      check_exact=True)
    plain, combined = summarise(noise.outcomes), summarise(one.outcomes, {0: 1.0})
    cell = plain["arms"]["jobfirst"]["kontanthjaelp"]["share_with_hours_w78"]
    same = combined["arms"]["jobfirst"]["kontanthjaelp"]["share_with_hours_w78"]
    assert same["mean"] == cell["mean"] and same["n_replications"] == cell["n_replications"]
    assert same["ci_low"] == pytest.approx(cell["ci_low"], rel=1e-12)
    assert same["ci_high"] == pytest.approx(cell["ci_high"], rel=1e-12)


def test_members_times_replications_with_a_member_column():
    tables = run_replications(scenario(), 2, 5, members=TWO)
    out = tables.outcomes
    assert list(out.columns[:2]) == ["member", "replication"]
    assert sorted(out.groupby("member")["replication"].unique().map(list).sum()) == [0, 0, 1, 1]
    rows = out[(out["arm"] == "jobfirst") & (out["benefit"] == "kontanthjaelp")
               & (out["municipality"] == "all") & (out["metric"] == "share_with_hours_w78")]
    cell = summarise(out, {0: .6, 1: .4})["arms"]["jobfirst"]["kontanthjaelp"][
        "share_with_hours_w78"]
    means = rows.groupby("member")["value"].mean()
    assert cell["mean"] == pytest.approx(.6 * means[0] + .4 * means[1])
    assert cell["n_replications"] == 4 and cell["ci_low"] <= cell["mean"] <= cell["ci_high"]


def test_cli_run_under_parameters_records_its_mode(tmp_path: Path):
    out = tmp_path / "run"
    res = runner.invoke(app, ["run", TRIAL, "-r", "2", "--seed", "3", "--out", str(out),
                              "--uncertainty", "parameters", "--members", "1", "--lang", "en",
                              *small_args()])
    assert res.exit_code == 0, res.output
    outcomes = pd.read_parquet(out / "outcomes.parquet")
    assert "member" in outcomes.columns and set(outcomes["member"]) == {0}
    manifest = json.loads((out / "manifest.json").read_text())
    summary = json.loads((out / "summary.json").read_text())
    for doc in (manifest, summary):
        assert doc["uncertainty"] == "parameters" and doc["members"] == 1
    assert manifest["replications"] == 2
    said = "plausible versions of the model"
    assert said in res.output
    assert said in (out / "report.html").read_text(encoding="utf-8")


def test_cli_run_under_noise_records_its_mode_and_no_member(tmp_path: Path):
    out = tmp_path / "run"
    res = runner.invoke(app, ["run", TRIAL, "-r", "2", "--seed", "3", "--out", str(out),
                              "--no-report", "--lang", "en", *small_args()])
    assert res.exit_code == 0, res.output
    assert "member" not in pd.read_parquet(out / "outcomes.parquet").columns
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["uncertainty"] == "noise" and manifest["members"] is None
    assert "The intervals hold only simulation noise" in res.output


@pytest.mark.parametrize(("args", "words"), [
    (["--uncertainty", "all"], ["--uncertainty 'all'", "noise or parameters"]),
    (["--members", "2"], ["--members 2", "--uncertainty parameters"]),
    (["--uncertainty", "parameters", "--members", "100000"], ["--members 100000"]),
    (["--uncertainty", "parameters", "--panel"], ["--panel", "--uncertainty noise"]),
])
def test_cli_bad_uncertainty_options_exit_2(tmp_path: Path, args: list[str], words: list[str]):
    out = tmp_path / "o"
    res = runner.invoke(app, ["run", TRIAL, "-r", "2", "--out", str(out), *args])
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output and not out.exists()
    for word in words:
        assert word in res.output
