"""`jobfirst pilot` on the model: the lean outcome agrees with the outcome table, the
simulated citizen power agrees with the formula, the seed recipe, and the
command's files and messages (docs/pilot.md)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from jobfirst_sim.cli import app
from jobfirst_sim.decide.pilot import (
    COLUMNS,
    PilotError,
    PilotPlan,
    PilotRequest,
    cohort_size,
    default_sizes,
    plan_pilot,
    prepared,
    week_grid,
)
from jobfirst_sim.model.observe.tables import hours_by_week
from jobfirst_sim.run.simulate import run_model, simulate
from jobfirst_sim.scenario import Scenario, build_scenario, load_raw
from jobfirst_sim.scenario.loader import apply_overrides

ROOT = Path(__file__).resolve().parents[2]
MUNICIPALITY = ROOT / "experiments" / "benchmarks" / "pilot_municipality.yaml"
TINY: dict[str, object] = {
    "arms.today.citizens.kontanthjaelp": 150, "arms.today.citizens.ressourceforloeb": 50,
    "arms.jobfirst.citizens.kontanthjaelp": 8, "arms.jobfirst.citizens.ressourceforloeb": 2,
    "run.weeks_followed": 56, "population.intake_weeks": 8,
}
"""The benchmark's municipality cut to 200 citizens followed 56 weeks (a fraction of a
second a run)."""
TINY_SETS = [arg for k, v in TINY.items() for arg in ("--set", f"{k}={v}")]
runner = CliRunner()


def tiny(**extra: object) -> Scenario:
    return build_scenario(apply_overrides(load_raw(MUNICIPALITY), {**TINY, **extra}), "tiny")


@pytest.fixture(scope="module")
def plan() -> PilotPlan:
    return plan_pilot(PilotRequest(tiny(), "today", "jobfirst", pilots=24, week=52,
                                   sizes=(40, 100, 200), seed=3))


def test_hours_by_week_is_the_outcome_tables_share_with_hours():
    """The lean array reads the same citizens' hours as the outcome table (and the panel run
    draws the same numbers as the ordinary one)."""
    scen = tiny(**{"run.weeks_followed": 80})
    model = run_model(scen, 0, 9, panel=True, journeys_per_arm=0, agents=False)
    members = np.flatnonzero(model.citizens.arm == 0)
    hours, contact = hours_by_week(model, members, np.array([78]))
    out = simulate(scen, 0, 9, agents=False, journeys_per_arm=0).outcomes
    row = out[(out["arm"] == "today") & (out["municipality"] == "all")
              & (out["benefit"] == "all") & (out["metric"] == "share_with_hours_w78")]
    assert hours[:, 0].mean() == pytest.approx(float(row["value"].iloc[0]), abs=1e-12)
    assert (contact >= 0).all() and np.unique(contact).size > 1


@pytest.mark.slow
def test_plan_table_has_every_size_unit_and_week(plan: PilotPlan):
    tab = plan.table
    assert list(tab.columns) == list(COLUMNS)
    assert len(tab) == 3 * 2 * len(week_grid(52, 56)) and 52 in set(tab["week"])
    assert plan.cohort == cohort_size(plan.request.scenario, "today", "all") == 200
    assert plan.simulations == 48
    assert tab["power"].between(0, 1).all() and (tab["n_citizens"] >= tab["size"]).all()
    team = tab[tab["unit"] == "team"]
    assert (team["design_effect"] >= 1).all() and team["icc"].notna().any()
    assert (tab[tab["unit"] == "citizen"]["design_effect"] == 1).all()
    at = plan.at_week()
    assert (at["effect"] > 0).all()  # JobFirst raises the share in this municipality
    assert at.groupby("unit")["mde"].apply(lambda m: m.is_monotonic_decreasing).all()


@pytest.mark.slow
def test_simulated_citizen_power_agrees_with_the_formula(plan: PilotPlan):
    """Pilots at most half the cohort (beyond, drawing most of a finite cohort makes the
    two arms less variable than the formula's independent samples)."""
    rows = plan.table[(plan.table["unit"] == "citizen") & (plan.table["size"] <= 100)
                      & (plan.table["week"] >= 24)]
    f = rows["formula_power"]
    bound = 3 * np.sqrt(f * (1 - f) / plan.request.pilots)
    assert ((rows["power"] - f).abs() <= bound + 1e-12).all(), rows[["size", "week", "power",
                                                                     "formula_power"]]


def test_identical_designs_expect_no_difference():
    got = plan_pilot(PilotRequest(tiny(), "today", "today", pilots=3, week=52, sizes=(100,),
                                  unit="citizen", seed=1))
    assert (got.table["effect"] == 0).all() and (got.table["formula_power"] == 0.05).all()


def test_prepared_resolves_seed_and_default_sizes():
    req = prepared(PilotRequest(tiny(), "today", "jobfirst", seed=None, week=52))
    assert req.seed == tiny().run.seed and req.sizes == default_sizes(200)
    assert default_sizes(1000) == tuple(range(100, 1001, 100))
    assert default_sizes(50)[-1] == 50 and min(default_sizes(50)) >= 20


@pytest.mark.parametrize(("change", "words"), [
    ({"week": 57}, ["--week 57", "1 to 56"]),
    ({"alpha": 1.5}, ["--alpha 1.5", "between 0 and 1"]),
    ({"sizes": (100, 201)}, ["--sizes 201", "200 citizens", "up to 200"]),
    ({"unit": "office"}, ["citizen, team, both"]),
    ({"benefit": "kontant"}, ["kontanthjaelp"]),
])
def test_requests_a_user_can_fix_are_refused_in_words(change: dict[str, object],
                                                      words: list[str]):
    with pytest.raises(PilotError) as err:
        prepared(PilotRequest(tiny(), "today", "jobfirst",
                              **{"week": 52, **change}))  # type: ignore[arg-type]
    for word in words:
        assert word in str(err.value)


def test_cli_writes_table_manifest_and_pages(tmp_path: Path):
    out = tmp_path / "p"
    res = runner.invoke(app, ["pilot", str(MUNICIPALITY), "--from", "today", "--to", "jobfirst",
                              "--pilots", "2", "--sizes", "60,120", "--week", "40", "--seed",
                              "5", "--out", str(out), "--lang", "en", "-w", "1",
                              "--uncertainty", "noise", *TINY_SETS],
                           env={"COLUMNS": "200"})  # rich's width, whatever runs the test
    assert res.exit_code == 0, res.output
    assert "With 120 citizens randomised one by one" in res.output or "None of the" in res.output
    assert "Caseload" in res.output and "Traceback" not in res.output
    tab = pd.read_parquet(out / "pilot.parquet")
    assert list(tab.columns) == list(COLUMNS) and set(tab["size"]) == {60, 120}
    meta = json.loads((out / "pilot.json").read_text())
    assert meta["kind"] == "pilot" and meta["root_seed"] == 5 and meta["pilots"] == 2
    assert meta["from"] == "today" and meta["to"] == "jobfirst" and meta["week"] == 40
    assert {"numpy", "mesa"} <= set(meta["versions"]) and len(meta["config_hash"]) == 64
    assert set(meta["files"]) == {"pilot.parquet", "pilot_budget.parquet", "pilot.json",
                                  "pilot.html", "pilot.xlsx", "pilot.csv"}
    assert all((out / name).is_file() for name in meta["files"])
    assert "Planning the pilot" in (out / "pilot.html").read_text(encoding="utf-8")
    again = runner.invoke(app, ["pilot", str(MUNICIPALITY), "--from", "today", "--to",
                                "jobfirst", "--pilots", "2", "--sizes", "60", "--week", "40",
                                "--out", str(out), *TINY_SETS])
    assert again.exit_code == 2 and "--overwrite" in again.output


@pytest.mark.parametrize(("args", "words"), [
    (["--from", "nope", "--to", "jobfirst"], ["'nope'", "today, jobfirst"]),
    (["--from", "today", "--to", "jobfirts"], ["'jobfirts'", "today, jobfirst"]),
    (["--from", "today", "--to", "jobfirst", "--week", "300"], ["--week 300", "1 to 56"]),
    (["--from", "today", "--to", "jobfirst", "--alpha", "0"], ["--alpha 0"]),
    (["--from", "today", "--to", "jobfirst", "--week", "40", "--sizes", "5000"],
     ["--sizes 5000", "200"]),
    (["--from", "today", "--to", "jobfirst", "--sizes", "ten"], ["whole numbers"]),
    (["--from", "today", "--to", "jobfirst", "--uncertainty", "both"],
     ["--uncertainty 'both'", "noise or parameters"]),
    (["--from", "today", "--to", "jobfirst", "--members", "100000"], ["--members 100000"]),
    (["--from", "today", "--to", "jobfirst", "--uncertainty", "noise", "--members", "3"],
     ["--members 3", "--uncertainty parameters"]),
])
def test_cli_bad_input_is_one_message_and_exit_2(tmp_path: Path, args: list[str],
                                                words: list[str]):
    out = tmp_path / "o"
    res = runner.invoke(app, ["pilot", str(MUNICIPALITY), *args, "--out", str(out),
                              *TINY_SETS])
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output
    for word in words:
        assert word in res.output
    assert not out.exists()
