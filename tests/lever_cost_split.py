"""A hand-made Shapley split with costs, for the cost-by-lever tests (decide and report):
three levers — one that surely buys hours, one that cannot be told from 0, one that
surely loses hours — and their net costs a year."""

from __future__ import annotations

import numpy as np
from small import near_pair

from jobfirst_sim.decide import shapley as sh
from jobfirst_sim.decide.business.payers import PAYERS
from jobfirst_sim.decide.explain import ExplainRequest


def split_of(effects: dict[str, np.ndarray], costs: dict[str, np.ndarray],
             observed: float = 1000.0, error: float = 0.0) -> sh.ShapleyResult:
    """A hand-made sampled split: the municipality pays ``costs``, the public sector half
    of them; every lever's error ``error`` on its effect and 50,000 DKK on a cost."""
    req = ExplainRequest(near_pair(), "control", "jobfirst", replications=5)
    total = np.sum(list(effects.values()), axis=0)
    split = {}
    for payer in PAYERS:
        parts = {k: v * (1.0 if payer == "municipality" else 0.5) for k, v in costs.items()}
        split[payer] = sh.Split(parts, np.sum(list(parts.values()), axis=0),
                                dict.fromkeys(costs, 5e4))
    return sh.ShapleyResult(req, "sampled", effects, total, dict.fromkeys(effects, error),
                            4, 10, 1.0, split, np.full(5, observed))


NOISE = np.array([-1.0, 1.0, 0.0, 0.5, -0.5])

EFFECTS = {"caseload": 0.02 + 0.001 * NOISE,  # surely buys hours
           "cv_at_start": 0.0 + 0.01 * NOISE,  # cannot be told from 0
           "work_agreement": -0.02 + 0.001 * NOISE}  # surely loses hours
COSTS = {"caseload": np.full(5, 1e6), "cv_at_start": np.full(5, -2e5),
         "work_agreement": np.full(5, 3e5)}


