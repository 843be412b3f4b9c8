"""The door's limits (issue 24 §2 Joins): a cap on teams, attempts per address, and names
that only look different refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import SMALL
from workshop_client import csrf, facilitator, join

from jobfirst_sim.app.workshop import WorkshopAppError, make_app
from jobfirst_sim.app.workshop.limits import Attempts, name_key, name_problem, scripts


def _post_join(app: Any, name: str, code: str, addr: str = "10.0.0.9") -> Any:
    client = app.test_client()
    token = csrf(client)
    return client.post("/join", data={"csrf": token, "name": name, "code": code},
                       environ_base={"REMOTE_ADDR": addr})


def test_the_teams_are_capped(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path / "state", "da", max_teams=3, **SMALL)
    _, _, code = facilitator(app)
    for i in range(3):
        assert _post_join(app, f"Hold {i}", code, f"10.0.0.{i}").status_code == 302
    r = _post_join(app, "Hold 4", code, "10.0.0.7")
    assert r.status_code == 409
    assert "allerede 3 hold" in r.text and "--max-teams" in r.text
    assert len(app.config["WS_STORE"].teams(app.config["WS_STORE"].current_session().id)) == 3


def test_the_default_cap_is_twelve(app: Any) -> None:
    _, _, code = facilitator(app)
    made = [_post_join(app, f"Hold {i}", code, f"10.0.1.{i}").status_code for i in range(14)]
    assert made == [302] * 12 + [409, 409]


def test_max_teams_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(WorkshopAppError, match="--max-teams"):
        make_app(tmp_path / "state", "da", max_teams=0, **SMALL)


def test_joins_from_one_address_are_rate_limited(app: Any) -> None:
    _, _, code = facilitator(app)
    got = [_post_join(app, "", code).status_code for _ in range(12)]  # 12 bad tries
    assert got == [422] * 10 + [429, 429]
    assert _post_join(app, "Hold X", code).status_code == 429  # this address waits
    assert _post_join(app, "Hold X", code, "10.0.0.10").status_code == 302  # others do not


def test_facilitator_key_guesses_are_rate_limited(app: Any) -> None:
    client = app.test_client()
    token = csrf(client, "/facilitator/login")
    codes = [client.post("/facilitator/login", data={"csrf": token, "key": f"guess{i}"}
                         ).status_code for i in range(11)]
    assert codes == [403] * 10 + [429]
    key = app.config["WS_STORE"].facilitator_key()
    r = client.post("/facilitator/login", data={"csrf": token, "key": key})
    assert r.status_code == 429 and "Vent et minut" in r.text


def test_attempts_slide_with_the_clock() -> None:
    now = [0.0]
    attempts = Attempts(tries=2, window=60, clock=lambda: now[0])
    assert [attempts.allow("a") for _ in range(3)] == [True, True, False]
    now[0] = 61.0
    assert attempts.allow("a")


@pytest.mark.parametrize(("name", "other"), [
    ("hold a", "Hold A"),  # case
    ("Hold  A", "Hold A"),  # spaces
    ("Ｈｏｌｄ Ａ", "Hold A"),  # full-width letters (NFKC)
    ("HOLD STRASSE", "Hold Straße"),  # case folding
])
def test_look_alike_names_are_refused(app: Any, name: str, other: str) -> None:
    _, _, code = facilitator(app)
    join(app, other, code)
    r = _post_join(app, name, code)
    assert r.status_code == 409 and "næsten det samme" in r.text
    assert name_key(name) == name_key(other)


def test_mixed_scripts_are_refused(app: Any) -> None:
    _, _, code = facilitator(app)
    r = _post_join(app, "Hold \u0410", code)  # a Cyrillic А after Latin letters
    assert r.status_code == 409 and "blander alfabeter" in r.text
    assert scripts("Hold \u0410") == {"LATIN", "CYRILLIC"}
    assert name_problem("Æblegrøn 2", ["Hold A"], "da") is None
    assert name_problem("Команда", [], "en") is None  # one alphabet is fine
