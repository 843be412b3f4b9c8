"""What may differ between two designs compared on the same citizens, and what may not.

Why apart: a paired comparison means something only when both scenarios serve the same
citizens, in the same municipalities, with the same companies and horizon; this module
says in readable lines what stops a comparison (:func:`incomparable`) and lists what the
designs change (:func:`design_differences`), so :mod:`.compare` only runs and pairs.
"""

from __future__ import annotations

from typing import Any

from jobfirst_sim.scenario.schema import Scenario

#: Parts of a scenario that define *who* is served and *for how long*: they must be equal
#: for a paired comparison to mean anything. Everything else (designs, staffing, practice,
#: behaviour, economics) may differ; that is what is compared.
SAME_WHOLE: tuple[str, ...] = ("population", "labour_market", "calendar")
SAME_RUN: tuple[str, ...] = ("weeks_followed", "project_weeks")
SAME_MUNICIPALITY: tuple[str, ...] = ("name", "weight", "labour_demand", "unemployment_rate",
                                       "firm_density", "entry_job_share", "company_openness")
SAME_ARM: tuple[str, ...] = ("name", "citizens", "inflow_per_week")


def _leaf_differences(a: Any, b: Any, path: str, out: list[str], limit: int = 6) -> None:
    """Dotted paths where two JSON-like values differ (at most ``limit``)."""
    if len(out) >= limit:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            _leaf_differences(a.get(key), b.get(key), f"{path}.{key}", out, limit)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _leaf_differences(x, y, f"{path}[{i}]", out, limit)
    elif a != b:
        out.append(f"{path}: {a!r} vs {b!r}")


def incomparable(current: Scenario, proposed: Scenario) -> list[str]:
    """What stops a paired comparison of two scenarios ([] when they can be compared).

    They must serve the same citizens (population, arms and their citizens), in the same
    municipalities (names, weights, local labour demand), with the same companies and
    horizon. Each problem is one readable line naming the field and both values.
    """
    a, b = current.model_dump(mode="json"), proposed.model_dump(mode="json")
    out: list[str] = []
    for key in SAME_WHOLE:
        _leaf_differences(a.get(key), b.get(key), key, out)
    for key in SAME_RUN:
        _leaf_differences(a["run"].get(key), b["run"].get(key), f"run.{key}", out)
    ma, mb = a["municipalities"], b["municipalities"]
    if [m["name"] for m in ma] != [m["name"] for m in mb]:
        out.append(f"municipalities: {[m['name'] for m in ma]} vs {[m['name'] for m in mb]}")
    else:
        for x, y in zip(ma, mb, strict=True):
            for key in SAME_MUNICIPALITY:
                _leaf_differences(x.get(key), y.get(key),
                                  f"municipalities.{x['name']}.{key}", out)
    aa, ab = a["arms"], b["arms"]
    if [x["name"] for x in aa] != [x["name"] for x in ab]:
        out.append(f"arms: {[x['name'] for x in aa]} vs {[x['name'] for x in ab]}")
    else:
        for x, y in zip(aa, ab, strict=True):
            for key in SAME_ARM[1:]:
                _leaf_differences(x.get(key), y.get(key), f"arms.{x['name']}.{key}", out)
    return out


def design_differences(current: Scenario, proposed: Scenario, limit: int = 40) -> list[str]:
    """The fields that differ (designs, staffing, behaviour, ...), for the record."""
    a, b = current.model_dump(mode="json"), proposed.model_dump(mode="json")
    out: list[str] = []
    for key in sorted(set(a) | set(b)):
        if key in ("name", "description"):
            continue
        _leaf_differences(a.get(key), b.get(key), key, out, limit)
    return out
