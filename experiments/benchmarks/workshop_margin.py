"""How far apart the same workshop design lands, and near-identical designs (issue 24 §4).

A reveal that ranks teams must not rank noise: teams with near-identical designs once got
+5.0 and +6.8 pp. This script runs, under the workshop's own settings (the card's
jobcentre, the first K members of the shipped ensemble × R replications a side, as
``jobfirst workshop`` runs a team):

* **the same design on other random numbers**: design A under ``--seeds`` seeds; the
  spread of its gain (team − start, percentage points of the share with ordinary hours)
  over seeds is what a team's answer would move by had the session drawn other citizens;
  its largest distance from the mean over seeds is the margin the pages state;
* **the same design twice on the same seed**, in another order (after another design and
  on another executor): must be identical (the workshop's common random numbers: every
  team meets the card's seed and the same members);
* **near-identical designs**: design B is A with 0.1 FTE moved from caseworkers to
  jobformidlere; its gain against A's on the same seed (what two teams see in one session)
  and on different seeds (what they would see without common random numbers).

Usage: .venv/bin/python experiments/benchmarks/workshop_margin.py [--seeds 6]
       [--members 3] [--replications 2] [--card KEY] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import Any

from workshop_benchmark import redesign

from jobfirst_sim.app.workshop.engine.cards import CARDS, Card, load_card
from jobfirst_sim.app.workshop.engine.design import TeamDesign
from jobfirst_sim.app.workshop.engine.members import (
    WORKSHOP_MEMBERS,
    WORKSHOP_REPLICATIONS,
    workshop_ensemble,
)
from jobfirst_sim.app.workshop.engine.run import run_team
from jobfirst_sim.run.executors import Executor


def near(card: Card) -> TeamDesign:
    """Design A with 0.1 FTE moved from caseworkers to jobformidlere (same budget)."""
    a = redesign(card)
    staff = dict(a.staff)
    staff["caseworker"] = round(staff["caseworker"] - 0.1, 1)
    staff["jobformidler"] = round(staff["jobformidler"] + 0.1, 1)
    return replace(a, staff=staff)


def gain(result: dict[str, Any]) -> tuple[float, float, float]:
    """The gain in share with ordinary hours (pp) and its interval."""
    d = result["difference"]["hours_share"]
    return 100 * d["mean"], 100 * d["low"], 100 * d["high"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=6)
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument("--members", type=int, default=WORKSHOP_MEMBERS)
    parser.add_argument("--replications", type=int, default=WORKSHOP_REPLICATIONS)
    parser.add_argument("--card", default=CARDS[0].key)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    card = load_card(args.card)
    ensemble = workshop_ensemble("parameters", args.members)
    a, b = redesign(card), near(card)
    runner = Executor("process", args.workers)
    started = time.perf_counter()
    rows: list[dict[str, Any]] = []
    try:
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            ga = gain(run_team(card, a, args.replications, seed, runner=runner,
                               ensemble=ensemble))
            gb = gain(run_team(card, b, args.replications, seed, runner=runner,
                               ensemble=ensemble))
            rows.append({"seed": seed, "a": ga, "b": gb})
        # the same design again on the first seed, after the others and serially
        again = gain(run_team(card, a, args.replications, args.first_seed,
                              runner=Executor("serial", 1), ensemble=ensemble))
    finally:
        runner.close()
    a_means = [r["a"][0] for r in rows]
    centre = statistics.fmean(a_means)
    spread = max(abs(x - centre) for x in a_means)
    sd = statistics.stdev(a_means) if len(a_means) > 1 else float("nan")
    same_seed = [abs(r["a"][0] - r["b"][0]) for r in rows]
    other_seed = [abs(x["a"][0] - y["b"][0]) for x, y in pairwise(rows)]
    half = statistics.fmean((r["a"][2] - r["a"][1]) / 2 for r in rows)
    print(f"workshop margin: card {card.key}, {args.members} members x {args.replications} "
          f"replications, seeds {args.first_seed}-{args.first_seed + args.seeds - 1} "
          f"({time.perf_counter() - started:.0f} s, load average {os.getloadavg()[0]:.1f})")
    for r in rows:
        print(f"  seed {r['seed']}: A {r['a'][0]:+.2f} pp [{r['a'][1]:+.2f}, {r['a'][2]:+.2f}]"
              f"   B {r['b'][0]:+.2f} pp   B-A {r['b'][0] - r['a'][0]:+.2f}")
    print(f"  same design, same seed, run again later on another executor: "
          f"{'identical' if again == rows[0]['a'] else 'DIFFERENT'} ({again[0]:+.4f} pp)")
    print(f"  same design over seeds: mean {centre:+.2f} pp, SD {sd:.2f}, largest distance "
          f"from the mean {spread:.2f} pp, range {max(a_means) - min(a_means):.2f} pp")
    print(f"  mean half-width of a result's own 95 % interval: {half:.2f} pp")
    print(f"  near-identical designs (0.1 FTE moved), same seed: |B-A| up to "
          f"{max(same_seed):.2f} pp (mean {statistics.fmean(same_seed):.2f})")
    if other_seed:
        print(f"  near-identical designs, different seeds: |B-A| up to {max(other_seed):.2f} "
              f"pp (mean {statistics.fmean(other_seed):.2f})")
    if args.json:
        args.json.write_text(json.dumps({
            "card": card.key, "members": args.members, "replications": args.replications,
            "rows": rows, "again_identical": again == rows[0]["a"], "sd": sd,
            "largest_distance": spread, "same_seed": same_seed, "other_seed": other_seed,
            "half_width": half}, indent=1))


if __name__ == "__main__":
    main()
