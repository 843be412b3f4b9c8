"""One study spine: designs × replications of one root seed → tasks on an executor → tables.

Why one spine: ``jobfirst run``, ``compare``, ``explain`` (and its Shapley split), ``pilot``
and the workshop's team runs all answer their question the same way. A request names
the designs (scenarios that differ only where the question lies), how many replications,
the root seed and where to run; every design then meets the same citizens, companies and
random draws in replication ``r`` (common random numbers: a replication's randomness
comes from ``SeedSequence(root_seed, spawn_key=(replication, ...))`` and never from the
design, :mod:`jobfirst_sim.model.seeds`). The spine

1. resolves the root seed once (:func:`~jobfirst_sim.run.manifest.resolve_root_seed`, the
   recipe of every command),
2. lays out one task per design and replication (:func:`tasks`: the one place the grid
   is enumerated),
3. runs them on one executor session (:mod:`.executors`, still the only place that starts
   workers) and puts the results back in design and replication order, so no table ever
   depends on the executor, the number of workers or the order of completion,
4. says what ran (root seed, replications, executor, simulations, time) for the
   manifest (:class:`StudyResult`; each command writes it with the common core of
   :func:`jobfirst_sim.run.manifest.manifest`).

*What to keep* of each run is a :class:`Keep`: a picklable callable (a module-level
function or a frozen dataclass with ``__call__``) that runs the model for one
:class:`Run` and returns only what the question reads (a comparison side's tables,
a variant's outcomes, a cohort's hours), so workers send little back.

**Parameter uncertainty** is the third axis: a request with ``members`` (an
:class:`~jobfirst_sim.scenario.ensemble.Ensemble` of calibrated parameter sets) runs every
design × member × replication, each member's behaviour put into each design
(:meth:`~jobfirst_sim.scenario.ensemble.Member.apply`). Replication ``r`` has the same
seed under every member and design, so within a member the designs still meet the same
citizens and draws. Values come back per design in member-major order (member 0's
replications, then member 1's, ...); :attr:`Run.member` says whose a value is. Without
members a study is designs × replications exactly as before.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any, Generic, Protocol, TypeVar

from jobfirst_sim.run.executors import (
    Done,
    Executor,
    ExecutorName,
    choose_executor,
    open_executor,
)
from jobfirst_sim.scenario.ensemble import Ensemble
from jobfirst_sim.scenario.schema import Scenario

__all__ = [
    "Keep",
    "Part",
    "Run",
    "Study",
    "StudyRequest",
    "StudyResult",
    "open_study",
    "run_study",
    "run_task",
    "tasks",
]

R = TypeVar("R")
K = TypeVar("K", bound=Hashable)
R_co = TypeVar("R_co", covariant=True)


@dataclass(frozen=True)
class StudyRequest:
    """Where and how often the designs of a study run.

    ``seed`` None: the first design's ``run.seed``, else drawn and recorded (resolved by
    :func:`open_study`). ``executor`` None: in-process for one worker or one task, else
    worker processes; a ``scheduler`` address means Dask.
    """

    replications: int
    seed: int | None = None
    workers: int = 1
    executor: ExecutorName | None = None
    scheduler: str | None = None
    members: Ensemble | None = None
    """Parameter sets to run every design under (None: each design's own behaviour)."""

    @property
    def member_count(self) -> int:
        """Members per design (1 without an ensemble)."""
        return 1 if self.members is None else len(self.members)

    def resolved(self, scenario: Scenario | None) -> StudyRequest:
        """The request with its root seed fixed (the recipe of ``jobfirst run``)."""
        from jobfirst_sim.run.manifest import resolve_root_seed

        return replace(self, seed=resolve_root_seed(self.seed, scenario))

    @property
    def root_seed(self) -> int:
        """The root seed (0 if not yet resolved, as the commands have always written)."""
        return int(self.seed or 0)


@dataclass(frozen=True)
class Run:
    """One task of a study: replication ``replication`` of design ``design``.

    Module-level and frozen, so it pickles to any worker; ``keep`` says what the worker
    returns of the run.
    """

    design: Hashable
    scenario: Scenario
    replication: int
    seed: int
    keep: Keep[Any]
    member: int = 0
    """Position of the parameter set in the request's ensemble (0 without one)."""

    @property
    def key(self) -> tuple[Hashable, int, int]:
        return (self.design, self.member, self.replication)


class Keep(Protocol[R_co]):
    """What a study keeps of one run: called in the worker with the :class:`Run`."""

    def __call__(self, run: Run, /) -> R_co: ...


def run_task(run: Run) -> Any:
    """Run one task in a worker (module level, so every executor can call it)."""
    return run.keep(run)


@dataclass(frozen=True)
class Part(Generic[R]):
    """Designs run together with one :class:`Keep` (``replications`` None: the study's).

    Several parts go to the executor as one batch (:meth:`Study.run_parts`): the workshop
    runs both comparison sides and single-lever variants, with fewer replications, at once.
    """

    designs: Mapping[Any, Scenario]
    """Design keys (hashable, unique across a batch's parts) and their scenarios."""
    keep: Keep[R]
    replications: int | None = None


def tasks(parts: Sequence[Part[Any]], replications: int, seed: int,
          members: Ensemble | None = None) -> list[Run]:
    """The study's tasks: every design of every part × member × its replications.

    The one place the grid is laid out: design by design, member by member.
    """
    out: list[Run] = []
    for part in parts:
        for design, scenario in part.designs.items():
            under = ([scenario] if members is None
                     else [m.apply(scenario) for m in members.members])
            out += [Run(design, variant, r, seed, part.keep, k)
                    for k, variant in enumerate(under)
                    for r in range(part.replications or replications)]
    return out


@dataclass
class StudyResult:
    """What ran, for the manifest: the resolved request, the executor and the time."""

    request: StudyRequest
    executor: ExecutorName
    started: float
    simulations: int = 0
    seconds: float = 0.0


class Study:
    """An open study: its executor session and its count of finished simulations.

    Use :func:`open_study`. A study may run several batches (``explain`` runs its path
    after the one-lever variants it depends on) on the same workers.
    """

    def __init__(self, request: StudyRequest, runner: Executor, result: StudyResult) -> None:
        self.request = request
        self.runner = runner
        self.result = result

    def run(self, designs: Mapping[K, Scenario], keep: Keep[R], *,
            on_done: Callable[[Run, R], None] | None = None) -> dict[K, list[R]]:
        """Every design × replication; ``{design: [value of replication 0, 1, ...]}``."""
        return self.run_parts([Part(designs, keep)], on_done=on_done)

    def run_parts(self, parts: Sequence[Part[Any]], *,
                  on_done: Callable[[Run, Any], None] | None = None
                  ) -> dict[Any, list[Any]]:
        """Several parts as one batch; results by design key, member by member in
        replication order.

        ``on_done`` sees each task and its value as they arrive (progress, early checks, spilling a
        panel to disk); an exception it raises stops the batch.
        """
        todo = tasks(parts, self.request.replications, self.request.root_seed,
                     self.request.members)

        def arrived(done: Done[Run, Any]) -> None:
            self.result.simulations += 1
            if on_done is not None:
                on_done(done.task, done.value)

        got = self.runner.run_all(run_task, todo, on_done=arrived)
        out: dict[Any, list[Any]] = {}
        for part in parts:
            reps = part.replications or self.request.replications
            for design in part.designs:
                out[design] = [got[(design, k, r)]
                               for k in range(self.request.member_count)
                               for r in range(reps)]
        return out


@contextmanager
def open_study(request: StudyRequest, *, planned: int, scenario: Scenario | None = None,
               runner: Executor | None = None) -> Iterator[Study]:
    """A study on one executor session; its workers stop when the block ends.

    ``planned`` is the number of simulations the study will run (it chooses the executor:
    one task runs in-process); ``scenario`` gives the seed when the request has none;
    ``runner``: an executor already open (the workshop app keeps one), left open.
    """
    req = request.resolved(scenario) if request.seed is None else request
    name = runner.name if runner is not None else choose_executor(
        req.executor, req.workers, planned, req.scheduler)
    result = StudyResult(req, name, time.time())
    if runner is not None:
        yield Study(req, runner, result)
    else:
        with open_executor(name, workers=req.workers, scheduler=req.scheduler) as own:
            yield Study(req, own, result)
    result.seconds = round(time.time() - result.started, 3)


def run_study(request: StudyRequest, designs: Mapping[K, Scenario], keep: Keep[R], *,
              on_done: Callable[[Run, R], None] | None = None
              ) -> tuple[dict[K, list[R]], StudyResult]:
    """One batch: every design × replication on its own executor session."""
    first = next(iter(designs.values()), None)
    with open_study(request, planned=len(designs) * request.replications
                    * request.member_count,
                    scenario=first) as study:
        values = study.run(designs, keep, on_done=on_done)
    return values, study.result
