"""The issue's resume must-shows at full size, on the trial replica (CI runs them scaled down
in tests/test_sweep_resume.py and tests/test_sweep_store.py).

1. A 200-run sweep (5 design points x 40 replications) is killed with SIGKILL halfway
   (the whole process group, workers included) and resumed with ``--resume``: the
   consolidated tables are byte-identical to an uninterrupted sweep, no finished run is
   executed again (files untouched, one "done" per run in runs.log), no temporary files.
2. The same experiment with 20 replications, then raised to 40 and resumed: runs of
   replications 0-19 are untouched, and the result equals the uninterrupted 40.
3. Only the main process of a sweep is killed (as the OOM killer would): none of its
   worker processes, nor the resource tracker, is left after 10 s.
4. That sweep is resumed after one calibrated default changed (the scenario file with
   ``behaviour.conversion.rate`` rewritten) and after the model's source changed (the
   fingerprint in the manifest rewritten): both are refused with exit code 2, the
   difference is named, and no run file changes.

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

import yaml
from trial_sweep import REPO, write_trial_sweep

sys.path.insert(0, str(REPO / "tests"))
from processes import alive, children, subprocess_env, sweep_cli

TABLES = ("experiments", "outcomes", "weekly", "funnel", "staff", "companies", "summary")


def experiment(directory: Path, replications: int) -> Path:
    return write_trial_sweep(
        directory / f"resume_check_{replications}.yaml", "resume_check", [1, 2, 3, 4, 6],
        replications,
    )  # fmt: skip


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
            sweep_cli(str(exp40), "--out", str(out), "--workers", w, "--chunk-size", "1",
                      "--quiet"),
            cwd=REPO, env=subprocess_env(), start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=err,
        )
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
        sweep_cli(str(exp40), "--out", str(out), "--workers", w, "--resume", "--quiet"),
        cwd=REPO, env=subprocess_env(), capture_output=True, text=True, check=False,
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
    checks.update(main_kill_and_changed_model(base, exp40, w, total))
    checks["directory"] = str(base)
    print(json.dumps(checks, indent=2))
    ok = all(v for k, v in checks.items() if isinstance(v, bool)) and res.returncode == 0
    return 0 if ok else 1


def main_kill_and_changed_model(base: Path, exp: Path, w: str, total: int) -> dict[str, object]:
    """Checks 3 and 4 of the module docstring."""
    out = base / "main_killed"
    proc = subprocess.Popen(
        sweep_cli(str(exp), "--out", str(out), "--workers", w, "--chunk-size", "1", "--quiet"),
        cwd=REPO, env=subprocess_env(), start_new_session=True, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    while proc.poll() is None:
        runs = out / "runs"
        if runs.exists() and len(list(runs.glob("p*.parquet"))) >= total // 4:
            break
        time.sleep(0.01)
    kids = children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(k) for k in kids):
        time.sleep(0.1)
    left = [k for k in kids if alive(k)]
    for k in left:
        os.kill(k, signal.SIGKILL)
    checks: dict[str, object] = {"children_before_kill": len(kids),
                                 "no_child_left_after_main_kill": not left}
    before = stats(out)
    doc = yaml.safe_load(exp.read_text(encoding="utf-8"))
    scen = yaml.safe_load(Path(doc["scenario"]).read_text(encoding="utf-8"))
    scen.setdefault("behaviour", {}).setdefault("conversion", {})["rate"] = 0.2
    (base / "changed_scenario.yaml").write_text(yaml.safe_dump(scen), encoding="utf-8")
    doc["scenario"] = str(base / "changed_scenario.yaml")
    (base / "changed.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    changed = subprocess.run(
        sweep_cli(str(base / "changed.yaml"), "--out", str(out), "--resume", "--quiet"),
        cwd=REPO, env=subprocess_env(), capture_output=True, text=True, check=False,
    )  # fmt: skip
    checks["changed_default_refused"] = (
        changed.returncode == 2 and "behaviour.conversion.rate" in changed.stderr
    )
    manifest = out / "manifest.json"
    doc = json.loads(manifest.read_text("utf-8"))
    doc["model"]["source_sha256"] = "0" * 64
    manifest.write_text(json.dumps(doc), "utf-8")
    other = subprocess.run(
        sweep_cli(str(exp), "--out", str(out), "--resume", "--quiet"),
        cwd=REPO, env=subprocess_env(), capture_output=True, text=True, check=False,
    )  # fmt: skip
    checks["changed_model_refused"] = (
        other.returncode == 2 and "the model's source changed" in other.stderr
    )
    checks["refused_resumes_left_runs_untouched"] = stats(out) == before
    return checks


if __name__ == "__main__":
    sys.exit(main())
