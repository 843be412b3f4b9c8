"""Run a scenario: replications → tables, summary with confidence intervals, manifest.

Why here and not in the model: the model knows one replication (:mod:`.simulate`); this
module runs replications 0..R-1 of one root seed on an executor (:mod:`.executors`:
serially, in worker processes or on Dask -- the same tables either way, since each
replication depends only on its own seed), stacks the tables in replication order,
summarises them with the one interval rule (:mod:`jobfirst_sim.stats`), checks them against
the published trial figures and writes everything through :mod:`jobfirst_sim.io` with the
common manifest (:mod:`.manifest`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from jobfirst_sim.progress import progress_bar
from jobfirst_sim.run.executors import ExecutorName, choose_executor, run_all
from jobfirst_sim.run.manifest import config_hash, manifest, resolve_root_seed
from jobfirst_sim.run.simulate import (
    TABLES,
    Replication,
    RunTables,
    simulate,
    simulate_replication,
)
from jobfirst_sim.scenario.schema import Scenario
from jobfirst_sim.stats import t_interval

__all__ = [
    "TABLES",
    "RunRequest",
    "RunTables",
    "choose_executor",
    "run_replications",
    "run_to_directory",
    "simulate",
    "summarise",
    "target_check",
]


def run_replications(scenario: Scenario, replications: int, seed: int, *, panel: bool = False,
                     workers: int = 1, progress: bool = False,
                     executor: ExecutorName | None = None,
                     scheduler: str | None = None) -> RunTables:
    """Run replications 0..R-1 and stack their tables (identical on any executor)."""
    tasks = [Replication(scenario, r, seed, panel) for r in range(replications)]
    chosen = choose_executor(executor, workers, replications, scheduler)
    with progress_bar(replications, f"replications of {scenario.name}", progress) as advance:
        results = run_all(simulate_replication, tasks, executor=chosen, workers=workers,
                          scheduler=scheduler, on_done=lambda _: advance())
    return RunTables.concat([results[r] for r in range(replications)])


# ---------------------------------------------------------------------- summary


def summarise(outcomes: pd.DataFrame) -> dict[str, Any]:
    """Mean and 95 % CI over replications per arm × benefit and per arm × municipality."""
    def cell(df: pd.DataFrame) -> dict[str, Any]:
        out = {}
        for metric, g in df.groupby("metric", sort=True):
            ci = t_interval(g["value"].to_numpy())
            out[str(metric)] = {"mean": ci.mean, "ci_low": ci.low, "ci_high": ci.high,
                                "n_replications": ci.n}
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


# ---------------------------------------------------------------------- files


@dataclass
class RunRequest:
    """What ``jobfirst run`` was asked to do (``seed`` None: the scenario's, else drawn)."""

    scenario: Scenario
    replications: int
    seed: int | None = None
    panel: bool = False
    workers: int = 1
    command: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    executor: ExecutorName | None = None
    scheduler: str | None = None


def run_to_directory(request: RunRequest, out_dir: Path, *, progress: bool = False) -> str:
    """Run and write every output file of docs/outputs.md; return a short text summary."""
    from jobfirst_sim import io

    seed = resolve_root_seed(request.seed, request.scenario)
    started = time.time()
    tables = run_replications(request.scenario, request.replications, seed,
                              panel=request.panel, workers=request.workers, progress=progress,
                              executor=request.executor, scheduler=request.scheduler)
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
    files = ([f"{n}.parquet" for n in TABLES] + (["panel.parquet"] if request.panel else [])
             + ["summary.json", "manifest.json"])
    io.write_json(out_dir / "manifest.json", manifest(
        kind="run", root_seed=seed, replications=request.replications,
        config_hash=config_hash(request.scenario), command=request.command, started=started,
        files=files, scenario=request.scenario.model_dump(mode="json"), panel=request.panel,
        workers=request.workers,
        executor=choose_executor(request.executor, request.workers, request.replications,
                                 request.scheduler),
    ))
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
