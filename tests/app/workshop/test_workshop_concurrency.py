"""Six teams submitting in the same second each get their own result (issue 13)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from workshop_client import design_form, facilitator, join, submit, wait_done


@pytest.mark.slow
def test_six_teams_submit_at_once_and_nothing_is_lost(app: Any) -> None:
    _, _, code = facilitator(app)
    teams = [join(app, f"Hold {i}", code) for i in range(1, 7)]
    start = threading.Barrier(len(teams))
    errors: list[BaseException] = []

    def play(i: int) -> None:
        client, token, team = teams[i]
        # one practice lever each (the contact interval), plus the change-over
        form = design_form(token, team, p_contact_interval_weeks=str(i + 3))
        try:
            start.wait()
            submit(client, token, team, form, share=str(10 + i))
        except BaseException as exc:  # re-raised in the test's thread below
            errors.append(exc)

    threads = [threading.Thread(target=play, args=(i,)) for i in range(len(teams))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    store = app.config["WS_STORE"]
    rnd = store.current_round(store.current_session().id)
    for i, (client, _, team) in enumerate(teams):
        assert wait_done(client)["state"] == "done"
        mine = store.team_round(team, rnd.id)
        assert mine["prediction"]["hours_share"] == (10 + i) / 100
        assert mine["design"]["practice"]["contact_interval_weeks"] == i + 3
        result = mine["run"].result
        assert result["design"] == mine["design"]  # its own design, not a neighbour's
        assert {lv["name"] for lv in result["levers"]} == {"contact_interval_weeks",
                                                           "transition"}
