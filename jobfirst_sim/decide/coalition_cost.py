"""What one coalition run of the Shapley split keeps so it can also be priced: the
outcomes, each payer's net cost a year and the citizens the headline counts.

Why a keep of its own: the cost of a lever is split with the *same* coalitions as its
hours (no extra simulation), so every coalition run must bring back, beside the metric,
what the business case reads of a run — arm A's budget book (kroner by budget year,
:mod:`jobfirst_sim.model.observe.budget`) priced per payer with the scenario's
``economics:`` (:func:`jobfirst_sim.decide.business.payers.payer_costs`, the same pricing
``compare``'s business case uses). The book is reduced in the worker to one figure per
payer, so a run sends back a few numbers, not a table.

* **Net cost a year**: the payer's net cost summed over every budget year the run covers,
  times 52 over the weeks it covers (a last part year counts for its weeks). Running costs
  only: the change's one-off costs (recruitment, training, co-location) belong to the
  whole proposal, not to a lever, and stay in ``compare``'s business case.
* **Citizens observed**: arm A's citizens of the benefit group observed at the headline's
  week — the denominator of a share with ordinary hours — so a share's change times
  them is a number of citizens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import numpy as np

from jobfirst_sim.decide.business.payers import PAYERS, payer_costs, run_years
from jobfirst_sim.scenario.schema import BENEFITS

if TYPE_CHECKING:
    import pandas as pd

    from jobfirst_sim.run.study import Run
    from jobfirst_sim.scenario.economics import Economics

HOURS_COLUMNS: Final = {"share_with_hours_end": "hours_end",
                        "share_with_hours_w78": "hours_w78"}
"""The shares of citizens with ordinary hours, and the per-citizen column whose observed
entries are their denominator: kroner per extra citizen with hours is told for these."""

WEEKS_PER_YEAR: Final = 52


@dataclass(frozen=True)
class Costed:
    """One coalition run: ``outcomes`` as :class:`~jobfirst_sim.decide.explain.KeepOutcomes`
    keeps them (``{arm: {metric: value}}``), arm A's net cost a year per payer (DKK,
    positive: it pays) and its citizens observed at the metric's week (NaN for a metric
    that is not a share with hours)."""

    outcomes: dict[str, dict[str, float]]
    cost: dict[str, float]
    observed: float


@dataclass(frozen=True)
class KeepCosted:
    """What a Shapley coalition keeps of one run (a :class:`~jobfirst_sim.run.study.Keep`)."""

    benefit: str
    arm: str
    metric: str

    def __call__(self, run: Run) -> Costed:
        from jobfirst_sim.decide.run_outcomes import whole_outcomes
        from jobfirst_sim.model.observe.outcomes import citizen_columns
        from jobfirst_sim.model.observe.tables import budget_table
        from jobfirst_sim.run.simulate import run_model

        model = run_model(run.scenario, run.replication, run.seed, panel=False,
                          agents=False, journeys_per_arm=0, weekly=False)
        outcomes = whole_outcomes(model, self.benefit)
        observed = float("nan")
        column = HOURS_COLUMNS.get(self.metric)
        if column is not None:
            cols = citizen_columns(model)
            arms = [a.name for a in run.scenario.arms]
            mine = cols["arm"] == arms.index(self.arm)
            if self.benefit != "all":
                codes = [b.value for b in BENEFITS]
                mine = mine & (cols["benefit"] == codes.index(self.benefit))
            observed = float(np.sum(mine & np.isfinite(cols[column])))
        return Costed(outcomes, yearly_cost(budget_table(model), self.arm, self.benefit,
                                            run.scenario.economics), observed)


def yearly_cost(book: pd.DataFrame, arm: str, benefit: str, economics: Economics
                ) -> dict[str, float]:
    """Each payer's net cost a year of ``arm`` in one run's budget book (module docstring);
    NaN for every payer when the book has no rows for the arm and group.
    """
    try:
        sums = run_years(book, arm, benefit=benefit)
    except ValueError:
        return dict.fromkeys(PAYERS, float("nan"))
    weeks = float(book[book["arm"] == arm].groupby("year")["weeks"].max().sum())
    if weeks <= 0:
        return dict.fromkeys(PAYERS, float("nan"))
    costs = payer_costs(sums, economics)
    return {p: float(costs[p].sum()) * WEEKS_PER_YEAR / weeks for p in PAYERS}


def cost_values(got: list[Costed], payer: str) -> np.ndarray:
    """One payer's net cost a year per run of a coalition."""
    return np.array([g.cost.get(payer, np.nan) for g in got], float)


def outcome_runs(got: list[Costed]) -> list[dict[str, dict[str, float]]]:
    """The coalition's outcomes per run, as ``values_of`` reads them."""
    return [g.outcomes for g in got]


def observed_values(got: list[Costed]) -> np.ndarray:
    """Citizens observed at the metric's week per run of a coalition."""
    return np.array([g.observed for g in got], float)
