"""The page and terminal text of ``jobfirst compare``: today against a proposed design.

Why apart from :mod:`jobfirst_sim.decide.compare`: the comparison is pure computation; this
module says it in a manager's words, in Danish or English -- the "In short" sentence, the
key figures with paired intervals, the difference over time, by benefit group and
municipality, the professionals' week and the mechanism trace from caseload to ordinary
hours. The page reuses the report's layout (one embedded plotly.js, nothing fetched) and
is written atomically.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd

from jobfirst_sim import fmt, metrics
from jobfirst_sim.decide import economics
from jobfirst_sim.decide.compare import (
    CURRENT,
    PROPOSED,
    Comparison,
    business_case,
    headline_metric,
    headline_of,
    leanings,
)
from jobfirst_sim.decide.paired import role_caseloads
from jobfirst_sim.decide.pilot_needed import pilot_need
from jobfirst_sim.report.business import gross_cell_text, gross_text
from jobfirst_sim.report.changes import difference_item
from jobfirst_sim.report.figdata import Fig, Figure
from jobfirst_sim.report.figures.base import arm_colours, rgba, style
from jobfirst_sim.report.headline import difference_text, few_replications_warning
from jobfirst_sim.report.html import Section, esc, render_page, table_html, write_atomic
from jobfirst_sim.report.in_short import ShortAnswer, add_short, analysts_section
from jobfirst_sim.report.labels import check_lang, has, t
from jobfirst_sim.report.rates import rates_section
from jobfirst_sim.report.trace import terminal_lines as trace_lines
from jobfirst_sim.report.trace import trace_section
from jobfirst_sim.report.uncertainty import interval_sentence, leaning_sentence
from jobfirst_sim.stats import Interval

KEY_METRICS: Final[tuple[str, ...]] = (
    "share_with_hours_end", "share_with_hours_w78", "mean_wage_hours_end",
    "mean_wage_hours_w78", "ever_hours_share_followup", "placement13_share",
    "share_status_self_sufficient_end", "share_status_partial_support_end",
    "share_status_full_support_end", "share_status_flexjob_end",
    "share_status_disability_pension_end", "share_contact_changed", "mean_contact_changes",
)
"""Outcome metrics of the key-figures table, in this order (those the run has)."""

MONEY_PREFIX: Final = "dkk_"
"""Outcome metrics in kroner (economics) start with this and follow the key figures."""

COUNTS: Final = frozenset({"placements", "placements_completed13", "conversions",
                           "n_citizens"})
"""Metrics that count things: shown without decimals."""

COLOURS: Final = {**arm_colours([CURRENT, PROPOSED], {CURRENT: "control", PROPOSED: "treatment"}),
                  "difference": "#2a7f62"}
"""Today's design wears the control's colour and the proposal the treatment's, as their arms
do in a run of the same file (:func:`jobfirst_sim.report.figures.arm_colours`)."""




def _label(name: str, lang: str) -> str:
    return t(name, lang) if has(name) else name.replace("_", " ")


def side_label(comparison: Comparison, side: str, lang: str) -> str:
    """The side's name: the file or arm it came from, or "today"/"proposed"."""
    req = comparison.request
    named = req.names[0 if side == CURRENT else 1]
    if named is not None:
        return named(lang)
    raw = req.label_current if side == CURRENT else req.label_proposed
    return _label(raw, lang) if raw else t(f"cmp_{side}", lang)


def fmt_level(x: float, metric: str, lang: str) -> str:
    """A level: a percentage for shares, kroner without decimals, else two decimals."""
    if metrics.is_share(metric):
        return fmt.percent(x, lang, 1)
    if metric.startswith(MONEY_PREFIX):
        return fmt.kroner(x, lang)
    return fmt.number(x, lang, 0 if metric in COUNTS else 2)


def fmt_diff(x: float, metric: str, lang: str) -> str:
    """A signed difference: percentage points for shares."""
    if metrics.is_share(metric):
        return fmt.points(x, lang, 1)
    digits = 0 if metric.startswith(MONEY_PREFIX) or metric in COUNTS else 2
    return fmt.number(x, lang, digits, signed=True)


