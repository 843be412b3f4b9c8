"""`jobfirst sweep --uncertainty parameters`: every design point under each member,
member-minor in the replication slots, the member recorded in the tables and the
manifest; one member gives the noise-only numbers (run/sweep/experiment.py, slot)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.run.sweep import load_experiment, run_sweep
from jobfirst_sim.scenario.ensemble import Ensemble, Member, defaults_only

DATA = Path(__file__).resolve().parents[1] / "data"
EXPERIMENT = DATA / "sweep_tiny.yaml"  # 4 points x 3 replications
RATE = "behaviour.conversion.rate"
TWO = Ensemble((Member(0, .5, ((RATE, .02),)), Member(1, .5, ((RATE, .08),))))


def test_slots_are_member_minor_with_the_replications_random_numbers():
    loaded = load_experiment(EXPERIMENT)
    under = replace(loaded, members=TWO)
    assert under.runs_per_point == 6 and loaded.runs_per_point == 3
    scen, seed_rep, member = under.slot(2, 5)
    assert (seed_rep, member) == (2, 1)
    assert scen.behaviour.conversion.rate == .08
    assert loaded.slot(2, 2) == (loaded.points[2].scenario, 2, None)
    assert under.config_hash != loaded.config_hash  # other members: not a resume


def test_sweep_under_members_records_the_member(tmp_path: Path):
    report = run_sweep(EXPERIMENT, tmp_path / "s", executor="serial", members=TWO)
    assert report.ok and report.executed == 4 * 3 * 2
    out = pd.read_parquet(tmp_path / "s" / "outcomes.parquet")
    pairs = out[["replication", "member"]].drop_duplicates()
    assert ((pairs["replication"] % 2) == pairs["member"]).all()
    assert sorted(pairs["replication"]) == list(range(6))
    summary = pd.read_parquet(tmp_path / "s" / "summary.parquet")
    row = summary[(summary["outcome"] == "ever_jobfirst") & (summary["point"] == 0)].iloc[0]
    mine = out[(out["point"] == 0) & (out["metric"] == "ever_hours_share")
               & (out["arm"] == "jobfirst") & (out["benefit"] == "all")
               & (out["municipality"] == "all")]
    by_member = mine.groupby("member")["value"].mean()
    assert row["mean"] == pytest.approx(.5 * by_member[0] + .5 * by_member[1])
    assert row["ci_low"] <= row["mean"] <= row["ci_high"]
    manifest = json.loads((tmp_path / "s" / "manifest.json").read_text())
    assert manifest["uncertainty"] == "parameters" and manifest["members"] == 2
    assert manifest["replications_per_member"] == 3 and manifest["replications"] == 6


def test_one_member_gives_the_noise_only_numbers(tmp_path: Path):
    run_sweep(EXPERIMENT, tmp_path / "n", executor="serial")
    run_sweep(EXPERIMENT, tmp_path / "one", executor="serial", members=defaults_only())
    noise = pd.read_parquet(tmp_path / "n" / "outcomes.parquet")
    one = pd.read_parquet(tmp_path / "one" / "outcomes.parquet")
    pd.testing.assert_frame_equal(one.drop(columns="member"), noise, check_exact=True)
    noise = pd.read_parquet(tmp_path / "n" / "summary.parquet")
    one = pd.read_parquet(tmp_path / "one" / "summary.parquet")
    exact = [c for c in noise.columns if c not in ("ci_low", "ci_high")]
    pd.testing.assert_frame_equal(one[exact], noise[exact], check_exact=True)
    pd.testing.assert_frame_equal(one[["ci_low", "ci_high"]], noise[["ci_low", "ci_high"]],
                                  rtol=1e-12)
    manifest = json.loads((tmp_path / "n" / "manifest.json").read_text())
    assert manifest["uncertainty"] == "noise" and manifest["members"] is None


@pytest.mark.parametrize(("args", "words"), [
    (["--uncertainty", "maybe"], ["--uncertainty 'maybe'"]),
    (["--members", "2"], ["--members 2", "--uncertainty parameters"]),
])
def test_cli_bad_options_exit_2(tmp_path: Path, args: list[str], words: list[str]):
    res = CliRunner().invoke(app, ["sweep", str(EXPERIMENT), "--out", str(tmp_path / "o"),
                                   "--executor", "serial", *args])
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output and not (tmp_path / "o").exists()
    for word in words:
        assert word in res.output
