"""Serving an app on a network safely: waitress, an access token off this machine, hardening.

Why a module of its own: the results browser (and later the workshop app) must be safe to
open on a municipal network. Flask's development server is not meant for that (it says so
on every start) and Dash's debug mode serves the Werkzeug debugger, which runs code for
whoever reaches it. So every app in :mod:`jobfirst_sim.app` is served by
:func:`serve_wsgi`:

- **waitress** (a pure-Python production WSGI server that works offline), listening on
  127.0.0.1 unless told otherwise, with a bounded request body (:data:`MAX_BODY`).
- **Off this machine an access token is required.** For any host that is not a loopback
  address (127.0.0.0/8, ::1, ``localhost``) a random token (``secrets.token_urlsafe``) is
  made at start and printed inside the address to open. Every request — the page, Dash's
  ``_dash-*`` endpoints, its JavaScript and assets — must carry it: once as ``?token=…``
  (the browser is then redirected to the same address without it), afterwards in an
  HttpOnly, SameSite=Strict cookie. Tokens are compared in constant time; anything else
  gets ``403`` with a plain sentence. An app may keep its own token (the workshop keeps
  it in its state folder), give the cookie an age and SameSite=Lax, write its own 403
  page, and set waitress's connection limits (:func:`prepare`'s ``gate`` and
  ``waitress``). The token is not encryption: on plain HTTP anyone
  who can read the network traffic can read it, so use it on a network you trust.
- **On this machine no token is needed**, but the ``Host`` header must name a loopback
  address, so a web page elsewhere cannot reach the app through a DNS name that points
  at 127.0.0.1 (DNS rebinding).
- :func:`harden` makes a Flask app answer a malformed request with ``400`` (never an
  error page with ``500``), bounds the request body, and adds headers that stop the
  pages being framed or sniffed.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import secrets
import socket
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from werkzeug.http import parse_cookie

__all__ = ["MAX_BODY", "TOKEN_PARAM", "AccessGate", "ServeError", "Served", "harden",
           "is_loopback", "prepare", "serve_wsgi"]

log = logging.getLogger(__name__)

#: Largest request body accepted (a Dash callback request is a few kilobytes).
MAX_BODY = 1_000_000

#: Name of the query parameter that carries the access token once.
TOKEN_PARAM = "token"

FORBIDDEN_TEXT = (
    "403 Forbidden: this JobFirst app needs its access token. Open the address printed "
    "where the app was started (it ends in ?token=...).\n")
BAD_HOST_TEXT = (
    "403 Forbidden: this JobFirst app only answers requests addressed to this machine "
    "(127.0.0.1 or localhost).\n")
SECURITY_HEADERS = (("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
                    ("Referrer-Policy", "no-referrer"))

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
Refusal = Callable[[str], str]
"""The 403 page's HTML for a refused request (``"token"``: no valid token; ``"host"``: a
loopback app asked under another host name)."""


class ServeError(RuntimeError):
    """The app cannot be served as asked (address in use, unknown host, debug off-host)."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` only reaches this machine: ``localhost``, 127.0.0.0/8 or ::1."""
    h = host.strip().strip("[]").lower()
    if h == "localhost":
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def _host_name(header: str) -> str:
    """The host part of a ``Host`` header (``[::1]:8050`` → ``::1``, ``a:80`` → ``a``)."""
    h = header.strip()
    if h.startswith("["):
        return h[1:h.find("]")] if "]" in h else h
    return h.rsplit(":", 1)[0] if h.count(":") == 1 else h


def _same(given: str, token: str) -> bool:
    """Constant-time comparison of a supplied token with the real one."""
    return hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8"))