def fmt_ci(low: float, high: float, metric: str, lang: str) -> str:
    """``[a; b]`` of a difference cut at what it can be (±100 pp for a share), "–" without
    an interval, and nothing when its ends print alike: an input (FTEs, citizens per FTE)
    is the same in every run and has no uncertainty to show."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return "–"
    low, high = metrics.clip_interval(metric, low, high, difference=True)
    a, b = fmt_diff(low, metric, lang), fmt_diff(high, metric, lang)
    return "" if a == b else f"[{a}; {b}]"


def _clear(row: pd.Series) -> bool:
    low, high = float(row["ci_low"]), float(row["ci_high"])
    return bool(math.isfinite(low) and math.isfinite(high) and (low > 0 or high < 0))


def _overall(comparison: Comparison, arm: str) -> dict[str, dict[str, Any]]:
    """The arm's whole-population rows of the paired outcomes, by metric."""
    o = comparison.outcomes()
    o = o[(o["arm"] == arm) & (o["benefit"] == "all") & (o["municipality"] == "all")]
    return {str(r["metric"]): {str(k): v for k, v in r.items()} for r in o.to_dict("records")}


def in_short(comparison: Comparison, arm: str, lang: str) -> str:
    """The "In short" sentence for one arm: both levels and the paired difference."""
    metric = headline_metric(comparison)
    o = _overall(comparison, arm)
    if metric not in o:
        return ""
    r = o[metric]
    if float(r["ci_low"]) == 0.0 == float(r["ci_high"]) and float(r["difference"]) == 0.0:
        return t("cmp_identical", lang)
    n = float(o["n_citizens"]["current"]) if "n_citizens" in o else float("nan")
    diff = Interval(float(r["difference"]), float(r["ci_low"]), float(r["ci_high"]),
                    int(r["n_replications"]))
    return t("cmp_headline", lang, arm=_label(arm, lang),
             n=fmt.number(n, lang, 0, missing="?"),
             proposed=side_label(comparison, PROPOSED, lang),
             current=side_label(comparison, CURRENT, lang),
             level_b=fmt_level(float(r["proposed"]), metric, lang),
             level_a=fmt_level(float(r["current"]), metric, lang),
             metric=metrics.phrase(metric, lang),
             diff=difference_text(metric, diff, lang))


def how_sure(comparison: Comparison, arm: str, lang: str) -> list[str]:
    """What the headline's interval holds (one sentence), and under ``parameters`` what
    the answer leans on and in how many members the proposal costs the public less."""
    head = headline_of(comparison, arm).to_json()
    out = [interval_sentence(head, lang)]
    if comparison.request.members is None:
        return out
    leaning = leaning_sentence([x.to_json() for x in leanings(comparison, arm)], lang)
    if leaning:
        out.append(leaning)
    cheaper = business_case(comparison, arm).probability_costs_less
    if cheaper is not None and math.isfinite(cheaper):
        members = comparison.request.member_count
        out.append(t("cmp_costs_less", lang, cheaper=round(cheaper * members),
                     members=members))
    return out


def short_answer(comparison: Comparison, arm: str, lang: str) -> ShortAnswer:
    """The first screen of one arm (:mod:`jobfirst_sim.report.in_short`): the "In short"
    sentence, the headline, the business case by payer and year (when the comparison kept
    its books) and the pilot that would show the effect."""
    from jobfirst_sim.decide.business.of_compare import compare_case

    head = headline_of(comparison, arm).to_json()
    warning = few_replications_warning(comparison.request.runs, lang)
    return ShortAnswer(
        sentence=in_short(comparison, arm, lang), headline=head,
        how_sure=how_sure(comparison, arm, lang)[:1],
        case=compare_case(comparison, arm) if "budget" in comparison.current else None,
        need=pilot_need(head, comparison.request.current, arm),
        notes=[warning] if warning else [])


