"""The explain page's section "What does each lever cost?" and its terminal lines.

Why apart from :mod:`jobfirst_sim.report.explain`: that page is built by several hands;
this section reads only the Shapley split's costs (:mod:`jobfirst_sim.decide.lever_cost`)
and is wired in with one call (:func:`lever_cost_sections`). A table per lever — hours
effect, net cost a year for the municipality and the public sector in mio. kr. with one
decimal, kroner a year per extra citizen with hours or "not meaningful" — and a bar chart
of the net cost a year by lever and payer, so a manager sees which levers buy hours
cheaply. Every word comes from the catalog (``words/lever_cost.yaml``), numbers from
:mod:`jobfirst_sim.fmt`.
"""

from __future__ import annotations

import math

import numpy as np

from jobfirst_sim import fmt
from jobfirst_sim.decide.lever_cost import (
    SHOWN_PAYERS,
    TOTAL,
    LeverCost,
    has_costs,
    largest_error,
    lever_costs,
)
from jobfirst_sim.decide.shapley import ShapleyResult
from jobfirst_sim.metrics import is_share, lever_label
from jobfirst_sim.report.figdata import Fig, Figure, trace
from jobfirst_sim.report.figures import style
from jobfirst_sim.report.html import Section, esc, table_html
from jobfirst_sim.report.labels import arm_name, t

COLOURS = {"municipality": "#1f5f8b", "public": "#e08e0b"}
"""One colour per payer (the municipality blue, the public sector amber)."""


def mio(x: float, lang: str, *, signed: bool = True) -> str:
    """An amount a year in mio. kr. with one decimal (``+1,2 mio. kr.``)."""
    if not math.isfinite(x):
        return "–"
    return t("lc_mio", lang, x=fmt.number(x / 1e6, lang, 1, signed=signed))


def interval_mio(ci_low: float, ci_high: float, lang: str) -> str:
    """``[−0,3; 1,1]`` in mio. kr. (empty without an interval)."""
    if not (math.isfinite(ci_low) and math.isfinite(ci_high)):
        return ""
    return (f" [{fmt.number(ci_low / 1e6, lang, 1, signed=True)}; "
            f"{fmt.number(ci_high / 1e6, lang, 1, signed=True)}]")


def effect_text(x: float, metric: str, lang: str, *, unit: bool = False) -> str:
    """An effect in percentage points (shares) or the metric's own unit."""
    if is_share(metric):
        return fmt.points(x, lang, 1, unit=unit)
    return fmt.number(x, lang, 2, signed=True)


def price(x: float, meaningful: bool, lang: str) -> str:
    """Kroner a year per extra citizen, to the nearest thousand, or "not meaningful"."""
    if not meaningful or not math.isfinite(x):
        return t("lc_not_meaningful", lang)
    return fmt.kroner(round(x, -3), lang, signed=x < 0)


def _name(row: LeverCost, lang: str) -> str:
    return t("lc_total", lang) if row.lever == TOTAL else lever_label(row.lever, lang)


def table_rows(split: ShapleyResult, lang: str) -> tuple[list[str], list[list[object]]]:
    """The table's header and rows (levers by their municipal cost per extra citizen,
    cheapest first; levers without a meaningful price after them; the total last)."""
    metric = split.request.metric
    unit = t("unit_pp", lang) if is_share(metric) else t(metric, lang)
    header = [t("lc_col_lever", lang), t("lc_col_effect", lang, unit=unit),
              t("lc_col_citizens", lang),
              *(t("lc_col_cost", lang, payer=t(f"lc_payer_{p}", lang)) for p in SHOWN_PAYERS),
              *(t("lc_col_price", lang, payer=t(f"lc_payer_{p}", lang)) for p in SHOWN_PAYERS)]
    rows: list[list[object]] = []
    for row in ordered(lever_costs(split)):
        e = row.effect
        effect = effect_text(e.mean, metric, lang)
        if math.isfinite(e.low) and math.isfinite(e.high):
            effect += (f" [{effect_text(e.low, metric, lang)}; "
                       f"{effect_text(e.high, metric, lang)}]")
        citizens = (fmt.number(row.extra_citizens, lang, 0, signed=True)
                    if math.isfinite(row.extra_citizens) else "–")
        rows.append([
            _name(row, lang), effect, citizens,
            *(mio(row.cost[p].mean, lang) + interval_mio(row.cost[p].low, row.cost[p].high,
                                                          lang) for p in SHOWN_PAYERS),
            *(price(row.per_citizen[p], row.meaningful, lang) for p in SHOWN_PAYERS)])
    return header, rows


def ordered(rows: list[LeverCost]) -> list[LeverCost]:
    """Levers with a price first, cheapest for the municipality first; then the others by
    their effect, largest first; the total last."""
    levers = [r for r in rows if r.lever != TOTAL]
    priced = sorted((r for r in levers if r.meaningful),
                    key=lambda r: r.per_citizen["municipality"])
    rest = sorted((r for r in levers if not r.meaningful), key=lambda r: -_finite(r.effect.mean))
    return [*priced, *rest, *(r for r in rows if r.lever == TOTAL)]


