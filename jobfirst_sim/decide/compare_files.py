"""The files of ``jobfirst compare``: the paired tables and the ``compare.json`` manifest.

Why apart from the comparison: writing is I/O, and the workshop reads a comparison
without ever writing one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from jobfirst_sim.decide.compare import (
    Comparison,
    business_case,
    headline_of,
    leanings,
    planned_simulations,
)
from jobfirst_sim.decide.stored import compare_run_tables, ensemble_records
from jobfirst_sim.run.executors import choose_executor

TABLE_FILES: tuple[str, ...] = ("compare_outcomes.parquet", "compare_weekly.parquet",
                                "compare_staff.parquet", "compare_trace.parquet",
                                "compare_business_case.parquet")
"""The tables ``jobfirst compare`` writes (docs/decide.md)."""


def tables(comparison: Comparison) -> dict[str, pd.DataFrame]:
    """The paired tables by file name (the trace for every compared arm, all groups)."""
    arms = comparison.request.arms
    trace = pd.concat([comparison.trace(arm) for arm in arms], ignore_index=True)
    business = pd.concat([business_case(comparison, arm).rows.assign(arm=arm)
                          for arm in arms], ignore_index=True)
    return {**dict(zip(TABLE_FILES, (comparison.outcomes(), comparison.weekly(),
                                     comparison.staff(), trace, business), strict=True)),
            **compare_run_tables(comparison)}  # what a re-rendering reads (.stored)


def manifest(comparison: Comparison, command: str = "", files: Sequence[str] = ()
             ) -> dict[str, Any]:
    """The ``compare.json`` manifest: the common core plus both scenarios and what differs,
    and how sure the answer is (:func:`uncertainty_block`)."""
    from jobfirst_sim.run.manifest import config_hash
    from jobfirst_sim.run.manifest import manifest as common_manifest

    req = comparison.request
    return common_manifest(
        kind="compare", root_seed=int(req.seed or 0), replications=req.replications,
        config_hash=config_hash(req.proposed), command=command, started=comparison.started,
        seconds=comparison.seconds, files=files,
        scenario=req.proposed.model_dump(mode="json"), scenario_name=req.proposed.name,
        current_scenario=req.current.model_dump(mode="json"),
        current_config_hash=config_hash(req.current),
        label_current=req.label_current, label_proposed=req.label_proposed,
        arms=list(req.arms), horizons=list(req.horizons), differences=list(req.differences),
        ensemble=ensemble_records(req.members),
        workers=req.workers,
        executor=choose_executor(req.executor, req.workers,
                                 planned_simulations(req.replications, req.member_count),
                                 req.scheduler),
        **uncertainty_block(comparison),
        **business_block(comparison),
    )


def business_block(comparison: Comparison) -> dict[str, Any]:
    """The ``business_case`` block of compare.json: per payer and budget year the paired
    difference, its present value and payback, the tornado and switching values
    (:mod:`jobfirst_sim.decide.business`), for the first compared arm
    (``business_cases`` by arm when several are compared)."""
    from jobfirst_sim.decide.business.of_compare import compare_case

    arms = list(comparison.request.arms)
    if "budget" not in comparison.current:
        return {}
    cases = {arm: compare_case(comparison, arm).to_json() for arm in arms}
    out: dict[str, Any] = {"business_case": cases[arms[0]]}
    if len(arms) > 1:
        out["business_cases"] = cases
    return out


def uncertainty_block(comparison: Comparison) -> dict[str, Any]:
    """What ``compare.json`` says about how sure the answer is: the ``headline`` block of
    the first compared arm (``headlines`` by arm when several are compared), the parameters
    its difference leans on (``leans_on``: empty under noise) and the probability that the
    proposal costs the public less (None under noise)."""
    req = comparison.request
    arms = list(req.arms)
    heads = {arm: headline_of(comparison, arm).to_json() for arm in arms}
    cheaper = {arm: _finite(business_case(comparison, arm).probability_costs_less)
               for arm in arms}
    out: dict[str, Any] = {
        "uncertainty": "noise" if req.members is None else "parameters",
        "members": req.member_count, "replications_per_member": req.replications,
        "headline": heads[arms[0]],
        "leans_on": [x.to_json() for x in leanings(comparison, arms[0])],
        "probability_costs_less": cheaper[arms[0]],
    }
    if len(arms) > 1:
        out["headlines"] = heads
        out["leans_on_by_arm"] = {arm: [x.to_json() for x in leanings(comparison, arm)]
                                  for arm in arms}
        out["probability_costs_less_by_arm"] = cheaper
    return out


def write_tables(comparison: Comparison, out_dir: Path, command: str = "",
                 extra_files: Sequence[str] = ()) -> list[Path]:
    """Write the paired tables and ``compare.json`` atomically; return their paths."""
    from jobfirst_sim import io

    return io.write_tables(out_dir, tables(comparison), "compare.json",
                           lambda files: manifest(comparison, command, files), extra_files)


def _finite(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else float(x)
