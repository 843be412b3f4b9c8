"""A pilot's power when the effect it is sized against is itself uncertain.

Why: the difference a pilot must detect comes from the model, and the trial leaves the
model's parameters partly open (:mod:`jobfirst_sim.scenario.ensemble`). Sizing a pilot on
one parameter point promises more than the model knows. With ``--uncertainty parameters``
(the default of ``jobfirst pilot``) the pilots are simulated under every member of the
ensemble and each size's **power is the members' weighted mean power**:

    power(n) = Σ_k w_k · power_k(n),   power_k(n) = share of member k's pilots that detect

which is the probability that a pilot of ``n`` shows the effect, averaged over what the
trial leaves open (an "assurance" in the sense of O'Hagan, Stevens & Campbell 2005,
*Pharmaceutical Statistics* 4:187). Its Monte Carlo error is
``√(Σ_k w_k² p_k (1 − p_k) / R_k)``. The expected levels (``p_from``, ``p_to``) are the
members' weighted means, and the detection direction is theirs. Who enters each pilot is
drawn from the run's position in the study's member-major order (member ``k``'s
replication ``r`` is position ``k·R + r``), so with one member the draws are the
noise-only ones.

**How many runs.** A pilot plan asks for ``--pilots`` simulated pilots; under an ensemble
of K members each member gets ``max(2, ⌈pilots / K⌉)`` replications (two at least, so
every member's noise is estimated for the headline's interval), so the plan costs about
what it costs under ``noise``. With one member nothing is split and every number is the
noise-only number.

The **headline** (:func:`jobfirst_sim.decide.uncertainty.headline`) is arm A's
:data:`~jobfirst_sim.metrics.HEADLINE` under today's and the proposed design, paired by
member and replication (the same block ``compare`` gives for the same runs);
:func:`jobfirst_sim.decide.sensitivity.leans_on` names the parameters the members'
differences lean on.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jobfirst_sim.decide.sensitivity import Leaning, leans_on
from jobfirst_sim.decide.uncertainty import Headline, headline
from jobfirst_sim.metrics import HEADLINE
from jobfirst_sim.scenario.ensemble import Ensemble

HEADLINE_METRIC = HEADLINE
"""The headline's metric: the one every command leads with (read from each run's outcomes
table as ``compare`` reads it, so the blocks agree)."""


def replications_per_member(pilots: int, ensemble: Ensemble | None) -> int:
    """Replications each member runs (module doc); ``pilots`` without an ensemble."""
    if ensemble is None:
        return pilots
    return max(2, math.ceil(pilots / len(ensemble)))


@dataclass(frozen=True)
class MemberSpread:
    """Which member each replication (in the study's member-major order) ran under, and
    the members' weights (normalised to sum to 1)."""

    member: np.ndarray
    weights: np.ndarray

    @classmethod
    def of(cls, ensemble: Ensemble, replications: int) -> MemberSpread:
        w = np.array([m.weight for m in ensemble.members], float)
        return cls(np.repeat(np.arange(len(ensemble)), replications), w / w.sum())

    def mean(self, rows: np.ndarray) -> np.ndarray:
        """The weighted mean over members of each member's mean of ``rows`` (one row per
        replication)."""
        means = np.array([rows[self.member == k].mean(axis=0)
                          for k in range(self.weights.size)])
        return np.asarray((self.weights[:, None] * means).sum(axis=0))

    def power(self, detected: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Power averaged over members and its Monte Carlo error, per week."""
        per = np.array([detected[self.member == k].mean(axis=0)
                        for k in range(self.weights.size)])
        counts = np.array([(self.member == k).sum() for k in range(self.weights.size)],
                          float)
        power = (self.weights[:, None] * per).sum(axis=0)
        var = (self.weights[:, None] ** 2 * (per * (1 - per) / counts[:, None])).sum(axis=0)
        return np.asarray(power), np.sqrt(var)


def pilot_pairs(under_a: Sequence[np.ndarray], under_b: Sequence[np.ndarray], column: int,
                replications: int, members: bool) -> pd.DataFrame:
    """One row per run pair: the cohort's share with hours at one grid week under today's
    (``current``) and the proposed design (``proposed``), with its member and replication."""
    n = len(under_a)
    frame = pd.DataFrame({
        "replication": [i % replications for i in range(n)],
        "current": [float(a[:, column].mean()) for a in under_a],
        "proposed": [float(b[:, column].mean()) for b in under_b],
    })
    if members:
        frame.insert(0, "member", [i // replications for i in range(n)])
    return frame


def pilot_headline(pairs: pd.DataFrame, week: int | None, ensemble: Ensemble | None
                   ) -> tuple[Headline, list[Leaning]]:
    """The headline block and the parameters the members' differences lean on (none
    under ``noise``)."""
    block = headline(pairs, metric=HEADLINE_METRIC, week=week, ensemble=ensemble)
    if ensemble is None:
        return block, []
    diff = (pairs["proposed"] - pairs["current"]).groupby(pairs["member"]).mean()
    answers = diff.reindex(range(len(ensemble))).to_numpy(float)
    return block, leans_on([float(x) for x in answers], ensemble)
