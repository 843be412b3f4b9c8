"""``jobfirst browse``: a local Dash app over stored runs and sweeps.

Why a browser app next to the static report: in a workshop the facilitator wants to answer
"and in Lolland?", "and only the women over 50?", "what happens at caseload 30?" on the
spot. The app compares runs side by side, filters municipality and subgroup, switches
metric and time window, and drills from a sweep's design point into its weekly curves.

Design choices:
- Offline: Dash serves its own JavaScript (``serve_locally=True``, no CDN, no external
  stylesheets), so it works on a municipal network with no internet.
- Loopback by default (127.0.0.1): results can hold person-level panels.
- Scales to 1,000-run sweeps: tables are queried with pyarrow dataset filters and column
  projection (one design point's weekly rows, one run's panel columns), small per-point
  tables are cached, and no panel is ever loaded whole.
- The figures are the report's pure figure functions, so the app and the report agree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from jobfirst_sim.report import figures as F
from jobfirst_sim.report.labels import LANGS, t
from jobfirst_sim.report.stats import weighted_over

WEEKLY_METRICS = ("share_wage_hours", "mean_wage_hours", "mean_wage_hours_if_any",
                  "share_in_placement", "share_self_sufficient", "share_full_support",
                  "mean_self_efficacy", "mean_mental_health", "mean_trust", "mean_capacity",
                  "share_contacted", "share_contact_changed_ever")
OUTCOME_METRICS = ("share_with_hours_w78", "mean_wage_hours_w78", "ever_hours_share",
                   "placement13_share", "placement13_with_hours_share", "mean_caseload",
                   "share_contact_changed")
AGE_BANDS = ("30–39", "40–49", "50–59", "60+")


class BrowseError(RuntimeError):
    """Nothing to browse (no run or sweep directory among the arguments)."""


@dataclass(frozen=True)
class Entry:
    """One browsable result: a run directory or a sweep directory."""

    kind: str  # "run" or "sweep"
    name: str
    path: Path


def discover(paths: list[Path]) -> list[Entry]:
    """Run and sweep directories among ``paths`` and their direct subdirectories."""
    found: list[Entry] = []

    def classify(p: Path) -> Entry | None:
        if (p / "experiments.parquet").exists():
            return Entry("sweep", p.name, p)
        if (p / "weekly.parquet").exists() or (p / "outcomes.parquet").exists():
            return Entry("run", p.name, p)
        return None

    for p in paths:
        p = Path(p)
        if not p.is_dir():
            continue
        e = classify(p)
        if e is not None:
            found.append(e)
            continue
        for sub in sorted(x for x in p.iterdir() if x.is_dir()):
            e = classify(sub)
            if e is not None:
                found.append(e)
    names: dict[str, int] = {}
    out = []
    for e in found:  # unique display names
        n = names.get(e.name, 0)
        names[e.name] = n + 1
        out.append(e if n == 0 else Entry(e.kind, f"{e.name} ({n + 1})", e.path))
    return out


def _stamp(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@lru_cache(maxsize=64)
def _read(path: str, stamp: float, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Read (and cache, keyed on mtime) a small table or a column subset of a large one."""
    p = Path(path)
    if not p.exists():
        return pd.DataFrame()
    names = set(pq.read_schema(p).names)
    cols = None if columns is None else [c for c in columns if c in names]
    df: pd.DataFrame = pq.read_table(p, columns=cols).to_pandas()
    return df


