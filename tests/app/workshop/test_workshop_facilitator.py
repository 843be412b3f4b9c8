"""The facilitator's page keeps itself current: its status endpoint (same key as the page)
gives each team's row as the page words it."""

from __future__ import annotations

import re
from typing import Any

from workshop_client import csrf, design_form, facilitator, join, submit, wait_done


def cells(page: str, team: int) -> list[str]:
    row = re.search(rf'<tr data-team="{team}">(.*?)</tr>', page, re.S)
    assert row, page
    return re.findall(r'data-cell="\w+">([^<]*)</td>', row.group(1))


def test_the_status_endpoint_needs_the_facilitator_key(app: Any) -> None:
    _, _, code = facilitator(app)
    stranger = app.test_client()
    assert stranger.get("/facilitator/status.json").status_code == 403
    stranger.set_cookie("ws_facilitator", "guess")
    r = stranger.get("/facilitator/status.json")
    assert r.status_code == 403 and r.json == {"error": "Forkert facilitatornøgle."}
    team_client, _, _ = join(app, "Hold A", code)
    assert team_client.get("/facilitator/status.json").status_code == 403  # a team is not


def test_the_status_gives_each_teams_row_as_the_page_shows_it(app: Any) -> None:
    fac, _, code = facilitator(app)
    empty = fac.get("/facilitator/status.json").json
    assert empty["teams"] == [] and empty["round"] == {"number": 1, "state": "open"}
    client, token, team = join(app, "Hold A", code)
    joined = fac.get("/facilitator/status.json").json
    assert joined["shape"] != empty["shape"]  # a new row: the page reloads
    assert joined["teams"] == [{"id": team, "name": "Hold A", "design": "–",
                                "prediction": "–", "run": "–", "miss": "–"}]
    submit(client, token, team, design_form(token, team))
    wait_done(client)
    done = fac.get("/facilitator/status.json").json
    assert done["shape"] == joined["shape"]  # same rows: the cells change in place
    miss = done["teams"][0].pop("miss")  # prediction − result (test_workshop_misses.py)
    assert miss.startswith(("+", "−")) and "pct.-point" in miss
    assert done["teams"] == [{"id": team, "name": "Hold A", "design": "ja",
                               "prediction": "ja", "run": "færdig"}]
    page = fac.get("/facilitator").text
    assert cells(page, team) == ["ja", "ja", "færdig"]
    assert f'data-shape="{done["shape"]}"' in page and "/static/workshop.js" in page
    # the page's controls keep their CSRF protection
    r = fac.post("/facilitator/round", data={"action": "lock"})
    assert r.status_code == 400
    fac.post("/facilitator/round", data={"csrf": csrf(fac, "/facilitator"), "action": "lock"})
    locked = fac.get("/facilitator/status.json").json
    assert locked["round"]["state"] == "locked" and locked["shape"] != done["shape"]
