"""Figures of a sweep: lever effects, a two-lever heat map, sensitivity, points, weeks.

Pure apart from :func:`fig_sweep_weekly`, which reads one filtered slice of
``weekly.parquet`` (a few design points) so a 1,000-run sweep never loads its whole
weekly table. Lever names and metric share-ness come from :mod:`jobfirst_sim.metrics`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.dataset as ds

from jobfirst_sim import fmt, pooling
from jobfirst_sim.metrics import bounds, is_share
from jobfirst_sim.report.figdata import Fig, Figure, colorscale, trace
from jobfirst_sim.report.figures import PALETTE, RUN_DASHES, Roles, arm_colours, rgba, style
from jobfirst_sim.report.labels import t
from jobfirst_sim.report.sweep_data import ARM_LABELS, untouched_arms, with_levers
from jobfirst_sim.report.sweep_words import (
    level_text,
    levels_in_order,
    lever_at,
    lever_axis,
    outcome_axis,
    point_words,
    sweep_lever_label,
    value_text,
)
from jobfirst_sim.stats import summarise_groups


def outcome_label(name: str, spec: dict[str, Any], lang: str) -> str:
    """A declared outcome's label: its metric's label and the arm (or arm difference), each
    arm by the scenario's label where the spec carries it (:func:`.sweep_data.with_arm_labels`),
    else by the catalog's word."""
    metric = str(spec.get("metric", name))
    label = t(metric, lang) if metric != name else t(name, lang)
    labels = spec.get(ARM_LABELS) or {}

    def arm_text(arm: Any) -> str:
        own = labels.get(str(arm)) or {}
        return str(own.get(lang) or t(str(arm), lang))

    arm = spec.get("arm")
    if spec.get("minus_arm"):
        label += f" ({arm_text(arm)} − {arm_text(spec['minus_arm'])})"
    elif arm:
        label += f" ({arm_text(arm)})"
    return label


def _effect_hover(effect: Any, low: Any, high: Any, n: Any, lang: str,
                  share: bool = False) -> str:
    """``effect [low; high], n = n`` in the language's decimal mark (percentage points for a
    share); without the interval when it is unknown (fewer than two replications)."""
    scale, digits = (100.0, 1) if share else (1.0, 3)

    def num(x: Any) -> str:
        return fmt.number(float(x) * scale, lang, digits)

    text = num(effect)
    if np.isfinite(float(low)) and np.isfinite(float(high)):
        text += f" [{num(low)}; {num(high)}]"
    unit = f" {t('explain_pp', lang)}" if share else ""
    return f"{text}{unit}, n = {int(n)}"


def fig_effects(effects: pd.DataFrame, specs: dict[str, dict[str, Any]], lang: str
                ) -> Figure | None:
    """Forest plot: each lever level's paired effect vs the lever's baseline, per outcome.

    One outcome per row (not side by side): a long outcome label is a full-width subplot
    title that cannot run into its neighbour's, in Danish or English. Shares are drawn in
    percentage points.
    """
    if effects.empty:
        return None
    outcomes = list(dict.fromkeys(effects["outcome"]))
    counts = [int((effects["outcome"] == o).sum()) for o in outcomes]
    heights = [max(2, c) for c in counts]
    fig = Fig.grid(rows=len(outcomes), cols=1,
                   vertical_spacing=min(0.25, 0.5 / len(outcomes)) if len(outcomes) > 1
                   else 0.0, row_heights=[h / sum(heights) for h in heights],
                   subplot_titles=[outcome_label(o, specs.get(o, {}), lang)
                                   for o in outcomes])
    levers = list(dict.fromkeys(effects["lever"]))
    colours = {lv: PALETTE[i % len(PALETTE)] for i, lv in enumerate(levers)}
    for ri, o in enumerate(outcomes, start=1):
        e = effects[effects["outcome"] == o]
        share = is_share(str(specs.get(o, {}).get("metric", o)))
        k = 100.0 if share else 1.0
        for lv in levers:
            s = e[e["lever"] == lv]
            if s.empty:
                continue
            ylab = [f"{sweep_lever_label(lv, lang)}: {level_text(r.level, lang)} vs "
                    f"{level_text(r.baseline, lang)}" for r in s.itertuples()]
            fig.add_trace(trace(
                "scatter",
                x=s["effect"] * k, y=ylab, mode="markers", name=sweep_lever_label(lv, lang),
                legendgroup=lv, showlegend=ri == 1, marker={"size": 10, "color": colours[lv]},
                error_x={"type": "data", "symmetric": False,
                         "array": ((s["ci_high"] - s["effect"]) * k).to_numpy(),
                         "arrayminus": ((s["effect"] - s["ci_low"]) * k).to_numpy(),
                         "color": colours[lv], "thickness": 1.5},
                hovertext=[_effect_hover(r.effect, r.ci_low, r.ci_high, r.n_replications,
                                         lang, share) for r in s.itertuples()],
                hoverinfo="text"), row=ri, col=1)
        fig.add_vline(x=0, line={"color": "#444", "width": 1}, row=ri, col=1)
        unit = t("explain_pp", lang) if share else t(str(specs.get(o, {}).get("metric", o)),
                                                      lang)
        fig.update_xaxes(title_text=f"{t('effect', lang)} ({unit})", row=ri, col=1)
    fig.update_yaxes(autorange="reversed", automargin=True)
    height = sum(34 * h + 150 for h in heights) + 60
    return style(fig, lang, t("fig_effects", lang), height=max(340, height))


