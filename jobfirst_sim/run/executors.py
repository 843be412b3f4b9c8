"""Executors: the only place that starts workers -- serially, in local processes, or on Dask.

Every multi-run job (the study spine, :mod:`.study`, behind run, compare, explain, pilot
and the workshop; and the sweep's chunks) hands :func:`execute` a module-level function
and a list of picklable task objects, each with a ``key``; results
come back as :class:`Done` objects, in completion order, each carrying its task. Callers
put them in key order, so a result never depends on the executor, the number of workers
or the order of completion: every run's randomness comes from its root seed and
replication only. :func:`open_executor` holds workers for a job of several batches;
:func:`execute` and :func:`run_all` (every task must succeed) are one-batch shortcuts.

* ``serial``  -- in this process; simplest to debug, and what tests use to inject faults.
* ``process`` -- :class:`concurrent.futures.ProcessPoolExecutor` with an explicit ``spawn``
  context (Mesa 3.3 sets the global start method at import; we never rely on it; fork after
  numpy/pyarrow threads have started can deadlock).
* ``dask``    -- a ``distributed.LocalCluster`` on loopback, or an existing cluster given
  by ``--scheduler tcp://host:port``. Worker versions of the packages that determine
  results (:data:`jobfirst_sim.versions.RESULT_PACKAGES`) are compared with ours at
  connect; a mismatch stops the job.

A task that raises, or whose worker dies, is reported as a :class:`Done` with the
traceback as text (``error``); the other tasks go on.

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
of an external cluster are checked for the variable and the job warns
(docs/sweeps.md shows how to start them without it).
"""

from __future__ import annotations

import contextlib
import logging
import math
import multiprocessing
import os
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Generator, Hashable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, Literal, Protocol, TypeVar

from jobfirst_sim.run.errors import StoreError
from jobfirst_sim.versions import RESULT_PACKAGES, package_versions

ExecutorName = Literal["serial", "process", "dask"]
EXECUTORS: tuple[str, ...] = ("serial", "process", "dask")
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


class Task(Protocol):
    """What :func:`execute` needs of a task: a key that names it among its job's tasks."""

    @property
    def key(self) -> Hashable: ...


T = TypeVar("T", bound=Task)
R = TypeVar("R")


@dataclass(frozen=True)
class Done(Generic[T, R]):
    """One finished task: its ``value``, or the ``error`` traceback (text) if it failed.

    ``exception`` is the exception object itself, kept only by the serial executor (it does
    not cross process boundaries), so :func:`run_all` can re-raise it unchanged.
    """

    task: T
    value: R | None
    error: str | None = None
    exception: BaseException | None = None

    @property
    def key(self) -> Hashable:
        return self.task.key

    @property
    def ok(self) -> bool:
        return self.error is None


class TaskFailed(RuntimeError):
    """A task of a job that needs every task failed in a worker (its traceback inside)."""

    def __init__(self, key: Hashable, error: str) -> None:
        super().__init__(f"task {key!r} failed in a worker:\n{error}")
        self.key = key
        self.error = error


def default_workers() -> int:
    """All local cores (the sweep's default)."""
    return os.cpu_count() or 1


def chunk_size_for(n_runs: int, workers: int, max_size: int = 10) -> int:
    """Runs per chunk: about four chunks per worker, at most ``max_size`` runs.

    Why: one scheduler round-trip per chunk keeps overhead small, while several chunks per
    worker keep the load balanced and a kill loses at most one chunk per worker.
    """
    return max(1, min(max_size, math.ceil(n_runs / max(1, workers * 4))))


def choose_executor(executor: ExecutorName | None, workers: int, tasks: int,
                    scheduler: str | None = None) -> ExecutorName:
    """Dask if a scheduler is given, else the executor asked for, else in-process for one
    worker or one task, else processes.

    Why in-process by default for one worker: starting even one spawned worker costs a
    second of imports, which would double the time of a one-replication run.
    """
    if scheduler:
        return "dask"
    if executor is not None:
        return executor
    return "serial" if workers <= 1 or tasks <= 1 else "process"


