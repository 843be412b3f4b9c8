"""Means and 95 % t-intervals over replications, and paired differences: one rule.

Why one module: the summary, the report's bands and error bars, the sweep tables and the
lever effects of ``explain`` all describe the same thing (a replication is one independent
observation; the interval is a Student t-interval over replications), so the rule is
written once and tested once. Where the code had three copies they disagreed for fewer
than two replications; here there is one behaviour:

* no finite value: mean and both bounds are NaN;
* one finite value: the mean is that value and both bounds are NaN (an interval cannot be
  estimated from one replication; a zero-width interval would claim certainty);
* two or more: ``mean ± t(level, n − 1) × sd / √n``.

A paired difference is the interval of the per-replication differences ``b − a`` of two
designs run on the same seeds (common random numbers), which is what makes it narrow.

One more rule, for a different kind of number: a *share of sampled citizens* (the ~400
citizens of the journeys sample, or the panel, counted in one subgroup) is a proportion of
``k`` successes in ``n`` people, not a mean over replications. Its interval is the Wilson
score interval (:func:`wilson_interval`): unlike the textbook ``p ± z√(p(1−p)/n)`` it stays
inside [0, 1] and does not collapse to zero width when ``k`` is 0 or ``n``.

A *ratio of two paired means* (kroner per extra citizen with hours: Δ cost / Δ citizens)
gets Fieller's interval (:func:`fieller_interval`): the set of ratios ``θ`` for which the
per-replication values ``x − θ·y`` have a t-interval containing 0. Unlike the delta
method it is exact for normal means and honest about a denominator that may be 0: when the
denominator's own t-interval includes 0 the set is unbounded, and the ratio is reported
as not defined rather than given a finite interval it does not have.

The t quantile comes from :func:`scipy.special.stdtrit` (the same number as
``scipy.stats.t.ppf``) because importing ``scipy.stats`` costs about half a second of every
``jobfirst run``; even ``scipy.special`` is imported only when a quantile is needed, and the
normal quantile of the Wilson interval comes from :class:`statistics.NormalDist`.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import NormalDist
from typing import NamedTuple

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

LEVEL = 0.95
"""Confidence level of every interval the project reports."""


class Interval(NamedTuple):
    """A mean with its two-sided t-interval and the number of finite observations."""

    mean: float
    low: float
    high: float
    n: int


def t_quantile(n: ArrayLike, level: float = LEVEL) -> np.ndarray:
    """Two-sided t quantile for ``n`` observations (NaN where ``n < 2``)."""
    arr = np.asarray(n, dtype=float)
    out = np.full(arr.shape, np.nan)
    ok = arr >= 2
    if ok.any():
        # imported here: scipy.special costs ~0.1-0.2 s of every command, and a run of
        # one replication (the first minute) never needs a t quantile
        from scipy.special import stdtrit

        out[ok] = stdtrit(arr[ok] - 1, 0.5 + level / 2)
    return out


def wilson_interval(
    successes: ArrayLike, n: ArrayLike, level: float = LEVEL
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Share ``k / n`` of a sample with its Wilson score interval, elementwise.

    ``low, high = (p + z²/2n ∓ z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)`` with ``z`` the normal
    quantile of ``level``; both bounds lie in [0, 1] and around ``p``. Where ``n`` is 0 (no
    one in the group) share and bounds are NaN. Returns ``(share, low, high)`` as arrays.
    """
    k = np.asarray(successes, dtype=float)
    m = np.asarray(n, dtype=float)
    if np.any(k < 0) or np.any(k > m):
        raise ValueError("successes must lie between 0 and n")
    ok = m > 0
    safe = np.where(ok, m, 1.0)
    p = np.where(ok, k / safe, np.nan)
    z = NormalDist().inv_cdf(0.5 + level / 2)  # the standard library's; no scipy import
    z2 = z * z
    centre = (p + z2 / (2 * safe)) / (1 + z2 / safe)
    half = z * np.sqrt(p * (1 - p) / safe + z2 / (4 * safe * safe)) / (1 + z2 / safe)
    low = np.where(ok, np.clip(centre - half, 0.0, 1.0), np.nan)
    high = np.where(ok, np.clip(centre + half, 0.0, 1.0), np.nan)
    return p, np.minimum(low, p), np.maximum(high, p)


def t_interval(values: Sequence[float] | ArrayLike, level: float = LEVEL) -> Interval:
    """Mean and two-sided t-interval of independent values (module docstring for n < 2)."""
    arr = np.asarray(values, dtype=float).ravel()
    arr = arr[np.isfinite(arr)]
    if arr.size == 0:
        return Interval(float("nan"), float("nan"), float("nan"), 0)
    mean = float(arr.mean())
    if arr.size < 2:
        return Interval(mean, float("nan"), float("nan"), 1)
    half = float(t_quantile(arr.size, level)) * float(arr.std(ddof=1)) / float(np.sqrt(arr.size))
    return Interval(mean, mean - half, mean + half, int(arr.size))


