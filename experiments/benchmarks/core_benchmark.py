"""Speed and memory of the simulation core (run on demand; numbers go in the closing notes).

Targets (issue 10, tightening issue 2's): one trial-replica replication (~4,900 citizens,
144 model weeks) in <= 0.5 s of model time; 100,000 citizens x 130 weeks in <= 10 s and
<= 1 GiB peak memory without the panel; ``jobfirst --help`` in <= 0.3 s (issue 11). The
medians are printed against these targets; a benchmark reports and never fails.

Each measurement runs in a fresh subprocess so peak RSS (``ru_maxrss``) belongs to it alone.
Usage: .venv/bin/python experiments/benchmarks/core_benchmark.py [--repeat 3] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from jobfirst_sim.scenario import load_raw
from jobfirst_sim.scenario.loader import apply_overrides, build_scenario
from jobfirst_sim.model.jobcentre import JobcentreModel
from jobfirst_sim.run.simulate import simulate
raw = load_raw("scenarios/jobfirst_trial.yaml")
over = json.loads(sys.argv[1])
scen = build_scenario(apply_overrides(raw, over), "bench")
t_import = time.perf_counter() - t0
t1 = time.perf_counter()
model = JobcentreModel(scen, 1, 0, agents=True)
t_build = time.perf_counter() - t1
t2 = time.perf_counter()
model.run_model()
t_model = time.perf_counter() - t2
t3 = time.perf_counter()
from jobfirst_sim.model.observe import tables as outcomes
outcomes.weekly_table(model); outcomes.outcomes_table(model); outcomes.funnel_table(model)
t_tables = time.perf_counter() - t3
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"citizens": int(model.citizens.n), "weeks": model.total_weeks,
                  "build_s": t_build, "model_s": t_model, "tables_s": t_tables,
                  "import_s": t_import, "total_s": time.perf_counter() - t0,
                  "peak_rss_mib": rss}))
"""

BIG = {
    "arms.jobfirst.citizens.kontanthjaelp": 38_400,
    "arms.jobfirst.citizens.ressourceforloeb": 11_600,
    "arms.control.citizens.kontanthjaelp": 38_400,
    "arms.control.citizens.ressourceforloeb": 11_600,
    "population.intake_weeks": 26,
    "run.weeks_followed": 104,
}


TARGETS = (
    ("trial replication, model time (s)", "trial_model_s_median", 0.5),
    ("100k x 130 weeks, whole run (s)", "big_total_s_median", 10.0),
    ("100k x 130 weeks, peak memory (MiB)", "big_peak_rss_mib_max", 1024.0),
    ("jobfirst --help (s)", "help_s_median", 0.3),
)


def child(overrides: dict) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, json.dumps(overrides)], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def help_time() -> float:
    exe = Path(sys.executable).parent / "jobfirst"
    t = time.perf_counter()
    subprocess.run([str(exe), "--help"], capture_output=True, check=True)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    trial = [child({}) for _ in range(args.repeat)]
    big = [child(BIG) for _ in range(max(1, args.repeat - 1))]
    helps = [help_time() for _ in range(5)]
    result = {
        "trial_citizens": trial[0]["citizens"], "trial_weeks": trial[0]["weeks"],
        "trial_model_s_median": statistics.median(r["model_s"] for r in trial),
        "trial_build_s_median": statistics.median(r["build_s"] for r in trial),
        "big_citizens": big[0]["citizens"], "big_weeks": big[0]["weeks"],
        "big_model_s_median": statistics.median(r["model_s"] for r in big),
        "big_total_s_median": statistics.median(r["total_s"] for r in big),
        "big_peak_rss_mib_max": max(r["peak_rss_mib"] for r in big),
        "help_s_median": statistics.median(helps),
    }
    print(json.dumps(result, indent=2))
    for name, key, target in TARGETS:
        verdict = "within" if result[key] <= target else "OVER"
        print(f"  {name:<44} {result[key]:8.2f}  (target <= {target:g})  {verdict}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
