"""Team pages notice a lock and a new round, and a late team is told why its page is
empty (issue 24 §5)."""

from __future__ import annotations

from typing import Any

from workshop_client import facilitator, join


def test_status_tells_the_page_when_the_round_moved_on(app: Any) -> None:
    fac, ftoken, code = facilitator(app)
    client, _, _ = join(app, "Nord", code)
    page = client.get("/team").text
    assert 'id="round-watch"' in page and 'data-round="1:open"' in page
    assert client.get("/team/status.json").json["round_key"] == "1:open"
    fac.post("/facilitator/round", data={"csrf": ftoken, "action": "lock"})
    status = client.get("/team/status.json").json
    assert status["round_key"] == "1:locked"
    assert status["round_text"] == "Runden har skiftet: runde 1 er nu låst."


def test_a_late_team_sees_why_its_page_is_empty(app: Any) -> None:
    fac, ftoken, code = facilitator(app)
    fac.post("/facilitator/round", data={"csrf": ftoken, "action": "lock"})
    client, _, _ = join(app, "Sen", code)
    page = client.get("/team").text
    assert 'id="late"' in page and "Runde 1 blev låst, før jeres hold gemte et design" in page
    fac.post("/facilitator/round", data={"csrf": ftoken, "action": "open"})
    assert 'id="late"' not in client.get("/team").text  # round 2 is open: the form is back
