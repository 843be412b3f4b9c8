"""How long ``jobfirst compare`` takes with its whole uncertainty (issue 21), on this machine.

Times ``compare scenarios/our_jobcentre.yaml --from today --to proposed`` as a whole (every
run, the tables, the page):

* with ``--uncertainty parameters`` at the shipped defaults: 30 members × 2 replications
  (target <= 60 s on 2 idle cores). The shipped ensemble may hold fewer than 30 members
  while the calibration is provisional; the command then uses all of them, so this case
  also times the in-process comparison under 30 members made by cycling the shipped ones
  (the work is the simulations, 2 × 30 × 2 = 120 runs, whatever the members' values);
* with ``--uncertainty noise`` and the noise default of 10 replications (for reference).

A benchmark reports: it never fails on a slow machine, and no test times anything. Prints
the load average, because this machine may be shared.

Usage: .venv/bin/python experiments/benchmarks/compare_uncertainty.py [--workers 2]
       [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jobfirst_sim.scenario.ensemble import Ensemble

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = "scenarios/our_jobcentre.yaml"
TARGET_S = 60.0


def timed_cli(args: list[str]) -> float:
    """Wall seconds of one fresh ``jobfirst`` process (output discarded)."""
    exe = Path(sys.executable).with_name("jobfirst")
    t0 = time.perf_counter()
    subprocess.run([str(exe), *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t0


def cycled(k: int) -> Ensemble:
    """``k`` members cycling the shipped ensemble's, equal weights (for timing only)."""
    from jobfirst_sim.scenario.ensemble import Ensemble, Member, shipped_ensemble

    shipped = shipped_ensemble().members
    return Ensemble(tuple(Member(i, 1.0 / k, shipped[i % len(shipped)].values)
                          for i in range(k)))


def in_process(members: int, replications: int, workers: int) -> float:
    """Seconds of the comparison with its tables and page, in this process."""
    from jobfirst_sim.decide import compare as cmp
    from jobfirst_sim.decide.compare_files import write_tables
    from jobfirst_sim.report.compare import write_html
    from jobfirst_sim.scenario import load_scenario

    scen = load_scenario(ROOT / SCENARIO)
    t0 = time.perf_counter()
    req = cmp.from_arms(scen, "today", "proposed", replications=replications,
                        workers=workers, members=cycled(members))
    res = cmp.run_compare(req)
    with tempfile.TemporaryDirectory() as tmp:
        write_tables(res, Path(tmp))
        write_html(res, Path(tmp) / "compare.html")
    return time.perf_counter() - t0


def main() -> None:
    from jobfirst_sim.decide.uncertainty import DEFAULT_MEMBERS, DEFAULT_REPLICATIONS
    from jobfirst_sim.scenario.ensemble import shipped_ensemble

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    w = str(args.workers)
    base = ["compare", SCENARIO, "--from", "today", "--to", "proposed", "-w", w]
    shipped = len(shipped_ensemble())
    k = min(DEFAULT_MEMBERS, shipped)
    rows: list[tuple[str, float, float | None]] = []
    with tempfile.TemporaryDirectory() as tmp:
        rows.append((f"compare, parameters (CLI default: {k} members x "
                     f"{DEFAULT_REPLICATIONS} replications)",
                     timed_cli([*base, "--out", f"{tmp}/p"]),
                     TARGET_S if k == DEFAULT_MEMBERS else None))
        rows.append(("compare, noise (10 replications)",
                     timed_cli([*base, "--uncertainty", "noise", "--out", f"{tmp}/n"]), None))
    if shipped < DEFAULT_MEMBERS:
        rows.append((f"compare, parameters, {DEFAULT_MEMBERS} (cycled) members x "
                     f"{DEFAULT_REPLICATIONS} replications, in process",
                     in_process(DEFAULT_MEMBERS, DEFAULT_REPLICATIONS, args.workers),
                     TARGET_S))
    load = os.getloadavg()
    print(f"workers {w}; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; "
          f"{os.cpu_count()} cores; shipped ensemble {shipped} members")
    for name, seconds, target in rows:
        verdict = "" if target is None else ("  within" if seconds <= target else "  OVER")
        goal = f"(target <= {target:.0f} s)" if target is not None else "(reference)"
        print(f"  {name:<72} {seconds:7.1f} s {goal}{verdict}")
    if args.json:
        args.json.write_text(json.dumps([
            {"case": n, "seconds": round(s, 2), "target_s": t} for n, s, t in rows],
            indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
