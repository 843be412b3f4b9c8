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