def binned(col: pd.Series, lang: str) -> pd.Series:
    """Levers with many values (LHS, Sobol) are cut into 5 quantile bins for the heat map."""
    if col.nunique() <= 12 or not pd.api.types.is_numeric_dtype(col):
        return col.map(lambda v: level_text(v, lang))
    bins = pd.qcut(col.astype(float), 5, duplicates="drop")
    return bins.map(lambda iv: f"{fmt.number(iv.left, lang, 2)}–{fmt.number(iv.right, lang, 2)}"
                    ).astype(str)


def fig_heatmap(values: pd.DataFrame, experiments: pd.DataFrame, a: str, b: str,
                outcome: str, spec: dict[str, Any], lang: str) -> Figure | None:
    """Mean outcome for each combination of two levers (averaged over the other levers)."""
    df = with_levers(values[values["outcome"] == outcome], experiments, [a, b])
    if df.empty:
        return None
    first = experiments.drop_duplicates("point").sort_values("point")
    order_a, order_b = levels_in_order(first[a]), levels_in_order(first[b])
    df["_a"], df["_b"] = binned(df[a], lang), binned(df[b], lang)
    cats_a = list(dict.fromkeys(binned(pd.Series(order_a), lang)))
    cats_b = list(dict.fromkeys(binned(pd.Series(order_b), lang)))
    if df[a].nunique() > 12:
        cats_a = list(dict.fromkeys(binned(df[a].sort_values(), lang)))  # by the bins' order
    if df[b].nunique() > 12:
        cats_b = list(dict.fromkeys(binned(df[b].sort_values(), lang)))
    g = df.groupby(["_b", "_a"])["value"].agg(["mean", "count"]).reset_index()
    z = g.pivot(index="_b", columns="_a", values="mean").reindex(index=cats_b, columns=cats_a)
    n = g.pivot(index="_b", columns="_a", values="count").reindex(index=cats_b, columns=cats_a)
    share = is_share(str(spec.get("metric", outcome)))
    d3 = ".1%" if share else ".2f"
    difference = bool(spec.get("minus_arm"))
    zs = z.to_numpy(dtype=float)
    if share and difference:
        # a difference of two shares is in percentage points, never "%": the cells and the
        # colour bar show 100 × the difference with the unit in the colour bar's title
        zs = zs * 100
        d3 = "+.1f"
        colorbar: dict[str, Any] = {"title": {"text": t("explain_pp", lang)}}
        cell = f"%{{z:{d3}}} {t('explain_pp', lang)}"
    else:
        colorbar = {"tickformat": ".0%"} if share else {}
        cell = f"%{{z:{d3}}}"
    fig = Fig([trace(
        "heatmap", z=zs, x=cats_a, y=cats_b, customdata=n.fillna(0).to_numpy(),
        colorscale=colorscale("Viridis"), texttemplate=f"%{{z:{d3}}}", colorbar=colorbar,
        hovertemplate=f"%{{x}} · %{{y}}: {cell} (n = %{{customdata}})<extra></extra>")])
    fig.update_xaxes(title_text=sweep_lever_label(a, lang), type="category")
    fig.update_yaxes(title_text=sweep_lever_label(b, lang), type="category")
    title = t("fig_heatmap", lang, outcome=outcome_label(outcome, spec, lang),
              a=sweep_lever_label(a, lang), b=sweep_lever_label(b, lang))
    return style(fig, lang, title, height=max(360, 40 * len(cats_b) + 200))


