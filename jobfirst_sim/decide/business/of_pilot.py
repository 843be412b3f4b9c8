"""The business case of a pilot (``jobfirst pilot``): what the design the pilot tests would
cost each payer a year, and what the pilot itself would cost.

Why apart from :mod:`.of_compare`: a pilot runs arm A's citizens under A's design and
under B's (the worlds ``compare`` runs for two arms,
:func:`jobfirst_sim.decide.levers.counterfactual`), and its runs keep the arm's budget
book, FTEs and citizens (:class:`jobfirst_sim.decide.pilot_cohort.Outcomes`); the case
is then :func:`~.case.year_case` of those books, per payer and budget year over the
pilot's horizon (the years its runs cover), the change's own costs priced like compare's.

The pilot's own cost is the design's difference per citizen of the arm times the
citizens the pilot puts on design B (half of those in it), at the size the page
recommends for each unit: the smallest that reaches the target power, else the largest
tried. That proportion is an assumption, said on the page: a pilot shares the
jobcentre's overheads, and a one-off cost such as co-location may not shrink with it.

This module reads a plan through :class:`PlanView` (the attributes it needs), so that
:mod:`jobfirst_sim.decide.pilot` can import it without an import circle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, Protocol

import numpy as np
import pandas as pd

from jobfirst_sim.decide.business.case import YearCase, year_case
from jobfirst_sim.decide.business.payers import PAYERS
from jobfirst_sim.decide.levers import counterfactual, find_levers
from jobfirst_sim.decide.pilot_cohort import Outcomes
from jobfirst_sim.decide.uncertainty import weights_of
from jobfirst_sim.scenario.ensemble import Ensemble
from jobfirst_sim.scenario.schema import Scenario

BOOK_FILE: Final = "pilot_budget.parquet"
"""Both designs' books (a ``design`` column), written beside ``pilot.parquet`` so that a
re-rendered page has its business case."""
DESIGNS: Final = ("current", "proposed")
"""The two designs of the books: arm A's own and arm B's, on arm A's citizens."""


@dataclass(frozen=True)
class PilotBooks:
    """Arm A's budget books under both designs (stacked over runs), its FTEs under each
    (mean over runs) and its citizens in the benefit group (mean over runs)."""

    current: pd.DataFrame
    proposed: pd.DataFrame
    fte_current: float
    fte_proposed: float
    citizens: float

    def table(self) -> pd.DataFrame:
        """Both books in one table with a ``design`` column (:data:`BOOK_FILE`)."""
        return pd.concat([self.current.assign(design=DESIGNS[0]),
                          self.proposed.assign(design=DESIGNS[1])], ignore_index=True)

    def facts(self) -> dict[str, float]:
        """The figures beside the books (in ``pilot.json``'s business block)."""
        return {"fte_current": self.fte_current, "fte_proposed": self.fte_proposed,
                "citizens": self.citizens}

    @classmethod
    def of_table(cls, table: pd.DataFrame, facts: dict[str, Any]) -> PilotBooks:
        """The books as :meth:`table` and :meth:`facts` wrote them."""
        sides = [table[table["design"] == d].drop(columns="design").reset_index(drop=True)
                 for d in DESIGNS]
        return cls(sides[0], sides[1], float(facts["fte_current"]),
                   float(facts["fte_proposed"]), float(facts["citizens"]))