def _finite(x: float) -> float:
    return x if math.isfinite(x) else -math.inf


def fig_lever_cost(split: ShapleyResult, lang: str) -> Figure | None:
    """Net cost a year by lever, one bar per payer with its 95 % interval (mio. kr.),
    levers in the table's order (top: the first row)."""
    rows = [r for r in ordered(lever_costs(split)) if r.lever != TOTAL]
    if not rows:
        return None
    rows = rows[::-1]  # plotly draws the first category at the bottom
    labels = [lever_label(r.lever, lang) for r in rows]
    traces = []
    for payer in SHOWN_PAYERS:
        mean = np.array([r.cost[payer].mean for r in rows], float) / 1e6
        low = np.array([r.cost[payer].low for r in rows], float) / 1e6
        high = np.array([r.cost[payer].high for r in rows], float) / 1e6
        hover = [f"{lever_label(r.lever, lang)}: {mio(r.cost[payer].mean, lang)}"
                 f"{interval_mio(r.cost[payer].low, r.cost[payer].high, lang)}"
                 for r in rows]
        traces.append(trace(
            "bar", y=labels, x=mean, orientation="h", name=t(f"lc_legend_{payer}", lang),
            marker={"color": COLOURS[payer]},
            error_x={"type": "data", "array": np.nan_to_num(high - mean).tolist(),
                     "arrayminus": np.nan_to_num(mean - low).tolist(), "color": "#444"},
            hovertext=hover, hoverinfo="text"))
    fig = Fig(traces)
    style(fig, lang, t("lc_figure", lang), height=max(380, 150 + 44 * len(rows)))
    fig.update_layout(barmode="group", margin={"t": 90})
    fig.update_yaxes(automargin=True)
    fig.update_xaxes(title_text=t("lc_axis", lang), zeroline=True, zerolinecolor="#333")
    return fig.to_dict()


def method_text(split: ShapleyResult, lang: str) -> str:
    """How the split was made, in the explain page's words."""
    return t(f"explain_shapley_{split.method}", lang, orders=split.orders)


def error_sentence(split: ShapleyResult, lang: str) -> str:
    """The largest Monte Carlo error on an effect and on a municipal cost (empty for the
    exact split with one parameter set, which has none)."""
    if split.method != "sampled":
        return ""
    eff, dkk = largest_error(split)
    if not (math.isfinite(eff) and math.isfinite(dkk)):
        return t("lc_error_unknown", lang, method=method_text(split, lang))
    return t("lc_error", lang, method=method_text(split, lang),
             effect=effect_text(eff, split.request.metric, lang, unit=True).lstrip("+"),
             cost=fmt.kroner(round(dkk, -3), lang))


def note_per_citizen(split: ShapleyResult, lang: str) -> str:
    """What the price per extra citizen is, or why it is not shown for this metric."""
    req = split.request
    observed = (req.runs.mean(split.observed) if split.observed is not None
                and np.isfinite(split.observed).any() else float("nan"))
    if not math.isfinite(observed):
        return t("lc_no_per_citizen", lang, metric=t(req.metric, lang))
    return t("lc_per_citizen_note", lang, metric=t(req.metric, lang),
             observed=fmt.number(observed, lang, 0),
             arm=arm_name(req.arm_from, lang, req.scenario))


def lever_cost_sections(split: ShapleyResult | None, lang: str) -> list[Section]:
    """The section for the explain page (none without a split or without costs)."""
    if split is None or not has_costs(split):
        return []
    req = split.request
    sec = Section("lever_cost", t("lc_title", lang),
                  t("lc_intro", lang, method=method_text(split, lang),
                    year=req.scenario.economics.price_year))
    sec.add_figure("explain_lever_cost", fig_lever_cost(split, lang))
    header, rows = table_rows(split, lang)
    sec.add_html(table_html(rows, header, numeric=set(range(1, len(header))), wrap=True))
    sec.add_html(f"<p>{esc(note_per_citizen(split, lang))}</p>")
    error = error_sentence(split, lang)
    if error:
        sec.add_html(f'<p class="uncertainty">{esc(error)}</p>')
    return [sec]


def lever_cost_text(split: ShapleyResult | None, lang: str) -> str:
    """The terminal's lines: one per lever in the table's order, then the error."""
    if split is None or not has_costs(split):
        return ""
    metric = split.request.metric
    lines = [t("lc_terminal_head", lang)]
    rows = ordered(lever_costs(split))
    width = max(len(_name(r, lang)) for r in rows)
    for r in rows:
        pair = (t("lc_price_pair", lang, **{p: price(r.per_citizen[p], r.meaningful, lang)
                                              for p in SHOWN_PAYERS})
                if r.meaningful else t("lc_price_none", lang))
        body = t("lc_terminal_row", lang, price=pair, **{
            p: fmt.number(r.cost[p].mean / 1e6, lang, 1, signed=True) for p in SHOWN_PAYERS})
        lines.append(f"  {_name(r, lang):<{width}}  "
                     f"{effect_text(r.effect.mean, metric, lang, unit=True):>12}  {body}")
    error = error_sentence(split, lang)
    if error:
        lines.append("  " + error)
    return "\n".join(lines)
