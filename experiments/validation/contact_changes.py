"""Share of citizens with at least one change of contact person, per arm and design.

Why a script: issue 22 §1 defines a change of contact person as a change of the *person*
in the citizen's primary role for the design (docs/model.md S2: the jobformidler in
JobFirst, the caseworker under BUM and in makkerskab without jobformidlere; a BUM
referral is no change). The pattern to hold against (direction only, not fitted): in
comparable programmes about 40 % of citizens had at least one change, and more under BUM
than in makkerskab. This script runs the trial replica and the BUM-at-70 and
makkerskab-at-41 comparisons and prints the share (mean over replications, 95 %
t-interval) and the mean number of changes per arm. Nothing here feeds back into the fit.

Usage::

    .venv/bin/python experiments/validation/contact_changes.py              # 10 replications
    .venv/bin/python experiments/validation/contact_changes.py -r 4 --workers 2
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from jobfirst_sim.run.replicate import run_replications
from jobfirst_sim.scenario.loader import load_scenario
from jobfirst_sim.stats import t_interval

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = ("jobfirst_trial.yaml", "bum_caseload70.yaml", "makkerskab_41.yaml")
SEED = 20160301
BASE: dict[str, Any] = {}
"""``--set`` overrides under every run (a smaller population for a quick check)."""


def shares(outcomes: pd.DataFrame) -> list[tuple[str, float, float, float, float]]:
    """Per arm: mean share with a change and its interval, and the mean number of changes
    (over all citizens of the arm, municipality 'all')."""
    out = []
    whole = outcomes[(outcomes.benefit == "all") & (outcomes.municipality == "all")]
    for arm in whole.arm.unique():
        g = whole[whole.arm == arm]
        share = g[g.metric == "share_contact_changed"].sort_values("replication")
        count = g[g.metric == "mean_contact_changes"]
        mean, lo, hi, _ = t_interval(share["value"].to_numpy(float))
        out.append((str(arm), mean, lo, hi, float(np.mean(count["value"].to_numpy(float)))))
    return out


def main() -> None:
    """Run the three scenarios and print one line per arm."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-r", "--replications", type=int, default=10)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    print(f"{'scenario':<22}{'arm':<14}{'share with a change':>22}{'95 % interval':>18}"
          f"{'changes per citizen':>22}")
    for name in SCENARIOS:
        scenario = load_scenario(REPO / "scenarios" / name, BASE)
        outcomes = run_replications(scenario, args.replications, SEED,
                                    workers=args.workers).outcomes
        for arm, mean, lo, hi, count in shares(outcomes):
            print(f"{name.removesuffix('.yaml'):<22}{arm:<14}{mean:>21.1%} "
                  f"{f'{lo:.1%}-{hi:.1%}':>17}{count:>22.2f}")


if __name__ == "__main__":
    main()
