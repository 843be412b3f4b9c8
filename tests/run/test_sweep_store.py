"""Sweep store semantics on the real model with a tiny scenario (each run ~0.05 s).

Covers: consolidated tables and their keys, common random numbers, adding replications
leaves finished runs untouched, a failing run is recorded and retried alone on resume,
refusals (existing directory, changed configuration), the query helper, and the Sobol /
Morris sensitivity tables. The scaled-up versions (200 runs, 20 + 20 replications) are in
experiments/benchmarks/sweep_resume_check.py.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest
import yaml
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.run.simulate import simulate
from jobfirst_sim.run.sweep import StoreError, load_experiment, query, run_sweep
from jobfirst_sim.run.sweep.store import read_log

DATA = Path(__file__).resolve().parents[1] / "data"
EXPERIMENT = DATA / "sweep_tiny.yaml"
CONSOLIDATED = ("experiments", "outcomes", "weekly", "funnel", "staff", "companies", "summary")


def experiment_copy(tmp_path: Path, name: str = "exp.yaml", **changes: Any) -> Path:
    """The tiny experiment with some top-level keys changed, written next to tmp files."""
    doc = yaml.safe_load(EXPERIMENT.read_text(encoding="utf-8"))
    doc["scenario"] = str((DATA / doc["scenario"]).resolve())
    doc.update(changes)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


def consolidated_bytes(root: Path) -> dict[str, bytes]:
    return {n: (root / f"{n}.parquet").read_bytes() for n in CONSOLIDATED}


def run_files(root: Path) -> dict[str, tuple[int, int, bytes]]:
    """Run file name -> (inode, mtime_ns, bytes)."""
    out = {}
    for p in sorted((root / "runs").iterdir()):
        st = p.stat()
        out[p.name] = (st.st_ino, st.st_mtime_ns, p.read_bytes())
    return out


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An uninterrupted serial sweep of the tiny experiment (4 points x 3 replications)."""
    out = tmp_path_factory.mktemp("ref") / "sweep"
    report = run_sweep(EXPERIMENT, out, executor="serial")
    assert report.ok and report.executed == 12
    return out


def test_consolidated_tables_have_keys_and_parameters(reference: Path) -> None:
    exp = pq.read_table(reference / "experiments.parquet").to_pandas()
    assert len(exp) == 12
    assert set(exp.status) == {"ok"}
    assert list(exp.columns[:2]) == ["point", "replication"]
    assert "arms.jobfirst.organisation.caseload" in exp.columns
    out = pq.read_table(reference / "outcomes.parquet").to_pandas()
    assert {"point", "replication", "arm", "benefit", "municipality", "metric", "value"} <= set(
        out.columns
    )
    assert sorted(out.groupby(["point", "replication"]).ngroups for _ in [0]) == [12]
    keys = out[["point", "replication", "arm", "benefit", "municipality", "metric"]]
    assert not keys.duplicated().any()
    assert (reference / "summary.csv").exists()
    manifest = (reference / "manifest.json").read_text(encoding="utf-8")
    for needle in ('"config_hash"', '"root_seed": 11', '"run_keys"', '"numpy"', '"mesa"'):
        assert needle in manifest
    doc = json.loads(manifest)  # the core every manifest shares (jobfirst_sim.run.manifest)
    assert doc["kind"] == "sweep" and doc["replication_seeds"][0]["spawn_key"] == [0]
    assert {"command", "started", "seconds", "files", "seed_derivation"} <= set(doc)
    assert "summary.parquet" in doc["files"] and "manifest.json" in doc["files"]
    assert not list(reference.rglob(".tmp-*"))


def test_common_random_numbers_across_design_points(tmp_path: Path) -> None:
    """Two design points with the same scenario meet the same random streams in the same
    replication (the design is not in the seed), so their results are identical; the
    replications differ from each other."""
    point = {"arms.jobfirst.organisation.caseload": 41, "cv_at_start": True}
    exp = experiment_copy(
        tmp_path, replications=2, design={"type": "list", "points": [point, point]}
    )
    run_sweep(exp, tmp_path / "crn", executor="serial")
    out = query(tmp_path / "crn", "outcomes")
    wide = out.pivot_table(
        index=["replication", "arm", "benefit", "municipality", "metric"],
        columns="point",
        values="value",
        dropna=False,
    )
    pd.testing.assert_series_equal(wide[0], wide[1], check_names=False)
    by_rep = out[out.point == 0].pivot_table(
        index=["arm", "benefit", "municipality", "metric"], columns="replication", values="value"
    )
    assert not by_rep[0].equals(by_rep[1])


