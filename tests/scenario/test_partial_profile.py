"""A field given for the ressourceforløb group keeps the group's own default profile for
every field not given (``--set population.ressourceforloeb.age_mean=45`` used to replace
the whole profile with kontanthjælp's class defaults, so barriers silently got lighter)."""

from __future__ import annotations

from pathlib import Path

from jobfirst_sim.scenario.loader import load_scenario
from jobfirst_sim.scenario.population import Population

TRIAL = Path(__file__).resolve().parents[2] / "scenarios" / "jobfirst_trial.yaml"


def test_one_set_field_keeps_the_rest_of_the_groups_profile() -> None:
    default = Population().ressourceforloeb
    s = load_scenario(TRIAL, {"population.ressourceforloeb.age_mean": 45})
    got = s.population.ressourceforloeb
    assert got.age_mean == 45
    assert got.physical_barrier == default.physical_barrier
    assert got.barrier_correlation == default.barrier_correlation
    assert got.start_capacity_hours == default.start_capacity_hours


def test_one_field_inside_a_spread_keeps_its_concentration() -> None:
    default = Population().ressourceforloeb
    s = load_scenario(TRIAL, {"population.ressourceforloeb.mental_barrier.mean": 0.5})
    got = s.population.ressourceforloeb.mental_barrier
    assert got.mean == 0.5
    assert got.concentration == default.mental_barrier.concentration


def test_a_profile_given_in_full_is_taken_as_given() -> None:
    given = Population().kontanthjaelp.model_dump()
    pop = Population.model_validate({"ressourceforloeb": given})
    assert pop.ressourceforloeb == Population().kontanthjaelp
