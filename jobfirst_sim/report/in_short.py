"""The first screen of ``compare`` and ``explain``: "Kort fortalt / In short".

Why one block for both pages: a manager reads the same four answers wherever the
decision is shown — the effect with what its interval holds, the net cost a year for the
municipality and for the public sector, when it is paid back, and the pilot that would
show it — then one picture of cost and savings by budget year. Everything else on the
page is for analysts and follows under its own heading (:func:`analysts_section`).

Amounts are in mio. kr. with one decimal (:func:`jobfirst_sim.report.business.mio`); the
effect comes from the page's ``headline`` block (:mod:`jobfirst_sim.decide.uncertainty`),
the kroner from the business case by payer and year
(:class:`~jobfirst_sim.decide.business.case.YearCase`), the pilot from
:mod:`jobfirst_sim.decide.pilot_needed`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from jobfirst_sim import fmt, metrics
from jobfirst_sim.decide.business.case import PayerCase, YearCase
from jobfirst_sim.decide.pilot_needed import PilotNeed
from jobfirst_sim.report.business import PAYER_COLOURS, mio
from jobfirst_sim.report.figdata import Fig, Figure
from jobfirst_sim.report.figures.base import style
from jobfirst_sim.report.headline import level_text
from jobfirst_sim.report.html import Section, esc
from jobfirst_sim.report.labels import t

SHOWN: Final = ("municipality", "public")
"""The payers of the first screen: the municipality's own budget and the public sector."""


@dataclass(frozen=True)
class ShortAnswer:
    """What the first screen says: the page's "In short" sentence and what its interval
    holds, the headline block, the business case and the pilot (None: not available)."""

    sentence: str
    headline: Mapping[str, Any]
    how_sure: Sequence[str] = ()
    case: YearCase | None = None
    need: PilotNeed | None = None
    notes: Sequence[str] = field(default_factory=tuple)
    """Plain warnings shown under the figures (too few replications)."""


def _num(x: object) -> float:
    return float("nan") if x is None else float(str(x))


def effect_text(head: Mapping[str, Any], lang: str) -> str:
    """The effect in one line: the difference, the metric, both levels and the interval
    (``+3,9 pct.-point med ordinære timer ved horisonten (7,1 % → 11,0 %; …)``)."""
    metric = str(head.get("metric", metrics.HEADLINE))
    share = metrics.is_share(metric)
    diff, low, high = (_num(head.get(k)) for k in ("difference", "ci_low", "ci_high"))

    def d(x: float) -> str:
        return fmt.points(x, lang, 1) if share else fmt.number(x, lang, 2, signed=True)

    values = {"diff": d(diff), "metric": metrics.phrase(metric, lang),
              "current": level_text(metric, _num(head.get("current")), lang),
              "proposed": level_text(metric, _num(head.get("proposed")), lang)}
    if low != low or high != high:
        return t("short_effect_no_ci", lang, **values)
    return t("short_effect_text", lang, low=d(low), high=d(high), **values)


def _payer(payer: str, lang: str) -> str:
    return t(f"short_payer_{payer}", lang)


def cost_lines(case: YearCase, lang: str) -> list[str]:
    """The net cost a year for each payer of :data:`SHOWN`."""
    return [t("short_cost_line", lang, payer=_payer(p, lang),
              amount=mio(case.a_year(p), lang, signed=True)) for p in SHOWN]


def cost_note(case: YearCase, lang: str) -> str:
    """What the yearly figure is, the present values over the years and, under
    ``--uncertainty parameters``, how likely the proposal costs the public sector less."""
    pv = {f"pv_{p}": mio(case.payers[p].present_value.mean, lang, signed=True)
          for p in SHOWN}
    text = t("short_cost_note", lang, weeks=sum(case.weeks), years=case.years, **pv)
    cheaper = case.payers["public"].probability_costs_less
    if cheaper is not None and math.isfinite(cheaper):
        end = "" if text.endswith(".") else "."  # "12,3 mio. kr." ends its sentence
        text += f"{end} " + t("short_cheaper", lang, p=fmt.percent(cheaper, lang, 0),
                              members=case.members)
    return text


def payback_line(c: PayerCase, years: int, lang: str) -> str:
    """When the payer's extra cost is recovered, or that it is not within the years."""
    name = _payer(c.payer, lang)
    if c.payback_year is None:
        return t("short_payback_none", lang, payer=name, years=years)
    if c.payback_year == 1 and all(f.mean <= 0 for f in c.years):
        return t("short_payback_first", lang, payer=name)
    return t("short_payback_year", lang, payer=name, year=c.payback_year)


