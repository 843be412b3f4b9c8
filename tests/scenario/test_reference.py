"""docs/scenario-reference.md is the schema's own words: regenerated, it must not change.

Why: the reference is written from the pydantic schema (jobfirst_sim/scenario/reference.py),
so the only way it can drift is a schema change without regenerating the file. This test
replaces the row-by-row guards of the hand-copied tables it came from.
"""

from __future__ import annotations

from pathlib import Path

from jobfirst_sim.scenario.reference import REFERENCE_PATH, reference_markdown

ROOT = Path(__file__).resolve().parents[2]


def test_the_reference_is_current() -> None:
    written = (ROOT / REFERENCE_PATH).read_text(encoding="utf-8")
    assert written == reference_markdown(), (
        "docs/scenario-reference.md is stale: regenerate it with "
        "`python -c 'from jobfirst_sim.scenario.reference import write_reference; "
        "write_reference()'` (or `jobfirst schema --markdown`)"
    )


def test_a_row_carries_type_bounds_default_unit_and_source() -> None:
    text = reference_markdown()
    assert (
        "| `weekly_hours` | a number greater than 0 and at most 60 | `37.0` | hours/week |"
        in text
    )
    assert "| `referral_delay_weeks` | a whole number from 0 to 52 | `4` | weeks | [M §5], " \
        "plausible, prior 1 to 8 (linear) |" in text
    assert "[C], prior 0 to 0.9 (linear; neutral 0) |" in text  # lifeline_effect
    assert "| `role_model` | one of: bum, makkerskab | **required** |" in text
