"""Pure figure functions for a run: tables in, :class:`plotly.graph_objects.Figure` out.

Why pure: the same functions serve the static report, the browser app and PNG export, and
each is testable without a browser or a file system. They never read files and never run
the model. Each returns ``None`` when its tables hold nothing to draw, so the caller can
say what is missing instead of drawing an empty frame. Every visible word goes through
:func:`jobfirst_sim.report.labels.t`; Danish figures get a decimal comma via
``layout.separators``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from jobfirst_sim.report.labels import fmt_num, separators, t
from jobfirst_sim.report.stats import summarise, weighted_over
from jobfirst_sim.report.targets import arm_role, targets_for

BENEFIT_ORDER = ("kontanthjaelp", "ressourceforloeb")
STATUS_ORDER = ("full_support", "partial_support", "self_sufficient", "flexjob",
                "disability_pension", "other_exit")
STATUS_COLOURS = {"full_support": "#9e9e9e", "partial_support": "#f2b134",
                  "self_sufficient": "#2a9d8f", "flexjob": "#6a8fd1",
                  "disability_pension": "#8d6a9f", "other_exit": "#d96c5f"}
ROLE_ORDER = ("caseworker", "consultant", "mentor", "jobformidler")
TASK_ORDER = ("simple", "medium", "demanding")
PALETTE = ("#0b6e8a", "#e07a1f", "#6a4c93", "#2a9d8f", "#c4455a", "#7f8c3a", "#3d5a80",
           "#b5838d")
ARM_FIXED = {"jobfirst": "#0b6e8a", "control": "#e07a1f"}
REF_COLOUR = "#111111"


def arm_colours(arms: Sequence[str]) -> dict[str, str]:
    """Stable arm colours: JobFirst teal, control orange, others from the palette."""
    out: dict[str, str] = {}
    free = [c for c in PALETTE if c not in ARM_FIXED.values()]
    for arm in arms:
        role = arm_role(arm)
        if role and ARM_FIXED[role] not in out.values():
            out[arm] = ARM_FIXED[role]
        else:
            out[arm] = free[len([a for a in out if out[a] in free]) % len(free)]
    return out


def summarise_nonneg(df: pd.DataFrame, by: list[str], value: str) -> pd.DataFrame:
    """:func:`summarise` for quantities that cannot be negative (every one drawn here):
    the interval is cut at 0, and at 1 for shares, so no bar or band shows the impossible."""
    out = summarise(df, by, value)
    out["ci_low"] = out["ci_low"].clip(lower=0)
    if _is_share(value):
        out["ci_high"] = out["ci_high"].clip(upper=1)
    return out


def arm_order(arms: pd.Series | Sequence[str]) -> list[str]:
    """Arms as readers expect them: JobFirst first, other designs, the control last."""
    names = list(dict.fromkeys(str(a) for a in arms))
    rank = {"jobfirst": 0, None: 1, "control": 2}
    return sorted(names, key=lambda a: rank[arm_role(a)])


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def style(fig: go.Figure, lang: str, title: str, height: int = 420) -> go.Figure:
    """Common look: white template, readable font, legend on top, language separators."""
    extra = 22 * title.count("<br>")  # a subtitle line pushes legend and plot down
    fig.update_layout(
        # title and legend in pixels from the top (container coordinates), so the legend
        # never sits on subplot titles whatever the figure's height
        title={"text": title, "x": 0.01, "xanchor": "left", "font": {"size": 17},
               "yref": "container", "y": 1 - 12 / height, "yanchor": "top"},
        template="plotly_white",
        separators=separators(lang),
        height=height,
        margin={"l": 60, "r": 20, "t": 115 + extra, "b": 50},
        font={"family": "Segoe UI, Helvetica, Arial, sans-serif", "size": 13},
        legend={"orientation": "h", "yanchor": "top", "y": 1 - (52 + extra) / height,
                "xanchor": "left",
                "x": 0, "yref": "container", "traceorder": "normal"},
        hoverlabel={"namelength": -1},
    )
    return fig


def _ordered(values: pd.Series, order: Sequence[str]) -> list[str]:
    present = list(dict.fromkeys(values.astype(str)))
    return [v for v in order if v in present] + [v for v in present if v not in order]


def pick_benefit(df: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Rows for benefit ``all`` if the table has it, else for the first benefit group."""
    if "benefit" not in df:
        return df, "all"
    if (df["benefit"] == "all").any():
        return df[df["benefit"] == "all"], "all"
    first = _ordered(df["benefit"], BENEFIT_ORDER)[0]
    return df[df["benefit"] == first], first


def _is_share(metric: str) -> bool:
    return metric.startswith("share") or metric.endswith("share") or "_share_" in metric


