"""Run figures of people: subgroups by gender and age, and one citizen's journey.

Pure: citizen-level rows (the panel or the journeys sample) in, figures or sentences out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from jobfirst_sim import fmt
from jobfirst_sim.report.figdata import Fig, Figure, error_bars, trace
from jobfirst_sim.report.figures.base import (
    STATUS_COLOURS,
    Roles,
    arm_colours,
    arm_order,
    rgba,
    style,
)
from jobfirst_sim.report.labels import has, t
from jobfirst_sim.stats import wilson_interval


def age_band(age: pd.Series) -> pd.Series:
    """Age bands used in the trial's reporting: 30–39, 40–49, 50–59, 60+ (and <30)."""
    bins = [0, 30, 40, 50, 60, 200]
    labels = ["<30", "30–39", "40–49", "50–59", "60+"]
    return pd.cut(age.astype(float), bins=bins, labels=labels, right=False).astype(str)


def fig_subgroup_people(people: pd.DataFrame, lang: str,
                        roles: Roles | None = None) -> Figure | None:
    """Share with ordinary hours at week 78 (or the last week) by gender and age band.

    The rows are sampled citizens (the journeys sample or the panel, pooled over
    replications), so each bar is a sample proportion ``k / n``: its error bar is the 95 %
    Wilson score interval (:func:`jobfirst_sim.stats.wilson_interval`) and the hover gives
    ``n``, so a bar standing on a dozen people shows how little it says.
    """
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
    arms = arm_order(d["arm"], roles)
    colours = arm_colours(arms, roles)
    fig = Fig.grid(rows=1, cols=len(groups), subplot_titles=[t(g, lang) for g in groups],
                   horizontal_spacing=0.08, shared_yaxes=True)
    for ci, g in enumerate(groups, start=1):
        cats = sorted(d[g].astype(str).unique())
        for arm in arms:
            a = d[d["arm"] == arm].groupby(g)["has_hours"].agg(["sum", "count"]).reindex(
                cats).fillna(0)
            share, low, high = wilson_interval(a["sum"], a["count"])
            fig.add_trace(trace("bar", x=[t(c, lang) for c in cats], y=share,
                                name=t(arm, lang), legendgroup=arm, showlegend=ci == 1,
                                offsetgroup=arm, marker_color=colours[arm],
                                customdata=np.stack([a["count"], low, high], axis=-1),
                                error_y=error_bars(share, low, high),
                                hovertemplate="%{y:.1%} [%{customdata[1]:.1%}; "
                                "%{customdata[2]:.1%}] (n = %{customdata[0]})<extra>"
                                + t(arm, lang) + "</extra>"), row=1, col=ci)
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    fig.update_layout(barmode="group")
    title = t("fig_subgroup_panel", lang)
    if week != 78:
        title = title.replace("78", str(week))
    n = d[["replication", "arm", "citizen_id"]].drop_duplicates().shape[0] \
        if "citizen_id" in d else len(d)
    title += " · " + t("sample_n", lang, n=fmt.number(n, lang, 0))  # a sample: say how big
    return style(fig, lang, title, height=380)


HOURS_CHANGE_TOLD = 2.0
"""A change of ordinary hours (h/week) the narrative tells. Why 2: in the model hours move
only by a progression step (``behaviour.hours.step``, 6.3 h by default) cut short by the
citizen's capacity, or drop to 0 when the job ends; every whole step clears 2 h, while a
step capacity cut to under 2 h (a rise of an hour or so, written with one decimal) is
detail a reader of the story does not need. The run report and the workshop's citizen
story share this threshold because they share this function."""

STAGE_TOLD_BY: dict[str, tuple[str, ...]] = {
    "placement": ("j_placement_start",), "hours": ("j_first_hours",),
    "rising": ("j_hours_change", "j_first_hours")}
"""A funnel stage reached in the week its event is already told (a placement starts, the
first hours, a step up, or first hours that already include the step) is not told twice."""


def journey_events(person: pd.DataFrame, lang: str) -> list[str]:
    """A week-by-week narrative of one citizen: placements, hours, contacts, status, stages.

    Pure: the rows of one citizen (journeys or panel columns; any column but ``week`` and
    ``wage_hours`` may be missing) in, sentences in ``lang`` out. The run report tells its
    journey with it, and the workshop tells its citizen's story with it from the rows the
    engine stores with a team's result (:func:`jobfirst_sim.app.workshop.engine.run.journey`).
    """
    p = person.sort_values("week").reset_index(drop=True)
    if p.empty:
        return []
    out = [_journey_start(p.iloc[0], lang)]
    prev = None
    for _, row in p.iterrows():
        if prev is not None:
            out += _week_events(prev, row, lang)
        prev = row
    last = p.iloc[-1]
    out.append(t("j_end", lang, w=int(last["week"]),
                 status=t(str(last.get("status", "")), lang).lower(),
                 h=fmt.number(float(last["wage_hours"]), lang)))
    return out