def subtitle(comparison: Comparison, lang: str) -> str:
    """Runs and seed: replications, or members × replications under ``parameters``."""
    req = comparison.request
    if req.members is None:
        return t("cmp_subtitle", lang, reps=req.replications, seed=req.seed)
    return t("cmp_subtitle_members", lang, members=req.member_count, reps=req.replications,
             seed=req.seed)


def key_rows(comparison: Comparison, arm: str, lang: str) -> list[list[object]]:
    """Rows of the key-figures table: label, today, proposed, difference, interval."""
    o = _overall(comparison, arm)
    names = [m for m in KEY_METRICS if m in o]
    names += sorted(m for m in o if m.startswith(MONEY_PREFIX))
    rows: list[list[object]] = []
    for m in names:
        r = o[m]
        if not (math.isfinite(float(r["current"])) or math.isfinite(float(r["proposed"]))):
            continue
        rows.append([_label(m, lang), fmt_level(float(r["current"]), m, lang),
                     fmt_level(float(r["proposed"]), m, lang),
                     fmt_diff(float(r["difference"]), m, lang),
                     fmt_ci(float(r["ci_low"]), float(r["ci_high"]), m, lang)])
    return rows


def _header(comparison: Comparison, lang: str, first: str) -> list[str]:
    return [first, side_label(comparison, CURRENT, lang),
            side_label(comparison, PROPOSED, lang), t("cmp_difference", lang), t("ci95", lang)]


def fig_over_time(comparison: Comparison, arm: str, lang: str,
                  metric: str = "share_wage_hours") -> Figure | None:
    """Two panels: the metric under both designs, and the paired difference with its band."""
    w = comparison.weekly()
    w = w[(w["arm"] == arm) & (w["benefit"] == "all") & (w["metric"] == metric)]
    if w.empty:
        return None
    w = w.sort_values("week")
    scale = 100.0 if metrics.is_share(metric) else 1.0
    fig = Fig.grid(rows=1, cols=2)
    weeks = w["week"].to_list()
    for side in (CURRENT, PROPOSED):
        fig.add_trace({"type": "scatter", "x": weeks, "y": (scale * w[side]).to_list(),
                       "mode": "lines", "name": side_label(comparison, side, lang),
                       "line": {"color": COLOURS[side], "width": 2.4}}, row=1, col=1)
    ok = np.isfinite(w["ci_low"].to_numpy(float)) & np.isfinite(w["ci_high"].to_numpy(float))
    band = w[ok]
    if not band.empty:
        bx = band["week"].to_list()
        fig.add_trace({"type": "scatter", "x": bx + bx[::-1],
                       "y": (scale * band["ci_high"]).to_list()
                       + (scale * band["ci_low"]).to_list()[::-1],
                       "fill": "toself", "fillcolor": rgba(COLOURS["difference"], 0.2),
                       "line": {"width": 0}, "hoverinfo": "skip", "showlegend": False},
                      row=1, col=2)
    fig.add_trace({"type": "scatter", "x": weeks, "y": (scale * w["difference"]).to_list(),
                   "mode": "lines", "name": t("cmp_difference", lang),
                   "line": {"color": COLOURS["difference"], "width": 2.4}}, row=1, col=2)
    fig.add_hline(y=0.0, row=1, col=2, line={"color": "#333", "width": 1})
    style(fig, lang, t(metric, lang), height=440)
    unit = " (%)" if scale == 100.0 else ""
    fig.update_yaxes(row=1, col=1, title_text=t(metric, lang) + unit, rangemode="tozero")
    fig.update_yaxes(row=1, col=2, title_text=t("cmp_difference", lang)
                     + (" (pp)" if scale == 100.0 else ""))
    fig.update_xaxes(title_text=week_word(comparison, lang))
    return fig.to_dict()