class Executor:
    """Workers held open for one job, which may submit several batches of tasks.

    Why a session: ``explain`` runs two phases (the second depends on the first) and later
    jobs will run more; starting the process pool or the Dask cluster once per job, not
    once per batch, saves seconds per batch. Use :func:`open_executor`.
    """

    def __init__(self, executor: ExecutorName, workers: int, scheduler: str | None = None,
                 warn: Callable[[str], None] | None = None) -> None:
        if executor not in EXECUTORS:
            raise ValueError(f"unknown executor {executor!r}; choose one of {EXECUTORS}")
        self.name: ExecutorName = executor
        self.workers = workers
        self.scheduler = scheduler
        self.warn = warn
        self._pool: ProcessPoolExecutor | None = None
        self._client: Any = None
        self._cluster: Any = None

    def start(self) -> None:
        """Connect to Dask now rather than at the first batch (no-op for other executors).

        Why: a job that writes a results folder connects first, so that a scheduler that
        cannot be reached stops it before anything is written.
        """
        if self.name == "dask":
            self._connect()

    def execute(self, fn: Callable[[T], R], tasks: Sequence[T]
                ) -> Generator[Done[T, R], None, None]:
        """Compute ``fn(task)`` for every task; yield each :class:`Done` as it finishes.

        ``fn`` must be a module-level function and the tasks picklable (for ``process``
        and ``dask``). Closing the iterator early (``contextlib.closing``) cancels the
        batch's queued tasks.
        """
        if self.name == "serial":
            return _execute_serial(fn, tasks)
        if self.name == "process":
            return self._execute_process(fn, tasks)
        return self._execute_dask(fn, tasks)

    def run_all(self, fn: Callable[[T], R], tasks: Sequence[T], *,
                on_done: Callable[[Done[T, R]], None] | None = None) -> dict[Hashable, R]:
        """Run every task and return ``{task.key: value}``.

        ``on_done`` sees each result as it arrives (progress, early checks); an exception
        it raises stops the batch. Raises the task's own exception (serial) or
        :class:`TaskFailed` at the first failed task; the rest are cancelled.
        """
        out: dict[Hashable, R] = {}
        with contextlib.closing(self.execute(fn, tasks)) as results:
            for done in results:
                if done.exception is not None:
                    raise done.exception
                if done.error is not None:
                    raise TaskFailed(done.key, done.error)
                out[done.key] = done.value  # type: ignore[assignment]  # set when ok
                if on_done is not None:
                    on_done(done)
        return out

    def close(self) -> None:
        """Stop the workers (queued tasks are cancelled)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def _execute_process(self, fn: Callable[[T], R], tasks: Sequence[T]
                         ) -> Generator[Done[T, R], None, None]:
        if self._pool is None:
            ctx = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                max_workers=min(self.workers, max(1, len(tasks))), mp_context=ctx,
                initializer=watch_parent, initargs=(os.getpid(),))
        pending: dict[Future[R], T] = {self._pool.submit(fn, task): task for task in tasks}
        try:
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    task = pending.pop(fut)
                    try:
                        value = fut.result()
                    except Exception:  # the task raised, a worker died (BrokenProcessPool)
                        yield Done(task, None, traceback.format_exc())
                        continue
                    yield Done(task, value)
        finally:
            for fut in pending:  # left when the caller stopped early
                fut.cancel()

    def _connect(self) -> Any:
        """The Dask client: checked once per session (versions, slow settings)."""
        if self._client is not None:
            return self._client
        from distributed import Client

        if self.scheduler:
            try:
                client = Client(self.scheduler, timeout="20s")  # type: ignore[no-untyped-call]
            except OSError as exc:
                raise StoreError(
                    self.scheduler, "", f"cannot connect to the Dask scheduler: {exc}"
                ) from None
        else:
            self._cluster = local_cluster(self.workers)
            client = Client(self._cluster)  # type: ignore[no-untyped-call]
        self._client = client
        client.wait_for_workers(1, timeout=60)
        if self._cluster is not None:  # our own worker processes: they end when we do
            client.register_plugin(_watch_parent_plugin(), name="jobfirst-watch-parent")
        check_worker_versions(client)
        for message in worker_environment_warnings(client):
            if self.warn is not None:
                self.warn(message)
        return client

    def _execute_dask(self, fn: Callable[[T], R], tasks: Sequence[T]
                      ) -> Generator[Done[T, R], None, None]:
        from distributed import as_completed

        client = self._connect()
        tag = uuid.uuid4().hex[:8]
        futures = {
            client.submit(fn, task, key=f"jobfirst-{tag}-{i}", pure=False): task
            for i, task in enumerate(tasks)
        }
        try:
            for fut in as_completed(list(futures)):  # type: ignore[no-untyped-call]
                task = futures.pop(fut)
                try:
                    value = fut.result()
                except Exception:  # the task raised, KilledWorker, lost connection, ...
                    yield Done(task, None, traceback.format_exc())
                else:
                    yield Done(task, value)
                fut.release()
        finally:
            for fut in futures:  # left when the caller stopped early
                fut.cancel()


@contextmanager
def open_executor(executor: ExecutorName = "process", *, workers: int | None = None,
                  scheduler: str | None = None, warn: Callable[[str], None] | None = None
                  ) -> Iterator[Executor]:
    """An :class:`Executor` for one job; its workers stop when the block ends.

    ``workers`` defaults to all local cores; ``warn`` receives advice that does not stop
    the job (slowly configured Dask workers).
    """
    runner = Executor(executor, workers or default_workers(), scheduler, warn)
    try:
        yield runner
    finally:
        runner.close()


def execute(
    fn: Callable[[T], R],
    tasks: Sequence[T],
    *,
    executor: ExecutorName = "process",
    workers: int | None = None,
    scheduler: str | None = None,
    warn: Callable[[str], None] | None = None,
) -> Generator[Done[T, R], None, None]:
    """One batch on its own executor: :meth:`Executor.execute` inside :func:`open_executor`."""
    with open_executor(executor, workers=workers, scheduler=scheduler, warn=warn) as runner:
        yield from runner.execute(fn, tasks)


def run_all(
    fn: Callable[[T], R],
    tasks: Sequence[T],
    *,
    executor: ExecutorName = "process",
    workers: int | None = None,
    scheduler: str | None = None,
    warn: Callable[[str], None] | None = None,
    on_done: Callable[[Done[T, R]], None] | None = None,
) -> dict[Hashable, R]:
    """One batch that needs every task: :meth:`Executor.run_all` on its own executor."""
    with open_executor(executor, workers=workers, scheduler=scheduler, warn=warn) as runner:
        return runner.run_all(fn, tasks, on_done=on_done)


PARENT_POLL_SECONDS = 0.5
"""How often a worker checks that the process that started it is still alive."""


def watch_parent(parent: int) -> None:
    """Exit this worker process as soon as ``parent`` is no longer its parent.

    Why: when the job's main process is killed (SIGKILL, the OOM killer) its process-pool
    workers would otherwise wait for tasks forever, ~200 MB each, with the resource tracker
    beside them. A daemon thread polls :func:`os.getppid` (portable, unlike Linux's
    ``PR_SET_PDEATHSIG``, which also fires when the *thread* that started the worker ends)
    and calls :func:`os._exit`. The resource tracker ends by itself once every process
    holding its pipe (the main process and the workers) is gone. Used as the process pool's
    initializer; it changes nothing in what the worker computes.
    """
    if os.getppid() != parent:  # the parent died before we started
        os._exit(1)

    def poll() -> None:
        while True:
            time.sleep(PARENT_POLL_SECONDS)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=poll, name="jobfirst-watch-parent", daemon=True).start()


def _watch_own_parent() -> None:
    """:func:`watch_parent` for the process's current parent: run on the workers of our
    local cluster, whose nannies live in the job's process, so the parent is the job.
    (Never on nannies: here they run inside the job itself.)"""
    if not any(t.name == "jobfirst-watch-parent" for t in threading.enumerate()):
        watch_parent(os.getppid())


def _watch_parent_plugin() -> Any:
    """A Dask worker plugin that starts :func:`_watch_own_parent` on every worker of the
    local cluster, including workers the nanny restarts later (built here so that Dask is
    imported only by jobs that use it; Dask pickles the class by value)."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class WatchParent(WorkerPlugin):
        idempotent = True

        def setup(self, worker: Any) -> None:
            _watch_own_parent()

    return WatchParent()


