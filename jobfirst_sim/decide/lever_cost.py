"""Cost by lever: which levers buy hours cheaply (issue 23 §2).

Why: the Shapley split (:mod:`.shapley`) says how much of the effect each lever carries;
a manager who must choose what to pay for also needs what each lever costs. The same
coalitions and orders split each payer's net cost a year (:mod:`.coalition_cost`), so a
lever's cost and hours add up, like its effect, to the whole proposal's, and no run is
added. For each lever this module tells

* its **hours effect** (the Shapley part of the metric, 95 % interval, Monte Carlo error);
* its **net cost a year** for the municipality and the public sector (positive: the
  lever costs the payer more; negative: it saves), with interval and error;
* **kroner a year per extra citizen with hours**: its net cost a year over the citizens
  it brings into ordinary hours (its share effect times arm A's citizens observed at the
  metric's week). That ratio is *not meaningful* when the effect's interval — widened by
  the Monte Carlo error, ``±1.96·√(half-width²/1.96² + error²)`` — includes 0 or lies
  below it: a lever that buys no hours has no price per citizen, and dividing by an
  effect near 0 gives any number at all. It is told only for the shares with ordinary
  hours (:data:`~.coalition_cost.HOURS_COLUMNS`).

Intervals are over replications (or parameters and noise under an ensemble) with the
runs' own layout (:class:`~.member_runs.MemberRuns`). Costs exclude the change's one-off
costs (:mod:`.coalition_cost`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd

from jobfirst_sim.decide.shapley import ShapleyResult, Split
from jobfirst_sim.stats import Interval

SHOWN_PAYERS: Final = ("municipality", "public")
"""The payers the table shows: the municipality's own budget and the public sector."""

Z: Final = 1.96

TOTAL: Final = "total"

COLUMNS: Final = (
    "lever", "effect", "effect_ci_low", "effect_ci_high", "effect_mc_error", "meaningful",
    "extra_citizens",
    *(f"{k}_{p}" for p in SHOWN_PAYERS for k in (
        "cost", "cost_ci_low", "cost_ci_high", "cost_mc_error", "dkk_per_citizen")),
    "method", "orders", "metric", "benefit", "n_runs",
)
"""Columns of ``lever_cost.csv`` (docs/explain.md): costs in DKK a year, the effect in the
metric's own unit (a share as a fraction), ``dkk_per_citizen_*`` empty where not
meaningful."""


@dataclass(frozen=True)
class LeverCost:
    """One lever's (or the total's) effect, cost per payer and price per citizen."""

    lever: str
    effect: Interval
    effect_error: float
    meaningful: bool
    extra_citizens: float
    cost: dict[str, Interval]
    cost_error: dict[str, float]
    per_citizen: dict[str, float]
    """DKK a year per extra citizen with hours by payer (NaN: not meaningful)."""


def has_costs(split: ShapleyResult) -> bool:
    """Whether the split carries the payers' costs (none: identical designs with no
    lever, or runs without a budget book: :func:`~.coalition_cost.yearly_cost`)."""
    return bool(split.parts) and all(
        p in split.costs and np.isfinite(split.costs[p].total).any() for p in SHOWN_PAYERS)


def buys_hours(effect: Interval, error: float) -> bool:
    """Whether the effect's interval, widened by the Monte Carlo error, lies above 0 (not
    when either is unknown)."""
    if not (math.isfinite(effect.mean) and math.isfinite(effect.low)
            and math.isfinite(error)):
        return False
    half = effect.mean - effect.low
    wide = Z * math.sqrt((half / Z) ** 2 + error ** 2)
    return effect.mean - wide > 0


def lever_costs(split: ShapleyResult) -> list[LeverCost]:
    """Each lever's row, in the split's lever order, then the total (empty without
    costs)."""
    if not has_costs(split):
        return []
    runs = split.request.runs
    observed = (runs.mean(split.observed) if split.observed is not None
                and np.isfinite(split.observed).any() else float("nan"))
    out = []
    for name in [*split.parts, TOTAL]:
        values = split.total if name == TOTAL else split.parts[name]
        effect = runs.interval(values)
        error = 0.0 if name == TOTAL else split.mc_error.get(name, 0.0)
        meaningful = math.isfinite(observed) and buys_hours(effect, error)
        citizens = effect.mean * observed if math.isfinite(observed) else float("nan")
        cost, cost_error, price = {}, {}, {}
        for payer in SHOWN_PAYERS:
            s: Split = split.costs[payer]
            ci = runs.interval(s.total if name == TOTAL else s.parts[name])
            cost[payer] = ci
            cost_error[payer] = 0.0 if name == TOTAL else s.mc_error.get(name, 0.0)
            price[payer] = ci.mean / citizens if meaningful else float("nan")
        out.append(LeverCost(name, effect, error, meaningful, citizens, cost, cost_error,
                             price))
    return out


def table(split: ShapleyResult) -> pd.DataFrame:
    """The ``lever_cost.csv`` table: one row per lever and one for the total
    (:data:`COLUMNS`); empty (with the columns) when the split has no costs."""
    req = split.request
    rows = []
    for row in lever_costs(split):
        rec: dict[str, object] = {
            "lever": row.lever, "effect": row.effect.mean, "effect_ci_low": row.effect.low,
            "effect_ci_high": row.effect.high, "effect_mc_error": row.effect_error,
            "meaningful": row.meaningful, "extra_citizens": row.extra_citizens}
        for p in SHOWN_PAYERS:
            ci = row.cost[p]
            rec |= {f"cost_{p}": ci.mean, f"cost_ci_low_{p}": ci.low,
                    f"cost_ci_high_{p}": ci.high, f"cost_mc_error_{p}": row.cost_error[p],
                    f"dkk_per_citizen_{p}": row.per_citizen[p]}
        rec |= {"method": split.method, "orders": split.orders, "metric": req.metric,
                "benefit": req.benefit, "n_runs": row.effect.n}
        rows.append(rec)
    return pd.DataFrame(rows, columns=list(COLUMNS))


def largest_error(split: ShapleyResult) -> tuple[float, float]:
    """The largest Monte Carlo error of any lever's effect, and of its municipal cost a
    year (0 for the exact split with one parameter set): the error the output states;
    NaN when a lever's error is unknown (one antithetic pair: one draw)."""
    cost = split.costs.get("municipality")
    return _largest(split.mc_error.values()), _largest(
        cost.mc_error.values() if cost is not None else [])


def _largest(errors: Iterable[float]) -> float:
    values = list(errors)
    return float("nan") if any(not math.isfinite(e) for e in values) else max(
        values, default=0.0)


CSV: Final = "lever_cost.csv"
"""The explain folder's cost-by-lever table (beside ``shapley.parquet``)."""


def write_csv(split: ShapleyResult, folder: Path) -> Path:
    """Write :func:`table` as ``lever_cost.csv`` atomically (UTF-8, point decimals, DKK a
    year); return its path."""
    from jobfirst_sim import io

    return io.write_text(Path(folder) / CSV, table(split).to_csv(index=False))
