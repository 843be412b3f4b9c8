"""The municipalities script (experiments/validation/municipalities.py) on a made-up
outcomes table whose structure is known: it must find the spread and the rank
correlations that were put in."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "experiments" / "validation"))

import municipalities  # noqa: E402


def _outcomes(reps: int = 6) -> pd.DataFrame:
    """Five municipalities: caseload 30..50, control share 10..14 %, JobFirst share
    control + effect, the effect 12..4 pp falling with caseload; a little noise."""
    rng = np.random.default_rng(1)
    rows = []
    for r in range(reps):
        for i in range(5):
            name = f"M{i}"
            ctl = 0.10 + 0.01 * i + rng.normal(0, 0.001)
            eff = 0.12 - 0.02 * i
            for arm, share in (("jobfirst", ctl + eff), ("control", ctl)):
                rows += [(r, arm, "all", name, "share_with_hours_w78", share),
                         (r, arm, "all", name, "mean_caseload", 30.0 + 5 * i),
                         (r, arm, "all", name, "n_citizens", 100.0)]
            rows.append((r, "jobfirst", "all", "all", "share_with_hours_w78", 0.2))
    return pd.DataFrame(rows, columns=["replication", "arm", "benefit", "municipality",
                                       "metric", "value"])


def test_spread_and_correlations_are_found() -> None:
    out = municipalities.measure(_outcomes(), "all", boot=50, seed=3)
    assert set(out["municipalities"]) == {f"M{i}" for i in range(5)}
    m0 = out["municipalities"]["M0"]
    assert m0["effect"]["mean"] == pytest.approx(0.12, abs=0.002)
    assert m0["caseload_jobfirst"] == 30.0
    means = out["of_means"]
    assert means["effect_max"]["value"] == pytest.approx(0.12, abs=0.002)
    assert means["effect_min"]["value"] == pytest.approx(0.04, abs=0.002)
    assert means["effect_max_minus_mean"]["value"] == pytest.approx(0.04, abs=0.002)
    assert means["rho_effect_caseload"]["value"] == pytest.approx(-1.0)
    assert means["rho_effect_control_share_independent"]["value"] == pytest.approx(-1.0)
    per = out["per_replication"]
    assert per["rho_effect_caseload"]["mean"] == pytest.approx(-1.0)
    lines = municipalities.table(out)
    assert lines[2].startswith("| M0 |")  # sorted by effect, largest first
