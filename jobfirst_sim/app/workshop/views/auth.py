"""Who may do what: the start page, the facilitator's key, a team's join, and CSRF.

Why one blueprint for these: each turns a person into a role (a facilitator cookie after the
key, a team cookie after the join code) or refuses a request that no role may send (a post
without this browser's CSRF token); every other page only reads the roles these set
(:func:`.common.needs_facilitator`, :func:`.common.needs_team`).
"""

from __future__ import annotations

import hmac
from typing import Any

from flask import Blueprint, Response, make_response, redirect, request

from jobfirst_sim.app.workshop.forms import read_team_name
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


@bp.route("/facilitator/login", methods=["GET", "POST"])
def login() -> Any:
    if request.method == "POST":
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
    code = request.form.get("code", "")
    s = store().session_by_code(code) if 0 < len(code.strip()) <= 12 else None
    name, problems = read_team_name(request.form.get("name"), lang)
    if s is None or s.id != getattr(store().current_session(), "id", None):
        problems.append(t("ws_wrong_code", lang))
    if problems or name is None or s is None:
        return make_response(render("join.html", **common(), problems=problems), 422)
    try:
        _, token = store().join(s, name)
    except StateError:
        return make_response(render("join.html", **common(),
                                    problems=[t("ws_name_taken", lang)]), 409)
    resp = redirect("/team")
    resp.set_cookie(TEAM_COOKIE, token, httponly=True, samesite="Strict",
                    max_age=COOKIE_DAYS * 86400)
    return resp
