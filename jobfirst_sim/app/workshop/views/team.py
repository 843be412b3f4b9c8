"""A team's views: design within the budget, predict, run, and follow the run.

Why a blueprint of its own: every view here acts for the team of the browser's cookie and
no other (:func:`.common.needs_team`); the design form's problems come back as the form with
sentences (HTTP 422), and the caseloads it shows while a team types are written by the
server (:func:`caseloads_json`), so the page's script formats no number.

Nothing a team typed is lost: a form with a problem comes back with every value as typed
and the bad fields marked (:func:`~jobfirst_sim.app.workshop.forms.typed_fields`); the
design form and the prediction form carry the design's version, so a stale tab cannot
replace the design or bind a prediction to a design it did not show; a team's code
(:func:`rejoin`) brings the team to another laptop, or to its debrief after the workshop.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, cast

from flask import Blueprint, current_app, make_response, redirect, request

from jobfirst_sim import fmt
from jobfirst_sim.app.workshop.engine.cards import Card, Lang, load_card
from jobfirst_sim.app.workshop.engine.checks import check_design
from jobfirst_sim.app.workshop.engine.design import (
    TeamDesign,
    caseloads,
    role_label,
    start_design,
    stock,
)
from jobfirst_sim.app.workshop.forms import (
    DESIGN_STEPS,
    changed_fields,
    design_fields,
    design_problems,
    fte_sum,
    prediction_problems,
    read_number,
    step_changes,
    typed_fields,
)
from jobfirst_sim.app.workshop.misses import miss, miss_text, team_misses
from jobfirst_sim.app.workshop.queue import estimated_wait
from jobfirst_sim.app.workshop.store import Run, Session, StateError, Team
from jobfirst_sim.app.workshop.views.common import (
    COOKIE_DAYS,
    TEAM_COOKIE,
    app_lang,
    common,
    needs_team,
    render,
    store,
)
from jobfirst_sim.domain import StaffRole
from jobfirst_sim.report.labels import t
from jobfirst_sim.scenario.design import RoleModel

__all__ = ["bp", "design_view", "rejoin", "step_texts", "typed_caseloads", "used_text"]

bp = Blueprint("team", __name__)


def _team_page(team: Team, *, typed: dict[str, str] | None = None,
               bad: dict[str, str] | None = None, version: int | None = None,
               predicted: dict[str, str] | None = None, problems: list[str] | None = None,
               notice: str | None = None, status: int = 200) -> Any:
    """The team's page; after a problem ``typed`` (the design form as typed) or
    ``predicted`` (the prediction form as typed) with ``bad`` (field: sentence) shown
    again, and ``version`` the design version the form carries (default: the stored)."""
    s = cast(Session, store().current_session())
    card = load_card(s.card)
    rnd = store().current_round(s.id)
    mine = store().team_round(team.id, rnd.id) if rnd else {}
    saved = TeamDesign.from_json(mine["design"]) if mine.get("design") else None
    design = saved or _previous_design(team, s) or start_design(card)
    if typed is not None:
        design = _as_typed(typed, design)
    now = store().design_version(team.id, rnd.id) if rnd else 0
    lang = app_lang()
    f = typed if typed is not None else design_fields(design, lang)
    changed = changed_fields(f, design_fields(start_design(card), lang))
    page = render("team.html", **common(), team=team, session=s, card=card, round=rnd,
                  mine=mine, f=f, changed=changed, steps=DESIGN_STEPS,
                  step_texts=step_texts(changed, lang), used_text=used_text(f, s.budget, lang),
                  bad=bad or {}, version=now if version is None else version,
                  predicted_typed=predicted or {}, design_view=design_view(card, design, s),
                  problems=problems or [], notice=notice,
                  roles=list(StaffRole), role_label=role_label, saved=saved is not None,
                  history=_history(team, s),
                  anchor=_anchor(s), misses=team_misses(store(), team, s.id, app_lang()),
                  my_miss=_my_miss(mine), queue_text=_queue_text(mine.get("run")))
    return make_response(page, status)


def _queue_text(run: Run | None) -> str | None:
    """A queued run's place in the queue and its estimated wait, as the page says them
    (issue 24 §5: a team waiting should see why and for how long); None otherwise."""
    if run is None or run.state != "queued":
        return None
    lang = app_lang()
    ahead, running, mean = store().queue_place(run.id)
    text = t("ws_queue_place", lang, n=ahead + 1)
    wait = estimated_wait(ahead, running, mean, current_app.config["WS_QUEUE"].threads)
    if wait is not None:
        seconds = max(5, 5 * math.ceil(wait / 5))  # no false precision
        text += " · " + t("ws_queue_wait", lang, s=fmt.number(seconds, lang, 0))
    return text


def _my_miss(mine: dict[str, Any]) -> str | None:
    """This round's miss as written, once the team has a prediction and a result."""
    run = mine.get("run")
    m = miss(mine.get("prediction"), run.result if run is not None else None)
    return None if m is None else miss_text(m, app_lang())


