"""``run_sweep``: expand an experiment, run what is missing, consolidate, analyse.

The steps, each resumable because every finished run is a file:

1. load and validate the experiment and every design point (fails before any run);
2. check the store (new, or ``resume`` after checking the model fingerprint, numpy version
   and resolved configuration), connect to a ``--scheduler`` -- both before anything is
   written, so a refused resume or a failed connection leaves nothing that blocks a retry --
   then open the store (unfinished run files are deleted, foreign ones refused);
3. the pending runs are all (point, replication) keys without a result file —
   earlier failures included, so ``--resume`` retries exactly those;
4. chunk them, compute on the chosen executor, record each result atomically;
5. rebuild the consolidated tables, the outcome summary and sensitivity indices.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from jobfirst_sim.run.executors import (
    ExecutorName,
    chunk_size_for,
    default_workers,
    open_executor,
)
from jobfirst_sim.run.sweep.analysis import (
    missing_outcomes,
    outcome_values,
    sensitivity,
    summarise,
    write_table,
)
from jobfirst_sim.run.sweep.experiment import LoadedExperiment, load_experiment
from jobfirst_sim.run.sweep.progress import SweepProgress
from jobfirst_sim.run.sweep.store import DERIVED, SweepStore, iter_chunks, run_name
from jobfirst_sim.run.worker import RunChunk, RunTask, SimulateFn, run_chunk_task
from jobfirst_sim.scenario.ensemble import Ensemble


@dataclass
class SweepReport:
    """What a sweep did; ``ok`` is False if any run of the sweep has failed."""

    out: Path
    total: int
    skipped: int
    executed: int
    failed: list[tuple[int, int]] = field(default_factory=list)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    best: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def text(self) -> str:
        """A few lines for the terminal."""
        lines = [
            f"sweep: {self.total} runs, {self.skipped} already done, {self.executed} run now "
            f"in {self.seconds:.1f} s -> {self.out}"
        ]
        if self.failed:
            shown = ", ".join(run_name(*k) for k in self.failed[:10])
            more = f" and {len(self.failed) - 10} more" if len(self.failed) > 10 else ""
            lines.append(
                f"FAILED: {len(self.failed)} run(s): {shown}{more}; tracebacks in "
                f"{self.out / 'failures'}; fix and rerun with --resume"
            )
        lines.extend(self.best)
        lines.extend(f"warning: {w}" for w in self.warnings)
        return "\n".join(lines)


def run_sweep(
    experiment: str | Path | LoadedExperiment,
    out: str | Path,
    *,
    executor: ExecutorName = "process",
    workers: int | None = None,
    scheduler: str | None = None,
    resume: bool = False,
    quiet: bool = True,
    chunk_size: int | None = None,
    simulate: SimulateFn | None = None,
    command: str = "",
    members: Ensemble | None = None,
) -> SweepReport:
    """Run (or resume) a sweep into the directory ``out``; see the module docstring.

    ``simulate`` replaces :func:`jobfirst_sim.run.simulate.simulate` (tests inject faults with
    it; it must be picklable for the process and dask executors). ``members``
    (``--uncertainty parameters``): every design point runs under each member, member-minor
    in the replication slots (:meth:`LoadedExperiment.slot`, docs/sweeps.md).
    Raises :class:`~jobfirst_sim.run.errors.ExperimentError` / ``StoreError`` for
    problems a user can fix; failing runs do not raise, they are in the report.
    """
    t0 = time.perf_counter()
    loaded = experiment if isinstance(experiment, LoadedExperiment) else load_experiment(experiment)
    if members is not None:
        loaded = replace(loaded, members=members)
    if scheduler and executor != "dask":
        executor = "dask"
    workers = 1 if executor == "serial" else (workers or default_workers())
    SweepStore.check(Path(out), loaded, resume=resume)  # refuses before anything is written
    advice: list[str] = []
    bar: SweepProgress | None = None

    def warn(message: str) -> None:
        advice.append(message)
        if bar is not None:
            bar.note(message)

    with open_executor(executor, workers=workers, scheduler=scheduler, warn=warn) as runner:
        if scheduler:
            runner.start()  # a refused connection must not leave a store behind
        store = SweepStore.open(Path(out), loaded, resume=resume, command=command)
        try:
            keys = store.all_keys()
            done = store.finished()
            pending = [k for k in keys if k not in done]
            size = chunk_size or chunk_size_for(len(pending), workers)
            tasks = [RunTask(p, r, *loaded.slot(p, r)) for p, r in pending]
            chunks = [RunChunk(tuple(c), store.root_seed, simulate)
                      for c in iter_chunks(tasks, size)]
            failed: set[tuple[int, int]] = set()
            label = f"{loaded.experiment.name} ({executor})"
            with SweepProgress(len(keys), len(keys) - len(pending), quiet=quiet,
                               label=label) as bar:
                for message in store.notes:
                    bar.note(message)
                for batch in runner.execute(run_chunk_task, chunks) if chunks else ():
                    results = batch.value if batch.value is not None else batch.task.failed(
                        batch.error or "no result"
                    )
                    for res in results:
                        store.record(res)
                        if not res.ok:
                            failed.add(res.key)
                    bar.advance(len(results), failed=sum(not r.ok for r in results))
            bar = None
            runner.close()  # workers are not needed (nor their memory) while consolidating
            return _finish(store, loaded, keys, pending, failed, [*store.notes, *advice], t0)
        finally:
            store.close()


def _finish(store: SweepStore, loaded: LoadedExperiment, keys: list[tuple[int, int]],
            pending: list[tuple[int, int]], failed: set[tuple[int, int]], warnings: list[str],
            t0: float) -> SweepReport:
    """Consolidate, summarise, analyse and write the final manifest (steps 5)."""
    store.consolidate()
    report = SweepReport(
        out=store.root,
        total=len(keys),
        skipped=len(keys) - len(pending),
        executed=len(pending),
        failed=sorted((failed | (store.failed() & set(keys))) - store.finished()),
        warnings=warnings,
    )
    derived: set[str] = set()
    values = outcome_values(store.root, loaded)
    if len(values):
        summary = summarise(values, loaded)
        write_table(summary, store.root, "summary")
        derived.add("summary")
        report.best = best_points(summary, loaded)
        missing = missing_outcomes(values, loaded)
        if missing:
            report.warnings.append(
                f"declared outcome(s) {missing} matched no rows of outcomes.parquet "
                "(check metric, arm, benefit and municipality names)"
            )
        if not report.failed:
            sens = sensitivity(values, loaded, seed=store.root_seed % 2**32)
            if sens is not None:
                write_table(sens, store.root, "sensitivity")
                derived.add("sensitivity")
    store.remove_tables(set(DERIVED) - derived)  # must not outlive the runs they came from
    report.seconds = time.perf_counter() - t0
    store.write_manifest(
        status="complete" if report.ok else "failed runs",
        extra={"n_finished": len(store.finished() & set(keys)), "n_failed": len(report.failed)},
    )
    return report


def best_points(summary: pd.DataFrame, loaded: LoadedExperiment) -> list[str]:
    """One line per outcome with a direction: the design point with the best mean.

    Why in the report: it is the first thing a manager asks; the full table is in
    ``summary.csv``. Overlapping intervals are the reader's cue that the ranking is weak.
    """
    lines = []
    for name, spec in loaded.experiment.outcomes.items():
        rows = summary[(summary.outcome == name) & summary["mean"].notna()]
        if spec.direction == "info" or rows.empty:
            continue
        means = rows["mean"].to_numpy(dtype=float)  # first best row, as idxmax/idxmin
        pick = np.argmax(means) if spec.direction == "maximize" else np.argmin(means)
        best = rows.iloc[int(pick)]
        point = int(best["point"])
        values = ", ".join(
            f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}"
            for k, v in loaded.points[point].values.items()
        )
        lines.append(
            f"best {name} ({spec.direction}): point {point} ({values}): {best['mean']:.4g} "
            f"[{best['ci_low']:.4g}, {best['ci_high']:.4g}]"
        )
    return lines
