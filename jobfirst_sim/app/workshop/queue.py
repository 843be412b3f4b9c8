"""The run queue: worker threads in the app process that take queued runs fairly.

Why threads over SQLite, not an in-memory queue: the queue *is* the ``runs`` table
(:mod:`.store`), so a restart loses nothing and any browser can poll a run's progress.
Fairness (round-robin by team, one run per team at a time) is the store's
:meth:`~.store.Store.claim_next`. Each worker thread runs one team's design at a time
through the engine (:func:`jobfirst_sim.app.workshop.engine.run.run_team`), which sends the
run's simulations to one executor of :mod:`jobfirst_sim.run.executors` held open for the
app's life (worker processes start once, not once per run).

Before any team's run a worker computes each wanted card's **anchor** (:meth:`RunQueue.anchor`):
the start design's own figures with their interval, which a team sees before it predicts
(issue 24 §3: predictions made blind were 35 % against 13 %). It is computed once per card
for the app's life (the start design, seed and replications do not change with the session),
wanted at start for the current session's card (else the first card) and whenever a session
is created, so the first anchor also starts the worker processes before the first team's run
(the warm start: a cold pool cost the first team 22–24 s).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from jobfirst_sim.app.workshop.engine.cards import CARDS, load_card
from jobfirst_sim.app.workshop.engine.design import TeamDesign, start_design
from jobfirst_sim.app.workshop.engine.members import WORKSHOP_REPLICATIONS, workshop_ensemble
from jobfirst_sim.app.workshop.engine.run import (
    DEFAULT_REPLICATIONS,
    LEVER_REPLICATIONS,
    run_team,
)
from jobfirst_sim.app.workshop.store import Run, Store
from jobfirst_sim.run.executors import Executor, ExecutorName

__all__ = ["RunQueue", "estimated_wait"]

log = logging.getLogger(__name__)

POLL_SECONDS = 0.2
"""How often an idle worker looks for a queued run (a new run also wakes it at once)."""


def estimated_wait(ahead: int, running: int, mean_seconds: float | None,
                   threads: int = 1) -> float | None:
    """Seconds a queued run may wait before its result: the runs before it and the ones
    running, plus itself, at the mean time of a finished run, ``threads`` at a time
    (None before any run has finished: nothing to estimate from)."""
    if mean_seconds is None:
        return None
    return (ahead + running + 1) * mean_seconds / max(1, threads)


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
                 uncertainty: str = "parameters", members: int | None = None,
                 anchors: bool = True) -> None:
        self.store = store
        self.anchors = anchors
        self.threads = threads
        self.ensemble = workshop_ensemble(uncertainty, members)
        self.replications = replications if replications is not None else (
            DEFAULT_REPLICATIONS if self.ensemble is None else WORKSHOP_REPLICATIONS)
        self.lever_replications = lever_replications
        self.runner = Executor(executor, workers)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._workers: list[threading.Thread] = []
        self._anchors: dict[str, dict[str, Any]] = {}
        self._wanted: list[str] = []
        self._taken: set[str] = set()  # being computed, or failed (not tried again)
        self._lock = threading.Lock()

    def start(self) -> None:
        """Re-queue what a dead app left running, then start the worker threads."""
        again = self.store.recover()
        if again:
            log.info("queued again %d run(s) left running by an earlier start", again)
        session = self.store.current_session()
        self.want_anchor(session.card if session is not None else CARDS[0].key)
        for i in range(self.threads):
            t = threading.Thread(target=self._loop, name=f"workshop-run-{i}", daemon=True)
            t.start()
            self._workers.append(t)

    def wake(self) -> None:
        self._wake.set()

    def want_anchor(self, card: str) -> None:
        """Compute ``card``'s anchor before the next team's run (once; no-op without
        ``anchors``)."""
        if not self.anchors:
            return
        with self._lock:
            if card not in self._anchors and card not in self._wanted \
                    and card not in self._taken:
                self._wanted.append(card)
        self._wake.set()

    def ready(self, card: str) -> dict[str, Any] | None:
        """``card``'s anchor if computed, without wanting it (what start has warmed)."""
        with self._lock:
            return self._anchors.get(card)

    def anchor(self, card: str) -> dict[str, Any] | None:
        """The start design's ``hours_share`` and ``net_cost`` (each ``mean``, ``low``,
        ``high``) for ``card``, as a team's result shows its start; None while it is
        being computed (and then it is wanted)."""
        got = self.ready(card)
        if got is None:
            self.want_anchor(card)
        return got

    def _next_anchor(self) -> str | None:
        with self._lock:
            if not self._wanted:
                return None
            card = self._wanted.pop(0)
            self._taken.add(card)
            return card

    def _compute_anchor(self, key: str) -> None:
        """Run the card's start design alone (the team's side is the start too) and keep
        its start figures; a failure is logged and not retried (the page says nothing)."""
        figures: dict[str, Any] | None
        try:
            card = load_card(key)
            start = start_design(card)  # may be over the card's budget (a card to cut)
            result = run_team(card, start, self.replications, runner=self.runner,
                              budget=max(card.info.fte_budget, start.fte_total()),
                              lever_replications=self.lever_replications,
                              ensemble=self.ensemble)
            figures = {name: result["start"][name] for name in ("hours_share", "net_cost")}
            log.info("anchor of card %s ready in %.1f s", key, result["seconds"])
        except Exception:
            log.exception("the anchor of card %s failed", key)
            figures = None
        with self._lock:
            if figures is not None:
                self._anchors[key] = figures
                self._taken.discard(key)

    def stop(self) -> None:
        """Stop taking runs, wait for the threads, stop the executor's workers."""
        self._stop.set()
        self._wake.set()
        for t in self._workers:
            t.join(timeout=60)
        self.runner.close()

    def _loop(self) -> None:
        while not self._stop.is_set():
            card = self._next_anchor()
            if card is not None:
                self._compute_anchor(card)
                continue
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
