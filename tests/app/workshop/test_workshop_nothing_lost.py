"""Nothing a team typed is ever lost (issue 24 §1): a typo, a reset, a stale tab, a new
workshop and a second laptop each keep what the team made."""

from __future__ import annotations

import re
from typing import Any

from workshop_client import csrf, design_form, facilitator, join, submit, wait_done

from jobfirst_sim.app.workshop.store import JOIN_ALPHABET


def stored(app: Any, team: int) -> dict[str, Any]:
    s = app.config["WS_STORE"]
    rnd = s.current_round(s.current_session().id)
    mine: dict[str, Any] = s.team_round(team, rnd.id)
    return mine


def field(page: str, name: str) -> str:
    """The ``<input>`` tag of a text field (by its name)."""
    found = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    assert found, name
    return found.group(0)


def checked(page: str, name: str, value: str) -> bool:
    found = re.search(rf'<input[^>]*name="{name}" value="{value}"[^>]*>', page)
    assert found, (name, value)
    return "checked" in found.group(0)


def version(page: str) -> str:
    found = re.search(r'name="version" value="(\d+)"', page)
    assert found, page
    return found.group(1)


# ------------------------------------------------------------------------------ typo
def test_a_typo_keeps_every_typed_value_and_marks_the_field(app: Any) -> None:
    _, _, code = facilitator(app)
    client, token, team = join(app, "Hold A", code)
    typed = design_form(token, team, role_model="makkerskab", jobformidler="yes",
                        colocated="yes", fte_caseworker="4,4", fte_jobformidler="4,4",
                        fte_consultant="0", fte_mentor="0", p_cv_at_start="yes",
                        p_social_effort="parallel", p_contact_interval_weeks="to")
    r = client.post("/team/design", data=typed)
    assert r.status_code == 422
    page = r.text
    assert 'value="4,4"' in field(page, "fte_caseworker")
    assert 'value="4,4"' in field(page, "fte_jobformidler")
    assert checked(page, "role_model", "makkerskab") and checked(page, "colocated", "yes")
    assert checked(page, "p_cv_at_start", "yes")
    assert checked(page, "p_social_effort", "parallel")
    bad = field(page, "p_contact_interval_weeks")
    assert 'value="to"' in bad and 'aria-invalid="true"' in bad
    assert 'aria-invalid' not in field(page, "fte_caseworker")
    message = "Uger mellem planlagte samtaler: skriv et helt antal uger."
    described = re.search(r'aria-describedby="([^"]*)"', bad)
    assert described
    for ident in described.group(1).split():
        if ident.startswith("err-"):
            assert re.search(rf'id="{ident}"[^>]*>{re.escape(message)}<', page)
            break
    else:
        raise AssertionError(bad)
    assert stored(app, team)["design"] is None


def test_a_typo_in_english_is_marked_in_english(tmp_path: Any) -> None:
    from jobfirst_sim.app.workshop import make_app

    app, _ = make_app(tmp_path / "state", "en", executor="serial", replications=2)
    fac = app.test_client()
    fac_token = csrf(fac, "/facilitator/login")
    fac.post("/facilitator/login", data={"csrf": fac_token,
                                         "key": app.config["WS_STORE"].facilitator_key()})
    fac.post("/facilitator/session", data={"csrf": fac_token, "card": "bum70_readiness_first",
                                           "budget": "", "lang": "en"})
    code = app.config["WS_STORE"].current_session().join_code
    client, token, team = join(app, "Team A", code)
    r = client.post("/team/design", data=design_form(token, team, fte_caseworker="four",
                                                     p_contact_interval_weeks="3"))
    assert r.status_code == 422
    bad = field(r.text, "fte_caseworker")
    assert 'value="four"' in bad and 'aria-invalid="true"' in bad
    assert 'value="3"' in field(r.text, "p_contact_interval_weeks")
    assert "write FTE as a number between 0 and 1000." in r.text
    assert "Team code" in r.text and "Correct the marked fields" in r.text
    asked = fac.post("/facilitator/reset", data={"csrf": fac_token, "team_id": str(team)})
    assert "Yes, reset the team&#39;s round" in asked.text
    assert "Yes, end the current workshop" in fac.post("/facilitator/new",
                                                       data={"csrf": fac_token}).text
    other = app.test_client()
    wrong = other.post("/rejoin", data={"csrf": csrf(other), "team_code": "ZZZZZZ"})
    assert wrong.status_code == 422 and "The team code matches no team" in wrong.text


