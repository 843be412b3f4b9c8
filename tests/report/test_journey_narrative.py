"""One citizen's week-by-week narrative (journey_events), as the run report and the
workshop's citizen story both tell it: made-up rows, every turning point, both languages."""

from __future__ import annotations

from typing import Any

import pandas as pd

from jobfirst_sim.report.figures.people import HOURS_CHANGE_TOLD, journey_events
from jobfirst_sim.report.labels import all_keys, t


def rows(**first: Any) -> list[dict[str, Any]]:
    """A calendar-stock citizen: CV in week 1, a placement for hours in week 2 that becomes
    5 ordinary hours in week 3, a step of 6 hours, a rise under the threshold, a contact
    change, and the hours stop in week 7 (``first`` changes week 0 and what follows)."""
    base = {"week": 0, "benefit": "kontanthjaelp", "municipality": "Lilleby", "age": 52,
            "cohort": "stock", "weeks_on_benefit": 312, "start_week": 0,
            "in_placement": False, "placement_purpose": "", "company_sector": "",
            "wage_hours": 0.0, "contact_changes": 0, "status": "full_support",
            "stage": "intake"}
    changes = [{},  # each week's changes; the rest carries over from the week before
               {"stage": "cv"},
               {"stage": "placement", "in_placement": True, "placement_purpose": "hours",
                "company_sector": "manufacturing"},
               {"stage": "hours", "in_placement": False, "wage_hours": 5.0,
                "status": "partial_support"},
               {"stage": "rising", "wage_hours": 11.0},
               {"wage_hours": 11.0 + HOURS_CHANGE_TOLD - 0.5},
               {"contact_changes": 1},
               {"wage_hours": 0.0, "status": "full_support"}]
    out, now = [], {**base, **first}
    for week, change in enumerate(changes):
        now = {**now, **change, "week": week}
        out.append(now)
    return out


def test_every_turning_point_is_told_once_in_english() -> None:
    assert journey_events(pd.DataFrame(rows()), "en") == [
        "Week 0: starts (Cash benefit, Lilleby, age 52, 6.0 years on public support).",
        "Week 1: the CV is made.",
        "Week 2: starts a company placement (Manufacturing, purpose: ordinary hours).",
        "Week 3: the placement ends.",
        "Week 3: first ordinary hours (5.0 h/week).",
        "Week 3: support status full support → partial support.",
        "Week 4: ordinary hours 5.0 → 11.0 h/week.",
        "Week 6: changes contact person (change no. 1).",
        "Week 7: ordinary hours stop.",
        "Week 7: support status partial support → full support.",
        "Week 7: the simulation ends – full support, 0.0 ordinary hours/week."]


def test_the_danish_story_and_an_inflow_citizens_arrival() -> None:
    da = journey_events(pd.DataFrame(rows(cohort="inflow", weeks_on_benefit=0,
                                          start_week=19)), "da")
    assert da[0] == ("Uge 0: kommer ind som ny borger 19 uger efter startdatoen "
                     "(Kontanthjælp, Lilleby, 52 år).")
    assert da[1] == "Uge 1: CV'et er lavet."
    assert "Uge 4: ordinære timer 5,0 → 11,0 t/uge." in da
    assert "Uge 2: starter i virksomhedspraktik (Industri, formål: ordinære timer)." in da


def test_a_trial_citizen_starts_without_time_on_support_and_rows_may_be_few() -> None:
    """Trial mode (no calendar) has no time on benefit; a panel read for one citizen has
    only the week and the hours."""
    trial = journey_events(pd.DataFrame(rows(cohort="trial", weeks_on_benefit=0)), "en")
    assert trial[0] == "Week 0: starts (Cash benefit, Lilleby, age 52)."
    few = pd.DataFrame(rows())[["week", "wage_hours"]]
    assert journey_events(few, "en")[1] == "Week 3: first ordinary hours (5.0 h/week)."
    assert journey_events(few.iloc[:0], "en") == []


def test_the_narratives_labels_are_in_both_languages() -> None:
    keys = [k for k in all_keys() if k.startswith("j_")]
    assert {"j_start_stock", "j_start_inflow", "j_stage_cv", "j_stage_agreement"} <= set(keys)
    for key in keys:
        assert t(key, "da") != t(key, "en"), key


def test_a_stage_reached_with_its_event_is_not_told_twice() -> None:
    """First hours that already include a step reach 'rising' in the same week; a stage
    reached with no event of its own (a job found and lost within the week) is told."""
    p = pd.DataFrame(rows())
    p.loc[p["week"] == 3, "stage"] = "rising"
    en = journey_events(p, "en")
    assert not [e for e in en if "stage" in e]
    p.loc[p["week"] == 2, ["stage", "in_placement"]] = ["hours", False]
    assert ("Week 2: gets ordinary hours but loses them again the same week."
            in journey_events(p, "en"))


def test_hours_gained_and_lost_in_one_week_are_said_so() -> None:
    """A job that starts and ends in the same week leaves the stage "hours" reached with 0
    hours in that week's row: the story says the hours were lost again, not merely that a
    stage was reached."""
    week = [{"week": 0, "wage_hours": 0.0, "stage": "placement"},
            {"week": 1, "wage_hours": 0.0, "stage": "hours"}]
    en = journey_events(pd.DataFrame(week), "en")
    da = journey_events(pd.DataFrame(week), "da")
    assert "Week 1: gets ordinary hours but loses them again the same week." in en
    assert "Uge 1: får ordinære timer, men mister dem igen samme uge." in da
    assert not any("reaches the stage" in line for line in en)
