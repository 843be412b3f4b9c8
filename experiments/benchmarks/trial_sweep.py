"""The sweep the benchmark scripts run: the trial replica as it ships, one practice lever.

Why one module: ``sweep_benchmark.py`` and ``sweep_resume_check.py`` measure the same kind
of sweep (the JobFirst follow-up interval varied, T1 effect as outcome); only the name,
the lever values and the replications differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]


def write_trial_sweep(
    path: Path, name: str, followup_weeks: Sequence[int], replications: int, description: str = ""
) -> Path:
    """Write the experiment YAML to ``path`` and return it."""
    doc = {
        "name": name,
        **({"description": description} if description else {}),
        "scenario": str(REPO / "scenarios" / "jobfirst_trial.yaml"),
        "levers": {
            "arms.jobfirst.practice.followup_interval_weeks": {"values": list(followup_weeks)}
        },
        "outcomes": {
            "t1_effect": {
                "metric": "share_with_hours_w78",
                "arm": "jobfirst",
                "minus_arm": "control",
                "direction": "maximize",
            }
        },
        "replications": replications,
        "seed": 20160301,
        "design": {"type": "full_factorial"},
    }
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path
