"""The workshop on a room's network: a token that survives a restart, the machine's address,
a QR code of the teams' link, a 403 page that says what to do, and connection limits.

Why a module of its own: these decide whether twenty people in a room get in at all, and
each is a small rule of its own:

* **The token lives in the state folder** (``access-token``, private to its user, like the
  facilitator key in the SQLite file), so a restart with the same ``--state`` keeps every
  link, bookmark and cookie valid. Its cookie lasts a day (:data:`COOKIE_SECONDS`),
  HttpOnly and SameSite=Lax: Lax so a link opened from a phone's QR scanner keeps the
  cookie through the redirect that drops the token from the address bar.
* **The address is an IP** (:func:`lan_address`): a room's laptops often cannot resolve the
  facilitator's host name. The teams' link (:func:`join_url`) is shown in the terminal and on
  the facilitator page with a QR code drawn as inline SVG by segno (offline).
* **The 403 page** (:func:`refusal_page`) is HTML in the workshop's language and says what
  to do; it loads nothing, since nothing else passes the gate without the token.
* **Connections** (:data:`WAITRESS`): waitress stops accepting when ``connection_limit``
  connections are open (default 100), and a connection that never finishes its request
  holds no worker thread but a place in that limit until ``channel_timeout``. So a
  neighbour's ~100 half-open connections used to lock the room out. The limit is raised
  (with ``poll()``, since ``select()`` stops at file descriptor 1024), and idle half-open
  connections are closed after :data:`IDLE_SECONDS`.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
from functools import cache
from html import escape
from pathlib import Path
from typing import Any, Final

from jobfirst_sim.words import t

__all__ = ["COOKIE_SECONDS", "IDLE_SECONDS", "TOKEN_FILE", "WAITRESS", "access_token",
           "gate_options", "join_url", "lan_address", "qr_svg", "refusal_page"]

TOKEN_FILE: Final = "access-token"
COOKIE_SECONDS: Final = 24 * 3600
"""The token's cookie lasts a day: a workshop's day wherever in it the link was opened."""
IDLE_SECONDS: Final = 20
"""A connection with no finished request is closed after this long without traffic (a
browser's keep-alive connection simply opens again)."""
WAITRESS: Final[dict[str, Any]] = {
    "connection_limit": 1000, "asyncore_use_poll": True, "channel_timeout": IDLE_SECONDS,
    "cleanup_interval": 5, "backlog": 1024}
"""waitress's settings for the workshop (its defaults: 100 connections, 120 s, 30 s,
``select()``); the workshop serves with 8 threads."""

_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,128}")


def access_token(folder: Path) -> str:
    """The state folder's access token, made (``0600``) on first use and kept after."""
    path = folder / TOKEN_FILE
    if path.exists():
        text = path.read_text(encoding="ascii", errors="replace").strip()
        if _TOKEN.fullmatch(text):
            path.chmod(0o600)
            return text
        path.unlink()  # damaged: a new one (old links stop working, said at the door)
    token = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(token + "\n")
    return token


def lan_address(host: str) -> str:
    """The IP other machines reach this one at for a server listening on ``host``.

    For all interfaces (``0.0.0.0``, ``::``) it is the address of the route out (a UDP
    socket "connected" to a documentation address sends nothing), else the host name's
    address; a named host is resolved; an IP is itself.
    """
    h = host.strip().strip("[]")
    if h in ("", "0.0.0.0", "::"):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.connect(("192.0.2.1", 9))
                return str(s.getsockname()[0])
        except OSError:
            h = socket.gethostname()
    try:
        return socket.gethostbyname(h)
    except OSError:
        return h


def join_url(host: str, port: int, token: str | None) -> str:
    """The teams' link: ``/join`` at the machine's IP, with the token when one is needed."""
    ip = lan_address(host)
    shown = f"[{ip}]" if ":" in ip else ip
    return f"http://{shown}:{port}/join" + (f"?token={token}" if token else "")


@cache
def qr_svg(text: str, title: str) -> str:
    """``text`` as a QR code in inline SVG (segno, no file, no network; drawn once)."""
    import segno

    svg = segno.make(text, error="m").svg_inline(scale=5, border=2, title=title)
    return str(svg)


def refusal_page(lang: str, why: str) -> str:
    """The 403 page in ``lang``: what to open instead (``why``: ``token`` or ``host``)."""
    title = escape(t("ws_gate_title", lang))
    text = escape(t("ws_gate_text" if why == "token" else "ws_gate_host", lang))
    return (f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title></head><body style=\"font-family:sans-serif;"
            f'max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5"><main>'
            f"<h1>{title}</h1><p>{text}</p></main></body></html>")


def gate_options(lang: str) -> dict[str, Any]:
    """:class:`~jobfirst_sim.app.server.AccessGate`'s options for the workshop."""
    return {"max_age": COOKIE_SECONDS, "samesite": "Lax",
            "refusal": lambda why: refusal_page(lang, why)}