def books_of(under_a: Sequence[Outcomes], under_b: Sequence[Outcomes],
             per_member: int | None) -> PilotBooks | None:
    """The books of a pilot's runs (None when a run kept none); ``per_member``: the runs
    came from an ensemble, member-major with this many replications each, so each book
    gets a ``member`` column first (rows then pair on member and replication)."""
    if not under_a or any(o.book is None for o in (*under_a, *under_b)):
        return None

    def stack(side: Sequence[Outcomes]) -> pd.DataFrame:
        frames = []
        for i, o in enumerate(side):
            book = o.book if o.book is not None else pd.DataFrame()
            if per_member is not None:
                book = book.assign(member=i // per_member)[["member", *book.columns]]
            frames.append(book)
        return pd.concat(frames, ignore_index=True)

    return PilotBooks(stack(under_a), stack(under_b),
                      float(np.mean([o.fte for o in under_a])),
                      float(np.mean([o.fte for o in under_b])),
                      float(np.mean([o.citizens for o in under_a])))


class RequestView(Protocol):
    """What the business case reads of a :class:`~jobfirst_sim.decide.pilot.PilotRequest`."""

    @property
    def scenario(self) -> Scenario: ...
    @property
    def arm_from(self) -> str: ...
    @property
    def arm_to(self) -> str: ...
    @property
    def members(self) -> Ensemble | None: ...
    @property
    def power(self) -> float: ...
    @property
    def units(self) -> tuple[str, ...]: ...


class PlanView(Protocol):
    """What the business case reads of a :class:`~jobfirst_sim.decide.pilot.PilotPlan`."""

    @property
    def request(self) -> RequestView: ...
    @property
    def books(self) -> PilotBooks | None: ...
    def at_week(self, week: int | None = None) -> pd.DataFrame: ...


def change_costs(scenario: Scenario, books: PilotBooks, differs: bool) -> float:
    """The change's one-off costs for the arm (DKK), as compare prices them
    (:func:`jobfirst_sim.decide.business.of_compare.change_costs`): recruitment for each
    FTE added, training for each FTE of the new design and co-location; 0 when the
    designs do not differ."""
    if not differs:
        return 0.0
    cc = scenario.economics.change_costs
    return (cc.recruitment_per_added_fte * max(books.fte_proposed - books.fte_current, 0.0)
            + cc.training_per_fte * books.fte_proposed + cc.co_location)


def pilot_case(plan: PlanView) -> YearCase | None:
    """The design's case by payer and budget year over the pilot's horizon (None: the
    plan has no books, e.g. a folder written before they were kept)."""
    books, req = plan.books, plan.request
    if books is None or books.current.empty:
        return None
    levers = find_levers(req.scenario, req.arm_from, req.arm_to)
    current = counterfactual(req.scenario, req.arm_from, req.arm_to, [])
    proposed = counterfactual(req.scenario, req.arm_from, req.arm_to, levers)
    arm = str(books.current["arm"].iloc[0])
    return year_case(books.current, books.proposed, arm,
                     economics_current=current.economics,
                     economics_proposed=proposed.economics,
                     change=change_costs(proposed, books, bool(levers)),
                     weights=weights_of(req.members))


@dataclass(frozen=True)
class PilotCost:
    """What a pilot of one unit would cost each payer: the design's difference per citizen
    times the citizens it puts on design B."""

    unit: str
    size: int
    reached: bool
    """The size reaches the target power at the judged week (else: the largest tried)."""
    citizens: float
    on_new_design: float
    share: float
    """Of the arm's citizens: the part of the design's case the pilot carries."""
    per_year: dict[str, float]
    present_value: dict[str, float]

    def to_json(self) -> dict[str, Any]:
        """The pilot's cost in ``pilot.json``."""
        return {"unit": self.unit, "size": self.size, "reaches_target": self.reached,
                "citizens": self.citizens, "on_new_design": self.on_new_design,
                "share_of_arm": self.share, "per_year": self.per_year,
                "present_value": self.present_value}


def chosen_size(rows: pd.DataFrame, target: float) -> tuple[pd.Series, bool] | None:
    """Of one unit's rows at the judged week: the smallest size reaching ``target``, else
    the largest tried (and whether it reaches it); None without rows."""
    mine = rows.sort_values("size")
    if mine.empty:
        return None
    hits = mine[mine["power"] >= target]
    return (hits.iloc[0], True) if not hits.empty else (mine.iloc[-1], False)


def pilot_costs(plan: PlanView, case: YearCase) -> list[PilotCost]:
    """Per randomisation unit: the cost of the pilot of the chosen size."""
    books, req = plan.books, plan.request
    if books is None or not books.citizens > 0:
        return []
    rows = plan.at_week()
    out = []
    for unit in req.units:
        picked = chosen_size(rows[rows["unit"] == unit], req.power)
        if picked is None:
            continue
        row, reached = picked
        citizens = float(row["n_citizens"])
        share = citizens / 2.0 / books.citizens
        out.append(PilotCost(
            unit=unit, size=int(row["size"]), reached=reached, citizens=citizens,
            on_new_design=citizens / 2.0, share=share,
            per_year={p: share * case.a_year(p) for p in PAYERS},
            present_value={p: share * case.payers[p].present_value.mean for p in PAYERS}))
    return out


def business_block(plan: PlanView) -> dict[str, Any]:
    """The ``business_case`` block of ``pilot.json``, as compare's
    (:meth:`~.case.YearCase.to_json`) with the books' figures and the pilot's costs by
    unit; empty without books."""
    case = pilot_case(plan)
    if case is None or plan.books is None:
        return {}
    return {"business_case": {
        **case.to_json(), **plan.books.facts(),
        "a_year": {p: case.a_year(p) for p in PAYERS},
        "pilot_costs": [c.to_json() for c in pilot_costs(plan, case)]}}


def book_tables(plan: PlanView) -> dict[str, pd.DataFrame]:
    """The books to write beside ``pilot.parquet`` (none without books)."""
    return {} if plan.books is None else {BOOK_FILE: plan.books.table()}
