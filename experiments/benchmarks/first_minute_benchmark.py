"""What a user waits for in the first minute (issue 11), against its targets.

Times, each in a fresh process and as a whole (Python start-up, every import, the work,
writing the files): ``jobfirst --help`` (target <= 0.3 s) and one ``jobfirst run`` of the
trial replica with one replication AND its HTML report (target <= 3 s); the same run with
``--no-report`` is shown for reference. Prints the median of ``--repeat`` runs (and the
range) as a table against the targets. A benchmark reports: it never fails on a slow
machine, and no test times anything.

Usage: .venv/bin/python experiments/benchmarks/first_minute_benchmark.py [--repeat 5]
       [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = "scenarios/jobfirst_trial.yaml"


@dataclass(frozen=True)
class Case:
    """One command line timed as a whole process, with its target (None: for reference)."""

    name: str
    args: tuple[str, ...]
    target_s: float | None


def cases(out: Path) -> list[Case]:
    run = ("run", SCENARIO, "-r", "1", "--out", str(out), "--overwrite")
    return [
        Case("jobfirst --help", ("--help",), 0.3),
        Case("jobfirst run trial -r 1 (with report)", run, 3.0),
        Case("jobfirst run trial -r 1 --no-report", (*run, "--no-report"), None),
    ]


def once(exe: Path, args: tuple[str, ...]) -> float:
    """Wall seconds of one fresh ``jobfirst`` process (output discarded)."""
    t0 = time.perf_counter()
    subprocess.run([str(exe), *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    exe = Path(sys.executable).parent / "jobfirst"
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases(Path(tmp) / "run"):
            once(exe, case.args)  # warm the file cache and .pyc files; not counted
            times = [once(exe, case.args) for _ in range(args.repeat)]
            med = statistics.median(times)
            verdict = "–" if case.target_s is None else (
                "ok" if med <= case.target_s else "OVER")
            rows.append({"case": case.name, "median_s": round(med, 3),
                         "min_s": round(min(times), 3), "max_s": round(max(times), 3),
                         "target_s": case.target_s, "verdict": verdict})
    width = max(len(r["case"]) for r in rows)
    print(f"first minute: median of {args.repeat} fresh processes (cpus: {os.cpu_count()})")
    print(f"{'command':<{width}}  {'median':>7}  {'range':>13}  {'target':>8}  verdict")
    for r in rows:
        target = "" if r["target_s"] is None else f"<= {r['target_s']:g} s"
        span = f"{r['min_s']:.2f}–{r['max_s']:.2f} s"
        print(f"{r['case']:<{width}}  {r['median_s']:>5.2f} s  {span:>13}  {target:>8}  "
              f"{r['verdict']}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
