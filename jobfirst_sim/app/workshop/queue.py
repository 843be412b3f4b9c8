"""The run queue: worker threads in the app process that take queued runs fairly.

Why threads over SQLite, not an in-memory queue: the queue *is* the ``runs`` table
(:mod:`.store`), so a restart loses nothing and any browser can poll a run's progress.
Fairness (round-robin by team, one run per team at a time) is the store's
:meth:`~.store.Store.claim_next`. Each worker thread runs one team's design at a time
through the engine (:func:`jobfirst_sim.app.workshop.engine.run.run_team`), which sends the
run's simulations to one executor of :mod:`jobfirst_sim.run.executors` held open for the
app's life (worker processes start once, not once per run).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from jobfirst_sim.app.workshop.engine.cards import load_card
from jobfirst_sim.app.workshop.engine.design import TeamDesign
from jobfirst_sim.app.workshop.engine.members import WORKSHOP_REPLICATIONS, workshop_ensemble
from jobfirst_sim.app.workshop.engine.run import (
    DEFAULT_REPLICATIONS,
    LEVER_REPLICATIONS,
    run_team,
)
from jobfirst_sim.app.workshop.store import Run, Store
from jobfirst_sim.run.executors import Executor, ExecutorName

__all__ = ["RunQueue"]

log = logging.getLogger(__name__)

POLL_SECONDS = 0.2
"""How often an idle worker looks for a queued run (a new run also wakes it at once)."""


class RunQueue:
    """``threads`` worker threads executing queued runs; :meth:`wake` after enqueueing.

    ``replications``/``lever_replications`` are the engine's; ``executor`` and ``workers``
    the executor the simulations go to (``process`` with 2 workers in the app; ``serial``
    where a test wants no worker processes). ``uncertainty`` ``parameters`` (the default)
    runs every team under the workshop's subset of the shipped ensemble (``members``, None:
    :data:`~.engine.members.WORKSHOP_MEMBERS`), ``noise`` under the card's own parameters;
    ``replications`` None is :data:`~.engine.members.WORKSHOP_REPLICATIONS` per member under
    ``parameters``, :data:`~.engine.run.DEFAULT_REPLICATIONS` under ``noise``.

    Raises:
        UncertaintyError: ``uncertainty`` or ``members`` out of range (names the option).
    """

    def __init__(self, store: Store, *, threads: int = 1, executor: ExecutorName = "process",
                 workers: int = 2, replications: int | None = None,
                 lever_replications: int = LEVER_REPLICATIONS,
                 uncertainty: str = "parameters", members: int | None = None) -> None:
        self.store = store
        self.threads = threads
        self.ensemble = workshop_ensemble(uncertainty, members)
        self.replications = replications if replications is not None else (
            DEFAULT_REPLICATIONS if self.ensemble is None else WORKSHOP_REPLICATIONS)
        self.lever_replications = lever_replications
        self.runner = Executor(executor, workers)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._workers: list[threading.Thread] = []

    def start(self) -> None:
        """Re-queue what a dead app left running, then start the worker threads."""
        again = self.store.recover()
        if again:
            log.info("queued again %d run(s) left running by an earlier start", again)
        for i in range(self.threads):
            t = threading.Thread(target=self._loop, name=f"workshop-run-{i}", daemon=True)
            t.start()
            self._workers.append(t)

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        """Stop taking runs, wait for the threads, stop the executor's workers."""
        self._stop.set()
        self._wake.set()
        for t in self._workers:
            t.join(timeout=60)
        self.runner.close()

    def _loop(self) -> None:
        while not self._stop.is_set():
            run = self.store.claim_next()
            if run is None:
                self._wake.wait(POLL_SECONDS)
                self._wake.clear()
                continue
            self.execute(run)

    def execute(self, run: Run) -> None:
        """Run one claimed run to ``done`` (or ``failed`` with the reason)."""
        try:
            session = self.store.session_of_team(run.team_id)
            if session is None:
                raise LookupError(f"run {run.id}: its session is gone")
            result = run_team(load_card(session.card), TeamDesign.from_json(run.design),
                              self.replications, progress=self._progress(run.id),
                              runner=self.runner, budget=session.budget,
                              lever_replications=self.lever_replications,
                              ensemble=self.ensemble)
        except Exception as exc:  # a run's failure is shown to its team, not raised
            log.exception("workshop run %d failed", run.id)
            self.store.fail(run.id, f"{type(exc).__name__}: {exc}")
            return
        self.store.finish(run.id, result)

    def _progress(self, run_id: int) -> Callable[[int, int], None]:
        def report(done: int, total: int) -> None:
            self.store.progress(run_id, done, total)
        return report