def _anchor(s: Session) -> dict[str, Any] | bool | None:
    """The start's figures a team sees before it predicts (:meth:`~.queue.RunQueue.anchor`):
    None while they are computed, False where the queue computes none (tests)."""
    queue = current_app.config["WS_QUEUE"]
    if not queue.anchors:
        return False
    got: dict[str, Any] | None = queue.anchor(s.card)
    return got


def _as_typed(typed: dict[str, str], fallback: TeamDesign) -> TeamDesign:
    """The typed form as near a design as it reads (an unreadable FTE counts 0), for the
    FTEs used and the caseloads shown beside the typed values."""
    model = typed.get("role_model", "")
    return TeamDesign(
        staff={r.value: read_number(typed.get(f"fte_{r.value}"), 0.0, 1000.0) or 0.0
               for r in StaffRole},
        role_model=RoleModel(model) if model in {m.value for m in RoleModel}
        else fallback.role_model,
        jobformidler=typed.get("jobformidler") == "yes",
        colocated=typed.get("colocated") == "yes", practice={})


def _posted_version() -> int | None:
    """The design version a posted form carries: ``None`` without the field (a script's
    post, checked by nothing), -1 for one no page writes (matches no version: refused)."""
    raw = request.form.get("version")
    if raw is None:
        return None
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else -1


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
    """What the design form shows beside the inputs: citizens and caseloads."""
    loads = caseloads(card, design)
    return {"budget": s.budget, "citizens": stock(card),
            "caseloads": {k: (None if v == float("inf") else v) for k, v in loads.items()}}


def used_text(form: Mapping[str, str], budget: float, lang: Lang) -> str:
    """The budget counter: every FTE field as typed against the budget, as the page and
    :func:`caseloads_json` write it (the same words, so the script changes only text)."""
    used = fte_sum(form)
    text = t("ws_fte_used", lang, used=fmt.number(used, lang, 1),
             budget=fmt.number(budget, lang, 1))
    if round(used, 2) > round(budget, 2):
        text += " " + t("ws_fte_over", lang, over=fmt.number(used - budget, lang, 1))
    return text


def step_texts(changed: list[str], lang: Lang) -> dict[str, str]:
    """Each design step's "n changed from the start" (empty where none is)."""
    return {step: (t("ws_step_changed", lang, n=fmt.number(n, lang, 0)) if n else "")
            for step, n in step_changes(changed).items()}


def typed_caseloads(citizens: int, typed: dict[str, str], lang: Lang) -> dict[str, str]:
    """Citizens per FTE for each role's typed FTEs, written for the page (``72,7``), or
    ``–`` where the field is empty, zero or not a number (as the form shows it)."""
    out = {}
    for role in StaffRole:
        fte = read_number(typed.get(role.value) or "0", 0.0, math.inf)
        out[role.value] = ("–" if fte is None or fte <= 0
                           else fmt.number(citizens / fte, lang, 1))
    return out


@bp.get("/team")
@needs_team
def team_page(team: Team) -> Any:
    return _team_page(team)


@bp.get("/team/caseloads.json")
@needs_team
def caseloads_json(team: Team) -> Any:
    """The caseloads of the FTEs a team is typing (``fte_<role>`` in the query), as text,
    the budget counter over every FTE field (``used``) and, when the query holds the whole
    form (``role_model`` in it), the fields changed from the start and each step's count.

    Why the server writes them: the form's script shows them as the team types, and a
    number written in the browser would be a second formatter that can disagree with the
    page's (:func:`jobfirst_sim.fmt.number`).
    """
    s = cast(Session, store().current_session())
    lang = app_lang()
    card = load_card(s.card)
    typed = {role.value: request.args.get(f"fte_{role.value}", "") for role in StaffRole}
    out: dict[str, Any] = {"caseloads": typed_caseloads(stock(card), typed, lang),
                           "used": used_text(request.args, s.budget, lang)}
    if "role_model" in request.args:  # the whole form: which fields differ from the start
        changed = changed_fields(typed_fields(request.args),
                                 design_fields(start_design(card), lang))
        out |= {"changed": changed, "steps": step_texts(changed, lang)}
    return out


