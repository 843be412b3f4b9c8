"""One answer in words (issue 23 §1): arms by their labels, lever changes and the caseload
in words, an assumed ICC and its design effect, the calendar pilot's observable cohort."""

from __future__ import annotations

import numpy as np
import pytest
from small import CALENDAR

from jobfirst_sim.decide import compare as cmp
from jobfirst_sim.decide.pilot import PilotRequest, plan_pilot
from jobfirst_sim.decide.pilot_cohort import Outcomes, cohort_of, cohort_size
from jobfirst_sim.report.changes import difference_item
from jobfirst_sim.report.compare import side_label, week_word
from jobfirst_sim.report.labels import arm_name
from jobfirst_sim.report.pilot import sentences
from jobfirst_sim.scenario import load_scenario, with_changes


def test_a_joined_lever_is_said_in_words_never_as_raw_values() -> None:
    for lang in ("da", "en"):
        said = difference_item("role_model+jobformidler: bum/false → makkerskab/true", lang)
        assert not {"false", "true", "bum/", "role_model"} & set(said.replace(";", " ")
                                                                   .split())
        assert "→" in said and ";" in said  # one change per lever


def test_arms_are_named_by_their_labels_in_both_languages() -> None:
    scen = load_scenario(CALENDAR)
    assert not scen.one_world  # the what-if file: its arms are alternatives
    req = cmp.from_arms(scen, "today", "proposed", replications=2, seed=1)
    comparison = cmp.Comparison(request=req, current={}, proposed={})
    assert side_label(comparison, cmp.CURRENT, "da") == "Som i dag"
    assert side_label(comparison, cmp.PROPOSED, "en") == "Job brokers in partnership"
    assert arm_name("today", "en") == "As today"  # a file without labels: never the id
    assert week_word(comparison, "en").startswith("Calendar week")  # not the own week
    assert week_word(comparison, "da").startswith("Kalenderuge")


def test_the_pilots_cohort_is_the_citizens_observable_at_the_judged_week() -> None:
    hours = np.array([[True], [False], [False]])
    seen = np.array([True, True, False])  # the third arrives too late to reach the week
    a = Outcomes(hours, np.array([0, 0, 1]), seen, 0.5)
    b = Outcomes(~hours, np.array([0, 0, 1]), seen, 0.6)
    cohort = cohort_of(a, b)
    assert cohort.size == 2 and cohort.under_b[:, 0].tolist() == [False, True]
    scen = load_scenario(CALENDAR)
    stock = cohort_size(scen, "today", "all")
    assert cohort_size(scen, "today", "all", 78) == stock  # the horizon: the stock alone
    assert cohort_size(scen, "today", "all", 52) == stock + int((3.8 + 1.5) * 26)


def test_an_assumed_icc_gives_its_design_effect_and_says_so() -> None:
    scen = with_changes(load_scenario(CALENDAR), {
        "arms.today.citizens.kontanthjaelp": 60, "arms.today.citizens.ressourceforloeb": 20,
        "arms.proposed.citizens.kontanthjaelp": 60,
        "arms.proposed.citizens.ressourceforloeb": 20,
        "arms.today.inflow_per_week.kontanthjaelp": 0.5,
        "arms.today.inflow_per_week.ressourceforloeb": 0.1,
        "arms.proposed.inflow_per_week.kontanthjaelp": 0.5,
        "arms.proposed.inflow_per_week.ressourceforloeb": 0.1,
        "calendar.horizon_weeks": 30})
    plan = plan_pilot(PilotRequest(scen, "today", "proposed", sizes=(40,), week=20,
                                   pilots=4, seed=2, icc=0.02))
    team = plan.at_week()
    team = team[team["unit"] == "team"].iloc[0]
    assert team["design_effect"] == pytest.approx(1 + (plan.caseload - 1) * 0.02)
    said = " ".join(sentences(plan, "en"))
    assert "Assumed intra-cluster correlation 0.020 (--icc)" in said
    assert "need not be larger" not in said and "proposed" not in said.split()
