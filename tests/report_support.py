"""Helpers for the report tests (no tests here): a synthetic run directory and a real one.

Why both: the synthetic directory is cheap, exact and lets tests break one file at a time
(missing, corrupt, missing columns); the real run (made once per test session with the
lead's runner on a small trial scenario) proves the report works on what the model
really writes. The real run is cached per process so all report tests share one.
"""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ARMS = ("jobfirst", "control")
BENEFITS = ("kontanthjaelp", "ressourceforloeb")
MUNIS = ("København", "Aarhus", "Lolland")
STATUSES = ("full_support", "partial_support", "self_sufficient", "flexjob",
            "disability_pension", "other_exit")


def as_go(fig: Any) -> Any:
    """A figure function's plain-data figure, checked and opened as a plotly ``Figure``.

    Checks that it is plain JSON-ready data (what the report writes and Dash sends) and
    that plotly's own schema accepts every property (``go.Figure`` validates a dict and
    raises on a misspelt or misplaced one, the check the graph objects made while
    building); returns the validated ``go.Figure`` for attribute access in tests.
    """
    import plotly.graph_objects as go

    assert isinstance(fig, dict) and set(fig) == {"data", "layout"}, type(fig)
    json.dumps(fig, allow_nan=False)
    return go.Figure(fig)


def numbers(v: Any) -> np.ndarray:
    """A trace array as floats: a plain list (``None`` as NaN) or plotly's typed-array spec
    (how a plain-data figure carries an array with NaN)."""
    import base64

    if isinstance(v, dict) and "bdata" in v:
        arr = np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"]))
        shape = tuple(int(n) for n in str(v.get("shape", arr.size)).split(","))
        return arr.astype(float).reshape(shape)
    return np.array([[np.nan if x is None else x for x in r] if isinstance(r, list | tuple)
                     else (np.nan if r is None else r) for r in v], dtype=float)


