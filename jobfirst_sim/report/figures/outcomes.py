"""Run figures over per-run outcomes, staff and companies: targets, exits, organisation.

Pure: tables in, a plain-data figure (:mod:`..figdata`) out (``None`` when there is nothing
to draw). Trial figures (T3–T5) are drawn on the arm whose declared role they describe.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from jobfirst_sim import domain, fmt
from jobfirst_sim import metrics as registry
from jobfirst_sim.metrics import is_share
from jobfirst_sim.report.figdata import Fig, Figure, colorscale, trace
from jobfirst_sim.report.figures.base import (
    BENEFIT_ORDER,
    REF_COLOUR,
    ROLE_ORDER,
    STATUS_COLOURS,
    STATUS_ORDER,
    TASK_ORDER,
    Roles,
    arm_colours,
    arm_order,
    ordered,
    outcome_slice,
    pick_benefit,
    role_of,
    style,
    summarise_nonneg,
)
from jobfirst_sim.report.labels import t
from jobfirst_sim.report.stats import weighted_over
from jobfirst_sim.run.staffing import fte_weighted, role_weeks, total_fte
from jobfirst_sim.targets import targets_for


def summarise_outcome(df: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Mean and interval of outcomes.parquet's ``value`` within ``by``, the interval cut at
    each row's own metric bounds (a share within [0, 1]; the value column itself names no
    metric, so :func:`summarise_nonneg` alone would cut only at 0). Callers that leave
    ``metric`` out of ``by`` pass rows of one metric."""
    keys = by if "metric" in by else [*by, "metric"]
    out = summarise_nonneg(df, keys, "value")

    def bound(m: object, side: str) -> float:
        v = registry.bounds(str(m))[0 if side == "low" else 1]
        return float("nan") if v is None else float(v)

    out["ci_low"] = out["ci_low"].clip(lower=out["metric"].map(lambda m: bound(m, "low")))
    out["ci_high"] = out["ci_high"].clip(upper=out["metric"].map(lambda m: bound(m, "high")))
    return out if "metric" in by else out.drop(columns="metric")


def fig_targets(outcomes: pd.DataFrame, lang: str,
                roles: Roles | None = None, trial: bool = False) -> Figure | None:
    """Ever-hours share (T3), 13-week placement completion (T4) and its hours share, per arm,
    all during the project (the one reading of the targets; the trial figures as marks only
    with ``trial``: the trial replica)."""
    metrics = [m for m in ("ever_hours_share", "placement13_share_project",
                           "placement13_with_hours_share_project")
               if (outcomes["metric"] == m).any()]
    if not metrics:
        return None
    df = outcome_slice(outcomes)
    arms = arm_order(outcomes["arm"], roles)
    colours = arm_colours(arms, roles)
    present = list(dict.fromkeys(role_of(a, roles) for a in arms))
    xlab = []
    for m in metrics:  # the trial figure goes into the category label, readable at a glance
        refs = [tg for role in present for tg in targets_for(m, role)] if trial else []
        xlab.append(t(m, lang) + "".join(
            f"<br><b>{tg.id} {t('trial', lang).lower()}: {fmt.percent(tg.value, lang, 0)}</b>"
            for tg in refs))
    label_of = dict(zip(metrics, xlab, strict=True))
    fig = Fig()
    ref_shown = False
    for arm in arms:
        a = df[(df["arm"] == arm) & df["metric"].isin(metrics)]
        s = summarise_outcome(a, ["metric"]).set_index("metric").reindex(metrics)
        fig.add_trace(trace("bar", x=xlab, y=s["mean"], name=t(arm, lang),
                            marker_color=colours[arm],
                            offsetgroup=arm,
                            error_y={"type": "data", "symmetric": False,
                                     "array": (s["ci_high"] - s["mean"]).to_numpy(),
                                     "arrayminus": (s["mean"] - s["ci_low"]).to_numpy(),
                                     "color": "#444", "thickness": 1},
                            hovertemplate="%{y:.1%}<extra>" + t(arm, lang) + "</extra>"))
    for arm in arms:
        for m in metrics:
            for tg in targets_for(m, role_of(arm, roles)) if trial else []:
                fig.add_trace(trace("scatter",
                    x=[label_of[m]], y=[tg.value], mode="markers", offsetgroup=arm,
                    text=[f"{tg.id}: {fmt.percent(tg.value, lang, 0)}"],
                    marker={"symbol": "diamond", "size": 13, "color": REF_COLOUR},
                    name=t("trial", lang), legendgroup="_trial", showlegend=not ref_shown,
                    hovertemplate=f"{tg.id} {t('trial', lang)}: %{{y:.0%}}<extra></extra>"))
                ref_shown = True
    fig.update_layout(barmode="group", scattermode="group")
    fig.update_yaxes(tickformat=".0%", rangemode="tozero", title_text=t("share", lang))
    return style(fig, lang, t("fig_targets", lang))