def read(path: Path, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Cached read of ``path`` (empty frame if missing)."""
    return _read(str(path), _stamp(path), columns)


def query(path: Path, where: dict[str, Any], columns: list[str]) -> pd.DataFrame:
    """Rows of a parquet file matching ``where`` (column → value or list), only ``columns``.

    Uses pyarrow dataset filters, so row groups that cannot match are skipped: this is what
    keeps the app responsive on a 1,000-run sweep's weekly table.
    """
    if not path.exists():
        return pd.DataFrame(columns=columns)
    dataset = ds.dataset(path, format="parquet")
    names = set(dataset.schema.names)
    expr = None
    for col, want in where.items():
        if col not in names or want is None:
            continue
        e = ds.field(col).isin(list(want)) if isinstance(want, list | tuple) else \
            ds.field(col) == want
        expr = e if expr is None else expr & e
    df: pd.DataFrame = dataset.to_table(
        filter=expr, columns=[c for c in columns if c in names]).to_pandas()
    return df


# ---------------------------------------------------------------------------------- figures


#: weekly metric -> (panel column, how a citizen-week counts) for per-municipality curves
PANEL_WEEKLY: dict[str, tuple[str, str]] = {
    "share_wage_hours": ("wage_hours", "positive"),
    "mean_wage_hours": ("wage_hours", "mean"),
    "share_in_placement": ("in_placement", "mean"),
    "share_self_sufficient": ("status", "self_sufficient"),
    "share_full_support": ("status", "full_support"),
    "mean_self_efficacy": ("self_efficacy", "mean"),
    "mean_mental_health": ("mental_health", "mean"),
    "mean_trust": ("trust", "mean"),
    "mean_capacity": ("capacity", "mean"),
}


def person_weekly(path: Path, metric: str, where: dict[str, Any]) -> pd.DataFrame:
    """A weekly metric per replication × arm × week computed from person rows (panel or
    journeys), read with pyarrow filters; used when a municipality is chosen, because
    weekly.parquet is not split by municipality."""
    col, how = PANEL_WEEKLY[metric]
    p = query(path, where, ["replication", "arm", "week", col])
    if p.empty:
        return pd.DataFrame()
    if how == "positive":
        p["_v"] = (p[col] > 0).astype(float)
    elif how == "mean":
        p["_v"] = p[col].astype(float)
    else:
        p["_v"] = (p[col] == how).astype(float)
    out: pd.DataFrame = p.groupby(["replication", "arm", "week"], as_index=False).agg(
        **{metric: ("_v", "mean"), "n": ("_v", "size")})
    return out


def weekly_compare(entries: list[Entry], metric: str, benefit: str, weeks: tuple[int, int],
                   lang: str, point: int | None = None, municipality: str = "all"
                   ) -> tuple[go.Figure, str]:
    """Weekly metric of several runs (or one sweep point) side by side, arms as lines.

    With a municipality chosen, curves come from the run's panel (or, failing that, its
    journeys sample); the returned note says which, or why a run has no such curve.
    """
    frames = []
    notes: list[str] = []
    for e in entries:
        where: dict[str, Any] = {"week": list(range(weeks[0], weeks[1] + 1))}
        if benefit != "all":
            where["benefit"] = benefit
        if municipality != "all" and e.kind == "run":
            src = "panel" if (e.path / "panel.parquet").exists() else "journeys"
            if metric not in PANEL_WEEKLY:
                notes.append(f"{e.name}: {t(metric, lang)} – {t('no_data_for', lang).lower()} "
                             f"({municipality})")
                continue
            w = person_weekly(e.path / f"{src}.parquet", metric,
                              {**where, "municipality": municipality})
            notes.append(f"{e.name}: {municipality} – {src}.parquet")
            w["benefit"] = "all"
        else:
            if e.kind == "sweep":
                where["point"] = point
            w = query(e.path / "weekly.parquet", where,
                      ["replication", "arm", "benefit", "week", "n", metric])
        if w.empty or metric not in w:
            continue
        label = e.name if e.kind == "run" else f"{e.name} · {t('design_point', lang)} {point}"
        prefix = len(entries) > 1 or e.kind == "sweep"
        w["arm"] = w["arm"].map(lambda a, lb=label, pre=prefix: f"{lb}: {t(str(a), lang)}"
                                if pre else str(a))
        frames.append(w)
    if not frames:
        return _empty(lang), "; ".join(notes)
    w = pd.concat(frames, ignore_index=True)
    if benefit == "all" or municipality != "all":
        w = weighted_over(w, ["replication", "arm", "week"], metric, "n")
        w["benefit"] = "all" if benefit == "all" else benefit
    fig = F.fig_weekly_metric(w, metric, lang)
    return (fig if fig is not None else _empty(lang)), "; ".join(notes)


def outcome_compare(entries: list[Entry], metric: str, benefit: str, municipality: str,
                    lang: str) -> go.Figure:
    """One outcome per run × arm with 95 % CI, for the chosen municipality and benefit."""
    rows = []
    for e in entries:
        if e.kind != "run":
            continue
        o = query(e.path / "outcomes.parquet",
                  {"metric": metric, "benefit": benefit, "municipality": municipality},
                  ["replication", "arm", "value"])
        if o.empty:
            continue
        s = F.summarise_nonneg(o, ["arm"], "value")
        s["run"] = e.name
        rows.append(s)
    if not rows:
        return _empty(lang)
    s = pd.concat(rows, ignore_index=True)
    arms = F.arm_order(s["arm"])
    colours = F.arm_colours(arms)
    fig = go.Figure()
    for arm in arms:
        a = s[s["arm"] == arm]
        fig.add_trace(go.Bar(x=a["run"], y=a["mean"], name=t(arm, lang),
                             marker_color=colours[arm],
                             error_y={"type": "data", "symmetric": False,
                                      "array": (a["ci_high"] - a["mean"]).to_numpy(),
                                      "arrayminus": (a["mean"] - a["ci_low"]).to_numpy()}))
    fig.update_layout(barmode="group")
    if "share" in metric:
        fig.update_yaxes(tickformat=".0%")
    title = f"{t(metric, lang)} – {t(municipality, lang)}, {t(benefit, lang).lower()}"
    return F.style(fig, lang, title, height=380)


def subgroup_weekly(entry: Entry, gender: str, age: str, municipality: str, benefit: str,
                    weeks: tuple[int, int], lang: str) -> tuple[go.Figure, str]:
    """Share with ordinary hours over weeks for a person-level subgroup (panel or journeys)."""
    source = "panel" if (entry.path / "panel.parquet").exists() else "journeys"
    where: dict[str, Any] = {"week": list(range(weeks[0], weeks[1] + 1))}
    if gender != "all":
        where["gender"] = gender
    if municipality != "all":
        where["municipality"] = municipality
    if benefit != "all":
        where["benefit"] = benefit
    p = query(entry.path / f"{source}.parquet", where,
              ["replication", "arm", "citizen_id", "week", "wage_hours", "age"])
    if age != "all" and not p.empty:
        p = p[F.age_band(p["age"]) == age]
    note = t(f"sample_note_{source}", lang,
             n=p[["replication", "arm", "citizen_id"]].drop_duplicates().shape[0]
             if not p.empty else 0)
    if p.empty:
        return _empty(lang), note
    p["has"] = (p["wage_hours"] > 0).astype(float)
    per = p.groupby(["replication", "arm", "week"], as_index=False).agg(
        share_wage_hours=("has", "mean"))
    per["benefit"] = "all"
    fig = F.fig_weekly_metric(per, "share_wage_hours", lang)
    if fig is None:
        return _empty(lang), note
    fig.update_layout(title_text=f"{t('share_wage_hours', lang)} – {t(source, lang)}: "
                      f"{t('gender', lang).lower()} {t(gender, lang).lower()}, "
                      f"{t('age_band', lang).lower()} {t(age, lang)}")
    return fig, note


def sweep_points(entry: Entry, outcome: str, lever: str, lang: str) -> go.Figure:
    """Design points of a sweep: mean outcome (95 % CI) against one lever; click to drill."""
    s = read(entry.path / "summary.parquet")
    if s.empty or "outcome" not in s or lever not in s:
        return _empty(lang)
    s = s[s["outcome"] == outcome]
    fig = go.Figure(go.Scatter(
        # plain list: typed-array customdata does not come back in Dash's clickData
        x=s[lever], y=s["mean"], mode="markers", customdata=[int(p) for p in s["point"]],
        marker={"size": 10, "color": F.PALETTE[0], "opacity": 0.8},
        error_y={"type": "data", "symmetric": False,
                 "array": (s["ci_high"] - s["mean"]).fillna(0).to_numpy(),
                 "arrayminus": (s["mean"] - s["ci_low"]).fillna(0).to_numpy()},
        hovertemplate=t("design_point", lang) + " %{customdata}: %{y:.3f}<extra></extra>"))
    from jobfirst_sim.report.sweep import lever_label

    fig.update_xaxes(title_text=lever_label(lever, lang))
    fig.update_yaxes(title_text=outcome)
    return F.style(fig, lang, f"{outcome} – {len(s)} {t('design_point', lang).lower()}: "
                   f"{t('click_hint', lang)}", height=400)


def _empty(lang: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=t("no_data_for", lang), showarrow=False, x=0.5, y=0.5,
                       xref="paper", yref="paper", font={"size": 16})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return F.style(fig, lang, "", height=300)


# -------------------------------------------------------------------------------- the app


def _options(values: list[str], lang: str) -> list[dict[str, str]]:
    return [{"label": t(v, lang), "value": v} for v in values]


def _run_choices(entry: Entry) -> tuple[list[str], list[str]]:
    """Municipalities and genders available in a run (from small tables only)."""
    munis = read(entry.path / "outcomes.parquet", ("municipality",))
    m = sorted(str(x) for x in munis["municipality"].unique() if str(x) != "all") \
        if not munis.empty else []
    src = entry.path / ("panel.parquet" if (entry.path / "panel.parquet").exists()
                        else "journeys.parquet")
    g = query(src, {"week": 0}, ["gender"]) if src.exists() else pd.DataFrame()
    genders = sorted(str(x) for x in g["gender"].unique()) if "gender" in g else []
    return m, genders


def make_app(paths: list[Path], lang: str = "da") -> Any:
    """Build the Dash app over the runs and sweeps found in ``paths``."""
    import dash
    from dash import Input, Output, State, dcc, html

    if lang not in LANGS:
        raise BrowseError(f"language must be one of {', '.join(LANGS)}")
    entries = discover(paths)
    if not entries:
        raise BrowseError("no run or sweep directory found in "
                          + ", ".join(str(p) for p in paths)
                          + " (a run has weekly.parquet, a sweep experiments.parquet)")
    by_name = {e.name: e for e in entries}
    runs = [e for e in entries if e.kind == "run"]
    sweeps = [e for e in entries if e.kind == "sweep"]
    munis: list[str] = []
    genders: list[str] = []
    for r in runs[:10]:
        m, g = _run_choices(r)
        munis += [x for x in m if x not in munis]
        genders += [x for x in g if x not in genders]

    app = dash.Dash(__name__, serve_locally=True, title="JobFirst", update_title="",
                    external_scripts=[], external_stylesheets=[],
                    suppress_callback_exceptions=True)
    app.scripts.config.serve_locally = True
    app.css.config.serve_locally = True

    box = {"display": "inline-block", "verticalAlign": "top", "marginRight": "14px",
           "minWidth": "190px"}

    def labelled(text: str, comp: Any, width: str = "220px") -> Any:
        return html.Div([html.Label(text, style={"fontWeight": 600, "fontSize": "13px"}), comp],
                        style={**box, "width": width})

    run_tab = html.Div([
        html.Div([
            labelled(t("scenario", lang), dcc.Dropdown(
                id="runs", options=[{"label": e.name, "value": e.name} for e in runs],
                value=[e.name for e in runs[:2]], multi=True), "340px"),
            labelled(t("value", lang), dcc.Dropdown(
                id="metric", options=_options(list(WEEKLY_METRICS), lang),
                value="share_wage_hours", clearable=False), "300px"),
            labelled(t("benefit", lang), dcc.Dropdown(
                id="benefit", options=_options(["all", *F.BENEFIT_ORDER], lang), value="all",
                clearable=False)),
            labelled(t("municipality", lang), dcc.Dropdown(
                id="municipality", options=_options(["all", *munis], lang), value="all",
                clearable=False)),
        ]),
        html.Div([
            labelled(t("weeks", lang), dcc.RangeSlider(
                id="weeks", min=0, max=104, step=1, value=[0, 104],
                marks={w: str(w) for w in range(0, 105, 13)}), "520px"),
            labelled(t("outcome", lang), dcc.Dropdown(
                id="outcome_metric", options=_options(list(OUTCOME_METRICS), lang),
                value="share_with_hours_w78", clearable=False), "300px"),
        ], style={"marginTop": "8px"}),
        dcc.Graph(id="weekly-graph"),
        html.P(id="weekly-note", style={"fontSize": "13px", "color": "#5b6b77"}),
        dcc.Graph(id="outcome-graph"),
        html.Div([
            labelled(t("gender", lang), dcc.Dropdown(
                id="gender", options=_options(["all", *genders], lang), value="all",
                clearable=False)),
            labelled(t("age_band", lang), dcc.Dropdown(
                id="age", options=_options(["all", *AGE_BANDS], lang), value="all",
                clearable=False)),
        ]),
        html.P(id="subgroup-note", style={"fontSize": "13px", "color": "#5b6b77"}),
        dcc.Graph(id="subgroup-graph"),
        html.Div([
            labelled(t("citizens", lang), dcc.Dropdown(id="citizen", clearable=False),
                     "340px"),
        ]),
        dcc.Graph(id="journey-graph"),
    ])

    first_sweep = sweeps[0] if sweeps else None
    sweep_tab = html.Div([
        html.Div([
            labelled("Sweep", dcc.Dropdown(
                id="sweep", options=[{"label": e.name, "value": e.name} for e in sweeps],
                value=first_sweep.name if first_sweep else None, clearable=False), "300px"),
            labelled(t("outcome", lang), dcc.Dropdown(id="sweep-outcome", clearable=False),
                     "260px"),
            labelled(t("lever", lang), dcc.Dropdown(id="sweep-lever", clearable=False),
                     "380px"),
        ]),
        dcc.Graph(id="sweep-graph"),
        html.P(id="drill-note", style={"fontSize": "13px", "color": "#5b6b77"}),
        dcc.Graph(id="drill-graph"),
    ]) if sweeps else html.P(t("no_data_for", lang))

    app.layout = html.Div([
        html.H2(t("browser_title", lang),
                style={"background": "#0b6e8a", "color": "white", "padding": "12px 20px",
                       "margin": 0}),
        dcc.Tabs(id="tabs", value="runs" if runs else "sweeps", children=[
            dcc.Tab(label=f"{t('runs_tab', lang)} ({len(runs)})", value="runs",
                    children=run_tab),
            dcc.Tab(label=f"Sweeps ({len(sweeps)})", value="sweeps", children=sweep_tab),
        ]),
    ], style={"fontFamily": "Segoe UI, Helvetica, Arial, sans-serif", "padding": "0 0 30px"})

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
            return _empty(lang), ""
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
            return _empty(lang)
        rep, arm, cid = json.loads(value)
        j = query(es[0].path / "journeys.parquet", {"replication": rep, "arm": arm}, [
            "replication", "arm", "municipality", "citizen_id", "benefit", "gender", "age",
            "week", "wage_hours", "placement_hours", "in_placement", "placement_purpose",
            "status", "self_efficacy", "mental_health", "contact_changes", "trust",
            "capacity", "stage", "company_sector"])
        p = j[j["citizen_id"].astype(str) == cid]
        fig = F.fig_journey(p, lang, cid)
        return fig if fig is not None else _empty(lang)

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
            from jobfirst_sim.report.sweep import lever_label

            lever_opts = [{"label": f"{lever_label(lv, lang)} ({lv})", "value": lv}
                          for lv in levers]
            return (outs, outs[0] if outs else None, lever_opts,  # type: ignore[return-value]
                    levers[0] if levers else None)

        @app.callback(Output("sweep-graph", "figure"),
                      Input("sweep", "value"), Input("sweep-outcome", "value"),
                      Input("sweep-lever", "value"))
        def _sweep(name: str, outcome: str | None, lever: str | None) -> go.Figure:
            if not outcome or not lever:
                return _empty(lang)
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

    return app


def serve(paths: list[Path], host: str = "127.0.0.1", port: int = 8050, lang: str = "da",
          debug: bool = False) -> None:
    """Start the app and say where to open it (binds loopback unless told otherwise)."""
    app = make_app(paths, lang)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    print(f"JobFirst browser: open http://{shown}:{port}/ in a browser (Ctrl+C stops it)",
          flush=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: listening on {host}: other machines on the network can see the "
              "results", flush=True)
    app.run(host=host, port=port, debug=debug)
