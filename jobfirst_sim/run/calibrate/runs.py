"""Simulator runs of history matching, through the executor layer, resumable per chunk.

A simulator is any picklable callable ``simulator(params, seed) -> {output: value}``
(a module-level function, or an instance of a module-level class), so it runs serially,
in local processes or on Dask unchanged. Runs go out in chunks (one task each); every
finished chunk is written atomically to ``runs-<chunk>.parquet`` in its stage's folder as
it arrives, so a killed calibration loses at most the chunks in flight, and a restart
runs only the chunks without a file. Results are put back in design order, so they never
depend on the executor or the order of completion.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from jobfirst_sim.io import write_parquet
from jobfirst_sim.progress import progress_bar
from jobfirst_sim.run.executors import Done, Executor

Simulator = Callable[[Mapping[str, float], int], Mapping[str, float]]


@dataclass(frozen=True)
class ChunkTask:
    """Consecutive runs of one stage: their design rows, parameters and seeds."""

    stage: str
    chunk: int
    simulator: Simulator
    rows: tuple[int, ...]
    params: tuple[dict[str, float], ...]
    seeds: tuple[int, ...]
    outputs: tuple[str, ...]

    @property
    def key(self) -> Hashable:
        return (self.stage, self.chunk)


def run_chunk(task: ChunkTask) -> pd.DataFrame:
    """Run one chunk (in a worker): one row per run, ``row``, ``seed`` and every output."""
    records = []
    for row, params, seed in zip(task.rows, task.params, task.seeds, strict=True):
        result = task.simulator(params, seed)
        missing = [o for o in task.outputs if o not in result]
        if missing:
            raise ValueError(f"the simulator returned no {missing} for {params}")
        values = {o: float(result[o]) for o in task.outputs}
        if not all(np.isfinite(v) for v in values.values()):
            raise ValueError(f"the simulator returned a non-finite output for {params}: {values}")
        records.append({"row": row, "seed": seed, **values})
    return pd.DataFrame.from_records(records)


def run_seeds(root: int, stage: int, n: int) -> list[int]:
    """One seed per run of a stage, from the root seed and the stage number only."""
    state = np.random.SeedSequence(root, spawn_key=(stage, 1)).generate_state(n)
    return [int(s) for s in state]


def run_points(runner: Executor, simulator: Simulator, folder: Path, stage: str,
               params: Sequence[dict[str, float]], seeds: Sequence[int],
               outputs: Sequence[str], *, chunk: int, progress: bool = True) -> np.ndarray:
    """Outputs (``n x m``, design order) of every run, reusing finished chunks in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    n = len(params)
    starts = range(0, n, chunk)
    frames: dict[int, pd.DataFrame] = {}
    todo: list[ChunkTask] = []
    for c, start in enumerate(starts):
        path = folder / f"runs-{c:04d}.parquet"
        rows = tuple(range(start, min(n, start + chunk)))
        if path.exists():
            frames[c] = _checked(pd.read_parquet(path), rows, seeds, path)
            continue
        todo.append(ChunkTask(stage, c, simulator, rows, tuple(params[i] for i in rows),
                              tuple(seeds[i] for i in rows), tuple(outputs)))
    with progress_bar(sum(len(t.rows) for t in todo), f"history matching: {stage}",
                      progress) as advance:
        def keep(done: Done[ChunkTask, pd.DataFrame]) -> None:
            assert done.value is not None  # run_all passes only successful tasks
            write_parquet(folder / f"runs-{done.task.chunk:04d}.parquet", done.value)
            frames[done.task.chunk] = done.value
            for _ in done.task.rows:
                advance()

        runner.run_all(run_chunk, todo, on_done=keep)
    table = pd.concat([frames[c] for c in sorted(frames)], ignore_index=True)
    return np.asarray(table[list(outputs)].to_numpy(dtype=float))


def _checked(frame: pd.DataFrame, rows: tuple[int, ...], seeds: Sequence[int],
             path: Path) -> pd.DataFrame:
    """A stored chunk, if it holds exactly the runs this design asks for."""
    if (tuple(frame["row"]) != rows
            or [int(s) for s in frame["seed"]] != [int(seeds[i]) for i in rows]):
        raise ValueError(f"{path} holds other runs than this calibration asks for; "
                         "use a new folder or delete it")
    return frame