def fig_exits(outcomes: pd.DataFrame, lang: str,
              roles: Roles | None = None) -> Figure | None:
    """Support status at the end of follow-up per arm, as stacked horizontal bars."""
    df = outcome_slice(outcomes)
    metrics = {f"share_status_{s}_end": s for s in STATUS_ORDER}
    df = df[df["metric"].isin(list(metrics))]
    if df.empty:
        return None
    arms = arm_order(outcomes["arm"], roles)
    fig = Fig()
    summ = summarise_outcome(df, ["arm", "metric"])
    for metric, status in metrics.items():
        s = summ[summ["metric"] == metric].set_index("arm").reindex(arms)
        if s["mean"].isna().all():
            continue
        fig.add_trace(trace("bar", y=[t(a, lang) for a in arms], x=s["mean"], orientation="h",
                            name=t(status, lang), marker_color=STATUS_COLOURS[status],
                            texttemplate="%{x:.0%}", textposition="inside", textangle=0,
                            hovertemplate="%{x:.1%}<extra>" + t(status, lang) + "</extra>"))
    fig.update_layout(barmode="stack", uniformtext={"minsize": 10, "mode": "hide"})
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickformat=".0%", range=[0, 1])
    return style(fig, lang, t("fig_exits", lang), height=320)


def fig_organisation(staff: pd.DataFrame, lang: str,
                     roles: Roles | None = None, trial: bool = False) -> Figure | None:
    """Caseload, contact hours and handovers per role and arm (T5 drawn on caseload, for
    the trial replica only)."""
    metrics = [m for m in ("mean_caseload", "contact_hours_per_citizen_week",
                           "handovers_per_100_citizens") if m in staff]
    if not metrics:
        return None
    arms = arm_order(staff["arm"], roles)
    colours = arm_colours(arms, roles)
    staff_roles = ordered(staff["role"], ROLE_ORDER)
    fig = Fig.grid(rows=1, cols=len(metrics), subplot_titles=[t(m, lang) for m in metrics],
                   horizontal_spacing=0.07)
    for ci, m in enumerate(metrics, start=1):
        per_rep = weighted_over(staff, ["replication", "arm", "role"], m, "n_professionals")
        summ = summarise_nonneg(per_rep, ["arm", "role"], m)
        for arm in arms:
            s = summ[summ["arm"] == arm].set_index("role").reindex(staff_roles)
            fig.add_trace(trace("bar", x=[t(r, lang) for r in staff_roles], y=s["mean"],
                                name=t(arm, lang),
                                legendgroup=arm, showlegend=ci == 1,
                                marker_color=colours[arm], offsetgroup=arm,
                                error_y={"type": "data", "symmetric": False,
                                         "array": (s["ci_high"] - s["mean"]).to_numpy(),
                                         "arrayminus": (s["mean"] - s["ci_low"]).to_numpy(),
                                         "color": "#444", "thickness": 1},
                                hovertemplate="%{y:.1f}<extra>" + t(arm, lang) + "</extra>"),
                          row=1, col=ci)
        treated = trial and any(role_of(a, roles) == "treatment" for a in arms)
        for tg in targets_for(m, "treatment") if treated else []:
            fig.add_hline(y=tg.value, line={"color": REF_COLOUR, "dash": "dot", "width": 1.5},
                          annotation_text=f"{tg.id} {t('trial', lang).lower()}: "
                                          f"{fmt.number(tg.value, lang, 0)}",
                          annotation_position="top left", row=1, col=ci)
    fig.update_layout(barmode="group")
    fig.update_yaxes(rangemode="tozero")
    return style(fig, lang, t("fig_org", lang), height=430)


TASKS = (*domain.TASKS, "unused")
"""Time-use columns of staff.parquet (``hours_<task>``, ``unused_hours``), in stack order."""
TASK_COLOURS = ("#0072b2", "#009e73", "#e69f00", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442",
                "#882255", "#bbbbbb")
"""Okabe-Ito colours per task (then Tol's wine for the transition support; grey for time
not needed), the same in every arm."""


