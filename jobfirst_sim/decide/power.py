"""The statistics of a two-arm pilot on a yes/no outcome: tests, closed-form power, MDE, ICC.

Why its own module: ``jobfirst pilot`` (:mod:`jobfirst_sim.decide.pilot`) simulates pilots
and analyses each one as the pilot's evaluator would; the closed form is the textbook
check on that simulation. Both need the same few formulas, written once, vectorised over
weeks, and testable without running the model.

* Randomised citizen by citizen: the **two-proportion z-test** with pooled variance
  (Fleiss, Levin & Paik 2003, *Statistical Methods for Rates and Proportions*, §4.2), and
  its power by the normal approximation without continuity correction (ibid. §4.2,
  eq. 4.14).
* Randomised by caseload (cluster randomisation): the **unpaired t-test on cluster
  proportions** with ``k_A + k_B − 2`` degrees of freedom, the analysis Hayes & Moulton
  (2017, *Cluster Randomised Trials*, 2nd ed., §9.2) recommend for few clusters; the
  **ANOVA estimator of the intra-cluster correlation** (Donner & Klar 2000, *Design and
  Analysis of Cluster Randomization Trials in Health Research*, §2.6); and the **design
  effect for unequal cluster sizes** ``1 + ((1 + cv²) m̄ − 1) ρ`` (Eldridge, Ashby & Kerry
  2006, Int. J. Epidemiol. 35:1292).
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import brentq
from scipy.special import ndtr, ndtri, stdtr


def z_test(k_a: np.ndarray, n_a: int, k_b: np.ndarray, n_b: int) -> tuple[np.ndarray, np.ndarray]:
    """Two-proportion z-test (pooled variance) of ``k_b / n_b`` against ``k_a / n_a``.

    Returns ``(difference p_b − p_a, two-sided p-value)`` elementwise (per week). Where
    both groups are all-no or all-yes the difference is 0 and the p-value 1: nothing to
    detect.
    """
    k_a, k_b = np.asarray(k_a, float), np.asarray(k_b, float)
    diff = k_b / n_b - k_a / n_a
    pooled = (k_a + k_b) / (n_a + n_b)
    se = np.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(se > 0, diff / se, 0.0)
    return diff, 2 * ndtr(-np.abs(z))


def cluster_t_test(props_a: np.ndarray, props_b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unpaired equal-variance t-test on cluster proportions (clusters × weeks arrays).

    Returns ``(difference of mean cluster proportions b − a, two-sided p-value)`` per week.
    Fewer than two clusters in an arm: no test (difference NaN, p-value 1). Clusters that
    all agree within each arm (zero variance): p-value 0 if the arms differ, else 1.
    """
    k_a, k_b = props_a.shape[0], props_b.shape[0]
    weeks = props_a.shape[1] if props_a.ndim == 2 else props_b.shape[1]
    if k_a < 2 or k_b < 2:
        return np.full(weeks, np.nan), np.ones(weeks)
    diff = props_b.mean(axis=0) - props_a.mean(axis=0)
    df = k_a + k_b - 2
    pooled = (props_a.var(axis=0, ddof=1) * (k_a - 1)
              + props_b.var(axis=0, ddof=1) * (k_b - 1)) / df
    se = np.sqrt(pooled * (1 / k_a + 1 / k_b))
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(se > 0, diff / se, np.where(diff != 0, np.inf, 0.0))
    return diff, 2 * stdtr(df, -np.abs(t))


def formula_power(p_a: float, p_b: float, n: float, alpha: float) -> float:
    """Power of the two-sided two-proportion z-test with ``n`` citizens split in halves.

    Normal approximation (Fleiss et al. 2003, eq. 4.14, without continuity correction):
    ``Φ((|Δ| − z₁₋α/₂ √(2 p̄ q̄ / m)) / √((p_a q_a + p_b q_b) / m))`` with ``m = n / 2`` per
    arm; the far tail is left out. ``p_a == p_b``: the chance of a (false) detection, α.
    """
    if not (np.isfinite(p_a) and np.isfinite(p_b)) or n <= 0:
        return float("nan")
    delta = abs(p_b - p_a)
    if delta == 0:
        return alpha
    m = n / 2
    p_bar = (p_a + p_b) / 2
    null_sd = np.sqrt(2 * p_bar * (1 - p_bar) / m)
    alt_sd = np.sqrt((p_a * (1 - p_a) + p_b * (1 - p_b)) / m)
    z = ndtri(1 - alpha / 2)
    if alt_sd == 0:  # 0 % against 100 %: every pilot sees the same, certain difference
        return float(delta > z * null_sd)
    return float(ndtr((delta - z * null_sd) / alt_sd))


def minimum_detectable_effect(p_a: float, n: float, alpha: float, power: float,
                              direction: int = 1) -> float:
    """The smallest difference (as a positive share) that a pilot of ``n`` citizens split
    in halves detects with probability ``power``, starting from ``p_a``.

    Solves :func:`formula_power` for the effect in the model's ``direction`` (+1: B
    raises the share, −1: lowers it; 0 counts as +1). NaN when no effect within [0, 1]
    reaches the power (too few citizens, or ``p_a`` at the edge).
    """
    if not np.isfinite(p_a) or n <= 0:
        return float("nan")
    room = (1 - p_a) if direction >= 0 else p_a
    sign = 1 if direction >= 0 else -1

    def gap(delta: float) -> float:
        return formula_power(p_a, p_a + sign * delta, n, alpha) - power

    if room <= 1e-9 or gap(room) < 0:
        return float("nan")
    return float(brentq(gap, 1e-9, room, xtol=1e-7))


def icc_anova(y: np.ndarray, clusters: np.ndarray) -> np.ndarray:
    """ANOVA estimate of the intra-cluster correlation of yes/no outcomes, per week.

    ``y`` is citizens × weeks (bool or 0/1), ``clusters`` each citizen's cluster label.
    ``ρ = (MSB − MSW) / (MSB + (m₀ − 1) MSW)`` with ``m₀ = (N − Σ m_i² / N) / (k − 1)``
    (Donner & Klar 2000, §2.6). NaN with fewer than two clusters or no variation.
    """
    labels, inv, sizes = np.unique(clusters, return_inverse=True, return_counts=True)
    k, n = labels.size, y.shape[0]
    if k < 2 or n <= k:
        return np.full(y.shape[1], np.nan)
    yf = np.asarray(y, float)
    sums = np.zeros((k, yf.shape[1]))
    np.add.at(sums, inv, yf)
    means = sums / sizes[:, None]
    grand = yf.mean(axis=0)
    msb = (sizes[:, None] * (means - grand) ** 2).sum(axis=0) / (k - 1)
    msw = ((yf - means[inv]) ** 2).sum(axis=0) / (n - k)
    m0 = (n - (sizes ** 2).sum() / n) / (k - 1)
    denom = msb + (m0 - 1) * msw
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denom > 0, (msb - msw) / denom, np.nan)


def design_effect(icc: float, mean_size: float, cv_size: float) -> float:
    """Variance inflation of cluster randomisation: ``1 + ((1 + cv²) m̄ − 1) ρ``.

    Eldridge, Ashby & Kerry (2006): with unequal caseloads (coefficient of variation
    ``cv_size``) clusters cost more than their mean size says. A negative or missing ICC
    (no clustering detectable) counts as 0, so the effect is never below 1.
    """
    rho = max(icc, 0.0) if np.isfinite(icc) else 0.0
    return float(1 + ((1 + cv_size ** 2) * mean_size - 1) * rho)