def make_fake_run(root: Path, reps: int = 3, weeks: int = 104, panel: bool = False,
                  seed: int = 7) -> Path:
    """Write a small run directory with every documented table and plausible numbers."""
    rng = np.random.default_rng(seed)
    root.mkdir(parents=True, exist_ok=True)
    wk = np.arange(weeks + 1)
    weekly, outcomes, funnel, staff, comp, journeys = [], [], [], [], [], []
    for r in range(reps):
        for ai, arm in enumerate(ARMS):
            lift = 1.0 if arm == "jobfirst" else 0.65
            for bi, ben in enumerate(BENEFITS):
                base = (0.2 if bi == 0 else 0.12) * lift
                share = base * (1 - np.exp(-wk / 40)) + rng.normal(0, 0.01, wk.size)
                share = np.clip(share, 0, 1)
                sup = 1 - share
                weekly.append(pd.DataFrame({
                    "replication": r, "arm": arm, "benefit": ben, "week": wk,
                    "n": 100 - bi * 40, "share_wage_hours": share,
                    "mean_wage_hours": share * 22, "mean_wage_hours_if_any": np.where(
                        share > 0, 22 + rng.normal(0, 1, wk.size), np.nan),
                    "share_in_placement": 0.4 * lift * np.exp(-((wk - 30) / 40) ** 2),
                    "share_full_support": sup * 0.8, "share_partial_support": share * 0.7,
                    "share_self_sufficient": share * 0.2, "share_flexjob": sup * 0.1,
                    "share_disability_pension": sup * 0.05,
                    "share_other_exit": 1 - sup * 0.95 - share * 0.9,
                    "mean_self_efficacy": 0.4 + 0.1 * lift * wk / weeks,
                    "mean_mental_health": 0.5 + 0.05 * lift * wk / weeks,
                    "mean_trust": 0.5 + 0.2 * lift * (1 - np.exp(-wk / 20)),
                    "mean_capacity": 5 + 8 * lift * wk / weeks,
                    "share_contacted": 0.6 * lift, "share_contact_changed_ever": 0.3 * wk / weeks,
                }))
                for mi, muni in enumerate((*MUNIS, "all")):
                    vals = {"share_with_hours_w78": base * (1 + 0.1 * mi) + rng.normal(0, .01),
                            "mean_wage_hours_w78": base * 22, "ever_hours_share": base * 1.3,
                            "placement13_share": 0.6 * lift, "placement13_with_hours_share": 0.35,
                            "mean_caseload": 41 if arm == "jobfirst" else 50,
                            "n_citizens": 100,
                            **{f"share_status_{s}_end": v for s, v in zip(
                                STATUSES, (0.6, 0.15, 0.1, 0.07, 0.05, 0.03), strict=True)}}
                    outcomes += [{"replication": r, "arm": arm, "benefit": ben,
                                  "municipality": muni, "metric": k, "value": v}
                                 for k, v in vals.items()]
                stages = ("cv", "placement", "agreement", "hours", "rising")
                for order, stage in enumerate(stages, 1):
                    funnel.append({"replication": r, "arm": arm, "benefit": ben, "stage": stage,
                                   "order": order, "reached_share": lift * 0.95 ** (order * 3),
                                   "mean_weeks_to_reach": order * 8.0,
                                   "mean_weeks_stalled": order * 4.0 + rng.normal(0, .5),
                                   "stalled_share": 0.1 * order})
            for muni in MUNIS:
                for role in (("jobformidler", "caseworker") if arm == "jobfirst"
                             else ("caseworker", "consultant", "mentor")):
                    staff.append({"replication": r, "arm": arm, "municipality": muni,
                                  "role": role, "n_professionals": 3,
                                  "mean_caseload": 41 + rng.normal(0, 2) if arm == "jobfirst"
                                  else 55, "contact_hours_per_citizen_week": 1.2 * lift,
                                  "handovers_per_100_citizens": 5 / lift})
            for sector in ("Detail", "Industri", "Pleje", "Transport"):
                for task in ("simple", "medium", "demanding"):
                    pl = int(rng.integers(5, 30))
                    comp.append({"replication": r, "arm": arm, "sector": sector,
                                 "task_level": task, "companies": 4, "placements": pl,
                                 "placements_completed13": pl // 2,
                                 "conversions": int(pl * 0.2 * lift),
                                 "wage_hours_end": float(pl * 2)})
            for c in range(6):
                cid = ai * 1000 + c
                start_p, start_h = int(rng.integers(2, 20)), int(rng.integers(20, 70))
                hours = np.where(wk >= start_h, np.minimum(4 + (wk - start_h) * 0.2, 20), 0.0)
                inp = (wk >= start_p) & (wk < start_p + 26)
                status = np.where(hours > 15, "self_sufficient",
                                  np.where(hours > 0, "partial_support", "full_support"))
                journeys.append(pd.DataFrame({
                    "replication": r, "arm": arm, "municipality": MUNIS[c % 3],
                    "citizen_id": cid, "benefit": BENEFITS[c % 2],
                    "gender": "F" if c % 2 else "M", "age": 31 + 5 * c, "week": wk,
                    "wage_hours": hours, "placement_hours": np.where(inp, 10.0, 0.0),
                    "in_placement": inp, "placement_purpose": np.where(inp, "hours", ""),
                    "status": status, "self_efficacy": 0.4 + 0.003 * wk,
                    "mental_health": 0.5 + 0.001 * wk,
                    "contact_changes": (wk > 50).astype(int), "trust": 0.6,
                    "capacity": 5 + 0.1 * wk, "stage": np.where(hours > 0, "hours", "placement"),
                    "company_sector": np.where(inp, "Detail", ""),
                }))
    pd.concat(weekly).to_parquet(root / "weekly.parquet", index=False)
    pd.DataFrame(outcomes).to_parquet(root / "outcomes.parquet", index=False)
    pd.DataFrame(funnel).to_parquet(root / "funnel.parquet", index=False)
    pd.DataFrame(staff).to_parquet(root / "staff.parquet", index=False)
    pd.DataFrame(comp).to_parquet(root / "companies.parquet", index=False)
    j = pd.concat(journeys)
    j.to_parquet(root / "journeys.parquet", index=False)
    if panel:
        j.to_parquet(root / "panel.parquet", index=False)
    manifest = {"scenario": {"name": "fake", "description": "synthetic test run",
                             "arms": [{"name": "jobfirst", "role": "treatment",
                                       "design": {"name": "jobfirst"}},
                                      {"name": "control", "role": "control",
                                       "design": {"name": "normal_effort"}}]},
                "config_hash": "abc123", "root_seed": seed, "replications": reps,
                "versions": {"jobfirst_sim": "test"}}
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (root / "summary.json").write_text("{}", encoding="utf-8")
    return root


