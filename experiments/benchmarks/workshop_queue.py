"""Six workshop teams queued at once under parameter uncertainty (issue 21: ≤ 10 s each).

The workshop runs every team under the first K members of the shipped ensemble × R
replications (``jobfirst workshop --uncertainty parameters``, the default; K and R in
:mod:`jobfirst_sim.app.workshop.engine.members`). This script queues ``--teams`` teams'
runs in the same second through the app's own store and run queue (one process executor
with ``--workers`` worker processes held open, warmed by one run first, as a running app's
are) and reports, for each team, the seconds from submitting to its result being ready.

It first reports the **first team** as a freshly started app serves it (issue 24 §5,
target ≤ 4 s): a new run queue started as ``jobfirst workshop`` starts it, which computes
the card's anchor (the start's figures a team sees before predicting) and so starts the
worker processes; once the anchor is ready (a team spends minutes designing), one team's
run is queued and timed from submitting to its result.

It also reports the CPU seconds of one simulation (serial, in this process), which a
machine shared with other jobs inflates far less than wall time, and from it the wait of
the last team on an otherwise idle machine with ``--workers`` cores.

While the shipped ensemble has fewer members than asked (a provisional file until the
calibrated one is shipped), the members are repeated in order to make K parameter sets:
a run's cost depends on how many simulations it has, not on the parameter values, so the
timing is the one K real members would take. The script says when it does so. The load
average is printed with the figures; a benchmark reports against the target and never
fails on a slow machine.

Usage: .venv/bin/python experiments/benchmarks/workshop_queue.py [--members K]
       [--replications R] [--uncertainty parameters|noise] [--workers 2] [--teams 6]
       [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from workshop_benchmark import redesign

from jobfirst_sim.app.workshop.engine.cards import CARDS, load_card
from jobfirst_sim.app.workshop.engine.members import WORKSHOP_MEMBERS, WORKSHOP_REPLICATIONS
from jobfirst_sim.app.workshop.engine.run import run_team
from jobfirst_sim.app.workshop.queue import RunQueue
from jobfirst_sim.app.workshop.store import Store
from jobfirst_sim.run.executors import Executor
from jobfirst_sim.scenario.ensemble import Ensemble, Member, shipped_ensemble

TARGET_S = 10.0
FIRST_TARGET_S = 4.0


def members_for_timing(k: int) -> tuple[Ensemble, bool]:
    """The shipped ensemble's first ``k`` members; if it has fewer, its members repeated
    in order (equal weights) and True."""
    shipped = shipped_ensemble()
    if k <= len(shipped):
        return shipped.first(k), False
    cycled = tuple(Member(i, 1.0 / k, shipped.members[i % len(shipped)].values)
                   for i in range(k))
    return Ensemble(cycled), True


def queued(workers: int, teams: int, ensemble: Ensemble | None,
           replications: int) -> dict[str, Any]:
    """``teams`` designs queued in the same second; seconds to each result."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp))
        queue = RunQueue(store, workers=workers, replications=replications,
                         uncertainty="noise" if ensemble is None else "parameters",
                         members=1)
        queue.ensemble = ensemble  # the timing ensemble (members_for_timing)
        card = load_card(CARDS[0].key)
        session = store.create_session(card.key, card.info.fte_budget, "da")
        rnd = store.open_round(session.id)
        # warm the worker processes first, as a running app's are after its first run
        warm = run_team(card, redesign(card), replications, runner=queue.runner,
                        ensemble=ensemble)
        for i in range(teams):
            team, _ = store.join(session, f"team {i + 1}")
            store.save_design(team, rnd.id, redesign(card, i).to_json())
            store.predict(team, rnd.id, 0.1, 1e8)
        submitted = time.perf_counter()
        runs = [store.enqueue(team, rnd.id) for team in store.teams(session.id)]
        queue.start()
        waits: dict[int, float] = {}
        simulations: dict[int, int] = {}
        while len(waits) < len(runs):
            for run_id in runs:
                run = store.run(run_id)
                if run_id not in waits and run is not None and run.state in ("done", "failed"):
                    waits[run_id] = round(time.perf_counter() - submitted, 2)
                    simulations[run_id] = int((run.result or {}).get("simulations", 0))
            time.sleep(0.05)
        queue.stop()
        return {"teams": teams, "seconds_to_result": [waits[r] for r in runs],
                "simulations": [simulations[r] for r in runs],
                "slowest": max(waits.values()), "alone_warm_s": warm["seconds"]}


