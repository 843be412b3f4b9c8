"""The worlds a file's arms run in, and the ``headline`` block of ``jobfirst run``.

Why here: a scenario says whether its arms are a trial or alternatives
(:mod:`jobfirst_sim.scenario.arms_mode`). For alternatives every command simulates each
design alone, and they must build *the same* worlds, or one question gets several answers.
The baseline arm (``role: control``, else the first) runs alone as it is; another arm with
the baseline's citizens (the same people: "today" and "proposed" of one jobcentre) runs as
the baseline's citizens under its design -- :func:`~jobfirst_sim.decide.levers.counterfactual`
with all of :func:`~jobfirst_sim.decide.levers.find_levers`, exactly ``compare --from
baseline --to arm``'s proposed side. An arm with other citizens runs alone as it is
(:func:`~jobfirst_sim.decide.levers.alone`).

``jobfirst run`` passes these worlds to the run room (:mod:`jobfirst_sim.run.worlds`) and
this module's :func:`run_headline` for summary.json, so ``run`` on a two-arm file reports
what ``compare`` reports, digit for digit.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

import pandas as pd

from jobfirst_sim.decide.horizon import metric_week
from jobfirst_sim.decide.levers import ExplainError, alone, counterfactual, find_levers
from jobfirst_sim.decide.uncertainty import headline
from jobfirst_sim.domain import ArmRole
from jobfirst_sim.metrics import HEADLINE
from jobfirst_sim.scenario.ensemble import Ensemble
from jobfirst_sim.scenario.schema import Scenario

__all__ = ["alternative_worlds", "baseline_and_proposal", "run_headline"]


def baseline_and_proposal(scenario: Scenario) -> tuple[str, str] | None:
    """The arms a two-arm file's headline compares: the control arm (else the first) and
    the treatment arm (else the other one); None with one arm or more than two."""
    if len(scenario.arms) != 2:
        return None
    control = scenario.arm_with_role(ArmRole.control)
    base = (control or scenario.arms[0]).name
    treated = scenario.arm_with_role(ArmRole.treatment)
    other = next(a.name for a in scenario.arms if a.name != base)
    return base, (treated.name if treated is not None and treated.name != base else other)


def _same_people(scenario: Scenario, a: str, b: str) -> bool:
    x, y = scenario.arm(a), scenario.arm(b)
    return x.citizens == y.citizens and x.inflow_per_week == y.inflow_per_week


def alternative_worlds(scenario: Scenario) -> dict[str, Scenario] | None:
    """``{arm: the world it runs in}`` when the arms are alternatives (None: one world, as
    for a trial or a single arm)."""
    if scenario.one_world or len(scenario.arms) < 2:
        return None
    control = scenario.arm_with_role(ArmRole.control)
    base = (control or scenario.arms[0]).name
    out: dict[str, Scenario] = {}
    for arm in scenario.arms:
        world = alone(scenario, arm.name)
        if arm.name != base and _same_people(scenario, base, arm.name):
            # a design that cannot be carried over: the arm as it is, alone
            with suppress(ExplainError, ValueError):
                world = counterfactual(scenario, base, arm.name,
                                       find_levers(scenario, base, arm.name))
        out[arm.name] = world
    return out


def run_headline(scenario: Scenario, members: Ensemble | None = None,
                 metric: str | None = None, arms: tuple[str, str] | None = None
                 ) -> Callable[[pd.DataFrame], dict[str, Any] | None]:
    """The builder of ``jobfirst run``'s ``headline`` block from its outcomes table: the
    proposal's arm against the baseline's (``arms``: ``--from``/``--to``), paired by member
    and replication (None for a file without exactly two arms and no ``arms``)."""
    pair = arms or baseline_and_proposal(scenario)

    def build(outcomes: pd.DataFrame) -> dict[str, Any] | None:
        if pair is None:
            return None
        name = metric or HEADLINE
        rows = outcomes[(outcomes["benefit"] == "all") & (outcomes["municipality"] == "all")
                        & (outcomes["metric"] == name)]
        on = [c for c in ("member", "replication") if c in rows.columns]
        sides = [rows[rows["arm"] == arm][[*on, "value"]].rename(columns={"value": side})
                 for arm, side in zip(pair, ("current", "proposed"), strict=True)]
        pairs = sides[0].merge(sides[1], on=on)
        return headline(pairs, metric=name, week=metric_week(name),
                        ensemble=members).to_json()
    return build
