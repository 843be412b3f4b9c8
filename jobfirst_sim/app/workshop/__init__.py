"""Workshop mode: leaders design a jobcentre within a staff budget, predict, run, debrief.

``jobfirst workshop`` (docs/workshop.md) serves a Flask app of plain HTML pages, one
blueprint per role (:mod:`.views`: auth, facilitator, team, debrief), made by the one app
factory :func:`make_app`, with waitress through :func:`jobfirst_sim.app.server.serve_wsgi` —
loopback by default, an access token off this machine, :func:`~jobfirst_sim.app.server.harden`
— over a state folder in SQLite (:mod:`.store`), with a fair run queue in the app process
(:mod:`.queue`) that runs the game's engine (:mod:`.engine`). Every
script, style sheet and font is served by the app; nothing is fetched from elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jobfirst_sim.app.workshop.engine.cards import LANGS

__all__ = ["WorkshopAppError", "make_app", "serve"]


class WorkshopAppError(RuntimeError):
    """The workshop cannot start as asked, in one sentence."""


def make_app(state: Path, lang: str = "da", *, max_teams: int = 12, tries: int = 10,
             **queue_options: Any) -> tuple[Any, Any]:
    """The Flask app over ``state`` and its (not yet started) run queue.

    The state folder is checked first (:func:`.state_check.check_state`: nothing is written
    to a file the workshop cannot use) and made private. ``max_teams`` caps the teams of a
    session and ``tries`` the join and key attempts per address and minute
    (:mod:`.limits`). ``queue_options`` go to :class:`~.queue.RunQueue` (tests use
    ``executor="serial"`` and fewer replications; ``uncertainty`` and ``members`` choose
    what a team's interval holds).
    """
    import sqlite3
    import threading

    from flask import Flask

    from jobfirst_sim.app.server import harden
    from jobfirst_sim.app.workshop.engine.members import workshop_ensemble
    from jobfirst_sim.app.workshop.limits import Attempts
    from jobfirst_sim.app.workshop.queue import RunQueue
    from jobfirst_sim.app.workshop.state_check import StateProblem, check_state, make_private
    from jobfirst_sim.app.workshop.store import StateError, Store
    from jobfirst_sim.app.workshop.views import auth, debrief, facilitator, team
    from jobfirst_sim.decide.uncertainty import UncertaintyError

    if lang not in LANGS:
        raise WorkshopAppError(f"--lang must be one of {', '.join(LANGS)}, not {lang!r}")
    if max_teams < 1:
        raise WorkshopAppError(f"--max-teams must be at least 1, not {max_teams}")
    try:  # before the state folder is made: a wrong option leaves nothing behind
        workshop_ensemble(queue_options.get("uncertainty", "parameters"),
                          queue_options.get("members"))
    except UncertaintyError as exc:
        raise WorkshopAppError(str(exc)) from None

    try:
        check_state(state, lang)
        store = Store(state)
        make_private(state)
    except StateProblem as exc:
        raise WorkshopAppError(str(exc)) from None
    except (StateError, OSError, sqlite3.Error) as exc:
        raise WorkshopAppError(f"cannot use the state folder {state}: {exc}") from None
    here = Path(__file__).parent
    app = Flask(__name__, static_folder=str(here / "static"), static_url_path="/static",
                template_folder=str(here / "templates"))
    app.config.update(WS_STORE=store, WS_LANG=lang,
                      WS_QUEUE=RunQueue(store, **queue_options), WS_MAX_TEAMS=max_teams,
                      WS_JOIN_ATTEMPTS=Attempts(tries), WS_LOGIN_ATTEMPTS=Attempts(tries),
                      WS_JOIN_LOCK=threading.Lock(), WS_JOIN_URL=None)
    for blueprint in (auth.bp, facilitator.bp, team.bp, debrief.bp):
        app.register_blueprint(blueprint)
    app.context_processor(_lan_box)
    harden(app, dash=False)
    app.register_error_handler(404, _not_found)
    app.register_error_handler(405, _wrong_method)
    return app, app.config["WS_QUEUE"]


def _not_found(exc: Exception) -> Any:
    """An address the app does not have: a sentence in the workshop's language and a way
    home, since a mistyped or stale link is a room's everyday mistake, not an error."""
    from jobfirst_sim.app.workshop.views.common import app_lang, message
    from jobfirst_sim.words import t

    return message(t("ws_not_found", app_lang()), 404, "/")


def _wrong_method(exc: Exception) -> Any:
    """A request the address does not take (a bookmarked form's POST, say): as above."""
    from jobfirst_sim.app.workshop.views.common import app_lang, message
    from jobfirst_sim.words import t

    return message(t("ws_wrong_method", app_lang()), 405, "/")


def _lan_box() -> dict[str, Any]:
    """The teams' link and its QR code for the facilitator page (``lan``: None on
    loopback, where no other machine can open the app)."""
    from flask import current_app

    from jobfirst_sim.app.workshop.lan import qr_svg

    url = current_app.config.get("WS_JOIN_URL")
    if not url:
        return {"lan": None}
    from jobfirst_sim.app.workshop.views.common import app_lang
    from jobfirst_sim.words import t

    return {"lan": {"url": url, "qr": qr_svg(url, t("ws_lan_qr", app_lang()))}}


def _holds(queue: Any, lang: str) -> str:
    """One line on what a team's interval holds, for the start-up text."""
    from jobfirst_sim.words import t

    if queue.ensemble is None:
        return t("ws_term_holds_noise", lang, n=queue.replications)
    return t("ws_term_holds_parameters", lang, members=len(queue.ensemble),
             n=queue.replications)


def serve(state: Path, host: str = "127.0.0.1", port: int = 8060, lang: str = "da",
          announce: Callable[[str], None] = lambda s: print(s, flush=True), *,
          uncertainty: str = "parameters", members: int | None = None,
          max_teams: int = 12) -> None:
    """Serve the workshop until Ctrl+C, saying in ``lang`` where to open it: the address,
    off loopback the teams' link at this machine's IP (its token kept in the state folder,
    :mod:`.lan`), the facilitator key, the join code (at start if a session exists, and
    whenever the facilitator creates one), and what a team's interval holds
    (``uncertainty``, ``members``: :class:`~.queue.RunQueue`)."""
    from jobfirst_sim.app.server import ServeError, is_loopback, prepare
    from jobfirst_sim.app.workshop.lan import WAITRESS, access_token, gate_options, join_url
    from jobfirst_sim.words import t

    app, queue = make_app(state, lang, uncertainty=uncertainty, members=members,
                          max_teams=max_teams)
    app.config["WS_ANNOUNCE"] = announce
    store = app.config["WS_STORE"]
    local = is_loopback(host)
    try:
        served = prepare(app, host, port, token=None if local else access_token(state),
                         threads=8, gate=gate_options(lang), waitress=WAITRESS)
    except ServeError as exc:
        raise WorkshopAppError(str(exc)) from None
    except OSError as exc:
        raise WorkshopAppError(f"cannot use the state folder {state}: {exc}") from None
    lines = [t("ws_term_open", lang, url=served.url)]
    if local:
        lines.append(t("ws_term_local", lang))
    else:
        url = join_url(host, served.port, served.token)
        app.config["WS_JOIN_URL"] = url
        lines += [t("ws_term_lan", lang, address=url.split("/")[2].rsplit(":", 1)[0],
                    url=url), t("ws_term_lan_note", lang)]
    lines += [t("ws_term_key", lang, secret=store.facilitator_key()),
              t("ws_term_state", lang, path=store.path), _holds(queue, lang)]
    session = store.current_session()
    if session is not None:
        lines.append(t("ws_term_code", lang, code=session.join_code))
    elif not local:
        lines.append(t("ws_term_no_session", lang))
    for line in lines:
        announce(line)
    queue.start()
    try:
        served.run()
    except KeyboardInterrupt:
        pass
    finally:
        served.close()
        queue.stop()
