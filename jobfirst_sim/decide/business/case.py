"""The business case by payer and budget year: yearly differences, present value,
payback and the sensitivity of each payer's present value.

Why a case of its own beside :mod:`jobfirst_sim.decide.economics`: that one totals the
gross kroner over the whole run; a municipal economist reads the difference the change
makes to each payer's budget year by year, discounted at the Finance Ministry's real rate
(3.5 % for years 0-35, Finansministeriet's Dokumentationsnotat of 7 January 2021), when
it is paid back, and how far a rate must move before the answer turns.

Every figure is ``proposed − current`` (positive: the proposal costs the payer more),
paired by run (member and replication): both designs met the same citizens and the same
random numbers. Intervals are paired t-intervals under noise and the ensemble's combined
interval (:func:`jobfirst_sim.ensemble_stats.combine`) under ``--uncertainty
parameters``, where the probability that the proposal costs each payer less is the
members' weighted share below 0 (:func:`~jobfirst_sim.ensemble_stats.probability_better`).
Year 1 is discounted by nothing, year ``t`` by ``(1 + r)^(t − 1)``: year 1 is the
Ministry's year 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import pandas as pd

from jobfirst_sim.decide.business.payers import PAYERS, components, payer_costs, run_years
from jobfirst_sim.ensemble_stats import combine, probability_better
from jobfirst_sim.scenario.economics import Economics
from jobfirst_sim.stats import LEVEL, paired_difference

PARAMETERS: Final = ("staff_cost", "benefit_rates", "flexjob_subsidy", "wages", "tax_rates")
"""The rates the tornado moves, each by ±:data:`SWING`."""
SWING: Final = 0.2
"""How far the tornado moves each rate: ±20 % (a wide but plausible range for a rate
over a few budget years)."""
WEEKS_A_YEAR: Final = 52.0
"""Weeks of a budget year (the budget book's years are 52 model weeks)."""


@dataclass(frozen=True)
class Figure:
    """A mean difference with its interval (NaN bounds: none, e.g. one replication)."""

    mean: float
    low: float
    high: float

    def to_json(self) -> dict[str, float | None]:
        """The figure in JSON (None for a missing bound)."""
        return {k: (float(v) if np.isfinite(v) else None)
                for k, v in (("mean", self.mean), ("ci_low", self.low),
                             ("ci_high", self.high))}


@dataclass(frozen=True)
class PayerCase:
    """One payer: the yearly differences, their present value, payback and sensitivity."""

    payer: str
    current: list[float]
    """The current design's mean net cost per year (DKK)."""
    proposed: list[float]
    years: list[Figure]
    present_value: Figure
    payback_year: int | None
    """The first budget year from which the cumulative difference (means, not
    discounted) stays at or below 0 to the horizon; None: not within the years."""
    probability_costs_less: float | None
    tornado: dict[str, tuple[float, float]]
    """Present value with each parameter at −/+ :data:`SWING`."""
    switching: dict[str, float | None]
    """The factor on each parameter at which the present value turns 0 (None: never, or
    only at a negative rate)."""


@dataclass(frozen=True)
class YearCase:
    """The business case by payer and year of one compared arm."""

    arm: str
    years: int
    weeks: list[int]
    """Weeks simulated in each budget year (the last may be part of one)."""
    discount_rate: float
    change_costs: float
    payers: dict[str, PayerCase] = field(default_factory=dict)
    members: int = 0

    def a_year(self, payer: str) -> float:
        """The payer's mean difference a year (DKK): the yearly means summed over the
        simulated weeks and annualised (a last part year counts for its weeks); NaN when
        nothing was simulated. The net cost a year of the first screen and the pilot."""
        weeks = sum(self.weeks)
        total = float(sum(f.mean for f in self.payers[payer].years))
        return total * WEEKS_A_YEAR / weeks if weeks > 0 else float("nan")

    def to_json(self) -> dict[str, Any]:
        """The ``business_case`` block of compare.json."""
        return {
            "arm": self.arm, "years": self.years, "weeks_per_year": self.weeks,
            "discount_rate": self.discount_rate, "change_costs": self.change_costs,
            "members": self.members, "swing": SWING,
            "payers": {p: {
                "current": c.current, "proposed": c.proposed,
                "difference": [f.to_json() for f in c.years],
                "present_value": c.present_value.to_json(),
                "payback_year": c.payback_year,
                "probability_costs_less": c.probability_costs_less,
                "tornado": {k: {"low": lo, "high": hi} for k, (lo, hi) in c.tornado.items()},
                "switching": c.switching,
            } for p, c in self.payers.items()},
        }


def year_case(current: pd.DataFrame, proposed: pd.DataFrame, arm: str, *,
              economics_current: Economics, economics_proposed: Economics,
              change: float = 0.0, years: int | None = None,
              weights: Mapping[int, float] | None = None, level: float = LEVEL
              ) -> YearCase:
    """The case of ``arm`` from the two sides' budget books (``budget`` tables, stacked
    over runs), each priced with its own ``economics:``; ``change`` DKK of one-off costs
    fall on the proposal in year 1.

    Raises:
        ValueError: the books have no run in common, or no rows for the arm.
    """
    a = run_years(current, arm, years=years)
    b = run_years(proposed, arm, years=years)
    common = a.index.intersection(b.index)
    if common.empty:
        raise ValueError("the two runs have no replication and year in common to pair")
    a, b = a.loc[common], b.loc[common]
    ca, cb = payer_costs(a, economics_current), payer_costs(b, economics_proposed, change)
    parts_a, parts_b = components(a, economics_current), components(b, economics_proposed)
    year_index = common.get_level_values("year").to_numpy()
    n_years = int(year_index.max())
    rate = economics_proposed.discount_rate
    discount = pd.Series((1.0 + rate) ** -(year_index - 1.0), index=common)
    run = [str(k) for k in common.names if k != "year"]
    weeks = (current[current["year"] <= n_years].groupby("year")["weeks"].max()
             .reindex(range(1, n_years + 1)).fillna(0).astype(int).tolist())
    members = (len(set(common.get_level_values("member"))) if "member" in run else 0)
    use_members = weights is not None and members > 1
    out: dict[str, PayerCase] = {}
    for payer in PAYERS:
        diff = cb[payer] - ca[payer]
        by_year = [_figure(diff[year_index == y], run, weights if use_members else None,
                           level) for y in range(1, n_years + 1)]
        pv_runs = (diff * discount).groupby(level=run).sum()
        pv = _figure(pv_runs, run, weights if use_members else None, level)
        tornado, switching = {}, {}
        for name in PARAMETERS:
            comp = float(((parts_b[name][payer] - parts_a[name][payer]) * discount)
                         .groupby(level=run).sum().mean())
            tornado[name] = (pv.mean - SWING * comp, pv.mean + SWING * comp)
            factor = 1.0 - pv.mean / comp if abs(comp) > 1e-9 else None
            switching[name] = factor if factor is not None and factor >= 0 else None
        cheaper = None
        if use_members and weights is not None:
            per_member = pv_runs.groupby(level="member").mean()
            cheaper = probability_better(
                per_member.to_numpy(float), [weights[int(k)] for k in per_member.index],
                higher_is_better=False)
        out[payer] = PayerCase(
            payer=payer,
            current=[float(ca[payer][year_index == y].mean()) for y in range(1, n_years + 1)],
            proposed=[float(cb[payer][year_index == y].mean())
                      for y in range(1, n_years + 1)],
            years=by_year, present_value=pv,
            payback_year=payback([f.mean for f in by_year]),
            probability_costs_less=cheaper, tornado=tornado, switching=switching)
    return YearCase(arm=arm, years=n_years, weeks=weeks, discount_rate=rate,
                    change_costs=change, payers=out, members=members)


def payback(differences: list[float]) -> int | None:
    """The first year (1-based) from which the cumulative difference stays ≤ 0 to the
    end; None when it does not within the years given."""
    cum = np.cumsum(np.asarray(differences, dtype=float))
    if cum.size == 0 or not np.all(np.isfinite(cum)) or cum[-1] > 0:
        return None
    above = np.flatnonzero(cum > 0)
    return 1 if above.size == 0 else int(above[-1]) + 2


def _figure(values: pd.Series, run: list[str], weights: Mapping[int, float] | None,
            level: float) -> Figure:
    """Mean and interval of per-run differences: a t-interval, or the ensemble's."""
    v = values.astype(float)
    if weights is None:
        ci = paired_difference(np.zeros(len(v)), v.to_numpy(), level)
        return Figure(ci.mean, ci.low, ci.high)
    g = v.groupby(level="member")
    members = sorted(int(str(k)) for k in g.groups)
    w = np.array([weights[k] for k in members])
    c = combine(g.mean().reindex(members).to_numpy(float)[None, :],
                g.var().reindex(members).to_numpy(float)[None, :],
                g.count().reindex(members).to_numpy(float)[None, :], w[None, :], level)
    return Figure(float(c.estimate[0]), float(c.low[0]), float(c.high[0]))
