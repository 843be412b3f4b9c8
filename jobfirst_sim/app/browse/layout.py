"""The browser's page: a tab of runs (weekly curves, outcomes, subgroups, one journey), a
tab of sweeps (design points against a lever, drilling into a point's weeks) and a tab of
decision folders (compare, explain, pilot: their headline and kroner, :mod:`.decisions`).

Why apart from the callbacks: the layout says *what* a facilitator can choose; the
callbacks (:mod:`.callbacks`) say what each choice draws. Every visible word goes through
the report's labels table.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import dcc, html

from jobfirst_sim.app.browse.data import (
    AGE_BANDS,
    OUTCOME_METRICS,
    WEEKLY_METRICS,
    Entry,
    query,
    read,
)
from jobfirst_sim.app.browse.decisions import DECISION_KINDS, decisions_table
from jobfirst_sim.metrics import HEADLINE
from jobfirst_sim.report import figures as F
from jobfirst_sim.report.labels import t

_DROPDOWN_WORDS = {"select_all": "dd_select_all", "deselect_all": "dd_deselect_all",
                   "selected_count": "dd_selected_count", "search": "dd_search",
                   "clear_search": "dd_clear_search", "clear_selection": "dd_clear_selection",
                   "no_options_found": "dd_no_options"}


def dropdown(lang: str, **kw: Any) -> dcc.Dropdown:
    """A dropdown whose own words ("2 selected", "Search") are in the page's language.

    Dash 4 draws those words itself and takes them through ``labels``; older Dash has no
    such words (and no such property), so they are passed only when Dash knows them.
    """
    dd = dcc.Dropdown(**kw)
    if "labels" in getattr(dd, "_prop_names", ()):
        setattr(dd, "labels", {k: t(v, lang) for k, v in _DROPDOWN_WORDS.items()})  # noqa: B010
    return dd


def week_slider() -> dcc.RangeSlider:
    """The weeks shown, chosen with the slider's two handles (mouse or arrow keys).

    Dash 4 adds two number boxes beside the slider that have no label a screen reader could
    read (WCAG 2.1, 1.3.1 and 4.1.2); the handles do the same job, so the boxes are left out
    where Dash knows them (``allow_direct_input``).
    """
    slider = dcc.RangeSlider(id="weeks", min=0, max=104, step=1, value=[0, 104],
                             marks={w: str(w) for w in range(0, 105, 13)})
    if "allow_direct_input" in getattr(slider, "_prop_names", ()):
        setattr(slider, "allow_direct_input", False)  # noqa: B010
    return slider


def _options(values: list[str], lang: str) -> list[dict[str, str]]:
    """Dropdown options with translated labels."""
    return [{"label": t(v, lang), "value": v} for v in values]


def _run_choices(entry: Entry) -> tuple[list[str], list[str]]:
    """Municipalities and genders available in a run (from small tables only)."""
    try:
        return _read_choices(entry)
    except Exception:  # a damaged table: the problem box says which; offer no choices
        return [], []


def _read_choices(entry: Entry) -> tuple[list[str], list[str]]:
    """The reads behind :func:`_run_choices` (which keeps a damaged table from failing)."""
    munis = read(entry.path / "outcomes.parquet", ("municipality",))
    m = sorted(str(x) for x in munis["municipality"].unique() if str(x) != "all") \
        if not munis.empty else []
    src = entry.path / ("panel.parquet" if (entry.path / "panel.parquet").exists()
                        else "journeys.parquet")
    g = query(src, {"week": 0}, ["gender"]) if src.exists() else pd.DataFrame()
    genders = sorted(str(x) for x in g["gender"].unique()) if "gender" in g else []
    return m, genders


def build_layout(entries: list[Entry], lang: str, notice: Any = None) -> Any:
    """The page for ``entries`` (runs first tab, sweeps second), ``notice`` (the box of
    problems found at start) under the title."""
    runs = [e for e in entries if e.kind == "run"]
    sweeps = [e for e in entries if e.kind == "sweep"]
    decisions = [e for e in entries if e.kind in DECISION_KINDS]
    munis: list[str] = []
    genders: list[str] = []
    for r in runs[:10]:
        m, g = _run_choices(r)
        munis += [x for x in m if x not in munis]
        genders += [x for x in g if x not in genders]

    box = {"display": "inline-block", "verticalAlign": "top", "marginRight": "14px",
           "minWidth": "190px"}

    def labelled(text: str, comp: Any, width: str = "220px") -> Any:
        # htmlFor names the control for screen readers (a dropdown's id is its button's)
        label = html.Label(text, htmlFor=comp.id, style={"fontWeight": 600, "fontSize": "13px"})
        return html.Div([label, comp], style={**box, "width": width})

    run_tab = html.Div([
        html.Div([
            labelled(t("scenario", lang), dropdown(lang,
                id="runs", options=[{"label": e.name, "value": e.name} for e in runs],
                value=[e.name for e in runs[:2]], multi=True), "340px"),
            labelled(t("value", lang), dropdown(lang,
                id="metric", options=_options(list(WEEKLY_METRICS), lang),
                value="share_wage_hours", clearable=False), "300px"),
            labelled(t("benefit", lang), dropdown(lang,
                id="benefit", options=_options(["all", *F.BENEFIT_ORDER], lang), value="all",
                clearable=False)),
            labelled(t("municipality", lang), dropdown(lang,
                id="municipality", options=_options(["all", *munis], lang), value="all",
                clearable=False)),
        ]),
        html.Div([
            labelled(t("weeks", lang), week_slider(), "520px"),
            labelled(t("outcome", lang), dropdown(lang,
                id="outcome_metric", options=_options(list(OUTCOME_METRICS), lang),
                value=HEADLINE, clearable=False), "300px"),
        ], style={"marginTop": "8px"}),
        dcc.Graph(id="weekly-graph"),
        html.P(id="weekly-note", style={"fontSize": "13px", "color": "#5b6b77"}),
        dcc.Graph(id="outcome-graph"),
        html.Div([
            labelled(t("gender", lang), dropdown(lang,
                id="gender", options=_options(["all", *genders], lang), value="all",
                clearable=False)),
            labelled(t("age_band", lang), dropdown(lang,
                id="age", options=_options(["all", *AGE_BANDS], lang), value="all",
                clearable=False)),
        ]),
        html.P(id="subgroup-note", style={"fontSize": "13px", "color": "#5b6b77"}),
        dcc.Graph(id="subgroup-graph"),
        html.Div([
            labelled(t("citizens", lang), dropdown(lang, id="citizen", clearable=False),
                     "340px"),
        ]),
        dcc.Graph(id="journey-graph"),
    ])

    first_sweep = sweeps[0] if sweeps else None
    sweep_tab = html.Div([
        html.Div([
            labelled(t("sweep_choice", lang), dropdown(lang,
                id="sweep", options=[{"label": e.name, "value": e.name} for e in sweeps],
                value=first_sweep.name if first_sweep else None, clearable=False), "300px"),
            labelled(t("outcome", lang), dropdown(lang, id="sweep-outcome", clearable=False),
                     "520px"),
            labelled(t("lever", lang), dropdown(lang, id="sweep-lever", clearable=False),
                     "300px"),
        ]),
        dcc.Graph(id="sweep-graph"),
        html.P(id="drill-note", style={"fontSize": "13px", "color": "#5b6b77"}),
        dcc.Graph(id="drill-graph"),
    ]) if sweeps else html.P(t("no_data_for", lang))

    return html.Div([
        html.H2(t("browser_title", lang),
                style={"background": "#0b6e8a", "color": "white", "padding": "12px 20px",
                       "margin": 0}),
        notice if notice is not None else html.Div(id="problems"),
        dcc.Tabs(id="tabs", value="runs" if runs else "sweeps" if sweeps else "decisions",
                 children=[
            dcc.Tab(label=f"{t('runs_tab', lang)} ({len(runs)})", value="runs",
                    children=run_tab),
            dcc.Tab(label=f"{t('sweep_tab', lang)} ({len(sweeps)})", value="sweeps",
                    children=sweep_tab),
            dcc.Tab(label=f"{t('decisions_tab', lang)} ({len(decisions)})", value="decisions",
                    children=decisions_table(decisions, lang)),
        ]),
    ], style={"fontFamily": "Segoe UI, Helvetica, Arial, sans-serif", "padding": "0 0 30px"})
