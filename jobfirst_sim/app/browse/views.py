"""The browser's figures: runs side by side, outcomes, subgroups (a sweep's design points:
:mod:`.sweeps`).

Each function queries only the rows it needs (:mod:`.data`) and draws with the report's
pure figure functions, so the app and the report agree. Arm roles (for trial marks and
colours) come from each run's manifest.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

import jobfirst_sim.app.browse.data as data
from jobfirst_sim import fmt, pooling
from jobfirst_sim.app.browse.data import (
    PANEL_WEEKLY,
    Entry,
    person_weekly,
    query,
)
from jobfirst_sim.metrics import is_share
from jobfirst_sim.report import figures as F
from jobfirst_sim.report.figdata import Fig, Figure, merge, trace
from jobfirst_sim.report.labels import t
from jobfirst_sim.report.sweep_figures import clip_to_bounds


def entry_roles(entry: Entry) -> dict[str, str]:
    """The entry's declared arm roles (:func:`.data.entry_roles`); none when the manifest
    cannot be read at all (nested too deep): the figure is drawn without trial marks and
    the page's problem box names the manifest."""
    try:
        return data.entry_roles(entry)
    except RecursionError:
        return {}


def arm_word(arm: Any, labels: dict[str, str], lang: str) -> str:
    """An arm in the legend: the scenario's label (``labels``), else the catalog's word."""
    return labels.get(str(arm)) or t(str(arm), lang)


def palette_roles(entries: list[Entry]) -> dict[str, str]:
    """Every shown run's arms with their declared roles, in the order the runs and their
    manifests give them (the first run naming an arm decides its role): the key of
    :func:`jobfirst_sim.report.figures.arm_colours`, so an arm wears one colour in the
    weekly lines, the outcome bars and the subgroup curves, whatever subset each shows."""
    out: dict[str, str] = {}
    for e in entries:
        for arm, role in entry_roles(e).items():
            out.setdefault(arm, role)
    return out


def weekly_compare(entries: list[Entry], metric: str, benefit: str, weeks: tuple[int, int],
                   lang: str, point: int | None = None, municipality: str = "all"
                   ) -> tuple[Figure, str]:
    """Weekly metric of several runs (or one sweep point) side by side, arms as lines.

    With a municipality chosen, curves come from the run's panel (or, failing that, its
    journeys sample); the returned note says which, or why a run has no such curve. The
    trial's published figures are drawn only on arms of runs that are the trial replica
    (``run.compare_with_trial``), never on a what-if run or a sweep point.
    """
    frames = []
    notes: list[str] = []
    roles: dict[str, str] = {}
    trial_arms: set[str] = set()  # shown arms of trial-replica runs: only they get marks
    sampled: dict[str, int] = {}
    sources: set[str] = set()
    arm_of: dict[str, str] = {}  # shown name -> the arm it is (its colour)
    dashes: dict[str, str] = {}  # shown name -> its run's line style
    legend: dict[str, str] = {}  # shown name -> its words in the legend
    for i, e in enumerate(entries):
        labels = data.entry_arm_names(e, lang)
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
            notes.append(f"{e.name}: {municipality} – {t(src, lang)}")
            if w.empty:
                continue
            sources.add(src)
            for a, n in w.groupby("arm")["n"].max().items():
                name = arm_word(a, labels, lang)
                sampled[f"{e.name}: {name}" if len(entries) > 1 else name] = int(n)
            w["benefit"] = "all"
        else:
            if e.kind == "sweep":
                where["point"] = point
            w = query(e.path / "weekly.parquet", where,
                      ["replication", "arm", "benefit", "week", *pooling.columns_for([metric])])
        if w.empty or metric not in w:
            continue
        label = e.name if e.kind == "run" else f"{t('design_point', lang)} {point}"
        prefix = len(entries) > 1 or e.kind == "sweep"
        own = entry_roles(e)
        shown = {str(a): f"{label}: {arm_word(a, labels, lang)}" if prefix else str(a)
                 for a in w["arm"].unique()}
        legend.update({v: v if prefix else arm_word(a, labels, lang) for a, v in shown.items()})
        roles.update({shown[a]: F.role_of(a, own) for a in shown})
        arm_of.update({v: a for a, v in shown.items()})
        dashes.update({v: F.RUN_DASHES[i % len(F.RUN_DASHES)] for v in shown.values()})
        if data.entry_compares_with_trial(e):
            trial_arms.update(shown.values())
        w["arm"] = w["arm"].astype(str).map(shown)
        frames.append(w)
    if not frames:
        return empty(lang), "; ".join(notes)
    w = pd.concat(frames, ignore_index=True)
    if benefit == "all" or municipality != "all":
        w = pooling.pool(w, ["replication", "arm", "week"], [metric])
        w["benefit"] = "all" if benefit == "all" else benefit
    known = palette_roles(entries)
    palette = F.arm_colours(list(dict.fromkeys(arm_of.values())), known)
    fig = F.fig_weekly_metric(w, metric, lang, roles=roles, trial=trial_arms,
                              colours={v: palette[a] for v, a in arm_of.items()},
                              dashes=dashes if len(entries) > 1 else None,
                              names=legend)
    if fig is not None and sampled:
        fig = mark_sample(fig, sampled, lang, sources.pop() if len(sources) == 1 else "journeys")
    return (fig if fig is not None else empty(lang)), "; ".join(notes)


