"""Re-measure the validation patterns of docs/model.md §12 (V1–V4) with the shipped defaults.

Why a script: §12 says "repeat after any refit", and the patterns need several runs,
paired comparisons and a per-citizen table. Doing that by hand after each refit is how
the V2 figures went stale. This script runs them all and prints the tables for §12.
The patterns stay *validation*: nothing here feeds back into the fit.

* V1: share of citizens with at least one change of contact person (published ~40 % in
  comparable programmes), plain trial replica.
* V2: a change of caseworker lowers the chance of a job by ~22 %. Tested by intervention:
  the JobFirst arm's staff turnover is varied, paired with the plain run, plus the
  descriptive per-citizen comparison.
* V3: fewer citizens per professional do better [M §6]. Every municipality's JobFirst
  caseload is set to one value, paired with the trial caseloads.
* V4: status at own week 104 (plausibility of exits).

Usage::

    .venv/bin/python experiments/validation/patterns.py                # 20 / 10 replications
    .venv/bin/python experiments/validation/patterns.py --workers 2 --json /tmp/patterns.json

About 2 minutes on 2 workers.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from jobfirst_sim.model.state import STATUS_NAMES
from jobfirst_sim.run.replicate import run_replications
from jobfirst_sim.scenario.loader import load_scenario
from jobfirst_sim.stats import t_interval

REPO = Path(__file__).resolve().parents[2]
SCENARIO = REPO / "scenarios" / "jobfirst_trial.yaml"
SEED = 20160301
TURNOVER = (0.0, 0.35, 0.6)
CASELOADS = (30, 55, 70)
BASE: dict[str, Any] = {}
"""``--set`` overrides under every run (a smaller population for the script's own test)."""


def values(outcomes: pd.DataFrame, metric: str, arm: str, benefit: str = "all") -> np.ndarray:
    """One value per replication (sorted by replication), municipality 'all'."""
    sel = outcomes[
        (outcomes.metric == metric)
        & (outcomes.arm == arm)
        & (outcomes.benefit == benefit)
        & (outcomes.municipality == "all")
    ].sort_values("replication")
    return sel["value"].to_numpy(float)


def ci(x: np.ndarray, scale: float = 1.0, digits: int = 3) -> str:
    mean, lo, hi, _ = t_interval(np.asarray(x, float) * scale)
    return f"{mean:.{digits}f} [{lo:.{digits}f}, {hi:.{digits}f}]"


def paired(variant: np.ndarray, base: np.ndarray) -> str:
    mean, lo, hi, _ = t_interval(variant - base[: len(variant)])
    return f"{mean:+.4f} [{lo:+.4f}, {hi:+.4f}]"


def run(overrides: Mapping[str, Any], reps: int, workers: int) -> pd.DataFrame:
    scenario = load_scenario(SCENARIO, {**BASE, **overrides})
    return run_replications(scenario, reps, SEED, workers=workers).outcomes


def citizen_table(reps: int) -> pd.DataFrame:
    """Per-citizen outcomes of the plain run (the descriptive half of V2)."""
    from jobfirst_sim.model.jobcentre import JobcentreModel
    from jobfirst_sim.model.observe.tables import citizen_frame

    scenario = load_scenario(SCENARIO, BASE)
    parts = []
    for r in range(reps):
        model = JobcentreModel(scenario, SEED, r, agents=False)
        model.run_model()
        parts.append(citizen_frame(model).assign(replication=r))
    return pd.concat(parts, ignore_index=True)


def v1(plain: pd.DataFrame) -> list[str]:
    lines = ["| arm | share changed by week 104 | mean changes |", "|---|---|---|"]
    for arm in ("jobfirst", "control"):
        share = ci(values(plain, "share_contact_changed", arm), 100, 1)
        mean = values(plain, "mean_contact_changes", arm).mean()
        lines.append(f"| {arm} | {share} % | {mean:.2f} |")
    return lines


def v2(plain: pd.DataFrame, reps: int, workers: int) -> list[str]:
    lines = [
        "| JobFirst turnover per year | share changed (JobFirst) | T1 JobFirst, kh "
        "| paired ΔT1 vs 0.2/year | paired Δ `ever_hours_share` "
        "| paired Δ `ever_hours_share_followup` |",
        "|---|---|---|---|---|---|",
    ]
    base = plain[plain.replication < reps]
    rows = {0.2: base}
    for rate in TURNOVER:
        key = "arms.jobfirst.organisation.staff_turnover_per_year"
        rows[rate] = run({key: rate}, reps, workers)
    for rate in sorted(rows):
        out = rows[rate]
        changed = values(out, "share_contact_changed", "jobfirst").mean()
        t1 = values(out, "share_with_hours_w78", "jobfirst", "kontanthjaelp")
        if rate == 0.2:
            cells = ["—", "—", "—"]
        else:
            cells = [
                paired(t1, values(base, "share_with_hours_w78", "jobfirst", "kontanthjaelp")),
                paired(values(out, "ever_hours_share", "jobfirst"),
                       values(base, "ever_hours_share", "jobfirst")),
                paired(values(out, "ever_hours_share_followup", "jobfirst"),
                       values(base, "ever_hours_share_followup", "jobfirst")),
            ]  # fmt: skip
        label = f"{rate:g} (default)" if rate == 0.2 else f"{rate:g}"
        lines.append(f"| {label} | {100 * changed:.1f} % | {t1.mean():.3f} | " + " | ".join(cells)
                     + " |")  # fmt: skip
    return lines


def v2_descriptive(citizens: pd.DataFrame) -> list[str]:
    lines = [
        "| arm | changed | `ever_hours` | `ever_hours_followup` | disability pension or "
        "other exit at the end |",
        "|---|---|---|---|---|",
    ]
    left = citizens.status_end.isin(
        [STATUS_NAMES.index("disability_pension"), STATUS_NAMES.index("other_exit")]
    )
    for arm in ("jobfirst", "control"):
        for changed in (True, False):
            g = citizens[(citizens.arm == arm) & ((citizens.contact_changes > 0) == changed)]
            lines.append(
                f"| {arm} | {'yes' if changed else 'no'} | {100 * g.ever_hours.mean():.1f} % | "
                f"{100 * g.ever_hours_followup.mean():.1f} % | {100 * left[g.index].mean():.1f} % |"
            )
    return lines


def v3(plain: pd.DataFrame, reps: int, workers: int) -> list[str]:
    scenario = load_scenario(SCENARIO, BASE)
    names = [m.name for m in scenario.municipalities]
    lines = [
        "| JobFirst caseload | T1 JobFirst, kh | `ever_hours_share` (T3) "
        "| paired ΔT1 vs trial caseloads | paired Δ `ever_hours_share` | ΔT1 control |",
        "|---|---|---|---|---|---|",
    ]
    base = plain[plain.replication < reps]
    b_t1 = values(base, "share_with_hours_w78", "jobfirst", "kontanthjaelp")
    b_t3 = values(base, "ever_hours_share", "jobfirst")
    b_c1 = values(base, "share_with_hours_w78", "control", "kontanthjaelp")
    for load in CASELOADS:
        out = run({f"municipalities.{m}.caseload.jobfirst": load for m in names}, reps, workers)
        t1 = values(out, "share_with_hours_w78", "jobfirst", "kontanthjaelp")
        t3 = values(out, "ever_hours_share", "jobfirst")
        c1 = values(out, "share_with_hours_w78", "control", "kontanthjaelp")
        lines.append(f"| {load} | {t1.mean():.3f} | {t3.mean():.3f} | {paired(t1, b_t1)} | "
                     f"{paired(t3, b_t3)} | {(c1 - b_c1).mean():+.4f} |")  # fmt: skip
        if load == CASELOADS[0]:
            lines.append(f"| trial (mean 41) | {b_t1.mean():.3f} | {b_t3.mean():.3f} | — | — | — |")
    return lines


def v4(plain: pd.DataFrame) -> list[str]:
    lines = [
        "| status at week 104 | JobFirst | control | JobFirst kh / rf | control kh / rf |",
        "|---|---|---|---|---|",
    ]
    for status in STATUS_NAMES:
        metric = f"share_status_{status}_end"
        cells = []
        for arm in ("jobfirst", "control"):
            cells.append(f"{100 * values(plain, metric, arm).mean():.1f} %")
        for arm in ("jobfirst", "control"):
            kh = values(plain, metric, arm, "kontanthjaelp").mean()
            rf = values(plain, metric, arm, "ressourceforloeb").mean()
            cells.append(f"{100 * kh:.1f} / {100 * rf:.1f} %")
        lines.append(f"| {status.replace('_', ' ')} | " + " | ".join(cells) + " |")
    dp = "share_status_disability_pension_end"
    lines.append("")
    jf, ctl = (ci(values(plain, dp, arm), 100, 1) for arm in ("jobfirst", "control"))
    lines.append(f"Disability pension, 95 % CI: JobFirst {jf} %, control {ctl} %")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=20, help="replications of the plain run")
    ap.add_argument("--variant-reps", type=int, default=10, help="replications per variant")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", type=Path, default=None, help="also write the tables here")
    ap.add_argument("--set", action="append", default=[], metavar="PATH=VALUE",
                    help="scenario override under every run (repeatable)")
    args = ap.parse_args()
    BASE.update(item.split("=", 1) for item in args.set)
    if args.variant_reps > args.reps:
        ap.error("--variant-reps must not exceed --reps (variants pair with the plain run)")

    plain = run({}, args.reps, args.workers)
    sections = {
        f"V1 (plain run, {args.reps} replications)": v1(plain),
        f"V2 (turnover interventions, {args.variant_reps} replications)": v2(
            plain, args.variant_reps, args.workers
        ),
        f"V2 descriptive (per citizen, {args.variant_reps} replications)": v2_descriptive(
            citizen_table(args.variant_reps)
        ),
        f"V3 (caseload interventions, {args.variant_reps} replications)": v3(
            plain, args.variant_reps, args.workers
        ),
        f"V4 (plain run, {args.reps} replications)": v4(plain),
    }
    for title, lines in sections.items():
        print(f"\n### {title}\n")
        print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps(sections, indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")  # fmt: skip


if __name__ == "__main__":
    main()
