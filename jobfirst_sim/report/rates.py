"""The rates table beside the business case: every rate with value, price year and source.

Why on the page: a municipal economist checks the rates before the result, and a board
asks which figures are read and which are estimates. The table draws from
:func:`jobfirst_sim.decide.business.rates.rates` (the run's own ``economics``), in Danish
or English, numbers through :mod:`jobfirst_sim.fmt`, and says under it that wages and rates
are held at the price year's level in every year the scenario runs.
"""

from __future__ import annotations

from jobfirst_sim import fmt
from jobfirst_sim.decide.business.rates import Rate, rates
from jobfirst_sim.report.html import Section, esc, table_html
from jobfirst_sim.report.labels import t
from jobfirst_sim.scenario.economics import Economics

_AMOUNT_WORDS = {"dkk_month": "rates_per_month", "dkk_year": "rates_per_year",
                 "dkk_hour": "rates_per_hour", "dkk_fte": "rates_per_fte"}


def value_text(rate: Rate, lang: str) -> str:
    """A rate's value in words, kept on one line: ``13.345 kr. pr. måned``, ``65 %``,
    ``37 timer om ugen``."""
    return _value_text(rate, lang).replace(" ", "\u00a0")


def _value_text(rate: Rate, lang: str) -> str:
    if rate.unit == "share":
        digits = next(d for d in (0, 1, 2) if abs(round(rate.value * 100, d)
                                                  - rate.value * 100) < 1e-6 or d == 2)
        return fmt.percent(rate.value, lang, digits)
    if rate.unit == "hours":
        return t("rates_hours", lang, x=fmt.number(rate.value, lang, 0))
    amount = fmt.kroner(rate.value, lang, 2 if rate.unit == "dkk_hour" else 0)
    key = _AMOUNT_WORDS.get(rate.unit)
    return t(key, lang, x=amount) if key else amount


def rate_rows(economics: Economics, lang: str) -> list[list[object]]:
    """One row per rate: name, value, price year, source, and whether it is an estimate,
    read for the price year, or the user's own figure."""
    rows: list[list[object]] = []
    for r in rates(economics):
        key = "_".join(r.key.split("."))  # the words key of the rate
        status = ("rates_own" if r.changed else "rates_estimate" if r.estimate
                  else "rates_sourced")
        rows.append([t(f"rate_{key}", lang), value_text(r, lang),
                     "" if r.price_year is None else str(r.price_year),
                     "–" if r.changed else t(f"rate_src_{key}", lang), t(status, lang)])
    return rows


def rates_section(economics: Economics, lang: str, suffix: str = "") -> Section:
    """The section: the table, that wages and rates stay at the price year's level over
    the years run, and what the cash benefit leaves out."""
    year = economics.price_year
    sec = Section("rates", t("rates_title", lang) + suffix, t("rates_intro", lang, year=year))
    sec.add_html(table_html(rate_rows(economics, lang),
                            [t(f"rates_col_{c}", lang)
                             for c in ("rate", "value", "year", "source", "status")],
                            numeric={1, 2}))
    sec.add_html(f"<p>{esc(t('rates_wages_held', lang, year=year))}</p>")
    sec.add_html(f"<p>{esc(t('rates_left_out', lang))}</p>")
    return sec
