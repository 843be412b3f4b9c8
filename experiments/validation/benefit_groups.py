"""The trial's JobFirst difference per benefit group, across the shipped ensemble (issue 22 §3).

Why: in the trial the JobFirst effect for ressourceforløb citizens was small and not
statistically significant, clearly below the effect for kontanthjælp citizens (direction
only; the evaluation gives no number for it). Whether the model reproduces that follows
from its mechanisms — the ressourceforløb pathway (rules/rehabilitation.py), the heavier
barriers — not from a term fitted to it; this script only measures it. Run under every
member of the calibrated ensemble, each group's difference gets an interval that holds
both what the trial leaves open (the members' spread) and simulation noise
(``ensemble_stats.combine``), and the weighted share of members in which JobFirst does
better. Nothing here feeds back into the calibration.

Per benefit group (kontanthjælp, ressourceforløb) and figure:

* ``share_with_hours_w78`` (T1): share with ordinary hours at week 78;
* ``ever_hours_share``: share who had ordinary hours at some point during the project;

the difference JobFirst minus control (paired within a run: the arms share a run), and
the contrast ressourceforløb minus kontanthjælp of that difference (a difference in
differences, also paired within a run).

Usage::

    PYTHONPATH=. .venv/bin/python experiments/validation/benefit_groups.py \\
        [--members 30] [--reps 2] [--workers 2] [--seed 20160301] [--json PATH] \\
        [--set PATH=VALUE ...]

The JSON (default ``benefit_groups.json`` next to this script) is written atomically.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from jobfirst_sim.decide.compare import KeepSide  # noqa: E402
from jobfirst_sim.decide.uncertainty import ensemble_for  # noqa: E402
from jobfirst_sim.ensemble_stats import combine, per_member, probability_better  # noqa: E402
from jobfirst_sim.io import write_json  # noqa: E402
from jobfirst_sim.progress import progress_bar  # noqa: E402
from jobfirst_sim.run.study import Run, StudyRequest, run_study  # noqa: E402
from jobfirst_sim.scenario.loader import load_scenario  # noqa: E402

SCENARIO = REPO / "scenarios" / "jobfirst_trial.yaml"
SEED = 20160301
ARMS = ("jobfirst", "control")
GROUPS = ("kontanthjaelp", "ressourceforloeb")
METRICS = ("share_with_hours_w78", "ever_hours_share")
OUT = Path(__file__).with_name("benefit_groups.json")


def differences(outcomes: pd.DataFrame) -> dict[str, float]:
    """One run's JobFirst − control difference per figure and group, and the contrast
    ressourceforløb − kontanthjælp of each figure's difference."""
    o = outcomes[outcomes.municipality == "all"]
    out: dict[str, float] = {}
    for metric in METRICS:
        for group in GROUPS:
            val = {arm: float(o[(o.metric == metric) & (o.arm == arm)
                                & (o.benefit == group)]["value"].mean()) for arm in ARMS}
            out[f"{metric}|{group}"] = val["jobfirst"] - val["control"]
        out[f"{metric}|rf_minus_kh"] = (out[f"{metric}|ressourceforloeb"]
                                        - out[f"{metric}|kontanthjaelp"])
    return out


def summarise(rows: pd.DataFrame, weights: np.ndarray) -> dict[str, Any]:
    """Per column of ``rows`` (one row per run, a ``member`` column): the ensemble's
    estimate, its interval (parameters + noise), the variance parts and the weighted share
    of members whose mean difference is above 0."""
    members = list(range(len(weights)))
    out: dict[str, Any] = {}
    for col in rows.columns.drop(["member", "replication"]):
        means, var, n = per_member(rows[col].to_numpy(float), rows["member"].to_numpy(),
                                   members)
        got = combine(means[None, :], var[None, :], n[None, :], weights[None, :])
        metric, group = col.split("|")
        out.setdefault(metric, {})[group] = {
            "difference": float(got.estimate[0]),
            "interval_95": [float(got.low[0]), float(got.high[0])],
            "variance_between_members": float(got.between[0]),
            "variance_noise": float(got.noise[0]),
            "probability_above_0": probability_better(means, weights),
            "member_means_p5_p95": [float(np.nanpercentile(means, 5)),
                                    float(np.nanpercentile(means, 95))],
        }
    return out


def report(result: dict[str, Any]) -> str:
    """The summary as lines for the terminal."""
    lines = [f"{result['members']} members x {result['replications']} replications, seed "
             f"{result['seed']} ({result['seconds']} s); interval: parameters + noise"]
    for metric, groups in result["figures"].items():
        lines.append(f"{metric} (JobFirst - control):")
        for group, s in groups.items():
            lo, hi = s["interval_95"]
            what = ("P(JobFirst better)" if group != "rf_minus_kh"
                    else "P(RF effect above KH)")
            lines.append(f"  {group:17s} {s['difference']:+.4f}  [{lo:+.4f}, {hi:+.4f}]  "
                         f"{what} {s['probability_above_0']:.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--members", type=int, default=None,
                    help="first K members of the shipped ensemble (default: 30, or all "
                    "when it has fewer)")
    ap.add_argument("--reps", type=int, default=2, help="replications per member")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--scenario", type=Path, default=SCENARIO)
    ap.add_argument("--set", dest="sets", action="append", default=[], metavar="PATH=VALUE",
                    help="override a scenario field as jobfirst run --set does (repeatable; "
                    "e.g. switch a mechanism off to compare)")
    ap.add_argument("--json", type=Path, default=OUT, help="where the JSON is written")
    ap.add_argument("--no-progress", action="store_true")
    args = ap.parse_args(argv)
    if args.reps < 1:
        ap.error("--reps: at least 1")
    if any("=" not in item for item in args.sets):
        ap.error("--set: write PATH=VALUE, e.g. behaviour.rehabilitation.health_led_share=0")
    overrides = dict(item.split("=", 1) for item in args.sets)
    ensemble = ensemble_for("parameters", args.members)
    assert ensemble is not None
    t0 = time.time()
    rows: list[dict[str, float]] = []
    total = len(ensemble) * args.reps
    with progress_bar(total, "benefit groups: runs", not args.no_progress) as tick:
        def done(run: Run, value: dict[str, pd.DataFrame]) -> None:
            rows.append({"member": run.member, "replication": run.replication,
                         **differences(value["outcomes"])})
            tick()

        request = StudyRequest(args.reps, args.seed, args.workers, members=ensemble)
        _, ran = run_study(request, {"plain": load_scenario(args.scenario, overrides)},
                           KeepSide(ARMS), on_done=done)
    table = pd.DataFrame(rows).sort_values(["member", "replication"])
    weights = np.array([m.weight for m in ensemble.members], float)
    result = {"scenario": str(args.scenario.relative_to(REPO)
                              if args.scenario.is_relative_to(REPO) else args.scenario),
              "overrides": overrides,
              "members": len(ensemble), "replications": args.reps, "seed": args.seed,
              "simulations": ran.simulations, "seconds": round(time.time() - t0, 1),
              "figures": summarise(table, weights)}
    print(report(result))
    write_json(args.json, result)
    print(f"written: {args.json}")


if __name__ == "__main__":
    main()
