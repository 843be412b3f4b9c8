"""The business case by payer and budget year on a page: one table per payer, the year
profile and the tornado with switching values.

Why apart from :mod:`jobfirst_sim.report.compare`: the same block serves every decision
page that has a :class:`~jobfirst_sim.decide.business.case.YearCase`; it draws from the
case alone (never from the model), in Danish or English, amounts in mio. kr. with one
decimal (:func:`jobfirst_sim.fmt.number`).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from typing import Any, Final

import numpy as np

from jobfirst_sim import fmt
from jobfirst_sim.decide import economics
from jobfirst_sim.decide.business.case import PARAMETERS, SWING, Figure, PayerCase, YearCase
from jobfirst_sim.decide.business.payers import PAYERS
from jobfirst_sim.report.figdata import Fig
from jobfirst_sim.report.figdata import Figure as PlotFigure
from jobfirst_sim.report.figures.base import style
from jobfirst_sim.report.html import Section, esc, table_html
from jobfirst_sim.report.labels import t

PAYER_COLOURS: Final = {"municipality": "#1f6f8b", "state": "#b8860b", "public": "#2a7f62",
                        "society": "#7b4f9d"}
"""One colour per payer in every business-case figure."""
FAR: Final = 5.0
"""A rate that must rise more than fivefold to switch the answer is shown as "more than
+500 %": the exact figure means nothing at that distance."""


def mio(x: float, lang: str, *, signed: bool = False) -> str:
    """An amount in mio. kr. with one decimal (``12,3 mio. kr.``, ``DKK 12.3m``)."""
    if not math.isfinite(x):
        return "–"
    return t("biz_mio", lang, x=fmt.number(x / 1e6, lang, 1, signed=signed))


def figure_text(f: Figure, lang: str) -> str:
    """A difference in mio. kr. with its interval when it has one."""
    head = mio(f.mean, lang, signed=True)
    if not (math.isfinite(f.low) and math.isfinite(f.high)):
        return head
    low, high = (fmt.number(x / 1e6, lang, 1, signed=True) for x in (f.low, f.high))
    # an interval whose ends print alike (the same in every run, or narrower than the
    # tenth of a million shown) has nothing to show
    return head if low == high else f"{head} [{low}; {high}]"


def gross_cell_text(row: Mapping[Hashable, Any], item: str, lang: str) -> str:
    """One cell of compare's gross kroner table on the page and in compare's terminal
    (:func:`gross_text`): totals in mio. kr.
    with one decimal, the cost per extra citizen in whole kroner, citizens with one
    decimal, each with its interval unless the two ends print alike (an input such as the
    staff cost is the same in every run and has no uncertainty to show)."""
    if not row["defined"]:
        return t("bc_not_defined", lang) if item == economics.RATIO_ITEM else "–"

    def num(x: float) -> str:  # an interval's end: the head's unit, without it
        if item == economics.HOURS_ITEM:
            return fmt.number(x, lang, 1)
        return fmt.number(x, lang, 0) if item == economics.RATIO_ITEM else fmt.number(
            x / 1e6, lang, 1)

    mean = float(row["mean"])
    head = (num(mean) if item == economics.HOURS_ITEM else fmt.kroner(mean, lang)
            if item == economics.RATIO_ITEM else mio(mean, lang))
    low, high = float(row["ci_low"]), float(row["ci_high"])
    if row.get("column") != "difference" and item != economics.RATIO_ITEM:
        low = max(low, 0.0)  # a design's own total (kroner, citizens) is never below 0
    if not (math.isfinite(low) and math.isfinite(high)) or num(low) == num(high):
        return head
    return f"{head} ({num(low)} {t('bc_to', lang)} {num(high)})"


def years_text(years: int, lang: str) -> str:
    """``1 budget year`` or ``5 budget years`` (one word in Danish)."""
    return t("biz_years_one" if years == 1 else "biz_years_many", lang, n=years)