def _execute_serial(fn: Callable[[T], R], tasks: Sequence[T]) -> Generator[Done[T, R], None, None]:
    for task in tasks:
        try:
            value = fn(task)
        except Exception as exc:
            yield Done(task, None, traceback.format_exc(), exc)
            continue
        yield Done(task, value)


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

    The scheduler's HTTP routes (health, metrics; no dashboard without bokeh) listen on a
    free loopback port: with ``dashboard_address=None`` they still try port 8787, and a
    second cluster at the same time (two runs, or the test suite on two cores) then gets
    a "Port 8787 is already in use" warning and another port.

    The nanny hands its configuration to the worker processes it spawns, so the settings
    reach the workers although ``dask.config.set`` is undone on return.
    """
    import dask
    from distributed import LocalCluster

    with dask.config.set(LOCAL_CLUSTER_CONFIG), _restored_environ():
        return LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address="127.0.0.1:0",
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
    return package_versions(RESULT_PACKAGES)


def check_worker_versions(client: Any) -> None:
    """Fail clearly if any Dask worker runs other versions of what determines results.

    Dask's own ``get_versions(check=True)`` covers dask/distributed/msgpack; the model's
    results also depend on :data:`jobfirst_sim.versions.RESULT_PACKAGES`.
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
        for pkg in RESULT_PACKAGES
        if v.get(pkg) != ours[pkg]
    ]
    if problems:
        raise StoreError(
            "dask",
            "",
            "workers run other versions; install the same environment on every "
            "worker:\n  " + "\n  ".join(problems),
        )
