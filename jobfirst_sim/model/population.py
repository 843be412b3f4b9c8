"""Builders of the citizens and companies of a scenario.

Why separate from the model: building a population is I/O-free, random and checked on its
own (sizes add up, attributes in range). The draws come from streams keyed by the
replication only, so every design of a sweep meets the same people and companies.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy import special

from jobfirst_sim.model.rules import employer, local_market, transition
from jobfirst_sim.model.rules.hours import task_hours
from jobfirst_sim.model.seeds import COMPANIES, POPULATION, generator
from jobfirst_sim.model.state import Citizens, Companies, Purpose, Stage, Status
from jobfirst_sim.scenario.calendar import DurationBand
from jobfirst_sim.scenario.schema import BENEFITS, Beta, Scenario


def allocate(total: int, weights: np.ndarray) -> np.ndarray:
    """Split ``total`` into integer parts proportional to ``weights`` (largest remainder).

    Deterministic, so arm and group sizes are exactly the scenario's.
    """
    w = np.asarray(weights, dtype=float)
    quota = total * w / w.sum()
    base: NDArray[np.int64] = np.floor(quota).astype(np.int64)
    rest = total - int(base.sum())
    order = np.argsort(-(quota - base), kind="stable")
    base[order[:rest]] += 1
    return base


def draw_beta(rng: np.random.Generator, spec: Beta, n: int) -> np.ndarray:
    """Draw ``n`` values of a Beta given by mean and concentration."""
    a = spec.mean * spec.concentration
    b = (1.0 - spec.mean) * spec.concentration
    return rng.beta(a, b, n)


def draw_barriers(rng: np.random.Generator, physical: Beta, mental: Beta, correlation: float,
                  n: int) -> tuple[np.ndarray, np.ndarray]:
    """Physical and mental barriers of ``n`` citizens: each Beta as given, correlated by a
    Gaussian copula with ``correlation``.

    Why a copula: multiple, complex problems (ressourceforløb, LAB § 68 a) mean the two
    barriers co-occur, while each group's spread of each barrier stays what its profile
    says. With no correlation the draws are the plain Beta draws, one after the other.
    """
    if correlation <= 0.0:
        return draw_beta(rng, physical, n), draw_beta(rng, mental, n)
    z = rng.standard_normal((2, n))
    z[1] = correlation * z[0] + np.sqrt(1.0 - correlation**2) * z[1]
    u = np.clip(special.ndtr(z), 1e-12, 1.0 - 1e-12)
    out = []
    for spec, ui in ((physical, u[0]), (mental, u[1])):
        a = spec.mean * spec.concentration
        out.append(special.betaincinv(a, spec.concentration - a, ui))
    return out[0], out[1]


def cell_counts(scenario: Scenario) -> np.ndarray:
    """Citizens per (municipality, arm, benefit) as an int array of that shape."""
    weights = np.array([m.weight for m in scenario.municipalities])
    out = np.zeros((len(scenario.municipalities), len(scenario.arms), len(BENEFITS)), np.int64)
    for a, arm in enumerate(scenario.arms):
        for b, benefit in enumerate(BENEFITS):
            out[:, a, b] = allocate(arm.citizens.get(benefit, 0), weights)
    return out


def inflow_weeks(rate: float, horizon: int) -> np.ndarray:
    """Arrival week of each of ``rate`` citizens a week over weeks 0 .. ``horizon`` − 1.

    Whole citizens every week by cumulative rounding: by the end of week ``k`` there have
    been ``round(rate * (k + 1))`` arrivals, so the total is exactly ``round(rate *
    horizon)`` and the arrivals are spread as evenly as whole citizens allow.
    """
    cum = np.floor(rate * np.arange(horizon + 1) + 0.5).astype(np.int64)
    out: np.ndarray = np.repeat(np.arange(horizon, dtype=np.int64), np.diff(cum))
    return out


def inflow_counts(scenario: Scenario) -> np.ndarray:
    """Inflow citizens per (municipality, arm, benefit) over the whole horizon."""
    weights = np.array([m.weight for m in scenario.municipalities])
    out = np.zeros((len(scenario.municipalities), len(scenario.arms), len(BENEFITS)), np.int64)
    if scenario.calendar is None:
        return out
    h = scenario.calendar.horizon_weeks
    for a, arm in enumerate(scenario.arms):
        for b, benefit in enumerate(BENEFITS):
            out[:, a, b] = allocate(inflow_weeks(arm.inflow_per_week.get(benefit, 0.0), h).size,
                                    weights)
    return out


def draw_weeks_on_benefit(rng: np.random.Generator, bands: tuple[DurationBand, ...], n: int
                          ) -> np.ndarray:
    """Time on benefit at week 0 of ``n`` stock citizens: a band by its share, then a whole
    week uniformly within it."""
    share = np.array([b.share for b in bands])
    pick = rng.choice(len(bands), n, p=share / share.sum())
    lo = np.array([b.min_weeks for b in bands])[pick]
    hi = np.array([b.max_weeks for b in bands])[pick]
    out: np.ndarray = lo + np.floor(rng.random(n) * (hi - lo)).astype(np.int64)
    return out


def _draw_cells(scenario: Scenario, counts: np.ndarray, rng: np.random.Generator
                ) -> dict[str, np.ndarray]:
    """Attributes of the citizens per (municipality, arm, benefit) count, randomised to arms
    within municipality; start weeks spread over the trial's intake weeks."""
    n_sectors = len(scenario.labour_market.sectors)
    sector_p = np.array([s.weight for s in scenario.labour_market.sectors])
    sector_p = sector_p / sector_p.sum()
    pop = scenario.population
    parts: dict[str, list[np.ndarray]] = {}

    def add(name: str, values: np.ndarray) -> None:
        parts.setdefault(name, []).append(values)

    for m in range(counts.shape[0]):
        for b, benefit in enumerate(BENEFITS):
            per_arm = counts[m, :, b]
            n = int(per_arm.sum())
            if n == 0:
                continue
            prof = pop.profile(benefit)
            # randomisation within municipality: shuffle arm labels over the cell
            arms = rng.permutation(np.repeat(np.arange(len(per_arm)), per_arm))
            add("arm", arms)
            add("benefit", np.full(n, b))
            add("municipality", np.full(n, m))
            add("age", np.clip(rng.normal(prof.age_mean, prof.age_sd, n), prof.age_min, 66.0))
            add("female", rng.random(n) < prof.female_share)
            add("immigrant", rng.random(n) < prof.immigrant_share)
            add("start_week", rng.integers(0, pop.intake_weeks, n))
            wish = rng.choice(n_sectors, n, p=sector_p)
            same = rng.random(n) < 0.5
            add("wish_sector", wish)
            add("skill_sector", np.where(same, wish, rng.choice(n_sectors, n, p=sector_p)))
            physical, mental = draw_barriers(rng, prof.physical_barrier, prof.mental_barrier,
                                             prof.barrier_correlation, n)
            add("physical_barrier", physical)
            add("mental_barrier", mental)
            for attr in (
                "self_efficacy",
                "motivation",
                "goal_clarity",
                "competence",
            ):
                add(attr, draw_beta(rng, getattr(prof, attr), n))
            add("capacity", rng.gamma(4.0, prof.start_capacity_hours / 4.0, n))
    return {k: np.concatenate(v) for k, v in parts.items()}


