"""The workshop on a room's network (issue 24 §2): the token outlives a restart, its cookie
lasts the day, the 403 page says what to do in the workshop's language, the teams' link is
at an IP with a QR code, and a neighbour's half-open connections starve nobody."""

from __future__ import annotations

import http.client
import re
import socket
import stat
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import SMALL
from workshop_client import facilitator

from jobfirst_sim.app.server import Served, prepare
from jobfirst_sim.app.workshop import make_app
from jobfirst_sim.app.workshop.lan import (
    COOKIE_SECONDS,
    TOKEN_FILE,
    WAITRESS,
    access_token,
    gate_options,
    join_url,
    lan_address,
    refusal_page,
)


@contextmanager
def served(state: Path, lang: str = "da", waitress: dict[str, Any] | None = None
           ) -> Iterator[tuple[Any, Served]]:
    """The workshop on all interfaces with its state folder's token, as ``serve`` does it."""
    app, _ = make_app(state, lang, **SMALL)
    s = prepare(app, "0.0.0.0", 0, token=access_token(state), threads=8,
                gate=gate_options(lang), waitress=WAITRESS if waitress is None else waitress)
    thread = threading.Thread(target=s.run, daemon=True)
    thread.start()
    try:
        yield app, s
    finally:
        s.close()
        thread.join(timeout=10)


def get(port: int, path: str, cookie: str = "", timeout: float = 10
        ) -> tuple[int, dict[str, str], str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read().decode()
    finally:
        conn.close()


def test_the_token_is_kept_in_the_state_folder(tmp_path: Path) -> None:
    tmp_path.joinpath("s").mkdir()
    first = access_token(tmp_path / "s")
    assert access_token(tmp_path / "s") == first  # a restart reads the same
    assert stat.S_IMODE((tmp_path / "s" / TOKEN_FILE).stat().st_mode) == 0o600
    (tmp_path / "s" / TOKEN_FILE).write_text("short")  # damaged: a new one
    assert access_token(tmp_path / "s") not in (first, "short")


def test_the_teams_link_is_at_an_ip() -> None:
    url = join_url("0.0.0.0", 8060, "tok")
    ip = url.split("/")[2].rsplit(":", 1)[0]
    socket.inet_aton(ip)  # an IPv4 address, not a host name
    assert url == f"http://{lan_address('0.0.0.0')}:8060/join?token=tok"
    assert join_url("192.168.1.20", 80, None) == "http://192.168.1.20:80/join"


@pytest.mark.parametrize(("lang", "says"), [("da", "Åbn det link, facilitatoren viser"),
                                            ("en", "Open the link the facilitator shows")])
def test_the_403_page_says_what_to_do(tmp_path: Path, lang: str, says: str) -> None:
    with served(tmp_path / "state", lang) as (_, s):
        status, headers, body = get(s.port, "/team")
    assert status == 403 and headers["content-type"].startswith("text/html")
    assert says in body and "QR" in body and f'<html lang="{lang}"' in body
    assert refusal_page(lang, "token") == body


def test_the_cookie_lasts_the_day_and_survives_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "state"
    with served(state) as (_, s):
        token = s.token
        status, headers, _ = get(s.port, f"/join?token={token}")
        assert status == 303 and headers["location"] == "/join"
        cookie = headers["set-cookie"]
        assert f"Max-Age={COOKIE_SECONDS}" in cookie and "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie
        pair = cookie.split(";")[0]
        assert get(s.port, "/join", pair)[0] == 200
    with served(state) as (_, again):  # a restart with the same state folder
        assert again.token == token
        assert get(again.port, "/join", pair)[0] == 200  # the cookie still opens it
        assert get(again.port, f"/join?token={token}")[0] == 303  # and so does the link


def test_the_facilitator_page_shows_the_link_and_its_qr_code(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path / "state", "da", **SMALL)
    client, _, _ = facilitator(app)
    assert 'id="join-link"' not in client.get("/facilitator").text  # loopback: no link
    app.config["WS_JOIN_URL"] = "http://192.168.1.20:8060/join?token=abc"
    page = client.get("/facilitator").text
    assert 'href="http://192.168.1.20:8060/join?token=abc"' in page
    assert re.search(r"<svg[^>]*>.*<title>QR-kode til holdenes link</title>", page, re.S)


def _half_open(port: int, n: int, stack: ExitStack) -> None:
    """``n`` connections that send half a request line and then nothing (no token)."""
    for _ in range(n):
        sock = stack.enter_context(socket.create_connection(("127.0.0.1", port), timeout=5))
        sock.sendall(b"GET /join HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")


@pytest.mark.slow
def test_half_open_connections_do_not_starve_a_team(tmp_path: Path) -> None:
    with served(tmp_path / "state") as (_, s), ExitStack() as stack:
        cookie = get(s.port, f"/join?token={s.token}")[1]["set-cookie"].split(";")[0]
        _half_open(s.port, 150, stack)
        time.sleep(0.3)  # the server has seen them all
        start = time.monotonic()
        status, _, body = get(s.port, "/join", cookie, timeout=5)
        took = time.monotonic() - start
    assert status == 200 and 'name="code"' in body
    assert took < 2.0, f"the team waited {took:.2f} s"


@pytest.mark.slow
# the starved server's threads may die on the 150 sockets closed under them (EBADF) as the
# test ends; what the test checks is the team's timeout, not how waitress shuts down
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_waitress_defaults_did_starve_a_team(tmp_path: Path) -> None:
    """Why :data:`WAITRESS`: with waitress's own limits the same team waits in vain."""
    with served(tmp_path / "state", waitress={}) as (_, s), ExitStack() as stack:
        cookie = get(s.port, f"/join?token={s.token}")[1]["set-cookie"].split(";")[0]
        _half_open(s.port, 150, stack)
        time.sleep(0.3)
        with pytest.raises(TimeoutError):
            get(s.port, "/join", cookie, timeout=2)


@pytest.mark.parametrize(("lang", "says"), [
    ("da", ["åbn http://", "holdenes link på netværket (maskinens adresse",
            "facilitatornøgle (skriv den på /facilitator/login)", "usikkerhed: parametre"]),
    ("en", ["open http://", "teams' link on the network (this machine's address",
            "facilitator key (type it on /facilitator/login)", "uncertainty: parameters"])])
def test_the_terminal_lines_follow_lang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        lang: str, says: list[str]) -> None:
    from jobfirst_sim.app.workshop import serve

    def stop(self: Served) -> None:
        raise KeyboardInterrupt  # Ctrl+C as soon as it would serve

    monkeypatch.setattr(Served, "run", stop)
    lines: list[str] = []
    serve(tmp_path / "state", "0.0.0.0", 0, lang, lines.append, members=1)
    text = "\n".join(lines)
    assert all(s in text for s in says), text
    assert re.search(r"http://[\d.]+:\d+/join\?token=[\w-]+", text)
