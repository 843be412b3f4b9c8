"""What every workshop page needs: the store, the language, the CSRF token, who is asking.

Why one module under the blueprints: each role's views (:mod:`.auth`, :mod:`.facilitator`,
:mod:`.team`, :mod:`.debrief`) checks the same cookies and renders with the same words and
number formats, so those are decided once here.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any, Final, cast

from flask import Response, current_app, make_response, redirect, request
from flask import render_template as render

from jobfirst_sim import fmt
from jobfirst_sim.app.workshop.engine.cards import LANGS, Lang
from jobfirst_sim.app.workshop.engine.design import PRACTICES, organisation_text
from jobfirst_sim.app.workshop.present import (
    case_rows,
    holds,
    interval,
    interval_note,
    kroner,
    lever_label,
    lever_value,
    levers_note,
    points,
    share,
    story,
)
from jobfirst_sim.app.workshop.present_chart import round_chart
from jobfirst_sim.app.workshop.present_design import design_diff
from jobfirst_sim.app.workshop.present_levers import lever_rows
from jobfirst_sim.app.workshop.present_room import cost_verdict
from jobfirst_sim.app.workshop.store import Store, Team
from jobfirst_sim.report.labels import t

__all__ = ["COOKIE_DAYS", "CSRF_COOKIE", "FAC_COOKIE", "TEAM_COOKIE", "app_lang", "common",
           "cookie_team", "csrf_token", "current_team", "facilitator_ok", "message",
           "needs_facilitator", "needs_team", "render", "store"]

TEAM_COOKIE: Final = "ws_team"
FAC_COOKIE: Final = "ws_facilitator"
CSRF_COOKIE: Final = "ws_csrf"
COOKIE_DAYS: Final = 7
"""Cookies outlive a closed laptop lid and a restarted browser for a week's workshop."""


def store() -> Store:
    return cast(Store, current_app.config["WS_STORE"])


def app_lang() -> Lang:
    s = store().current_session()
    lang = s.lang if s is not None else current_app.config["WS_LANG"]
    return cast(Lang, lang if lang in LANGS else "da")


def csrf_token() -> str:
    """This browser's CSRF token (made on first use and set as a cookie after the page)."""
    token = request.cookies.get(CSRF_COOKIE)
    if not token or len(token) > 64:
        token = getattr(request, "_ws_new_csrf", None) or secrets.token_urlsafe(24)
        request._ws_new_csrf = token  # type: ignore[attr-defined]
    return token


def message(text: str, status: int, back: str = "/") -> Response:
    """A page with one sentence and a way back (never a traceback)."""
    return make_response(render("message.html", **common(), text=text, back=back), status)


def common() -> dict[str, Any]:
    """What every page's template uses: language, words, CSRF token, number formats."""
    lang = app_lang()
    return {"lang": lang, "t": lambda key, **kw: t(key, lang, **kw), "csrf": csrf_token(),
            "org_text": lambda key: organisation_text(key, lang), "practices": PRACTICES,
            "share": share, "points": points, "kroner": kroner, "interval": interval,
            "num": lambda x, d=1: fmt.number(x, lang, d), "lever_label": lever_label,
            "lever_value": lever_value, "case_rows": case_rows,
            "story_lines": lambda result: story(result, lang),
            "holds": lambda result: holds(result, lang),
            "interval_note": lambda result: interval_note(result, lang),
            "levers_note": lambda result: levers_note(result, lang),
            "lever_rows": lambda result: lever_rows(result, lang),
            "cost_verdict": lambda result: cost_verdict(result, lang),
            "design_diff": lambda design, start: design_diff(design, start, lang),
            "round_chart": lambda rows, key="1": round_chart(rows, lang, str(key))}


def facilitator_ok() -> bool:
    given = request.cookies.get(FAC_COOKIE, "")
    return bool(given) and hmac.compare_digest(given.encode(),
                                               store().facilitator_key().encode())


def cookie_team() -> Team | None:
    """The team of this browser's cookie, of any session (an ended workshop's team still
    reaches its own debrief)."""
    token = request.cookies.get(TEAM_COOKIE, "")
    if not token or len(token) > 100:
        return None
    return store().team_by_token(token)


def current_team() -> Team | None:
    """The team of this browser's cookie if it is in the current session."""
    team = cookie_team()
    s = store().current_session()
    return team if team is not None and s is not None and team.session_id == s.id else None


def needs_facilitator(view: Callable[..., Any]) -> Callable[..., Any]:
    """The view only for the facilitator (else to the key form)."""
    @wraps(view)
    def inner(*args: Any, **kwargs: Any) -> Any:
        if not facilitator_ok():
            return redirect("/facilitator/login")
        return view(*args, **kwargs)
    return inner


def needs_team(view: Callable[..., Any]) -> Callable[..., Any]:
    """The view for a team of the current session, called with it; a post must name the
    same team as the cookie (no team writes into another's slot). A team of an ended
    workshop is told so, with the way to its debrief, instead of being sent to /join."""
    @wraps(view)
    def inner(*args: Any, **kwargs: Any) -> Any:
        team = current_team()
        if team is None:
            old = cookie_team()
            if old is not None and request.method == "GET" and request.path == "/team":
                return render("ended.html", **common(), team=old)
            return redirect("/join")
        if request.method == "POST" and request.form.get("team") != str(team.id):
            return message(t("ws_not_your_team", app_lang()), 403, "/team")
        return view(team, *args, **kwargs)
    return inner
