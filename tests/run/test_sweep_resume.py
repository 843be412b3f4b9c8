"""The issue's must-shows, scaled down for CI (the full-size versions are in
experiments/benchmarks/sweep_resume_check.py):

* a 40-run sweep (issue: 200) killed with SIGKILL about halfway through the ``jobfirst
  sweep`` command, then ``--resume``: consolidated tables byte-identical to an
  uninterrupted sweep, no run executed twice, no temporary files left;
* ``serial``, ``process --workers 2`` and ``dask`` (local cluster, 2 workers) give
  byte-identical consolidated tables.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import yaml
from processes import subprocess_env, sweep_cli

from jobfirst_sim.run.sweep import run_sweep
from jobfirst_sim.run.sweep.store import read_log
from jobfirst_sim.scenario.ensemble import Ensemble, Member

DATA = Path(__file__).resolve().parents[1] / "data"
TWO_MEMBERS = Ensemble((Member(0, .5, (("behaviour.conversion.rate", .02),)),
                        Member(1, .5, (("behaviour.conversion.rate", .08),))))
"""A two-member ensemble: the member axis must not depend on the executor either."""
REPO = Path(__file__).resolve().parents[2]
TABLES = ("experiments", "outcomes", "weekly", "funnel", "staff", "companies", "summary")


def consolidated(root: Path) -> dict[str, bytes]:
    return {t: (root / f"{t}.parquet").read_bytes() for t in TABLES}


def kill_experiment(tmp_path: Path) -> Path:
    """The tiny experiment with 10 replications (40 runs) and a few more citizens, so that
    a run takes long enough (~0.1 s) to kill the sweep reliably in the middle."""
    doc = yaml.safe_load((DATA / "sweep_tiny.yaml").read_text(encoding="utf-8"))
    doc["scenario"] = str((DATA / doc["scenario"]).resolve())
    doc["replications"] = 10
    doc["constants"] = {
        "arms.jobfirst.citizens": {"kontanthjaelp": 300, "ressourceforloeb": 90},
        "arms.control.citizens": {"kontanthjaelp": 300, "ressourceforloeb": 90},
    }
    path = tmp_path / "kill.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.slow
def test_sigkill_halfway_then_resume_is_byte_identical(tmp_path: Path) -> None:
    exp = kill_experiment(tmp_path)
    total = 40
    reference = tmp_path / "reference"
    assert run_sweep(exp, reference, executor="serial").executed == total

    out = tmp_path / "killed"
    # its own session, so the kill takes the worker processes too (like the OOM killer)
    log = tmp_path / "killed.stderr"
    with log.open("wb") as err:
        proc = subprocess.Popen(
            sweep_cli(str(exp), "--out", str(out), "--executor", "process", "--workers", "2",
                "--chunk-size", "1", "--quiet"),
            cwd=REPO, env=subprocess_env(), start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=err,
        )  # fmt: skip
    runs = out / "runs"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        n = len(list(runs.glob("p*.parquet"))) if runs.exists() else 0
        if n >= total // 2 or proc.poll() is not None:
            break
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, log.read_text(encoding="utf-8")
    done_before = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in runs.glob("p*")}
    assert 0 < len(done_before) < total, "the kill should land mid-sweep"
    assert not (out / "outcomes.parquet").exists()

    resumed = subprocess.run(
        sweep_cli(str(exp), "--out", str(out), "--executor", "process", "--workers", "2",
            "--resume", "--quiet", "--lang", "en"),
        cwd=REPO, env=subprocess_env(), capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert resumed.returncode == 0, resumed.stderr
    assert f"{len(done_before)} already done, {total - len(done_before)} run now" in resumed.stdout

    assert consolidated(out) == consolidated(reference)
    assert not list(out.rglob(".tmp-*")), "temporary files left behind"
    # runs finished before the kill were not executed again (files untouched) ...
    for name, stat in done_before.items():
        p = runs / name
        assert (p.stat().st_ino, p.stat().st_mtime_ns) == stat
    # ... and no run completed twice according to the audit log
    done = Counter((e["point"], e["replication"]) for e in read_log(out) if e["event"] == "done")
    assert max(done.values()) == 1
    assert len(list(runs.glob("p*.parquet"))) == total


@pytest.mark.slow
@pytest.mark.parametrize("members", [None, TWO_MEMBERS], ids=["noise", "parameters"])
def test_serial_process_dask_are_byte_identical(tmp_path: Path,
                                                members: Ensemble | None) -> None:
    exp = DATA / "sweep_tiny.yaml"
    serial = run_sweep(exp, tmp_path / "serial", executor="serial", members=members)
    process = run_sweep(exp, tmp_path / "process", executor="process", workers=2,
                        members=members)
    dask = run_sweep(exp, tmp_path / "dask", executor="dask", workers=2, chunk_size=2,
                     members=members)
    assert serial.ok and process.ok and dask.ok
    ref = consolidated(tmp_path / "serial")
    assert consolidated(tmp_path / "process") == ref
    assert consolidated(tmp_path / "dask") == ref
    # the per-run files are identical too (no timestamps or hosts inside)
    for p in sorted((tmp_path / "serial" / "runs").iterdir()):
        assert (tmp_path / "dask" / "runs" / p.name).read_bytes() == p.read_bytes()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_local_dask_cluster_is_configured_for_speed_and_leaves_our_environment() -> None:
    """The loopback cluster's workers run without Dask's MALLOC_TRIM_THRESHOLD_ and
    profiler (jobfirst_sim.run.executors explains the 20 % they cost), and the nanny's
    pre-spawn variables do not leak into this process's environment."""
    from distributed import Client

    from jobfirst_sim.run.executors import local_cluster, worker_environment_warnings

    before = dict(os.environ)
    cluster = local_cluster(1)
    try:
        assert dict(os.environ) == before
        with Client(cluster) as client:
            assert worker_environment_warnings(client) == []
            settings = client.run(_worker_settings)
            assert list(settings.values()) == [(None, False)]
    finally:
        cluster.close()


