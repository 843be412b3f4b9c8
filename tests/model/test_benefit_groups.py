"""experiments/validation/benefit_groups.py: the per-run differences and their ensemble
summary (no simulation: hand-made outcome rows)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd

SCRIPT = Path(__file__).resolve().parents[2] / "experiments" / "validation" / "benefit_groups.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benefit_groups", SCRIPT)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _outcomes(values: dict[tuple[str, str], float]) -> pd.DataFrame:
    rows = [{"metric": m, "arm": arm, "benefit": b, "municipality": "all", "value": v}
            for m in ("share_with_hours_w78", "ever_hours_share")
            for (arm, b), v in values.items()]
    rows.append({"metric": "share_with_hours_w78", "arm": "jobfirst",
                 "benefit": "kontanthjaelp", "municipality": "Odense", "value": 9.0})
    return pd.DataFrame(rows)


def test_differences_are_jobfirst_minus_control_per_group():
    bg = _script()
    d = bg.differences(_outcomes({("jobfirst", "kontanthjaelp"): 0.20,
                                  ("control", "kontanthjaelp"): 0.12,
                                  ("jobfirst", "ressourceforloeb"): 0.10,
                                  ("control", "ressourceforloeb"): 0.08}))
    assert np.isclose(d["share_with_hours_w78|kontanthjaelp"], 0.08)  # municipality rows ignored
    assert np.isclose(d["share_with_hours_w78|ressourceforloeb"], 0.02)
    assert np.isclose(d["ever_hours_share|rf_minus_kh"], -0.06)


def test_summary_holds_both_parts_and_the_probability():
    bg = _script()
    rows = pd.DataFrame({"member": [0, 0, 1, 1], "replication": [0, 1, 0, 1],
                         "share_with_hours_w78|ressourceforloeb": [0.01, 0.03, -0.02, 0.0]})
    out = bg.summarise(rows, np.array([0.5, 0.5]))
    s = out["share_with_hours_w78"]["ressourceforloeb"]
    assert np.isclose(s["difference"], 0.005)
    assert s["interval_95"][0] < s["difference"] < s["interval_95"][1]
    assert s["probability_above_0"] == 0.5  # one member above 0, one below
    assert s["variance_noise"] > 0
