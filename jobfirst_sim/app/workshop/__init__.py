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


def make_app(state: Path, lang: str = "da", **queue_options: Any) -> tuple[Any, Any]:
    """The Flask app over ``state`` and its (not yet started) run queue.

    ``queue_options`` go to :class:`~.queue.RunQueue` (tests use ``executor="serial"`` and
    fewer replications; ``uncertainty`` and ``members`` choose what a team's interval
    holds).
    """
    from flask import Flask

    from jobfirst_sim.app.server import harden
    from jobfirst_sim.app.workshop.engine.members import workshop_ensemble
    from jobfirst_sim.app.workshop.queue import RunQueue
    from jobfirst_sim.app.workshop.store import StateError, Store
    from jobfirst_sim.app.workshop.views import auth, debrief, facilitator, team
    from jobfirst_sim.decide.uncertainty import UncertaintyError

    if lang not in LANGS:
        raise WorkshopAppError(f"--lang must be one of {', '.join(LANGS)}, not {lang!r}")
    try:  # before the state folder is made: a wrong option leaves nothing behind
        workshop_ensemble(queue_options.get("uncertainty", "parameters"),
                          queue_options.get("members"))
    except UncertaintyError as exc:
        raise WorkshopAppError(str(exc)) from None

    try:
        store = Store(state)
    except (StateError, OSError) as exc:
        raise WorkshopAppError(f"cannot use the state folder {state}: {exc}") from None
    here = Path(__file__).parent
    app = Flask(__name__, static_folder=str(here / "static"), static_url_path="/static",
                template_folder=str(here / "templates"))
    app.config.update(WS_STORE=store, WS_LANG=lang,
                      WS_QUEUE=RunQueue(store, **queue_options))
    for blueprint in (auth.bp, facilitator.bp, team.bp, debrief.bp):
        app.register_blueprint(blueprint)
    harden(app, dash=False)
    return app, app.config["WS_QUEUE"]


def _holds(queue: Any) -> str:
    """One line on what a team's interval holds, for the start-up text."""
    if queue.ensemble is None:
        return (f"uncertainty: noise (the card's own parameters, {queue.replications} "
                "replications a side)")
    return (f"uncertainty: parameters ({len(queue.ensemble)} members of the shipped ensemble "
            f"x {queue.replications} replications a side)")


def serve(state: Path, host: str = "127.0.0.1", port: int = 8060, lang: str = "da",
          announce: Callable[[str], None] = lambda s: print(s, flush=True), *,
          uncertainty: str = "parameters", members: int | None = None) -> None:
    """Serve the workshop until Ctrl+C; print the facilitator key and the join code (at
    start if a session exists, and whenever the facilitator creates one), and what a
    team's interval holds (``uncertainty``, ``members``: :class:`~.queue.RunQueue`)."""
    from jobfirst_sim.app.server import ServeError, is_loopback, serve_wsgi

    app, queue = make_app(state, lang, uncertainty=uncertainty, members=members)
    app.config["WS_ANNOUNCE"] = announce
    store = app.config["WS_STORE"]
    session = store.current_session()
    lines = [f"facilitator key (type it on /facilitator/login): {store.facilitator_key()}",
             f"state: {store.path}", _holds(queue)]
    if session is not None:
        lines.append(f"join code for teams: {session.join_code} (open /join)")
    elif not is_loopback(host):
        lines.append("no session yet: create one on /facilitator; its join code shows there")
    queue.start()
    try:
        serve_wsgi(app, host, port, name="JobFirst workshop", extra_lines=lines,
                   announce=announce)
    except ServeError as exc:
        raise WorkshopAppError(str(exc)) from None
    finally:
        queue.stop()
