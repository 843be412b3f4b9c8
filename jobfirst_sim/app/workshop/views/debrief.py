"""After the runs: the reveal on the projector and the debrief, as HTML or PDF.

Why a blueprint of its own: these views show a round's teams side by side (:func:`room`)
to the room (the facilitator's reveal and debrief) or to one team (its own debrief), and
only they print (:mod:`jobfirst_sim.app.workshop.pdf`). An ended workshop's debriefs stay:
the facilitator's by ``?session=<id>`` (the archive on the facilitator's page), a team's by
its own cookie or team code, whichever session it was in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, Response, abort, current_app, redirect, request

from jobfirst_sim.app.workshop.engine.cards import WorkshopError, card_info, load_card
from jobfirst_sim.app.workshop.engine.design import start_design
from jobfirst_sim.app.workshop.engine.members import stated_margin
from jobfirst_sim.app.workshop.misses import room_misses
from jobfirst_sim.app.workshop.pdf import PdfError, html_to_pdf
from jobfirst_sim.app.workshop.present_room import debrief_questions, margin_note, ties
from jobfirst_sim.app.workshop.store import Session, Team
from jobfirst_sim.app.workshop.views.common import (
    common,
    cookie_team,
    message,
    needs_facilitator,
    render,
    store,
)

__all__ = ["bp", "debrief_html", "room", "start_of"]

bp = Blueprint("debrief", __name__)

CSS = Path(__file__).resolve().parents[1] / "static" / "workshop.css"


def start_of(card: str) -> dict[str, Any] | None:
    """The card's starting jobcentre as a design mapping, which the reveal and debrief list
    each team's changes against (None for a card no longer there: the changes are left out)."""
    try:
        return start_design(load_card(card)).to_json()
    except WorkshopError:
        return None


def room(s: Session, round_number: int | None = None) -> list[dict[str, Any]]:
    """Every team of a round side by side: name, design, prediction, result."""
    rounds = store().rounds(s.id)
    rnd = next((r for r in rounds if r.number == round_number), None) if round_number \
        else next((r for r in reversed(rounds) if r.state == "revealed"), None)
    if rnd is None:
        return []
    out: list[dict[str, Any]] = []
    for team in store().teams(s.id):
        mine = store().team_round(team.id, rnd.id)
        run = mine.get("run")
        result = run.result if run is not None else None
        out.append({"team": team, "design": mine.get("design"),
                    "prediction": mine.get("prediction"), "result": result, "round": rnd,
                    "gain": (result["difference"]["hours_share"]["mean"] or 0.0)
                    if result else None})
    if s.ranking:  # by the gain in the share with hours; teams without a result last
        out.sort(key=lambda r: (r["gain"] is None, -(r["gain"] or 0.0)))
    return out


def _stated() -> bool:
    """Whether the app's run queue runs at the settings the stated margins were measured at."""
    queue = current_app.config["WS_QUEUE"]
    members = None if queue.ensemble is None else len(queue.ensemble)
    return stated_margin(members, queue.replications)


@bp.get("/reveal")
@needs_facilitator
def reveal() -> Any:
    s = store().current_session()
    if s is None:
        return redirect("/facilitator")
    rows = room(s)
    c = common()
    return render("reveal.html", **c, session=s, card=card_info(s.card),
                  rows=rows, ranking=s.ranking, tied=ties(rows, c["lang"]),
                  margin=margin_note(_stated(), c["lang"]),
                  start=start_of(s.card), questions=debrief_questions(s.card, c["lang"]))


def debrief_html(s: Session, team: Team | None, *, inline_css: bool) -> str:
    """The printable debrief; for the PDF self-contained (style sheet inlined, since
    Chromium prints a file), in the browser with the app's style sheet (the pages'
    Content-Security-Policy allows no inline style)."""
    rounds = []
    for rnd in store().rounds(s.id):
        rows = [r for r in room(s, rnd.number) if team is None or r["team"].id == team.id]
        rounds.append({"number": rnd.number, "rows": rows})
    css = CSS.read_text(encoding="utf-8") if inline_css else None
    c = common()
    return render("debrief.html", **c, session=s, card=card_info(s.card),
                  rounds=rounds, team=team, css=css, start=start_of(s.card),
                  questions=debrief_questions(s.card, c["lang"]),
                  room_misses=room_misses(store(), s.id, c["lang"]) if team is None else None)


def _debrief(s: Session, team: Team | None, as_pdf: bool) -> Any:
    html = debrief_html(s, team, inline_css=as_pdf)
    if not as_pdf:
        return html
    try:
        data = html_to_pdf(html)
    except PdfError as exc:
        return message(str(exc), 503, "/")
    name = f"debrief-{team.id if team else 'room'}.pdf"
    return Response(data, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/debrief")
@needs_facilitator
def debrief_room() -> Any:
    wanted = request.args.get("session", "")
    s = store().session(int(wanted)) if wanted.isascii() and wanted.isdigit() and len(wanted) < 10 \
        else store().current_session()
    if s is None:
        return redirect("/facilitator")
    team_id = request.args.get("team")
    team = None
    if team_id is not None:
        team = next((x for x in store().teams(s.id) if str(x.id) == team_id), None)
        if team is None:
            abort(404)
    return _debrief(s, team, request.args.get("format") == "pdf")


@bp.get("/team/debrief")
def debrief_team() -> Any:
    """The team's own debrief, of the session it was in (also after a new workshop)."""
    team = cookie_team()
    s = store().session_of_team(team.id) if team is not None else None
    if team is None or s is None:
        return redirect("/join")
    return _debrief(s, team, request.args.get("format") == "pdf")