@cache
def real_run_dir() -> Path:
    """A real small run written by the lead's runner, made once per test process."""
    from jobfirst_sim.run.replicate import RunRequest, run_to_directory
    from jobfirst_sim.scenario.loader import apply_overrides, build_scenario, load_raw

    root = Path(__file__).resolve().parents[1]
    raw = load_raw(root / "scenarios" / "jobfirst_trial.yaml")
    raw = apply_overrides(raw, {
        "arms.jobfirst.citizens.kontanthjaelp": 150, "arms.jobfirst.citizens.ressourceforloeb": 50,
        "arms.control.citizens.kontanthjaelp": 150, "arms.control.citizens.ressourceforloeb": 50,
    })
    scen = build_scenario(raw, "small trial for report tests")
    tmp = Path(tempfile.mkdtemp(prefix="jobfirst-report-test-"))
    atexit.register(shutil.rmtree, tmp, True)
    out = tmp / "run"
    request = RunRequest(scenario=scen, replications=3, seed=11, panel=True, workers=1,
                         command="tests")
    run_to_directory(request, out, progress=False)
    return out


_FACTORIAL = """
name: tiny_factorial
description: 2 x 2 factorial for the report tests
scenario: {scenario}
constants:
  municipalities:
    - {{name: Jobcenter, weight: 1, labour_demand: 1.0}}
    - {{name: Byen, weight: 1, labour_demand: 0.9}}
  arms:
    - {{name: jobfirst, design: jobfirst, citizens: {{kontanthjaelp: 50, ressourceforloeb: 20}}}}
    - {{name: control, design: normal_effort,
       citizens: {{kontanthjaelp: 50, ressourceforloeb: 20}}}}
levers:
  arms.jobfirst.organisation.caseload:
    values: [30, 55]
  arms.jobfirst.practice.cv_at_start:
    values: [false, true]
outcomes:
  t1_effect: {{metric: share_with_hours_w78, arm: jobfirst, minus_arm: control,
              direction: maximize}}
  t2_jobfirst: {{metric: mean_wage_hours_w78, arm: jobfirst, direction: maximize}}
replications: 2
seed: 5
design:
  type: full_factorial
"""

_MORRIS = """
name: tiny_morris
description: Morris screening for the report tests
scenario: {scenario}
constants:
  municipalities:
    - {{name: Jobcenter, weight: 1, labour_demand: 1.0}}
  arms:
    - {{name: jobfirst, design: jobfirst, citizens: {{kontanthjaelp: 50, ressourceforloeb: 20}}}}
levers:
  arms.jobfirst.organisation.caseload:
    range: {{low: 25, high: 70}}
  arms.jobfirst.organisation.hours_per_contact:
    range: {{low: 0.4, high: 1.2}}
outcomes:
  t1_jobfirst: {{metric: share_with_hours_w78, arm: jobfirst, direction: maximize}}
replications: 1
seed: 3
design:
  type: morris
  n: 2
"""