def first_team(workers: int, ensemble: Ensemble | None, replications: int
               ) -> dict[str, float]:
    """Seconds from a new queue's start to its anchor (the warm start), and from one
    team's submitting to its result after that."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp))
        card = load_card(CARDS[0].key)
        session = store.create_session(card.key, card.info.fte_budget, "da")
        rnd = store.open_round(session.id)
        queue = RunQueue(store, workers=workers, replications=replications,
                         uncertainty="noise" if ensemble is None else "parameters",
                         members=1)
        queue.ensemble = ensemble
        started = time.perf_counter()
        queue.start()  # as the app: wants the session card's anchor, starting the workers
        while queue.anchor(card.key) is None:
            time.sleep(0.05)
        warm = time.perf_counter() - started
        team, _ = store.join(session, "first")
        store.save_design(team, rnd.id, redesign(card).to_json())
        store.predict(team, rnd.id, 0.1, 1e8)
        submitted = time.perf_counter()
        run_id = store.enqueue(team, rnd.id)
        queue.wake()
        while (run := store.run(run_id)) is None or run.state not in ("done", "failed"):
            time.sleep(0.05)
        first = time.perf_counter() - submitted
        queue.stop()
        return {"anchor_s": round(warm, 2), "first_team_s": round(first, 2)}


def cpu_per_simulation(ensemble: Ensemble | None, replications: int) -> float:
    """CPU seconds of one simulation of a team's run (serial, in this process, warm)."""
    card = load_card(CARDS[0].key)
    runner = Executor("serial", 1)
    run_team(card, redesign(card), replications, runner=runner, ensemble=ensemble)
    start = time.process_time()
    result = run_team(card, redesign(card), replications, runner=runner, ensemble=ensemble)
    return (time.process_time() - start) / int(result["simulations"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=WORKSHOP_MEMBERS)
    parser.add_argument("--replications", type=int, default=None,
                        help=f"per member (default {WORKSHOP_REPLICATIONS}; 4 under noise)")
    parser.add_argument("--uncertainty", choices=("parameters", "noise"),
                        default="parameters")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--teams", type=int, default=6)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    noise = args.uncertainty == "noise"
    ensemble, repeated = (None, False) if noise else members_for_timing(args.members)
    reps = args.replications or (4 if noise else WORKSHOP_REPLICATIONS)
    load_before = os.getloadavg()[0]
    first = first_team(args.workers, ensemble, reps)
    got = queued(args.workers, args.teams, ensemble, reps)
    cpu = cpu_per_simulation(ensemble, reps)
    load_after = os.getloadavg()[0]
    sims = max(got["simulations"])
    idle = args.teams * sims * cpu / args.workers
    what = ("noise (the card's own parameters)" if noise else
            f"parameters, {args.members} members"
            f"{' (shipped members repeated for timing)' if repeated else ''}")
    print(f"workshop queue ({what} x {reps} replications; {args.workers} worker processes; "
          f"target {TARGET_S:.0f} s; load average {load_before:.1f} before, "
          f"{load_after:.1f} after on {os.cpu_count()} cores)")
    print(f"  app start to the card's anchor (starts the worker processes): "
          f"{first['anchor_s']:.2f} s")
    print(f"  first team, submitted after that: {first['first_team_s']:.2f} s "
          f"({'within' if first['first_team_s'] <= FIRST_TARGET_S else 'OVER'} the "
          f"{FIRST_TARGET_S:.0f} s target)")
    print(f"  first run, starting the worker processes: {got['alone_warm_s']:.2f} s")
    print(f"  {got['teams']} teams submitted at once ({sims} simulations each at most): "
          f"seconds to each result {got['seconds_to_result']}")
    verdict = "within" if got["slowest"] <= TARGET_S else "OVER"
    print(f"  slowest team waited {got['slowest']:.2f} s here: {verdict} the target")
    print(f"  CPU per simulation {cpu:.3f} s: on an idle machine the last of {args.teams} "
          f"teams would wait about {idle:.1f} s "
          f"({'within' if idle <= TARGET_S else 'OVER'} the target)")
    if args.json:
        args.json.write_text(json.dumps({
            "uncertainty": args.uncertainty, "members": None if noise else args.members,
            "replications": reps, "repeated_members": repeated, "queued": got,
            "first": first,
            "cpu_per_simulation": cpu, "idle_estimate_s": idle,
            "load_average": [load_before, load_after]}, indent=1))


if __name__ == "__main__":
    main()