def test_run_file_matches_direct_simulate(reference: Path) -> None:
    le = load_experiment(EXPERIMENT)
    direct = simulate(le.points[3].scenario, 2, 11).outcomes
    stored = query(reference, "outcomes", where={"point": 3, "replication": 2})
    merged = stored.merge(direct, on=["arm", "benefit", "municipality", "metric"])
    assert len(merged) == len(direct)
    pd.testing.assert_series_equal(
        merged["value_x"], merged["value_y"], check_names=False, rtol=0, atol=0
    )


def test_adding_replications_leaves_finished_runs_untouched(
    tmp_path: Path, reference: Path
) -> None:
    two = experiment_copy(tmp_path, "two.yaml", replications=2)
    out = tmp_path / "grow"
    assert run_sweep(two, out, executor="serial").executed == 8
    before = run_files(out)
    three = experiment_copy(tmp_path, "three.yaml", replications=3)
    report = run_sweep(three, out, executor="serial", resume=True)
    assert (report.skipped, report.executed) == (8, 4)
    after = run_files(out)
    for name, stat in before.items():
        assert after[name] == stat, f"{name} was rewritten"
    assert len(after) == 12
    assert consolidated_bytes(out) == consolidated_bytes(reference)


def test_failed_run_is_recorded_others_finish_and_resume_retries_only_it(
    tmp_path: Path, reference: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def flaky(scenario: Any, replication: int, root_seed: int, **kw: Any) -> Any:
        jf = next(a for a in scenario.arms if a.name == "jobfirst")
        org, practice = jf.design.organisation, jf.design.practice
        if org.caseload == 55 and not practice.cv_at_start and replication == 1:
            raise RuntimeError("injected failure for the test")
        return simulate(scenario, replication, root_seed, **kw)

    out = tmp_path / "flaky"
    exp = experiment_copy(tmp_path)
    # through the CLI (serial executor, in-process) to see the exit code
    monkeypatch.setattr("jobfirst_sim.run.simulate.simulate", flaky)
    result = CliRunner().invoke(
        app, ["sweep", str(exp), "--out", str(out), "--executor", "serial", "--quiet"]
    )
    assert result.exit_code == 1, result.output
    assert "FEJLEDE: 1 kørsel(er): p00003-r0001" in result.output  # --lang da, the default
    failure = (out / "failures" / "p00003-r0001.txt").read_text(encoding="utf-8")
    assert "RuntimeError: injected failure for the test" in failure
    assert len(list((out / "runs").iterdir())) == 11
    status = (
        pq.read_table(out / "experiments.parquet")
        .to_pandas()
        .set_index(["point", "replication"])["status"]
    )
    assert status[(3, 1)] == "failed" and (status.drop((3, 1)) == "ok").all()

    monkeypatch.undo()
    before = run_files(out)
    result = CliRunner().invoke(
        app, ["sweep", str(exp), "--out", str(out), "--executor", "serial", "--resume", "-q",
              "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert "11 already done, 1 run now" in result.output
    after = run_files(out)
    assert set(after) - set(before) == {"p00003-r0001.parquet"}
    assert all(after[k] == v for k, v in before.items())
    assert not list((out / "failures").iterdir())
    events = Counter((e["event"], e["point"], e["replication"]) for e in read_log(out))
    assert events[("failed", 3, 1)] == 1 and events[("done", 3, 1)] == 1
    assert all(n == 1 for n in events.values())
    assert consolidated_bytes(out) == consolidated_bytes(reference)


def test_refuses_existing_directory_and_changed_configuration(
    tmp_path: Path, reference: Path
) -> None:
    with pytest.raises(StoreError, match="add --resume"):
        run_sweep(EXPERIMENT, reference, executor="serial")
    other = experiment_copy(tmp_path, seed=12)
    with pytest.raises(StoreError, match=r"configuration differs: experiment\.seed 11 → 12"):
        run_sweep(other, reference, executor="serial", resume=True)
    result = CliRunner().invoke(
        app, ["sweep", str(other), "--out", str(reference), "--resume", "-q"]
    )
    assert result.exit_code == 2
    assert "configuration differs" in result.output
    assert "Traceback" not in result.output
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match="not a sweep directory"):
        run_sweep(EXPERIMENT, junk, executor="serial")


def test_query_reads_only_what_is_asked(reference: Path) -> None:
    df = query(
        reference,
        "outcomes",
        where={
            "metric": "ever_hours_share",
            "arm": "jobfirst",
            "benefit": "all",
            "municipality": "all",
            "point": [1, 2],
        },
        columns=["value"],
        with_parameters=True,
    )
    assert len(df) == 2 * 3
    assert set(df.point) == {1, 2}
    assert "cv_at_start" in df.columns
    weekly = query(reference, "weekly", where={"week": 0, "arm": "jobfirst"})
    assert set(weekly.week) == {0}


def test_summary_has_paired_effect_and_ci(reference: Path) -> None:
    summ = pd.read_parquet(reference / "summary.parquet")
    eff = summ[summ.outcome == "ever_effect"]
    assert len(eff) == 4
    assert (eff["n"] == 3).all()
    assert (eff.ci_low <= eff["mean"]).all() and (eff["mean"] <= eff.ci_high).all()
    assert set(summ.direction) == {"maximize", "info"}


@pytest.mark.parametrize(
    ("design", "indices"),
    [
        ({"type": "sobol", "n": 4, "sensitivity": True}, {"S1", "ST"}),
        ({"type": "morris", "n": 3}, {"mu", "mu_star", "sigma"}),
    ],
)
def test_sensitivity_tables(tmp_path: Path, design: dict, indices: set[str]) -> None:
    exp = experiment_copy(
        tmp_path,
        levers={
            "arms.jobfirst.organisation.caseload": {"range": {"low": 25, "high": 70}},
            "behaviour.conversion.rate": {"range": {"low": 0.05, "high": 0.25}},
        },
        replications=1,
        design=design,
    )
    report = run_sweep(exp, tmp_path / "sens", executor="serial")
    assert report.ok
    sens = pd.read_csv(tmp_path / "sens" / "sensitivity.csv")
    assert set(sens["index"]) == indices
    assert set(sens.parameter) == {
        "arms.jobfirst.organisation.caseload",
        "behaviour.conversion.rate",
    }
    assert set(sens.outcome) == {"ever_jobfirst", "ever_effect", "caseload"}
    assert sens.value.notna().all()


def test_temp_files_are_cleaned_on_resume(tmp_path: Path) -> None:
    exp = experiment_copy(tmp_path, replications=1)
    out = tmp_path / "tmpclean"
    run_sweep(exp, out, executor="serial")
    leftover = out / "runs" / ".tmp-p00000-r0000.parquet.4242"
    leftover.write_bytes(b"half a file")
    (out / "runs" / "p00000-r0000.parquet").unlink()
    report = run_sweep(exp, out, executor="serial", resume=True)
    assert report.executed == 1
    assert not list(out.rglob(".tmp-*"))


@pytest.mark.parametrize("name", ["failures", "runs"])
def test_resume_with_a_file_where_a_folder_belongs_says_so(tmp_path: Path, name: str) -> None:
    """Was ``FileExistsError`` from ``mkdir`` with a traceback (issue 20, item 8)."""
    exp = experiment_copy(tmp_path, replications=1)
    out = tmp_path / "s"
    run_sweep(exp, out, executor="serial")
    for p in (out / name).iterdir():
        p.unlink()
    (out / name).rmdir()
    (out / name).write_text("notes", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["sweep", str(exp), "--out", str(out), "--executor", "serial", "--resume", "-q"]
    )
    assert result.exit_code == 2, result.output
    assert f"{name} is a file, but a sweep keeps its {name} in a folder {name}/" in result.output
    assert "Traceback" not in result.output and "FileExistsError" not in result.output
    assert (out / name).read_text(encoding="utf-8") == "notes"


def test_a_new_store_has_its_manifest_before_any_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sweep store is recognised by its manifest (run/outputs.py), so a store being made
    must have one before ``runs/`` exists."""
    import jobfirst_sim.run.sweep.store as store_module
    from jobfirst_sim.run.outputs import is_sweep_store

    seen: list[bool] = []
    original = store_module.SweepStore.check_run_files

    def spy(self: Any) -> None:
        seen.append(is_sweep_store(self.root))
        original(self)

    monkeypatch.setattr(store_module.SweepStore, "check_run_files", spy)
    out = tmp_path / "s"
    run_sweep(experiment_copy(tmp_path, replications=1), out, executor="serial")
    assert seen == [True]