def week_word(comparison: Comparison, lang: str) -> str:
    """What a week of the weekly tables is: a calendar week (weeks since the change) in
    calendar time, else each citizen's own week since their start; never plain "week"."""
    calendar = comparison.request.current.calendar is not None
    return t("cmp_week_calendar" if calendar else "cmp_week_own", lang)


def horizon_rows(comparison: Comparison, arm: str, lang: str) -> list[list[object]]:
    """Share with ordinary hours and mean hours at the chosen horizons."""
    h = comparison.horizons()
    rows: list[list[object]] = []
    for metric in ("share_wage_hours", "mean_wage_hours", "share_in_placement"):
        sel = h[(h["arm"] == arm) & (h["benefit"] == "all") & (h["metric"] == metric)]
        for r in sel.sort_values("week").to_dict("records"):
            rows.append([f"{_label(metric, lang)}, {week_word(comparison, lang).lower()} "
                         f"{int(r['week'])}",
                         fmt_level(float(r["current"]), metric, lang),
                         fmt_level(float(r["proposed"]), metric, lang),
                         fmt_diff(float(r["difference"]), metric, lang),
                         fmt_ci(float(r["ci_low"]), float(r["ci_high"]), metric, lang)])
    return rows


def group_rows(comparison: Comparison, arm: str, metric: str, lang: str
               ) -> list[list[object]]:
    """The headline metric per benefit group and per municipality."""
    o = comparison.outcomes()
    o = o[(o["arm"] == arm) & (o["metric"] == metric)]
    rows: list[list[object]] = []
    for r in o.to_dict("records"):
        benefit, muni = str(r["benefit"]), str(r["municipality"])
        if benefit != "all" and muni != "all":
            continue
        name = (t("cmp_all", lang) if benefit == "all" and muni == "all"
                else _label(benefit, lang) if muni == "all" else muni)
        rows.append([name, fmt_level(float(r["current"]), metric, lang),
                     fmt_level(float(r["proposed"]), metric, lang),
                     fmt_diff(float(r["difference"]), metric, lang),
                     fmt_ci(float(r["ci_low"]), float(r["ci_high"]), metric, lang)])
    return rows


def staff_rows(comparison: Comparison, arm: str, lang: str) -> list[list[object]]:
    """The professionals' week under both designs (per arm, all roles)."""
    s = comparison.staff()
    s = s[s["arm"] == arm]
    rows: list[list[object]] = []
    for r in s.to_dict("records"):
        m = str(r["metric"])
        name = t("cmp_trace_caseload", lang) if m == "citizens_per_fte" else _label(m, lang)
        rows.append([name, fmt_level(float(r["current"]), m, lang),
                     fmt_level(float(r["proposed"]), m, lang),
                     fmt_diff(float(r["difference"]), m, lang),
                     fmt_ci(float(r["ci_low"]), float(r["ci_high"]), m, lang)])
    return rows


def role_rows(comparison: Comparison, arm: str, lang: str) -> list[list[object]]:
    """Per role and design: FTEs and citizens per FTE (the role holding the case marked)."""
    rows: list[list[object]] = []
    for side, tables in ((CURRENT, comparison.current), (PROPOSED, comparison.proposed)):
        for r in role_caseloads(tables["staff"], arm).to_dict("records"):
            held = f" ({t('cmp_holds_case', lang)})" if r["holds_case"] else ""
            rows.append([side_label(comparison, side, lang), t(str(r["role"]), lang) + held,
                         fmt.number(float(r["fte"]), lang, 1),
                         fmt.number(float(r["citizens_per_fte"]), lang, 1)])
    return rows


def business_rows(comparison: Comparison, arm: str, lang: str) -> list[list[object]]:
    """The business case as table rows: item, today, proposed, difference (each with its
    interval; the cost per extra citizen with Fieller's interval, or why it has none)."""
    case = business_case(comparison, arm)
    cells = {(str(r["item"]), str(r["column"])): r for r in case.rows.to_dict("records")}
    rows: list[list[object]] = []
    for item in (*(i for i, _ in economics.ITEMS), economics.HOURS_ITEM,
                 economics.RATIO_ITEM):
        label = t(f"bc_{item}", lang)
        rows.append([label, *(gross_cell_text(cells[(item, c)], item, lang)
                              if (item, c) in cells else "" for c in economics.COLUMNS)])
    return rows


