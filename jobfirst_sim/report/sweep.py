"""The report of a sweep directory: lever effects, a two-lever heat map, sensitivity, table.

Reads the consolidated tables written by :mod:`jobfirst_sim.run.sweep` (docs/sweeps.md):
``experiments.parquet`` (one row per run with lever values and status), ``outcomes.parquet``,
``summary.parquet``, ``sensitivity.parquet`` and ``weekly.parquet``, plus ``manifest.json``
for the declared outcomes. Only the columns and rows needed are read (pyarrow filters), so
a 1,000-run sweep reports in seconds. Anything absent is listed, never a traceback.

Why paired effects: every design point of a sweep meets the same citizens and companies in
replication r (common random numbers), so the difference between two points *within* a
replication cancels most noise; the interval is a t-interval over replications of the
paired differences.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pyarrow.dataset as ds
from plotly.subplots import make_subplots

from jobfirst_sim.report.data import Problem, read_table
from jobfirst_sim.report.figures import PALETTE, _rgba, arm_colours, style
from jobfirst_sim.report.html import Section, esc, render_page, table_html, write_atomic
from jobfirst_sim.report.labels import check_lang, fmt_num, t
from jobfirst_sim.report.run import ReportResult, _guard, missing_box
from jobfirst_sim.report.stats import summarise, t_interval

KEY_COLUMNS = ("point", "replication", "status")
MAX_LEVELS_PAIRED = 8  # more distinct values than this is a continuous lever: no pairs
MAX_TABLE_ROWS = 2000


@dataclass
class SweepData:
    """What a sweep directory offers the report."""

    path: Path
    manifest: dict[str, Any] = field(default_factory=dict)
    experiments: pd.DataFrame | None = None
    levers: list[str] = field(default_factory=list)
    outcome_specs: dict[str, dict[str, Any]] = field(default_factory=dict)
    values: pd.DataFrame | None = None  # point, replication, outcome, value
    summary: pd.DataFrame | None = None
    sensitivity: pd.DataFrame | None = None
    problems: list[Problem] = field(default_factory=list)


def lever_label(name: str, lang: str) -> str:
    """A short readable lever name: the last dotted part, translated if known."""
    return t(name.rsplit(".", 1)[-1], lang)


def _default_specs() -> dict[str, dict[str, Any]]:
    return {"share_with_hours_w78": {"metric": "share_with_hours_w78", "arm": "jobfirst",
                                     "benefit": "all", "municipality": "all",
                                     "minus_arm": None, "direction": "maximize"}}


def outcome_values(path: Path, specs: dict[str, dict[str, Any]],
                   problems: list[Problem]) -> pd.DataFrame | None:
    """Per-run values of each declared outcome (with ``minus_arm`` differences paired
    within the run), read with a metric filter so only the needed rows are loaded."""
    f = path / "outcomes.parquet"
    if not f.exists():
        problems.append(Problem("outcomes.parquet", "missing_file"))
        return None
    metrics = sorted({str(s.get("metric")) for s in specs.values()})
    try:
        df = ds.dataset(f).to_table(
            filter=ds.field("metric").isin(metrics),
            columns=["point", "replication", "arm", "benefit", "municipality", "metric",
                     "value"]).to_pandas()
    except Exception as exc:  # corrupt or old file: explain, do not crash
        problems.append(Problem("outcomes.parquet", "unreadable_file", str(exc)[:200]))
        return None
    frames = []
    for name, s in specs.items():
        sel = df[(df["metric"] == s.get("metric")) & (df["benefit"] == s.get("benefit", "all"))
                 & (df["municipality"] == s.get("municipality", "all"))]
        a = sel[sel["arm"] == s.get("arm")].set_index(["point", "replication"])["value"]
        if s.get("minus_arm"):
            a = a - sel[sel["arm"] == s["minus_arm"]].set_index(["point", "replication"])["value"]
        fr = a.rename("value").reset_index()
        fr["outcome"] = name
        frames.append(fr)
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if out.empty or out["value"].notna().sum() == 0:
        problems.append(Problem("outcomes.parquet", "empty_table",
                                "no rows for the declared outcomes"))
        return None
    return out


def load_sweep(path: Path) -> SweepData:
    """Load a sweep directory; every problem is recorded, nothing raises."""
    data = SweepData(path=path)
    mpath = path / "manifest.json"
    if mpath.exists():
        try:
            data.manifest = json.loads(mpath.read_text(encoding="utf-8"))
        except ValueError as exc:
            data.problems.append(Problem("manifest.json", "unreadable_file", str(exc)[:200]))
    else:
        data.problems.append(Problem("manifest.json", "missing_file"))
    data.experiments = read_table(path / "experiments.parquet", ("point", "replication"),
                                  data.problems)
    if data.experiments is not None:
        data.levers = [c for c in data.experiments.columns if c not in KEY_COLUMNS]
        if "status" in data.experiments:
            bad = data.experiments[data.experiments["status"] != "ok"]
            if len(bad):
                data.problems.append(Problem(
                    "experiments.parquet", "runs not finished",
                    ", ".join(f"{k}: {v}" for k, v in bad["status"].value_counts().items())))
    specs = data.manifest.get("outcomes")
    data.outcome_specs = specs if isinstance(specs, dict) and specs else _default_specs()
    data.values = outcome_values(path, data.outcome_specs, data.problems)
    data.summary = read_table(path / "summary.parquet", ("outcome", "point", "mean"),
                              data.problems)
    spath = path / "sensitivity.parquet"
    if spath.exists():
        data.sensitivity = read_table(spath, ("outcome", "parameter", "index", "value"),
                                      data.problems)
    return data


def _with_levers(values: pd.DataFrame, experiments: pd.DataFrame, levers: list[str]
                 ) -> pd.DataFrame:
    lv = experiments[["point", *levers]].drop_duplicates("point")
    return values.merge(lv, on="point", how="left")


def paired_effects(values: pd.DataFrame, experiments: pd.DataFrame, levers: list[str]
                   ) -> pd.DataFrame:
    """Effect of each lever level against the lever's first level, paired by replication.

    For lever L and level ℓ, every pair of design points equal in all other levers and
    with L = baseline vs L = ℓ gives one difference per replication; differences are
    averaged within a replication, then a t-interval is taken over replications.
    Continuous levers (more than ``MAX_LEVELS_PAIRED`` values) have no such pairs.
    """
    df = _with_levers(values, experiments, levers)
    rows = []
    for lever in levers:
        levels = sorted(df[lever].dropna().unique().tolist(), key=_sort_key)
        if len(levels) < 2 or len(levels) > MAX_LEVELS_PAIRED:
            continue
        others = [x for x in levers if x != lever]
        base = levels[0]
        for outcome, d in df.groupby("outcome", sort=False):
            key = [*others, "replication"] if others else ["replication"]
            d = d.copy()
            for o in others:  # NaN-safe grouping keys
                d[o] = d[o].astype(str)
            b = d[d[lever] == base].set_index(key)["value"]
            for lvl in levels[1:]:
                x = d[d[lever] == lvl].set_index(key)["value"]
                diff = (x - b).dropna()
                if diff.empty:
                    continue
                per_rep = diff.groupby(level="replication").mean()
                m, lo, hi = t_interval(per_rep.to_numpy())
                rows.append({"lever": lever, "level": lvl, "baseline": base,
                             "outcome": outcome, "effect": m, "ci_low": lo, "ci_high": hi,
                             "n_replications": len(per_rep), "n_pairs": len(diff)})
    return pd.DataFrame(rows, columns=["lever", "level", "baseline", "outcome", "effect",
                                       "ci_low", "ci_high", "n_replications", "n_pairs"])


def _sort_key(v: Any) -> tuple[int, Any]:
    if isinstance(v, bool | np.bool_):
        return (0, int(v))
    if isinstance(v, int | float | np.number):
        return (0, float(v))
    return (1, str(v))


def _level_text(v: Any, lang: str) -> str:
    if isinstance(v, bool | np.bool_):
        return ("ja" if v else "nej") if lang == "da" else ("yes" if v else "no")
    if isinstance(v, float | np.floating):
        return fmt_num(float(v), lang, 2)
    return t(str(v), lang)


def _outcome_label(name: str, spec: dict[str, Any], lang: str) -> str:
    metric = str(spec.get("metric", name))
    label = t(metric, lang) if metric != name else t(name, lang)
    arm = spec.get("arm")
    if spec.get("minus_arm"):
        label += f" ({t(str(arm), lang)} − {t(str(spec['minus_arm']), lang)})"
    elif arm:
        label += f" ({t(str(arm), lang)})"
    return label


def fig_effects(effects: pd.DataFrame, specs: dict[str, dict[str, Any]], lang: str
                ) -> go.Figure | None:
    """Forest plot: each lever level's paired effect vs the lever's baseline, per outcome."""
    if effects.empty:
        return None
    outcomes = list(dict.fromkeys(effects["outcome"]))
    fig = make_subplots(rows=1, cols=len(outcomes), shared_yaxes=True, horizontal_spacing=0.04,
                        subplot_titles=[_outcome_label(o, specs.get(o, {}), lang)
                                        for o in outcomes])
    levers = list(dict.fromkeys(effects["lever"]))
    colours = {lv: PALETTE[i % len(PALETTE)] for i, lv in enumerate(levers)}
    for ci, o in enumerate(outcomes, start=1):
        e = effects[effects["outcome"] == o]
        for lv in levers:
            s = e[e["lever"] == lv]
            if s.empty:
                continue
            ylab = [f"{lever_label(lv, lang)}: {_level_text(r.level, lang)} vs "
                    f"{_level_text(r.baseline, lang)}" for r in s.itertuples()]
            fig.add_trace(go.Scatter(
                x=s["effect"], y=ylab, mode="markers", name=lever_label(lv, lang),
                legendgroup=lv, showlegend=ci == 1, marker={"size": 10, "color": colours[lv]},
                error_x={"type": "data", "symmetric": False,
                         "array": (s["ci_high"] - s["effect"]).to_numpy(),
                         "arrayminus": (s["effect"] - s["ci_low"]).to_numpy(),
                         "color": colours[lv], "thickness": 1.5},
                customdata=np.stack([s["ci_low"], s["ci_high"], s["n_replications"]], axis=-1),
                hovertemplate="%{x:.3f} [%{customdata[0]:.3f}; %{customdata[1]:.3f}], "
                              "n = %{customdata[2]}<extra></extra>"), row=1, col=ci)
        fig.add_vline(x=0, line={"color": "#444", "width": 1}, row=1, col=ci)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text=t("effect", lang))
    n = effects.groupby("outcome").size().max()
    return style(fig, lang, t("fig_effects", lang), height=max(340, 34 * int(n) + 180))


def _binned(col: pd.Series, lang: str) -> pd.Series:
    """Levers with many values (LHS, Sobol) are cut into 5 quantile bins for the heat map."""
    if col.nunique() <= 12 or not pd.api.types.is_numeric_dtype(col):
        return col.map(lambda v: _level_text(v, lang))
    bins = pd.qcut(col.astype(float), 5, duplicates="drop")
    return bins.map(lambda iv: f"{fmt_num(iv.left, lang, 2)}–{fmt_num(iv.right, lang, 2)}"
                    ).astype(str)


def choose_heat_levers(experiments: pd.DataFrame, levers: list[str]) -> tuple[str, str] | None:
    """The two levers for the heat map: the varying ones with the most levels (≤ 12) first."""
    varying = [lv for lv in levers if experiments[lv].nunique() > 1]
    if len(varying) < 2:
        return None
    varying.sort(key=lambda lv: (experiments[lv].nunique() > 12, -experiments[lv].nunique()))
    return varying[0], varying[1]


def fig_heatmap(values: pd.DataFrame, experiments: pd.DataFrame, a: str, b: str,
                outcome: str, spec: dict[str, Any], lang: str) -> go.Figure | None:
    """Mean outcome for each combination of two levers (averaged over the other levers)."""
    df = _with_levers(values[values["outcome"] == outcome], experiments, [a, b])
    if df.empty:
        return None
    order_a = sorted(df[a].dropna().unique().tolist(), key=_sort_key)
    order_b = sorted(df[b].dropna().unique().tolist(), key=_sort_key)
    df["_a"], df["_b"] = _binned(df[a], lang), _binned(df[b], lang)
    cats_a = list(dict.fromkeys(_binned(pd.Series(order_a), lang)))
    cats_b = list(dict.fromkeys(_binned(pd.Series(order_b), lang)))
    if df[a].nunique() > 12:
        cats_a = sorted(df["_a"].unique(), key=lambda s: float(s.split("–")[0].replace(",", ".")))
    if df[b].nunique() > 12:
        cats_b = sorted(df["_b"].unique(), key=lambda s: float(s.split("–")[0].replace(",", ".")))
    g = df.groupby(["_b", "_a"])["value"].agg(["mean", "count"]).reset_index()
    z = g.pivot(index="_b", columns="_a", values="mean").reindex(index=cats_b, columns=cats_a)
    n = g.pivot(index="_b", columns="_a", values="count").reindex(index=cats_b, columns=cats_a)
    share = "share" in str(spec.get("metric", outcome))
    fmt = ".1%" if share else ".2f"
    fig = go.Figure(go.Heatmap(
        z=z.to_numpy(), x=cats_a, y=cats_b, customdata=n.fillna(0).to_numpy(),
        colorscale="Viridis", texttemplate=f"%{{z:{fmt}}}",
        colorbar={"tickformat": ".0%" if share else None},
        hovertemplate=f"%{{x}} · %{{y}}: %{{z:{fmt}}} (n = %{{customdata}})<extra></extra>"))
    fig.update_xaxes(title_text=lever_label(a, lang), type="category")
    fig.update_yaxes(title_text=lever_label(b, lang), type="category")
    title = t("fig_heatmap", lang, outcome=_outcome_label(outcome, spec, lang),
              a=lever_label(a, lang), b=lever_label(b, lang))
    return style(fig, lang, title, height=max(360, 40 * len(cats_b) + 200))


def fig_tornado(sens: pd.DataFrame, outcome: str, spec: dict[str, Any], lang: str
                ) -> go.Figure | None:
    """Sobol (S1 and ST) or Morris (μ* and σ) per parameter, largest at the top."""
    s = sens[sens["outcome"] == outcome]
    if s.empty:
        return None
    method = str(s["method"].iloc[0]) if "method" in s else ""
    shown: tuple[str, ...] = ("ST", "S1") if method == "sobol" else ("mu_star", "sigma")
    shown = tuple(i for i in shown if (s["index"] == i).any()) or tuple(s["index"].unique()[:2])
    main = s[s["index"] == shown[0]].set_index("parameter")["value"].abs()
    order = main.sort_values(ascending=True).index.tolist()
    fig = go.Figure()
    names = {"ST": "ST (total)", "S1": "S1 (first order)", "mu_star": "μ*", "sigma": "σ",
             "mu": "μ"}
    for i, idx in enumerate(shown):
        d = s[s["index"] == idx].set_index("parameter").reindex(order)
        conf = d["conf"].fillna(0).to_numpy() if "conf" in d else None
        fig.add_trace(go.Bar(
            y=[lever_label(p, lang) for p in order], x=d["value"], orientation="h",
            name=names.get(str(idx), str(idx)), marker_color=PALETTE[i],
            error_x=None if conf is None else {"type": "data", "array": conf, "color": "#444"},
            hovertemplate="%{y}: %{x:.3f}<extra>" + names.get(str(idx), str(idx)) + "</extra>"))
    fig.update_layout(barmode="group")
    fig.update_xaxes(title_text=f"{t('importance', lang)} ({method or '?'})")
    title = t("fig_tornado", lang, outcome=_outcome_label(outcome, spec, lang))
    return style(fig, lang, title, height=max(320, 46 * len(order) + 170))


def fig_points(values: pd.DataFrame, experiments: pd.DataFrame, levers: list[str],
               outcome: str, spec: dict[str, Any], lang: str) -> go.Figure | None:
    """Each design point's mean outcome (with CI) against each lever's value."""
    varying = [lv for lv in levers if experiments[lv].nunique() > 1][:6]
    if not varying:
        return None
    per = summarise(values[values["outcome"] == outcome], ["point"], "value")
    per = per.merge(experiments[["point", *varying]].drop_duplicates("point"), on="point")
    cols = min(3, len(varying))
    rows = (len(varying) + cols - 1) // cols
    fig = make_subplots(rows=rows, cols=cols, shared_yaxes=True, vertical_spacing=0.18,
                        subplot_titles=[lever_label(lv, lang) for lv in varying])
    share = "share" in str(spec.get("metric", outcome))
    for i, lv in enumerate(varying):
        r, c = i // cols + 1, i % cols + 1
        x = per[lv].map(lambda v: _level_text(v, lang)) if per[lv].dtype == bool else per[lv]
        fig.add_trace(go.Scatter(
            x=x, y=per["mean"], mode="markers", showlegend=False,
            marker={"size": 8, "color": _rgba(PALETTE[0], 0.75)},
            error_y={"type": "data", "symmetric": False,
                     "array": (per["ci_high"] - per["mean"]).fillna(0).to_numpy(),
                     "arrayminus": (per["mean"] - per["ci_low"]).fillna(0).to_numpy(),
                     "color": _rgba(PALETTE[0], 0.35)},
            customdata=per["point"],
            hovertemplate=t("design_point", lang) + " %{customdata}: %{y:.3f}<extra></extra>"),
            row=r, col=c)
    if share:
        fig.update_yaxes(tickformat=".0%")
    title = t("fig_sweep_scatter", lang, outcome=_outcome_label(outcome, spec, lang),
              lever=t("lever", lang).lower())
    return style(fig, lang, title, height=300 * rows + 120)


def fig_sweep_weekly(path: Path, points: list[int], lang: str, metric: str = "share_wage_hours",
                     arm: str | None = None) -> go.Figure | None:
    """Weekly curves of a few design points (both benefits pooled), read with a point filter."""
    f = path / "weekly.parquet"
    if not f.exists() or not points:
        return None
    cols = ["point", "replication", "arm", "week", "n", metric]
    filt = ds.field("point").isin(points)
    if arm is not None:
        filt = filt & (ds.field("arm") == arm)
    w = ds.dataset(f).to_table(filter=filt, columns=cols).to_pandas()
    if w.empty:
        return None
    from jobfirst_sim.report.stats import weighted_over

    comb = weighted_over(w, ["point", "replication", "arm", "week"], metric, "n")
    summ = summarise(comb, ["point", "arm", "week"], metric)
    fig = go.Figure()
    arms = list(dict.fromkeys(summ["arm"]))
    arm_col = arm_colours(arms)
    for i, p in enumerate(points):
        for a in arms:
            s = summ[(summ["point"] == p) & (summ["arm"] == a)].sort_values("week")
            if s.empty:
                continue
            colour = PALETTE[i % len(PALETTE)] if len(arms) == 1 or a != "control" else "#999"
            if a == "control" and len(arms) > 1 and i > 0:
                continue  # the control arm is the same at every point (untouched): draw once
            name = f"{t('design_point', lang)} {p} · {t(a, lang)}" if a != "control" else \
                t(a, lang)
            fig.add_trace(go.Scatter(x=s["week"], y=s["mean"], mode="lines", name=name,
                                     line={"color": colour if a != "control" else arm_col[a],
                                           "width": 2,
                                           "dash": "dot" if a == "control" else None}))
    fig.update_xaxes(title_text=t("week", lang))
    fig.update_yaxes(title_text=t(metric, lang), tickformat=".0%" if "share" in metric else None)
    return style(fig, lang, t("sec_sweep_weeks", lang) + " – " + t(metric, lang))


def _mean_ci_text(r: pd.Series, lang: str, digits: int) -> str:
    """``mean [low; high]``; just the mean with one replication (no interval exists)."""
    if not np.isfinite(r["mean"]):
        return "–"
    text = fmt_num(r["mean"], lang, digits)
    if r["n"] < 2:
        return text
    return f"{text} [{fmt_num(r['ci_low'], lang, digits)}; {fmt_num(r['ci_high'], lang, digits)}]"


def design_table(data: SweepData, lang: str) -> str:
    """Every design point: lever values, runs finished, and each outcome's mean [95 % CI]."""
    exp = data.experiments
    if exp is None:
        return ""
    pts = exp.drop_duplicates("point").set_index("point")[data.levers]
    runs = exp.groupby("point").size()
    ok = exp[exp.get("status", pd.Series("ok", index=exp.index)) == "ok"].groupby("point").size()
    cols: dict[str, pd.Series] = {}
    outcomes = list(data.outcome_specs)
    if data.values is not None:
        summ = summarise(data.values, ["outcome", "point"], "value")
        for o in outcomes:
            s = summ[summ["outcome"] == o].set_index("point")
            share = "share" in str(data.outcome_specs[o].get("metric", o))
            digits = 3 if share else 2
            cols[o] = s.apply(partial(_mean_ci_text, lang=lang, digits=digits), axis=1)
    rows = []
    for p in pts.index[:MAX_TABLE_ROWS]:
        rows.append([p, *[_level_text(v, lang) for v in pts.loc[p].tolist()],
                     f"{int(ok.get(p, 0))}/{int(runs.get(p, 0))}",
                     *[cols[o].get(p, "–") if o in cols else "–" for o in outcomes]])
    header = [t("design_point", lang), *[lever_label(lv, lang) for lv in data.levers],
              t("replications", lang),
              *[f"{o} ({t('ci95', lang)})" for o in outcomes]]
    note = ""
    if len(pts) > MAX_TABLE_ROWS:
        msg = t("table_truncated", lang, n=MAX_TABLE_ROWS, total=len(pts))
        note = f'<p class="note">{esc(msg)}</p>'
    return note + table_html(rows, header, numeric={0}, wrap=True)


