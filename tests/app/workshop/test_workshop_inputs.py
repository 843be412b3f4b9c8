"""Bad input gets a clear answer and stores nothing (issue 13, "Bad-input tests")."""

from __future__ import annotations

from typing import Any

from workshop_client import csrf, design_form, facilitator, join


def stored(app: Any, team: int) -> dict[str, Any]:
    s = app.config["WS_STORE"]
    rnd = s.current_round(s.current_session().id)
    mine: dict[str, Any] = s.team_round(team, rnd.id)
    return mine


def test_a_design_over_budget_is_explained_and_not_stored(app: Any) -> None:
    _, _, code = facilitator(app)
    client, token, team = join(app, "Hold A", code)
    r = client.post("/team/design", data=design_form(token, team, fte_caseworker="9"))
    assert r.status_code == 422
    assert "Designet bruger 12,0 årsværk, men budgettet er 9,0: fjern 3,0 årsværk." in r.text
    assert 'role="alert"' in r.text and 'id="design-form"' in r.text  # the form, not an error
    assert stored(app, team)["design"] is None


def test_an_impossible_caseload_is_explained_and_not_stored(app: Any) -> None:
    _, _, code = facilitator(app)
    client, token, team = join(app, "Hold A", code)
    form = design_form(token, team, fte_consultant="1", fte_mentor="0,5")
    r = client.post("/team/design", data=form)
    assert r.status_code == 422
    assert "Mentorer: 640,0 borgere pr. årsværk er umuligt (højst 250)" in r.text
    jf_in_bum = design_form(token, team, jobformidler="yes")
    assert "Jobformidlere kræver makkerskab" in client.post("/team/design", data=jf_in_bum).text
    garbage = design_form(token, team, fte_caseworker="fire", p_social_effort="maybe")
    r = client.post("/team/design", data=garbage)
    assert r.status_code == 422 and "skriv årsværk som et tal" in r.text
    assert stored(app, team)["design"] is None


def test_a_wrong_join_code_is_refused_and_no_team_is_made(app: Any) -> None:
    facilitator(app)
    client = app.test_client()
    token = csrf(client)
    r = client.post("/join", data={"csrf": token, "name": "Hold X", "code": "WRONG1"})
    assert r.status_code == 422
    assert "Deltagerkoden passer ikke til workshoppen" in r.text
    s = app.config["WS_STORE"]
    assert s.teams(s.current_session().id) == []


def test_a_team_cannot_post_into_another_teams_slot(app: Any) -> None:
    _, _, code = facilitator(app)
    a, token_a, team_a = join(app, "Hold A", code)
    _, _, team_b = join(app, "Hold B", code)
    r = a.post("/team/design", data=design_form(token_a, team_b, p_cv_at_start="yes"))
    assert r.status_code == 403
    assert "Formularen hører til et andet hold; intet er gemt." in r.text
    r = a.post("/team/predict", data={"csrf": token_a, "team": str(team_b),
                                      "hours_share": "50", "net_cost": "1"})
    assert r.status_code == 403
    assert stored(app, team_b) == {"design": None, "prediction": None, "run": None}
    assert stored(app, team_a)["design"] is None


def test_a_post_without_the_csrf_token_is_refused(app: Any) -> None:
    _, _, code = facilitator(app)
    client, token, team = join(app, "Hold A", code)
    form = design_form(token, team)
    del form["csrf"]
    r = client.post("/team/design", data=form)
    assert r.status_code == 400 and "intet er gemt" in r.text
    r = client.post("/team/design", data={**form, "csrf": "forged"})
    assert r.status_code == 400
    assert stored(app, team)["design"] is None


def test_a_prediction_is_final_and_comes_before_the_run(app: Any) -> None:
    _, _, code = facilitator(app)
    client, token, team = join(app, "Hold A", code)
    r = client.post("/team/run", data={"csrf": token, "team": str(team)})
    assert r.status_code == 409 and "Gem jeres forudsigelse, før I kører." in r.text
    assert client.post("/team/design", data=design_form(token, team)).status_code == 200
    bad = client.post("/team/predict", data={"csrf": token, "team": str(team),
                                             "hours_share": "140", "net_cost": "x"})
    assert bad.status_code == 422 and "mellem 0 og 100" in bad.text
    ok = {"csrf": token, "team": str(team), "hours_share": "12,5", "net_cost": "105"}
    assert client.post("/team/predict", data=ok).status_code == 302
    again = client.post("/team/predict", data={**ok, "hours_share": "90"})
    assert again.status_code == 409
    assert stored(app, team)["prediction"] == {"hours_share": 0.125, "net_cost": 105e6}


def test_facilitator_controls_need_the_key(app: Any) -> None:
    facilitator(app)
    other = app.test_client()
    token = csrf(other)
    r = other.post("/facilitator/round", data={"csrf": token, "action": "lock"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/facilitator/login")
    r = other.post("/facilitator/login", data={"csrf": token, "key": "guess"})
    assert r.status_code == 403 and "Forkert facilitatornøgle" in r.text
    s = app.config["WS_STORE"]
    assert s.current_round(s.current_session().id).state == "open"


def test_the_facilitator_resets_a_team_and_turns_the_ranking_on(app: Any) -> None:
    fac, fac_token, code = facilitator(app)
    client, token, team = join(app, "Hold A", code)
    assert client.post("/team/design", data=design_form(token, team)).status_code == 200
    client.post("/team/predict", data={"csrf": token, "team": str(team),
                                       "hours_share": "10", "net_cost": "100"})
    r = fac.post("/facilitator/reset", data={"csrf": fac_token, "team_id": "999"})
    assert r.status_code == 400 and stored(app, team)["prediction"] is not None
    fac.post("/facilitator/reset", data={"csrf": fac_token, "team_id": str(team),
                                         "confirm": "yes"})
    assert stored(app, team) == {"design": None, "prediction": None, "run": None}
    fac.post("/facilitator/ranking", data={"csrf": fac_token, "on": "yes"})
    assert app.config["WS_STORE"].current_session().ranking
    assert "Slå rangering fra" in fac.get("/facilitator").text
