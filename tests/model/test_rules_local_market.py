"""The local labour market of a municipality (rules/local_market.py): invariants of each
rule as hypothesis properties, and that each input acts on the company pool it draws."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from rule_strategies import N, small_settings, units
from small import small_trial

from jobfirst_sim.model.population import build_companies, municipal_demand
from jobfirst_sim.model.rules import local_market

index = st.floats(0.2, 5.0, allow_nan=False, allow_subnormal=False)
indices = arrays(np.float64, N, elements=index)
rates = arrays(np.float64, N, elements=st.floats(0.5, 30.0, allow_nan=False))
counts = arrays(np.int64, N, elements=st.integers(0, 5000))


@small_settings
@given(counts, indices, st.floats(1.0, 200.0), st.floats(1.0, 3.0))
def test_pool_grows_with_density_and_has_a_floor(citizens, density, per_100, factor):
    k = local_market.company_pool_size(citizens=citizens, companies_per_100_citizens=per_100,
                                       firm_density=density)
    assert k.dtype == np.int64 and (k >= 5).all()
    more = local_market.company_pool_size(citizens=citizens, companies_per_100_citizens=per_100,
                                          firm_density=density * factor)
    assert (more >= k).all()
    flat = local_market.company_pool_size(citizens=citizens, companies_per_100_citizens=per_100,
                                          firm_density=np.ones(N))
    assert (flat == np.maximum(5, np.rint(per_100 * citizens / 100.0))).all()


@small_settings
@given(units, indices, st.floats(1.05, 3.0))
def test_task_level_in_range_and_falls_with_entry_jobs(u, share, factor):
    lv = local_market.entry_task_level(u=u, entry_job_share=share)
    assert ((lv >= 0) & (lv <= 1)).all()
    simpler = local_market.entry_task_level(u=u, entry_job_share=share * factor)
    assert (simpler <= lv + 1e-12).all()
    np.testing.assert_array_equal(local_market.entry_task_level(u=u, entry_job_share=np.ones(N)),
                                  u)


@small_settings
@given(units, indices)
def test_openness_is_a_probability_and_monotone(openness, idx):
    out = local_market.local_openness(openness=openness, company_openness=idx)
    assert ((out >= 0) & (out <= 1)).all()
    higher = local_market.local_openness(openness=openness, company_openness=idx * 1.5)
    assert (higher >= out).all()
    np.testing.assert_array_equal(
        local_market.local_openness(openness=openness, company_openness=np.ones(N)), openness)


@small_settings
@given(indices, rates, st.floats(0.5, 20.0), st.floats(0.0, 2.0))
def test_demand_positive_falls_with_unemployment_and_ignores_unknown(base, rate, national, el):
    kw = dict(national_unemployment_rate=national, demand_elasticity=el)
    d = local_market.local_demand(labour_demand=base, unemployment_rate=rate, **kw)
    assert (d > 0).all()
    worse = local_market.local_demand(labour_demand=base, unemployment_rate=rate * 1.5, **kw)
    assert (worse <= d + 1e-12).all()
    unknown = local_market.local_demand(labour_demand=base, unemployment_rate=np.full(N, np.nan),
                                        **kw)
    np.testing.assert_allclose(unknown, base)
    at_national = local_market.local_demand(labour_demand=base,
                                            unemployment_rate=np.full(N, national), **kw)
    np.testing.assert_allclose(at_national, base)


def _two_places(**b: object) -> dict[str, object]:
    a = {"name": "A", "weight": 1}
    return {"municipalities": [a, {"name": "B", "weight": 1, **b}]}


def test_each_input_acts_on_the_company_pool():
    """Two municipalities of equal size, B differing in one input at a time: B's pool is
    larger, simpler, more open, or has more room to pay hours, as the input says."""
    def pool(**b: object):
        sc = small_trial(n_kh=200, n_rf=0, **_two_places(**b))
        co = build_companies(sc, 7, 0)
        return sc, co, co.municipality == 0, co.municipality == 1

    _, co, a, b = pool(firm_density=2.0)
    assert b.sum() > 1.8 * a.sum()
    _, co, a, b = pool(entry_job_share=3.0)
    assert co.task_level[b].mean() < co.task_level[a].mean() - 0.15
    _, co, a, b = pool(company_openness=0.5)
    assert co.openness[b].mean() < 0.7 * co.openness[a].mean()
    sc, co, a, b = pool(unemployment_rate=2.0)
    demand = municipal_demand(sc)
    assert demand[1] > demand[0] == 1.0
    assert co.economic_room[b].mean() > co.economic_room[a].mean()


def test_defaults_leave_the_pool_as_before():
    """Neutral inputs (all indices 1, no rate) draw the very same pool as a municipality that
    names none of them: the rules are identities there, and the draws keep their order."""
    plain = build_companies(small_trial(n_kh=200, n_rf=0, **_two_places()), 7, 0)
    neutral = build_companies(small_trial(n_kh=200, n_rf=0, **_two_places(
        firm_density=1.0, entry_job_share=1.0, company_openness=1.0,
        unemployment_rate=4.2)), 7, 0)
    for name in ("municipality", "sector", "tasks", "task_level", "openness",
                 "economic_room"):
        np.testing.assert_array_equal(getattr(plain, name), getattr(neutral, name))


def test_a_tighter_local_market_gives_more_hours_in_a_run():
    """Model level: two municipalities alike but for their unemployment (2.1 % against
    8.4 %, room factor 1.41 against 0.71): more citizens get ordinary hours where the
    market is tight, in both arms together, over two replications."""
    from jobfirst_sim.model.jobcentre import JobcentreModel
    from jobfirst_sim.model.observe.tables import citizen_frame

    sc = small_trial(n_kh=300, n_rf=0, weeks=60, **{"municipalities": [
        {"name": "Slack", "weight": 1, "unemployment_rate": 8.4},
        {"name": "Tight", "weight": 1, "unemployment_rate": 2.1}]})
    frames = []
    for r in range(2):
        model = JobcentreModel(sc, 11, r, agents=False)
        model.run_model()
        frames.append(citizen_frame(model))
    ever = pd.concat(frames).groupby("municipality")["ever_hours"].mean()
    assert ever["Tight"] > ever["Slack"] + 0.02
