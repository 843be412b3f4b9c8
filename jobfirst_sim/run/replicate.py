"""Run a scenario: replications → tables, summary with confidence intervals, manifest.

Why here and not in the model: the model knows one replication; the runner derives the
replication seeds from one root seed, runs them serially or in worker processes (same
results either way: each replication depends only on its own seed), concatenates the
tables in replication order, and writes them (through ``io``) with the metadata needed to
reproduce them.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import platform
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from jobfirst_sim.progress import progress_bar
from jobfirst_sim.scenario.schema import Scenario
from jobfirst_sim.versions import package_versions

TABLES = ("weekly", "outcomes", "funnel", "staff", "companies", "journeys")


@dataclass
class RunTables:
    """The tables of one or more replications (docs/outputs.md)."""

    weekly: pd.DataFrame
    outcomes: pd.DataFrame
    funnel: pd.DataFrame
    staff: pd.DataFrame
    companies: pd.DataFrame
    journeys: pd.DataFrame
    panel: pd.DataFrame | None = None

    @staticmethod
    def concat(parts: list[RunTables]) -> RunTables:
        """Stack replications (in the given order)."""
        out = {}
        for f in fields(RunTables):
            frames = [getattr(p, f.name) for p in parts if getattr(p, f.name) is not None]
            out[f.name] = pd.concat(frames, ignore_index=True) if frames else None
        return RunTables(**out)


def simulate(scenario: Scenario, replication: int, root_seed: int, *, panel: bool = False,
             journeys_per_arm: int = 10, agents: bool = True) -> RunTables:
    """Run one replication of a scenario and return its tables.

    All randomness derives from ``SeedSequence(root_seed, spawn_key=(replication, ...))``;
    the design is not part of the key, so designs compared with the same seed meet the same
    citizens, companies and draws (common random numbers).
    """
    from jobfirst_sim.model import tables as outcomes
    from jobfirst_sim.model.jobcentre import JobcentreModel

    model = JobcentreModel(scenario, root_seed, replication, panel=panel,
                           journeys_per_arm=journeys_per_arm, agents=agents)
    model.run_model()
    rec = model.recorder
    return RunTables(
        weekly=outcomes.weekly_table(model),
        outcomes=outcomes.outcomes_table(model),
        funnel=outcomes.funnel_table(model),
        staff=outcomes.staff_table(model),
        companies=outcomes.companies_table(model),
        journeys=outcomes.panel_frame(model, rec.journey_rows),
        panel=outcomes.panel_frame(model, rec.rows) if panel else None,
    )


def _simulate_args(args: tuple[Scenario, int, int, bool]) -> RunTables:
    scenario, rep, seed, panel = args
    return simulate(scenario, rep, seed, panel=panel)


def draw_root_seed() -> int:
    """A fresh root seed from OS entropy (reported in the manifest so it can be reused)."""
    return int(np.random.SeedSequence().generate_state(1, np.uint64)[0] >> np.uint64(1))


def run_replications(scenario: Scenario, replications: int, seed: int, *, panel: bool = False,
                     workers: int = 1, progress: bool = False) -> RunTables:
    """Run replications 0..R-1 and stack their tables (identical for any ``workers``)."""
    jobs = [(scenario, r, seed, panel) for r in range(replications)]
    results: list[RunTables] = []
    with progress_bar(replications, f"replications of {scenario.name}", progress) as advance:
        if workers <= 1 or replications == 1:
            for job in jobs:
                results.append(_simulate_args(job))
                advance()
        else:
            ctx = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
                for res in pool.map(_simulate_args, jobs):
                    results.append(res)
                    advance()
    return RunTables.concat(results)


# ---------------------------------------------------------------------- summary


def confidence_interval(values: np.ndarray, level: float = 0.95) -> tuple[float, float, float]:
    """Mean and two-sided t-interval over replications (NaNs dropped)."""
    from scipy import stats

    v = np.asarray(values, float)
    v = v[~np.isnan(v)]
    if v.size == 0:
        return (float("nan"),) * 3
    mean = float(v.mean())
    if v.size < 2:
        return mean, float("nan"), float("nan")
    half = float(stats.t.ppf(0.5 + level / 2, v.size - 1) * v.std(ddof=1) / np.sqrt(v.size))
    return mean, mean - half, mean + half


def summarise(outcomes: pd.DataFrame) -> dict[str, Any]:
    """Mean and 95 % CI over replications per arm × benefit and per arm × municipality."""
    def cell(df: pd.DataFrame) -> dict[str, Any]:
        out = {}
        for metric, g in df.groupby("metric", sort=True):
            mean, lo, hi = confidence_interval(g["value"].to_numpy())
            out[str(metric)] = {"mean": mean, "ci_low": lo, "ci_high": hi,
                                "n_replications": int(g["value"].notna().sum())}
        return out

    allm = outcomes[outcomes["municipality"] == "all"]
    by_group = {
        arm: {benefit: cell(g2) for benefit, g2 in g.groupby("benefit", sort=True)}
        for arm, g in allm.groupby("arm", sort=False)
    }
    allb = outcomes[(outcomes["benefit"] == "all") & (outcomes["municipality"] != "all")]
    by_muni = {
        arm: {muni: cell(g2) for muni, g2 in g.groupby("municipality", sort=True)}
        for arm, g in allb.groupby("arm", sort=False)
    }
    return {"arms": by_group, "municipalities": by_muni}


def target_check(summary: dict[str, Any], scenario: Scenario) -> list[dict[str, Any]]:
    """Compare the summary with the published trial figures, arm by declared role."""
    from jobfirst_sim.scenario.schema import ArmRole
    from jobfirst_sim.targets import TARGETS, within

    rows = []
    for t in TARGETS:
        arm = scenario.arm_with_role(ArmRole(t.role))
        if arm is None:
            continue
        cell = summary["arms"].get(arm.name, {}).get(t.benefit, {}).get(t.metric)
        if cell is None:
            continue
        rows.append({"id": t.id, "metric": t.metric, "arm": arm.name, "benefit": t.benefit,
                     "target": t.value, "tolerance": t.tolerance, "model": cell["mean"],
                     "ci_low": cell["ci_low"], "ci_high": cell["ci_high"],
                     "within": bool(within(t, cell["mean"])), "text": t.text})
    return rows


# ---------------------------------------------------------------------- manifest and files


def config_hash(scenario: Scenario) -> str:
    """SHA-256 of the resolved scenario (canonical JSON)."""
    text = json.dumps(scenario.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def versions() -> dict[str, str]:
    """Versions that can change results (numpy streams are version-specific)."""
    return {**package_versions(("jobfirst_sim", "numpy", "mesa", "pandas", "pyarrow")),
            "python": platform.python_version(), "platform": platform.platform()}


@dataclass
class RunRequest:
    """What ``jobfirst run`` was asked to do."""

    scenario: Scenario
    replications: int
    seed: int | None = None
    panel: bool = False
    workers: int = 1
    command: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def run_to_directory(request: RunRequest, out_dir: Path, *, progress: bool = False) -> str:
    """Run and write every output file of docs/outputs.md; return a short text summary."""
    from jobfirst_sim import io

    seed = request.seed if request.seed is not None else draw_root_seed()
    started = time.time()
    tables = run_replications(request.scenario, request.replications, seed,
                              panel=request.panel, workers=request.workers, progress=progress)
    summary = summarise(tables.outcomes)
    checks = target_check(summary, request.scenario)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        io.write_parquet(out_dir / f"{name}.parquet", getattr(tables, name))
    if tables.panel is not None:
        io.write_parquet(out_dir / "panel.parquet", tables.panel)
    io.write_json(out_dir / "summary.json", {**summary, "targets": checks,
                                             "scenario": request.scenario.name})
    io.write_json(out_dir / "manifest.json", {
        "scenario": request.scenario.model_dump(mode="json"),
        "config_hash": config_hash(request.scenario),
        "root_seed": seed,
        "replications": request.replications,
        "replication_seeds": [{"replication": r, "entropy": seed, "spawn_key": [r]}
                              for r in range(request.replications)],
        "versions": versions(),
        "panel": request.panel,
        "workers": request.workers,
        "command": request.command,
        "started": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(started)),
        "seconds": round(time.time() - started, 3),
        "files": sorted([f"{n}.parquet" for n in TABLES]
                        + (["panel.parquet"] if request.panel else [])
                        + ["summary.json", "manifest.json"]),
    })
    return format_summary(summary, checks, seed, out_dir)


def format_summary(summary: dict[str, Any], checks: list[dict[str, Any]], seed: int,
                   out_dir: Path) -> str:
    """Plain-text summary for the terminal."""
    lines = [f"root seed {seed}; results in {out_dir}"]
    key = ("share_with_hours_w78", "mean_wage_hours_w78", "ever_hours_share",
           "placement13_share", "mean_caseload")
    for arm, groups in summary["arms"].items():
        g = groups.get("kontanthjaelp", groups.get("all", {}))
        a = groups.get("all", {})
        parts = []
        for k in key:
            src = g if k in ("share_with_hours_w78", "mean_wage_hours_w78") else a
            if k in src and src[k]["mean"] == src[k]["mean"]:
                parts.append(f"{k}={src[k]['mean']:.3g}")
        lines.append(f"  {arm}: " + ", ".join(parts))
    if checks:
        lines.append("trial targets (model mean vs published):")
        for c in checks:
            mark = "ok " if c["within"] else "OFF"
            lines.append(f"  [{mark}] {c['id']:<3} {c['arm']:<9} {c['benefit']:<14} "
                         f"{c['metric']:<29} model {c['model']:.3f} "
                         f"[{c['ci_low']:.3f}, {c['ci_high']:.3f}]  target {c['target']:.3f}")
    return "\n".join(lines)
