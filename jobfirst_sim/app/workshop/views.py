"""The workshop's pages: facilitator, team, reveal and debrief (server-rendered HTML).

Why plain pages and forms: a projector, laptops of every age and a room's network; an HTML
form works with any keyboard and without scripts (one small script polls a team's run
progress and the facilitator's table of teams). Rules kept here, on the server, whatever
the browser sends:

* **Who may do what.** The facilitator's controls need the facilitator key (a cookie after
  the key is typed once); a team is its secret token (an HttpOnly cookie set at join). A
  form names its team; a post whose team is not the cookie's is refused, so no team can
  change another's design or prediction.
* **CSRF.** Every form carries a token equal to a random per-browser cookie
  (double-submit, SameSite=Strict); a post without it is refused before anything is read.
* **Words, not error pages.** A design over budget or impossible comes back as the form
  with the problems listed (HTTP 422); nothing is stored until it has none.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, Final, cast

from flask import Blueprint, Response, abort, current_app, make_response, redirect, request
from flask import render_template as render

from jobfirst_sim.app.workshop import pdf, present
from jobfirst_sim.app.workshop.forms import (
    read_design,
    read_number,
    read_prediction,
    read_team_name,
)
from jobfirst_sim.app.workshop.store import Session, StateError, Store, Team
from jobfirst_sim.decide.workshop import (
    CARDS,
    LANGS,
    ORGANISATION_TEXT,
    PRACTICES,
    ROLE_LABELS,
    Card,
    Lang,
    TeamDesign,
    card_info,
    caseloads,
    check_design,
    load_card,
    start_design,
    stock,
)
from jobfirst_sim.report.labels import t
from jobfirst_sim.scenario.design import StaffRole

__all__ = ["bp"]

bp = Blueprint("workshop", __name__)

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


# ------------------------------------------------------------------ cookies and checks


def csrf_token() -> str:
    """This browser's CSRF token (made on first use and set as a cookie after the page)."""
    token = request.cookies.get(CSRF_COOKIE)
    if not token or len(token) > 64:
        token = getattr(request, "_ws_new_csrf", None) or secrets.token_urlsafe(24)
        request._ws_new_csrf = token  # type: ignore[attr-defined]
    return token


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


def message(text: str, status: int, back: str = "/") -> Response:
    """A page with one sentence and a way back (never a traceback)."""
    return make_response(render("message.html", **common(), text=text, back=back), status)


def common() -> dict[str, Any]:
    """What every page's template uses: language, words, CSRF token, number formats."""
    lang = app_lang()
    return {"lang": lang, "t": lambda key, **kw: t(key, lang, **kw), "csrf": csrf_token(),
            "org_text": lambda key: ORGANISATION_TEXT[key][lang], "practices": PRACTICES,
            "share": present.share, "points": present.points, "kroner": present.kroner,
            "interval": present.interval, "num": lambda x, d=1: present.number(x, lang, d),
            "lever_label": present.lever_label, "lever_value": present.lever_value,
            "case_rows": present.case_rows,
            "story_lines": lambda result: present.story(result, lang)}


def facilitator_ok() -> bool:
    given = request.cookies.get(FAC_COOKIE, "")
    return bool(given) and hmac.compare_digest(given.encode(),
                                               store().facilitator_key().encode())