@bp.post("/team/design")
@needs_team
def save_design(team: Team) -> Any:
    lang = app_lang()
    s = cast(Session, store().current_session())
    rnd = store().current_round(s.id)
    typed, version = typed_fields(request.form), _posted_version()
    design, bad = design_problems(request.form, lang)
    problems = list(bad.values())
    if design is not None:
        problems = check_design(load_card(s.card), design, lang, s.budget)
    if design is None or problems:
        return _team_page(team, typed=typed, bad=bad, version=version, problems=problems,
                          status=422)
    try:
        if rnd is None:
            raise StateError("round_closed")
        store().save_design(team, rnd.id, design.to_json(), version)
    except StateError as exc:  # stale: the form keeps the typed values, now on the stored
        return _team_page(team, typed=typed, problems=[t(f"ws_state_{exc.key}", lang)],
                          status=409)  # version, so saving again replaces it knowingly
    return _team_page(team, notice=t("ws_design_saved", lang))


@bp.post("/team/predict")
@needs_team
def predict(team: Team) -> Any:
    lang = app_lang()
    s = cast(Session, store().current_session())
    rnd = store().current_round(s.id)
    typed = {k: request.form.get(k, "")[:40] for k in ("hours_share", "net_cost")}
    value, bad = prediction_problems(request.form, lang)
    if value is None:
        return _team_page(team, predicted=typed, bad=bad, problems=list(bad.values()),
                          status=422)
    try:
        if rnd is None:
            raise StateError("round_closed")
        store().predict(team, rnd.id, *value, version=_posted_version())
    except StateError as exc:
        key = "ws_prediction_stale" if exc.key == "design_stale" else f"ws_state_{exc.key}"
        return _team_page(team, predicted=typed, problems=[t(key, lang)], status=409)
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
    """The team's run as its page's script polls it; ``text`` is the progress as shown."""
    s = cast(Session, store().current_session())
    rnd = store().current_round(s.id)
    run = store().team_round(team.id, rnd.id).get("run") if rnd else None
    watch = _round_watch(rnd)
    if run is None:
        return {"state": "none", "done": 0, "total": 0, "round": rnd.state if rnd else None,
                **watch}
    return {"state": run.state, "done": run.done, "total": run.total,
            "round": rnd.state if rnd else None, **watch,
            "text": f"{run.done}/{run.total or '…'}", "queue": _queue_text(run) or ""}


def _round_watch(rnd: Any) -> dict[str, str]:
    """What a team page's script compares with the round it shows (``round_key``) and the
    sentence it shows when the round was locked, revealed or a new one opened meanwhile:
    the page is not reloaded under a team's typing, it says so (issue 24 §5)."""
    lang = app_lang()
    if rnd is None:
        return {"round_key": "-", "round_text": t("ws_round_changed_none", lang)}
    return {"round_key": f"{rnd.number}:{rnd.state}",
            "round_text": t("ws_round_changed", lang, n=rnd.number,
                            state=t(f"ws_round_{rnd.state}", lang))}


@bp.post("/rejoin")
def rejoin() -> Any:
    """A team's code typed on another device (the join page's second form): this browser
    becomes the team, with a token of its own; a team of an ended workshop goes to its
    debrief. A wrong code stores nothing and says where the code is."""
    typed = request.form.get("team_code", "")[:20]
    team = store().team_by_code(typed)
    if team is None:
        page = render("join.html", **common(), problems=[], rejoin_typed=typed,
                      rejoin_problem=t("ws_wrong_team_code", app_lang()))
        return make_response(page, 422)
    _, token = store().rejoin(team)
    s = store().current_session()
    resp = redirect("/team" if s is not None and team.session_id == s.id
                              else "/team/debrief")
    resp.set_cookie(TEAM_COOKIE, token, httponly=True, samesite="Strict",
                    max_age=COOKIE_DAYS * 86400)
    return resp
