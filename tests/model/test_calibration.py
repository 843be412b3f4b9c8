"""The shipped defaults are the calibration's representative member, and they hold.

What ``jobfirst calibrate`` leaves (docs/model.md §11): an ensemble of parameter sets the
trial cannot rule out, shipped in ``jobfirst_sim/scenario/data/ensemble.csv``, and one of
them, chosen by a stated rule, as the ``Behaviour`` defaults
(``experiments/calibration/calibration.json``, ``representative``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from jobfirst_sim.run.calibrate.targets import implausibility
from jobfirst_sim.run.calibrate.trial import figure_values, trial_simulator, trial_targets
from jobfirst_sim.run.replicate import run_replications
from jobfirst_sim.scenario import load_scenario
from jobfirst_sim.scenario.behaviour import Behaviour
from jobfirst_sim.scenario.ensemble import shipped_ensemble

ROOT = Path(__file__).resolve().parents[2]
CALIBRATION = ROOT / "experiments" / "calibration" / "calibration.json"
SCENARIO = ROOT / "scenarios" / "jobfirst_trial.yaml"


def representative() -> dict[str, Any]:
    found: dict[str, Any] = json.loads(CALIBRATION.read_text("utf-8"))["representative"]
    return found


def test_defaults_are_the_representative_member() -> None:
    rep = representative()
    defaults = Behaviour()
    for path, value in rep["defaults"].items():
        assert defaults.value(path.removeprefix("behaviour.")) == value, path
        assert value == pytest.approx(rep["values"][path], rel=1e-3), path
    member = shipped_ensemble().members[rep["member"]]
    for path, value in rep["values"].items():
        assert member.value(path) == pytest.approx(value, rel=1e-5), path


@pytest.mark.slow
def test_the_representative_member_reproduces_its_confirming_run() -> None:
    """Its parameters and seed give the outputs stored at calibration, to the last digit
    (common random numbers): any change to the model since shows up here, and says the
    calibration must be rerun."""
    rep = representative()
    got = trial_simulator(SCENARIO)(rep["values"], rep["seed"])
    for name, value in rep["outputs"].items():
        assert got[name] == pytest.approx(value, rel=1e-9, abs=1e-12), name


@pytest.mark.slow
def test_the_defaults_are_not_implausible_on_another_seed() -> None:
    """On another seed, 4 replications of the defaults stay within the history match's
    cut-off for every matched figure (the noise of 4 replications, the published and the
    discrepancy variances), and the staffing gives T5's caseload of 41 (an input)."""
    scenario = load_scenario(SCENARIO)
    tables = run_replications(scenario, 4, 2024, workers=2)
    targets = trial_targets()
    values = figure_values(tables.outcomes, [t.name for t in targets])
    final = json.loads(CALIBRATION.read_text("utf-8"))["waves"][-1]["noise_var"]
    per_run = json.loads(CALIBRATION.read_text("utf-8"))["settings"]
    assert per_run["seed"] != 2024
    noise = np.array([final[t.name] for t in targets]) / 2  # a run averages 2 replications
    imp = implausibility(targets, np.array([[values[t.name] for t in targets]]),
                         np.zeros((1, len(targets))), noise)[0]
    assert (imp <= 3.0).all(), dict(zip([t.name for t in targets], imp.round(2), strict=True))
    o = tables.outcomes
    caseload = o[(o.metric == "mean_caseload") & (o.arm == "jobfirst") & (o.benefit == "all")
                 & (o.municipality == "all")]["value"].mean()
    assert abs(caseload - 41.0) <= 4.0
