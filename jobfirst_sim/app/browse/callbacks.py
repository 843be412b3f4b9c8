"""What each choice in the browser draws: the Dash callbacks.

Each callback only translates the page's state into a call of a view function
(:mod:`.views`), so the logic stays testable without a running server.
"""

from __future__ import annotations

import json
from typing import Any

import plotly.graph_objects as go
from dash import Dash, Input, Output, State

from jobfirst_sim.app.browse.data import Entry, query, read
from jobfirst_sim.app.browse.views import (
    empty,
    outcome_compare,
    subgroup_weekly,
    sweep_points,
    weekly_compare,
)
from jobfirst_sim.metrics import lever_label
from jobfirst_sim.report import figures as F
from jobfirst_sim.report.labels import t


def register(app: Dash, entries: list[Entry], lang: str) -> None:
    """Attach every callback of the page built by :func:`.layout.build_layout`."""
    by_name = {e.name: e for e in entries}
    sweeps = [e for e in entries if e.kind == "sweep"]

    def chosen(names: list[str] | str | None) -> list[Entry]:
        if isinstance(names, str):
            names = [names]
        return [by_name[n] for n in names or [] if n in by_name]

    @app.callback(Output("weekly-graph", "figure"), Output("weekly-note", "children"),
                  Input("runs", "value"), Input("metric", "value"), Input("benefit", "value"),
                  Input("weeks", "value"), Input("municipality", "value"))
    def _weekly(names: list[str], metric: str, benefit: str, weeks: list[int],
                muni: str) -> tuple[go.Figure, str]:
        return weekly_compare(chosen(names), metric, benefit, (weeks[0], weeks[1]), lang,
                              municipality=muni)

    @app.callback(Output("outcome-graph", "figure"),
                  Input("runs", "value"), Input("outcome_metric", "value"),
                  Input("benefit", "value"), Input("municipality", "value"))
    def _outcome(names: list[str], metric: str, benefit: str, muni: str) -> go.Figure:
        return outcome_compare(chosen(names), metric, benefit, muni, lang)

    @app.callback(Output("subgroup-graph", "figure"), Output("subgroup-note", "children"),
                  Input("runs", "value"), Input("gender", "value"), Input("age", "value"),
                  Input("municipality", "value"), Input("benefit", "value"),
                  Input("weeks", "value"))
    def _subgroup(names: list[str], gender: str, age: str, muni: str, benefit: str,
                  weeks: list[int]) -> tuple[go.Figure, str]:
        es = chosen(names)
        if not es:
            return empty(lang), ""
        return subgroup_weekly(es[0], gender, age, muni, benefit, (weeks[0], weeks[1]), lang)

    @app.callback(Output("citizen", "options"), Output("citizen", "value"),
                  Input("runs", "value"), Input("municipality", "value"),
                  Input("gender", "value"))
    def _citizens(names: list[str], muni: str, gender: str) -> tuple[list[dict[str, str]],
                                                                     str | None]:
        es = chosen(names)
        if not es:
            return [], None
        where: dict[str, Any] = {"week": 0}
        if muni != "all":
            where["municipality"] = muni
        if gender != "all":
            where["gender"] = gender
        j = query(es[0].path / "journeys.parquet", where,
                  ["replication", "arm", "citizen_id", "municipality", "age"])
        opts = [{"label": f"{r['citizen_id']} · {t(str(r['arm']), lang)} · rep "
                          f"{r['replication']} · {r['municipality']} · {r['age']}",
                 "value": json.dumps([int(r["replication"]), str(r["arm"]),
                                      str(r["citizen_id"])])}
                for r in j.head(300).to_dict("records")]
        return opts, (opts[0]["value"] if opts else None)

    @app.callback(Output("journey-graph", "figure"),
                  Input("citizen", "value"), State("runs", "value"))
    def _journey(value: str | None, names: list[str]) -> go.Figure:
        es = chosen(names)
        if not value or not es:
            return empty(lang)
        rep, arm, cid = json.loads(value)
        j = query(es[0].path / "journeys.parquet", {"replication": rep, "arm": arm}, [
            "replication", "arm", "municipality", "citizen_id", "benefit", "gender", "age",
            "week", "wage_hours", "placement_hours", "in_placement", "placement_purpose",
            "status", "self_efficacy", "mental_health", "contact_changes", "trust",
            "capacity", "stage", "company_sector"])
        p = j[j["citizen_id"].astype(str) == cid]
        fig = F.fig_journey(p, lang, cid)
        return fig if fig is not None else empty(lang)

    if sweeps:
        @app.callback(Output("sweep-outcome", "options"), Output("sweep-outcome", "value"),
                      Output("sweep-lever", "options"), Output("sweep-lever", "value"),
                      Input("sweep", "value"))
        def _sweep_opts(name: str) -> tuple[list[str], str | None, list[str], str | None]:
            e = by_name[name]
            s = read(e.path / "summary.parquet")
            outs = list(dict.fromkeys(s["outcome"])) if "outcome" in s else []
            ex = read(e.path / "experiments.parquet")
            levers = [c for c in ex.columns if c not in ("point", "replication", "status")
                      and ex[c].nunique() > 1]
            lever_opts = [{"label": f"{lever_label(lv, lang)} ({lv})", "value": lv}
                          for lv in levers]
            return (outs, outs[0] if outs else None, lever_opts,  # type: ignore[return-value]
                    levers[0] if levers else None)

        @app.callback(Output("sweep-graph", "figure"),
                      Input("sweep", "value"), Input("sweep-outcome", "value"),
                      Input("sweep-lever", "value"))
        def _sweep(name: str, outcome: str | None, lever: str | None) -> go.Figure:
            if not outcome or not lever:
                return empty(lang)
            return sweep_points(by_name[name], outcome, lever, lang)

        @app.callback(Output("drill-graph", "figure"), Output("drill-note", "children"),
                      Input("sweep-graph", "clickData"), Input("sweep", "value"),
                      Input("metric", "value"), Input("weeks", "value"))
        def _drill(click: dict[str, Any] | None, name: str, metric: str,
                   weeks: list[int]) -> tuple[go.Figure, str]:
            e = by_name[name]
            clicked = (click or {}).get("points") or [{}]
            if clicked[0].get("customdata") is not None:
                point = int(clicked[0]["customdata"])
            else:
                s = read(e.path / "summary.parquet", ("point",))
                point = int(s["point"].min()) if not s.empty else 0
            note = t("drill_note", lang, p=point)
            fig, _ = weekly_compare([e], metric, "all", (weeks[0], weeks[1]), lang,
                                    point=point)
            return fig, note
