"""The page and terminal table of ``jobfirst compare CURRENT A B C``: every proposal
against today in one table.

Why apart from :mod:`jobfirst_sim.report.compare`: that page tells one proposal's whole
story; a board weighing three wants them side by side first -- the effect with its
interval, how likely each is better, what each costs the municipality and the public
sector a year, and when it pays back -- and a picture of the effects, one colour per
proposal. Each proposal's full page is written beside it by the single compare's own
writer. Figures come from :meth:`jobfirst_sim.decide.compare_many.ManyComparison.table`, so the
page, the terminal and ``compare_many.csv`` show one set of numbers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import pandas as pd

from jobfirst_sim import fmt, metrics
from jobfirst_sim.decide.compare import CURRENT, PROPOSED, Comparison
from jobfirst_sim.decide.compare_many import (
    PAYERS_SHOWN,
    ManyComparison,
    folder_name,
)
from jobfirst_sim.report.business import mio
from jobfirst_sim.report.changes import difference_item
from jobfirst_sim.report.compare import fmt_diff, side_label
from jobfirst_sim.report.figdata import Fig, Figure, error_bars
from jobfirst_sim.report.figures.base import arm_colours, style
from jobfirst_sim.report.headline import few_replications_warning
from jobfirst_sim.report.html import Section, esc, render_page, table_html, write_atomic
from jobfirst_sim.report.labels import check_lang, t
from jobfirst_sim.report.result import ReportResult

__all__ = ["build_html", "design_colours", "terminal_text", "write_html"]

NO_VALUE: Final = "–"


def design_colours(many: ManyComparison) -> dict[str, str]:
    """One colour per proposal, in the order given, the same in the chart and the table's
    swatches and as on the single compare pages: the first proposal blue like a compare's
    proposal, today's orange never worn by a proposal (:func:`~.figures.arm_colours`)."""
    keys = list(many.comparisons)
    roles = {CURRENT: "control", **({keys[0]: "treatment"} if keys else {})}
    colours = arm_colours([CURRENT, *keys], roles)  # today keeps its orange, never a design's
    return {k: colours[k] for k in keys}


def metric_name(metric: str, lang: str) -> str:
    """The metric as a sentence names it mid-way: its label without the parenthesis, lower
    case ("share with ordinary hours at the horizon")."""
    text = metrics.label(metric, lang).split(" (")[0]
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _names(many: ManyComparison, lang: str) -> dict[str, str]:
    return {k: side_label(c, PROPOSED, lang) for k, c in many.comparisons.items()}


def _current(many: ManyComparison, lang: str) -> str:
    return side_label(next(iter(many.comparisons.values())), CURRENT, lang)


def _cost(row: pd.Series, payer: str, lang: str) -> str:
    mean = float(row[f"{payer}_net_cost_a_year"])
    low, high = (float(row[f"{payer}_net_cost_a_year_{b}"]) for b in ("low", "high"))
    if not math.isfinite(mean):
        return NO_VALUE
    head = mio(mean, lang, signed=True)
    if not (math.isfinite(low) and math.isfinite(high)):
        return head
    return (f"{head} [{fmt.number(low / 1e6, lang, 1, signed=True)}; "
            f"{fmt.number(high / 1e6, lang, 1, signed=True)}]")


def _payback(row: pd.Series, payer: str, lang: str) -> str:
    year, years = row[f"{payer}_payback_year"], row["budget_years"]
    if pd.isna(years):
        return NO_VALUE
    if pd.isna(year):
        return t("cmm_payback_none" if int(years) != 1 else "cmm_payback_none_one", lang,
                 years=int(years))
    return t("cmm_payback_year", lang, year=int(year))


def _effect(row: pd.Series, lang: str) -> tuple[str, str]:
    """The effect with its unit (``+1,9 pct.-point``) and its interval in the same unit,
    said once (``[−6,1; +9,8]``; "–" without one)."""
    metric = str(row["metric"])
    head = fmt_diff(float(row["difference"]), metric, lang)
    low, high = (float(row[k]) if row[k] is not None else math.nan
                 for k in ("ci_low", "ci_high"))
    if not (math.isfinite(low) and math.isfinite(high)):
        return head, NO_VALUE
    scale, digits = (100.0, 1) if metrics.is_share(metric) else (1.0, 2)
    return head, (f"[{fmt.number(scale * low, lang, digits, signed=True)}; "
                  f"{fmt.number(scale * high, lang, digits, signed=True)}]")