class AccessGate:
    """WSGI middleware in front of an app: the token check (or, without a token, the
    loopback ``Host`` check) and the security headers on every response."""

    def __init__(self, app: WSGIApp, token: str | None, *, max_age: int | None = None,
                 samesite: str = "Strict", refusal: Refusal | None = None) -> None:
        """``max_age`` (seconds) keeps the token's cookie past the browser session;
        ``samesite`` ``Lax`` lets a link opened from another app (a QR scanner) keep it
        through the redirect; ``refusal`` writes the 403 page (default: plain text)."""
        self.app = app
        self.token = token
        self.max_age = max_age
        self.samesite = samesite
        self.refusal = refusal
        # a name per token: two apps on one machine (different ports) keep their cookies
        self.cookie = ("jobfirst_" + hashlib.sha256(token.encode()).hexdigest()[:12]
                       if token else "")

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]
                 ) -> Iterable[bytes]:
        extra = list(SECURITY_HEADERS)
        if self.token is None:
            if not is_loopback(_host_name(str(environ.get("HTTP_HOST", "localhost")))):
                return self._refuse(start_response, BAD_HOST_TEXT, "host")
            return self.app(environ, _adding(start_response, extra))
        cookie = parse_cookie(str(environ.get("HTTP_COOKIE", ""))).get(self.cookie)
        if cookie is not None and _same(cookie, self.token):
            return self.app(environ, _adding(start_response, extra))
        pairs = parse_qsl(str(environ.get("QUERY_STRING", "")), keep_blank_values=True)
        given = [v for k, v in pairs if k == TOKEN_PARAM]
        if len(given) != 1 or not _same(given[0], self.token):
            return self._refuse(start_response, FORBIDDEN_TEXT, "token")
        age = "" if self.max_age is None else f"; Max-Age={self.max_age}"
        extra.append(("Set-Cookie", f"{self.cookie}={self.token}; Path=/; HttpOnly; "
                                    f"SameSite={self.samesite}{age}"))
        if environ.get("REQUEST_METHOD", "GET") in ("GET", "HEAD"):
            # drop the token from the address bar and the history
            rest = urlencode([(k, v) for k, v in pairs if k != TOKEN_PARAM])
            where = quote(str(environ.get("SCRIPT_NAME", ""))
                          + str(environ.get("PATH_INFO", "/")), encoding="latin-1")
            start_response("303 See Other", [("Location", where + (f"?{rest}" if rest else "")),
                                             ("Content-Length", "0"),
                                             ("Cache-Control", "no-store"), *extra])
            return [b""]
        return self.app(environ, _adding(start_response, extra))


    def _refuse(self, start_response: Callable[..., Any], text: str, why: str
                ) -> list[bytes]:
        if self.refusal is None:
            return _refuse(start_response, text)
        body = self.refusal(why).encode("utf-8")
        start_response("403 Forbidden", [("Content-Type", "text/html; charset=utf-8"),
                                         ("Content-Length", str(len(body))),
                                         ("Cache-Control", "no-store"), *SECURITY_HEADERS])
        return [body]


def _adding(start_response: Callable[..., Any], extra: list[tuple[str, str]]
            ) -> Callable[..., Any]:
    """``start_response`` that adds ``extra`` headers the app did not set itself."""
    def inner(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        have = {k.lower() for k, _ in headers}
        more = [(k, v) for k, v in extra if k.lower() not in have or k == "Set-Cookie"]
        return start_response(status, [*headers, *more], exc_info)
    return inner


def _refuse(start_response: Callable[..., Any], text: str) -> list[bytes]:
    """A plain-text 403 (no page, no hint of the app's content)."""
    body = text.encode("utf-8")
    start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8"),
                                     ("Content-Length", str(len(body))),
                                     ("Cache-Control", "no-store"), *SECURITY_HEADERS])
    return [body]


def harden(flask_app: Any, *, dash: bool = True) -> None:
    """Bound request bodies and answer an exception escaping a view in plain text.

    Why: Dash raises ``KeyError``/``IndexError`` deep inside its dispatcher for a crafted
    callback request (an unknown output, too few inputs); Flask would answer ``500`` with
    an error page. For a Dash app (``dash``) such a request is the client's fault, so it
    gets ``400`` and a log line; exceptions inside the app's own callbacks never get here
    (they are shown in the page). A plain Flask app (the workshop) validates its input in
    its views, so an exception escaping one is *our* bug: it gets ``500`` with a plain
    sentence and the traceback in the log, never hidden as the client's fault.
    """
    from werkzeug.exceptions import HTTPException

    flask_app.config["MAX_CONTENT_LENGTH"] = MAX_BODY

    def bad_request(exc: Exception) -> Any:
        if isinstance(exc, HTTPException) and (exc.code or 500) < 500:
            return exc
        if not dash:
            log.error("error in a view", exc_info=exc)
            return ("500 Internal Server Error: something went wrong on the server; the "
                    "error is in its log.\n", 500,
                    {"Content-Type": "text/plain; charset=utf-8"})
        log.warning("refused a malformed request: %s: %s", type(exc).__name__,
                    str(exc)[:200])
        return ("400 Bad Request: the request could not be understood.\n", 400,
                {"Content-Type": "text/plain; charset=utf-8"})

    flask_app.register_error_handler(Exception, bad_request)


