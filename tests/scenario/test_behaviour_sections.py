"""``behaviour:`` is nested by mechanism; old flat keys get a message naming the new path.

Why: files and ``--set`` lines written for the earlier flat section must fail with a
message a manager can act on (file, old key, new path), never a traceback; and
``with_changes`` must validate exactly as ``--set`` does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jobfirst_sim.scenario import ScenarioError, load_scenario, with_changes
from jobfirst_sim.scenario.behaviour import FLAT_NAMES, Behaviour

ROOT = Path(__file__).resolve().parents[2]
TRIAL = ROOT / "scenarios" / "jobfirst_trial.yaml"
FLAT = ROOT / "scenarios" / "trial_flat_caseloads.yaml"


def test_every_old_name_maps_to_a_field_with_the_old_default() -> None:
    b = Behaviour()
    paths = list(FLAT_NAMES.values())
    assert len(set(paths)) == len(paths)
    # every field of the sections that existed when behaviour: was flat had a flat name
    # (time:, knowledge:, relationship: and the sections of issue 22 came later and never
    # had one)
    newer = {"time", "knowledge", "relationship", "employer", "mentor", "rehabilitation"}
    old_fields = {f"{s}.{f}" for s in Behaviour.model_fields if s not in newer
                  for f in type(getattr(b, s)).model_fields}
    added_later = {"hours.agreement_step_effect", "matching.record_weight",
                   "matching.openness_without_outreach", "conversion.room_switch_threshold",
                   "cv.carry_same_sector", "cv.carry_other_sector",
                   # the placement as practice runs it (issue 22 §5)
                   "placement.review_week", "placement.startup_hazard",
                   "placement.transition_weeks", "placement.transition_support_protection",
                   "placement.weeks_to_first_hours"}
    assert set(paths) <= old_fields
    assert old_fields - set(paths) == added_later
    # a dotted path reads the nested field (the defaults are the calibration's member)
    assert b.value("placement.startup_hazard") == b.placement.startup_hazard
    assert b.value("conversion.rate") == b.conversion.rate


def test_old_flat_key_in_a_file_names_file_line_and_new_path(tmp_path: Path) -> None:
    path = tmp_path / "old.yaml"
    path.write_text(
        f"extends: {TRIAL}\nname: old\nbehaviour:\n  conversion_rate: 0.1\n"
        "  dropout_base: 2\n",
        encoding="utf-8",
    )
    with pytest.raises(ScenarioError) as err:
        load_scenario(path, allow_extends_outside=True)
    text = str(err.value)
    assert f"{path}, line 4: behaviour.conversion_rate" in text
    assert "moved to `behaviour.conversion.rate`" in text
    assert f"{path}, line 5" in text and "`behaviour.placement.dropout_base`" in text
    assert "unknown field" not in text  # the rename says it better
    assert len(err.value.problems) == 2


def test_old_flat_key_in_set_names_the_set_and_new_path() -> None:
    with pytest.raises(ScenarioError) as err:
        load_scenario(TRIAL, {"behaviour.conversion_rate": "0.1"})
    (problem,) = err.value.problems
    assert problem.file == "--set behaviour.conversion_rate=0.1"
    assert "`behaviour.conversion.rate`" in problem.message
    assert "--set behaviour.conversion.rate=0.1" in (problem.hint or "")


def test_cli_reports_old_key_without_traceback() -> None:
    from typer.testing import CliRunner

    from jobfirst_sim.cli import app

    result = CliRunner().invoke(
        app, ["validate", str(TRIAL), "--set", "behaviour.own_job_rate=0.01"]
    )
    assert result.exit_code != 0
    assert "behaviour.own_job.rate" in result.output
    assert "Traceback" not in result.output


def test_nested_key_works_in_file_and_set(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    path.write_text(
        f"extends: {TRIAL}\nname: new\nbehaviour:\n  placement: {{startup_hazard: 2}}\n",
        encoding="utf-8",
    )
    assert load_scenario(path, allow_extends_outside=True).behaviour.placement.startup_hazard == 2
    s = load_scenario(TRIAL, {"behaviour.conversion.rate": "0.1"})
    assert s.behaviour.conversion.rate == 0.1
    assert s.behaviour.placement == Behaviour().placement  # siblings keep defaults


def test_with_changes_returns_a_new_validated_scenario() -> None:
    base = load_scenario(FLAT)
    changed = with_changes(
        base,
        {"arms.jobfirst.organisation.caseload": 30, "behaviour.conversion.rate": "0.08"},
    )
    assert changed.arm("jobfirst").design.organisation.caseload == 30
    assert changed.arm("control").design == base.arm("control").design
    assert changed.behaviour.conversion.rate == 0.08
    assert base.arm("jobfirst").design.organisation.caseload != 30  # frozen, unchanged
    assert with_changes(base, {}) == base
    assert changed == load_scenario(
        FLAT, {"arms.jobfirst.organisation.caseload": 30, "behaviour.conversion.rate": 0.08}
    )


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"arms.jobfirst.organisation.caseload": -5}, "must be greater than or equal to 1"),
        ({"arms.nosuch.organisation.caseload": 5}, "has no entry 'nosuch'"),
        ({"behaviour.conversion_rate": 0.1}, "`behaviour.conversion.rate`"),
    ],
)
def test_with_changes_refuses_like_set(changes: dict[str, object], words: str) -> None:
    with pytest.raises(ScenarioError) as err:
        with_changes(load_scenario(FLAT), changes)
    assert words in str(err.value)


def test_with_changes_refuses_a_change_without_effect() -> None:
    """As with --set: an arm caseload every municipality overrides is refused."""
    with pytest.raises(ScenarioError, match="has no effect"):
        with_changes(load_scenario(TRIAL), {"arms.jobfirst.organisation.caseload": 30})


@pytest.mark.parametrize(("text", "line", "replaced_by"), [
    ("  placement: {startup_factor: 2}\n", "behaviour.placement.startup_factor",
     "placement.transition_support_protection"),
    ("  placement:\n    settling_weeks: 4\n", "behaviour.placement.settling_weeks",
     "placement.transition_weeks"),
    ("  placement: {mastery_threshold: 0.6}\n", "behaviour.placement.mastery_threshold",
     "placement.weeks_to_first_hours"),
    ("  mastery_threshold: 0.6\n", "behaviour.mastery_threshold",
     "placement.weeks_to_first_hours"),
])
def test_a_retired_placement_parameter_names_what_replaced_it(
        tmp_path: Path, text: str, line: str, replaced_by: str) -> None:
    """Old files that set the start-up term or the mastery threshold (issue 22 §5) get a
    message naming the parameter that replaced it, not a bare unknown field."""
    path = tmp_path / "old.yaml"
    path.write_text(f"extends: {TRIAL}\nname: old\nbehaviour:\n{text}", encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path, allow_extends_outside=True)
    msg = str(err.value)
    assert f"`{line}` is no longer a parameter" in msg
    assert replaced_by in msg
