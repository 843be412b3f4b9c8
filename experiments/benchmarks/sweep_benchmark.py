"""Benchmark the sweep runner: N trial-replica runs, process pool vs Dask.

Why: the issue asks what a sweep costs on this 2-core machine (wall time, runs per
minute) and whether Dask's scheduling adds more than 10 % over a plain process pool.
Both executors run the same experiment (the trial replica, two design points x N/2
replications) into fresh directories; a short serial run measures the time of one run,
from which the ideal parallel time (no overhead at all) follows.

Usage::

    .venv/bin/python experiments/benchmarks/sweep_benchmark.py            # N = 1000
    .venv/bin/python experiments/benchmarks/sweep_benchmark.py --runs 200 --json bench.json

Prints a JSON document (and writes it with --json). Results depend on what else the
machine is doing; run it on an idle machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path

from trial_sweep import write_trial_sweep


def write_experiment(directory: Path, runs: int) -> Path:
    """Trial replica, two design points (follow-up every 2 or 3 weeks), runs/2 replications."""
    return write_trial_sweep(
        directory / "benchmark.yaml", "sweep_benchmark", [2, 3], max(1, runs // 2),
        "Benchmark: the trial replica as it ships, two follow-up intervals.",
    )  # fmt: skip


def mean_run_seconds(out: Path) -> float:
    """Mean time of one run inside its worker (``runs.log``).

    Why: it separates a slower computation on the workers (environment, housekeeping
    threads) from scheduling gaps between runs, which only the wall time shows.
    """
    lines = (out / "runs.log").read_text(encoding="utf-8").splitlines()
    seconds = [e["seconds"] for e in map(json.loads, lines) if e["event"] == "done"]
    return round(sum(seconds) / max(1, len(seconds)), 4)


def timed(label: str, fn: object, *args: object, **kw: object) -> dict[str, object]:
    t0 = time.perf_counter()
    report = fn(*args, **kw)  # type: ignore[operator]
    wall = time.perf_counter() - t0
    n = report.executed
    per_run = mean_run_seconds(Path(report.out))
    print(f"{label}: {n} runs in {wall:.1f} s ({60 * n / wall:.1f} runs/min, "
          f"{per_run:.3f} s per run in a worker)", flush=True)  # fmt: skip
    return {"runs": n, "wall_s": round(wall, 2), "runs_per_min": round(60 * n / wall, 1),
            "mean_run_s": per_run, "failed": len(report.failed)}  # fmt: skip


def main() -> None:
    from jobfirst_sim.run.sweep import run_sweep

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=1000, help="runs per executor (default 1000)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--serial-runs", type=int, default=10, help="runs timed serially")
    ap.add_argument("--repeat", type=int, default=1, help="alternate process/dask k times")
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    ap.add_argument("--keep", type=Path, default=None, help="keep the sweep directories here")
    args = ap.parse_args()

    base = args.keep or Path(tempfile.mkdtemp(prefix="sweep-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    exp = write_experiment(base, args.runs)
    (base / "serial").mkdir(exist_ok=True)
    small = write_experiment(base / "serial", args.serial_runs)

    results: dict[str, object] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "workers": args.workers,
    }  # fmt: skip
    serial = timed("serial", run_sweep, small, base / "out-serial", executor="serial")
    per_run = float(serial["wall_s"]) / int(serial["runs"])  # type: ignore[arg-type]
    results["serial"] = {**serial, "seconds_per_run": round(per_run, 3)}
    procs, dasks = [], []
    for i in range(args.repeat):  # alternate, so a change in machine load hits both alike
        procs.append(
            timed("process", run_sweep, exp, base / f"out-process-{i}", executor="process",
                  workers=args.workers)
        )  # fmt: skip
        dasks.append(
            timed("dask", run_sweep, exp, base / f"out-dask-{i}", executor="dask",
                  workers=args.workers)
        )  # fmt: skip
    proc = min(procs, key=lambda r: float(r["wall_s"]))  # type: ignore[arg-type]
    dask = min(dasks, key=lambda r: float(r["wall_s"]))  # type: ignore[arg-type]
    ideal = per_run * int(proc["runs"]) / args.workers  # type: ignore[arg-type]
    results["process"] = {**proc, "ideal_wall_s": round(ideal, 1), "all_wall_s": [
        r["wall_s"] for r in procs]}  # fmt: skip
    results["dask"] = {**dask, "all_wall_s": [r["wall_s"] for r in dasks]}
    results["dask_overhead_vs_process_pct"] = round(
        100 * (float(dask["wall_s"]) / float(proc["wall_s"]) - 1),  # type: ignore[arg-type]
        1,
    )
    same = all(
        (base / "out-process-0" / f"{t}.parquet").read_bytes()
        == (base / "out-dask-0" / f"{t}.parquet").read_bytes()
        for t in ("experiments", "outcomes", "weekly")
    )
    results["process_and_dask_byte_identical"] = same
    results["directory"] = str(base)
    text = json.dumps(results, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
