"""Print docs/model.md §11's calibration tables from the shipped calibration.

    .venv/bin/python experiments/calibration/tables.py

Reads ``experiments/calibration/calibration.json`` (the diagnostics with the
representative member), ``jobfirst_sim/scenario/data/ensemble.csv`` (the members) and,
if present, ``experiments/calibration/validation_directions.json``
(experiments/validation/ensemble_directions.py). Why a script: the tables must be the
diagnostics' numbers, not a copy that drifts after the next calibration.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from jobfirst_sim.scenario.priors import calibrated_priors  # noqa: E402

HERE = ROOT / "experiments" / "calibration"
ENSEMBLE = ROOT / "jobfirst_sim" / "scenario" / "data" / "ensemble.csv"


def g(x: float, digits: int = 3) -> str:
    return f"{x:.{digits}g}"


def waves(d: dict[str, Any]) -> list[str]:
    s = d["settings"]
    lines = ["| wave | runs (training + held out) | not ruled out, share of the prior | "
             "held-out runs within 2 / 3 emulator sd | stopped because |", "|---|---|---|---|---|"]
    for w in d["waves"]:
        v = w["validation"]
        n_valid = v["n"]
        lines.append(f"| {w['wave']} | {s['design_size']} + {n_valid} | "
                     f"{100 * w['non_implausible_share_of_prior']:.3g} % | "
                     f"{100 * v['within_2sd']:.0f} % / {100 * v['within_3sd']:.0f} % | "
                     f"{w['stop_reason'] or '—'} |")
    return lines


def priors_table(d: dict[str, Any], ens: pd.DataFrame) -> list[str]:
    rep = d["representative"]["defaults"]
    lines = ["| parameter | prior (scale) | ensemble 5–95 % | median | share of the prior's "
             "range the ensemble's 5–95 % spans | shipped default |", "|---|---|---|---|---|---|"]
    for row in calibrated_priors():
        v = ens[row.path].to_numpy(float)
        lo, med, hi = np.percentile(v, [5, 50, 95])
        if row.scale == "log":
            span = (np.log(hi) - np.log(lo)) / (np.log(row.high) - np.log(row.low))
        else:
            span = (hi - lo) / (row.high - row.low)
        neutral = f", neutral {g(row.neutral)}" if row.neutral is not None else ""
        tag = " [C]" if row.fitted else ""
        lines.append(f"| `{row.path.removeprefix('behaviour.')}`{tag} | {g(row.low)}–{g(row.high)} "
                     f"({row.scale}{neutral}) | {g(lo)}–{g(hi)} | {g(med)} | {100 * span:.0f} % "
                     f"| {g(rep[row.path], 4)} |")
    return lines


def targets_table(d: dict[str, Any], ens: pd.DataFrame) -> list[str]:
    rep = d["representative"]["outputs"]
    lines = ["| figure | published | sd: published (sampling + rounding) / discrepancy | "
             "ensemble 5–50–95 % (one confirming run each) | representative member |",
             "|---|---|---|---|---|"]
    for name, t in d["targets"].items():
        v = ens[name].to_numpy(float)
        p5, p50, p95 = np.percentile(v, [5, 50, 95])
        bound = "> " if name.startswith("T4b") else ""
        lines.append(f"| {name} | {bound}{g(t['observed'])} | {g(t['obs_var'] ** .5, 2)} / "
                     f"{g(t['disc_var'] ** .5, 2)} | {g(p5)} – {g(p50)} – {g(p95)} | "
                     f"{g(rep[name])} |")
    return lines


def ridges_table(d: dict[str, Any]) -> list[str]:
    lines = ["| parameter | parameter | rank correlation across the ensemble |", "|---|---|---|"]
    for r in d["ridges"][:6]:
        lines.append(f"| `{r['a'].removeprefix('behaviour.')}` | "
                     f"`{r['b'].removeprefix('behaviour.')}` | {r['rank_correlation']:+.2f} |")
    return lines


def directions_table() -> list[str]:
    path = HERE / "validation_directions.json"
    if not path.exists():
        return ["(experiments/calibration/validation_directions.json not yet measured)"]
    d = json.loads(path.read_text("utf-8"))
    lines = [f"{d['members']} members × {d['replications']} replication(s), seed {d['seed']}:",
             "", "| pattern | expected direction | members in that direction | median | "
             "5–95 % across members |", "|---|---|---|---|---|"]
    for name, p in d["patterns"].items():
        sign = "> 0" if p["expected_sign"] > 0 else "< 0"
        share = 100 * p["share_of_members_in_expected_direction"]
        lines.append(f"| {name} | {sign} | {share:.0f} % | {p['median']:+.3f} | "
                     f"{p['p5_p95'][0]:+.3f} to {p['p5_p95'][1]:+.3f} |")
    return lines


def main() -> None:
    d = json.loads((HERE / "calibration.json").read_text("utf-8"))
    ens = pd.read_csv(ENSEMBLE)
    for title, lines in (("Waves", waves(d)), ("Priors against the ensemble", priors_table(d, ens)),
                         ("Targets across the ensemble", targets_table(d, ens)),
                         ("Ridges", ridges_table(d)),
                         ("Validation patterns across the ensemble", directions_table())):
        print(f"### {title}\n")
        print("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
