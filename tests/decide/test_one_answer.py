"""One answer (issue 23 §1): ``run``, ``compare``, ``explain``, ``pilot`` and the workshop
give the same ``headline`` block for the same file, seed and replications, and the pilot's
expected difference agrees with compare's within Monte Carlo error.

The file is a workshop card's jobcentre with a team's design as its second arm (the
workshop's own file, calendar time, arms as alternatives): small, and shared by all five."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from small import near_pair

from jobfirst_sim.app.workshop.engine.cards import load_card
from jobfirst_sim.app.workshop.engine.design import start_design
from jobfirst_sim.app.workshop.engine.run import TEAM_ARM, run_team, team_pair
from jobfirst_sim.decide import compare as cmp
from jobfirst_sim.decide.explain import ExplainRequest, explain
from jobfirst_sim.decide.pilot import PilotRequest, plan_pilot
from jobfirst_sim.decide.worlds import alternative_worlds, run_headline
from jobfirst_sim.metrics import HEADLINE
from jobfirst_sim.run.replicate import RunRequest, run_replications, run_to_directory

CARD, REPS, SEED = "bum70_readiness_first", 2, 7


@pytest.fixture(scope="module")
def case() -> tuple[Any, Any, Any]:
    card = load_card(CARD)
    design = replace(start_design(card), colocated=True,
                     practice={**start_design(card).practice, "cv_at_start": True})
    return card, design, team_pair(card, design)


@pytest.fixture(scope="module")
def comparison(case: tuple[Any, Any, Any]) -> cmp.Comparison:
    card, _, pair = case
    return cmp.run_compare(cmp.from_arms(pair, card.arm, TEAM_ARM, replications=REPS,
                                         seed=SEED))


def _run_block(pair: Any, folder: Path) -> dict[str, Any]:
    assert not pair.one_world  # calendar time: alternatives by default
    request = RunRequest(scenario=pair, replications=REPS, seed=SEED,
                         worlds=alternative_worlds(pair), headline=run_headline(pair))
    out = run_to_directory(request, folder)
    block: dict[str, Any] = json.loads((out / "summary.json").read_text())["headline"]
    return block


def test_every_command_gives_the_same_headline(case: tuple[Any, Any, Any],
                                              comparison: cmp.Comparison,
                                              tmp_path: Path) -> None:
    card, design, pair = case
    compared = cmp.headline_of(comparison, card.arm).to_json()
    assert compared["metric"] == HEADLINE and compared["week"] is None
    assert compared["replications"] == REPS and compared["difference"] != 0.0
    ran = _run_block(pair, tmp_path / "run")
    explained = explain(ExplainRequest(scenario=pair, arm_from=card.arm, arm_to=TEAM_ARM,
                                       replications=REPS, seed=SEED)).headline().to_json()
    plan = plan_pilot(PilotRequest(scenario=pair, arm_from=card.arm, arm_to=TEAM_ARM,
                                   sizes=(40,), unit="citizen", week=52, pilots=REPS,
                                   seed=SEED))
    team = run_team(card, design, replications=REPS, seed=SEED, lever_replications=1)
    for name, block in (("run", ran), ("explain", explained), ("pilot", plan.headline),
                        ("workshop", team["headline"])):
        assert block == compared, name


def test_the_pilots_expected_difference_is_compares_within_monte_carlo_error(
        case: tuple[Any, Any, Any]) -> None:
    """Judged at week 78, the pilot's cohort is the citizens followed to their own week 78
    (no late arrival counted as "no hours"), compare's ``share_with_hours_w78`` the same
    citizens' share: the expected differences agree within compare's Monte Carlo error."""
    card, _, pair = case
    reps = 4
    plan = plan_pilot(PilotRequest(scenario=pair, arm_from=card.arm, arm_to=TEAM_ARM,
                                   sizes=(40,), unit="citizen", week=78, pilots=reps,
                                   seed=SEED))
    compared = cmp.headline_of(cmp.run_compare(cmp.from_arms(
        pair, card.arm, TEAM_ARM, replications=reps, seed=SEED,
        metric="share_with_hours_w78")), card.arm)
    assert compared.week == 78
    error = (compared.ci_high - compared.ci_low) / 2
    assert np.isfinite(error) and error > 0
    assert abs(plan.at_week()["effect"].iloc[0] - compared.difference) <= error


def test_a_trials_arms_share_one_world_in_run_and_compare() -> None:
    """The trial replica's kind of file (arms_mode: trial): compare, explain and pilot read
    both arms from one world, as run does, so run's headline is theirs and the trial's T1
    difference stays where run puts it."""
    s = near_pair(n_kh=30, n_rf=10, weeks=40)
    assert s.one_world and alternative_worlds(s) is None
    comparison = cmp.run_compare(cmp.from_arms(s, "control", "jobfirst", replications=2,
                                               seed=3))
    tables = run_replications(s, 2, 3)
    compared = cmp.headline_of(comparison, "control").to_json()
    assert run_headline(s)(tables.outcomes) == compared
    explained = explain(ExplainRequest(scenario=s, arm_from="control", arm_to="jobfirst",
                                       replications=2, seed=3))
    assert explained.headline().to_json() == compared
    plan = plan_pilot(PilotRequest(scenario=s, arm_from="control", arm_to="jobfirst",
                                   sizes=(20,), unit="citizen", pilots=2, seed=3, week=40))
    assert plan.headline == compared
