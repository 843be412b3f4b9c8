"""The directions of the validation patterns across the calibrated ensemble (issue 21).

Why: a pattern the shipped defaults reproduce (docs/model.md §12) might hold only at that
one point. Run under every member of the ensemble, each pattern's direction either holds
across what the trial leaves open -- then it follows from the mechanisms -- or it does
not, and the docs must say so. Nothing here feeds back into the calibration.

Per member (one replication per design by default, every design on the same seeds, so
within a member the comparisons are paired):

* **V1**: more citizens change contact person in the normal effort (BUM) than in JobFirst
  (``share_contact_changed``, control minus JobFirst > 0);
* **V2**: a higher staff turnover in JobFirst (0.6 a year against the plain run's) lowers
  T1 JobFirst (ΔT1 < 0);
* **V3**: fewer citizens per professional do better: JobFirst caseload 30 against 70 in
  every municipality (ΔT1 > 0);
* and the trial's effect itself, T1 JobFirst minus control (> 0).

Usage::

    .venv/bin/python experiments/validation/ensemble_directions.py --workers 2 \\
        [--members 150] [--reps 1] [--json experiments/calibration/validation_directions.json]

With ``--json`` the result is also written into ``experiments/calibration/calibration.json``
(key ``validation_directions``), next to the calibration's other diagnostics.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from jobfirst_sim.decide.compare import KeepSide  # noqa: E402
from jobfirst_sim.run.study import StudyRequest, run_study  # noqa: E402
from jobfirst_sim.scenario.ensemble import shipped_ensemble  # noqa: E402
from jobfirst_sim.scenario.loader import load_scenario  # noqa: E402

SCENARIO = REPO / "scenarios" / "jobfirst_trial.yaml"
SEED = 20160301
TURNOVER = 0.6
CASELOADS = (30, 70)


def designs() -> dict[str, Any]:
    plain = load_scenario(SCENARIO)
    names = [m.name for m in plain.municipalities]
    out = {"plain": plain,
           "turnover": load_scenario(SCENARIO, {
               "arms.jobfirst.organisation.staff_turnover_per_year": TURNOVER})}
    for load in CASELOADS:
        out[f"caseload_{load}"] = load_scenario(
            SCENARIO, {f"municipalities.{m}.caseload.jobfirst": load for m in names})
    return out


def value(tables: dict[str, pd.DataFrame], metric: str, arm: str, benefit: str = "all"
          ) -> float:
    o = tables["outcomes"]
    sel = o[(o.metric == metric) & (o.arm == arm) & (o.benefit == benefit)
            & (o.municipality == "all")]
    return float(sel["value"].mean())


def per_member(got: dict[str, list[dict[str, pd.DataFrame]]], members: int, reps: int
               ) -> pd.DataFrame:
    rows = []
    for k in range(members):
        def mean(design: str, metric: str, arm: str, benefit: str = "all",
                 k: int = k) -> float:
            return float(np.mean([value(got[design][k * reps + r], metric, arm, benefit)
                                  for r in range(reps)]))

        t1 = ("share_with_hours_w78", "jobfirst", "kontanthjaelp")
        rows.append({
            "member": k,
            "V1_changed_control_minus_jobfirst": (
                mean("plain", "share_contact_changed", "control")
                - mean("plain", "share_contact_changed", "jobfirst")),
            "V2_dT1_turnover": mean("turnover", *t1) - mean("plain", *t1),
            "V3_dT1_caseload_30_vs_70": (mean(f"caseload_{CASELOADS[0]}", *t1)
                                        - mean(f"caseload_{CASELOADS[1]}", *t1)),
            "effect_T1": (mean("plain", *t1)
                          - mean("plain", "share_with_hours_w78", "control", "kontanthjaelp")),
        })
    return pd.DataFrame(rows)


EXPECTED = {"V1_changed_control_minus_jobfirst": 1, "V2_dT1_turnover": -1,
            "V3_dT1_caseload_30_vs_70": 1, "effect_T1": 1}
"""The direction each pattern has in the literature (+1: above 0, -1: below 0)."""


def summary(table: pd.DataFrame, weights: np.ndarray) -> dict[str, Any]:
    out = {}
    for col, sign in EXPECTED.items():
        v = table[col].to_numpy(float)
        out[col] = {"expected_sign": sign,
                    "share_of_members_in_expected_direction": float(
                        (weights * (np.sign(v) == sign)).sum()),
                    "median": float(np.median(v)),
                    "p5_p95": [float(np.percentile(v, 5)), float(np.percentile(v, 95))]}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--members", type=int, default=None)
    ap.add_argument("--reps", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    ensemble = shipped_ensemble()
    if args.members:
        ensemble = ensemble.first(args.members)
    t0 = time.time()
    request = StudyRequest(args.reps, SEED, args.workers, members=ensemble)
    got, ran = run_study(request, designs(), KeepSide(("jobfirst", "control")))
    table = per_member(got, len(ensemble), args.reps)
    weights = np.array([m.weight for m in ensemble.members])
    result = {"members": len(ensemble), "replications": args.reps, "seed": SEED,
              "simulations": ran.simulations, "seconds": round(time.time() - t0, 1),
              "patterns": summary(table, weights)}
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        diagnostics_path = REPO / "experiments" / "calibration" / "calibration.json"
        diagnostics = json.loads(diagnostics_path.read_text(encoding="utf-8"))
        diagnostics["validation_directions"] = result
        diagnostics_path.write_text(json.dumps(diagnostics, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