@cache
def real_sweep_dirs() -> dict[str, Path]:
    """Two tiny real sweeps (a factorial and a Morris screening), made once per process."""
    from jobfirst_sim.run.sweep import run_sweep

    root = Path(__file__).resolve().parents[1]
    scenario = root / "scenarios" / "jobfirst_trial.yaml"
    tmp = Path(tempfile.mkdtemp(prefix="jobfirst-sweep-test-"))
    atexit.register(shutil.rmtree, tmp, True)
    out = {}
    for name, text in (("factorial", _FACTORIAL), ("morris", _MORRIS)):
        yml = tmp / f"{name}.yaml"
        yml.write_text(text.format(scenario=scenario), encoding="utf-8")
        run_sweep(yml, tmp / name, executor="serial", quiet=True)
        out[name] = tmp / name
    return out


def make_fake_sweep(root: Path, points: int = 250, reps: int = 4, weeks: int = 104,
                    seed: int = 3) -> Path:
    """A sweep directory of ``points × reps`` runs in the store's consolidated layout
    (docs/sweeps.md), big enough to check the app and report stay responsive."""
    rng = np.random.default_rng(seed)
    root.mkdir(parents=True, exist_ok=True)
    caseload = rng.uniform(25, 70, points)
    per_contact = rng.uniform(0.4, 1.2, points)
    keys = pd.DataFrame([(p, r) for p in range(points) for r in range(reps)],
                        columns=["point", "replication"])
    exp = keys.assign(**{"arms.jobfirst.organisation.caseload": caseload[keys.point],
                         "arms.jobfirst.organisation.hours_per_contact": per_contact[keys.point],
                         "status": "ok"})
    exp.to_parquet(root / "experiments.parquet", index=False)
    val = 0.3 - 0.003 * caseload[keys.point] - 0.05 * per_contact[keys.point] \
        + rng.normal(0, 0.02, len(keys))
    out = keys.assign(arm="jobfirst", benefit="all", municipality="all",
                      metric="share_with_hours_w78", value=val)
    out.to_parquet(root / "outcomes.parquet", index=False)
    summ = out.groupby("point")["value"].agg(["mean", "std", "count"]).reset_index()
    summ = summ.rename(columns={"std": "sd", "count": "n"}).assign(
        outcome="t1_jobfirst", direction="maximize")
    summ["ci_low"], summ["ci_high"] = summ["mean"] - 0.02, summ["mean"] + 0.02
    summ = summ.merge(exp.drop_duplicates("point").drop(columns=["replication", "status"]),
                      on="point")
    summ.to_parquet(root / "summary.parquet", index=False)
    wk = np.arange(weeks + 1)
    n = len(keys) * 2 * wk.size
    weekly = pd.DataFrame({
        "point": np.repeat(keys.point.to_numpy(), 2 * wk.size).astype("int32"),
        "replication": np.repeat(keys.replication.to_numpy(), 2 * wk.size).astype("int32"),
        "arm": "jobfirst",
        "benefit": np.tile(np.repeat(["kontanthjaelp", "ressourceforloeb"], wk.size), len(keys)),
        "week": np.tile(wk, 2 * len(keys)), "n": 50,
        "share_wage_hours": rng.uniform(0, 0.3, n), "mean_wage_hours": rng.uniform(0, 5, n)})
    weekly.to_parquet(root / "weekly.parquet", index=False, row_group_size=20_000)
    manifest = {"experiment": "fake_lhs", "replications": reps,
                "design": {"type": "latin_hypercube"},
                "outcomes": {"t1_jobfirst": {"metric": "share_with_hours_w78", "arm": "jobfirst",
                                             "benefit": "all", "municipality": "all",
                                             "minus_arm": None, "direction": "maximize"}}}
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return root


def older_run_copy(dst: Path) -> Path:
    """A copy of the real run as a run written before run ids: its manifest has no
    ``run_id`` and no ``file_digests``, so only what is readable is checked (a damaged
    copy of a *new* run is refused as "not one complete run" instead)."""
    shutil.copytree(real_run_dir(), dst)
    manifest = json.loads((dst / "manifest.json").read_text(encoding="utf-8"))
    del manifest["run_id"], manifest["file_digests"]
    (dst / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return dst