def time_use(staff: pd.DataFrame) -> pd.DataFrame:
    """Hours per FTE and week per task and unused, per arm and role: FTE-weighted over
    municipalities and replications (a role's week as one full-time professional sees it;
    the same reading as summary.json's ``staffing``, :mod:`jobfirst_sim.run.staffing`)."""
    cols = {task: ("unused_hours" if task == "unused" else f"hours_{task}") for task in TASKS}
    if not set(cols.values()) <= set(staff.columns):
        return pd.DataFrame()
    return pd.DataFrame([
        {"arm": arm, "role": role, "fte": total_fte(g),
         **{task: fte_weighted(g, col) for task, col in cols.items()}}
        for arm, role, g in role_weeks(staff)])


def fig_time_use(staff: pd.DataFrame, lang: str, roles: Roles | None = None) -> Figure | None:
    """The professional's week per arm and role: hours per FTE on each task, stacked, with
    the time no task needed on top (model/stages/time_budget.py; for a full caseload)."""
    use = time_use(staff)
    if use.empty:
        return None
    arms = arm_order(use["arm"], roles)
    fig = Fig.grid(rows=1, cols=len(arms), shared_yaxes=True,
                   subplot_titles=[t(a, lang) for a in arms], horizontal_spacing=0.04)
    for ci, arm in enumerate(arms, start=1):
        a = use[use["arm"] == arm].set_index("role")
        staff_roles = ordered(a.index.to_series(), ROLE_ORDER)
        a = a.reindex(staff_roles)
        ftes = a["fte"].to_numpy(float)
        x = [f"{t(r, lang)}<br>{fmt.number(float(f), lang, 1)} {t('fte_short', lang)}"
             for r, f in zip(staff_roles, ftes, strict=True)]
        for task, colour in zip(TASKS, TASK_COLOURS, strict=True):
            name = t(f"task_{task}", lang)
            fig.add_trace(trace("bar", x=x, y=a[task].to_numpy(), name=name, legendgroup=task,
                                showlegend=ci == 1, marker_color=colour,
                                hovertemplate="%{x}: %{y:.1f}<extra>" + name + "</extra>"),
                          row=1, col=ci)
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title_text=t("hours_per_fte_week", lang), row=1, col=1)
    return style(fig, lang, t("fig_time_use", lang), height=440)


def fig_companies(companies: pd.DataFrame, lang: str,
                  roles: Roles | None = None) -> Figure | None:
    """Conversion rate (placements turning into ordinary hours) by sector × task level, per arm."""
    df = companies.groupby(["arm", "sector", "task_level"], as_index=False)[
        ["placements", "conversions"]].sum()
    if df.empty or df["placements"].sum() == 0:
        return None
    df["rate"] = np.where(df["placements"] > 0,
                          df["conversions"] / df["placements"].where(df["placements"] > 0, 1),
                          np.nan)
    arms = arm_order(df["arm"], roles)
    sectors = sorted(df["sector"].astype(str).unique())
    tasks = ordered(df["task_level"], TASK_ORDER)
    fig = Fig.grid(rows=1, cols=len(arms), shared_yaxes=True,
                   subplot_titles=[t(a, lang) for a in arms], horizontal_spacing=0.03)
    for ci, arm in enumerate(arms, start=1):
        a = df[df["arm"] == arm]
        z = a.pivot(index="sector", columns="task_level", values="rate").reindex(
            index=sectors, columns=tasks)
        n = a.pivot(index="sector", columns="task_level", values="placements").reindex(
            index=sectors, columns=tasks).fillna(0)
        fig.add_trace(trace("heatmap",
            z=z.to_numpy(), x=[t(k, lang) for k in tasks], y=[t(s, lang) for s in sectors],
            customdata=n.to_numpy(), coloraxis="coloraxis",
            texttemplate="%{z:.0%}",
            hovertemplate=("%{y} · %{x}: %{z:.1%} (" + t("placement", lang).lower()
                           + ": %{customdata:.0f})<extra></extra>")), row=1, col=ci)
    fig.update_layout(coloraxis={"colorscale": colorscale("Teal"), "cmin": 0,
                                 "colorbar": {"title": {"text": t("conversion_rate", lang)},
                                              "tickformat": ".0%"}})
    return style(fig, lang, t("fig_companies", lang), height=max(360, 40 * len(sectors) + 160))