def payer_rows(case: PayerCase, lang: str) -> list[list[object]]:
    """One payer's table: net cost today, with the proposal, and the difference by year,
    with the present value of the difference in the last column."""
    return [
        [t("biz_row_current", lang), *(mio(x, lang) for x in case.current), ""],
        [t("biz_row_proposed", lang), *(mio(x, lang) for x in case.proposed), ""],
        [t("biz_row_difference", lang), *(figure_text(f, lang) for f in case.years),
         figure_text(case.present_value, lang)],
    ]


def payback_text(case: PayerCase, years: int, lang: str) -> str:
    """When the payer's extra cost is recovered, or that it is not within the years."""
    if case.payback_year is None:
        return t("biz_no_payback", lang, years=years)
    if case.payback_year == 1 and all(f.mean <= 0 for f in case.years):
        return t("biz_payback_first", lang)
    return t("biz_payback", lang, year=case.payback_year)


def fig_profile(case: YearCase, lang: str) -> PlotFigure:
    """Bars: each payer's difference by budget year (mio. kr.)."""
    fig = Fig()
    years = [t("biz_year", lang, n=y) for y in range(1, case.years + 1)]
    for payer in PAYERS:
        c = case.payers[payer]
        fig.add_trace({"type": "bar", "x": years, "y": [f.mean / 1e6 for f in c.years],
                       "name": t(f"biz_payer_{payer}", lang),
                       "marker": {"color": PAYER_COLOURS[payer]}})
    fig.update_layout(barmode="group")
    fig.update_yaxes(title_text=t("biz_profile_axis", lang))
    return style(fig, lang, t("biz_profile", lang), height=440)


def fig_tornado(case: YearCase, lang: str, payer: str = "public") -> PlotFigure:
    """The tornado: the payer's present value with each rate at −/+ the swing, widest
    bar on top, around the central present value."""
    c = case.payers[payer]
    swing = fmt.percent(SWING, lang, 0)
    order = sorted(PARAMETERS, key=lambda k: abs(c.tornado[k][1] - c.tornado[k][0]))
    labels = [t(f"biz_param_{k}", lang) for k in order]
    base = c.present_value.mean / 1e6
    fig = Fig()
    for j, name in ((0, t("biz_low", lang, swing=swing)), (1, t("biz_high", lang, swing=swing))):
        fig.add_trace({"type": "bar", "orientation": "h", "y": labels,
                       "x": [c.tornado[k][j] / 1e6 - base for k in order], "base": base,
                       "name": name, "marker": {"color": ("#8fb8c9", "#1f6f8b")[j]}})
    fig.update_layout(barmode="overlay")
    fig.add_vline(x=base, line={"color": "#333", "width": 1})
    fig.add_vline(x=0.0, line={"color": "#b03a2e", "width": 1, "dash": "dot"})
    fig.update_xaxes(title_text=t("biz_tornado_axis", lang))
    return style(fig, lang, t("biz_tornado", lang, swing=swing), height=380)


def switching_rows(case: YearCase, lang: str) -> list[list[object]]:
    """Per rate: the change that turns each payer's present value to 0 (``+35 %``)."""
    rows: list[list[object]] = []
    for name in PARAMETERS:
        cells: list[object] = [t(f"biz_param_{name}", lang)]
        for payer in PAYERS:
            factor = case.payers[payer].switching[name]
            if factor is None or not np.isfinite(factor):
                cells.append(t("biz_switching_none", lang))
            elif factor - 1.0 > FAR:
                cells.append(t("biz_switching_far", lang,
                               share=fmt.percent(FAR, lang, 0, signed=True)))
            else:
                cells.append(fmt.percent(factor - 1.0, lang, 0, signed=True))
        rows.append(cells)
    return rows


