"""How far each prediction missed, per team and for the room (issue 24 §3).

Why its own module: the team page, the facilitator's board and the room debrief all show
the same misses, and the guide's debrief question ("did the room's predictions come
closer?") needs one number per round that all of them agree on. A miss is *prediction −
result* (positive: the team expected more than its design gave): the share in
percentage points, the net cost in kroner. The room's figure is the mean absolute miss
over the teams with a prediction and a finished run in the round.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jobfirst_sim.app.workshop.engine.cards import Lang
from jobfirst_sim.app.workshop.present import kroner, points
from jobfirst_sim.app.workshop.store import Store, Team
from jobfirst_sim.words import t

__all__ = ["miss", "miss_text", "room_misses", "team_misses"]

KEYS = ("hours_share", "net_cost")


def miss(prediction: Mapping[str, Any] | None, result: Mapping[str, Any] | None
         ) -> dict[str, float] | None:
    """Prediction − result for the share and the net cost; None without either or when the
    result has no mean for one of them."""
    if not prediction or not result:
        return None
    out = {}
    for key in KEYS:
        got = result.get("team", {}).get(key, {}).get("mean")
        if got is None or prediction.get(key) is None:
            return None
        out[key] = float(prediction[key]) - float(got)
    return out


def miss_text(m: Mapping[str, float] | None, lang: Lang) -> str:
    """A miss as the pages write it (``+21,7 pct.-point; +3,2 mio. kr.``), ``–`` for none."""
    if m is None:
        return "–"
    return t("ws_miss_pair", lang, share=points(m["hours_share"], lang),
             cost=kroner(m["net_cost"], lang, True))


def _round_misses(store: Store, round_id: int, team: Team) -> dict[str, float] | None:
    mine = store.team_round(team.id, round_id)
    run = mine.get("run")
    return miss(mine.get("prediction"), run.result if run is not None else None)


def team_misses(store: Store, team: Team, session_id: int, lang: Lang
                ) -> list[dict[str, Any]]:
    """The team's miss in each round with a prediction and a result, round by round
    (number, miss, text), so a team sees round 2 against round 1."""
    out = []
    for rnd in store.rounds(session_id):
        m = _round_misses(store, rnd.id, team)
        if m is not None:
            out.append({"number": rnd.number, "miss": m, "text": miss_text(m, lang)})
    return out


def room_misses(store: Store, session_id: int, lang: Lang) -> dict[str, Any]:
    """The room's mean absolute miss per round (``rounds``: number, teams, share, cost,
    text) and ``verdict``: whether the last round's share miss is smaller than the
    first's (a sentence; None with fewer than two rounds with misses)."""
    teams = store.teams(session_id)
    rows: list[dict[str, Any]] = []
    for rnd in store.rounds(session_id):
        got = [m for m in (_round_misses(store, rnd.id, team) for team in teams)
               if m is not None]
        if not got:
            continue
        share = sum(abs(m["hours_share"]) for m in got) / len(got)
        cost = sum(abs(m["net_cost"]) for m in got) / len(got)
        rows.append({"number": rnd.number, "teams": len(got), "share": share, "cost": cost,
                     "text": t("ws_room_miss_row", lang, n=rnd.number, teams=len(got),
                               share=points(share, lang).lstrip("+"),
                               cost=kroner(cost, lang))})
    verdict = None
    if len(rows) >= 2:
        first, last = rows[0], rows[-1]
        key = "ws_room_closer" if last["share"] < first["share"] else "ws_room_not_closer"
        verdict = t(key, lang, first=first["number"], last=last["number"])
    return {"rounds": rows, "verdict": verdict}