def mark_sample(fig: Figure, counts: dict[str, int], lang: str,
                source: str = "journeys") -> Figure:
    """A figure drawn from sampled citizens: its N on the figure, no national trial marks.

    Why: a municipality's curve from 19 sampled citizens is not comparable with the trial's
    national figures, and a manager must see how few people a curve stands on.
    """
    fig["data"] = [tr for tr in fig["data"] if tr.get("legendgroup") != "_trial"]
    key = "browse_sample_n" if source == "journeys" else "subset_n"
    text = t(key, lang, counts=", ".join(f"{k} {v}" for k, v in counts.items()))
    fig["layout"].setdefault("annotations", []).append(
        {"text": text, "xref": "paper", "yref": "paper", "x": 0.0, "y": 1.0,
         "xanchor": "left", "yanchor": "bottom", "showarrow": False,
         "font": {"size": 12, "color": "#7a2e00"}})
    merge(fig["layout"], {"margin": {"t": 110}})
    return fig


def outcome_compare(entries: list[Entry], metric: str, benefit: str, municipality: str,
                    lang: str) -> Figure:
    """One outcome per run × arm with 95 % CI, for the chosen municipality and benefit."""
    rows = []
    roles = palette_roles([e for e in entries if e.kind == "run"])
    for e in entries:
        if e.kind != "run":
            continue
        o = query(e.path / "outcomes.parquet",
                  {"metric": metric, "benefit": benefit, "municipality": municipality},
                  ["replication", "arm", "value"])
        if o.empty:
            continue
        # the interval cut at what the metric can be (a share never above 100 %)
        s = clip_to_bounds(F.summarise_nonneg(o, ["arm"], "value"), metric, False)
        s["run"] = e.name
        rows.append(s)
    if not rows:
        return empty(lang)
    s = pd.concat(rows, ignore_index=True)
    arms = F.arm_order(s["arm"], roles)
    colours = F.arm_colours(arms, roles)
    labels: dict[str, str] = {}
    for e in entries:  # the first run that labels an arm names it, as it decides its role
        labels = {**data.entry_arm_names(e, lang), **labels}
    fig = Fig()
    for arm in arms:
        a = s[s["arm"] == arm]
        fig.add_trace(trace("bar", x=a["run"], y=a["mean"], name=arm_word(arm, labels, lang),
                            marker_color=colours[arm],
                            error_y={"type": "data", "symmetric": False,
                                     "array": (a["ci_high"] - a["mean"]).to_numpy(),
                                     "arrayminus": (a["mean"] - a["ci_low"]).to_numpy()}))
    fig.update_layout(barmode="group")
    if is_share(metric):
        fig.update_yaxes(tickformat=".0%")
    title = f"{t(metric, lang)} – {t(municipality, lang)}, {t(benefit, lang).lower()}"
    said = [line for e in entries if (line := headline_line(e, metric, lang))]
    if said and benefit == "all" and municipality == "all":
        title += "<br><sup>" + " · ".join(said) + "</sup>"
    return F.style(fig, lang, title, height=380)


def headline_line(entry: Entry, metric: str, lang: str) -> str:
    """The run's ``headline`` block (summary.json, a two-arm file) in one line when it is
    of ``metric``: the paired difference with its interval, as compare reports it."""
    try:
        block = json.loads((entry.path / "summary.json").read_text(encoding="utf-8"))
        block = block.get("headline") if isinstance(block, dict) else None
    except (OSError, ValueError, RecursionError):
        return ""
    if not isinstance(block, dict) or block.get("metric") != metric:
        return ""
    def pts(key: str) -> str:
        value = block.get(key)
        return fmt.points(float("nan") if value is None else float(value), lang, 1)
    return t("browse_headline", lang, run=entry.name, difference=pts("difference"),
             low=pts("ci_low"), high=pts("ci_high"))


def subgroup_weekly(entry: Entry, gender: str, age: str, municipality: str, benefit: str,
                    weeks: tuple[int, int], lang: str) -> tuple[Figure, str]:
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
        return empty(lang), note
    p["has"] = (p["wage_hours"] > 0).astype(float)
    per = p.groupby(["replication", "arm", "week"], as_index=False).agg(
        share_wage_hours=("has", "mean"))
    per["benefit"] = "all"
    labels = data.entry_arm_names(entry, lang)
    names = {str(a): arm_word(a, labels, lang) for a in per["arm"].unique()}
    fig = F.fig_weekly_metric(per, "share_wage_hours", lang, roles=entry_roles(entry),
                              trial=data.entry_compares_with_trial(entry), names=names)
    if fig is None:
        return empty(lang), note
    if source == "journeys" or gender != "all" or age != "all" or municipality != "all":
        n_arm = p[["replication", "arm", "citizen_id"]].drop_duplicates().groupby(
            ["arm", "replication"]).size().groupby(level="arm").max()
        fig = mark_sample(fig, {names.get(str(a), str(a)): int(n) for a, n in n_arm.items()},
                          lang, source)
    fig["layout"]["title"]["text"] = (
        f"{t('share_wage_hours', lang)} – {t(source, lang)}: "
        f"{t('gender', lang).lower()} {t(gender, lang).lower()}, "
        f"{t('age_band', lang).lower()} {t(age, lang)}")
    return fig, note


def empty(lang: str) -> Figure:
    """A blank figure saying there is no data (a callback must always return a figure)."""
    fig = Fig()
    fig.update_layout(annotations=[{"text": t("no_data_for", lang), "showarrow": False,
                                    "x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper",
                                    "font": {"size": 16}}])
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return F.style(fig, lang, "", height=300)