def build_sweep_sections(data: SweepData, lang: str) -> tuple[list[Section], dict[str, go.Figure]]:
    """All sections of the sweep report; problems go to ``data.problems``."""
    P = data.problems
    figs: dict[str, go.Figure] = {}
    sections: list[Section] = []

    def add(sec: Section, name: str, fn: Callable[[], go.Figure | None]) -> bool:
        fig = _guard(P, name, lang, fn)
        if sec.add_figure(name, fig):
            figs[name] = fig
            return True
        return False

    exp, values, specs = data.experiments, data.values, data.outcome_specs
    have = exp is not None and values is not None
    m = data.manifest
    meta = [(t("scenario", lang), f"{m.get('experiment', data.path.name)} – "
             f"{m.get('scenario_file', '')}"),
            (t("lever", lang), ", ".join(data.levers) or "–"),
            (t("outcome", lang), ", ".join(specs)),
            (t("replications", lang), m.get("replications", "–")),
            ("design", json.dumps(m.get("design", "–"))[:200]),
            (t("seed", lang), m.get("root_seed", "–"))]
    overview = Section("overview", t("sweep_title", lang))
    overview.add_html('<table class="kv">' + "".join(
        f"<tr><td><strong>{esc(k)}</strong></td><td>{esc(v)}</td></tr>" for k, v in meta)
        + "</table>")
    sections.append(overview)

    sec = Section("effects", t("sec_effects", lang), t("paired_note", lang))
    if have:
        assert exp is not None and values is not None
        eff = paired_effects(values, exp, data.levers)
        if eff.empty:
            sec.add_html(f'<p class="note">{esc(t("no_pairs", lang))}</p>')
            P.append(Problem(t("sec_effects", lang), t("no_pairs", lang)))
        else:
            add(sec, "lever_effects", lambda: fig_effects(eff, specs, lang))
    sections.append(sec)

    sec = Section("heatmap", t("sec_heatmap", lang))
    if have:
        assert exp is not None and values is not None
        pair = choose_heat_levers(exp, data.levers)
        if pair is None:
            sec.add_html(f'<p class="note">{esc(t("too_few_levers", lang))}</p>')
        else:
            for o in list(specs)[:3]:
                add(sec, f"heatmap_{o}", partial(fig_heatmap, values, exp, pair[0], pair[1],
                                                 o, specs[o], lang))
    sections.append(sec)

    sec = Section("sensitivity", t("sec_sensitivity", lang))
    if data.sensitivity is not None:
        for o in dict.fromkeys(data.sensitivity["outcome"]):
            add(sec, f"tornado_{o}", partial(fig_tornado, data.sensitivity, o,
                                             specs.get(o, {}), lang))
    else:
        dtype = str((m.get("design") or {}).get("type", "")) if isinstance(m.get("design"), dict) \
            else ""
        sec.add_html(f'<p class="note">{esc(t("no_sensitivity", lang))}</p>')
        if dtype in ("sobol", "morris") or (isinstance(m.get("design"), dict)
                                             and m["design"].get("sensitivity")):
            P.append(Problem("sensitivity.parquet", "missing_file"))
    sections.append(sec)

    sec = Section("points", t("design_point", lang) + " – " + t("outcome", lang).lower())
    if have:
        assert exp is not None and values is not None
        for o in list(specs)[:3]:
            add(sec, f"points_{o}", partial(fig_points, values, exp, data.levers, o,
                                            specs[o], lang))
    sections.append(sec)

    sec = Section("weeks", t("sec_sweep_weeks", lang))
    if have:
        assert values is not None
        first = next(iter(specs))
        per = values[values["outcome"] == first].groupby("point")["value"].mean().sort_values()
        chosen = list(dict.fromkeys([*per.index[-3:][::-1].tolist(), *per.index[:1].tolist()]))
        add(sec, "sweep_weekly", lambda: fig_sweep_weekly(
            data.path, [int(p) for p in chosen], lang))
    sections.append(sec)

    sec = Section("design", t("sec_design_table", lang))
    sec.add_html(design_table(data, lang))
    sections.append(sec)
    return sections, figs


def make_sweep_report(path: Path, lang: str = "da", out: Path | None = None) -> ReportResult:
    """Build the sweep report and return the file, figures and problems."""
    check_lang(lang)
    path = Path(path)
    if not path.is_dir():
        raise FileNotFoundError(f"sweep directory {path} does not exist")
    data = load_sweep(path)
    sections, figs = build_sweep_sections(data, lang)
    subtitle = f"{data.manifest.get('experiment', path.name)} · {path}"
    page = render_page(t("sweep_title", lang), subtitle, lang, sections,
                       missing_box(data.problems, lang, "sweep_missing_intro"))
    target = write_atomic(Path(out) if out else path / "report.html", page)
    return ReportResult(path=target, figures=figs, problems=list(data.problems))
