"""How fast the browser answers and an oversized sweep is refused (moved out of the tests).

The tests check what these requests *do* (a bounded, non-500 answer; one design point
read; no design point built before the size check); how long they take depends on the
machine and its neighbours, so it is measured here and reported against the targets the
tests once asserted, never failing:

1. the sweep view and one point's drill-down of a 1,000-run sweep (250 points x 4
   replications, tests/report_support.make_fake_sweep): target 3 s together;
2. crafted callback requests to the real app over a real small run and a tiny sweep
   (``weeks: [0, 30000000]`` once took 28 s and 3.6 GB; nesting 100,000 deep; a body over
   1 MB): target 3 s each;
3. ``jobfirst sweep`` of a Latin hypercube with n = 1,000,000 (refused from the file
   alone): target 10 s.

Usage: .venv/bin/python experiments/benchmarks/browse_benchmark.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "app")]
from dash_requests import make_post  # noqa: E402
from report_support import make_fake_sweep, real_run_dir, real_sweep_dirs  # noqa: E402


def best(fn: Callable[[], Any], repeat: int) -> float:
    """The fastest of ``repeat`` wall times (the least disturbed by other jobs)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def line(what: str, seconds: float, target: float) -> None:
    mark = "ok" if seconds <= target else "SLOW"
    print(f"  {what:<44} {seconds:7.3f} s   target {target:g} s   {mark}")


def sweep_view(tmp: Path, repeat: int) -> None:
    from jobfirst_sim.app import browse as B

    sweep = B.Entry("sweep", "big", make_fake_sweep(tmp / "big"))

    def view() -> None:
        B.sweep_points(sweep, "t1_jobfirst", "arms.jobfirst.organisation.caseload", "en")
        B.weekly_compare([sweep], "share_wage_hours", "all", (0, 104), "en", point=123)

    line("1,000-run sweep: points + drill-down", best(view, repeat), 3.0)


def crafted(repeat: int) -> None:
    from jobfirst_sim.app import browse as B

    client = B.make_app([real_run_dir(), real_sweep_dirs()["factorial"]],
                        lang="en").server.test_client()
    post = make_post()
    deep: Any = []
    for _ in range(300):
        deep = [deep]
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("weeks [0, 30000000]", lambda: post(client, "weekly", {"weeks": [0, 30_000_000]})),
        ("weeks nested 300 deep", lambda: post(client, "weekly", {"weeks": deep})),
        ("municipality of 100,000 characters",
         lambda: post(client, "weekly", {"municipality": "x" * 100_000})),
        ("body nested 100,000 deep",
         lambda: post(client, raw=b"[" * 100_000 + b"]" * 100_000)),
        ("body over 1 MB", lambda: post(client, raw=json.dumps(
            {"output": "outcome-graph.figure", "pad": "x" * 2_000_000}).encode())),
    ]
    for what, fn in cases:
        line(what, best(fn, repeat), 3.0)


def oversized(tmp: Path) -> None:
    from typer.testing import CliRunner

    from jobfirst_sim.cli import app

    data = REPO / "tests" / "data"
    doc = yaml.safe_load((data / "sweep_tiny.yaml").read_text(encoding="utf-8"))
    doc["scenario"] = str((data / doc["scenario"]).resolve())
    doc["design"] = {"type": "latin_hypercube", "n": 1_000_000}
    doc["levers"] = {"arms.jobfirst.organisation.caseload": {"range": {"low": 20, "high": 80}}}
    exp = tmp / "oversized.yaml"
    exp.write_text(yaml.safe_dump(doc), encoding="utf-8")
    t0 = time.perf_counter()
    result = CliRunner().invoke(app, ["sweep", str(exp), "--out", str(tmp / "o"), "-q",
                                      "--executor", "serial"])
    seconds = time.perf_counter() - t0
    line(f"sweep n=1,000,000 refused (exit {result.exit_code})", seconds, 10.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
          "(wall times on a shared machine say as much about the neighbours)")
    with tempfile.TemporaryDirectory(prefix="jobfirst-browse-bench-") as d:
        sweep_view(Path(d), args.repeat)
        crafted(args.repeat)
        oversized(Path(d))


if __name__ == "__main__":
    main()
