"""The facilitator's views: create a session, move rounds on, watch the teams.

Why a blueprint of its own: every view here needs the facilitator key
(:func:`.common.needs_facilitator`), and together they are the controls a facilitator uses
at the front of the room; the reveal and debrief the room sees are :mod:`.debrief`.

Nothing a team made goes without the facilitator meaning it: a reset asks first (a second
post with ``confirm=yes``, no script needed) and is refused once the round is locked; a new
workshop needs the box "end the current workshop" ticked, and the ended ones stay in the
archive (:func:`archive`) with their debriefs.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from flask import Blueprint, current_app, make_response, redirect, request

from jobfirst_sim import fmt
from jobfirst_sim.app.workshop.engine.cards import CARDS, LANGS, Lang, card_info
from jobfirst_sim.app.workshop.forms import read_number
from jobfirst_sim.app.workshop.misses import miss, miss_text, room_misses
from jobfirst_sim.app.workshop.store import Session, StateError
from jobfirst_sim.app.workshop.views.common import (
    app_lang,
    common,
    facilitator_ok,
    message,
    needs_facilitator,
    render,
    store,
)
from jobfirst_sim.report.labels import t

__all__ = ["archive", "board", "bp"]

bp = Blueprint("facilitator", __name__)


def board(s: Session | None, lang: Lang) -> dict[str, Any]:
    """Where each team is, as the facilitator's page shows it: the round and one row per
    team (design saved, prediction recorded, run state with progress), worded.

    The page and its status endpoint both use it, so a row refreshed in place reads as
    one reloaded. ``shape`` names what the rows cannot show by changing their text (the
    session, the round and its state, who has joined, the ranking; the room's misses,
    which the page shows again after the lock and the reveal): when it differs from
    the shown page's, the page reloads instead.
    """
    if s is None:
        return {"shape": "none", "round": None, "teams": []}
    rnd = store().current_round(s.id)
    teams = []
    for team in store().teams(s.id):
        mine = store().team_round(team.id, rnd.id) if rnd else {}
        run = mine.get("run")
        state = t(f"ws_state_{run.state}", lang) if run is not None else "–"
        if run is not None and run.state == "running":
            state += f" {run.done}/{run.total}"
        teams.append({"id": team.id, "name": team.name,
                      "design": t("ws_yes", lang) if mine.get("design") else "–",
                      "prediction": t("ws_yes", lang) if mine.get("prediction") else "–",
                      "run": state,
                      "miss": miss_text(miss(mine.get("prediction"), run.result
                                             if run is not None else None), lang)})
    shape = ":".join([str(s.id), str(rnd.id) if rnd else "-", rnd.state if rnd else "-",
                      str(int(s.ranking)), ",".join(str(x["id"]) for x in teams)])
    return {"shape": shape, "round": rnd, "teams": teams}


def archive(lang: Lang) -> list[dict[str, Any]]:
    """The ended workshops, newest first: id and a line (card, day, teams, join code, which
    tells two of the same card and day apart) for each."""
    out = []
    for s, n, created in store().sessions()[1:]:
        day = fmt.date(dt.date.fromtimestamp(created), lang)
        out.append({"id": s.id, "text": t("ws_archive_row", lang, n=n, day=day,
                                          code=s.join_code,
                                          card=card_info(s.card).title[lang])})
    return out


def _create_page(status: int = 200, problem: str | None = None) -> Any:
    """The form of a new workshop; with a session running, it says what ending it means
    and asks for the box to be ticked; a refused form keeps what was chosen."""
    s = store().current_session()
    current = None
    if s is not None:
        current = t("ws_new_confirm", app_lang(), card=card_info(s.card).title[app_lang()],
                    n=len(store().teams(s.id)))
    chosen = {k: request.form.get(k, "")[:40] for k in ("card", "budget", "lang")}
    return make_response(render("create.html", **common(), cards=CARDS, current=current,
                                chosen=chosen, problem=problem), status)


@bp.get("/facilitator")
@needs_facilitator
def facilitator() -> Any:
    s = store().current_session()
    if s is None:
        return _create_page()
    now = board(s, app_lang())
    return render("facilitator.html", **common(), session=s, card=card_info(s.card),
                  round=now["round"], teams=now["teams"], shape=now["shape"],
                  rounds=store().rounds(s.id), archive=archive(app_lang()),
                  room_misses=room_misses(store(), s.id, app_lang()))


@bp.get("/facilitator/status.json")
def facilitator_status() -> Any:
    """The facilitator's page's rows as JSON, polled by its script every few seconds.

    Why polling a small JSON and updating the cells, not ``<meta http-equiv="refresh">``:
    a page reloaded every few seconds flickers on the projector, jumps back to the top and
    can swallow a click on Lock or Reveal made at the moment of the reload, and a meta
    refresh cannot tell whether someone is typing. The script changes only the cells whose
    text changed and reloads the page only when its ``shape`` changed (a team joined, the
    round moved on) and no field has focus and no form is being sent. Same authorisation as
    the page (the facilitator key's cookie); without it a 403, not a redirect to a form.
    """
    if not facilitator_ok():
        return {"error": t("ws_wrong_key", app_lang())}, 403
    now = board(store().current_session(), app_lang())
    rnd = now["round"]
    return {"shape": now["shape"], "teams": now["teams"],
            "round": {"number": rnd.number, "state": rnd.state} if rnd else None}


@bp.post("/facilitator/session")
@needs_facilitator
def create_session() -> Any:
    lang = cast(Lang, request.form.get("lang", "da"))
    keys = {c.key for c in CARDS}
    card = request.form.get("card", "")
    raw_budget = request.form.get("budget", "").strip()
    budget = (card_info(card).fte_budget if card in keys and not raw_budget
              else read_number(raw_budget, 1.0, 1000.0))  # blank: the card's own budget
    if lang not in LANGS or card not in keys or budget is None:
        return _create_page(422, t("ws_bad_session", app_lang()))
    if store().current_session() is not None and request.form.get("confirm") != "yes":
        return _create_page(409, t("ws_new_confirm_needed", app_lang()))
    s = store().create_session(card, budget, lang)
    store().open_round(s.id)
    current_app.config["WS_QUEUE"].want_anchor(card)  # the start's figures, before teams predict
    announce = current_app.config.get("WS_ANNOUNCE")
    if announce is not None:  # where the app was started: the code to read out or show
        announce(t("ws_term_new_session", current_app.config["WS_LANG"], card=card,
                   code=s.join_code))
    return redirect("/facilitator")


@bp.post("/facilitator/round")
@needs_facilitator
def round_action() -> Any:
    s = store().current_session()
    action = request.form.get("action", "")
    if s is None or action not in ("open", "lock", "reveal"):
        return message(t("ws_bad_action", app_lang()), 400, "/facilitator")
    rnd = store().current_round(s.id)
    try:
        if action == "open":
            store().open_round(s.id)
        elif rnd is None:
            raise StateError("round_closed")
        else:
            store().advance_round(rnd.id, "locked" if action == "lock" else "revealed")
    except StateError as exc:
        return message(t(f"ws_state_{exc.key}", app_lang()), 409, "/facilitator")
    return redirect("/reveal" if action == "reveal" else "/facilitator")


@bp.post("/facilitator/reset")
@needs_facilitator
def reset_team() -> Any:
    s = store().current_session()
    rnd = store().current_round(s.id) if s else None
    ids = {str(team.id): team for team in store().teams(s.id)} if s else {}
    team = ids.get(request.form.get("team_id", ""))
    if rnd is None or team is None:
        return message(t("ws_bad_action", app_lang()), 400, "/facilitator")
    if rnd.state != "open":
        return message(t("ws_state_reset_after_lock", app_lang()), 409, "/facilitator")
    if request.form.get("confirm") != "yes":  # ask first: the page's button only asks
        return render("confirm_reset.html", **common(), team=team, round=rnd)
    try:
        store().reset_team(team.id, rnd.id)
    except StateError as exc:
        return message(t(f"ws_state_{exc.key}", app_lang()), 409, "/facilitator")
    return redirect("/facilitator")


@bp.post("/facilitator/ranking")
@needs_facilitator
def ranking() -> Any:
    s = store().current_session()
    if s is not None:
        store().set_ranking(s.id, request.form.get("on") == "yes")
    return redirect("/facilitator")


@bp.post("/facilitator/new")
@needs_facilitator
def new_session() -> Any:
    return _create_page()
