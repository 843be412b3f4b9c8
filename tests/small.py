"""A small version of the trial replica that runs in a fraction of a second (for tests)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jobfirst_sim.scenario import Scenario, build_scenario, load_raw
from jobfirst_sim.scenario.loader import apply_overrides

ROOT = Path(__file__).resolve().parents[1]
TRIAL = ROOT / "scenarios" / "jobfirst_trial.yaml"


def small_trial(n_kh: int = 300, n_rf: int = 100, weeks: int = 80, **extra: object) -> Scenario:
    """The trial replica scaled down (same municipalities and designs, fewer citizens)."""
    raw = load_raw(TRIAL)
    own_munis = any(k.startswith("municipalities") for k in extra)
    redesigned = {k.split(".")[1] for k in extra if k.startswith("arms.") and k.endswith(".design")}
    over: dict[str, object] = {} if own_munis else scaled_staff(raw, n_kh + n_rf, redesigned)
    over |= {
        "arms.jobfirst.citizens.kontanthjaelp": n_kh,
        "arms.jobfirst.citizens.ressourceforloeb": n_rf,
        "arms.control.citizens.kontanthjaelp": n_kh,
        "arms.control.citizens.ressourceforloeb": n_rf,
        "run.weeks_followed": weeks,
        "population.intake_weeks": 10,
        **extra,
    }
    return build_scenario(apply_overrides(raw, over), "small-trial")


def scaled_staff(raw: Mapping[str, Any], per_arm: int, redesigned: set[str] = frozenset()
                 ) -> dict[str, object]:
    """``--set`` lines scaling every municipality's FTEs to ``per_arm`` citizens an arm,
    so the small trial keeps the trial's caseloads (FTEs are absolute numbers). An arm in
    ``redesigned`` gets another design (other roles): it keeps the caseload of its first
    role instead, which fits any roles."""
    arms = {a["name"]: sum(a["citizens"].values()) for a in raw["arms"]}
    weights = {m["name"]: float(m["weight"]) for m in raw["municipalities"]}
    total = sum(weights.values())
    out: dict[str, object] = {}
    for m in raw["municipalities"]:
        for arm, roles in (m.get("staff") or {}).items():
            if arm in redesigned:
                here = arms[arm] * weights[m["name"]] / total
                out[f"municipalities.{m['name']}.caseload.{arm}"] = here / float(
                    next(iter(roles.values())))
                continue
            for role, fte in roles.items():
                out[f"municipalities.{m['name']}.staff.{arm}.{role}"] = (
                    float(fte) * per_arm / arms[arm])
    return out




NEAR_JOBFIRST: dict[str, object] = {
    "arms.control.design": "jobfirst",
    "arms.control.practice.cv_at_start": False,
    "arms.control.practice.work_agreement": False,
    "municipalities": [
        {"name": "A", "weight": 2, "caseload": {"jobfirst": 38, "control": 55}},
        {"name": "B", "weight": 1, "caseload": {"jobfirst": 44, "control": 50}},
    ],
}
"""control gets the JobFirst design except two practice levers, in two municipalities with
trial-like caseloads (normal caseloads higher), so three levers differ: caseload,
cv_at_start, work_agreement (few runs, fast tests of explain and Shapley)."""


def near_pair(n_kh: int = 60, n_rf: int = 20, weeks: int = 80) -> Scenario:
    """A small trial whose arms differ in the three levers of :data:`NEAR_JOBFIRST`."""
    return small_trial(n_kh=n_kh, n_rf=n_rf, weeks=weeks, **NEAR_JOBFIRST)


CALENDAR = ROOT / "scenarios" / "our_jobcentre.yaml"


def small_calendar(horizon: int = 30, scale: float = 0.1, **extra: object) -> Scenario:
    """scenarios/our_jobcentre.yaml scaled down (citizens, inflow and FTEs by ``scale``,
    a shorter horizon): a running jobcentre in calendar time that runs in a blink."""
    raw = load_raw(CALENDAR)
    over: dict[str, object] = {"calendar.horizon_weeks": horizon}
    for arm in raw["arms"]:
        name = arm["name"]
        for benefit, n in arm["citizens"].items():
            over[f"arms.{name}.citizens.{benefit}"] = max(1, round(n * scale))
        for benefit, rate in arm.get("inflow_per_week", {}).items():
            over[f"arms.{name}.inflow_per_week.{benefit}"] = rate * scale
        for role, fte in arm["organisation"]["staff"].items():
            over[f"arms.{name}.organisation.staff.{role}"] = fte * scale
    over |= extra
    return build_scenario(apply_overrides(raw, over), "small-calendar")