def _weekly_combined(weekly: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Weekly metric per replication × arm × week over both benefit groups (n-weighted)."""
    return weighted_over(weekly, ["replication", "arm", "week"], metric, "n")


def _add_band(fig: go.Figure, s: pd.DataFrame, x: str, name: str, colour: str,
              row: int | None = None, col: int | None = None, showlegend: bool = True,
              dash: str | None = None, hover_fmt: str = ".3f") -> None:
    """A mean line with a translucent CI band, grouped under one legend entry."""
    kw = {} if row is None else {"row": row, "col": col}
    s = s.sort_values(x).copy()
    # every quantity drawn with a band is non-negative; shares are at most 1
    s["ci_low"] = s["ci_low"].clip(lower=0)
    if hover_fmt.endswith("%"):
        s["ci_high"] = s["ci_high"].clip(upper=1)
    xs = s[x].to_list()
    fig.add_trace(go.Scatter(x=xs + xs[::-1],
                             y=s["ci_high"].to_list() + s["ci_low"].to_list()[::-1],
                             fill="toself", fillcolor=_rgba(colour, 0.18),
                             line={"width": 0}, hoverinfo="skip", showlegend=False,
                             legendgroup=name, name=name), **kw)
    fig.add_trace(go.Scatter(x=xs, y=s["mean"], mode="lines", name=name, legendgroup=name,
                             showlegend=showlegend,
                             line={"color": colour, "width": 2.4, "dash": dash},
                             customdata=np.stack([s["ci_low"], s["ci_high"]], axis=-1),
                             hovertemplate=(f"%{{y:{hover_fmt}}} "
                                            f"[%{{customdata[0]:{hover_fmt}}}; "
                                            f"%{{customdata[1]:{hover_fmt}}}]"
                                            "<extra>" + name + "</extra>")), **kw)


def _add_reference(fig: go.Figure, x: float | str, y: float, label: str,
                   row: int | None = None, col: int | None = None,
                   showlegend: bool = False, lang: str = "da", hover: str = "") -> None:
    kw = {} if row is None else {"row": row, "col": col}
    fig.add_trace(go.Scatter(x=[x], y=[y], mode="markers+text", text=[label],
                             textposition="middle right", textfont={"size": 11},
                             marker={"symbol": "diamond", "size": 12, "color": REF_COLOUR,
                                     "line": {"color": "white", "width": 1}},
                             name=t("trial", lang), legendgroup="_trial",
                             showlegend=showlegend,
                             hovertemplate=(hover or label) + "<extra></extra>"), **kw)


def fig_weekly_metric(weekly: pd.DataFrame, metric: str, lang: str,
                      designs: Mapping[str, str] | None = None,
                      title_key: str | None = None) -> go.Figure | None:
    """Arms over weeks since start for one weekly metric, one panel per benefit group.

    Bands are 95 % t-intervals over replications; trial figures (T1/T2) are drawn as black
    diamonds at week 78 on the kontanthjælp panel, where the trial measured them.
    """
    if metric not in weekly or weekly[metric].notna().sum() == 0:
        return None
    benefits = _ordered(weekly["benefit"], BENEFIT_ORDER)
    arms = arm_order(weekly["arm"])
    colours = arm_colours(arms)
    fig = make_subplots(rows=1, cols=len(benefits), shared_yaxes=True,
                        subplot_titles=[t(b, lang) for b in benefits],
                        horizontal_spacing=0.04)
    share = _is_share(metric)
    fmt = ".1%" if share else ".2f"
    summ = summarise_nonneg(weekly, ["arm", "benefit", "week"], metric)
    ref_shown = False
    for ci, ben in enumerate(benefits, start=1):
        for arm in arms:
            s = summ[(summ["arm"] == arm) & (summ["benefit"] == ben)]
            if s.empty:
                continue
            _add_band(fig, s, "week", t(arm, lang), colours[arm], row=1, col=ci,
                      showlegend=ci == 1, hover_fmt=fmt)
            role = arm_role(arm, (designs or {}).get(arm))
            for tg in targets_for(metric, role, ben):
                val = fmt_num(100 * tg.value, lang, 0) + " %" if share else \
                    fmt_num(tg.value, lang, 2 if tg.value % 0.5 else 1) + " t"
                _add_reference(fig, tg.week or 78, tg.value, f"{tg.id}: {val}",
                               row=1, col=ci, showlegend=not ref_shown, lang=lang,
                               hover=f"{tg.id} {t('trial', lang).lower()}, {t(arm, lang)}: "
                               f"{val} ({t('week', lang).lower()} {tg.week})")
                ref_shown = True
    fig.update_xaxes(title_text=t("week", lang))
    fig.update_yaxes(title_text=t(metric, lang), row=1, col=1)
    if share:
        fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    else:
        fig.update_yaxes(rangemode="tozero")
    return style(fig, lang, t(title_key or metric, lang))


def fig_status(weekly: pd.DataFrame, lang: str) -> go.Figure | None:
    """Support status over weeks as stacked areas, one panel per arm (both benefits, n-weighted)."""
    cols = [f"share_{s}" for s in STATUS_ORDER if f"share_{s}" in weekly]
    if not cols:
        return None
    arms = arm_order(weekly["arm"])
    fig = make_subplots(rows=1, cols=len(arms), shared_yaxes=True,
                        subplot_titles=[t(a, lang) for a in arms], horizontal_spacing=0.04)
    for ci, arm in enumerate(arms, start=1):
        w = weekly[weekly["arm"] == arm]
        for col in cols:
            comb = _weekly_combined(w, col).groupby("week")[col].mean().reset_index()
            status = col.removeprefix("share_")
            fig.add_trace(go.Scatter(x=comb["week"], y=comb[col], stackgroup=f"s{ci}",
                                     name=t(status, lang), legendgroup=status,
                                     showlegend=ci == 1, mode="lines",
                                     line={"width": 0.5, "color": STATUS_COLOURS[status]},
                                     fillcolor=_rgba(STATUS_COLOURS[status], 0.75),
                                     hovertemplate="%{y:.1%}<extra>" + t(status, lang)
                                     + "</extra>"), row=1, col=ci)
    fig.update_xaxes(title_text=t("week", lang))
    fig.update_yaxes(tickformat=".0%", range=[0, 1])
    return style(fig, lang, t("fig_status", lang))


def fig_funnel(funnel: pd.DataFrame, lang: str) -> go.Figure | None:
    """Share reaching each funnel stage, and weeks stalled before it, per arm.

    One row of panels for benefit ``all`` when the table has it, otherwise one row per
    benefit group (kontanthjælp and ressourceforløb stall at different stages).
    """
    if funnel.empty:
        return None
    if "benefit" in funnel and (funnel["benefit"] == "all").any():
        benefits = ["all"]
    else:
        benefits = _ordered(funnel["benefit"], BENEFIT_ORDER) if "benefit" in funnel else ["all"]
    arms = arm_order(funnel["arm"])
    colours = arm_colours(arms)
    order = funnel.groupby("stage")["order"].min().sort_values()
    stages = list(order.index)
    labels = [f"{int(order[s])}. {t(s, lang)}" for s in stages]
    titles = []
    for b in benefits:
        suffix = "" if b == "all" else f" – {t(b, lang)}"
        titles += [t("reached_share", lang) + suffix, t("mean_weeks_stalled", lang) + suffix]
    fig = make_subplots(rows=len(benefits), cols=2, shared_yaxes=True,
                        horizontal_spacing=0.06, vertical_spacing=0.14, subplot_titles=titles)
    for ri, ben in enumerate(benefits, start=1):
        df = funnel if ben == "all" and "benefit" not in funnel else \
            funnel[funnel["benefit"] == ben]
        for arm in arms:
            a = df[df["arm"] == arm]
            for ci, metric in enumerate(("reached_share", "mean_weeks_stalled"), start=1):
                s = summarise_nonneg(a, ["stage"], metric).set_index("stage").reindex(stages)
                fmt = ".1%" if metric == "reached_share" else ".1f"
                fig.add_trace(go.Bar(
                    y=labels, x=s["mean"], orientation="h", name=t(arm, lang),
                    legendgroup=arm, showlegend=ci == 1 and ri == 1,
                    marker_color=colours[arm],
                    error_x={"type": "data", "symmetric": False,
                             "array": (s["ci_high"] - s["mean"]).to_numpy(),
                             "arrayminus": (s["mean"] - s["ci_low"]).to_numpy(),
                             "color": "#444", "thickness": 1},
                    hovertemplate=f"%{{x:{fmt}}}<extra>{t(arm, lang)}</extra>"),
                    row=ri, col=ci)
            fig.update_xaxes(tickformat=".0%", row=ri, col=1, range=[0, 1])
            fig.update_xaxes(title_text=t("weeks", lang), row=ri, col=2)
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(barmode="group")
    return style(fig, lang, t("fig_funnel", lang), height=330 * len(benefits) + 110)


def _hours_rows(people: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, str]:
    """Rows with hours to histogram, and what they are.

    Week 78 (the trial's measuring point) when enough citizens have hours then (the full
    panel); otherwise the small journeys sample is pooled over weeks 52–104 as
    citizen-weeks, so the shape is not drawn from a handful of people.
    """
    pos = people[people["wage_hours"] > 0]
    at78 = pos[pos["week"] == 78]
    week = t("week", lang).lower()
    if len(at78) >= 30:
        return at78, f"{week} 78"
    late = pos[pos["week"] >= 52]
    if len(late) >= 30:
        return late, f"{week} 52–{int(late['week'].max())}, " + (
            "borger-uger" if lang == "da" else "citizen-weeks")
    return pos, ("alle uger, borger-uger" if lang == "da" else "all weeks, citizen-weeks")


def fig_hours_distribution(people: pd.DataFrame | None, weekly: pd.DataFrame | None,
                           lang: str, source: str = "journeys") -> go.Figure | None:
    """Histogram of ordinary hours among those with hours, and its mean over weeks."""
    has_people = people is not None and "wage_hours" in people and (people["wage_hours"] > 0).any()
    has_weekly = weekly is not None and "mean_wage_hours_if_any" in weekly
    if not has_people and not has_weekly:
        return None
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.1, subplot_titles=[
        f"{t('hours_per_week', lang)} ({source})", t("mean_wage_hours_if_any", lang)])
    arms = arm_order((people if has_people else weekly)["arm"])  # type: ignore[index]
    colours = arm_colours(arms)
    if has_people:
        assert people is not None
        rows, what = _hours_rows(people, lang)
        for arm in arms:
            h = rows.loc[rows["arm"] == arm, "wage_hours"]
            fig.add_trace(go.Histogram(x=h, name=t(arm, lang), legendgroup=arm,
                                       marker_color=colours[arm], opacity=0.7,
                                       histnorm="percent", xbins={"start": 0, "end": 40, "size": 2},
                                       hovertemplate="%{x} t: %{y:.1f} %<extra>"
                                       + t(arm, lang) + "</extra>"), row=1, col=1)
        fig.update_layout(barmode="overlay")
        fig.update_xaxes(title_text=f"{t('hours_per_week', lang)} ({what})", row=1, col=1)
        fig.update_yaxes(title_text="%", row=1, col=1)
    if has_weekly:
        assert weekly is not None
        w = weekly.copy()
        w["_n_any"] = w["n"] * w["share_wage_hours"]
        comb = weighted_over(w, ["replication", "arm", "week"], "mean_wage_hours_if_any", "_n_any")
        summ = summarise_nonneg(comb, ["arm", "week"], "mean_wage_hours_if_any")
        for arm in arms:
            s = summ[summ["arm"] == arm].dropna(subset=["mean"])
            if not s.empty:
                _add_band(fig, s, "week", t(arm, lang), colours[arm], row=1, col=2,
                          showlegend=not has_people, hover_fmt=".1f")
        fig.update_xaxes(title_text=t("week", lang), row=1, col=2)
        fig.update_yaxes(title_text=t("hours_per_week", lang), rangemode="tozero", row=1, col=2)
    return style(fig, lang, t("fig_hours_dist", lang))


def _outcome_slice(outcomes: pd.DataFrame, benefit: str | None = "all",
                   municipality: str | None = "all") -> pd.DataFrame:
    df = outcomes
    if benefit is not None and "benefit" in df:
        sub = df[df["benefit"] == benefit]
        if sub.empty:
            sub, _ = pick_benefit(df)
        df = sub
    if municipality is not None and "municipality" in df:
        df = df[df["municipality"] == municipality]
    return df


def fig_targets(outcomes: pd.DataFrame, lang: str,
                designs: Mapping[str, str] | None = None) -> go.Figure | None:
    """Ever-hours share (T3), 13-week placement completion (T4) and its hours share, per arm."""
    metrics = [m for m in ("ever_hours_share", "placement13_share", "placement13_with_hours_share")
               if (outcomes["metric"] == m).any()]
    if not metrics:
        return None
    df = _outcome_slice(outcomes)
    arms = arm_order(outcomes["arm"])
    colours = arm_colours(arms)
    roles = {arm_role(a, (designs or {}).get(a)) for a in arms}
    xlab = []
    for m in metrics:  # the trial figure goes into the category label, readable at a glance
        refs = [tg for role in roles for tg in targets_for(m, role)]
        xlab.append(t(m, lang) + "".join(
            f"<br><b>{tg.id} {t('trial', lang).lower()}: {fmt_num(100 * tg.value, lang, 0)} %</b>"
            for tg in refs))
    label_of = dict(zip(metrics, xlab, strict=True))
    fig = go.Figure()
    ref_shown = False
    for arm in arms:
        a = df[(df["arm"] == arm) & df["metric"].isin(metrics)]
        s = summarise_nonneg(a, ["metric"], "value").set_index("metric").reindex(metrics)
        fig.add_trace(go.Bar(x=xlab, y=s["mean"], name=t(arm, lang), marker_color=colours[arm],
                             offsetgroup=arm,
                             error_y={"type": "data", "symmetric": False,
                                      "array": (s["ci_high"] - s["mean"]).to_numpy(),
                                      "arrayminus": (s["mean"] - s["ci_low"]).to_numpy(),
                                      "color": "#444", "thickness": 1},
                             hovertemplate="%{y:.1%}<extra>" + t(arm, lang) + "</extra>"))
    for arm in arms:
        role = arm_role(arm, (designs or {}).get(arm))
        for m in metrics:
            for tg in targets_for(m, role):
                fig.add_trace(go.Scatter(
                    x=[label_of[m]], y=[tg.value], mode="markers", offsetgroup=arm,
                    text=[f"{tg.id}: {fmt_num(100 * tg.value, lang, 0)} %"],
                    marker={"symbol": "diamond", "size": 13, "color": REF_COLOUR},
                    name=t("trial", lang), legendgroup="_trial", showlegend=not ref_shown,
                    hovertemplate=f"{tg.id} {t('trial', lang)}: %{{y:.0%}}<extra></extra>"))
                ref_shown = True
    fig.update_layout(barmode="group", scattermode="group")
    fig.update_yaxes(tickformat=".0%", rangemode="tozero", title_text=t("share", lang))
    return style(fig, lang, t("fig_targets", lang))


def fig_exits(outcomes: pd.DataFrame, lang: str) -> go.Figure | None:
    """Support status at the end of follow-up per arm, as stacked horizontal bars."""
    df = _outcome_slice(outcomes)
    metrics = {f"share_status_{s}_end": s for s in STATUS_ORDER}
    df = df[df["metric"].isin(list(metrics))]
    if df.empty:
        return None
    arms = arm_order(outcomes["arm"])
    fig = go.Figure()
    summ = summarise_nonneg(df, ["arm", "metric"], "value")
    for metric, status in metrics.items():
        s = summ[summ["metric"] == metric].set_index("arm").reindex(arms)
        if s["mean"].isna().all():
            continue
        fig.add_trace(go.Bar(y=[t(a, lang) for a in arms], x=s["mean"], orientation="h",
                             name=t(status, lang), marker_color=STATUS_COLOURS[status],
                             texttemplate="%{x:.0%}", textposition="inside", textangle=0,
                             hovertemplate="%{x:.1%}<extra>" + t(status, lang) + "</extra>"))
    fig.update_layout(barmode="stack", uniformtext={"minsize": 10, "mode": "hide"})
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickformat=".0%", range=[0, 1])
    return style(fig, lang, t("fig_exits", lang), height=320)


def fig_wellbeing(weekly: pd.DataFrame, lang: str) -> go.Figure | None:
    """Self-efficacy, mental health, trust and capacity over weeks, per arm with CI bands."""
    metrics = [m for m in ("mean_self_efficacy", "mean_mental_health", "mean_trust",
                           "mean_capacity") if m in weekly and weekly[m].notna().any()]
    if not metrics:
        return None
    arms = arm_order(weekly["arm"])
    colours = arm_colours(arms)
    rows = (len(metrics) + 1) // 2
    fig = make_subplots(rows=rows, cols=2, subplot_titles=[t(m, lang) for m in metrics],
                        vertical_spacing=0.14, horizontal_spacing=0.08)
    for i, m in enumerate(metrics):
        r, c = i // 2 + 1, i % 2 + 1
        summ = summarise_nonneg(_weekly_combined(weekly, m), ["arm", "week"], m)
        for arm in arms:
            s = summ[summ["arm"] == arm]
            _add_band(fig, s, "week", t(arm, lang), colours[arm], row=r, col=c,
                      showlegend=i == 0, hover_fmt=".2f")
        fig.update_xaxes(title_text=t("week", lang), row=r, col=c)
    return style(fig, lang, t("fig_wellbeing", lang), height=300 * rows + 60)


def fig_organisation(staff: pd.DataFrame, lang: str,
                     designs: Mapping[str, str] | None = None) -> go.Figure | None:
    """Caseload, contact hours and handovers per role and arm (T5 drawn on caseload)."""
    metrics = [m for m in ("mean_caseload", "contact_hours_per_citizen_week",
                           "handovers_per_100_citizens") if m in staff]
    if not metrics:
        return None
    arms = arm_order(staff["arm"])
    colours = arm_colours(arms)
    roles = _ordered(staff["role"], ROLE_ORDER)
    fig = make_subplots(rows=1, cols=len(metrics), subplot_titles=[t(m, lang) for m in metrics],
                        horizontal_spacing=0.07)
    for ci, m in enumerate(metrics, start=1):
        per_rep = weighted_over(staff, ["replication", "arm", "role"], m, "n_professionals")
        summ = summarise_nonneg(per_rep, ["arm", "role"], m)
        for arm in arms:
            s = summ[summ["arm"] == arm].set_index("role").reindex(roles)
            fig.add_trace(go.Bar(x=[t(r, lang) for r in roles], y=s["mean"], name=t(arm, lang),
                                 legendgroup=arm, showlegend=ci == 1,
                                 marker_color=colours[arm], offsetgroup=arm,
                                 error_y={"type": "data", "symmetric": False,
                                          "array": (s["ci_high"] - s["mean"]).to_numpy(),
                                          "arrayminus": (s["mean"] - s["ci_low"]).to_numpy(),
                                          "color": "#444", "thickness": 1},
                                 hovertemplate="%{y:.1f}<extra>" + t(arm, lang) + "</extra>"),
                          row=1, col=ci)
        if m == "mean_caseload" and any(
                arm_role(a, (designs or {}).get(a)) == "jobfirst" for a in arms):
            fig.add_hline(y=41, line={"color": REF_COLOUR, "dash": "dot", "width": 1.5},
                          annotation_text=f"T5 {t('trial', lang).lower()}: 41",
                          annotation_position="top left", row=1, col=ci)
    fig.update_layout(barmode="group")
    fig.update_yaxes(rangemode="tozero")
    return style(fig, lang, t("fig_org", lang), height=430)


def fig_companies(companies: pd.DataFrame, lang: str) -> go.Figure | None:
    """Conversion rate (placements turning into ordinary hours) by sector × task level, per arm."""
    df = companies.groupby(["arm", "sector", "task_level"], as_index=False)[
        ["placements", "conversions"]].sum()
    if df.empty or df["placements"].sum() == 0:
        return None
    df["rate"] = np.where(df["placements"] > 0,
                          df["conversions"] / df["placements"].where(df["placements"] > 0, 1),
                          np.nan)
    arms = arm_order(df["arm"])
    sectors = sorted(df["sector"].astype(str).unique())
    tasks = _ordered(df["task_level"], TASK_ORDER)
    fig = make_subplots(rows=1, cols=len(arms), shared_yaxes=True,
                        subplot_titles=[t(a, lang) for a in arms], horizontal_spacing=0.03)
    for ci, arm in enumerate(arms, start=1):
        a = df[df["arm"] == arm]
        z = a.pivot(index="sector", columns="task_level", values="rate").reindex(
            index=sectors, columns=tasks)
        n = a.pivot(index="sector", columns="task_level", values="placements").reindex(
            index=sectors, columns=tasks).fillna(0)
        fig.add_trace(go.Heatmap(
            z=z.to_numpy(), x=[t(k, lang) for k in tasks], y=[t(s, lang) for s in sectors],
            customdata=n.to_numpy(), coloraxis="coloraxis",
            texttemplate="%{z:.0%}",
            hovertemplate=("%{y} · %{x}: %{z:.1%} (" + t("placement", lang).lower()
                           + ": %{customdata:.0f})<extra></extra>")), row=1, col=ci)
    fig.update_layout(coloraxis={"colorscale": "Teal", "cmin": 0,
                                 "colorbar": {"title": {"text": t("conversion_rate", lang)},
                                              "tickformat": ".0%"}})
    return style(fig, lang, t("fig_companies", lang), height=max(360, 40 * len(sectors) + 160))


def fig_companies_hours(companies: pd.DataFrame, lang: str) -> go.Figure | None:
    """Paid hours per week held at the end of follow-up, by sector and arm (mean over reps)."""
    if "wage_hours_end" not in companies:
        return None
    per = companies.groupby(["replication", "arm", "sector"], as_index=False).agg(
        wage_hours_end=("wage_hours_end", "sum"))
    summ = summarise_nonneg(per, ["arm", "sector"], "wage_hours_end")
    arms = arm_order(summ["arm"])
    colours = arm_colours(arms)
    order = summ.groupby("sector")["mean"].sum().sort_values(ascending=True).index.tolist()
    fig = go.Figure()
    for arm in arms:
        s = summ[summ["arm"] == arm].set_index("sector").reindex(order)
        fig.add_trace(go.Bar(y=[t(x, lang) for x in order], x=s["mean"], orientation="h",
                             name=t(arm, lang), marker_color=colours[arm],
                             error_x={"type": "data", "symmetric": False,
                                      "array": (s["ci_high"] - s["mean"]).to_numpy(),
                                      "arrayminus": (s["mean"] - s["ci_low"]).to_numpy(),
                                      "color": "#444", "thickness": 1},
                             hovertemplate="%{x:.1f} t<extra>" + t(arm, lang) + "</extra>"))
    fig.update_layout(barmode="group")
    fig.update_xaxes(title_text=t("hours_per_week", lang), rangemode="tozero")
    return style(fig, lang, t("fig_companies_hours", lang), height=max(340, 34 * len(order) + 160))


def fig_municipality(outcomes: pd.DataFrame, lang: str,
                     metrics: Sequence[str] = ("share_with_hours_w78", "mean_wage_hours_w78"),
                     ) -> go.Figure | None:
    """Per-municipality results with CIs, sorted by the first arm's value."""
    df = outcomes[outcomes["municipality"].astype(str) != "all"]
    df, ben = pick_benefit(df)
    metrics = [m for m in metrics if (df["metric"] == m).any()]
    if df.empty or not metrics:
        return None
    arms = arm_order(df["arm"])
    colours = arm_colours(arms)
    first = summarise_nonneg(df[(df["metric"] == metrics[0]) & (df["arm"] == arms[0])],
                      ["municipality"], "value")
    order = first.sort_values("mean")["municipality"].astype(str).tolist()
    order += [m for m in df["municipality"].astype(str).unique() if m not in order]
    fig = make_subplots(rows=1, cols=len(metrics), shared_yaxes=True, horizontal_spacing=0.05,
                        subplot_titles=[t(m, lang) for m in metrics])
    for ci, m in enumerate(metrics, start=1):
        summ = summarise_nonneg(df[df["metric"] == m], ["arm", "municipality"], "value")
        fmt = ".1%" if _is_share(m) else ".2f"
        for arm in arms:
            s = summ[summ["arm"] == arm].set_index("municipality").reindex(order)
            fig.add_trace(go.Scatter(
                y=order, x=s["mean"], mode="markers", name=t(arm, lang), legendgroup=arm,
                showlegend=ci == 1, marker={"color": colours[arm], "size": 9},
                error_x={"type": "data", "symmetric": False,
                         "array": (s["ci_high"] - s["mean"]).to_numpy(),
                         "arrayminus": (s["mean"] - s["ci_low"]).to_numpy(),
                         "color": colours[arm], "thickness": 1.2},
                hovertemplate=f"%{{y}}: %{{x:{fmt}}}<extra>{t(arm, lang)}</extra>"),
                row=1, col=ci)
        if _is_share(m):
            fig.update_xaxes(tickformat=".0%", row=1, col=ci)
    sub = t("benefit_shown", lang, b=t(ben, lang))
    return style(fig, lang, f"{t('fig_municipality', lang)}<br><sup>{sub}</sup>",
                 height=max(380, 28 * len(order) + 150))


def fig_subgroup_benefit(outcomes: pd.DataFrame, lang: str) -> go.Figure | None:
    """Key outcomes per benefit group and arm (municipality = all)."""
    df = outcomes[(outcomes["municipality"].astype(str) == "all")
                  & (outcomes["benefit"].astype(str) != "all")]
    metrics = [m for m in ("share_with_hours_w78", "mean_wage_hours_w78", "ever_hours_share",
                           "placement13_share") if (df["metric"] == m).any()]
    if df.empty or not metrics:
        return None
    arms = arm_order(df["arm"])
    colours = arm_colours(arms)
    bens = _ordered(df["benefit"], BENEFIT_ORDER)
    ncol = 2 if len(metrics) > 2 else len(metrics)
    nrow = (len(metrics) + ncol - 1) // ncol
    fig = make_subplots(rows=nrow, cols=ncol, subplot_titles=[t(m, lang) for m in metrics],
                        horizontal_spacing=0.08, vertical_spacing=0.16)
    for i, m in enumerate(metrics):
        ri, ci = i // ncol + 1, i % ncol + 1
        summ = summarise_nonneg(df[df["metric"] == m], ["arm", "benefit"], "value")
        for arm in arms:
            s = summ[summ["arm"] == arm].set_index("benefit").reindex(bens)
            fig.add_trace(go.Bar(x=[t(b, lang) for b in bens], y=s["mean"], name=t(arm, lang),
                                 legendgroup=arm, showlegend=i == 0, offsetgroup=arm,
                                 marker_color=colours[arm],
                                 error_y={"type": "data", "symmetric": False,
                                          "array": (s["ci_high"] - s["mean"]).to_numpy(),
                                          "arrayminus": (s["mean"] - s["ci_low"]).to_numpy(),
                                          "color": "#444", "thickness": 1}), row=ri, col=ci)
        if _is_share(m):
            fig.update_yaxes(tickformat=".0%", row=ri, col=ci)
    fig.update_layout(barmode="group")
    return style(fig, lang, t("fig_subgroup_benefit", lang), height=300 * nrow + 120)


def age_band(age: pd.Series) -> pd.Series:
    """Age bands used in the trial's reporting: 30–39, 40–49, 50–59, 60+ (and <30)."""
    bins = [0, 30, 40, 50, 60, 200]
    labels = ["<30", "30–39", "40–49", "50–59", "60+"]
    return pd.cut(age.astype(float), bins=bins, labels=labels, right=False).astype(str)


def fig_subgroup_people(people: pd.DataFrame, lang: str) -> go.Figure | None:
    """Share with ordinary hours at week 78 (or the last week) by gender and age band."""
    have = [c for c in ("gender", "age") if c in people]
    if not have:
        return None
    weeks = people["week"].unique()
    week = 78 if 78 in weeks else int(people["week"].max())
    d = people[people["week"] == week].copy()
    if d.empty:
        return None
    d["has_hours"] = (d["wage_hours"] > 0).astype(float)
    if "age" in d:
        d["age_band"] = age_band(d["age"])
    groups = [g for g in ("gender", "age_band") if g in d]
    arms = arm_order(d["arm"])
    colours = arm_colours(arms)
    fig = make_subplots(rows=1, cols=len(groups), subplot_titles=[t(g, lang) for g in groups],
                        horizontal_spacing=0.08, shared_yaxes=True)
    for ci, g in enumerate(groups, start=1):
        cats = sorted(d[g].astype(str).unique())
        for arm in arms:
            a = d[d["arm"] == arm].groupby(g)["has_hours"].agg(["mean", "count"]).reindex(cats)
            fig.add_trace(go.Bar(x=[t(c, lang) for c in cats], y=a["mean"], name=t(arm, lang),
                                 legendgroup=arm, showlegend=ci == 1, offsetgroup=arm,
                                 marker_color=colours[arm], customdata=a["count"],
                                 hovertemplate="%{y:.1%} (n = %{customdata})<extra>"
                                 + t(arm, lang) + "</extra>"), row=1, col=ci)
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    fig.update_layout(barmode="group")
    title = t("fig_subgroup_panel", lang)
    if week != 78:
        title = title.replace("78", str(week))
    return style(fig, lang, title, height=380)


def journey_events(person: pd.DataFrame, lang: str) -> list[str]:
    """A week-by-week narrative of one citizen: placements, hours, contacts, status, stages."""
    p = person.sort_values("week").reset_index(drop=True)
    if p.empty:
        return []
    first = p.iloc[0]
    out = [t("j_start", lang, w=int(first["week"]),
             benefit=t(str(first.get("benefit", "")), lang),
             municipality=first.get("municipality", "–"), age=first.get("age", "–"))]
    prev = None
    for _, row in p.iterrows():
        w = int(row["week"])
        if prev is not None:
            inp, was = bool(row.get("in_placement", False)), bool(prev.get("in_placement", False))
            if inp and not was:
                sector = row.get("company_sector")
                sec = f" ({sector})" if isinstance(sector, str) and sector else ""
                purpose = str(row.get("placement_purpose") or "–")
                out.append(t("j_placement_start", lang, w=w, sector=sec,
                             purpose=t(purpose, lang).lower()))
            elif was and not inp:
                out.append(t("j_placement_end", lang, w=w))
            h, hp = float(row["wage_hours"]), float(prev["wage_hours"])
            if h > 0 and hp == 0:
                out.append(t("j_first_hours", lang, w=w, h=fmt_num(h, lang)))
            elif h == 0 and hp > 0:
                out.append(t("j_hours_stop", lang, w=w))
            elif h > 0 and abs(h - hp) >= 2:
                out.append(t("j_hours_change", lang, w=w, a=fmt_num(hp, lang), b=fmt_num(h, lang)))
            if "contact_changes" in row and row["contact_changes"] > prev["contact_changes"]:
                out.append(t("j_contact_change", lang, w=w, n=int(row["contact_changes"])))
            if "status" in row and row["status"] != prev["status"]:
                out.append(t("j_status", lang, w=w, a=t(str(prev["status"]), lang).lower(),
                             b=t(str(row["status"]), lang).lower()))
            if "stage" in row and row["stage"] != prev["stage"] and isinstance(row["stage"], str) \
                    and row["stage"]:
                out.append(t("j_stage", lang, w=w, stage=t(str(row["stage"]), lang)))
        prev = row
    last = p.iloc[-1]
    out.append(t("j_end", lang, w=int(last["week"]),
                 status=t(str(last.get("status", "")), lang).lower(),
                 h=fmt_num(float(last["wage_hours"]), lang)))
    return out


def fig_journey(person: pd.DataFrame, lang: str, cid: object = "") -> go.Figure | None:
    """One citizen week by week: hours as bars, well-being as lines, status as background."""
    if person.empty:
        return None
    p = person.sort_values("week")
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(go.Bar(x=p["week"], y=p["wage_hours"], name=t("wage_hours", lang),
                         marker_color="#0b6e8a"), secondary_y=False)
    if "placement_hours" in p:
        fig.add_trace(go.Bar(x=p["week"], y=p["placement_hours"], name=t("placement_hours", lang),
                             marker_color="#9ccfd8"), secondary_y=False)
    if "capacity" in p:
        fig.add_trace(go.Scatter(x=p["week"], y=p["capacity"], name=t("capacity", lang),
                                 line={"color": "#333", "dash": "dot", "width": 1.5}),
                      secondary_y=False)
    for col, colour in (("self_efficacy", "#e07a1f"), ("mental_health", "#6a4c93"),
                        ("trust", "#2a9d8f")):
        if col in p:
            fig.add_trace(go.Scatter(x=p["week"], y=p[col], name=t(col, lang),
                                     line={"color": colour, "width": 2}), secondary_y=True)
    # status bands go last: plotly drops shapes on subplots that have no traces yet
    if "status" in p:
        seg_start = int(p["week"].iloc[0])
        statuses = p["status"].astype(str).to_list()
        weeks = p["week"].astype(int).to_list()
        for i in range(1, len(weeks) + 1):
            if i == len(weeks) or statuses[i] != statuses[i - 1]:
                end = weeks[i] if i < len(weeks) else weeks[-1] + 1
                st = statuses[i - 1]
                fig.add_vrect(x0=seg_start - 0.5, x1=end - 0.5, line_width=0, layer="below",
                              fillcolor=_rgba(STATUS_COLOURS.get(st, "#cccccc"), 0.15),
                              annotation_text=t(st, lang), annotation_position="top left",
                              annotation_font_size=10)
                if i < len(weeks):
                    seg_start = weeks[i]
    fig.update_layout(barmode="stack", bargap=0.05)
    fig.update_xaxes(title_text=t("week", lang))
    fig.update_yaxes(title_text=t("hours_per_week", lang), rangemode="tozero", secondary_y=False)
    fig.update_yaxes(title_text=t("value", lang), secondary_y=True, showgrid=False,
                     rangemode="tozero", tickformat=".2f")
    return style(fig, lang, t("fig_journey", lang, cid=cid), height=440)
