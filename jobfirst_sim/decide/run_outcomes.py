"""What a decision's variant run is read for: its whole population's outcomes.

Why a module: an explanation's variants (:class:`~.explain.KeepOutcomes`) and a Shapley
coalition's runs (:class:`~.coalition_cost.KeepCosted`) read the same thing of a run, one
benefit group of the whole population, every arm.
"""

from __future__ import annotations

from typing import Any


def whole_outcomes(model: Any, benefit: str) -> dict[str, dict[str, float]]:
    """``{arm: {metric: value}}`` of a run's whole population in one benefit group (every
    arm, so a reference arm's level comes with the same run)."""
    from jobfirst_sim.model.observe.tables import outcomes_table

    out = outcomes_table(model, by_municipality=False)
    sel = out[(out["municipality"] == "all") & (out["benefit"] == benefit)]
    result: dict[str, dict[str, float]] = {}
    for arm, metric, value in zip(sel["arm"], sel["metric"], sel["value"], strict=True):
        result.setdefault(str(arm), {})[str(metric)] = float(value)
    return result
