"""A waiting team sees its place in the queue and an estimated wait (issue 24 §5)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import SMALL
from workshop_client import design_form, facilitator, join, submit

from jobfirst_sim.app.workshop import make_app
from jobfirst_sim.app.workshop.queue import estimated_wait


def test_estimated_wait_counts_the_runs_before_the_running_and_itself() -> None:
    assert estimated_wait(2, 1, 10.0) == 40.0
    assert estimated_wait(2, 1, 10.0, threads=2) == 20.0
    assert estimated_wait(0, 0, None) is None


def test_a_queued_team_sees_its_place_and_wait(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path / "state", "da", **SMALL)  # queue not started: runs wait
    store = app.config["WS_STORE"]
    _, _, code = facilitator(app)
    teams = [join(app, name, code) for name in ("A", "B", "C")]
    for client, token, team in teams:
        submit(client, token, team, design_form(token, team))
    page = teams[1][0].get("/team").text
    assert "Plads 2 i køen" in page and "ventetid" not in page  # nothing finished yet
    status = teams[2][0].get("/team/status.json").json
    assert status["state"] == "queued" and status["queue"] == "Plads 3 i køen"
    # team A's run finished in 20 s: B is next (1 ahead of C), C waits about 2 × 20 s
    run = store.claim_next()
    store.finish(run.id, {"fake": True})
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE runs SET started = finished - 20 WHERE id = ?", (run.id,))
    page = teams[2][0].get("/team").text
    assert "Plads 2 i køen · forventet ventetid ca. 40 sekunder" in page
    assert teams[0][0].get("/team/status.json").json["queue"] == ""
