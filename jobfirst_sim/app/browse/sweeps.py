"""The browser's sweep tab: its choices and its chart of design points, in words.

Why apart from :mod:`.views`: the tab names a sweep's outcomes, levers and levels the way
the sweep report does (:mod:`jobfirst_sim.report.sweep_words`), never by the experiment
file's keys (``t1_effect``, ``role_model``, ``bum``), and shows shares in per cent and
differences of shares in percentage points; the run tab's figures need none of that.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

import pandas as pd

from jobfirst_sim.app.browse.data import Entry, read
from jobfirst_sim.app.browse.views import empty, entry_roles
from jobfirst_sim.metrics import is_share
from jobfirst_sim.report import figures as F
from jobfirst_sim.report.figdata import Fig, Figure, trace
from jobfirst_sim.report.labels import t
from jobfirst_sim.report.sweep import points_text
from jobfirst_sim.report.sweep_data import with_arm_labels
from jobfirst_sim.report.sweep_figures import clip_to_bounds, outcome_label
from jobfirst_sim.report.sweep_words import (
    levels_in_order,
    lever_at,
    lever_axis,
    lever_names,
    outcome_axis,
    point_words,
    sweep_lever_label,
    value_text,
)

Option = dict[str, str]


def outcome_spec(entry: Entry, outcome: str) -> dict[str, Any]:
    """The outcome's declaration in the sweep's manifest (metric, arm, minus_arm, the arms'
    labels as the sweep report reads them), or {}."""
    try:
        m = json.loads((entry.path / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    spec = (m.get("outcomes") or {}).get(outcome) if isinstance(m, dict) else None
    return with_arm_labels({outcome: spec}, m)[outcome] if isinstance(spec, dict) else {}


def outcome_name(entry: Entry, outcome: str, lang: str) -> str:
    """A declared outcome in words: its metric and arm (or arm difference)."""
    spec = outcome_spec(entry, outcome)
    return outcome_label(outcome, spec, lang) if spec else t(outcome, lang)


def varying_levers(entry: Entry) -> list[str]:
    """The sweep's levers and uncertainties that take more than one value."""
    ex = read(entry.path / "experiments.parquet")
    return [c for c in ex.columns if c not in ("point", "replication", "status", "member")
            and ex[c].nunique() > 1]


def sweep_choices(entry: Entry, lang: str) -> tuple[list[Option], list[Option]]:
    """The outcome and lever dropdowns' options: words shown, the stored names as values
    (what :mod:`.guard` checks and the figure reads)."""
    s = read(entry.path / "summary.parquet")
    outs = list(dict.fromkeys(str(o) for o in s["outcome"])) if "outcome" in s else []
    levers = varying_levers(entry)
    names = lever_names(levers, lang)
    return ([{"label": outcome_name(entry, o, lang), "value": o} for o in outs],
            [{"label": names[lv], "value": lv} for lv in levers])


def point_text(entry: Entry, point: int, lang: str) -> str:
    """A design point by the values of the levers that vary (``Sagsstamme 30, ...``)."""
    ex = read(entry.path / "experiments.parquet")
    rows = ex[ex["point"] == point] if "point" in ex else pd.DataFrame()
    if rows.empty:
        return ""
    return point_words(rows.iloc[0].to_dict(), varying_levers(entry), lang)


POINT_INK = "#3b4a54"
"""Design points drawn in one group: a dark ink no arm wears (blue and orange are the
treatment's and the control's, :data:`jobfirst_sim.report.figures.ARM_FIXED`)."""
MAX_GROUPS = 6


def point_groups(s: pd.DataFrame, lever: str, levers: list[str], lang: str,
                 worn: Collection[str] = ()) -> list[tuple[str, pd.DataFrame, str]]:
    """The design points split by the next varying lever when it has a few levels (a
    legend "Sagsstamme 30", "Sagsstamme 55"), each level in a colour no arm wears (neither
    the treatment's nor the control's, nor one in ``worn``: the sweep's own arms, drawn in
    the drill-down below), so two points at the same x are told apart; otherwise one group
    in :data:`POINT_INK`."""
    other = next((lv for lv in levers if lv != lever and lv in s), None)
    free = [c for c in F.PALETTE if c not in {*F.ARM_FIXED.values(), *worn}]
    if other is None or not 1 < s[other].nunique() <= min(MAX_GROUPS, len(free)):
        return [("", s, POINT_INK)]
    return [(lever_at(other, lvl, lang), s[s[other] == lvl], free[j])
            for j, lvl in enumerate(levels_in_order(s[other]))]


def sweep_points(entry: Entry, outcome: str, lever: str, lang: str) -> Figure:
    """Design points of a sweep: mean outcome (95 % CI) against one lever; click to drill.

    The outcome is named by the registry's words, each point by its lever values in words
    ("Sagsstamme 30, CV fra første samtale: ja"), named levels (yes/no, a role model) by
    their words in reading order, the points coloured by a second lever's level
    (:func:`point_groups`); a share is drawn in per cent, a difference of shares in
    percentage points; the count in the title is a plural.
    """
    s = read(entry.path / "summary.parquet")
    if s.empty or "outcome" not in s or lever not in s:
        return empty(lang)
    s = s[s["outcome"] == outcome]
    spec = outcome_spec(entry, outcome)
    label = outcome_label(outcome, spec, lang) if spec else t(outcome, lang)
    metric = str(spec.get("metric", outcome))
    share, difference = is_share(metric), bool(spec.get("minus_arm"))
    scale, axis = outcome_axis(t(metric, lang), lang, share, difference)
    s = clip_to_bounds(s, metric, difference)
    levers = [lv for lv in varying_levers(entry) if lv in s] or [lever]
    pts = s.set_index("point")
    lower = label[:1].lower() + label[1:] if label[1:2].islower() else label
    hover = [f"{point_words(pts.loc[p, levers].to_dict(), levers, lang)} — {lower}: "
             f"{value_text(float(v), share, lang, difference)}"
             for p, v in zip(s["point"], s["mean"], strict=True)]
    s = s.assign(_hover=hover)
    _, order = lever_axis(s[lever], lang)
    fig = Fig()
    roles = entry_roles(entry)
    worn = F.arm_colours(list(roles), roles).values()
    for name, g, colour in point_groups(s, lever, levers, lang, worn):
        x, _ = lever_axis(g[lever], lang)
        fig.add_trace(trace(
            "scatter",
            # plain list: typed-array customdata does not come back in Dash's clickData
            x=x, y=g["mean"] * scale, mode="markers", customdata=[int(p) for p in g["point"]],
            name=name, showlegend=bool(name),
            marker={"size": 10, "color": colour, "opacity": 0.85},
            error_y={"type": "data", "symmetric": False,
                     "array": ((g["ci_high"] - g["mean"]) * scale).fillna(0).to_numpy(),
                     "arrayminus": ((g["mean"] - g["ci_low"]) * scale).fillna(0).to_numpy()},
            hovertext=g["_hover"].tolist(), hoverinfo="text"))
    if order is not None and len(fig.data) > 1:  # levels side by side in each category
        fig.update_layout(scattermode="group")
    fig.update_xaxes(title_text=sweep_lever_label(lever, lang), automargin=True)
    if order is not None:  # named levels in reading order, not as first met
        fig.update_xaxes(type="category", categoryorder="array", categoryarray=order)
    fig.update_yaxes(**axis)
    if difference:
        fig.add_hline(y=0.0, line={"color": "#444", "width": 1})
    return F.style(fig, lang, f"{label} – {points_text(len(s), lang)}: "
                   f"{t('click_hint', lang)}", height=440)
