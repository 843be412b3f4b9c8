"""The local labour market a municipality's jobcentre works in [M §4, §6].

Why rules of their own: the trial's municipalities differed a lot, and the evaluation names
local conditions among the reasons [M §6]. Each municipality's company pool is therefore
drawn from its own inputs (``scenario.schema.Municipality``): how many workplaces it has
for its size (``firm_density``), how much of its employment is in industries with
low-skilled entry jobs (``entry_job_share``), how often its companies say yes
(``company_openness``) and how much room its labour market leaves to pay hours
(``labour_demand`` and ``unemployment_rate``). Each input is an index or a published
figure, never a value chosen per municipality to fit its result; the rules below are the
only place they enter the model (``model/population.py`` ``build_companies`` and
``model/world.py``).
"""

from __future__ import annotations

import numpy as np

from jobfirst_sim.model.state import F, I


def company_pool_size(*, citizens: I, companies_per_100_citizens: float, firm_density: F
                      ) -> I:
    """Companies the jobcentre can reach in each municipality.

    ``companies_per_100_citizens`` per 100 programme citizens at the national firm density,
    scaled by the municipality's ``firm_density`` (its workplaces per 1,000 inhabitants over
    the national figure): where there are more workplaces for the same people, more
    companies are within reach. At least 5, so a tiny municipality still has a market.
    """
    k = np.rint(companies_per_100_citizens * np.asarray(citizens, float) / 100.0
                * np.asarray(firm_density, float))
    out: I = np.maximum(5, k).astype(np.int64)
    return out


def entry_task_level(*, u: F, entry_job_share: F) -> F:
    """A company's task level (0 simple – 1 demanding) from a uniform draw ``u``.

    ``u ** entry_job_share``: at the national industry mix (index 1) the level is uniform,
    as before; where a larger share of employment is in industries with low-skilled entry
    jobs (index > 1) the levels lean towards simple tasks (mean ``1 / (1 + index)``), where
    it is smaller, towards demanding ones. Monotone in the index, so the direction is the
    only assumption (documented prior: no study sizes the mapping).
    """
    out: F = np.clip(np.asarray(u, float), 0.0, 1.0) ** np.asarray(entry_job_share, float)
    return out


def local_openness(*, openness: F, company_openness: F) -> F:
    """A company's chance to say yes to a placement: its drawn ``openness`` times the
    municipality's ``company_openness`` index (1 = the national level), kept in [0, 1]."""
    out: F = np.clip(np.asarray(openness, float) * np.asarray(company_openness, float),
                     0.0, 1.0)
    return out


def local_demand(*, labour_demand: F, unemployment_rate: F, national_unemployment_rate: float,
                 demand_elasticity: float) -> F:
    """The municipality's room to pay hours, relative to the national level.

    ``labour_demand × (national rate / local rate) ** demand_elasticity``: a municipality
    whose unemployment is below the national rate has a tighter labour market and more
    room to pay hours. Where the rate is unknown (NaN) the factor is 1, so
    ``labour_demand`` alone stands, as in scenarios that give no rate. Always > 0.
    """
    rate = np.asarray(unemployment_rate, float)
    known = np.isfinite(rate) & (rate > 0)
    ratio = np.where(known, national_unemployment_rate / np.where(known, rate, 1.0), 1.0)
    out: F = np.asarray(labour_demand, float) * ratio ** demand_elasticity
    return out
