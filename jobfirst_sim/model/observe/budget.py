"""Kroner by budget year, and the state's refusion of them: the books a business case
reads per payer and year.

Why here and not in ``decide``: the refusion a transfer earns depends on how long each
citizen has been on public support that week, and the budget year on the week it was
paid; neither survives the per-citizen totals of the outcomes. This is bookkeeping like
:mod:`.accounting`: it reads the status and the week's kroner the recorder already
priced, draws no random numbers and changes no state, so a run's citizens, hours and
outcomes are exactly those of a run without it.

A budget year is 52 model weeks from the run's first week (week 0 = the change in a
calendar scenario, the first cohort's start in a trial), not the calendar year: the
run's weeks fall into years 1, 2, … of the change. Kroner are added by arm × benefit
group × municipality × year, once a week, for the citizens observed that week (the same
weeks the outcomes' totals count, so a cell's years add up to its totals).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import numpy as np

from jobfirst_sim.model.state import F, I, Status

BOOK_ROWS: Final = ("citizen_weeks", "benefit", "wages", "flexjob", "pension",
                    "refund_benefit", "refund_flexjob", "refund_pension")
"""What is added per cell and year: citizen-weeks observed, the transfers and wages paid
(DKK) and the state's refusion of each transfer (DKK)."""

WEEKS_PER_BUDGET_YEAR: Final = 52
"""Weeks in a budget year of the book."""

_ON_SUPPORT: Final = (Status.full_support, Status.partial_support, Status.flexjob,
                      Status.disability_pension)
"""Statuses that count as weeks on public support for the refusion's clock."""


class BudgetBook:
    """Kroner and refusion by cell (arm × benefit × municipality) and budget year.

    ``weeks_before``: each citizen's weeks on public support before their own start
    (the calendar stock's drawn spell, 0 for inflow, the scenario's assumption for trial
    cohorts); the clock then counts every observed week on support.
    """

    def __init__(self, cell: I, n_cells: int, weeks_before: I,
                 refund_share: Callable[[np.ndarray], np.ndarray]) -> None:
        self.cell = cell
        self.n_cells = n_cells
        self.support_weeks = np.asarray(weeks_before, np.int64).copy()
        self.refund_share = refund_share
        """Weeks on support → refunded share (``economics.refusion.share``)."""
        self.years: list[F] = []

    def add(self, t: int, obs: np.ndarray, status: I, week: F) -> None:
        """Add week ``t``'s kroner (rows benefit, wages, flexjob, pension of the
        recorder's ``week``, already 0 for the unobserved)."""
        year = t // WEEKS_PER_BUDGET_YEAR
        while len(self.years) <= year:
            self.years.append(np.zeros((len(BOOK_ROWS), self.n_cells)))
        on = np.isin(status, [int(s) for s in _ON_SUPPORT]) & obs
        self.support_weeks += on
        share = self.refund_share(self.support_weeks)
        book = self.years[year]
        rows: tuple[np.ndarray, ...] = (
            obs.astype(float), week[0], week[1], week[2], week[3],
            week[0] * share, week[2] * share, week[3] * share)
        for j, values in enumerate(rows):
            book[j] += np.bincount(self.cell, weights=values, minlength=self.n_cells)
