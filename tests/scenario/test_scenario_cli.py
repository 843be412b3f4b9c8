"""The CLI with bad scenarios: exit code 2, a readable message, no traceback, nothing written.

Why: ``jobfirst run`` must validate before it touches the output directory, so a typo
never leaves a half-made results folder or overwrites a good one.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from jobfirst_sim.cli import app

ROOT = Path(__file__).resolve().parents[2]
TRIAL = ROOT / "scenarios" / "jobfirst_trial.yaml"
BAD = """\
name: bad
arms:
  - name: jobfirst
    design: jobfirst
    citizens: {kontanthjaelp: 100}
    organisation:
      casload: 30
"""


def _bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    return path


def test_validate_good_file() -> None:
    result = CliRunner().invoke(app, ["validate", str(TRIAL)])
    assert result.exit_code == 0
    assert f"ok: {TRIAL}" in result.output


def test_validate_prints_line_numbered_problems(tmp_path: Path) -> None:
    bad = _bad(tmp_path)
    result = CliRunner().invoke(app, ["validate", str(TRIAL), str(bad)])
    assert result.exit_code == 2
    assert f"{bad}, line 7: arms.jobfirst.organisation.casload: unknown field" in result.output
    assert "did you mean `caseload`?" in result.output
    assert "1 of 2 file(s) have problems" in result.output
    assert "Traceback" not in result.output


def test_validate_with_set(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["validate", str(TRIAL), "--set", "run.replications=3"])
    assert ok.exit_code == 0
    bad = runner.invoke(app, ["validate", str(TRIAL), "--set", "run.replications=0"])
    assert bad.exit_code == 2
    assert "--set run.replications=0: run.replications: must be greater than" in bad.output
    malformed = runner.invoke(app, ["validate", str(TRIAL), "--set", "run.replications"])
    assert malformed.exit_code == 2
    assert "expected FIELD.PATH=VALUE" in malformed.output
    assert "Traceback" not in bad.output + malformed.output


def test_run_bad_scenario_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "results"
    result = CliRunner().invoke(app, ["run", str(_bad(tmp_path)), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "line 7" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_run_bad_scenario_leaves_existing_results_alone(tmp_path: Path) -> None:
    out = tmp_path / "results"
    out.mkdir()
    (out / "summary.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(_bad(tmp_path)), "--out", str(out)])
    assert result.exit_code == 2
    assert [p.name for p in out.iterdir()] == ["summary.json"]
    assert (out / "summary.json").read_text(encoding="utf-8") == "{}"


def test_run_bad_set_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "results"
    result = CliRunner().invoke(
        app, ["run", str(TRIAL), "--out", str(out), "--set", "arms.jobfrist.citizens=1"]
    )
    assert result.exit_code == 2
    assert "did you mean `jobfirst`?" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_run_missing_file_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "results"
    result = CliRunner().invoke(app, ["run", str(tmp_path / "nope.yaml"), "--out", str(out)])
    assert result.exit_code == 2
    assert "file not found" in result.output
    assert not out.exists()


OUR = ROOT / "scenarios" / "our_jobcentre.yaml"


def test_validate_warns_of_a_caseload_of_1600_and_still_passes() -> None:
    result = CliRunner().invoke(
        app, ["validate", str(OUR), "--set", "arms.today.organisation.staff.caseworker=0.5"])
    assert result.exit_code == 0, result.output
    assert "ok: " in result.output and "(1 warning(s))" in result.output
    assert ("warning: " in result.stderr and "caseworker" in result.stderr
            and "caseload of 1,600" in result.stderr), result.stderr


def test_validate_warns_of_a_caseload_below_one() -> None:
    result = CliRunner().invoke(
        app, ["validate", str(OUR), "--set", "arms.today.organisation.staff.caseworker=1100"])
    assert result.exit_code == 0, result.output
    assert "caseworker" in result.stderr and "caseload of 0.7" in result.stderr, result.stderr


def test_run_says_the_staffing_warning_before_it_simulates(tmp_path: Path) -> None:
    """The warning comes with every command that loads a scenario (cli/common.load); a
    bad --out stops the run right after loading, so nothing is simulated here."""
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(app, [
        "run", str(OUR), "--set", "arms.today.organisation.staff.caseworker=0.5",
        "--out", str(blocker / "sub"), "-r", "1"])
    assert "warning: " in result.stderr and "caseload of 1,600" in result.stderr


def test_schema_markdown_prints_and_writes_the_reference(tmp_path: Path) -> None:
    from jobfirst_sim.scenario.reference import reference_markdown

    printed = CliRunner().invoke(app, ["schema", "--markdown"])
    assert printed.exit_code == 0 and printed.stdout == reference_markdown()
    out = tmp_path / "ref.md"
    written = CliRunner().invoke(app, ["schema", "--markdown", "--out", str(out)])
    assert written.exit_code == 0 and out.read_text(encoding="utf-8") == reference_markdown()
    assert (ROOT / "docs" / "scenario-reference.md").read_text(encoding="utf-8") == \
        reference_markdown()
