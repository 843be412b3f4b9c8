"""The business case by payer and year of a comparison (``jobfirst compare``).

Why apart from :mod:`.case`: this reads a :class:`~jobfirst_sim.decide.compare.Comparison`
— its budget books, staff tables and what differs — and prices the change itself; the
case knows nothing of where its books came from.
"""

from __future__ import annotations

import pandas as pd

from jobfirst_sim.decide.business.case import YearCase, year_case
from jobfirst_sim.decide.compare import Comparison
from jobfirst_sim.decide.paired import run_keys
from jobfirst_sim.decide.uncertainty import weights_of


def _fte(staff: pd.DataFrame, arm: str) -> float:
    """The arm's FTEs, mean over runs (they are the design's, the same in every run)."""
    sel = staff[staff["arm"] == arm]
    return float(sel.groupby(run_keys(sel))["fte"].sum().mean()) if not sel.empty else 0.0


def change_costs(comparison: Comparison, arm: str) -> float:
    """The one-off cost of the change for the arm (DKK): recruitment for each FTE added,
    training for each FTE of the new design and co-location, from the proposal's
    ``economics.change_costs``; 0 when the two designs do not differ."""
    req = comparison.request
    if not req.differences:
        return 0.0
    cc = req.proposed.economics.change_costs
    now, then = (_fte(comparison.current["staff"], arm),
                 _fte(comparison.proposed["staff"], arm))
    return (cc.recruitment_per_added_fte * max(then - now, 0.0)
            + cc.training_per_fte * then + cc.co_location)


def compare_case(comparison: Comparison, arm: str) -> YearCase:
    """The business case by payer and year of one compared arm, over ``--years`` budget
    years (default: the years the run covers)."""
    req = comparison.request
    return year_case(comparison.current["budget"], comparison.proposed["budget"], arm,
                     economics_current=req.current.economics,
                     economics_proposed=req.proposed.economics,
                     change=change_costs(comparison, arm), years=req.years,
                     weights=weights_of(req.members))