def fig_tornado(sens: pd.DataFrame, outcome: str, spec: dict[str, Any], lang: str
                ) -> Figure | None:
    """Sobol (S1 and ST) or Morris (μ* and σ) per parameter, largest at the top."""
    s = sens[sens["outcome"] == outcome]
    if s.empty:
        return None
    method = str(s["method"].iloc[0]) if "method" in s else ""
    shown: tuple[str, ...] = ("ST", "S1") if method == "sobol" else ("mu_star", "sigma")
    shown = tuple(i for i in shown if (s["index"] == i).any()) or tuple(s["index"].unique()[:2])
    main = s[s["index"] == shown[0]].set_index("parameter")["value"].abs()
    order = main.sort_values(ascending=True).index.tolist()
    fig = Fig()
    names = {i: t(f"sweep_index_{i}", lang) for i in ("ST", "S1", "mu_star", "sigma", "mu")}
    for i, idx in enumerate(shown):
        d = s[s["index"] == idx].set_index("parameter").reindex(order)
        conf = d["conf"].fillna(0).to_numpy() if "conf" in d else None
        fig.add_trace(trace(
            "bar",
            y=[sweep_lever_label(p, lang) for p in order], x=d["value"], orientation="h",
            name=names.get(str(idx), str(idx)), marker_color=PALETTE[i],
            error_x=None if conf is None else {"type": "data", "array": conf, "color": "#444"},
            hovertemplate="%{y}: %{x:.3f}<extra>" + names.get(str(idx), str(idx)) + "</extra>"))
    fig.update_layout(barmode="group")
    fig.update_xaxes(title_text=f"{t('importance', lang)} ({t(f'design_{method}', lang)})"
                     if method in ("sobol", "morris") else t("importance", lang))
    fig.update_yaxes(automargin=True)
    title = t("fig_tornado", lang, outcome=outcome_label(outcome, spec, lang))
    return style(fig, lang, title, height=max(320, 46 * len(order) + 170))


def clip_to_bounds(summ: pd.DataFrame, metric: str, difference: bool) -> pd.DataFrame:
    """``ci_low``/``ci_high`` cut at what ``metric`` can be (a share in [0, 1], a difference
    of shares in [−1, 1]; the registry's bounds), so no bar or cell shows the impossible."""
    low, high = bounds(metric, difference=difference)
    out = summ.copy()
    if low is not None:
        out["ci_low"] = out["ci_low"].clip(lower=low)
    if high is not None:
        out["ci_high"] = out["ci_high"].clip(upper=high)
    return out


def fig_points(values: pd.DataFrame, experiments: pd.DataFrame, levers: list[str],
               outcome: str, spec: dict[str, Any], lang: str) -> Figure | None:
    """Each design point's mean outcome (with CI) against each lever's value.

    The points are coloured by a second lever (the next varying one; a legend for a few
    levels, a colour bar for a continuous lever), and the hover names the point by its
    lever values in words ("Sagsstamme 30, CV fra første samtale: ja — andel … 5,4 %").
    """
    varying = [lv for lv in levers if experiments[lv].nunique() > 1][:6]
    if not varying:
        return None
    per = summarise_groups(values[values["outcome"] == outcome], ["point"], "value")
    per = clip_to_bounds(per, str(spec.get("metric", outcome)), bool(spec.get("minus_arm")))
    per = per.merge(experiments[["point", *varying]].drop_duplicates("point"), on="point")
    cols = min(3, len(varying))
    rows = (len(varying) + cols - 1) // cols
    fig = Fig.grid(rows=rows, cols=cols, shared_yaxes=True, vertical_spacing=0.18,
                   subplot_titles=[sweep_lever_label(lv, lang) for lv in varying])
    share = is_share(str(spec.get("metric", outcome)))
    label = outcome_label(outcome, spec, lang)
    hover = [f"{point_words(r, varying, lang)} — {label[:1].lower() + label[1:]} "
             f"{value_text(float(r['mean']), share, lang, bool(spec.get('minus_arm')))}"
             for _, r in per.iterrows()]
    per = per.assign(_hover=hover)
    for i, lv in enumerate(varying):
        r, c = i // cols + 1, i % cols + 1
        other = next((x for x in varying if x != lv), None)
        groups: list[tuple[str, pd.DataFrame, str]] = []
        if other is not None and per[other].nunique() <= len(PALETTE):
            levels = levels_in_order(per[other])
            for j, lvl in enumerate(levels):
                groups.append((lever_at(other, lvl, lang), per[per[other] == lvl], PALETTE[j]))
        else:
            groups.append(("", per, PALETTE[0]))
        for name, g, colour in groups:
            x, _ = lever_axis(g[lv], lang)
            marker: dict[str, Any] = {"size": 9, "color": rgba(colour, 0.85)}
            if other is not None and not name:  # continuous second lever: a colour bar
                marker = {"size": 9, "color": g[other].astype(float),
                          "colorscale": colorscale("Viridis"), "showscale": i == 0,
                          "colorbar": {"title": {"text": sweep_lever_label(other, lang)}}}
            fig.add_trace(trace(
                "scatter",
                x=x, y=g["mean"], mode="markers", name=name or label,
                legendgroup=name, showlegend=bool(name), marker=marker,
                error_y={"type": "data", "symmetric": False,
                         "array": (g["ci_high"] - g["mean"]).fillna(0).to_numpy(),
                         "arrayminus": (g["mean"] - g["ci_low"]).fillna(0).to_numpy(),
                         "color": rgba(colour, 0.35)},
                hovertext=g["_hover"].tolist(), hoverinfo="text"),
                row=r, col=c)
        _, order = lever_axis(per[lv], lang)
        if order is not None:  # named levels in reading order, not as first met
            fig.update_xaxes(type="category", categoryorder="array", categoryarray=order,
                             row=r, col=c)
    scale, axis = outcome_axis(t(str(spec.get("metric", outcome)), lang), lang, share,
                               bool(spec.get("minus_arm")))
    for tr in fig.data:  # a difference of shares: percentage points
        tr["y"] = np.asarray(tr["y"], float) * scale
        err = tr["error_y"]
        err["array"] = np.asarray(err["array"], float) * scale
        err["arrayminus"] = np.asarray(err["arrayminus"], float) * scale
    if share:
        fig.update_yaxes(tickformat=axis.pop("tickformat", None))
    fig.update_yaxes(col=1, **axis)
    title = t("fig_sweep_scatter", lang, outcome=label, lever=t("lever", lang).lower())
    return style(fig, lang, title, height=300 * rows + 120)


