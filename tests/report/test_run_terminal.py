"""The ``jobfirst run`` terminal summary through the real CLI (typer's CliRunner): the
headline in the chosen language, registry labels instead of field names, and the trial
check only for the trial replica."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from jobfirst_sim.cli import app

RAW_NAMES = ("share_with_hours_w78", "mean_wage_hours_w78", "ever_hours_share", "_w78=",
             "placement13_share", "kontanthjaelp", "arms.", "organisation.")


TRIAL = Path(__file__).resolve().parents[2] / "scenarios" / "jobfirst_trial.yaml"
SMALL = ("arms.jobfirst.citizens.kontanthjaelp=40", "arms.jobfirst.citizens.ressourceforloeb=10",
         "arms.control.citizens.kontanthjaelp=40", "arms.control.citizens.ressourceforloeb=10",
         "run.weeks_followed=80", "population.intake_weeks=10")


def _sets(trial: bool, control: bool) -> list[str]:
    """The trial replica made small (and, for a what-if, not compared with the trial)."""
    sets = [*SMALL, f"run.compare_with_trial={'true' if trial else 'false'}"]
    if not control:
        sets.append("arms.control.role=alternative")
    return [x for s in sets for x in ("--set", s)]


@pytest.mark.parametrize(("lang", "trial", "control", "expect", "absent"), [
    # (the small trial keeps the trial's FTEs, so its caseload check is off: any mark will do)
    ("da", True, True, ["Kort fortalt:", "pct.-point", "Nøgletal", "] T5 JobFirst",
                        "Usandsynlig bemanding: JobFirst, ", "Jobformidler (0,7)",
                        "Forsøget".lower(),
                        "Kun 3 gentagelser"], []),
    ("en", True, True, ["In short:", "\u00a0pp", "Key figures", "Comparison with the"
                        " trial"], []),
    ("da", False, True, ["Kort fortalt:", "pct.-point"], ["[OFF]", "[ok ]", "forsøget"]),
    ("en", False, False, ["no baseline arm", "Key figures"], ["\u00a0pp", "[OFF]"]),
])
def test_terminal_summary(tmp_path: Path, lang: str, trial: bool, control: bool,
                          expect: list[str], absent: list[str]) -> None:
    res = CliRunner().invoke(app, ["run", str(TRIAL), "-r", "3", "--seed", "5", "--out",
                                   str(tmp_path / "out"), "--no-report", "--lang", lang,
                                   *_sets(trial, control)])
    assert res.exit_code == 0, res.output
    for text in expect:
        assert text in res.output, (text, res.output)
    for text in [*absent, *RAW_NAMES]:
        assert text not in res.output, (text, res.output)
