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
_LAST_STEP: Final = 53
"""Weeks on support from which the refusion's share no longer changes (week 53 on)."""


class BudgetBook:
    """Kroner and refusion by cell (arm × benefit × municipality) and budget year.

    ``weeks_before``: each citizen's weeks on public support before their own start
    (the calendar stock's drawn spell, 0 for inflow, the scenario's assumption for trial
    cohorts); the clock then counts every observed week on support.

    Why one ``bincount``: a citizen's cell never changes, so each entry's row × cell key
    is made once and the week's eight rows are summed in a single pass (eight calls, an
    ``isin`` and a ``select`` a week cost a run of the trial about a tenth more); the
    refunded share is a table lookup by weeks on support, capped past the last step.
    """

    def __init__(self, cell: I, n_cells: int, weeks_before: I,
                 refund_share: Callable[[np.ndarray], np.ndarray]) -> None:
        self.n_cells = n_cells
        self.support_weeks = np.asarray(weeks_before, np.int64).copy()
        self.keys = (np.arange(len(BOOK_ROWS))[:, None] * n_cells
                     + np.asarray(cell, np.int64)[None, :]).ravel()
        """Row × cell of each citizen's entry in the week's stacked rows."""
        self.share_table = np.asarray(refund_share(np.arange(_LAST_STEP + 1)), float)
        """Refunded share by weeks on support, 0 to the staircase's last step."""
        self.on_support = np.zeros(max(int(s) for s in Status) + 1, bool)
        self.on_support[[int(s) for s in _ON_SUPPORT]] = True
        self.years: list[F] = []

    def add(self, t: int, obs: np.ndarray, status: I, week: F) -> None:
        """Add week ``t``'s kroner (rows benefit, wages, flexjob, pension of the
        recorder's ``week``, already 0 for the unobserved)."""
        year = t // WEEKS_PER_BUDGET_YEAR
        while len(self.years) <= year:
            self.years.append(np.zeros((len(BOOK_ROWS), self.n_cells)))
        self.support_weeks += self.on_support[status] & obs
        share = self.share_table[np.minimum(self.support_weeks, _LAST_STEP)]
        rows = np.stack((obs.astype(float), week[0], week[1], week[2], week[3],
                         week[0] * share, week[2] * share, week[3] * share))
        self.years[year] += np.bincount(self.keys, weights=rows.ravel(), minlength=len(
            BOOK_ROWS) * self.n_cells).reshape(len(BOOK_ROWS), self.n_cells)
