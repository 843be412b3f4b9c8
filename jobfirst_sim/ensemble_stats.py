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

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from jobfirst_sim.stats import LEVEL, Interval, Ratio, t_interval, t_quantile


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


def fieller_members(x: ArrayLike, y: ArrayLike, member: ArrayLike, weights: ArrayLike,
                    level: float = LEVEL) -> Ratio:
    """Fieller's interval of ``Σ w_k x̄_k / Σ w_k ȳ_k`` from paired per-run values ``x``,
    ``y`` of members ``member`` (positions into ``weights``), with the law of total
    covariance in place of the noise-only covariance.

    Why Fieller on the ensemble's means and not an interval of per-member ratios: the
    ratio a budget needs is the expected extra cost over the expected extra citizens (a
    mean of per-member ratios is not that, and one member whose gain is near 0 would
    carry it anywhere); the members' spread enters as the between-member covariance of
    ``(x̄_k, ȳ_k)`` (as :func:`combine` for one figure: the weighted spread less the part
    of it the members' own noise explains, each variance at least 0), added to the noise
    covariance of the estimate. The ratio is not defined when the denominator's combined
    interval includes 0, exactly as under noise. One member gives the noise-only Fieller
    interval (:func:`jobfirst_sim.stats.fieller_interval`) up to rounding.
    """
    xa, ya = np.asarray(x, dtype=float).ravel(), np.asarray(y, dtype=float).ravel()
    ma = np.asarray(member).ravel()
    w_all = np.asarray(weights, dtype=float)
    ok = np.isfinite(xa) & np.isfinite(ya)
    xa, ya, ma = xa[ok], ya[ok], ma[ok]
    nan = float("nan")
    members = sorted({int(k) for k in ma})
    if not members:
        return Ratio(nan, nan, nan, 0, False)
    sx = float(np.abs(xa).max()) or 1.0
    sy = float(np.abs(ya).max()) or 1.0
    means, covs, counts = [], [], []
    for k in members:
        pick = ma == k
        xy = np.vstack([xa[pick] / sx, ya[pick] / sy])
        counts.append(float(pick.sum()))
        means.append(xy.mean(axis=1))
        covs.append(np.cov(xy, ddof=1) if pick.sum() > 1 else np.zeros((2, 2)))
    m, c, n = np.array(means), np.array(covs), np.array(counts)
    w = w_all[members] / w_all[members].sum()
    est = (w[:, None] * m).sum(axis=0)
    estimate = est[0] / est[1] * sx / sy if est[1] != 0 else nan
    obs = int(n.sum())
    if obs - len(members) < 1:
        return Ratio(estimate, nan, nan, obs, False)
    noise = (w[:, None, None] ** 2 * c / n[:, None, None]).sum(axis=0)
    w2 = float((w ** 2).sum())
    between = np.zeros((2, 2))
    if w2 < 1.0:
        d = m - est
        spread = (w[:, None, None] * d[:, :, None] * d[:, None, :]).sum(axis=0) / (1 - w2)
        between = spread - (w[:, None, None] * c / n[:, None, None]).sum(axis=0)
        between[0, 0], between[1, 1] = max(between[0, 0], 0.0), max(between[1, 1], 0.0)
        bound = float(np.sqrt(between[0, 0] * between[1, 1]))
        between[0, 1] = between[1, 0] = float(np.clip(between[0, 1], -bound, bound))
    v = between + noise
    t2 = float(t_quantile(obs - len(members) + 1, level)) ** 2
    a = est[1] ** 2 - t2 * v[1, 1]
    if a <= 0:
        return Ratio(estimate, nan, nan, obs, False)
    b = est[0] * est[1] - t2 * v[0, 1]
    cc = est[0] ** 2 - t2 * v[0, 0]
    root = float(np.sqrt(max(b * b - a * cc, 0.0)))
    scale = sx / sy
    return Ratio(estimate, min((b - root) / a * scale, estimate),
                 max((b + root) / a * scale, estimate),
                 obs, True)


def per_member(values: ArrayLike, member: ArrayLike, members: Sequence[int]
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each member's mean, variance (ddof 1) and count of its finite ``values`` (``member``
    says whose each value is; NaN mean and count 0 for a member without one): the
    per-member summaries :func:`combine` takes."""
    x_all = np.asarray(values, dtype=float)
    owner = np.asarray(member)
    means, var, n = (np.full(len(members), np.nan), np.full(len(members), np.nan),
                     np.zeros(len(members)))
    for i, k in enumerate(members):
        x = x_all[(owner == k) & np.isfinite(x_all)]
        n[i] = x.size
        if x.size:
            means[i] = x.mean()
        if x.size > 1:
            var[i] = x.var(ddof=1)
    return means, var, n


def member_interval(values: ArrayLike, member: ArrayLike, weights: Sequence[float],
                    level: float = LEVEL) -> Interval:
    """Mean and interval of one figure's per-run ``values`` (``member``: each run's member
    position, 0..K-1; ``weights`` by position). With one member it is
    :func:`jobfirst_sim.stats.t_interval` itself, so a one-member ensemble gives the
    noise-only numbers to the last bit (``combine`` is the same rule but takes the square
    root in another order)."""
    if len(weights) == 1:
        return t_interval(values, level)
    means, var, n = per_member(values, member, range(len(weights)))
    got = combine(means[None, :], var[None, :], n[None, :],
                  np.asarray(weights, dtype=float)[None, :], level)
    return Interval(float(got.estimate[0]), float(got.low[0]), float(got.high[0]),
                    int(got.n[0]))
