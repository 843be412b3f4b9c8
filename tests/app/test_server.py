"""The serving layer: waitress, the access token off loopback, the loopback Host check,
``--debug`` only on 127.0.0.1 (issue 9 §5)."""

from __future__ import annotations

import socket
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from report_support import real_run_dir
from served import serving
from werkzeug.test import Client
from werkzeug.wrappers import Response

from jobfirst_sim.app import server as S
from jobfirst_sim.app.browse import make_app

HOSTS: list[tuple[str, bool]] = [  # host -> token required
    ("127.0.0.1", False), ("127.0.0.2", False), ("127.255.255.254", False),
    ("localhost", False), ("LOCALHOST", False), ("::1", False), ("[::1]", False),
    ("0.0.0.0", True), ("::", True), ("192.168.1.10", True), ("10.0.0.5", True),
    ("128.0.0.1", True), ("fe80::1", True), ("jobcenter-pc", True), ("localhost.evil", True),
    ("", True),
]


@pytest.mark.parametrize(("host", "token_required"), HOSTS)
def test_token_is_required_off_loopback(host: str, token_required: bool,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every host that is not loopback gets a fresh random token in the printed address."""
    import waitress

    class Fake:
        effective_port = 8050

        def run(self) -> None:
            pass

        def close(self) -> None:
            pass

    monkeypatch.setattr(waitress, "create_server", lambda app, **kw: Fake())
    said: list[str] = []
    S.serve_wsgi(lambda e, s: [b""], host, 8050, announce=said.append)
    assert S.is_loopback(host) is not token_required
    first = said[0]
    if token_required:
        token = first.split("?token=")[1].split()[0]
        assert len(token) >= 40 and "access token" in " ".join(said)
    else:
        assert "token=" not in first and "no access token" in said[1]


def _app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"results"]


TOKEN = "s3cret-token-abc"

# (path, cookie?, query token, method) -> status
GATE: list[tuple[str, str | None, str | None, str, int]] = [
    ("/", None, None, "GET", 403),
    ("/", None, "wrong", "GET", 403),
    ("/", None, TOKEN + "x", "GET", 403),
    ("/", None, "", "GET", 403),
    ("/", "wrong", None, "GET", 403),
    ("/_dash-layout", None, None, "GET", 403),
    ("/_dash-dependencies", None, None, "GET", 403),
    ("/_dash-update-component", None, None, "POST", 403),
    ("/_dash-component-suites/dash/dcc/dash_core_components.js", None, None, "GET", 403),
    ("/assets/x.css", None, None, "GET", 403),
    ("/", None, TOKEN, "GET", 303),
    ("/_dash-update-component", None, TOKEN, "POST", 200),
    ("/", TOKEN, None, "GET", 200),
    ("/_dash-layout", TOKEN, None, "GET", 200),
    ("/_dash-update-component", TOKEN, None, "POST", 200),
]


@pytest.mark.parametrize(("path", "cookie", "query", "method", "status"), GATE)
def test_access_gate(path: str, cookie: str | None, query: str | None, method: str,
                     status: int) -> None:
    gate = S.AccessGate(_app, TOKEN)
    c = Client(gate, Response)
    if cookie is not None:
        c.set_cookie(gate.cookie, cookie)
    r = c.open(path, method=method, query_string={"token": query} if query is not None else None)
    assert r.status_code == status
    assert r.headers["X-Frame-Options"] == "DENY"
    if status == 403:
        assert r.mimetype == "text/plain" and b"access token" in r.data
        assert b"results" not in r.data
    if query == TOKEN:
        set_cookie = r.headers["Set-Cookie"]
        assert "HttpOnly" in set_cookie and "SameSite=Strict" in set_cookie
    if status == 303:
        assert "token" not in r.headers["Location"]


def test_token_once_then_cookie() -> None:
    """Following the printed address sets the cookie; afterwards no token in the URL."""
    c = Client(S.AccessGate(_app, TOKEN), Response)
    r = c.get("/?tab=runs&token=" + TOKEN)
    assert r.status_code == 303 and r.headers["Location"] == "/?tab=runs"
    assert c.get("/?tab=runs").data == b"results"
    assert Client(S.AccessGate(_app, TOKEN), Response).get("/").status_code == 403


@pytest.mark.parametrize(("host", "status"), [
    ("localhost", 200), ("localhost:8050", 200), ("127.0.0.1:8050", 200), ("[::1]:8050", 200),
    ("evil.example", 403), ("evil.example:8050", 403), ("10.0.0.1", 403),
])
def test_loopback_only_answers_loopback_host(host: str, status: int) -> None:
    """Without a token the Host header must name this machine (no DNS rebinding)."""
    r = Client(S.AccessGate(_app, None), Response).get("/", headers={"Host": host})
    assert r.status_code == status


@pytest.fixture(scope="module")
def served() -> Iterator[S.Served]:
    app = make_app([real_run_dir()], lang="en")
    with serving(app.server) as s:
        yield s


def test_waitress_serves_the_app_on_loopback(served: S.Served) -> None:
    assert served.token is None and served.url.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(served.url, timeout=10) as r:
        assert r.status == 200 and r.headers["Server"] == "jobfirst"
        assert b"_dash-component-suites" in r.read()
    with urllib.request.urlopen(served.url + "_dash-layout", timeout=10) as r:
        assert r.status == 200


def test_waitress_refuses_a_large_body(served: S.Served) -> None:
    """A body announced larger than :data:`MAX_BODY` is refused before it is read."""
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as conn:
        conn.sendall(b"POST /_dash-update-component HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Content-Type: application/json\r\n"
                     + f"Content-Length: {S.MAX_BODY + 10}\r\n\r\n".encode())
        reply = conn.recv(4096)
    assert reply.startswith(b"HTTP/1.1 413")


def test_port_in_use_is_a_clear_message() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(S.ServeError, match=f"cannot listen on 127.0.0.1:{port}.*--port"):
            S.prepare(_app, "127.0.0.1", port)


@pytest.mark.parametrize("host", ["0.0.0.0", "localhost", "::1", "192.168.1.10", "127.0.0.2"])
def test_debug_refuses_any_host_but_127_0_0_1(host: str, tmp_path: Any,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """No server is started, nothing is read: the refusal comes first."""
    from typer.testing import CliRunner

    from jobfirst_sim.app import browse as B
    from jobfirst_sim.cli import app

    def boom(*a: Any, **k: Any) -> None:
        raise AssertionError("must not start")

    monkeypatch.setattr(B, "make_app", boom)
    monkeypatch.setattr(S, "serve_wsgi", boom)
    res = CliRunner().invoke(app, ["browse", str(tmp_path), "--debug", "--host", host])
    assert res.exit_code == 2
    assert "--debug is only allowed with --host 127.0.0.1" in res.output


def test_browse_uses_waitress_not_the_development_server(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    from typer.testing import CliRunner

    from jobfirst_sim.cli import app

    seen: dict[str, Any] = {}

    def fake(wsgi: Any, host: str, port: int, **kw: Any) -> None:
        seen.update(host=host, port=port, wsgi=wsgi)

    monkeypatch.setattr(S, "serve_wsgi", fake)
    res = CliRunner().invoke(app, ["browse", str(real_run_dir()), "--port", "0"])
    assert res.exit_code == 0, res.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 0
    assert "development server" not in res.output


def test_a_plain_flask_apps_own_bug_is_a_500_not_the_clients_fault():
    from flask import Flask

    from jobfirst_sim.app.server import harden

    def broken() -> str:
        raise RuntimeError("a bug in a view")

    for dash, code in ((False, 500), (True, 400)):
        app = Flask(f"t{dash}")
        app.add_url_rule("/", "broken", broken)
        harden(app, dash=dash)
        res = app.test_client().get("/")
        assert res.status_code == code
        assert "Traceback" not in res.get_data(as_text=True)
