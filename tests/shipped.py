"""The scenario files the project ships, for tests that check each of them.

A workshop card's texts (``scenarios/workshop/<key>.card.yaml``) sit beside its scenario
but are not a scenario, so every "each shipped scenario" test reads this one list.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIO_FILES = sorted(p for p in (ROOT / "scenarios").rglob("*.yaml")
                        if not p.name.endswith(".card.yaml"))
