"""Run a scenario: replications → tables, summary with confidence intervals, manifest.

Why here and not in the model: the model knows one replication (:mod:`.simulate`); this
module runs replications 0..R-1 of one root seed on an executor (:mod:`.executors`:
serially, in worker processes or on Dask -- the same tables either way, since each
replication depends only on its own seed), stacks the tables in replication order,
summarises them with the one interval rule (:mod:`jobfirst_sim.stats`), checks them against
the published trial figures and writes everything through :mod:`jobfirst_sim.io` with the
common manifest (:mod:`.manifest`).

**Parameter uncertainty** (``jobfirst run --uncertainty parameters``; the default stays
``noise``): every replication runs under each member of an ensemble of calibrated
parameter sets (members × replications through the study spine, replication ``r`` with
the same seed under every member). Every table gets a ``member`` column (the member's
position), and the summary's intervals combine the members' spread with each member's
simulation noise (:func:`jobfirst_sim.ensemble_stats.combine`; one member gives exactly
the noise-only t-interval). Under ``noise`` nothing of the tables or the summary changes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import numpy as np
import pandas as pd

from jobfirst_sim.progress import progress_bar
from jobfirst_sim.run.executors import ExecutorName, choose_executor
from jobfirst_sim.run.manifest import config_hash, manifest, resolve_root_seed
from jobfirst_sim.run.simulate import (
    TABLES,
    Replication,
    RunTables,
    simulate,
    simulate_replication,
)
from jobfirst_sim.run.staffing import TASK_COLUMNS, fte_weighted, role_weeks, total_fte
from jobfirst_sim.run.study import Run, StudyRequest, run_study
from jobfirst_sim.run.worlds import merged
from jobfirst_sim.scenario.ensemble import Ensemble
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
                     scheduler: str | None = None,
                     panel_dir: Path | None = None,
                     members: Ensemble | None = None,
                     worlds: Mapping[str, Scenario] | None = None) -> RunTables:
    """Run replications 0..R-1 through the study spine and stack their tables (identical
    on any executor).

    ``worlds`` (arm: its world): the arms are alternatives, each simulated in its own world
    (:mod:`.worlds`; no panel), else the scenario's arms share one world.

    With ``panel`` and ``panel_dir`` the panel is not returned: each replication's part is
    left in ``panel_dir`` (:mod:`.panel_file`), written there by the worker when it shares
    our disk, else spilled from the bytes it returns as soon as they arrive -- so memory
    never holds more than what is in flight. Without ``panel_dir`` the panel is returned
    as one frame (small runs only). With ``members`` every replication runs under each
    member and every table gets a ``member`` column (no panel: its parts are per
    replication).
    """
    from jobfirst_sim import io
    from jobfirst_sim.run.panel_file import part_path

    shares_disk = panel_dir is not None and not scheduler  # a remote cluster does not
    if members is not None and panel:
        raise ValueError("a panel is written per replication; not with an ensemble")
    keep = KeepRun(panel, str(panel_dir) if shares_disk else None)
    request = StudyRequest(replications, seed, workers, executor, scheduler, members)
    with progress_bar(replications * request.member_count * len(worlds or (0,)),
                      f"replications of {scenario.name}",
                      progress) as advance:
        def arrived(run: Run, value: RunTables) -> None:
            advance()
            if panel_dir is not None and value.panel_parquet is not None:
                io.write_bytes(part_path(panel_dir, run.replication), value.panel_parquet)
                value.panel_parquet = None

        if worlds is not None and panel:
            raise ValueError("a panel is written per replication of one world; not with "
                             "alternatives")
        ordered, _ = run_study(request, worlds or {scenario.name: scenario}, keep,
                               on_done=arrived)
    parts = merged(ordered) if worlds is not None else ordered[scenario.name]
    if members is not None:
        parts = [with_member(p, i // replications) for i, p in enumerate(parts)]
    out = RunTables.concat(parts)
    if panel and panel_dir is None:
        out.panel = pd.concat([_frame(t.panel_parquet) for t in ordered[scenario.name]
                               if t.panel_parquet], ignore_index=True)
    return out


@dataclass(frozen=True)
class KeepRun:
    """What ``jobfirst run`` keeps of a replication: every table (and its panel part)."""

    panel: bool = False
    panel_dir: str | None = None

    def __call__(self, run: Run) -> RunTables:
        return simulate_replication(
            Replication(run.scenario, run.replication, run.seed, self.panel, self.panel_dir))


def with_member(tables: RunTables, member: int) -> RunTables:
    """One run's tables with a ``member`` column before ``replication`` (first if none)."""
    out: dict[str, Any] = {}
    for name in TABLES:
        df = getattr(tables, name).copy()
        at = list(df.columns).index("replication") if "replication" in df.columns else 0
        df.insert(at, "member", np.int64(member))
        out[name] = df
    return RunTables(**out)


