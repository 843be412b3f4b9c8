"""Run figures over weeks since start: arms' curves, support status, funnel, hours, well-being.

Pure: tables in, a plain-data figure (:mod:`..figdata`) out (``None`` when there is nothing
to draw). Trial figures (T1, T2) are drawn on the arm whose declared role they describe.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import pandas as pd

from jobfirst_sim import fmt, metrics, pooling
from jobfirst_sim.report.figdata import Fig, Figure, trace
from jobfirst_sim.report.figures.base import (
    BENEFIT_ORDER,
    STATUS_COLOURS,
    STATUS_ORDER,
    Roles,
    add_band,
    add_reference,
    arm_colours,
    arm_order,
    ordered,
    rgba,
    role_of,
    style,
    summarise_nonneg,
    week_title,
    weekly_combined,
)
from jobfirst_sim.report.labels import t
from jobfirst_sim.targets import targets_for


def fig_weekly_metric(weekly: pd.DataFrame, metric: str, lang: str,
                      roles: Roles | None = None, title_key: str | None = None,
                      trial: bool | Collection[str] = False,
                      colours: Mapping[str, str] | None = None,
                      dashes: Mapping[str, str] | None = None,
                      names: Mapping[str, str] | None = None) -> Figure | None:
    """Arms over weeks since start for one weekly metric, one panel per benefit group.

    ``colours``, ``dashes`` and ``names`` (by the table's arm value) are for a caller that
    draws several runs' arms at once: each arm wears its own colour (:func:`.base.arm_colours`
    over the runs' arms, as their bars do), each run its own dash, and the legend reads the
    caller's words ("run: JobFirst"); by default every arm takes :func:`.base.arm_colours`
    of ``roles``, solid, named by the catalog.

    Bands are 95 % t-intervals over replications. ``trial`` says on which arms the
    published figures (T1/T2) are drawn, as black diamonds at week 78 on the kontanthjælp
    panel where the trial measured them: ``True`` on every arm with a treatment or control
    role (the run is the trial replica: ``run.compare_with_trial``), a collection of arm
    names on those arms only (several runs side by side, some of them the replica), and
    ``False`` (the default: a what-if is never measured against the trial) on none.
    """
    if metric not in weekly or weekly[metric].notna().sum() == 0:
        return None
    benefits = ordered(weekly["benefit"], BENEFIT_ORDER)
    arms = arm_order(weekly["arm"], roles)
    colours = {**arm_colours(arms, roles), **(colours or {})}
    fig = Fig.grid(rows=1, cols=len(benefits), shared_yaxes=True,
                   subplot_titles=[t(b, lang) for b in benefits],
                   horizontal_spacing=0.04)
    share = metrics.is_share(metric)
    d3 = ".1%" if share else ".2f"
    summ = summarise_nonneg(weekly, ["arm", "benefit", "week"], metric)
    ref_shown = False
    for ci, ben in enumerate(benefits, start=1):
        for arm in arms:
            s = summ[(summ["arm"] == arm) & (summ["benefit"] == ben)]
            if s.empty:
                continue
            add_band(fig, s, "week", (names or {}).get(arm) or t(arm, lang), colours[arm],
                     row=1, col=ci, showlegend=ci == 1, hover_fmt=d3,
                     dash=(dashes or {}).get(arm))
            role = role_of(arm, roles)
            marked = trial if isinstance(trial, bool) else arm in trial
            for tg in targets_for(metric, role, ben) if marked else []:
                hour = " " + t("unit_hours_short", lang)
                val = fmt.percent(tg.value, lang, 0) if share else \
                    fmt.number(tg.value, lang, 2 if tg.value % 0.5 else 1) + hour
                add_reference(fig, tg.week or 78, tg.value, f"{tg.id}: {val}",
                               row=1, col=ci, showlegend=not ref_shown, lang=lang,
                               hover=f"{tg.id} {t('trial', lang).lower()}, {t(arm, lang)}: "
                               f"{val} ({t('week', lang).lower()} {tg.week})")
                ref_shown = True
    fig.update_xaxes(title_text=week_title(weekly, lang))
    fig.update_yaxes(title_text=t(metric, lang), row=1, col=1)
    if share:
        fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    else:
        fig.update_yaxes(rangemode="tozero")
    return style(fig, lang, t(title_key or metric, lang))


def fig_status(weekly: pd.DataFrame, lang: str,
               roles: Roles | None = None) -> Figure | None:
    """Support status over weeks as stacked areas, one panel per arm (both benefits pooled)."""
    cols = [f"share_{s}" for s in STATUS_ORDER if f"share_{s}" in weekly]
    if not cols:
        return None
    arms = arm_order(weekly["arm"], roles)
    fig = Fig.grid(rows=1, cols=len(arms), shared_yaxes=True,
                   subplot_titles=[t(a, lang) for a in arms], horizontal_spacing=0.04)
    for ci, arm in enumerate(arms, start=1):
        by_week = weekly_combined(weekly[weekly["arm"] == arm], cols).groupby("week")
        for col in cols:
            comb = by_week[col].mean().reset_index()
            status = col.removeprefix("share_")
            fig.add_trace(trace("scatter", x=comb["week"], y=comb[col], stackgroup=f"s{ci}",
                                name=t(status, lang), legendgroup=status,
                                showlegend=ci == 1, mode="lines",
                                line={"width": 0.5, "color": STATUS_COLOURS[status]},
                                fillcolor=rgba(STATUS_COLOURS[status], 0.75),
                                hovertemplate="%{y:.1%}<extra>" + t(status, lang)
                                + "</extra>"), row=1, col=ci)
    fig.update_xaxes(title_text=week_title(weekly, lang))
    fig.update_yaxes(tickformat=".0%", range=[0, 1])
    return style(fig, lang, t("fig_status", lang))


def fig_funnel(funnel: pd.DataFrame, lang: str,
               roles: Roles | None = None) -> Figure | None:
    """Share reaching each funnel stage, and weeks stalled before it, per arm.

    One row of panels for benefit ``all`` when the table has it, otherwise one row per
    benefit group (kontanthjælp and ressourceforløb stall at different stages).
    """
    if funnel.empty:
        return None
    if "benefit" in funnel and (funnel["benefit"] == "all").any():
        benefits = ["all"]
    else:
        benefits = ordered(funnel["benefit"], BENEFIT_ORDER) if "benefit" in funnel else ["all"]
    arms = arm_order(funnel["arm"], roles)
    colours = arm_colours(arms, roles)
    order = funnel.groupby("stage")["order"].min().sort_values()
    stages = list(order.index)
    labels = [f"{int(order[s])}. {t(s, lang)}" for s in stages]
    titles = []
    for b in benefits:
        suffix = "" if b == "all" else f" – {t(b, lang)}"
        titles += [t("reached_share", lang) + suffix, t("mean_weeks_stalled", lang) + suffix]
    fig = Fig.grid(rows=len(benefits), cols=2, shared_yaxes=True,
                   horizontal_spacing=0.06, vertical_spacing=0.14, subplot_titles=titles)
    for ri, ben in enumerate(benefits, start=1):
        df = funnel if ben == "all" and "benefit" not in funnel else \
            funnel[funnel["benefit"] == ben]
        for arm in arms:
            a = df[df["arm"] == arm]
            for ci, metric in enumerate(("reached_share", "mean_weeks_stalled"), start=1):
                s = summarise_nonneg(a, ["stage"], metric).set_index("stage").reindex(stages)
                d3 = ".1%" if metric == "reached_share" else ".1f"
                fig.add_trace(trace("bar",
                    y=labels, x=s["mean"], orientation="h", name=t(arm, lang),
                    legendgroup=arm, showlegend=ci == 1 and ri == 1,
                    marker_color=colours[arm],
                    error_x={"type": "data", "symmetric": False,
                             "array": (s["ci_high"] - s["mean"]).to_numpy(),
                             "arrayminus": (s["mean"] - s["ci_low"]).to_numpy(),
                             "color": "#444", "thickness": 1},
                    hovertemplate=f"%{{x:{d3}}}<extra>{t(arm, lang)}</extra>"),
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
        return late, f"{week} 52–{int(late['week'].max())}, {t('citizen_weeks', lang)}"
    return pos, f"{t('all_weeks', lang)}, {t('citizen_weeks', lang)}"


def fig_hours_distribution(people: pd.DataFrame | None, weekly: pd.DataFrame | None,
                           lang: str, source: str = "journeys",
        roles: Roles | None = None) -> Figure | None:
    """Histogram of ordinary hours among those with hours, and its mean over weeks."""
    has_people = people is not None and "wage_hours" in people and (people["wage_hours"] > 0).any()
    has_weekly = weekly is not None and "mean_wage_hours_if_any" in weekly
    if not has_people and not has_weekly:
        return None
    fig = Fig.grid(rows=1, cols=2, horizontal_spacing=0.1, subplot_titles=[
        f"{t('hours_per_week', lang)} ({t('source_' + source.removesuffix('.parquet'), lang)})",
        t("mean_wage_hours_if_any", lang)])
    arms = arm_order((people if has_people else weekly)["arm"], roles)  # type: ignore[index]
    colours = arm_colours(arms, roles)
    if has_people:
        assert people is not None
        rows, what = _hours_rows(people, lang)
        for arm in arms:
            h = rows.loc[rows["arm"] == arm, "wage_hours"]
            fig.add_trace(trace("histogram", x=h, name=t(arm, lang), legendgroup=arm,
                                marker_color=colours[arm], opacity=0.7,
                                histnorm="percent", xbins={"start": 0, "end": 40, "size": 2},
                                hovertemplate="%{x} t: %{y:.1f} %<extra>"
                                + t(arm, lang) + "</extra>"), row=1, col=1)
        fig.update_layout(barmode="overlay")
        fig.update_xaxes(title_text=f"{t('hours_per_week', lang)} ({what})", row=1, col=1)
        fig.update_yaxes(title_text="%", row=1, col=1)
    if has_weekly:
        assert weekly is not None
        comb = pooling.pool(weekly, ["replication", "arm", "week"], ["mean_wage_hours_if_any"])
        summ = summarise_nonneg(comb, ["arm", "week"], "mean_wage_hours_if_any")
        for arm in arms:
            s = summ[summ["arm"] == arm].dropna(subset=["mean"])
            if not s.empty:
                add_band(fig, s, "week", t(arm, lang), colours[arm], row=1, col=2,
                          showlegend=not has_people, hover_fmt=".1f")
        fig.update_xaxes(title_text=week_title(weekly, lang), row=1, col=2)
        fig.update_yaxes(title_text=t("hours_per_week", lang), rangemode="tozero", row=1, col=2)
    return style(fig, lang, t("fig_hours_dist", lang))


def fig_wellbeing(weekly: pd.DataFrame, lang: str,
                  roles: Roles | None = None) -> Figure | None:
    """Self-efficacy, mental health, trust and capacity over weeks, per arm with CI bands."""
    shown = [m for m in ("mean_self_efficacy", "mean_mental_health", "mean_trust",
                           "mean_capacity") if m in weekly and weekly[m].notna().any()]
    if not shown:
        return None
    arms = arm_order(weekly["arm"], roles)
    colours = arm_colours(arms, roles)
    rows = (len(shown) + 1) // 2
    fig = Fig.grid(rows=rows, cols=2, subplot_titles=[t(m, lang) for m in shown],
                   vertical_spacing=0.14, horizontal_spacing=0.08)
    pooled = weekly_combined(weekly, shown)
    for i, m in enumerate(shown):
        r, c = i // 2 + 1, i % 2 + 1
        summ = summarise_nonneg(pooled, ["arm", "week"], m)
        for arm in arms:
            s = summ[summ["arm"] == arm]
            add_band(fig, s, "week", t(arm, lang), colours[arm], row=r, col=c,
                      showlegend=i == 0, hover_fmt=".2f")
        fig.update_xaxes(title_text=week_title(weekly, lang), row=r, col=c)
    return style(fig, lang, t("fig_wellbeing", lang), height=300 * rows + 60)
