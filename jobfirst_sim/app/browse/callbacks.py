"""What each choice in the browser draws: the Dash callbacks.

Each callback first checks every input it receives (:mod:`.guard`: known names, weeks
clamped to the data, bounded lengths) and only then translates the page's state into a
call of a view function (:mod:`.views`), so the logic stays testable without a running
server. Every callback is wrapped by :func:`.guard.guarded`: invalid input or a damaged
file answers with a message in the page, never with HTTP 500.
"""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State

import jobfirst_sim.app.browse.guard as G
from jobfirst_sim.app.browse.data import Entry, query, read
from jobfirst_sim.app.browse.sweeps import point_text, sweep_choices, sweep_points
from jobfirst_sim.app.browse.views import (
    empty,
    outcome_compare,
    subgroup_weekly,
    weekly_compare,
)
from jobfirst_sim.report import figures as F
from jobfirst_sim.report.figdata import Figure
from jobfirst_sim.report.labels import t

MAX_CITIZENS = 300  # entries in the citizen list


def register(app: Dash, entries: list[Entry], lang: str) -> None:
    """Attach every callback of the page built by :func:`.layout.build_layout`."""
    runs = {e.name: e for e in entries if e.kind == "run"}
    sweeps = {e.name: e for e in entries if e.kind == "sweep"}

    def fig(msg: str) -> Figure:
        return G.message_figure(msg, lang)

    def fig_note(msg: str) -> tuple[Figure, str]:
        return G.message_figure(msg, lang), msg

    @app.callback(Output("weekly-graph", "figure"), Output("weekly-note", "children"),
                  Input("runs", "value"), Input("metric", "value"), Input("benefit", "value"),
                  Input("weeks", "value"), Input("municipality", "value"))
    @G.guarded("weekly", lang, fig_note)
    def _weekly(names: Any, metric: Any, benefit: Any, weeks: Any,
                muni: Any) -> tuple[Figure, str]:
        es = G.names(names, runs)
        return weekly_compare(es, G.weekly_metric(metric), G.benefit(benefit),
                              G.weeks(weeks, es), lang, municipality=G.municipality(muni, es))

    @app.callback(Output("outcome-graph", "figure"),
                  Input("runs", "value"), Input("outcome_metric", "value"),
                  Input("benefit", "value"), Input("municipality", "value"))
    @G.guarded("outcome", lang, fig)
    def _outcome(names: Any, metric: Any, benefit: Any, muni: Any) -> Figure:
        es = G.names(names, runs)
        return outcome_compare(es, G.outcome_metric(metric), G.benefit(benefit),
                               G.municipality(muni, es), lang)

    @app.callback(Output("subgroup-graph", "figure"), Output("subgroup-note", "children"),
                  Input("runs", "value"), Input("gender", "value"), Input("age", "value"),
                  Input("municipality", "value"), Input("benefit", "value"),
                  Input("weeks", "value"))
    @G.guarded("subgroup", lang, fig_note)
    def _subgroup(names: Any, gender: Any, age: Any, muni: Any, benefit: Any,
                  weeks: Any) -> tuple[Figure, str]:
        es = G.names(names, runs)
        if not es:
            return empty(lang), ""
        return subgroup_weekly(es[0], G.gender(gender, es), G.age(age),
                               G.municipality(muni, es), G.benefit(benefit),
                               G.weeks(weeks, es), lang)

    def no_citizens(msg: str) -> tuple[list[dict[str, Any]], str | None]:
        return [{"label": msg, "value": "", "disabled": True}], None

    @app.callback(Output("citizen", "options"), Output("citizen", "value"),
                  Input("runs", "value"), Input("municipality", "value"),
                  Input("gender", "value"))
    @G.guarded("citizens", lang, no_citizens)
    def _citizens(names: Any, muni: Any, gender: Any) -> tuple[list[dict[str, Any]],
                                                                str | None]:
        import json

        es = G.names(names, runs)
        if not es:
            return [], None
        where: dict[str, Any] = {"week": 0}
        if (m := G.municipality(muni, es)) != "all":
            where["municipality"] = m
        if (g := G.gender(gender, es)) != "all":
            where["gender"] = g
        j = query(es[0].path / "journeys.parquet", where,
                  ["replication", "arm", "citizen_id", "municipality", "age"])
        opts: list[dict[str, Any]] = [
            {"label": f"{r['citizen_id']} · {t(str(r['arm']), lang)} · rep "
                      f"{r['replication']} · {r['municipality']} · {r['age']}",
             "value": json.dumps([int(r["replication"]), str(r["arm"]), str(r["citizen_id"])])}
            for r in j.head(MAX_CITIZENS).to_dict("records")]
        return opts, (opts[0]["value"] if opts else None)

    @app.callback(Output("journey-graph", "figure"),
                  Input("citizen", "value"), State("runs", "value"))
    @G.guarded("journey", lang, fig)
    def _journey(value: Any, names: Any) -> Figure:
        es = G.names(names, runs)
        if not value or not es:
            return empty(lang)
        rep, arm, cid = G.citizen(value, es[0])
        j = query(es[0].path / "journeys.parquet", {"replication": rep, "arm": arm}, [
            "replication", "arm", "municipality", "citizen_id", "benefit", "gender", "age",
            "week", "wage_hours", "placement_hours", "in_placement", "placement_purpose",
            "status", "self_efficacy", "mental_health", "contact_changes", "trust",
            "capacity", "stage", "company_sector"])
        p = j[j["citizen_id"].astype(str) == cid]
        f = F.fig_journey(p, lang, cid)
        return f if f is not None else empty(lang)

    if sweeps:
        _register_sweeps(app, sweeps, lang)