def fig_companies_hours(companies: pd.DataFrame, lang: str,
                        roles: Roles | None = None) -> Figure | None:
    """Paid hours per week held at the end of follow-up, by sector and arm (mean over reps)."""
    if "wage_hours_end" not in companies:
        return None
    per = companies.groupby(["replication", "arm", "sector"], as_index=False).agg(
        wage_hours_end=("wage_hours_end", "sum"))
    summ = summarise_nonneg(per, ["arm", "sector"], "wage_hours_end")
    arms = arm_order(summ["arm"], roles)
    colours = arm_colours(arms, roles)
    order = summ.groupby("sector")["mean"].sum().sort_values(ascending=True).index.tolist()
    fig = Fig()
    for arm in arms:
        s = summ[summ["arm"] == arm].set_index("sector").reindex(order)
        fig.add_trace(trace("bar", y=[t(x, lang) for x in order], x=s["mean"], orientation="h",
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
                     roles: Roles | None = None) -> Figure | None:
    """Per-municipality results with CIs, sorted by the first arm's value."""
    df = outcomes[outcomes["municipality"].astype(str) != "all"]
    df, ben = pick_benefit(df)
    metrics = [m for m in metrics if (df["metric"] == m).any()]
    if df.empty or not metrics:
        return None
    arms = arm_order(df["arm"], roles)
    colours = arm_colours(arms, roles)
    first = summarise_outcome(df[(df["metric"] == metrics[0]) & (df["arm"] == arms[0])],
                              ["municipality"])
    order = first.sort_values("mean")["municipality"].astype(str).tolist()
    order += [m for m in df["municipality"].astype(str).unique() if m not in order]
    fig = Fig.grid(rows=1, cols=len(metrics), shared_yaxes=True, horizontal_spacing=0.05,
                   subplot_titles=[t(m, lang) for m in metrics])
    for ci, m in enumerate(metrics, start=1):
        summ = summarise_outcome(df[df["metric"] == m], ["arm", "municipality"])
        d3 = ".1%" if is_share(m) else ".2f"
        for arm in arms:
            s = summ[summ["arm"] == arm].set_index("municipality").reindex(order)
            fig.add_trace(trace("scatter",
                y=order, x=s["mean"], mode="markers", name=t(arm, lang), legendgroup=arm,
                showlegend=ci == 1, marker={"color": colours[arm], "size": 9},
                error_x={"type": "data", "symmetric": False,
                         "array": (s["ci_high"] - s["mean"]).to_numpy(),
                         "arrayminus": (s["mean"] - s["ci_low"]).to_numpy(),
                         "color": colours[arm], "thickness": 1.2},
                hovertemplate=f"%{{y}}: %{{x:{d3}}}<extra>{t(arm, lang)}</extra>"),
                row=1, col=ci)
        if is_share(m):
            fig.update_xaxes(tickformat=".0%", row=1, col=ci)
    sub = t("benefit_shown", lang, b=t(ben, lang))
    return style(fig, lang, f"{t('fig_municipality', lang)}<br><sup>{sub}</sup>",
                 height=max(380, 28 * len(order) + 150))


def fig_subgroup_benefit(outcomes: pd.DataFrame, lang: str,
                         roles: Roles | None = None) -> Figure | None:
    """Key outcomes per benefit group and arm (municipality = all)."""
    df = outcomes[(outcomes["municipality"].astype(str) == "all")
                  & (outcomes["benefit"].astype(str) != "all")]
    metrics = [m for m in ("share_with_hours_w78", "mean_wage_hours_w78", "ever_hours_share",
                           "placement13_share") if (df["metric"] == m).any()]
    if df.empty or not metrics:
        return None
    arms = arm_order(df["arm"], roles)
    colours = arm_colours(arms, roles)
    bens = ordered(df["benefit"], BENEFIT_ORDER)
    ncol = 2 if len(metrics) > 2 else len(metrics)
    nrow = (len(metrics) + ncol - 1) // ncol
    fig = Fig.grid(rows=nrow, cols=ncol, subplot_titles=[t(m, lang) for m in metrics],
                   horizontal_spacing=0.08, vertical_spacing=0.16)
    for i, m in enumerate(metrics):
        ri, ci = i // ncol + 1, i % ncol + 1
        summ = summarise_outcome(df[df["metric"] == m], ["arm", "benefit"])
        for arm in arms:
            s = summ[summ["arm"] == arm].set_index("benefit").reindex(bens)
            fig.add_trace(trace("bar", x=[t(b, lang) for b in bens], y=s["mean"], name=t(arm, lang),
                                legendgroup=arm, showlegend=i == 0, offsetgroup=arm,
                                marker_color=colours[arm],
                                error_y={"type": "data", "symmetric": False,
                                         "array": (s["ci_high"] - s["mean"]).to_numpy(),
                                         "arrayminus": (s["mean"] - s["ci_low"]).to_numpy(),
                                         "color": "#444", "thickness": 1}), row=ri, col=ci)
        if is_share(m):
            fig.update_yaxes(tickformat=".0%", row=ri, col=ci)
    fig.update_layout(barmode="group")
    return style(fig, lang, t("fig_subgroup_benefit", lang), height=300 * nrow + 120)
