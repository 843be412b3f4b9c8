"""`jobfirst run` end to end through the CLI: files, messages, exit codes, nothing written on
bad input."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jobfirst_sim.cli import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def small_args() -> list[str]:
    return [
        "--set", "arms.jobfirst.citizens.kontanthjaelp=60",
        "--set", "arms.jobfirst.citizens.ressourceforloeb=20",
        "--set", "arms.control.citizens.kontanthjaelp=60",
        "--set", "arms.control.citizens.ressourceforloeb=20",
        "--set", "run.weeks_followed=80", "--set", "population.intake_weeks=5",
    ]


def test_run_writes_every_documented_file(tmp_path: Path):
    out = tmp_path / "run"
    res = runner.invoke(app, ["run", str(ROOT / "scenarios/jobfirst_trial.yaml"), "-r", "2",
                              "--seed", "3", "--out", str(out), "--panel", "--no-report",
                              *small_args()])
    assert res.exit_code == 0, res.output
    for name in ("manifest.json", "summary.json", "weekly.parquet", "outcomes.parquet",
                 "funnel.parquet", "staff.parquet", "companies.parquet", "journeys.parquet",
                 "panel.parquet"):
        assert (out / name).stat().st_size > 0, name
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["root_seed"] == 3
    assert [s["spawn_key"] for s in manifest["replication_seeds"]] == [[0], [1]]
    assert {"numpy", "mesa", "python", "jobfirst_sim"} <= set(manifest["versions"])
    assert len(manifest["config_hash"]) == 64
    summary = json.loads((out / "summary.json").read_text())
    cell = summary["arms"]["jobfirst"]["kontanthjaelp"]["share_with_hours_w78"]
    assert cell["ci_low"] <= cell["mean"] <= cell["ci_high"]
    assert "T1" in res.output
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*tmp"))


def test_run_without_seed_reports_the_seed_it_drew(tmp_path: Path):
    out = tmp_path / "run"
    scen = tmp_path / "s.yaml"
    text = (ROOT / "scenarios/jobfirst_trial.yaml").read_text().replace("seed: 20160301",
                                                                       "seed: null")
    scen.write_text(text)
    res = runner.invoke(app, ["run", str(scen), "-r", "1", "--out", str(out), "--no-report",
                              *small_args()])
    assert res.exit_code == 0, res.output
    seed = json.loads((out / "manifest.json").read_text())["root_seed"]
    assert isinstance(seed, int) and str(seed) in res.output


def test_bad_scenario_is_a_clear_error_and_writes_nothing(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text((ROOT / "scenarios/jobfirst_trial.yaml").read_text().replace(
        "caseload: 41", "caseload: 41").replace("weeks_followed: 104", "weeks_followed: -3"))
    out = tmp_path / "out"
    res = runner.invoke(app, ["run", str(bad), "--out", str(out)])
    assert res.exit_code == 2
    assert "bad.yaml" in res.output and "run.weeks_followed" in res.output
    assert "Traceback" not in res.output
    assert not out.exists()


def test_bad_set_override_is_a_clear_error(tmp_path: Path):
    res = runner.invoke(app, ["run", str(ROOT / "scenarios/jobfirst_trial.yaml"),
                              "--set", "arms.jobfirst.organisation.caseload=lots",
                              "--out", str(tmp_path / "o")])
    assert res.exit_code == 2
    assert "caseload" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "o").exists()


def test_missing_file_is_a_clear_error(tmp_path: Path):
    res = runner.invoke(app, ["run", str(tmp_path / "nope.yaml")])
    assert res.exit_code == 2
    assert "nope.yaml" in res.output and "Traceback" not in res.output


def test_unknown_executor_is_a_clear_error(tmp_path: Path):
    res = runner.invoke(app, ["run", str(ROOT / "scenarios/jobfirst_trial.yaml"),
                              "--executor", "threads", "--out", str(tmp_path / "o")])
    assert res.exit_code == 2
    assert "serial, process, dask" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "o").exists()


def test_run_of_two_alternatives_writes_compares_headline_block(tmp_path: Path):
    """arms_mode: alternatives -- each design alone; summary.json's headline block is the
    one compare gives for the same seed and replications, and its arms are --from/--to."""
    from jobfirst_sim.decide import compare as cmp
    from jobfirst_sim.scenario import load_scenario, with_changes

    sets = [*small_args(), "--set", "arms_mode=alternatives"]
    out = tmp_path / "run"
    res = runner.invoke(app, ["run", str(ROOT / "scenarios/jobfirst_trial.yaml"), "-r", "2",
                              "--seed", "3", "--out", str(out), "--no-report",
                              "--from", "control", "--to", "jobfirst", *sets])
    assert res.exit_code == 0, res.output
    summary = json.loads((out / "summary.json").read_text())
    block = summary["headline"]
    assert summary["arms_mode"] == "alternatives"
    changes = {s.split("=")[0]: s.split("=")[1] for s in sets[1::2]}
    scen = with_changes(load_scenario(ROOT / "scenarios/jobfirst_trial.yaml"), changes)
    compared = cmp.run_compare(cmp.from_arms(scen, "control", "jobfirst", replications=2,
                                             seed=3))
    assert block == cmp.headline_of(compared, "control").to_json()
    assert "Normal effort" in runner.invoke(app, [  # arms by their labels in prose
        "run", str(ROOT / "scenarios/jobfirst_trial.yaml"), "-r", "1", "--seed", "3",
        "--out", str(tmp_path / "en"), "--no-report", "--lang", "en", *sets]).output


def test_run_refuses_a_bad_headline_option_by_name(tmp_path: Path):
    trial = str(ROOT / "scenarios/jobfirst_trial.yaml")
    for extra, said in ((["--from", "today", "--to", "jobfirst"], "--from 'today'"),
                        (["--from", "control"], "--from and --to go together"),
                        (["--metric", "nonsense"], "--metric 'nonsense'")):
        res = runner.invoke(app, ["run", trial, "--out", str(tmp_path / "x"), *extra])
        assert res.exit_code == 2 and said in res.output, res.output
    res = runner.invoke(app, ["run", str(ROOT / "scenarios/our_jobcentre.yaml"), "--panel",
                              "--out", str(tmp_path / "y")])
    assert res.exit_code == 2 and "arms are alternatives" in res.output
