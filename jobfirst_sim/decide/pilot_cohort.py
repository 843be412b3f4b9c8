"""The pilot's cohort: who can be in the pilot, and what each of them does under A and B.

Why its own module: a pilot is judged at one week since each citizen's start, and in a
calendar scenario a citizen who arrives late cannot reach that week before the horizon.
Counting such a citizen as "no hours" dilutes the effect (Midtby: +3.5 points against
compare's +5.5), so the cohort is only the citizens *observable at the judged week*; the
sizes a user may ask for run up to that cohort (:func:`cohort_size`). Each run also keeps
the run's headline figure (:data:`~jobfirst_sim.metrics.HEADLINE` of the arm's benefit
group, read from the outcomes table as ``compare`` reads it), so the pilot's ``headline``
block is compare's for the same seed and replications. It keeps the arm's budget book,
FTEs and citizens too: the pilot's business case prices the design the pilot tests
(:mod:`jobfirst_sim.decide.business.of_pilot`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from jobfirst_sim.run.study import Run
from jobfirst_sim.scenario.population import BENEFITS
from jobfirst_sim.scenario.schema import Scenario

__all__ = ["Cohort", "KeepCohort", "Outcomes", "benefit_mask", "cohort_of", "cohort_size"]


@dataclass(frozen=True)
class Outcomes:
    """Arm A's cohort in one run: ordinary hours at the grid weeks, each citizen's contact
    post, whether each is observed at the judged week, and the run's headline figure."""

    hours: np.ndarray
    contact: np.ndarray
    observable: np.ndarray
    headline: float
    book: pd.DataFrame | None = None
    """The arm's kroner by budget year (:func:`~jobfirst_sim.model.observe.tables.
    budget_table`, the benefit group's rows): what the pilot's business case reads."""
    fte: float = float("nan")
    """The arm's FTEs in the run (the change's own costs are priced per FTE)."""
    citizens: float = float("nan")
    """The arm's citizens in the benefit group over the run (the book's denominator)."""


@dataclass(frozen=True)
class KeepCohort:
    """What a pilot keeps of one run (a :class:`~jobfirst_sim.run.study.Keep`): arm
    ``arm``'s cohort's ordinary hours at the grid weeks and their contact post; only the
    cohort's small arrays travel back."""

    arm: int
    benefit: str
    weeks: tuple[int, ...]
    judged: int = -1
    """The judged week (observability is read there; -1: the last grid week)."""
    metric: str = "share_with_hours_end"

    def __call__(self, run: Run) -> Outcomes:
        from jobfirst_sim.model.observe.tables import (
            budget_table,
            hours_by_week,
            outcomes_table,
            staff_table,
        )
        from jobfirst_sim.run.simulate import run_model

        model = run_model(run.scenario, run.replication, run.seed, panel=True,
                          journeys_per_arm=0, agents=False)
        c = model.citizens
        members = np.flatnonzero((c.arm == self.arm) & benefit_mask(c.benefit, self.benefit))
        hours, contact = hours_by_week(model, members, np.array(self.weeks, np.int64))
        week = self.weeks[-1] if self.judged < 0 else self.judged
        store = model.recorder.panel_store
        seen = np.asarray(store.seen[members, week], bool) if store is not None else (
            np.ones(members.size, bool))
        o = outcomes_table(model)
        arm = run.scenario.arms[self.arm].name
        row = o[(o["arm"] == arm) & (o["benefit"] == self.benefit)
                & (o["municipality"] == "all") & (o["metric"] == self.metric)]
        value = float(row["value"].iloc[0]) if len(row) else float("nan")
        n = o[(o["arm"] == arm) & (o["benefit"] == self.benefit)
              & (o["municipality"] == "all") & (o["metric"] == "n_citizens")]["value"]
        book = budget_table(model)
        book = book[book["arm"] == arm]
        if self.benefit != "all":
            book = book[book["benefit_group"] == self.benefit]
        staff = staff_table(model)
        return Outcomes(hours, contact, seen, value, book.reset_index(drop=True),
                        float(staff.loc[staff["arm"] == arm, "fte"].sum()),
                        float(n.iloc[0]) if len(n) else float("nan"))


@dataclass(frozen=True)
class Cohort:
    """One replication's cohort: outcomes under both designs and the starting caseloads."""

    under_a: np.ndarray
    under_b: np.ndarray
    contact: np.ndarray

    @property
    def size(self) -> int:
        return int(self.contact.size)


def cohort_of(a: Outcomes, b: Outcomes) -> Cohort:
    """The citizens of one replication observable at the judged week under both designs
    (the same citizens: common random numbers)."""
    if a.hours.shape != b.hours.shape:
        raise RuntimeError("arm A's cohort differs between the two designs' runs")
    keep = a.observable & b.observable
    return Cohort(under_a=a.hours[keep], under_b=b.hours[keep], contact=a.contact[keep])


def benefit_mask(benefit: np.ndarray, name: str) -> np.ndarray:
    """Citizens of one benefit group (``all``: everyone) from the model's benefit codes."""
    if name == "all":
        return np.ones(benefit.shape, bool)
    return np.asarray(benefit == [b.value for b in BENEFITS].index(name))


def cohort_size(scenario: Scenario, arm: str, benefit: str, week: int | None = None) -> int:
    """Arm ``arm``'s citizens in the benefit group who can reach ``week`` since their start:
    the stock, and in calendar time the inflow arriving at least ``week`` weeks before the
    horizon (whole citizens, rounded down; None: the stock alone)."""
    spec = next(a for a in scenario.arms if a.name == arm)
    stock = sum(int(n) for b, n in spec.citizens.items() if benefit in ("all", b.value))
    cal = scenario.calendar
    if cal is None or week is None:
        return stock
    weeks = max(cal.horizon_weeks - week, 0)
    rate = sum(float(r) for b, r in spec.inflow_per_week.items()
               if benefit in ("all", b.value))
    return stock + int(rate * weeks)