def _frame(parquet: bytes) -> pd.DataFrame:
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame: pd.DataFrame = pq.read_table(pa.BufferReader(parquet)).to_pandas()
    return frame


# ---------------------------------------------------------------------- summary


def summarise(outcomes: pd.DataFrame, weights: dict[int, float] | None = None
              ) -> dict[str, Any]:
    """Mean and 95 % CI over replications per arm × benefit and per arm × municipality.

    ``weights`` ({member position: weight}, with a ``member`` column in ``outcomes``):
    each cell's interval combines the members' spread and their noise
    (:func:`jobfirst_sim.ensemble_stats.combine`); ``n_replications`` counts every run.
    """
    allm = outcomes[outcomes["municipality"] == "all"]
    allb = outcomes[(outcomes["benefit"] == "all") & (outcomes["municipality"] != "all")]
    if weights is not None:
        from jobfirst_sim.run.ensemble_summary import combined_cells

        return {"arms": combined_cells(allm, "benefit", weights),
                "municipalities": combined_cells(allb, "municipality", weights)}
    return {"arms": _cells(allm, "benefit"), "municipalities": _cells(allb, "municipality")}


def _cells(df: pd.DataFrame, level: str) -> dict[Any, dict[Any, dict[str, Any]]]:
    """``arm -> level -> metric -> interval`` of ``df``'s values over replications.

    Arms come in order of appearance, ``level`` values and metrics sorted (the order of
    nested groupbys, which summary.json has always had). Why one groupby: the trial
    replica has about a thousand arm × municipality × metric cells, and a sub-frame per
    cell cost a twentieth of a second of every ``jobfirst run``; each cell's values are
    taken from the same rows in the same order, so the intervals are the same numbers.
    """
    values = df["value"].to_numpy()
    rank = {arm: i for i, arm in enumerate(df["arm"].dropna().unique())}
    cells = cast("dict[tuple[Any, Any, Any], np.ndarray]",
                 df.groupby(["arm", level, "metric"], sort=False).indices)
    out: dict[Any, dict[Any, dict[str, Any]]] = {}
    for arm, key, metric in sorted(cells, key=lambda k: (rank[k[0]], k[1], k[2])):
        ci = t_interval(values[cells[arm, key, metric]])
        out.setdefault(arm, {}).setdefault(key, {})[str(metric)] = {
            "mean": ci.mean, "ci_low": ci.low, "ci_high": ci.high, "n_replications": ci.n}
    return out


def staffing_summary(staff: pd.DataFrame) -> dict[str, dict[str, dict[str, Any]]]:
    """FTEs, caseload and the week's time use per arm and role, for summary.json.

    FTEs are summed over municipalities (mean over replications); caseload, hours and
    served shares are FTE-weighted means over municipalities and replications — what one
    full-time professional of the role has and does in an average week
    (:mod:`jobfirst_sim.run.staffing`).
    """
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for arm, role, g in role_weeks(staff):
        out.setdefault(arm, {})[role] = {
            "fte": total_fte(g),
            "professionals": total_fte(g, "n_professionals"),
            "citizens_per_fte": fte_weighted(g, "mean_caseload"),
            "net_hours_per_fte": fte_weighted(g, "net_hours_per_fte"),
            "hours_per_fte_week": {k: fte_weighted(g, f"hours_{k}") for k in TASK_COLUMNS},
            "share_of_demand_served": {k: fte_weighted(g, f"served_{k}")
                                       for k in TASK_COLUMNS},
            "unused_hours_per_fte_week": fte_weighted(g, "unused_hours"),
            "company_knowledge": fte_weighted(g, "company_knowledge"),
        }
    return out


def target_check(summary: dict[str, Any], scenario: Scenario) -> list[dict[str, Any]]:
    """Compare the summary with the published trial figures, arm by declared role.

    Only for the trial replica (``run.compare_with_trial``): a what-if scenario's arms are
    not the trial's, so an [OFF] mark there would alarm about nothing.
    """
    from jobfirst_sim.domain import ArmRole
    from jobfirst_sim.targets import TARGETS, within

    if not scenario.run.compare_with_trial:
        return []
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
    members: Ensemble | None = None
    """``--uncertainty parameters``: the ensemble every replication runs under."""
    worlds: Mapping[str, Scenario] | None = None
    """The arms are alternatives: each arm's own world (:func:`run_replications`)."""
    headline: Callable[[pd.DataFrame], dict[str, Any] | None] | None = None
    """The ``headline`` block of summary.json from the outcomes table (built by the decide
    room, as every command's; None or returning None: no block)."""


