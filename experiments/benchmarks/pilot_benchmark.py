"""Speed of `jobfirst pilot` (run on demand; reports, never fails).

Target (issue 12, part 5): the power curve of 10 pilot sizes × 200 simulated pilots of a
1,000-citizen municipality (pilot_municipality.yaml: today's normal effort against the
JobFirst design) in <= 5 minutes on 2 cores. That is 400 model runs (200 replications ×
2 designs) plus 10 sizes × 2 units × 200 pilots drawn and tested.

With ``--uncertainty parameters`` (the command's default) the pilots are spread over the
ensemble's members (max(2, ⌈pilots / K⌉) replications each), so the plan costs about the
same; ``noise`` times the scenario's own parameters, as before the option existed.

Usage: .venv/bin/python experiments/benchmarks/pilot_benchmark.py [--pilots 200]
       [--workers 2] [--uncertainty parameters|noise] [--members K] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from jobfirst_sim.decide.pilot import PilotRequest, plan_pilot
from jobfirst_sim.decide.uncertainty import DEFAULT_MEMBERS, ensemble_for
from jobfirst_sim.scenario import load_scenario

HERE = Path(__file__).resolve().parent
SCENARIO = HERE / "pilot_municipality.yaml"
TARGET_S = 300.0


def main() -> None:
    """Time one plan and print the seconds, the runs per second and the curve at week 78."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pilots", type=int, default=200)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--uncertainty", choices=("parameters", "noise"), default="parameters")
    ap.add_argument("--members", type=int, default=None,
                    help=f"ensemble members (default {DEFAULT_MEMBERS}, at most the shipped)")
    ap.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    args = ap.parse_args()
    scenario = load_scenario(SCENARIO)
    members = None
    if args.uncertainty == "parameters":
        from jobfirst_sim.scenario.ensemble import shipped_ensemble

        k = args.members or min(DEFAULT_MEMBERS, len(shipped_ensemble()))
        members = ensemble_for("parameters", k)
    started = time.perf_counter()
    plan = plan_pilot(PilotRequest(scenario, "today", "jobfirst", pilots=args.pilots,
                                   workers=args.workers, seed=2026, members=members))
    seconds = time.perf_counter() - started
    at = plan.at_week()
    result = {
        "cohort": plan.cohort, "sizes": list(plan.request.sizes or ()),
        "pilots": args.pilots, "workers": args.workers, "model_runs": plan.simulations,
        "uncertainty": args.uncertainty, "members": None if members is None else len(members),
        "seconds": round(seconds, 1), "runs_per_second": round(plan.simulations / seconds, 2),
        "target_seconds": TARGET_S, "within_target": seconds <= TARGET_S,
        "power_w78": {f"{r['unit']}:{r['size']}": round(float(r["power"]), 3)
                      for r in at.to_dict("records")},
    }
    print(f"pilot benchmark: {plan.simulations} runs of {plan.cohort} citizens × 2 designs, "
          f"{len(result['sizes'])} sizes × {args.pilots} pilots on {args.workers} workers: "
          f"{seconds:.1f} s (target <= {TARGET_S:.0f} s: "
          f"{'met' if result['within_target'] else 'missed'})")
    for unit in plan.request.units:
        mine = at[at["unit"] == unit]
        curve = ", ".join(f"{s}: {p:.2f}" for s, p in zip(mine["size"], mine["power"],
                                                           strict=True))
        print(f"  power at week 78, {unit}: {curve}")
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