def _register_sweeps(app: Dash, sweeps: dict[str, Entry], lang: str) -> None:
    """The sweep tab's callbacks: options, design points, drill-down into one point."""
    def fig(msg: str) -> Figure:
        return G.message_figure(msg, lang)

    Options = tuple[list[dict[str, str]], str | None, list[dict[str, str]], str | None]

    def no_options(msg: str) -> Options:
        return [], None, [], None

    @app.callback(Output("sweep-outcome", "options"), Output("sweep-outcome", "value"),
                  Output("sweep-lever", "options"), Output("sweep-lever", "value"),
                  Input("sweep", "value"))
    @G.guarded("sweep options", lang, no_options)
    def _sweep_opts(name: Any) -> Options:
        e = sweeps[G.text(name, "sweep", sweeps)]
        outs, levers = sweep_choices(e, lang)
        return (outs, outs[0]["value"] if outs else None, levers,
                levers[0]["value"] if levers else None)

    @app.callback(Output("sweep-graph", "figure"),
                  Input("sweep", "value"), Input("sweep-outcome", "value"),
                  Input("sweep-lever", "value"))
    @G.guarded("sweep", lang, fig)
    def _sweep(name: Any, outcome: Any, lever: Any) -> Figure:
        e = sweeps[G.text(name, "sweep", sweeps)]
        if not outcome or not lever:
            return empty(lang)
        return sweep_points(e, G.sweep_outcome(outcome, e), G.lever(lever, e), lang)

    @app.callback(Output("drill-graph", "figure"), Output("drill-note", "children"),
                  Input("sweep-graph", "clickData"), Input("sweep", "value"),
                  Input("metric", "value"), Input("weeks", "value"))
    @G.guarded("drill", lang, lambda msg: (G.message_figure(msg, lang), msg))
    def _drill(click: Any, name: Any, metric: Any, weeks: Any) -> tuple[Figure, str]:
        e = sweeps[G.text(name, "sweep", sweeps)]
        point = G.clicked_point(click, e)
        if point is None:
            s = read(e.path / "summary.parquet", ("point",))
            point = int(s["point"].min()) if not s.empty else 0
        f, _ = weekly_compare([e], G.weekly_metric(metric), "all", G.weeks(weeks, [e]), lang,
                              point=point)
        words = point_text(e, point, lang)
        return f, (t("sweep_drill_note", lang, p=point, point=words) if words
                   else t("drill_note", lang, p=point))