def _effect_short(row: pd.Series, lang: str) -> str:
    """The effect and its interval in one cell: ``+1,9 pct.-point [−6,1; +9,8]``."""
    head, ci = _effect(row, lang)
    return head if ci == NO_VALUE else f"{head} {ci}"


def _better(row: pd.Series, lang: str) -> str:
    p = row["probability_better"]
    if p is None or pd.isna(p):
        return t("cmm_no_probability", lang)
    return fmt.percent(float(p), lang, 0)


def header(lang: str) -> list[str]:
    """The table's column heads."""
    return [t("cmm_design", lang), t("cmm_effect", lang), t("ci95", lang),
            t("cmm_better", lang), t("cmm_cost_municipality", lang),
            t("cmm_payback_municipality", lang), t("cmm_cost_public", lang),
            t("cmm_payback_public", lang)]


def table_rows(many: ManyComparison, lang: str) -> list[list[object]]:
    """One row per proposal: name, effect, interval, probability better, and per payer of
    :data:`~jobfirst_sim.decide.compare_many.PAYERS_SHOWN` the net cost a year (mio. kr.
    with its interval) and the payback."""
    names = _names(many, lang)
    rows: list[list[object]] = []
    for _, row in many.table().iterrows():
        effect, ci = _effect(row, lang)
        cells: list[object] = [names[str(row["design"])], effect, ci, _better(row, lang)]
        for payer in PAYERS_SHOWN:
            cells += [_cost(row, payer, lang), _payback(row, payer, lang)]
        rows.append(cells)
    return rows


def fig_effects(many: ManyComparison, lang: str) -> Figure | None:
    """Dot and interval per proposal (one colour each), 0 marked: the headline difference
    against today, the first proposal at the top."""
    table = many.table()
    if table.empty or not table["difference"].notna().any():
        return None
    metric = str(table["metric"].iloc[0])
    scale = 100.0 if metrics.is_share(metric) else 1.0
    names, colours = _names(many, lang), design_colours(many)
    fig = Fig()
    for _, row in table.iloc[::-1].iterrows():
        key = str(row["design"])
        mean = scale * float(row["difference"])
        low, high = (scale * float(row[k]) if row[k] is not None else math.nan
                     for k in ("ci_low", "ci_high"))
        fig.add_trace({"type": "scatter", "x": [mean], "y": [names[key]], "mode": "markers",
                       "name": names[key], "showlegend": False,
                       "marker": {"color": colours[key], "size": 13},
                       "error_x": error_bars([mean], [low], [high], colours[key],
                                             thickness=3, width=8)})
    fig.add_vline(x=0.0, line={"color": "#333", "width": 1})
    current = _current(many, lang)
    title = metric_name(metric, lang)
    style(fig, lang, title[:1].upper() + title[1:], height=160 + 56 * len(table))
    fig.update_xaxes(title_text=t("cmm_chart_axis" if scale == 100.0
                                  else "cmm_chart_axis_plain", lang, current=current),
                     zeroline=False)
    fig.update_yaxes(automargin=True)
    fig.update_layout(showlegend=False)
    return fig.to_dict()


def subtitle(many: ManyComparison, lang: str) -> str:
    """Proposals, runs and seed."""
    req = many.request.first
    base = {"designs": len(many.comparisons), "current": _current(many, lang),
            "reps": req.replications, "seed": req.seed}
    if req.members is None:
        return t("cmm_subtitle", lang, **base)
    return t("cmm_subtitle_members", lang, members=req.member_count, **base)


def _method(many: ManyComparison, lang: str) -> str:
    table = many.table()
    years = table["budget_years"].dropna()
    first = next(iter(many.comparisons.values()))
    rate = fmt.percent(first.request.proposed.economics.discount_rate, lang, 1)
    key = ("cmm_method_world" if many.shared and first.request.shared_world is not None
           else "cmm_method_once" if many.shared else "cmm_method_pairs")
    return t(key, lang,
             current=_current(many, lang), rate=rate,
             years=int(years.iloc[0]) if len(years) else NO_VALUE)


