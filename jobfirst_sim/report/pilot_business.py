"""The pilot page's business case: what the design the pilot tests and the pilot itself
would cost each payer, in Danish or English.

Why apart from :mod:`jobfirst_sim.report.pilot`: that page is about power; the kroner come
from :mod:`jobfirst_sim.decide.business.of_pilot` and are drawn with the same block every
decision page uses (:func:`jobfirst_sim.report.business.business_years_section`), plus one
table setting the pilot's cost beside the design's. Amounts in mio. kr. with one decimal.
"""

from __future__ import annotations

from jobfirst_sim import fmt
from jobfirst_sim.decide.business.case import YearCase
from jobfirst_sim.decide.business.of_pilot import (
    PilotCost,
    PlanView,
    pilot_case,
    pilot_costs,
)
from jobfirst_sim.decide.business.payers import PAYERS
from jobfirst_sim.report.business import business_years_section, mio, terminal_lines
from jobfirst_sim.report.figdata import Figure
from jobfirst_sim.report.html import Section, esc, table_html
from jobfirst_sim.report.labels import arm_name, t


def _names(plan: PlanView, lang: str) -> dict[str, str]:
    req = plan.request
    return {"frm": arm_name(req.arm_from, lang, req.scenario),
            "to": arm_name(req.arm_to, lang, req.scenario)}


def in_short(plan: PlanView, lang: str, case: YearCase | None = None) -> list[str]:
    """The "In short" lines: the design's net cost a year for the municipality and the
    public sector, and each unit's pilot at its chosen size (none without books)."""
    case = case if case is not None else pilot_case(plan)
    if case is None or plan.books is None:
        return []
    out = [t("trp_design_year", lang, n=fmt.number(plan.books.citizens, lang, 0),
             weeks=sum(case.weeks), **_names(plan, lang),
             **{p: mio(case.a_year(p), lang, signed=True) for p in ("municipality", "public")})]
    for cost in pilot_costs(plan, case):
        out.append(_pilot_line(cost, lang))
    return out


def _pilot_line(cost: PilotCost, lang: str) -> str:
    line = t("trp_pilot_year", lang, size=fmt.number(cost.size, lang, 0),
             unit=t(f"pilot_unit_{cost.unit}", lang),
             half=fmt.number(cost.on_new_design, lang, 0),
             **{p: mio(cost.per_year[p], lang, signed=True)
                for p in ("municipality", "public")})
    return line if cost.reached else f"{line} {t('trp_largest', lang)}"


def cost_rows(plan: PlanView, case: YearCase, lang: str
              ) -> tuple[list[str], list[list[object]]]:
    """The table: per payer the design's net cost a year and present value, and each
    unit's pilot a year."""
    costs = pilot_costs(plan, case)
    header = [" ", t("trp_col_design_year", lang), t("trp_col_design_pv", lang),
              *(t("trp_col_pilot", lang, n=fmt.number(c.size, lang, 0),
                  unit=t(f"pilot_unit_short_{c.unit}", lang).lower()) for c in costs)]
    rows: list[list[object]] = [
        [t(f"biz_payer_{p}", lang), mio(case.a_year(p), lang, signed=True),
         mio(case.payers[p].present_value.mean, lang, signed=True),
         *(mio(c.per_year[p], lang, signed=True) for c in costs)]
        for p in PAYERS]
    return header, rows


def sections(plan: PlanView, lang: str) -> tuple[list[Section], list[Figure]]:
    """The pilot's cost beside the design's, then the design's case by payer and year
    (the profile, the tornado and the switching values); nothing without books."""
    case = pilot_case(plan)
    if case is None:
        return [], []
    sec = Section("pilot_business", t("trp_title", lang),
                  t("trp_intro", lang, **_names(plan, lang)))
    sec.add_html("".join(f"<p>{esc(s)}</p>" for s in in_short(plan, lang, case)))
    sec.add_html(f"<h3>{esc(t('trp_table', lang))}</h3>")
    header, rows = cost_rows(plan, case, lang)
    sec.add_html(table_html(rows, header, numeric=set(range(1, len(header)))))
    years, figures = business_years_section(case, lang,
                                            plan.request.scenario.economics.price_year)
    return [sec, years], figures


def terminal(plan: PlanView, lang: str) -> list[str]:
    """The kroner for the terminal: the "In short" lines and the case by payer."""
    case = pilot_case(plan)
    if case is None:
        return []
    return [*in_short(plan, lang, case), *terminal_lines(case, lang)]
