"""``jobfirst sweep`` writes its report into the results folder and prints its path, as
``jobfirst run`` does (issue 23 §3); ``--no-report`` leaves it out; the path is said in the
chosen language."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from jobfirst_sim.cli import app

ROOT = Path(__file__).resolve().parents[2]

EXPERIMENT = """
name: tiny_report
scenario: {scenario}
constants:
  municipalities:
    - {{name: Jobcenter, weight: 1, labour_demand: 1.0}}
  arms:
    - {{name: jobfirst, design: jobfirst, citizens: {{kontanthjaelp: 24, ressourceforloeb: 8}}}}
    - {{name: control, design: normal_effort,
       citizens: {{kontanthjaelp: 24, ressourceforloeb: 8}}}}
  run.weeks_followed: 30
  population.intake_weeks: 4
levers:
  arms.jobfirst.organisation.caseload:
    values: [30, 55]
outcomes:
  t1_effect: {{metric: share_with_hours_end, arm: jobfirst, minus_arm: control,
              direction: maximize}}
replications: 1
seed: 5
design:
  type: full_factorial
"""


@pytest.fixture(scope="module")
def experiment(tmp_path_factory: pytest.TempPathFactory) -> Path:
    f = tmp_path_factory.mktemp("exp") / "tiny.yaml"
    f.write_text(EXPERIMENT.format(scenario=ROOT / "scenarios" / "jobfirst_trial.yaml"),
                 encoding="utf-8")
    return f


@pytest.mark.parametrize(("lang", "word"), [("da", "rapport"), ("en", "report")])
def test_sweep_writes_its_report_and_says_where(tmp_path: Path, experiment: Path, lang: str,
                                               word: str) -> None:
    out = tmp_path / "sweep"
    res = CliRunner().invoke(app, ["sweep", str(experiment), "--out", str(out), "-q",
                                   "--executor", "serial", "--lang", lang])
    assert res.exit_code == 0, res.output
    page = out / "report.html"
    assert page.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert f"{word}: {page}" in res.output
    assert f'<html lang="{lang}"' in page.read_text(encoding="utf-8")
    said = ("eksperiment: 2 kørsler, 0 var færdige, 2 kørt nu på" if lang == "da"
            else "sweep: 2 runs, 0 already done, 2 run now in")
    assert said in res.output  # the terminal speaks the chosen language too


def test_no_report_leaves_it_out(tmp_path: Path, experiment: Path) -> None:
    out = tmp_path / "sweep"
    res = CliRunner().invoke(app, ["sweep", str(experiment), "--out", str(out), "-q",
                                   "--executor", "serial", "--no-report"])
    assert res.exit_code == 0, res.output
    assert not (out / "report.html").exists() and "report.html" not in res.output
    assert (out / "summary.parquet").exists()  # the sweep itself ran


def test_a_report_that_cannot_be_written_leaves_the_sweep_whole(
        tmp_path: Path, experiment: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The runs are stored before the report is drawn: a failing report is said, with the
    command that writes it later, and the sweep's exit code stays its own."""
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("jobfirst_sim.report.sweep.make_sweep_report", broken)
    out = tmp_path / "sweep"
    res = CliRunner().invoke(app, ["sweep", str(experiment), "--out", str(out), "-q",
                                   "--executor", "serial", "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert "disk full" in res.output and f"jobfirst report {out}" in res.output
    assert "Traceback" not in res.output and (out / "summary.parquet").exists()