def test_a_bad_prediction_keeps_what_was_typed(app: Any) -> None:
    _, _, code = facilitator(app)
    client, token, team = join(app, "Hold A", code)
    client.post("/team/design", data=design_form(token, team))
    r = client.post("/team/predict", data={"csrf": token, "team": str(team),
                                           "hours_share": "140", "net_cost": "104,5",
                                           "version": "1"})
    assert r.status_code == 422
    assert 'value="140"' in field(r.text, "hours_share")
    assert 'aria-invalid="true"' in field(r.text, "hours_share")
    assert 'value="104,5"' in field(r.text, "net_cost")


# ------------------------------------------------------------------------------ reset
def test_no_reset_after_the_lock_and_a_confirmation_before_any(app: Any) -> None:
    fac, fac_token, code = facilitator(app)
    client, token, team = join(app, "Hold A", code)
    client.post("/team/design", data=design_form(token, team))
    client.post("/team/predict", data={"csrf": token, "team": str(team),
                                       "hours_share": "10", "net_cost": "100"})
    page = fac.get("/facilitator").text
    assert "Nulstil holdets runde" in page and "Nulstil runden" not in page
    asked = fac.post("/facilitator/reset", data={"csrf": fac_token, "team_id": str(team)})
    assert asked.status_code == 200 and 'name="confirm" value="yes"' in asked.text
    assert "Hold A" in asked.text
    assert stored(app, team)["prediction"] is not None  # asking deletes nothing
    fac.post("/facilitator/round", data={"csrf": fac_token, "action": "lock"})
    r = fac.post("/facilitator/reset", data={"csrf": fac_token, "team_id": str(team),
                                             "confirm": "yes"})
    assert r.status_code == 409
    assert "Runden er låst: et holds runde kan kun nulstilles, mens runden er åben." in r.text
    fac.post("/facilitator/round", data={"csrf": fac_token, "action": "reveal"})
    r = fac.post("/facilitator/reset", data={"csrf": fac_token, "team_id": str(team),
                                             "confirm": "yes"})
    assert r.status_code == 409 and stored(app, team)["design"] is not None
    assert stored(app, team)["prediction"] is not None


# ------------------------------------------------------------------------------ stale tab
def test_a_save_from_a_stale_tab_is_refused_and_keeps_its_values(app: Any) -> None:
    _, _, code = facilitator(app)
    client, token, team = join(app, "Hold A", code)
    first = client.get("/team").text
    assert version(first) == "0"
    odd = client.post("/team/design", data=design_form(token, team, version="²"))
    assert odd.status_code == 409  # not a version a page writes: refused, not a crash
    assert stored(app, team)["design"] is None
    mine = design_form(token, team, p_cv_at_start="yes", version="0")
    assert client.post("/team/design", data=mine).status_code == 200
    saved = stored(app, team)["design"]
    stale = design_form(token, team, fte_caseworker="5", p_work_agreement="yes", version="0")
    r = client.post("/team/design", data=stale)
    assert r.status_code == 409
    assert "Designet er gemt fra en anden fane eller computer" in r.text
    assert 'value="5"' in field(r.text, "fte_caseworker")
    assert checked(r.text, "p_work_agreement", "yes")
    assert stored(app, team)["design"] == saved
    assert version(r.text) == "1"  # saving again replaces the saved design knowingly
    assert client.post("/team/design", data={**stale, "version": "1"}).status_code == 200
    assert stored(app, team)["design"]["practice"]["work_agreement"] is True
    assert version(client.get("/team").text) == "2"
    # a prediction is bound to the design its page showed
    r = client.post("/team/predict", data={"csrf": token, "team": str(team),
                                           "hours_share": "10", "net_cost": "100",
                                           "version": "1"})
    assert r.status_code == 409 and stored(app, team)["prediction"] is None
    assert "forudsigelsen er ikke gemt" in r.text
    r = client.post("/team/predict", data={"csrf": token, "team": str(team),
                                           "hours_share": "10", "net_cost": "100",
                                           "version": "2"})
    assert r.status_code == 302 and stored(app, team)["prediction"] is not None