def business_section(comparison: Comparison, arm: str, lang: str, suffix: str = "") -> Section:
    """The kroner section: totals over the horizon for the arm's citizens, both designs and
    the paired difference, with the price year and what is left out."""
    case = business_case(comparison, arm)
    sec = Section(f"kroner_{arm}", t("cmp_kroner", lang) + suffix,
                  t("cmp_kroner_intro", lang, year=case.price_year,
                    metric=metrics.phrase(case.hours_metric, lang)))
    head = [" ", side_label(comparison, CURRENT, lang), side_label(comparison, PROPOSED, lang),
            t("cmp_difference", lang)]
    sec.add_html(table_html(business_rows(comparison, arm, lang), head, numeric={1, 2, 3}))
    return sec


def business_years(comparison: Comparison, arm: str, lang: str, suffix: str = ""
                   ) -> tuple[Section, list[Figure]]:
    """The business case by payer and budget year (:mod:`jobfirst_sim.report.business`)."""
    from jobfirst_sim.decide.business.of_compare import compare_case
    from jobfirst_sim.report.business import business_years_section

    return business_years_section(compare_case(comparison, arm), lang,
                                  comparison.request.proposed.economics.price_year, suffix)


def build_html(comparison: Comparison, lang: str = "da",
               extra_sections: Sequence[Section] = ()) -> tuple[str, list[Figure]]:
    """The page and its figures; ``extra_sections`` (e.g. the business case) go before the
    method note."""
    check_lang(lang)
    req = comparison.request
    cur, prop = side_label(comparison, CURRENT, lang), side_label(comparison, PROPOSED, lang)
    title = t("cmp_title", lang, current=cur, proposed=prop)
    metric = headline_metric(comparison)
    summary = Section("summary", t("cmp_summary", lang))
    figures: list[Figure] = []
    for arm in req.arms:
        figures += add_short(summary, short_answer(comparison, arm, lang), lang,
                             f"compare_short_{arm}")
    sections = [summary]
    if req.differences:
        changes = Section("changes", t("short_changes", lang))
        items = "".join(f"<li>{difference_item(d, lang, comparison)}</li>"
                        for d in req.differences)
        changes.add_html(f"<ul>{items}</ul>")
        sections.append(changes)
    analysts = analysts_section(lang)
    for arm in req.arms:  # what the answer leans on: for analysts
        analysts.add_html("".join(f'<p class="how-sure">{esc(line)}</p>'
                                  for line in how_sure(comparison, arm, lang)[1:]))
    sections.append(analysts)
    for arm in req.arms:
        suffix = f" · {_label(arm, lang)}" if len(req.arms) > 1 else ""
        key = Section(f"key_{arm}", t("cmp_key_figures", lang) + suffix,
                      t("cmp_key_intro", lang))
        key.add_html(table_html(key_rows(comparison, arm, lang),
                                _header(comparison, lang, ""), numeric={1, 2, 3, 4}))
        sections.append(key)
        time_s = Section(f"time_{arm}", t("cmp_over_time", lang) + suffix,
                         t("cmp_over_time_intro", lang))
        fig = fig_over_time(comparison, arm, lang)
        if time_s.add_figure(f"compare_over_time_{arm}", fig) and fig is not None:
            figures.append(fig)
        time_s.add_html(f"<h3>{esc(t('cmp_horizons', lang))}</h3>")
        time_s.add_html(table_html(horizon_rows(comparison, arm, lang),
                                   _header(comparison, lang, ""), numeric={1, 2, 3, 4}))
        sections.append(time_s)
        groups = Section(f"groups_{arm}", t("cmp_groups", lang) + suffix,
                         t("cmp_groups_intro", lang, metric=metrics.phrase(metric, lang)))
        groups.add_html(table_html(group_rows(comparison, arm, metric, lang),
                                   _header(comparison, lang, t("cmp_group", lang)),
                                   numeric={1, 2, 3, 4}))
        sections.append(groups)
        staff = Section(f"staff_{arm}", t("cmp_staff", lang) + suffix, t("cmp_staff_intro", lang))
        staff.add_html(table_html(staff_rows(comparison, arm, lang),
                                  _header(comparison, lang, ""), numeric={1, 2, 3, 4}))
        staff.add_html(f"<h3>{esc(t('cmp_roles', lang))}</h3>")
        staff.add_html(table_html(role_rows(comparison, arm, lang),
                                  [t("cmp_design", lang), t("cmp_role", lang),
                                   t("cmp_fte", lang), t("cmp_trace_caseload_role", lang)],
                                  numeric={2, 3}))
        sections.append(staff)
        sections.append(trace_section(comparison.trace(arm), lang, (cur, prop), arm, suffix))
        sections.append(business_section(comparison, arm, lang, suffix))
        if "budget" in comparison.current:  # a comparison kept without its books has none
            years_sec, years_figs = business_years(comparison, arm, lang, suffix)
            sections.append(years_sec)
            figures += years_figs
    sections += [rates_section(req.proposed.economics, lang)] if req.arms else []
    sections += list(extra_sections)
    method = Section("method", t("cmp_method", lang))
    text = (t("cmp_method_text", lang, reps=req.replications) if req.members is None
            else t("cmp_method_members", lang, members=req.member_count,
                   reps=req.replications))
    method.add_html(f"<p>{esc(text)}</p>")
    sections.append(method)
    return render_page(title, subtitle(comparison, lang), lang, sections), figures