def pilot_text(need: PilotNeed, lang: str) -> str:
    """The pilot that would show the effect, or why none of up to the cohort's size
    would, and what would."""
    power, alpha = fmt.percent(need.power, lang, 0), fmt.percent(need.alpha, lang, 0)
    if need.per_arm is None:
        return t("short_pilot_nothing", lang)
    n = fmt.number(need.per_arm, lang, 0)
    cohort = fmt.number(need.cohort, lang, 0)
    if not need.fits:
        return t("short_pilot_too_big", lang, cohort=cohort, power=power, n=n,
                 total=fmt.number(2 * need.per_arm, lang, 0))
    return " ".join((t("short_pilot_size", lang, n=n, cohort=cohort, power=power, alpha=alpha,
                       total=fmt.number(2 * need.per_arm, lang, 0)),
                     t("short_pilot_team", lang)))


def year_label(case: YearCase, year: int, lang: str) -> str:
    """``År 2`` or, for a part year, ``År 2 (8 uger)``."""
    weeks = case.weeks[year - 1] if year <= len(case.weeks) else 52
    if weeks < 52:
        return t("short_year_partial", lang, n=year, weeks=weeks)
    return t("biz_year", lang, n=year)


def fig_years(case: YearCase, lang: str) -> Figure:
    """Bars: the municipality's and the public sector's difference by budget year
    (mio. kr.; above 0 an extra cost, below a saving)."""
    fig = Fig()
    years = [year_label(case, y, lang) for y in range(1, case.years + 1)]
    for payer in SHOWN:
        values = [f.mean / 1e6 for f in case.payers[payer].years]
        fig.add_trace({"type": "bar", "x": years, "y": values, "name": _payer(payer, lang),
                       "marker": {"color": PAYER_COLOURS[payer]},
                       "text": [fmt.number(v, lang, 1, signed=True) for v in values],
                       "textposition": "outside", "cliponaxis": False,
                       "hovertext": [f"{_payer(payer, lang)}, {y}: "
                                     f"{mio(v * 1e6, lang, signed=True)}"
                                     for y, v in zip(years, values, strict=True)],
                       "hoverinfo": "text"})
    fig.update_layout(barmode="group", bargap=0.35)
    fig.add_hline(y=0.0, line={"color": "#333", "width": 1})
    fig.update_yaxes(title_text=t("short_profile_axis", lang), zeroline=True)
    return style(fig, lang, t("short_profile", lang), height=340)


def _item(term: str, lines: Sequence[str], note: str = "") -> str:
    body = "".join(f"<p>{esc(x)}</p>" for x in lines)
    if note:
        body += f'<p class="note">{esc(note)}</p>'
    return f"<div><dt>{esc(term)}</dt><dd>{body}</dd></div>"


def add_short(section: Section, answer: ShortAnswer, lang: str, name: str
              ) -> list[Figure]:
    """Put the first screen into ``section``: the sentence and what its interval holds,
    the four answers, and the picture by year (figure ``name``); the figures drawn."""
    section.add_html(f'<p class="headline"><strong>{esc(answer.sentence)}</strong></p>')
    items = [_item(t("short_effect", lang), [effect_text(answer.headline, lang)],
                   " ".join(answer.how_sure))]
    case = answer.case
    if case is not None:
        items.append(_item(t("short_cost", lang), cost_lines(case, lang),
                           cost_note(case, lang)))
        items.append(_item(t("short_payback", lang),
                           [payback_line(case.payers[p], case.years, lang) for p in SHOWN]))
    if answer.need is not None:
        items.append(_item(t("short_pilot", lang), [pilot_text(answer.need, lang)]))
    section.add_html(f'<dl class="short">{"".join(items)}</dl>')
    if case is None:
        section.add_html(f'<p class="note">{esc(t("short_no_books", lang))}</p>')
    section.add_html("".join(f'<p class="warning">{esc(x)}</p>' for x in answer.notes))
    if case is None:
        return []
    fig = fig_years(case, lang)
    section.add_figure(name, fig)
    return [fig]


def analysts_section(lang: str, intro: str = "short_analysts_intro") -> Section:
    """The heading above everything that is for analysts (no blocks of its own)."""
    return Section("analysts", t("short_analysts", lang), t(intro, lang))
