"""A team's run under parameter uncertainty: the workshop's subset of the ensemble.

Why a subset: a workshop team waits for its result while five other teams wait too, on a
laptop's two cores (docs/workshop.md, "How sure is a result?"). The shipped ensemble
(:mod:`jobfirst_sim.scenario.ensemble`) holds every parameter set the trial cannot rule
out; the workshop runs its first :data:`WORKSHOP_MEMBERS` (a uniform sample of it, the
rule of :meth:`~jobfirst_sim.scenario.ensemble.Ensemble.first`) with
:data:`WORKSHOP_REPLICATIONS` replications each, so the interval a team sees holds what
the trial leaves open as well as simulation noise, within the room's 10 seconds.

The levels, the paired difference and the business case are combined over members with
:func:`jobfirst_sim.decide.paired.paired_table` (parameter and noise uncertainty together,
as ``compare`` does); the ``headline`` block is :func:`jobfirst_sim.decide.uncertainty.headline`,
the block every decision JSON carries.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any, Final

import pandas as pd

from jobfirst_sim.decide import compare, economics
from jobfirst_sim.decide.paired import paired_table
from jobfirst_sim.decide.uncertainty import (
    ensemble_for,
    headline,
)
from jobfirst_sim.metrics import clip_interval
from jobfirst_sim.scenario.ensemble import Ensemble

__all__ = ["NEAR_DESIGN_MARGIN", "OTHER_CITIZENS_MARGIN", "WORKSHOP_MEMBERS",
           "WORKSHOP_REPLICATIONS", "combined_case", "combined_headline", "headline_block",
           "member_sides", "stated_margin", "workshop_ensemble"]

WORKSHOP_MEMBERS: Final = 3
"""Members a team's run uses by default (fewer if the shipped ensemble is smaller): with
:data:`WORKSHOP_REPLICATIONS` each, 12 simulations of the two sides plus one per lever,
which keeps the last of six teams queued at once at about 8.4 s on two idle cores, with
room for a slower laptop; 4 members measured 9.6-10.1 s, at the 10-second target
(experiments/benchmarks/workshop_queue.py; docs/workshop.md has the measurements)."""

WORKSHOP_REPLICATIONS: Final = 2
"""Replications per member: the least that estimates each member's noise, so the spread
between members can be told from it (as ``compare``'s default)."""

NEAR_DESIGN_MARGIN: Final = 0.01
"""How far apart (a share: 1 percentage point) two near-identical designs' gains land at
the workshop's settings (:data:`WORKSHOP_MEMBERS` × :data:`WORKSHOP_REPLICATIONS`). Every
team of a session meets the card's citizens (its seed) and the same members (common random
numbers across teams), so the same design gives exactly the same answer, and a design with
0.1 FTE moved between two roles differs from it by its design and the little noise a
changed design stirs up: measured at most 0.41, 0.41 and 0.96 pp on the three cards over 6
seeds each at the current calibration (experiments/benchmarks/workshop_margin.py;
docs/workshop.md, "The same design, the same answer"). The reveal states it and a test holds it."""

OTHER_CITIZENS_MARGIN: Final = 0.025
"""How far (a share: 2.5 percentage points) the same design's gain could move had the
session drawn other citizens (another seed): at most 0.94, 0.87 and 1.58 pp from the mean
of 6 seeds on the three cards (SD 0.63, 0.52, 0.97 pp; workshop_margin.py). Why state it: a
room should read a level as one draw of citizens, while the difference between two teams'
designs is measured on the same citizens and is far steadier."""

SIDES: Final = (compare.CURRENT, compare.PROPOSED)


def stated_margin(members: int | None, replications: int) -> bool:
    """Whether a queue's settings are the ones :data:`NEAR_DESIGN_MARGIN` and
    :data:`OTHER_CITIZENS_MARGIN` were measured at (the default subset; ``members`` None:
    the card's own parameters, not measured), so the pages state the margins only then."""
    return members == WORKSHOP_MEMBERS and replications == WORKSHOP_REPLICATIONS


def workshop_ensemble(uncertainty: str, members: int | None = None) -> Ensemble | None:
    """The ensemble a workshop's runs use: None under ``noise`` (the card's own
    parameters, as before), else the shipped ensemble's first ``members`` (default
    :data:`WORKSHOP_MEMBERS`, at most the whole ensemble).

    Raises:
        UncertaintyError: an unknown uncertainty or a member count out of range (the
            message names the option and what is allowed).
    """
    return ensemble_for(uncertainty, members, default=WORKSHOP_MEMBERS)


def member_sides(got: Mapping[Hashable, Any], members: int,
                 tables: tuple[str, ...] = ("outcomes", "weekly", "staff", "companies")
                 ) -> dict[str, dict[str, pd.DataFrame]]:
    """Each side's tables over every member (design keys ``("side", side, member)``),
    replications stacked member by member, with a ``member`` column."""
    out: dict[str, dict[str, pd.DataFrame]] = {}
    for side in SIDES:
        out[side] = {name: pd.concat([rep[name].assign(member=k)
                                      for k in range(members)
                                      for rep in got[("side", side, k)]], ignore_index=True)
                     for name in tables}
    return out


def _cell(outcomes: pd.DataFrame, arm: str, metric: str) -> pd.DataFrame:
    sel = outcomes[(outcomes["arm"] == arm) & (outcomes["benefit"] == "all")
                   & (outcomes["municipality"] == "all") & (outcomes["metric"] == metric)]
    cols = [c for c in ("member", "replication", "metric", "value") if c in sel.columns]
    return sel[cols].reset_index(drop=True)


def headline_block(current: pd.DataFrame, proposed: pd.DataFrame, arm: str, metric: str,
                   week: int | None, ensemble: Ensemble | None) -> dict[str, Any]:
    """The ``headline`` block (:class:`~jobfirst_sim.decide.uncertainty.Headline`) of
    ``metric`` for ``arm``'s whole population, from both sides' outcome rows (with a
    ``member`` column under an ensemble)."""
    on = [c for c in ("member", "replication") if c in current.columns]
    a = _cell(current, arm, metric).rename(columns={"value": "current"})
    b = _cell(proposed, arm, metric).rename(columns={"value": "proposed"})
    pairs = a[[*on, "current"]].merge(b[[*on, "proposed"]], on=on)
    return headline(pairs, metric=metric, week=week, ensemble=ensemble).to_json()


def _weights(ensemble: Ensemble) -> dict[int, float]:
    return {k: m.weight for k, m in enumerate(ensemble.members)}


def _interval(mean: float, low: float, high: float) -> dict[str, float | None]:
    def clean(x: float) -> float | None:
        return float(x) if pd.notna(x) else None
    return {"mean": clean(mean), "low": clean(low), "high": clean(high)}


def _case_table(current: pd.DataFrame, proposed: pd.DataFrame, arm: str, hours_metric: str,
                ensemble: Ensemble) -> pd.DataFrame:
    """Kroner totals per member and replication of both sides, paired and combined."""
    def long(outcomes: pd.DataFrame) -> pd.DataFrame:
        parts = []
        for k, rows in outcomes.groupby("member", sort=True):
            tot = economics.totals(rows, arm, hours_metric=hours_metric)
            parts.append(tot.reset_index().melt(id_vars="replication", var_name="item",
                                                value_name="value").assign(member=k))
        return pd.concat(parts, ignore_index=True)
    table = paired_table(long(current), long(proposed), ["item"], _weights(ensemble))
    order = [item for item, _ in economics.ITEMS] + [economics.HOURS_ITEM]
    return table.set_index("item").loc[order].reset_index()


def combined_headline(sides: Mapping[str, Mapping[str, pd.DataFrame]], arm: str,
                      metric: str, hours_metric: str, ensemble: Ensemble) -> dict[str, Any]:
    """``start``, ``team`` and ``difference`` of the share with hours and the net public
    cost, as the noise-only result has them, combined over members."""
    cur, prop = sides[compare.CURRENT]["outcomes"], sides[compare.PROPOSED]["outcomes"]
    row = paired_table(_cell(cur, arm, metric), _cell(prop, arm, metric), ["metric"],
                       _weights(ensemble)).iloc[0]
    case = _case_table(cur, prop, arm, hours_metric, ensemble)
    net = case[case["item"] == "public_net"].iloc[0]
    out: dict[str, Any] = {}
    for key, side in (("start", "current"), ("team", "proposed")):
        low, high = clip_interval(metric, float(row[f"{side}_low"]), float(row[f"{side}_high"]))
        out[key] = {"hours_share": _interval(row[side], low, high),
                    "net_cost": _interval(net[side], net[f"{side}_low"], net[f"{side}_high"])}
    out["difference"] = {"hours_share": _interval(row["difference"], row["ci_low"],
                                                  row["ci_high"]),
                         "net_cost": _interval(net["difference"], net["ci_low"],
                                               net["ci_high"])}
    return out


def combined_case(sides: Mapping[str, Mapping[str, pd.DataFrame]], arm: str,
                  hours_metric: str, ensemble: Ensemble) -> list[dict[str, Any]]:
    """The business case's items (start, team, difference) combined over members; the cost
    per extra citizen with hours (a ratio, Fieller's interval over one parameter set) is
    left out: the pages do not show it."""
    case = _case_table(sides[compare.CURRENT]["outcomes"], sides[compare.PROPOSED]["outcomes"],
                       arm, hours_metric, ensemble)
    out = []
    for r in case.to_dict("records"):
        for column, (m, lo, hi) in (("base", ("current", "current_low", "current_high")),
                                    ("design", ("proposed", "proposed_low", "proposed_high")),
                                    ("difference", ("difference", "ci_low", "ci_high"))):
            out.append({"item": str(r["item"]), "column": column,
                        **_interval(float(r[m]), float(r[lo]), float(r[hi]))})
    return out
