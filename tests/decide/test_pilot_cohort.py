"""`jobfirst pilot --benefit` on an arm without such citizens (issue 23 §4, pilot
messages): the message names --benefit and the arm's field, never a --sizes the user did
not give."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_pilot import MUNICIPALITY, TINY_SETS, tiny
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.decide.levers import ExplainError
from jobfirst_sim.decide.pilot import PilotRequest, prepared


def test_no_citizens_in_the_group_names_the_benefit_not_the_sizes() -> None:
    scen = tiny(**{"arms.today.citizens.ressourceforloeb": 0})
    with pytest.raises(ExplainError) as err:
        prepared(PilotRequest(scen, "today", "jobfirst", week=52, benefit="ressourceforloeb"))
    msg = str(err.value)
    assert "--sizes" not in msg
    assert msg.startswith("--benefit ressourceforloeb: arm 'today' has 0 citizens on "
                          "ressourceforloeb (arms.today.citizens.ressourceforloeb)")
    assert prepared(PilotRequest(scen, "today", "jobfirst", week=52,
                            benefit="kontanthjaelp")).sizes


def test_cli_says_what_is_wrong_before_anything_runs(tmp_path: Path) -> None:
    out = tmp_path / "p"
    sets = [a if a != "arms.today.citizens.ressourceforloeb=50"
            else "arms.today.citizens.ressourceforloeb=0" for a in TINY_SETS]
    res = runner().invoke(app, ["pilot", str(MUNICIPALITY), "--from", "today", "--to",
                                "jobfirst", "--benefit", "ressourceforloeb", "--uncertainty",
                                "noise", "--week", "52", "--out", str(out), *sets])
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output and "--sizes" not in res.output
    assert "--benefit ressourceforloeb" in res.output and "0 citizens" in res.output
    assert not out.exists()


def runner() -> CliRunner:
    return CliRunner()
