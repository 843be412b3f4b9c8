"""Intervals of per-run values laid out member by member (``explain`` and its Shapley split).

Why a module of its own: ``explain`` keeps every variant as one array of per-run values.
Without an ensemble it holds one value per replication and every interval is the
t-interval over replications (:mod:`jobfirst_sim.stats`), as it always was. Under
``--uncertainty parameters`` the study spine returns the runs member-major (member 0's
replications, then member 1's, ...; :mod:`jobfirst_sim.run.study`), and every interval must
hold what the trial leaves open as well as simulation noise
(:func:`jobfirst_sim.ensemble_stats.combine`). :class:`MemberRuns` is the one place that
knows the layout, so the decomposition, the verdicts, the Shapley split and the page
summarise the same array the same way.

With a one-member ensemble the interval is :func:`~jobfirst_sim.stats.t_interval` itself
(:func:`~jobfirst_sim.ensemble_stats.member_interval`), so a one-member ensemble gives
exactly the noise-only numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from jobfirst_sim.ensemble_stats import member_interval
from jobfirst_sim.scenario.ensemble import Ensemble
from jobfirst_sim.stats import Interval, t_interval


@dataclass(frozen=True)
class MemberRuns:
    """How per-run arrays are laid out: ``members`` (None: no ensemble) × ``replications``."""

    members: Ensemble | None
    replications: int

    @property
    def count(self) -> int:
        """Members (1 without an ensemble)."""
        return 1 if self.members is None else len(self.members)

    @property
    def weights(self) -> np.ndarray:
        """The members' weights in position order (one weight 1 without an ensemble)."""
        if self.members is None:
            return np.ones(1)
        return np.array([m.weight for m in self.members.members], float)

    def by_member(self, values: ArrayLike) -> np.ndarray:
        """``values`` as members × replications."""
        return np.asarray(values, float).reshape(self.count, -1)

    def member_means(self, values: ArrayLike) -> np.ndarray:
        """Each member's mean over its finite replications (NaN where it has none)."""
        grid = self.by_member(values)
        ok = np.isfinite(grid)
        n = ok.sum(axis=1)
        total = np.where(ok, grid, 0.0).sum(axis=1)
        return np.asarray(np.divide(total, n, out=np.full(len(n), np.nan), where=n > 0),
                          float)

    def interval(self, values: ArrayLike) -> Interval:
        """Mean and 95 % interval: over replications without an ensemble (or with one
        member), else parameter and noise uncertainty combined
        (:func:`jobfirst_sim.ensemble_stats.member_interval`)."""
        if self.members is None:
            return t_interval(values)
        positions = np.repeat(np.arange(self.count), self.by_member(values).shape[1])
        return member_interval(np.asarray(values, float).ravel(), positions,
                               self.weights.tolist())

    def mean(self, values: ArrayLike) -> float:
        """The estimate alone: the plain mean of the finite runs without an ensemble (as
        ``explain`` has always taken it), else the weighted mean of the member means."""
        if self.members is None or self.count == 1:
            arr = np.asarray(values, float)
            return float(np.nanmean(arr)) if np.any(np.isfinite(arr)) else float("nan")
        return self.interval(values).mean

    def standard_error(self, values: ArrayLike) -> float:
        """Standard error of the weighted mean of the member means, from their spread
        (0 with one member): what averaging over members leaves uncertain."""
        if self.count == 1:
            return 0.0
        return weighted_se(self.member_means(values), self.weights)


def weighted_se(draws: Sequence[float] | np.ndarray, weights: Sequence[float] | np.ndarray
                ) -> float:
    """Standard error of ``Σ ω_j x_j`` (ω normalised) from the draws' own spread:
    ``√(Σ ω_j² · Σ ω_j (x_j − x̄)² / (1 − Σ ω_j²))``; with equal weights the usual
    ``s / √J``. NaN draws are left out; fewer than two: NaN."""
    x = np.asarray(draws, float)
    w = np.asarray(weights, float)
    ok = np.isfinite(x)
    if ok.sum() < 2:
        return float("nan")
    x, w = x[ok], w[ok] / w[ok].sum()
    est = float((w * x).sum())
    w2 = float((w ** 2).sum())
    spread = float((w * (x - est) ** 2).sum()) / (1.0 - w2)
    return math.sqrt(w2 * spread)
