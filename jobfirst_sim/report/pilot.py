"""The page and terminal table of ``jobfirst pilot``: how large and how long a pilot must be.

Why apart from :mod:`jobfirst_sim.decide.pilot`: the simulation of pilots is pure
computation and must stay importable without plotly or rich; this module turns a
:class:`~jobfirst_sim.decide.pilot.PilotPlan` into what a manager reads: an "In short"
sentence per randomisation unit ("With 400 citizens randomised one by one, a pilot would
detect the expected difference of 7 points 85 % of the time by week 78"), power curves by
size and by week with the target line, the minimum detectable effect against the expected
difference, the clustering in words, the table, and what the pilot and the design would
cost each payer (:mod:`jobfirst_sim.report.pilot_business`). The page reuses the report's layout
(:mod:`jobfirst_sim.report.html`): plotly.js embedded once, nothing fetched from the
network, written atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from jobfirst_sim import fmt
from jobfirst_sim.decide.pilot import UNIT_TEAM, UNITS, PilotPlan
from jobfirst_sim.report.figdata import Fig, Figure, error_bars, trace
from jobfirst_sim.report.figures import style
from jobfirst_sim.report.figures.base import OKABE_ITO
from jobfirst_sim.report.html import Section, esc, render_page, table_html, write_atomic
from jobfirst_sim.report.labels import arm_name as arm_label
from jobfirst_sim.report.labels import check_lang, t
from jobfirst_sim.report.pilot_business import in_short as business_short
from jobfirst_sim.report.pilot_business import sections as business_sections
from jobfirst_sim.report.pilot_business import terminal as business_terminal
from jobfirst_sim.report.uncertainty import interval_sentence, leaning_sentence

if TYPE_CHECKING:
    from rich.table import Table

UNIT_COLOURS = {"citizen": OKABE_ITO["blue"], UNIT_TEAM: OKABE_ITO["vermillion"]}


def _names(plan: PilotPlan, lang: str) -> dict[str, str]:
    req = plan.request
    return {"frm": arm_label(req.arm_from, lang, req.scenario),
            "to": arm_label(req.arm_to, lang, req.scenario)}


def _pp(x: float, lang: str) -> str:
    """A difference of shares in percentage points, without sign (n/a when missing)."""
    return fmt.points(abs(x), lang, 1, signed=False, unit=False, missing="n/a")


def _pct(x: float, lang: str) -> str:
    return fmt.percent(x, lang, 0, missing="n/a")


def sentences(plan: PilotPlan, lang: str) -> list[str]:
    """The "In short" sentences: per unit the smallest size that reaches the target power
    at the chosen week (or the best that was tried) and from when it holds; then the
    expected levels and the clustering."""
    req, names = plan.request, _names(plan, lang)
    rows = plan.at_week()
    if rows.empty:
        return []
    out: list[str] = []
    for unit in req.units:
        mine = rows[rows["unit"] == unit].sort_values("size")
        if mine.empty:
            continue
        unit_words = t(f"pilot_unit_{unit}", lang)
        hits = mine[mine["power"] >= req.power]
        best = hits.iloc[0] if not hits.empty else mine.iloc[-1]
        out.append(t("pilot_sentence", lang, n=fmt.number(best["size"], lang, 0), unit=unit_words,
                     effect=_pp(best["effect"], lang), power=_pct(best["power"], lang),
                     week=req.week))
        if hits.empty:
            out.append(t("pilot_none_reaches", lang, target=_pct(req.power, lang),
                         week=req.week, unit=unit_words, n=fmt.number(best["size"], lang, 0),
                         power=_pct(best["power"], lang)))
        elif np.isfinite(best["detectable_week"]):
            out.append(t("pilot_detectable", lang, week=int(best["detectable_week"]),
                         target=_pct(req.power, lang)))
    first = rows.iloc[0]
    out.append(t("pilot_levels", lang, week=req.week, p_from=_pct(first["p_from"], lang),
                 p_to=_pct(first["p_to"], lang), **names))
    if round(float(first["effect"]), 12) == 0:
        out.append(t("pilot_no_difference", lang, week=req.week, alpha=_pct(req.alpha, lang),
                     **names))
    team = rows[rows["unit"] == UNIT_TEAM]
    if not team.empty:
        row = team.iloc[-1]
        # an estimate that rounds to 0 or below is no clustering (and is shown as 0.000,
        # not -0.000)
        icc = round(float(row["icc"]), 3) + 0.0
        key = "pilot_clustering" if icc > 0 or not np.isfinite(icc) else "pilot_no_clustering"
        if req.icc is not None:
            key = "pilot_assumed_icc"
        out.append(t(key, lang, icc=fmt.number(icc, lang, 3, missing="n/a"), week=req.week,
                     size=fmt.number(plan.caseload, lang, 0),
                     de=fmt.number(row["design_effect"], lang, 2, missing="n/a")))
    return out


def uncertainty_sentences(plan: PilotPlan, lang: str) -> list[str]:
    """What the page's numbers hold: under ``parameters`` that the power is averaged over
    the ensemble's members; then the headline's interval sentence (parameters, or noise
    only) and the parameters the answer leans on."""
    if not plan.headline:
        return []
    out = []
    if plan.headline.get("uncertainty") == "parameters":
        out.append(t("pilot_power_members", lang, members=plan.headline.get("members")))
    out.append(interval_sentence(plan.headline, lang))
    leaning = leaning_sentence(plan.leans_on, lang)
    return [*out, leaning] if leaning else out


def fig_power_by_size(plan: PilotPlan, lang: str) -> Figure:
    """Power at the chosen week against the pilot's size: simulated (with ±2 Monte Carlo
    errors) and formula, one colour per unit, and the target line."""
    req = plan.request
    rows = plan.at_week()
    fig = Fig()
    for unit in req.units:
        mine = rows[rows["unit"] == unit].sort_values("size")
        name = t(f"pilot_unit_short_{unit}", lang)
        colour = UNIT_COLOURS[unit]
        err = 2 * mine["power_mcse"]
        fig.add_trace(trace(
            "scatter", x=mine["size"], y=100 * mine["power"], mode="lines+markers",
            name=f"{name} ({t('pilot_simulated', lang)})", line={"color": colour},
            error_y=error_bars(100 * mine["power"], 100 * (mine["power"] - err),
                               100 * (mine["power"] + err), colour=colour),
            hovertemplate="%{x}: %{y:.0f} %<extra></extra>"))
        fig.add_trace(trace(
            "scatter", x=mine["size"], y=100 * mine["formula_power"], mode="lines",
            name=f"{name} ({t('pilot_formula', lang)})",
            line={"color": colour, "dash": "dash"}))
    _target(fig, req.power, lang)
    fig.update_xaxes(title_text=t("pilot_size", lang))
    fig.update_yaxes(title_text=t("pilot_power", lang) + " (%)", range=[0, 102])
    return style(fig, lang, t("pilot_power_by_size", lang, week=req.week))


def fig_power_by_week(plan: PilotPlan, lang: str) -> Figure:
    """Power week by week, one curve per size, one panel per unit, and the target line."""
    req = plan.request
    units = list(req.units)
    fig = Fig.grid(1, len(units), shared_yaxes=True,
                   subplot_titles=[t(f"pilot_unit_short_{u}", lang) for u in units])
    sizes = sorted(plan.table["size"].unique())
    shades = _shades(len(sizes))
    for c, unit in enumerate(units, start=1):
        for size, colour in zip(sizes, shades, strict=True):
            mine = plan.table[(plan.table["unit"] == unit) & (plan.table["size"] == size)]
            fig.add_trace(trace(
                "scatter", x=mine["week"], y=100 * mine["power"], mode="lines",
                name=fmt.number(size, lang, 0), legendgroup=str(size), showlegend=c == 1,
                line={"color": colour},
                hovertemplate=f"{fmt.number(size, lang, 0)}: " + "%{y:.0f} %<extra></extra>"),
                row=1, col=c)
        _target(fig, req.power, lang, row=1, col=c)
        fig.update_xaxes(row=1, col=c, title_text=t("pilot_week", lang))
    fig.update_yaxes(row=1, col=1, title_text=t("pilot_power", lang) + " (%)", range=[0, 102])
    return style(fig, lang, t("pilot_power_by_week", lang), height=460)


def fig_mde(plan: PilotPlan, lang: str) -> Figure:
    """The minimum detectable effect at the target power by size, per unit, against the
    difference the model expects (horizontal line)."""
    req = plan.request
    rows = plan.at_week()
    fig = Fig()
    for unit in req.units:
        mine = rows[rows["unit"] == unit].sort_values("size")
        fig.add_trace(trace(
            "scatter", x=mine["size"], y=100 * mine["mde"], mode="lines+markers",
            name=t(f"pilot_unit_short_{unit}", lang), line={"color": UNIT_COLOURS[unit]}))
    if not rows.empty:
        effect = abs(float(rows["effect"].iloc[0]))
        fig.add_hline(y=100 * effect, line={"dash": "dot", "color": "#555"},
                      annotation_text=f"{t('pilot_expected', lang)}: {_pp(effect, lang)}")
    fig.update_xaxes(title_text=t("pilot_size", lang))
    fig.update_yaxes(title_text=t("pilot_pp", lang), rangemode="tozero")
    return style(fig, lang, t("pilot_mde", lang))


def _target(fig: Fig, power: float, lang: str, row: int | None = None,
            col: int | None = None) -> None:
    fig.add_hline(y=100 * power, row=row, col=col, line={"dash": "dot", "color": "#222"},
                  annotation_text=t("pilot_target_line", lang, target=_pct(power, lang)))


def _shades(k: int) -> list[str]:
    """``k`` blues from light (small pilots) to dark (large), readable in greyscale."""
    light, dark = np.array([0xa6, 0xcb, 0xe3]), np.array([0x08, 0x30, 0x6b])
    steps = np.linspace(0, 1, max(k, 2))[:k] if k > 1 else np.array([1.0])
    return ["#" + "".join(f"{int(v):02x}" for v in light + (dark - light) * s) for s in steps]


def table_rows(plan: PilotPlan, lang: str) -> tuple[list[str], list[list[Any]]]:
    """The table at the chosen week: header and rows (words in ``lang``)."""
    rows = plan.at_week().sort_values(["unit", "size"], key=_unit_order)
    header = [t(f"pilot_col_{k}", lang) for k in ("size", "unit", "citizens", "clusters",
                                                   "power", "mcse", "formula", "mde", "week")]
    body = [[fmt.number(r["size"], lang, 0), t(f"pilot_unit_short_{r['unit']}", lang),
             fmt.number(r["n_citizens"], lang, 0),
             fmt.number(r["n_clusters"], lang, 1) if r["unit"] == UNIT_TEAM else "–",
             _pct(r["power"], lang), _pct(r["power_mcse"], lang),
             _pct(r["formula_power"], lang), fmt.number(100 * r["mde"], lang, 1, missing="n/a"),
             str(int(r["detectable_week"])) if np.isfinite(r["detectable_week"])
             else t("pilot_never", lang)]
            for r in rows.to_dict("records")]
    return header, body


def _unit_order(col: pd.Series) -> pd.Series:
    return col.map({u: i for i, u in enumerate(UNITS)}) if col.name == "unit" else col


def build_html(plan: PilotPlan, lang: str = "da") -> tuple[str, list[Figure]]:
    """The page and its figures (figures returned for tests)."""
    check_lang(lang)
    req, names = plan.request, _names(plan, lang)
    title = t("pilot_title", lang, **names)
    subtitle = t("pilot_subtitle", lang, cohort=fmt.number(plan.cohort, lang, 0),
                 benefit=t("pilot_benefit_all" if req.benefit == "all" else req.benefit, lang),
                 pilots=req.pilots, alpha=fmt.number(req.alpha, lang, 2), seed=req.seed,
                 **names)
    summary = Section("summary", t("pilot_summary", lang))
    text = sentences(plan, lang)
    if text:
        summary.add_html(f'<p class="headline"><strong>{esc(text[0])}</strong></p>')
        summary.add_html("".join(f"<p>{esc(s)}</p>" for s in text[1:]))
    summary.add_html("".join(f'<p class="uncertainty">{esc(s)}</p>'
                             for s in uncertainty_sentences(plan, lang)))
    target = _pct(req.power, lang)
    by_size, by_week, mde = (fig_power_by_size(plan, lang), fig_power_by_week(plan, lang),
                             fig_mde(plan, lang))
    s1 = Section("power_by_size", t("pilot_power_by_size", lang, week=req.week),
                 t("pilot_power_by_size_intro", lang, target=target))
    s1.add_figure("pilot_power_by_size", by_size)
    s2 = Section("power_by_week", t("pilot_power_by_week", lang),
                 t("pilot_power_by_week_intro", lang, target=target))
    s2.add_figure("pilot_power_by_week", by_week)
    s3 = Section("mde", t("pilot_mde", lang), t("pilot_mde_intro", lang, target=target))
    s3.add_figure("pilot_mde", mde)
    s4 = Section("table", t("pilot_table", lang))
    header, body = table_rows(plan, lang)
    s4.add_html(table_html(body, header, numeric={0, 2, 3, 4, 5, 6, 7}, wrap=True))
    if UNIT_TEAM in req.units:
        s4.add_html(f"<p>{esc(t('pilot_few_clusters', lang))}</p>")
    money, money_figs = business_sections(plan, lang)
    summary.add_html("".join(f"<p>{esc(s)}</p>"  # the design's cost, the first pilot's
                             for s in business_short(plan, lang)[:2]))
    method = Section("method", t("pilot_method", lang))
    method.add_html(f"<p>{esc(t('pilot_method_text', lang, **names))}</p>")
    page = render_page(title, subtitle, lang, [summary, s1, s2, s3, s4, *money, method])
    return page, [by_size, by_week, mde, *money_figs]


def write_html(plan: PilotPlan, path: Path, lang: str = "da") -> Path:
    """Write ``pilot.html`` atomically (self-contained, works offline)."""
    page, _ = build_html(plan, lang)
    return write_atomic(Path(path), page)


def terminal_table(plan: PilotPlan, lang: str = "da") -> Table:
    """The table ``jobfirst pilot`` prints (rich), titled with the first sentence."""
    from rich.table import Table

    header, body = table_rows(plan, lang)
    table = Table(title=t("pilot_title", lang, **_names(plan, lang)) + f" · "
                  f"{t('pilot_week', lang).lower()} {plan.request.week}")
    for i, h in enumerate(header):
        table.add_column(h, justify="left" if i == 1 else "right")
    for row in body:
        table.add_row(*(str(v) for v in row))
    return table


def terminal_text(plan: PilotPlan, lang: str = "da") -> str:
    """The "In short" sentences for the terminal, one per line, then the kroner."""
    lines = [*sentences(plan, lang), *uncertainty_sentences(plan, lang),
             *business_terminal(plan, lang)]
    return "\n".join(f"{t('pilot_summary', lang)}: {s}" if i == 0 else f"  {s}"
                     for i, s in enumerate(lines))
