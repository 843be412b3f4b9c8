"""The issue's resume must-shows at full size, on the trial replica (CI runs them scaled down
in tests/test_sweep_resume.py and tests/test_sweep_store.py).

1. A 200-run sweep (5 design points x 40 replications) is killed with SIGKILL halfway
   (the whole process group, workers included) and resumed with ``--resume``: the
   consolidated tables are byte-identical to an uninterrupted sweep, no finished run is
   executed again (files untouched, one "done" per run in runs.log), no temporary files.
2. The same experiment with 20 replications, then raised to 40 and resumed: runs of
   replications 0-19 are untouched, and the result equals the uninterrupted 40.

Usage: ``.venv/bin/python experiments/benchmarks/sweep_resume_check.py [--workers 2]``.
Prints one line per check and a JSON summary; exits 1 if a check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from trial_sweep import REPO, write_trial_sweep

TABLES = ("experiments", "outcomes", "weekly", "funnel", "staff", "companies", "summary")


def experiment(directory: Path, replications: int) -> Path:
    return write_trial_sweep(
        directory / f"resume_check_{replications}.yaml", "resume_check", [1, 2, 3, 4, 6],
        replications,
    )  # fmt: skip


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "jobfirst_sim.cli", "sweep", *args]


def env() -> dict[str, str]:
    out = dict(os.environ)
    out["PYTHONPATH"] = os.pathsep.join([str(REPO), out.get("PYTHONPATH", "")])
    return out


def tables(root: Path) -> dict[str, bytes]:
    return {t: (root / f"{t}.parquet").read_bytes() for t in TABLES}


def stats(root: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (root / "runs").glob("p*")}


def main() -> int:
    from jobfirst_sim.run.sweep import run_sweep
    from jobfirst_sim.run.sweep.store import read_log

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--dir", type=Path, default=None)
    args = ap.parse_args()
    base = args.dir or Path(tempfile.mkdtemp(prefix="sweep-resume-"))
    base.mkdir(parents=True, exist_ok=True)
    exp40, exp20 = experiment(base, 40), experiment(base, 20)
    w = str(args.workers)
    checks: dict[str, object] = {}

    t0 = time.perf_counter()
    ref = run_sweep(exp40, base / "reference", executor="process", workers=args.workers)
    checks["reference_s"] = round(time.perf_counter() - t0, 1)
    total = ref.executed

    out = base / "killed"
    with (base / "killed.stderr").open("wb") as err:
        proc = subprocess.Popen(
            cli(str(exp40), "--out", str(out), "--workers", w, "--chunk-size", "1", "--quiet"),
            cwd=REPO, env=env(), start_new_session=True, stdout=subprocess.DEVNULL, stderr=err,
        )  # fmt: skip
        while proc.poll() is None:
            runs = out / "runs"
            if runs.exists() and len(list(runs.glob("p*.parquet"))) >= total // 2:
                break
            time.sleep(0.01)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    before = stats(out)
    checks["killed_after_runs"] = len(before)
    res = subprocess.run(
        cli(str(exp40), "--out", str(out), "--workers", w, "--resume", "--quiet"),
        cwd=REPO, env=env(), capture_output=True, text=True, check=False,
    )  # fmt: skip
    after = stats(out)
    done = Counter((e["point"], e["replication"]) for e in read_log(out) if e["event"] == "done")
    checks["resume_exit_code"] = res.returncode
    checks["kill_resume_byte_identical"] = tables(out) == tables(base / "reference")
    checks["finished_runs_untouched"] = all(after[k] == v for k, v in before.items())
    checks["no_run_completed_twice"] = max(done.values()) == 1 and len(after) == total
    checks["no_temp_files"] = not list(out.rglob(".tmp-*"))

    grow = base / "grow"
    run_sweep(exp20, grow, executor="process", workers=args.workers)
    first = stats(grow)
    run_sweep(exp40, grow, executor="process", workers=args.workers, resume=True)
    second = stats(grow)
    checks["replications_0_19_untouched"] = all(second[k] == v for k, v in first.items())
    checks["grown_equals_uninterrupted"] = tables(grow) == tables(base / "reference")
    checks["directory"] = str(base)
    print(json.dumps(checks, indent=2))
    ok = all(v for k, v in checks.items() if isinstance(v, bool)) and res.returncode == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
