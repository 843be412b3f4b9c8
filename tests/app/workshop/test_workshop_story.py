"""The citizen's story on a team's result: the run report's narrative of the journey rows
the engine stored, and a story stored in words by an older version shown as it was."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import pandas as pd
from markupsafe import escape
from workshop_client import design_form, facilitator, join, submit, wait_done

from jobfirst_sim.report.figures.people import journey_events

OLD_STORY = {
    "da": ["Uge 0: kontanthjælp (aktivitetsparat), 52 år, 6 år på offentlig forsørgelse.",
           "Uge 24: første ordinære timer: 6,3 timer om ugen.",
           "Uge 78: fuld forsørgelse, 0 ordinære timer om ugen."],
    "en": ["Week 0: cash benefit (not job-ready), aged 52, 6 years on public support.",
           "Week 24: first ordinary hours: 6.3 hours a week.",
           "Week 78: full support, 0 ordinary hours a week."],
}
"""A story as the app before the shared narrative stored it (words, both languages)."""


def test_the_story_is_the_reports_narrative_and_an_old_stored_story_still_shows(
        app: Any) -> None:
    fac, _, code = facilitator(app)
    client, token, team = join(app, "Hold A", code)
    submit(client, token, team, design_form(token, team))
    assert wait_done(client)["state"] == "done"
    store = app.config["WS_STORE"]
    rnd = store.current_round(store.current_session().id)
    run = store.team_round(team, rnd.id)["run"]
    told = journey_events(pd.DataFrame(run.result["journey"]), "da")
    assert len(told) >= 2
    for page in (client.get("/team").text, client.get("/team/debrief").text,
                 fac.get(f"/debrief?team={team}").text):
        assert all(str(escape(line)) in page for line in told)

    old = {k: v for k, v in run.result.items() if k != "journey"} | {"story": OLD_STORY}
    db = sqlite3.connect(store.path)
    with db:
        db.execute("UPDATE runs SET result = ? WHERE id = ?", (json.dumps(old), run.id))
    db.close()
    for page in (client.get("/team").text, client.get("/team/debrief").text):
        assert all(str(escape(line)) in page for line in OLD_STORY["da"])
        assert not any(str(escape(line)) in page for line in told[1:-1])
