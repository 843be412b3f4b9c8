"""The statistics of `jobfirst pilot` (decide/power.py and the pilot draws), without the model:
the tests agree with scipy's, the closed form agrees with simulated pilots, the type I error
holds for both units, and the ICC and design effect behave."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from jobfirst_sim.decide.pilot import Cohort, citizen_pilot, detectable_week, team_pilot
from jobfirst_sim.decide.power import (
    cluster_t_test,
    design_effect,
    formula_power,
    icc_anova,
    minimum_detectable_effect,
    z_test,
)


@given(st.integers(0, 50), st.integers(0, 50))
@settings(max_examples=40, deadline=None)
def test_z_test_is_the_uncorrected_chi_square_test(k_a: int, k_b: int):
    """Pooled two-proportion z² is Pearson's χ² without continuity correction."""
    n_a, n_b = 50, 60
    _, p = z_test(np.array([k_a]), n_a, np.array([k_b]), n_b)
    table = np.array([[k_a, n_a - k_a], [k_b, n_b - k_b]])
    if (table.sum(axis=0) == 0).any():
        assert p[0] == 1.0  # all yes or all no: nothing to test
    else:
        expected = stats.chi2_contingency(table, correction=False).pvalue
        assert p[0] == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_cluster_t_test_is_the_equal_variance_t_test():
    rng = np.random.default_rng(1)
    a, b = rng.random((7, 3)), rng.random((6, 3)) + 0.2
    diff, p = cluster_t_test(a, b)
    ref = stats.ttest_ind(b, a, axis=0, equal_var=True)
    np.testing.assert_allclose(p, ref.pvalue, rtol=1e-9)
    np.testing.assert_allclose(diff, b.mean(axis=0) - a.mean(axis=0))


def test_cluster_t_test_needs_two_clusters_per_arm():
    diff, p = cluster_t_test(np.ones((1, 2)), np.zeros((3, 2)))
    assert np.isnan(diff).all() and (p == 1).all()


def test_formula_power_and_mde_are_inverse():
    power = formula_power(0.10, 0.18, 400, 0.05)
    assert 0.5 < power < 0.95
    mde = minimum_detectable_effect(0.10, 400, 0.05, power)
    assert mde == pytest.approx(0.08, abs=1e-5)
    assert minimum_detectable_effect(0.30, 400, 0.05, power, direction=-1) > 0
    assert formula_power(0.2, 0.2, 100, 0.05) == 0.05  # no difference: false alarms only
    assert formula_power(0.1, 0.18, 800, 0.05) > power  # more citizens, more power
    assert np.isnan(minimum_detectable_effect(0.5, 4, 0.05, 0.99))  # nothing reaches it


def _bernoulli_cohort(p_a: float, p_b: float, n: int, seed: int) -> Cohort:
    rng = np.random.default_rng(seed)
    return Cohort(under_a=(rng.random((n, 1)) < p_a), under_b=(rng.random((n, 1)) < p_b),
                  contact=rng.integers(0, n // 50, n))


def test_simulated_citizen_power_agrees_with_the_formula():
    """Many pilots of 400 from a large cohort: within 3 Monte Carlo errors of the formula."""
    pilots, n = 1500, 400
    cohort = _bernoulli_cohort(0.10, 0.18, 50_000, 3)
    p_a, p_b = cohort.under_a.mean(), cohort.under_b.mean()
    rng = np.random.default_rng(4)
    hits = [citizen_pilot(cohort, n, 0.05, np.array([1]), rng).detected[0]
            for _ in range(pilots)]
    expected = formula_power(float(p_a), float(p_b), n, 0.05)
    assert abs(np.mean(hits) - expected) <= 3 * np.sqrt(expected * (1 - expected) / pilots)


def _clustered_cohort(n_clusters: int, size: int, spread: float, seed: int) -> Cohort:
    """Caseloads whose shares differ (beta-distributed around 0.3); the same outcome under
    either design (no effect)."""
    rng = np.random.default_rng(seed)
    contact = np.repeat(np.arange(n_clusters), size)
    share = rng.beta(0.3 / spread, 0.7 / spread, n_clusters)[contact]
    y = (rng.random((contact.size, 1)) < share[:, None])
    return Cohort(under_a=y, under_b=y.copy(), contact=contact)


def test_no_effect_gives_false_alarms_at_alpha_for_both_units():
    """With identical designs each unit's test rejects about alpha of the time (two-sided),
    even with strongly clustered caseloads; the citizen-level test is not fooled there
    because each citizen is randomised on their own."""
    pilots = 1000
    cohort = _clustered_cohort(40, 50, 0.1, 5)
    rng = np.random.default_rng(6)
    zero = np.array([0])
    for kind in (citizen_pilot, team_pilot):
        rate = np.mean([kind(cohort, 800, 0.05, zero, rng).detected[0] for _ in range(pilots)])
        assert rate <= 0.05 + 3 * np.sqrt(0.05 * 0.95 / pilots), kind.__name__


def test_team_pilot_takes_whole_caseloads_until_the_size():
    cohort = _clustered_cohort(10, 30, 0.1, 7)
    draw = team_pilot(cohort, 100, 0.05, np.array([1]), np.random.default_rng(0))
    assert draw.n_clusters == 4 and draw.n_citizens == 120


def test_icc_recovers_clustering_and_design_effect_grows_with_it():
    strong = icc_anova(_clustered_cohort(200, 40, 0.2, 8).under_a, np.repeat(np.arange(200), 40))
    none = icc_anova(_clustered_cohort(200, 40, 1e-6, 9).under_a, np.repeat(np.arange(200), 40))
    assert strong[0] == pytest.approx(0.2 / 1.2, abs=0.04)  # beta spread s: ICC s / (1 + s)
    assert abs(none[0]) < 0.02
    assert design_effect(0.0, 50, 0.3) == 1.0
    assert design_effect(0.02, 51, 0.0) == pytest.approx(2.0)
    assert design_effect(0.02, 51, 0.5) > design_effect(0.02, 51, 0.0)  # unequal caseloads
    assert design_effect(-0.01, 50, 0.0) == 1.0 and design_effect(np.nan, 50, 0.0) == 1.0


@pytest.mark.parametrize(("power", "week"), [
    ([0.1, 0.5, 0.85, 0.9], 12),
    ([0.9, 0.7, 0.85, 0.9], 12),   # a dip: only from the last time it climbs back
    ([0.9, 0.9, 0.9, 0.9], 4),
    ([0.9, 0.9, 0.9, 0.7], None),  # not holding at the horizon: never
])
def test_detectable_week_is_from_where_power_stays_above(power: list[float], week: int | None):
    assert detectable_week([4, 8, 12, 16], np.array(power), 0.8) == week


@given(st.floats(0.02, 0.85), st.floats(0.01, 0.09), st.integers(20, 4000))
@settings(max_examples=60, deadline=None)
def test_formula_power_grows_with_size_and_effect_and_mde_inverts_it(p_a: float, delta: float,
                                                                     n: int):
    power = formula_power(p_a, p_a + delta, n, 0.05)
    assert 0.0 <= power <= 1.0
    assert formula_power(p_a, p_a + delta, 2 * n, 0.05) >= power
    assert formula_power(p_a, p_a + 1.5 * delta, n, 0.05) >= power
    mde = minimum_detectable_effect(p_a, n, 0.05, 0.8)
    if np.isfinite(mde):
        assert formula_power(p_a, p_a + mde, n, 0.05) == pytest.approx(0.8, abs=1e-4)