def paired_difference(
    a: Sequence[float] | ArrayLike, b: Sequence[float] | ArrayLike, level: float = LEVEL
) -> Interval:
    """Interval of ``b − a`` paired by position (replication); pairs with a NaN are dropped."""
    x = np.asarray(a, dtype=float).ravel()
    y = np.asarray(b, dtype=float).ravel()
    if x.shape != y.shape:
        raise ValueError(f"paired values differ in length: {x.size} and {y.size}")
    return t_interval(y - x, level)


class Ratio(NamedTuple):
    """A ratio of two means with its Fieller interval; ``defined`` is False (and the bounds
    NaN) when the denominator's interval includes 0 or there are fewer than two pairs."""

    estimate: float
    low: float
    high: float
    n: int
    defined: bool


def fieller_interval(
    x: Sequence[float] | ArrayLike, y: Sequence[float] | ArrayLike, level: float = LEVEL
) -> Ratio:
    """Fieller's interval of ``mean(x) / mean(y)`` from paired values (pairs with a NaN
    dropped).

    Solves ``(x̄ − θȳ)² = t² (s_xx − 2θ s_xy + θ² s_yy) / n`` for ``θ`` with ``t`` the
    two-sided quantile of ``n − 1`` degrees of freedom: the roots bound the interval when
    ``ȳ² > t² s_yy / n``, which is exactly when the t-interval of ``y`` excludes 0.
    Otherwise the confidence set is unbounded and ``defined`` is False.
    """
    xa = np.asarray(x, dtype=float).ravel()
    ya = np.asarray(y, dtype=float).ravel()
    if xa.shape != ya.shape:
        raise ValueError(f"paired values differ in length: {xa.size} and {ya.size}")
    ok = np.isfinite(xa) & np.isfinite(ya)
    xa, ya = xa[ok], ya[ok]
    n = int(xa.size)
    nan = float("nan")
    if n == 0:
        return Ratio(nan, nan, nan, 0, False)
    mx, my = float(xa.mean()), float(ya.mean())
    estimate = mx / my if my != 0 else nan
    if n < 2:
        return Ratio(estimate, nan, nan, n, False)
    # the interval scales with x / y: solve on values of order 1, so that products of very
    # small or very large amounts (kroner, or 1e-300) neither underflow nor overflow
    sx = float(np.abs(xa).max()) or 1.0
    sy = float(np.abs(ya).max()) or 1.0
    scaled = _fieller(xa / sx, ya / sy, n, level)
    k = sx / sy
    if not scaled.defined:
        return Ratio(estimate, nan, nan, n, False)
    # when bounded the set always holds the estimate; keep it so against rounding (ulps)
    return Ratio(estimate, min(scaled.low * k, estimate), max(scaled.high * k, estimate), n,
                 True)


def _fieller(xa: np.ndarray, ya: np.ndarray, n: int, level: float) -> Ratio:
    """Fieller's bounds for values of order 1 (:func:`fieller_interval`)."""
    nan = float("nan")
    mx, my = float(xa.mean()), float(ya.mean())
    estimate = mx / my if my != 0 else nan
    cov = np.cov(xa, ya, ddof=1) / n  # variances and covariance of the two means
    t2 = float(t_quantile(n, level)) ** 2
    a = my * my - t2 * float(cov[1, 1])
    if a <= 0:
        return Ratio(estimate, nan, nan, n, False)
    b = mx * my - t2 * float(cov[0, 1])
    c = mx * mx - t2 * float(cov[0, 0])
    root = float(np.sqrt(max(b * b - a * c, 0.0)))
    return Ratio(estimate, (b - root) / a, (b + root) / a, n, True)


def summarise_groups(
    df: pd.DataFrame, by: list[str], value: str, level: float = LEVEL
) -> pd.DataFrame:
    """Mean and interval of ``value`` over replications within groups ``by``.

    One row per replication × group in, one row per group out with ``mean``, ``ci_low``,
    ``ci_high`` and ``n``; the same rule as :func:`t_interval`, vectorised (one groupby,
    one quantile call) because the weekly tables have hundreds of groups per figure.
    """
    cols = [*by, "mean", "ci_low", "ci_high", "n"]
    if df.empty:
        return pd.DataFrame(columns=cols)
    v = pd.to_numeric(df[value], errors="coerce").astype(float)
    v = v.where(np.isfinite(v))
    g = v.groupby([df[c] for c in by], sort=False, dropna=False)
    out = g.agg(["mean", "std", "count"]).reset_index()
    out.columns = pd.Index([*by, "mean", "sd", "n"])
    n = out["n"].to_numpy(dtype=float)
    half = t_quantile(n, level) * out["sd"].to_numpy(dtype=float) / np.sqrt(np.maximum(n, 1))
    out["ci_low"] = out["mean"] - half
    out["ci_high"] = out["mean"] + half
    out["n"] = out["n"].astype(int)
    return out[cols]
