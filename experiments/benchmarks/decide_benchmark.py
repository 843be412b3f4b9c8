"""How long the decisions take (issue 12), against their targets, on this machine.

Times, each as a whole (every run, the tables, the page where the command writes one):

* ``jobfirst compare`` on the trial replica, control → JobFirst, 20 replications
  (target <= 15 s);
* ``jobfirst compare`` on ``scenarios/our_jobcentre.yaml``, today → proposed, 20
  replications (for reference);
* an exact Shapley split over 8 levers with 6 replications (target <= 2 minutes): the
  Midtby jobcentre with the proposal cut down to 8 of its levers (the others set back to
  today's values), so every one of the 2^8 = 256 coalitions is run.

The pilot's power curve has its own script (``pilot_benchmark.py``). A benchmark reports:
it never fails on a slow machine, and no test times anything. Prints the load average,
because this machine may be shared.

Usage: .venv/bin/python experiments/benchmarks/decide_benchmark.py [--workers 2]
       [--skip-shapley] [--json FILE]
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

ROOT = Path(__file__).resolve().parents[2]
SHAPLEY_LEVERS = ("role_model+jobformidler", "caseload", "colocated",
                  "hours_dialogue_from_start", "purpose_explicit", "work_agreement",
                  "followup_interval_weeks", "aftercare_lifeline")
"""The 8 levers of the Shapley benchmark (named as ``jobfirst explain`` names them)."""


def timed_cli(args: list[str]) -> float:
    """Wall seconds of one fresh ``jobfirst`` process (output discarded)."""
    exe = ROOT / ".venv" / "bin" / "jobfirst"
    t0 = time.perf_counter()
    subprocess.run([str(exe), *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t0


def shapley_8(workers: int) -> tuple[float, int, str]:
    """Seconds, simulations and method of the exact 8-lever Shapley split."""
    from jobfirst_sim.decide.explain import ExplainRequest
    from jobfirst_sim.decide.levers import find_levers, switch_levers
    from jobfirst_sim.decide.shapley import shapley
    from jobfirst_sim.scenario import load_scenario

    scen = load_scenario(ROOT / "scenarios" / "our_jobcentre.yaml")
    others = [lv for lv in find_levers(scen, "today", "proposed")
              if lv.name not in SHAPLEY_LEVERS]
    # the proposal keeps only the 8 levers: every other lever set back to today's value
    eight = switch_levers(scen, "proposed", "today", others)
    found = [lv.name for lv in find_levers(eight, "today", "proposed")]
    if sorted(found) != sorted(SHAPLEY_LEVERS):
        raise SystemExit(f"expected the 8 levers {SHAPLEY_LEVERS}, found {found}")
    request = ExplainRequest(scenario=eight, arm_from="today", arm_to="proposed",
                             metric="share_with_hours_end", benefit="all", replications=6,
                             seed=2027, workers=workers)
    t0 = time.perf_counter()
    split = shapley(request)
    return time.perf_counter() - t0, split.simulations, split.method


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--skip-shapley", action="store_true")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    w = str(args.workers)
    rows: list[tuple[str, float, float | None, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        rows.append(("compare trial, control -> jobfirst, 20 replications",
                     timed_cli(["compare", "scenarios/jobfirst_trial.yaml", "--from", "control",
                                "--to", "jobfirst", "-r", "20", "--uncertainty", "noise",
                                "-w", w, "--out",
                                str(out / "a")]), 15.0, ""))
        rows.append(("compare our_jobcentre, today -> proposed, 20 replications",
                     timed_cli(["compare", "scenarios/our_jobcentre.yaml", "--from", "today",
                                "--to", "proposed", "-r", "20", "--uncertainty", "noise",
                                "-w", w, "--out",
                                str(out / "b")]), None, ""))
    if not args.skip_shapley:
        seconds, sims, method = shapley_8(args.workers)
        rows.append(("Shapley, 8 levers, 6 replications (our_jobcentre)", seconds, 120.0,
                     f"{method}, {sims} simulations"))
    load = os.getloadavg()
    print(f"workers {w}; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; "
          f"{os.cpu_count()} cores; python {sys.version.split()[0]}")
    for name, seconds, target, note in rows:
        verdict = "" if target is None else ("  within" if seconds <= target else "  OVER")
        goal = f"(target <= {target:.0f} s)" if target is not None else "(reference)"
        print(f"  {name:<58} {seconds:7.1f} s {goal}{verdict}  {note}")
    if args.json:
        args.json.write_text(json.dumps([
            {"case": n, "seconds": round(s, 2), "target_s": t, "note": note}
            for n, s, t, note in rows], indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
