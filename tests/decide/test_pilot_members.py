"""`jobfirst pilot --uncertainty parameters`: power averaged over the ensemble's members,
one member gives the noise-only numbers, and pilot.json carries the headline block in
both modes (jobfirst_sim/decide/pilot_members.py)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_pilot import MUNICIPALITY, TINY_SETS, runner, tiny

from jobfirst_sim.cli import app
from jobfirst_sim.decide.pilot import PilotPlan, PilotRequest, plan_pilot, planned_simulations
from jobfirst_sim.decide.pilot_members import MemberSpread, replications_per_member
from jobfirst_sim.scenario.ensemble import Ensemble, Member, defaults_only

HEADLINE_KEYS = {"metric", "week", "current", "proposed", "difference", "ci_low", "ci_high",
                 "uncertainty", "probability_better", "members", "replications"}
RATE = "behaviour.conversion.rate"
THREE = Ensemble(tuple(Member(k, w, ((RATE, r),))
                       for k, (w, r) in enumerate(((.5, .02), (.3, .05), (.2, .08)))))


def request(members: Ensemble | None, pilots: int = 4) -> PilotRequest:
    return PilotRequest(tiny(), "today", "jobfirst", pilots=pilots, week=52, sizes=(40, 100),
                        seed=3, members=members)


@pytest.fixture(scope="module")
def noise() -> PilotPlan:
    return plan_pilot(request(None))


def test_one_member_gives_exactly_the_noise_only_numbers(noise: PilotPlan):
    one = plan_pilot(request(defaults_only()))
    pd.testing.assert_frame_equal(one.table, noise.table, check_exact=True)
    for key in ("current", "proposed", "difference", "ci_low", "ci_high", "replications"):
        assert one.headline[key] == noise.headline[key], key
    assert one.headline["uncertainty"] == "parameters" and noise.headline["uncertainty"] == "noise"
    assert noise.headline["probability_better"] is None and noise.leans_on == []


def test_power_is_the_weighted_mean_of_the_members_power():
    spread = MemberSpread.of(THREE, 2)
    detected = np.array([[1, 0], [1, 1], [0, 0], [0, 1], [1, 1], [1, 1]], float)
    power, mcse = spread.power(detected)
    assert power == pytest.approx([.5 * 1 + .3 * 0 + .2 * 1, .5 * .5 + .3 * .5 + .2 * 1])
    assert mcse[0] == pytest.approx(0.0)
    assert mcse[1] == pytest.approx(np.sqrt((.25 + .09) * .25 / 2))


def test_runs_are_split_over_members():
    assert replications_per_member(200, None) == 200
    assert replications_per_member(200, THREE) == 67
    assert replications_per_member(2, THREE) == 2  # every member's noise is estimated
    assert planned_simulations(4, THREE) == 2 * 2 * 3 == plan_pilot(request(THREE)).simulations


def test_cli_pilot_json_has_the_headline_block_in_both_modes(tmp_path: Path):
    for mode, extra in (("noise", []), ("parameters", ["--members", "1"])):
        out = tmp_path / mode
        res = runner.invoke(app, ["pilot", str(MUNICIPALITY), "--from", "today", "--to",
                                  "jobfirst", "--pilots", "2", "--sizes", "60", "--week", "40",
                                  "--seed", "5", "--out", str(out), "--lang", "en",
                                  "--uncertainty", mode, *extra, *TINY_SETS])
        assert res.exit_code == 0, res.output
        meta = json.loads((out / "pilot.json").read_text())
        assert set(meta["headline"]) == HEADLINE_KEYS
        assert meta["headline"]["uncertainty"] == meta["uncertainty"] == mode
        assert meta["headline"]["week"] is None and meta["week"] == 40  # headline: horizon
        assert isinstance(meta["leans_on"], list)
        page = (out / "pilot.html").read_text(encoding="utf-8")
        sentence = ("plausible versions of the model" if mode == "parameters"
                    else "holds only simulation noise")
        assert sentence in page and sentence in res.output