def business_years_section(case: YearCase, lang: str, price_year: int,
                           suffix: str = "") -> tuple[Section, list[PlotFigure]]:
    """The section and its figures for one arm's case."""
    sec = Section(f"business_years_{case.arm}", t("biz_title", lang) + suffix,
                  t("biz_intro", lang, years=years_text(case.years, lang), weeks=sum(case.weeks),
                    rate=fmt.percent(case.discount_rate, lang, 1),
                    change=mio(case.change_costs, lang), year=price_year))
    if case.weeks and case.weeks[-1] < 52:
        sec.add_html(f"<p>{esc(t('biz_partial_year', lang, weeks=case.weeks[-1]))}</p>")
    head = [" ", *(t("biz_year", lang, n=y) for y in range(1, case.years + 1)),
            t("biz_pv", lang)]
    numeric = set(range(1, case.years + 2))
    for payer in PAYERS:
        c = case.payers[payer]
        sec.add_html(f"<h3>{esc(t(f'biz_payer_{payer}', lang))}</h3>")
        sec.add_html(table_html(payer_rows(c, lang), head, numeric=numeric))
        lines = [payback_text(c, case.years, lang)]
        if c.probability_costs_less is not None and math.isfinite(c.probability_costs_less):
            lines.append(t("biz_cheaper", lang, members=case.members,
                           p=fmt.percent(c.probability_costs_less, lang, 0)))
        sec.add_html("".join(f"<p>{esc(x)}</p>" for x in lines))
    figures = [fig_profile(case, lang), fig_tornado(case, lang)]
    sec.add_figure(f"business_profile_{case.arm}", figures[0])
    sec.add_figure(f"business_tornado_{case.arm}", figures[1])
    sec.add_html(f"<h3>{esc(t('biz_switching', lang))}</h3>")
    sec.add_html(table_html(switching_rows(case, lang),
                            [t("biz_parameter", lang),
                             *(t(f"biz_payer_{p}", lang) for p in PAYERS)],
                            numeric={1, 2, 3, 4}))
    sec.add_html(f"<p>{esc(t('biz_left_out', lang))}</p>")
    return sec, figures


def terminal_lines(case: YearCase, lang: str) -> list[str]:
    """The case in a few terminal lines: per payer the present value with its interval
    and the payback."""
    lines = [t("biz_terminal_head", lang, years=years_text(case.years, lang), weeks=sum(case.weeks),
               rate=fmt.percent(case.discount_rate, lang, 1))]
    width = max(len(t(f"biz_payer_{p}", lang)) for p in PAYERS)
    for payer in PAYERS:
        c = case.payers[payer]
        lines.append(f"  {t(f'biz_payer_{payer}', lang):<{width}}  {t('biz_pv', lang)} "
                     f"{figure_text(c.present_value, lang)} · "
                     f"{payback_text(c, case.years, lang)}")
    return lines


def gross_text(case: economics.BusinessCase, rows: list[list[object]], names: tuple[str, str],
               lang: str) -> str:
    """Compare's gross kroner table for the terminal: the page's cells (``rows``, from
    :func:`gross_cell_text`: mio. kr., no interval for an input) under the designs' names
    (``names``: today, proposed) rather than their arm ids, and the note of what the
    intervals hold."""
    current, proposed = names
    heads = ["", current, proposed, t("cmp_difference", lang)]
    body = [[str(c) for c in r] for r in rows]
    widths = [max(len(r[j]) for r in [heads, *body]) for j in range(len(heads))]

    def line(r: list[str]) -> str:
        return "  ".join([r[0].ljust(widths[0]), *(c.rjust(wd) for c, wd in
                                                     zip(r[1:], widths[1:], strict=True))])

    n = int(case.rows["n"].max())
    year = t("bc_prices", lang, year=case.price_year) if case.price_year is not None else ""
    note = (t("bc_note", lang, n=n, year=year) if not case.members
            else t("bc_note_members", lang, n=n, members=case.members, year=year))
    return "\n".join([f"{t('bc_title', lang)}: {proposed} − {current}", line(heads),
                      "  ".join("-" * wd for wd in widths), *(line(r) for r in body), "",
                      note])
