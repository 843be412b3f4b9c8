"""Helpers that play a workshop through Flask's test client (shared by the workshop tests)."""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from typing import Any

from jobfirst_sim.app.workshop.engine.cards import load_card
from jobfirst_sim.app.workshop.engine.design import start_design

CARD = "bum70_readiness_first"


def csrf(client: Any, page: str = "/join") -> str:
    """The CSRF token a page gives this browser (set as a cookie with the page)."""
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(page).text)
    assert found, page
    return found.group(1)


def facilitator(app: Any, card: str = CARD, budget: str = "") -> tuple[Any, str, str]:
    """A logged-in facilitator who created a session: (client, csrf, join code)."""
    client = app.test_client()
    token = csrf(client, "/facilitator/login")
    key = app.config["WS_STORE"].facilitator_key()
    assert client.post("/facilitator/login", data={"csrf": token, "key": key}).status_code == 302
    r = client.post("/facilitator/session", data={"csrf": token, "card": card,
                                                  "budget": budget, "lang": "da"})
    assert r.status_code == 302, r.text
    return client, token, app.config["WS_STORE"].current_session().join_code


def join(app: Any, name: str, code: str) -> tuple[Any, str, int]:
    """A team that joined: (client, csrf, team id)."""
    client = app.test_client()
    token = csrf(client)
    r = client.post("/join", data={"csrf": token, "name": name, "code": code})
    assert r.status_code == 302, r.text
    team = next(t for t in app.config["WS_STORE"].teams(
        app.config["WS_STORE"].current_session().id) if t.name == name)
    return client, token, team.id


def design_form(token: str, team: int, **changes: str) -> dict[str, str]:
    """The design form of the card's own jobcentre, with ``changes`` (form field: value)."""
    d = start_design(load_card(CARD))
    form = {"csrf": token, "team": str(team), "role_model": d.role_model.value,
            "jobformidler": "yes" if d.jobformidler else "no",
            "colocated": "yes" if d.colocated else "no"}
    for role in ("caseworker", "consultant", "mentor", "jobformidler"):
        form[f"fte_{role}"] = str(d.staff.get(role, 0))
    for name, value in d.practice.items():
        if isinstance(value, bool):
            form[f"p_{name}"] = "yes" if value else "no"
        else:
            form[f"p_{name}"] = "0" if value is None else str(value)
    return {**form, **changes}


def submit(client: Any, token: str, team: int, form: Mapping[str, str],
           share: str = "12", cost: str = "105") -> None:
    """Save the design, record the prediction and ask for the run."""
    r = client.post("/team/design", data=form)
    assert r.status_code == 200, r.text
    r = client.post("/team/predict", data={"csrf": token, "team": str(team),
                                           "hours_share": share, "net_cost": cost})
    assert r.status_code == 302, r.text
    assert client.post("/team/run", data={"csrf": token, "team": str(team)}).status_code == 302


def wait_done(client: Any, seconds: float = 90) -> dict[str, Any]:
    """Poll the team's status until its run is done or failed."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        status: dict[str, Any] = client.get("/team/status.json").json
        if status["state"] in ("done", "failed"):
            return status
        time.sleep(0.1)
    raise AssertionError(f"run not done within {seconds} s")