def build_html(many: ManyComparison, lang: str = "da") -> tuple[str, list[Figure]]:
    """The page and its figures: the table, the chart, what each proposal changes with a
    link to its full page, and the method."""
    check_lang(lang)
    current = _current(many, lang)
    table = many.table()
    metric = str(table["metric"].iloc[0]) if len(table) else ""
    phrase = metric_name(metric, lang) if metric else ""
    colours, names = design_colours(many), _names(many, lang)
    top = Section("table", t("cmm_table", lang),
                  t("cmm_table_intro", lang, current=current, metric=phrase))
    rows = table_rows(many, lang)
    top.add_html(NOWRAP)
    top.add_html(_swatched(table_html(rows, header(lang), numeric={1, 2, 3, 4, 6}),
                           [colours[k] for k in many.comparisons]))
    warning = few_replications_warning(many.request.first.runs, lang)
    if warning:
        top.add_html(f'<p class="warning">{esc(warning)}</p>')
    figures: list[Figure] = []
    chart = Section("effects", t("cmm_chart", lang),
                    t("cmm_chart_intro", lang, current=current, metric=phrase))
    fig = fig_effects(many, lang)
    if chart.add_figure("compare_many_effects", fig) and fig is not None:
        figures.append(fig)
    details = Section("designs", t("cmm_details", lang), t("cmm_details_intro", lang))
    for key, comp in many.comparisons.items():
        items = change_items(comp.request.differences, lang, comp)
        link = f"{folder_name(key)}/compare.html"
        details.add_html(
            f'<h3><span class="swatch" style="color:{colours[key]}">●</span> '
            f"{esc(names[key])}</h3>{f'<ul>{items}</ul>' if items else ''}"
            f'<p><a href="{esc(link)}">{esc(t("cmm_full_page", lang))}</a> '
            f"(<code>{esc(link)}</code>)</p>")
    method = Section("method", t("cmm_method", lang))
    method.add_html(f"<p>{esc(_method(many, lang))}</p>")
    title = t("cmm_title", lang, current=current)
    return render_page(title, subtitle(many, lang), lang,
                       [top, chart, details, method]), figures


NOWRAP: Final = ("<style>#table table.data td:nth-child(-n+3){white-space:nowrap}"
                  "</style>")
"""The proposal's name, its effect and interval keep to one line (``+12,5 pct.-point`` split over
two lines reads as two numbers)."""

SHOWN_CHANGES: Final = 8
"""Changes listed per proposal on the table's page; the rest are on its own page."""


def change_item(text: str) -> str:
    """A difference as the single compare lists a lever (``name: a → b``): the two-file
    form ``path: False vs 'parallel'`` with Python's spelling of values made plain
    (``false → parallel``), so :func:`~jobfirst_sim.report.compare.difference_item` puts it
    in words."""
    name, sep, values = text.partition(": ")
    before, vs, after = values.partition(" vs ")
    if not (sep and vs):
        return text

    def plain(v: str) -> str:
        v = re.sub(r"[{}'\"\[\]]", "", v)
        return re.sub(r"\b(True|False|None)\b", lambda m: m.group(0).lower(), v)
    return f"{name}: {plain(before)} → {plain(after)}"


def change_items(differences: Sequence[str], lang: str, comparison: Comparison) -> str:
    """The first :data:`SHOWN_CHANGES` changes as list items, and how many more."""
    items = [f"<li>{difference_item(change_item(d), lang, comparison)}</li>"
             for d in differences[:SHOWN_CHANGES]]
    if len(differences) > SHOWN_CHANGES:
        items.append(f"<li>{esc(t('cmm_more_changes', lang, n=len(differences) - SHOWN_CHANGES))}"
                     "</li>")
    return "".join(items)


def _swatched(table: str, colours: list[str]) -> str:
    """The table with each proposal's colour as a dot before its name (body rows in
    order), so the table and the chart read together."""
    parts = table.split("<tr><td>")
    out = [parts[0]]
    for colour, part in zip(colours, parts[1:], strict=False):
        out.append(f'<tr><td><span class="swatch" style="color:{colour}">●</span> {part}')
    return "".join(out)


def write_html(many: ManyComparison, folder: Path, lang: str = "da") -> list[Path]:
    """Write ``compare.html`` (the table) and each proposal's full ``compare.html`` in its
    subfolder (:func:`jobfirst_sim.report.compare.write_html`), atomically."""
    from jobfirst_sim.report.compare import write_html as write_single

    out: list[Path] = []
    for key, comp in many.comparisons.items():
        out.append(write_single(comp, folder / folder_name(key) / "compare.html", lang=lang))
    page, _ = build_html(many, lang)
    out.append(write_atomic(folder / "compare.html", page))
    return out


