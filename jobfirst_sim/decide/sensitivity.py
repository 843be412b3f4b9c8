"""Which calibrated parameters an answer leans on: rank correlation over the ensemble.

Why rank correlation of each member's answer with its parameters: under ``--uncertainty
parameters`` every member gives its own difference between the designs; a parameter
whose values line up with those differences (Spearman's ρ, which needs no assumption
of a straight line) is one the answer leans on -- the one to source or measure first.
It is a screening statement, not a decomposition: two parameters on a ridge share it.
Members are weighted equally here (the shipped ensemble's weights are equal).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jobfirst_sim.scenario.ensemble import Ensemble

TOP = 5
"""How many parameters a page names."""


@dataclass(frozen=True)
class Leaning:
    """One parameter and the rank correlation of its values with the members' answers."""

    path: str
    rho: float

    def to_json(self) -> dict[str, object]:
        return {"parameter": self.path, "rank_correlation": self.rho}


def leans_on(member_answers: Sequence[float], ensemble: Ensemble, top: int = TOP
             ) -> list[Leaning]:
    """The ``top`` parameters with the largest absolute Spearman ρ between their value and
    the member's answer (members with no finite answer left out; fewer than 3 members, or
    answers that do not vary: none)."""
    answers = np.asarray(member_answers, dtype=float)
    if len(answers) != len(ensemble):
        raise ValueError(f"{len(answers)} answers for {len(ensemble)} members")
    ok = np.isfinite(answers)
    if ok.sum() < 3 or np.ptp(answers[ok]) == 0:
        return []
    ranked = pd.Series(answers[ok]).rank().to_numpy()
    out = []
    for path in ensemble.parameters:
        values = np.array([m.value(path) for m in ensemble.members])[ok]
        if np.ptp(values) == 0:
            continue
        rho = float(np.corrcoef(pd.Series(values).rank().to_numpy(), ranked)[0, 1])
        out.append(Leaning(path, rho))
    out.sort(key=lambda x: -abs(x.rho))
    return out[:top]


def word_key(path: str) -> str:
    """The catalog key of a parameter's name (``par_`` + path after ``behaviour.``)."""
    return "par_" + "_".join(path.removeprefix("behaviour.").split("."))
