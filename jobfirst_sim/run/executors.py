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

Why the local cluster is configured (:data:`LOCAL_CLUSTER_CONFIG`): with Dask's defaults a
trial-replica run took 0.59 s on a Dask worker against 0.46 s in a process pool on the
2-core development machine. Most of it is ``MALLOC_TRIM_THRESHOLD_``, which Dask's nanny
sets to 64 KiB in every worker so that long-lived workers hand freed memory back to the
operating system: setting it at all switches off glibc's adaptive mmap threshold, so every
temporary array above 128 KiB is mapped and unmapped afresh (serially, 0.54 s against
0.45 s per run with and without the variable). A run needs tens of MiB, so there is no
memory to win back. The rest is the worker's statistical profiler (a stack sample every
10 ms, only useful on the dashboard, which the local cluster does not start) and its
event-loop and memory checks every 20 and 100 ms; both take the GIL from the run. Workers
of an external cluster are checked for the variable and the sweep warns
(docs/sweeps.md shows how to start them without it).
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import traceback
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from typing import Any, Literal

from jobfirst_sim.run.errors import StoreError
from jobfirst_sim.run.worker import RunResult, RunTask, SimulateFn, run_chunk
from jobfirst_sim.versions import package_versions

ExecutorName = Literal["serial", "process", "dask"]
EXECUTORS: tuple[str, ...] = ("serial", "process", "dask")
CHECKED_PACKAGES = ("jobfirst_sim", "numpy", "mesa", "pandas", "pyarrow", "scipy")
SLOW_WORKER_ENV = ("MALLOC_TRIM_THRESHOLD_",)
"""Environment variables that Dask's nanny sets by default and that slow the model down."""

LOCAL_CLUSTER_CONFIG: dict[str, object] = {
    # None removes the variable from the nanny's pre-spawn environment (module docstring)
    **{f"distributed.nanny.pre-spawn-environ.{name}": None for name in SLOW_WORKER_ENV},
    # no dashboard, so no one would look at the profiles
    "distributed.worker.profile.enabled": False,
    # health and memory checks: still done, but once a second instead of 50 and 10 times
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}
"""Dask settings for the loopback cluster; they change speed only, never results."""


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
    warn: Callable[[str], None] | None = None,
) -> Iterator[list[RunResult]]:
    """Compute ``chunks`` and yield each chunk's results as it finishes.

    ``warn`` receives advice that does not stop the sweep (slowly configured workers).
    """
    workers = workers or default_workers()
    if executor == "serial":
        for chunk in chunks:
            yield run_chunk(chunk, root_seed, simulate)
    elif executor == "process":
        yield from _execute_process(chunks, root_seed, workers, simulate)
    elif executor == "dask":
        yield from _execute_dask(chunks, root_seed, workers, scheduler, simulate, warn)
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
    warn: Callable[[str], None] | None = None,
) -> Iterator[list[RunResult]]:
    from distributed import Client, as_completed

    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except OSError as exc:
            raise StoreError(
                scheduler, "", f"cannot connect to the Dask scheduler: {exc}"
            ) from None
    else:
        cluster = local_cluster(workers)
        client = Client(cluster)
    try:
        client.wait_for_workers(1, timeout=60)
        check_worker_versions(client)
        for message in worker_environment_warnings(client):
            if warn is not None:
                warn(message)
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


@contextmanager
def _restored_environ() -> Iterator[None]:
    """Undo what Dask's nanny writes into *this* process's ``os.environ``.

    The nanny exports its pre-spawn variables (OMP_NUM_THREADS=1, PYTHONHASHSEED, ...)
    into the parent before spawning a worker; without this, a process pool started later
    in the same Python session would inherit them.
    """
    saved = dict(os.environ)
    try:
        yield
    finally:
        for key in set(os.environ) - set(saved):
            del os.environ[key]
        os.environ.update(saved)


def local_cluster(workers: int) -> Any:
    """A loopback ``LocalCluster``: ``workers`` processes, one thread each, no dashboard,
    configured by :data:`LOCAL_CLUSTER_CONFIG` (see the module docstring).

    The nanny hands its configuration to the worker processes it spawns, so the settings
    reach the workers although ``dask.config.set`` is undone on return.
    """
    import dask
    from distributed import LocalCluster

    with dask.config.set(LOCAL_CLUSTER_CONFIG), _restored_environ():
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
            silence_logs=logging.ERROR,
        )


def _worker_environment() -> dict[str, str]:
    return {k: os.environ[k] for k in SLOW_WORKER_ENV if k in os.environ}


def worker_environment_warnings(client: Any) -> list[str]:
    """Advice for each slow setting found on the workers (none for our local cluster)."""
    found: dict[str, dict[str, str]] = client.run(_worker_environment)
    hits = sorted({(k, v) for env in found.values() for k, v in env.items()})
    return [
        f"Dask workers run with {k}={v} (Dask's default for nanny-started workers), which "
        "makes each run about 20 % slower; start the workers with the configuration in "
        "experiments/dask-config (DASK_CONFIG=experiments/dask-config dask worker ...), "
        "see docs/sweeps.md"
        for k, v in hits
    ]


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
