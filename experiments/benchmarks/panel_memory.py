"""Peak memory of ``jobfirst run --panel`` at 100,000 citizens, by number of replications.

Why: the panel used to be built whole -- every replication's rows concatenated, sorted and
turned into one frame -- and peaked at 7 GB for one replication of 100,000 citizens and
failed at three. Streamed (docs/outputs.md, "Memory"), the peak should not grow with the
replications and stay under 1.5 GiB. Each measurement is a fresh process; its peak
resident set (``ru_maxrss`` from ``os.wait4``, which covers the process and the workers it
waited for) is read when it ends.

Usage: .venv/bin/python experiments/benchmarks/panel_memory.py [--citizens 100000]
       [--replications 1 3] [--workers 1] [--baseline DIR]
       # DIR: a checkout of an older commit, run with PYTHONPATH=DIR (careful: the old
       # code needs ~7 GB per replication at 100,000 citizens)

Measured on the 2-core development machine (seconds depend on the other load):

 citizens reps workers  seconds  peak MiB  panel rows  within 1.5 GiB
   100000    1       1     45.7       988  10,500,000  yes
   100000    3       1    114.5       998  31,500,000  yes
   100000    3       2    105.5       961  31,500,000  yes
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT_MIB = 1.5 * 1024


def citizens_args(total: int) -> list[str]:
    """``--set`` options giving two arms of ``total / 2`` citizens (3:1 benefit groups)."""
    per_arm = total // 2
    kh, rf = per_arm * 3 // 4, per_arm - per_arm * 3 // 4
    out: list[str] = []
    for arm in ("jobfirst", "control"):
        out += ["--set", f"arms.{arm}.citizens.kontanthjaelp={kh}",
                "--set", f"arms.{arm}.citizens.ressourceforloeb={rf}"]
    return out


def measure(source: Path, citizens: int, replications: int, workers: int,
            out: Path) -> tuple[float, float, int]:
    """(seconds, peak MiB, panel rows) of one ``jobfirst run --panel`` in a fresh process."""
    args = ["run", "scenarios/jobfirst_trial.yaml", "-r", str(replications), "--seed", "1",
            "--workers", str(workers), "--panel", "--no-report", "--out", str(out),
            *citizens_args(citizens)]
    code = ("import sys; from jobfirst_sim.cli import main; "
            f"sys.argv = {['jobfirst', *args]!r}; main()")
    env = {**os.environ, "PYTHONPATH": str(source)}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"run failed ({proc.returncode}):\n{err[-3000:]}")
    import pyarrow.parquet as pq

    rows = pq.ParquetFile(out / "panel.parquet").metadata.num_rows
    return seconds, usage.ru_maxrss / 1024, rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--citizens", type=int, default=100_000)
    ap.add_argument("--replications", type=int, nargs="+", default=[1, 3])
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--baseline", type=Path, help="checkout of an older commit")
    a = ap.parse_args()
    source = (a.baseline or ROOT).resolve()
    print(f"{'citizens':>9} {'reps':>4} {'workers':>7} {'seconds':>8} {'peak MiB':>9} "
          f"{'panel rows':>11}  within 1.5 GiB")
    for reps in a.replications:
        with tempfile.TemporaryDirectory(prefix="panel-memory-") as tmp:
            seconds, mib, rows = measure(source, a.citizens, reps, a.workers,
                                         Path(tmp) / "run")
        print(f"{a.citizens:>9} {reps:>4} {a.workers:>7} {seconds:>8.1f} {mib:>9.0f} "
              f"{rows:>11,}  {'yes' if mib <= LIMIT_MIB else 'NO'}", flush=True)


if __name__ == "__main__":
    main()
