"""Whole-process time and peak memory of ``jobfirst run`` with one replication.

Why whole-process: what a user waits for includes Python start-up and every import, which
a restructure of the package can make slower without touching the model. Each run is a
fresh process timed by ``/usr/bin/time -f "%e %U %S %M"`` (elapsed, user and system CPU
seconds, peak RSS in KB). CPU seconds are the steadier figure on a shared machine.

Usage: .venv/bin/python experiments/benchmarks/whole_run_benchmark.py [--repeat 5]
       [--baseline DIR]  # DIR: a checkout of an older commit, run with PYTHONPATH=DIR
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARGS = ["run", "scenarios/jobfirst_trial.yaml", "-r", "1", "--seed", "7", "--no-report"]


def once(source: Path, out: Path) -> tuple[float, float, int]:
    """(elapsed s, CPU s, peak KB) of one ``jobfirst run`` from the package in ``source``."""
    code = ("import sys; from jobfirst_sim.cli import main; "
            f"sys.argv = ['jobfirst', *{[*ARGS, '--out', str(out)]!r}]; main()")
    res = subprocess.run(
        ["/usr/bin/time", "-f", "%e %U %S %M", sys.executable, "-c", code],
        cwd=source, env={"PYTHONPATH": str(source), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, check=True,
    )
    elapsed, user, system, kb = res.stderr.strip().splitlines()[-1].split()
    return float(elapsed), float(user) + float(system), int(kb)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--baseline", type=Path, help="checkout to compare with (alternating)")
    args = ap.parse_args()
    sources = {"this": ROOT, **({"baseline": args.baseline} if args.baseline else {})}
    rows: dict[str, list[tuple[float, float, int]]] = {k: [] for k in sources}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            for name, src in sources.items():
                rows[name].append(once(src, Path(tmp) / f"{name}{i}"))
    for name, runs in rows.items():
        el, cpu, kb = zip(*runs, strict=True)
        print(f"{name}: elapsed {min(el):.2f}-{max(el):.2f} s (median "
              f"{statistics.median(el):.2f}), CPU {min(cpu):.2f}-{max(cpu):.2f} s (median "
              f"{statistics.median(cpu):.2f}), peak RSS {max(kb) / 1024:.0f} MB")


if __name__ == "__main__":
    main()
