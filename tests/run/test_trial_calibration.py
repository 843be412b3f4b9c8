"""The trial replica as the calibration's simulator, and the trial's figures as targets."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from small import TRIAL, scaled_staff

from jobfirst_sim.run.calibrate.targets import implausibility
from jobfirst_sim.run.calibrate.trial import (
    EFFECTS,
    GROUP_SIZE,
    TrialSimulator,
    figure_values,
    sampling_variance,
    trial_targets,
)
from jobfirst_sim.scenario import load_raw
from jobfirst_sim.scenario.loader import apply_overrides
from jobfirst_sim.targets import TARGETS


def _figure(id_: str, role: str) -> object:
    return next(t for t in TARGETS if t.id == id_ and t.role == role)


def test_a_share_has_the_binomial_sampling_variance_of_its_group() -> None:
    t1 = _figure("T1", "treatment")
    assert sampling_variance(t1) == pytest.approx(0.19 * 0.81 / 1847)  # type: ignore[arg-type]
    assert GROUP_SIZE[("treatment", "kontanthjaelp")] == 1847


def test_every_matched_figure_and_effect_is_a_target_and_t5_is_not() -> None:
    targets = {t.name: t for t in trial_targets()}
    assert "T1:difference:kontanthjaelp" in targets and "T2:ratio:kontanthjaelp" in targets
    assert not any(name.startswith("T5") for name in targets)
    assert targets["T4b:treatment:all"].kind == "at_least"
    gap = targets["T1:difference:kontanthjaelp"]
    t1a, t1b = targets["T1:treatment:kontanthjaelp"], targets["T1:control:kontanthjaelp"]
    # sampling of a difference of independent groups: the two sampling variances add
    rounding = 0.01 ** 2 / 12
    assert gap.obs_var == pytest.approx(t1a.obs_var + t1b.obs_var - rounding)
    assert gap.disc_var == pytest.approx((0.1 * 0.08) ** 2)


def test_a_bound_rules_out_only_what_lies_below_it() -> None:
    target = next(t for t in trial_targets() if t.kind == "at_least")
    above = implausibility([target], np.array([[0.9]]), np.zeros((1, 1)), np.zeros(1))
    below = implausibility([target], np.array([[0.0]]), np.zeros((1, 1)), np.zeros(1))
    assert above[0, 0] == 0.0 and below[0, 0] > 3


def test_figure_values_reads_levels_and_effects_from_outcomes() -> None:
    rows = []
    for arm, t1, t2 in (("jobfirst", 0.2, 5.0), ("control", 0.1, 2.0)):
        for metric, value in (("share_with_hours_w78", t1), ("mean_wage_hours_w78", t2)):
            rows.append({"replication": 0, "arm": arm, "benefit": "kontanthjaelp",
                         "municipality": "all", "metric": metric, "value": value})
    got = figure_values(pd.DataFrame(rows), ["T1:treatment:kontanthjaelp", *EFFECTS])
    assert got["T1:treatment:kontanthjaelp"] == 0.2
    assert got["T1:difference:kontanthjaelp"] == pytest.approx(0.1)
    assert got["T2:ratio:kontanthjaelp"] == pytest.approx(2.5)


@pytest.mark.slow
def test_the_simulator_pickles_and_its_parameters_reach_the_model() -> None:
    raw = load_raw(TRIAL)
    over: dict[str, object] = {
        f"arms.{arm}.citizens.{benefit}": n for arm in ("jobfirst", "control")
        for benefit, n in (("kontanthjaelp", 80), ("ressourceforloeb", 20))}
    over |= {"population.intake_weeks": 5, **scaled_staff(raw, 100)}
    sim = TrialSimulator(apply_overrides(raw, over), "small", replications=1)
    sim = pickle.loads(pickle.dumps(sim))
    low = sim({"behaviour.conversion.rate": 0.005, "behaviour.own_job.rate": 0.0001}, 3)
    high = sim({"behaviour.conversion.rate": 0.8, "behaviour.own_job.rate": 0.05}, 3)
    assert set(low) == set(sim.outputs)
    assert high["T1:treatment:kontanthjaelp"] > low["T1:treatment:kontanthjaelp"]


def test_calibrate_names_a_missing_scenario_without_a_traceback(tmp_path: object) -> None:
    from typer.testing import CliRunner

    from jobfirst_sim.cli import app

    result = CliRunner().invoke(app, ["calibrate", "no/such.yaml", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "no/such.yaml" in result.output and "Traceback" not in result.output