def terminal_rows(many: ManyComparison, lang: str) -> tuple[list[str], list[list[str]]]:
    """The table for a terminal: the page's columns made compact -- the effect with its
    interval in one cell, kroner in mio. with their interval, both paybacks in one cell;
    the probability column only under ``--uncertainty parameters``."""
    table = many.table()
    names = _names(many, lang)
    noise = many.request.first.members is None
    head = [t("cmm_design", lang), t("cmm_t_effect", lang),
            *([] if noise else [t("cmm_t_better", lang)]),
            t("cmm_t_municipality", lang), t("cmm_t_public", lang), t("cmm_t_payback", lang)]
    rows: list[list[str]] = []
    for _, row in table.iterrows():
        cells = [names[str(row["design"])], _effect_short(row, lang),
                 *([] if noise else [_better(row, lang)])]
        for payer in PAYERS_SHOWN:
            mean = float(row[f"{payer}_net_cost_a_year"])
            low, high = (float(row[f"{payer}_net_cost_a_year_{b}"]) for b in ("low", "high"))
            cells.append(NO_VALUE if not math.isfinite(mean) else " ".join(
                [fmt.number(mean / 1e6, lang, 1, signed=True),
                 *([f"[{fmt.number(low / 1e6, lang, 1, signed=True)}; "
                    f"{fmt.number(high / 1e6, lang, 1, signed=True)}]"]
                   if math.isfinite(low) and math.isfinite(high) else [])]))
        cells.append("; ".join(
            NO_VALUE if pd.isna(row[f"{p}_payback_year"]) else str(int(row[f"{p}_payback_year"]))
            for p in PAYERS_SHOWN))
        rows.append(cells)
    return head, rows


def terminal_text(many: ManyComparison, lang: str = "da") -> str:
    """What ``jobfirst compare`` prints for several proposals: a head line, the table in
    columns (:func:`jobfirst_sim.cli.terminal.fit` lays it out again for a narrow window)
    and what a dash means."""
    check_lang(lang)
    table = many.table()
    metric = str(table["metric"].iloc[0]) if len(table) else ""
    lines = [t("cmm_terminal_head", lang, current=_current(many, lang),
               metric=metric_name(metric, lang) if metric else "")]
    head, rows = terminal_rows(many, lang)
    grid: list[list[Any]] = [head, *rows]
    widths = [max(len(str(r[k])) for r in grid) for k in range(len(head))]
    for i, r in enumerate(grid):
        cells = [f"{r[0]!s:<{widths[0]}}",
                 *(f"{r[k]!s:>{widths[k]}}" for k in range(1, len(r)))]
        lines.append("  " + "  ".join(cells))
        if i == 0:
            lines.append("  " + "  ".join("-" * w for w in widths))
    years = table["budget_years"].dropna()
    notes = []
    if many.request.first.members is None:
        notes.append(t("cmm_t_noise", lang))
    if len(years) and any(NO_VALUE in r[-1] for r in rows):
        notes.append(t("cmm_t_no_payback", lang, years=int(years.iloc[0])))
    lines += [f"  {n}" for n in notes]
    warning = few_replications_warning(many.request.first.runs, lang)
    if warning:
        lines.append(f"! {warning}")
    return "\n".join(lines)


def rerender(folder: Path, lang: str, out: Path | None = None) -> ReportResult:
    """``jobfirst report DIR`` on a folder of several proposals: the table page again in
    ``lang`` (to ``out``, else over its ``compare.html``), and, written in place, each
    proposal's own page in the same language."""
    from jobfirst_sim.decide.compare_many import load_many
    from jobfirst_sim.report.compare import write_html as write_single

    many = load_many(folder)
    page, figures = build_html(many, lang)
    if out is None:
        from jobfirst_sim.report.workbook_many import write_many_workbook

        for key, comp in many.comparisons.items():
            write_single(comp, folder / folder_name(key) / "compare.html", lang=lang)
        write_many_workbook(many, folder, lang)
    path = write_atomic(out or folder / "compare.html", page)
    return ReportResult(path=path, figures={f"compare_many_{i}": f
                                            for i, f in enumerate(figures)})