def _journey_start(first: pd.Series, lang: str) -> str:
    """The first sentence: who starts; in calendar mode an inflow citizen's arrival (weeks
    after the change) or a stock citizen's years on public support before it."""
    w = int(first["week"])
    kw = {"w": w, "benefit": t(str(first.get("benefit", "")), lang),
          "municipality": first.get("municipality", "–"), "age": first.get("age", "–")}
    if first.get("cohort") == "inflow" and "start_week" in first:
        return t("j_start_inflow", lang, after=int(first["start_week"]), **kw)
    if first.get("cohort") == "stock" and "weeks_on_benefit" in first:  # 0 for the others
        years = fmt.number(float(first["weeks_on_benefit"]) / 52, lang, 1)
        return t("j_start_stock", lang, years=years, **kw)
    return t("j_start", lang, **kw)


def _week_events(prev: pd.Series, row: pd.Series, lang: str) -> list[str]:
    """What changed from one week's row to the next, as sentences of the later week."""
    w = int(row["week"])
    told: dict[str, str] = {}
    inp, was = bool(row.get("in_placement", False)), bool(prev.get("in_placement", False))
    if inp and not was:
        sector = row.get("company_sector")
        sec = f"{t(sector, lang)}, " if isinstance(sector, str) and sector else ""
        purpose = str(row.get("placement_purpose") or "–")
        told["j_placement_start"] = t("j_placement_start", lang, w=w, sector=sec,
                                      purpose=t(purpose, lang).lower())
    elif was and not inp:
        told["j_placement_end"] = t("j_placement_end", lang, w=w)
    h, hp = float(row["wage_hours"]), float(prev["wage_hours"])
    if h > 0 and hp == 0:
        told["j_first_hours"] = t("j_first_hours", lang, w=w, h=fmt.number(h, lang))
    elif h == 0 and hp > 0:
        told["j_hours_stop"] = t("j_hours_stop", lang, w=w)
    elif h > 0 and abs(h - hp) >= HOURS_CHANGE_TOLD:
        told["j_hours_change"] = t("j_hours_change", lang, w=w, a=fmt.number(hp, lang),
                                   b=fmt.number(h, lang))
    if "contact_changes" in row and row["contact_changes"] > prev["contact_changes"]:
        told["j_contact_change"] = t("j_contact_change", lang, w=w,
                                     n=int(row["contact_changes"]))
    if "status" in row and row["status"] != prev["status"]:
        told["j_status"] = t("j_status", lang, w=w, a=t(str(prev["status"]), lang).lower(),
                             b=t(str(row["status"]), lang).lower())
    stage = row.get("stage")
    if isinstance(stage, str) and stage and stage != prev.get("stage") \
            and not set(STAGE_TOLD_BY.get(stage, ())) & set(told):
        key = f"j_stage_{stage}" if has(f"j_stage_{stage}") else "j_stage"
        if stage == "hours" and h == 0:  # a job started and lost in the same week
            key = "j_stage_hours_lost"
        told[key] = t(key, lang, w=w, stage=t(stage, lang))
    return list(told.values())


def fig_journey(person: pd.DataFrame, lang: str, cid: object = "") -> Figure | None:
    """One citizen week by week: hours as bars, well-being as lines, status as background."""
    if person.empty:
        return None
    p = person.sort_values("week")
    fig = Fig.grid(secondary_y=True)
    fig.add_trace(trace("bar", x=p["week"], y=p["wage_hours"], name=t("wage_hours", lang),
                        marker_color="#0b6e8a"), secondary_y=False)
    if "placement_hours" in p:
        fig.add_trace(trace("bar", x=p["week"], y=p["placement_hours"],
                            name=t("placement_hours", lang),
                            marker_color="#9ccfd8"), secondary_y=False)
    if "capacity" in p:
        fig.add_trace(trace("scatter", x=p["week"], y=p["capacity"], name=t("capacity", lang),
                            line={"color": "#333", "dash": "dot", "width": 1.5}),
                      secondary_y=False)
    for col, colour in (("self_efficacy", "#e07a1f"), ("mental_health", "#6a4c93"),
                        ("trust", "#2a9d8f")):
        if col in p:
            fig.add_trace(trace("scatter", x=p["week"], y=p[col], name=t(col, lang),
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
                              fillcolor=rgba(STATUS_COLOURS.get(st, "#cccccc"), 0.15),
                              annotation_text=t(st, lang),
                              annotation_font_size=10)
                if i < len(weeks):
                    seg_start = weeks[i]
    fig.update_layout(barmode="stack", bargap=0.05)
    fig.update_xaxes(title_text=t("week", lang))
    fig.update_yaxes(title_text=t("hours_per_week", lang), rangemode="tozero", secondary_y=False)
    fig.update_yaxes(title_text=t("value", lang), secondary_y=True, showgrid=False,
                     rangemode="tozero", tickformat=".2f")
    return style(fig, lang, t("fig_journey", lang, cid=cid), height=440)
