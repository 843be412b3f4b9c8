"""One interval for parameter and simulation uncertainty together (``--uncertainty parameters``).

Why a rule of its own: with an ensemble, a figure is run under K calibrated parameter sets
(members, weights ``w_k``), each with R replications. Its uncertainty has two parts, and
the interval must hold both (the law of total variance):

* **simulation noise** of the estimate ``Σ w_k m_k`` (``m_k`` member k's mean over its
  replications): ``Σ w_k² s_k² / n_k``;
* **what the trial leaves open**: how far the members' true means spread,
  ``τ² = max(0, Σ w_k (m_k − m̄)² / (1 − Σ w_k²) − Σ w_k s_k² / n_k)``, the weighted spread
  of the member means less the part of it their own noise explains (with equal weights the
  first term is the usual sample variance of the K means).

The interval is ``m̄ ± t · √(τ² + Σ w_k² s_k² / n_k)``, ``t`` the quantile of the pooled
within-member degrees of freedom (``Σ n_k − K``). It is a statement about where the
figure lies given the ensemble, not about the mean over members alone: that would shrink
with K while the parameters stay as uncertain. With one member it is exactly the
noise-only t-interval over replications (:mod:`jobfirst_sim.stats`), so the two options
are one rule; a normal approximation of the spread of member means is the price of
keeping it one rule (docs/decide.md says so).

``probability_better`` is the weighted share of members whose mean lies on the better
side of zero: in how many plausible versions of the model the proposal does better.
Noise in a member's mean blurs it toward one half; with the member counts and
replications the commands use, it is named as such.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from jobfirst_sim.stats import LEVEL, t_quantile


class Combined(NamedTuple):
    """Per group: the estimate, its interval, and the two variances behind it."""

    estimate: np.ndarray
    low: np.ndarray
    high: np.ndarray
    between: np.ndarray
    """τ²: the spread of the members' true means (0 with one member)."""
    noise: np.ndarray
    """The simulation noise variance of the estimate."""
    n: np.ndarray
    """Finite observations (replications over all members)."""


def combine(means: ArrayLike, variances: ArrayLike, counts: ArrayLike, weights: ArrayLike,
            level: float = LEVEL) -> Combined:
    """Combine per-member summaries; every input is ``groups × members`` (``weights`` may be
    one row for all groups). A member with no finite value in a group is left out of that
    group and the others' weights renormalised; a member with one value adds no noise
    estimate (its variance counts as 0), as :mod:`jobfirst_sim.stats` gives one value no
    interval.
    """
    m = np.atleast_2d(np.asarray(means, dtype=float))
    v = np.atleast_2d(np.asarray(variances, dtype=float))
    n = np.atleast_2d(np.asarray(counts, dtype=float))
    w = np.broadcast_to(np.atleast_2d(np.asarray(weights, dtype=float)), m.shape).copy()
    ok = np.isfinite(m) & (n > 0)
    w = np.where(ok, w, 0.0)
    total = w.sum(axis=1, keepdims=True)
    w = np.divide(w, total, out=np.zeros_like(w), where=total > 0)
    m0 = np.where(ok, m, 0.0)
    v0 = np.where(ok & np.isfinite(v), v, 0.0)
    n1 = np.where(ok, n, 1.0)
    est = (w * m0).sum(axis=1)
    noise = (w ** 2 * v0 / n1).sum(axis=1)
    w2 = (w ** 2).sum(axis=1)
    spread = (w * (m0 - est[:, None]) ** 2).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        corrected = np.where(w2 < 1.0, spread / (1.0 - w2), 0.0)
    between = np.maximum(0.0, corrected - (w * v0 / n1).sum(axis=1))
    between = np.where(w2 < 1.0, between, 0.0)
    k = ok.sum(axis=1)
    obs = np.where(ok, n, 0.0).sum(axis=1)
    # the pooled within-member degrees of freedom, as "n" of t_quantile (df = n - 1)
    q = t_quantile(np.maximum(obs - k + 1, np.where(k > 1, k, 0)), level)
    single = (k == 1) & ~np.isfinite(np.where(ok, v, np.nan)).any(axis=1)
    half = q * np.sqrt(between + noise)
    half = np.where(single | (k == 0), np.nan, half)
    est = np.where(k == 0, np.nan, est)
    return Combined(est, est - half, est + half, between, noise, obs)


def probability_better(member_means: ArrayLike, weights: ArrayLike,
                       higher_is_better: bool = True) -> float:
    """The weighted share of members whose mean difference is on the better side of 0
    (a member at exactly 0 counts half: it is neither)."""
    m = np.asarray(member_means, dtype=float)
    w = np.asarray(weights, dtype=float)
    ok = np.isfinite(m)
    if not ok.any():
        return float("nan")
    m, w = m[ok], w[ok] / w[ok].sum()
    better = m > 0 if higher_is_better else m < 0
    return float((w * better).sum() + 0.5 * (w * (m == 0)).sum())