def _worker_settings() -> tuple[str | None, bool]:
    import dask

    return os.environ.get("MALLOC_TRIM_THRESHOLD_"), dask.config.get(
        "distributed.worker.profile.enabled"
    )


@pytest.mark.slow
@pytest.mark.parametrize("shipped_config", [False, True], ids=["dask-defaults", "dask-config"])
def test_external_dask_scheduler_on_loopback(tmp_path: Path, shipped_config: bool) -> None:
    """``--scheduler tcp://host:port``: a separately started ``dask scheduler`` and
    ``dask worker`` (as docs/sweeps.md describes), same bytes as a serial sweep. Workers
    started with Dask's defaults get a warning about their slow malloc setting; workers
    started with ``DASK_CONFIG=experiments/dask-config`` do not."""
    addr = f"tcp://127.0.0.1:{_free_port()}"
    port = addr.rsplit(":", 1)[1]
    worker_env = subprocess_env()
    worker_env.pop("MALLOC_TRIM_THRESHOLD_", None)
    if shipped_config:
        worker_env["DASK_CONFIG"] = str(REPO / "experiments" / "dask-config")
    started = []
    with (tmp_path / "dask.log").open("wb") as log:
        try:
            for argv in (
                ["scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"],
                [
                    "worker", addr, "--nworkers", "2", "--nthreads", "1", "--no-dashboard",
                    "--host", "127.0.0.1",
                ],
            ):  # fmt: skip
                started.append(
                    subprocess.Popen(
                        [sys.executable, "-m", "dask", *argv],
                        cwd=REPO,
                        env=worker_env,
                        stdout=log,
                        stderr=log,
                        start_new_session=True,
                    )
                )
                time.sleep(0.5)
            exp = DATA / "sweep_tiny.yaml"
            remote = run_sweep(exp, tmp_path / "remote", executor="dask", scheduler=addr)
            assert remote.ok, remote.text()
            slow = [w for w in remote.warnings if "MALLOC_TRIM_THRESHOLD_=65536" in w]
            assert len(slow) == (0 if shipped_config else 1), remote.warnings
            run_sweep(exp, tmp_path / "serial", executor="serial")
            assert consolidated(tmp_path / "remote") == consolidated(tmp_path / "serial")
        finally:
            for proc in reversed(started):
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)
