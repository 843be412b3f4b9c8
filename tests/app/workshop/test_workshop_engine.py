"""The workshop engine: cards, problems in words, and a team's run (issue 13)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from jobfirst_sim.app.workshop.engine import checks
from jobfirst_sim.app.workshop.engine.cards import CARDS, load_card
from jobfirst_sim.app.workshop.engine.checks import check_design
from jobfirst_sim.app.workshop.engine.design import (
    PRACTICES,
    TeamDesign,
    caseloads,
    organisation_text,
    role_label,
    start_design,
)
from jobfirst_sim.app.workshop.engine.run import (
    JOURNEY_COLUMNS,
    journey,
    planned,
    run_team,
    team_pair,
)
from jobfirst_sim.domain import StaffRole
from jobfirst_sim.scenario.design import RoleModel
from jobfirst_sim.words import has, t

BUM = "bum70_readiness_first"


def makkerskab(design: TeamDesign, fte: float = 4.4) -> TeamDesign:
    return replace(design, staff={"jobformidler": fte, "caseworker": fte},
                   role_model=RoleModel.makkerskab, jobformidler=True)


@pytest.mark.parametrize("info", CARDS, ids=lambda c: c.key)
def test_every_card_is_a_small_jobcentre_whose_own_design_passes(info: object) -> None:
    card = load_card(info.key)  # type: ignore[attr-defined]
    design = start_design(card)
    assert card.scenario.calendar is not None and card.scenario.calendar.horizon_weeks == 78
    assert 300 <= sum(card.scenario.arm(card.arm).citizens.values()) <= 500
    # the budget is within a quarter of today's staff (a cut or a modest increase)
    assert abs(card.info.fte_budget / design.fte_total() - 1) <= 0.25
    assert check_design(card, design, "en", budget=design.fte_total()) == []
    assert all(card.info.title[lang] and card.info.lesson[lang] for lang in ("da", "en"))


def test_problems_are_sentences_in_the_chosen_language() -> None:
    card = load_card(BUM)
    over = makkerskab(start_design(card), fte=6.0)
    da, en = check_design(card, over, "da"), check_design(card, over, "en")
    assert da == ["Designet bruger 12,0 årsværk, men budgettet er 9,0: fjern 3,0 årsværk."]
    assert en == ["The design uses 12.0 FTE but the budget is 9.0: remove 3.0 FTE."]


def test_every_word_of_the_engine_is_in_the_catalog() -> None:
    """The engine keeps no words of its own: each practice's label and reason, each role's
    name, each organisation text and each problem sentence is a catalog key (both languages
    are checked for every key in tests/test_words.py), so a lever or problem added without
    its words fails here, not on a leader's screen."""
    kinds = re.findall(r'problem\("(\w+)"', Path(checks.__file__).read_text(encoding="utf-8"))
    assert len(set(kinds)) == 12
    assert [k for k in kinds if not has(f"ws_problem_{k}")] == []
    for lang in ("da", "en"):
        assert all(p.label(lang) and p.explanation(lang) for p in PRACTICES)
        assert all(role_label(r, lang) for r in StaffRole)
        assert all(organisation_text(k, lang) for k in ("role_model", "jobformidler",
                                                         "colocated"))
    assert PRACTICES[0].label("da") == t("ws_practice_hours_dialogue_from_start", "da") == (
        "Ordinære timer fra første samtale")
    assert role_label(StaffRole.caseworker, "en") == "Authority caseworkers"


def test_each_impossible_design_is_named() -> None:
    card = load_card(BUM)
    base = start_design(card)
    no_mentor = replace(base, staff={**base.staff, "mentor": 0.0})
    assert any("Mentors have 0 FTE" in p for p in check_design(card, no_mentor, "en"))
    huge = replace(base, staff={**base.staff, "caseworker": 1.0})
    assert any("320.0 citizens per FTE is impossible" in p
               for p in check_design(card, huge, "en"))
    bum_jf = replace(base, jobformidler=True)
    assert any("need makkerskab" in p for p in check_design(card, bum_jf, "en"))
    stray = replace(makkerskab(base), staff={"jobformidler": 4.0, "caseworker": 4.0,
                                             "mentor": 1.0})
    assert any("not part of this design" in p for p in check_design(card, stray, "en"))
    weeks = replace(base, practice={**base.practice, "contact_interval_weeks": 40})
    assert any("between 1 and 26" in p for p in check_design(card, weeks, "en"))
    assert caseloads(card, makkerskab(base, 4.0)) == {"jobformidler": 80.0, "caseworker": 80.0}


