"""The design form in three steps, organisation → staff → practices, each field that
differs from the card's start marked in words (issue 24 §5)."""

from __future__ import annotations

import re
from typing import Any

from workshop_client import design_form, facilitator, join

from jobfirst_sim.app.workshop.engine.cards import load_card
from jobfirst_sim.app.workshop.engine.design import start_design
from jobfirst_sim.app.workshop.forms import DESIGN_FIELDS, changed_fields, design_fields

CARD = "bum70_readiness_first"
MARK = re.compile(r'<span class="changed" data-changed="([^"]+)"( hidden)?>ændret fra start<')


def marked(page: str) -> set[str]:
    """The fields whose "changed from the start" mark is shown (not hidden)."""
    found = MARK.findall(page)
    assert {name for name, _ in found} == set(DESIGN_FIELDS), "one mark per field"
    return {name for name, hidden in found if not hidden}


def test_the_form_is_three_steps_in_order_with_a_step_list(app: Any) -> None:
    _, _, code = facilitator(app)
    client, _, _ = join(app, "Hold A", code)
    page = client.get("/team").text
    legends = re.findall(r"<legend>([^<]+)</legend>", page)
    assert legends == ["Trin 1 af 3: Organisering", "Trin 2 af 3: Personale",
                       "Trin 3 af 3: Metodens praksis"]
    nav = re.search(r'<nav class="steps" aria-label="Designets tre trin">(.*?)</nav>', page,
                    re.S)
    assert nav and re.findall(r'href="#(step-\w+)"', nav.group(1)) == [
        "step-organisation", "step-staff", "step-practice"]
    for step in ("organisation", "staff", "practice"):
        assert f'<fieldset id="step-{step}">' in page
    # the start itself: nothing is marked as changed, no step counts a change
    assert marked(page) == set()
    assert re.findall(r'data-step-changed="\w+">([^<]*)<', page) == ["", "", ""]


def test_a_saved_design_marks_each_changed_field_and_counts_per_step(app: Any) -> None:
    _, _, code = facilitator(app)
    client, token, team = join(app, "Hold A", code)
    start = start_design(load_card(CARD))
    more = f"{start.staff['caseworker'] + 0.5:.1f}".replace(".", ",")
    also = f"{start.staff['consultant'] + 0.5:.1f}".replace(".", ",")
    form = design_form(token, team, fte_caseworker=more, fte_consultant=also,
                       p_contact_interval_weeks="3", p_cv_at_start="yes")
    r = client.post("/team/design", data=form)
    assert r.status_code == 200, r.text
    assert marked(r.text) == {"fte_caseworker", "fte_consultant", "p_contact_interval_weeks",
                              "p_cv_at_start"}
    assert re.findall(r'data-step-changed="\w+">([^<]*)<', r.text) == [
        "", "2 ændret fra start", "2 ændret fra start"]


def test_a_typo_is_marked_changed_and_nothing_typed_is_lost(app: Any) -> None:
    _, _, code = facilitator(app)
    client, token, team = join(app, "Hold A", code)
    r = client.post("/team/design", data=design_form(token, team, role_model="makkerskab",
                                                     p_followup_interval_weeks="to"))
    assert r.status_code == 422
    assert {"role_model", "p_followup_interval_weeks"} <= marked(r.text)
    assert re.search(r'name="p_followup_interval_weeks"[^>]*value="to"', r.text)


def test_the_live_answer_says_which_fields_changed_from_the_start(app: Any) -> None:
    _, _, code = facilitator(app)
    client, token, team = join(app, "Hold A", code)
    form = design_form(token, team, p_social_effort="parallel", colocated="yes")
    query = {k: v for k, v in form.items() if k not in ("csrf", "team")}
    got = client.get("/team/caseloads.json", query_string=query).json
    assert set(got["changed"]) == {"p_social_effort", "colocated"} - _start_same(form)
    assert got["steps"]["staff"] == ""
    # FTEs only (no role model in the query): caseloads and the budget counter, no marks
    only = client.get("/team/caseloads.json", query_string={"fte_caseworker": "4"}).json
    assert "changed" not in only and only["used"].startswith("Brugt: 4,0 af")


def _start_same(form: dict[str, str]) -> set[str]:
    """Fields of ``form`` whose value already is the start's (a card may start there)."""
    start = design_fields(start_design(load_card(CARD)), "da")
    return {name for name in ("p_social_effort", "colocated") if form[name] == start[name]}


def test_numbers_compare_as_numbers_not_as_text() -> None:
    start = design_fields(start_design(load_card(CARD)), "da")
    same = {**start, "fte_caseworker": start["fte_caseworker"] + "0",
            "p_contact_interval_weeks": " " + start["p_contact_interval_weeks"]}
    assert changed_fields(same, start) == []
    assert changed_fields({**start, "fte_mentor": ""}, start) == ["fte_mentor"]


def test_english_pages_say_changed_from_the_start(app: Any) -> None:
    store = app.config["WS_STORE"]
    code = store.create_session(CARD, 9.0, "en").join_code
    store.open_round(store.current_session().id)
    client, token, team = join(app, "Team A", code)
    r = client.post("/team/design", data=design_form(token, team, p_cv_at_start="yes"))
    assert "Step 1 of 3: Organisation" in r.text
    assert re.search(r'data-changed="p_cv_at_start">changed from the start<', r.text)
