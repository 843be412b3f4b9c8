"""A SIGKILL of the sweep's main process leaves no worker and no resource tracker behind
(issue 9, section 2: they used to stay, ~225 MB each).

The sweep runs as ``jobfirst sweep`` in a subprocess; its child processes (pool workers or
Dask workers, and multiprocessing's resource tracker) are read from ``/proc`` before the
kill; afterwards each must be gone within a few seconds. Only the main process is killed,
not its process group, as when the OOM killer picks it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from processes import alive, children

DATA = Path(__file__).resolve().parents[1] / "data"
REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


@pytest.mark.slow
@pytest.mark.parametrize("executor", ["process", "dask"])
def test_sigkill_of_the_sweep_leaves_no_child_processes(tmp_path: Path, executor: str) -> None:
    doc = yaml.safe_load((DATA / "sweep_tiny.yaml").read_text(encoding="utf-8"))
    doc["scenario"] = str((DATA / doc["scenario"]).resolve())
    doc["replications"] = 20
    exp = tmp_path / "exp.yaml"
    exp.write_text(yaml.safe_dump(doc), encoding="utf-8")
    out = tmp_path / "sweep"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get(
        "PYTHONPATH", "")])}
    proc = subprocess.Popen(
        [sys.executable, "-m", "jobfirst_sim.cli", "sweep", str(exp), "--out", str(out),
         "--executor", executor, "--workers", "2", "--chunk-size", "1", "-q"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    kids: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            runs = out / "runs"
            if runs.is_dir() and len(list(runs.glob("p*.parquet"))) >= 2:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the sweep ended before it could be killed"
        kids = children(proc.pid)
        assert len(kids) >= 2, kids  # two workers (and the resource tracker)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(alive(k) for k in kids):
            time.sleep(0.1)
        left = [k for k in kids if alive(k)]
        assert not left, f"still running after the main process was killed: {left}"
    finally:
        for k in kids:  # never leave processes behind, even when the test fails
            if alive(k):
                os.kill(k, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