def write_html(comparison: Comparison, path: Path, lang: str = "da",
               extra_sections: Sequence[Section] = ()) -> Path:
    """Write ``compare.html`` atomically (self-contained, works offline)."""
    page, _ = build_html(comparison, lang, extra_sections)
    return write_atomic(Path(path), page)


def terminal_text(comparison: Comparison, lang: str = "da") -> str:
    """What ``jobfirst compare`` prints: "In short" per arm, then the key figures and the
    mechanism story."""
    check_lang(lang)
    req = comparison.request
    lines: list[str] = []
    warning = few_replications_warning(req.runs, lang)
    for arm in req.arms:
        lines.append(f"{t('cmp_summary', lang)}: {in_short(comparison, arm, lang)}")
        lines += [f"  {line}" for line in how_sure(comparison, arm, lang)]
        if warning:
            lines.append(f"! {warning}")
        rows = key_rows(comparison, arm, lang)
        width = max([len(str(r[0])) for r in rows] + [20])
        head = _header(comparison, lang, "")
        lines.append(f"  {'':<{width}}  {head[1]:>12}  {head[2]:>12}  {head[3]:>10}  {head[4]}")
        for r in rows:
            ci = r[4] or "–"  # no interval (an input): a mark, so the columns stay put
            lines.append(f"  {r[0]!s:<{width}}  {r[1]!s:>12}  {r[2]!s:>12}  {r[3]!s:>10}  {ci}")
        lines += ["  " + x for x in trace_lines(comparison.trace(arm), lang)]
        lines.append("")
        lines.append(gross_text(business_case(comparison, arm),
                                business_rows(comparison, arm, lang),
                                (side_label(comparison, CURRENT, lang),
                                 side_label(comparison, PROPOSED, lang)), lang))
        if "budget" in comparison.current:
            lines += ["", *business_terminal(comparison, arm, lang)]
    return "\n".join(lines)


def business_terminal(comparison: Comparison, arm: str, lang: str) -> list[str]:
    """The business case by payer in terminal lines (:mod:`jobfirst_sim.report.business`)."""
    from jobfirst_sim.decide.business.of_compare import compare_case
    from jobfirst_sim.report.business import terminal_lines

    return terminal_lines(compare_case(comparison, arm), lang)
