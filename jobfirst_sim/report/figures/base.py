"""Shared look and helpers of the run figures: colours, arm order, bands, reference marks.

Why apart from the figure functions: every figure of the run report, the browser and the
sweep report draws arms in the same colours and order, bands and trial marks the same way,
and cuts intervals at the metric's bounds from :mod:`jobfirst_sim.metrics`. An arm's role
(treatment, control, alternative) comes from the run's manifest (:func:`arm_roles`), never
from its name; an arm without a declared role is an ``alternative``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from jobfirst_sim import fmt, metrics, pooling
from jobfirst_sim.domain import BENEFITS, ROLES, STATUSES, TASK_LEVELS
from jobfirst_sim.report.figdata import Fig, Figure, template
from jobfirst_sim.report.labels import t
from jobfirst_sim.stats import summarise_groups

Roles = Mapping[str, str]
"""Arm name -> role (``treatment``, ``control`` or ``alternative``)."""

ALTERNATIVE = "alternative"

BENEFIT_ORDER = BENEFITS
STATUS_ORDER = STATUSES
STATUS_COLOURS = {"full_support": "#9e9e9e", "partial_support": "#f2b134",
                  "self_sufficient": "#2a9d8f", "flexjob": "#6a8fd1",
                  "disability_pension": "#8d6a9f", "other_exit": "#d96c5f"}
ROLE_ORDER = ROLES
TASK_ORDER = TASK_LEVELS
OKABE_ITO = {"blue": "#0072b2", "orange": "#e69f00", "vermillion": "#d55e00",
             "bluish_green": "#009e73", "reddish_purple": "#cc79a7", "sky_blue": "#56b4e9",
             "yellow": "#f0e442", "black": "#000000"}
"""The Okabe–Ito palette: eight colours told apart with every common colour-vision
deficiency (and in greyscale by their lightness), so no arm hides behind another."""
PALETTE: tuple[str, ...] = (*(OKABE_ITO[k] for k in ("blue", "orange", "bluish_green",
                                                     "vermillion", "reddish_purple",
                                                     "sky_blue", "yellow")), "#7f7f7f")
ARM_FIXED = {"treatment": OKABE_ITO["blue"], "control": OKABE_ITO["orange"]}
RUN_DASHES: tuple[str, ...] = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
"""Line styles that tell several runs apart where their arms keep their colours (the
browser's runs side by side): colour says which design, the dash which run."""
REF_COLOUR = "#111111"


def arm_roles(manifest: Mapping[str, Any]) -> dict[str, str]:
    """Arm -> role as declared in a manifest's scenario (``alternative`` where absent).

    A manifest written before arms declared their role has none: every arm is then an
    alternative, so no trial figure is drawn against it; names are never read for a role.
    """
    scen = manifest.get("scenario") or manifest.get("resolved_scenario") or {}
    arms = scen.get("arms", []) if isinstance(scen, Mapping) else []
    out: dict[str, str] = {}
    for arm in arms if isinstance(arms, list) else []:
        if isinstance(arm, Mapping) and isinstance(arm.get("name"), str):
            role = arm.get("role")
            out[str(arm["name"])] = role if isinstance(role, str) else ALTERNATIVE
    return out


def role_of(arm: str, roles: Roles | None) -> str:
    """The role of ``arm`` (``alternative`` when not declared)."""
    return (roles or {}).get(arm, ALTERNATIVE)


def arm_colours(arms: Sequence[str], roles: Roles | None = None) -> dict[str, str]:
    """One colour per arm, the same on every chart and page of a run or sweep.

    The treatment is blue and the control orange (by declared role, never by name); the
    other arms take the remaining Okabe–Ito colours in the order the manifest declares the
    arms (``roles`` keeps that order), so an arm keeps its colour in a figure that shows
    only some of the arms. Arms the manifest does not know follow in the order given.
    """
    known = dict(roles or {})
    order = [*known, *(a for a in arms if a not in known)]
    free = [c for c in PALETTE if c not in ARM_FIXED.values()]
    out: dict[str, str] = {}
    used: set[str] = set()
    k = 0
    for arm in order:
        fixed = ARM_FIXED.get(role_of(arm, roles))
        if fixed is not None and fixed not in used:
            out[arm] = fixed
            used.add(fixed)
        else:
            out[arm] = free[k % len(free)]
            k += 1
    return {arm: out[arm] for arm in arms}


def summarise_nonneg(df: pd.DataFrame, by: list[str], value: str) -> pd.DataFrame:
    """Mean and interval over replications (:func:`jobfirst_sim.stats.summarise_groups`),
    the interval cut at the metric's declared bounds (0 for every quantity drawn; 1 for
    shares, a working week for hours), so no bar or band shows the impossible. Bounds stay
    NaN for fewer than two replications."""
    out = summarise_groups(df, by, value)
    low, high = metrics.bounds(value)
    out["ci_low"] = out["ci_low"].clip(lower=0.0 if low is None else low)
    if high is not None:
        out["ci_high"] = out["ci_high"].clip(upper=high)
    return out


def arm_order(arms: pd.Series | Sequence[str], roles: Roles | None = None) -> list[str]:
    """Arms as readers expect them: the treatment first, alternatives, the control last."""
    names = list(dict.fromkeys(str(a) for a in arms))
    rank = {"treatment": 0, "control": 2}
    return sorted(names, key=lambda a: rank.get(role_of(a, roles), 1))


def rgba(hex_colour: str, alpha: float) -> str:
    """``#rrggbb`` with an alpha as a CSS ``rgba()`` colour (bands, translucent markers)."""
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def style(fig: Fig, lang: str, title: str, height: int = 420) -> Figure:
    """Common look: white template, readable font, legend on top, language separators.

    Returns the finished figure as plain data (:mod:`jobfirst_sim.report.figdata`).
    """
    extra = 22 * title.count("<br>")  # a subtitle line pushes legend and plot down
    fig.update_layout(
        # title and legend in pixels from the top (container coordinates), so the legend
        # never sits on subplot titles whatever the figure's height
        title={"text": title, "x": 0.01, "xanchor": "left", "font": {"size": 17},
               "yref": "container", "y": 1 - 12 / height, "yanchor": "top"},
        separators=fmt.separators(lang),
        height=height,
        margin={"l": 60, "r": 20, "t": 115 + extra, "b": 50},
        font={"family": "Segoe UI, Helvetica, Arial, sans-serif", "size": 13},
        legend={"orientation": "h", "yanchor": "top", "y": 1 - (52 + extra) / height,
                "xanchor": "left",
                "x": 0, "yref": "container", "traceorder": "normal"},
        hoverlabel={"namelength": -1},
    )
    out = fig.to_dict()
    out["layout"]["template"] = template()  # plain data already: not walked by to_dict
    return out


def ordered(values: pd.Series, order: Sequence[str]) -> list[str]:
    """Distinct values in the reader's ``order`` first, then any others as they come."""
    present = list(dict.fromkeys(values.astype(str)))
    return [v for v in order if v in present] + [v for v in present if v not in order]


def pick_benefit(df: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Rows for benefit ``all`` if the table has it, else for the first benefit group."""
    if "benefit" not in df:
        return df, "all"
    if (df["benefit"] == "all").any():
        return df[df["benefit"] == "all"], "all"
    first = ordered(df["benefit"], BENEFIT_ORDER)[0]
    return df[df["benefit"] == first], first


def week_title(weekly: pd.DataFrame, lang: str) -> str:
    """The week axis's title: week since start, or in a calendar run (the weekly table has
    a ``date``) calendar week with the date of week 0."""
    if "date" not in weekly or weekly.empty:
        return t("week", lang)
    first = pd.Timestamp(weekly.loc[weekly["week"] == weekly["week"].min(), "date"].iloc[0])
    return t("calendar_week", lang, date=fmt.date(first.date(), lang, "medium"))


def weekly_combined(weekly: pd.DataFrame, metrics: Sequence[str]) -> pd.DataFrame:
    """Weekly metrics per replication × arm × week over both benefit groups, each weighted
    by the citizens it is taken over (:func:`jobfirst_sim.pooling.pool`)."""
    return pooling.pool(weekly, ["replication", "arm", "week"], metrics)


def add_band(fig: Fig, s: pd.DataFrame, x: str, name: str, colour: str,
             row: int | None = None, col: int | None = None, showlegend: bool = True,
             dash: str | None = None, hover_fmt: str = ".3f") -> None:
    """A mean line with a translucent CI band, grouped under one legend entry.

    Weeks whose interval is unknown (fewer than two replications: NaN bounds) get no band;
    with one replication there is only the line.
    """
    kw: dict[str, Any] = {} if row is None else {"row": row, "col": col}
    s = s.sort_values(x).copy()
    # every quantity drawn with a band is non-negative; shares are at most 1
    s["ci_low"] = s["ci_low"].clip(lower=0)
    if hover_fmt.endswith("%"):
        s["ci_high"] = s["ci_high"].clip(upper=1)
    xs = s[x].to_list()
    band = s[np.isfinite(s["ci_low"].to_numpy(dtype=float))
             & np.isfinite(s["ci_high"].to_numpy(dtype=float))]
    if not band.empty:
        bx = band[x].to_list()
        fig.add_trace({"type": "scatter", "x": bx + bx[::-1],
                       "y": band["ci_high"].to_list() + band["ci_low"].to_list()[::-1],
                       "fill": "toself", "fillcolor": rgba(colour, 0.18),
                       "line": {"width": 0}, "hoverinfo": "skip", "showlegend": False,
                       "legendgroup": name, "name": name}, **kw)
    line: dict[str, Any] = {"color": colour, "width": 2.4}
    if dash is not None:
        line["dash"] = dash
    fig.add_trace({"type": "scatter", "x": xs, "y": s["mean"], "mode": "lines", "name": name,
                   "legendgroup": name, "showlegend": showlegend, "line": line,
                   "customdata": np.stack([s["ci_low"], s["ci_high"]], axis=-1),
                   "hovertemplate": (f"%{{y:{hover_fmt}}} "
                                     f"[%{{customdata[0]:{hover_fmt}}}; "
                                     f"%{{customdata[1]:{hover_fmt}}}]"
                                     "<extra>" + name + "</extra>")}, **kw)


def add_reference(fig: Fig, x: float | str, y: float, label: str,
                  row: int | None = None, col: int | None = None,
                  showlegend: bool = False, lang: str = "da", hover: str = "") -> None:
    """A published trial figure as a black diamond with its id and value beside it."""
    kw: dict[str, Any] = {} if row is None else {"row": row, "col": col}
    fig.add_trace({"type": "scatter", "x": [x], "y": [y], "mode": "markers+text",
                   "text": [label], "textposition": "middle right", "textfont": {"size": 11},
                   "marker": {"symbol": "diamond", "size": 12, "color": REF_COLOUR,
                              "line": {"color": "white", "width": 1}},
                   "name": t("trial", lang), "legendgroup": "_trial",
                   "showlegend": showlegend,
                   "hovertemplate": (hover or label) + "<extra></extra>"}, **kw)


def outcome_slice(outcomes: pd.DataFrame, benefit: str | None = "all",
                  municipality: str | None = "all") -> pd.DataFrame:
    """Outcome rows of one benefit group (the first present if ``benefit`` is absent) and
    one municipality (``all``: the whole run)."""
    df = outcomes
    if benefit is not None and "benefit" in df:
        sub = df[df["benefit"] == benefit]
        if sub.empty:
            sub, _ = pick_benefit(df)
        df = sub
    if municipality is not None and "municipality" in df:
        df = df[df["municipality"] == municipality]
    return df