@dataclass
class Served:
    """A waitress server bound and ready (not yet running): what to open, how to stop."""

    server: Any
    url: str
    host: str
    port: int
    token: str | None

    def run(self) -> None:
        """Serve until interrupted."""
        self.server.run()

    def close(self) -> None:
        """Stop serving and release the port."""
        self.server.close()


def _shown_host(host: str) -> str:
    """The host to write in the address people open (all interfaces → this machine's name)."""
    h = host.strip("[]")
    if h in ("0.0.0.0", "::", ""):
        return socket.gethostname()
    return f"[{h}]" if ":" in h else h


def prepare(wsgi_app: WSGIApp, host: str = "127.0.0.1", port: int = 8050, *,
            token: str | None = None, threads: int = 4,
            gate: Mapping[str, Any] | None = None,
            waitress: Mapping[str, Any] | None = None) -> Served:
    """Bind a waitress server for ``wsgi_app`` behind an :class:`AccessGate`.

    Off loopback a token is always required: ``token`` (kept by the caller, e.g. in the
    workshop's state folder) or a fresh random one. ``gate`` goes to :class:`AccessGate`
    (cookie age, SameSite, the 403 page), ``waitress`` to waitress's ``create_server``
    (connection limits and timeouts). Raises :class:`ServeError` with a plain sentence
    when the address cannot be used.
    """
    from waitress import create_server, wasyncore  # type: ignore[import-untyped]

    local = is_loopback(host)
    need = None if local else (token or secrets.token_urlsafe(32))
    gated = AccessGate(wsgi_app, need, **(gate or {}))
    channels: dict[int, Any] = {}  # waitress's sockets and wake-up pipe, closed on failure
    try:
        server = create_server(gated, map=channels, host=host.strip("[]"), port=port,
                               threads=threads, ident="jobfirst",
                               max_request_body_size=MAX_BODY, expose_tracebacks=False,
                               clear_untrusted_proxy_headers=True, **(waitress or {}))
    except (OSError, ValueError) as exc:
        wasyncore.close_all(channels)
        why = (f"{exc.strerror or exc} (another program may use the port: choose one with "
               "--port)") if isinstance(exc, OSError) else str(exc)
        raise ServeError(f"cannot listen on {host}:{port}: {why}") from None
    bound = getattr(server, "effective_port", None)
    if bound is None:
        bound = server.effective_listen[0][1]
    url = f"http://{_shown_host(host)}:{bound}/"
    if need is not None:
        url += f"?{TOKEN_PARAM}={need}"
    return Served(server=server, url=url, host=host, port=int(bound), token=need)


def serve_wsgi(wsgi_app: WSGIApp, host: str = "127.0.0.1", port: int = 8050, *,
               name: str = "JobFirst", extra_lines: Sequence[str] = (),
               announce: Callable[[str], None] = lambda s: print(s, flush=True)) -> None:
    """Serve ``wsgi_app`` with waitress until Ctrl+C, saying where to open it.

    ``extra_lines`` are printed after the address (a workshop adds its join code and
    facilitator key there).
    """
    served = prepare(wsgi_app, host, port)
    announce(f"{name}: open {served.url} in a browser (Ctrl+C stops it)")
    if served.token is None:
        announce("only this machine can open it (loopback address): no access token needed")
    else:
        announce(f"listening on {host}: other machines on the network can open it with the "
                 "access token in the address above; keep it to the people who may see "
                 "these results (it travels unencrypted over plain HTTP)")
    for line in extra_lines:
        announce(line)
    try:
        served.run()
    except KeyboardInterrupt:
        pass
    finally:
        served.close()