def _calendar_cells(scenario: Scenario, root_seed: int, replication: int,
                    stock: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Calendar mode: the stock starts at week 0 with its time on benefit drawn; the inflow
    is drawn like everyone (its own stream, so the stock is the same with or without it)
    and starts at its arrival weeks."""
    cal = scenario.calendar
    assert cal is not None
    n_stock = stock["arm"].shape[0]
    stock["start_week"] = np.zeros(n_stock, np.int64)
    rng = generator(root_seed, replication, POPULATION, 2)
    wob = np.zeros(n_stock, np.int64)
    for b, benefit in enumerate(BENEFITS):
        sel = np.flatnonzero(stock["benefit"] == b)
        wob[sel] = draw_weeks_on_benefit(rng, cal.weeks_on_benefit[benefit], sel.size)
    stock["weeks_on_benefit"] = wob
    stock["inflow"] = np.zeros(n_stock, bool)
    rb = scenario.behaviour.relationship
    stock["known"], stock["belief"] = transition.relationship_at_start(
        contacts=transition.contacts_before(
            weeks_on_benefit=wob, contact_interval_before_weeks=cal.contact_interval_before_weeks,
            contact_tenure_weeks=cal.contact_tenure_weeks),
        known_start=rb.known_start, belief_start=rb.belief_start,
        known_gain_per_contact=rb.known_gain_per_contact, belief_adjust=rb.belief_adjust)
    counts = inflow_counts(scenario)
    if counts.sum() == 0:
        return stock
    new = _draw_cells(scenario, counts, generator(root_seed, replication, POPULATION, 1))
    for a, arm in enumerate(scenario.arms):
        for b, benefit in enumerate(BENEFITS):
            weeks = inflow_weeks(arm.inflow_per_week.get(benefit, 0.0), cal.horizon_weeks)
            here = counts[:, a, b]
            if weeks.size == 0:
                continue
            # the arrivals in time order go to the municipalities evenly spread: each
            # municipality's i-th citizen of k sits at (i + 0.5) / k of the horizon
            position = np.concatenate([(np.arange(k) + 0.5) / k for k in here if k])
            label = np.repeat(np.arange(here.size), here)
            muni = label[np.argsort(position, kind="stable")]
            for m in range(here.size):
                sel = np.flatnonzero((new["arm"] == a) & (new["benefit"] == b)
                                     & (new["municipality"] == m))
                new["start_week"][sel] = weeks[muni == m]
    new["weeks_on_benefit"] = np.zeros(new["arm"].shape[0], np.int64)
    new["inflow"] = np.ones(new["arm"].shape[0], bool)
    new["known"] = np.full(new["arm"].shape[0], scenario.behaviour.relationship.known_start)
    new["belief"] = np.full(new["arm"].shape[0], scenario.behaviour.relationship.belief_start)
    return {k: np.concatenate([stock[k], new[k]]) for k in stock}


def build_citizens(scenario: Scenario, root_seed: int, replication: int) -> Citizens:
    """Draw all citizens of all arms, randomised to arms within municipality (in calendar
    mode: the stock, then the inflow)."""
    cols = _draw_cells(scenario, cell_counts(scenario),
                       generator(root_seed, replication, POPULATION))
    if scenario.calendar is not None:
        cols = _calendar_cells(scenario, root_seed, replication, cols)
    n = cols["arm"].shape[0]
    return Citizens(
        arm=cols["arm"].astype(np.int64),
        benefit=cols["benefit"].astype(np.int64),
        municipality=cols["municipality"].astype(np.int64),
        age=cols["age"],
        female=cols["female"],
        immigrant=cols["immigrant"],
        start_week=cols["start_week"].astype(np.int64),
        weeks_on_benefit=cols.get("weeks_on_benefit", np.zeros(n, np.int64)).astype(np.int64),
        inflow=cols.get("inflow", np.zeros(n, bool)),
        wish_sector=cols["wish_sector"].astype(np.int64),
        skill_sector=cols["skill_sector"].astype(np.int64),
        physical_barrier=cols["physical_barrier"],
        mental_barrier=cols["mental_barrier"],
        self_efficacy=cols["self_efficacy"],
        motivation=cols["motivation"],
        goal_clarity=cols["goal_clarity"],
        competence=cols["competence"],
        trust=np.full(n, scenario.behaviour.trust.start),
        known=cols.get("known", np.full(n, scenario.behaviour.relationship.known_start)),
        belief=cols.get("belief", np.full(n, scenario.behaviour.relationship.belief_start)),
        known_co=np.full(n, scenario.behaviour.relationship.known_start),
        belief_co=np.full(n, scenario.behaviour.relationship.belief_start),
        capacity=np.minimum(cols["capacity"], scenario.behaviour.hours.capacity_max_hours),
        wage_hours=np.zeros(n),
        placement_hours=np.zeros(n),
        active=np.zeros(n, bool),
        has_cv=np.zeros(n, bool),
        status=np.full(n, int(Status.full_support), np.int64),
        contact_prof=np.full(n, -1, np.int64),
        caseworker=np.full(n, -1, np.int64),
        company_prof=np.full(n, -1, np.int64),
        mentor=np.full(n, -1, np.int64),
        job_fit=np.full(n, 0.5),
        job_contact=np.zeros(n, bool),
        job_agreement=np.zeros(n, bool),
        job_route=np.zeros(n, np.int64),
        cannot_pay=np.zeros(n, bool),
        first_change_week=np.full(n, -1, np.int64),
        followup_skip=np.zeros(n, bool),
        contact_changes=np.zeros(n, np.int64),
        status_seen=np.full(n, int(Status.full_support), np.int64),
        referral_wait=np.full(n, -1, np.int64),
        cooldown=np.zeros(n, np.int64),
        company=np.full(n, -1, np.int64),
        purpose=np.full(n, int(Purpose.none), np.int64),
        purpose_explicit=np.zeros(n, bool),
        agreement=np.zeros(n, bool),
        company_contact=np.zeros(n, bool),
        weeks_in_placement=np.zeros(n, np.int64),
        mastery=np.zeros(n),
        fit=np.zeros(n),
        cv_mastery=np.zeros(n),
        cv_sector=np.full(n, -1, np.int64),
        placement_had_hours=np.zeros(n, bool),
        job_company=np.full(n, -1, np.int64),
        weeks_with_hours=np.zeros(n, np.int64),
        first_hours_week=np.full(n, -1, np.int64),
        placement13_week=np.full(n, -1, np.int64),
        placement13_hours_week=np.full(n, -1, np.int64),
        hours_w78=np.full(n, np.nan),
        stage_week=np.full((n, len(Stage)), -1, np.int64),
        last_progress_week=np.zeros(n, np.int64),
    )


def municipal_demand(scenario: Scenario) -> np.ndarray:
    """Each municipality's room to pay hours (``rules/local_market.py`` ``local_demand``):
    its ``labour_demand`` read with its ``unemployment_rate`` where one is given."""
    munis = scenario.municipalities
    lm = scenario.labour_market
    rate = np.array([np.nan if m.unemployment_rate is None else m.unemployment_rate
                     for m in munis])
    out: np.ndarray = local_market.local_demand(
        labour_demand=np.array([m.labour_demand for m in munis]), unemployment_rate=rate,
        national_unemployment_rate=lm.national_unemployment_rate,
        demand_elasticity=lm.demand_elasticity)
    return out


def build_companies(scenario: Scenario, root_seed: int, replication: int) -> Companies:
    """Draw the local company base of each municipality, shared by all arms.

    Each municipality's pool comes from its own inputs through the rules of
    ``rules/local_market.py``: its size from ``firm_density``, its tasks' levels from
    ``entry_job_share``, its companies' yes from ``company_openness`` and their room to pay
    hours from ``labour_demand`` and ``unemployment_rate`` (docs/model.md §5).
    """
    lm = scenario.labour_market
    munis = scenario.municipalities
    sizes = local_market.company_pool_size(
        citizens=cell_counts(scenario).sum(axis=(1, 2)),
        companies_per_100_citizens=lm.companies_per_100_citizens,
        firm_density=np.array([m.firm_density for m in munis]))
    demand = municipal_demand(scenario)
    rng = generator(root_seed, replication, COMPANIES)
    sector_p = np.array([s.weight for s in lm.sectors])
    sector_p = sector_p / sector_p.sum()
    sector_room = np.array([s.economic_room for s in lm.sectors])
    muni, sector, tasks, level, openness, room, contact = [], [], [], [], [], [], []
    for m, muni_spec in enumerate(munis):
        k = int(sizes[m])
        sec = rng.choice(len(lm.sectors), k, p=sector_p)
        muni.append(np.full(k, m))
        sector.append(sec)
        tasks.append(1 + rng.poisson(max(lm.tasks_per_company - 1.0, 0.0), k))
        level.append(local_market.entry_task_level(
            u=rng.random(k), entry_job_share=np.full(k, muni_spec.entry_job_share)))
        openness.append(local_market.local_openness(
            openness=draw_beta(rng, lm.openness, k),
            company_openness=np.full(k, muni_spec.company_openness)))
        room.append(draw_beta(rng, lm.economic_room, k) * sector_room[sec] * demand[m])
        contact.append(rng.random(k) < lm.contact_person_share)
    n = int(sum(len(x) for x in muni))
    all_tasks = np.concatenate(tasks).astype(np.int64)
    all_open = np.concatenate(openness)
    em = scenario.behaviour.employer  # company size: its own stream, the pool's draws stay
    return Companies(
        municipality=np.concatenate(muni).astype(np.int64),
        sector=np.concatenate(sector).astype(np.int64),
        tasks=all_tasks,
        task_level=np.concatenate(level),
        task_hours=task_hours(first_hours=scenario.behaviour.hours.first_hours,
                              task_level=np.concatenate(level)),
        openness=all_open,
        economic_room=np.concatenate(room),
        contact_person=np.concatenate(contact),
        placements=np.zeros(n, np.int64),
        employees=employer.employees_at_start(
            tasks=all_tasks, z=generator(root_seed, replication, COMPANIES, 1).standard_normal(n),
            employees_median=em.employees_median, employees_spread=em.employees_spread),
        base_tasks=all_tasks.copy(),
        openness_start=all_open.copy(),
        carved=np.zeros(n, np.int64),
        offered=np.zeros(n, np.int64),
        breakdowns=np.zeros(n, np.int64),
        breakdowns_seen=np.zeros(n, np.int64),
        good_seen=np.zeros(n, np.int64),
    )
