"""The reveal and debrief show a team's whole design difference from the start, weeks and
effort included, not only the practices switched on (issue 24 §4)."""

from __future__ import annotations

from typing import Any

from jobfirst_sim.app.workshop.engine.cards import CARDS, load_card
from jobfirst_sim.app.workshop.engine.design import start_design
from jobfirst_sim.app.workshop.present_design import design_diff


def _start() -> dict[str, Any]:
    return start_design(load_card(CARDS[0].key)).to_json()


def test_every_changed_field_is_listed_with_both_values() -> None:
    start = _start()
    assert design_diff(start, start, "da") == []
    p = start["practice"]
    role = next(iter(start["staff"]))
    team = {**start, "colocated": not start["colocated"],
            "staff": {**start["staff"], role: start["staff"][role] + 1.0},
            "practice": {**p, "contact_interval_weeks": p["contact_interval_weeks"] + 1,
                         "followup_interval_weeks": p["followup_interval_weeks"] + 2,
                         "weeks_without_hours_before_switch":
                             None if p["weeks_without_hours_before_switch"] else 8,
                         "social_effort": "sequential" if p["social_effort"] == "parallel"
                         else "parallel"}}
    rows = design_diff(team, start, "da")
    labels = [r["label"] for r in rows]
    assert labels[0] == "Makkerne sidder sammen" and labels[1].startswith("Årsværk, ")
    assert "Social- og sundhedsindsats" in labels
    by = {r["label"]: r for r in rows}
    weeks = [r["label"] for r in rows if r["team"].endswith("uger") or r["team"] == "aldrig"]
    assert len(weeks) == 3  # contact, follow-up and switch
    effort = by["Social- og sundhedsindsats"]
    assert {effort["team"], effort["start"]} == {"Parallelt", "Sekventielt (parathed først)"}


def test_the_reveal_page_lists_the_changes(app: Any) -> None:
    from flask import render_template

    from jobfirst_sim.app.workshop.views.common import common

    start = _start()
    p = start["practice"]
    team = {**start, "practice": {**p, "contact_interval_weeks":
                                  p["contact_interval_weeks"] + 1}}
    rows = [{"team": type("T", (), {"id": 1, "name": "Nord"})(), "design": team,
             "prediction": None, "result": None, "round": type("R", (), {"number": 1})()}]
    with app.test_request_context("/reveal"):
        html = render_template("reveal.html", **common(), card={"title": {"da": "Kort"}},
                               rows=rows, ranking=False, tied={"by": {}, "all": ""},
                               start=start)
    assert "Ændret fra start" in html
    assert f"{p['contact_interval_weeks'] + 1} uger" in html
    assert f"start: {p['contact_interval_weeks']} uger" in html
