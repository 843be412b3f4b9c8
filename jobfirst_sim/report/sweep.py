"""The report of a sweep directory: lever effects, a two-lever heat map, sensitivity, table.

Data are read by :mod:`jobfirst_sim.report.sweep_data`, figures drawn by
:mod:`jobfirst_sim.report.sweep_figures`; this module decides the sections, their order and
the notes, and turns anything absent into a line of the "what is missing" box.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from jobfirst_sim import fmt
from jobfirst_sim.metrics import is_share
from jobfirst_sim.report.data import Problem
from jobfirst_sim.report.figdata import Figure
from jobfirst_sim.report.figures import arm_roles
from jobfirst_sim.report.html import Section, esc, render_page, table_html, write_atomic
from jobfirst_sim.report.labels import check_lang, t
from jobfirst_sim.report.result import ReportResult, guard_figure, missing_box
from jobfirst_sim.report.sweep_data import (
    SweepData,
    arm_labels,
    choose_heat_levers,
    load_sweep,
    paired_effects,
    parameter_paths,
)
from jobfirst_sim.report.sweep_figures import (
    clip_to_bounds,
    fig_effects,
    fig_heatmap,
    fig_points,
    fig_sweep_weekly,
    fig_tornado,
    outcome_label,
)
from jobfirst_sim.report.sweep_headline import sweep_headlines
from jobfirst_sim.report.sweep_words import level_text, point_words, sweep_lever_label
from jobfirst_sim.stats import summarise_groups

__all__ = ["build_sweep_sections", "choose_heat_levers", "design_table", "load_sweep",
           "make_sweep_report", "paired_effects"]

MAX_TABLE_ROWS = 2000


def _mean_ci_text(r: pd.Series, lang: str, digits: int, scale: float = 1.0,
                  unit: str = "") -> str:
    """``mean [low; high] unit``; just the mean with one replication (no interval exists).
    Shares are given in per cent (``scale`` 100, unit ``%``), differences of shares in
    percentage points."""
    if not np.isfinite(r["mean"]):
        return "–"

    def num(x: float) -> str:
        return fmt.number(x * scale, lang, digits)

    text = num(r["mean"])
    if r["n"] >= 2:
        text += f" [{num(r['ci_low'])}; {num(r['ci_high'])}]"
    return f"{text}\u00a0{unit}" if unit else text


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
        summ = summarise_groups(data.values, ["outcome", "point"], "value")
        for o in outcomes:
            spec = data.outcome_specs[o]
            s = clip_to_bounds(summ[summ["outcome"] == o], str(spec.get("metric", o)),
                               bool(spec.get("minus_arm"))).set_index("point")
            share = is_share(str(spec.get("metric", o)))
            unit = ("pp" if spec.get("minus_arm") else "%") if share else ""
            cols[o] = s.apply(partial(_mean_ci_text, lang=lang, digits=1 if share else 2,
                                      scale=100.0 if share else 1.0, unit=unit), axis=1)
    rows = []
    for p in pts.index[:MAX_TABLE_ROWS]:
        rows.append([p, *[level_text(v, lang) for v in pts.loc[p].tolist()],
                     f"{int(ok.get(p, 0))}/{int(runs.get(p, 0))}",
                     *[cols[o].get(p, "–") if o in cols else "–" for o in outcomes]])
    header = [t("design_point", lang), *[sweep_lever_label(lv, lang) for lv in data.levers],
              t("replications", lang),
              *[f"{outcome_label(o, data.outcome_specs[o], lang)} ({t('ci95', lang)})"
                for o in outcomes]]
    note = ""
    if len(pts) > MAX_TABLE_ROWS:
        msg = t("table_truncated", lang, n=MAX_TABLE_ROWS, total=len(pts))
        note = f'<p class="note">{esc(msg)}</p>'
    return note + table_html(rows, header, numeric={0}, wrap=True)


def points_text(n: int, lang: str) -> str:
    """``1 designpunkt`` / ``12 designpunkter`` (Danish plural), ``12 design points``."""
    return t("sweep_point_1", lang) if n == 1 else t("sweep_points_n", lang, n=n)


def overview_rows(data: SweepData, lang: str) -> list[tuple[str, object]]:
    """The sweep's header in words: no raw JSON, no absolute path (only file names)."""
    m = data.manifest
    design = m.get("design")
    dtype = str(design.get("type", "")) if isinstance(design, dict) else ""
    n_points = (int(data.experiments["point"].nunique()) if data.experiments is not None
                else len(m.get("points") or []))
    design_text = ", ".join(x for x in (t(f"design_{dtype}", lang) if dtype else "",
                                        points_text(n_points, lang)) if x)
    scen = Path(str(m.get("scenario_file") or "")).name
    name = str(m.get("experiment", data.path.name))
    return [(t("scenario", lang), f"{name} – {scen}" if scen else name),
            (t("lever", lang), ", ".join(sweep_lever_label(lv, lang) for lv in data.levers) or "–"),
            (t("outcome", lang), ", ".join(outcome_label(o, s, lang)
                                           for o, s in data.outcome_specs.items())),
            (t("replications", lang), m.get("replications", "–")),
            (t("sweep_design_type", lang), design_text or "–"),
            (t("seed", lang), m.get("root_seed", "–"))]


def _point_names(data: SweepData, lang: str) -> dict[int, str]:
    """Every design point named by the values of the levers that vary, in words."""
    exp = data.experiments
    if exp is None:
        return {}
    pts = exp.drop_duplicates("point").set_index("point")
    varying = [lv for lv in data.levers if lv in pts and pts[lv].nunique() > 1]
    return {int(p): point_words(pts.loc[p].to_dict(), varying, lang) for p in pts.index}


def build_sweep_sections(data: SweepData, lang: str) -> tuple[list[Section], dict[str, Figure]]:
    """All sections of the sweep report; problems go to ``data.problems``."""
    P = data.problems
    figs: dict[str, Figure] = {}
    sections: list[Section] = []

    def add(sec: Section, name: str, fn: Callable[[], Figure | None]) -> bool:
        fig = guard_figure(P, name, fn)
        if fig is not None and sec.add_figure(name, fig):
            figs[name] = fig
            return True
        return False

    exp, values, specs = data.experiments, data.values, data.outcome_specs
    have = exp is not None and values is not None
    m = data.manifest
    heads = sweep_headlines(data, lang)
    if heads:
        short = Section("in_short", t("in_short", lang))
        short.add_html("".join(f'<p class="headline">{esc(h)}</p>' for h in heads))
        sections.append(short)
    overview = Section("overview", t("sweep_title", lang))
    overview.add_html('<table class="kv">' + "".join(
        f"<tr><td><strong>{esc(k)}</strong></td><td>{esc(v)}</td></tr>"
        for k, v in overview_rows(data, lang)) + "</table>")
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
        paths = parameter_paths(m)
        add(sec, "sweep_weekly", lambda: fig_sweep_weekly(
            data.path, [int(p) for p in chosen], lang, roles=arm_roles(m),
            parameters=paths or data.levers, point_names=_point_names(data, lang),
            arm_names={a: names[lang] for a, names in arm_labels(m).items() if lang in names}))
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
    subtitle = str(data.manifest.get("experiment", path.name))
    page = render_page(t("sweep_title", lang), subtitle, lang, sections,
                       missing_box(data.problems, lang, "sweep_missing_intro"))
    target = write_atomic(Path(out) if out else path / "report.html", page)
    return ReportResult(path=target, figures=figs, problems=list(data.problems))