# ------------------------------------------------------------------------------ rejoin
def test_a_team_code_rejoins_the_team_from_another_laptop(app: Any) -> None:
    _, _, code = facilitator(app)
    client, token, team = join(app, "Hold A", code)
    page = client.get("/team").text
    found = re.search(r'id="team-code">([A-Z0-9]+)<', page)
    assert found, page
    team_code = found.group(1)
    assert len(team_code) == 6 and set(team_code) <= set(JOIN_ALPHABET)
    client.post("/team/design", data=design_form(token, team, p_cv_at_start="yes"))
    other = app.test_client()
    other_token = csrf(other)
    assert 'action="/rejoin"' in other.get("/join").text
    wrong = other.post("/rejoin", data={"csrf": other_token, "team_code": "ZZZZZZ"})
    assert wrong.status_code == 422
    assert "Holdkoden passer ikke til noget hold" in wrong.text
    r = other.post("/rejoin", data={"csrf": other_token, "team_code": team_code.lower()})
    assert r.status_code == 302 and r.headers["Location"].endswith("/team")
    again = other.get("/team").text
    assert "Hold A" in again and checked(again, "p_cv_at_start", "yes")
    assert client.get("/team").status_code == 200  # the first laptop stays in too


# ------------------------------------------------------------------------------ new workshop
def test_a_new_workshop_asks_first_and_keeps_the_old_debriefs(app: Any) -> None:
    fac, fac_token, code = facilitator(app)
    client, token, team = join(app, "Hold A", code)
    team_code = re.search(r'id="team-code">([A-Z0-9]+)<', client.get("/team").text)
    assert team_code
    submit(client, token, team, design_form(token, team))
    wait_done(client)
    old = app.config["WS_STORE"].current_session()
    asked = fac.post("/facilitator/new", data={"csrf": fac_token})
    assert 'name="confirm"' in asked.text
    assert "afslutter den nuværende workshop" in asked.text
    new = {"csrf": fac_token, "card": "bum70_readiness_first", "budget": "", "lang": "da"}
    r = fac.post("/facilitator/session", data=new)
    assert r.status_code == 409 and app.config["WS_STORE"].current_session() == old
    r = fac.post("/facilitator/session", data={**new, "confirm": "yes"})
    assert r.status_code == 302 and app.config["WS_STORE"].current_session() != old
    page = fac.get("/facilitator").text
    assert f'href="/debrief?session={old.id}"' in page  # the archive
    room = fac.get(f"/debrief?session={old.id}").text
    assert "Hold A" in room
    assert fac.get("/debrief?session=²").status_code == 200  # not a number: the current
    # the team's own page says the workshop ended and where its debrief is
    ended = client.get("/team")
    assert ended.status_code == 200 and 'href="/team/debrief"' in ended.text
    assert "Hold A" in client.get("/team/debrief").text
    # ... and from another laptop, by its team code
    other = app.test_client()
    r = other.post("/rejoin", data={"csrf": csrf(other), "team_code": team_code.group(1)})
    assert r.status_code == 302 and r.headers["Location"].endswith("/team/debrief")
    assert "Hold A" in other.get("/team/debrief").text
