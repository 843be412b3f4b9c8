"""The workshop's pages as blueprints by role, and every number written by the server."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from workshop_client import facilitator, join

import jobfirst_sim.app.workshop as workshop

SCRIPT = Path(workshop.__file__).parent / "static" / "workshop.js"


def test_each_role_has_its_blueprint_and_the_urls_stay(app: Any) -> None:
    assert set(app.blueprints) == {"auth", "facilitator", "team", "debrief"}
    rules = {(r.rule, m) for r in app.url_map.iter_rules() if r.endpoint != "static"
             for m in r.methods or () if m in ("GET", "POST")}
    assert rules == {
        ("/", "GET"), ("/facilitator/login", "GET"), ("/facilitator/login", "POST"),
        ("/join", "GET"), ("/join", "POST"), ("/rejoin", "POST"),
        ("/facilitator", "GET"), ("/facilitator/status.json", "GET"),
        ("/facilitator/session", "POST"), ("/facilitator/round", "POST"),
        ("/facilitator/reset", "POST"), ("/facilitator/ranking", "POST"),
        ("/facilitator/new", "POST"),
        ("/team", "GET"), ("/team/design", "POST"), ("/team/predict", "POST"),
        ("/team/run", "POST"), ("/team/status.json", "GET"), ("/team/caseloads.json", "GET"),
        ("/reveal", "GET"), ("/debrief", "GET"), ("/team/debrief", "GET")}
    assert {r.endpoint.split(".")[0] for r in app.url_map.iter_rules()
            if r.rule.startswith("/team/") and "debrief" not in r.rule} == {"team"}


def test_the_caseloads_a_team_types_come_written_from_the_server(app: Any) -> None:
    _, _, code = facilitator(app)
    client, _, _ = join(app, "Hold A", code)
    r = client.get("/team/caseloads.json", query_string={
        "fte_caseworker": "4,4", "fte_consultant": "0.1", "fte_mentor": "0",
        "fte_jobformidler": "fire"})
    assert r.status_code == 200
    # 320 citizens on the card: 320 / 4.4 = 72.7; 320 / 0.1 = 3,200; none for 0 or words
    # ... and the budget counter adds every FTE field as typed (words count 0)
    assert r.json == {"caseloads": {"caseworker": "72,7", "consultant": "3.200,0",
                                    "mentor": "–", "jobformidler": "–"},
                      "used": "Brugt: 4,5 af 9,0 årsværk"}
    page = client.get("/team").text  # the page writes its caseloads the same way
    assert re.search(r'data-caseload="caseworker">\d+,\d<', page), page
    outsider = app.test_client().get("/team/caseloads.json?fte_caseworker=4")
    assert outsider.status_code == 302 and outsider.headers["Location"].endswith("/join")


def test_the_run_progress_comes_written_from_the_server(app: Any) -> None:
    _, _, code = facilitator(app)
    client, _, _ = join(app, "Hold A", code)
    assert "text" not in client.get("/team/status.json").json  # no run, no progress shown
    store = app.config["WS_STORE"]
    team = store.teams(store.current_session().id)[0]
    rnd = store.current_round(store.current_session().id)
    store.save_design(team, rnd.id, {"staff": {}, "role_model": "bum",
                                     "jobformidler": False, "colocated": False})
    store.predict(team, rnd.id, 0.1, 1e8)
    store.enqueue(team, rnd.id)
    status = client.get("/team/status.json").json
    assert status["text"] == f"{status['done']}/{status['total'] or '…'}"


def test_the_pages_script_formats_no_number() -> None:
    js = SCRIPT.read_text(encoding="utf-8")
    for formatting in ("toFixed", "toLocaleString", "NumberFormat", "toPrecision",
                       'replace(".", ","', "parseFloat", "/ fte"):
        assert formatting not in js, formatting
    assert "/team/caseloads.json" in js and "s.text" in js