def run_to_directory(request: RunRequest, out_dir: Path, *, progress: bool = False,
                     overwrite: bool = False, create_parent: bool = False,
                     finish: Callable[[Path], None] | None = None) -> Path:
    """Run and write every output file of docs/outputs.md; return the results folder.

    The output folder is checked before anything is simulated
    (:func:`~jobfirst_sim.run.outputs.check_output_dir`; ``create_parent`` allows making a
    missing parent, for the default ``results/``), every file is built in a temporary
    sibling folder and the folder moves into place only when complete
    (:class:`~jobfirst_sim.run.outputs.ResultsFolder`). ``finish`` is called on the
    temporary folder last (``jobfirst run`` writes ``report.html`` there), so the folder
    appears with everything in it or not at all; if ``finish`` fails, the complete tables
    still move into place and :class:`FinishError` says so.
    """
    from jobfirst_sim import io
    from jobfirst_sim.run.outputs import (
        ResultsFolder,
        check_output_dir,
        file_digests,
        kill_point,
        new_run_id,
    )

    target = check_output_dir(out_dir, overwrite=overwrite, create_parent=create_parent)
    seed = resolve_root_seed(request.seed, request.scenario)
    started = time.time()
    run_id = new_run_id()
    with ResultsFolder(target, overwrite=overwrite) as folder:
        tmp = folder.path
        parts = tmp / "panel-parts" if request.panel else None
        if parts is not None:
            parts.mkdir()
        tables = run_replications(request.scenario, request.replications, seed,
                                  panel=request.panel, workers=request.workers,
                                  progress=progress, executor=request.executor,
                                  scheduler=request.scheduler, panel_dir=parts,
                                  members=request.members, worlds=request.worlds)
        ens = request.members
        summary = summarise(tables.outcomes, None if ens is None else
                            {k: m.weight for k, m in enumerate(ens.members)})
        checks = target_check(summary, request.scenario)
        for name in TABLES:
            io.write_parquet(tmp / f"{name}.parquet", getattr(tables, name))
            kill_point(f"after-{name}")
        if parts is not None:
            _combine_panel(parts, tmp / "panel.parquet", request.replications)
            kill_point("after-panel")
        io.write_json(tmp / "summary.json", {**summary, "targets": checks,
                                             "staffing": staffing_summary(tables.staff),
                                             "scenario": request.scenario.name,
                                             "run_id": run_id, **uncertainty_keys(ens),
                                             **headline_key(request, tables.outcomes)})
        files = ([f"{n}.parquet" for n in TABLES] + (["panel.parquet"] if request.panel else [])
                 + ["summary.json"])
        io.write_json(tmp / "manifest.json", manifest(
            kind="run", root_seed=seed, replications=request.replications,
            config_hash=config_hash(request.scenario), command=request.command,
            started=started, files=[*files, "manifest.json"],
            scenario=request.scenario.model_dump(mode="json"), panel=request.panel,
            workers=request.workers,
            executor=choose_executor(request.executor, request.workers,
                                     request.replications * (len(ens) if ens else 1),
                                     request.scheduler),
            run_id=run_id, file_digests=file_digests(tmp, files), **uncertainty_keys(ens),
        ))
        kill_point("after-manifest")
        finish_error: Exception | None = None
        if finish is not None:
            try:
                finish(tmp)
            except Exception as exc:  # the tables are complete: keep them, then say so
                finish_error = exc
        folder.commit()
    if finish_error is not None:
        raise FinishError(target, finish_error)
    return target


def headline_key(request: RunRequest, outcomes: pd.DataFrame) -> dict[str, Any]:
    """How the arms ran (``arms_mode``) and ``{"headline": block}`` for summary.json (no
    block when there is no answer to give: one arm, or no headline builder)."""
    block = None if request.headline is None else request.headline(outcomes)
    mode = {"arms_mode": "trial" if request.scenario.one_world else "alternatives"}
    return mode if block is None else {**mode, "headline": block}


def uncertainty_keys(members: Ensemble | None) -> dict[str, Any]:
    """What the run's intervals hold, for summary.json and the manifest (``members`` null
    under ``noise``, so a noise run's numbers are what they always were)."""
    return {"uncertainty": "noise" if members is None else "parameters",
            "members": None if members is None else len(members)}


class FinishError(RuntimeError):
    """The run's files are in place but the last step (the report) failed."""

    def __init__(self, folder: Path, cause: Exception) -> None:
        super().__init__(f"the results are complete in {folder}, but the report could not "
                         f"be written ({type(cause).__name__}: {cause}); try "
                         f"jobfirst report {folder}")
        self.folder = folder
        self.cause = cause


def _combine_panel(parts: Path, path: Path, replications: int) -> None:
    """Stream the replications' panel parts, in replication order, into ``path``."""
    import os
    import shutil

    from jobfirst_sim.model.observe.tables import PANEL_COLUMNS
    from jobfirst_sim.run.panel_file import PanelWriter, part_path

    writer = PanelWriter(path)
    for r in range(replications):
        writer.add_part(part_path(parts, r))
    writer.close(empty=pd.DataFrame({col: [] for col in PANEL_COLUMNS}))
    shutil.rmtree(parts)
    with path.open("rb") as fh:
        os.fsync(fh.fileno())
