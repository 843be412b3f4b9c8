"""Who may do what: the start page, the facilitator's key, a team's join, and CSRF.

Why one blueprint for these: each turns a person into a role (a facilitator cookie after the
key, a team cookie after the join code) or refuses a request that no role may send (a post
without this browser's CSRF token); every other page only reads the roles these set
(:func:`.common.needs_facilitator`, :func:`.common.needs_team`). Joins and key attempts
pass the door's limits first (:mod:`..limits`: tries per address, the cap on teams,
look-alike names).
"""

from __future__ import annotations

import hmac
from typing import Any

from flask import Blueprint, Response, current_app, make_response, redirect, request

from jobfirst_sim.app.workshop.forms import read_team_name
from jobfirst_sim.app.workshop.limits import MAX_TEAMS, name_problem
from jobfirst_sim.app.workshop.store import StateError
from jobfirst_sim.app.workshop.views.common import (
    COOKIE_DAYS,
    CSRF_COOKIE,
    FAC_COOKIE,
    TEAM_COOKIE,
    app_lang,
    common,
    current_team,
    message,
    render,
    store,
)
from jobfirst_sim.report.labels import t

__all__ = ["bp"]

bp = Blueprint("auth", __name__)


@bp.after_app_request
def _set_csrf(resp: Response) -> Response:
    new = getattr(request, "_ws_new_csrf", None)
    if new:
        resp.set_cookie(CSRF_COOKIE, new, httponly=True, samesite="Strict",
                        max_age=COOKIE_DAYS * 86400)
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
    return resp


@bp.before_app_request
def _check_csrf() -> Any:
    if request.method != "POST":
        return None
    cookie = request.cookies.get(CSRF_COOKIE, "")
    given = request.form.get("csrf", "")
    if not cookie or not hmac.compare_digest(cookie.encode(), given.encode()):
        return message(t("ws_csrf_failed", app_lang()), 400)
    return None


@bp.get("/")
def home() -> Any:
    return render("home.html", **common())


def _over_limit(kind: str) -> Any:
    """The page that says to wait, when this address tried ``kind`` too often (or None)."""
    attempts = current_app.config.get(f"WS_{kind.upper()}_ATTEMPTS")
    if attempts is None or attempts.allow(request.remote_addr or "?"):
        return None
    return message(t("ws_too_many_tries", app_lang()), 429, "/")


@bp.route("/facilitator/login", methods=["GET", "POST"])
def login() -> Any:
    if request.method == "POST":
        if (slow := _over_limit("login")) is not None:
            return slow
        key = request.form.get("key", "").strip()
        if hmac.compare_digest(key.encode(), store().facilitator_key().encode()):
            resp = redirect("/facilitator")
            resp.set_cookie(FAC_COOKIE, key, httponly=True, samesite="Strict",
                            max_age=COOKIE_DAYS * 86400)
            return resp
        return make_response(render("login.html", **common(),
                                    problem=t("ws_wrong_key", app_lang())), 403)
    return render("login.html", **common(), problem=None)


@bp.route("/join", methods=["GET", "POST"])
def join() -> Any:
    lang = app_lang()
    if request.method == "GET":
        if current_team() is not None:
            return redirect("/team")
        return render("join.html", **common(), problems=[])
    if (slow := _over_limit("join")) is not None:
        return slow
    code = request.form.get("code", "")
    s = store().session_by_code(code) if 0 < len(code.strip()) <= 12 else None
    name, problems = read_team_name(request.form.get("name"), lang)
    if s is None or s.id != getattr(store().current_session(), "id", None):
        problems.append(t("ws_wrong_code", lang))
    if problems or name is None or s is None:
        return make_response(render("join.html", **common(), problems=problems), 422)
    with current_app.config["WS_JOIN_LOCK"]:  # the cap and the names, then the join
        teams = [team.name for team in store().teams(s.id)]
        cap = int(current_app.config.get("WS_MAX_TEAMS", MAX_TEAMS))
        refused = (t("ws_too_many_teams", lang, n=cap) if len(teams) >= cap
                   else name_problem(name, teams, lang))
        if refused is not None:
            return make_response(render("join.html", **common(), problems=[refused]), 409)
        try:
            _, token = store().join(s, name)
        except StateError:
            return make_response(render("join.html", **common(),
                                        problems=[t("ws_name_taken", lang)]), 409)
    resp = redirect("/team")
    resp.set_cookie(TEAM_COOKIE, token, httponly=True, samesite="Strict",
                    max_age=COOKIE_DAYS * 86400)
    return resp
