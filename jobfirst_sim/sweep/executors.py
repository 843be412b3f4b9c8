"""Executors: where chunks of runs are computed — serially, in local processes, or on Dask.

All three take the same chunks and yield the same :class:`RunResult` objects as chunks
finish (in completion order; the store does not care about order). Results never depend
on the executor because every run's randomness comes from the root seed and the
replication only.

* ``serial``  — in this process; simplest to debug, and what tests use to inject faults.
* ``process`` — :class:`concurrent.futures.ProcessPoolExecutor` with an explicit ``spawn``
  context (Mesa 3.3 sets the global start method at import; we never rely on it).
* ``dask``    — a ``distributed.LocalCluster`` on loopback, or an existing cluster given
  by ``--scheduler tcp://host:port``. Worker versions of jobfirst_sim, numpy, mesa, pandas
  and pyarrow are compared with ours at connect; a mismatch stops the sweep.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import traceback
import uuid
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, Literal

from jobfirst_sim.sweep.errors import StoreError
from jobfirst_sim.sweep.worker import RunResult, RunTask, SimulateFn, run_chunk
from jobfirst_sim.versions import package_versions

ExecutorName = Literal["serial", "process", "dask"]
EXECUTORS: tuple[str, ...] = ("serial", "process", "dask")
CHECKED_PACKAGES = ("jobfirst_sim", "numpy", "mesa", "pandas", "pyarrow", "scipy")


def default_workers() -> int:
    """All local cores (the issue's default)."""
    return os.cpu_count() or 1


def chunk_size_for(n_runs: int, workers: int, max_size: int = 10) -> int:
    """Runs per chunk: about four chunks per worker, at most ``max_size`` runs.

    Why: one scheduler round-trip per chunk keeps overhead small, while several chunks per
    worker keep the load balanced and a kill loses at most one chunk per worker.
    """
    return max(1, min(max_size, math.ceil(n_runs / max(1, workers * 4))))


def _failed_chunk(chunk: list[RunTask], error: str) -> list[RunResult]:
    return [RunResult(t.point, t.replication, None, error, 0.0) for t in chunk]


def execute(
    chunks: list[list[RunTask]],
    *,
    root_seed: int,
    executor: ExecutorName = "process",
    workers: int | None = None,
    scheduler: str | None = None,
    simulate: SimulateFn | None = None,
) -> Iterator[list[RunResult]]:
    """Compute ``chunks`` and yield each chunk's results as it finishes."""
    workers = workers or default_workers()
    if executor == "serial":
        for chunk in chunks:
            yield run_chunk(chunk, root_seed, simulate)
    elif executor == "process":
        yield from _execute_process(chunks, root_seed, workers, simulate)
    elif executor == "dask":
        yield from _execute_dask(chunks, root_seed, workers, scheduler, simulate)
    else:
        raise ValueError(f"unknown executor {executor!r}; choose one of {EXECUTORS}")


def _execute_process(
    chunks: list[list[RunTask]], root_seed: int, workers: int, simulate: SimulateFn | None
) -> Iterator[list[RunResult]]:
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=min(workers, max(1, len(chunks))), mp_context=ctx)
    try:
        pending: dict[Future[list[RunResult]], list[RunTask]] = {
            pool.submit(run_chunk, chunk, root_seed, simulate): chunk for chunk in chunks
        }
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                chunk = pending.pop(fut)
                try:
                    yield fut.result()
                except Exception:  # a worker died (BrokenProcessPool) or could not unpickle
                    yield _failed_chunk(chunk, traceback.format_exc())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _execute_dask(
    chunks: list[list[RunTask]],
    root_seed: int,
    workers: int,
    scheduler: str | None,
    simulate: SimulateFn | None,
) -> Iterator[list[RunResult]]:
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except OSError as exc:
            raise StoreError(
                scheduler, "", f"cannot connect to the Dask scheduler: {exc}"
            ) from None
    else:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    try:
        client.wait_for_workers(1, timeout=60)
        check_worker_versions(client)
        tag = uuid.uuid4().hex[:8]
        futures = {
            client.submit(
                run_chunk, chunk, root_seed, simulate, key=f"jobfirst-runs-{tag}-{i}", pure=False
            ): chunk
            for i, chunk in enumerate(chunks)
        }
        for fut in as_completed(list(futures)):
            chunk = futures.pop(fut)
            try:
                yield fut.result()
            except Exception:  # KilledWorker, lost connection, unpicklable result
                yield _failed_chunk(chunk, traceback.format_exc())
            fut.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _local_versions() -> dict[str, str]:
    return package_versions(CHECKED_PACKAGES)


def check_worker_versions(client: Any) -> None:
    """Fail clearly if any Dask worker runs other versions of what determines results.

    Dask's own ``get_versions(check=True)`` covers dask/distributed/msgpack; the model's
    results also depend on jobfirst_sim, numpy (random streams), mesa, pandas and pyarrow.
    """
    try:
        client.get_versions(check=True)
    except ValueError as exc:
        raise StoreError(
            "dask", "", f"Dask version mismatch between client and workers: {exc}"
        ) from None
    ours = _local_versions()
    theirs: dict[str, dict[str, str]] = client.run(_local_versions)
    problems = [
        f"worker {w}: {pkg} {v.get(pkg)} (here {ours[pkg]})"
        for w, v in sorted(theirs.items())
        for pkg in CHECKED_PACKAGES
        if v.get(pkg) != ours[pkg]
    ]
    if problems:
        raise StoreError(
            "dask",
            "",
            "workers run other versions; install the same environment on every "
            "worker:\n  " + "\n  ".join(problems),
        )
