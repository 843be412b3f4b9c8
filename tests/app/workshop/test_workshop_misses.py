"""Learning on screen (issue 24 §3): each team's miss (prediction − result) on its page
and the facilitator's, round 2 against round 1 per team, and whether the room came closer."""

from __future__ import annotations

from typing import Any

from workshop_client import design_form, facilitator, join, submit, wait_done

from jobfirst_sim.app.workshop.misses import miss, miss_text, room_misses
from jobfirst_sim.app.workshop.present import kroner, points

RESULT = {"team": {"hours_share": {"mean": 0.13}, "net_cost": {"mean": 108e6}}}


def test_a_miss_is_prediction_minus_result() -> None:
    m = miss({"hours_share": 0.35, "net_cost": 100e6}, RESULT)
    assert m is not None
    assert abs(m["hours_share"] - 0.22) < 1e-12 and abs(m["net_cost"] + 8e6) < 1e-3
    assert miss(None, RESULT) is None and miss({"hours_share": 0.3, "net_cost": 1.0}, None) is None
    assert miss_text(m, "da") == f"{points(0.22, 'da')}; {kroner(-8e6, 'da', True)}"
    assert miss_text(None, "en") == "–"


def _share_typed(x: float) -> str:
    return f"{x * 100:.1f}".replace(".", ",")


def test_misses_per_team_per_round_and_the_room(app: Any) -> None:
    fac, ftoken, code = facilitator(app)
    store = app.config["WS_STORE"]
    teams = [join(app, name, code) for name in ("Nord", "Syd")]
    for (client, token, team), share in zip(teams, ("40", "35"), strict=True):
        submit(client, token, team, design_form(token, team), share=share, cost="90")
        assert wait_done(client)["state"] == "done"
    s = store.current_session()
    rnd1 = store.current_round(s.id)
    client, token, team_id = teams[0]
    first = store.team_round(team_id, rnd1.id)
    m1 = miss(first["prediction"], first["run"].result)
    page = client.get("/team").text
    assert 'id="my-miss"' in page and miss_text(m1, "da") in page
    board = fac.get("/facilitator").text
    assert "Forudsigelse − resultat" in board and miss_text(m1, "da") in board
    assert "Runde 1: holdene ramte i gennemsnit" in board
    assert "kom tættere på fra" not in board  # one round: no verdict yet

    for action in ("lock", "reveal", "open"):
        fac.post("/facilitator/round", data={"csrf": ftoken, "action": action})
    result_share = first["run"].result["team"]["hours_share"]["mean"]
    for client, token, team in teams:  # the same design, predicted from round 1's result
        submit(client, token, team, design_form(token, team),
               share=_share_typed(result_share), cost="90")
        assert wait_done(client)["state"] == "done"
    page = teams[0][0].get("/team").text
    assert 'id="miss-rounds"' in page
    assert page.count("Runde 1: ") >= 1 and "Runde 2: " in page
    room = room_misses(store, s.id, "da")
    assert [r["number"] for r in room["rounds"]] == [1, 2]
    assert room["rounds"][1]["share"] < room["rounds"][0]["share"]
    board = fac.get("/facilitator").text
    assert "Ja: forudsigelserne af andelen kom tættere på fra runde 1 til runde 2." in board
    # the room's debrief asks the guide's question on screen too; a team's own does not
    room_page = fac.get("/debrief").text
    assert "Ja: forudsigelserne af andelen kom tættere på fra runde 1 til runde 2." in room_page
    assert 'id="room-misses-h"' not in teams[0][0].get("/team/debrief").text