def current_team() -> Team | None:
    token = request.cookies.get(TEAM_COOKIE, "")
    if not token or len(token) > 100:
        return None
    team = store().team_by_token(token)
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
    same team as the cookie (no team writes into another's slot)."""
    @wraps(view)
    def inner(*args: Any, **kwargs: Any) -> Any:
        team = current_team()
        if team is None:
            return redirect("/join")
        if request.method == "POST" and request.form.get("team") != str(team.id):
            return message(t("ws_not_your_team", app_lang()), 403, "/team")
        return view(team, *args, **kwargs)
    return inner


# ------------------------------------------------------------------ start and facilitator


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


def board(s: Session | None, lang: Lang) -> dict[str, Any]:
    """Where each team is, as the facilitator's page shows it: the round and one row per
    team (design saved, prediction recorded, run state with progress), worded.

    The page and its status endpoint both use it, so a row refreshed in place reads as
    one reloaded. ``shape`` names what the rows cannot show by changing their text (the
    session, the round and its state, who has joined, the ranking): when it differs from
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
                      "run": state})
    shape = ":".join([str(s.id), str(rnd.id) if rnd else "-", rnd.state if rnd else "-",
                      str(int(s.ranking)), ",".join(str(x["id"]) for x in teams)])
    return {"shape": shape, "round": rnd, "teams": teams}


@bp.get("/facilitator")
@needs_facilitator
def facilitator() -> Any:
    s = store().current_session()
    if s is None:
        return render("create.html", **common(), cards=CARDS)
    now = board(s, app_lang())
    return render("facilitator.html", **common(), session=s, card=card_info(s.card),
                  round=now["round"], teams=now["teams"], shape=now["shape"],
                  rounds=store().rounds(s.id))


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
        return make_response(render("create.html", **common(), cards=CARDS,
                                    problem=t("ws_bad_session", app_lang())), 422)
    s = store().create_session(card, budget, lang)
    store().open_round(s.id)
    announce = current_app.config.get("WS_ANNOUNCE")
    if announce is not None:  # where the app was started: the code to read out or show
        announce(f"new session {card}: join code for teams: {s.join_code} (open /join)")
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
    return render("create.html", **common(), cards=CARDS)


# ------------------------------------------------------------------ teams


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


def _team_page(team: Team, *, form_design: TeamDesign | None = None,
               problems: list[str] | None = None, notice: str | None = None,
               status: int = 200) -> Any:
    s = cast(Session, store().current_session())
    card = load_card(s.card)
    rnd = store().current_round(s.id)
    mine = store().team_round(team.id, rnd.id) if rnd else {}
    saved = TeamDesign.from_json(mine["design"]) if mine.get("design") else None
    design = form_design or saved or _previous_design(team, s) or start_design(card)
    page = render("team.html", **common(), team=team, session=s, card=card, round=rnd,
                  mine=mine, design=design, design_view=design_view(card, design, s),
                  problems=problems or [], notice=notice,
                  roles=list(StaffRole), role_labels=ROLE_LABELS, saved=saved is not None,
                  history=_history(team, s))
    return make_response(page, status)


def _previous_design(team: Team, s: Session) -> TeamDesign | None:
    """The team's design of its last round (a new round starts from where it left)."""
    for rnd in reversed(store().rounds(s.id)):
        d = store().team_round(team.id, rnd.id).get("design")
        if d:
            return TeamDesign.from_json(d)
    return None


def _history(team: Team, s: Session) -> list[dict[str, Any]]:
    """The team's finished rounds before the current one (number, prediction, result)."""
    rounds = store().rounds(s.id)
    out = []
    for rnd in rounds[:-1]:
        mine = store().team_round(team.id, rnd.id)
        run = mine.get("run")
        if run is not None and run.result is not None:
            out.append({"number": rnd.number, "prediction": mine["prediction"],
                        "result": run.result})
    return out


def design_view(card: Card, design: TeamDesign, s: Session) -> dict[str, Any]:
    """What the design form shows beside the inputs: FTEs used and caseloads."""
    loads = caseloads(card, design)
    return {"used": design.fte_total(), "budget": s.budget, "citizens": stock(card),
            "caseloads": {k: (None if v == float("inf") else v) for k, v in loads.items()}}


@bp.get("/team")
@needs_team
def team_page(team: Team) -> Any:
    return _team_page(team)


@bp.post("/team/design")
@needs_team
def save_design(team: Team) -> Any:
    lang = app_lang()
    s = cast(Session, store().current_session())
    rnd = store().current_round(s.id)
    design, problems = read_design(request.form, lang)
    if design is not None:
        problems = check_design(load_card(s.card), design, lang, s.budget)
    if design is None or problems:
        return _team_page(team, form_design=design, problems=problems, status=422)
    if rnd is None:
        return _team_page(team, problems=[t("ws_state_round_closed", lang)], status=409)
    try:
        store().save_design(team, rnd.id, design.to_json())
    except StateError as exc:
        return _team_page(team, problems=[t(f"ws_state_{exc.key}", lang)], status=409)
    return _team_page(team, notice=t("ws_design_saved", lang))


@bp.post("/team/predict")
@needs_team
def predict(team: Team) -> Any:
    lang = app_lang()
    s = cast(Session, store().current_session())
    rnd = store().current_round(s.id)
    value, problems = read_prediction(request.form, lang)
    if value is None:
        return _team_page(team, problems=problems, status=422)
    try:
        if rnd is None:
            raise StateError("round_closed")
        store().predict(team, rnd.id, *value)
    except StateError as exc:
        return _team_page(team, problems=[t(f"ws_state_{exc.key}", lang)], status=409)
    return redirect("/team")


@bp.post("/team/run")
@needs_team
def run(team: Team) -> Any:
    lang = app_lang()
    s = cast(Session, store().current_session())
    rnd = store().current_round(s.id)
    try:
        if rnd is None:
            raise StateError("round_closed")
        store().enqueue(team, rnd.id)
    except StateError as exc:
        return _team_page(team, problems=[t(f"ws_state_{exc.key}", lang)], status=409)
    current_app.config["WS_QUEUE"].wake()
    return redirect("/team")


@bp.get("/team/status.json")
@needs_team
def status(team: Team) -> Any:
    s = cast(Session, store().current_session())
    rnd = store().current_round(s.id)
    run = store().team_round(team.id, rnd.id).get("run") if rnd else None
    if run is None:
        return {"state": "none", "done": 0, "total": 0, "round": rnd.state if rnd else None}
    return {"state": run.state, "done": run.done, "total": run.total,
            "round": rnd.state if rnd else None}


# ------------------------------------------------------------------ reveal and debrief


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


@bp.get("/reveal")
@needs_facilitator
def reveal() -> Any:
    s = store().current_session()
    if s is None:
        return redirect("/facilitator")
    return render("reveal.html", **common(), session=s, card=card_info(s.card),
                  rows=room(s), ranking=s.ranking)


def debrief_html(s: Session, team: Team | None, *, inline_css: bool) -> str:
    """The printable debrief; for the PDF self-contained (style sheet inlined, since
    Chromium prints a file), in the browser with the app's style sheet (the pages'
    Content-Security-Policy allows no inline style)."""
    rounds = []
    for rnd in store().rounds(s.id):
        rows = [r for r in room(s, rnd.number) if team is None or r["team"].id == team.id]
        rounds.append({"number": rnd.number, "rows": rows})
    css = ((Path(__file__).parent / "static" / "workshop.css").read_text(encoding="utf-8")
           if inline_css else None)
    return render("debrief.html", **common(), session=s, card=card_info(s.card),
                  rounds=rounds, team=team, css=css)


def _debrief(team: Team | None, as_pdf: bool) -> Any:
    s = cast(Session, store().current_session())
    html = debrief_html(s, team, inline_css=as_pdf)
    if not as_pdf:
        return html
    try:
        data = pdf.html_to_pdf(html)
    except pdf.PdfError as exc:
        return message(str(exc), 503, "/")
    name = f"debrief-{team.id if team else 'room'}.pdf"
    return Response(data, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/debrief")
@needs_facilitator
def debrief_room() -> Any:
    if store().current_session() is None:
        return redirect("/facilitator")
    team_id = request.args.get("team")
    team = None
    if team_id is not None:
        s = cast(Session, store().current_session())
        team = next((x for x in store().teams(s.id) if str(x.id) == team_id), None)
        if team is None:
            abort(404)
    return _debrief(team, request.args.get("format") == "pdf")


@bp.get("/team/debrief")
@needs_team
def debrief_team(team: Team) -> Any:
    return _debrief(team, request.args.get("format") == "pdf")