@pytest.mark.slow
def test_the_start_against_itself_is_exactly_zero_with_no_levers() -> None:
    card = load_card(BUM)
    result = run_team(card, start_design(card), replications=2, lever_replications=1,
                      budget=9.0)
    d = result["difference"]
    assert d["hours_share"] == {"mean": 0.0, "low": 0.0, "high": 0.0}
    assert d["net_cost"]["mean"] == 0.0
    assert result["levers"] == [] and result["simulations"] == planned(0, 2) == 4
    rows = result["journey"]  # one citizen's rows, week by week, as plain JSON data
    assert rows and {r["citizen_id"] for r in rows} == {rows[0]["citizen_id"]}
    assert [r["week"] for r in rows] == sorted(r["week"] for r in rows)
    assert set(rows[0]) == set(JOURNEY_COLUMNS) and "story" not in result
    assert json.loads(json.dumps(result)) == result


@pytest.mark.slow
def test_a_redesign_reports_its_levers_and_kroner() -> None:
    card = load_card(BUM)
    design = replace(start_design(card), colocated=True,
                     practice={**start_design(card).practice, "cv_at_start": True})
    result = run_team(card, design, replications=2, lever_replications=1)
    names = {lv["name"] for lv in result["levers"]}
    assert {"colocated", "cv_at_start"} <= names | {"transition"}
    assert len(result["levers"]) <= 3
    items = {(r["item"], r["column"]) for r in result["business_case"]}
    assert ("public_net", "difference") in items and ("staff", "base") in items
    assert result["team"]["net_cost"]["mean"] > 0
    # the team's arm goes through the change-over from the card's own design
    pair = team_pair(card, design)
    assert pair.arms[1].transition is not None and pair.arms[0].transition is None


def test_the_story_follows_a_citizen_who_reaches_hours() -> None:
    rows = [{"citizen_id": c, "week": w, "benefit": "kontanthjaelp", "age": 40,
             "weeks_on_benefit": 200, "cohort": "stock", "stage": "intake",
             "contact_changes": 0, "in_placement": c == 2 and w >= 1,
             "placement_purpose": "hours" if c == 2 and w >= 1 else "",
             "wage_hours": 8.0 if c == 2 and w == 2 else 0.0, "status": "full_support",
             "trust": 0.5}
            for c in (1, 2) for w in range(3)]
    told = journey(pd.DataFrame(rows)[::-1])  # rows come back in week order
    assert [r["citizen_id"] for r in told] == [2, 2, 2]
    assert [r["week"] for r in told] == [0, 1, 2]
    assert [r["wage_hours"] for r in told] == [0.0, 0.0, 8.0]
    assert told[1]["in_placement"] is True and "trust" not in told[0]  # only what is told
    no_hours = [{**r, "wage_hours": 0.0} for r in rows]
    assert {r["citizen_id"] for r in journey(pd.DataFrame(no_hours))} == {1}
    assert journey(pd.DataFrame(columns=list(rows[0]))) == []


@pytest.mark.slow
def test_a_run_is_identical_on_any_executor() -> None:
    from jobfirst_sim.run.executors import Executor

    card = load_card(BUM)
    design = replace(start_design(card),
                     practice={**start_design(card).practice, "work_agreement": True})
    results = []
    for name in ("serial", "process"):
        runner = Executor(name, 2)  # type: ignore[arg-type]
        try:
            got = run_team(card, design, replications=2, runner=runner)
        finally:
            runner.close()
        got.pop("seconds")
        results.append(got)
    assert results[0] == results[1]