def fig_sweep_weekly(path: Path, points: list[int], lang: str, metric: str = "share_wage_hours",
                     arm: str | None = None, roles: Roles | None = None,
                     parameters: Sequence[str] = (),
                     point_names: dict[int, str] | None = None,
                     arm_names: dict[str, str] | None = None) -> Figure | None:
    """Weekly curves of a few design points (both benefits pooled as the metric declares),
    read with a point filter.

    ``point_names`` names a point by its lever values in words (else "Designpunkt 3"),
    ``arm_names`` an arm by the scenario's label (else the catalog's word).

    An arm none of the sweep's ``parameters`` touches (the same at every point) is drawn
    once, dotted, in its arm's colour (:func:`jobfirst_sim.report.figures.arm_colours`), as
    the common reference. Each point is a design of its own and wears its own colour, one
    no arm wears; where several arms vary, a point's arms share its colour and differ by
    their dash.
    """
    f = path / "weekly.parquet"
    if not f.exists() or not points:
        return None
    cols = ["point", "replication", "arm", "week", *pooling.columns_for([metric])]
    filt = ds.field("point").isin(points)
    if arm is not None:
        filt = filt & (ds.field("arm") == arm)
    w = ds.dataset(f).to_table(filter=filt, columns=cols).to_pandas()
    if w.empty:
        return None
    comb = pooling.pool(w, ["point", "replication", "arm", "week"], [metric])
    summ = summarise_groups(comb, ["point", "arm", "week"], metric)
    fig = Fig()
    arms = list(dict.fromkeys(summ["arm"]))
    arm_col = arm_colours(arms, roles)
    fixed = untouched_arms(arms, list(parameters))
    varied = [a for a in arms if not (a in fixed and len(arms) > 1)]
    dashes = [d for d in RUN_DASHES if d != "dot"]  # dotted is the common reference
    for i, p in enumerate(points):
        for a in arms:
            s = summ[(summ["point"] == p) & (summ["arm"] == a)].sort_values("week")
            if s.empty:
                continue
            common = a in fixed and len(arms) > 1
            if common and i > 0:
                continue  # the same at every point: draw once
            # the common reference wears its arm's colour, as in the browser's drill-down
            ref = arm_col[a]
            # points take colours no arm of the sweep wears, so a point never looks like an arm
            free = [c for c in PALETTE if c not in (ref, *arm_col.values())] or list(PALETTE)
            colour = ref if common else free[i % len(free)]
            pname = (point_names or {}).get(int(p)) or f"{t('design_point', lang)} {p}"
            word = (arm_names or {}).get(a) or t(a, lang)
            name = word if common else f"{pname} · {word}"
            dash = "dot" if common else (
                dashes[varied.index(a) % len(dashes)] if len(varied) > 1 else None)
            fig.add_trace(trace("scatter", x=s["week"], y=s["mean"], mode="lines", name=name,
                                line={"color": colour, "width": 2, "dash": dash}))
    fig.update_xaxes(title_text=t("week", lang))
    fig.update_yaxes(title_text=t(metric, lang), tickformat=".0%" if is_share(metric) else None,
                     automargin=True)
    return style(fig, lang, t("sec_sweep_weeks", lang) + " – " + t(metric, lang))
